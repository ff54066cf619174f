"""Sync loses nothing a person enters: removals travel, fields of one record merge apart,
a device's lost, older or copied documents never undo newer changes, one import on two
devices is one set of habits, names told apart are not renames, conflict copies are
left alone."""

from __future__ import annotations

import shutil
import socket
from datetime import date
from pathlib import Path

import pytest

from tests.unit.sync_helpers import converge, exported, own
from tracker.domain.models import Decision
from tracker.io.json_format import import_document
from tracker.store import Store
from tracker.sync.run import sync

DAY = date(2026, 11, 30)




@pytest.fixture
def pair(devices):
    laptop, desk = devices("laptop"), devices("desk")
    habit = laptop.habits.add("Read", "one page", full="a chapter", stretch="two chapters",
                              created=date(2026, 1, 1), unit="pages")
    converge(laptop, desk)
    return laptop, desk, habit.id, desk.habits.find("Read").id


# 1. Removals travel ---------------------------------------------------------------------
def test_an_undone_mark_a_deleted_step_and_a_cleared_checkin_travel(pair) -> None:
    laptop, desk, here, there = pair
    laptop.days.record(here, DAY, "full")
    step = laptop.days.add_step(DAY, "call mum")
    laptop.days.check_in(DAY, "low", "rest")
    converge(laptop, desk)
    assert desk.days.entry(there, DAY) is not None and desk.days.steps_on(DAY)
    laptop.days.record(here, DAY, None)  # a mis-tap corrected
    laptop.days.delete_step(step.id)
    laptop.days.put_checkin(DAY, None, laptop.days.checkin(DAY))
    report = sync(laptop)
    assert report.sent >= 3
    converge(desk, laptop)
    for store, habit in ((desk, there), (laptop, here)):
        assert store.days.entry(habit, DAY) is None
        assert store.days.steps_on(DAY) == []
        assert store.days.checkin(DAY) is None
    assert exported(desk) == exported(laptop)


# 2. A device's own documents never undo newer changes -----------------------------------
def test_a_lost_own_folder_does_not_revert_what_others_changed(pair) -> None:
    laptop, desk, here, there = pair
    laptop.days.record(here, DAY, "full", note="first")
    converge(laptop, desk)
    for trial in range(10):  # the same every time: no values written again as new
        desk.days.record(there, DAY, "stretch", note=f"desk {trial}")
        desk.habits.update(desk.habits.get(there), DAY, unit=f"pages {trial}")
        sync(desk)
        shutil.rmtree(own(laptop))
        converge(laptop, desk)
        for store, habit in ((laptop, here), (desk, there)):
            entry = store.days.entry(habit, DAY)
            assert entry is not None and (entry.status, entry.note) == ("stretch",
                                                                        f"desk {trial}")
            assert store.habits.get(habit).unit == f"pages {trial}"


def test_an_older_copy_of_an_own_month_file_deletes_nothing(pair) -> None:
    laptop, desk, here, there = pair
    month = own(laptop) / f"{DAY:%Y-%m}.trsync"
    laptop.days.record(here, DAY.replace(day=1), "full")
    sync(laptop)
    older = month.read_bytes()  # git checkout of an older commit, a restored folder
    laptop.days.record(here, DAY.replace(day=2), "minimum")
    laptop.days.record(here, DAY.replace(day=3), "full", note="kept")
    sync(laptop)
    month.write_bytes(older)  # comes back before the desk has read the newer one
    converge(laptop, desk)
    for store, habit in ((laptop, here), (desk, there)):
        days = store.days.entries_of(habit, DAY.replace(day=1), DAY)
        assert sorted(d.day for d in days) == [1, 2, 3]


def test_a_copied_database_is_a_device_of_its_own_and_reverts_nothing(
        tmp_path: Path, pair) -> None:
    laptop, desk, here, there = pair
    laptop.days.record(here, DAY, "full", note="laptop")
    converge(laptop, desk)
    laptop.backup(tmp_path / "carried.db")
    desk.days.record(there, DAY, "minimum", note="desk, later")
    sync(desk)
    carried = Store(tmp_path / "carried.db")
    sync(carried)
    assert carried.sync.setting("sync.device") != laptop.sync.setting("sync.device")
    converge(carried, desk, laptop)
    for store in (carried, desk, laptop):
        entry = store.days.entry(store.habits.find("Read").id, DAY)
        assert entry is not None and entry.note == "desk, later"
    assert exported(carried) == exported(desk) == exported(laptop)
    carried.close()


