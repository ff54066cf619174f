"""Rewire's and Tickmate's databases (Android SQLite files), read and never written.

Rewire: ``Habits`` with a schedule (0 the weekdays in ``active_days``, 0 = Monday;
1 ``days`` times per 7, 31 or 365 days; 2 once every ``repeating_count`` days) and
``CHECKINS`` with ``date`` as ``YYYYMMDD`` (type 2 is done). Tickmate: ``tracks`` and
their ``ticks``, whose months are 0-based.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from tracker.domain import checks
from tracker.domain.models import Schedule
from tracker.io.foreign import Converted, numeric_status, schedule_from_ratio
from tracker.io.loop_values import flag, note_text, plain, whole
from tracker.io.source import ImportFailed, foreign_database, shown
from tracker.store import DatabaseError, ForeignDatabase

REWIRE_PERIODS = (7, 31, 365)
REWIRE_DONE = 2


def is_rewire(tables: set[str]) -> bool:
    """Rewire's file has both ``CHECKINS`` and ``UNIT`` (as Loop recognises it)."""
    return {"checkins", "unit", "habits"} <= tables


def is_tickmate(tables: set[str]) -> bool:
    return {"tracks", "ticks"} <= tables


def _read(path: Path, what: str, check: Callable[[set[str]], bool],
          reader: Callable[[Converted, ForeignDatabase, str], None]) -> Converted:
    conn = foreign_database(path, f"{what}'s database")
    converted = Converted(str(path))
    try:
        if not check(conn.tables()):
            raise ImportFailed(f"{shown(path)}: not {what}'s database (its tables are not "
                               "there)")
        reader(converted, conn, shown(path))
    except DatabaseError as error:
        raise ImportFailed(f"{shown(path)}: cannot be read ({error})") from None
    finally:
        conn.close()
    return converted


def read_rewire(path: Path) -> Converted:
    """Read a Rewire backup (see docs/formats.md for the mapping)."""
    return _read(path, "Rewire", is_rewire, _rewire)


def read_tickmate(path: Path) -> Converted:
    """Read a Tickmate backup (see docs/formats.md for the mapping)."""
    return _read(path, "Tickmate", is_tickmate, _tickmate)


def _compact_day(text: Any, where: str) -> date:
    raw = plain(text)
    try:
        if len(raw) != 8 or not raw.isdigit():
            raise ValueError
        return checks.iso_day(f"{raw[:4]}-{raw[4:6]}-{raw[6:]}")
    except ValueError:
        raise ImportFailed(f"{where}: date {raw[:20]!r} is not a day (YYYYMMDD)") from None


