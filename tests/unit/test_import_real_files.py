"""The files people actually have, composed from ../shared/FORMATS.md: Loop backups with
habits of one name, older CSV exports, renamed habits, text-typed columns, harsh's and
dijo's edge cases, and hostile files. Each is imported through the command line, as a
person would, and checked in the database afterwards."""

from __future__ import annotations

import io
import json
import sqlite3
import time
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.unit.imported import entries
from tests.unit.test_import_loop import V25_HABITS, V25_REPS, ms
from tracker.cli.commands import cli
from tracker.store import Store

Run = Callable[..., Result]


@pytest.fixture
def run(db_path: Path) -> Run:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, [*args, "--db", str(db_path)])
    return invoke


def imported(db_path: Path) -> Store:
    return Store(db_path)


def loop_db(path: Path, habits: list[tuple], reps: list[tuple], version: int = 25,
            habits_sql: str = V25_HABITS, reps_sql: str = V25_REPS) -> Path:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(habits_sql)
    conn.execute(reps_sql)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.executemany(f"INSERT INTO Habits VALUES ({','.join('?' * 18)})", habits)
    conn.executemany("INSERT INTO Repetitions(habit, timestamp, value, notes) VALUES (?,?,?,?)",
                     reps)
    conn.commit()
    conn.close()
    return path


def habit_row(id_: int, name: str, uuid: str, *, numerical: bool = False, at_most: bool = False,
              target: float = 0.0, unit: str = "", question: str = "", description: str = "",
              reminder: int | None = None, archived: object = 0) -> tuple:
    return (id_, archived, 5, description, 1, 1, 0, name, id_, reminder, 0 if reminder else None,
            127, int(numerical), int(at_most), target, unit, question, uuid)


# Loop backups ------------------------------------------------------------------------
def test_two_habits_sharing_a_uuid_stay_two_and_are_said(run: Run, db_path: Path,
                                                         tmp_path: Path) -> None:
    path = loop_db(tmp_path / "loop.db",
                   [habit_row(1, "Walk", "a" * 32), habit_row(2, "Read", "a" * 32)],
                   [(1, ms("2024-03-01"), 2, ""), (2, ms("2024-03-01"), 2, "a chapter")])
    result = run("import", "loop", str(path))
    assert result.exit_code == 0, result.output
    assert "“Walk” and “Read” share one id in the file: both imported, as two habits" in (
        result.output)
    got = entries(imported(db_path))
    assert got[("Walk", "2024-03-01")][0] == "full"
    assert got[("Read", "2024-03-01")] == ("full", None, "a chapter")


def test_two_habits_of_one_name_are_both_imported_and_told_apart(run: Run, db_path: Path,
                                                                  tmp_path: Path) -> None:
    path = loop_db(tmp_path / "loop.db",
                   [habit_row(1, "Vegan", "a" * 32), habit_row(2, "Vegan", "b" * 32)],
                   [(1, ms("2024-03-01"), 2, ""), (2, ms("2024-03-02"), 2, "second")])
    result = run("import", "loop", str(path))
    assert result.exit_code == 0, result.output
    assert "“Vegan (2)”" in result.output
    store = imported(db_path)
    got = entries(store)
    assert got[("Vegan", "2024-03-01")][0] == "full"
    assert got[("Vegan (2)", "2024-03-02")] == ("full", None, "second")
    assert len(got) == 2
    store.close()
    again = run("import", "loop", str(path))
    assert "Nothing new" in again.output
    assert len(entries(imported(db_path))) == 2


def test_a_backup_newer_than_any_known_is_refused(run: Run, db_path: Path,
                                                  tmp_path: Path) -> None:
    path = loop_db(tmp_path / "loop.db", [habit_row(1, "Read", "a" * 32)],
                   [(1, ms("2024-03-01"), 2, "")], version=26)
    result = run("import", "loop", str(path))
    assert result.exit_code == 1 and "newer Loop Habit Tracker" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert imported(db_path).is_empty()


