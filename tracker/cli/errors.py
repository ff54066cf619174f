"""The errors a person can act on, as the one line tracker prints for them."""

from __future__ import annotations

import sqlite3

from tracker.config import ConfigError
from tracker.store import StoreError

EXPECTED_ERRORS = (StoreError, ConfigError, sqlite3.DatabaseError, OSError)
"""Bad files, unusable folders and settings: a message, never a traceback."""


def explain(error: Exception) -> str:
    """One line saying what went wrong, for one of ``EXPECTED_ERRORS``."""
    if isinstance(error, sqlite3.DatabaseError):
        return f"the database could not be read or written ({error})"
    if isinstance(error, OSError):
        where = f" {error.filename}" if error.filename else ""
        return f"cannot use{where}: {error.strerror or error}"
    return str(error)
