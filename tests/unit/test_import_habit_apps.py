"""HabitKit, HabitBull and Habitica files composed from ../shared/FORMATS.md, imported
through the command line (``tracker import PATH`` recognising each) and checked in the
database afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.unit.imported import entries
from tracker.cli.commands import cli
from tracker.domain.models import Schedule
from tracker.store import Store


def run(db_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--db", str(db_path)])


def imported(db_path: Path, path: Path, kind: str | None = None) -> tuple[Result, Store]:
    result = run(db_path, "import", *([kind] if kind else []), str(path))
    assert result.exit_code == 0, result.output
    return result, Store(db_path)


# HabitKit ------------------------------------------------------------------------------
def habitkit(tmp_path: Path) -> Path:
    document = {
        "habits": [
            {"id": "h-read", "name": "Read", "description": "one page", "icon": "book",
             "color": "#ff0000", "archived": False, "orderIndex": 1,
             "createdAt": "2025-01-01T10:00:00.000Z", "isInverse": False, "emoji": "📚"},
            {"id": "h-water", "name": "Water", "description": "", "archived": False,
             "orderIndex": 0, "isInverse": False},
            {"id": "h-smoke", "name": "No smoking", "description": "", "archived": True,
             "orderIndex": 2, "isInverse": True},
        ],
        "completions": [
            # Berlin, summer: local midnight of 1 May is 22:00 UTC the day before
            {"id": "c1", "habitId": "h-read", "date": "2025-04-30T22:00:00.000Z",
             "timezoneOffsetInMinutes": 120, "amountOfCompletions": 1, "note": "a chapter"},
            # winter: local midnight of 10 January is 23:00 UTC the day before
            {"id": "c2", "habitId": "h-read", "date": "2025-01-09T23:00:00.000",
             "timezoneOffsetInMinutes": 60, "amountOfCompletions": 1, "note": None},
            {"id": "c3", "habitId": "h-read", "date": "2025-01-10T23:00:00.000Z",
             "timezoneOffsetInMinutes": 60, "amountOfCompletions": 0, "note": None},
            # New York: local midnight is 05:00 UTC the same day
            {"id": "c4", "habitId": "h-water", "date": "2025-03-02T05:00:00.000Z",
             "timezoneOffsetInMinutes": -300, "amountOfCompletions": 5},
            {"id": "c5", "habitId": "h-water", "date": "2025-03-03T05:00:00.000Z",
             "timezoneOffsetInMinutes": -300, "amountOfCompletions": 2},
            # a second completion of that day, later in it (18:30 in New York)
            {"id": "c5b", "habitId": "h-water", "date": "2025-03-03T23:30:00.000Z",
             "timezoneOffsetInMinutes": -300, "amountOfCompletions": 1},
            {"id": "c6", "habitId": "h-smoke", "date": "2025-03-03T00:00:00.000Z",
             "timezoneOffsetInMinutes": 0, "amountOfCompletions": 1},
            {"id": "c7", "habitId": "gone", "date": "2025-03-03T00:00:00.000Z",
             "timezoneOffsetInMinutes": 0, "amountOfCompletions": 1},
        ],
        "intervals": [
            {"id": "i1", "habitId": "h-read", "type": "week", "startDate": "2024-12-01",
             "requiredNumberOfCompletions": 3, "requiredNumberOfCompletionsPerDay": 1},
            {"id": "i0", "habitId": "h-read", "type": "day", "startDate": "2024-01-01",
             "endDate": "2024-11-30", "requiredNumberOfCompletions": 1},
            {"id": "i2", "habitId": "h-water", "type": "day", "startDate": "2025-01-01",
             "endDate": None, "requiredNumberOfCompletions": None,
             "requiredNumberOfCompletionsPerDay": 4, "unitType": "incremental"},
            {"id": "i3", "habitId": "h-water", "type": "week", "startDate": "2024-01-01",
             "endDate": "2024-12-31", "requiredNumberOfCompletions": 2},
        ],
        "reminders": [{"id": "r1", "habitId": "h-read", "time": "08:00"}],
        "categories": [{"id": "cat1", "name": "Mind"}],
        "categoryMappings": [{"habitId": "h-read", "categoryId": "cat1"}],
    }
    path = tmp_path / "habitkit_export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_habitkit_days_are_local_midnights_with_their_offset(db_path: Path,
                                                             tmp_path: Path) -> None:
    result, store = imported(db_path, habitkit(tmp_path))
    assert "as HabitKit's JSON export" in result.output
    assert entries(store) == {
        ("Read", "2025-05-01"): ("full", None, "a chapter"),
        ("Read", "2025-01-10"): ("full", None, ""),
        ("Water", "2025-03-02"): ("full", 5.0, ""),
        ("Water", "2025-03-03"): ("minimum", 3.0, ""),
        ("No smoking", "2025-03-03"): (None, 1.0, "")}
    read = store.habits.find("Read")
    assert (read.minimum, read.direction, read.schedule) == (
        "one page", "Mind", Schedule.times_per_week(3))
    water = store.habits.find("Water")
    assert water.schedule.kind == "daily" and water.full_amount == 4
    smoke = store.habits.find("No smoking")
    assert smoke.archived and smoke.at_most
    assert [h.name for h in store.habits.all(include_archived=True)] == [
        "Water", "Read", "No smoking"]
    assert "un-ticked" in result.output and "reminders" in result.output
    assert "Nothing new" in run(db_path, "import", "habitkit", str(habitkit(tmp_path))).output


# HabitBull -----------------------------------------------------------------------------
HABITBULL = ("HabitName,HabitDescription,HabitCategory,CalendarDate,Value,CommentText\n"
             "Breed dragons,with love and fire,Diet & Food,2016-03-18,1,text\n"
             "Breed dragons,with love and fire,Diet & Food,2016-03-19,1,\n"
             "Breed dragons,with love and fire,Diet & Food,2016-03-20,0,\n"
             "Pushups,,Fitness,2021-09-01,30,\n"
             "Pushups,,Fitness,2021-09-02,0,\"sore, \"\"very\"\"\"\n"
             "Pushups,,Fitness,2021-09-03,-2150000000,\n")


@pytest.mark.parametrize("dates", [
    ("2016-03-18", "2016-03-19", "2016-03-20", "2021-09-01", "2021-09-02", "2021-09-03"),
    ("3/18/2016", "3/19/2016", "3/20/2016", "9/1/2021", "9/2/2021", "9/3/2021"),
    ("18.03.2016", "19.03.2016", "20.03.2016", "01.09.2021", "02.09.2021", "03.09.2021"),
])
def test_habitbull_dates_values_sentinels_and_notes(db_path: Path, tmp_path: Path,
                                                    dates: tuple[str, ...]) -> None:
    text = HABITBULL
    for iso, written in zip(("2016-03-18", "2016-03-19", "2016-03-20", "2021-09-01",
                             "2021-09-02", "2021-09-03"), dates, strict=True):
        text = text.replace(f",{iso},", f",{written},")
    path = tmp_path / "HabitBullData.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result, store = imported(db_path, path)
    assert "as HabitBull's CSV export" in result.output
    assert entries(store) == {
        ("Breed dragons", "2016-03-18"): ("full", None, "text"),
        ("Breed dragons", "2016-03-19"): ("full", None, ""),
        ("Pushups", "2021-09-01"): ("full", 30.0, ""),
        ("Pushups", "2021-09-02"): (None, None, 'sore, "very"')}
    dragons = store.habits.find("Breed dragons")
    assert (dragons.minimum, dragons.direction) == ("with love and fire", "Diet & Food")
    assert "-2150000000" in result.output


def test_a_bad_habitbull_value_is_one_line_naming_the_row(db_path: Path,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "bull.csv"
    path.write_text(HABITBULL + "Pushups,,Fitness,2021-09-04,lots,\n")
    result = run(db_path, "import", str(path))
    assert result.exit_code == 1 and "bull.csv, line 8: value 'lots' is not a number" in \
        result.stderr
    assert Store(db_path).habits.all() == []


# Habitica ------------------------------------------------------------------------------
def ms(moment: str) -> int:
    from datetime import datetime

    return int(datetime.fromisoformat(moment).timestamp() * 1000)


def habitica(tmp_path: Path) -> Path:
    document = {
        "auth": {"local": {"username": "hero", "email": "hero@example.org"}},
        "apiToken": "SECRET-TOKEN-1234",
        "lastCron": "2024-03-05T09:00:00.000Z",
        "preferences": {"dayStart": 4, "timezoneOffset": 300},  # UTC−5, day from 04:00
        "tags": [{"id": "t1", "name": "Health"}],
        "tasks": {
            "dailys": [
                {"id": "d1", "text": " Stretch 🧘 ", "notes": "one stretch",
                 "frequency": "weekly", "everyX": 1, "tags": ["t1"],
                 "repeat": {"m": True, "t": False, "w": True, "th": False, "f": True,
                            "s": False, "su": False},
                 "checklist": [{"text": "neck"}],
                 "history": [
                     # cron 2024-03-05 08:30 local (13:30 UTC): records 4 March
                     {"date": ms("2024-03-05T13:30:00+00:00"), "value": 1.0, "isDue": True,
                      "completed": True},
                     # not done on 6 March, and not due on 7 March: no entry
                     {"date": ms("2024-03-07T10:00:00+00:00"), "value": 0.5, "isDue": True,
                      "completed": False},
                     {"date": ms("2024-03-08T10:00:00+00:00"), "value": 0.5, "isDue": False,
                      "completed": False},
                     # cron at 02:00 local on 10 March (07:00 UTC), before dayStart 04:00:
                     # the Habitica day is still 9 March, so it records 8 March
                     {"date": ms("2024-03-10T07:00:00+00:00"), "value": 1.2, "isDue": True,
                      "completed": True},
                 ]},
                {"id": "d2", "text": "Water plants", "frequency": "daily", "everyX": 3,
                 "history": []},
                {"id": "d3", "text": "Budget", "frequency": "monthly", "everyX": 1,
                 "daysOfMonth": [1, 15], "history": []},
            ],
            "habits": [
                {"id": "h1", "text": "Walk", "up": True, "down": False,
                 "history": [{"date": ms("2024-03-05T13:30:00+00:00"), "value": 2.0,
                              "scoredUp": 3, "scoredDown": 0}]},
                {"id": "h2", "text": "Snacks", "up": False, "down": True,
                 "history": [{"date": ms("2024-03-05T13:30:00+00:00"), "value": -1.0,
                              "scoredUp": 0, "scoredDown": 2}]},
            ],
            "todos": [{"text": "buy milk"}],
            "rewards": [{"text": "cake"}],
        },
    }
    path = tmp_path / "habitica-user-data.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_habitica_history_records_the_day_before_cron_in_the_persons_zone(
        db_path: Path, tmp_path: Path) -> None:
    path = habitica(tmp_path)
    result, store = imported(db_path, path)
    assert "as Habitica's user data" in result.output
    got = entries(store)
    assert got == {("Stretch 🧘", "2024-03-04"): ("full", None, ""),
                   ("Stretch 🧘", "2024-03-08"): ("full", None, ""),
                   ("Walk", "2024-03-04"): ("full", 3.0, ""),
                   ("Snacks", "2024-03-04"): (None, 2.0, "")}
    stretch = store.habits.find("Stretch 🧘")
    assert stretch.schedule == Schedule.parse_days("mon,wed,fri")
    assert (stretch.minimum, stretch.direction) == ("one stretch", "Health")
    assert store.habits.find("Water plants").schedule == Schedule.times_in_days(1, 3)
    assert store.habits.find("Budget").schedule == Schedule.times_in_days(2, 30)
    assert store.habits.find("Snacks").at_most
    assert "1 todo" in result.output and "1 reward" in result.output
    assert "checklists" in result.output


def test_habitica_secrets_are_never_kept_or_shown(db_path: Path, tmp_path: Path) -> None:
    path = habitica(tmp_path)
    result, _store = imported(db_path, path)
    again = run(db_path, "import", "habitica", str(path))
    exported = run(db_path, "export")
    for text in (result.output, again.output, exported.output):
        assert "SECRET-TOKEN" not in text and "hero@example.org" not in text
    assert b"SECRET-TOKEN" not in db_path.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_text(path.read_text().replace('"dayStart": 4', '"dayStart": "four"'))
    failed = run(db_path, "import", str(broken))
    assert failed.exit_code == 1 and "preferences.dayStart 'four' is not an hour" in \
        failed.stderr
    assert "SECRET" not in failed.stderr and len(failed.stderr.splitlines()) == 1


def test_older_habitica_history_counts_a_rising_value_as_done(db_path: Path,
                                                              tmp_path: Path) -> None:
    """Entries from before ``completed`` was written: the task's value rose on a done
    day; with timezoneOffset −120 (UTC+2) and dayStart 0, a cron at 07:00 local records
    the day before."""
    path = tmp_path / "old-habitica.json"
    path.write_text(json.dumps({"preferences": {"timezoneOffset": -120}, "tasks": {
        "dailys": [{"text": "Floss", "frequency": "daily", "history": [
            {"date": ms("2017-05-02T05:00:00+00:00"), "value": 1.0},
            {"date": ms("2017-05-03T05:00:00+00:00"), "value": 2.0},
            {"date": ms("2017-05-04T05:00:00+00:00"), "value": 1.5},
            {"date": ms("2017-05-04T23:30:00+00:00"), "value": 2.5}]}],
        "habits": []}}))
    _result, store = imported(db_path, path, "habitica")
    assert entries(store) == {("Floss", "2017-05-02"): ("full", None, ""),
                              ("Floss", "2017-05-04"): ("full", None, "")}


@pytest.mark.parametrize("field, value, message", [
    ("date", "yesterday", "completions[0]: date 'yesterday' is not an instant"),
    ("timezoneOffsetInMinutes", "+2", "completions[0]: timezoneOffsetInMinutes '+2' is not"),
    ("amountOfCompletions", -1, "completions[0]: amountOfCompletions '-1' is not a count"),
])
def test_a_bad_habitkit_completion_is_one_line_and_imports_nothing(
        db_path: Path, tmp_path: Path, field: str, value: object, message: str) -> None:
    path = habitkit(tmp_path)
    document = json.loads(path.read_text())
    document["completions"][0][field] = value
    path.write_text(json.dumps(document))
    result = run(db_path, "import", str(path))
    assert result.exit_code == 1 and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert Store(db_path).habits.all(include_archived=True) == []
