"""A look at a Yjs update (the binary format v1 of the sync files) before the engine
sees it: tracker's documents hold one root map, ``rows``, of plain strings, so an update
that holds anything else — a nested type, another root, binary or JSON content — is not
one of ours and is refused. The engine itself is never handed such a file: a value
nested tens of thousands deep crashes the process inside Yrs (its garbage collection
and its conversion to Python recurse), which no Python exception can catch.

The format is Yjs's (``lib0`` variable-length integers and strings; see yjs's
``encoding.js``/``decoding.js`` and ``UpdateDecoderV1``). This only reads it, flatly
and without recursion; every merge decision stays the engine's.
"""

from __future__ import annotations

ROOT = "rows"


class NotOurUpdate(ValueError):
    """The bytes are not an update tracker's documents can hold."""


class _Reader:
    __slots__ = ("data", "pos")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise NotOurUpdate("the update ends too early")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def uint(self) -> int:
        data, pos = self.data, self.pos
        if pos < len(data) and data[pos] < 0x80:  # the common case: one byte
            self.pos = pos + 1
            return data[pos]
        value, shift = 0, 0
        while True:
            byte = self.byte()
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7
            if shift > 63:
                raise NotOurUpdate("a number in the update is too long")

    def skip(self, length: int) -> None:
        if length < 0 or self.pos + length > len(self.data):
            raise NotOurUpdate("the update ends too early")
        self.pos += length

    def string(self) -> str:
        length = self.uint()
        start = self.pos
        self.skip(length)
        try:
            return self.data[start:self.pos].decode("utf-8")
        except UnicodeDecodeError:
            raise NotOurUpdate("a text in the update is not UTF-8") from None


_GC, _DELETED, _STRING, _ANY, _SKIP = 0, 1, 4, 8, 10
_ANY_STRING = 119


def check_update(data: bytes) -> None:
    """Raise :class:`NotOurUpdate` unless ``data`` is a Yjs update (v1) holding only
    plain strings in the root map ``rows`` (and removals)."""
    reader = _Reader(data)
    for _client in range(reader.uint()):
        structs = reader.uint()
        reader.uint()  # the client
        reader.uint()  # its first clock
        for _struct in range(structs):
            _check_struct(reader)
    for _client in range(reader.uint()):  # the delete set
        reader.uint()
        for _range in range(reader.uint()):
            reader.uint()
            reader.uint()
    if reader.pos != len(data):
        raise NotOurUpdate("the update has bytes after its end")


def _check_struct(reader: _Reader) -> None:
    info = reader.byte()
    kind = info & 0x1F
    if kind in (_GC, _SKIP):
        reader.uint()
        return
    if info & 0x80:  # origin: an id
        reader.uint()
        reader.uint()
    if info & 0x40:  # right origin
        reader.uint()
        reader.uint()
    if not info & 0xC0:  # the parent is written out: only the root map is ours
        if reader.uint() != 1 or reader.string() != ROOT:
            raise NotOurUpdate("the update holds a value inside another value")
        if info & 0x20:
            reader.string()  # the key in the map
    if kind == _DELETED:
        reader.uint()
    elif kind == _STRING:
        reader.string()
    elif kind == _ANY:
        for _value in range(reader.uint()):
            if reader.byte() != _ANY_STRING:
                raise NotOurUpdate("the update holds a value that is not text")
            reader.string()
    else:
        raise NotOurUpdate(f"the update holds content of a kind tracker never writes ({kind})")
