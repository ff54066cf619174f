"""The errors a person can act on, as the one line tracker prints for them."""

from __future__ import annotations

from pathlib import Path

from tracker.domain.text import printable
from tracker.files.config import ConfigError
from tracker.store import DatabaseError, StoreError

EXPECTED_ERRORS = (StoreError, ConfigError, DatabaseError, OSError, OverflowError)
"""Bad files, unusable folders and settings: a message, never a traceback."""


def explain(error: BaseException, database: Path | None = None) -> str:
    """One line saying what went wrong, for one of ``EXPECTED_ERRORS``."""
    if isinstance(error, DatabaseError):
        if database is None:
            return f"the database could not be read or written ({error})"
        from tracker.store.errors import from_sqlite

        return str(from_sqlite(error, database))
    if isinstance(error, OverflowError):
        return "that date is out of range: tracker knows the days from 1900 to 2999"
    if isinstance(error, OSError):
        place = error.filename or database
        where = f" {printable(str(place))}" if place else ""
        return f"cannot use{where}: {error.strerror or error}"
    return str(error)
