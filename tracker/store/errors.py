"""Errors the store raises, each with a message a person can act on."""

from __future__ import annotations

import sqlite3

from tracker.domain.text import quoted

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from pathlib import Path  # only named: tracker status reads a day without pathlib


class StoreError(Exception):
    """Something about the database file or a request to it that a person must fix."""


class NotATrackerFile(StoreError):
    """The file is not SQLite, or is an SQLite database of another program."""


class DamagedFile(StoreError):
    """The file looks like SQLite but cannot be read: nothing more is written to it."""


class NewerVersion(StoreError):
    """The file was written by a newer tracker."""


class ReadOnlyDatabase(StoreError):
    """The file (or its folder) cannot be written: reading works, changes are refused."""


class ChangedElsewhere(StoreError):
    """What was about to change is no longer what the person saw (another process wrote)."""


class HabitGone(ChangedElsewhere):
    """The habit was deleted meanwhile elsewhere (another window, another device)."""

    def __init__(self, habit_id: int) -> None:
        super().__init__("this habit was deleted meanwhile elsewhere (another window or "
                         "device); nothing was changed")
        self.habit_id = habit_id


class Refused(StoreError):
    """A change the rules refuse (a day to come, a level the habit does not have): the
    message says why and what to do instead; nothing was written."""


class UnknownHabit(StoreError):
    """No habit has that name."""

    def __init__(self, name: str, close: list[str]) -> None:
        hint = f" Did you mean {', '.join(quoted(c) for c in close)}?" if close else ""
        super().__init__(f"no habit named {quoted(name)}.{hint} "
                         "('tracker habit list' shows them all)")
        self.name = name
        self.close = close


class DuplicateHabit(StoreError):
    """A habit with that name exists already."""


def backups_folder(path: Path) -> Path:
    """Where the backups of the database at ``path`` go: ``backups/`` beside it."""
    return path.parent / "backups"


def damaged(path: Path, detail: object) -> DamagedFile:
    """The one line for a damaged database: what happened and how to get the data back."""
    return DamagedFile(
        f"{path} is damaged ({detail}); it was left untouched and nothing more is written "
        f"to it. Restore the latest "
        f"copy from {backups_folder(path)} (made by 'tracker backup') or another backup "
        "of yours; 'tracker check' tells what is wrong.")


def read_only(path: Path) -> ReadOnlyDatabase:
    return ReadOnlyDatabase(
        f"{path} is read-only (the file or its folder cannot be written): it can be read, "
        "but changes are refused. Make it writable (chmod u+w) or use another copy with --db.")


def from_sqlite(error: sqlite3.Error, path: Path) -> StoreError:
    """The person's version of an error SQLite raised on the database at ``path``."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return damaged(path, text)
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return read_only(path)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StoreError(f"{path} stayed locked by another program for too long; "
                          "nothing was changed. Try again in a moment.")
    if name.startswith("SQLITE_FULL"):
        return StoreError(f"the disk holding {path} is full; nothing was changed. "
                          "Free some space and try again.")
    return StoreError(f"the database {path} could not be used ({text}); nothing was changed")
