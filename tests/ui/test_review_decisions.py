"""Deciding on the review's suggestions the moment it opens (``w`` then ``y`` or ``n``
with no pause between): in the demo data and in a week in progress, nothing crashes,
the suggestion on screen is the one decided (its decision, its new rung), and ``u``
takes the decision back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import TODAY
from tests.ui.helpers import notices
from tracker.domain.days import week_start
from tracker.domain.sample import sample_document
from tracker.files.config import Config
from tracker.io.json_format import import_document
from tracker.store import Store
from tracker.ui.screens.dialogs import TextPromptScreen
from tracker.ui.screens.week import WeekScreen
from tracker.ui.widgets.row_ids import SuggestionRow
from tracker.ui.widgets.week_view import review_suggestions

QUIET = Config(checkin_on_start=False)
THIS_WEEK = week_start(TODAY)


def review_text(pilot: Pilot[None]) -> str:
    """What the review's list holds (the notifications aside)."""
    screen = pilot.app.screen
    assert isinstance(screen, WeekScreen)
    return "\n".join(row.text.plain for row in screen.view.rows)


def first_suggestion(store: Store) -> SuggestionRow:
    """The suggestion the review highlights when it opens on this week (in progress)."""
    summary = store.week_summary(THIS_WEEK, 0, TODAY)
    assert summary.in_progress
    suggestions = review_suggestions(summary)
    assert suggestions, "this week must have a suggestion to decide on"
    return SuggestionRow.of(suggestions[0][0])


def steady_week_in_progress(store: Store) -> None:
    """Three full weeks before this one: a raise for Read; Walk has no direction."""
    read = store.habits.add("Read", "one page", full="20 pages",
                            created=TODAY - timedelta(days=60))
    store.habits.add("Walk", "to the corner", created=TODAY - timedelta(days=60))
    for offset in range(1, 22):
        store.days.record(read.id, THIS_WEEK - timedelta(days=offset), "full")


@pytest.mark.parametrize("data", ["demo", "own"])
@pytest.mark.parametrize("key", ["y", "n"])
async def test_y_or_n_right_after_w_decides_the_suggestion_shown(
        data: str, key: str, store: Store, make) -> None:
    target = store
    if data == "demo":
        import_document(store, sample_document(TODAY), source="sample")
    else:
        steady_week_in_progress(store)
    shown = first_suggestion(target)
    habit = target.habits.find(shown.habit)
    ladder = target.habits.ladder(habit.id)
    async with make(target, config=QUIET).run_test(size=(120, 50),
                                                   notifications=True) as pilot:
        await pilot.press("w", key)  # no pause: the key comes with the review
        if key == "y" and shown.suggestion.changes_minimum | (shown.kind == "direction"):
            assert isinstance(pilot.app.screen, TextPromptScreen)
            pilot.app.screen.query_one(Input).value = "something new"
            await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WeekScreen)
        assert pilot.app.screen.view.selected_id == shown
        review = target.reviews.get(THIS_WEEK)
        assert review is not None
        [decision] = review.decisions
        assert (decision.habit, decision.kind, decision.accepted) == (
            shown.habit, shown.kind, key == "y")
        assert ("accepted" if key == "y" else "declined") in review_text(pilot)
        after = target.habits.get(habit.id)
        if key == "y" and shown.suggestion.changes_minimum:
            assert after.minimum == "something new" == decision.new_minimum
            assert [r.text for r in target.habits.ladder(habit.id)] == [
                *(r.text for r in ladder), "something new"]
        elif key == "y" and shown.kind == "direction":
            assert after.direction == "something new"
        else:
            assert after == habit
        await pilot.press("u")
        await pilot.pause()
        assert "Undone:" in notices(pilot.app)
        assert target.reviews.get(THIS_WEEK) is None
        assert target.habits.get(habit.id) == habit
        assert target.habits.ladder(habit.id) == ladder
        assert "accepted" not in review_text(pilot)
        assert "declined" not in review_text(pilot)


async def test_a_habit_changed_elsewhere_is_not_decided_over(store: Store, make,
                                                             db_path) -> None:
    """The raise was offered for the minimum on screen; another window changed it
    meanwhile: nothing is written, and the review says so."""
    steady_week_in_progress(store)
    async with make(store, config=QUIET).run_test(size=(120, 50),
                                                  notifications=True) as pilot:
        await pilot.press("w", "y")
        assert isinstance(pilot.app.screen, TextPromptScreen)
        other = Store(db_path)
        other.habits.update(other.habits.find("Read"), TODAY, minimum="two pages, elsewhere")
        other.close()
        pilot.app.screen.query_one(Input).value = "three pages"
        await pilot.press("enter")
        await pilot.pause()
        assert "changed elsewhere" in notices(pilot.app)
    assert store.reviews.get(THIS_WEEK) is None
    assert store.habits.find("Read").minimum == "two pages, elsewhere"
