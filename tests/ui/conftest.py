"""Fixtures for Pilot tests: apps on temporary stores with a pinned date."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import TODAY
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.app import TrackerApp, make_app


@pytest.fixture
def make(store: Store):
    def build(target: Store = store, *, day: date | None = None,
              config: Config | None = None) -> TrackerApp:
        return make_app(target, today=TODAY, day=day, config=config or Config())

    return build
