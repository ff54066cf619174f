"""Loop Habit Tracker's CSV export: a zip, or the folder it unzips to, in the current
layout and in the older one of Loop 2.1 to 2.3 (told apart by Habits.csv's header).

What the export may expand to is bounded before anything is read (sizes from the zip's
directory), so a small zip that unpacks to gigabytes is refused in one line.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from datetime import date
from pathlib import Path
from typing import Any

from tracker.domain import checks
from tracker.io.foreign import Converted
from tracker.io.loop_values import (
    DONE,
    IMPLICIT,
    NOT_DONE,
    NUMERICAL,
    SKIPPED,
    UNKNOWN,
    YES_NO,
    add_loop_habit,
    checkmark,
    flag,
    habit_fields,
    note_text,
    plain,
    whole,
)
from tracker.io.source import ImportFailed, read_bounded, shown
from tracker.io.text_files import parse_csv

MAX_MEMBER = 64 * 1024 * 1024
MAX_EXPANDED = 256 * 1024 * 1024
"""What a CSV export may expand to: one file, and all of them (a real one is a few MB)."""


class ZipFiles:
    """The export as a zip, each file's size checked against the zip's directory first."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path, self.archive = path, archive
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        biggest = max((info.file_size for info in infos), default=0)
        if total > MAX_EXPANDED or biggest > MAX_MEMBER:
            raise ImportFailed(
                f"{path}: expands to {total / 2**20:,.0f} MB, far more than a Loop CSV "
                f"export (at most {MAX_EXPANDED // 2**20} MB read); not imported")

    def names(self) -> list[str]:
        return self.archive.namelist()

    def read(self, name: str) -> bytes:
        where = f"{shown(self.path)}:{shown(name)}"
        info = self.archive.getinfo(name)
        if info.flag_bits & 0x1:
            raise ImportFailed(f"{where}: encrypted in the zip; export it again from Loop "
                               "without a password")
        try:
            with self.archive.open(info) as handle:
                data = handle.read(MAX_MEMBER + 1)
        except NotImplementedError:
            raise ImportFailed(f"{where}: packed with a compression tracker cannot read "
                               "(Loop's own export uses deflate); not imported") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as error:
            raise ImportFailed(f"{where}: damaged in the zip ({error}); not imported") from None
        if len(data) > MAX_MEMBER:
            raise ImportFailed(f"{where}: larger than its zip entry says")
        return data


