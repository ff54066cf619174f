"""The weekly evidence review, computed once and shown by the screen and the command alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from tracker.domain.days import week_days
from tracker.domain.models import (
    CheckIn,
    Energy,
    Habit,
    Recorded,
    Review,
    Rung,
    Status,
    Step,
)
from tracker.domain.pauses import Pause
from tracker.domain.rules import comebacks, consistency, weekly_tallies
from tracker.domain.suggestions import Suggestion, suggest

GROWTH_WEEKS = 12
PROMPTS: tuple[tuple[str, str], ...] = (
    ("direction", "Did I move in the direction I want to go?"),
    ("helped", "What helped?"),
    ("in_the_way", "What got in the way?"),
)


@dataclass
class History:
    """What the domain needs to know about a span of days, as loaded by the store.

    ``entries`` maps habit → day → what was recorded: whole entries for the recent
    weeks, shared ``DayMark`` statuses for older days (the day is the key).
    """

    habits: list[Habit]
    entries: dict[int, dict[date, Recorded]] = field(default_factory=dict)
    ladders: dict[int, list[Rung]] = field(default_factory=dict)
    first_entry: dict[int, date] = field(default_factory=dict)
    checkins: dict[date, CheckIn] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)
    """The pauses of the span (their days are rest in ``entries`` already)."""

    def start(self, habit: Habit) -> date:
        """Where a habit's history starts: its first entry or creation, the earlier."""
        first = self.first_entry.get(habit.id)
        return habit.created if first is None else min(first, habit.created)

    def entries_of(self, habit: Habit) -> Mapping[date, Recorded]:
        return self.entries.get(habit.id, {})

    def ladder_of(self, habit: Habit, until: date) -> list[Rung]:
        """The level ladder as it was at the end of ``until``: the first rung in force
        from the start of the habit's history (backfilled and imported days count like
        any other), later rungs only once they were set."""
        rungs = self.ladders.get(habit.id) or [Rung(habit.created, habit.minimum)]
        start = min(self.start(habit), rungs[0].since)
        return [Rung(start, rungs[0].text), *(r for r in rungs[1:] if r.since <= until)]


@dataclass(frozen=True)
class Note:
    """A note written during the week: evidence, in date order."""

    day: date
    source: str
    text: str


DayKind = Literal["stretch", "full", "minimum", "rest", "amount", "nothing", "unplanned",
                  "not yet"]
"""What one day of a habit's row shows: a status, an amount with no level reached,
nothing recorded on a planned day, a day the habit was not planned (or before its
history), or a day not over yet."""


def day_kind(habit: Habit, entry: Recorded | None, day: date, start: date,
             through: date) -> DayKind:
    """The kind of mark a day gets in the review's grid."""
    if entry is not None and entry.status is not None:
        return entry.status
    if entry is not None and entry.amount is not None:
        return "amount"
    if day >= through:
        return "not yet"
    if day < start or not habit.schedule.is_scheduled(day) or habit.schedule.flexible:
        return "unplanned"  # an "N× a week" or "X in N days" habit plans no particular day
    return "nothing"


@dataclass(frozen=True)
class HabitWeek:
    """One habit's row of the review.

    While the week is in progress, ``previous_*`` cover the same days of last week.
    """

    habit: Habit
    days: tuple[Status | None, ...]
    kinds: tuple[DayKind, ...]
    showed_up: int
    amount_total: float | None
    previous_showed_up: int
    previous_amount_total: float | None
    consistency: float
    growth: tuple[float | None, ...]
    ladder: tuple[Rung, ...]
    ladder_text: str
    comebacks: tuple[int, ...]

    @property
    def comeback(self) -> int | None:
        """The latest comeback of the week, if any."""
        return self.comebacks[-1] if self.comebacks else None

    @property
    def change(self) -> int:
        return self.showed_up - self.previous_showed_up


@dataclass(frozen=True)
class WeekSummary:
    """Everything the weekly evidence review shows.

    ``in_progress`` while the week is not over: its days from ``through`` on are not
    held against anyone, and "vs last week" compares the same days of last week.
    "Showed up on ``showed_up_days`` of ``counted_days`` days": see ``count_days``;
    ``resting_days`` are the days gone by that were wholly rested.
    """

    week_start: date
    in_progress: bool
    through: date
    days: tuple[date, ...]
    habits: tuple[HabitWeek, ...]
    energy: tuple[Energy | None, ...]
    showed_up_days: int
    counted_days: int
    resting_days: int
    steps_done: tuple[Step, ...]
    notes: tuple[Note, ...]
    suggestions: tuple[Suggestion, ...]
    review: Review


def _wins(entries: Mapping[date, Recorded], days: Sequence[date]) -> int:
    return sum(1 for d in days if (e := entries.get(d)) is not None and e.is_win)


def _amount(entries: Mapping[date, Recorded], days: Sequence[date]) -> float | None:
    amounts = [e.amount for d in days if (e := entries.get(d)) is not None
               and e.amount is not None]
    return sum(amounts) if amounts else None


def ladder_summary(ladder: Sequence[Rung]) -> str:
    """``minimum changed twice since September 2026`` (or ``same minimum since …``),
    for a ladder as returned by ``History.ladder_of``."""
    changes = ladder[1:]
    if not changes:
        return f"same minimum since {ladder[0].since:%B %Y}"
    times = {1: "once", 2: "twice"}.get(len(changes), f"{len(changes)} times")
    return f"minimum changed {times} since {changes[0].since:%B %Y}"


