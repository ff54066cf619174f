"""Habits and their level ladders: the only SQL about habits."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date

from tracker.domain.checks import MAX_AMOUNT, MAX_NAME
from tracker.domain.models import Habit, Rung, Schedule
from tracker.domain.records import NamedTuple
from tracker.domain.text import clean_name, quoted
from tracker.store.errors import (
    ChangedElsewhere,
    DuplicateHabit,
    HabitGone,
    StoreError,
    UnknownHabit,
)
from tracker.store.habit_rows import HABIT_COLUMNS, habit_from_row, schedule_columns

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from typing import Any

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]

NUMBERS = ("min_amount", "full_amount", "stretch_amount")
EDITABLE = ("name", "direction", "minimum", "full", "stretch", "unit", "schedule", *NUMBERS,
            "at_most", "step")


class HabitRows(NamedTuple):
    """Every row that is one habit's: its own (``columns``, ``habit``), its ladder
    (id, since, text), entries (day, status, amount, note), sources (key) and the
    micro-steps tied to it (id)."""

    columns: tuple[str, ...]
    habit: tuple[Any, ...]
    ladder: tuple[tuple[Any, ...], ...]
    entries: tuple[tuple[Any, ...], ...]
    sources: tuple[tuple[Any, ...], ...]
    steps: tuple[tuple[Any, ...], ...]


class Habits:
    """Reads and writes habits; every write is its own committed transaction."""

    def __init__(self, conn: sqlite3.Connection, write: Write) -> None:
        self._conn = conn
        self._write = write

    def all(self, include_archived: bool = False) -> list[Habit]:
        """Habits in their display order (archived ones last when included)."""
        where = "" if include_archived else "WHERE archived = 0"
        rows = self._conn.execute(
            f"SELECT {HABIT_COLUMNS} FROM habits {where} ORDER BY archived, position, id")
        return [habit_from_row(r) for r in rows]

    def get(self, habit_id: int) -> Habit:
        row = self._conn.execute(
            f"SELECT {HABIT_COLUMNS} FROM habits WHERE id = ?", (habit_id,)).fetchone()
        if row is None:
            raise HabitGone(habit_id)
        return habit_from_row(row)

    def find(self, name: str) -> Habit:
        """The habit with this name (case-insensitive), archived ones included.

        Raises:
            UnknownHabit: naming the closest existing names.
        """
        row = self._conn.execute(
            f"SELECT {HABIT_COLUMNS} FROM habits WHERE name = ? COLLATE NOCASE",
            (clean_name(name),)).fetchone()
        if row is not None:
            return habit_from_row(row)
        import difflib

        names = [r[0] for r in self._conn.execute("SELECT name FROM habits")]
        lowered = {n.lower(): n for n in names}
        close = difflib.get_close_matches(name.lower(), list(lowered), n=3, cutoff=0.5)
        close += [n.lower() for n in names if name.lower() in n.lower()
                  and n.lower() not in close]
        raise UnknownHabit(name, [lowered[c] for c in close[:3]])

    def first_entries(self) -> dict[int, date]:
        """The day of each habit's first entry (an index lookup per habit)."""
        rows = self._conn.execute(
            "SELECT id, (SELECT MIN(day) FROM entries WHERE habit_id = habits.id) FROM habits")
        return {hid: date.fromisoformat(day) for hid, day in rows if day is not None}

    def add(self, name: str, minimum: str, *, created: date, full: str = "",
            stretch: str = "", direction: str = "", unit: str = "",
            schedule: Schedule | None = None, archived: bool = False,
            ladder: list[Rung] | None = None, min_amount: float | None = None,
            full_amount: float | None = None, stretch_amount: float | None = None,
            at_most: bool = False, step: float | None = None,
            uuid: str | None = None) -> Habit:
        """Create a habit at the end of the list; its ladder starts with the minimum.
        ``uuid``: the identity it takes (an import's, the same on every device), unless
        a habit has or had it here (then a new one)."""
        name = clean_name(name)
        _check_texts(name, minimum)
        numbers = {"min_amount": min_amount, "full_amount": full_amount,
                   "stretch_amount": stretch_amount}
        _check_numbers(numbers, at_most)
        _check_step(step)
        schedule = schedule or Schedule.daily()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM habits WHERE name = ? COLLATE NOCASE",
                            (name,)).fetchone():
                raise DuplicateHabit(
                    f"a habit named {quoted(name)} exists already; pick another name")
            position = conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM habits").fetchone()[0]
            columns = {"name": name, "direction": direction.strip(),
                       "minimum": minimum.strip(), "full": full.strip(),
                       "stretch": stretch.strip(), "unit": unit.strip(),
                       "position": position, "archived": int(archived),
                       "created": created.isoformat(), **schedule_columns(schedule),
                       **numbers, "at_most": int(at_most), "step": step}
            if uuid and not conn.execute(
                    "SELECT 1 FROM habits WHERE uuid = ?1 UNION ALL "
                    "SELECT 1 FROM sync_tombstones WHERE uuid = ?1", (uuid,)).fetchone():
                columns["uuid"] = uuid
            cursor = conn.execute(
                f"INSERT INTO habits ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})", tuple(columns.values()))
            habit_id = cursor.lastrowid
            rungs = ladder or [Rung(created, minimum.strip())]
            conn.executemany("INSERT INTO ladder (habit_id, since, text) VALUES (?, ?, ?)",
                             [(habit_id, r.since.isoformat(), r.text) for r in rungs])
        assert habit_id is not None
        return self.get(habit_id)

    def update(self, habit: Habit, changed_on: date, **changes: Any) -> Habit:
        """Change any of the editable fields; a new minimum extends the ladder."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))}")
        columns: dict[str, Any] = {}
        for key, value in changes.items():
            if key == "schedule":
                columns.update(schedule_columns(value))
            elif key == "name":
                columns["name"] = clean_name(value)
            elif key in NUMBERS or key == "step":
                columns[key] = value
            elif key == "at_most":
                columns[key] = int(bool(value))
            else:
                columns[key] = value.strip()
        _check_texts(columns.get("name", habit.name), columns.get("minimum", habit.minimum))
        _check_numbers({n: columns.get(n, getattr(habit, n)) for n in NUMBERS},
                       bool(columns.get("at_most", habit.at_most)))
        _check_step(columns.get("step"))
        with self._write() as conn:
            if "name" in columns and conn.execute(
                    "SELECT 1 FROM habits WHERE name = ? COLLATE NOCASE AND id != ?",
                    (columns["name"], habit.id)).fetchone():
                raise DuplicateHabit(
                    f"a habit named {quoted(columns['name'])} exists already; pick another name")
            if columns:
                assignments = ", ".join(f"{c} = ?" for c in columns)
                conn.execute(f"UPDATE habits SET {assignments} WHERE id = ?",
                             (*columns.values(), habit.id))
            if "minimum" in columns and columns["minimum"] != habit.minimum:
                conn.execute("DELETE FROM ladder WHERE habit_id = ? AND since = ?",
                             (habit.id, changed_on.isoformat()))
                conn.execute("INSERT INTO ladder (habit_id, since, text) VALUES (?, ?, ?)",
                             (habit.id, changed_on.isoformat(), columns["minimum"]))
        return self.get(habit.id)

    def state(self, habit_id: int) -> tuple[Habit, list[Rung]] | None:
        """A habit's fields and ladder (None: no such habit), as undo keeps them."""
        row = self._conn.execute(f"SELECT {HABIT_COLUMNS} FROM habits WHERE id = ?",
                                 (habit_id,)).fetchone()
        return None if row is None else (habit_from_row(row), self.ladder(habit_id))

    def put(self, habit_id: int, state: tuple[Habit, list[Rung]] | None,
            expected: tuple[Habit, list[Rung]] | None) -> None:
        """Put back a habit's fields, position and ladder as they were (``state``; None
        removes a habit that was added, with nothing recorded since), if it is still as
        ``expected`` (what the change being undone left); else ``ChangedElsewhere``."""
        with self._write() as conn:
            if self.state(habit_id) != expected or state is None and conn.execute(
                    "SELECT 1 FROM entries WHERE habit_id = ? LIMIT 1", (habit_id,)).fetchone():
                raise ChangedElsewhere("this habit was changed elsewhere since")
            if state is None:
                delete_habit_rows(conn, habit_id)
                return
            habit, ladder = state
            columns = {"name": habit.name, "direction": habit.direction,
                       "minimum": habit.minimum, "full": habit.full, "stretch": habit.stretch,
                       "unit": habit.unit, "position": habit.position,
                       "archived": int(habit.archived), "min_amount": habit.min_amount,
                       "full_amount": habit.full_amount,
                       "stretch_amount": habit.stretch_amount, "at_most": int(habit.at_most),
                       "step": habit.step, **schedule_columns(habit.schedule)}
            conn.execute(f"UPDATE habits SET {', '.join(f'{c} = ?' for c in columns)} "
                         "WHERE id = ?", (*columns.values(), habit.id))
            conn.execute("DELETE FROM ladder WHERE habit_id = ?", (habit.id,))
            conn.executemany("INSERT INTO ladder (habit_id, since, text) VALUES (?, ?, ?)",
                             [(habit.id, r.since.isoformat(), r.text) for r in ladder])

    def positions(self) -> dict[int, int]:
        return dict(self._conn.execute("SELECT id, position FROM habits"))

    def put_positions(self, positions: dict[int, int], expected: dict[int, int]) -> None:
        """Put back the order of the habits, if it is still ``expected``."""
        with self._write() as conn:
            if self.positions() != expected:
                raise ChangedElsewhere("the order of the habits was changed elsewhere since")
            conn.executemany("UPDATE habits SET position = ? WHERE id = ?",
                             [(p, i) for i, p in positions.items()])

    def set_archived(self, habit: Habit, archived: bool = True) -> Habit:
        with self._write() as conn:
            conn.execute("UPDATE habits SET archived = ? WHERE id = ?",
                         (int(archived), habit.id))
        return self.get(habit.id)

    def move(self, habit: Habit, offset: int, grouped: bool = False) -> None:
        """Move a habit up (negative) or down among the active habits; ``grouped``:
        among those of its direction, as listed under them (that order kept)."""
        from tracker.domain.directions import listed_order

        habits = self.all()
        order, low, high = [h.id for h in habits], 0, len(habits) - 1
        if habit.id not in order:
            return
        if grouped:
            order, low, high = listed_order(habits, lambda h: h.direction, habit.id,
                                            lambda h: h.id)
        index = order.index(habit.id)
        target = max(low, min(high, index + offset))
        if target == index:
            return
        order.insert(target, order.pop(index))
        with self._write() as conn:
            conn.executemany("UPDATE habits SET position = ? WHERE id = ?",
                             list(enumerate(order)))

    def sources(self) -> dict[int, list[str]]:
        """The identities each habit had in other trackers' files (e.g. Loop's uuid)."""
        found: dict[int, list[str]] = {}
        for key, habit_id in self._conn.execute(
                "SELECT key, habit_id FROM habit_sources ORDER BY habit_id, key"):
            found.setdefault(habit_id, []).append(key)
        return found

    def by_source(self, keys: list[str]) -> int | None:
        """The habit that had one of these identities, if any."""
        for key in keys:
            row = self._conn.execute("SELECT habit_id FROM habit_sources WHERE key = ?",
                                     (key,)).fetchone()
            if row is not None:
                return int(row[0])
        return None

    def remember_sources(self, habit_id: int, keys: list[str]) -> None:
        """Keep a habit's identities in another tracker's files."""
        with self._write() as conn:
            conn.executemany("INSERT OR IGNORE INTO habit_sources (key, habit_id) VALUES (?, ?)",
                             [(key, habit_id) for key in keys])

    def history_size(self, habit_id: int) -> tuple[int, date | None]:
        """How many days a habit has recorded, and since when (what deleting it loses)."""
        count, first = self._conn.execute(
            "SELECT count(*), MIN(day) FROM entries WHERE habit_id = ?", (habit_id,)).fetchone()
        return int(count), None if first is None else date.fromisoformat(first)

    def rows(self, habit_id: int) -> HabitRows | None:
        """Every row that is a habit's, as stored (None: no such habit): what undoing
        its deletion puts back, its sync identity and the columns of later versions
        included."""
        conn = self._conn
        cursor = conn.execute("SELECT * FROM habits WHERE id = ?", (habit_id,))
        row = cursor.fetchone()
        if row is None:
            return None
        columns = tuple(d[0] for d in cursor.description)

        def of(sql: str) -> tuple[tuple[Any, ...], ...]:
            return tuple(conn.execute(sql, (habit_id,)))

        return HabitRows(columns, tuple(row),
                         of("SELECT id, since, text FROM ladder WHERE habit_id = ? ORDER BY id"),
                         of("SELECT day, status, amount, note FROM entries WHERE habit_id = ? "
                            "ORDER BY day"),
                         of("SELECT key FROM habit_sources WHERE habit_id = ? ORDER BY key"),
                         of("SELECT id FROM steps WHERE habit_id = ? ORDER BY id"))

    def put_rows(self, habit_id: int, rows: HabitRows | None,
                 expected: HabitRows | None) -> None:
        """Put back every row of a habit as it was (``rows``; None deletes them), if
        they are still as ``expected``; else ``ChangedElsewhere``."""
        with self._write() as conn:
            if self.rows(habit_id) != expected:
                raise ChangedElsewhere("this habit was changed elsewhere since")
            if expected is not None:
                delete_habit_rows(conn, habit_id)
            if rows is None:
                return
            conn.execute(f"INSERT INTO habits ({', '.join(rows.columns)}) "
                         f"VALUES ({', '.join('?' * len(rows.columns))})", rows.habit)
            conn.executemany("INSERT INTO ladder (id, habit_id, since, text) VALUES (?, ?, ?, ?)",
                             [(i, habit_id, since, text) for i, since, text in rows.ladder])
            conn.executemany("INSERT INTO entries (habit_id, day, status, amount, note) "
                             "VALUES (?, ?, ?, ?, ?)", [(habit_id, *e) for e in rows.entries])
            conn.executemany("INSERT INTO habit_sources (key, habit_id) VALUES (?, ?)",
                             [(key, habit_id) for (key,) in rows.sources])
            conn.executemany("UPDATE steps SET habit_id = ? WHERE id = ?",
                             [(habit_id, step_id) for (step_id,) in rows.steps])

    def delete(self, habit: Habit) -> None:
        """Delete a habit with its entries and ladder; micro-steps tied to it stay, untied."""
        with self._write() as conn:
            delete_habit_rows(conn, habit.id)

    def place(self, habit_id: int, position: int) -> None:
        """Set a habit's position (imports keep the file's order)."""
        with self._write() as conn:
            conn.execute("UPDATE habits SET position = ? WHERE id = ?", (position, habit_id))

    def ladder(self, habit_id: int) -> list[Rung]:
        rows = self._conn.execute(
            "SELECT since, text FROM ladder WHERE habit_id = ? ORDER BY since, id", (habit_id,))
        return [Rung(date.fromisoformat(s), t) for s, t in rows]

    def ladders(self) -> dict[int, list[Rung]]:
        found: dict[int, list[Rung]] = {}
        for hid, since, text in self._conn.execute(
                "SELECT habit_id, since, text FROM ladder ORDER BY habit_id, since, id"):
            found.setdefault(hid, []).append(Rung(date.fromisoformat(since), text))
        return found

    def __iter__(self) -> Iterator[Habit]:
        return iter(self.all())