def test_unknown_is_never_a_win_even_at_most(run: Run, db_path: Path, tmp_path: Path) -> None:
    path = loop_db(tmp_path / "loop.db",
                   [habit_row(1, "Coffee", "a" * 32, numerical=True, at_most=True, target=2,
                              unit="cups"),
                    habit_row(2, "Read", "b" * 32, numerical=True, target=20, unit="pages")],
                   [(1, ms("2024-03-01"), -1, ""), (1, ms("2024-03-02"), 1000, ""),
                    (1, ms("2024-03-03"), 3000, ""), (2, ms("2024-03-01"), -1, "")])
    assert run("import", "loop", str(path)).exit_code == 0
    store = imported(db_path)
    got = entries(store)
    assert ("Coffee", "2024-03-01") not in got and ("Read", "2024-03-01") not in got
    assert got[("Coffee", "2024-03-02")][0] == "full"
    assert got[("Coffee", "2024-03-03")] == (None, 3.0, "")
    coffee = store.habits.find("Coffee")
    assert coffee.at_most and coffee.full_amount == 2
    assert store.habits.find("Read").level_for(5) == "minimum"  # a win is a win


def test_a_habit_renamed_in_loop_lands_in_the_same_habit(run: Run, db_path: Path,
                                                         tmp_path: Path) -> None:
    first = loop_db(tmp_path / "loop.db", [habit_row(1, "Run", "c" * 32)],
                    [(1, ms("2024-03-01"), 2, "")])
    assert run("import", "loop", str(first)).exit_code == 0
    later = loop_db(tmp_path / "loop.db", [habit_row(1, "Jog", "c" * 32)],
                    [(1, ms("2024-03-01"), 2, ""), (1, ms("2024-03-02"), 2, "")])
    result = run("import", "loop", str(later))
    assert result.exit_code == 0 and "renamed" in result.output
    store = imported(db_path)
    assert [h.name for h in store.habits.all()] == ["Jog"]
    assert sorted(entries(store)) == [("Jog", "2024-03-01"), ("Jog", "2024-03-02")]


def test_what_the_person_set_is_kept_or_said(run: Run, db_path: Path, tmp_path: Path) -> None:
    path = loop_db(tmp_path / "loop.db",
                   [habit_row(1, "Stretch", "d" * 32, question="Did you stretch?",
                              description="for my back", reminder=8)],
                   [(1, ms("2024-03-01"), 2, "")])
    result = run("import", "loop", str(path))
    habit = imported(db_path).habits.find("Stretch")
    assert (habit.minimum, habit.direction) == ("Did you stretch?", "for my back")
    assert "not kept: the reminders" in result.output and "colours" in result.output


def test_every_column_stored_as_text(run: Run, db_path: Path, tmp_path: Path) -> None:
    text_habits = V25_HABITS.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT").replace(
        "INTEGER", "TEXT").replace("REAL", "TEXT")
    text_reps = V25_REPS.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT").replace(
        "INTEGER", "TEXT")
    path = loop_db(tmp_path / "loop.db",
                   [tuple(str(v) if v is not None else None
                          for v in habit_row(1, "Read", "e" * 32))],
                   [("1", str(ms("2024-03-01")), "2", "")],
                   habits_sql=text_habits, reps_sql=text_reps)
    assert run("import", "loop", str(path)).exit_code == 0
    store = imported(db_path)
    assert not store.habits.find("Read").archived
    assert entries(store)[("Read", "2024-03-01")][0] == "full"


@pytest.mark.parametrize(("column", "value", "message"), [
    ("freq_num", "'often'", "freq_num"), ("target_value", "'x'", "target_value"),
    ("id", "NULL", "without an id"), ("id", "'one'", "id")])
def test_malformed_loop_rows_are_one_line(run: Run, db_path: Path, tmp_path: Path,
                                          column: str, value: str, message: str) -> None:
    path = loop_db(tmp_path / "loop.db", [habit_row(1, "Read", "f" * 32, numerical=True)], [])
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE h2 AS SELECT * FROM Habits")
    conn.execute("DROP TABLE Habits")
    conn.execute("ALTER TABLE h2 RENAME TO Habits")
    conn.execute(f"UPDATE Habits SET {column} = {value}")
    conn.commit()
    conn.close()
    result = run("import", "loop", str(path))
    assert result.exit_code == 1 and message in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


