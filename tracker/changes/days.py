"""Changes to what happened on a day: a habit's status, amount and note; micro-steps;
the check-in. The store refuses a day to come and a level the habit lacks, whoever
calls; here each change is also remembered for undo (see log.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.changes import parts
from tracker.domain import checks
from tracker.domain.models import CheckIn, Energy, Entry, Habit, Level, Step
from tracker.domain.rules import planned_level
from tracker.domain.text import printable, shorten
from tracker.store import ChangedElsewhere
from tracker.store.days import KEEP

if TYPE_CHECKING:
    from tracker.changes.log import ChangeLog
    from tracker.store import Store


def on_day(habit: Habit, day: date) -> str:
    """``Read on Mon 02 Mar``: a habit's day, in a change's description."""
    return f"{shorten(printable(habit.name), 30)} on {day:%a %d %b}"


def quoted(text: str) -> str:
    """``“water the plants”``: a micro-step's text in a change's description, cut short."""
    return f"“{shorten(printable(text), 30)}”"


class DayChanges:
    """A habit's days, micro-steps and check-ins, changed and remembered for undo."""

    def __init__(self, store: Store, log: ChangeLog) -> None:
        self.store = store
        self.log = log

    def check_happened(self, day: date) -> None:
        """Refuse (``Refused``) a day that has not happened yet: wins are recorded once
        they happen. (Before asking for what to record, e.g. the check-in's dialog.)"""
        self.store.days.check_happened(day)

    # A habit's day -----------------------------------------------------------
    def mark(self, habit: Habit, day: date, status: str | None, *, seen: Any = KEEP,
             amount: float | None = KEEP, note: str = KEEP) -> Entry | None:
        """Mark a habit's day ``status`` (None: nothing; a note or amount stays), and
        the amount and note when given. With ``seen`` (the status the person saw), a day
        changed meanwhile elsewhere is left alone: ``ChangedElsewhere``."""
        what = f"{f'marked {status}' if status else 'cleared the mark'} for {on_day(habit, day)}"
        return self.log.make(what, [parts.entry(self.store, habit.id, day)],
                             lambda: self.store.days.record(habit.id, day, status, amount=amount,
                                                            note=note, expected=seen))

    def toggle(self, habit: Habit, day: date, seen: str | None, level: Level) -> Entry | None:
        """Space: done at ``level`` (the day's planned one), or nothing if the day shows
        anything marked (``seen``)."""
        return self.mark(habit, day, None if seen is not None else level, seen=seen)

    def mark_or_unmark(self, habit: Habit, day: date, seen: str | None,
                       status: str) -> Entry | None:
        """m f s r: done at a level, or rest; the same key on a day that shows it
        (``seen == status``) takes it back."""
        return self.mark(habit, day, None if seen == status else status, seen=seen)

    def done(self, habit: Habit, day: date, level: str | None = None,
             amount: float | None = None, note: str | None = None) -> Entry | None:
        """Done from the command line: at ``level``; else at the level ``amount``
        reaches (when the habit's levels have numbers); else at the day's planned level
        (after the check-in's energy)."""
        status: str | None = level
        if level is None and amount is not None and habit.uses_amounts:
            status = habit.level_for(amount)  # the number marks the level it reaches
        elif level is None:
            checkin = self.store.days.checkin(day)
            status = planned_level(habit, checkin.energy if checkin else None)
        return self.mark(habit, day, status, amount=KEEP if amount is None else amount,
                         note=KEEP if note is None else note)

    def count(self, habit: Habit, day: date, change: float, seen: Any = KEEP,
              note: str = KEEP) -> Entry | None:
        """``+``/``-`` (the habit's step, or minus it) and ``--add N``: ``change`` added
        to the day's amount as stored (a count made meanwhile elsewhere adds up), never
        below zero, in one transaction; the level follows from the numbers as with an
        amount typed in, else the status stays. With ``seen`` (the status the person
        saw), a day marked meanwhile elsewhere is left alone: ``ChangedElsewhere``."""
        def apply() -> Entry | None:
            stored = self.store.days.entry(habit.id, day)
            status = stored.status if stored else None
            if seen is not KEEP and seen != status:
                raise ChangedElsewhere("this day was changed elsewhere meanwhile")
            amount = checks.counted(stored.amount if stored else None, change)
            return self.store.days.record(
                habit.id, day, checks.amount_level(habit, amount, status), amount=amount,
                note=note, expected=status)

        unit = f" {printable(habit.unit)}" if habit.unit else ""
        what = (f"added {change:g}{unit} to" if change >= 0 else
                f"took {-change:g}{unit} from") + f" {on_day(habit, day)}"
        return self.log.make(what, [parts.entry(self.store, habit.id, day)], apply)

    def evidence(self, habit: Habit, day: date, amount: float | None, note: str,
                 seen: str | None) -> Entry | None:
        """The amount and note of a habit's day; an amount marks the level it reaches
        when the habit's levels have numbers, else the status stays."""
        status = seen if amount is None or not habit.uses_amounts else \
            checks.amount_level(habit, amount, seen)
        return self.log.make(f"evidence for {on_day(habit, day)}",
                             [parts.entry(self.store, habit.id, day)],
                             lambda: self.store.days.record(habit.id, day, status, amount=amount,
                                                            note=note, expected=seen))

    # Micro-steps -------------------------------------------------------------
    def add_step(self, day: date, text: str, *, done: bool = False,
                 habit_id: int | None = None) -> Step:
        """A micro-step for ``day`` (days to come too: steps are planned ahead)."""
        return self.log.make(f"added {quoted(text)}", [],
                             lambda: self.store.days.add_step(day, text, done=done,
                                                              habit_id=habit_id),
                             added=lambda step: [parts.step(self.store, step.id)])

    def tick(self, step: Step) -> None:
        """Tick a micro-step, or untick a ticked one (as the person saw it: ``step``)."""
        verb = "unticked" if step.done else "ticked"
        self.log.make(f"{verb} {quoted(step.text)}", [parts.step(self.store, step.id)],
                      lambda: self.store.days.set_step_done(step.id, not step.done))

    def step_evidence(self, step: Step, amount: float | None, note: str) -> None:
        """The amount and note of a micro-step."""
        self.log.make(f"evidence for {quoted(step.text)}", [parts.step(self.store, step.id)],
                      lambda: self.store.days.set_step_evidence(step.id, amount, note))

    def bring_along(self, steps: list[Step], day: date) -> None:
        """Bring open micro-steps (as the person saw them) along to ``day``: moved, never
        copied; each keeps the day it was first planned; ``u`` puts them back."""
        words = f"{len(steps)} micro-steps" if len(steps) != 1 else quoted(steps[0].text)
        self.log.make(f"brought along {words}", [parts.step(self.store, s.id) for s in steps],
                      lambda: self.store.days.bring_along(steps, day))

    def delete_step(self, step: Step) -> None:
        """Delete a micro-step (``u`` puts it back, its identity too)."""
        self.log.make(f"deleted {quoted(step.text)}", [parts.step(self.store, step.id)],
                      lambda: self.store.days.delete_step(step.id))

    # Check-ins ---------------------------------------------------------------
    def check_in(self, day: date, energy: Energy, intention: str = KEEP,
                 note: str = KEEP) -> CheckIn:
        """Record (or change) a day's energy, keeping intention and note unless given."""
        return self.log.make(f"checked in for {day:%a %d %b}",
                             [parts.checkin(self.store, day), parts.declined(self.store, day)],
                             lambda: self.store.days.check_in(day, energy, intention, note))

    def decline_checkin(self, day: date) -> None:
        """Escape on the check-in: "not today"; it does not ask again that day."""
        self.check_happened(day)
        self.log.make(f"declined the check-in of {day:%a %d %b}",
                      [parts.declined(self.store, day)],
                      lambda: self.store.days.decline_checkin(day))
