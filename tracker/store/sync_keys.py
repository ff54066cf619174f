"""The keys and values of the sync documents (docs/sync.md, "The data model"): every
field a person can change on its own is a key of its own, a register that merges apart
from the others (a mark here, a note there, both kept). Pure Python, no SQL: the store
turns rows into these values and back, and sync checks with :func:`checked` every value
that comes from the folder before anything of it reaches the database.

    core      {habit}/{field}              a habit's field (name, minimum, …)
              {habit}/rung/{since}/{h}     a rung of its level ladder: [since, text]
              {habit}/source/{h}           an identity it has in another tracker's files
              {habit}/deleted              true once deleted (a tombstone)
    YYYY-MM   e/{habit}/{day}/{field}      an entry's status, amount or note
              c/{day}/{field}              a check-in's energy, intention or note
              d/{day}                      a check-in declined ("not today")
              s/{step}/{field}             a micro-step's day, text, done, habit, the day
                                           it was first planned, … (in the month it was
                                           first planned: bringing it along moves no key)
              r/{week}/a/{h}               a review's answer: [prompt, text]
              r/{week}/d/{h}               a review's decision on one suggestion

A field at its empty value (no status, no amount, an empty note) has no key: removing
a mark removes its key, and a record with no key left is gone.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import uuid as uuid_module
from collections.abc import Callable
from typing import Any

from tracker.domain import checks
from tracker.domain.models import ENERGIES, MAX_EVERY, STATUSES, Schedule

CORE = "core"
HABIT_FIELDS = ("name", "direction", "minimum", "full", "stretch", "unit", "schedule_kind",
                "schedule_days", "per_week", "position", "archived", "created",
                "min_amount", "full_amount", "stretch_amount", "at_most", "schedule_times",
                "schedule_every", "step")
HABIT_DEFAULTS: dict[str, Any] = {"direction": "", "full": "", "stretch": "", "unit": "",
                                  "schedule_kind": "daily", "schedule_days": "",
                                  "per_week": 0, "position": 0, "archived": 0, "at_most": 0,
                                  "min_amount": None, "full_amount": None,
                                  "stretch_amount": None, "schedule_times": 0,
                                  "schedule_every": 0, "step": None}
ENTRY_FIELDS = ("status", "amount", "note")
CHECKIN_FIELDS = ("energy", "intention", "note")
STEP_FIELDS = ("day", "text", "done", "habit", "amount", "note", "position", "planned")
PAUSE_FIELDS = ("first", "last", "habit", "note")
EMPTY: dict[str, Any] = {"status": None, "amount": None, "note": "", "intention": "",
                         "habit": None, "done": False, "position": 0, "planned": None}
"""A record's field at this value has no key."""

MAX_VALUE = 4 * checks.MAX_TEXT
"""The longest value text (a note of 10,000 characters, escaped as JSON)."""

dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
"""A value as compact JSON text, keys sorted: equal data, equal text."""

_ID = r"[0-9a-f]{32}"
_DAY = r"\d{4}-\d{2}-\d{2}"
_H = r"[0-9a-f]{16}"
_CORE_KEY = re.compile(rf"({_ID})/(?:({'|'.join(HABIT_FIELDS)})|(deleted)|"
                       rf"rung/({_DAY})/{_H}|source/{_H})")
_MONTH_KEY = re.compile(rf"e/{_ID}/({_DAY})/(?:{'|'.join(ENTRY_FIELDS)})|"
                        rf"c/({_DAY})/(?:{'|'.join(CHECKIN_FIELDS)})|d/({_DAY})|"
                        rf"s/{_ID}/(?:{'|'.join(STEP_FIELDS)})|r/({_DAY})/[ad]/{_H}|"
                        rf"p/{_ID}/(?:{'|'.join(PAUSE_FIELDS)})")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def digest(*parts: str) -> str:
    """A short stable name for a value that is its own identity (a rung, an answer)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def month_of(day: str) -> str:
    """The shard of a day: ``2026-12`` for ``2026-12-01``."""
    return day[:7]


def is_shard(name: str) -> bool:
    """Whether a name is one of the documents' (``core`` or a month ``YYYY-MM``)."""
    return name == CORE or (_MONTH.fullmatch(name) is not None and 1900 <= int(name[:4]) < 3000)


