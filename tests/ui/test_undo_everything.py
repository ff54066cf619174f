"""Every key that writes, walked one by one: each changes the database, and ``u`` then
puts back exactly what was there (no per-screen wiring: the changes room remembers)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import TODAY
from tests.ui.helpers import notices
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.screens.dialogs import EvidenceScreen, TextPromptScreen
from tracker.ui.screens.habit_form import HabitFormScreen
from tracker.ui.screens.habit_page import HabitPageScreen
from tracker.ui.screens.habits import HabitsScreen
from tracker.ui.screens.week import WeekScreen
from tracker.ui.widgets.row_ids import PromptRow

QUIET = Config(checkin_on_start=False)
SYNC_BOOKKEEPING = {"settings", "sync_log", "sync_seen", "sync_docs", "sync_tombstones"}


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table a person's changes reach, in a fixed order. Ladder rows
    are compared by what they say, in their order (their row ids are SQLite's)."""
    found = {}
    tables = [name for (name,) in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%migrations%'") if name not in SYNC_BOOKKEEPING]
    for table in tables:
        columns = [row[1] for row in store.conn.execute(f"PRAGMA table_info({table})")]
        order = ", ".join(columns)
        if table == "ladder":
            columns.remove("id")
            order = "habit_id, since, id"
        found[table] = list(store.conn.execute(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"))
    return found


def setup(store: Store) -> None:
    """Two habits, Read with every level and numbers, three weeks of full days before
    this one (the review suggests a raise for the week in progress)."""
    read = store.habits.add("Read", "one page", full="20 pages", stretch="a chapter",
                            unit="pages", created=TODAY - timedelta(days=60))
    store.habits.add("Walk", "to the corner", created=TODAY - timedelta(days=60))
    monday = TODAY - timedelta(days=TODAY.weekday())
    for offset in range(1, 22):
        store.days.record(read.id, monday - timedelta(days=offset), "full", amount=10)
    store.days.add_step(TODAY - timedelta(days=1), "left open yesterday")


async def on_form(pilot: Pilot[None], kind: type, **values: str) -> None:
    assert isinstance(pilot.app.screen, kind), pilot.app.screen
    for key, value in values.items():  # "text": the dialog's only field
        screen = pilot.app.screen
        field = screen.query_one(Input) if key == "text" else screen.query_one(f"#{key}", Input)
        field.value = value
    await pilot.press("enter")


async def test_u_puts_back_exactly_what_each_key_changed(store: Store, make) -> None:
    setup(store)
    walked: list[str] = []
    async with make(store, config=QUIET).run_test(size=(120, 50),
                                                  notifications=True) as pilot:

        async def walk(name: str, *keys: str, then: Any = None, back: tuple[str, ...] = ()):
            before = snapshot(store)
            await pilot.press(*keys)
            if then is not None:
                await then()
            await pilot.pause()
            assert snapshot(store) != before, f"{name} wrote nothing"
            await pilot.press("u")
            await pilot.pause()
            assert snapshot(store) == before, f"u did not put back {name}"
            assert "Undone:" in notices(pilot.app), name
            await pilot.press(*back)
            walked.append(name)

        # Today, on Read
        for key in ("space", "m", "f", "s", "r"):
            await walk(f"Today {key}", key)
        await walk("Today n", "n", then=lambda: on_form(pilot, EvidenceScreen, amount="12",
                                                        note="a good book"))
        await walk("Today c", "c", "1", "enter")
        await walk("Today c, escape (not today)", "c", "escape")
        await walk("Today b (yesterday's steps along)", "b")
        await walk("Today a", "a", *"call mum", "enter")
        await pilot.press("a", *"water the plants", "enter")  # a step to work on, kept
        await walk("a step: space", "space")
        await walk("a step: n", "n", then=lambda: on_form(pilot, EvidenceScreen, amount="2",
                                                          note="done early"))
        await walk("a step: x", "x", "y")
        await pilot.press("home")
        # the habit page's calendar
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, HabitPageScreen)
        for key in ("space", "m", "f", "s", "r"):
            await walk(f"habit page {key}", key)
        await walk("habit page n", "n", then=lambda: on_form(pilot, EvidenceScreen,
                                                             amount="3", note="on the train"))
        await pilot.press("escape")
        # Habits
        await pilot.press("h")
        assert isinstance(pilot.app.screen, HabitsScreen)
        await walk("Habits a", "a", then=lambda: on_form(
            pilot, HabitFormScreen, **{"field-name": "Guitar", "field-minimum": "G to C"}))
        await walk("Habits e", "e", then=lambda: on_form(
            pilot, HabitFormScreen, **{"field-minimum": "two pages", "field-unit": "p"}))
        await walk("Habits d", "d", "y")
        await walk("Habits shift+down", "shift+down")
        await walk("Habits x", "x", "y")
        await pilot.press("escape")
        # the week review in progress: its raise, a decline, an answer
        await pilot.press("w")
        assert isinstance(pilot.app.screen, WeekScreen)
        await walk("review y", "y", then=lambda: on_form(pilot, TextPromptScreen,
                                                         text="two pages"))
        await walk("review n", "n")
        for _ in range(12):
            if isinstance(pilot.app.screen.view.selected_id, PromptRow):
                break
            await pilot.press("down")
        await walk("review enter on a prompt", "enter", then=lambda: on_form(
            pilot, TextPromptScreen, text="a quiet evening"))
    assert len(walked) == 27
