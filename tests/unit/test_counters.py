"""Counters: a habit's step, ``+``/``-`` through the changes room (undo, the level from the
numbers, a count made elsewhere adding up), the step in the JSON export and in sync."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tracker.changes import Changes
from tracker.domain import checks
from tracker.io.json_format import export_document, import_document
from tracker.store import ChangedElsewhere, Store, StoreError
from tracker.sync.run import sync

DAY = date(2026, 3, 12)


def water(store: Store, **kwargs: object):
    fields = {"unit": "ml", "step": 250.0, "min_amount": 250.0, "full_amount": 2000.0}
    fields.update(kwargs)
    return store.habits.add("Water", "a glass", full="eight glasses", created=date(2026, 1, 1),
                            **fields)  # type: ignore[arg-type]


def test_a_count_adds_the_step_and_marks_the_level_the_numbers_reach(store: Store) -> None:
    habit = water(store)
    changes = Changes(store)
    changes.days.count(habit, DAY, habit.count_step, None)
    entry = store.days.entry(habit.id, DAY)
    assert entry is not None and (entry.amount, entry.status) == (250, "minimum")
    for _ in range(7):
        changes.days.count(habit, DAY, habit.count_step)
    entry = store.days.entry(habit.id, DAY)
    assert entry is not None and (entry.amount, entry.status) == (2000, "full")
    assert changes.log.made[-1].description == "added 250 ml to Water on Thu 12 Mar"
    changes.days.count(habit, DAY, -habit.count_step)
    entry = store.days.entry(habit.id, DAY)
    assert entry is not None and (entry.amount, entry.status) == (1750, "minimum")
    assert changes.undo() is not None  # the count taken back
    entry = store.days.entry(habit.id, DAY)
    assert entry is not None and (entry.amount, entry.status) == (2000, "full")


def test_never_below_zero_and_an_at_most_habit_loses_its_level(store: Store) -> None:
    smoking = store.habits.add("Smoking", "ten or fewer", unit="cigarettes", at_most=True,
                               min_amount=10, full_amount=5, stretch_amount=0,
                               created=date(2026, 1, 1))
    changes = Changes(store)
    changes.days.count(smoking, DAY, -1)
    entry = store.days.entry(smoking.id, DAY)
    assert entry is not None and (entry.amount, entry.status) == (0, "stretch")
    for _ in range(6):
        changes.days.count(smoking, DAY, 1)
    entry = store.days.entry(smoking.id, DAY)
    assert entry is not None and (entry.amount, entry.status) == (6, "minimum")
    assert checks.counted(3, -10) == 0 and checks.counted(None, 2) == 2
    assert checks.counted(checks.MAX_AMOUNT, 5) == checks.MAX_AMOUNT


def test_without_numbers_a_count_is_evidence_and_the_mark_stays(store: Store) -> None:
    tea = store.habits.add("Tea", "a cup", unit="cups", created=date(2026, 1, 1))
    changes = Changes(store)
    changes.days.mark(tea, DAY, "full" if tea.has_level("full") else "minimum")
    changes.days.count(tea, DAY, 1, "minimum")
    entry = store.days.entry(tea.id, DAY)
    assert entry is not None and (entry.amount, entry.status) == (1, "minimum")


def test_a_day_marked_elsewhere_is_left_alone_a_count_elsewhere_adds_up(
        store: Store, tmp_path: Path) -> None:
    habit = water(store)
    other = Store(store.path)
    try:
        Changes(other).days.count(other.habits.get(habit.id), DAY, 250)  # another window
        changes = Changes(store)
        changes.days.count(habit, DAY, 250, "minimum")
        entry = store.days.entry(habit.id, DAY)
        assert entry is not None and entry.amount == 500
        other.days.record(habit.id, DAY, "rest")
        with pytest.raises(ChangedElsewhere):
            changes.days.count(habit, DAY, 250, "minimum")  # seen: minimum; stored: rest
        entry = store.days.entry(habit.id, DAY)
        assert entry is not None and (entry.amount, entry.status) == (500, "rest")
    finally:
        other.close()


def test_a_day_to_come_is_refused(store: Store) -> None:
    habit = water(store)
    with pytest.raises(StoreError):
        Changes(store).days.count(habit, date(2999, 1, 1), 1)
    assert store.days.entry(habit.id, date(2999, 1, 1)) is None


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf"), 2e12])
def test_a_step_is_above_zero_and_finite(store: Store, bad: float) -> None:
    with pytest.raises(StoreError, match="a step is a number above 0"):
        water(store, step=bad)
    habit = water(store)
    with pytest.raises(StoreError, match="a step is a number above 0"):
        store.habits.update(habit, DAY, step=bad)
    assert store.habits.get(habit.id).step == 250
    assert store.habits.update(habit, DAY, step=None).count_step == 1


def test_the_step_goes_through_the_json_export_and_back(store: Store, tmp_path: Path) -> None:
    water(store)
    document = export_document(store)
    assert document["version"] == 5 and document["habits"][0]["step"] == 250
    fresh = Store(tmp_path / "fresh.db")
    try:
        import_document(fresh, json.loads(json.dumps(document)))
        assert fresh.habits.find("Water").step == 250
    finally:
        fresh.close()


def test_a_version_3_file_reads_as_habits_counting_one_at_a_time(
        store: Store, tmp_path: Path) -> None:
    water(store)
    document = export_document(store)
    document["version"] = 3
    for habit in document["habits"]:
        del habit["step"]
    fresh = Store(tmp_path / "fresh.db")
    try:
        import_document(fresh, document)
        habit = fresh.habits.find("Water")
        assert habit.step is None and habit.count_step == 1
    finally:
        fresh.close()


@pytest.mark.parametrize("bad", [0, -5, "a lot", True])
def test_a_bad_step_in_a_file_is_refused_with_its_place(
        store: Store, tmp_path: Path, bad: object) -> None:
    water(store)
    document = export_document(store)
    document["habits"][0]["step"] = bad
    fresh = Store(tmp_path / "fresh.db")
    try:
        with pytest.raises(Exception, match="habits"):
            import_document(fresh, document)
        assert fresh.habits.all() == []
    finally:
        fresh.close()


def test_the_step_travels_through_sync_and_back(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    laptop, desk = Store(tmp_path / "laptop.db"), Store(tmp_path / "desk.db")
    try:
        sync(laptop, folder, "laptop")
        sync(desk, folder, "desk")
        water(laptop)
        for _ in range(2):
            for device in (laptop, desk):
                assert sync(device).problems == []
        there = desk.habits.find("Water")
        assert there.step == 250
        desk.habits.update(there, DAY, step=500.0)
        for _ in range(2):
            for device in (desk, laptop):
                assert sync(device).problems == []
        assert laptop.habits.find("Water").step == 500
    finally:
        laptop.close()
        desk.close()
