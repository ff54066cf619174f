"""harsh folders and dijo habit files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.imported import entries
from tracker.domain.models import Schedule
from tracker.io.dijo import read_dijo
from tracker.io.harsh import read_harsh
from tracker.io.json_format import ImportFailed, import_document
from tracker.store import Store

HABITS = """# my habits
! Health
Gym: 3/7
Stretch: 1

! Craft: writing
Write: 3/2w
Coffee: 0
Old habit: 1: 2024-06-15
Weekly review: 1w
"""
LOG = """2024-03-02 : Gym : y : leg day : 1.5
2024-03-02 : Stretch : s
2024-03-02 : Coffee : n :  :
2024-03-03 : Write : y : notes: "draft", more
2024-03-03 : Write : n
2024-03-04 : Write : n : too tired
2024-03-04 : Nope : y
2024-03-05 : Weekly review : y
"""


def harsh(tmp_path: Path, habits: str = HABITS, log: str = LOG) -> Path:
    folder = tmp_path / "harsh"
    folder.mkdir()
    (folder / "habits").write_text(habits)
    (folder / "log").write_text(log)
    return folder


def test_harsh_habits_directions_frequencies(store: Store, tmp_path: Path) -> None:
    converted = read_harsh(harsh(tmp_path))
    report = import_document(store, converted.document())
    assert report.habits == 6
    habits = {h.name: h for h in store.habits.all(include_archived=True)}
    assert habits["Gym"].direction == "Health" and habits["Gym"].schedule.per_week == 3
    assert habits["Stretch"].schedule.kind == "daily"
    assert habits["Write"].direction == "Craft: writing"
    assert habits["Write"].schedule == Schedule.times_in_days(3, 14)  # as it is
    assert habits["Coffee"].schedule.per_week == 1
    assert habits["Old habit"].archived
    assert habits["Weekly review"].schedule.per_week == 1
    assert converted.skipped["log lines of habits that are not in the habits file"] == 1


def test_harsh_log_results_comments_amounts_and_later_lines_win(store: Store,
                                                                tmp_path: Path) -> None:
    import_document(store, read_harsh(harsh(tmp_path)).document())
    got = entries(store)
    assert got[("Gym", "2024-03-02")] == ("full", 1.5, "leg day")
    assert got[("Stretch", "2024-03-02")] == ("rest", None, "")
    assert ("Coffee", "2024-03-02") not in got
    assert ("Write", "2024-03-03") not in got  # the later 'n' wins
    assert got[("Write", "2024-03-04")] == (None, None, "too tired")


def test_harsh_is_idempotent(store: Store, tmp_path: Path) -> None:
    folder = harsh(tmp_path)
    import_document(store, read_harsh(folder).document())
    assert not import_document(store, read_harsh(folder).document()).added_anything


@pytest.mark.parametrize("habits, log, message", [
    ("Gym 3/7\n", "", r"habits, line 1: expected 'Name: frequency'"),
    ("Gym: 3/7\n", "2024-02-30 : Gym : y\n", r"log, line 1: '2024-02-30' is not a date"),
    ("Gym: 3/7\n", "2024-03-01 : Gym : maybe\n", r"log, line 1: result 'maybe'"),
    ("Gym: 3/7\n", "2024-03-01 Gym y\n", r"log, line 1: expected"),
    ("Gym: 1\nGym: 2\n", "", "two habits are named “Gym”"),
])
def test_harsh_errors_name_file_and_line(store: Store, tmp_path: Path, habits: str, log: str,
                                         message: str) -> None:
    with pytest.raises(ImportFailed, match=message):
        import_document(store, read_harsh(harsh(tmp_path, habits, log)).document())
    assert store.habits.all() == []


def test_harsh_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="missing"):
        read_harsh(tmp_path)


DIJO = [
    {"type": "Bit", "name": "walk", "stats": {"2024-03-01": True, "2024-03-02": False},
     "goal": True, "auto": False},
    {"type": "Count", "name": "pushups", "stats": {"2024-03-02": 25, "2024-03-03": 5,
                                                   "2024-03-04": 0}, "goal": 20},
    {"type": "Float", "name": "run km", "stats": {"2024-03-02": {"value": 52, "precision": 1}},
     "goal": {"value": 50, "precision": 1}, "precision": 1, "auto": True},
]


def test_dijo_bits_counts_and_floats(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "habit_record.json"
    path.write_text(json.dumps(DIJO))
    import_document(store, read_dijo(path).document())
    got = entries(store)
    assert got == {("walk", "2024-03-01"): ("full", None, ""),
                   ("pushups", "2024-03-02"): ("full", 25.0, ""),
                   ("pushups", "2024-03-03"): ("minimum", 5.0, ""),
                   ("run km", "2024-03-02"): ("full", 5.2, "")}
    assert store.habits.find("pushups").full == "reach 20"


def test_dijo_folder_with_both_files(store: Store, tmp_path: Path) -> None:
    (tmp_path / "habit_record.json").write_text(json.dumps(DIJO[:1]))
    (tmp_path / "habit_record[auto].json").write_text(json.dumps(DIJO[2:]))
    report = import_document(store, read_dijo(tmp_path).document())
    assert report.habits == 2


@pytest.mark.parametrize("content, message", [
    ('[{"type": "Bit", "name": "walk", "stats": {"2024-03-01": true}', "line 1: not valid JSON"),
    ('{"walk": 1}', "expected a list"),
    ('[{"type": "Weird", "name": "x"}]', "habit 1: expected a Bit"),
    ('[{"type": "Bit", "name": "x", "stats": {"yesterday": true}}]', "not a date"),
    ('[{"type": "Count", "name": "x", "stats": {"2024-01-01": "many"}, "goal": 2}]',
     "not a number"),
])
def test_dijo_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "habit_record.json"
    path.write_text(content)
    with pytest.raises(ImportFailed, match=message):
        read_dijo(path)