def test_a_database_restored_in_place_keeps_what_it_had_sent(tmp_path: Path, pair) -> None:
    laptop, desk, here, there = pair
    laptop.backup(tmp_path / "before.db")
    laptop.days.record(here, DAY, "full", note="sent after the backup")
    sync(laptop)
    path = laptop.path
    laptop.close()
    for companion in path.parent.glob(path.name + "*"):
        companion.unlink()
    shutil.copy(tmp_path / "before.db", path)
    restored = Store(path)
    desk.days.record(there, DAY.replace(day=1), "minimum")
    converge(restored, desk)
    for store in (restored, desk):
        entry = store.days.entry(store.habits.find("Read").id, DAY)
        assert entry is not None and entry.note == "sent after the backup"
    assert exported(restored) == exported(desk)
    restored.close()


def test_a_new_host_name_is_the_same_device(pair, monkeypatch: pytest.MonkeyPatch) -> None:
    laptop, desk, here, _ = pair
    device = laptop.sync.setting("sync.device")
    monkeypatch.setattr(socket, "gethostname", lambda: "renamed-laptop")
    sync(laptop)
    assert laptop.sync.setting("sync.device") == device
    assert len(list(own(laptop).parent.iterdir())) == 2


# 3. Fields of one record merge apart ----------------------------------------------------
def test_a_mark_here_and_a_note_there_both_survive(pair) -> None:
    laptop, desk, here, there = pair
    laptop.days.record(here, DAY, "full")
    desk.days.set_evidence(there, DAY, 12, "on the train")
    converge(laptop, desk)
    for store, habit in ((laptop, here), (desk, there)):
        entry = store.days.entry(habit, DAY)
        assert entry is not None
        assert (entry.status, entry.amount, entry.note) == ("full", 12, "on the train")


def test_energy_here_and_intention_there_both_survive(pair) -> None:
    laptop, desk, _, _ = pair
    laptop.days.check_in(DAY, "ok")
    converge(laptop, desk)
    laptop.days.check_in(DAY, "high")
    desk.days.check_in(DAY, "ok", intention="one chapter")
    converge(laptop, desk)
    for store in (laptop, desk):
        checkin = store.days.checkin(DAY)
        assert checkin is not None and (checkin.energy, checkin.intention) == ("high",
                                                                              "one chapter")


def test_two_prompts_answered_apart_both_survive(pair) -> None:
    laptop, desk, _, _ = pair
    week = date(2026, 11, 23)
    laptop.reviews.answer(week, "helped", "walks")
    desk.reviews.answer(week, "in_the_way", "rain")
    desk.reviews.decide(week, Decision("Read", "raise", True, "two pages"))
    converge(laptop, desk)
    for store in (laptop, desk):
        review = store.reviews.get(week)
        assert review is not None
        assert dict(review.answers) == {"helped": "walks", "in_the_way": "rain"}
        assert [d.kind for d in review.decisions] == ["raise"]


def test_a_ladder_changed_on_two_devices_keeps_every_rung(pair) -> None:
    laptop, desk, here, there = pair
    laptop.habits.update(laptop.habits.get(here), date(2026, 3, 1), minimum="two pages")
    desk.habits.update(desk.habits.get(there), date(2026, 4, 1), minimum="a chapter")
    converge(laptop, desk)
    for store, habit in ((laptop, here), (desk, there)):
        rungs = [(r.since.isoformat(), r.text) for r in store.habits.ladder(habit)]
        assert rungs == [("2026-01-01", "one page"), ("2026-03-01", "two pages"),
                         ("2026-04-01", "a chapter")]
    assert exported(laptop) == exported(desk)


