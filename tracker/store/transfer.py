"""The whole database as rows, and rows put in as they are: the SQL behind the JSON and
CSV export and behind imports (which check every value before calling these)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
EntryRow = tuple[int, str, str | None, float | None, str]
"""``(habit_id, day, status, amount, note)``, the day as ``YYYY-MM-DD``."""
StepRow = tuple[str, str, bool, int | None, float | None, str, int, str | None]
"""``(day, text, done, habit_id, amount, note, position)``."""
CheckInRow = tuple[str, str, str, str]
"""``(day, energy, intention, note)``."""


class Transfer:
    """Every entry, micro-step and check-in as rows, in and out."""

    def __init__(self, conn: sqlite3.Connection, write: Write) -> None:
        self._conn = conn
        self._write = write

    def entries(self) -> Iterator[EntryRow]:
        """Every entry, by day then habit."""
        yield from self._conn.execute(
            "SELECT habit_id, day, status, amount, note FROM entries ORDER BY day, habit_id")

    def steps(self) -> Iterator[StepRow]:
        """Every micro-step, by day then position."""
        for day, text, done, habit_id, amount, note, position, planned in self._conn.execute(
                "SELECT day, text, done, habit_id, amount, note, position, planned_on "
                "FROM steps ORDER BY day, position, text, done, note, id"):
            yield day, text, bool(done), habit_id, amount, note, position, planned

    def checkins(self) -> Iterator[CheckInRow]:
        yield from self._conn.execute(
            "SELECT day, energy, intention, note FROM checkins ORDER BY day")

    def entry_keys(self) -> set[tuple[int, str]]:
        """``(habit_id, day)`` of every entry: what an import must not overwrite."""
        return set(self._conn.execute("SELECT habit_id, day FROM entries"))

    def add_entries(self, rows: list[EntryRow]) -> None:
        """Insert new entries (in primary-key order, SQLite appends instead of seeking)."""
        with self._write() as conn:
            conn.executemany("INSERT INTO entries (habit_id, day, status, amount, note) "
                             "VALUES (?, ?, ?, ?, ?)", rows)

    def add_checkin(self, row: CheckInRow) -> bool:
        """Insert a day's check-in unless the day has one; whether it was added."""
        with self._write() as conn:
            cursor = conn.execute("INSERT OR IGNORE INTO checkins (day, energy, intention, "
                                  "note) VALUES (?, ?, ?, ?)", row)
        return bool(cursor.rowcount)

    def has_step(self, day: str, text: str) -> bool:
        return self._conn.execute("SELECT 1 FROM steps WHERE day = ? AND text = ?",
                                  (day, text)).fetchone() is not None

    def add_step(self, row: StepRow) -> None:
        day, text, done, habit_id, amount, note, position, planned_on = row
        with self._write() as conn:
            conn.execute("INSERT INTO steps (day, text, done, habit_id, amount, note, position, "
                         "planned_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (day, text, int(done), habit_id, amount, note, position, planned_on))


class ForeignDatabase:
    """Another program's SQLite file (a Loop Habit Tracker backup), read and never
    written: opened immutable and read-only, so not even its journal is touched."""

    def __init__(self, uri: str) -> None:
        self._conn = sqlite3.connect(uri, uri=True)

    def tables(self) -> set[str]:
        return {r[0].lower() for r in self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}

    def version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def columns(self, table: str) -> set[str]:
        return {row[1].lower() for row in self._conn.execute(f"PRAGMA table_info({table})")}

    def records(self, table: str, order: str) -> Iterator[dict[str, Any]]:
        """Each row of ``table`` as a dict keyed by lower-case column name."""
        cursor = self._conn.execute(f"SELECT * FROM {table} ORDER BY {order}")
        names = [d[0].lower() for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def rows(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """Plain tuples, for the large tables."""
        yield from self._conn.execute(sql)

    def close(self) -> None:
        self._conn.close()
