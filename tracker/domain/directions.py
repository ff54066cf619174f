"""Directions as groups: the habits under the value each serves, in the person's order
(a direction comes where its first habit does; habits keep their order inside it), the
habits without one last, under a quiet "no direction yet"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

NO_DIRECTION = "no direction yet"
"""The heading of the habits that serve no direction yet."""


def direction_key(direction: str) -> str:
    """The group a direction falls in: spaces folded, case ignored (``Health`` and
    ``health `` are one direction)."""
    return " ".join(direction.split()).casefold()


def grouped(items: Iterable[T], direction_of: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """``items`` in groups by direction: ``(direction as first written, items)`` in the
    order the directions first appear, then ``("", items without one)``."""
    groups: dict[str, tuple[str, list[T]]] = {}
    loose: list[T] = []
    for item in items:
        direction = direction_of(item).strip()
        if not direction:
            loose.append(item)
            continue
        key = direction_key(direction)
        if key not in groups:
            groups[key] = (" ".join(direction.split()), [])
        groups[key][1].append(item)
    result = list(groups.values())
    if loose:
        result.append(("", loose))
    return result


def heading(direction: str) -> str:
    """A group's heading: the direction, or "no direction yet"."""
    return direction or NO_DIRECTION


def matches(direction: str, wanted: str) -> bool:
    """Whether a habit's direction is the one asked for (``--direction``): spaces and
    case aside; an empty ``wanted`` asks for the habits without one."""
    return direction_key(direction) == direction_key(wanted)


def listed_order(items: list[T], direction_of: Callable[[T], str], chosen: int,
                 id_of: Callable[[T], int]) -> tuple[list[int], int, int]:
    """The ids as listed under their directions, and the first and last place of the
    group holding ``chosen``."""
    order: list[int] = []
    low = high = 0
    for _, members in grouped(items, direction_of):
        ids = [id_of(item) for item in members]
        if chosen in ids:
            low, high = len(order), len(order) + len(ids) - 1
        order += ids
    return order, low, high
