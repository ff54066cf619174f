"""Daylio, Rewire and Tickmate files composed from ../shared/FORMATS.md, and
``tracker import PATH`` telling every format apart (or saying what a file is)."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.unit.imported import entries
from tracker.cli.commands import cli
from tracker.domain.models import Schedule
from tracker.store import Store


def run(db_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--db", str(db_path)])


def imported(db_path: Path, path: Path) -> tuple[Result, Store]:
    result = run(db_path, "import", str(path))
    assert result.exit_code == 0, result.output
    return result, Store(db_path)


def checkins(store: Store) -> dict[str, tuple[str, str]]:
    return {day: (energy, note) for day, energy, _i, note in store.transfer.checkins()}


# Daylio --------------------------------------------------------------------------------
DAYLIO_ROWS = [
    ("2024-03-02", "March 2", "Saturday", "9:00 PM", "meh", "reading | walk", "",
     "long day,\nbut fine"),
    ("2024-03-02", "March 2", "Saturday", "8:15 AM", "rad", "walk", "Morning", ""),
    ("2024-03-01", "March 1", "Friday", "22:10", "Not so good [-]", "", "", ""),
    ("2024-02-29", "February 29", "Thursday", "07:00", "awful", "reading", "", "sick"),
]


def daylio_file(path: Path, header: str | None, titled: bool = True) -> Path:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(header.split(","))
    for row in DAYLIO_ROWS:
        writer.writerow(row if titled else row[:6] + (row[7],))
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode())
    return path


@pytest.mark.parametrize("header, titled", [
    ("full_date,date,weekday,time,mood,activities,note_title,note", True),
    ("full_date,date,weekday,time,mood,activities,note", False),
    (None, True),
])
def test_daylio_days_become_check_ins_and_activities_habits(
        db_path: Path, tmp_path: Path, header: str | None, titled: bool) -> None:
    path = daylio_file(tmp_path / "daylio_export_2024_03_03.csv", header, titled)
    result, store = imported(db_path, path)
    assert "as Daylio's CSV export" in result.output
    morning = "mood: rad, meh\nMorning\nlong day,\nbut fine" if titled else \
        "mood: rad, meh\nlong day,\nbut fine"
    assert checkins(store) == {"2024-03-02": ("high", morning),
                               "2024-03-01": ("ok", "mood: Not so good [-]"),
                               "2024-02-29": ("low", "mood: awful\nsick")}
    assert entries(store) == {("walk", "2024-03-02"): ("full", None, ""),
                              ("reading", "2024-03-02"): ("full", None, ""),
                              ("reading", "2024-02-29"): ("full", None, "")}
    assert store.habits.find("walk").schedule == Schedule.times_per_week(1)
    assert "Nothing new" in run(db_path, "import", "daylio", str(path)).output


def test_the_oldest_daylio_layout_reads_dates_in_the_persons_language(
        db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "daylio.csv"
    path.write_text("\ufeffyear,date,weekday,time,mood,activities,note\n"
                    "2019,7 września,sobota,21:00,dobry,sport | czytanie,\"ładny, dzień\"\n"
                    "2019,6 września,piątek,9:00 PM,good,czytanie,\n"
                    "2019,31 sierpnia,sobota,10:00,awful,,\n", encoding="utf-8")
    _result, store = imported(db_path, path)
    assert set(checkins(store)) == {"2019-09-07", "2019-09-06", "2019-08-31"}
    assert checkins(store)["2019-09-07"] == ("ok", "mood: dobry\nładny, dzień")
    assert ("czytanie", "2019-09-06") in entries(store)
    bad = tmp_path / "bad.csv"
    bad.write_text("year,date,weekday,time,mood,activities,note\n"
                   "2019,7 xyzzy,sobota,21:00,good,,\n")
    failed = run(db_path, "import", "daylio", str(bad))
    assert failed.exit_code == 1 and "bad.csv, line 2: cannot read the date '7 xyzzy'" in \
        failed.stderr


# Rewire and Tickmate -------------------------------------------------------------------
def rewire_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE Habits (_id INTEGER PRIMARY KEY, Order_num INTEGER, Name TEXT NOT NULL,
            description TEXT, active_days TEXT, archived INTEGER, schedule INTEGER,
            days INTEGER, period INTEGER, unit INTEGER, target_count REAL,
            repeating_count INTEGER, start_date TEXT);
        CREATE TABLE CHECKINS (_id INTEGER PRIMARY KEY, Habit_id INTEGER NOT NULL,
            date TEXT NOT NULL, type INTEGER NOT NULL, note TEXT, actual_count REAL,
            UNIQUE(Habit_id, date) ON CONFLICT REPLACE);
        CREATE TABLE UNIT (_id INTEGER PRIMARY KEY, UNIT_NAME TEXT, MIN_INCREMENT REAL);
        CREATE TABLE REMINDERS (_id INTEGER PRIMARY KEY, habit_id INTEGER, time INTEGER,
            active_days TEXT);
        INSERT INTO UNIT VALUES (1, 'times', 1.0), (2, 'litres', 1.0);
        INSERT INTO Habits VALUES
            (1, 1, 'Wake up early', '', '1,3,5', 0, 0, 10, 1, 1, 0.0, 0, '20160101'),
            (2, 2, 'brush teeth', 'I want to have beautiful teeth!', '0,3,6', 0, 1, 3, 0,
             1, 0.0, 5, '20150321'),
            (3, 3, 'Water', '', '', 1, 2, 0, 0, 2, 2.0, 3, '20160101');
        INSERT INTO CHECKINS (Habit_id, date, type, note, actual_count) VALUES
            (1, '20151231', 1, NULL, 0), (1, '20160118', 2, NULL, 0),
            (1, '20160128', 2, 'early!', 0), (2, '20160201', 2, NULL, 0),
            (3, '20160301', 2, NULL, 1.5), (3, '20160302', 2, NULL, 2.5);
        INSERT INTO REMINDERS VALUES (1, 2, 480, '0,1,2,3,4');
    """)
    conn.commit()
    conn.close()
    return path


