"""The habit page's numbers: pure functions over one habit's history (no UI, no store),
then the one store call that reads it."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.domain.habit_page import (
    PAGE_WEEKS,
    HabitRecord,
    habit_page,
    page_span,
    record_span,
)
from tracker.domain.models import Decision, Entry, Habit, Review, Rung, Schedule, Status
from tracker.domain.week import History, summarize_week
from tracker.store import Store
from tracker.views.habit_report import habit_json, weekday_lines
from tracker.views.week_report import comebacks_text

TODAY = date(2026, 11, 26)  # a Thursday
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def record(habit: Habit, days: dict[date, Status | None], notes: dict[date, str] | None = None,
           ladder: list[Rung] | None = None, decided: dict[str, str] | None = None
           ) -> HabitRecord:
    notes = notes or {}
    entries = {d: Entry(habit.id, d, s, None, notes.get(d, "")) for d, s in days.items()}
    entries.update({d: Entry(habit.id, d, None, None, n) for d, n in notes.items()
                    if d not in days})
    first = {habit.id: min(entries)} if entries else {}
    history = History([habit], {habit.id: dict(entries)}, {habit.id: ladder or []}, first)
    return HabitRecord(habit, history, decided or {})


def daily(created: date = TODAY - timedelta(days=100), **kwargs: object) -> Habit:
    return Habit(1, "Read", "one page", created=created, **kwargs)  # type: ignore[arg-type]


def test_a_year_as_a_calendar_with_the_reviews_marks() -> None:
    wins: dict[date, Status | None] = {TODAY - timedelta(days=n): "full" for n in (1, 2, 5)}
    wins[TODAY - timedelta(days=3)] = "rest"
    page = habit_page(record(daily(), wins), TODAY, TODAY)
    assert len(page.days) == 7 * PAGE_WEEKS
    assert page.first_day.weekday() == MON and page.last_day.weekday() == SUN
    assert page.first_day <= TODAY - timedelta(days=365) and page.last_day >= TODAY
    kind = {d.day: d.kind for d in page.days}
    assert kind[TODAY - timedelta(days=1)] == "full"
    assert kind[TODAY - timedelta(days=3)] == "rest"
    assert kind[TODAY - timedelta(days=4)] == "nothing"  # planned, gone by, nothing
    assert kind[TODAY] == "not yet" and kind[TODAY + timedelta(days=1)] == "not yet"
    assert kind[TODAY - timedelta(days=200)] == "unplanned"  # before the history
    assert page.day(TODAY - timedelta(days=1)) is not None
    assert page.day(page.last_day + timedelta(days=1)) is None


def test_a_win_today_counts_and_the_consistency_is_the_reviews() -> None:
    days: dict[date, Status | None] = {TODAY - timedelta(days=n): "minimum"
                                       for n in range(0, 60, 2)}
    rec = record(daily(), days)
    page = habit_page(rec, TODAY, TODAY)
    assert page.day(TODAY).kind == "minimum"  # type: ignore[union-attr]
    monday = TODAY - timedelta(days=TODAY.weekday())
    summary = summarize_week(rec.history, monday, today=TODAY)
    assert page.consistency == summary.habits[0].consistency
    assert page.weeks[-1].wins == sum(1 for d in summary.habits[0].days if d)
    assert [w.consistency for w in page.weeks][-1] == page.consistency
    assert page.weeks[0].consistency is None  # before the history started


def test_which_days_work_counts_wins_against_the_days_planned() -> None:
    habit = daily(schedule=Schedule.on_weekdays({MON, WED, FRI}))
    days: dict[date, Status | None] = {
        d: "full" for n in range(1, 60) if (d := TODAY - timedelta(days=n)).weekday() in (MON, WED)}
    page = habit_page(record(habit, days), TODAY, TODAY)
    assert page.weekday_slots[TUE] == 0 and page.weekday_slots[SUN] == 0
    assert page.weekday_wins[FRI] == 0 and page.weekday_slots[FRI] > 0
    assert page.weekday_wins[MON] == sum(1 for d in days if d.weekday() == MON)
    assert page.weekday_wins[MON] <= page.weekday_slots[MON]


def test_comebacks_and_the_longest_run_are_told_as_resilience() -> None:
    habit = daily(created=TODAY - timedelta(days=40))
    start = TODAY - timedelta(days=40)
    days: dict[date, Status | None] = {}
    for n in range(10):  # ten wins, a rest in the middle does not break the run
        days[start + timedelta(days=n)] = "rest" if n == 5 else "full"
    # three days with nothing, then back: one comeback after 3 days, a run of 4
    for n in range(13, 17):
        days[start + timedelta(days=n)] = "minimum"
    page = habit_page(record(habit, days), TODAY, TODAY)
    assert (start + timedelta(days=13), 3) in page.comebacks
    run = page.longest_run
    assert run is not None and (run.count, run.unit) == (9, "wins")
    assert (run.first, run.last) == (start, start + timedelta(days=9))


def test_a_habit_without_fixed_days_runs_in_weeks() -> None:
    habit = daily(schedule=Schedule.times_per_week(2), created=TODAY - timedelta(days=90))
    monday = TODAY - timedelta(days=TODAY.weekday())
    days: dict[date, Status | None] = {}
    for week in range(1, 5):  # four whole weeks at the target, then one at one win
        days[monday - timedelta(days=7 * week)] = "full"
        days[monday - timedelta(days=7 * week - 2)] = "full"
    days[monday - timedelta(days=35)] = "full"
    page = habit_page(record(habit, days), TODAY, TODAY)
    assert page.comebacks == ()
    assert page.longest_run is not None
    assert (page.longest_run.count, page.longest_run.unit) == (4, "weeks")


def test_the_ladder_says_what_each_change_did() -> None:
    habit = daily(created=TODAY - timedelta(days=200))
    ladder = [Rung(TODAY - timedelta(days=200), "one page"),
              Rung(TODAY - timedelta(days=100), "two pages"),
              Rung(TODAY - timedelta(days=50), "a paragraph"),
              Rung(TODAY - timedelta(days=10), "a line")]
    page = habit_page(record(habit, {}, ladder=ladder,
                             decided={"two pages": "raise", "a line": "shrink"}), TODAY, TODAY)
    assert [c.change for c in page.ladder] == [
        "first minimum", "minimum raised", "minimum changed", "minimum made smaller"]
    older = habit_page(record(habit, {}, ladder=ladder), TODAY - timedelta(days=60), TODAY)
    assert [c.text for c in older.ladder] == ["one page", "two pages"]  # as it was then


def test_notes_of_the_year_newest_first() -> None:
    notes = {TODAY - timedelta(days=2): "second", TODAY - timedelta(days=9): "first",
             TODAY - timedelta(days=500): "last year"}
    page = habit_page(record(daily(created=TODAY - timedelta(days=600)), {}, notes),
                      TODAY, TODAY)
    assert [n for _d, n in page.notes] == ["second", "first"]


def test_sunday_start_weeks() -> None:
    first, last = page_span(TODAY, first_weekday=6)
    assert first.weekday() == SUN and last.weekday() == SAT
    assert (last - first).days == 7 * PAGE_WEEKS - 1 and first <= TODAY <= last
    page = habit_page(record(daily(), {}), TODAY, TODAY, first_weekday=6)
    assert page.first_day == first


def test_one_store_call_reads_the_whole_history(store: Store) -> None:
    habit = store.habits.add("Read", "one page", full="20 pages", created=date(2016, 1, 4))
    store.days.record(habit.id, date(2016, 1, 4), "full", amount=3)
    store.days.record(habit.id, TODAY - timedelta(days=1), "minimum", note="tired")
    store.habits.update(habit, TODAY - timedelta(days=30), minimum="two pages")
    store.reviews.decide(TODAY - timedelta(days=33),
                         Decision("Read", "raise", True, "two pages"))
    store.reviews.save(Review(TODAY - timedelta(days=40)))
    rec = store.habit_record(habit.id, *record_span(TODAY, TODAY))
    assert rec.history.start(rec.habit) == date(2016, 1, 4)  # though not read: too old
    assert len(rec.history.entries_of(rec.habit)) == 1
    page = habit_page(rec, TODAY, TODAY)
    assert [c.change for c in page.ladder] == ["first minimum", "minimum raised"]
    assert page.notes == ((TODAY - timedelta(days=1), "tired"),)
    old_year = date(2016, 3, 1)
    old = habit_page(store.habit_record(habit.id, *record_span(old_year, TODAY)), old_year,
                     TODAY)
    assert old.day(date(2016, 1, 4)).amount == 3  # type: ignore[union-attr]


def test_what_is_read_for_a_page_is_all_it_needs(store: Store) -> None:
    """A page computed from the days ``record_span`` reads equals the page computed from
    the whole history, for this year, an older one and one with today far after it."""
    habit = store.habits.add("Run", "one lap", full="5 km", stretch="10 km",
                             created=TODAY - timedelta(days=1200),
                             schedule=Schedule.on_weekdays({MON, WED, SAT}))
    statuses: list[Status | None] = ["full", "minimum", None, "rest", "stretch", None, "full"]
    for n in range(1, 1200):
        status = statuses[(n * n) % 7]
        if status is not None:
            store.days.record(habit.id, TODAY - timedelta(days=n), status)
    whole = store.habit_record(habit.id, date(1900, 1, 1), date(2999, 12, 31))
    for last in (TODAY, TODAY - timedelta(days=400), TODAY - timedelta(days=1000)):
        for first_weekday in (0, 6):
            span = record_span(last, TODAY, first_weekday)
            read = store.habit_record(habit.id, *span)
            if last == TODAY:  # this year's page reads this year and half a year more
                assert len(read.history.entries_of(read.habit)) < len(
                    whole.history.entries_of(whole.habit)) / 2
            assert habit_page(read, last, TODAY, first_weekday) == habit_page(
                whole, last, TODAY, first_weekday)


def test_rest_is_neutral_in_which_days_work_and_in_comebacks() -> None:
    habit = daily(schedule=Schedule.on_weekdays({WED}), created=TODAY - timedelta(days=21))
    wednesdays = [d for n in range(1, 22) if (d := TODAY - timedelta(days=n)).weekday() == WED]
    days: dict[date, Status | None] = {wednesdays[0]: "full", wednesdays[1]: "full",
                                       wednesdays[2]: "rest"}
    page = habit_page(record(habit, days), TODAY, TODAY)
    assert (page.weekday_wins[WED], page.weekday_slots[WED], page.weekday_rests[WED]) == (
        2, 2, 1)
    text = " ".join(line.plain for line in weekday_lines(page))
    assert "2 of 2 planned · 1 resting" in text and "of 3 planned" not in text
    # nothing, rest, rest, nothing, then a win: back after 2 days, not 4
    start = TODAY - timedelta(days=10)
    gap: dict[date, Status | None] = {start: "full", start + timedelta(days=2): "rest",
                                      start + timedelta(days=3): "rest",
                                      start + timedelta(days=5): "full"}
    page = habit_page(record(daily(created=start), gap), TODAY, TODAY)
    assert (start + timedelta(days=5), 2) in page.comebacks


def test_a_daily_habit_begun_on_a_wednesday_has_no_monday_yet() -> None:
    wednesday = TODAY - timedelta(days=1)  # TODAY is a Thursday
    page = habit_page(record(daily(created=wednesday), {wednesday: "full"}), TODAY, TODAY)
    lines = {line.plain[:3]: line.plain for line in weekday_lines(page)}
    assert lines["Mon"].endswith("0 (no Mon yet)") and "not planned" not in lines["Mon"]
    assert lines["Wed"].endswith("1 of 1 planned")


def test_a_habit_without_fixed_days_plans_no_weekday() -> None:
    habit = daily(schedule=Schedule.times_per_week(3), created=TODAY - timedelta(days=30))
    days: dict[date, Status | None] = {TODAY - timedelta(days=3): "full"}
    page = habit_page(record(habit, days), TODAY, TODAY)
    text = [line.plain for line in weekday_lines(page)]
    assert not any("planned" in line for line in text)
    assert any(line.endswith(" 1 win") for line in text)
    assert all(w["planned"] is None for w in habit_json(page)["weekdays"])


def test_the_weeks_comebacks_say_each_length_once() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday() + 7)
    habit = daily(created=monday - timedelta(days=3))
    days: dict[date, Status | None] = {monday - timedelta(days=3): "full", monday: "full",
                                       monday + timedelta(days=2): "full",
                                       monday + timedelta(days=4): "full"}
    row = summarize_week(record(habit, days).history, monday).habits[0]
    assert row.comebacks == (2, 1, 1)
    assert comebacks_text(row) == "back after 2 days, back the next day twice"
