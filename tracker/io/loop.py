"""Loop Habit Tracker: the full SQLite backup (versions 8 to 25) and the CSV export (a zip,
or the folder it unzips to, in the current layout and the older one of Loop 2.1 to 2.3).

Columns are read by name and values by meaning (a file whose every column is text
reads the same), so older layouts work; see docs/formats.md for the mapping.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tracker.domain import checks
from tracker.io.foreign import Converted, numeric_status, per_week_from_ratio
from tracker.io.json_format import ImportFailed
from tracker.store import DatabaseError, ForeignDatabase

YES_NO, NUMERICAL = 0, 1
DONE, NOT_DONE, IMPLICIT, SKIPPED, UNKNOWN = 2, 0, 1, 3, -1
OLDEST_VERSION, NEWEST_VERSION = 8, 25
"""The backup versions (``PRAGMA user_version``) found in the wild. A newer one is refused,
as Loop itself does; a lower one (a file made by another tool) is read by its columns."""


def read_loop(path: Path) -> Converted:
    """A Loop backup: a ``.db`` SQLite file, a CSV ``.zip`` export or its unzipped folder."""
    from tracker.io.loop_csv import Folder, ZipFiles, read_loop_csv

    if path.is_dir():
        return read_loop_csv(path, Folder(path))
    if not path.exists():
        raise ImportFailed(f"{path}: no such file")
    with path.open("rb") as handle:
        magic = handle.read(16)
    if magic.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError):
            raise ImportFailed(f"{path}: not a readable zip file") from None
        with archive:
            return read_loop_csv(path, ZipFiles(path, archive))
    if magic == b"SQLite format 3\x00":
        return read_loop_db(path)
    raise ImportFailed(f"{path}: not a Loop Habit Tracker backup "
                       "(expected the .db backup, the CSV .zip export or its folder)")


# Values by meaning ----------------------------------------------------------------
def whole(value: Any, where: str, what: str) -> int:
    """A whole number stored as an integer, a real or text (``"3"``, ``"3.0"``)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and abs(value) < 2 ** 62:
        return value
    try:
        number = float(str(value).strip()) if isinstance(value, str | float) else None
    except ValueError:
        number = None
    if number is None or number != number or abs(number) >= 2 ** 62 or number != int(number):
        raise ImportFailed(f"{where}: {what} {value!r} is not a whole number")
    return int(number)


def _real(value: Any, where: str, what: str) -> float:
    try:
        return checks.amount(value) or 0.0
    except ValueError:
        raise ImportFailed(f"{where}: {what} {str(value)[:40]!r} is not a number "
                           "from 0 to 10¹²") from None


