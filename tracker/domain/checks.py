"""One set of rules for every way data comes in (the command line, the app, every import):
what a date, an amount, a name and a text may be. Each check returns the clean value or
raises ValueError with a message a person can act on."""

from __future__ import annotations

import math
from datetime import date

from tracker.domain import days
from tracker.domain.text import printable

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from tracker.domain.models import Habit

MAX_TEXT = 10_000
"""Notes, versions, intentions, micro-steps: at most this many characters."""
MAX_NAME = 200
MAX_AMOUNT = 1e12
"""The largest amount or level number (a sane bound for any unit)."""


def iso_day(value: object) -> date:
    """A day written exactly ``YYYY-MM-DD``, from 1900 to 2999."""
    if not isinstance(value, str):
        raise ValueError(f"{str(value)[:40]!r} is not a date: use YYYY-MM-DD")
    return days.iso_day(value)


def amount(value: object) -> float | None:
    """An amount: None, or a finite number from 0 to 10¹² (text like ``"12.5"`` too)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int) and not -MAX_AMOUNT <= value <= MAX_AMOUNT:
        raise ValueError(f"{str(value)[:20]}… is too large for an amount (at most 10¹²)")
    if isinstance(value, str) and len(value) > 40:
        raise ValueError(f"{value[:20]!r}… is not a number")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{str(value)[:40]!r} is not a number") from None
    if not math.isfinite(number) or not 0 <= number <= MAX_AMOUNT:
        shown = f"{number:g}" if math.isfinite(number) else str(value)[:40]
        raise ValueError(f"an amount is a number from 0 to 10¹², not {shown}")
    return number


def step(value: object) -> float | None:
    """A counter's step (what ``+`` adds): None (one), or a number above 0 up to 10¹²."""
    number = amount(value)
    if number == 0:
        raise ValueError("a step is a number above 0, e.g. 1 or 250")
    return number


def counted(current: float | None, change: float) -> float:
    """A day's amount after ``+``/``-`` (or ``--add``): never below zero, never above
    10¹²."""
    return min(max(0.0, (current or 0.0) + change), MAX_AMOUNT)


def text(value: object, what: str = "text", limit: int = MAX_TEXT) -> str:
    """Text as typed (None is empty): at most ``limit`` characters, valid Unicode."""
    if value is None:
        return ""
    if not isinstance(value, str):
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = f"{value:g}" if isinstance(value, float) else str(value)
        else:
            raise ValueError(f"the {what} must be text")
    if len(value) > limit:
        raise ValueError(f"the {what} is too long ({len(value):,} characters; "
                         f"at most {limit:,})")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"the {what} holds a broken character (a lone surrogate)") from None
    return value


def name(value: object) -> str:
    """A habit's name: spaces folded, at most 200 characters."""
    folded = " ".join(text(value, "name", MAX_TEXT).split())
    if len(folded) > MAX_NAME:
        raise ValueError(f"a habit name can be at most {MAX_NAME} characters")
    return folded


def happened(day: date, today: date) -> date:
    """A day a win can be recorded on: today or before (``today`` as the person's clock
    has it, the day-start hour included)."""
    if day > today:
        raise ValueError(f"{day:%a %d %b %Y} has not happened yet (it is in the future): "
                         "wins are recorded once they happen")
    return day


def level_exists(habit: Habit, level: str | None) -> str | None:
    """A status the habit can be marked with: nothing, rest, the minimum, or a full or
    stretch version the habit has."""
    if level is None or habit.has_level(level):
        return level
    import shlex  # only for this message: tracker status loads these rules

    name = printable(habit.name)
    raise ValueError(f"{name} has no {level} version yet: record its minimum, or add one "
                     f"(the habits screen: h, then e; or tracker habit edit "
                     f"{shlex.quote(name)} --{level} TEXT)")


def amount_level(habit: Habit, amount: float | None, level: str | None) -> str | None:
    """What an amount marks: with level numbers, the level it reaches (None: evidence
    only); without them, ``level`` as chosen."""
    if amount is not None and habit.uses_amounts:
        return habit.level_for(amount)
    return level
