"""``NamedTuple`` as ``typing`` has it, without loading ``typing`` when the program runs.

tracker's records (a habit, a day's plan, a pause …) are named tuples. ``tracker status``
runs every few seconds in a status bar and makes its line anew after each change; on
Python 3.11 importing ``typing`` (and the regular expressions it loads) is a fifth of
that run, and ``typing.NamedTuple`` compiles each field's annotation once more. So the
type checker reads ``typing.NamedTuple`` here, and the program gets the same class from
``collections.namedtuple``: the fields in order with their defaults, the annotations,
the class's docstring, methods and properties, ``_replace``, ``_asdict``, ``_fields``.

Write ``from tracker.domain.records import NamedTuple`` and a record as with typing's
(in a module with ``from __future__ import annotations``, as every module here is).
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing

_NAMEDTUPLE_OWN = frozenset(("__new__", "__getnewargs__", "__match_args__", "_fields",
                             "_field_defaults", "_make", "_replace", "_asdict"))
"""What collections.namedtuple makes: a record may not write its own."""
_CLASS_BOOKKEEPING = frozenset(("__annotations__", "__module__", "__qualname__",
                                "__orig_bases__", "__static_attributes__",
                                "__firstlineno__"))


def make_record(name: str, namespace: dict[str, object]) -> type[tuple[object, ...]]:
    """The named tuple a ``class name(NamedTuple):`` body describes."""
    annotations = namespace.get("__annotations__")
    if not isinstance(annotations, dict):
        raise TypeError(f"{name}: a record's module needs 'from __future__ import "
                        "annotations' (its fields are read from the annotations)")
    defaults: list[object] = []
    for field in annotations:
        if field in namespace:
            defaults.append(namespace[field])
        elif defaults:
            raise TypeError(f"{name}: non-default field {field} cannot follow a field "
                            "with a default")
    record = collections.namedtuple(name, list(annotations), defaults=defaults,  # type: ignore[misc]
                                    module=str(namespace.get("__module__", __name__)))
    record.__annotations__ = dict(annotations)
    record.__qualname__ = str(namespace.get("__qualname__", name))
    for key, value in namespace.items():
        if key in _NAMEDTUPLE_OWN:
            raise AttributeError(f"{name}: cannot overwrite NamedTuple attribute {key}")
        if key in annotations or key in _CLASS_BOOKKEEPING:
            continue
        setattr(record, key, value)
        set_name = getattr(type(value), "__set_name__", None)
        if set_name is not None:
            set_name(value, record, key)
    return record


class _RecordMaker(type):
    """The metaclass of ``NamedTuple``: a class written on it is made a named tuple."""

    def __new__(mcs, name: str, bases: tuple[type, ...],
                namespace: dict[str, object]) -> type[tuple[object, ...]]:
        if len(bases) != 1:
            raise TypeError(f"{name}: a record's one base is NamedTuple")
        return make_record(name, namespace)


if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    NamedTuple = type.__new__(_RecordMaker, "NamedTuple", (), {"__module__": __name__})
