"""Loop Habit Tracker: the full SQLite backup (versions 8 to 25) and the CSV export (a zip,
or the folder it unzips to, in the current layout and the older one of Loop 2.1 to 2.3).

Columns are read by name and values by meaning (a file whose every column is text
reads the same), so older layouts work; see docs/formats.md for the mapping.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from tracker.io.foreign import Converted
from tracker.io.loop_values import (
    DONE,
    add_loop_habit,
    checkmark,
    flag,
    habit_fields,
    loop_day,
    note_text,
    plain,
    whole,
)
from tracker.io.source import ImportFailed, regular_file, shown
from tracker.store import DatabaseError, ForeignDatabase

OLDEST_VERSION, NEWEST_VERSION = 8, 25
"""The backup versions (``PRAGMA user_version``) found in the wild. A newer one is refused,
as Loop itself does; a lower one (a file made by another tool) is read by its columns."""


def read_loop(path: Path) -> Converted:
    """A Loop backup: a ``.db`` SQLite file, a CSV ``.zip`` export or its unzipped folder."""
    from tracker.io.loop_csv import Folder, ZipFiles, read_loop_csv

    if path.is_dir():
        return read_loop_csv(path, Folder(path))
    regular_file(path, "a Loop Habit Tracker backup")  # a FIFO is refused, not waited on
    with path.open("rb") as handle:
        magic = handle.read(16)
    if magic.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise ImportFailed(f"{shown(path)}: not a readable zip file") from None
        with archive:
            return read_loop_csv(path, ZipFiles(path, archive))
    if magic == b"SQLite format 3\x00":
        return read_loop_db(path)
    raise ImportFailed(f"{shown(path)}: not a Loop Habit Tracker backup "
                       "(expected the .db backup, the CSV .zip export or its folder)")


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
            day = days[stamp] = loop_day(stamp, where())
        checkmark(converted, fields, name, day, number, note_text(note, where) if note else "")
