"""p and P on Today: a pause until a day (the database and the screen), shown ahead,
its end moved, ended with nothing typed, undone; the habit page says a day is paused."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from tests.conftest import TODAY
from tests.ui.helpers import notices, screen_text
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.screens.dialogs import TextPromptScreen
from tracker.ui.screens.habit_page import HabitPageScreen

QUIET = Config(checkin_on_start=False)
START = TODAY - timedelta(days=30)


def two(store: Store) -> tuple[int, int]:
    return (store.habits.add("Read", "one page", created=START).id,
            store.habits.add("Walk", "to the door", created=START).id)


async def answer(pilot, text: str) -> None:
    assert isinstance(pilot.app.screen, TextPromptScreen)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_p_pauses_the_habit_until_a_day_and_nothing_typed_ends_it(
        store: Store, make) -> None:
    read, walk = two(store)
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("p")
        await answer(pilot, "+3 [b]ill[/b]")
        (pause,) = store.pauses.all()
        assert (pause.first, pause.last, pause.habit_id, pause.note) == (
            TODAY, TODAY + timedelta(days=2), read, "[b]ill[/b]")
        text = screen_text(pilot.app)
        assert f"paused: [b]ill[/b] · on pause until {TODAY + timedelta(days=2):%a %d %b}" in text
        assert "Showed up: 0 of 1 habits (1 resting)" in text
        await pilot.press("space")  # a win on a paused day is a win
        entry = store.days.entry(read, TODAY)
        assert entry is not None and entry.status == "minimum"
        await pilot.press("space", "p")
        await answer(pilot, "")  # nothing: the pause ends (it began today: called off)
        assert store.pauses.all() == []
        assert "called off" in notices(pilot.app)
        await pilot.press("u")
        assert len(store.pauses.all()) == 1
        assert store.days.entry(walk, TODAY) is None


async def test_shift_p_pauses_every_habit_and_a_pause_ahead_shows_ahead(
        store: Store, make) -> None:
    read, walk = two(store)
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("right", "right", "P")  # from the day after tomorrow
        await answer(pilot, "+2 holiday")
        (pause,) = store.pauses.all()
        assert pause.habit_id is None and pause.first == TODAY + timedelta(days=2)
        await pilot.press("t")  # back to today: the pause is ahead
        ahead = f"on pause {pause.first:%a %d} – {pause.last:%a %d %b}"
        assert screen_text(pilot.app).count(ahead) == 2
        await pilot.press("right", "right", "P")
        await answer(pilot, "+5")  # a new end for the pause in force
        assert store.pauses.all()[0].last == TODAY + timedelta(days=6)
        await pilot.press("P")
        await answer(pilot, "someday")
        assert "is not a day" in notices(pilot.app)
        assert store.pauses.all()[0].last == TODAY + timedelta(days=6)


async def test_the_habit_page_says_a_day_is_paused_and_marks_it(store: Store, make) -> None:
    read, _walk = two(store)
    store.pauses.add(TODAY - timedelta(days=3), TODAY - timedelta(days=1), read, "holiday")
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "up")
        assert isinstance(pilot.app.screen, HabitPageScreen)
        day = TODAY - timedelta(days=1)
        assert f"{day:%a %d %b %Y}: ~ rest · paused: holiday" in screen_text(pilot.app)
        await pilot.press("space")  # stored: nothing, so space marks it done
        entry = store.days.entry(read, day)
        assert entry is not None and entry.status == "minimum"
        assert f"{day:%a %d %b %Y}: ◐ minimum · paused: holiday" in screen_text(pilot.app)


async def test_p_before_a_pause_ahead_begins_it_on_the_day_shown(store: Store, make) -> None:
    read, _ = two(store)
    ahead = store.pauses.add(TODAY + timedelta(days=5), TODAY + timedelta(days=8), read, "sea")
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextPromptScreen)
        assert pilot.app.screen.title_text.endswith(f"from {TODAY:%a %d %b} until which day?")
        await answer(pilot, "+10")
        (pause,) = store.pauses.all()
        assert (pause.first, pause.last, pause.note) == (TODAY, TODAY + timedelta(days=9), "sea")
        assert "Showed up: 0 of 1 habits (1 resting)" in screen_text(pilot.app)
        await pilot.press("u")
        assert store.pauses.all() == [ahead]


async def test_days_before_a_pause_ahead_that_do_not_reach_it_make_their_own(
        store: Store, make) -> None:
    read, _ = two(store)
    ahead = store.pauses.add(TODAY + timedelta(days=5), TODAY + timedelta(days=8), read, "sea")
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await answer(pilot, "+2 a cold")  # ends two days before the holiday
        assert sorted((p.first, p.last, p.note) for p in store.pauses.all()) == [
            (TODAY, TODAY + timedelta(days=1), "a cold"), (ahead.first, ahead.last, "sea")]
