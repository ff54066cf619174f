"""One habit over a year: the habit page, computed from everything stored about the habit.

The app's page and ``tracker habit show`` (text and JSON) show the same ``HabitPage``.
A page covers ``PAGE_WEEKS`` weeks ending with the week of a chosen day (a year at a
glance); one store call reads what that year needs (``record_span``), however long the
history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from tracker.domain.days import days_between, week_start
from tracker.domain.models import WINS, Habit, Schedule, Status
from tracker.domain.pauses import Pause
from tracker.domain.rules import (
    CONSISTENCY_WINDOW_DAYS,
    comebacks,
    consistency,
    scheduled_count,
)
from tracker.domain.week import DayKind, History, day_kind

PAGE_WEEKS = 53
"""A year at a glance: 53 weeks always hold the 365 days before the last one shown."""
MONTH_DAYS = 28
""""Over the last month": four whole weeks, so that every weekday counts the same."""

Change = Literal["first minimum", "minimum raised", "minimum made smaller", "minimum changed"]


@dataclass(frozen=True)
class HabitRecord:
    """What is stored about one habit, as one store call reads it for a page: the habit,
    its entries of the days the page needs (``record_span``), where its history starts
    and its ladder, as a ``History`` of one habit, and the review decisions that changed
    its minimum (new minimum → ``raise`` or ``shrink``)."""

    habit: Habit
    history: History
    decided: dict[str, str]


@dataclass(frozen=True)
class PageDay:
    """One day of the calendar: what it shows, and what was recorded."""

    day: date
    kind: DayKind
    status: Status | None = None
    amount: float | None = None
    note: str = ""


@dataclass(frozen=True)
class PageWeek:
    """One week of the year: consistency at its end (None before the history or after
    today), wins and the amount in the habit's unit."""

    start: date
    consistency: float | None
    wins: int
    amount: float | None


@dataclass(frozen=True)
class LadderChange:
    """A rung of the level ladder and what it did."""

    since: date
    text: str
    change: Change


@dataclass(frozen=True)
class Run:
    """The longest run of showing up: ``count`` wins (or weeks at the habit's target, for
    an "N× a week" habit, or windows at the target for an "X in N days" one) from
    ``first`` to ``last``, with no planned day missed."""

    first: date
    last: date
    count: int
    unit: Literal["wins", "weeks", "windows"]


@dataclass(frozen=True)
class HabitPage:
    """The habit page: a year of one habit, and how it is going."""

    habit: Habit
    today: date
    start: date
    """Where the habit's history starts."""
    consistency: float
    """Consistency today (the review's number)."""
    month_ago: float
    """Consistency four weeks ago."""
    days: tuple[PageDay, ...]
    """``PAGE_WEEKS`` whole weeks, oldest first, starting on the first weekday."""
    weeks: tuple[PageWeek, ...]
    ladder: tuple[LadderChange, ...]
    weekday_wins: tuple[int, ...]
    """Wins by weekday over the year shown, Monday first."""
    weekday_slots: tuple[int, ...]
    """The days gone by of the year when the habit was planned and not rested, by
    weekday, Monday first (0 for an "N× a week" habit: it plans no particular day)."""
    weekday_rests: tuple[int, ...]
    """The days gone by of the year rested, by weekday, Monday first (neutral)."""
    comebacks: tuple[tuple[date, int], ...]
    """Each return after a gap in the year shown: the day, and the days the gap lasted."""
    longest_run: Run | None
    notes: tuple[tuple[date, str], ...]
    """The year's notes, newest first."""
    pauses: tuple[Pause, ...] = ()
    """The habit's pauses (its own and every habit's) in the year shown or ahead."""

    @property
    def first_day(self) -> date:
        return self.days[0].day

    @property
    def last_day(self) -> date:
        return self.days[-1].day

    def day(self, day: date) -> PageDay | None:
        """The calendar's day ``day``, if the page shows it."""
        index = (day - self.first_day).days
        return self.days[index] if 0 <= index < len(self.days) else None

    @property
    def change(self) -> float:
        """The change in consistency over the last four weeks (a fraction)."""
        return self.consistency - self.month_ago


def page_span(last: date, first_weekday: int = 0) -> tuple[date, date]:
    """The first and last day of the page whose last week holds ``last``."""
    end = week_start(last, first_weekday) + timedelta(days=6)
    return end - timedelta(days=7 * PAGE_WEEKS - 1), end


def record_span(last: date, today: date, first_weekday: int = 0) -> tuple[date, date]:
    """The days a page needs read (``HabitRecord``): its year, and before it and before
    today the weeks consistency looks back over; nothing older."""
    first_day, last_day = page_span(last, first_weekday)
    earliest = min(first_day, today - timedelta(days=MONTH_DAYS))
    return earliest - timedelta(days=CONSISTENCY_WINDOW_DAYS), max(last_day, today)


def ladder_changes(record: HabitRecord, until: date) -> tuple[LadderChange, ...]:
    """The ladder as it was at the end of ``until``, each rung told as a change: raised
    or made smaller when a review decided it, else changed."""
    rungs = record.history.ladder_of(record.habit, until)
    changes = [LadderChange(rungs[0].since, rungs[0].text, "first minimum")]
    for rung in rungs[1:]:
        kind = record.decided.get(rung.text)
        change: Change = ("minimum raised" if kind == "raise" else
                          "minimum made smaller" if kind == "shrink" else "minimum changed")
        changes.append(LadderChange(rung.since, rung.text, change))
    return tuple(changes)


