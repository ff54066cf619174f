"""The app syncs by itself when a sync folder is set: after its first frame, when
another device's files change, when changes wait here, and on quit."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.conftest import TODAY
from tests.ui.helpers import screen_text
from tracker.files.config import Config
from tracker.store import Store
from tracker.sync.run import sync

QUIET = Config(checkin_on_start=False)


async def test_the_app_syncs_both_ways_and_on_quit(store: Store, make, tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    habit = store.habits.add("Read", "one page", created=TODAY - timedelta(days=30))
    sync(store, folder, "laptop")
    desk = Store(tmp_path / "desk.db")
    sync(desk, folder, "desk")
    desk.habits.add("Walk", "to the corner", full="round the block",
                    created=TODAY - timedelta(days=3))
    sync(desk)
    app = make(store, config=QUIET)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):  # the first sync, after the first frame
            await pilot.pause(0.05)
            if "Walk" in screen_text(app):
                break
        assert "Walk" in screen_text(app)
        desk.days.record(desk.habits.find("Walk").id, TODAY, "full")
        sync(desk)  # another device's files change: the app syncs again
        for _ in range(120):
            await pilot.pause(0.05)
            if "●  Walk" in screen_text(app):
                break
        assert "●  Walk" in screen_text(app)
        await pilot.press("space")  # Read, done here
        await pilot.press("q")  # and sent on quit
    sync(desk)
    entry = desk.days.entry(desk.habits.find("Read").id, TODAY)
    assert entry is not None and entry.status == "minimum"  # Read has no full version
    assert store.days.entry(habit.id, TODAY) is not None
    desk.close()


async def test_an_encrypted_sync_without_its_passphrase_is_told_once(
        store: Store, make, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("TRACKER_SYNC_PASSPHRASE", raising=False)
    sync(store, tmp_path / "Sync", "laptop", "a passphrase")
    async with make(store, config=QUIET).run_test(size=(100, 30)) as pilot:
        for _ in range(60):
            await pilot.pause(0.05)
            if pilot.app._notifications:
                break
        await pilot.pause(1.5)  # a poll later: not tried (nor told) again
        messages = [n.message for n in pilot.app._notifications]
        assert len(messages) == 1 and "TRACKER_SYNC_PASSPHRASE" in messages[0]
        assert pilot.app.folder_sync._stopped


async def test_a_tick_or_a_syncs_end_while_the_app_closes_is_harmless(store: Store,
                                                                       make) -> None:
    """The minute clock and a sync's end tell the screen shown to read again; while the
    app closes there is none (this raised ScreenStackError, under load, on the way out)."""
    app = make(store, config=QUIET)
    async with app.run_test(size=(100, 30)):
        pass
    assert not app.screen_stack
    store.habits.add("Walk", "a step", created=TODAY)  # another process's write meanwhile
    app.check_clock()
