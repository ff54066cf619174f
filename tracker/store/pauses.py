"""Pauses: the only SQL about them. A pause is days off on purpose for one habit or for
every habit; it may lie ahead (unlike marks)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta

from tracker.domain import checks
from tracker.domain.pauses import MAX_PAUSE_DAYS, Pause
from tracker.store.errors import ChangedElsewhere, StoreError
from tracker.store.habit_rows import require_habit

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from typing import Any

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
COLUMNS = "id, first, last, habit_id, note"


def _pause(row: tuple[Any, ...]) -> Pause:
    id_, first, last, habit_id, note = row
    return Pause(id_, date.fromisoformat(first), date.fromisoformat(last), habit_id, note)


def check_span(first: date, last: date, note: str) -> None:
    """A pause runs forward, at most a year, with a short note; StoreError otherwise."""
    if last < first:
        raise StoreError(f"a pause ends on or after its first day ({first:%a %d %b %Y}), "
                         f"not on {last:%a %d %b %Y}")
    if (last - first).days + 1 > MAX_PAUSE_DAYS:
        raise StoreError(f"a pause lasts at most {MAX_PAUSE_DAYS} days; for a longer break, "
                         "archive the habit (its history is kept)")
    try:
        checks.text(note, "note", 200)
    except ValueError as error:
        raise StoreError(str(error)) from None


class Pauses:
    """Pauses, read and written; every write commits at once."""

    def __init__(self, conn: sqlite3.Connection, write: Write) -> None:
        self._conn = conn
        self._write = write

    def all(self) -> list[Pause]:
        """Every pause, the earliest first."""
        return [_pause(r) for r in self._conn.execute(
            f"SELECT {COLUMNS} FROM pauses ORDER BY first, id")]

    def between(self, first: date, last: date) -> list[Pause]:
        """The pauses with a day from ``first`` to ``last``."""
        return [_pause(r) for r in self._conn.execute(
            f"SELECT {COLUMNS} FROM pauses WHERE first <= ? AND last >= ? ORDER BY first, id",
            (last.isoformat(), first.isoformat()))]

    def get(self, pause_id: int) -> Pause | None:
        row = self._conn.execute(f"SELECT {COLUMNS} FROM pauses WHERE id = ?",
                                 (pause_id,)).fetchone()
        return None if row is None else _pause(row)

    def add(self, first: date, last: date, habit_id: int | None = None,
            note: str = "") -> Pause:
        """A pause from ``first`` to ``last`` for a habit (None: every habit)."""
        import uuid  # here: tracker status reads pauses without it

        note = " ".join(note.split())
        check_span(first, last, note)
        with self._write() as conn:
            require_habit(conn, habit_id)
            cursor = conn.execute(
                "INSERT INTO pauses (uuid, first, last, habit_id, note) VALUES (?, ?, ?, ?, ?)",
                (uuid.uuid4().hex, first.isoformat(), last.isoformat(), habit_id, note))
            pause_id = cursor.lastrowid
        assert pause_id is not None
        pause = self.get(pause_id)
        assert pause is not None
        return pause

    def end(self, pause: Pause, day: date) -> Pause | None:
        """End a pause (as the person saw it) before ``day``: its last day is the day
        before; a pause that had not begun by then is gone (None)."""
        if day <= pause.first:
            self.put(pause.id, None, pause)
            return None
        changed = pause._replace(last=min(pause.last, day - timedelta(days=1)))
        self.put(pause.id, changed, pause)
        return changed

    def change_span(self, pause: Pause, first: date, last: date,
                    note: str | None = None) -> Pause:
        """New days for a pause (as the person saw it): a later last day makes it longer,
        an earlier one ends it early; the first day moved likewise; a new note if given."""
        note = pause.note if note is None else " ".join(note.split())
        check_span(first, last, note)
        changed = pause._replace(first=first, last=last, note=note)
        self.put(pause.id, changed, pause)
        return changed

    def put(self, pause_id: int, state: Pause | None, expected: Pause | None) -> None:
        """Put a pause back as it was (``state``; None: none), if it is still as
        ``expected``; else ``ChangedElsewhere``."""
        with self._write() as conn:
            stored = self.get(pause_id)
            if stored != expected:
                raise ChangedElsewhere("this pause was changed elsewhere since")
            moved = stored is not None and state is not None and (
                f"{stored.first:%Y-%m}" != f"{state.first:%Y-%m}")
            if state is None or moved:  # sync keeps a pause in its first day's month: a
                # first day moved to another month is a new pause there (a new identity)
                conn.execute("DELETE FROM pauses WHERE id = ?", (pause_id,))
            if state is None:
                return
            conn.execute(
                "INSERT INTO pauses (id, first, last, habit_id, note) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET first = excluded.first, last = excluded.last, "
                "habit_id = excluded.habit_id, note = excluded.note",
                (pause_id, state.first.isoformat(), state.last.isoformat(), state.habit_id,
                 state.note))

    def of_habit(self, habit_id: int) -> tuple[Pause, ...]:
        """A habit's own pauses (not every habit's), as undo keeps them."""
        return tuple(_pause(r) for r in self._conn.execute(
            f"SELECT {COLUMNS} FROM pauses WHERE habit_id = ? ORDER BY id", (habit_id,)))

    def put_of_habit(self, habit_id: int, state: tuple[Pause, ...] | None,
                     expected: tuple[Pause, ...] | None) -> None:
        """Put a habit's own pauses back as they were (a deleted habit put back), if
        they are still as ``expected``; else ``ChangedElsewhere``."""
        with self._write() as conn:
            if self.of_habit(habit_id) != (expected or ()):
                raise ChangedElsewhere("this habit's pauses were changed elsewhere since")
            conn.execute("DELETE FROM pauses WHERE habit_id = ?", (habit_id,))
            conn.executemany(
                "INSERT INTO pauses (id, first, last, habit_id, note) VALUES (?, ?, ?, ?, ?)",
                [(p.id, p.first.isoformat(), p.last.isoformat(), habit_id, p.note)
                 for p in state or ()])
