"""Changes to one habit's day, made the same way from Today and from the habit page's
calendar: done at a level or undone, rest, amount and note; refused for days to come
and for versions the habit does not have; never over another process's change; undoable.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tracker.domain.models import Entry, Habit, Level
from tracker.domain.text import printable, shorten
from tracker.store import ChangedElsewhere
from tracker.ui.screens.changes import reporting_refusals
from tracker.ui.undo import Undoable

if TYPE_CHECKING:
    from tracker.ui.screens.dialogs import Evidence
    from tracker.ui.session import Session


def marked_words(status: str | None) -> str:
    """What a mark did, as undo tells it: ``marked full``, ``cleared the mark``."""
    return f"marked {status}" if status else "cleared the mark"


class DayEdits:
    """Makes the changes a screen's keys ask for; ``reload`` shows what is stored after."""

    def __init__(self, screen: Screen[Any], session: Session,
                 reload: Callable[[], None]) -> None:
        self.screen = screen
        self.session = session
        self.reload = reload

    @contextmanager
    def as_shown(self, undoable: Undoable | None = None) -> Iterator[None]:
        """A change made to what the screen shows; if another process changed it since,
        nothing is written and the screen shows what is stored now. Reloads after. With
        ``undoable``, what it replaced is remembered for undo (u, ctrl+z)."""
        before = undoable.read() if undoable is not None else None
        with reporting_refusals(self.screen):
            try:
                yield
                if undoable is not None:
                    self.session.undo_later(undoable, before)
            except ChangedElsewhere:
                self.screen.notify("Changed elsewhere meanwhile (another window or command): "
                                   "this now shows what is stored. Press again to change it.",
                                   severity="warning")
        self.reload()

    def refuse_future(self, day: date) -> bool:
        """Wins are recorded once they happen: a day to come is refused, with a word."""
        if day > self.session.today:
            self.screen.notify("That day has not happened yet; wins are recorded once they "
                               "happen.", severity="warning")
            return True
        return False

    def entry(self, habit: Habit, day: date, what: str) -> Undoable:
        """A habit's day, as undo sees it."""
        days = self.session.store.days
        name = shorten(printable(habit.name), 30)
        return Undoable(f"{what} for {name} on {day:%a %d %b}",
                        partial(days.entry, habit.id, day), partial(days.put_entry, habit.id, day))

    def toggle_done(self, habit: Habit, day: date, status: str | None, level: Level) -> None:
        """Space: done at ``level`` (the day's planned one), or undone if anything is
        marked (``status``, as shown)."""
        if self.refuse_future(day):
            return
        new = None if status is not None else level
        with self.as_shown(self.entry(habit, day, marked_words(new))):
            self.session.store.days.record(habit.id, day, new, expected=status)

    def mark(self, habit: Habit, day: date, status: str | None, new: str) -> None:
        """m f s r: done at a level, or rest; the same key again (``new == status``)
        undoes it."""
        if self.refuse_future(day):
            return
        if not habit.has_level(new):
            option = "--full" if new == "full" else "--stretch"
            self.screen.notify(
                f"{printable(habit.name)} has no {new} version yet: add one in the habits "
                f"screen (h, then e), or: tracker habit edit "
                f"{shlex.quote(printable(habit.name))} {option} TEXT",
                severity="warning", markup=False)
            return
        target = None if status == new else new
        with self.as_shown(self.entry(habit, day, marked_words(target))):
            self.session.store.days.record(habit.id, day, target, expected=status)

    def evidence(self, habit: Habit, day: date, entry: Entry | None) -> None:
        """n: the amount and note of a habit's day, in a dialog; an amount marks the level
        it reaches when the habit's levels have numbers."""
        if self.refuse_future(day):
            return
        from tracker.ui.screens.dialogs import EvidenceScreen

        status = entry.status if entry else None

        def save(evidence: Evidence | None) -> None:
            if evidence is None:
                return
            days = self.session.store.days
            with self.as_shown(self.entry(habit, day, "evidence")):
                if habit.uses_amounts and evidence.amount is not None:
                    # the number marks the level it reaches (or none: evidence only)
                    days.record(habit.id, day, habit.level_for(evidence.amount),
                                amount=evidence.amount, note=evidence.note, expected=status)
                else:
                    days.set_evidence(habit.id, day, evidence.amount, evidence.note)

        title = f"Evidence for {shorten(printable(habit.name), 40)} on {day}"
        self.screen.app.push_screen(EvidenceScreen(title, habit.unit,
                                                   entry.amount if entry else None,
                                                   entry.note if entry else ""), save)
