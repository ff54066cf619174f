"""Calendar rules: which day a moment belongs to, and where weeks start.

Days are local calendar dates, never timestamps. A day starts at a configurable
hour (default 04:00), so a tick at 01:30 belongs to the day before. Because only
the wall-clock time is looked at, travelling across time zones or a DST change
never moves or duplicates a recorded day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""The days tracker knows: far from the calendar's ends, so that a week, a year or a
review's look back around any of them is still a date."""
DEFAULT_DAY_START_HOUR = 4
DEFAULT_WEEK_START = 0  # Monday


def logical_day(moment: datetime, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """The tracker day a local wall-clock moment belongs to."""
    if not 0 <= day_start_hour <= 23:
        raise ValueError("the day-start hour must be between 0 and 23")
    day = moment.date()
    if moment.hour < day_start_hour:
        day -= timedelta(days=1)
    return day


def today(day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """Today's tracker day from the local wall clock."""
    return logical_day(datetime.now().astimezone().replace(tzinfo=None), day_start_hour)


def week_start(day: date, first_weekday: int = DEFAULT_WEEK_START) -> date:
    """The first day of the week that holds ``day`` (0 = weeks start on Monday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def week_days(start: date) -> list[date]:
    """The seven days of the week starting at ``start``."""
    return [start + timedelta(days=i) for i in range(7)]


def days_between(first: date, last: date) -> tuple[date, ...]:
    """Every day from ``first`` to ``last``, both included.

    Kept for the spans asked for lately: a weekly review asks for the same few
    spans once per habit, and shared date objects hash once.
    """
    return _days_from(first, (last - first).days + 1)


@lru_cache(maxsize=32)
def _days_from(first: date, count: int) -> tuple[date, ...]:
    return tuple(first + timedelta(days=i) for i in range(max(0, count)))


def known_day(day: date) -> date:
    """``day``, if tracker knows it (FIRST_DAY to LAST_DAY).

    Raises:
        ValueError: with a message a person can act on.
    """
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} is out of range: tracker knows the days from {FIRST_DAY} "
                         f"to {LAST_DAY}")
    return day


def parse_day(text: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """Parse ``YYYY-MM-DD`` (also ``today`` and ``yesterday``) into a date.

    Only that exact form is a date (not ``20260102`` or ``2026-W01-5``), and only
    from FIRST_DAY to LAST_DAY.

    Raises:
        ValueError: with a message a person can act on.
    """
    cleaned = text.strip().lower()
    if cleaned == "today":
        return today(day_start_hour)
    if cleaned == "yesterday":
        return today(day_start_hour) - timedelta(days=1)
    return iso_day(cleaned)


def iso_day(text: str) -> date:
    """A day written exactly ``YYYY-MM-DD`` (not ``20260102`` nor ``2026-W01-5``), from
    FIRST_DAY to LAST_DAY; ValueError with a message a person can act on."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not (
            text[:4] + text[5:7] + text[8:]).isdigit():
        raise ValueError(f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2026-03-02")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2026-03-02") from None
    return known_day(day)


def describe_day(day: date, reference: date) -> str:
    """``today``, ``yesterday``, ``tomorrow`` or the weekday name, for headings."""
    delta = (day - reference).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    return day.strftime("%A")
