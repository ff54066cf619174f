"""The Store: one open tracker database and the repositories that read and write it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.pauses import MAX_PAUSE_DAYS, rest_on_pauses
from tracker.domain.rules import CONSISTENCY_WINDOW_DAYS
from tracker.domain.today import DayPlan
from tracker.store.database import (
    backup_copy,
    check,
    is_database_file,
    open_database,
    remove_forsaken_copies,
    resolve,
)
from tracker.store.days import Days, calendar_today
from tracker.store.errors import (
    DamagedFile,
    StoreError,
    backups_folder,
    from_sqlite,
    read_only,
)
from tracker.store.glance import day_plan_from
from tracker.store.habits import Habits
from tracker.store.pauses import Pauses
from tracker.store.reviews import Reviews
from tracker.store.sync_rows import SyncRows
from tracker.store.transfer import Transfer

if TYPE_CHECKING:
    from tracker.domain.habit_page import HabitRecord
    from tracker.domain.models import Recorded
    from tracker.domain.week import History, WeekSummary

MAX_BACKUP_TRIES = 100
"""Names tried for a new backup when others take them first."""


class Store:
    """A tracker database. Every change is committed the moment it is made.

    Several Stores may be open on one file, in this process and in others (see the
    rule at the top of database.py: only SQLite ever opens the file). A file that
    cannot be written is opened read-only: reading works, every write raises
    ``ReadOnlyDatabase``. Once SQLite reports damage, no further write is tried.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = resolve(path)
        self.conn, self.read_only = open_database(self.path)
        self._depth = 0
        self._writes = 0
        self._broken: StoreError | None = None
        self.today: Callable[[], date] = calendar_today
        """The person's today, for the rule that days to come are refused: the command
        line and the app set it (the config's day-start hour, a pinned day); until then
        the calendar date, the latest today that any day-start hour gives."""
        self.habits = Habits(self.conn, self.write)
        self.days = Days(self.conn, self.write, lambda: self.today())
        self.reviews = Reviews(self.conn, self.write)
        self.pauses = Pauses(self.conn, self.write)
        self.transfer = Transfer(self.conn, self.write)
        self.sync = SyncRows(self.conn, self.write)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE, so a second process waits its turn).

        Nested uses join the outer transaction, so an import is all-or-nothing.
        """
        if self._broken is not None:
            raise self._broken
        if self.read_only:
            raise read_only(self.path)
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
            self._writes += 1
        except sqlite3.Error as error:
            raise self.failed(error) from None
        finally:
            self._depth = 0

    def failed(self, error: sqlite3.Error) -> StoreError:
        """The person's version of an SQLite error; after damage, no more writes."""
        problem = from_sqlite(error, self.path)
        if isinstance(problem, DamagedFile):
            self._broken = problem
        return problem

    def version(self) -> tuple[int, int]:
        """Changes whenever anything is committed, here or by another process: screens
        use it to skip re-reading what they already show."""
        return self._writes, self.conn.execute("PRAGMA data_version").fetchone()[0]

    def history(self, first: date, last: date) -> History:
        """Everything the rules need about the days from ``first`` to ``last``."""
        from tracker.domain.week import History

        entries: dict[int, dict[date, Recorded]] = {
            habit_id: dict(days) for habit_id, days in
            self.days.entries_between(first, last).items()}
        habits = self.habits.all(include_archived=True)
        pauses = self.pauses.between(first, last)
        rest_on_pauses(entries, pauses, [h.id for h in habits], first, last)
        return History(
            habits=habits,
            entries=entries,
            ladders=self.habits.ladders(),
            first_entry=self.habits.first_entries(),
            checkins=self.days.checkins_between(first, last),
            steps=self.days.steps_between(first, last),
            pauses=pauses,
        )

    def history_for_week(self, monday: date) -> History:
        """The history a weekly review needs: the week and the 26 weeks before it.

        Amounts and notes are read for the reviewed week and the one before (the
        review shows them); older days carry their status only.
        """
        from tracker.domain.week import GROWTH_WEEKS

        weeks_back = max(CONSISTENCY_WINDOW_DAYS, 7 * GROWTH_WEEKS)
        history = self.history(monday - timedelta(days=7), monday + timedelta(days=6))
        first, last = monday - timedelta(days=weeks_back), monday - timedelta(days=8)
        older = self.days.statuses_between(first, last)
        rest_on_pauses(older, self.pauses.between(first, last),
                       [h.id for h in history.habits], first, last)
        for habit_id, days in older.items():
            days.update(history.entries.get(habit_id, {}))
            history.entries[habit_id] = days
        return history

    def day_plan(self, day: date, first_weekday: int = 0) -> DayPlan:
        """The Today screen's data for ``day``: a handful of indexed queries."""
        return day_plan_from(self.habits, self.days, day, first_weekday, self.pauses)

    def week_summary(self, monday: date, first_weekday: int = 0,
                     today: date | None = None, direction: str | None = None) -> WeekSummary:
        """The weekly review of the week starting ``monday``, with its saved answers
        (in progress when ``today`` falls in it); with ``direction``, of the habits
        serving it only."""
        from tracker.domain.directions import matches
        from tracker.domain.week import summarize_week

        history = self.history_for_week(monday)
        if direction is not None:
            history.habits = [h for h in history.habits if matches(h.direction, direction)]
        return summarize_week(history, monday, self.reviews.get(monday), first_weekday, today)

    def habit_record(self, habit_id: int, first: date, last: date) -> HabitRecord:
        """What a habit's page needs (see ``habit_page.record_span``): its entries from
        ``first`` to ``last``, where its history starts, its ladder, and the review
        decisions that changed its minimum."""
        from tracker.domain.habit_page import HabitRecord
        from tracker.domain.week import History

        habit = self.habits.get(habit_id)
        first_entry = self.days.first_entry(habit_id)
        entries: dict[int, dict[date, Recorded]] = {
            habit_id: dict(self.days.entries_of(habit_id, first, last))}
        pauses = [p for p in self.pauses.between(first, last + timedelta(days=MAX_PAUSE_DAYS))
                  if p.habit_id in (None, habit_id)]  # those ahead too: the page names them
        rest_on_pauses(entries, pauses, [habit_id], first, last)
        history = History([habit], entries, {habit_id: self.habits.ladder(habit_id)},
                          {habit_id: first_entry} if first_entry else {}, pauses=pauses)
        decided = {d.new_minimum: d.kind for review in self.reviews.all()
                   for d in review.decisions
                   if d.accepted and d.habit == habit.name and d.kind in ("raise", "shrink")}
        return HabitRecord(habit, history, decided)

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM habits LIMIT 1").fetchone() is None

    def is_own_file(self, path: Path) -> bool:
        """Whether ``path`` is this database or one of its companion files."""
        return is_database_file(path, self.path)

    def backup(self, target: Path, *, replace: bool = True) -> Path:
        """A consistent copy of the whole database, made while it may be in use,
        written under a temporary name and renamed when complete (without ``replace``,
        FileExistsError if a file has that name by then)."""
        if self.is_own_file(target):
            raise StoreError(f"{target} is the database itself; choose another name")
        try:
            return backup_copy(self.conn, target, replace=replace)
        except sqlite3.Error as error:
            raise self.failed(error) from None

    def new_backup(self, label: str = "") -> Path:
        """A copy under a new name in ``backups/`` beside the database: never over
        another one (two processes backing up in the same second take two names)."""
        for _ in range(MAX_BACKUP_TRIES):
            try:
                return self.backup(self.new_backup_path(label), replace=False)
            except FileExistsError:
                continue
        raise StoreError(f"no free name for a backup in {backups_folder(self.path)}")

    def new_backup_path(self, label: str = "") -> Path:
        """A file name not taken yet in ``backups/`` beside the database (made if
        needed): ``tracker-[label-]YYYYmmdd-HHMMSS.db``."""
        from datetime import datetime

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 (a file name)
        folder = backups_folder(self.path)
        folder.mkdir(mode=0o700, exist_ok=True)
        remove_forsaken_copies(folder)
        stem = f"tracker-{label}-{stamp}" if label else f"tracker-{stamp}"
        target, number = folder / f"{stem}.db", 1
        while target.exists():
            number += 1
            target = folder / f"{stem}-{number}.db"
        return target

    def backup_before(self, what: str) -> Path:
        """A copy in ``backups/`` beside the database, taken before ``what`` (a word for
        the file name) is changed for good."""
        return self.new_backup(f"before-{what}")

    def check(self) -> list[str]:
        """SQLite's integrity check in full: an empty list when the file is sound."""
        try:
            return check(self.conn)
        except sqlite3.DatabaseError as error:
            return [str(error)]

    def close(self) -> None:
        self.conn.close()
