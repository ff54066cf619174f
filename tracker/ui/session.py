"""The typed owner of what every screen works with: the store, the changes made to it
(and their undo), the settings, the clock (what "today" is) and the week review computed
ahead. The app makes one and hands it to each screen; screens never reach into the app
for these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from tracker.domain.records import NamedTuple
from tracker.files.config import Config
from tracker.store import Store

if TYPE_CHECKING:
    from tracker.changes import Changes
    from tracker.ui.widgets.week_view import ReviewRows


class WeekKey(NamedTuple):
    """What a computed review depends on: the week, the data's version, and today
    (a week in progress changes with the day)."""

    monday: date
    version: tuple[int, int]
    today: date


@dataclass
class Session:
    """One open database with its settings, as the app and its screens share it."""

    store: Store
    config: Config
    today: date
    """Today's tracker day; the app moves it on at the day-start hour."""
    demo: bool = False
    """The demo's sample data (``tracker demo``): the screens say so."""
    computed_week: tuple[WeekKey, ReviewRows] | None = None
    """The latest review computed ahead (in a worker) and what it was computed for."""

    def __post_init__(self) -> None:
        self.store.today = lambda: self.today  # the rules' today is the session's

    @cached_property
    def changes(self) -> Changes:
        """Every change a screen makes goes through it, and ``u`` undoes the latest
        (made at the first change: the first frame does not load it)."""
        from tracker.changes import Changes

        return Changes(self.store)

    def week_key(self, monday: date) -> WeekKey:
        """What the review of the week starting ``monday`` depends on, now."""
        return WeekKey(monday, self.store.version(), self.today)

    def week_ahead(self, key: WeekKey) -> ReviewRows | None:
        """The review computed ahead for ``key``, if there is one."""
        if self.computed_week is not None and self.computed_week[0] == key:
            return self.computed_week[1]
        return None
