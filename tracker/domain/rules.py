"""The day-to-day rules: planned level, what is due, showed-up, consistency and comeback.

Consistency (documented in README.md, "How consistency is computed"):

* Every scheduled occasion is a *slot*. A daily habit has 7 slots a week, a
  ``mon,wed,fri`` habit 3, a "3× a week" habit 3 (filled by wins on any days), an
  "X times in N days" habit X in each window of N days (filled by wins on any days of
  the window; the windows follow each other from 0001-01-01, a Monday, so they are the
  same on every device and for every start).
* The score starts at 0 at the start of the habit's history and, slot by slot,
  ``s ← s·m + (1 − m)`` for a win (minimum, full and stretch alike) and
  ``s ← s·m`` for a slot with nothing recorded, with ``m = 0.5 ** (1 / (2k))``
  where ``k`` is the number of slots in a week (X·7/N for "X in N days", e.g. 1.4):
  the half-life is two weeks of calendar time, whatever the schedule (for schedules
  of less than one slot in two weeks, ``k`` is ½: the half-life is one slot).
* A rest day removes its slot: the score is frozen, neither raised nor lowered.
* A win on a day that was not scheduled counts as a win.
* The day being looked at (today) only counts once it has a win; an unfinished
  day or week is never counted against anyone. For "N× a week" habits, missing
  slots of a week count only when that week is over; within a week the misses
  come before the wins, so the week's wins are what the score ends on. "X in N
  days" habits follow the same rule window by window, and a window cut by the
  start of the history (or of the 26 weeks) asks for its share, rounded.
* The weekly views (growth, suggestions) give an "X in N days" habit its X slots
  of each window on evenly spread *due points* (offsets ⌊k·N/X⌋ of the window), so
  a week holds the due points that fall in it and the totals over time are exact.
* Only the last 26 weeks are evaluated: anything older weighs less than 0.01%.

Because ``m ≥ 0.5``, a single missed slot can never take away more than half of
the score, and the score always stays in [0, 1].
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from tracker.domain.days import days_between, week_start
from tracker.domain.models import WINS, Energy, Entry, Habit, Level, Recorded, Schedule, Step
from tracker.domain.records import NamedTuple

CONSISTENCY_WINDOW_DAYS = 26 * 7
HALF_LIFE_WEEKS = 2
MIN_WEEKLY_SLOTS = 0.5
"""A schedule of fewer slots a week (1 in 30 days) decays as one of a slot every two
weeks, so that a single missed slot never takes more than half of the score."""


def planned_level(habit: Habit, energy: Energy | None) -> Level:
    """The level a day plans for a habit: minimum on a low-energy day, else full.

    A habit without a full version is planned at its minimum.
    """
    if energy == "low" or not habit.has_level("full"):
        return "minimum"
    return "full"


def offers_stretch(habit: Habit, energy: Energy | None) -> bool:
    """A high-energy day offers the stretch version, when the habit has one."""
    return energy == "high" and habit.has_level("stretch")


def is_due(habit: Habit, day: date) -> bool:
    """True when a habit belongs on the day list for ``day``.

    Days before a habit's creation are included, so that they can be backfilled;
    where its history starts only matters to the statistics.
    """
    return not habit.archived and habit.schedule.is_scheduled(day)


def showed_up(entries: Iterable[Entry], steps: Iterable[Step]) -> bool:
    """Showed up on a day: any habit entry other than rest, or any micro-step done."""
    return any(e.is_win for e in entries) or any(s.done for s in steps)


class Tally(NamedTuple):
    """Wins against slots for a span of days (wins capped at the slots)."""

    wins: int
    slots: int

    @property
    def ratio(self) -> float | None:
        return None if self.slots == 0 else self.wins / self.slots

    def plus(self, other: Tally) -> Tally:
        """Both spans' wins and slots together."""
        return Tally(self.wins + other.wins, self.slots + other.slots)