def delete_habit_rows(conn: sqlite3.Connection, habit_id: int) -> None:
    """A habit's rows gone: its entries, ladder and sources; its micro-steps untied."""
    conn.execute("DELETE FROM entries WHERE habit_id = ?", (habit_id,))
    conn.execute("DELETE FROM ladder WHERE habit_id = ?", (habit_id,))
    conn.execute("DELETE FROM habit_sources WHERE habit_id = ?", (habit_id,))
    conn.execute("UPDATE steps SET habit_id = NULL WHERE habit_id = ?", (habit_id,))
    conn.execute("INSERT OR IGNORE INTO sync_tombstones (uuid) SELECT uuid FROM habits "
                 "WHERE id = ? AND uuid IS NOT NULL", (habit_id,))
    conn.execute("DELETE FROM habits WHERE id = ?", (habit_id,))


def _check_step(step: float | None) -> None:  # what + and - count: above 0, finite
    if step is not None and (not math.isfinite(step) or not 0 < step <= MAX_AMOUNT):
        raise StoreError("a step is a number above 0 and at most 10¹², e.g. 1 or 250")


def _check_numbers(numbers: dict[str, float | None], at_most: bool) -> None:
    """Level numbers are finite, zero or more, and in order: at least, each level asks
    for at least as much as the one below; at most, for at most as much."""
    given = [(key, value) for key, value in numbers.items() if value is not None]
    for key, value in given:
        if not math.isfinite(value) or value < 0 or value > MAX_AMOUNT:
            raise StoreError(f"{key.replace('_', ' ')} must be a number from 0 to "
                             f"{MAX_AMOUNT:,}")
    values = [value for _, value in given]
    if values != sorted(values, reverse=at_most):
        order = "at most as much as" if at_most else "at least as much as"
        raise StoreError(f"each level's number must ask for {order} the level below "
                         f"({', '.join(f'{k.split(chr(95))[0]} {v:g}' for k, v in given)})")


def _check_texts(name: str, minimum: str) -> None:
    if not name:
        raise StoreError("a habit needs a name")
    if not minimum.strip():
        raise StoreError("a habit needs a minimum version (the smallest step that still counts)")
    if len(name) > MAX_NAME:
        raise StoreError(f"a habit name can be at most {MAX_NAME} characters")
