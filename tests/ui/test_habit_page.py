"""The habit page: opened from Today, the review and the palette; the calendar's cursor,
the same keys as Today on the cursor's day, years, charts, other processes' writes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input
from textual_plotext import PlotextPlot

from tests.conftest import TODAY
from tests.ui.helpers import notices, screen_text
from tracker.domain.days import week_start
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.screens.habit_page import HabitPageScreen
from tracker.ui.screens.week import WeekScreen
from tracker.ui.widgets.row_ids import HabitRow
from tracker.ui.widgets.week_view import WeekView
from tracker.ui.widgets.year_calendar import YearCalendar

QUIET = Config(checkin_on_start=False)


def read_habit(store: Store, name: str = "Read") -> int:
    habit = store.habits.add(name, "one page", full="20 pages", unit="pages",
                             created=TODAY - timedelta(days=400))
    for n in range(1, 300, 2):
        store.days.record(habit.id, TODAY - timedelta(days=n), "full", amount=5)
    store.days.record(habit.id, TODAY - timedelta(days=3), "minimum", note="tired [b]x[/b]")
    return habit.id


async def wait_for_charts(pilot: Pilot[Any]) -> None:
    for _ in range(200):
        await pilot.pause(0.02)
        if pilot.app.screen.query("#page-chart-set"):
            await pilot.pause(0.05)
            return
    raise AssertionError("the charts never came")


def page_of(pilot: Pilot[Any]) -> HabitPageScreen:
    screen = pilot.app.screen
    assert isinstance(screen, HabitPageScreen)
    return screen


async def test_enter_on_a_habit_opens_its_page_on_the_day_shown(store: Store, make) -> None:
    read_habit(store, "[bold]Read[/]")
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("left", "enter")  # yesterday on Today, then its page
        page = page_of(pilot)
        calendar = page.query_one(YearCalendar)
        assert calendar.cursor == TODAY - timedelta(days=1) and calendar.has_focus
        text = screen_text(pilot.app)
        assert "[bold]Read[/] · every day" in text  # the name literally, never markup
        assert f"{TODAY - timedelta(days=1):%a %d %b %Y}: ● full · 5 pages" in text
        assert "Consistency " in text and "●" in text
        assert page.query_one("#page-body").scroll_y == 0  # the header is in view
        await wait_for_charts(pilot)
        assert len(page.query(PlotextPlot)) == 3
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HabitPageScreen)


async def test_the_keys_of_today_work_on_the_cursors_day(store: Store, make) -> None:
    habit_id = read_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "left", "up")  # a week back, a day earlier
        day = TODAY - timedelta(days=8)
        assert page_of(pilot).cursor == day
        assert store.days.entry(habit_id, day) is None
        await pilot.press("f")
        entry = store.days.entry(habit_id, day)
        assert entry is not None and entry.status == "full"
        assert f"{day:%a %d %b %Y}: ● full" in screen_text(pilot.app)
        await pilot.press("r")
        assert store.days.entry(habit_id, day).status == "rest"  # type: ignore[union-attr]
        await pilot.press("u")  # undo, as anywhere
        assert store.days.entry(habit_id, day).status == "full"  # type: ignore[union-attr]
        await pilot.press("space")  # marked: space undoes
        assert store.days.entry(habit_id, day) is None
        await pilot.press("space")  # nothing: done at the day's planned level
        assert store.days.entry(habit_id, day).status == "full"  # type: ignore[union-attr]
        await pilot.press("n")
        await pilot.pause()
        inputs = list(pilot.app.screen.query(Input))
        inputs[0].value = "12"
        await pilot.press("enter")
        await pilot.pause()
        assert store.days.entry(habit_id, day).amount == 12  # type: ignore[union-attr]
        await pilot.press("s")  # no stretch version: refused with the way to add one
        assert "has no stretch version" in notices(pilot.app)
        assert store.days.entry(habit_id, day).status == "full"  # type: ignore[union-attr]


async def test_days_to_come_and_years(store: Store, make) -> None:
    habit_id = read_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "down")  # tomorrow: shown, not markable
        page = page_of(pilot)
        assert page.cursor == TODAY + timedelta(days=1)
        await pilot.press("f")
        assert store.days.entry(habit_id, TODAY + timedelta(days=1)) is None
        assert "has not happened yet" in notices(pilot.app)
        await pilot.press("right")  # beyond this week: refused
        assert page.cursor == TODAY + timedelta(days=1)
        first = page.page.first_day  # type: ignore[union-attr]
        await pilot.press("left_square_bracket")
        assert page.cursor == TODAY + timedelta(days=1) - timedelta(weeks=52)
        assert page.page.first_day == first - timedelta(weeks=52)  # type: ignore[union-attr]
        assert f"{page.cursor:%a %d %b %Y}" in screen_text(pilot.app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert page.page.last_day == week_start(TODAY) + timedelta(days=6)  # type: ignore
        assert "latest year" in notices(pilot.app)
        await pilot.press("t")
        assert page.cursor == TODAY


async def test_moving_left_past_the_year_shows_the_year_before(store: Store, make) -> None:
    read_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        page = page_of(pilot)
        first = page.page.first_day  # type: ignore[union-attr]
        weeks_back = (TODAY - first).days // 7 + 1
        for _ in range(weeks_back):
            await pilot.press("left")
        assert page.cursor < first
        assert page.page.first_day <= page.cursor <= page.page.last_day  # type: ignore


async def test_from_the_reviews_grid_and_back(store: Store, make) -> None:
    read_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        await pilot.press("w", "left")
        view = pilot.app.screen.query_one(WeekView)
        view.select_id(HabitRow(store.habits.find("Read").id))
        await pilot.press("enter")
        page = page_of(pilot)
        last_week_sunday = week_start(TODAY) - timedelta(days=1)
        assert page.cursor == last_week_sunday
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, WeekScreen)


async def test_the_palette_lists_every_habits_page(store: Store, make) -> None:
    read_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert "Habit page: Read" in titles


async def test_a_write_elsewhere_shows_on_the_page(store: Store, make, db_path) -> None:
    habit_id = read_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "left")
        day = TODAY - timedelta(days=7)
        other = Store(db_path)
        other.days.record(habit_id, day, "full")
        other.close()
        pilot.app.check_clock()
        await pilot.pause()
        assert f"{day:%a %d %b %Y}: ● full" in screen_text(pilot.app)


async def test_a_small_terminal_shows_the_weeks_around_the_cursor(store: Store,
                                                                  make) -> None:
    read_habit(store)
    async with make(store, config=QUIET).run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        calendar = page_of(pilot).query_one(YearCalendar)
        assert calendar.weeks_shown < 53
        assert f"{TODAY:%a %d %b %Y}" in screen_text(pilot.app)
        for _ in range(45):
            await pilot.press("left")
        text = screen_text(pilot.app)
        assert f"{calendar.cursor:%b}" in text and f"{calendar.cursor:%a %d %b %Y}" in text


async def test_a_habit_deleted_elsewhere_closes_its_page(store: Store, make, db_path) -> None:
    habit_id = read_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        other = Store(db_path)
        other.habits.delete(other.habits.get(habit_id))
        other.close()
        pilot.app.check_clock()
        await pilot.pause()
        assert not isinstance(pilot.app.screen, HabitPageScreen)
        assert "Read was deleted elsewhere" in notices(pilot.app)


def test_dates_are_pinned() -> None:
    assert TODAY == date(2026, 3, 12)


async def test_hostile_text_on_the_page_and_its_charts(store: Store, make) -> None:
    """Markup and escape sequences in a name, a unit and a note are shown, never
    obeyed; a note of nearly 10,000 characters keeps the cursor's day on one line."""
    habit = store.habits.add("[red]X\x1b[2J", "one", full="two", unit="p[/]\x1b[31m",
                             created=TODAY - timedelta(days=30))
    store.days.record(habit.id, TODAY - timedelta(days=1), "full", amount=3,
                      note="\x1b]0;pwned\x07[bold]" + "n" * 9_900)
    async with make(store, config=QUIET).run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "up")
        await wait_for_charts(pilot)
        text = screen_text(pilot.app)
        assert "\x1b" not in text and "[red]X" in text
        assert "p[/]" in text  # the unit, in the chart's title and the header
        day_line = [line for line in text.splitlines()
                    if f"{TODAY - timedelta(days=1):%a %d %b %Y}:" in line]
        assert len(day_line) == 1 and "…" in day_line[0]


