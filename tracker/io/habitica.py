"""Habitica's user data (JSON): dailies and habits with their history.

History is written at "cron", the person's first visit after ``dayStart``, and records
the day before, in the zone of ``preferences.timezoneOffset`` (minutes, sign inverted:
300 is UTC−5). So a history entry's day is ``(instant − offset − dayStart hours)``'s
date, less one day. The file also holds ``auth`` and ``apiToken``: they are never read,
kept or shown.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tracker.domain import checks
from tracker.domain.models import Schedule
from tracker.io.foreign import Converted, schedule_from_ratio
from tracker.io.json_format import load_json
from tracker.io.source import ImportFailed, shown

REPEAT_KEYS = ("m", "t", "w", "th", "f", "s", "su")
"""Habitica's weekday keys, Monday first."""


def is_habitica(document: Any) -> bool:
    """Whether a JSON document is Habitica's user data (tasks with dailys and habits)."""
    tasks = document.get("tasks") if isinstance(document, dict) else None
    return isinstance(tasks, dict) and ("dailys" in tasks or "habits" in tasks) and \
        isinstance(document.get("preferences", {}), dict)


class Cron:
    """The day a history entry records: the day before the cron's, in the person's zone
    and with their day start."""

    def __init__(self, preferences: dict[str, Any], where: str) -> None:
        offset = preferences.get("timezoneOffset") or 0
        start = preferences.get("dayStart") or 0
        if isinstance(offset, bool) or not isinstance(offset, int | float) or \
                not -18 * 60 <= offset <= 18 * 60:
            raise ImportFailed(f"{where}: preferences.timezoneOffset {str(offset)[:20]!r} "
                               "is not an offset in minutes")
        if isinstance(start, bool) or not isinstance(start, int | float) or \
                not 0 <= start <= 23:
            raise ImportFailed(f"{where}: preferences.dayStart {str(start)[:20]!r} is not "
                               "an hour")
        self.shift = timedelta(minutes=-offset) - timedelta(hours=start)

    def day(self, stamp: Any, where: str) -> date:
        """The day recorded by the history entry made at ``stamp`` (ms, or ISO text)."""
        try:
            if isinstance(stamp, int | float) and not isinstance(stamp, bool):
                moment = datetime.fromtimestamp(stamp / 1000, tz=UTC)
            else:
                moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
                if moment.tzinfo is None:
                    raise ValueError
            recorded = (moment + self.shift).date() - timedelta(days=1)
            return checks.iso_day(recorded.isoformat())
        except (ValueError, OverflowError, OSError):
            raise ImportFailed(f"{where}: date {str(stamp)[:40]!r} is not a time") from None


def read_habitica(path: Path) -> Converted:
    """Read Habitica's user data export (see docs/formats.md for the mapping)."""
    document = load_json(path, "Habitica's user data export")
    where = shown(path)
    if not is_habitica(document):
        raise ImportFailed(f"{where}: not Habitica's user data (no tasks with dailys or "
                           "habits)")
    preferences = document.get("preferences") or {}
    cron = Cron(preferences, where)
    tags = {str(t.get("id")): str(t.get("name") or "").strip()
            for t in document.get("tags") or [] if isinstance(t, dict)}
    tasks = document["tasks"]
    converted = Converted(str(path))
    for kind in ("dailys", "habits"):
        listed = tasks.get(kind) or []
        if not isinstance(listed, list):
            raise ImportFailed(f"{where}: tasks.{kind} must be a list")
        for index, task in enumerate(listed):
            place = f"{where}, tasks.{kind}[{index}]"
            if not isinstance(task, dict):
                raise ImportFailed(f"{place}: a task must be an object")
            if kind == "dailys":
                _daily(converted, task, tags, cron, place)
            else:
                _habit(converted, task, tags, cron, place)
    for kind in ("todos", "rewards"):
        count = len(tasks.get(kind) or [])
        if count:
            converted.remarks.append(f"not kept: {count} {kind[:-1]}{'s' if count != 1 else ''} "
                                     "(not habits)")
    return converted


def _text(value: Any, where: str, what: str) -> str:
    try:
        return checks.text(value, what).strip()
    except ValueError as error:
        raise ImportFailed(f"{where}: {error}") from None


def _direction(task: dict[str, Any], tags: dict[str, str]) -> str:
    return next((tags[str(t)] for t in task.get("tags") or [] if tags.get(str(t))), "")


def _every(task: dict[str, Any]) -> int:
    every = task.get("everyX", 1)
    return every if isinstance(every, int) and not isinstance(every, bool) and \
        1 <= every <= 366 else 1


