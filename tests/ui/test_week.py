"""The weekly review screen: navigation, suggestions, reflections."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Input

from tests.conftest import TODAY
from tests.ui.helpers import notices, screen_text
from tracker.domain.week import summarize_week
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.screens.dialogs import TextPromptScreen
from tracker.ui.screens.week import WeekScreen
from tracker.ui.widgets.row_ids import PromptRow, SuggestionRow
from tracker.ui.widgets.week_view import WeekView
from tracker.views.week_report import week_json

QUIET = Config(checkin_on_start=False)
MONDAY = date(2026, 3, 9)


def steady_habit(store: Store) -> int:
    """Three weeks of daily wins before this week: the raise rule fires."""
    habit = store.habits.add("Read", "one page", full="20 pages", unit="pages",
                             direction="mind", created=MONDAY - timedelta(days=60))
    for offset in range(1, 22):
        store.days.record(habit.id, MONDAY + timedelta(days=7) - timedelta(days=offset),
                          "full", amount=10)
    return habit.id


async def test_w_opens_the_week_of_the_day_shown_and_arrows_move(store: Store, make) -> None:
    steady_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        await pilot.press("w")
        assert isinstance(pilot.app.screen, WeekScreen)
        text = screen_text(pilot.app)
        assert "Week of Mon 09 Mar 2026" in text and "70 pages" in text
        await pilot.press("left")
        assert "Week of Mon 02 Mar 2026" in screen_text(pilot.app)
        await pilot.press("right", "right")
        assert "Week of Mon 16 Mar 2026" in screen_text(pilot.app)
        await pilot.press("escape", "left", "left", "left", "left", "left", "left", "left", "w")
        assert "Week of Mon 02 Mar 2026" in screen_text(pilot.app)


async def test_the_screen_and_the_command_agree(sample_store: Store, make) -> None:
    async with make(sample_store, config=QUIET).run_test(size=(120, 60)) as pilot:
        await pilot.press("w")
        text = screen_text(pilot.app)
    summary = week_json(summarize_week(sample_store.history_for_week(MONDAY), MONDAY))
    for habit in summary["habits"]:
        assert habit["name"] in text
    for suggestion in summary["suggestions"]:
        assert suggestion["text"][:40] in text


async def test_accepting_raise_asks_for_the_new_minimum(store: Store, make) -> None:
    habit_id = steady_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        await pilot.press("w")
        assert "raise" in screen_text(pilot.app)
        await pilot.press("y")
        assert isinstance(pilot.app.screen, TextPromptScreen)
        pilot.app.screen.query_one(Input).value = "two pages"
        await pilot.press("enter")
        await pilot.pause()
        assert "accepted" in screen_text(pilot.app) and "two pages" in screen_text(pilot.app)
    assert [r.text for r in store.habits.ladder(habit_id)] == ["one page", "two pages"]
    review = store.reviews.get(MONDAY)
    assert review is not None
    assert [(d.kind, d.accepted, d.new_minimum) for d in review.decisions] == [
        ("raise", True, "two pages")]


async def test_declining_is_saved_and_cancelling_changes_nothing(store: Store, make) -> None:
    habit_id = steady_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        await pilot.press("w", "y", "escape")
        assert store.reviews.get(MONDAY) is None
        assert len(store.habits.ladder(habit_id)) == 1
        await pilot.press("n")
        await pilot.pause()
        assert "declined" in screen_text(pilot.app)
    review = store.reviews.get(MONDAY)
    assert review is not None and [(d.kind, d.accepted) for d in review.decisions] == [
        ("raise", False)]


async def test_reflections_are_written_saved_and_shown_again(store: Store, make) -> None:
    steady_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        await pilot.press("w")
        view = pilot.app.screen.query_one(WeekView)
        assert isinstance(view.selected_id, SuggestionRow)
        for _ in range(10):  # down from the suggestions to the second prompt
            if view.selected_id == PromptRow("helped"):
                break
            await pilot.press("down")
        assert view.selected_id == PromptRow("helped")
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, TextPromptScreen)
        await pilot.press(*"mornings, and [b]tea[/b]", "enter")
        await pilot.pause()
        assert "mornings, and [b]tea[/b]" in screen_text(pilot.app)
    review = store.reviews.get(MONDAY)
    assert review is not None and review.answers["helped"] == "mornings, and [b]tea[/b]"
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        await pilot.press("w")
        assert "mornings, and [b]tea[/b]" in screen_text(pilot.app)
        await pilot.press("left")
        assert "mornings" not in screen_text(pilot.app)


async def test_enter_on_a_suggestion_explains_the_keys(store: Store, make) -> None:
    steady_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        await pilot.press("w", "enter")
        await pilot.pause()
        assert "y accepts" in notices(pilot.app)
        assert store.reviews.get(MONDAY) is None


async def test_an_empty_week(store: Store, make) -> None:
    async with make(store, config=QUIET).run_test(size=(100, 40)) as pilot:
        await pilot.press("w")
        text = screen_text(pilot.app)
        assert "No habits in this week" in text and "No suggestions this week" in text
    assert TODAY.weekday() == 3


async def test_a_long_review_scrolls_and_says_which_lines_are_shown(sample_store: Store,
                                                                    make) -> None:
    """A long review has a scrollbar and a line under it telling where the view is;
    keys and the mouse wheel scroll it."""
    from textual import events

    async with make(sample_store, config=QUIET).run_test(size=(100, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        view = pilot.app.screen.query_one(WeekView)
        total = len(view.rows)
        height = view.scrollable_content_region.height
        assert total > height
        assert view.show_vertical_scrollbar
        assert f"↓ lines 1–{height} of {total}" in screen_text(pilot.app)
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert f"↑ lines {total - height + 1}–{total} of {total}" in text
        assert "What got in the way?" in text
        view.post_message(events.MouseScrollUp(view, 5, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        first, last, _ = view.position()
        assert first < total - height + 1
        assert f"↑↓ lines {first}–{last} of {total}" in screen_text(pilot.app)
        await pilot.press("home")
        await pilot.pause()
        assert f"↓ lines 1–{height} of {total}" in screen_text(pilot.app)


async def test_a_raise_with_the_same_text_is_not_a_raise(store: Store, make) -> None:
    habit_id = steady_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 50), notifications=True) as pilot:
        await pilot.press("w", "y")
        assert isinstance(pilot.app.screen, TextPromptScreen)
        await pilot.press("enter")  # the suggested text, unchanged
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextPromptScreen)  # asked again
        assert "minimum you have now" in " ".join(n.message for n in pilot.app._notifications)
        await pilot.press("escape", "n")
        await pilot.pause()
    assert len(store.habits.ladder(habit_id)) == 1
    review = store.reviews.get(MONDAY)
    assert review is not None and [(d.kind, d.accepted) for d in review.decisions] == [
        ("raise", False)]


async def test_the_week_in_progress_says_so_and_compares_the_same_days(store: Store,
                                                                      make) -> None:
    steady_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        await pilot.press("w")
        text = screen_text(pilot.app)
        assert "(in progress)" in text and "vs Mon–Thu" in text


async def test_the_selection_shows_without_colour(store: Store, make) -> None:
    steady_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        await pilot.press("w")
        lines = screen_text(pilot.app).splitlines()
        marked = [line for line in lines if line.lstrip().startswith("▸ ")]
        assert len(marked) == 1 and "raise" in marked[0]
        await pilot.press("down")
        marked = [line for line in screen_text(pilot.app).splitlines()
                  if line.lstrip().startswith("▸ ")]
        assert len(marked) == 1 and "raise" not in marked[0]


async def test_the_review_computed_ahead_is_shown_without_laying_out_the_hidden_screen(
        store: Store, make) -> None:
    """A change on Today is reviewed ahead in the worker (rows and all); the hidden review
    keeps what it showed until ``w``, which shows the rows the worker made."""
    steady_habit(store)
    async with make(store, config=QUIET).run_test(size=(120, 50)) as pilot:
        app = pilot.app
        await pilot.press("w")
        view = app.screen.query_one(WeekView)
        rows_before = view.rows
        await pilot.press("escape", "space")  # Read done today, on Today
        for _ in range(100):
            await pilot.pause(0.02)
            if app.week_is_ready():
                break
        assert app.week_is_ready()
        assert view.rows is rows_before  # the hidden screen was not touched
        assert app.session.computed_week is not None
        prepared = app.session.computed_week[1]
        assert prepared.rows and prepared.width == view.content_width
        await pilot.press("w")
        assert view.review is prepared and view.rows == list(prepared.rows)
        assert [r.text.plain for r in rows_before] != [r.text.plain for r in view.rows]