# 4. One import on two devices is one set of habits --------------------------------------
def test_the_same_history_imported_on_two_devices_is_one_set_of_habits(tmp_path: Path,
                                                                        folder: Path) -> None:
    document = {"format": "tracker", "version": 3, "habits": [
        {"name": "Walk", "minimum": "to the corner", "full": "round the park",
         "created": "2026-01-01", "sources": ["loop:3f0c1e"]},
        {"name": "Read", "minimum": "one page", "created": "2026-01-01",
         "sources": ["loop:77aa01"]}],
        "entries": [{"habit": "Walk", "date": "2026-11-02", "status": "full"},
                    {"habit": "Read", "date": "2026-11-03", "status": "minimum"}]}
    stores = []
    for name in ("laptop", "desk"):
        store = Store(tmp_path / f"{name}.db")
        import_document(store, document)  # before either syncs: people do
        stores.append(store)
    laptop, desk = stores
    sync(laptop, folder, "laptop")
    sync(desk, folder, "desk")
    converge(laptop, desk)
    for store in stores:
        assert sorted(h.name for h in store.habits.all()) == ["Read", "Walk"]
    assert exported(laptop) == exported(desk)
    desk.habits.update(desk.habits.find("Walk"), DAY, name="Walk outside")
    converge(laptop, desk)
    assert sorted(h.name for h in laptop.habits.all()) == ["Read", "Walk outside"]
    for store in stores:
        store.close()


# 5. A name told apart is not a rename ---------------------------------------------------
def test_editing_a_habit_shown_as_read_2_renames_nothing(devices) -> None:
    laptop, desk = devices("laptop"), devices("desk")
    laptop.habits.add("Read", "one page", created=date(2026, 1, 1))
    desk.habits.add("Read", "a chapter", created=date(2026, 1, 1))
    converge(laptop, desk)
    assert sorted(h.name for h in laptop.habits.all()) == ["Read", "Read (2)"]
    for store in (laptop, desk):  # edit "Read (2)" on both, another field each
        shown = store.habits.find("Read (2)")
        store.habits.update(shown, DAY, unit="pages" if store is laptop else "")
    other = desk.habits.find("Read")
    desk.habits.update(other, DAY, name="Reading")  # a real rename of the other one
    converge(laptop, desk)
    for store in (laptop, desk):
        names = sorted(h.name for h in store.habits.all())
        assert names == ["Read", "Reading"]
        assert not any("(2) (2)" in n for n in names)
    assert exported(laptop) == exported(desk)


# 6. Conflict copies are left alone ------------------------------------------------------
@pytest.mark.parametrize("copy_name", ["2026-11.sync-conflict-20261130-101010-ABCDEFG.trsync",
                                       "core (conflicted copy 2026-11-30).trsync",
                                       "core.trsync.tmp", ".core.trsync.partial"])
def test_a_conflict_copy_is_never_read_as_a_document(pair, copy_name: str) -> None:
    laptop, desk, here, there = pair
    laptop.days.record(here, DAY, "stretch", note="old value")
    sync(laptop)
    shard = "core" if copy_name.startswith(("core", ".core")) else f"{DAY:%Y-%m}"
    stale = (own(laptop) / f"{shard}.trsync").read_bytes()
    laptop.days.record(here, DAY, "full", note="new value")
    laptop.habits.update(laptop.habits.get(here), DAY, name="Reading")
    sync(laptop)
    (own(laptop) / copy_name).write_bytes(stale)
    converge(desk, laptop)
    for store, habit in ((laptop, here), (desk, there)):
        entry = store.days.entry(habit, DAY)
        assert entry is not None and entry.note == "new value"
        assert store.habits.get(habit).name == "Reading"
    assert not any(p.name == copy_name for p in own(desk).iterdir())
    assert exported(laptop) == exported(desk)


def test_every_field_of_a_habit_travels(pair) -> None:
    from tracker.domain.models import Schedule

    laptop, desk, here, there = pair
    laptop.habits.update(laptop.habits.get(here), DAY, schedule=Schedule.times_in_days(2, 10),
                         direction="craft", full="a chapter", stretch="two chapters")
    converge(laptop, desk)
    habit = desk.habits.get(there)
    assert habit.schedule == Schedule.times_in_days(2, 10)
    assert (habit.direction, habit.full, habit.stretch) == ("craft", "a chapter",
                                                            "two chapters")
    assert exported(laptop) == exported(desk)