def scheduled_count(schedule: Schedule, first: date, last: date) -> int:
    """How many days from ``first`` to ``last`` (both included) the schedule plans."""
    return _scheduled_between(schedule, first.toordinal(), last.toordinal())


def _scheduled_between(schedule: Schedule, first: int, last: int) -> int:
    """``scheduled_count`` on day ordinals (day 1, 0001-01-01, was a Monday)."""
    if last < first:
        return 0
    total = last - first + 1
    if schedule.kind == "in_days":
        return _due_before(schedule, last + 1) - _due_before(schedule, first)
    if schedule.kind != "weekdays":
        return total
    weeks, rest = divmod(total, 7)
    weekday = (first - 1) % 7
    return weeks * len(schedule.days) + sum(
        1 for i in range(rest) if (weekday + i) % 7 in schedule.days)


def _due_before(schedule: Schedule, ordinal: int) -> int:
    """How many due points of an "X in N days" schedule come before the day ``ordinal``
    (from day 1): X per window, at the window's offsets ⌊k·N/X⌋."""
    window, offset = divmod(ordinal - 1, schedule.every)
    return window * schedule.times + -(-offset * schedule.times // schedule.every)


def weekly_tallies(
    habit: Habit, entries: Mapping[date, Recorded], last_monday: date, weeks: int, start: date,
    today: date | None = None,
) -> list[Tally]:
    """Wins and slots of ``weeks`` weeks ending with the week at ``last_monday``, oldest
    first, for the growth view and the suggestion rules (one pass over entries).

    Days before the habit's history ``start`` have no slots; rest days remove a slot.
    From ``today`` on, days are not over yet: they have no slots, except today once it
    has a win (an "N× a week" habit asks for its share of the days gone by).
    """
    first_monday = last_monday - timedelta(days=7 * (weeks - 1))
    schedule = habit.schedule
    wins, rests = [0] * weeks, [0] * weeks
    window = days_between(first_monday, first_monday + timedelta(days=7 * weeks - 1))
    end = 7 * weeks if today is None else max(0, min(7 * weeks, (today - first_monday).days))
    won_today = False
    get = entries.get
    for offset in range(max(0, (start - first_monday).days), 7 * weeks):
        entry = get(window[offset])
        if entry is not None:
            status = entry.status
            if status in WINS:
                wins[offset // 7] += 1
                won_today = won_today or offset == end
            elif status == "rest" and offset < end and schedule.is_scheduled(window[offset]):
                rests[offset // 7] += 1
    tallies = []
    for week in range(weeks):
        monday = first_monday + timedelta(days=7 * week)
        sunday = monday + timedelta(days=6)
        first_day = max(monday, start)
        # the last day whose slot counts: yesterday, or today once it has a win
        last_day = sunday if today is None else min(
            sunday, today if won_today else today - timedelta(days=1))
        if first_day > last_day:
            tallies.append(Tally(0, 0))
            continue
        if schedule.flexible:
            days = (last_day - first_day).days + 1
            if schedule.kind == "in_days":
                target = scheduled_count(schedule, first_day, last_day)
                whole_week = scheduled_count(schedule, monday, sunday)
            else:
                target = schedule.per_week if days == 7 else round(
                    schedule.per_week * days / 7)
                whole_week = schedule.per_week
            slots = max(0, target - rests[week])
            if last_day < sunday:  # a week in progress: wins already there always count
                slots = max(slots, min(wins[week], whole_week))
        else:
            slots = scheduled_count(schedule, first_day, last_day) - rests[week]
        tallies.append(Tally(min(wins[week], slots), slots))
    return tallies


def week_tally(
    habit: Habit, entries: Mapping[date, Recorded], start_of_week: date, start: date
) -> Tally:
    """Wins and slots of one complete week."""
    return weekly_tallies(habit, entries, start_of_week, 1, start)[0]


def decay(habit: Habit) -> float:
    """The per-slot multiplier m: half-life of two weeks of slots."""
    slots_per_week = max(MIN_WEEKLY_SLOTS, habit.schedule.weekly_slots)
    return float(0.5 ** (1 / (HALF_LIFE_WEEKS * slots_per_week)))


def _wins(score: float, m: float, count: int) -> float:
    """``count`` wins in a row: s ← s·m + (1 − m), ``count`` times."""
    factor = m ** count
    return score * factor + (1 - factor)


def consistency(
    habit: Habit, entries: Mapping[date, Recorded], until: date, start: date,
    first_weekday: int = 0,
) -> float:
    """The gently decaying consistency score in [0, 1] as of the day ``until``.

    Walks only the days that have a win or a rest; the scheduled days with nothing
    between them are counted, not visited (the same result as a day-by-day walk).
    """
    m = decay(habit)
    first = max(start, until - timedelta(days=CONSISTENCY_WINDOW_DAYS - 1))
    if first > until:
        return 0.0
    if habit.schedule.kind == "per_week":
        return _window_consistency(entries, first, until, m, week_start(first, first_weekday),
                                   7, habit.schedule.per_week)
    if habit.schedule.kind == "in_days":
        schedule = habit.schedule
        return _window_consistency(entries, first, until, m, schedule.window_start(first),
                                   schedule.every, schedule.times)
    low, high = first.toordinal(), until.toordinal()
    schedule, gain = habit.schedule, 1 - m
    score = 0.0
    previous = low - 1
    days = sorted(entries)
    for day in days[bisect_left(days, first):bisect_right(days, until)]:
        status = entries[day].status
        if status is None:
            continue
        ordinal = day.toordinal()
        if ordinal - previous > 1:  # scheduled days with nothing in between
            score *= m ** _scheduled_between(schedule, previous + 1, ordinal - 1)
        if status in WINS:
            score = score * m + gain
        previous = ordinal
    return score * m ** _scheduled_between(schedule, previous + 1, high - 1)


def _window_consistency(
    entries: Mapping[date, Recorded], first: date, until: date, m: float, start: date,
    length: int, target: int,
) -> float:
    """Consistency of a habit asking ``target`` wins in each window of ``length`` days
    (a week for "N× a week"), the first window beginning on ``start``."""
    windows = (until - start).days // length + 1
    wins, rests = [0] * windows, [0] * windows
    for day, entry in entries.items():
        if first <= day <= until:
            window = (day - start).days // length
            if entry.is_win:
                wins[window] += 1
            elif entry.status == "rest":
                rests[window] += 1
    score = 0.0
    for window in range(windows):
        begin = start + timedelta(days=length * window)
        end = begin + timedelta(days=length - 1)
        asked = target
        if begin < first:  # a window cut by the start asks for its share
            asked = round(target * ((min(end, until) - first).days + 1) / length)
        slots = max(0, asked - rests[window])
        misses = max(0, slots - wins[window]) if end < until else 0
        score = _wins(score * m ** misses, m, wins[window])
    return score


def comebacks(
    habit: Habit, entries: Mapping[date, Recorded], start: date, until: date
) -> list[tuple[date, int]]:
    """Every comeback: (day of the win, days since the first scheduled day with nothing,
    rest days left out).

    Rest days neither open nor close a gap, nor make it longer. "N× a week" and "X in
    N days" habits have no fixed days, so they have no comebacks.
    """
    if habit.schedule.flexible:
        return []
    found: list[tuple[date, int]] = []
    gap_start: date | None = None
    rested = 0
    for day in days_between(start, until):
        entry = entries.get(day)
        if entry is not None and entry.is_win:
            if gap_start is not None:
                found.append((day, (day - gap_start).days - rested))
                gap_start = None
        elif entry is not None and entry.status == "rest":
            rested += gap_start is not None
        elif habit.schedule.is_scheduled(day) and day < until and gap_start is None:
            gap_start, rested = day, 0
    return found


def describe_comeback(days: int) -> str:
    """Resilience, never a break: ``back the next day`` / ``back after 3 days``."""
    return "back the next day" if days == 1 else f"back after {days} days"

