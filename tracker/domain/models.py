"""The concepts of tracker: habits, entries, steps, check-ins, reviews.

Every record is an immutable NamedTuple (a tenth of a frozen dataclass's creation
cost, and no import of ``dataclasses``: ``tracker status`` loads this module and must
start in a few milliseconds).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Literal, NamedTuple

from tracker.domain.days import WEEKDAYS

Status = Literal["minimum", "full", "stretch", "rest"]
Level = Literal["minimum", "full", "stretch"]
Energy = Literal["low", "ok", "high"]

STATUSES: tuple[Status, ...] = ("minimum", "full", "stretch", "rest")
LEVELS: tuple[Level, ...] = ("minimum", "full", "stretch")
ENERGIES: tuple[Energy, ...] = ("low", "ok", "high")


WINS = frozenset(LEVELS)
"""The statuses that count as done: minimum, full and stretch alike."""


def is_win(status: str | None) -> bool:
    """A win is a win: minimum, full and stretch all count as done."""
    return status in WINS


class Schedule(NamedTuple):
    """When a habit is meant to happen.

    ``kind`` is ``daily``, ``weekdays`` (``days`` holds 0=Monday … 6=Sunday)
    or ``per_week`` (``per_week`` times in any days of the week).
    """

    kind: Literal["daily", "weekdays", "per_week"] = "daily"
    days: frozenset[int] = frozenset()
    per_week: int = 0

    @classmethod
    def daily(cls) -> Schedule:
        return cls("daily")

    @classmethod
    def on_weekdays(cls, days: frozenset[int] | set[int]) -> Schedule:
        days = frozenset(days)
        if not days or any(d not in range(7) for d in days):
            raise ValueError("choose at least one weekday (mon … sun)")
        if len(days) == 7:
            return cls("daily")
        return cls("weekdays", days=days)

    @classmethod
    def times_per_week(cls, n: int) -> Schedule:
        if not 1 <= n <= 7:
            raise ValueError("times per week must be between 1 and 7")
        if n == 7:
            return cls("daily")
        return cls("per_week", per_week=n)

    @classmethod
    def parse_days(cls, text: str) -> Schedule:
        """Parse ``mon,wed,fri`` (or ``daily``) into a schedule."""
        text = text.strip().lower()
        if text in ("", "daily", "every day", "all"):
            return cls.daily()
        days: set[int] = set()
        for part in text.replace(" ", ",").split(","):
            if not part:
                continue
            key = part[:3]
            if key not in WEEKDAYS:
                raise ValueError(f"unknown weekday {part!r}: use mon,tue,wed,thu,fri,sat,sun")
            days.add(WEEKDAYS.index(key))
        return cls.on_weekdays(days)

    def is_scheduled(self, day: date) -> bool:
        """True when the habit is planned on this particular day."""
        if self.kind == "weekdays":
            return day.weekday() in self.days
        return True

    @property
    def per_week_target(self) -> int:
        """How many wins a full week asks for."""
        if self.kind == "daily":
            return 7
        if self.kind == "weekdays":
            return len(self.days)
        return self.per_week

    def describe(self) -> str:
        """A short human label: ``every day``, ``mon, wed, fri``, ``3× a week``."""
        if self.kind == "daily":
            return "every day"
        if self.kind == "weekdays":
            return ", ".join(WEEKDAYS[d] for d in sorted(self.days))
        return f"{self.per_week}× a week"

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "days": [WEEKDAYS[d] for d in sorted(self.days)],
                "per_week": self.per_week}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Schedule:
        kind = data.get("kind", "daily")
        if kind == "weekdays":
            raw = data.get("days") or []
            assert isinstance(raw, list)
            return cls.on_weekdays({WEEKDAYS.index(str(d)[:3].lower()) for d in raw})
        if kind == "per_week":
            n = data.get("per_week")
            return cls.times_per_week(int(n) if isinstance(n, int | str) else 0)
        if kind == "daily":
            return cls.daily()
        raise ValueError(f"unknown schedule kind {kind!r}")


class Rung(NamedTuple):
    """One step of a habit's level ladder: from ``since`` the minimum is ``text``."""

    since: date
    text: str


