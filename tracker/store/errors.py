"""Errors the store raises, each with a message a person can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Something about the database file or a request to it that a person must fix."""


class NotATrackerFile(StoreError):
    """The file is not SQLite, or is an SQLite database of another program."""


class DamagedFile(StoreError):
    """The file looks like SQLite but cannot be read."""


class NewerVersion(StoreError):
    """The file was written by a newer tracker."""


class UnknownHabit(StoreError):
    """No habit has that name."""

    def __init__(self, name: str, close: list[str]) -> None:
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        super().__init__(f"no habit named {name!r}.{hint} ('tracker habit list' shows them all)")
        self.name = name
        self.close = close


class DuplicateHabit(StoreError):
    """A habit with that name exists already."""
