"""The weekly evidence review, computed once and shown by the screen and the command alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.domain.days import week_days
from tracker.domain.models import CheckIn, Energy, Entry, Habit, Review, Rung, Status, Step
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

    ``entries`` maps habit → day → entry; a day is the key, not ``entry.day`` (the
    store may share one status-only entry among many older days).
    """

    habits: list[Habit]
    entries: dict[int, dict[date, Entry]] = field(default_factory=dict)
    ladders: dict[int, list[Rung]] = field(default_factory=dict)
    first_entry: dict[int, date] = field(default_factory=dict)
    checkins: dict[date, CheckIn] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)

    def start(self, habit: Habit) -> date:
        """Where a habit's history starts: its first entry or creation, the earlier."""
        first = self.first_entry.get(habit.id)
        return habit.created if first is None else min(first, habit.created)

    def entries_of(self, habit: Habit) -> Mapping[date, Entry]:
        return self.entries.get(habit.id, {})


@dataclass(frozen=True)
class Note:
    """A note written during the week: evidence, in date order."""

    day: date
    source: str
    text: str


@dataclass(frozen=True)
class HabitWeek:
    """One habit's row of the review."""

    habit: Habit
    days: tuple[Status | None, ...]
    showed_up: int
    amount_total: float | None
    previous_showed_up: int
    previous_amount_total: float | None
    consistency: float
    growth: tuple[float | None, ...]
    ladder_text: str
    comeback: int | None

    @property
    def change(self) -> int:
        return self.showed_up - self.previous_showed_up


@dataclass(frozen=True)
class WeekSummary:
    """Everything the weekly evidence review shows."""

    week_start: date
    days: tuple[date, ...]
    habits: tuple[HabitWeek, ...]
    energy: tuple[Energy | None, ...]
    showed_up_days: int
    steps_done: tuple[Step, ...]
    notes: tuple[Note, ...]
    suggestions: tuple[Suggestion, ...]
    review: Review


def _wins(entries: Mapping[date, Entry], days: Sequence[date]) -> int:
    return sum(1 for d in days if (e := entries.get(d)) is not None and e.is_win)


def _amount(entries: Mapping[date, Entry], days: Sequence[date]) -> float | None:
    amounts = [e.amount for d in days if (e := entries.get(d)) is not None
               and e.amount is not None]
    return sum(amounts) if amounts else None


def ladder_summary(ladder: Sequence[Rung], created: date) -> str:
    """``minimum raised twice since September 2026`` (or ``same minimum since …``)."""
    changes = [r for r in ladder if r.since > created]
    if len(ladder) <= 1 or not changes:
        since = ladder[0].since if ladder else created
        return f"same minimum since {since:%B %Y}"
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
    history: History, monday: date, review: Review | None = None, first_weekday: int = 0
) -> WeekSummary:
    """Compute the review of the week starting ``monday`` from a loaded history.

    The history must cover at least the 26 weeks before the week (for consistency).
    """
    days = week_days(monday)
    previous = week_days(monday - timedelta(days=7))
    rows: list[HabitWeek] = []
    suggestions: list[Suggestion] = []
    notes: list[Note] = []
    for habit in habits_in_week(history, monday):
        entries = history.entries_of(habit)
        start = history.start(habit)
        ladder = history.ladders.get(habit.id, [])
        tallies = weekly_tallies(habit, entries, monday, GROWTH_WEEKS, start)
        score = consistency(habit, entries, days[-1] + timedelta(days=1), start, first_weekday)
        backs = [n for d, n in comebacks(habit, entries, max(start, monday - timedelta(days=28)),
                                         days[-1] + timedelta(days=1)) if d >= monday]
        rows.append(HabitWeek(
            habit=habit,
            days=tuple(e.status if (e := entries.get(d)) else None for d in days),
            showed_up=_wins(entries, days),
            amount_total=_amount(entries, days),
            previous_showed_up=_wins(entries, previous),
            previous_amount_total=_amount(entries, previous),
            consistency=score,
            growth=tuple(t.ratio for t in tallies),
            ladder_text=ladder_summary(ladder, habit.created),
            comeback=backs[-1] if backs else None,
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
    notes.extend(Note(s.day, "step: " + s.text, s.note) for s in steps if s.note)
    notes.sort(key=lambda n: n.day)
    showed_up_days = sum(
        1 for d in days
        if any((e := history.entries_of(h).get(d)) is not None and e.is_win
               for h in history.habits)
        or any(s.done and s.day == d for s in steps))
    return WeekSummary(
        week_start=monday,
        days=tuple(days),
        habits=tuple(rows),
        energy=tuple(c.energy if (c := history.checkins.get(d)) else None for d in days),
        showed_up_days=showed_up_days,
        steps_done=tuple(s for s in steps if s.done),
        notes=tuple(notes),
        suggestions=tuple(suggestions),
        review=review or Review(monday),
    )
