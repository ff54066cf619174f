"""Shared fixtures: every test runs with its own data and config folders, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tracker.domain.sample import sample_document
from tracker.io.json_format import import_document
from tracker.store import Store

TODAY = date(2026, 3, 12)  # a Thursday; the sample's eight weeks end here


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "run"))  # not made: nothing kept there
    monkeypatch.setenv("TRACKER_CONFIG", str(home / "config" / "tracker" / "config.toml"))
    monkeypatch.delenv("TRACKER_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store(db_path)
    yield opened
    opened.close()


@pytest.fixture
def sample_store(db_path: Path) -> Iterator[Store]:
    opened = Store(db_path)
    import_document(opened, sample_document(TODAY), source="sample")
    yield opened
    opened.close()
