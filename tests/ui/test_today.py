"""Today: every key, asserting what the database and the screen hold afterwards."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input

from tests.conftest import TODAY
from tests.ui.helpers import notices, screen_text
from tracker.domain.models import Schedule
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.app import make_app
from tracker.ui.screens.checkin import CheckInScreen
from tracker.ui.screens.dialogs import ConfirmScreen, EvidenceScreen
from tracker.ui.screens.help import HelpScreen
from tracker.ui.widgets.day_list import DayList
from tracker.ui.widgets.row_ids import HabitRow

QUIET = Config(checkin_on_start=False)


def add_read(store: Store) -> int:
    return store.habits.add("Read", "one page", full="20 pages", stretch="a chapter",
                            unit="pages", direction="mind", created=TODAY - timedelta(days=30)).id


def status(store: Store, habit_id: int, day=TODAY):
    entry = store.days.entry(habit_id, day)
    return None if entry is None else entry.status


async def test_first_run_shows_how_to_add_a_habit(store: Store, make) -> None:
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Nothing to track yet" in text and "one push-up" in text
        assert not isinstance(app.screen, CheckInScreen)


async def test_space_marks_the_planned_level_and_undoes(store: Store, make) -> None:
    read = add_read(store)
    store.days.check_in(TODAY, "low")
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("space")
        assert status(store, read) == "minimum"
        assert "◐" in screen_text(pilot.app) and "1 of 1 habits" in screen_text(pilot.app)
        await pilot.press("space")
        assert status(store, read) is None


async def test_level_keys_and_rest_toggle(store: Store, make) -> None:
    read = add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        for key, expected in (("f", "full"), ("s", "stretch"), ("m", "minimum"),
                              ("r", "rest")):
            await pilot.press(key)
            assert status(store, read) == expected
        await pilot.press("r")
        assert status(store, read) is None
        await pilot.press("s")
        assert "★" in screen_text(pilot.app) and "stretch: a chapter" in screen_text(pilot.app)


async def test_evidence_dialog_saves_amount_and_note(store: Store, make) -> None:
    read = add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("f", "n")
        assert isinstance(pilot.app.screen, EvidenceScreen)
        await pilot.press(*"twelve", "enter")
        assert isinstance(pilot.app.screen, EvidenceScreen)
        assert "not a number" in screen_text(pilot.app)
        pilot.app.screen.query_one("#amount", Input).value = "12,5"
        pilot.app.screen.query_one("#note", Input).value = "[b]good[/b] book"
        await pilot.press("enter")
        entry = store.days.entry(read, TODAY)
        assert entry is not None and (entry.status, entry.amount, entry.note) == (
            "full", 12.5, "[b]good[/b] book")
        assert "12.5 pages · [b]good[/b] book" in screen_text(pilot.app)


async def test_evidence_escape_changes_nothing(store: Store, make) -> None:
    read = add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("n", "5", "escape")
        assert store.days.entry(read, TODAY) is None


async def test_micro_steps_add_tick_note_and_delete(store: Store, make) -> None:
    add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("a", *"call mum", "enter")
        steps = store.days.steps_on(TODAY)
        assert [s.text for s in steps] == ["call mum"]
        await pilot.press("space")
        assert store.days.steps_on(TODAY)[0].done
        assert "☑" in screen_text(pilot.app)
        await pilot.press("x")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        assert len(store.days.steps_on(TODAY)) == 1
        await pilot.press("x", "y")
        await pilot.pause()
        assert store.days.steps_on(TODAY) == []


async def test_an_empty_step_is_not_added(store: Store, make) -> None:
    add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("a", "enter")
        assert "Type something first" in screen_text(pilot.app)
        await pilot.press("escape")
        assert store.days.steps_on(TODAY) == []


async def test_backfill_yesterday_and_back_to_today(store: Store, make) -> None:
    read = add_read(store)
    yesterday = TODAY - timedelta(days=1)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("left")
        assert "yesterday" in screen_text(pilot.app)
        await pilot.press("f")
        assert status(store, read, yesterday) == "full"
        assert status(store, read) is None
        await pilot.press("t")
        assert "· today" in screen_text(pilot.app)
        await pilot.press("[", "]", "right")
        assert "tomorrow" in screen_text(pilot.app)
        await pilot.press("f")
        await pilot.pause(0.3)
        assert status(store, read, TODAY + timedelta(days=1)) is None
        assert "has not happened yet" in notices(pilot.app)


async def test_checkin_in_three_keystrokes(store: Store, make) -> None:
    read = add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("c", "1", "enter")
        checkin = store.days.checkin(TODAY)
        assert checkin is not None and checkin.energy == "low"
        assert "low energy" in screen_text(pilot.app)
        assert "minimum: one page" in screen_text(pilot.app)
        await pilot.press("c", "3", "tab", *"go slow", "enter")
        checkin = store.days.checkin(TODAY)
        assert checkin is not None and (checkin.energy, checkin.intention) == ("high", "go slow")
        assert "stretch: a chapter" in screen_text(pilot.app)
        await pilot.press("space")
        assert status(store, read) == "full"


@pytest.mark.parametrize(("hour", "words"), [(8, "Good morning."), (14, "Good afternoon."),
                                             (21, "Good evening."), (2, "Good evening.")])
async def test_the_checkin_greets_by_the_time_of_day(store: Store, make, hour: int, words: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tracker.ui.screens.checkin.local_hour", lambda: hour)
    add_read(store)
    async with make(store, config=QUIET).run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        assert isinstance(pilot.app.screen, CheckInScreen)
        text = screen_text(pilot.app)
        assert words in text and ("Good morning" not in text or hour == 8)


async def test_checkin_opens_by_itself_once_a_day(store: Store, make) -> None:
    add_read(store)
    async with make(store).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, CheckInScreen)
        await pilot.press("enter")
        assert "Pick an energy first" in screen_text(pilot.app)
        await pilot.press("2", "enter")
        checkin = store.days.checkin(TODAY)
        assert checkin is not None and checkin.energy == "ok"
    async with make(store).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert not isinstance(pilot.app.screen, CheckInScreen)


async def test_checkin_can_be_turned_off_and_escape_skips_it(store: Store, make) -> None:
    add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert not isinstance(pilot.app.screen, CheckInScreen)
    async with make(store).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        assert store.days.checkin(TODAY) is None
        assert "No check-in yet" in screen_text(pilot.app)


async def test_help_lists_every_key(store: Store, make) -> None:
    add_read(store)
    async with make(store, config=QUIET).run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = screen_text(pilot.app)
        for words in ("done at today's planned level", "rest today", "previous day",
                      "add a micro-step", "morning check-in", "the weekly evidence review",
                      "command palette"):
            assert words in text
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)


async def test_remapped_keys_work_and_show_in_help(store: Store, make) -> None:
    read = add_read(store)
    config = Config(checkin_on_start=False, keys={"mark_done": "d", "mark_full": "F"})
    async with make(store, config=config).run_test(size=(100, 60)) as pilot:
        await pilot.press("d")
        assert status(store, read) == "full"
        await pilot.press("question_mark")
        assert "d                  done at today's planned level" in " ".join(
            screen_text(pilot.app).split("  ")) or "d" in screen_text(pilot.app)


async def test_markup_and_escapes_in_names_show_literally(store: Store, make) -> None:
    store.habits.add("[bold]x[/]", "\x1b[31mred", created=TODAY)
    store.days.add_step(TODAY, "[link=http://e]click[/link] 🌱 読書")
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        text = screen_text(pilot.app)
        assert "[bold]x[/]" in text
        assert "␛[31mred" in text
        assert "[link=http://e]click[/link] 🌱 読書" in text


async def test_day_list_moves_with_j_and_k(store: Store, make) -> None:
    add_read(store)
    store.habits.add("Walk", "step outside", created=TODAY)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        day_list = pilot.app.screen.query_one(DayList)
        first = day_list.selected_id
        assert isinstance(first, HabitRow)
        assert day_list.selected_habit == first.habit_id
        await pilot.press("j")
        assert day_list.selected_id not in (None, first)
        await pilot.press("k")
        assert day_list.selected_id == first


async def test_textual_themes_restyle_the_list(store: Store, make) -> None:
    add_read(store)
    config = Config(checkin_on_start=False, theme="nord")
    async with make(store, config=config).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert pilot.app.theme == "nord"
        day_list = pilot.app.screen.query_one(DayList)
        before = day_list.render_line(1)
        pilot.app.theme = "textual-light"
        await pilot.pause()
        after = day_list.render_line(1)
        assert before.text == after.text and "Read" in after.text
        assert [s.style for s in before] != [s.style for s in after]


async def test_an_unknown_theme_is_explained(store: Store, make) -> None:
    add_read(store)
    async with make(store, config=Config(checkin_on_start=False, theme="nope")).run_test() as pilot:
        await pilot.pause()
        assert "Unknown theme 'nope'" in notices(pilot.app)


async def test_a_habit_added_today_can_be_backfilled_for_yesterday(store: Store, make) -> None:
    habit = store.habits.add("Read", "one page", created=TODAY)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("left")
        assert "Read" in screen_text(pilot.app)
        await pilot.press("m")
    yesterday = TODAY - timedelta(days=1)
    assert status(store, habit.id, yesterday) == "minimum"
    history = store.history(yesterday, TODAY)
    assert history.start(store.habits.get(habit.id)) == yesterday


async def test_enter_opens_a_habits_page_ticks_a_step_and_q_quits(store: Store,
                                                                   make) -> None:
    from tracker.ui.screens.habit_page import HabitPageScreen

    read = add_read(store)
    step = store.days.add_step(TODAY, "call mum")
    app = make(store, config=QUIET)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, HabitPageScreen) and app.screen.habit_id == read
        await pilot.press("f")  # the page's cursor starts on the day shown: today
        assert status(store, read) == "full"
        await pilot.press("escape", "down", "enter")  # back on Today, the step: ticked
        assert store.days.step(step.id).done  # type: ignore[union-attr]
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running
    assert status(store, read) == "full"  # saved the moment it was made, nothing to flush


async def test_the_palette_runs_a_today_action(store: Store, make) -> None:
    read = add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+p", *"rest today")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert status(store, read) == "rest"


async def test_checkin_keeps_an_optional_context_note(store: Store, make) -> None:
    add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "2", "tab", *"go slow", "tab", *"slept badly", "enter")
        checkin = store.days.checkin(TODAY)
        assert checkin is not None
        assert (checkin.energy, checkin.intention, checkin.note) == ("ok", "go slow", "slept badly")
        assert "slept badly" in screen_text(pilot.app)


async def test_start_up_objects_are_frozen_while_the_app_runs_and_only_then(
        store: Store, make) -> None:
    """Full collections skip what start-up made (no pause on a key); once the app
    ends, those objects are the collector's again (no leak across many apps)."""
    import gc

    add_read(store)
    async with make(store, config=QUIET).run_test() as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


