"""``tracker import PATH``: which format a file, zip or folder is, told by what it holds
(never by its name alone), and the reader of each format."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.domain.records import NamedTuple
from tracker.io.source import SQLITE_MAGIC, ImportFailed, foreign_database, regular_file, shown


class Format(NamedTuple):
    """A format ``tracker import`` reads: its reader, what a person calls it, and the
    help of its ``tracker import KIND`` command."""

    reader: str
    label: str
    help: str


FORMATS = {
    "json": Format("tracker.io.json_format.read_document", "tracker's JSON export",
                   "Import a tracker JSON export (all or nothing; importing twice adds "
                   "nothing)."),
    "loop": Format("tracker.io.loop.read_loop", "Loop Habit Tracker's backup or CSV export",
                   "Import Loop Habit Tracker's backup (.db) or CSV export (.zip, or its "
                   "folder)."),
    "harsh": Format("tracker.io.harsh.read_harsh", "a harsh folder",
                    "Import a harsh folder (its 'habits' and 'log' files)."),
    "dijo": Format("tracker.io.dijo.read_dijo", "dijo's habit record",
                   "Import dijo's habit_record.json (or a folder with it and the [auto] "
                   "file)."),
    "habitkit": Format("tracker.io.habitkit.read_habitkit", "HabitKit's JSON export",
                       "Import HabitKit's JSON export."),
    "habitbull": Format("tracker.io.habitbull.read_habitbull", "HabitBull's CSV export",
                        "Import HabitBull's CSV export."),
    "habitica": Format("tracker.io.habitica.read_habitica", "Habitica's user data (JSON)",
                       "Import Habitica's user data (Export Data → User Data, JSON)."),
    "daylio": Format("tracker.io.daylio.read_daylio", "Daylio's CSV export",
                     "Import Daylio's CSV export (moods as check-ins, activities as "
                     "habits)."),
    "rewire": Format("tracker.io.android_dbs.read_rewire", "Rewire's database",
                     "Import Rewire's database backup."),
    "tickmate": Format("tracker.io.android_dbs.read_tickmate", "Tickmate's database",
                       "Import Tickmate's database backup."),
}
HEAD = 64 * 1024
"""How much of a file is looked at to tell a text format."""
KNOWN = ("Loop Habit Tracker, harsh, dijo, HabitKit, HabitBull, Habitica, Daylio, Rewire, "
         "Tickmate or tracker's JSON export")


def reader(kind: str) -> Callable[[Path], Any]:
    """The function reading ``kind`` (imported only when used)."""
    import importlib

    module, _, function = FORMATS[kind].reader.rpartition(".")
    found: Callable[[Path], Any] = getattr(importlib.import_module(module), function)
    return found


def _unknown(path: Path, what: str) -> ImportFailed:
    return ImportFailed(f"{shown(path)}: {what}, not a format tracker recognises ({KNOWN}); "
                        "if it is one, name it: tracker import KIND PATH")


def detect(path: Path) -> str:
    """The format of ``path``, or ImportFailed in one line saying what it is instead."""
    if path.is_dir() and not path.is_symlink():
        return _folder(path)
    if path.is_dir():
        raise ImportFailed(f"{shown(path)}: a symbolic link to a folder; give the folder "
                           "itself")
    regular_file(path, "a file to import")
    head = _head(path)
    if head.startswith(b"PK"):
        return _zip(path)
    if head.startswith(SQLITE_MAGIC):
        return _sqlite(path)
    return _text(path, head)


def _head(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        return os.read(fd, HEAD)
    finally:
        os.close(fd)


def _folder(path: Path) -> str:
    names = {child.name for child in path.iterdir()}
    if "Habits.csv" in names or any((path / n / "Habits.csv").is_file() for n in names
                                    if (path / n).is_dir()):
        return "loop"
    if {"habits", "log"} <= names:
        return "harsh"
    if names & {"habit_record.json", "habit_record[auto].json"}:
        return "dijo"
    raise _unknown(path, "a folder with none of Habits.csv (Loop), habits and log (harsh) "
                         "or habit_record.json (dijo)")


def _zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFailed(f"{shown(path)}: not a readable zip file") from None
    if any(n.rsplit("/", 1)[-1] == "Habits.csv" and n.count("/") <= 1 for n in names):
        return "loop"
    if any(n.endswith(".daylio") or n == "backup.daylio" for n in names) or \
            path.suffix == ".daylio":
        raise ImportFailed(f"{shown(path)}: Daylio's own backup, which tracker cannot read; "
                           "export CSV in Daylio (More → Export Entries → CSV) and import that")
    raise _unknown(path, "a zip without Habits.csv (a Loop CSV export has one)")


def _sqlite(path: Path) -> str:
    conn = foreign_database(path, "a database to import")
    try:
        tables = conn.tables()
    finally:
        conn.close()
    from tracker.io.android_dbs import is_rewire, is_tickmate

    if {"habits", "repetitions"} <= tables:
        return "loop"
    if is_rewire(tables):
        return "rewire"
    if is_tickmate(tables):
        return "tickmate"
    if {"habits", "entries", "ladder"} <= tables:
        raise ImportFailed(f"{shown(path)}: a tracker database; open it with --db, or "
                           "export it (tracker export --db FILE) and import the JSON")
    raise _unknown(path, "an SQLite database")


def _text(path: Path, head: bytes) -> str:
    text = head.decode("utf-8", "replace").lstrip("\ufeff").lstrip()
    first = text.split("\n", 1)[0].strip().strip("\r")
    if text.startswith(("{", "[")):
        return _json(path)
    if first.startswith("HabitName,HabitDescription,HabitCategory"):
        return "habitbull"
    lowered = first.lower().replace("\t", ",")  # Daylio's export may be tab-separated
    if lowered.startswith(("full_date,date,weekday,time,mood", "year,date,weekday,time,mood")):
        return "daylio"
    if lowered.startswith("task name,task id,task type,date"):
        raise ImportFailed(f"{shown(path)}: Habitica's CSV task history, which holds no "
                           "schedules; export the user data as JSON (Settings → Export "
                           "Data → User Data, JSON) and import that")
    if first.startswith("Position,Name,"):
        raise ImportFailed(f"{shown(path)}: Loop Habit Tracker's Habits.csv alone; import "
                           "the whole export (the .zip, or the folder holding Habits.csv)")
    try:
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        cells = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        cells = []
    if len(cells) in (7, 8) and len(cells[0]) == 10 and cells[0][4:5] == "-" and \
            cells[0][:4].isdigit():
        return "daylio"  # a Daylio export without its header row
    if path.name in ("habits", "log"):
        return "harsh"
    raise _unknown(path, "a text file")


def _json(path: Path) -> str:
    from tracker.io.habitica import is_habitica
    from tracker.io.habitkit import is_habitkit
    from tracker.io.json_format import load_json

    document = load_json(path, "a JSON export")
    if isinstance(document, dict) and document.get("format") == "tracker":
        return "json"
    if is_habitkit(document):
        return "habitkit"
    if is_habitica(document):
        return "habitica"
    if isinstance(document, list) and document and all(
            isinstance(h, dict) and h.get("type") in ("Bit", "Count", "Float")
            for h in document):
        return "dijo"
    raise _unknown(path, "a JSON file")

