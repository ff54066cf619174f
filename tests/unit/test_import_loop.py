"""Loop Habit Tracker backups (current and older layouts) and CSV zips."""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.unit.imported import entries
from tracker.domain.models import Schedule
from tracker.io.json_format import ImportFailed, import_document
from tracker.io.loop import read_loop
from tracker.store import Store

V25_HABITS = """CREATE TABLE Habits (id INTEGER PRIMARY KEY AUTOINCREMENT, archived INTEGER,
 color INTEGER, description TEXT, freq_den INTEGER, freq_num INTEGER, highlight INTEGER,
 name TEXT, position INTEGER, reminder_hour INTEGER, reminder_min INTEGER,
 reminder_days INTEGER NOT NULL DEFAULT 127, type INTEGER NOT NULL DEFAULT 0,
 target_type INTEGER NOT NULL DEFAULT 0, target_value REAL NOT NULL DEFAULT 0,
 unit TEXT NOT NULL DEFAULT "", question TEXT, uuid TEXT)"""
V25_REPS = """CREATE TABLE Repetitions (id INTEGER PRIMARY KEY AUTOINCREMENT,
 habit INTEGER NOT NULL REFERENCES habits(id), timestamp INTEGER NOT NULL,
 value INTEGER NOT NULL, notes TEXT)"""


def ms(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp() * 1000)


def make_v25(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute(V25_HABITS)
    conn.execute(V25_REPS)
    conn.execute("CREATE UNIQUE INDEX idx_repetitions_habit_timestamp "
                 "ON Repetitions(habit, timestamp)")
    conn.execute("CREATE TABLE android_metadata (locale TEXT)")
    conn.execute("PRAGMA user_version = 25")
    conn.executemany("INSERT INTO Habits VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
        (1, 0, 11, "", 1, 1, 0, "Read", 1, None, None, 127, 1, 0, 20.0, "pages",
         "How many pages did you read?", "8c1f0e2ad9b34f6a9e7c5b1d2a3f4e5d"),
        (2, 0, 3, "legs and back", 7, 3, 0, "Stretch 🧘", 0, None, None, 127, 0, 0, 0, "",
         "Did you stretch?", "aa"),
        (3, 1, 2, "", 30, 1, 0, "読書", 2, None, None, 127, 0, 0, 0, "", "", "bb"),
    ])
    conn.executemany("INSERT INTO Repetitions(habit, timestamp, value, notes) VALUES (?,?,?,?)", [
        (1, ms("2024-03-02"), 12500, ""),
        (1, ms("2024-03-01"), 3, "sick"),
        (1, ms("2024-03-03"), 25000, "a whole chapter, \"finally\""),
        (1, ms("2024-03-04"), 0, ""),
        (2, ms("2024-03-02"), 2, "felt good,\nloose"),
        (2, ms("2024-03-03"), 0, "too tired"),
        (2, ms("2024-03-04"), -1, ""),
        (2, ms("2024-03-05"), 1, ""),
        (3, ms("2024-02-29"), 2, None),
    ])
    conn.commit()
    conn.close()
    return path


def test_current_backup_maps_every_value(store: Store, tmp_path: Path) -> None:
    path = make_v25(tmp_path / "Loop Habits Backup 2024-03-05 101010.db")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    converted = read_loop(path)
    report = import_document(store, converted.document())
    assert report.habits == 3
    got = entries(store)
    assert got[("Read", "2024-03-02")] == ("minimum", 12.5, "")
    assert got[("Read", "2024-03-03")] == ("full", 25.0, 'a whole chapter, "finally"')
    assert got[("Read", "2024-03-01")] == ("rest", None, "sick")
    assert ("Read", "2024-03-04") not in got
    assert got[("Stretch 🧘", "2024-03-02")] == ("full", None, "felt good,\nloose")
    assert got[("Stretch 🧘", "2024-03-03")] == (None, None, "too tired")
    assert ("Stretch 🧘", "2024-03-05") not in got  # implicit, not entered
    assert got[("読書", "2024-02-29")] == ("full", None, "")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_habit_fields_order_units_frequencies_and_archive(store: Store, tmp_path: Path) -> None:
    import_document(store, read_loop(make_v25(tmp_path / "b.db")).document())
    habits = {h.name: h for h in store.habits.all(include_archived=True)}
    read = habits["Read"]
    assert (read.unit, read.minimum, read.full) == (
        "pages", "How many pages did you read?", "at least 20 pages")
    assert read.schedule.kind == "daily"
    assert habits["Stretch 🧘"].schedule.per_week == 3
    assert habits["読書"].archived
    assert habits["読書"].schedule == Schedule.times_in_days(1, 30)  # no longer "1× a week"
    assert [h.name for h in store.habits.all(include_archived=True)] == [
        "Stretch 🧘", "Read", "読書"]
    assert read.created == date(2024, 3, 1)


def test_importing_twice_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = make_v25(tmp_path / "b.db")
    import_document(store, read_loop(path).document())
    again = import_document(store, read_loop(path).document())
    assert not again.added_anything


