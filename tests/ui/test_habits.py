"""Habits: add, edit every field, archive (asks), reorder, and the command palette."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input, Static

from tests.conftest import TODAY
from tests.ui.helpers import screen_text
from tracker.domain.models import Schedule
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.screens.dialogs import ConfirmScreen
from tracker.ui.screens.habit_form import HabitFormScreen, parse_schedule
from tracker.ui.screens.habits import HabitsScreen

QUIET = Config(checkin_on_start=False)


def fill(screen: HabitFormScreen, **values: str) -> None:
    for key, value in values.items():
        screen.query_one(f"#field-{key}", Input).value = value


async def test_add_a_habit_from_an_empty_database(store: Store, make) -> None:
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        assert isinstance(pilot.app.screen, HabitsScreen)
        assert "No habits yet" in screen_text(pilot.app)
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, HabitFormScreen)
        fill(form, name="Guitar")
        await pilot.press("enter")
        assert "needs a minimum version" in screen_text(pilot.app)
        fill(form, minimum="change G to C ten times", full="20 minutes",
             direction="craft: guitar", unit="minutes", schedule="mon,thu")
        await pilot.press("enter")
        await pilot.pause()
        habit = store.habits.find("guitar")
        assert (habit.minimum, habit.full, habit.direction, habit.unit) == (
            "change G to C ten times", "20 minutes", "craft: guitar", "minutes")
        assert habit.schedule.days == frozenset({0, 3}) and habit.created == TODAY
        assert "Guitar" in screen_text(pilot.app)
        await pilot.press("escape")
        assert "change G to C ten times" in screen_text(pilot.app)


async def test_bad_schedule_is_explained(store: Store, make) -> None:
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("h", "a")
        fill(pilot.app.screen, name="X", minimum="y", schedule="funday")
        await pilot.press("enter")
        assert "unknown weekday" in screen_text(pilot.app)
        await pilot.press("escape")
        assert store.habits.all() == []


async def test_edit_every_field_extends_the_ladder(store: Store, make) -> None:
    habit = store.habits.add("Read", "one page", created=TODAY - timedelta(days=40))
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("h", "e")
        form = pilot.app.screen
        assert isinstance(form, HabitFormScreen)
        assert form.query_one("#field-minimum", Input).value == "one page"
        fill(form, name="Reading", minimum="two pages", full="20 pages", stretch="a chapter",
             direction="mind", unit="pages", schedule="3/week")
        await pilot.press("enter")
        await pilot.pause()
    edited = store.habits.get(habit.id)
    assert (edited.name, edited.minimum, edited.full, edited.stretch, edited.direction,
            edited.unit) == ("Reading", "two pages", "20 pages", "a chapter", "mind", "pages")
    assert edited.schedule.per_week == 3
    assert [r.text for r in store.habits.ladder(habit.id)] == ["one page", "two pages"]


async def test_archive_asks_first_and_restores(store: Store, make) -> None:
    habit = store.habits.add("Read", "one page", created=TODAY)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("h", "d")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        assert not store.habits.get(habit.id).archived
        await pilot.press("d", "y")
        await pilot.pause()
        assert store.habits.get(habit.id).archived
        assert "archived" in screen_text(pilot.app)
        await pilot.press("d", "y")
        await pilot.pause()
        assert not store.habits.get(habit.id).archived


async def test_reorder_with_shift_arrows(store: Store, make) -> None:
    for name in ("A", "B", "C"):
        store.habits.add(name, "x", created=TODAY)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("h", "shift+down")
        assert [h.name for h in store.habits.all()] == ["B", "A", "C"]
        assert pilot.app.screen.query_one(DataTable).cursor_row == 1
        await pilot.press("shift+down", "shift+up", "shift+up")
        assert [h.name for h in store.habits.all()] == ["A", "B", "C"]


async def test_command_palette_offers_actions(store: Store, make) -> None:
    store.habits.add("Read", "one page", created=TODAY)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"habits")
        await pilot.pause(0.5)
        assert "Habits" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HabitsScreen)


def test_schedule_text_forms() -> None:
    assert parse_schedule("3/week").per_week == 3
    assert parse_schedule("2x").per_week == 2
    assert parse_schedule("daily").kind == "daily"
    assert parse_schedule("mon, thu").days == frozenset({0, 3})
    assert parse_schedule("2 in 10 days") == Schedule.times_in_days(2, 10)
    assert parse_schedule("3d") == Schedule.times_in_days(1, 3)
    assert parse_schedule("every other day") == Schedule.times_in_days(1, 2)


async def test_the_form_shows_and_keeps_an_x_in_n_days_schedule(store: Store, make) -> None:
    """Editing another field leaves "2 in 10 days" as it is; the field changes it."""
    habit = store.habits.add("Call home", "a message", created=TODAY,
                             schedule=Schedule.times_in_days(2, 10))
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("h", "e")
        form = pilot.app.screen
        assert isinstance(form, HabitFormScreen)
        assert form.query_one("#field-schedule", Input).value == "2 in 10 days"
        fill(form, direction="family")
        await pilot.press("enter")
        await pilot.pause()
        assert store.habits.get(habit.id).schedule == Schedule.times_in_days(2, 10)
        assert "2 in 10 days" in screen_text(pilot.app)
        await pilot.press("e")
        form = pilot.app.screen
        assert isinstance(form, HabitFormScreen)
        fill(form, schedule="every 3 days")
        await pilot.press("enter")
        await pilot.pause()
    assert store.habits.get(habit.id).schedule == Schedule.times_in_days(1, 3)


async def test_delete_names_what_is_lost_backs_up_and_deletes(store: Store, make) -> None:
    habit = store.habits.add("Read", "one page", full="20 pages",
                             created=TODAY - timedelta(days=40))
    store.habits.add("Walk", "outside", created=TODAY - timedelta(days=40))
    for offset in range(3):
        store.days.record(habit.id, TODAY - timedelta(days=offset), "full")
    async with make(store, config=QUIET).run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("h", "x")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "3 recorded days since" in screen_text(pilot.app)
        await pilot.press("n")
        assert store.habits.find("Read")
        await pilot.press("x", "y")
        await pilot.pause()
        assert [h.name for h in store.habits.all()] == ["Walk"]
        await pilot.press("x")  # Walk has no days: said plainly
        assert "Delete “Walk” (no recorded days)?" in screen_text(pilot.app)
        await pilot.press("n")
        assert store.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
        assert "A copy from before is in" in " ".join(n.message for n in pilot.app._notifications)
    copies = list((store.path.parent / "backups").glob("tracker-before-delete-*.db"))
    assert len(copies) == 1
    kept = Store(copies[0])
    assert kept.habits.find("Read") and kept.days.count_entries() == 3
    kept.close()


async def test_the_hint_line_shows_remapped_keys(store: Store, make) -> None:
    store.habits.add("Read", "one page", created=TODAY)
    config = Config(checkin_on_start=False, keys={"habits.add": "plus"})
    async with make(store, config=config).run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert "+ add" in screen_text(pilot.app) and "x / del delete" in screen_text(pilot.app)


async def test_a_refused_form_stays_open_as_typed_with_the_problem_by_its_field(
        store: Store, make) -> None:
    store.habits.add("Read", "one page", created=TODAY - timedelta(days=9))
    async with make(store, config=QUIET).run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("h", "a")
        form = pilot.app.screen
        assert isinstance(form, HabitFormScreen)
        fill(form, name="read", minimum="two pages", full="a chapter", direction="mind",
             unit="pages", numbers="10, 5, 30")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is form  # still open, nothing lost
        assert form.query_one("#field-full", Input).value == "a chapter"
        numbers = form.query_one("#error-numbers", Static)
        assert numbers.has_class("shown") and "level" in str(numbers.render())
        assert form.focused is form.query_one("#field-numbers", Input)
        fill(form, numbers="1, 10, 30")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is form
        assert not numbers.has_class("shown")
        error = form.query_one("#error-name", Static)
        assert error.has_class("shown") and "exists already" in str(error.render())
        assert form.focused is form.query_one("#field-name", Input)
        assert form.query_one("#field-numbers", Input).value == "1, 10, 30"
        fill(form, name="Read more")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HabitsScreen)
        added = store.habits.find("Read more")
        assert (added.full, added.unit, added.full_amount) == ("a chapter", "pages", 10)


async def test_the_form_at_80x24_shows_how_to_save(store: Store, make) -> None:
    async with make(store, config=QUIET).run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "a")
        assert "enter or ctrl+s: save" in screen_text(pilot.app)


async def test_the_habits_table_fits_80_columns_with_every_column(sample_store: Store,
                                                                  make) -> None:
    async with make(sample_store, config=QUIET).run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        table = pilot.app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width  # nothing scrolled out of sight
        text = screen_text(pilot.app)
        assert "ladder" in text and "2 rungs" in text and "…" in text  # a cut shows
