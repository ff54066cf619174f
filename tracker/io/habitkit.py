"""HabitKit's JSON export: habits, completions, intervals (schedules), categories.

A completion's ``date`` is the UTC instant of the person's local midnight, with the
offset of that moment beside it (``timezoneOffsetInMinutes``): the local day is
``date + offset``, never the first ten characters (east of UTC that is the day before).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tracker.domain import checks
from tracker.domain.models import Schedule
from tracker.io.foreign import Converted, numeric_status, schedule_from_ratio
from tracker.io.json_format import load_json
from tracker.io.source import ImportFailed, shown

KEYS = ("habits", "completions", "intervals")
MONTH_DAYS = 30
"""A "N times a month" interval is N times in 30 days."""


def is_habitkit(document: Any) -> bool:
    """Whether a JSON document is HabitKit's export (its top-level keys)."""
    return isinstance(document, dict) and all(isinstance(document.get(k), list) for k in KEYS)


def read_habitkit(path: Path) -> Converted:
    """Read a HabitKit export (see docs/formats.md for the mapping)."""
    document = load_json(path, "HabitKit's JSON export")
    if not is_habitkit(document):
        raise ImportFailed(f"{shown(path)}: not a HabitKit export (expected habits, "
                           "completions and intervals)")
    converted = Converted(str(path))
    where = shown(path)
    categories = _categories(document, where)
    intervals = _intervals(document["intervals"], where)
    names: dict[str, tuple[str, float, bool]] = {}
    habits = [h for h in document["habits"] if isinstance(h, dict)]
    if len(habits) != len(document["habits"]):
        raise ImportFailed(f"{where}: habits must be objects")
    habits.sort(key=lambda h: _order(h.get("orderIndex")))
    for index, habit in enumerate(habits):
        place = f"{where}, habits[{index}]"
        habit_id = str(habit.get("id") or "")
        interval = intervals.get(habit_id)
        schedule, per_day = _schedule(interval)
        inverse = habit.get("isInverse") is True
        numbers: dict[str, Any] = {}
        if inverse:
            numbers = {"full_amount": 0.0, "at_most": True}
        elif per_day > 1:
            numbers = {"min_amount": 0.0, "full_amount": float(per_day)}
        name = converted.add_habit(
            _text(habit.get("name"), place, "name"),
            minimum=_text(habit.get("description"), place, "description"),
            full=f"{per_day} times" if per_day > 1 and not inverse else "",
            direction=categories.get(habit_id, ""), schedule=schedule,
            archived=habit.get("archived") is True, where=place, tell_apart=True,
            sources=[f"habitkit:{habit_id}"] if habit_id else [], **numbers)
        names[habit_id] = (name, float(per_day), inverse)
        for what, said in (("icon", "the icons"), ("color", "the colours (tracker follows "
                                                            "its theme)"), ("emoji", "the emoji")):
            if habit.get(what):
                converted.not_kept(said)
    if any(isinstance(r, dict) for r in document.get("reminders") or []):
        converted.remarks.append("not kept: the reminders (tracker has none)")
    _completions(converted, document["completions"], names, where)
    return converted


