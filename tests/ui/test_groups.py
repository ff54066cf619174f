"""Directions as groups on Today, in the review and on the habits screen: headings in
the person's order, g folds and unfolds, the setting turns it off."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from textual.widgets import DataTable

from tests.conftest import TODAY
from tests.ui.helpers import notices, screen_text
from tracker.domain.models import Schedule
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.screens.habits import HabitsScreen
from tracker.ui.screens.week import WeekScreen
from tracker.ui.widgets.day_list import DayList
from tracker.ui.widgets.row_ids import DirectionRow, HabitRow

QUIET = Config(checkin_on_start=False)
FLAT = Config(checkin_on_start=False, group_by_direction=False)
START = TODAY - timedelta(days=30)


def habits(store: Store) -> dict[str, int]:
    made = {}
    for name, direction in (("Walk", "health"), ("Read", "mind"), ("Tidy", ""),
                            ("Push-ups", "Health "), ("[b]Draw[/b]", "[red]art[/red]")):
        made[name] = store.habits.add(name, "a little", direction=direction,
                                      created=START).id
    return made


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


async def test_today_lists_habits_under_their_directions(store: Store, make) -> None:
    ids = habits(store)
    store.days.record(ids["Walk"], TODAY, "minimum")
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        shown = lines(screen_text(pilot.app))
        headings = [line for line in shown if line.startswith("▾")]
        assert headings == ["▾ health  1 of 2 done", "▾ mind  0 of 1 done",
                            "▾ [red]art[/red]  0 of 1 done", "▾ no direction yet  0 of 1 done"]
        order = [line.split()[1] for line in shown if line[:1] in "◐·"]
        assert order == ["Walk", "Push-ups", "Read", "[b]Draw[/b]", "Tidy"]
        day_list = pilot.app.screen.query_one(DayList)
        assert day_list.selected_id == HabitRow(ids["Walk"])  # keys land on a habit
        await pilot.press("space")
        assert store.days.entry(ids["Walk"], TODAY) is None


async def test_g_folds_a_direction_and_unfolds_it(store: Store, make) -> None:
    ids = habits(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("j", "g")  # Push-ups: health folds
        text = screen_text(pilot.app)
        assert "▸ health  0 of 2 done · 2 habits (g unfolds)" in text
        assert "Walk" not in text and "Push-ups" not in text and "Read" in text
        day_list = pilot.app.screen.query_one(DayList)
        assert day_list.selected_id == DirectionRow("health")
        await pilot.press("space")  # on a heading: nothing is marked
        assert all(store.days.entry(i, TODAY) is None for i in ids.values())
        await pilot.press("j", "m")  # down from the heading: the next direction's habit
        entry = store.days.entry(ids["Read"], TODAY)
        assert entry is not None and entry.status == "minimum"
        await pilot.press("left")  # another day: the fold stays
        assert "▸ health" in screen_text(pilot.app)
        await pilot.press("k", "k", "enter")  # enter on the folded heading unfolds it
        text = screen_text(pilot.app)
        assert "▾ health" in text and "Walk" in text and "Push-ups" in text


async def test_folded_directions_stay_folded_at_the_next_start(store: Store, make,
                                                               isolated_home: Path) -> None:
    habits(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("j", "g")  # health folds
        await pilot.press("j", "g")  # and mind (j from a heading: the next habit, Read)
        assert "▸ mind" in screen_text(pilot.app)
    kept = isolated_home / "state" / "tracker" / "folded"
    assert json.loads(kept.read_text()) == ["health", "mind"]
    assert kept.stat().st_mode & 0o777 == 0o600
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        text = screen_text(pilot.app)
        assert "▸ health" in text and "▸ mind" in text and "Walk" not in text
        await pilot.press("g")  # the first row: health's heading unfolds
        assert "▾ health" in screen_text(pilot.app)
    assert json.loads(kept.read_text()) == ["mind"]
    for odd in (b"{\"mind\": 1}", b"[" * 100_000, b"\xff\xfe", b" " * 70_000):
        kept.write_bytes(odd)  # not a list tracker wrote: nothing folded, no error
        async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
            assert "▸" not in screen_text(pilot.app)
    kept.unlink()
    (isolated_home / "elsewhere").write_text('["health"]')
    kept.symlink_to(isolated_home / "elsewhere")  # never read through a link
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        assert "▸" not in screen_text(pilot.app)


async def test_grouping_off_lists_them_as_before(store: Store, make) -> None:
    habits(store)
    async with make(store, config=FLAT).run_test(size=(120, 30), notifications=True) as pilot:
        text = screen_text(pilot.app)
        assert "▾" not in text and "no direction yet" not in text and "Habits" in text
        await pilot.press("g")
        await pilot.pause()
        assert "group_by_direction = false" in notices(pilot.app)


async def test_no_direction_anywhere_lists_them_as_before(store: Store, make) -> None:
    store.habits.add("Walk", "a little", created=START)
    weekend = store.habits.add("Long run", "a mile", created=START,
                               schedule=Schedule.parse_days("sat,sun"))
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        text = screen_text(pilot.app)
        assert "▾" not in text and "Habits" in text
        if not Schedule.parse_days("sat,sun").is_scheduled(TODAY):
            assert "Not planned today" in text and weekend.name in text
        await pilot.press("g")
        await pilot.pause()
        assert "Nothing to fold" in notices(pilot.app)


async def test_the_review_groups_its_grid_with_a_line_per_direction(store: Store, make) -> None:
    ids = habits(store)
    for back in range(1, 4):
        store.days.record(ids["Walk"], TODAY - timedelta(days=back), "minimum")
    async with make(store, config=QUIET).run_test(size=(130, 50)) as pilot:
        await pilot.press("w")
        await pilot.pause(0.3)
        assert isinstance(pilot.app.screen, WeekScreen)
        shown = lines(screen_text(pilot.app))
        health = next(i for i, line in enumerate(shown) if line.startswith("health: showed up"))
        assert shown[health + 1].startswith("Walk") and shown[health + 2].startswith("Push-ups")
        assert any(line.startswith("[red]art[/red]: showed up 0 of") for line in shown)
        assert shown.index(next(ln for ln in shown if ln.startswith("no direction yet:"))) > \
            health


async def test_the_review_ungrouped_with_the_setting_off(store: Store, make) -> None:
    habits(store)
    async with make(store, config=FLAT).run_test(size=(130, 50)) as pilot:
        await pilot.press("w")
        await pilot.pause(0.3)
        assert "health: showed up" not in screen_text(pilot.app)


async def test_the_habits_screen_groups_them_and_keys_pass_headings(store: Store, make) -> None:
    ids = habits(store)
    store.habits.update(store.habits.get(ids["Tidy"]), TODAY, direction="")
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        screen = pilot.app.screen
        assert isinstance(screen, HabitsScreen)
        shown = lines(screen_text(pilot.app))
        start = shown.index("health")
        assert shown[start + 1].startswith("Walk") and shown[start + 2].startswith("Push-ups")
        assert shown[start + 3] == "mind" and "no direction yet" in shown
        table = screen.query_one(DataTable)
        table.move_cursor(row=0)  # the heading "health": e edits nothing
        await pilot.press("e")
        assert pilot.app.screen is screen
        await pilot.press("down", "d", "escape")
        assert pilot.app.screen is screen


async def test_reordering_on_the_habits_screen_stays_inside_a_direction(
        store: Store, make) -> None:
    habits(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("h")  # the cursor on Walk, the first habit of health
        await pilot.press("shift+down")
        names = [h.name for h in store.habits.all()]
        assert names[:2] == ["Push-ups", "Walk"]  # the order shown, Walk moved down
        await pilot.press("shift+down")  # the last of health: it stays in its direction
        assert [h.name for h in store.habits.all()] == names
        shown = lines(screen_text(pilot.app))
        start = shown.index("Health")  # the direction as its first habit writes it
        assert shown[start + 1].startswith("Push-ups") and shown[start + 2].startswith("Walk")
        await pilot.press("u")
        assert [h.name for h in store.habits.all()][:2] == ["Walk", "Read"]


async def test_renaming_a_direction_in_the_form_offers_it_for_every_habit(
        store: Store, make) -> None:
    from textual.widgets import Input

    from tracker.ui.screens.dialogs import ConfirmScreen
    from tracker.ui.screens.habit_form import HabitFormScreen

    ids = habits(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("h", "e")  # Walk, of health
        form = pilot.app.screen
        assert isinstance(form, HabitFormScreen)
        form.query_one("#field-direction", Input).value = "body [b]&[/b] mind"
        await pilot.press("enter")
        await pilot.pause()
        confirm = pilot.app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.question.plain == ("Rename the direction “health” to "
                                          "“body [b]&[/b] mind” on 1 other habit too?")
        await pilot.pause(0.1)
        await pilot.press("y")
        await pilot.pause()
        assert store.habits.get(ids["Push-ups"]).direction == "body [b]&[/b] mind"
        assert store.habits.get(ids["Read"]).direction == "mind"
        assert "body [b]&[/b] mind" in screen_text(pilot.app)
        await pilot.press("u")  # the rename on the others undone; Walk's edit stays
        assert store.habits.get(ids["Push-ups"]).direction == "Health"
        assert store.habits.get(ids["Walk"]).direction == "body [b]&[/b] mind"
        await pilot.press("h", "e")
        pilot.app.screen.query_one("#field-direction", Input).value = "health"
        await pilot.press("enter")  # back to a direction others serve: nothing asked
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ConfirmScreen)
