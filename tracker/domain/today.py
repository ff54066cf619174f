"""The plan of one day: which habits are due, at which level, and the day's micro-steps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from tracker.domain.models import CheckIn, Entry, Habit, Level, Step
from tracker.domain.pauses import Pause, next_pause, pause_of, paused_through
from tracker.domain.records import NamedTuple
from tracker.domain.rules import is_due, offers_stretch, planned_level


class HabitPlan(NamedTuple):
    """One habit on one day: what is planned and what was recorded.

    ``planned`` is False for a habit its schedule does not plan that day: shown
    quieter, below the planned ones; a win there counts all the same. ``week_wins`` are
    the wins of the day's week (of its window of N days, for an "X in N days" habit).
    """

    habit: Habit
    entry: Entry | None
    level: Level
    stretch_offered: bool
    week_wins: int = 0
    planned: bool = True
    pause: Pause | None = None
    """The pause holding the day, or the next one within two weeks (shown ahead)."""
    paused_through: date | None = None
    """The last day of the run of paused days the day is in (pauses that follow one
    another carry it on); None when the day is not paused."""

    @property
    def status(self) -> str | None:
        return self.entry.status if self.entry else None

    day: date = date(1, 1, 1)
    """The day planned."""

    @property
    def paused(self) -> bool:
        """The day is paused for the habit (rest for the rules, unless marked)."""
        return self.pause is not None and self.pause.covers(self.habit.id, self.day)

    @property
    def resting(self) -> bool:
        """Rest marked, or a paused day with nothing marked: neutral."""
        return self.status == "rest" or (self.paused and self.status is None)

    @property
    def is_done(self) -> bool:
        return self.entry is not None and self.entry.is_win

    @property
    def quota_met(self) -> bool:
        """An "N times a week" (or "X in N days") habit whose other days of the week (its
        window) already hold its wins: nothing of it is left today, and a win today
        still counts, as on a day it is not planned."""
        schedule = self.habit.schedule
        if not schedule.flexible or self.is_done:
            return False
        wanted = schedule.times if schedule.kind == "in_days" else schedule.per_week
        return self.week_wins >= wanted

    @property
    def open(self) -> bool:
        """Planned, not done, not resting, not already met for its week: still open."""
        return self.planned and not self.is_done and not self.resting and not self.quota_met


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

    @property
    def resting(self) -> int:
        """Planned habits taking a rest day (neutral: out of the count)."""
        return sum(1 for h in self.habits if h.planned and h.resting)

    @property
    def counted(self) -> int:
        """The habits the "showed up" count is out of: the planned ones not resting
        (a weekly number already met is not asked for again), and any other one with a
        win."""
        return sum(1 for h in self.habits
                   if h.is_done or (h.planned and not h.resting and not h.quota_met))


def plan_day(
    day: date,
    habits: Sequence[Habit],
    entries: Mapping[int, Entry],
    steps: Sequence[Step],
    checkin: CheckIn | None,
    week_wins: Mapping[int, int] | None = None,
    pauses: Sequence[Pause] = (),
) -> DayPlan:
    """Plan a day: the habits due, in order, then the active habits not planned that
    day (they can be marked too), and any archived habit with something recorded."""
    energy = checkin.energy if checkin else None
    planned: list[HabitPlan] = []
    unplanned: list[HabitPlan] = []
    for habit in habits:
        entry = entries.get(habit.id)
        if habit.archived and entry is None:
            continue
        due = is_due(habit, day)
        holding = pause_of(pauses, habit.id, day)
        pause = holding or next_pause(pauses, habit.id, day)
        plan = HabitPlan(habit, entry, planned_level(habit, energy),
                         offers_stretch(habit, energy), (week_wins or {}).get(habit.id, 0),
                         planned=due or habit.archived, pause=pause,
                         paused_through=holding and paused_through(pauses, habit.id, holding),
                         day=day)
        (planned if plan.planned else unplanned).append(plan)
    return DayPlan(day, checkin, tuple(planned + unplanned), tuple(steps))