def flag(value: Any) -> bool:
    """0/1 stored as a number or as text (``"0"`` is false), or true/false."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "yes"):
            return True
        try:
            return float(text) != 0
        except ValueError:
            return False
    return bool(value)


def plain(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _loop_day(timestamp: Any, where: str) -> date:
    try:
        day = datetime.fromtimestamp(whole(timestamp, where, "timestamp") / 1000, tz=UTC).date()
        return checks.iso_day(day.isoformat())
    except (ValueError, OverflowError, OSError):
        raise ImportFailed(f"{where}: timestamp {timestamp!r} is not a date") from None


def habit_fields(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """Minimum, full, unit, direction and schedule of a Loop habit row (db or CSV).

    The question is the minimum; a description beside it becomes the direction (it
    says what the habit is for); a description alone is the minimum.
    """
    numerical = whole(raw.get("type") or 0, where, "type") == NUMERICAL
    unit = plain(raw.get("unit")) if numerical else ""
    target = _real(raw.get("target_value") or 0, where, "target_value") if numerical else 0.0
    at_most = numerical and whole(raw.get("target_type") or 0, where, "target_type") == 1
    full = ""
    if numerical and target > 0:
        full = f"{'at most' if at_most else 'at least'} {target:g} {unit}".strip()
    question, description = plain(raw.get("question")), plain(raw.get("description"))
    times = _real(raw.get("freq_num") or 1, where, "freq_num")
    days = _real(raw.get("freq_den") or 1, where, "freq_den")
    return {"minimum": question or description, "full": full, "unit": unit,
            "direction": description if question else "",
            "schedule": per_week_from_ratio(times, days),
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


def add_loop_habit(converted: Converted, raw: dict[str, Any], fields: dict[str, Any],
               archived: bool, sources: list[str], where: str) -> str:
    return converted.add_habit(
        plain(raw.get("name")), minimum=fields["minimum"], full=fields["full"],
        unit=fields["unit"], direction=fields["direction"], schedule=fields["schedule"],
        archived=archived, where=where, sources=sources, tell_apart=True,
        **level_numbers(fields))


def checkmark(converted: Converted, habit: dict[str, Any], name: str, day: date,
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


# The SQLite backup ----------------------------------------------------------------
def read_loop_db(path: Path) -> Converted:
    """Read a Loop SQLite backup without ever writing to it."""
    converted = Converted(str(path))
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = ForeignDatabase(uri)
        tables, version = conn.tables(), conn.version()
    except DatabaseError as error:
        raise ImportFailed(f"{path}: cannot be read as SQLite ({error})") from None
    try:
        if not {"habits", "repetitions"} <= tables:
            raise ImportFailed(f"{path}: not a Loop Habit Tracker backup "
                               "(no Habits and Repetitions tables)")
        if version > NEWEST_VERSION:
            raise ImportFailed(
                f"{path}: written by a newer Loop Habit Tracker (backup version {version}; "
                f"tracker reads {OLDEST_VERSION} to {NEWEST_VERSION}). Export it as CSV from "
                "Loop, or upgrade tracker.")
        habits = _read_db_habits(converted, conn, path)
        _read_repetitions(converted, conn, path, habits)
    except DatabaseError as error:
        raise ImportFailed(f"{path}: cannot be read ({error})") from None
    finally:
        conn.close()
    return converted


def _read_db_habits(converted: Converted, conn: ForeignDatabase,
                    path: Path) -> dict[int, tuple[str, dict[str, Any]]]:
    order = "position, id" if "position" in conn.columns("Habits") else "id"
    habits: dict[int, tuple[str, dict[str, Any]]] = {}
    for raw in conn.records("Habits", order):
        where = f"{path}, Habits row {str(raw.get('id'))[:20]}"
        if raw.get("id") is None:
            raise ImportFailed(f"{where}: a habit without an id")
        habit_id = whole(raw["id"], where, "id")
        fields = habit_fields(raw, where)
        uuid = plain(raw.get("uuid"))
        sources = [f"loop:{uuid}"] if uuid else [f"loop-id:{habit_id}"]
        name = add_loop_habit(converted, raw, fields, flag(raw.get("archived")), sources, where)
        if raw.get("reminder_hour") is not None and plain(raw.get("reminder_hour")) not in (
                "", "-1"):
            converted.not_kept("the reminders (tracker has none)")
        if raw.get("color") is not None:
            converted.not_kept("the colours (tracker follows its theme)")
        habits[habit_id] = (name, fields)
    return habits


def _read_repetitions(converted: Converted, conn: ForeignDatabase, path: Path,
                      habits: dict[int, tuple[str, dict[str, Any]]]) -> None:
    days: dict[Any, date] = {}  # one conversion per distinct timestamp (a day each)
    columns = conn.columns("Repetitions")
    value = "value" if "value" in columns else f"{DONE} AS value"
    notes = "notes" if "notes" in columns else "'' AS notes"

    def where() -> str:  # composed only for an error: ~150,000 rows
        return f"{path}, Repetitions of habit {str(habit_id)[:20]}"

    for habit_id, stamp, number, note in conn.rows(  # plain tuples: ~150,000 rows
            f"SELECT habit, timestamp, {value}, {notes} FROM Repetitions "
            "ORDER BY habit, timestamp"):
        if type(habit_id) is not int:
            habit_id = whole(habit_id, where(), "habit") if habit_id is not None else None
        if habit_id not in habits:
            converted.skip("repetitions of habits that are not in the file")
            continue
        name, fields = habits[habit_id]
        if type(number) is not int:
            number = whole(number, where(), "value")
        day = days.get(stamp)
        if day is None:
            day = days[stamp] = _loop_day(stamp, where())
        checkmark(converted, fields, name, day, number, note_text(note, where) if note else "")


def note_text(note: Any, where: str | Callable[[], str]) -> str:
    if not note:
        return ""
    try:
        return checks.text(str(note), "note").strip()
    except ValueError as error:
        place = where if isinstance(where, str) else where()
        raise ImportFailed(f"{place}: {error}") from None