def rewire_schedule(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """Rewire's three schedules as tracker's."""
    kind = whole(raw.get("schedule") or 0, where, "schedule")
    if kind == 0:
        days = {whole(d, where, "active_days") for d in plain(raw.get("active_days")).split(",")
                if d.strip()}
        if not days or not days <= set(range(7)):
            raise ImportFailed(f"{where}: active_days {plain(raw.get('active_days'))[:20]!r} "
                               "is not a list of weekdays 0 to 6")
        return Schedule.on_weekdays(days).to_dict()
    if kind == 1:
        period = whole(raw.get("period") or 0, where, "period")
        if period not in range(len(REWIRE_PERIODS)):
            raise ImportFailed(f"{where}: period {period} is not 0, 1 or 2")
        return schedule_from_ratio(whole(raw.get("days") or 1, where, "days"),
                                   REWIRE_PERIODS[period])
    if kind == 2:
        return schedule_from_ratio(1, whole(raw.get("repeating_count") or 1, where,
                                            "repeating_count"))
    raise ImportFailed(f"{where}: schedule {kind} is not 0, 1 or 2")


def _rewire(converted: Converted, conn: ForeignDatabase, where: str) -> None:
    units = {r.get("_id"): plain(r.get("unit_name")) for r in conn.records("UNIT", "_id")}
    columns = conn.columns("Habits")
    order = "order_num, _id" if "order_num" in columns else "_id"
    habits: dict[Any, tuple[str, float]] = {}
    for raw in conn.records("Habits", order):
        place = f"{where}, Habits row {str(raw.get('_id'))[:20]}"
        target = float(raw.get("target_count") or 0)
        counted = target > 0
        name = converted.add_habit(
            plain(raw.get("name")), minimum=plain(raw.get("description")),
            unit=units.get(raw.get("unit"), "") if counted else "",
            schedule=rewire_schedule(raw, place), archived=flag(raw.get("archived")),
            where=place, tell_apart=True, sources=[f"rewire:{raw.get('_id')}"],
            full_amount=target if counted else None, min_amount=0.0 if counted else None)
        habits[raw.get("_id")] = (name, target)
    if "reminders" in conn.tables() and any(True for _ in conn.records("REMINDERS", "_id")):
        converted.remarks.append("not kept: the reminders (tracker has none)")
    for raw in conn.records("CHECKINS", "habit_id, date"):
        place = f"{where}, CHECKINS row {str(raw.get('_id'))[:20]}"
        if raw.get("habit_id") not in habits:
            converted.skip("check-ins of habits that are not in the file")
            continue
        name, target = habits[raw["habit_id"]]
        day = _compact_day(raw.get("date"), place)
        note = note_text(raw.get("note"), place)
        done = whole(raw.get("type") or 0, place, "type") == REWIRE_DONE
        amount = float(raw.get("actual_count") or 0) if target > 0 else 0.0
        if done and amount > 0:
            converted.record(name, day, numeric_status(amount, target) or "full", amount, note)
        elif done:
            converted.record(name, day, "full", note=note)
        else:
            converted.record(name, day, None, note=note)


def _tickmate(converted: Converted, conn: ForeignDatabase, where: str) -> None:
    columns = conn.columns("tracks")
    order = '"order", _id' if "order" in columns else "_id"
    groups: dict[Any, str] = {}
    if {"groups", "track2groups"} <= conn.tables():
        names = {g.get("_id"): plain(g.get("name")) for g in conn.records("groups", "_id")}
        for link in conn.records("track2groups", "_id"):
            groups.setdefault(link.get("_track_id"), names.get(link.get("_group_id"), ""))
    tracks: dict[Any, tuple[str, bool]] = {}
    for raw in conn.records("tracks", order):
        place = f"{where}, tracks row {str(raw.get('_id'))[:20]}"
        several = flag(raw.get("multiple_entries_per_day") or 0)
        name = converted.add_habit(
            plain(raw.get("name")), minimum=plain(raw.get("description")),
            unit="ticks" if several else "", direction=groups.get(raw.get("_id"), ""),
            archived="enabled" in raw and not flag(raw.get("enabled")), where=place,
            tell_apart=True, sources=[f"tickmate:{raw.get('_id')}"])
        tracks[raw.get("_id")] = (name, several)
    counts: dict[tuple[Any, date], int] = {}
    for raw in conn.records("ticks", "_track_id, year, month, day"):
        place = f"{where}, ticks row {str(raw.get('_id'))[:20]}"
        if raw.get("_track_id") not in tracks:
            converted.skip("ticks of tracks that are not in the file")
            continue
        try:
            day = date(whole(raw.get("year"), place, "year"),
                       whole(raw.get("month"), place, "month") + 1,  # 0-based
                       whole(raw.get("day"), place, "day"))
            checks.iso_day(day.isoformat())
        except ValueError:
            raise ImportFailed(f"{place}: {raw.get('year')}-{raw.get('month')}-"
                               f"{raw.get('day')} is not a day (months from 0)") from None
        key = (raw["_track_id"], day)
        counts[key] = counts.get(key, 0) + 1
    for (track, day), count in counts.items():
        name, several = tracks[track]
        converted.record(name, day, "full", float(count) if several else None)
