"""Changes to habits: add, edit any field (a new minimum is a rung of the ladder),
archive or restore, reorder, delete. Names, minimums, level numbers and schedules are
checked by the store whoever calls; each change here is remembered for undo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.changes import parts
from tracker.domain.models import Habit
from tracker.domain.text import clean_name, printable, shorten
from tracker.store import ChangedElsewhere

if TYPE_CHECKING:
    from tracker.changes.log import ChangeLog
    from tracker.store import Store


def named(habit: Habit | str) -> str:
    """A habit's name in a change's description, as typed and cut short."""
    return shorten(printable(habit if isinstance(habit, str) else habit.name), 30)


class HabitChanges:
    """Habits, changed and remembered for undo."""

    def __init__(self, store: Store, log: ChangeLog) -> None:
        self.store = store
        self.log = log

    def unchanged(self, seen: Habit) -> Habit:
        """The habit as stored, if it is still as the person saw it; else
        ``ChangedElsewhere`` (another window or command changed it meanwhile)."""
        current = self.store.habits.get(seen.id)
        if current != seen:
            raise ChangedElsewhere(f"{named(seen)} was changed elsewhere meanwhile; "
                                   "nothing was changed here")
        return current

    def add(self, name: str, minimum: str, **fields: Any) -> Habit:
        """A new habit at the end of the list, created today (``Habits.add``'s fields)."""
        fields.setdefault("created", self.store.today())
        return self.log.make(f"added {named(clean_name(name))}", [],
                             lambda: self.store.habits.add(name, minimum, **fields),
                             added=lambda habit: [parts.habit(self.store, habit.id)])

    def edit(self, habit: Habit, *, seen: bool = False, **changes: Any) -> Habit:
        """Change any editable field (``Habits.update``); a new minimum extends the
        ladder today. With ``seen``, ``habit`` is what the person saw: a habit changed
        meanwhile elsewhere is left alone."""
        def apply() -> Habit:
            current = self.unchanged(habit) if seen else self.store.habits.get(habit.id)
            return self.store.habits.update(current, self.store.today(), **changes)

        return self.log.make(f"edited {named(habit)}",
                             [parts.habit(self.store, habit.id)], apply)

    def rename_direction(self, old: str, new: str) -> list[Habit]:
        """Rename a direction on every habit serving it (case and spaces aside), in one
        change that ``u`` takes back whole; the habits renamed (none: no such direction).
        ValueError when ``new`` is empty or too long."""
        from tracker.domain import checks
        from tracker.domain.directions import matches

        new = " ".join(checks.text(new, "direction", checks.MAX_NAME).split())
        if not new:
            raise ValueError("a direction needs a name; to take one off a habit: tracker "
                             "habit edit NAME --direction ''")
        if not old.strip():
            raise ValueError("name the direction to rename (tracker habit list shows them)")
        serving = [h for h in self.store.habits.all(include_archived=True)
                   if matches(h.direction, old)]

        def apply() -> list[Habit]:
            today = self.store.today()
            return [self.store.habits.update(self.store.habits.get(h.id), today,
                                             direction=new) for h in serving]

        return self.log.make(f"renamed the direction {named(old)} to {named(new)}",
                             [parts.habit(self.store, h.id) for h in serving], apply)

    def archive(self, habit: Habit, archived: bool = True) -> Habit:
        """Archive a habit (its history is kept), or restore it."""
        verb = "archived" if archived else "restored"
        return self.log.make(f"{verb} {named(habit)}", [parts.habit(self.store, habit.id)],
                             lambda: self.store.habits.set_archived(habit, archived))

    def move(self, habit: Habit, offset: int, grouped: bool = False) -> None:
        """Move a habit up (negative) or down among the active habits (``grouped``:
        among those of its direction, as listed under them)."""
        self.log.make(f"moved {named(habit)}", [parts.order(self.store)],
                      lambda: self.store.habits.move(habit, offset, grouped))

    def delete(self, habit: Habit) -> Path:
        """Delete a habit and its history, after a backup of the whole database; the
        backup's path. Undo puts every row of it back (the backup is the way back
        from elsewhere: the command line, another session)."""
        copy = self.store.backup_before("delete")
        # its pauses listed first: undo puts back in reverse, the habit before them
        self.log.make(f"deleted {named(habit)}", [parts.habit_pauses(self.store, habit.id),
                                                  parts.whole_habit(self.store, habit.id)],
                      lambda: self.store.habits.delete(habit))
        return copy
