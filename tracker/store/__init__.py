"""The only code that speaks SQL: open, migrate, read and write a tracker database."""

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

__all__ = ["ChangedElsewhere", "DamagedFile", "DuplicateHabit", "NewerVersion",
           "NotATrackerFile", "ReadOnlyDatabase", "Store", "StoreError", "UnknownHabit"]
