"""The app's side of sync (when a sync folder is set): a sync in a worker thread after
the first frame, again when another device's files change in the folder or changes
made here wait to be sent (a cheap look every second), and a last one on quit. Each
sync has its own connection; once it ends, the screen shown reads again what changed."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState

from tracker.domain.records import NamedTuple
from tracker.domain.text import printable
from tracker.store import Store, StoreError
from tracker.sync.files import signature

if TYPE_CHECKING:
    from textual.app import App

POLL_SECONDS = 1.0
RETRY_SECONDS = 30.0
"""After a sync that failed (a full disk, the folder away), the next one waits this
long: it is not tried every second."""
GROUP = "folder-sync"
PASSPHRASE = "TRACKER_SYNC_PASSPHRASE"


class Outcome(NamedTuple):
    """What a sync of the app's said: the problems to tell, one line each; whether it
    failed (the next waits a while); whether syncing cannot go on (a passphrase
    missing): the app then stops trying until it is opened again."""

    problems: list[str]
    failed: bool = False
    stopped: bool = False


Signature = tuple[tuple[str, int, int], ...]


def look_at(folder: str, device: str | None) -> Signature | None:
    """The other devices' files as they are now (None while the folder is away)."""
    if not Path(folder).is_dir():
        return None
    return signature(folder, device)


def run_sync(path: Path) -> Outcome:
    """One sync of the database at ``path`` (a worker thread, or the quit).
    The engine (pycrdt) is imported here, in the worker, never on the app's thread."""
    from tracker.sync.run import SyncError, sync

    store = Store(path)
    try:
        report = sync(store, passphrase=os.environ.get(PASSPHRASE) or None)
        return Outcome(report.problems)
    except SyncError as error:
        return Outcome([str(error)], True, error.final)
    except (StoreError, OSError) as error:
        return Outcome([str(error)], True)
    finally:
        store.close()


class FolderSync:
    """Starts the app's syncs and tells their problems, each once."""

    def __init__(self, app: App[None], store: Store, synced: Callable[[], None]) -> None:
        self.app = app
        self.store = store
        self.synced = synced
        """Called when a sync ends: the screen shown reads again what changed."""
        self.told: set[str] = set()
        self._signature: Signature | None = None
        self._running = False
        self._stopped = False
        self._retry_at = 0.0

    @property
    def enabled(self) -> bool:
        return not self.store.read_only and self.store.sync.setting("sync.folder") is not None

    def start(self) -> None:
        """After the first frame: sync once, then look at the folder every second."""
        if self.enabled:
            self._run()
            self.app.set_interval(POLL_SECONDS, self.poll)

    async def poll(self) -> None:
        """Sync again if another device's files changed or changes here wait (after a
        sync that failed, not before RETRY_SECONDS; not while the folder is away). The
        look at the folder (a stat of every other device's file) runs in a thread: a
        key pressed meanwhile is not kept waiting."""
        if self._running or self._stopped or time.monotonic() < self._retry_at:
            return
        rows = self.store.sync
        folder, device = rows.setting("sync.folder"), rows.setting("sync.device")
        if folder is None:
            return
        found = await asyncio.to_thread(look_at, folder, device)
        if found is None or self._running or self._stopped:  # away, or a sync began
            return
        if found != self._signature or self.store.sync.pending():
            self._run(found)

    def _run(self, found: Signature | None = None) -> None:
        self._running = True
        rows = self.store.sync
        self._signature = found if found is not None else signature(
            rows.setting("sync.folder"), rows.setting("sync.device"))
        path = self.store.path
        self.app.run_worker(lambda: run_sync(path), thread=True, group=GROUP,
                            exit_on_error=False)

    def finished(self, worker: Worker[Outcome]) -> None:
        """A sync worker ended (the app passes its state changes on)."""
        if worker.state == WorkerState.SUCCESS and worker.result is not None:
            problems, failed, self._stopped = worker.result  # cannot go on: not again
            self._running = False
            self._retry_at = time.monotonic() + RETRY_SECONDS if failed else 0.0
            self.tell(problems)
            self.synced()
        elif worker.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self._running = False
            self.tell([f"sync failed: {worker.error}"] if worker.error else [])

    def tell(self, problems: list[str]) -> None:
        for problem in problems:
            if problem not in self.told:
                self.told.add(problem)
                self.app.notify(f"Sync: {printable(problem)}", severity="warning", timeout=10,
                                markup=False)

    def last(self) -> None:
        """On quit: send what changed here (in this thread: the app is closing)."""
        if self.enabled and not self._stopped and self.store.sync.pending():
            run_sync(self.store.path)
