"""The first-run screen offers the import: i, a path, enter; the history comes in (read
in a worker, written all-or-nothing) and Today shows it, or the dialog says why not."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.conftest import TODAY
from tests.ui.helpers import notices, screen_text
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.screens.import_dialog import ImportScreen

QUIET = Config(checkin_on_start=False)


def habitbull(tmp_path: Path) -> Path:
    path = tmp_path / "HabitBull.csv"
    day = TODAY.isoformat()
    path.write_text("HabitName,HabitDescription,HabitCategory,CalendarDate,Value,CommentText\n"
                    f"Stretch,one stretch,Health,{day},1,felt good\n")
    return path


async def wait_closed(pilot, screen: ImportScreen) -> None:
    for _ in range(100):
        await pilot.pause(0.05)
        if pilot.app.screen is not screen:
            return


async def test_the_first_run_offers_the_import_and_brings_the_history(
        store: Store, make, tmp_path: Path) -> None:
    path = habitbull(tmp_path)
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        assert "Press i to bring your history" in screen_text(pilot.app)
        await pilot.press("i")
        dialog = pilot.app.screen
        assert isinstance(dialog, ImportScreen)
        dialog.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        await wait_closed(pilot, dialog)
        assert not isinstance(pilot.app.screen, ImportScreen)
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "Stretch" in text and "Press i to bring" not in text
        said = notices(pilot.app)
        assert "as HabitBull's CSV export" in said and "1 habit, 1 entry" in said
        habit = store.habits.find("Stretch")
        assert (habit.minimum, habit.direction) == ("one stretch", "Health")
        entry = store.days.entry(habit.id, TODAY)
        assert entry is not None and entry.status == "full" and entry.note == "felt good"
        assert "u undoes the import" in said
        await pilot.press("u")  # the import is a change like any other
        await pilot.pause()
        assert "Undone: the import of HabitBull.csv" in notices(pilot.app)
        assert "Press i to bring your history" in screen_text(pilot.app)
    assert store.habits.all(include_archived=True) == []
    assert store.days.count_entries() == 0


async def test_a_file_that_cannot_be_read_is_said_in_the_dialog(store: Store, make,
                                                                 tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a tracker file [bold]at all[/]\n")
    async with make(store, config=QUIET).run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        dialog = pilot.app.screen
        assert isinstance(dialog, ImportScreen)
        await pilot.press("enter")
        assert "Type the path" in screen_text(pilot.app)
        dialog.query_one("#import-path", Input).value = str(bad)
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if not dialog.busy:
                break
        assert "notes.txt: a text file, not a format tracker recognises" in dialog.said
        assert "not a format" in screen_text(pilot.app)
        assert pilot.app.screen is dialog
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, ImportScreen)
        assert "Press i to bring your history" in screen_text(pilot.app)
    assert store.habits.all(include_archived=True) == []
