"""Reading a file to import as untrusted input: a regular file only (a FIFO or a device
is refused, never waited on), with a size bound, named in every message with its
escape sequences made visible."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tracker.domain.text import printable
from tracker.files.bounded import NotRegular, TooLarge, read_regular
from tracker.store import DatabaseError, ForeignDatabase
from tracker.store.errors import StoreError

MAX_IMPORT_BYTES = 512 * 1024 * 1024
"""Far more than any export (ten years of forty habits is a few tens of MB)."""


class ImportFailed(StoreError):
    """A file that cannot be imported; the message names the file and the place."""


def shown(path: Path | str) -> str:
    """A path as a message shows it."""
    return printable(str(path))


def regular_file(path: Path, expected: str, *, follow: bool = True) -> os.stat_result:
    """The status of the regular file at ``path``, or ImportFailed saying what is there
    instead; with ``follow=False`` a symbolic link is refused, not followed."""
    try:
        status = os.stat(path, follow_symlinks=follow)
    except FileNotFoundError:
        raise ImportFailed(f"{shown(path)}: no such file") from None
    except OSError as error:
        raise ImportFailed(f"{shown(path)}: cannot be read ({error.strerror})") from None
    return _checked(path, status, expected)


def _checked(path: Path, status: os.stat_result, expected: str) -> os.stat_result:
    if stat.S_ISDIR(status.st_mode):
        raise ImportFailed(f"{shown(path)}: a folder, not a file (expected {expected})")
    if stat.S_ISLNK(status.st_mode):
        raise ImportFailed(f"{shown(path)}: a symbolic link inside the folder; not followed")
    if not stat.S_ISREG(status.st_mode):
        raise ImportFailed(f"{shown(path)}: not a regular file (a pipe, a device or a "
                           f"socket; expected {expected})")
    if status.st_size > MAX_IMPORT_BYTES:
        raise ImportFailed(f"{shown(path)}: {status.st_size / 2**20:,.0f} MB, far larger "
                           f"than {expected}; not imported")
    return status


def read_bounded(path: Path, expected: str, *, follow: bool = True) -> bytes:
    """The bytes of the regular file at ``path``, at most ``MAX_IMPORT_BYTES``; the
    check and the read are on one open file (nothing can swap it in between)."""
    try:
        return read_regular(path, MAX_IMPORT_BYTES, follow=follow, check=True)
    except FileNotFoundError:
        raise ImportFailed(f"{shown(path)}: no such file") from None
    except NotRegular as error:
        _checked(path, error.status, expected)  # says what it is instead
        raise
    except TooLarge:
        raise ImportFailed(f"{shown(path)}: far larger than {expected}; not imported") from None
    except OSError as error:
        if not follow and os.path.islink(path):
            raise ImportFailed(
                f"{shown(path)}: a symbolic link inside the folder; not followed") from None
        raise ImportFailed(f"{shown(path)}: cannot be read ({error.strerror})") from None


SQLITE_MAGIC = b"SQLite format 3\x00"


def foreign_database(path: Path, expected: str) -> ForeignDatabase:
    """Another program's SQLite file, opened read-only and immutable (never written, not
    even its journal), once it is known to be a regular file holding SQLite."""
    regular_file(path, expected)
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = ForeignDatabase(uri)
        conn.tables()
    except DatabaseError as error:
        raise ImportFailed(f"{shown(path)}: cannot be read as SQLite ({error})") from None
    return conn
