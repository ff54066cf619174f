"""The weekly review computed ahead of the ``w`` key, in a worker thread: the computation
with the worker's own connection, wrapped into the review's rows (what it depends on is
the session's ``WeekKey``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.store import Store
from tracker.ui.session import WeekKey

if TYPE_CHECKING:
    from rich.console import Console

    from tracker.ui.widgets.week_view import ReviewRows


def compute_week(path: Path, first_weekday: int, key: WeekKey, width: int,
                 console: Console, grouped: bool = True) -> tuple[WeekKey, ReviewRows]:
    """In a worker thread, with its own connection (SQLite's own, see store/database.py):
    the review for ``key`` as rows ``width`` wide (``console`` only measures text; a width
    of 0, before the review was ever laid out, leaves the wrapping to ``w``)."""
    import tracker.ui.screens.week  # noqa: F401 (imported here: the first ``w`` does not wait)
    from tracker.ui.widgets.week_view import ReviewRows, review_rows

    store = Store(path)
    try:
        summary = store.week_summary(key.monday, first_weekday, key.today)
    finally:
        store.close()
    if not width:
        return key, ReviewRows(summary, (), 0, (), grouped)
    return key, review_rows(summary, width, console, grouped)
