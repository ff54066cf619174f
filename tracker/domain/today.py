"""The plan of one day: which habits are due, at which level, and the day's micro-steps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import NamedTuple

from tracker.domain.models import CheckIn, Entry, Habit, Level, Step
from tracker.domain.rules import is_due, offers_stretch, planned_level


class HabitPlan(NamedTuple):
    """One habit on one day: what is planned and what was recorded."""

    habit: Habit
    entry: Entry | None
    level: Level
    stretch_offered: bool
    week_wins: int = 0

    @property
    def status(self) -> str | None:
        return self.entry.status if self.entry else None

    @property
    def is_done(self) -> bool:
        return self.entry is not None and self.entry.is_win


class DayPlan(NamedTuple):
    """Everything the Today screen shows for a day."""

    day: date
    checkin: CheckIn | None
    habits: tuple[HabitPlan, ...]
    steps: tuple[Step, ...]

    @property
    def wins(self) -> int:
        return sum(1 for h in self.habits if h.is_done)

    @property
    def steps_done(self) -> int:
        return sum(1 for s in self.steps if s.done)

    @property
    def showed_up(self) -> bool:
        return self.wins > 0 or self.steps_done > 0


def plan_day(
    day: date,
    habits: Sequence[Habit],
    entries: Mapping[int, Entry],
    steps: Sequence[Step],
    checkin: CheckIn | None,
    week_wins: Mapping[int, int] | None = None,
) -> DayPlan:
    """Plan a day: due habits (and any with something recorded that day), in order."""
    energy = checkin.energy if checkin else None
    plans = []
    for habit in habits:
        entry = entries.get(habit.id)
        if entry is None and not is_due(habit, day):
            continue
        if habit.archived and entry is None:
            continue
        plans.append(HabitPlan(habit, entry, planned_level(habit, energy),
                               offers_stretch(habit, energy),
                               (week_wins or {}).get(habit.id, 0)))
    return DayPlan(day, checkin, tuple(plans), tuple(steps))
