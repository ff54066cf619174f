"""The benchmark's sync rows: a day's changes sent and received, a new device getting the
10-year history, the first frame with a sync folder set, and a key pressed while a long
sync runs in the app's worker (the first sync of the 10-year history)."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import (
    RefreshClock,
    absolute_row,
    first_frame,
    paired,
    ratio_row,
    timed,
)


async def keys_during_sync(large: Path, folder: Path,
                           today: date) -> tuple[float, float, float, float]:
    """The app open on a copy of the 10-year history whose sync folder is set but which
    never synced: its worker's first sync puts the whole history into documents while
    keys are pressed (a mark, a day back and forth). Median seconds to the first frame
    and to the settled one, the slowest first frame, and how long the sync ran."""
    from tracker.files.config import Config
    from tracker.store import Store
    from tracker.sync.run import sync
    from tracker.ui.app import make_app
    from tracker.ui.folder_sync import GROUP

    db = folder / "keys-during-sync.db"
    Store(large).backup(db)
    store = Store(db)
    shared = folder / "KeysSync"
    sync(Store(folder / "other.db"), shared, "other")  # a folder with another device
    store.sync.set_setting("sync.folder", str(shared.resolve()))
    clock = RefreshClock()
    app = make_app(store, today=today, config=Config(checkin_on_start=False))
    firsts: list[float] = []
    settled: list[float] = []

    def syncing() -> bool:
        return any(w.group == GROUP and not w.is_finished for w in app.workers)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        for _ in range(400):  # the worker starts after the first frame
            if syncing():
                break
            await pilot.pause(0.01)
        keys = ("space", "left", "right")
        while syncing() and len(firsts) < 60:
            firsts.append(await clock.press(pilot, keys[len(firsts) % 3]))
            settled.append(clock.settled[-1])
        while syncing():
            await pilot.pause(0.05)
        seconds = time.perf_counter() - start
    store.close()
    if not firsts:
        raise RuntimeError("the sync ended before a key could be pressed")
    return statistics.median(firsts), statistics.median(settled), max(firsts), seconds


def sync_rows(large: Path, folder: Path, runs: int, today: date) -> list[list[str]]:
    """Sync through a folder: a device sends the 10-year history; a new (empty) device
    gets it (once, from a fresh copy each time); a day's changes (a mark on each habit)
    sent by one device and received by the other (median of ``runs``); and the first
    frame of the app with a sync folder set, against the same database without one."""
    from tracker.store import Store
    from tracker.sync.run import sync

    laptop_db = folder / "laptop.db"
    Store(large).backup(laptop_db)
    laptop = Store(laptop_db)
    shared = folder / "Sync"
    sync(laptop, shared, "laptop")

    def new_device() -> None:
        desk = Store(Path(tempfile.mkdtemp(dir=folder)) / "desk.db")
        sync(desk, shared, "desk")
        desk.close()

    first = timed(new_device, 1)
    desk = Store(folder / "desk.db")
    sync(desk, shared, "desk")
    sync(laptop)
    habits = laptop.habits.all()
    samples = []
    for run in range(runs):
        day = date(2000, 1, 1) + timedelta(days=run)
        for habit in habits:
            laptop.days.record(habit.id, day, "full", note="a day")
        start = time.perf_counter()
        sync(laptop)
        sync(desk)
        samples.append(time.perf_counter() - start)
    desk.close()
    laptop.close()
    plain, syncing = paired(max(5, runs), lambda: first_frame("tracker", large),
                            lambda: first_frame("tracker", laptop_db))
    during, settled, slowest, sync_seconds = asyncio.run(keys_during_sync(large, folder,
                                                                           today))
    return [
        absolute_row("sync: a day's changes, sent and received", statistics.median(samples),
                     0.100),
        absolute_row("sync: a new device gets the 10-year history", first, 5),
        ratio_row("first frame: with a sync folder set vs without", plain, syncing,
                  "seconds", 1.1),
        [f"key → first frame while a sync runs ({sync_seconds:.1f} s, the 10-year history "
         "set up)", f"{during * 1000:.1f} ms (settled {settled * 1000:.1f}, slowest "
         f"{slowest * 1000:.0f})", "", "",
         "< 50 ms", "yes" if during < 0.050 else "NO"],
    ]