# Loop CSV exports ----------------------------------------------------------------------
def older_export(folder: Path) -> None:
    """Loop 2.1–2.3: no Type/Unit/Target columns, Checkmarks.csv without a header."""
    (folder / "001 Meditate").mkdir(parents=True)
    (folder / "002 Floss").mkdir()
    (folder / "Habits.csv").write_text(
        "Position,Name,Question,Description,NumRepetitions,Interval,Color\n"
        "001,Meditate,Did you meditate?,,2,3,#FF0000\n002,Floss,,,1,1,#00FF00\n")
    (folder / "001 Meditate" / "Checkmarks.csv").write_text(
        "2015-01-27,-1\n2015-01-26,1\n2015-01-25,2\n2015-01-24,0\n")
    (folder / "002 Floss" / "Checkmarks.csv").write_text("")


def zipped(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return target


@pytest.mark.parametrize("as_zip", [True, False])
def test_older_csv_exports_and_unzipped_folders(run: Run, db_path: Path, tmp_path: Path,
                                                as_zip: bool) -> None:
    folder = tmp_path / "Loop Habits CSV 2015-01-28"
    older_export(folder)
    path = zipped(folder, tmp_path / "export.zip") if as_zip else folder
    result = run("import", "loop", str(path))
    assert result.exit_code == 0, result.output
    store = imported(db_path)
    got = entries(store)
    assert got == {("Meditate", "2015-01-25"): ("full", None, "")}
    meditate = store.habits.find("Meditate")
    assert meditate.schedule.describe() == "2 in 3 days"  # Loop's "2 times in 3 days"
    assert store.habits.find("Floss").minimum == "Floss"


def test_a_zip_that_expands_far_beyond_an_export_is_refused(run: Run, db_path: Path,
                                                            tmp_path: Path) -> None:
    from tracker.io.loop_csv import MAX_MEMBER

    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Habits.csv", "Position,Name\n001,A\n")
        with archive.open("001 A/Checkmarks.csv", "w") as member:
            chunk = b"0" * 2 ** 20
            for _ in range(MAX_MEMBER // len(chunk) + 1):
                member.write(chunk)
    assert path.stat().st_size < 2 ** 20
    started = time.monotonic()
    result = run("import", "loop", str(path))
    assert result.exit_code == 1 and "expands to" in result.stderr
    assert time.monotonic() - started < 10
    assert imported(db_path).is_empty()


# harsh and dijo ---------------------------------------------------------------------------
def test_harsh_keeps_only_what_carries_information(run: Run, db_path: Path,
                                                   tmp_path: Path) -> None:
    folder = tmp_path / "harsh"
    folder.mkdir()
    future = (date.today() + timedelta(days=30)).isoformat()  # noqa: DTZ011
    (folder / "habits").write_text(f"Gym: 3/7\nRead: 1: {future}\nOld: 1: 2024-01-01\n")
    (folder / "log").write_text("2024-03-02 : Gym : n :  : 0\n2024-03-03 : Gym : y :  : 0\n"
                                "2024-03-04 : Read : y : good : 12\n2024-03-01 : Old : y\n")
    assert run("import", "harsh", str(folder)).exit_code == 0
    store = imported(db_path)
    habits = {h.name: h for h in store.habits.all(include_archived=True)}
    assert not habits["Read"].archived and habits["Old"].archived
    got = entries(store)
    assert ("Gym", "2024-03-02") not in got
    assert got[("Gym", "2024-03-03")] == ("full", None, "")
    assert got[("Read", "2024-03-04")] == ("full", 12.0, "good")


def test_a_dijo_precision_is_checked_before_any_arithmetic(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "habit_record.json"
    path.write_text(json.dumps([{"type": "Float", "name": "run", "goal": {"value": 5,
                                 "precision": 0},
                                 "stats": {"2024-03-02": {"value": 52, "precision": 1e10}}}]))
    started = time.monotonic()
    result = run("import", "dijo", str(path))
    assert result.exit_code == 1 and "precision" in result.stderr
    assert time.monotonic() - started < 10


# One set of rules for every way data comes in ----------------------------------------------
def document(**entry: object) -> str:
    return json.dumps({"format": "tracker", "version": 2,
                       "habits": [{"name": "Read", "minimum": "a page", "created": "2024-01-01"}],
                       "entries": [{"habit": "Read", "date": "2024-03-02", "status": "full",
                                    "amount": None, "note": ""} | entry]})


HOSTILE = {
    "400-digit amount": document(amount=int("9" * 400)),
    "infinite amount": document().replace('"amount": null', '"amount": 1e999'),
    "negative amount": document(amount=-3),
    "5000-digit integer": document().replace('"amount": null', '"amount": ' + "1" * 5000),
    "year 9999": document(date="9999-12-31"),
    "basic format date": document(date="20260102"),
    "week date": document(date="2026-W01-5"),
    "huge note": document(note="x" * 100_000),
    "lone surrogate": document().replace('"note": ""', '"note": "\\ud800"'),
    "deep nesting": '{"format": "tracker", "version": 2, "habits": ' + "[" * 100_000
                    + "]" * 100_000 + "}",
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_json_imports_refuse_what_the_command_line_refuses(run: Run, db_path: Path,
                                                           tmp_path: Path, case: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(HOSTILE[case])
    result = run("import", "json", str(path))
    assert result.exit_code == 1, result.output
    assert str(path) in result.stderr and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output
    assert imported(db_path).is_empty()
    exported = run("export")
    assert "Infinity" not in exported.output


def test_the_command_line_refuses_the_same(run: Run) -> None:
    run("habit", "add", "Read", "--min", "a page")
    for args in (("--amount", "1e999"), ("--amount", "-3"), ("--date", "20260102"),
                 ("--note", "x" * 100_000)):
        result = run("done", "Read", *args)
        assert result.exit_code != 0 and len(result.stderr.splitlines()) == 1, args


def test_summary_is_an_honest_account(run: Run, tmp_path: Path) -> None:
    path = loop_db(tmp_path / "loop.db",
                   [habit_row(1, "Vegan", "a" * 32), habit_row(2, "Vegan", "b" * 32)],
                   [(1, ms("2024-03-01"), 2, ""), (1, ms("2024-03-02"), 1, "")])
    out = run("import", "loop", str(path)).output
    assert "Imported from" in out and "2 habits" in out and "1 entry" in out
    assert "skipped 1 implicit checkmark (" in out and "Vegan (2)" in out and "colours" in out
    assert io.StringIO(out).read().count("\n") < 12


def current_export(folder: Path, name: str, checkmarks: str) -> Path:
    """The current CSV layout: one numerical "at most" habit."""
    (folder / f"001 {name}").mkdir(parents=True, exist_ok=True)
    (folder / "Habits.csv").write_text(
        "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
        "Color,Unit,Target Type,Target Value,Archived?\n"
        f"001,{name},NUMERICAL,How many cups?,,1,1,#FF0000,cups,AT_MOST,2.0,false\n")
    (folder / f"001 {name}" / "Checkmarks.csv").write_text("Date,Value,Notes\n" + checkmarks)
    return folder


def test_csv_unknown_is_never_a_win_and_a_rename_lands_in_the_same_habit(
        run: Run, db_path: Path, tmp_path: Path) -> None:
    first = current_export(tmp_path / "a", "Coffee",
                           "2024-03-03,UNKNOWN,\n2024-03-02,-1,\n2024-03-01,1000,\n")
    assert run("import", "loop", str(first)).exit_code == 0
    got = entries(imported(db_path))
    assert got == {("Coffee", "2024-03-01"): ("full", 1.0, "")}
    renamed = current_export(tmp_path / "b", "Tea", "2024-03-04,3000,\n2024-03-01,1000,\n")
    result = run("import", "loop", str(renamed))
    assert result.exit_code == 0 and "renamed" in result.output
    store = imported(db_path)
    assert [h.name for h in store.habits.all()] == ["Tea"]
    assert sorted(entries(store)) == [("Tea", "2024-03-01"), ("Tea", "2024-03-04")]
