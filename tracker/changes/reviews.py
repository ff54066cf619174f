"""Changes to a weekly review: reflection answers, and decisions on its suggestions. A
raise or shrink accepted is a new rung of the habit's ladder and the decision, in one
transaction; a direction accepted sets the habit's direction with it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.changes import parts
from tracker.changes.habits import named
from tracker.domain.models import Decision, Habit, Review
from tracker.domain.text import shorten

if TYPE_CHECKING:
    from tracker.changes.habits import HabitChanges
    from tracker.changes.log import ChangeLog
    from tracker.domain.suggestions import Suggestion
    from tracker.store import Store


class ReviewChanges:
    """Weekly reviews, changed and remembered for undo."""

    def __init__(self, store: Store, log: ChangeLog, habits: HabitChanges) -> None:
        self.store = store
        self.log = log
        self.habits = habits

    def answer(self, week: date, key: str, text: str) -> Review:
        """Save one reflection answer of the week starting ``week`` (empty: cleared)."""
        return self.log.make(f"answered “{shorten(key, 30)}”",
                             [parts.review(self.store, week)],
                             lambda: self.store.reviews.answer(week, key, text))

    def decide(self, week: date, suggestion: Suggestion, habit: Habit, accepted: bool,
               answer: str = "") -> Review:
        """Accept or decline a suggestion for ``habit`` (as the person saw it: a habit
        changed meanwhile elsewhere is left alone, ``ChangedElsewhere``). Accepting a
        raise or a shrink sets ``answer`` as the new minimum, a direction as the
        direction; the decision is saved with it, all in one transaction."""
        def apply() -> Review:
            current = self.habits.unchanged(habit)
            new_minimum = ""
            if accepted and suggestion.changes_minimum:
                new_minimum = answer
                self.store.habits.update(current, self.store.today(), minimum=answer)
            elif accepted and suggestion.kind == "direction":
                self.store.habits.update(current, self.store.today(), direction=answer)
            return self.store.reviews.decide(week, Decision(suggestion.habit, suggestion.kind,
                                                            accepted, new_minimum))

        verb = "accepted" if accepted else "declined"
        return self.log.make(f"{verb} “{suggestion.kind}” for {named(habit)}",
                             [parts.review(self.store, week), parts.habit(self.store, habit.id)],
                             apply)
