"""The weekly review computation."""

from datetime import date, timedelta

from tracker.domain.models import CheckIn, Entry, Habit, Review, Rung, Schedule, Step
from tracker.domain.week import History, ladder_summary, summarize_week

MONDAY = date(2026, 3, 2)
OLD = date(2025, 12, 1)


def e(hid: int, offset: int, status: str | None, amount: float | None = None,
      note: str = "") -> Entry:
    day = MONDAY + timedelta(days=offset)
    return Entry(hid, day, status, amount, note)  # type: ignore[arg-type]


def make(habits: list[Habit], entries: list[Entry], **kwargs: object) -> History:
    by_habit: dict[int, dict[date, Entry]] = {}
    for entry in entries:
        by_habit.setdefault(entry.habit_id, {})[entry.day] = entry
    first = {hid: min(days) for hid, days in by_habit.items()}
    return History(habits=habits, entries=by_habit, first_entry=first, **kwargs)  # type: ignore[arg-type]


READ = Habit(1, "Read", "one page", unit="pages", direction="mind", created=OLD)
WALK = Habit(2, "Walk", "step outside", direction="health", created=OLD)


def test_an_empty_week() -> None:
    summary = summarize_week(History(habits=[]), MONDAY)
    assert summary.habits == () and summary.showed_up_days == 0
    assert summary.energy == (None,) * 7 and summary.suggestions == ()


def test_days_amounts_and_change_from_last_week() -> None:
    history = make([READ], [e(1, 0, "full", 12), e(1, 1, "minimum", 1), e(1, 2, "rest"),
                            e(1, 4, "stretch", 30, "a chapter"), e(1, -3, "full", 20)])
    row = summarize_week(history, MONDAY).habits[0]
    assert row.days == ("full", "minimum", "rest", None, "stretch", None, None)
    assert row.showed_up == 3 and row.previous_showed_up == 1 and row.change == 2
    assert row.amount_total == 43 and row.previous_amount_total == 20


def test_showed_up_days_count_steps_and_ignore_rest() -> None:
    steps = [Step(1, MONDAY + timedelta(days=3), "call", done=True),
             Step(2, MONDAY + timedelta(days=5), "not yet")]
    history = make([READ], [e(1, 0, "rest"), e(1, 1, "full")], steps=steps)
    summary = summarize_week(history, MONDAY)
    assert summary.showed_up_days == 2
    assert [s.text for s in summary.steps_done] == ["call"]


def test_archived_habits_show_only_in_weeks_they_have_entries() -> None:
    old = Habit(3, "Old", "x", archived=True, created=OLD)
    assert [r.habit.name for r in summarize_week(make([READ, old], []), MONDAY).habits] == [
        "Read"]
    with_entry = make([READ, old], [e(3, 2, "full")])
    summary = summarize_week(with_entry, MONDAY)
    assert [r.habit.name for r in summary.habits] == ["Read", "Old"]
    assert not [s for s in summary.suggestions if s.habit == "Old"]


def test_a_habit_added_mid_week_appears_and_later_habits_do_not() -> None:
    mid = Habit(4, "New", "x", created=MONDAY + timedelta(days=3))
    later = Habit(5, "Later", "x", created=MONDAY + timedelta(days=9))
    names = [r.habit.name for r in summarize_week(make([mid, later], []), MONDAY).habits]
    assert names == ["New"]


def test_backfilled_entries_before_creation_start_the_history() -> None:
    late = Habit(6, "Late", "x", created=MONDAY + timedelta(days=20))
    summary = summarize_week(make([late], [e(6, 1, "full")]), MONDAY)
    assert [r.habit.name for r in summary.habits] == ["Late"]


def test_a_minimum_changed_mid_week_keeps_its_days_and_shows_in_the_ladder() -> None:
    ladder = {1: [Rung(OLD, "half a page"), Rung(MONDAY + timedelta(days=3), "one page")]}
    history = make([READ], [e(1, 0, "minimum"), e(1, 5, "minimum")], ladders=ladder)
    row = summarize_week(history, MONDAY).habits[0]
    assert row.showed_up == 2
    assert row.ladder_text == "minimum changed once since March 2026"