def imported_uuid(sources: list[str]) -> str | None:
    """The identity of a habit brought in from another tracker's file: the same on every
    device that imports the same file, so one import on two devices is one habit."""
    if not sources:
        return None
    return uuid_module.uuid5(uuid_module.NAMESPACE_URL, "tracker:" + min(sources)).hex


# Checking what comes from the folder ------------------------------------------------
def _day(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{str(value)[:40]!r} is not a date: use YYYY-MM-DD")
    return _known_day(value)


@functools.lru_cache(maxsize=4096)
def _known_day(value: str) -> str:
    return checks.iso_day(value).isoformat()


def _flag(value: Any) -> int:
    if value not in (0, 1) or isinstance(value, float):
        raise ValueError("must be 0 or 1")
    return int(value)


def _count(limit: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= limit:
            raise ValueError(f"must be a whole number from 0 to {limit}")
        return value
    return check


def _required_text(what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"the {what} must be text")
        return checks.text(value, what)
    return check


def _text(what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"the {what} must be text")
        return checks.text(value, what)
    return check


def _name(value: Any) -> str:
    if not isinstance(value, str) or not checks.name(value):
        raise ValueError("a habit's name must be text")
    return checks.name(value)


def _amount(value: Any) -> float | None:
    if isinstance(value, str):
        raise ValueError("an amount must be a number")
    return checks.amount(value)


def _step(value: Any) -> float | None:
    if isinstance(value, str):
        raise ValueError("a step must be a number")
    return checks.step(value)


def _schedule_kind(value: Any) -> str:
    if value not in ("daily", "weekdays", "per_week", "in_days"):
        raise ValueError(f"{str(value)[:40]!r} is not a schedule")
    return str(value)


def _schedule_days(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("the days must be text such as mon,wed")
    if value:
        Schedule.parse_days(value)
    return value


def _one_of(allowed: tuple[str, ...], what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in allowed:
            raise ValueError(f"{str(value)[:40]!r} is not a {what}")
        return str(value)
    return check


def _pair(first: Callable[[Any], Any], second: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def check(value: Any) -> list[Any]:
        if not isinstance(value, list) or len(value) != 2:
            raise ValueError("must be a pair")
        return [first(value[0]), second(value[1])]
    return check


def _decision(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != {"habit", "kind", "accepted",
                                                     "new_minimum"}:
        raise ValueError("not a decision")
    if not isinstance(value["accepted"], bool):
        raise ValueError("a decision is accepted or not")
    return {"habit": _name(value["habit"]), "kind": _text("kind")(value["kind"])[:40],
            "accepted": value["accepted"],
            "new_minimum": _text("new minimum")(value["new_minimum"])}


def _flag_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _pause_note(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a pause's note must be text")
    return checks.text(value, "note", 200)


def _uuid_or_none(value: Any) -> str | None:
    if value is not None and (not isinstance(value, str) or not re.fullmatch(_ID, value)):
        raise ValueError("not a habit's identity")
    return value


_HABIT_CHECKS: dict[str, Callable[[Any], Any]] = {
    "name": _name, "direction": _text("direction"), "minimum": _required_text("minimum"),
    "full": _text("full version"), "stretch": _text("stretch version"), "unit": _text("unit"),
    "schedule_kind": _schedule_kind, "schedule_days": _schedule_days,
    "per_week": _count(7), "position": _count(10_000_000), "archived": _flag,
    "created": _day, "min_amount": _amount, "full_amount": _amount,
    "stretch_amount": _amount, "at_most": _flag, "schedule_times": _count(MAX_EVERY),
    "schedule_every": _count(MAX_EVERY), "step": _step}
_FIELD_CHECKS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "e": {"status": _one_of(STATUSES, "status"), "amount": _amount, "note": _text("note")},
    "c": {"energy": _one_of(ENERGIES, "energy"), "intention": _text("intention"),
          "note": _text("note")},
    "s": {"day": _day, "text": _required_text("micro-step"), "done": _flag_bool,
          "habit": _uuid_or_none, "amount": _amount, "note": _text("note"),
          "position": _count(10_000_000), "planned": _day},
    "p": {"first": _day, "last": _day, "habit": _uuid_or_none, "note": _pause_note},
}


def checked(shard: str, key: str, text: Any) -> Any:
    """The value of ``key`` in ``shard`` as Python, checked by the same rules as the
    command line; ValueError (with what is wrong) for anything else."""
    if not isinstance(text, str) or len(text) > MAX_VALUE:
        raise ValueError(f"{key[:80]!r}: not a value tracker writes")
    try:
        value = parse(text)
    except (ValueError, RecursionError):
        raise ValueError(f"{key[:80]!r}: not a value tracker writes") from None
    try:
        return _checked(shard, key, value, text)
    except ValueError as error:
        raise ValueError(f"{key[:80]!r}: {error}") from None


def parse(text: str) -> Any:
    """A value's JSON text as Python (the short ones, which recur by the thousand —
    statuses, days, amounts — parsed once)."""
    return _parse_short(text) if len(text) <= 40 else json.loads(text)


@functools.lru_cache(maxsize=8192)
def _parse_short(text: str) -> Any:
    return json.loads(text)


_PASSED: dict[tuple[str, str], Any] = {}
"""Short field values already checked (a status, a day, an amount recur by the
thousand): (what checked it, the text) → the value. Bounded."""


def _field(kind: str, field: str, text: str, value: Any) -> Any:
    if len(text) > 40:
        return _FIELD_CHECKS[kind][field](value)
    known = _PASSED.get((kind + field, text), _PASSED)
    if known is _PASSED:
        known = _FIELD_CHECKS[kind][field](value)
        if len(_PASSED) < 10_000:
            _PASSED[(kind + field, text)] = known
    return known


def _checked(shard: str, key: str, value: Any, text: str) -> Any:
    if shard == CORE:
        match = _CORE_KEY.fullmatch(key)
        if match is None:
            raise ValueError("not a key tracker writes")
        _uuid, field, deleted, since = match.groups()
        if field:
            return _HABIT_CHECKS[field](value)
        if deleted:
            if value is not True:
                raise ValueError("a deletion is true")
            return value
        if since:
            rung = _pair(_day, _required_text("minimum"))(value)
            if rung[0] != since:
                raise ValueError("a rung's day is its key's")
            return rung
        if not isinstance(value, str) or not 0 < len(value) < 300:
            raise ValueError("an identity is a short text")
        return value
    match = _MONTH_KEY.fullmatch(key)
    if match is None:
        raise ValueError("not a key tracker writes")
    day = next((group for group in match.groups() if group), None)
    if day is not None:
        _day(day)
        if month_of(day) != shard:
            raise ValueError(f"a day of {month_of(day)} in the document of {shard}")
    kind, _, rest = key.partition("/")
    if kind == "d":
        if value != 1:
            raise ValueError("a declined check-in is 1")
        return value
    if kind == "r":
        if rest.split("/")[1] == "a":
            return _pair(_text("prompt"), _text("answer"))(value)
        return _decision(value)
    field = rest.rpartition("/")[2]
    checked_value = _field(kind, field, text, value)
    if (kind, field) in (("s", "planned"), ("p", "first")) and month_of(checked_value) != shard:
        raise ValueError(f"a day of {month_of(checked_value)} in the document of {shard}")
    return checked_value
