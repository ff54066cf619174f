"""Pauses: rest for every rule (consistency frozen, not missed; the review shows them
resting and says so), ahead allowed, ended early, undone; in the JSON export; through
sync (made on one device, ended early on the other, back again)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.unit.sync_helpers import converge, exported
from tracker.changes import Changes
from tracker.domain.pauses import read_until
from tracker.domain.rules import consistency
from tracker.io.json_format import export_document, import_document
from tracker.io.source import ImportFailed
from tracker.store import Store, StoreError
from tracker.store.sync_keys import checked

MONDAY = date(2026, 3, 9)
TODAY = date(2026, 3, 12)


def read(store: Store) -> int:
    habit = store.habits.add("Read", "one page", created=date(2026, 1, 1))
    for n in range(1, 60):
        store.days.record(habit.id, MONDAY - timedelta(days=n), "minimum")
    return habit.id


def test_a_pause_freezes_consistency_like_rest(store: Store) -> None:
    habit_id = read(store)
    habit = store.habits.get(habit_id)
    before = consistency(habit, store.history(MONDAY - timedelta(days=90), TODAY)
                         .entries_of(habit), MONDAY - timedelta(days=1), date(2026, 1, 1))
    store.pauses.add(MONDAY, MONDAY + timedelta(days=13), None, "holiday")
    history = store.history(MONDAY - timedelta(days=90), TODAY)
    entries = history.entries_of(habit)
    assert entries[MONDAY].status == "rest" and entries[TODAY].status == "rest"
    assert store.days.entry(habit_id, MONDAY) is None  # nothing written: read as rest
    after = consistency(habit, entries, TODAY, date(2026, 1, 1))
    assert after == pytest.approx(before)


def test_the_review_shows_paused_days_resting_and_says_why(store: Store) -> None:
    habit_id = read(store)
    store.days.record(habit_id, MONDAY, "minimum")  # a win on a paused day stays a win
    store.pauses.add(MONDAY, MONDAY + timedelta(days=13), habit_id, "[b]holiday[/b]")
    summary = store.week_summary(MONDAY, 0, TODAY)
    row = summary.habits[0]
    assert row.kinds[:3] == ("minimum", "rest", "rest") and row.showed_up == 1
    assert row.kinds[3:] == ("rest",) * 4  # ahead, shown resting
    notes = [(n.source, n.text) for n in summary.notes]
    assert ("Read", "paused: [b]holiday[/b], Mon 09 Mar – Sun 22 Mar") in notes
    assert not any(s.kind == "shrink" for s in summary.suggestions)


def test_today_counts_a_paused_habit_as_resting_and_shows_one_ahead(store: Store) -> None:
    habit_id = read(store)
    walk = store.habits.add("Walk", "to the door", created=date(2026, 1, 1)).id
    store.pauses.add(TODAY, TODAY + timedelta(days=2), habit_id)
    store.pauses.add(TODAY + timedelta(days=5), TODAY + timedelta(days=6), walk, "trip")
    plan = store.day_plan(TODAY)
    read_plan, walk_plan = plan.habits
    assert read_plan.paused and read_plan.resting and not walk_plan.paused
    assert walk_plan.pause is not None and walk_plan.pause.first == TODAY + timedelta(days=5)
    assert (plan.resting, plan.counted) == (1, 1)


def test_a_pause_may_lie_ahead_and_ends_early_or_is_called_off(store: Store) -> None:
    habit_id = read(store)
    changes = Changes(store)
    ahead = changes.pauses.add(date(2999, 1, 1), date(2999, 1, 20), None, "far")
    assert store.pauses.all() == [ahead]
    assert changes.pauses.end(ahead, date(2998, 12, 1)) is None  # not begun: called off
    assert store.pauses.all() == []
    changes.undo()
    assert store.pauses.all() == [ahead]
    now = changes.pauses.add(MONDAY, MONDAY + timedelta(days=13), store.habits.get(habit_id))
    ended = changes.pauses.end(now, TODAY)
    assert ended is not None and ended.last == TODAY - timedelta(days=1)
    assert store.pauses.get(now.id) == ended
    changes.undo()
    assert store.pauses.get(now.id) == now
    with pytest.raises(StoreError, match="ends on or after"):
        changes.pauses.change_span(now, now.first, MONDAY - timedelta(days=1))
    with pytest.raises(StoreError, match="at most 366 days"):
        store.pauses.add(MONDAY, MONDAY + timedelta(days=400))


def test_deleting_a_habit_takes_its_pauses_along_and_undo_brings_them_back(
        store: Store) -> None:
    habit_id = read(store)
    own = store.pauses.add(MONDAY, TODAY, habit_id, "ill")
    every = store.pauses.add(MONDAY, TODAY)
    changes = Changes(store)
    changes.habits.delete(store.habits.get(habit_id))
    assert store.pauses.all() == [every]
    changes.undo()
    assert store.pauses.all() == [own, every]
    assert store.days.entry(habit_id, MONDAY - timedelta(days=1)) is not None


def test_the_prompt_reads_a_weekday_a_date_or_a_count_then_a_note() -> None:
    assert read_until("sun holiday at the sea", TODAY) == (date(2026, 3, 15),
                                                          "holiday at the sea")
    assert read_until("thu", TODAY) == (TODAY, "")
    assert read_until("+7", TODAY) == (TODAY + timedelta(days=6), "")
    assert read_until("2026-04-01 ill", TODAY) == (date(2026, 4, 1), "ill")
    for bad in ("someday", "+0", "+9999", "2026-13-01", "\x1b[31m"):
        with pytest.raises(ValueError, match="is not a day"):
            read_until(bad, TODAY)


def test_pauses_go_through_the_json_export_and_back(store: Store, tmp_path: Path) -> None:
    habit_id = read(store)
    store.pauses.add(MONDAY, TODAY, habit_id, "ill")
    store.pauses.add(date(2026, 8, 1), date(2026, 8, 14), None, "holiday")
    document = json.loads(json.dumps(export_document(store)))
    assert document["version"] == 5
    assert document["pauses"] == [
        {"from": "2026-03-09", "to": "2026-03-12", "habit": "Read", "note": "ill"},
        {"from": "2026-08-01", "to": "2026-08-14", "habit": None, "note": "holiday"}]
    fresh = Store(tmp_path / "fresh.db")
    try:
        report = import_document(fresh, document)
        assert report.pauses == 2
        assert exported(fresh)["pauses"] == document["pauses"]
        again = import_document(fresh, document)  # idempotent
        assert again.pauses == 0 and again.skipped["pauses already here"] == 2
    finally:
        fresh.close()


@pytest.mark.parametrize("bad", [
    {"from": "2026-03-09"}, {"from": "2026-03-09", "to": "2026-03-01"},
    {"from": "2026-03-09", "to": "2026-03-10", "note": "x" * 300}, "a pause"])
def test_a_bad_pause_in_a_file_is_refused_with_its_place(store: Store, bad: object) -> None:
    document = export_document(store)
    document["pauses"] = [bad]
    with pytest.raises(ImportFailed, match=r"pauses\[0\]"):
        import_document(store, document)
    assert store.pauses.all() == []


def test_an_older_file_reads_without_pauses(store: Store) -> None:
    read(store)
    document = export_document(store)
    document["version"] = 4
    del document["pauses"]
    fresh_report = import_document(store, document)
    assert fresh_report.pauses == 0 and store.pauses.all() == []


def test_a_pause_travels_and_its_early_end_travels_back(devices) -> None:
    laptop, desk = devices("laptop"), devices("desk")
    habit = laptop.habits.add("Read", "one page", created=date(2026, 1, 1))
    converge(laptop, desk)
    Changes(laptop).pauses.add(MONDAY, MONDAY + timedelta(days=13), habit, "holiday")
    Changes(laptop).pauses.add(date(2026, 4, 1), date(2026, 4, 3), None)
    converge(laptop, desk)
    there = desk.pauses.all()
    assert [(p.first, p.last, p.note) for p in there] == [
        (MONDAY, MONDAY + timedelta(days=13), "holiday"), (date(2026, 4, 1), date(2026, 4, 3), "")]
    assert there[0].habit_id == desk.habits.find("Read").id and there[1].habit_id is None
    Changes(desk).pauses.end(there[0], TODAY)  # back early, on the other device
    converge(desk, laptop)
    assert [p.last for p in laptop.pauses.all()] == [TODAY - timedelta(days=1),
                                                     date(2026, 4, 3)]
    Changes(laptop).pauses.end(laptop.pauses.all()[1], date(2026, 3, 20))  # called off
    converge(laptop, desk)
    assert len(desk.pauses.all()) == 1
    assert exported(laptop)["pauses"] == exported(desk)["pauses"]


def test_a_pause_whose_first_day_moves_to_another_month_travels_as_one(devices) -> None:
    """A pause lives in the document of its first day's month: moved there, it is a new
    pause in that month and none is left in the other (undo likewise)."""
    laptop, desk = devices("laptop"), devices("desk")
    habit = laptop.habits.add("Read", "one page", created=date(2026, 1, 1))
    changes = Changes(laptop)
    made = changes.pauses.add(date(2026, 3, 28), date(2026, 4, 5), habit, "sea")
    converge(laptop, desk)
    moved = changes.pauses.change_span(made, date(2026, 3, 25), date(2026, 4, 5))  # same month
    converge(laptop, desk)
    assert [(p.first, p.last) for p in desk.pauses.all()] == [(moved.first, moved.last)]
    later = changes.pauses.change_span(moved, date(2026, 4, 2), date(2026, 4, 9))  # April now
    converge(laptop, desk)
    assert [(p.first, p.last, p.note) for p in desk.pauses.all()] == [
        (date(2026, 4, 2), date(2026, 4, 9), "sea")]
    assert laptop.pauses.all()[0].id == later.id  # the same pause here, for undo
    changes.undo()
    converge(laptop, desk)
    assert [(p.first, p.last) for p in desk.pauses.all()] == [(moved.first, moved.last)]
    assert exported(laptop)["pauses"] == exported(desk)["pauses"]


@pytest.mark.parametrize(("key", "value"), [
    ("p/" + "a" * 32 + "/first", '"2026-04-01"'),  # a day of another month
    ("p/" + "a" * 32 + "/note", json.dumps("x" * 300)),
    ("p/" + "a" * 32 + "/habit", '"not-a-uuid"'),
    ("p/" + "a" * 32 + "/colour", '"red"')])
def test_what_tracker_never_writes_in_a_pause_is_refused(key: str, value: str) -> None:
    with pytest.raises(ValueError):
        checked("2026-03", key, value)
    assert checked("2026-03", "p/" + "a" * 32 + "/last", '"2026-05-02"') == "2026-05-02"


def test_pauses_made_one_come_back_apart_with_undo(store: Store) -> None:
    habit = store.habits.get(read(store))
    changes = Changes(store)
    a = changes.pauses.add(date(2026, 3, 2), date(2026, 3, 4), habit, "ill")
    b = changes.pauses.add(date(2026, 3, 9), date(2026, 3, 11), habit, "trip")
    one = changes.pauses.merge([b, a], date(2026, 3, 1), date(2026, 3, 12))
    assert store.pauses.all() == [one] and (one.id, one.note) == (a.id, "ill")
    changes.undo()
    assert [(p.first, p.last, p.note) for p in store.pauses.all()] == [
        (a.first, a.last, "ill"), (b.first, b.last, "trip")]


def test_pauses_one_after_another_say_until_the_last_of_them(store: Store) -> None:
    habit_id = read(store)
    store.pauses.add(TODAY - timedelta(days=1), TODAY + timedelta(days=2))  # every habit
    store.pauses.add(TODAY + timedelta(days=1), TODAY + timedelta(days=5), habit_id, "sea")
    store.pauses.add(TODAY + timedelta(days=6), TODAY + timedelta(days=7), habit_id, "cold")
    store.pauses.add(TODAY + timedelta(days=12), TODAY + timedelta(days=13), habit_id)
    (plan,) = store.day_plan(TODAY).habits
    assert plan.paused and plan.paused_through == TODAY + timedelta(days=7)
    from tracker.ui.widgets.habit_row import habit_cells

    assert f"on pause until {TODAY + timedelta(days=7):%a %d %b}" in habit_cells(plan)[1].plain