class Habit(NamedTuple):
    """A habit with its minimum, full and stretch versions.

    Each level may also have a number in the habit's unit (``min_amount`` …): then an
    amount marks the highest level it reaches, or with ``at_most`` (a habit that
    reduces something) the lowest limit it stays within.
    """

    id: int
    name: str
    minimum: str
    full: str = ""
    stretch: str = ""
    direction: str = ""
    unit: str = ""
    schedule: Schedule = Schedule()
    position: int = 0
    archived: bool = False
    created: date = date(1970, 1, 1)
    min_amount: float | None = None
    full_amount: float | None = None
    stretch_amount: float | None = None
    at_most: bool = False

    def version(self, level: str) -> str:
        """The text of a level, falling back to the nearest defined lower level."""
        if level == "stretch" and self.stretch:
            return self.stretch
        if level in ("full", "stretch") and self.full:
            return self.full
        return self.minimum

    def amount_of(self, level: str) -> float | None:
        """The number of a level, if it has one."""
        return {"minimum": self.min_amount, "full": self.full_amount,
                "stretch": self.stretch_amount}.get(level)

    def has_level(self, level: str) -> bool:
        """Every habit has a minimum; a full or stretch version exists once it has a
        text or a number."""
        if level == "minimum" or level == "rest":
            return True
        return bool(self.full if level == "full" else self.stretch) or \
            self.amount_of(level) is not None

    @property
    def uses_amounts(self) -> bool:
        """Whether an amount marks a level by itself."""
        return any(self.amount_of(level) is not None for level in LEVELS)

    def level_for(self, amount: float) -> Level | None:
        """The level an amount reaches: the highest at or above its number (at most:
        the lowest limit it stays within); None when it reaches none (evidence only).
        An amount of zero reaches an "at least" level only if its number is zero and
        something was done, so never."""
        reached: Level | None = None
        for level in LEVELS:
            target = self.amount_of(level)
            if target is None:
                continue
            if (amount <= target) if self.at_most else (amount >= target and amount > 0):
                reached = level
        return reached

    def levels_text(self) -> str:
        """``minimum ≥ 1, full ≥ 10, stretch ≥ 30 pages`` for a habit with numbers."""
        sign = "≤" if self.at_most else "≥"
        parts = [f"{level} {sign} {amount:g}" for level in LEVELS
                 if (amount := self.amount_of(level)) is not None]
        return ", ".join(parts) + (f" {self.unit}" if parts and self.unit else "")


class Entry(NamedTuple):
    """What was recorded for one habit on one day.

    ``status`` is None when nothing is recorded but a note or amount is kept.
    """

    habit_id: int
    day: date
    status: Status | None
    amount: float | None = None
    note: str = ""

    @property
    def is_win(self) -> bool:
        return self.status in WINS


class DayMark(NamedTuple):
    """What the rules need of an older day: its status. It carries no day (the day is
    the key it is filed under), no amount and no note; one per habit and status stands
    for many days (a review looks back 26 weeks, ~7,000 days with 40 habits)."""

    status: Status | None
    amount: float | None = None
    note: str = ""

    @property
    def is_win(self) -> bool:
        return self.status in WINS


Recorded = Entry | DayMark
"""A day as the rules read it: a whole entry (recent days) or its mark (older days)."""


class Step(NamedTuple):
    """A one-off micro-step for a given day."""

    id: int
    day: date
    text: str
    done: bool = False
    habit_id: int | None = None
    amount: float | None = None
    note: str = ""
    position: int = 0


class CheckIn(NamedTuple):
    """The morning check-in of one day."""

    day: date
    energy: Energy
    intention: str = ""
    note: str = ""


class Decision(NamedTuple):
    """A suggestion accepted or declined in a weekly review."""

    habit: str
    kind: str
    accepted: bool
    new_minimum: str = ""


class Review(NamedTuple):
    """The saved part of a weekly review: reflection answers and decisions."""

    week_start: date
    answers: Mapping[str, str] = MappingProxyType({})
    decisions: tuple[Decision, ...] = ()