def test_version_12_layout(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE Habits (Id INTEGER PRIMARY KEY, archived INTEGER, color INTEGER,"
                 " description TEXT, freq_den INTEGER, freq_num INTEGER, highlight INTEGER,"
                 " name TEXT, position INTEGER, reminder_hour INTEGER, reminder_min INTEGER)")
    conn.execute("CREATE TABLE Repetitions (Id INTEGER PRIMARY KEY, habit INTEGER, "
                 "timestamp INTEGER)")
    conn.execute("INSERT INTO Habits VALUES (1, 0, 1, 'Floss', 1, 1, 0, 'Floss', 0, NULL, NULL)")
    conn.execute(f"INSERT INTO Repetitions VALUES (1, 1, {ms('2019-05-01')})")
    conn.execute("PRAGMA user_version = 12")
    conn.commit()
    conn.close()
    import_document(store, read_loop(path).document())
    assert entries(store) == {("Floss", "2019-05-01"): ("full", None, "")}
    assert store.habits.find("Floss").minimum == "Floss"


def test_version_22_layout_without_notes(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "v22.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE Habits (id INTEGER PRIMARY KEY, archived INTEGER, "
                 "color INTEGER, description TEXT, freq_den INTEGER, freq_num INTEGER, "
                 "highlight INTEGER, name TEXT, position INTEGER, reminder_hour INTEGER, "
                 "reminder_min INTEGER, reminder_days INTEGER NOT NULL DEFAULT 127, "
                 "type INTEGER NOT NULL DEFAULT 0, target_type INTEGER NOT NULL DEFAULT 0, "
                 "target_value REAL NOT NULL DEFAULT 0, unit TEXT NOT NULL DEFAULT '')")
    conn.execute("CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, "
                 "timestamp INTEGER, value INTEGER)")
    conn.execute("CREATE TABLE Events (id INTEGER PRIMARY KEY, timestamp INTEGER, message TEXT)")
    conn.execute("INSERT INTO Habits VALUES (1, 0, 1, '', 7, 2, 0, 'Run', 0, NULL, NULL, 127, "
                 "1, 1, 5.0, 'km')")
    conn.execute(f"INSERT INTO Repetitions VALUES (1, 1, {ms('2021-01-04')}, 4000)")
    conn.execute(f"INSERT INTO Repetitions VALUES (2, 1, {ms('2021-01-05')}, 6000)")
    conn.commit()
    conn.close()
    import_document(store, read_loop(path).document())
    got = entries(store)
    assert got[("Run", "2021-01-04")] == ("full", 4.0, "")  # at most 5 km: under is a win
    assert got[("Run", "2021-01-05")] == (None, 6.0, "")
    assert store.habits.find("Run").full == "at most 5 km"


@pytest.mark.parametrize("content, message", [
    (b"not a database at all", "not a Loop Habit Tracker backup"),
    (b"SQLite format 3\x00" + b"\x00" * 50, "cannot be read"),
])
def test_malformed_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        read_loop(path)


def test_a_tracker_database_is_not_a_loop_backup(tmp_path: Path) -> None:
    Store(tmp_path / "t.db").close()
    with pytest.raises(ImportFailed, match="no Habits and Repetitions"):
        read_loop(tmp_path / "t.db")


def test_a_bad_timestamp_names_the_row_and_imports_nothing(store: Store, tmp_path: Path) -> None:
    path = make_v25(tmp_path / "b.db")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO Repetitions(habit, timestamp, value) VALUES (1, 'soon', 2)")
    conn.commit()
    conn.close()
    with pytest.raises(ImportFailed, match="timestamp 'soon'"):
        read_loop(path)
    assert store.habits.all() == []


def write_zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


HABITS_CSV = (
    "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,"
    "Unit,Target Type,Target Value,Archived?\n"
    "001,Meditate,YES_NO,Did you meditate?,,1,1,#FF8F00,,,,false\n"
    "002,Read,NUMERICAL,How many pages?,,3,7,#00897B,pages,AT_LEAST,20.0,false\n"
    "003,書道,YES_NO,,,1,1,#000000,,,,true\n")


def test_csv_zip(store: Store, tmp_path: Path) -> None:
    path = write_zip(tmp_path / "Loop Habits CSV 2024-03-05.zip", {
        "Habits.csv": HABITS_CSV,
        "001 Meditate/Checkmarks.csv": "Date,Value,Notes\n2024-03-03,YES_AUTO,\n"
                                       "2024-03-02,SKIP,\"away, travelling\"\n"
                                       "2024-03-01,YES_MANUAL,\n2024-02-29,NO,\n",
        "001 Meditate/Scores.csv": "Date,Score\n2024-03-03,0.5\n",
        "002 Read/Checkmarks.csv": "Date,Value,Notes\n2024-03-02,12500,\n2024-03-01,20000,ok\n",
        "003/Checkmarks.csv": "Date,Value,Notes\n2024-03-01,YES_MANUAL,\"line\nbreak\"\n",
        "Checkmarks.csv": "Date,Meditate,Read,書道,\n",
    })
    report = import_document(store, read_loop(path).document())
    assert report.habits == 3
    got = entries(store)
    assert got[("Meditate", "2024-03-01")] == ("full", None, "")
    assert got[("Meditate", "2024-03-02")] == ("rest", None, "away, travelling")
    assert ("Meditate", "2024-03-03") not in got and ("Meditate", "2024-02-29") not in got
    assert got[("Read", "2024-03-02")] == ("minimum", 12.5, "")
    assert got[("Read", "2024-03-01")] == ("full", 20.0, "ok")
    assert got[("書道", "2024-03-01")] == ("full", None, "line\nbreak")
    assert store.habits.find("書道").archived
    assert store.habits.find("Read").schedule.per_week == 3


def test_csv_zip_errors_name_file_and_line(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "bad.zip", {
        "Habits.csv": HABITS_CSV,
        "001 Meditate/Checkmarks.csv": "Date,Value,Notes\n2024-03-01,MAYBE,\n"})
    with pytest.raises(ImportFailed, match=r"001 Meditate/Checkmarks.csv, line 2.*'MAYBE'"):
        read_loop(path)
    with pytest.raises(ImportFailed, match="no Habits.csv"):
        read_loop(write_zip(tmp_path / "empty.zip", {"x.txt": "hi"}))
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(ImportFailed, match="not a readable zip"):
        read_loop(broken)
