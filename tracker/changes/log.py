"""Every change is made the same way: in one transaction, with what it replaces read
before and after, so that undoing it is never wired by hand. Undo puts back what the
change replaced, in one transaction too, and only where nothing changed since (the
store's compare-and-set: another process's change is never overwritten)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from tracker.domain.records import NamedTuple
from tracker.store import ChangedElsewhere

if TYPE_CHECKING:
    from tracker.store import Store

T = TypeVar("T")

LIMIT = 200
"""How many changes are remembered for undo (the oldest are forgotten first)."""


class Part(NamedTuple):
    """One thing a change may replace (a habit's day, a micro-step, a review): how to
    read its state, and how to put a state back (``put(state, expected)``, refusing
    with ``ChangedElsewhere`` if it no longer holds ``expected``)."""

    read: Callable[[], Any]
    put: Callable[[Any, Any], None]


@dataclass(frozen=True)
class Made:
    """A change made: what it was, in words, and each part's state before and after."""

    description: str
    parts: tuple[tuple[Part, Any, Any], ...]


@dataclass
class ChangeLog:
    """The changes made through one ``Changes``, newest last, for undo."""

    store: Store
    made: list[Made] = field(default_factory=list)

    def make(self, description: str, parts: Sequence[Part], apply: Callable[[], T],
             added: Callable[[T], Sequence[Part]] | None = None) -> T:
        """Run ``apply`` in one transaction and remember what it replaced in ``parts``
        (and in ``added(result)``: things it created, which held nothing before).
        A change that changed nothing is not remembered."""
        with self.store.write():
            before = [part.read() for part in parts]
            result = apply()
            new = list(added(result)) if added is not None else []
            changed = [(part, old, part.read()) for part, old in
                       [*zip(parts, before, strict=True), *((part, None) for part in new)]]
        changed = [(part, old, now) for part, old, now in changed if old != now]
        if changed:
            self.made.append(Made(description, tuple(changed)))
            del self.made[:-LIMIT]
        return result

    def undo(self) -> Made | None:
        """Put back what the latest change replaced, all of it or nothing (it is
        forgotten either way); None when there is nothing to undo. Raises
        ``ChangedElsewhere`` (naming the change) if another process changed any of it
        since."""
        if not self.made:
            return None
        made = self.made.pop()
        try:
            with self.store.write():
                for part, before, after in reversed(made.parts):
                    part.put(before, after)
        except ChangedElsewhere:
            raise ChangedElsewhere(f"{made.description} was changed elsewhere since") from None
        return made
