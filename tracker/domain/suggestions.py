"""The five weekly-review suggestions, each rule with its thresholds.

All rules look at complete weeks ending with the reviewed week:

* **raise** — wins on ≥ 80% of the slots of each of the last 3 weeks taken
  together, and the minimum unchanged during those weeks: offer to raise it
  slightly (the person types the new minimum).
* **shrink** — wins on < 40% of the slots of the last 2 weeks: offer a smaller
  minimum.
* **direction** — the habit has no direction.
* **stretch** — the same minimum for ≥ 8 weeks and a consistency ≥ 0.9 at the
  end of the week: it may be automatic; try the full or stretch version.
* **easy** (only easy wins) — each of the last 4 weeks has wins and every one
  of them was at the minimum level: a gentle nudge towards the full version.

A rule only speaks once the habit's history covers all the weeks it looks at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain.days import days_between
from tracker.domain.models import Habit, Recorded, Rung
from tracker.domain.rules import Tally, consistency, weekly_tallies

RAISE_WEEKS, RAISE_AT_LEAST = 3, 0.8
SHRINK_WEEKS, SHRINK_BELOW = 2, 0.4
STRETCH_WEEKS, STRETCH_CONSISTENCY = 8, 0.9
EASY_WEEKS = 4

KINDS = ("raise", "shrink", "direction", "stretch", "easy")


@dataclass(frozen=True)
class Suggestion:
    """A suggestion for one habit, with the reason shown to the person."""

    habit: str
    kind: str
    text: str

    @property
    def changes_minimum(self) -> bool:
        """Accepting a raise or a shrink asks for a new minimum."""
        return self.kind in ("raise", "shrink")


def minimum_since(ladder: Sequence[Rung], created: date) -> date:
    """The day the current minimum was set."""
    return ladder[-1].since if ladder else created


def suggest(
    habit: Habit,
    entries: Mapping[date, Recorded],
    ladder: Sequence[Rung],
    reviewed_week: date,
    start: date,
    first_weekday: int = 0,
    *,
    tallies: Sequence[Tally] | None = None,
    score: float | None = None,
) -> list[Suggestion]:
    """The suggestions for one habit in the week starting ``reviewed_week``.

    ``tallies`` (weekly, oldest first, ending with the reviewed week) and ``score``
    (the consistency at the week's end) may be given when already computed.
    """
    if tallies is None or len(tallies) < EASY_WEEKS:
        tallies = weekly_tallies(habit, entries, reviewed_week, EASY_WEEKS, start)
    found: list[Suggestion] = []
    name = habit.name
    week_end = reviewed_week + timedelta(days=6)
    current_since = minimum_since(ladder, habit.created)

    def covers(weeks: int) -> bool:
        return start <= reviewed_week - timedelta(days=7 * (weeks - 1))

    if covers(RAISE_WEEKS):
        window_start = reviewed_week - timedelta(days=7 * (RAISE_WEEKS - 1))
        tally = _sum(tallies[-RAISE_WEEKS:])
        if (tally.ratio is not None and tally.ratio >= RAISE_AT_LEAST
                and current_since <= window_start):
            found.append(Suggestion(name, "raise", (
                f"Done on {tally.ratio:.0%} of planned days for {RAISE_WEEKS} weeks: "
                "ready to raise the minimum a little?")))
    if covers(SHRINK_WEEKS):
        tally = _sum(tallies[-SHRINK_WEEKS:])
        if tally.ratio is not None and tally.ratio < SHRINK_BELOW:
            found.append(Suggestion(name, "shrink", (
                f"Done on {tally.ratio:.0%} of planned days for {SHRINK_WEEKS} weeks: "
                "a smaller minimum may fit these weeks better.")))
    if not habit.direction.strip():
        found.append(Suggestion(name, "direction",
                                "No direction yet: which value or aim does this habit serve?"))
    same_for = (week_end - max(current_since, start)).days // 7
    if same_for >= STRETCH_WEEKS:
        if score is None:
            score = consistency(habit, entries, week_end + timedelta(days=1), start,
                                first_weekday)
        if score >= STRETCH_CONSISTENCY:
            found.append(Suggestion(name, "stretch", (
                f"Same minimum for {same_for} weeks at {score:.0%} consistency: it may be "
                "automatic now. Try the full or stretch version.")))
    if covers(EASY_WEEKS) and _only_easy_wins(entries, reviewed_week):
        found.append(Suggestion(name, "easy", (
            f"Only minimum wins for {EASY_WEEKS} weeks. They all count; on a good day, "
            "try the full version.")))
    return found


def _sum(tallies: Sequence[Tally]) -> Tally:
    total = Tally(0, 0)
    for tally in tallies:
        total = total.plus(tally)
    return total


def _only_easy_wins(entries: Mapping[date, Recorded], reviewed_week: date) -> bool:
    for i in range(EASY_WEEKS):
        monday = reviewed_week - timedelta(days=7 * i)
        wins = [e for d in days_between(monday, monday + timedelta(days=6))
                if (e := entries.get(d)) is not None and e.is_win]
        if not wins or any(e.status != "minimum" for e in wins):
            return False
    return True