def test_rewire_schedules_and_done_check_ins(db_path: Path, tmp_path: Path) -> None:
    result, store = imported(db_path, rewire_db(tmp_path / "rewire_backup.db"))
    assert "as Rewire's database" in result.output
    assert entries(store) == {("Wake up early", "2016-01-18"): ("full", None, ""),
                              ("Wake up early", "2016-01-28"): ("full", None, "early!"),
                              ("brush teeth", "2016-02-01"): ("full", None, ""),
                              ("Water", "2016-03-01"): ("minimum", 1.5, ""),
                              ("Water", "2016-03-02"): ("full", 2.5, "")}
    assert store.habits.find("Wake up early").schedule == Schedule.parse_days("tue,thu,sat")
    assert store.habits.find("brush teeth").schedule == Schedule.times_per_week(3)
    water = store.habits.find("Water")
    assert water.schedule == Schedule.times_in_days(1, 3) and water.archived
    assert water.unit == "litres" and water.full_amount == 2.0
    assert "reminders" in result.output


def tickmate_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE tracks (_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,
            description TEXT NOT NULL, icon TEXT NOT NULL, enabled INTEGER NOT NULL,
            multiple_entries_per_day INTEGER DEFAULT 0, "order" INTEGER DEFAULT -1);
        CREATE TABLE ticks (_id INTEGER PRIMARY KEY AUTOINCREMENT, _track_id INTEGER,
            year INTEGER, month INTEGER, day INTEGER, hour INTEGER, minute INTEGER,
            second INTEGER, has_time_info INTEGER DEFAULT 0);
        CREATE TABLE groups (_id INTEGER PRIMARY KEY, name TEXT NOT NULL,
            description TEXT NOT NULL, "order" INTEGER DEFAULT -1);
        CREATE TABLE track2groups (_id INTEGER PRIMARY KEY, _track_id INTEGER NOT NULL,
            _group_id INTEGER NOT NULL);
        INSERT INTO tracks VALUES (1, 'Vegan', 'Ate no animal products', 'leaf', 1, 0, 20),
            (2, 'Coffee', 'cups', 'cup', 0, 1, 0);
        INSERT INTO groups VALUES (1, 'Food', '', 0);
        INSERT INTO track2groups VALUES (1, 1, 1);
        INSERT INTO ticks (_track_id, year, month, day) VALUES
            (1, 2016, 0, 24), (1, 2016, 1, 5), (1, 2016, 2, 18),
            (2, 2016, 2, 14), (2, 2016, 2, 14), (2, 2016, 11, 31);
    """)
    conn.commit()
    conn.close()
    return path


def test_tickmate_months_are_zero_based(db_path: Path, tmp_path: Path) -> None:
    result, store = imported(db_path, tickmate_db(tmp_path / "tickmate.db"))
    assert "as Tickmate's database" in result.output
    assert entries(store) == {("Vegan", "2016-01-24"): ("full", None, ""),
                              ("Vegan", "2016-02-05"): ("full", None, ""),
                              ("Vegan", "2016-03-18"): ("full", None, ""),
                              ("Coffee", "2016-03-14"): ("full", 2.0, ""),
                              ("Coffee", "2016-12-31"): ("full", 1.0, "")}
    vegan = store.habits.find("Vegan")
    assert (vegan.minimum, vegan.direction, vegan.archived) == (
        "Ate no animal products", "Food", False)
    assert store.habits.find("Coffee").archived
    assert [h.name for h in store.habits.all(include_archived=True)] == ["Vegan", "Coffee"]


# Recognising the format ----------------------------------------------------------------
def test_a_forced_kind_reads_the_file_as_that_kind(db_path: Path, tmp_path: Path) -> None:
    path = tickmate_db(tmp_path / "tickmate.db")
    failed = run(db_path, "import", "rewire", str(path))
    assert failed.exit_code == 1 and "not Rewire's database" in failed.stderr
    assert run(db_path, "import", "tickmate", str(path)).exit_code == 0


@pytest.mark.parametrize("name, content, message", [
    ("notes.txt", b"just some words\n", "a text file, not a format tracker recognises"),
    ("other.json", b'{"hello": 1}', "a JSON file, not a format tracker recognises"),
    ("history.csv", b"Task Name,Task ID,Task Type,Date,Value\n", "Habitica's CSV task history"),
    ("Habits.csv", b"Position,Name,Question\n001,A,\n", "Habits.csv alone"),
])
def test_an_unknown_or_unreadable_file_says_what_it_is(db_path: Path, tmp_path: Path,
                                                       name: str, content: bytes,
                                                       message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run(db_path, "import", str(path))
    assert result.exit_code == 1 and message in result.stderr, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_a_tracker_database_and_an_unknown_zip_are_named(db_path: Path,
                                                         tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    Store(other).close()
    result = run(db_path, "import", str(other))
    assert result.exit_code == 1 and "a tracker database" in result.stderr
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.jpg", b"x")
    result = run(db_path, "import", str(archive))
    assert result.exit_code == 1 and "a zip without Habits.csv" in result.stderr


def test_import_path_recognises_folders_and_tracker_json(db_path: Path,
                                                         tmp_path: Path) -> None:
    harsh = tmp_path / "harsh"
    harsh.mkdir()
    (harsh / "habits").write_text("Gym: 3/7\n")
    (harsh / "log").write_text("2024-03-02 : Gym : y\n")
    result, _store = imported(db_path, harsh)
    assert "as a harsh folder" in result.output
    exported = tmp_path / "export.json"
    exported.write_text(run(db_path, "export").output)
    again = run(tmp_path / "fresh.db", "import", str(exported))
    assert again.exit_code == 0 and "as tracker's JSON export" in again.output
    assert entries(Store(tmp_path / "fresh.db")) == {("Gym", "2024-03-02"): ("full", None, "")}


def test_an_imported_done_day_can_be_noted_and_changed_like_any_other(
        db_path: Path, tmp_path: Path) -> None:
    """The other app's "done" is a full entry; a habit without a full version gets its
    minimum as one, so the store (which records no level a habit lacks) takes a note or
    a change on that day."""
    from datetime import date

    _result, store = imported(db_path, tickmate_db(tmp_path / "tickmate.db"))
    vegan = store.habits.find("Vegan")
    assert vegan.has_level("full") and vegan.full == vegan.minimum
    store.days.set_evidence(vegan.id, date(2016, 1, 24), None, "lentils")
    assert entries(Store(db_path))[("Vegan", "2016-01-24")] == ("full", None, "lentils")
    store.days.record(vegan.id, date(2016, 1, 25), "full")


def test_a_daylio_header_with_more_columns_is_read_by_their_names(db_path: Path,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "daylio_new.csv"
    path.write_text("full_date,date,weekday,time,mood,activities,note_title,note,scales\n"
                    "2024-03-02,March 2,Saturday,21:00,bad,walk,,tired,3\n", encoding="utf-8")
    _result, store = imported(db_path, path)
    assert checkins(store) == {"2024-03-02": ("low", "mood: bad\ntired")}
    assert entries(store) == {("walk", "2024-03-02"): ("full", None, "")}


@pytest.mark.parametrize("header", [True, False])
def test_a_tab_separated_daylio_export_is_read_too(db_path: Path, tmp_path: Path,
                                                   header: bool) -> None:
    path = tmp_path / "daylio_tabs.csv"
    lines = ["2024-03-02\tMarch 2\tSaturday\t9:00 PM\tRad\twalk | reading\t\tcafé, with a friend"]
    if header:
        lines.insert(0, "full_date\tdate\tweekday\ttime\tmood\tactivities\tnote_title\tnote")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _result, store = imported(db_path, path)
    assert checkins(store) == {"2024-03-02": ("high", "mood: Rad\ncafé, with a friend")}
    assert set(entries(store)) == {("walk", "2024-03-02"), ("reading", "2024-03-02")}


def test_a_path_named_like_a_kind_is_still_a_path(db_path: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "harsh"
    folder.mkdir()
    (folder / "habits").write_text("Gym: 3/7\n")
    (folder / "log").write_text("2024-03-02 : Gym : y\n")
    monkeypatch.chdir(tmp_path)
    result = run(db_path, "import", "harsh")
    assert result.exit_code == 0 and "as a harsh folder" in result.output, result.output
    forced = run(db_path, "import", "harsh", "harsh")
    assert forced.exit_code == 0 and "Nothing new" in forced.output
