"""dijo: the JSON habit record (``habit_record.json`` and ``habit_record[auto].json``)."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

from tracker.io.foreign import Converted, numeric_status
from tracker.io.json_format import load_json
from tracker.io.source import ImportFailed

FILES = ("habit_record.json", "habit_record[auto].json")


def _number(value: Any, where: str) -> float:
    """A Count value, or a Float ``{"value": 52, "precision": 1}`` → 5.2."""
    if isinstance(value, dict):
        raw, precision = value.get("value"), value.get("precision", 0)
        if isinstance(precision, bool) or not isinstance(precision, int) or \
                not 0 <= precision <= 15:
            raise ImportFailed(f"{where}: a Float's precision must be a whole number from 0 "
                               f"to 15, not {str(precision)[:20]!r}")
        return _number(raw, where) / 10.0 ** precision
    if isinstance(value, bool) or not isinstance(value, int | float) or \
            not math.isfinite(value) or abs(value) > 1e15:
        raise ImportFailed(f"{where}: {str(value)[:40]!r} is not a number")
    return float(value)


def read_dijo(path: Path) -> Converted:
    """Read a dijo habit file, or a folder holding one or both of them."""
    files = [path / f for f in FILES if (path / f).exists()] if path.is_dir() else [path]
    if not files:
        raise ImportFailed(f"{path}: no {FILES[0]} in this folder")
    converted = Converted(str(path))
    for file in files:
        _read_file(converted, file)
    return converted


def _read_file(converted: Converted, file: Path) -> None:
    habits = load_json(file, "dijo's JSON habit record")
    if not isinstance(habits, list):
        raise ImportFailed(f"{file}: expected a list of habits")
    for index, habit in enumerate(habits):
        where = f"{file}, habit {index + 1}"
        if not isinstance(habit, dict) or habit.get("type") not in ("Bit", "Count", "Float"):
            raise ImportFailed(f"{where}: expected a Bit, Count or Float habit")
        kind = habit["type"]
        stats = habit.get("stats") or {}
        if not isinstance(stats, dict):
            raise ImportFailed(f"{where}: stats must map dates to values")
        goal = 0.0 if kind == "Bit" else _number(habit.get("goal", 0), where)
        full = f"reach {goal:g}" if goal > 0 else ""
        name = converted.add_habit(str(habit.get("name") or ""), full=full, where=where)
        for day_text, value in sorted(stats.items()):
            place = f"{where}, {day_text}"
            try:
                day = date.fromisoformat(day_text)
            except ValueError:
                raise ImportFailed(f"{place}: not a date (YYYY-MM-DD)") from None
            if kind == "Bit":
                if not isinstance(value, bool):
                    raise ImportFailed(f"{place}: a Bit day is true or false")
                converted.record(name, day, "full" if value else None)
            else:
                amount = _number(value, place)
                status = numeric_status(amount, goal)
                converted.record(name, day, status, amount if amount > 0 else None)
