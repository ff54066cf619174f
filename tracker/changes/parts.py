"""The things a change may replace, each as undo sees it (``log.Part``): read its state,
put a state back if it still holds what the change left."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from tracker.changes.log import Part

if TYPE_CHECKING:
    from tracker.store import Store


def entry(store: Store, habit_id: int, day: date) -> Part:
    """What a habit's day holds: status, amount and note."""
    days = store.days
    return Part(partial(days.entry, habit_id, day), partial(days.put_entry, habit_id, day))


def step(store: Store, step_id: int) -> Part:
    """A micro-step, all of it, its identity too (None: there is none)."""
    days = store.days
    return Part(partial(days.step_state, step_id), partial(days.put_step, step_id))


def checkin(store: Store, day: date) -> Part:
    """A day's check-in (None: none)."""
    days = store.days
    return Part(partial(days.checkin, day), partial(days.put_checkin, day))


def declined(store: Store, day: date) -> Part:
    """Whether a day's check-in was declined ("not today")."""
    days = store.days
    return Part(partial(days.checkin_declined, day), partial(days.put_declined, day))


def habit(store: Store, habit_id: int) -> Part:
    """A habit's fields, position and ladder (None: there is no such habit)."""
    habits = store.habits
    return Part(partial(habits.state, habit_id), partial(habits.put, habit_id))


def whole_habit(store: Store, habit_id: int) -> Part:
    """Every row that is a habit's: itself, its ladder, entries and sources, and which
    micro-steps are tied to it (None: no such habit)."""
    habits = store.habits
    return Part(partial(habits.rows, habit_id), partial(habits.put_rows, habit_id))


def order(store: Store) -> Part:
    """The order of the habits."""
    habits = store.habits
    return Part(habits.positions, habits.put_positions)


def review(store: Store, week: date) -> Part:
    """A week's review: answers and decisions (None: none saved)."""
    reviews = store.reviews
    return Part(partial(reviews.get, week), partial(reviews.put, week))


def pause(store: Store, pause_id: int) -> Part:
    """A pause, its days and note (None: there is none)."""
    pauses = store.pauses
    return Part(partial(pauses.get, pause_id), partial(pauses.put, pause_id))


def habit_pauses(store: Store, habit_id: int) -> Part:
    """A habit's own pauses (a deleted habit takes them along; undo puts them back)."""
    pauses = store.pauses
    return Part(partial(pauses.of_habit, habit_id), partial(pauses.put_of_habit, habit_id))
