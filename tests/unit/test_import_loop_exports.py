"""Loop Habit Tracker files that went wrong: the older CSV layout with numerical habits,
exports of only the root files, and backups whose user_version is 0 (composed from
../shared/FORMATS.md, imported through the command line)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.unit.imported import entries
from tests.unit.test_import_loop import ms
from tracker.cli.commands import cli
from tracker.store import Store


def run(db_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--db", str(db_path)])


OLDER_HABITS = ("Position,Name,Question,Description,NumRepetitions,Interval,Color\n"
                "001,Walk,Steps today?,,1,1,#FF0000\n002,Water,Glasses?,,1,1,#00FF00\n"
                "003,Floss,,,2,3,#0000FF\n")


def test_an_older_export_with_numerical_habits_keeps_their_amounts(db_path: Path,
                                                                    tmp_path: Path) -> None:
    """Values outside −1…3 make a numerical habit (amount = value / 1000); beside them a
    yes/no habit of the same export keeps its codes."""
    folder = tmp_path / "Loop Habits CSV 2023-05-02"
    for sub in ("001 Walk", "002 Water", "003 Floss"):
        (folder / sub).mkdir(parents=True)
    (folder / "Habits.csv").write_text(OLDER_HABITS)
    (folder / "001 Walk" / "Checkmarks.csv").write_text(
        "2023-05-01,7350\n2023-04-30,0\n2023-04-29,300\n")
    (folder / "002 Water" / "Checkmarks.csv").write_text("2023-05-01,2\n2023-04-30,-1\n")
    (folder / "003 Floss" / "Checkmarks.csv").write_text("2023-05-01,2\n2023-04-30,1\n")
    result = run(db_path, "import", "loop", str(folder))
    assert result.exit_code == 0, result.output
    got = entries(Store(db_path))
    assert got == {("Walk", "2023-05-01"): ("full", 7.35, ""),
                   ("Walk", "2023-04-29"): ("full", 0.3, ""),
                   ("Water", "2023-05-01"): ("full", None, ""),
                   ("Floss", "2023-05-01"): ("full", None, "")}
    assert Store(db_path).habits.find("Floss").schedule.describe() == "2 in 3 days"


@pytest.mark.parametrize("root, trailing", [
    ("Date,Read,Stretch,\n2024-03-03,12500,YES_MANUAL,\n2024-03-02,0,YES_AUTO,\n"
     "2024-03-01,3000,SKIP,\n2024-02-29,UNKNOWN,NO,\n", True),
    ("Date,Read,Stretch\n2024-03-03,12500,2\n2024-03-02,0,1\n2024-03-01,3000,3\n"
     "2024-02-29,-1,0\n", False),
])
def test_an_export_of_only_the_root_files_reads_the_root_checkmarks(
        db_path: Path, tmp_path: Path, root: str, trailing: bool) -> None:
    """No NNN Name/ folders: the root Checkmarks.csv (a column per habit in Habits.csv's
    order, words or codes, a trailing comma or not) holds the days; only days done by
    hand and amounts are evidence."""
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "Habits.csv").write_text(
        "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
        "Color,Unit,Target Type,Target Value,Archived?\n"
        "001,Read,NUMERICAL,Pages?,,1,1,#FF0000,pages,AT_LEAST,10.0,false\n"
        "002,Stretch,YES_NO,Did you stretch?,,1,2,#00FF00,,,,false\n")
    (folder / "Checkmarks.csv").write_text(root)
    result = run(db_path, "import", "loop", str(folder))
    assert result.exit_code == 0, result.output
    store = Store(db_path)
    assert entries(store) == {("Read", "2024-03-03"): ("full", 12.5, ""),
                              ("Read", "2024-03-01"): ("minimum", 3.0, ""),
                              ("Stretch", "2024-03-03"): ("full", None, ""),
                              ("Stretch", "2024-03-01"): ("rest", None, "")}
    assert "without a Checkmarks.csv" not in result.output
    assert "root Checkmarks.csv" in result.output
    assert store.habits.find("Stretch").schedule.describe() == "every other day"
    again = run(db_path, "import", "loop", str(folder))
    assert "Nothing new" in again.output


def test_the_older_root_file_with_numbers_and_entry_cells(db_path: Path,
                                                          tmp_path: Path) -> None:
    """Loop 2.x's root file: codes, amounts × 1000, and Entry(…) cells of its bug."""
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "Habits.csv").write_text(OLDER_HABITS)
    (folder / "Checkmarks.csv").write_text(
        "Date,Walk,Water,Floss,\n2023-05-01,7350,2,Entry(timestamp=1682899200000, value=2),\n"
        "2023-04-30,0,-1,1,\n")
    result = run(db_path, "import", "loop", str(folder))
    assert result.exit_code == 0, result.output
    assert entries(Store(db_path)) == {("Walk", "2023-05-01"): ("full", 7.35, ""),
                                       ("Water", "2023-05-01"): ("full", None, ""),
                                       ("Floss", "2023-05-01"): ("full", None, "")}


def test_a_bad_root_cell_is_one_line_naming_the_place(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "Habits.csv").write_text(OLDER_HABITS)
    (folder / "Checkmarks.csv").write_text("Date,Walk,Water,Floss\n2023-05-01,2,lots,0\n")
    result = run(db_path, "import", "loop", str(folder))
    assert result.exit_code == 1
    assert "Checkmarks.csv, line 2, column 3: value 'lots' is not a whole number" in \
        result.stderr
    assert Store(db_path).habits.all() == []


def test_a_backup_of_user_version_0_with_text_columns_is_read_by_its_columns(
        db_path: Path, tmp_path: Path) -> None:
    """Written by a tool other than Loop: user_version 0 and every column TEXT. It is
    accepted (docs/formats.md says so) and its values are read by meaning."""
    path = tmp_path / "converted.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE Habits (id TEXT, archived TEXT, name TEXT, freq_num TEXT, "
                 "freq_den TEXT, position TEXT, type TEXT, target_value TEXT, unit TEXT, "
                 "question TEXT, uuid TEXT)")
    conn.execute("CREATE TABLE Repetitions (habit TEXT, timestamp TEXT, value TEXT, "
                 "notes TEXT)")
    conn.execute("INSERT INTO Habits VALUES ('1', '0', 'Read', '1', '1', '0', '1', '20.0', "
                 "'pages', 'Pages?', 'ab12'), ('2', '1', 'Run', '3', '10', '1', '0', '0', '', "
                 "'', 'cd34')")
    conn.executemany("INSERT INTO Repetitions VALUES (?, ?, ?, ?)", [
        ("1", str(ms("2024-03-02")), "25000", "good"), ("2", str(ms("2024-03-02")), "2", "")])
    conn.commit()
    conn.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (0,)
    result = run(db_path, "import", "loop", str(path))
    assert result.exit_code == 0, result.output
    store = Store(db_path)
    assert entries(store) == {("Read", "2024-03-02"): ("full", 25.0, "good"),
                              ("Run", "2024-03-02"): ("full", None, "")}
    assert store.habits.find("Run").archived
    assert store.habits.find("Run").schedule.describe() == "3 in 10 days"