async def test_a_key_acts_on_what_is_stored_not_on_a_stale_screen(store: Store, db_path,
                                                                  make) -> None:
    """Another process changes the row after it was drawn: the key must not undo a
    mark the person cannot see; the screen then shows what is stored."""
    read = add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("m")
        assert status(store, read) == "minimum"
        other = Store(db_path)  # as another terminal would
        other.days.record(read, TODAY, "stretch")
        other.days.add_step(TODAY, "written elsewhere")
        step = other.days.steps_on(TODAY)[0]
        other.days.set_step_done(step.id, True)
        other.close()
        await pilot.press("m")  # "m" again would undo the minimum the screen shows
        assert status(store, read) == "stretch"
        assert "Changed elsewhere" in notices(pilot.app)
        assert "★" in screen_text(pilot.app) and "written elsewhere" in screen_text(pilot.app)
        await pilot.press("m")  # now it acts on what is shown
        assert status(store, read) == "minimum"


async def test_a_level_the_habit_does_not_have_is_refused(store: Store, make) -> None:
    floss = store.habits.add("Floss", "one tooth", created=TODAY - timedelta(days=3)).id
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        for key in ("f", "s"):
            await pilot.press(key)
            assert status(store, floss) is None
        assert "has no full version" in notices(pilot.app)
        assert "has no stretch version" in notices(pilot.app)
        assert "tracker habit edit Floss --full TEXT" in notices(pilot.app)
        assert "full: one tooth" not in screen_text(pilot.app)
        await pilot.press("space")
        assert status(store, floss) == "minimum"


