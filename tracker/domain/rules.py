"""The day-to-day rules: planned level, what is due, showed-up, consistency and comeback.

Consistency (documented in README.md, "How consistency is computed"):

* Every scheduled occasion is a *slot*. A daily habit has 7 slots a week, a
  ``mon,wed,fri`` habit 3, a "3× a week" habit 3 (filled by wins on any days).
* The score starts at 0 at the start of the habit's history and, slot by slot,
  ``s ← s·m + (1 − m)`` for a win (minimum, full and stretch alike) and
  ``s ← s·m`` for a slot with nothing recorded, with ``m = 0.5 ** (1 / (2k))``
  where ``k`` is the number of slots in a week: the half-life is always two
  weeks of calendar time, whatever the schedule.
* A rest day removes its slot: the score is frozen, neither raised nor lowered.
* A win on a day that was not scheduled counts as a win.
* The day being looked at (today) only counts once it has a win; an unfinished
  day or week is never counted against anyone. For "N× a week" habits, missing
  slots of a week count only when that week is over; within a week the misses
  come before the wins, so the week's wins are what the score ends on.
* Only the last 26 weeks are evaluated: anything older weighs less than 0.01%.

Because ``m ≥ 0.5``, a single missed slot can never take away more than half of
the score, and the score always stays in [0, 1].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain.days import days_between, week_start
from tracker.domain.models import Energy, Entry, Habit, Level, Step

CONSISTENCY_WINDOW_DAYS = 26 * 7
HALF_LIFE_WEEKS = 2


def planned_level(habit: Habit, energy: Energy | None) -> Level:
    """The level a day plans for a habit: minimum on a low-energy day, else full.

    A habit without a full version is planned at its minimum.
    """
    if energy == "low" or not habit.full:
        return "minimum"
    return "full"


def offers_stretch(habit: Habit, energy: Energy | None) -> bool:
    """A high-energy day offers the stretch version, when the habit has one."""
    return energy == "high" and bool(habit.stretch)


def history_start(habit: Habit, first_entry: date | None) -> date:
    """A habit's history starts at its first entry or its creation, whichever is earlier."""
    if first_entry is None:
        return habit.created
    return min(habit.created, first_entry)


def is_due(habit: Habit, day: date, start: date) -> bool:
    """True when a habit belongs on the Today list for ``day``."""
    if habit.archived or day < start:
        return False
    return habit.schedule.is_scheduled(day)


def showed_up(entries: Iterable[Entry], steps: Iterable[Step]) -> bool:
    """Showed up on a day: any habit entry other than rest, or any micro-step done."""
    return any(e.is_win for e in entries) or any(s.done for s in steps)


@dataclass(frozen=True)
class Tally:
    """Wins against slots for a span of days (wins capped at the slots)."""

    wins: int
    slots: int

    @property
    def ratio(self) -> float | None:
        return None if self.slots == 0 else self.wins / self.slots

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.wins + other.wins, self.slots + other.slots)


def week_tally(
    habit: Habit, entries: Mapping[date, Entry], start_of_week: date, start: date
) -> Tally:
    """Wins and slots of one complete week, for the suggestion rules.

    Days before the habit's history ``start`` have no slots; rest days remove a slot.
    """
    days = [d for d in days_between(start_of_week, start_of_week + timedelta(days=6))
            if d >= start]
    rests = sum(1 for d in days if (e := entries.get(d)) and e.status == "rest"
                and habit.schedule.is_scheduled(d))
    wins = sum(1 for d in days if (e := entries.get(d)) and e.is_win)
    if habit.schedule.kind == "per_week":
        full_week = len(days) == 7
        target = habit.schedule.per_week if full_week else round(
            habit.schedule.per_week * len(days) / 7)
        slots = max(0, target - rests)
    else:
        slots = sum(1 for d in days if habit.schedule.is_scheduled(d)) - rests
    return Tally(min(wins, slots), slots)


def tally_weeks(
    habit: Habit, entries: Mapping[date, Entry], last_week_start: date, weeks: int, start: date
) -> Tally:
    """The tally of ``weeks`` complete weeks ending with the week at ``last_week_start``."""
    total = Tally(0, 0)
    for i in range(weeks):
        total += week_tally(habit, entries, last_week_start - timedelta(days=7 * i), start)
    return total


def decay(habit: Habit) -> float:
    """The per-slot multiplier m: half-life of two weeks of slots."""
    slots_per_week = max(1, habit.schedule.per_week_target)
    return float(0.5 ** (1 / (HALF_LIFE_WEEKS * slots_per_week)))


def consistency(
    habit: Habit, entries: Mapping[date, Entry], until: date, start: date,
    first_weekday: int = 0,
) -> float:
    """The gently decaying consistency score in [0, 1] as of the day ``until``."""
    m = decay(habit)
    first = max(start, until - timedelta(days=CONSISTENCY_WINDOW_DAYS - 1))
    score = 0.0
    if first > until:
        return score
    if habit.schedule.kind == "per_week":
        return _per_week_consistency(habit, entries, first, until, m, first_weekday)
    for day in days_between(first, until):
        entry = entries.get(day)
        if entry is not None and entry.is_win:
            score = score * m + (1 - m)
        elif entry is not None and entry.status == "rest":
            continue
        elif habit.schedule.is_scheduled(day) and day < until:
            score *= m
    return score


def _per_week_consistency(
    habit: Habit, entries: Mapping[date, Entry], first: date, until: date, m: float,
    first_weekday: int,
) -> float:
    score = 0.0
    monday = week_start(first, first_weekday)
    while monday <= until:
        sunday = monday + timedelta(days=6)
        span = [d for d in days_between(max(monday, first), min(sunday, until))]
        wins = sum(1 for d in span if (e := entries.get(d)) and e.is_win)
        rests = sum(1 for d in span if (e := entries.get(d)) and e.status == "rest")
        target = habit.schedule.per_week
        if monday < first:  # a partial first week asks for its share
            target = round(target * len(span) / 7)
        slots = max(0, target - rests)
        misses = max(0, slots - wins) if sunday < until else 0
        score *= m ** misses
        for _ in range(wins):
            score = score * m + (1 - m)
        monday += timedelta(days=7)
    return score


def comebacks(
    habit: Habit, entries: Mapping[date, Entry], start: date, until: date
) -> list[tuple[date, int]]:
    """Every comeback: (day of the win, days since the first scheduled day with nothing).

    Rest days neither open nor close a gap. "N× a week" habits have no fixed
    days, so they have no comebacks.
    """
    if habit.schedule.kind == "per_week":
        return []
    found: list[tuple[date, int]] = []
    gap_start: date | None = None
    for day in days_between(start, until):
        entry = entries.get(day)
        if entry is not None and entry.is_win:
            if gap_start is not None:
                found.append((day, (day - gap_start).days))
                gap_start = None
        elif (entry is None or entry.status is None) and habit.schedule.is_scheduled(day) \
                and day < until:
            if gap_start is None:
                gap_start = day
    return found


def describe_comeback(days: int) -> str:
    """Resilience, never a break: ``back the next day`` / ``back after 3 days``."""
    return "back the next day" if days == 1 else f"back after {days} days"

