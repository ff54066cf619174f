"""One shard of the synced data as a CRDT document (Yjs, through pycrdt): a map of keys
to JSON texts. Concurrent sets of one key resolve the same way on every device, merges
are idempotent and in any order; a removed key stays removed when an older copy of the
document is merged again. The merge is pycrdt's; nothing here decides a conflict.

What another device wrote is looked at before the engine takes it (``check_update``:
only plain texts in the one root map), and each value it changes is checked by the same
rules as the command line (``sync_keys.checked``) before it is kept: a file that fails
is not merged at all.
"""

from __future__ import annotations

from collections.abc import Mapping

from pycrdt import Doc, Map, MapEvent

from tracker.store.sync_keys import checked
from tracker.sync.update_check import ROOT, NotOurUpdate, check_update


class Refused(ValueError):
    """Another device's document holds what tracker never writes (the message says what)."""


class Shard:
    """A shard's document: ``set`` what changed here, ``merge`` what other devices wrote,
    ``encode`` it whole. ``changed`` tells whether anything moved since it was loaded,
    removals included (a removal does not move Yjs's state vector)."""

    def __init__(self, name: str, data: bytes | None = None) -> None:
        self.name = name
        self.doc: Doc = Doc()
        self.rows: Map[str] = Map()
        self.doc[ROOT] = self.rows
        if data:
            check_update(data)
            self.doc.apply_update(data)
        self.changed = False
        self._touched: set[str] = set()
        self.rows.observe(self._seen)

    def _seen(self, event: MapEvent) -> None:
        self.changed = True
        self._touched.update(event.keys)  # type: ignore[attr-defined]

    def set(self, values: Mapping[str, str | None]) -> int:
        """Put this device's values in (None removes); unchanged ones make no change.
        Returns how many changed."""
        rows, count = self.rows, 0
        with self.doc.transaction():
            for key, value in values.items():
                if value is None:
                    if key in rows:
                        del rows[key]
                        count += 1
                elif rows.get(key) != value:
                    rows[key] = value
                    count += 1
        return count

    def merge(self, data: bytes) -> bool:
        """Merge another device's copy of the document (an encoded update); True if it
        brought anything. Refused (and nothing of it kept) if it holds anything tracker
        never writes."""
        try:
            check_update(data)
        except NotOurUpdate as error:
            raise Refused(str(error)) from None
        before = self.encode() if self.rows else None
        self._touched = set()
        changed, self.changed = self.changed, False
        self.doc.apply_update(data)
        brought = self.changed
        try:
            for key in self._touched:
                value = self.rows.get(key)
                if value is not None:
                    checked(self.name, key, value)
        except ValueError as error:
            self._restore(before)
            self.changed = changed
            raise Refused(str(error)) from None
        self.changed = changed or brought
        return brought

    def _restore(self, data: bytes | None) -> None:
        """Back to the document as it was before a refused merge."""
        self.doc = Doc()
        self.rows = Map()
        self.doc[ROOT] = self.rows
        if data:
            self.doc.apply_update(data)
        self.rows.observe(self._seen)

    def values(self) -> dict[str, str]:
        return {key: value for key, value in self.rows.items() if isinstance(value, str)}

    def encode(self) -> bytes:
        return self.doc.get_update()