async def test_an_amount_typed_with_its_unit_marks_the_level_it_reaches(store: Store,
                                                                        make) -> None:
    read = store.habits.add("Read", "one page", full="a chapter", unit="pages",
                            min_amount=1, full_amount=10, stretch_amount=30,
                            created=TODAY - timedelta(days=3)).id
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        for typed, expected in (("12 pages", "full"), ("35", "stretch"), ("0.5 page", None)):
            await pilot.press("n")
            assert isinstance(pilot.app.screen, EvidenceScreen)
            amount = pilot.app.screen.query_one("#amount", Input)
            amount.value = typed
            await pilot.press("enter")
            await pilot.pause()
            entry = store.days.entry(read, TODAY)
            assert entry is not None and entry.status == expected
            assert f"{float(typed.split()[0]):g} pages" in screen_text(pilot.app)
        assert "∘  Read" in screen_text(pilot.app)  # an amount that reached no level
        await pilot.press("n")
        pilot.app.screen.query_one("#amount", Input).value = "12 km"
        await pilot.press("enter")
        assert "the unit is 'pages'" in screen_text(pilot.app)


async def test_unplanned_habits_show_quietly_and_can_be_marked(store: Store, make) -> None:
    swim = store.habits.add("Swim", "get wet", schedule=Schedule.on_weekdays({0, 2, 4}),
                            created=TODAY - timedelta(days=30)).id
    add_read(store)
    assert TODAY.weekday() == 3  # a Thursday: Swim is not planned
    flat = Config(checkin_on_start=False, group_by_direction=False)
    async with make(store, config=flat).run_test(size=(120, 30)) as pilot:
        text = screen_text(pilot.app)
        assert "Not planned today: a win still counts" in text
        assert text.index("Read") < text.index("Not planned") < text.index("Swim")
        assert "Showed up: 0 of 1 habits" in text
        await pilot.press("down", "m")
        assert status(store, swim) == "minimum"
        assert "Showed up: 1 of 2 habits" in screen_text(pilot.app)