class Folder:
    """The export unzipped: the same files in a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def names(self) -> list[str]:
        found = []
        for file in sorted(self.path.rglob("*.csv")):
            if file.is_file():
                found.append(file.relative_to(self.path).as_posix())
        return found

    def read(self, name: str) -> bytes:
        file = self.path / name
        data = read_bounded(file, "a Loop CSV file", follow=False)
        if len(data) > MAX_MEMBER:
            raise ImportFailed(f"{shown(file)}: far larger than a Loop CSV file; not imported")
        return data


Files = ZipFiles | Folder


def _csv_lines(files: Files, member: str, where: str) -> list[list[str]]:
    return parse_csv(files.read(member), where)


def _csv_rows(files: Files, member: str, where: str) -> list[dict[str, str]]:
    lines = _csv_lines(files, member, where)
    if not lines:
        return []
    header = [h.strip() for h in lines[0]]
    return [dict(zip(header, line, strict=False)) for line in lines[1:]]


CSV_VALUES = {"YES_MANUAL": DONE, "YES_AUTO": IMPLICIT, "NO": NOT_DONE, "SKIP": SKIPPED,
              "UNKNOWN": UNKNOWN}


def read_loop_csv(path: Path, files: Files) -> Converted:
    """Read Loop's CSV export: ``Habits.csv`` and one folder per habit, matched by
    position, or the root ``Checkmarks.csv`` (a column per habit) where the folders are
    missing. The layout (current, or Loop 2.1–2.3's) is told by Habits.csv's header."""
    converted = Converted(str(path))
    names = files.names()
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
    where_habits = f"{path}:{habits_csv}"
    rows = _csv_rows(files, habits_csv, where_habits)
    older = bool(rows) and "NumRepetitions" in rows[0] and "Type" not in rows[0]
    root = prefix + "Checkmarks.csv"
    missing = any(((row.get("Position") or "").strip().lstrip("0") or "0") not in folders
                  for row in rows)
    columns = _root_columns(files, root, f"{path}:{root}") if missing and root in names \
        else {}
    from_root = 0
    for index, (line, row) in enumerate(enumerate(rows, 2)):
        where = f"{where_habits}, line {line}"
        if "Name" not in row:
            raise ImportFailed(f"{where}: no Name column (not a Loop Habits.csv)")
        raw = _older_habit(row) if older else _current_habit(row)
        position = (row.get("Position") or "").strip().lstrip("0") or "0"
        checkmarks = folders.get(position)
        days: list[tuple[date, int, str]] | None = None
        if checkmarks is not None:
            reader = _older_checkmarks if older else _current_checkmarks
            days = reader(files, checkmarks, f"{path}:{checkmarks}", raw)
        elif index in columns:
            days = columns[index]
            from_root += 1
        if older and days and any(not UNKNOWN <= v <= SKIPPED for _d, v, _n in days):
            raw["type"] = NUMERICAL  # an amount × 1000: a numerical habit (Loop 2.x)
        fields = habit_fields(raw, where)
        sources = [f"loop-csv-name:{plain(raw.get('name'))}", f"loop-csv-position:{position}"]
        name = add_loop_habit(converted, raw, fields, flag(row.get("Archived?") or ""), sources,
                              where)
        if plain(row.get("Color")):
            converted.not_kept("the colours (tracker follows its theme)")
        if days is None:
            converted.skip("habits without a Checkmarks.csv in the export")
            continue
        for day, value, note in reversed(days):  # newest first in the files
            checkmark(converted, fields, name, day, value, note)
    if from_root:
        converted.remarks.append(
            f"the days of {from_root} habit{'s' if from_root != 1 else ''} came from the "
            "export's root Checkmarks.csv (their folders are not in it)")
    return converted


def _current_habit(row: dict[str, str]) -> dict[str, Any]:
    return {"name": row.get("Name", ""), "question": row.get("Question", ""),
            "description": row.get("Description", ""),
            "type": NUMERICAL if (row.get("Type") or "").strip() == "NUMERICAL" else YES_NO,
            "freq_num": row.get("FrequencyNumerator") or 1,
            "freq_den": row.get("FrequencyDenominator") or 1,
            "unit": row.get("Unit", ""),
            "target_type": 1 if (row.get("Target Type") or "").strip() == "AT_MOST" else 0,
            "target_value": row.get("Target Value") or 0}


def _older_habit(row: dict[str, str]) -> dict[str, Any]:
    """Loop 2.1–2.3: ``Position,Name,Question,Description,NumRepetitions,Interval,Color``
    (yes/no habits only; "2 in 3 days" is NumRepetitions 2, Interval 3)."""
    return {"name": row.get("Name", ""), "question": row.get("Question", ""),
            "description": row.get("Description", ""), "type": YES_NO,
            "freq_num": row.get("NumRepetitions") or 1, "freq_den": row.get("Interval") or 1}


def _checkmark_day(text: str, where: str) -> date:
    try:
        return checks.iso_day(text.strip())
    except ValueError:
        raise ImportFailed(f"{where}: {text!r} is not a date") from None


Day = tuple[date, int, str]
"""A checkmark as read: the day, Loop's value (a code, or an amount × 1000) and a note."""


def _value(text: str, where: str) -> int | None:
    """A cell by meaning: a code, an amount × 1000, or ``Entry(…, value=N)`` (a bug of
    Loop 2.x's root file); None for a word's meaning to be looked up."""
    raw = text.strip()
    if raw in CSV_VALUES:
        return None
    entry = re.fullmatch(r"Entry\(.*\bvalue=(-?\d+)\)", raw)
    return whole(entry.group(1) if entry else raw, where, "value")


def _current_checkmarks(files: Files, member: str, where: str,
                        raw: dict[str, Any]) -> list[Day]:
    """``Date,Value,Notes``, newest first; a yes/no habit's value is a word."""
    days = []
    numerical = raw["type"] == NUMERICAL
    for line, row in enumerate(_csv_rows(files, member, where), 2):
        place = f"{where}, line {line}"
        day = _checkmark_day(row.get("Date") or "", place)
        text = (row.get("Value") or "").strip()
        value = _value(text, place)
        if value is None:
            value = CSV_VALUES[text]
        elif not numerical:
            value = DONE if value > 0 else NOT_DONE
        days.append((day, value, note_text(row.get("Notes"), place)))
    return days


def _older_checkmarks(files: Files, member: str, where: str,
                      raw: dict[str, Any]) -> list[Day]:
    """No header: ``2015-01-25,2`` with 2 done, 1 done implicitly, 0 not done, −1 unknown,
    or an amount × 1000 for a numerical habit (``2015-01-25,7350``); a habit with no
    history has an empty file."""
    days = []
    for line, cells in enumerate(_csv_lines(files, member, where), 1):
        if not cells or not "".join(cells).strip():
            continue
        place = f"{where}, line {line}"
        if len(cells) < 2:
            raise ImportFailed(f"{place}: expected 'date,value', got {','.join(cells)!r}")
        days.append((_checkmark_day(cells[0], place), whole(cells[1].strip(), place, "value"),
                     ""))
    return days


def _joined_entries(cells: list[str]) -> list[str]:
    """Loop 2.x wrote ``Entry(timestamp=…, value=N)`` unquoted: its comma splits one cell
    in two; they are joined again."""
    joined: list[str] = []
    for cell in cells:
        if joined and joined[-1].lstrip().startswith("Entry(") and \
                not joined[-1].rstrip().endswith(")"):
            joined[-1] += "," + cell
        else:
            joined.append(cell)
    return joined


def _root_columns(files: Files, member: str, where: str) -> dict[int, list[Day]]:
    """The root ``Checkmarks.csv``: ``Date`` then a column per habit in Habits.csv's
    order (a trailing comma leaves an empty last column), newest day first; cells are
    words, codes or amounts × 1000. Keyed by the habit's index in Habits.csv."""
    lines = _csv_lines(files, member, where)
    if not lines:
        return {}
    header = [cell.strip() for cell in lines[0]]
    if not header or header[0] != "Date":
        raise ImportFailed(f"{where}, line 1: expected 'Date' then a column per habit, got "
                           f"{','.join(header)[:60]!r}")
    while header and not header[-1]:
        header.pop()  # the trailing comma
    columns: dict[int, list[Day]] = {i: [] for i in range(len(header) - 1)}
    for line, cells in enumerate(lines[1:], 2):
        if not cells or not "".join(cells).strip():
            continue
        place = f"{where}, line {line}"
        cells = _joined_entries(cells)
        day = _checkmark_day(cells[0], place)
        for index in columns:
            cell = cells[index + 1].strip() if index + 1 < len(cells) else ""
            if cell:
                value = _value(cell, f"{place}, column {index + 2}")
                columns[index].append((day, CSV_VALUES[cell] if value is None else value, ""))
    return columns
