"""A habit as its row in the ``habits`` table: the columns read, the record made of
them, the schedule's columns written, and the check that a habit a new row points at
is still there (for the store's readers and writers)."""

from __future__ import annotations

from datetime import date

from tracker.domain.days import WEEKDAYS
from tracker.domain.models import Habit, Schedule
from tracker.store.errors import HabitGone

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    import sqlite3
    from typing import Any

HABIT_COLUMNS = ("id, name, direction, minimum, full, stretch, unit, schedule_kind, "
                 "schedule_days, per_week, position, archived, created, min_amount, "
                 "full_amount, stretch_amount, at_most, schedule_times, schedule_every, step")


def schedule_columns(schedule: Schedule) -> dict[str, Any]:
    return {"schedule_kind": schedule.kind,
            "schedule_days": ",".join(WEEKDAYS[d] for d in sorted(schedule.days)),
            "per_week": schedule.per_week, "schedule_times": schedule.times,
            "schedule_every": schedule.every}


def habit_from_row(row: tuple[Any, ...]) -> Habit:
    (id_, name, direction, minimum, full, stretch, unit, kind, days, per_week, position,
     archived, created, min_amount, full_amount, stretch_amount, at_most, times, every, step) = row
    if kind == "weekdays":
        schedule = Schedule.parse_days(days)
    elif kind == "per_week":
        schedule = Schedule.times_per_week(per_week)
    elif kind == "in_days":
        schedule = Schedule.times_in_days(times, every)
    else:
        schedule = Schedule.daily()
    return Habit(id=id_, name=name, minimum=minimum, full=full, stretch=stretch,
                 direction=direction, unit=unit, schedule=schedule, position=position,
                 archived=bool(archived), created=date.fromisoformat(created),
                 min_amount=min_amount, full_amount=full_amount, stretch_amount=stretch_amount,
                 at_most=bool(at_most), step=step)


def require_habit(conn: sqlite3.Connection, habit_id: int | None) -> None:
    """Inside a write: a habit a new row points at is still there (``HabitGone`` if
    another window or device deleted it meanwhile); None points at none."""
    if habit_id is not None and not conn.execute(
            "SELECT 1 FROM habits WHERE id = ?", (habit_id,)).fetchone():
        raise HabitGone(habit_id)
