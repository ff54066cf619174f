"""How the concepts read in words (no Rich, no Textual: ``tracker status`` and every
screen use them): a unit's singular, a level with its number."""

from __future__ import annotations

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from tracker.domain.models import Habit


def one_of(plural: str) -> str:
    """The singular of a unit as people write them: ``pages`` → ``page``, ``glasses`` →
    ``glass``; a unit that is not an English plural (``km``, ``ml``) is left as it is."""
    if plural.endswith(("sses", "xes", "ches", "shes")):
        return plural[:-2]
    if plural.endswith("s") and not plural.endswith(("ss", "us", "is")) and len(plural) > 2:
        return plural[:-1]
    return plural


def own_text(habit: Habit, level: str) -> str:
    """A level's own text ("" when it has none: ``Habit.version`` falls back instead)."""
    return {"minimum": habit.minimum, "full": habit.full, "stretch": habit.stretch}.get(
        level, "")


def level_words(habit: Habit, level: str) -> str:
    """A level in words: its own text and its number (``a chapter (≥ 20 pages)``), a level
    with a number only by its number (``≥ 2000 ml``), else the nearest lower level's."""
    own = own_text(habit, level)
    amount = habit.amount_of(level)
    unit = one_of(habit.unit) if amount == 1 else habit.unit
    number = "" if amount is None else (
        f"{'≤' if habit.at_most else '≥'} {amount:g}" + (f" {unit}" if unit else ""))
    if own and number:
        return f"{own} ({number})"
    return own or number or habit.version(level)
