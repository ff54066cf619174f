"""The only code that speaks SQL: open, migrate, read and write a tracker database.

The names below are loaded when first used (PEP 562): ``tracker status`` and shell
completion read a day through ``tracker.store.glance`` alone, without the whole store.
"""

from __future__ import annotations

from sqlite3 import Error as DatabaseError

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from typing import Any

    from tracker.store.errors import (
        ChangedElsewhere,
        DamagedFile,
        DuplicateHabit,
        HabitGone,
        NewerVersion,
        NotATrackerFile,
        ReadOnlyDatabase,
        Refused,
        StoreError,
        UnknownHabit,
    )
    from tracker.store.store import Store
    from tracker.store.transfer import ForeignDatabase

__all__ = ["ChangedElsewhere", "DamagedFile", "DatabaseError", "DuplicateHabit",
           "ForeignDatabase", "HabitGone", "NewerVersion",
           "NotATrackerFile", "ReadOnlyDatabase", "Refused", "Store", "StoreError", "UnknownHabit"]

_HOMES = {"Store": "tracker.store.store", "ForeignDatabase": "tracker.store.transfer"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'tracker.store' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_HOMES.get(name, "tracker.store.errors")), name)
    globals()[name] = value
    return value