def _order(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else float("inf")


def _text(value: Any, where: str, what: str) -> str:
    try:
        return checks.text(value, what).strip()
    except ValueError as error:
        raise ImportFailed(f"{where}: {error}") from None


def _categories(document: dict[str, Any], where: str) -> dict[str, str]:
    """Each habit's first category name, the direction it gets."""
    named = {str(c.get("id")): _text(c.get("name"), f"{where}, categories", "category")
             for c in document.get("categories") or [] if isinstance(c, dict)}
    found: dict[str, str] = {}
    for mapping in document.get("categoryMappings") or []:
        if isinstance(mapping, dict):
            habit, category = str(mapping.get("habitId")), str(mapping.get("categoryId"))
            if category in named and habit not in found:
                found[habit] = named[category]
    return found


def _intervals(raw: list[Any], where: str) -> dict[str, dict[str, Any]]:
    """Each habit's schedule in force: the interval without an end, else the one started
    last."""
    latest: dict[str, dict[str, Any]] = {}

    def rank(interval: dict[str, Any]) -> tuple[bool, str]:
        return interval.get("endDate") is None, str(interval.get("startDate") or "")

    for interval in raw:
        if not isinstance(interval, dict):
            raise ImportFailed(f"{where}: intervals must be objects")
        habit = str(interval.get("habitId"))
        if habit not in latest or rank(interval) >= rank(latest[habit]):
            latest[habit] = interval
    return latest


def _count(value: Any, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 10_000:
        return value
    return default


def _schedule(interval: dict[str, Any] | None) -> tuple[dict[str, Any], int]:
    """An interval as a schedule and the completions a day asks for: ``day`` every day,
    ``week`` N times a week, ``month`` N times in 30 days, ``none`` (or no interval)
    tracked only, the gentlest: once a week."""
    if interval is None:
        return Schedule.times_per_week(1).to_dict(), 1
    per_day = _count(interval.get("requiredNumberOfCompletionsPerDay"), 1)
    times = _count(interval.get("requiredNumberOfCompletions"), 1)
    kind = interval.get("type")
    if kind == "day":
        return Schedule.daily().to_dict(), max(per_day, times)
    if kind == "week":
        return schedule_from_ratio(min(times, 7), 7), per_day
    if kind == "month":
        return schedule_from_ratio(min(times, MONTH_DAYS), MONTH_DAYS), per_day
    return Schedule.times_per_week(1).to_dict(), per_day


def local_day(instant: Any, offset: Any, where: str) -> date:
    """The person's day of a completion: its UTC instant (local midnight, or a moment of
    that day) plus the offset (minutes east of UTC) in force then."""
    if offset is None:
        offset = 0
    if isinstance(offset, bool) or not isinstance(offset, int | float) or \
            not -18 * 60 <= offset <= 18 * 60:
        raise ImportFailed(f"{where}: timezoneOffsetInMinutes {str(offset)[:20]!r} is not "
                           "an offset in minutes")
    try:
        moment = datetime.fromisoformat(str(instant).replace("Z", "+00:00"))
        if moment.tzinfo is None:  # written without its Z: still the UTC instant
            moment = moment.replace(tzinfo=UTC)
        local = moment.astimezone(UTC) + timedelta(minutes=offset)
        return checks.iso_day(local.date().isoformat())
    except (ValueError, OverflowError):
        raise ImportFailed(f"{where}: date {str(instant)[:40]!r} is not an instant "
                           "(like 2025-04-30T22:00:00.000Z)") from None


def _completions(converted: Converted, raw: list[Any], names: dict[str, tuple[str, float, bool]],
                 where: str) -> None:
    """Completions of a day add up (a tick each, or an amount); 0 is a day un-ticked."""
    days: dict[tuple[str, date], list[Any]] = {}
    known: dict[tuple[Any, Any], date] = {}  # one conversion per instant (40 habits share)
    for index, completion in enumerate(raw):  # ~150,000: messages only for errors
        if not isinstance(completion, dict):
            raise ImportFailed(f"{where}, completions[{index}]: a completion must be an "
                               "object")
        habit = str(completion.get("habitId"))
        if habit not in names:
            converted.skip("completions of habits that are not in the file")
            continue
        instant = (completion.get("date"), completion.get("timezoneOffsetInMinutes"))
        plain = type(instant[0]) is str and type(instant[1]) in (int, float, type(None))
        day = known.get(instant) if plain else None
        if day is None:
            day = local_day(*instant, f"{where}, completions[{index}]")
            if plain:
                known[instant] = day
        amount = completion.get("amountOfCompletions", 1)
        if amount is None:
            amount = 1
        if isinstance(amount, bool) or not isinstance(amount, int | float) or \
                not 0 <= amount <= checks.MAX_AMOUNT:
            raise ImportFailed(f"{where}, completions[{index}]: amountOfCompletions "
                               f"{str(amount)[:20]!r} is not a count")
        note = completion.get("note")
        if note:
            note = _text(note, f"{where}, completions[{index}]", "note")
        total = days.setdefault((habit, day), [0.0, []])
        total[0] += amount
        if note:
            total[1].append(note)
    for (habit, day), (amount, notes) in sorted(days.items(), key=lambda item: item[0][1]):
        name, per_day, inverse = names[habit]
        note = "\n".join(notes)
        if amount == 0:
            converted.skip("days ticked and un-ticked again (amount 0)")
            if note:
                converted.record(name, day, None, note=note)
        elif inverse:  # a habit to avoid: a completion is a slip, kept as evidence
            converted.record(name, day, None, amount, note)
        elif per_day > 1:
            converted.record(name, day, numeric_status(amount, per_day), amount, note)
        else:
            converted.record(name, day, "full", note=note)
