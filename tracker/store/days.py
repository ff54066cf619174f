"""Entries, micro-steps and check-ins: the SQL about what happened on which day."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

from tracker.domain import checks
from tracker.domain.checks import MAX_TEXT
from tracker.domain.days import days_between
from tracker.domain.models import (
    ENERGIES,
    STATUSES,
    CheckIn,
    DayMark,
    Energy,
    Entry,
    Recorded,
    Step,
)
from tracker.store.errors import ChangedElsewhere, HabitGone, Refused, StoreError
from tracker.store.habit_rows import HABIT_COLUMNS, habit_from_row, require_habit

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from typing import Any

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
KEEP: Any = object()
"""Pass as amount or note to leave what is stored as it is."""

STEP_COLUMNS = "id, day, text, done, habit_id, amount, note, position, planned_on"


def _entry(row: tuple[Any, ...]) -> Entry:
    habit_id, day, status, amount, note = row
    return Entry(habit_id, date.fromisoformat(day), status, amount, note)


def _step(row: tuple[Any, ...]) -> Step:
    id_, day, text, done, habit_id, amount, note, position, planned_on = row
    return Step(id_, date.fromisoformat(day), text, bool(done), habit_id, amount, note, position,
                date.fromisoformat(planned_on) if planned_on else None)


def _day_names(first: date, last: date) -> dict[str, date]:
    """``{"2026-03-09": date(2026, 3, 9), …}`` for the span: each day parsed once."""
    return {day.isoformat(): day for day in days_between(first, last)}


def _checked_text(text: str, what: str) -> str:
    if len(text) > MAX_TEXT:
        raise StoreError(f"the {what} is too long ({len(text):,} characters; at most {MAX_TEXT:,})")
    return text


def calendar_today() -> date:
    """The local calendar date: the latest today any day-start hour gives (the rules'
    today until the command line or the app says the person's)."""
    from tracker.domain.days import today

    return today(0)


def _refused(check: Callable[..., Any], *args: Any) -> Any:
    """A rule of tracker.domain.checks applied; its refusal as the store's."""
    try:
        return check(*args)
    except ValueError as error:
        raise Refused(str(error)) from None


class Days:
    """Reads and writes per-day records; every write commits at once. Whoever calls,
    a day to come and a level the habit does not have are refused (``Refused``)."""

    def __init__(self, conn: sqlite3.Connection, write: Write,
                 today: Callable[[], date] = calendar_today) -> None:
        self._conn = conn
        self._write = write
        self._today = today

    def check_happened(self, day: date) -> None:
        """Refuse a day that has not happened yet (``Refused``)."""
        _refused(checks.happened, day, self._today())

    # Entries -----------------------------------------------------------------
    def entries_between(self, first: date, last: date) -> dict[int, dict[date, Entry]]:
        """Every entry of the span, by habit then day."""
        found: dict[int, dict[date, Entry]] = {}
        days = _day_names(first, last)
        # "habit_id IN habits" lets SQLite range-scan the (habit_id, day) primary key
        for habit_id, text, status, amount, note in self._conn.execute(
                "SELECT habit_id, day, status, amount, note FROM entries "
                "WHERE habit_id IN (SELECT id FROM habits) AND day BETWEEN ? AND ?",
                (first.isoformat(), last.isoformat())):
            day = days[text]
            by_day = found.get(habit_id)
            if by_day is None:
                by_day = found[habit_id] = {}
            by_day[day] = Entry(habit_id, day, status, amount, note)
        return found

    def entries_of(self, habit_id: int, first: date, last: date) -> dict[date, Entry]:
        """One habit's entries from ``first`` to ``last``, by day (a range scan of the
        primary key)."""
        days = _day_names(first, last)
        return {(day := days[text]): Entry(habit_id, day, status, amount, note)
                for text, status, amount, note in self._conn.execute(
                    "SELECT day, status, amount, note FROM entries WHERE habit_id = ? "
                    "AND day BETWEEN ? AND ? ORDER BY day",
                    (habit_id, first.isoformat(), last.isoformat()))}

    def wins_between(self, habit_id: int, first: date, last: date) -> int:
        """How many days from ``first`` to ``last`` the habit has a win (a range scan of
        its primary key)."""
        return int(self._conn.execute(
            "SELECT count(*) FROM entries WHERE habit_id = ? AND day BETWEEN ? AND ? "
            "AND status IN ('minimum', 'full', 'stretch')",
            (habit_id, first.isoformat(), last.isoformat())).fetchone()[0])

    def first_entry(self, habit_id: int) -> date | None:
        """The day of a habit's first entry (an index lookup)."""
        row = self._conn.execute("SELECT MIN(day) FROM entries WHERE habit_id = ?",
                                 (habit_id,)).fetchone()
        return None if row[0] is None else date.fromisoformat(row[0])

    def statuses_between(self, first: date, last: date) -> dict[int, dict[date, Recorded]]:
        """The days of the span with a status, by habit then day: what the rules need
        of older weeks (a week review looks back 26 weeks, ~7k entries with 40 habits).

        One ``DayMark`` per status stands for all its days (the day is the key it is
        filed under). SQLite hands over one row per habit, each status's days joined
        in one string: a row per entry costs ten times more to read.
        """
        days = _day_names(first, last)
        columns = ", ".join(f"group_concat(day) FILTER (WHERE status = '{status}')"
                            for status in STATUSES)
        found: dict[int, dict[date, Recorded]] = {}  # all DayMarks, here
        marks = {status: DayMark(status) for status in STATUSES}
        for habit_id, *joined in self._conn.execute(
                f"SELECT habit_id, {columns} FROM entries "
                "WHERE habit_id IN (SELECT id FROM habits) AND day BETWEEN ? AND ? "
                "AND status IS NOT NULL GROUP BY habit_id",
                (first.isoformat(), last.isoformat())):
            by_day = found[habit_id] = {}
            for status, names in zip(STATUSES, joined, strict=True):
                if names:
                    by_day.update(dict.fromkeys(map(days.__getitem__, names.split(",")),
                                                marks[status]))
        return found

    def entry(self, habit_id: int, day: date) -> Entry | None:
        row = self._conn.execute(
            "SELECT habit_id, day, status, amount, note FROM entries "
            "WHERE habit_id = ? AND day = ?", (habit_id, day.isoformat())).fetchone()
        return None if row is None else _entry(row)

    def record(self, habit_id: int, day: date, status: str | None, *,
               amount: float | None = KEEP, note: str = KEEP,
               expected: str | None = KEEP) -> Entry | None:
        """Set a habit's status for a day, keeping amount and note unless given.

        A status of None with no amount and no note removes the entry; with a
        note or amount left, the row stays to hold them (nothing recorded, note kept).
        With ``expected`` (the status the person saw), nothing changes and
        ``ChangedElsewhere`` is raised if another process stored something else since.
        """
        if status is not None and status not in STATUSES:
            raise StoreError(f"unknown status {status!r}: use {', '.join(STATUSES)}")
        if note is not KEEP:
            _checked_text(note, "note")
        self.check_happened(day)
        with self._write() as conn:
            row = conn.execute(f"SELECT {HABIT_COLUMNS} FROM habits WHERE id = ?",
                               (habit_id,)).fetchone()
            if row is None:
                raise HabitGone(habit_id)
            if status is not None and status != "minimum" and status != "rest":
                _refused(checks.level_exists, habit_from_row(row), status)
            old = conn.execute(
                "SELECT amount, note, status FROM entries WHERE habit_id = ? AND day = ?",
                (habit_id, day.isoformat())).fetchone()
            if expected is not KEEP and (old[2] if old else None) != expected:
                raise ChangedElsewhere("this day was changed elsewhere meanwhile")
            new_amount = (old[0] if old else None) if amount is KEEP else amount
            new_note = (old[1] if old else "") if note is KEEP else note
            if status is None and new_amount is None and not new_note:
                conn.execute("DELETE FROM entries WHERE habit_id = ? AND day = ?",
                             (habit_id, day.isoformat()))
                return None
            conn.execute(
                "INSERT INTO entries (habit_id, day, status, amount, note) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (habit_id, day) DO UPDATE SET status = excluded.status,"
                " amount = excluded.amount, note = excluded.note",
                (habit_id, day.isoformat(), status, new_amount, new_note))
        return Entry(habit_id, day, status, new_amount, new_note)

    def put_entry(self, habit_id: int, day: date, entry: Entry | None,
                  expected: Entry | None) -> None:
        """Put back what a day held (``entry``, or nothing), if it still holds ``expected``
        (what the change being undone left); else ``ChangedElsewhere``."""
        with self._write() as conn:
            if self.entry(habit_id, day) != expected:
                raise ChangedElsewhere("this day was changed elsewhere since")
            conn.execute("DELETE FROM entries WHERE habit_id = ? AND day = ?",
                         (habit_id, day.isoformat()))
            if entry is not None:
                conn.execute("INSERT INTO entries (habit_id, day, status, amount, note) "
                             "VALUES (?, ?, ?, ?, ?)", (habit_id, day.isoformat(),
                                                         entry.status, entry.amount, entry.note))

    def count_entries(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM entries").fetchone()[0])

    def set_evidence(self, habit_id: int, day: date, amount: float | None, note: str) -> None:
        """Set the amount and note of a day, keeping its status."""
        current = self.entry(habit_id, day)
        self.record(habit_id, day, current.status if current else None,
                    amount=amount, note=note)

    # Micro-steps -------------------------------------------------------------
    def steps_on(self, day: date) -> list[Step]:
        rows = self._conn.execute(
            f"SELECT {STEP_COLUMNS} FROM steps WHERE day = ? ORDER BY position, id",
            (day.isoformat(),))
        return [_step(r) for r in rows]

    def steps_between(self, first: date, last: date) -> list[Step]:
        rows = self._conn.execute(
            f"SELECT {STEP_COLUMNS} FROM steps WHERE day BETWEEN ? AND ? "
            "ORDER BY day, position, id", (first.isoformat(), last.isoformat()))
        return [_step(r) for r in rows]

    def add_step(self, day: date, text: str, *, done: bool = False,
                 habit_id: int | None = None) -> Step:
        text = text.strip()
        if not text:
            raise StoreError("a micro-step needs some text")
        _checked_text(text, "micro-step")
        with self._write() as conn:
            require_habit(conn, habit_id)
            position = conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM steps WHERE day = ?",
                (day.isoformat(),)).fetchone()[0]
            cursor = conn.execute(
                "INSERT INTO steps (day, text, done, habit_id, position) VALUES (?, ?, ?, ?, ?)",
                (day.isoformat(), text, int(done), habit_id, position))
        assert cursor.lastrowid is not None
        return Step(cursor.lastrowid, day, text, done, habit_id, None, "", position)

    def open_steps_on(self, day: date) -> list[Step]:
        """The micro-steps of ``day`` not done: what a later day may bring along."""
        return [s for s in self.steps_on(day) if not s.done]

    def bring_along(self, steps: list[Step], day: date) -> None:
        """Move open micro-steps (as the person saw them) to ``day``, after its own: the
        same steps, never copies, each keeping the day it was first planned. A step
        ticked, moved or deleted elsewhere meanwhile: ``ChangedElsewhere``, nothing moved."""
        with self._write() as conn:
            position = conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM steps WHERE day = ?",
                (day.isoformat(),)).fetchone()[0]
            for offset, step in enumerate(steps):
                moved = conn.execute(
                    "UPDATE steps SET planned_on = COALESCE(planned_on, day), day = ?, "
                    "position = ? WHERE id = ? AND day = ? AND done = 0",
                    (day.isoformat(), position + offset, step.id,
                     step.day.isoformat())).rowcount
                if not moved:
                    raise ChangedElsewhere(
                        "a micro-step was changed elsewhere meanwhile; nothing was moved")

    def set_step_done(self, step_id: int, done: bool) -> None:
        """Tick (or untick) a micro-step that is not ticked (ticked) as the person saw it."""
        with self._write() as conn:
            changed = conn.execute("UPDATE steps SET done = ? WHERE id = ? AND done = ?",
                                   (int(done), step_id, int(not done))).rowcount
            if not changed:
                raise ChangedElsewhere("this micro-step was changed elsewhere meanwhile")

    def set_step_evidence(self, step_id: int, amount: float | None, note: str) -> None:
        _checked_text(note, "note")
        with self._write() as conn:
            conn.execute("UPDATE steps SET amount = ?, note = ? WHERE id = ?",
                         (amount, note, step_id))

    def step(self, step_id: int) -> Step | None:
        row = self._conn.execute(f"SELECT {STEP_COLUMNS} FROM steps WHERE id = ?",
                                 (step_id,)).fetchone()
        return None if row is None else _step(row)

    def step_state(self, step_id: int) -> tuple[Step, str] | None:
        """A micro-step with its sync identity (None: there is none), as undo keeps it."""
        row = self._conn.execute(f"SELECT {STEP_COLUMNS}, uuid FROM steps WHERE id = ?",
                                 (step_id,)).fetchone()
        return None if row is None else (_step(row[:-1]), row[-1])

    def put_step(self, step_id: int, state: tuple[Step, str] | None,
                 expected: tuple[Step, str] | None) -> None:
        """Put back a micro-step as it was, its identity included (or remove it), if it
        is still as ``expected``; else ``ChangedElsewhere``."""
        with self._write() as conn:
            if self.step_state(step_id) != expected:
                raise ChangedElsewhere("this micro-step was changed elsewhere since")
            conn.execute("DELETE FROM steps WHERE id = ?", (step_id,))
            if state is not None:
                step, uuid = state
                conn.execute(
                    f"INSERT INTO steps ({STEP_COLUMNS}, uuid) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (step.id, step.day.isoformat(), step.text, int(step.done), step.habit_id,
                     step.amount, step.note, step.position,
                     step.planned_on.isoformat() if step.planned_on else None, uuid))

    def put_checkin(self, day: date, checkin: CheckIn | None,
                    expected: CheckIn | None) -> None:
        """Put back a day's check-in as it was (or none), if it is still as ``expected``."""
        with self._write() as conn:
            if self.checkin(day) != expected:
                raise ChangedElsewhere("this check-in was changed elsewhere since")
            conn.execute("DELETE FROM checkins WHERE day = ?", (day.isoformat(),))
            if checkin is not None:
                conn.execute("INSERT INTO checkins (day, energy, intention, note) "
                             "VALUES (?, ?, ?, ?)", (day.isoformat(), checkin.energy,
                                                     checkin.intention, checkin.note))

    def delete_step(self, step_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM steps WHERE id = ?", (step_id,))

    # Check-ins ---------------------------------------------------------------
    def checkin(self, day: date) -> CheckIn | None:
        row = self._conn.execute(
            "SELECT day, energy, intention, note FROM checkins WHERE day = ?",
            (day.isoformat(),)).fetchone()
        return None if row is None else CheckIn(date.fromisoformat(row[0]), *row[1:])

    def decline_checkin(self, day: date) -> None:
        """Escape on the check-in: "not today"; it does not ask again that day."""
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO checkins_declined (day) VALUES (?)",
                         (day.isoformat(),))

    def put_declined(self, day: date, declined: bool, expected: bool) -> None:
        """Put back whether a day's check-in was declined, if it is still ``expected``."""
        with self._write() as conn:
            if self.checkin_declined(day) != expected:
                raise ChangedElsewhere("this check-in was changed elsewhere since")
            conn.execute("DELETE FROM checkins_declined WHERE day = ?", (day.isoformat(),))
            if declined:
                conn.execute("INSERT INTO checkins_declined (day) VALUES (?)",
                             (day.isoformat(),))

    def checkin_declined(self, day: date) -> bool:
        return self._conn.execute("SELECT 1 FROM checkins_declined WHERE day = ?",
                                  (day.isoformat(),)).fetchone() is not None

    def checkins_between(self, first: date, last: date) -> dict[date, CheckIn]:
        rows = self._conn.execute(
            "SELECT day, energy, intention, note FROM checkins WHERE day BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()))
        return {date.fromisoformat(r[0]): CheckIn(date.fromisoformat(r[0]), *r[1:])
                for r in rows}

    def check_in(self, day: date, energy: Energy, intention: str = KEEP,
                 note: str = KEEP) -> CheckIn:
        """Record (or change) a day's energy, keeping intention and note unless given."""
        if energy not in ENERGIES:
            raise StoreError(f"unknown energy {energy!r}: use low, ok or high")
        self.check_happened(day)
        old = self.checkin(day)
        intention = (old.intention if old else "") if intention is KEEP else intention.strip()
        note = (old.note if old else "") if note is KEEP else note
        _checked_text(intention, "intention")
        _checked_text(note, "note")
        with self._write() as conn:
            conn.execute(
                "INSERT INTO checkins (day, energy, intention, note) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (day) DO UPDATE SET energy = excluded.energy, "
                "intention = excluded.intention, note = excluded.note",
                (day.isoformat(), energy, intention, note))
        return CheckIn(day, energy, intention, note)