async def test_rest_is_out_of_the_count(store: Store, make) -> None:
    for name in ("A", "B", "C"):
        store.habits.add(name, "x", created=TODAY - timedelta(days=3))
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("m", "down", "m", "down", "r")
        assert "Showed up: 2 of 2 habits (1 resting)" in screen_text(pilot.app)


async def test_escape_on_the_check_in_means_not_today(store: Store, make) -> None:
    add_read(store)
    async with make(store).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, CheckInScreen)
        await pilot.press("escape")
    async with make(store).run_test(size=(120, 30)) as pilot:  # opened again that day
        await pilot.pause()
        assert not isinstance(pilot.app.screen, CheckInScreen)
        await pilot.press("c")  # still there when asked for
        assert isinstance(pilot.app.screen, CheckInScreen)
    tomorrow = make_app(store, today=TODAY + timedelta(days=1), config=Config())
    async with tomorrow.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, CheckInScreen)


async def test_pasted_line_breaks_become_spaces_and_a_dialog_submits_once(store: Store,
                                                                          make) -> None:
    from textual import events

    add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        await pilot.press("a")
        field = pilot.app.screen.query_one(Input)
        field.post_message(events.Paste("call\r\nthe\rplumber\n"))  # bracketed paste
        await pilot.pause()
        assert field.value == "call the plumber"
        await pilot.press("enter", "enter")  # a line break pasted as keys: enter twice
        await pilot.pause()
        assert [s.text for s in store.days.steps_on(TODAY)] == ["call the plumber"]
        assert pilot.app.is_running and not isinstance(pilot.app.screen, EvidenceScreen)


async def test_undo_puts_back_each_change_in_turn(store: Store, make) -> None:
    read = add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("f", "s")  # full, then stretch
        await pilot.press("a", *"water the plants", "enter")
        await pilot.pause()
        step = store.days.steps_on(TODAY)[0]
        await pilot.press("space")  # tick it (the new step is selected)
        ticked = store.days.step(step.id)
        assert ticked is not None and ticked.done
        await pilot.press("u")  # untick
        assert not store.days.step(step.id).done  # type: ignore[union-attr]
        assert "Undone: ticked" in notices(pilot.app)
        await pilot.press("ctrl+z")  # the step added
        assert store.days.steps_on(TODAY) == []
        await pilot.press("u")  # stretch → full
        assert status(store, read) == "full"
        await pilot.press("u")  # full → nothing
        assert status(store, read) is None
        assert "◐" not in screen_text(pilot.app) and "●" not in screen_text(pilot.app)
        await pilot.press("u")
        assert "Nothing to undo" in notices(pilot.app)


