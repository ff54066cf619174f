"""Every change a person can make, from the command line or the app, in one place: the
rules (no days to come, the level must exist, an amount marks the level it reaches),
the check that nothing changed meanwhile elsewhere, changes of several steps in one
transaction, and the undo of each (``Changes.undo``). No UI: the app's screens and the
command line call these and only say what happened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.changes.days import DayChanges
from tracker.changes.habits import HabitChanges
from tracker.changes.imports import ImportChanges
from tracker.changes.log import ChangeLog, Made
from tracker.changes.pauses import PauseChanges
from tracker.changes.reviews import ReviewChanges

if TYPE_CHECKING:
    from tracker.store import Store

__all__ = ["Changes", "Made"]


class Changes:
    """The changes made to one store, each remembered for undo."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.log = ChangeLog(store)
        self.days = DayChanges(store, self.log)
        self.habits = HabitChanges(store, self.log)
        self.pauses = PauseChanges(store, self.log)
        self.reviews = ReviewChanges(store, self.log, self.habits)
        self.imports = ImportChanges(store, self.log)

    def undo(self) -> Made | None:
        """Put back what the latest change replaced (see ``ChangeLog.undo``)."""
        return self.log.undo()
