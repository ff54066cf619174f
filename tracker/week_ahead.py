"""The weekly review computed ahead of the ``w`` key, in a worker thread: what a computed
review depends on, and the computation with the worker's own connection."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tracker.store import Store

if TYPE_CHECKING:
    from tracker.domain.week import WeekSummary


class WeekKey(NamedTuple):
    """What a computed review depends on: the week, the data's version, and today
    (a week in progress changes with the day)."""

    monday: date
    version: tuple[int, int]
    today: date


def compute_week(path: Path, first_weekday: int,
                  key: WeekKey) -> tuple[WeekKey, WeekSummary]:
    """In a worker thread, with its own connection (SQLite's own, see store/database.py):
    the review for ``key`` (and the review's screen code imported, so that the first
    ``w`` does not wait for it)."""
    import tracker.screens.week  # noqa: F401

    store = Store(path)
    try:
        return key, store.week_summary(key.monday, first_weekday, key.today)
    finally:
        store.close()
