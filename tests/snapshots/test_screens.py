"""Snapshot tests: each screen from the sample data, with a pinned date and terminal size.

Update after an intended change with ``pytest tests/snapshots --snapshot-update``
and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TODAY
from tracker.domain.sample import sample_document
from tracker.files.config import Config
from tracker.io.json_format import import_document
from tracker.store import Store
from tracker.ui.app import make_app

QUIET = Config(checkin_on_start=False)


@pytest.fixture(autouse=True)
def morning(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check-in's greeting follows the clock: pinned like the date."""
    monkeypatch.setattr("tracker.ui.screens.checkin.local_hour", lambda: 8)


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    store = Store(tmp_path / "sample.db")
    import_document(store, sample_document(TODAY))
    return store


def test_today(sample: Store, snap_compare) -> None:
    assert snap_compare(make_app(sample, today=TODAY, config=QUIET), terminal_size=(120, 40))


def test_today_small_terminal(sample: Store, snap_compare) -> None:
    assert snap_compare(make_app(sample, today=TODAY, config=QUIET), terminal_size=(80, 24))


def test_checkin(sample: Store, snap_compare) -> None:
    assert snap_compare(make_app(sample, today=TODAY, config=QUIET), press=["c", "2"],
                        terminal_size=(120, 40))


def test_habits(sample: Store, snap_compare) -> None:
    assert snap_compare(make_app(sample, today=TODAY, config=QUIET), press=["h"],
                        terminal_size=(120, 40))


def test_help(sample: Store, snap_compare) -> None:
    assert snap_compare(make_app(sample, today=TODAY, config=QUIET), press=["question_mark"],
                        terminal_size=(120, 50))


def test_week(sample: Store, snap_compare) -> None:
    assert snap_compare(make_app(sample, today=TODAY, config=QUIET), press=["w"],
                        terminal_size=(120, 60))


def test_first_run(tmp_path: Path, snap_compare) -> None:
    store = Store(tmp_path / "empty.db")
    assert snap_compare(make_app(store, today=TODAY, config=QUIET), terminal_size=(100, 30))


def test_habit_form_at_80x24(sample: Store, snap_compare) -> None:
    """The form scrolls inside its dialog on a small terminal."""
    assert snap_compare(make_app(sample, today=TODAY, config=QUIET), press=["h", "e"],
                        terminal_size=(80, 24))


def test_checkin_at_80x24(sample: Store, snap_compare) -> None:
    assert snap_compare(make_app(sample, today=TODAY, config=QUIET), press=["c", "3"],
                        terminal_size=(80, 24))


async def charts_drawn(pilot) -> None:
    """The habit page, once its charts (drawn after the first frame) are in."""
    await pilot.press("enter")
    for _ in range(200):
        await pilot.pause(0.02)
        if pilot.app.screen.query("#page-chart-set"):
            break
    await pilot.pause(0.1)


def test_habit_page(sample: Store, snap_compare) -> None:
    assert snap_compare(make_app(sample, today=TODAY, config=QUIET), run_before=charts_drawn,
                        terminal_size=(120, 50))


def test_habit_page_small_terminal(sample: Store, snap_compare) -> None:
    assert snap_compare(make_app(sample, today=TODAY, config=QUIET), run_before=charts_drawn,
                        terminal_size=(80, 24))
