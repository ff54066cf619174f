"""What makes a file a tracker database of this version, and how SQLite is told where a
file is: all that the quick readers (``tracker status`` in a status bar, shell
completion) need to open one, without pathlib or the rest of the store."""

from __future__ import annotations

APPLICATION_ID = 0x54726B72  # "Trkr", in PRAGMA application_id
SCHEMA_VERSION = 8
"""The number of migrations in migrations.py; stored in ``PRAGMA user_version``."""


def read_only_uri(path: str) -> str:
    """An SQLite URI opening the file at the absolute ``path`` read-only. SQLite decodes
    ``%HH`` in a URI's path and ends it at ``?`` or ``#``: those three are escaped, and
    everything else (spaces, any letter) is taken as it is."""
    escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?mode=ro"
