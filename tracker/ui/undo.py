"""Undo (``u``, ``ctrl+z``): the changes made since the app opened, newest last, each
with what puts it back. The store refuses to put back what another process has changed
since, so an undo never overwrites somebody else's change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

LIMIT = 200
"""How many changes are remembered (the oldest are forgotten first)."""


class Undoable(NamedTuple):
    """Something a change is about to replace: how to read it, and how to put a state
    of it back (``put(state, expected)``, refusing if it no longer holds ``expected``)."""

    description: str
    read: Callable[[], Any]
    put: Callable[[Any, Any], None]


@dataclass(frozen=True)
class Change:
    """One change: what it was, in words, and how to put back what it replaced."""

    description: str
    put_back: Callable[[], None]


@dataclass
class UndoStack:
    """The changes made since the app opened, for ``u`` and ``ctrl+z``."""

    changes: list[Change] = field(default_factory=list)

    def remember(self, description: str, put_back: Callable[[], None]) -> None:
        self.changes.append(Change(description, put_back))
        del self.changes[:-LIMIT]

    def pop(self) -> Change | None:
        """The latest change, forgotten; None when there is nothing to undo."""
        return self.changes.pop() if self.changes else None