async def test_undo_never_overwrites_a_change_made_elsewhere(store: Store, db_path,
                                                             make) -> None:
    read = add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("m")
        other = Store(db_path)
        other.days.record(read, TODAY, "stretch", note="from the phone")
        other.close()
        await pilot.press("u")
        entry = store.days.entry(read, TODAY)
        assert entry is not None and entry.status == "stretch" and entry.note == "from the phone"
        assert "Not undone" in notices(pilot.app)


async def test_undo_a_habit_edit_and_an_archive(store: Store, make) -> None:
    from tracker.ui.screens.habit_form import HabitFormScreen

    habit = store.habits.add("Read", "one page", created=TODAY - timedelta(days=9))
    async with make(store, config=QUIET).run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("h", "e")
        form = pilot.app.screen
        assert isinstance(form, HabitFormScreen)
        form.query_one("#field-minimum", Input).value = "two pages"
        form.query_one("#field-name", Input).value = "Reading"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("d", "y")
        await pilot.pause()
        assert store.habits.get(habit.id).archived
        await pilot.press("u")
        assert not store.habits.get(habit.id).archived
        await pilot.press("u")
        restored = store.habits.get(habit.id)
        assert (restored.name, restored.minimum) == ("Read", "one page")
        assert [r.text for r in store.habits.ladder(habit.id)] == ["one page"]


async def test_a_new_day_moves_today_even_under_the_review(store: Store, monkeypatch) -> None:
    add_read(store)
    clock = {"today": TODAY}
    monkeypatch.setattr("tracker.ui.app.local_today", lambda hour: clock["today"])
    app = make_app(store, config=QUIET)  # today follows the (patched) clock
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("w")
        clock["today"] = TODAY + timedelta(days=1)
        app.check_clock()
        await pilot.press("escape")
        await pilot.pause()
        assert app.today_screen.day == TODAY + timedelta(days=1)
        assert f"{TODAY + timedelta(days=1):%A %d %B %Y}" in screen_text(app)


async def test_the_chosen_energy_shows_without_colour(store: Store, make) -> None:
    add_read(store)
    async with make(store).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "✔" not in screen_text(pilot.app)
        await pilot.press("2")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "✔ 2  ok" in text and "✔ 1" not in text


async def test_undoing_a_cleared_mark_says_what_it_puts_back(store: Store, make) -> None:
    read = add_read(store)
    async with make(store, config=QUIET).run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("m", "m")  # minimum, then the same key clears it
        assert status(store, read) is None
        pilot.app.clear_notifications()
        await pilot.press("u")
        assert status(store, read) == "minimum"
        assert "Undone: cleared the mark for Read" in notices(pilot.app)
        assert "marked nothing" not in notices(pilot.app)


