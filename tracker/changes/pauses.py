"""Pauses: days off on purpose for a habit or every habit, which may lie ahead; ended
early, or their days moved. Each change is remembered for undo."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.changes import parts
from tracker.domain.pauses import Pause

if TYPE_CHECKING:
    from tracker.changes.log import ChangeLog
    from tracker.domain.models import Habit
    from tracker.store import Store


def span(pause: Pause) -> str:
    """``Sat 13 Jun – Sun 21 Jun``."""
    return f"{pause.first:%a %d %b} – {pause.last:%a %d %b}"


class PauseChanges:
    """Pauses, changed and remembered for undo."""

    def __init__(self, store: Store, log: ChangeLog) -> None:
        self.store = store
        self.log = log

    def who(self, pause: Pause) -> str:
        """The habit a pause is for, or ``every habit``."""
        from tracker.changes.habits import named

        if pause.habit_id is None:
            return "every habit"
        return named(self.store.habits.get(pause.habit_id))

    def add(self, first: date, last: date, habit: Habit | None = None,
            note: str = "") -> Pause:
        """Pause a habit (None: every habit) from ``first`` to ``last``."""
        made = self.log.make(
            f"paused {'every habit' if habit is None else habit.name}", [],
            lambda: self.store.pauses.add(first, last, habit.id if habit else None, note),
            added=lambda pause: [parts.pause(self.store, pause.id)])
        return made

    def end(self, pause: Pause, day: date) -> Pause | None:
        """End a pause (as the person saw it) before ``day``; one not begun by then is
        called off (None)."""
        return self.log.make(f"ended the pause of {self.who(pause)} ({span(pause)})",
                             [parts.pause(self.store, pause.id)],
                             lambda: self.store.pauses.end(pause, day))

    def change_span(self, pause: Pause, first: date, last: date,
                    note: str | None = None) -> Pause:
        """A pause's days moved (its end earlier: ended early; later: longer; its first
        day likewise), and its note if one is given."""
        return self.log.make(f"changed the pause of {self.who(pause)} ({span(pause)})",
                             [parts.pause(self.store, pause.id)],
                             lambda: self.store.pauses.change_span(pause, first, last, note))

    def merge(self, pauses: list[Pause], first: date, last: date,
              note: str | None = None) -> Pause:
        """Several pauses of the same habits made one, from ``first`` to ``last`` (the
        first one's note, unless one is given): one change, one undo."""
        keep, *rest = sorted(pauses, key=lambda p: (p.first, p.id))

        def apply() -> Pause:
            for pause in rest:
                self.store.pauses.put(pause.id, None, pause)
            return self.store.pauses.change_span(keep, first, last, note)

        return self.log.make(f"made one pause of {self.who(keep)} ({span(keep)} and "
                             f"{len(rest)} more)",
                             [parts.pause(self.store, p.id) for p in (keep, *rest)], apply)
