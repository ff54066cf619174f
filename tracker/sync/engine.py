"""One shard of the synced data as a CRDT document (Yjs, through pycrdt): a map of keys
to JSON texts. Concurrent sets of one key resolve the same way on every device, merges
are idempotent and in any order; a removed key stays removed when an older copy of the
document is merged again. The merge is pycrdt's; nothing here decides a conflict."""

from __future__ import annotations

from collections.abc import Mapping

from pycrdt import Doc, Map

ROWS = "rows"


class Shard:
    """A shard's document: ``set`` what changed here, ``merge`` what other devices wrote,
    ``encode`` it whole for this device's file."""

    def __init__(self, data: bytes | None = None) -> None:
        self.doc: Doc = Doc()
        self.rows: Map[str] = Map()
        self.doc[ROWS] = self.rows
        if data:
            self.doc.apply_update(data)

    def set(self, values: Mapping[str, str | None]) -> int:
        """Put this device's values in (None removes); unchanged ones make no change.
        Returns how many changed."""
        rows, changed = self.rows, 0
        with self.doc.transaction():
            for key, value in values.items():
                if value is None:
                    if key in rows:
                        del rows[key]
                        changed += 1
                elif rows.get(key) != value:
                    rows[key] = value
                    changed += 1
        return changed

    def merge(self, data: bytes) -> None:
        """Merge another device's copy of the document (an encoded update)."""
        self.doc.apply_update(data)

    def state(self) -> bytes:
        """What the document has seen (changes when a merge or a set brought anything)."""
        return self.doc.get_state()

    def values(self) -> dict[str, str]:
        return {key: str(value) for key, value in self.rows.items()}

    def encode(self) -> bytes:
        return self.doc.get_update()