def test_energy_and_notes_in_date_order() -> None:
    checkins = {MONDAY: CheckIn(MONDAY, "low", "go slow"),
                MONDAY + timedelta(days=2): CheckIn(MONDAY + timedelta(days=2), "high",
                                                    note="slept well")}
    history = make([READ, WALK], [e(2, 3, "full", note="park"), e(1, 1, "full", note="book")],
                   checkins=checkins)
    summary = summarize_week(history, MONDAY, Review(MONDAY, {"helped": "mornings"}))
    assert summary.energy[:3] == ("low", None, "high")
    assert [n.text for n in summary.notes] == ["go slow", "book", "slept well", "park"]
    assert summary.review.answers["helped"] == "mornings"


def test_ladder_summary_wording() -> None:
    assert ladder_summary([Rung(OLD, "x")]) == "same minimum since December 2025"
    two = [Rung(OLD, "a"), Rung(date(2026, 1, 5), "b"), Rung(date(2026, 2, 1), "c")]
    assert ladder_summary(two) == "minimum changed twice since January 2026"


def test_growth_has_twelve_weeks_and_none_before_the_habit_existed() -> None:
    young = Habit(7, "Young", "x", created=MONDAY - timedelta(days=7))
    row = summarize_week(make([young], [e(7, 0, "full")]), MONDAY).habits[0]
    assert len(row.growth) == 12
    assert row.growth[:10] == (None,) * 10
    assert row.growth[-1] == 1 / 7


# A week in progress is never held against anyone ------------------------------------
def daily_wins(hid: int, first: date, last: date) -> list[Entry]:
    return [Entry(hid, first + timedelta(days=i), "full")
            for i in range((last - first).days + 1)]


def test_a_week_in_progress_counts_no_future_day_as_missed() -> None:
    """Won every day from Thursday to Wednesday, seen on Wednesday: seven wins and
    nothing missed (0.293 = 1 − m⁷), the week so far full, and "vs last" on the same
    days (Monday to Wednesday)."""
    wednesday = MONDAY + timedelta(days=2)
    habit = Habit(1, "Read", "one page", direction="mind", created=MONDAY - timedelta(days=4))
    history = make([habit], daily_wins(1, MONDAY - timedelta(days=4), wednesday))
    summary = summarize_week(history, MONDAY, today=wednesday)
    row = summary.habits[0]
    assert summary.in_progress and summary.through == wednesday
    assert abs(row.consistency - (1 - 0.5 ** 0.5)) < 1e-9
    assert row.growth[-1] == 1.0
    assert row.showed_up == 3 and row.previous_showed_up == 0  # Mon–Wed of last week
    assert row.kinds[3:] == ("not yet",) * 4


def test_today_before_its_win_is_not_a_miss_and_not_compared() -> None:
    wednesday = MONDAY + timedelta(days=2)
    history = make([READ], daily_wins(1, MONDAY - timedelta(days=7), MONDAY + timedelta(days=1)))
    row = summarize_week(history, MONDAY, today=wednesday).habits[0]
    assert row.growth[-1] == 1.0  # Monday and Tuesday of 2 slots; today is not a slot yet
    assert (row.showed_up, row.previous_showed_up) == (2, 2)
    assert row.kinds[2] == "not yet"
    over = summarize_week(history, MONDAY).habits[0]  # the same week, once over
    assert over.growth[-1] == 2 / 7 and over.previous_showed_up == 7


def test_a_sunday_week_on_sunday_morning_is_not_minus_anything() -> None:
    """Weeks starting on Sunday, viewed on Sunday morning: nothing to compare yet."""
    sunday = MONDAY + timedelta(days=6)
    history = make([READ, WALK], daily_wins(1, sunday - timedelta(days=14),
                                            sunday - timedelta(days=1))
                   + daily_wins(2, sunday - timedelta(days=14), sunday - timedelta(days=1)))
    summary = summarize_week(history, sunday, first_weekday=6, today=sunday)
    assert [r.showed_up - r.previous_showed_up for r in summary.habits] == [0, 0]
    assert all(r.growth[-1] is None for r in summary.habits)


def test_per_week_habits_in_progress_ask_only_their_share() -> None:
    thrice = Habit(3, "Gym", "warm up", schedule=Schedule.times_per_week(3), created=OLD)
    history = make([thrice], [e(3, 0, "full")])
    row = summarize_week(history, MONDAY, today=MONDAY + timedelta(days=1)).habits[0]
    assert row.growth[-1] == 1.0  # one win, the share of one day gone by is at most one


