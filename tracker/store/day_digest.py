"""A fingerprint of everything one day's plan is made of: what ``tracker status`` reads to
know, in a few milliseconds, whether the line it last printed is still true.

Only sqlite3, zlib and os are loaded (no typing, no domain records): the rows are read
as they are stored, through a read-only connection, and summed up in a short string.
Any change to a habit, to an entry of the week (or of an "X in N days" habit's window),
to the day's steps or check-in, to a pause not over yet, or to the file's identity (its
application id and schema version) changes the fingerprint.
Nothing is created or written; a database that does not exist yet has a fingerprint of
its own.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import zlib

from tracker.store.file_id import read_only_uri

QUERIES = (
    "SELECT * FROM habits ORDER BY id",
    "SELECT * FROM entries WHERE day BETWEEN :first AND :last ORDER BY habit_id, day",
    "SELECT * FROM steps WHERE day = :day ORDER BY id",
    "SELECT * FROM checkins WHERE day = :day",
    "SELECT * FROM pauses WHERE last >= :day ORDER BY id",
    # an "X in N days" habit counts the wins of its window, which can begin weeks before
    # the week does: every entry of such a habit within N days of the day
    "SELECT e.* FROM habits h CROSS JOIN entries e ON e.habit_id = h.id "  # habits first
    "WHERE h.schedule_kind = 'in_days' AND e.day BETWEEN "
    "date(:day, printf('-%d days', h.schedule_every)) AND "
    "date(:day, printf('+%d days', h.schedule_every)) ORDER BY e.habit_id, e.day",
)


def fingerprint(conn: sqlite3.Connection, day: str, first: str, last: str) -> str:
    """The fingerprint of ``day`` (and of its week, ``first`` to ``last``) as the
    connection sees the database (in a transaction: one snapshot); sqlite3.Error when
    it cannot be read."""
    found: list[object] = [conn.execute("PRAGMA application_id").fetchone(),
                           conn.execute("PRAGMA user_version").fetchone()]
    span = {"day": day, "first": first, "last": last}
    found += [conn.execute(query, span).fetchall() for query in QUERIES]
    blob = repr(found).encode("utf-8", "surrogatepass")
    return f"{len(blob)}-{zlib.crc32(blob):08x}-{zlib.adler32(blob):08x}"


def day_digest(path: str, day: str, first: str, last: str) -> str | None:
    """The fingerprint of ``day`` (and of its week, ``first`` to ``last``) in the database
    at ``path`` (absolute, links resolved); None when it cannot be read quickly (the
    caller then takes the full way, which says what is wrong)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return "no file"
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    if status.st_size == 0:
        return "empty file"
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        conn.execute("BEGIN")  # one snapshot for every query
        return fingerprint(conn, day, first, last)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
