
"""Planned level, due habits, showed-up, consistency and comeback."""

import math
from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.days import week_start
from tracker.domain.models import Entry, Habit, Schedule, Step
from tracker.domain.rules import (
    CONSISTENCY_WINDOW_DAYS,
    comebacks,
    consistency,
    decay,
    describe_comeback,
    is_due,
    offers_stretch,
    planned_level,
    scheduled_count,
    showed_up,
    week_tally,
    weekly_tallies,
)

START = date(2026, 1, 5)  # a Monday
DAILY = Habit(1, "Read", "one page", full="20 pages", stretch="a chapter", created=START)


def entries(statuses: Sequence[str | None], habit: Habit = DAILY,
            start: date = START) -> dict[date, Entry]:
    return {start + timedelta(days=i): Entry(habit.id, start + timedelta(days=i), s)  # type: ignore[arg-type]
            for i, s in enumerate(statuses) if s is not None}


def test_planned_level_follows_energy() -> None:
    assert planned_level(DAILY, "low") == "minimum"
    assert planned_level(DAILY, "ok") == "full"
    assert planned_level(DAILY, "high") == "full"
    assert planned_level(DAILY, None) == "full"
    assert offers_stretch(DAILY, "high") and not offers_stretch(DAILY, "ok")
    bare = Habit(2, "Walk", "step outside", created=START)
    assert planned_level(bare, "ok") == "minimum"
    assert not offers_stretch(bare, "high")


def test_due_follows_schedule_and_archive_and_allows_backfill() -> None:
    mwf = Habit(3, "Gym", "one push-up", schedule=Schedule.parse_days("mon,wed,fri"),
                created=START)
    assert is_due(mwf, START)
    assert not is_due(mwf, START + timedelta(days=1))
    assert is_due(mwf, START - timedelta(days=7))  # before creation: can be backfilled
    archived = Habit(4, "Old", "x", archived=True, created=START)
    assert not is_due(archived, START)


def test_showed_up_counts_wins_and_done_steps_but_not_rest() -> None:
    win = Entry(1, START, "minimum")
    rest = Entry(1, START, "rest")
    step = Step(1, START, "call", done=True)
    assert showed_up([win], [])
    assert not showed_up([rest], [])
    assert showed_up([rest], [step])
    assert not showed_up([], [Step(2, START, "call")])


def test_consistency_rises_with_wins_and_half_life_is_two_weeks() -> None:
    days = 14
    after = consistency(DAILY, entries(["full"] * days), START + timedelta(days=days), START)
    assert abs(after - 0.5) < 1e-9  # fourteen daily wins from zero: exactly half
    assert abs(decay(DAILY) ** 14 - 0.5) < 1e-12


def test_minimum_full_and_stretch_count_the_same() -> None:
    until = START + timedelta(days=10)
    scores = {level: consistency(DAILY, entries([level] * 10), until, START)
              for level in ("minimum", "full", "stretch")}
    assert len(set(scores.values())) == 1


def test_rest_days_freeze_the_score() -> None:
    base = ["full"] * 10
    until = START + timedelta(days=15)
    with_rest = consistency(DAILY, entries(base + ["rest"] * 5), until, START)
    at_ten = consistency(DAILY, entries(base), START + timedelta(days=10), START)
    assert abs(with_rest - at_ten) < 1e-12


def test_today_without_an_entry_is_not_a_miss() -> None:
    until = START + timedelta(days=5)
    assert consistency(DAILY, entries(["full"] * 5), until, START) == consistency(
        DAILY, entries(["full"] * 5), until - timedelta(days=0), START)
    yesterday_win = consistency(DAILY, entries(["full"] * 5), until, START)
    next_day = consistency(DAILY, entries(["full"] * 5), until + timedelta(days=1), START)
    assert next_day < yesterday_win  # once the day is over, it counts


def test_unscheduled_days_without_entries_are_ignored() -> None:
    mwf = Habit(5, "Gym", "one push-up", schedule=Schedule.parse_days("mon,wed,fri"),
                created=START)
    wins = entries(["full", None, "full", None, "full", None, None], mwf)
    score = consistency(mwf, wins, START + timedelta(days=7), START)
    assert abs(score - (1 - decay(mwf) ** 3)) < 1e-12


def test_per_week_habits_count_wins_on_any_days() -> None:
    three = Habit(6, "Write", "a paragraph", schedule=Schedule.times_per_week(3),
                  created=START)
    spread = entries(["full", None, None, "full", None, None, "full"], three)
    bunched = entries(["full", "full", "full", None, None, None, None], three)
    until = START + timedelta(days=7)
    assert consistency(three, spread, until, START) == consistency(three, bunched, until, START)
    short = entries(["full", None, None, None, None, None, None], three)
    assert consistency(three, short, until, START) < consistency(three, spread, until, START)


statuses = st.lists(st.sampled_from(["minimum", "full", "stretch", "rest", None]),
                    min_size=1, max_size=120)