# The ladder: from the start of history, and as it was -----------------------------
def test_backfilled_history_gets_raise_and_stretch() -> None:
    """Created today, nine weeks backfilled: the first rung is in force from the first
    entry, so the minimum has been the same all along."""
    today = MONDAY + timedelta(days=7)
    habit = Habit(1, "Read", "one page", direction="mind", created=today)
    history = make([habit], daily_wins(1, MONDAY - timedelta(days=56),
                                       MONDAY + timedelta(days=6)),
                   ladders={1: [Rung(today, "one page")]})
    summary = summarize_week(history, MONDAY, today=today)
    kinds = {s.kind for s in summary.suggestions}
    assert {"raise", "stretch"} <= kinds
    assert summary.habits[0].ladder_text == "same minimum since January 2026"
    assert summary.habits[0].ladder[0].since == MONDAY - timedelta(days=56)


def test_a_past_week_shows_the_ladder_as_it_was_then() -> None:
    later = MONDAY + timedelta(days=20)
    ladder = {1: [Rung(OLD, "one page"), Rung(later, "two pages")]}
    history = make([READ], [e(1, 0, "full")], ladders=ladder)
    row = summarize_week(history, MONDAY, today=later).habits[0]
    assert row.ladder_text == "same minimum since December 2025"
    assert [r.text for r in row.ladder] == ["one page"]
    now = summarize_week(history, MONDAY + timedelta(days=21), today=later).habits[0]
    assert [r.text for r in now.ladder] == ["one page", "two pages"]


def test_grid_marks_tell_nothing_apart_from_not_planned_and_not_yet() -> None:
    mwf = Habit(8, "Swim", "get wet", schedule=Schedule.on_weekdays({0, 2, 4}), created=OLD)
    history = make([mwf], [e(8, 0, None, 15), e(8, 4, "full")])
    row = summarize_week(history, MONDAY, today=MONDAY + timedelta(days=5)).habits[0]
    assert row.kinds == ("amount", "unplanned", "nothing", "unplanned", "full", "not yet",
                         "not yet")


def test_a_flu_week_counts_rested_days_out_of_the_showed_up_days() -> None:
    # Tuesday and Wednesday rested for both habits, Sunday evening with a win
    rests = [e(h, d, "rest") for h in (1, 2) for d in (1, 2)]
    wins = [e(1, 0, "full"), e(2, 3, "minimum"), e(1, 6, "full")]
    summary = summarize_week(make([READ, WALK], rests + wins), MONDAY,
                             today=MONDAY + timedelta(days=6))
    assert (summary.showed_up_days, summary.counted_days, summary.resting_days) == (3, 5, 2)


def test_a_day_rested_by_one_habit_only_still_counts() -> None:
    summary = summarize_week(make([READ, WALK], [e(1, 1, "rest")]), MONDAY)
    assert (summary.counted_days, summary.resting_days) == (7, 0)


def test_today_counts_only_once_it_is_won() -> None:
    history = make([READ], [])
    assert summarize_week(history, MONDAY, today=MONDAY).counted_days == 0
    won = make([READ], [e(1, 0, "minimum")])
    summary = summarize_week(won, MONDAY, today=MONDAY)
    assert (summary.showed_up_days, summary.counted_days) == (1, 1)


def test_days_before_the_history_are_out_of_the_count() -> None:
    wednesday = Habit(7, "New", "x", created=MONDAY + timedelta(days=2))
    history = make([wednesday], [e(7, 2, "full"), e(7, 3, "full"), e(7, 4, "full"),
                                 e(7, 5, "full")])
    summary = summarize_week(history, MONDAY, today=MONDAY + timedelta(days=5))
    assert (summary.showed_up_days, summary.counted_days) == (4, 4)


def test_a_step_done_before_any_habit_still_shows_up() -> None:
    late = Habit(8, "Late", "x", created=MONDAY + timedelta(days=4))
    steps = [Step(1, MONDAY, "call", done=True)]
    summary = summarize_week(make([late], [], steps=steps), MONDAY)
    assert (summary.showed_up_days, summary.counted_days) == (1, 4)