def daily_schedule(task: dict[str, Any]) -> dict[str, Any]:
    """A daily's schedule: ``daily`` every X days; ``weekly`` on its ``repeat`` days (every
    X weeks: those days' count in 7·X days); ``monthly`` its days of the month (or its
    weeks' days) in 30·X days; ``yearly`` once in 365·X days."""
    every = _every(task)
    frequency = task.get("frequency", "weekly")
    raw_repeat = task.get("repeat")
    repeat: dict[str, Any] = raw_repeat if isinstance(raw_repeat, dict) else {}
    weekdays = {i for i, key in enumerate(REPEAT_KEYS) if repeat.get(key) is True}
    if frequency == "daily":
        return schedule_from_ratio(1, every)
    if frequency == "weekly":
        if not weekdays:
            return Schedule.times_per_week(1).to_dict()
        if every == 1:
            return Schedule.on_weekdays(weekdays).to_dict()
        return schedule_from_ratio(len(weekdays), 7 * every)
    if frequency == "monthly":
        days: list[Any] = task.get("daysOfMonth") or []
        weeks: list[Any] = task.get("weeksOfMonth") or []
        days, weeks = (days if isinstance(days, list) else []), (
            weeks if isinstance(weeks, list) else [])
        times = len(days) or len(weeks) * max(1, len(weekdays)) or 1
        return schedule_from_ratio(times, 30 * every)
    if frequency == "yearly":
        return schedule_from_ratio(1, 365 * every)
    return Schedule.daily().to_dict()


def _daily(converted: Converted, task: dict[str, Any], tags: dict[str, str], cron: Cron,
           where: str) -> None:
    name = converted.add_habit(
        _text(task.get("text"), where, "name"), minimum=_text(task.get("notes"), where,
                                                              "notes"),
        direction=_direction(task, tags), schedule=daily_schedule(task), where=where,
        tell_apart=True, sources=[f"habitica:{task['id']}"] if task.get("id") else [])
    if task.get("checklist"):
        converted.not_kept("the checklists")
    previous: float | None = None
    for index, entry in enumerate(_history(task, where)):
        place = f"{where}.history[{index}]"
        day = cron.day(entry.get("date"), place)
        value = entry.get("value")
        completed = entry.get("completed")
        if completed is None and isinstance(value, int | float) and previous is not None:
            completed = value > previous  # older entries: the value rose on a done day
        if isinstance(value, int | float):
            previous = float(value)
        if completed is True:
            converted.record(name, day, "full")
        elif entry.get("isDue") is False:
            converted.skip("days a daily was not due")
        else:
            converted.record(name, day, None)


def _habit(converted: Converted, task: dict[str, Any], tags: dict[str, str], cron: Cron,
           where: str) -> None:
    """A habit's ``+``: a win counted (the amount is how many); a habit with only ``−``
    is one to avoid: its slips are kept as evidence, never a win."""
    up, down = task.get("up", True) is not False, task.get("down", False) is True
    avoid = down and not up
    name = converted.add_habit(
        _text(task.get("text"), where, "name"),
        minimum=_text(task.get("notes"), where, "notes"), direction=_direction(task, tags),
        unit="times", schedule=Schedule.times_per_week(1).to_dict(), where=where,
        tell_apart=True, sources=[f"habitica:{task['id']}"] if task.get("id") else [],
        full_amount=0.0 if avoid else None, at_most=avoid)
    previous: float | None = None
    for index, entry in enumerate(_history(task, where)):
        place = f"{where}.history[{index}]"
        day = cron.day(entry.get("date"), place)
        value = entry.get("value")
        ups, downs = _times(entry.get("scoredUp")), _times(entry.get("scoredDown"))
        if ups is None and downs is None and isinstance(value, int | float) and \
                previous is not None:  # older entries: only the value moved
            ups, downs = (1, 0) if value > previous else (0, 1 if value < previous else 0)
        if isinstance(value, int | float):
            previous = float(value)
        note = f"− {downs}× (Habitica's minus)" if downs and not avoid else ""
        if avoid:
            converted.record(name, day, None, float(downs) if downs else None)
        elif ups:
            converted.record(name, day, "full", float(ups), note)
        else:
            converted.record(name, day, None, note=note)


def _times(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and \
        0 <= value <= 1_000_000 else None


def _history(task: dict[str, Any], where: str) -> list[dict[str, Any]]:
    history = task.get("history") or []
    if not isinstance(history, list) or not all(isinstance(h, dict) for h in history):
        raise ImportFailed(f"{where}: history must be a list of entries")
    return sorted(history, key=lambda h: h.get("date") if isinstance(h.get("date"), int | float)
                  else 0)