schedules = st.sampled_from([Schedule.daily(), Schedule.parse_days("mon,thu"),
                             Schedule.times_per_week(3), Schedule.times_per_week(1),
                             Schedule.times_in_days(2, 10), Schedule.times_in_days(1, 3),
                             Schedule.times_in_days(1, 30)])


@settings(max_examples=150, deadline=None)
@given(statuses, schedules)
def test_consistency_stays_between_zero_and_one(days: list[str | None],
                                                schedule: Schedule) -> None:
    habit = Habit(7, "H", "m", schedule=schedule, created=START)
    score = consistency(habit, entries(days, habit), START + timedelta(days=len(days)), START)
    assert 0.0 <= score <= 1.0


@settings(max_examples=150, deadline=None)
@given(statuses, schedules)
def test_a_rest_day_never_lowers_the_score(days: list[str | None],
                                           schedule: Schedule) -> None:
    habit = Habit(8, "H", "m", schedule=schedule, created=START)
    until = START + timedelta(days=len(days) + 1)
    before = consistency(habit, entries(days, habit), until, START)
    after = consistency(habit, entries([*days, "rest"], habit), until, START)
    assert after >= before - 1e-12


@settings(max_examples=150, deadline=None)
@given(statuses, st.sampled_from(["minimum", "full", "stretch"]))
def test_the_level_of_a_win_never_changes_the_score(days: list[str | None], level: str) -> None:
    until = START + timedelta(days=len(days) + 1)
    as_level = [level if s in ("minimum", "full", "stretch") else s for s in days]
    as_min = ["minimum" if s in ("minimum", "full", "stretch") else s for s in days]
    assert consistency(DAILY, entries(as_level), until, START) == consistency(
        DAILY, entries(as_min), until, START)


@settings(max_examples=150, deadline=None)
@given(statuses, schedules)
def test_a_single_miss_never_drops_the_score_below_half(days: list[str | None],
                                                        schedule: Schedule) -> None:
    habit = Habit(9, "H", "m", schedule=schedule, created=START)
    n = len(days)
    before = consistency(habit, entries(days, habit), START + timedelta(days=n), START)
    # one more scheduled day with nothing, then look the day after
    after = consistency(habit, entries(days, habit), START + timedelta(days=n + 7), START)
    later = consistency(habit, entries(days, habit), START + timedelta(days=n + 1), START)
    assert later >= before / 2 - 1e-12
    assert after >= 0.0


def test_comeback_counts_days_from_the_first_miss_to_the_next_win_less_rest() -> None:
    history = entries(["full", None, "full", None, None, "rest", "minimum"])
    found = comebacks(DAILY, history, START, START + timedelta(days=7))
    # the rest day inside the second gap does not make it longer
    assert found == [(START + timedelta(days=2), 1), (START + timedelta(days=6), 2)]
    assert describe_comeback(1) == "back the next day"
    assert describe_comeback(3) == "back after 3 days"


def test_week_tally_removes_rest_slots_and_days_before_the_start() -> None:
    history = entries(["full", "rest", "minimum", None, None, None, None])
    assert week_tally(DAILY, history, START, START).wins == 2
    assert week_tally(DAILY, history, START, START).slots == 6
    assert week_tally(DAILY, history, START, START + timedelta(days=4)).slots == 3


def day_by_day_consistency(habit: Habit, history: dict[date, Entry], until: date,
                           start: date) -> float:
    """The documented formula, one day at a time (the rules skip the empty days)."""
    m = decay(habit)
    first = max(start, until - timedelta(days=CONSISTENCY_WINDOW_DAYS - 1))
    score = 0.0
    for offset in range((until - first).days + 1):
        day = first + timedelta(days=offset)
        entry = history.get(day)
        status = entry.status if entry is not None else None
        if status in ("minimum", "full", "stretch"):
            score = score * m + (1 - m)
        elif status != "rest" and day < until and habit.schedule.is_scheduled(day):
            score *= m
    return score


def day_by_day_tallies(habit: Habit, history: dict[date, Entry], last_monday: date,
                       weeks: int, start: date) -> list[tuple[int, int]]:
    found = []
    for week in range(weeks):
        monday = last_monday - timedelta(days=7 * (weeks - 1 - week))
        days = [monday + timedelta(days=i) for i in range(7)]
        counted = [d for d in days if d >= start]
        wins = sum(1 for d in counted if (e := history.get(d)) and e.is_win)
        rests = sum(1 for d in counted if (e := history.get(d)) and e.status == "rest"
                    and habit.schedule.is_scheduled(d))
        slots = sum(1 for d in counted if habit.schedule.is_scheduled(d)) - rests
        found.append((min(wins, slots), slots))
    return found


fixed_days = st.sampled_from([Schedule.daily(), Schedule.parse_days("mon,thu"),
                              Schedule.parse_days("sat,sun")])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["minimum", "full", "stretch", "rest", None]), max_size=260),
       fixed_days, st.integers(0, 40), st.integers(-30, 60))