async def test_the_demo_says_it_is_the_demo(store: Store) -> None:
    add_read(store)
    app = make_app(store, today=TODAY, config=QUIET, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(pilot.app)
        assert "DEMO · sample data, a fresh copy each time: nothing here is kept" in text
        assert "Showed up: 0 of 1 habits" in text  # the header's lines all still show
        assert pilot.app.title == "tracker demo"
    async with make_app(store, today=TODAY, config=QUIET).run_test(size=(100, 30)) as pilot:
        assert "DEMO" not in screen_text(pilot.app)


async def test_help_lists_enter_and_uses_a_wide_terminal(store: Store, make) -> None:
    add_read(store)
    async with make(store, config=QUIET).run_test(size=(200, 50)) as pilot:
        await pilot.press("question_mark")
        body = pilot.app.screen.query_one("#help-body")
        assert body.size.width > 100
        text = screen_text(pilot.app)
        assert "enter" in text and "the selected habit's page (on a micro-step: tick it)" in text
    async with make(store, config=QUIET).run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert pilot.app.screen.query_one("#help-body").outer_size.width <= 80


async def test_the_checkin_at_60x15_shows_its_title_and_keys(store: Store, make) -> None:
    add_read(store)
    async with make(store, config=QUIET).run_test(size=(60, 15)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "How is your energy?" in text and "1 2 3: energy" in text
        assert "escape: not today" in text
        await pilot.press("1", "enter")
        assert store.days.checkin(TODAY) is not None


async def test_an_x_in_n_days_habit_shows_the_wins_of_its_window(store: Store, make) -> None:
    """2 in 10 days: the row says how many wins its window of ten days holds so far."""
    schedule = Schedule.times_in_days(2, 10)
    habit = store.habits.add("Call home", "a message", created=TODAY - timedelta(days=40),
                             schedule=schedule)
    begin = schedule.window_start(TODAY)
    store.days.record(habit.id, begin, "minimum")
    store.days.record(habit.id, begin - timedelta(days=1), "minimum")  # the window before
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        assert "1/2 in these 10 days" in screen_text(pilot.app)
        await pilot.press("space")
        await pilot.pause()
        assert "2/2 in these 10 days" in screen_text(pilot.app)


async def test_yesterdays_open_steps_are_brought_along_never_copied(store: Store, make) -> None:
    add_read(store)
    yesterday = TODAY - timedelta(days=1)
    store.days.add_step(yesterday, "call the plumber")
    store.days.add_step(yesterday, "water the plants", done=True)
    store.days.add_step(yesterday, "send the letter")
    store.days.add_step(TODAY, "buy bread")
    async with make(store, config=QUIET).run_test(size=(100, 30), notifications=True) as pilot:
        text = screen_text(pilot.app)
        assert "2 open micro-steps from yesterday: b brings them along" in text
        await pilot.press("b")
        today = store.days.steps_on(TODAY)
        assert [s.text for s in today] == ["buy bread", "call the plumber", "send the letter"]
        assert [s.first_planned for s in today] == [TODAY, yesterday, yesterday]
        assert [s.text for s in store.days.steps_on(yesterday)] == ["water the plants"]
        text = screen_text(pilot.app)
        assert "from yesterday" not in text and f"planned {yesterday:%a %d %b}" in text
        assert pilot.app.screen.day_list.selected_step == today[1].id
        await pilot.press("b")  # nothing left to bring: never a copy
        assert len(store.conn.execute("SELECT id FROM steps").fetchall()) == 4
        await pilot.press("u")  # undo puts them back on their day
        assert [s.text for s in store.days.steps_on(yesterday)] == [
            "call the plumber", "water the plants", "send the letter"]
        assert "2 open micro-steps from yesterday" in screen_text(pilot.app)


async def test_the_cursor_stays_on_the_same_habit_or_a_step_when_the_day_changes(
        store: Store, make) -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    old = TODAY - timedelta(days=30)
    read = store.habits.add("Read", "x", created=old)
    store.habits.add("Gym", "x", created=old, schedule=Schedule.on_weekdays({0}))
    walk = store.habits.add("Walk", "x", created=old)
    write = store.habits.add("Write", "x", created=old)
    store.days.add_step(TODAY - timedelta(days=1), "call the plumber")
    store.days.add_step(TODAY, "buy bread")
    async with make(store, config=QUIET, day=monday).run_test(size=(100, 30)) as pilot:
        day_list = pilot.app.screen.day_list
        await pilot.press("down", "down", "down")  # Write, the fourth habit on Monday
        assert day_list.selected_habit == write.id
        await pilot.press("t")  # today: Gym is not planned, so Write is the third row
        assert day_list.selected_habit == write.id
        await pilot.press("space")
        assert store.days.entry(write.id, TODAY) is not None
        assert store.days.entry(walk.id, TODAY) is None
        await pilot.press("end")  # today's step; the day before has another one
        assert day_list.selected_step is not None
        await pilot.press("left")
        assert day_list.selected_step is not None and day_list.selected_habit is None
        await pilot.press("space")  # ticks the step, never marks a habit
        assert store.days.steps_on(TODAY - timedelta(days=1))[0].done
        assert store.days.entry(read.id, TODAY - timedelta(days=1)) is None


async def test_grouped_unplanned_habits_come_last_in_their_direction(store: Store, make) -> None:
    swim = store.habits.add("Swim", "get wet", schedule=Schedule.on_weekdays({0, 2, 4}),
                            direction="mind", created=TODAY - timedelta(days=30)).id
    add_read(store)  # mind too, planned: first in its direction though added later
    async with make(store, config=QUIET).run_test(size=(120, 30)) as pilot:
        text = screen_text(pilot.app)
        assert text.index("▾ mind  0 of 1 done") < text.index("Read") < text.index("Swim")
        assert "quieter: not planned today (a win still counts)" in text
        await pilot.press("down", "m")
        assert status(store, swim) == "minimum"
