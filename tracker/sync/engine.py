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

import json
from collections.abc import Mapping

from pycrdt import Doc, Map

from tracker.store.sync_keys import checked
from tracker.sync.update_check import ROOT, NotOurUpdate, check_update


class Refused(ValueError):
    """Another device's document holds what tracker never writes (the message says what)."""


class Shard:
    """A shard's document: ``set`` what changed here, ``merge`` what other devices wrote,
    ``encode`` it whole. ``changed`` tells whether anything moved since it was loaded,
    removals included (a removal does not move Yjs's state vector)."""

    def __init__(self, name: str, data: bytes | None = None, *, own: bool = False) -> None:
        """``own``: this device's document as its database keeps it (written by this
        code, from checked values), taken without looking at it again."""
        self.name = name
        self.changed = False
        self._load(data, own)

    def _load(self, data: bytes | None, own: bool = True) -> None:
        self.doc: Doc[Map[str]] = Doc()
        self.rows: Map[str] = Map()
        self.doc[ROOT] = self.rows
        if data:
            if not own:
                check_update(data)
            self.doc.apply_update(data)
        self._values: dict[str, str] | None = None if data else {}
        """Every key's value, read when first asked for, then kept up to date."""
        self._blank = not data
        """Nothing in it yet, not even a removal."""

    def _read(self) -> dict[str, str]:
        # one read of the whole map (its JSON, in Rust): check_update made sure that
        # it holds plain texts only, nothing nested
        values = json.loads(str(self.rows)) if self.rows else {}
        return {key: value for key, value in values.items() if isinstance(value, str)}

    def set(self, values: Mapping[str, str | None]) -> int:
        """Put this device's values in (None removes); unchanged ones make no change.
        Returns how many changed."""
        current, count = self.values(), 0
        with self.doc.transaction():
            for key, value in values.items():
                if value is None:
                    if key in current:
                        del self.rows[key]
                        del current[key]
                        count += 1
                elif current.get(key) != value:
                    self.rows[key] = value
                    current[key] = value
                    count += 1
        self.changed = self.changed or count > 0
        return count

    def merge(self, data: bytes) -> bool:
        """Merge another device's copy of the document (an encoded update); True if it
        brought anything. Refused (and nothing of it kept) if it holds anything tracker
        never writes."""
        try:
            check_update(data)
        except NotOurUpdate as error:
            raise Refused(str(error)) from None
        before = self.values()
        state = self.doc.get_state()
        restore = None if self._blank and not self.changed else self.encode()
        self.doc.apply_update(data)
        after = self._read()
        try:
            for key, value in after.items():
                if before.get(key) != value:
                    checked(self.name, key, value)
        except ValueError as error:
            self._load(restore)
            raise Refused(str(error)) from None
        self._values = after
        self._blank = False
        brought = after != before or self.doc.get_state() != state
        self.changed = self.changed or brought
        return brought

    def values(self) -> dict[str, str]:
        """Every key and its value (kept: do not change it)."""
        if self._values is None:
            self._values = self._read()
        return self._values

    def encode(self) -> bytes:
        return self.doc.get_update()
