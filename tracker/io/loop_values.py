"""What Loop Habit Tracker's backup and its CSV export share: the checkmark values, values
read by meaning (a number stored as text reads the same), a habit's fields, and one
checkmark turned into a recorded day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from tracker.domain import checks
from tracker.io.foreign import Converted, numeric_status, schedule_from_ratio
from tracker.io.source import ImportFailed

YES_NO, NUMERICAL = 0, 1
DONE, NOT_DONE, IMPLICIT, SKIPPED, UNKNOWN = 2, 0, 1, 3, -1


def whole(value: Any, where: str, what: str) -> int:
    """A whole number stored as an integer, a real or text (``"3"``, ``"3.0"``)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and abs(value) < 2 ** 62:
        return value
    try:
        number = float(str(value).strip()) if isinstance(value, str | float) else None
    except ValueError:
        number = None
    if number is None or number != number or abs(number) >= 2 ** 62 or number != int(number):
        raise ImportFailed(f"{where}: {what} {value!r} is not a whole number")
    return int(number)


def _real(value: Any, where: str, what: str) -> float:
    try:
        return checks.amount(value) or 0.0
    except ValueError:
        raise ImportFailed(f"{where}: {what} {str(value)[:40]!r} is not a number "
                           "from 0 to 10¹²") from None


def flag(value: Any) -> bool:
    """0/1 stored as a number or as text (``"0"`` is false), or true/false."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "yes"):
            return True
        try:
            return float(text) != 0
        except ValueError:
            return False
    return bool(value)


def plain(value: Any) -> str:
    return "" if value is None else str(value).strip()


def loop_day(timestamp: Any, where: str) -> date:
    try:
        day = datetime.fromtimestamp(whole(timestamp, where, "timestamp") / 1000, tz=UTC).date()
        return checks.iso_day(day.isoformat())
    except (ValueError, OverflowError, OSError):
        raise ImportFailed(f"{where}: timestamp {timestamp!r} is not a date") from None


def habit_fields(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """Minimum, full, unit, direction and schedule of a Loop habit row (db or CSV).

    The question is the minimum; a description beside it becomes the direction (it
    says what the habit is for); a description alone is the minimum.
    """
    numerical = whole(raw.get("type") or 0, where, "type") == NUMERICAL
    unit = plain(raw.get("unit")) if numerical else ""
    target = _real(raw.get("target_value") or 0, where, "target_value") if numerical else 0.0
    at_most = numerical and whole(raw.get("target_type") or 0, where, "target_type") == 1
    full = ""
    if numerical and target > 0:
        full = f"{'at most' if at_most else 'at least'} {target:g} {unit}".strip()
    question, description = plain(raw.get("question")), plain(raw.get("description"))
    times = _real(raw.get("freq_num") or 1, where, "freq_num")
    days = _real(raw.get("freq_den") or 1, where, "freq_den")
    return {"minimum": question or description, "full": full, "unit": unit,
            "direction": description if question else "",
            "schedule": schedule_from_ratio(times, days),
            "numerical": numerical, "target": target, "at_most": at_most}


def level_numbers(fields: dict[str, Any]) -> dict[str, Any]:
    """A numerical Loop habit's target as tracker's level numbers: the target is the full
    version's number; "at least" habits count any positive amount as their minimum (the
    decided mapping: a win is a win), "at most" habits keep the target as a ceiling."""
    if not fields["numerical"] or fields["target"] <= 0 and not fields["at_most"]:
        return {}
    if fields["at_most"]:
        return {"full_amount": fields["target"], "at_most": True}
    return {"min_amount": 0.0, "full_amount": fields["target"]}


def add_loop_habit(converted: Converted, raw: dict[str, Any], fields: dict[str, Any],
               archived: bool, sources: list[str], where: str) -> str:
    return converted.add_habit(
        plain(raw.get("name")), minimum=fields["minimum"], full=fields["full"],
        unit=fields["unit"], direction=fields["direction"], schedule=fields["schedule"],
        archived=archived, where=where, sources=sources, tell_apart=True,
        **level_numbers(fields))


def checkmark(converted: Converted, habit: dict[str, Any], name: str, day: date,
               value: int, note: str) -> None:
    if habit["numerical"]:
        if value == SKIPPED:
            converted.record(name, day, "rest", note=note)
            return
        amount = value / 1000
        status = numeric_status(amount, habit["target"], habit["at_most"])
        converted.record(name, day, status, amount if amount > 0 else None, note)
        return
    if value == DONE:
        converted.record(name, day, "full", note=note)
    elif value == SKIPPED:
        converted.record(name, day, "rest", note=note)
    elif value == IMPLICIT:
        converted.skip("implicit checkmarks (computed by Loop, not entered)")
        if note:
            converted.record(name, day, None, note=note)
    else:
        converted.record(name, day, None, note=note)


def note_text(note: Any, where: str | Callable[[], str]) -> str:
    if not note:
        return ""
    try:
        return checks.text(str(note), "note").strip()
    except ValueError as error:
        place = where if isinstance(where, str) else where()
        raise ImportFailed(f"{place}: {error}") from None