def test_the_event_walk_equals_the_day_by_day_formula(days: list[str | None],
                                                      schedule: Schedule, late_start: int,
                                                      after: int) -> None:
    """Consistency and weekly tallies, as computed, equal a plain day-by-day walk: also
    over more than the 26-week window, and with a history that starts later."""
    habit = Habit(10, "H", "m", schedule=schedule, created=START)
    history = entries(days, habit)
    until = START + timedelta(days=max(0, len(days) + after))  # inside or after
    start = START + timedelta(days=late_start)
    assert math.isclose(consistency(habit, history, until, start),
                        day_by_day_consistency(habit, history, until, start), abs_tol=1e-12)
    last_monday = week_start(until)
    tallies = weekly_tallies(habit, history, last_monday, 12, start)
    assert [(t.wins, t.slots) for t in tallies] == day_by_day_tallies(
        habit, history, last_monday, 12, start)


# "X times in N days" ---------------------------------------------------------------
EVERY_3 = Habit(20, "Water plants", "one pot", schedule=Schedule.times_in_days(1, 3),
                created=START)
TWO_IN_10 = Habit(21, "Call home", "a message", schedule=Schedule.times_in_days(2, 10),
                  created=START)


def test_an_every_n_days_habit_is_judged_window_by_window() -> None:
    """Every 3 days: one win in each window of three days, on any of its days (START
    begins a window); a daily habit's plan would call most of these days misses."""
    m = decay(EVERY_3)
    assert abs(m - 0.5 ** (1 / (2 * 7 / 3))) < 1e-12
    regular = entries(["full", None, None] * 4, EVERY_3)
    shifted = entries([None, None, "full", "full", None, None, None, "full", None,
                       None, "full", None], EVERY_3)
    until = START + timedelta(days=12)
    expected = 1 - m ** 4
    assert abs(consistency(EVERY_3, regular, until, START) - expected) < 1e-12
    assert abs(consistency(EVERY_3, shifted, until, START) - expected) < 1e-12
    assert consistency(DAILY, entries(["full", None, None] * 4), until, START) < 0.3


def test_a_window_without_enough_wins_counts_its_misses_once_it_is_over() -> None:
    m = decay(TWO_IN_10)
    assert abs(m - 0.5 ** (1 / (2 * 1.4))) < 1e-12
    one = entries(["full"] + [None] * 9, TWO_IN_10)
    inside = consistency(TWO_IN_10, one, START + timedelta(days=5), START)
    assert abs(inside - (1 - m)) < 1e-12  # the window is not over: no miss yet
    two_then_one = entries(["full", "full"] + [None] * 8 + ["full"] + [None] * 9, TWO_IN_10)
    after = consistency(TWO_IN_10, two_then_one, START + timedelta(days=21), START)
    first = 1 - m ** 2  # within a window the miss comes before the win
    assert abs(after - (first * m * m + (1 - m))) < 1e-12
    rested = entries(["full", "rest"] + [None] * 8, TWO_IN_10)
    assert abs(consistency(TWO_IN_10, rested, START + timedelta(days=11), START)
               - (1 - m)) < 1e-12  # a rest day removes the slot still open


def test_a_window_cut_by_the_start_asks_for_its_share() -> None:
    late = Habit(22, "Call home", "a message", schedule=Schedule.times_in_days(2, 10),
                 created=START + timedelta(days=5))
    start = START + timedelta(days=5)  # the last five days of a window: one slot
    one = {start: Entry(late.id, start, "full")}
    m = decay(late)
    score = consistency(late, one, START + timedelta(days=11), start)
    assert abs(score - (1 - m)) < 1e-12


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 12), st.integers(1, 40), st.integers(0, 400))
def test_any_n_days_in_a_row_hold_x_due_points(times: int, every: int, offset: int) -> None:
    """The weekly views spread a window's slots evenly: every run of N days holds X."""
    if times > every or every == 7 or times == every:
        return
    schedule = Schedule.times_in_days(times, every)
    first = START + timedelta(days=offset)
    assert scheduled_count(schedule, first, first + timedelta(days=every - 1)) == times


def test_weekly_tallies_of_an_x_in_n_days_habit_give_each_week_its_due_points() -> None:
    wins = entries(["full", None, None, None, None, "full", None] * 4, TWO_IN_10)
    tallies = weekly_tallies(TWO_IN_10, wins, START + timedelta(days=21), 4, START)
    assert sum(t.slots for t in tallies) == scheduled_count(
        TWO_IN_10.schedule, START, START + timedelta(days=27))
    assert [t.slots for t in tallies] == [2, 1, 2, 1]
    assert all(t.wins == t.slots for t in tallies)


def test_an_x_in_n_days_habit_has_no_fixed_days_and_no_comebacks() -> None:
    history = entries(["full", None, None, None, None, None, "full"], EVERY_3)
    assert comebacks(EVERY_3, history, START, START + timedelta(days=7)) == []
    assert all(is_due(EVERY_3, START + timedelta(days=i)) for i in range(7))
