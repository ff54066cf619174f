"""Opening, refusing, migrating and writing the database."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from tracker.domain.models import DayMark, Schedule
from tracker.store import (
    DamagedFile,
    DuplicateHabit,
    NewerVersion,
    NotATrackerFile,
    Store,
    StoreError,
    UnknownHabit,
)
from tracker.store.file_id import APPLICATION_ID, SCHEMA_VERSION

DAY = date(2026, 3, 2)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_is_private_wal_and_versioned(db_path: Path) -> None:
    Store(db_path).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == ["m001_initial", "m002_level_numbers_and_declined_checkins", "m003_sync",
                       "m004_times_in_days", "m005_sync_documents",
                       "m006_steps_planned_on", "m007_habit_step", "m008_pauses"]
    from tracker.store.migrations import migrations

    assert len(applied) == SCHEMA_VERSION == len(migrations._migrations)


def test_the_week_query_uses_the_day_index(store: Store) -> None:
    plan = " ".join(r[-1] for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM entries WHERE day BETWEEN '2026-01-01' AND "
        "'2026-01-07'"))
    assert "entries_by_day" in plan


@pytest.mark.parametrize("content", [
    b"hello, this is a text file\n" * 10,
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 200,
    b"SQLite format 3\x00" + b"\xff" * 2000,
])
def test_files_that_are_not_tracker_databases_are_refused_untouched(
        tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises((NotATrackerFile, DamagedFile), match="left untouched"):
        Store(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_truncated_database_is_refused_untouched(tmp_path: Path, db_path: Path) -> None:
    opened = Store(db_path)
    opened.habits.add("Read", "one page", created=DAY)
    opened.close()
    broken = tmp_path / "broken.db"
    broken.write_bytes(db_path.read_bytes()[:1500])
    before = digest(broken)
    with pytest.raises(StoreError):
        Store(broken).habits.all()
    assert digest(broken) == before


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotATrackerFile, match="another program"):
        Store(path)
    assert digest(path) == before


def test_a_newer_tracker_file_is_refused_untouched(db_path: Path) -> None:
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = digest(db_path)
    with pytest.raises(NewerVersion, match="newer tracker"):
        Store(db_path)
    assert digest(db_path) == before


def test_an_older_file_is_copied_before_migrating(tmp_path: Path, db_path: Path) -> None:
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM _sqlite_migrations")
    for table in ("settings", "sync_log", "sync_seen", "sync_docs", "sync_tombstones"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP TABLE pauses")
    conn.execute("DROP TABLE checkins_declined")
    conn.execute("DROP TABLE habit_sources")
    conn.execute("DROP TABLE reviews")
    conn.execute("DROP TABLE checkins")
    conn.execute("DROP TABLE steps")
    conn.execute("DROP TABLE entries")
    conn.execute("DROP TABLE ladder")
    conn.execute("DROP TABLE habits")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    Store(db_path).close()
    copies = [p.name for p in tmp_path.iterdir()
              if f".before-schema-{SCHEMA_VERSION}-" in p.name]
    assert len(copies) == 1
    assert stat.S_IMODE((tmp_path / copies[0]).stat().st_mode) == 0o600


def test_an_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    Store(path).close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_version_1_database_gains_level_numbers_and_keeps_everything(tmp_path: Path) -> None:
    """Written by the first schema: migrated in place, a copy kept, nothing lost."""
    from sqlite_utils import Database, Migrations

    from tracker.store.migrations import m001_initial

    first_only = Migrations("tracker")
    first_only()(m001_initial)

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = WAL")
    first_only.apply(Database(conn))
    conn.execute("INSERT INTO habits (name, minimum, created) VALUES ('Read', 'a page', "
                 "'2026-01-01')")
    conn.execute("INSERT INTO entries VALUES (1, '2026-03-02', 'full', 12, 'good')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = Store(path)
    habit = store.habits.find("Read")
    assert habit.min_amount is None and not habit.at_most and not habit.uses_amounts
    assert store.days.entry(habit.id, date(2026, 3, 2)) is not None
    store.close()
    assert [p for p in tmp_path.iterdir() if f".before-schema-{SCHEMA_VERSION}-" in p.name]
    conn = sqlite3.connect(path)  # every habit gained its stable identity for sync
    assert conn.execute("SELECT length(uuid) FROM habits").fetchall() == [(32,)]
    conn.close()


def test_a_folder_or_unwritable_place_gets_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        if not (locked / "probe").parent.stat().st_mode & 0o200 or _is_root():
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(StoreError, match="cannot create"):
            Store(locked / "sub" / "tracker.db")
    finally:
        locked.chmod(0o700)


def _is_root() -> bool:
    import os

    return os.geteuid() == 0


def test_habits_add_find_edit_archive_and_move(store: Store) -> None:
    read = store.habits.add("Read", "one page", created=DAY, unit="pages")
    walk = store.habits.add(" Walk\n", "step outside", created=DAY,
                            schedule=Schedule.parse_days("mon,fri"))
    assert walk.name == "Walk" and walk.schedule.days == frozenset({0, 4})
    assert store.habits.find("read").id == read.id
    with pytest.raises(DuplicateHabit):
        store.habits.add("READ", "x", created=DAY)
    with pytest.raises(UnknownHabit) as info:
        store.habits.find("Raed")
    assert info.value.close == ["Read"]
    store.habits.update(read, date(2026, 3, 9), minimum="two pages", unit="pages")
    assert [r.text for r in store.habits.ladder(read.id)] == ["one page", "two pages"]
    store.habits.move(walk, -1)
    assert [h.name for h in store.habits.all()] == ["Walk", "Read"]
    store.habits.set_archived(walk)
    assert [h.name for h in store.habits.all()] == ["Read"]
    assert len(store.habits.all(include_archived=True)) == 2


def test_habits_need_a_name_and_a_minimum(store: Store) -> None:
    with pytest.raises(StoreError, match="name"):
        store.habits.add("  ", "x", created=DAY)
    with pytest.raises(StoreError, match="minimum"):
        store.habits.add("Read", " ", created=DAY)


def test_entries_keep_notes_when_the_status_changes_or_is_undone(store: Store) -> None:
    read = store.habits.add("Read", "one page", full="20 pages", created=DAY)
    store.days.record(read.id, DAY, "full", amount=12, note="good book")
    store.days.record(read.id, DAY, "minimum")
    entry = store.days.entry(read.id, DAY)
    assert entry is not None and (entry.status, entry.amount, entry.note) == (
        "minimum", 12, "good book")
    store.days.record(read.id, DAY, None)
    kept = store.days.entry(read.id, DAY)
    assert kept is not None and kept.status is None and kept.note == "good book"
    store.days.record(read.id, DAY, None, amount=None, note="")
    assert store.days.entry(read.id, DAY) is None


def test_statuses_between_holds_every_status_of_the_span(sample_store: Store) -> None:
    """The compact read of older weeks has the same days and statuses as the full one,
    leaves out days with only a note, and stays inside the span."""
    first, last = date(2026, 1, 12), date(2026, 3, 1)
    read = sample_store.habits.find("Read").id
    sample_store.days.record(read, date(2026, 2, 2), None, note="just a note")
    sample_store.days.record(read, date(2026, 1, 11), "full")  # the day before the span
    full = sample_store.days.entries_between(first, last)
    compact = sample_store.days.statuses_between(first, last)
    expected = {habit: {day: e.status for day, e in days.items() if e.status is not None}
                for habit, days in full.items()}
    assert {habit: {day: e.status for day, e in days.items()}
            for habit, days in compact.items()} == {h: d for h, d in expected.items() if d}
    assert sum(len(days) for days in compact.values()) > 100
    assert date(2026, 2, 2) not in compact[read] and date(2026, 1, 11) not in compact[read]
    assert all(isinstance(e, DayMark) and e.amount is None and e.note == ""
               for days in compact.values() for e in days.values())


def test_steps_and_checkins(store: Store) -> None:
    step = store.days.add_step(DAY, "call mum")
    store.days.set_step_done(step.id, True)
    assert [s.done for s in store.days.steps_on(DAY)] == [True]
    store.days.check_in(DAY, "low", "go slow")
    store.days.check_in(DAY, "high")
    checkin = store.days.checkin(DAY)
    assert checkin is not None and (checkin.energy, checkin.intention) == ("high", "go slow")
    with pytest.raises(StoreError):
        store.days.check_in(DAY, "tired")  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="too long"):
        store.days.add_step(DAY, "x" * 10_001)


def test_a_failed_write_leaves_nothing_half_written(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.write() as conn:
            conn.execute("INSERT INTO checkins (day, energy) VALUES ('2026-03-02', 'ok')")
            raise RuntimeError("boom")
    assert store.days.checkin(DAY) is None


def test_two_stores_on_one_file_both_write(db_path: Path) -> None:
    first, second = Store(db_path), Store(db_path)
    read = first.habits.add("Read", "one page", full="20 pages", created=DAY)
    second.days.record(read.id, DAY, "full")
    first.days.add_step(DAY, "from the first")
    assert first.days.entry(read.id, DAY) is not None
    assert [s.text for s in second.days.steps_on(DAY)] == ["from the first"]
    first.close()
    second.close()


def test_backup_is_a_consistent_private_copy(store: Store, tmp_path: Path) -> None:
    store.habits.add("Read", "one page", created=DAY)
    copy = store.backup(tmp_path / "copy.db")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert [h.name for h in Store(copy).habits.all()] == ["Read"]


def test_a_backup_not_to_replace_leaves_a_file_made_meanwhile(store: Store,
                                                              tmp_path: Path) -> None:
    theirs = tmp_path / "copy.db"
    theirs.write_bytes(b"made meanwhile by someone else")
    with pytest.raises(FileExistsError):
        store.backup(theirs, replace=False)
    assert theirs.read_bytes() == b"made meanwhile by someone else"
    assert not [p for p in tmp_path.iterdir() if ".partial" in p.name]  # no partial left
    assert store.backup(theirs).stat().st_size > 100  # --force: replaced


def test_a_version_3_database_that_syncs_gains_the_in_days_schedule(tmp_path: Path) -> None:
    """The habits table is rebuilt for the new schedule kind: every habit, entry and
    index kept, the change log's triggers made again (and still noting changes)."""
    from sqlite_utils import Database, Migrations

    from tracker.store.migrations import (
        m001_initial,
        m002_level_numbers_and_declined_checkins,
        m003_sync,
    )
    from tracker.store.sync_log import log_triggers

    three = Migrations("tracker")
    for migration in (m001_initial, m002_level_numbers_and_declined_checkins, m003_sync):
        three()(migration)
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = WAL")
    three.apply(Database(conn))
    for statement in log_triggers(Database(conn).table_names()):
        conn.execute(statement)
    conn.execute("INSERT INTO settings VALUES ('sync.folder', '/somewhere')")
    conn.execute("INSERT INTO habits (name, minimum, created, schedule_kind, per_week) "
                 "VALUES ('Read', 'a page', '2026-01-01', 'per_week', 3)")
    conn.execute("INSERT INTO entries VALUES (1, '2026-03-02', 'full', 12, 'good')")
    conn.execute("DELETE FROM sync_log")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    (uuid,) = conn.execute("SELECT uuid FROM habits").fetchone()
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                           "'trigger'")}
    conn.close()

    store = Store(path)
    habit = store.habits.find("Read")
    assert habit.schedule == Schedule.times_per_week(3)
    assert store.days.entry(habit.id, date(2026, 3, 2)) is not None
    added = store.habits.add("Walk", "to the corner", created=date(2026, 1, 1),
                             schedule=Schedule.times_in_days(2, 10))
    assert store.habits.get(added.id).schedule == Schedule.times_in_days(2, 10)
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT uuid FROM habits WHERE name = 'Read'").fetchone() == (uuid,)
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                       "'trigger'")} == triggers | {
        "pauses_uuid", "sync_pauses_insert", "sync_pauses_update", "sync_pauses_delete"}
    assert conn.execute("SELECT count(DISTINCT key) FROM sync_log "
                        "WHERE kind = 'h'").fetchone() == (1,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):  # the CHECK still guards the kinds
        conn.execute("UPDATE habits SET schedule_kind = 'monthly'")
    conn.close()
