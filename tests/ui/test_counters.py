"""+ and - on Today and the habit page: the database and the screen afterwards, undo,
a habit that has nothing to count in, the form's Step field."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, Static

from tests.conftest import TODAY
from tests.ui.helpers import notices, screen_text
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.screens.habit_form import HabitFormScreen
from tracker.ui.screens.habit_page import HabitPageScreen
from tracker.ui.screens.help import HelpScreen

QUIET = Config(checkin_on_start=False)


def water(store: Store, **kwargs: object) -> int:
    fields: dict[str, object] = {"unit": "ml", "step": 250.0, "min_amount": 250.0,
                                 "full_amount": 2000.0}
    fields.update(kwargs)
    return store.habits.add("Water", "a glass", full="eight glasses",
                            created=TODAY - timedelta(days=30), **fields).id  # type: ignore[arg-type]


def amount_and_status(store: Store, habit_id: int, day=TODAY):
    entry = store.days.entry(habit_id, day)
    return None if entry is None else (entry.amount, entry.status)


async def test_plus_and_minus_count_in_steps_and_u_undoes(store: Store, make) -> None:
    habit_id = water(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("plus")
        assert amount_and_status(store, habit_id) == (250, "minimum")
        assert "◐" in screen_text(pilot.app) and "250 ml" in screen_text(pilot.app)
        for _ in range(7):
            await pilot.press("plus")
        assert amount_and_status(store, habit_id) == (2000, "full")
        assert "2000 ml" in screen_text(pilot.app) and "full: eight glasses" in screen_text(
            pilot.app)
        await pilot.press("minus")
        assert amount_and_status(store, habit_id) == (1750, "minimum")
        await pilot.press("u")
        assert amount_and_status(store, habit_id) == (2000, "full")
        assert "2000 ml" in screen_text(pilot.app)
        await pilot.press("equals_sign")  # + without shift on most keyboards
        assert amount_and_status(store, habit_id) == (2250, "full")


async def test_minus_stops_at_zero_and_a_rest_day_keeps_resting(store: Store, make) -> None:
    tea = store.habits.add("Tea", "a cup", unit="cups", created=TODAY - timedelta(days=3)).id
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("minus")
        assert amount_and_status(store, tea) == (0, None)
        await pilot.press("r", "plus", "plus")
        assert amount_and_status(store, tea) == (2, "rest")  # no numbers: the mark stays
        assert "rest day" in screen_text(pilot.app) and "2 cups" in screen_text(pilot.app)


async def test_a_habit_without_a_unit_says_how_to_count(store: Store, make) -> None:
    habit_id = store.habits.add("[b]Walk[/b]", "to the corner",
                                created=TODAY - timedelta(days=3)).id
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("plus")
        await pilot.pause()
        assert store.days.entry(habit_id, TODAY) is None
        assert "[b]Walk[/b] has no unit to count in" in notices(pilot.app)


async def test_a_count_on_a_day_to_come_is_refused(store: Store, make) -> None:
    habit_id = water(store)
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("right", "plus")
        await pilot.pause()
        assert store.days.entry(habit_id, TODAY + timedelta(days=1)) is None
        assert notices(pilot.app)


async def test_plus_works_on_the_habit_pages_day(store: Store, make) -> None:
    habit_id = water(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "up")  # the page, the cursor a day earlier
        assert isinstance(pilot.app.screen, HabitPageScreen)
        day = TODAY - timedelta(days=1)
        await pilot.press("plus", "plus")
        assert amount_and_status(store, habit_id, day) == (500, "minimum")
        assert f"{day:%a %d %b %Y}: ◐ minimum · 500 ml" in screen_text(pilot.app)
        await pilot.press("minus", "minus")
        assert amount_and_status(store, habit_id, day) == (0, None)
        await pilot.press("u")
        assert amount_and_status(store, habit_id, day) == (250, "minimum")


async def test_help_lists_the_counting_keys(store: Store, make) -> None:
    water(store)
    async with make(store, config=QUIET).run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        assert "add one (or the habit's step)" in screen_text(pilot.app)


async def test_the_form_sets_and_checks_the_step(store: Store, make) -> None:
    habit_id = water(store, step=None)
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        await pilot.press("h", "e")
        form = pilot.app.screen
        assert isinstance(form, HabitFormScreen)
        assert form.query_one("#field-step", Input).value == ""
        form.query_one("#field-step", Input).value = "0"
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is form
        error = form.query_one("#error-step", Static)
        assert error.has_class("shown") and "above 0" in str(error.render())
        assert store.habits.get(habit_id).step is None
        form.query_one("#field-step", Input).value = "250 ml"
        await pilot.press("enter")
        await pilot.pause()
        assert store.habits.get(habit_id).step == 250
        await pilot.press("e")
        assert pilot.app.screen.query_one("#field-step", Input).value == "250"
