"""What the sync tests share: devices on one folder, syncing round, comparing exports.
Its fixtures are made known to the tests by tests/unit/conftest.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tracker.io.json_format import export_document
from tracker.store import Store
from tracker.sync.run import sync


def exported(store: Store) -> dict[str, object]:
    """The JSON export, less the time it was made: equal data, equal documents."""
    document = export_document(store)
    document.pop("exported_at", None)
    return document


def converge(*stores: Store) -> None:
    """Sync every device twice round: all of them have seen everything."""
    for _ in range(2):
        for store in stores:
            report = sync(store)
            assert report.problems == []


def own(store: Store) -> Path:
    """A device's own folder in the sync folder."""
    return Path(str(store.sync.setting("sync.folder"))) / "tracker-sync" / str(
        store.sync.setting("sync.device"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "Sync"


@pytest.fixture
def devices(tmp_path: Path, folder: Path) -> Iterator[Callable[[str], Store]]:
    """Make a device (a database that syncs through ``folder``) by its name."""
    opened: list[Store] = []

    def make(name: str) -> Store:
        store = Store(tmp_path / f"{name}.db")
        sync(store, folder, name)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
