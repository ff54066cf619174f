"""What the rows of the app's lists stand for: typed ids, so that a screen learns which
habit, micro-step, suggestion or prompt a row is from the row itself (never by parsing
text, never by a position into a list that may not be the one on screen). Each is its
own class: a habit and a micro-step with the same number are different rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.domain.suggestions import Suggestion


@dataclass(frozen=True)
class HabitRow:
    """A habit's row (Today's list, the review's grid)."""

    habit_id: int


@dataclass(frozen=True)
class DirectionRow:
    """A direction's heading on Today (``g`` or enter folds and unfolds it); ``key`` is
    the direction as grouped (see domain/directions.py), "" for none yet."""

    key: str


@dataclass(frozen=True)
class StepRow:
    """A micro-step's row on Today."""

    step_id: int


@dataclass(frozen=True)
class SuggestionRow:
    """A suggestion of the review, the same row for the same habit and kind (its text
    changes once decided); it carries the suggestion shown."""

    habit: str
    kind: str
    suggestion: Suggestion = field(compare=False)

    @classmethod
    def of(cls, suggestion: Suggestion) -> SuggestionRow:
        return cls(suggestion.habit, suggestion.kind, suggestion)


@dataclass(frozen=True)
class PromptRow:
    """A reflection prompt of the review (its question and answer lines)."""

    key: str


RowId = HabitRow | DirectionRow | StepRow | SuggestionRow | PromptRow
"""Every id a row of the app's lists has."""
