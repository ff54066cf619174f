"""Opening a tracker database safely: refuse what is not ours, copy before migrating.

A file is only ever written once it is known to be a tracker database of a
version this code understands (or a new, empty file). Anything else is refused
with a message and left byte-for-byte untouched.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from tracker.store.errors import DamagedFile, NewerVersion, NotATrackerFile, StoreError

APPLICATION_ID = 0x54726B72  # "Trkr", in PRAGMA application_id
SQLITE_HEADER = b"SQLite format 3\x00"
SCHEMA_VERSION = 1
"""The number of migrations in migrations.py; stored in ``PRAGMA user_version``."""
BUSY_TIMEOUT_MS = 10_000


def _refuse_unreadable(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the path of a database file (--db)")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise StoreError(f"cannot read {path}: permission denied") from None
    if header and header != SQLITE_HEADER:
        raise NotATrackerFile(
            f"{path} is not a tracker database (it is not an SQLite file); "
            "it was left untouched. Choose another file with --db.")


def _create_empty(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise StoreError(
            f"cannot create the database {path}: {reason}. "
            "Choose a writable place with --db or TRACKER_DB.") from None


def _schema_state(conn: sqlite3.Connection, path: Path) -> int | None:
    """The schema version in the file, or None for an empty SQLite file."""
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise DamagedFile(
            f"{path} cannot be read ({error}); it was left untouched. "
            "Restore it from a backup, or start a new database with --db.") from None
    if application_id == 0 and tables == 0:
        return None
    if application_id != APPLICATION_ID:
        raise NotATrackerFile(
            f"{path} is an SQLite database of another program, not tracker's; "
            "it was left untouched. Choose another file with --db.")
    if version > SCHEMA_VERSION:
        raise NewerVersion(
            f"{path} was written by a newer tracker (schema {version}; this one knows "
            f"{SCHEMA_VERSION}). Upgrade tracker to open it; the file was left untouched.")
    return int(version)


def backup_copy(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database (WAL included) to ``target``, readable by its owner only."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def open_database(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) the tracker database at ``path``.

    sqlite-utils (and its migrations) is only imported when the schema needs work,
    which keeps the start-up of an up-to-date database fast.

    Raises:
        StoreError: the file is not a tracker database, is damaged, is newer
            than this code, or cannot be created; nothing was written.
    """
    path = Path(path).expanduser()
    if path.exists():
        _refuse_unreadable(path)
    else:
        _create_empty(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open {path}: {error}") from None
    try:
        version = _schema_state(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if version != SCHEMA_VERSION:
            _migrate(conn, path, version)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -16000")  # up to 16 MB: big imports stay in memory
    except sqlite3.OperationalError as error:
        conn.close()
        raise StoreError(f"cannot use {path}: {error}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection, path: Path, version: int | None) -> None:
    from sqlite_utils import Database

    from tracker.store.migrations import migrations

    if version is None:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = WAL")
    else:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 (a file name)
        backup_copy(conn, path.with_name(f"{path.name}.before-schema-{SCHEMA_VERSION}-{stamp}"))
    migrations.apply(Database(conn, execute_plugins=False))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