def test_a_step_brought_along_to_the_next_month_travels_with_its_first_day(pair) -> None:
    laptop, desk, _, _ = pair
    yesterday, today = date(2026, 11, 30), date(2026, 12, 1)
    laptop.days.add_step(yesterday, "send the letter")
    converge(laptop, desk)
    laptop.days.bring_along(laptop.days.open_steps_on(yesterday), today)
    converge(laptop, desk)
    for store in (laptop, desk):
        assert store.days.steps_on(yesterday) == []
        (step,) = store.days.steps_on(today)
        assert (step.text, step.planned_on) == ("send the letter", yesterday)
    assert exported(laptop) == exported(desk)


def test_a_step_brought_along_keeps_a_tick_and_a_note_made_elsewhere(pair) -> None:
    laptop, desk, _, _ = pair
    yesterday, today = date(2026, 11, 30), date(2026, 12, 1)
    laptop.days.add_step(yesterday, "call mum")
    converge(laptop, desk)
    laptop.days.bring_along(laptop.days.open_steps_on(yesterday), today)  # across months
    (there,) = desk.days.steps_on(yesterday)
    desk.days.set_step_evidence(there.id, None, "she was out")
    desk.days.set_step_done(there.id, True)
    converge(laptop, desk)
    for store in (laptop, desk):
        (step,) = store.days.steps_on(today)
        assert (step.done, step.note, step.planned_on) == (True, "she was out", yesterday)
    assert exported(laptop) == exported(desk)


def test_a_field_that_arrives_while_this_device_changes_another_is_kept(
        pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.sync.engine import Shard

    laptop, desk, here, there = pair
    laptop.days.record(here, DAY, "full")
    converge(laptop, desk)
    laptop.days.set_evidence(here, DAY, None, "note from the laptop")
    sync(laptop)
    real = Shard.merge
    app = Store(desk.path)  # the app on the desk, while its sync reads the folder

    def merge_while_typing(self: Shard, data: bytes) -> bool:
        app.days.record(there, DAY, "rest")
        return real(self, data)

    monkeypatch.setattr(Shard, "merge", merge_while_typing)
    sync(desk)
    monkeypatch.undo()
    entry = desk.days.entry(there, DAY)
    assert entry is not None and (entry.status, entry.note) == ("rest",
                                                                "note from the laptop")
    converge(desk, laptop)
    for store, habit in ((laptop, here), (desk, there)):
        entry = store.days.entry(habit, DAY)
        assert entry is not None and (entry.status, entry.note) == ("rest",
                                                                    "note from the laptop")
    app.close()


def test_a_deletion_undone_after_it_travelled_brings_the_habit_back_everywhere(pair) -> None:
    from tracker.changes import Changes

    laptop, desk, here, _ = pair
    laptop.days.record(here, DAY, "full", note="kept")
    laptop.days.record(here, DAY.replace(day=1), "minimum")
    converge(laptop, desk)
    changes = Changes(laptop)
    changes.habits.delete(laptop.habits.get(here))
    converge(laptop, desk)  # the app syncs after every key: the deletion travelled
    assert desk.habits.all() == []
    assert changes.undo() is not None  # u
    converge(laptop, desk)
    desk.habits.add("Walk", "to the corner", created=date(2026, 1, 1))  # a change there
    converge(desk, laptop)
    for store in (laptop, desk):
        habit = store.habits.find("Read")
        days = store.days.entries_of(habit.id, DAY.replace(day=1), DAY)
        assert sorted(d.day for d in days) == [1, 30] and days[DAY].note == "kept"
    assert exported(laptop) == exported(desk)


def test_a_habit_added_here_while_one_of_its_name_arrives_is_told_apart(
        pair, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.sync.engine import Shard

    laptop, desk, _, _ = pair
    laptop.habits.add("Walk", "to the corner", created=date(2026, 1, 1))
    sync(laptop)
    real = Shard.merge
    app = Store(desk.path)

    def merge_while_adding(self: Shard, data: bytes) -> bool:
        if not app.habits.all() or all(h.name != "Walk" for h in app.habits.all()):
            app.habits.add("Walk", "round the park", created=date(2026, 2, 1))
        return real(self, data)

    monkeypatch.setattr(Shard, "merge", merge_while_adding)
    assert sync(desk).problems == []  # no "UNIQUE constraint failed"
    monkeypatch.undo()
    converge(desk, laptop)
    for store in (laptop, desk):
        assert sorted(h.name for h in store.habits.all()) == ["Read", "Walk", "Walk (2)"]
    assert exported(laptop) == exported(desk)
    app.close()
