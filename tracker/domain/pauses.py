"""Pauses are rest: a paused day with nothing marked counts as a rest day for the rules
(consistency frozen, not missed; the review's grid shows it resting). What was marked on
a paused day stays as marked: a win on holiday is a win."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from tracker.domain.models import Entry, Recorded
from tracker.domain.records import NamedTuple


class Pause(NamedTuple):
    """Days off on purpose (a holiday, an illness), from ``first`` to ``last``: rest for
    the habit ``habit_id``, or for every habit (None); neutral like rest everywhere.
    Unlike marks, a pause may lie ahead."""

    id: int
    first: date
    last: date
    habit_id: int | None = None
    note: str = ""

    def covers(self, habit_id: int, day: date) -> bool:
        """Whether ``day`` is paused for the habit."""
        return self.first <= day <= self.last and self.habit_id in (None, habit_id)

    @property
    def label(self) -> str:
        """``paused: holiday`` (or just ``paused``)."""
        return f"paused: {self.note}" if self.note else "paused"


MAX_PAUSE_DAYS = 366
"""The longest pause: a year (a longer break is an archived habit)."""


def pause_of(pauses: Iterable[Pause], habit_id: int, day: date) -> Pause | None:
    """The pause covering a habit's day, if any (one for the habit before one for all)."""
    found = [p for p in pauses if p.covers(habit_id, day)]
    return min(found, key=lambda p: p.habit_id is None) if found else None


def next_pause(pauses: Iterable[Pause], habit_id: int, day: date) -> Pause | None:
    """The habit's pause in force on ``day`` or, if none, the next one to come."""
    mine = [p for p in pauses if p.habit_id in (None, habit_id) and p.last >= day]
    return min(mine, key=lambda p: (p.first, p.habit_id is None)) if mine else None


def paused_through(pauses: Iterable[Pause], habit_id: int, pause: Pause) -> date:
    """The last day of the run of paused days ``pause`` is in, for the habit: pauses
    that overlap or follow it day after day carry it on (a holiday, then a cold)."""
    mine = sorted((p for p in pauses if p.habit_id in (None, habit_id)),
                  key=lambda p: p.first)
    last = pause.last
    for other in mine:
        if other.first <= last + timedelta(days=1) and other.last > last \
                and other.last >= pause.first:
            last = other.last
    return last


def rest_on_pauses(entries: dict[int, dict[date, Recorded]],
                   pauses: Iterable[Pause], habit_ids: Iterable[int], first: date,
                   last: date) -> None:
    """Make every paused day from ``first`` to ``last`` with no status a rest day in
    ``entries`` (habit → day → what was recorded), in place; an amount or note there
    stays."""
    ids = list(habit_ids)
    for pause in pauses:
        start, end = max(first, pause.first), min(last, pause.last)
        if start > end:
            continue
        for habit_id in ids if pause.habit_id is None else [pause.habit_id]:
            days = entries.setdefault(habit_id, {})
            day = start
            while day <= end:
                held = days.get(day)
                if held is None or held.status is None:
                    days[day] = Entry(habit_id, day, "rest", held.amount if held else None,
                                      held.note if held else "")
                day += timedelta(days=1)


def read_until(text: str, day: date) -> tuple[date, str]:
    """What the app's pause prompt takes: until a day (``sun``: the coming Sunday, the
    day itself if it is one; ``2026-12-20``; ``+7``: seven days from ``day``), then a
    note: ``sun holiday``. ValueError with what to type otherwise."""
    from tracker.domain.days import WEEKDAYS, iso_day

    word, _, note = text.strip().partition(" ")
    key = word.lower()
    if key.startswith("+") and key[1:].isdigit() and 0 < int(key[1:]) <= MAX_PAUSE_DAYS:
        return day + timedelta(days=int(key[1:]) - 1), note.strip()
    if key[:3] in WEEKDAYS and len(key) >= 3:
        ahead = (WEEKDAYS.index(key[:3]) - day.weekday()) % 7
        return day + timedelta(days=ahead), note.strip()
    try:
        return iso_day(word), note.strip()
    except ValueError:
        raise ValueError(f"{word[:20]!r} is not a day: type e.g. sun, 2026-12-20 or +7, "
                         "then a note if you like") from None
