"""harsh: a directory with a ``habits`` file (headings, frequencies) and a ``log`` file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from tracker.domain.days import today
from tracker.io.foreign import Converted, schedule_from_ratio
from tracker.io.source import ImportFailed, read_bounded, shown

HABIT_LINE = re.compile(
    r"^(?P<name>.+):\s*(?P<freq>\d+w?(?:/\d+w?)?)\s*(?::\s*(?P<end>\d{4}-\d{2}-\d{2}))?\s*$")
RESULTS = {"y": "full", "s": "rest", "n": None}


def _days(text: str) -> int:
    """``3`` → 3, ``2w`` → 14."""
    return int(text[:-1]) * 7 if text.endswith("w") else int(text)


def _schedule(freq: str) -> dict[str, object]:
    """``1`` every day, ``N`` every N days, ``T/N`` T times in N days, ``0`` tracked only.

    Tracked-only habits have no target; they become "1× a week", the gentlest schedule.
    """
    if "/" in freq:
        times, days = freq.split("/")
        return schedule_from_ratio(_days(times), _days(days))
    every = _days(freq)
    if every == 0:
        return schedule_from_ratio(1, 7)
    return schedule_from_ratio(1, every)


def _ended(end: str | None, where: str) -> bool:
    """A habit with an end date is retired once that day has come (harsh keeps it active
    until then)."""
    if end is None:
        return False
    try:
        return date.fromisoformat(end) <= today()
    except ValueError:
        raise ImportFailed(f"{where}: end date {end!r} is not a date") from None


def _read(path: Path) -> list[str]:
    if not path.exists():
        raise ImportFailed(f"{shown(path)}: missing (a harsh folder has 'habits' and 'log')")
    try:
        return read_bounded(path, "a harsh file").decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise ImportFailed(f"{shown(path)}: not UTF-8 text") from None


def read_harsh(folder: Path) -> Converted:
    """Read a harsh folder; headings become directions, retired habits are archived."""
    if folder.is_file():
        folder = folder.parent
    converted = Converted(str(folder))
    direction = ""
    known: set[str] = set()
    for number, line in enumerate(_read(folder / "habits"), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("!"):
            direction = text[1:].strip()
            continue
        match = HABIT_LINE.match(text)
        if match is None:
            raise ImportFailed(f"{folder / 'habits'}, line {number}: expected 'Name: frequency' "
                               f"(e.g. 'Gym: 3/7'), got {text!r}")
        name = match.group("name").strip()
        where = f"{folder / 'habits'}, line {number}"
        converted.add_habit(name, direction=direction, schedule=_schedule(match.group("freq")),
                            archived=_ended(match.group("end"), where), where=where)
        known.add(name)
    for number, line in enumerate(_read(folder / "log"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        _log_line(converted, line, known, f"{folder / 'log'}, line {number}")
    return converted


def _log_line(converted: Converted, line: str, known: set[str], where: str) -> None:
    fields = [f.strip() for f in re.split(r" : | :$", line.rstrip())]
    if len(fields) < 3:
        raise ImportFailed(f"{where}: expected 'date : habit : y|n|s', got {line.strip()!r}")
    day_text, name, result = fields[:3]
    rest = fields[3:]
    amount: float | None = None
    if len(rest) >= 2:
        try:
            amount = float(rest[-1]) if rest[-1] else None
            rest = rest[:-1]
        except ValueError:
            amount = None
    comment = " : ".join(rest).strip()
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise ImportFailed(f"{where}: {day_text!r} is not a date (YYYY-MM-DD)") from None
    if result not in RESULTS:
        raise ImportFailed(f"{where}: result {result!r} is not y, n or s")
    if name not in known:
        converted.skip("log lines of habits that are not in the habits file")
        return
    if amount is not None and not amount > 0:  # an amount of 0 (or less) says nothing
        amount = None
    converted.record(name, day, RESULTS[result], amount, comment)
