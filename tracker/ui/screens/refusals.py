"""How a screen makes a change: a refusal from the store becomes a message, not a crash."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from textual.screen import Screen

from tracker.store import DamagedFile, Refused, StoreError


@contextmanager
def reporting_refusals(where: Screen[Any]) -> Iterator[None]:
    """Make a change; if the store refuses it (a read-only file, a name taken, a text
    too long; a rule's refusal, as a warning) the person reads why, literally, and
    nothing was written. A damaged file is left to the app, which stops with one line
    rather than write any further."""
    try:
        yield
    except DamagedFile:
        raise
    except StoreError as error:
        where.notify(str(error), severity="warning" if isinstance(error, Refused) else "error",
                     markup=False)
