"""Messages the screens and the app tell each other (past tense: what happened)."""

from __future__ import annotations

from datetime import date

from textual.message import Message


class DataChanged(Message):
    """The data may have changed (another process wrote, an undo, a new day): the screen
    shown reads again what it shows, if anything changed."""


class DayShown(Message):
    """Today now shows ``day``: the review of its week can be computed ahead."""

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day


class HabitChosen(Message):
    """A habit was chosen (``enter`` on it): the app opens its page on ``day``."""

    def __init__(self, habit_id: int, day: date) -> None:
        super().__init__()
        self.habit_id = habit_id
        self.day = day
