"""Loop Habit Tracker: the full SQLite backup (versions 8 to 25) and the CSV export zip.

Columns are read by name, so older layouts work; see docs/formats.md for the mapping.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tracker.io.foreign import Converted, numeric_status, per_week_from_ratio
from tracker.io.json_format import ImportFailed

YES_NO, NUMERICAL = 0, 1
DONE, NOT_DONE, IMPLICIT, SKIPPED, UNKNOWN = 2, 0, 1, 3, -1


def read_loop(path: Path) -> Converted:
    """A Loop backup: a ``.db`` SQLite file or a ``.zip`` CSV export."""
    if not path.exists():
        raise ImportFailed(f"{path}: no such file")
    with path.open("rb") as handle:
        magic = handle.read(16)
    if magic.startswith(b"PK"):
        return read_loop_csv_zip(path)
    if magic == b"SQLite format 3\x00":
        return read_loop_db(path)
    raise ImportFailed(f"{path}: not a Loop Habit Tracker backup "
                       "(expected the .db backup or the CSV .zip export)")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1].lower() for row in conn.execute(f"PRAGMA table_info({table})")}


def _loop_day(timestamp: Any, where: str) -> date:
    try:
        return datetime.fromtimestamp(int(timestamp) / 1000, tz=UTC).date()
    except (TypeError, ValueError, OverflowError, OSError):
        raise ImportFailed(f"{where}: timestamp {timestamp!r} is not a date") from None


def _habit_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """Name, minimum, full, unit and schedule of a Loop habit row (db or CSV)."""
    numerical = raw.get("type") == NUMERICAL
    unit = (raw.get("unit") or "").strip() if numerical else ""
    target = float(raw.get("target_value") or 0) if numerical else 0.0
    at_most = numerical and raw.get("target_type") == 1
    full = ""
    if numerical and target > 0:
        full = f"{'at most' if at_most else 'at least'} {target:g} {unit}".strip()
    minimum = (raw.get("question") or "").strip() or (raw.get("description") or "").strip()
    return {"minimum": minimum, "full": full, "unit": unit,
            "schedule": per_week_from_ratio(float(raw.get("freq_num") or 1),
                                            float(raw.get("freq_den") or 1)),
            "numerical": numerical, "target": target, "at_most": at_most}


def level_numbers(fields: dict[str, Any]) -> dict[str, Any]:
    """A numerical Loop habit's target as tracker's level numbers: the target is the full
    version's number; "at least" habits count any positive amount as their minimum (the
    decided mapping: a win is a win), "at most" habits keep the target as a ceiling."""
    if not fields["numerical"] or fields["target"] <= 0 and not fields["at_most"]:
        return {}
    if fields["at_most"]:
        return {"full_amount": fields["target"], "at_most": True}
    return {"min_amount": 0.0, "full_amount": fields["target"]}


def _checkmark(converted: Converted, habit: dict[str, Any], name: str, day: date,
               value: int, note: str) -> None:
    if habit["numerical"]:
        if value == SKIPPED:
            converted.record(name, day, "rest", note=note)
            return
        amount = value / 1000
        status = numeric_status(amount, habit["target"], habit["at_most"])
        converted.record(name, day, status, amount if amount > 0 else None, note)
        return
    if value == DONE:
        converted.record(name, day, "full", note=note)
    elif value == SKIPPED:
        converted.record(name, day, "rest", note=note)
    elif value == IMPLICIT:
        converted.skip("implicit checkmarks (computed by Loop, not entered)")
        if note:
            converted.record(name, day, None, note=note)
    else:
        converted.record(name, day, None, note=note)


def read_loop_db(path: Path) -> Converted:
    """Read a Loop SQLite backup without ever writing to it."""
    converted = Converted(str(path))
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        conn.row_factory = sqlite3.Row
        tables = {r[0].lower() for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise ImportFailed(f"{path}: cannot be read as SQLite ({error})") from None
    try:
        if not {"habits", "repetitions"} <= tables:
            raise ImportFailed(f"{path}: not a Loop Habit Tracker backup "
                               "(no Habits and Repetitions tables)")
        order = "position, id" if "position" in _columns(conn, "Habits") else "id"
        habits: dict[int, tuple[str, dict[str, Any]]] = {}
        for row in conn.execute(f"SELECT * FROM Habits ORDER BY {order}"):
            raw = {k.lower(): row[k] for k in row.keys()}
            where = f"{path}, Habits row {raw.get('id')}"
            fields = _habit_fields(raw)
            name = converted.add_habit(
                str(raw.get("name") or ""), minimum=fields["minimum"], full=fields["full"],
                unit=fields["unit"], schedule=fields["schedule"],
                archived=bool(raw.get("archived")), where=where,
                **level_numbers(fields))
            habits[int(raw["id"])] = (name, fields)
        days: dict[int, date] = {}  # one conversion per distinct timestamp (a day each)
        columns = _columns(conn, "Repetitions")
        value = "value" if "value" in columns else f"{DONE} AS value"
        notes = "notes" if "notes" in columns else "'' AS notes"
        conn.row_factory = None  # plain tuples: ~150,000 rows
        for habit_id, stamp, number, note in conn.execute(
                f"SELECT habit, timestamp, {value}, {notes} FROM Repetitions "
                "ORDER BY habit, timestamp"):
            if habit_id not in habits:
                converted.skip("repetitions of habits that are not in the file")
                continue
            name, fields = habits[habit_id]
            if type(number) is not int:
                try:
                    number = int(number)
                except (TypeError, ValueError):
                    raise ImportFailed(f"{path}, Repetitions of habit {habit_id}: value "
                                       f"{number!r} is not a number") from None
            day = days.get(stamp) if type(stamp) is int else None
            if day is None:
                day = _loop_day(stamp, f"{path}, Repetitions of habit {habit_id}")
                if type(stamp) is int:
                    days[stamp] = day
            _checkmark(converted, fields, name, day, number, note.strip() if note else "")
    except sqlite3.DatabaseError as error:
        raise ImportFailed(f"{path}: cannot be read ({error})") from None
    finally:
        conn.close()
    return converted


CSV_VALUES = {"YES_MANUAL": DONE, "YES_AUTO": IMPLICIT, "NO": NOT_DONE, "SKIP": SKIPPED,
              "UNKNOWN": UNKNOWN}


def _csv_rows(archive: zipfile.ZipFile, member: str, where: str) -> list[dict[str, str]]:
    try:
        text = archive.read(member).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"{where}: not UTF-8 text") from None
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_loop_csv_zip(path: Path) -> Converted:
    """Read Loop's CSV export zip: ``Habits.csv`` and one folder per habit."""
    converted = Converted(str(path))
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ImportFailed(f"{path}: not a readable zip file") from None
    with archive:
        names = archive.namelist()
        habits_csv = next((n for n in names if n.rsplit("/", 1)[-1] == "Habits.csv"
                           and n.count("/") <= 1), None)
        if habits_csv is None:
            raise ImportFailed(f"{path}: not a Loop CSV export (no Habits.csv)")
        prefix = habits_csv[: -len("Habits.csv")]
        folders: dict[str, str] = {}
        for member in names:
            match = re.fullmatch(re.escape(prefix) + r"(\d+)[^/]*/Checkmarks\.csv", member)
            if match:
                folders[match.group(1).lstrip("0") or "0"] = member
        for line, row in enumerate(_csv_rows(archive, habits_csv, f"{path}:{habits_csv}"), 2):
            where = f"{path}:{habits_csv}, line {line}"
            try:
                raw: dict[str, Any] = {"name": row["Name"], "question": row.get("Question", ""),
                    "description": row.get("Description", ""),
                    "type": NUMERICAL if row.get("Type") == "NUMERICAL" else YES_NO,
                    "freq_num": row.get("FrequencyNumerator") or 1,
                    "freq_den": row.get("FrequencyDenominator") or 1,
                    "unit": row.get("Unit", ""),
                    "target_type": 1 if row.get("Target Type") == "AT_MOST" else 0,
                    "target_value": row.get("Target Value") or 0}
                fields = _habit_fields(raw)
            except (KeyError, ValueError) as error:
                raise ImportFailed(f"{where}: unexpected row ({error})") from None
            name = converted.add_habit(
                raw["name"], minimum=fields["minimum"], full=fields["full"],
                unit=fields["unit"], schedule=fields["schedule"],
                archived=(row.get("Archived?") or "").lower() == "true", where=where,
                **level_numbers(fields))
            checkmarks = folders.get((row.get("Position") or "").lstrip("0") or "0")
            if checkmarks is None:
                converted.skip("habits without a Checkmarks.csv in the zip")
                continue
            _read_checkmarks(converted, archive, checkmarks, name, fields,
                             f"{path}:{checkmarks}")
    return converted


def _read_checkmarks(converted: Converted, archive: zipfile.ZipFile, member: str, name: str,
                     fields: dict[str, Any], where: str) -> None:
    rows = _csv_rows(archive, member, where)
    for line, row in reversed(list(enumerate(rows, 2))):  # newest first in the file
        place = f"{where}, line {line}"
        try:
            day = date.fromisoformat((row.get("Date") or "").strip())
        except ValueError:
            raise ImportFailed(f"{place}: {row.get('Date')!r} is not a date") from None
        raw = (row.get("Value") or "").strip()
        if raw in CSV_VALUES:
            value = CSV_VALUES[raw]
        else:
            try:
                value = int(float(raw))
            except ValueError:
                raise ImportFailed(f"{place}: unknown value {raw!r}") from None
            if not fields["numerical"]:
                value = DONE if value > 0 else NOT_DONE
        _checkmark(converted, fields, name, day, value, (row.get("Notes") or "").strip())
