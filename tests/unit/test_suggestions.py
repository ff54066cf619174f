"""The five suggestion rules and their thresholds."""

from datetime import date, timedelta

from tracker.domain.models import Entry, Habit, Rung
from tracker.domain.suggestions import suggest

WEEK = date(2026, 3, 2)  # reviewed week (a Monday)
LONG_AGO = WEEK - timedelta(days=7 * 20)


def habit(**kwargs: object) -> Habit:
    defaults: dict[str, object] = {"id": 1, "name": "Read", "minimum": "one page",
                                   "full": "20 pages", "direction": "mind",
                                   "created": LONG_AGO}
    defaults.update(kwargs)
    return Habit(**defaults)  # type: ignore[arg-type]


def history(weeks: int, wins_per_week: int, level: str = "full",
            end: date = WEEK) -> dict[date, Entry]:
    found = {}
    for w in range(weeks):
        monday = end - timedelta(days=7 * w)
        for d in range(wins_per_week):
            day = monday + timedelta(days=d)
            found[day] = Entry(1, day, level)  # type: ignore[arg-type]
    return found


def kinds(h: Habit, entries: dict[date, Entry], ladder: list[Rung] | None = None,
          start: date = LONG_AGO) -> set[str]:
    return {s.kind for s in suggest(h, entries, ladder or [Rung(LONG_AGO, h.minimum)],
                                    WEEK, start)}


def test_raise_at_eighty_percent_for_three_weeks() -> None:
    assert "raise" in kinds(habit(), history(3, 6))      # 18/21 = 86%
    assert "raise" not in kinds(habit(), history(3, 5))  # 15/21 = 71%
    assert "raise" not in kinds(habit(), history(2, 7))  # only two weeks


def test_no_raise_right_after_a_change_of_minimum() -> None:
    ladder = [Rung(LONG_AGO, "half a page"), Rung(WEEK - timedelta(days=3), "one page")]
    assert "raise" not in kinds(habit(), history(3, 7), ladder)


def test_shrink_below_forty_percent_for_two_weeks() -> None:
    assert "shrink" in kinds(habit(), history(2, 2))      # 4/14 = 29%
    assert "shrink" not in kinds(habit(), history(2, 6))
    young = WEEK - timedelta(days=2)
    assert "shrink" not in kinds(habit(created=young), {}, start=young)


def test_direction_when_the_habit_has_none() -> None:
    assert "direction" in kinds(habit(direction=""), {})
    assert "direction" in kinds(habit(direction="   "), {})
    assert "direction" not in kinds(habit(), {})


def test_stretch_after_eight_weeks_at_ninety_percent() -> None:
    assert "stretch" in kinds(habit(), history(20, 7))
    assert "stretch" not in kinds(habit(), history(20, 5))
    recent = [Rung(LONG_AGO, "x"), Rung(WEEK - timedelta(days=7 * 5), "one page")]
    assert "stretch" not in kinds(habit(), history(20, 7), recent)


def test_only_easy_wins_after_four_weeks_of_minimums() -> None:
    assert "easy" in kinds(habit(), history(4, 3, "minimum"))
    mixed = history(4, 3, "minimum") | {WEEK: Entry(1, WEEK, "full")}
    assert "easy" not in kinds(habit(), mixed)
    assert "easy" not in kinds(habit(), history(3, 3, "minimum"))


def test_rest_days_do_not_push_towards_shrink() -> None:
    resting = {WEEK - timedelta(days=7) + timedelta(days=i):
               Entry(1, WEEK - timedelta(days=7) + timedelta(days=i), "rest") for i in range(7)}
    resting |= history(1, 6)
    assert "shrink" not in kinds(habit(), resting)