def habit_page(record: HabitRecord, last: date, today: date,
               first_weekday: int = 0) -> HabitPage:
    """The page of the year whose last week holds ``last``, as of ``today``."""
    habit, history = record.habit, record.history
    entries = history.entries_of(habit)
    start = history.start(habit)
    first_day, last_day = page_span(last, first_weekday)
    # the days of the year over: up to yesterday, and today once it has a win
    won_today = (e := entries.get(today)) is not None and e.is_win
    through = today + timedelta(days=1) if won_today else today
    days = []
    for day in days_between(first_day, last_day):
        entry = entries.get(day)
        kind = day_kind(habit, entry, day, start, through)
        days.append(PageDay(day, kind) if entry is None else
                    PageDay(day, kind, entry.status, entry.amount, entry.note))
    weeks = []
    for number in range(PAGE_WEEKS):
        monday = first_day + timedelta(days=7 * number)
        week = days[7 * number:7 * number + 7]
        amounts = [d.amount for d in week if d.amount is not None]
        sunday = monday + timedelta(days=6)
        score = None if monday > today or sunday < start else consistency(
            habit, entries, min(sunday + timedelta(days=1), today), start, first_weekday)
        weeks.append(PageWeek(monday, score, sum(1 for d in week if d.status in WINS),
                              sum(amounts) if amounts else None))
    weekday_wins = [0] * 7
    for page_day in days:
        if page_day.status in WINS:
            weekday_wins[page_day.day.weekday()] += 1
    gone_by = max(first_day, start), min(last_day, through - timedelta(days=1))
    weekday_rests = [0] * 7
    for page_day in days:
        if page_day.status == "rest" and gone_by[0] <= page_day.day <= gone_by[1]:
            weekday_rests[page_day.day.weekday()] += 1
    weekday_slots = [max(0, _planned_weekdays(habit, *gone_by, weekday)
                         - weekday_rests[weekday]) for weekday in range(7)]
    back = comebacks(habit, entries, max(start, first_day), min(last_day, through))
    notes = tuple((d.day, d.note) for d in reversed(days) if d.note)
    return HabitPage(
        habit=habit, today=today, start=start,
        consistency=consistency(habit, entries, today, start, first_weekday),
        month_ago=consistency(habit, entries, today - timedelta(days=MONTH_DAYS), start,
                              first_weekday),
        days=tuple(days), weeks=tuple(weeks), ladder=ladder_changes(record, last_day),
        weekday_wins=tuple(weekday_wins), weekday_slots=tuple(weekday_slots),
        weekday_rests=tuple(weekday_rests),
        comebacks=tuple(back), longest_run=longest_run(habit, days, weeks, through),
        notes=notes, pauses=tuple(record.history.pauses),
    )


def _planned_weekdays(habit: Habit, first: date, last: date, weekday: int) -> int:
    """How many ``weekday``s from ``first`` to ``last`` the habit planned (none for an
    "N× a week" or "X in N days" habit: it plans no particular day)."""
    if habit.schedule.flexible or (
            habit.schedule.kind == "weekdays" and weekday not in habit.schedule.days):
        return 0
    return scheduled_count(Schedule.on_weekdays({weekday}), first, last)


def longest_run(habit: Habit, days: list[PageDay], weeks: list[PageWeek],
                through: date) -> Run | None:
    """The longest run of showing up in the year: wins in a row, broken only by a
    planned day gone by with nothing recorded (rest and unplanned days neither count
    nor break); for an "N× a week" habit, weeks in a row that met the target (the week
    in progress does not break a run)."""
    best: Run | None = None
    if habit.schedule.kind == "in_days":
        return _longest_window_run(habit, days, through)
    if habit.schedule.kind == "per_week":
        run: list[date] = []
        for week in weeks:
            sunday = week.start + timedelta(days=6)
            if week.wins >= habit.schedule.per_week:
                run.append(week.start)
                if best is None or len(run) > best.count:
                    best = Run(run[0], sunday, len(run), "weeks")
            elif sunday < through:
                run = []
        return best
    first: date | None = None
    count = 0
    for page_day in days:
        if page_day.status in WINS:
            first = first or page_day.day
            count += 1
            if best is None or count > best.count:
                best = Run(first, page_day.day, count, "wins")
        elif page_day.kind == "nothing":
            first, count = None, 0
    return best



def _longest_window_run(habit: Habit, days: list[PageDay], through: date) -> Run | None:
    """Windows of an "X in N days" habit in a row that met the target (the window in
    progress does not break a run)."""
    schedule = habit.schedule
    wins: dict[date, int] = {}
    for page_day in days:
        begin = schedule.window_start(page_day.day)
        wins[begin] = wins.get(begin, 0) + (page_day.status in WINS)
    best: Run | None = None
    run: list[date] = []
    for begin in sorted(wins):
        end = begin + timedelta(days=schedule.every - 1)
        if wins[begin] >= schedule.times:
            run.append(begin)
            if best is None or len(run) > best.count:
                best = Run(run[0], end, len(run), "windows")
        elif end < through:
            run = []
    return best
