"""Changes to one habit's day, asked for the same way from Today and from the habit
page's calendar: done at a level or undone, rest, amount and note. The changes and
their rules are the changes room's (tracker/changes/); here is what is the screen's:
the dialog, the words when a change is refused, and showing what is stored after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tracker.domain.models import Entry, Habit, Level
from tracker.domain.text import printable, shorten
from tracker.store import ChangedElsewhere
from tracker.ui.screens.refusals import reporting_refusals

if TYPE_CHECKING:
    from tracker.changes.days import DayChanges
    from tracker.ui.screens.dialogs import Evidence
    from tracker.ui.session import Session


class DayEdits:
    """Makes the changes a screen's keys ask for; ``reload`` shows what is stored after."""

    def __init__(self, screen: Screen[Any], session: Session,
                 reload: Callable[[], None]) -> None:
        self.screen = screen
        self.session = session
        self.reload = reload

    @property
    def days(self) -> DayChanges:
        return self.session.changes.days

    @contextmanager
    def as_shown(self) -> Iterator[None]:
        """A change made to what the screen shows: a refusal is said in a line; if
        another process changed it since, nothing is written and the screen shows what
        is stored now. Reloads after."""
        with reporting_refusals(self.screen):
            try:
                yield
            except ChangedElsewhere:
                self.screen.notify("Changed elsewhere meanwhile (another window or command): "
                                   "this now shows what is stored. Press again to change it.",
                                   severity="warning")
        self.reload()

    def refuse_future(self, day: date) -> bool:
        """Wins are recorded once they happen: a day to come is refused, with a word
        (before a dialog asks for what to record)."""
        refused = True
        with reporting_refusals(self.screen):
            self.days.check_happened(day)
            refused = False
        return refused

    def toggle_done(self, habit: Habit, day: date, status: str | None, level: Level) -> None:
        """Space: done at ``level`` (the day's planned one), or undone if anything is
        marked (``status``, as shown)."""
        with self.as_shown():
            self.days.toggle(habit, day, status, level)

    def mark(self, habit: Habit, day: date, status: str | None, new: str) -> None:
        """m f s r: done at a level, or rest; the same key again (``new == status``)
        undoes it."""
        with self.as_shown():
            self.days.mark_or_unmark(habit, day, status, new)

    def count(self, habit: Habit, day: date, status: str | None, sign: int) -> None:
        """+ / -: the habit's step added to or taken from the day's amount (``status``
        as shown); a habit without a unit or numbers is told how to get them."""
        if not habit.counts:
            self.screen.notify(f"{shorten(printable(habit.name), 40)} has no unit to count "
                               "in: give it one in its form (h, then e), or use n.",
                               markup=False)
            return
        with self.as_shown():
            self.days.count(habit, day, sign * habit.count_step, status)

    def evidence(self, habit: Habit, day: date, entry: Entry | None) -> None:
        """n: the amount and note of a habit's day, in a dialog; an amount marks the level
        it reaches when the habit's levels have numbers."""
        if self.refuse_future(day):
            return
        from tracker.ui.screens.dialogs import EvidenceScreen

        def save(evidence: Evidence | None) -> None:
            if evidence is not None:
                with self.as_shown():
                    self.days.evidence(habit, day, evidence.amount, evidence.note,
                                       entry.status if entry else None)

        title = f"Evidence for {shorten(printable(habit.name), 40)} on {day}"
        self.screen.app.push_screen(EvidenceScreen(title, habit.unit,
                                                   entry.amount if entry else None,
                                                   entry.note if entry else ""), save)
