"""A quick, read-only look at a database: the plan of one day and the habits' names.

For what runs often and must start fast (``tracker status`` in a status bar every few
seconds, shell completion on every tab): only sqlite3 and the store's own readers are
loaded — no sqlite-utils, no migrations, no Store. The file is read through a read-only
SQLite connection (the rule at the top of database.py holds: only SQLite opens it), and
nothing is created or written: a database that does not exist yet reads as empty.
Whatever a glance cannot answer for certain (a file that is not a tracker database of
this version, damage, a lock) raises ``NotAGlance``, and the caller opens the full
Store, which says what is wrong or brings an older file up to date.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, timedelta

from tracker.domain.days import week_start
from tracker.domain.today import DayPlan, plan_day
from tracker.store.days import Days
from tracker.store.file_id import APPLICATION_ID, SCHEMA_VERSION, read_only_uri
from tracker.store.habits import Habits
from tracker.store.pauses import Pauses


class NotAGlance(Exception):
    """A quick look cannot answer for this file: open the Store for the full story."""


def day_plan_from(habits: Habits, days: Days, day: date, first_weekday: int = 0,
                  pauses: Pauses | None = None) -> DayPlan:
    """The Today screen's data for ``day`` (the domain's plan_day): a few indexed
    queries; the pauses holding the day or starting within two weeks."""
    monday = week_start(day, first_weekday)
    week = days.entries_between(monday, monday + timedelta(days=6))
    wins = {hid: sum(1 for e in days_.values() if e.is_win) for hid, days_ in week.items()}
    on_day = {hid: days_[day] for hid, days_ in week.items() if day in days_}
    listed = habits.all(include_archived=True)
    for habit in listed:  # an "X in N days" habit counts the wins of its window instead
        if habit.schedule.kind == "in_days" and not habit.archived:
            begin = habit.schedule.window_start(day)
            wins[habit.id] = days.wins_between(
                habit.id, begin, begin + timedelta(days=habit.schedule.every - 1))
    near = pauses.between(day, day + timedelta(days=14)) if pauses is not None else []
    return plan_day(day, listed, on_day, days.steps_on(day), days.checkin(day), wins, near)


def _no_writes() -> AbstractContextManager[sqlite3.Connection]:
    raise NotAGlance("a glance never writes")


def real_path(path: str | os.PathLike[str]) -> str:
    """The database's real path, as the Store's ``resolve`` gives it (``~`` expanded,
    links followed), without loading pathlib."""
    return os.path.realpath(os.path.expanduser(os.fspath(path)))


@contextmanager
def _reading(path: str) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection to the tracker database of this version at ``path`` (from
    ``real_path``); None when there is no file yet."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        yield None
        return
    except OSError as error:
        raise NotAGlance(str(error)) from None
    if not stat.S_ISREG(status.st_mode):
        raise NotAGlance(f"{path} is not a regular file")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=2)
    except sqlite3.Error as error:
        raise NotAGlance(str(error)) from None
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        if status.st_size == 0:
            yield None
            return
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID or version != SCHEMA_VERSION:
            raise NotAGlance(f"{path} needs the full store (schema {version})")
        yield conn
    except sqlite3.Error as error:
        raise NotAGlance(str(error)) from None
    finally:
        conn.close()


def day_plan(path: str | os.PathLike[str], day: date, first_weekday: int = 0) -> DayPlan:
    """The plan of ``day`` in the database at ``path`` (an empty plan when it does not
    exist yet); NotAGlance when only the full Store can tell."""
    with _reading(real_path(path)) as conn:
        if conn is None:
            return plan_day(day, [], {}, [], None)
        return day_plan_from(Habits(conn, _no_writes), Days(conn, _no_writes), day,
                             first_weekday, Pauses(conn, _no_writes))


def plan_and_fingerprint(path: str | os.PathLike[str], day: date,
                         first_weekday: int = 0) -> tuple[DayPlan, str | None]:
    """The plan of ``day`` and the fingerprint (``tracker.store.day_digest``) of the rows
    it is made from, read in one snapshot; no fingerprint when there is no database
    yet. NotAGlance when only the full Store can tell."""
    from tracker.store.day_digest import fingerprint

    with _reading(real_path(path)) as conn:
        if conn is None:
            return plan_day(day, [], {}, [], None), None
        conn.execute("BEGIN")  # one snapshot: the fingerprint is of the rows read
        monday = week_start(day, first_weekday)
        rows = fingerprint(conn, day.isoformat(), monday.isoformat(),
                           (monday + timedelta(days=6)).isoformat())
        return day_plan_from(Habits(conn, _no_writes), Days(conn, _no_writes), day,
                             first_weekday, Pauses(conn, _no_writes)), rows


def habit_names(path: str | os.PathLike[str], include_archived: bool = False) -> list[str]:
    """The habits' names in their order (none when there is no database yet)."""
    with _reading(real_path(path)) as conn:
        if conn is None:
            return []
        return [h.name for h in Habits(conn, _no_writes).all(include_archived)]
