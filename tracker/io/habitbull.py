"""HabitBull's CSV export: ``HabitName,HabitDescription,HabitCategory,CalendarDate,Value,
CommentText``, a row per habit and day (see docs/formats.md for the mapping)."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from tracker.io.foreign import Converted
from tracker.io.source import ImportFailed, shown
from tracker.io.text_files import csv_lines, day_order, parse_day

HEADER = ["HabitName", "HabitDescription", "HabitCategory", "CalendarDate", "Value",
          "CommentText"]
SENTINEL = -2150000000
"""A value HabitBull writes for a day that holds nothing (ignored)."""


def read_habitbull(path: Path) -> Converted:
    """Read a HabitBull export: 1 is done, 0 not done, a larger number a numerical
    habit's amount; a comment on a day not done is still that day's note."""
    lines = csv_lines(path, "HabitBull's CSV export")
    if not lines or [cell.strip() for cell in lines[0][:6]] != HEADER:
        raise ImportFailed(f"{shown(path)}: not a HabitBull export (expected the header "
                           f"{','.join(HEADER)})")
    converted = Converted(str(path))
    rows = [(number, cells) for number, cells in enumerate(lines[1:], 2)
            if "".join(cells).strip()]
    order = day_order([cells[3] for _n, cells in rows if len(cells) > 3])
    values: dict[str, list[tuple[int, list[str], float]]] = {}
    source = shown(path)
    for number, cells in rows:
        where = f"{source}, line {number}"
        if len(cells) < 5:
            raise ImportFailed(f"{where}: expected {len(HEADER)} fields, got {len(cells)}")
        try:
            value = float(cells[4].strip() or 0)
        except ValueError:
            raise ImportFailed(f"{where}: value {cells[4][:40]!r} is not a number") from None
        if not math.isfinite(value) or abs(value) > 1e12 and value != SENTINEL:
            raise ImportFailed(f"{where}: value {cells[4][:40]!r} is not a number of a day")
        values.setdefault(cells[0], []).append((number, cells, value))
    known: dict[str, date] = {}  # one parse per distinct day (40 habits share them)
    for raw_name, days in values.items():
        first = days[0][1]
        numerical = any(value > 1 for _n, _c, value in days)
        name = converted.add_habit(raw_name, minimum=first[1].strip(),
                                   direction=first[2].strip(),
                                   where=f"{source}, line {days[0][0]}")
        for number, cells, value in days:
            day = known.get(cells[3])
            if day is None:
                day = known[cells[3]] = parse_day(cells[3], order, f"{source}, line {number}")
            note = cells[5].strip() if len(cells) > 5 else ""
            if value == SENTINEL:
                converted.skip("days HabitBull marks as holding nothing (-2150000000)")
                if note:
                    converted.record(name, day, None, note=note)
                continue
            if numerical:
                converted.record(name, day, "full" if value > 0 else None,
                                 value if value > 0 else None, note)
            else:
                converted.record(name, day, "full" if value == 1 else None, note=note)
    return converted
