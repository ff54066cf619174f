"""The only code that speaks SQL: open, migrate, read and write a tracker database."""

from sqlite3 import Error as DatabaseError

from tracker.store.errors import (
    ChangedElsewhere,
    DamagedFile,
    DuplicateHabit,
    NewerVersion,
    NotATrackerFile,
    ReadOnlyDatabase,
    StoreError,
    UnknownHabit,
)
from tracker.store.store import Store
from tracker.store.transfer import ForeignDatabase

__all__ = ["ChangedElsewhere", "DamagedFile", "DatabaseError", "DuplicateHabit",
           "ForeignDatabase", "NewerVersion",
           "NotATrackerFile", "ReadOnlyDatabase", "Store", "StoreError", "UnknownHabit"]