def habits_in_week(history: History, monday: date) -> list[Habit]:
    """Active habits whose history has begun by the week's end, and archived habits
    that still have entries in that week."""
    sunday = monday + timedelta(days=6)
    shown = []
    for habit in history.habits:
        if history.start(habit) > sunday:
            continue
        entries = history.entries_of(habit)
        if habit.archived and not any(d in entries for d in week_days(monday)):
            continue
        shown.append(habit)
    return shown


def summarize_week(
    history: History, monday: date, review: Review | None = None, first_weekday: int = 0,
    today: date | None = None,
) -> WeekSummary:
    """Compute the review of the week starting ``monday`` from a loaded history.

    The history must cover at least the 26 weeks before the week (for consistency).
    With ``today`` inside the week (or before it), the week is in progress: days from
    today on count only with a win, and the change from last week compares the same
    days. Without ``today``, the week is taken as over.
    """
    days = week_days(monday)
    sunday = days[-1]
    in_progress = today is not None and today <= sunday
    through = today if today is not None and in_progress else sunday + timedelta(days=1)
    gone_by = max(0, min(7, (through - monday).days))  # days over (today is not, yet)
    last_week = week_days(monday - timedelta(days=7))
    rows: list[HabitWeek] = []
    suggestions: list[Suggestion] = []
    notes: list[Note] = []
    for habit in habits_in_week(history, monday):
        entries = history.entries_of(habit)
        start = history.start(habit)
        # while in progress, last week's same days: up to yesterday, and today once won
        won_today = in_progress and (e := entries.get(through)) is not None and e.is_win
        previous = last_week if not in_progress else last_week[:gone_by + won_today]
        ladder = history.ladder_of(habit, sunday)
        tallies = weekly_tallies(habit, entries, monday, GROWTH_WEEKS, start,
                                 today if in_progress else None)
        score = consistency(habit, entries, through, start, first_weekday)
        backs = tuple(n for d, n in comebacks(habit, entries,
                                              max(start, monday - timedelta(days=28)), through)
                      if d >= monday)
        rows.append(HabitWeek(
            habit=habit,
            days=tuple(e.status if (e := entries.get(d)) else None for d in days),
            kinds=tuple(day_kind(habit, entries.get(d), d, start, through) for d in days),
            showed_up=_wins(entries, days),
            amount_total=_amount(entries, days),
            previous_showed_up=_wins(entries, previous),
            previous_amount_total=_amount(entries, previous),
            consistency=score,
            growth=tuple(t.ratio for t in tallies),
            ladder=tuple(ladder),
            ladder_text=ladder_summary(ladder),
            comebacks=backs,
        ))
        if not habit.archived:
            suggestions.extend(suggest(habit, entries, ladder, monday, start, first_weekday,
                                       tallies=tallies, score=score))
        notes.extend(Note(d, habit.name, e.note) for d in days
                     if (e := entries.get(d)) is not None and e.note)
    steps = [s for s in history.steps if monday <= s.day <= days[-1]]
    for day in days:
        checkin = history.checkins.get(day)
        if checkin is not None and checkin.intention:
            notes.append(Note(day, "intention", checkin.intention))
        if checkin is not None and checkin.note:
            notes.append(Note(day, "check-in", checkin.note))
    # a done step's note stands with the step; an open step's note is a note of its own
    notes.extend(Note(s.day, "step: " + s.text, s.note) for s in steps if s.note and not s.done)
    names = {h.id: h.name for h in history.habits}
    for pause in history.pauses:  # once a week each, on its first day in the week
        if pause.first <= sunday and pause.last >= monday and (
                pause.habit_id is None or pause.habit_id in names):
            who = "every habit" if pause.habit_id is None else names[pause.habit_id]
            notes.append(Note(max(pause.first, monday), who,
                              f"{pause.label}, {pause.first:%a %d %b} – {pause.last:%a %d %b}"))
    notes.sort(key=lambda n: n.day)
    showed_up, counted, resting = count_days(history, [r.habit for r in rows], days, steps,
                                             through)
    return WeekSummary(
        week_start=monday,
        in_progress=in_progress,
        through=through,
        days=tuple(days),
        habits=tuple(rows),
        energy=tuple(c.energy if (c := history.checkins.get(d)) else None for d in days),
        showed_up_days=showed_up,
        counted_days=counted,
        resting_days=resting,
        steps_done=tuple(s for s in steps if s.done),
        notes=tuple(notes),
        suggestions=tuple(suggestions),
        review=review or Review(monday),
    )


def count_days(
    history: History, habits: Sequence[Habit], days: Sequence[date], steps: Sequence[Step],
    through: date,
) -> tuple[int, int, int]:
    """The week's "showed up on N of M days", and the days wholly rested.

    A day shows up with any win (of any habit) or any micro-step done. M counts the
    days that showed up, and the other days gone by (before ``through``: today only
    once it is won) from the start of the history on that were not wholly rested:
    every habit planned that day resting, nothing won. Rest and the time before the
    history are neutral, like everywhere else.
    """
    starts = [history.start(h) for h in habits]
    first = min(starts, default=through)
    done_days = {s.day for s in steps if s.done}
    showed = counted = resting = 0
    for day in days:
        marks = [history.entries_of(h).get(day) for h in history.habits]
        if day in done_days or any(e is not None and e.is_win for e in marks):
            showed += 1
            counted += 1
            continue
        if day >= through or day < first:
            continue
        planned = [h for h, start in zip(habits, starts, strict=True)
                   if start <= day and h.schedule.is_scheduled(day)
                   and (not h.archived or day in history.entries_of(h))]
        if planned and all((e := history.entries_of(h).get(day)) is not None
                           and e.status == "rest" for h in planned):
            resting += 1
        else:
            counted += 1
    return showed, counted, resting