async def test_a_click_on_a_day_moves_the_cursor_there(store: Store, make) -> None:
    read_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        calendar = page_of(pilot).query_one(YearCalendar)
        await pilot.click(YearCalendar, offset=(4, 1))  # first week shown, first row
        first = calendar.page.days[7 * calendar._first_week].day  # type: ignore[union-attr]
        assert page_of(pilot).cursor == first


async def test_the_page_keys_move_a_year_and_never_scroll(store: Store, make) -> None:
    read_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("enter")
        page = page_of(pilot)
        body = page.query_one("#page-body")
        first = page.page.first_day  # type: ignore[union-attr]
        await pilot.press("pageup")
        assert page.page.first_day == first - timedelta(days=364)  # type: ignore[union-attr]
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        assert page.page.first_day == first and body.scroll_y == 0  # type: ignore[union-attr]


async def test_home_never_lands_before_the_history(store: Store, make) -> None:
    start = TODAY - timedelta(days=1)  # TODAY is a Thursday: the history starts on Wednesday
    habit = store.habits.add("Walk", "outside", created=start)
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("enter")
        calendar = page_of(pilot).query_one(YearCalendar)
        await pilot.press("home")
        assert calendar.cursor == start
        await pilot.press("m")
        assert store.days.entry(habit.id, start - timedelta(days=1)) is None
        assert store.days.entry(habit.id, start) is not None


async def test_tab_goes_to_the_lower_half_and_the_page_says_so(store: Store, make) -> None:
    read_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("enter")
        page = page_of(pilot)
        assert "tab: which days work, notes" in screen_text(pilot.app)
        body = page.query_one("#page-body")
        await pilot.press("tab")
        await pilot.pause()
        assert body.scroll_y > 0 and "Which days work" in screen_text(pilot.app)
        await pilot.press("m")  # the keys still act on the cursor's day
        assert store.days.entry(page.habit_id, TODAY) is not None
        await pilot.press("tab")
        await pilot.pause()
        assert body.scroll_y == 0
