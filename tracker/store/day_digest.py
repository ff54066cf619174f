"""A fingerprint of everything one day's plan is made of: what ``tracker status`` reads to
know, in a few milliseconds, whether the line it last printed is still true.

Only sqlite3, zlib and os are loaded (no typing, no domain records): the rows are read
as they are stored, through a read-only connection, and summed up in a short string.
Any change to a habit, to an entry of the week, to the day's steps or check-in, or to
the file's identity (its application id and schema version) changes the fingerprint.
Nothing is created or written; a database that does not exist yet has a fingerprint of
its own.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import zlib

QUERIES = (
    "SELECT * FROM habits ORDER BY id",
    "SELECT * FROM entries WHERE day BETWEEN :first AND :last ORDER BY habit_id, day",
    "SELECT * FROM steps WHERE day = :day ORDER BY id",
    "SELECT * FROM checkins WHERE day = :day",
)


def _uri(path: str) -> str:
    """An SQLite URI for an absolute path (SQLite reads ``%HH``; ``?`` and ``#`` end it)."""
    return "file:" + path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")


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
        conn = sqlite3.connect(f"{_uri(path)}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        conn.execute("BEGIN")  # one snapshot for every query
        found: list[object] = [conn.execute("PRAGMA application_id").fetchone(),
                               conn.execute("PRAGMA user_version").fetchone()]
        span = {"day": day, "first": first, "last": last}
        found += [conn.execute(query, span).fetchall() for query in QUERIES]
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    blob = repr(found).encode("utf-8", "surrogatepass")
    return f"{len(blob)}-{zlib.crc32(blob):08x}-{zlib.adler32(blob):08x}"
