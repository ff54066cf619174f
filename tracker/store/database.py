"""Opening a tracker database safely: refuse what is not ours, copy before migrating.

**The rule: only SQLite opens the database file and its companions** (``-wal``,
``-shm``, ``-journal``). POSIX advisory locks belong to the process, and closing
*any* file descriptor on the file releases every lock the process holds: the next
process to close the database then believes it is the last one, checkpoints and
deletes the WAL under the connections still open here, and what they write next
is lost. SQLite's own connections share one set of locks per file inside a
process, so several connections (the app's, its worker's) are safe; Python's
``open()``, copying or hashing the file are not, ever, while a connection may be
open. So what a file *is* is read by SQLite itself, through a read-only connection
(``immutable`` when no WAL or journal is pending, so that it creates nothing),
before any connection that could write; stat() and chmod() are the only other
things done to the path.

A file is only ever written once it is known to be a tracker database of a
version this code understands (or an empty file). Anything else is refused with
a message and left byte-for-byte untouched, its WAL and journal included.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from tracker.domain.records import NamedTuple
from tracker.store.errors import (
    NewerVersion,
    NotATrackerFile,
    StoreError,
    damaged,
    from_sqlite,
    read_only,
)
from tracker.store.file_id import APPLICATION_ID, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000
DEFAULT_PAGE_SIZE = 4096
COMPANIONS = ("-wal", "-shm", "-journal")


class FileState(NamedTuple):
    """What SQLite says about a file, read without writing anything."""

    application_id: int
    version: int
    tables: int
    page_size: int


def companions(path: Path) -> list[Path]:
    """The files SQLite keeps beside a database."""
    return [path.with_name(path.name + suffix) for suffix in COMPANIONS]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def is_database_file(path: Path, database: Path) -> bool:
    """Whether ``path`` is the database or one of its companions by any name: the same
    file (device and inode, so a bind mount or a hard link is seen through), or a file
    not there yet that would be a companion (same folder by identity, same name)."""
    own = [database, *companions(database)]
    target = resolve(path)
    if target in own:
        return True
    identity = _identity(target)
    if identity is not None:
        return any(identity == _identity(file) for file in own)
    folder = _identity(target.parent)
    return folder is not None and folder == _identity(database.parent) and \
        target.name in {file.name for file in own}


def _uri(path: Path, mode: str) -> str:
    return f"{path.absolute().as_uri()}?{mode}"


def _state(conn: sqlite3.Connection) -> FileState:
    return FileState(conn.execute("PRAGMA application_id").fetchone()[0],
                     conn.execute("PRAGMA user_version").fetchone()[0],
                     conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0],
                     conn.execute("PRAGMA page_size").fetchone()[0])


def _is_bad_file(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "malformed" in str(error)


def inspect(path: Path) -> FileState:
    """Read what the file at ``path`` is, through SQLite, changing nothing.

    With a WAL or journal beside it the file is read as SQLite would see it
    (``mode=ro``: the WAL is read, never checkpointed; a hot journal is never rolled
    back); otherwise ``immutable``, which creates no companion files. If the first
    way cannot read (a hot journal, a read-only folder), the second is tried.
    """
    pending = any(p.exists() for p in companions(path)[::2])  # -wal, -journal
    modes = ["mode=ro", "mode=ro&immutable=1"] if pending else ["mode=ro&immutable=1"]
    last: sqlite3.Error | None = None
    for mode in modes:
        try:
            conn = sqlite3.connect(_uri(path, mode), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as error:
            last = error
            continue
        try:
            return _state(conn)
        except sqlite3.DatabaseError as error:
            if _is_bad_file(error):
                if "not a database" in str(error):
                    raise NotATrackerFile(
                        f"{path} is not a tracker database (it is not an SQLite file); "
                        "it was left untouched. Choose another file with --db.") from None
                raise damaged(path, error) from None
            last = error
        finally:
            conn.close()
    raise StoreError(f"cannot read {path} ({last}); it was left untouched") from None


def _verdict(state: FileState, path: Path, empty: bool) -> int | None:
    """The schema version of a tracker file, None for a file that may become one: our
    own first run, or a file of no bytes at all (``empty``: an SQLite file with no
    tables that another program made, vacuumed or put in WAL mode is that program's)."""
    tableless = state.tables == 0 and state.version == 0
    if tableless and state.application_id == APPLICATION_ID:
        return None  # our own first run, interrupted before the schema was written
    if tableless and state.application_id == 0 and state.page_size == DEFAULT_PAGE_SIZE \
            and empty:
        return None  # an empty file
    if state.application_id != APPLICATION_ID:
        raise NotATrackerFile(
            f"{path} is an SQLite database of another program, not tracker's; "
            "it was left untouched. Choose another file with --db.")
    if state.version > SCHEMA_VERSION:
        raise NewerVersion(
            f"{path} was written by a newer tracker (schema {state.version}; this one knows "
            f"{SCHEMA_VERSION}). Upgrade tracker to open it; the file was left untouched.")
    return state.version


def _existing_file(path: Path) -> os.stat_result | None:
    """The file's status, None if nothing is there; refuses what is not a regular file."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise StoreError(f"cannot create the database {path}: a part of that path is a file. "
                         "Choose a writable place with --db or TRACKER_DB.") from None
    except PermissionError:
        raise StoreError(f"cannot reach {path}: permission denied") from None
    if stat.S_ISDIR(status.st_mode):
        raise StoreError(f"{path} is a folder; give the path of a database file (--db)")
    if not stat.S_ISREG(status.st_mode):
        raise NotATrackerFile(
            f"{path} is not a regular file (a pipe, a device or a socket); it was left "
            "untouched. Give the path of a database file (--db).")
    if not os.access(path, os.R_OK):
        raise StoreError(f"cannot read {path}: permission denied")
    return status


def _create_empty(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)  # a new file: no connection of this process can hold a lock on it
    except FileExistsError:
        pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise StoreError(
            f"cannot create the database {path}: {reason}. "
            "Choose a writable place with --db or TRACKER_DB.") from None


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _owner_only(path: Path) -> None:
    """The database and its companions readable by their owner only."""
    for file in (path, *companions(path)):
        try:
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)
        except FileNotFoundError:
            continue
        except PermissionError:
            return  # not ours to change (another user's file, opened read-only)


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(_uri(path, mode), uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error as error:
        raise StoreError(f"cannot open {path}: {error}") from None
    return conn


def resolve(path: Path | str) -> Path:
    """The database's real path: ``~`` expanded, symbolic links (even dangling) followed."""
    return Path(path).expanduser().resolve()


def open_database(path: Path) -> tuple[sqlite3.Connection, bool]:
    """Open (creating if needed) the tracker database at ``path`` (as from ``resolve``).

    Returns the connection and whether it is read-only (the file or its folder
    cannot be written). sqlite-utils (and its migrations) is only imported when the
    schema needs work, which keeps the start-up of an up-to-date database fast.

    Raises:
        StoreError: the file is not a tracker database, is damaged, is newer
            than this code, or cannot be created; nothing was written.
    """
    existing = _existing_file(path)
    if existing is None:
        _create_empty(path)
    empty = existing is None or existing.st_size == 0
    _verdict(inspect(path), path, empty)  # read-only: nothing is written before this passes
    read_only_file = not _writable(path)
    if not read_only_file:
        _owner_only(path)
    conn = _connect(path, "mode=ro" if read_only_file else "mode=rw")
    try:
        state = _state(conn)  # again, now with any WAL applied
    except sqlite3.Error as error:
        conn.close()
        if not read_only_file or not isinstance(error, sqlite3.OperationalError):
            raise from_sqlite(error, path) from None
        # WAL mode in a folder where the -shm cannot be made: nobody can write here,
        # so the file is read as it stands
        conn = _connect(path, "mode=ro&immutable=1")
        state = _state(conn)
    try:
        version = _verdict(state, path, empty)
        if version != SCHEMA_VERSION:
            if read_only_file:
                raise read_only(path)
            _migrate(conn, path, version)
        if not read_only_file and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")  # also after an interrupted first run
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -16000")  # up to 16 MB: big imports stay in memory
    except sqlite3.Error as error:
        conn.close()
        raise from_sqlite(error, path) from None
    except BaseException:
        conn.close()
        raise
    return conn, read_only_file


def backup_copy(conn: sqlite3.Connection, target: Path, *, replace: bool = True) -> Path:
    """Copy a live database (WAL included) to ``target``, readable by its owner only.

    The copy is written under a temporary name beside ``target`` and renamed when
    complete: a copy interrupted midway never stands under the final name. Without
    ``replace``, a file that has the name meanwhile (another process's copy, made in
    the same second) is kept and FileExistsError raised.
    """
    import tempfile

    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.",
                                suffix=PARTIAL)
    os.close(fd)  # a new file of our own: no connection holds a lock on it
    partial = Path(name)
    try:
        copy = sqlite3.connect(partial)
        try:
            _copy_pages(conn, copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
        if replace:
            os.replace(partial, target)
        else:
            _name_if_free(partial, target)
    except BaseException:
        for leftover in (partial, *companions(partial)):
            leftover.unlink(missing_ok=True)
        raise
    return target


def _name_if_free(partial: Path, target: Path) -> None:
    """Give the finished copy ``target``'s name only if no file has it: a hard link
    fails when the name is taken, where a rename would replace what is there."""
    import errno

    try:
        os.link(partial, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise
        if os.path.lexists(target):  # a file system without hard links: look, then rename
            raise FileExistsError(errno.EEXIST, "exists already", str(target)) from None
        os.replace(partial, target)
        return
    partial.unlink()


PARTIAL = ".partial"
"""How a copy being written ends its name: ``.NAME.PID.RANDOM.partial``."""
FORSAKEN_AFTER_SECONDS = 24 * 3600
"""A partial copy whose name names no process is left alone for a day."""


def remove_forsaken_copies(folder: Path) -> int:
    """Remove what killed copies left in ``folder`` (``.….PID.….partial`` and its
    journal): only regular files of ours whose writing process is gone (or, named by
    no process, untouched for a day), never one a live process is still writing.
    The number of files removed."""
    import time

    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        base = name.removesuffix("-journal")
        if not (name.startswith(".") and base.endswith(PARTIAL)):
            continue
        path = folder / name
        try:
            status = path.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(status.st_mode) or status.st_uid != os.getuid():
            continue
        pid = base.split(".")[-3] if base.count(".") >= 4 else ""
        if pid.isdigit() and int(pid) > 0:
            if _alive(int(pid)):
                continue
        elif time.time() - status.st_mtime < FORSAKEN_AFTER_SECONDS:
            continue
        try:
            path.unlink()
        except OSError:
            continue
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _copy_pages(conn: sqlite3.Connection, copy: sqlite3.Connection) -> None:
    conn.backup(copy)


def check(conn: sqlite3.Connection) -> list[str]:
    """SQLite's full integrity check: an empty list when the file is sound."""
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
    problems += [f"an entry of a missing habit (table {row[0]})"
                 for row in conn.execute("PRAGMA foreign_key_check")]
    return [p for p in problems if p != "ok"]


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
