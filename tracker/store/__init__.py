"""The only code that speaks SQL: open, migrate, read and write a tracker database."""

from tracker.store.errors import (
    DamagedFile,
    DuplicateHabit,
    NewerVersion,
    NotATrackerFile,
    StoreError,
    UnknownHabit,
)
from tracker.store.store import Store

__all__ = ["DamagedFile", "DuplicateHabit", "NewerVersion", "NotATrackerFile", "Store",
           "StoreError", "UnknownHabit"]
