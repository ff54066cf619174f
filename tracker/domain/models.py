"""The concepts of tracker: habits, entries, steps, check-ins, reviews.

Every record is an immutable NamedTuple (a tenth of a frozen dataclass's creation
cost, and no import of ``dataclasses``: ``tracker status`` loads this module and must
start in a few milliseconds).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from tracker.domain.days import WEEKDAYS
from tracker.domain.records import NamedTuple

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from typing import Literal

    Status = Literal["minimum", "full", "stretch", "rest"]
    Level = Literal["minimum", "full", "stretch"]
    Energy = Literal["low", "ok", "high"]
else:  # the values are plain strings; the type checker reads the names above
    Status = Level = Energy = str

STATUSES: tuple[Status, ...] = ("minimum", "full", "stretch", "rest")
LEVELS: tuple[Level, ...] = ("minimum", "full", "stretch")
ENERGIES: tuple[Energy, ...] = ("low", "ok", "high")


WINS = frozenset(LEVELS)
"""The statuses that count as done: minimum, full and stretch alike."""


def is_win(status: str | None) -> bool:
    """A win is a win: minimum, full and stretch all count as done."""
    return status in WINS


MAX_EVERY = 366
"""The longest span an "X times in N days" schedule may have (a year)."""
EVERY_PATTERNS = (
    r"(?P<times>\d+)\s*(?:x|×|times?)?\s*(?:in|/|per)\s*(?P<every>\d+)\s*(?:d|days?)?",
    r"(?:every\s+)?(?P<every>\d+)\s*(?:d|days?)",
    r"every\s+(?P<every>\d+)",
)
"""What ``--every`` reads (compiled on first use: ``tracker status`` loads this module)."""


class Schedule(NamedTuple):
    """When a habit is meant to happen.

    ``kind`` is ``daily``, ``weekdays`` (``days`` holds 0=Monday … 6=Sunday),
    ``per_week`` (``per_week`` times in any days of the week) or ``in_days``
    (``times`` wins in every window of ``every`` days, on any days of it; the windows
    follow each other from 1 January of the year 1, a Monday, so a 14-day window starts
    on a Monday; see rules.py).
    """

    kind: Literal["daily", "weekdays", "per_week", "in_days"] = "daily"
    days: frozenset[int] = frozenset()
    per_week: int = 0
    times: int = 0
    every: int = 0

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
    def times_in_days(cls, times: int, every: int) -> Schedule:
        """``times`` wins in every ``every`` days: every day when they are equal, N× a
        week when ``every`` is 7."""
        if not 1 <= every <= MAX_EVERY:
            raise ValueError(f"the days must be between 1 and {MAX_EVERY}")
        if not 1 <= times <= every:
            raise ValueError(f"the times must be between 1 and the days ({every})")
        if times == every:
            return cls("daily")
        if every == 7:
            return cls.times_per_week(times)
        return cls("in_days", times=times, every=every)

    @classmethod
    def parse_every(cls, text: str) -> Schedule:
        """Parse ``2 in 10 days``, ``2/10``, ``3d``, ``every 3 days`` or ``every other
        day`` into a schedule."""
        import re

        cleaned = " ".join(text.strip().lower().split())
        if cleaned in ("", "day", "daily", "every day", "1d"):
            return cls.daily()
        if cleaned == "every other day":
            return cls.times_in_days(1, 2)
        for pattern in EVERY_PATTERNS:
            match = re.fullmatch(pattern, cleaned)
            if match:
                times = int(match.groupdict().get("times") or 1)
                return cls.times_in_days(times, int(match.group("every")))
        raise ValueError(f"cannot read {text.strip()[:40]!r} as a schedule: use e.g. "
                         "'2 in 10 days' or '3d' (every 3 days)")

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
    def flexible(self) -> bool:
        """No fixed days: the wins of a week (or window) may fall on any of its days."""
        return self.kind in ("per_week", "in_days")

    @property
    def per_week_target(self) -> int:
        """How many wins a full week asks for (an X in N days habit: X·7/N, rounded)."""
        if self.kind == "daily":
            return 7
        if self.kind == "weekdays":
            return len(self.days)
        if self.kind == "in_days":
            return max(1, round(7 * self.times / self.every))
        return self.per_week

    @property
    def weekly_slots(self) -> float:
        """How many slots a week holds, on average (2 in 10 days: 1.4)."""
        if self.kind == "in_days":
            return 7 * self.times / self.every
        return float(self.per_week_target)

    def window_start(self, day: date) -> date:
        """The first day of the ``in_days`` window holding ``day`` (the day itself for
        other kinds)."""
        if self.kind != "in_days":
            return day
        ordinal = day.toordinal()
        return date.fromordinal(ordinal - (ordinal - 1) % self.every)

    def describe(self) -> str:
        """A short human label: ``every day``, ``mon, wed, fri``, ``3× a week``,
        ``2 in 10 days``, ``every 3 days``."""
        if self.kind == "daily":
            return "every day"
        if self.kind == "weekdays":
            return ", ".join(WEEKDAYS[d] for d in sorted(self.days))
        if self.kind == "in_days":
            if self.times == 1:
                return "every other day" if self.every == 2 else f"every {self.every} days"
            return f"{self.times} in {self.every} days"
        return f"{self.per_week}× a week"

    def to_dict(self) -> dict[str, object]:
        """The schedule as the JSON export writes it (``times`` and ``every`` only for
        ``in_days``)."""
        data: dict[str, object] = {"kind": self.kind,
                                   "days": [WEEKDAYS[d] for d in sorted(self.days)],
                                   "per_week": self.per_week}
        if self.kind == "in_days":
            data.update(times=self.times, every=self.every)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Schedule:
        kind = data.get("kind", "daily")
        if kind == "weekdays":
            raw = data.get("days") or []
            if not isinstance(raw, list):
                raise ValueError('days are a list of weekdays, e.g. ["mon", "thu"]')
            names = [str(d)[:3].lower() for d in raw]
            for day, name in zip(raw, names, strict=True):
                if name not in WEEKDAYS:
                    raise ValueError(f"weekdays are written mon, tue … sun, not {str(day)[:20]!r}")
            return cls.on_weekdays({WEEKDAYS.index(n) for n in names})
        if kind == "per_week":
            n = data.get("per_week")
            return cls.times_per_week(int(n) if isinstance(n, int | str) else 0)
        if kind == "in_days":
            times, every = data.get("times"), data.get("every")
            if not isinstance(times, int) or not isinstance(every, int) or \
                    isinstance(times, bool) or isinstance(every, bool):
                raise ValueError("an in_days schedule needs whole numbers times and every")
            return cls.times_in_days(times, every)
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
    step: float | None = None
    """What ``+`` and ``-`` add to or take from a day's amount (None: one)."""

    @property
    def counts(self) -> bool:
        """Whether ``+`` and ``-`` count for it: it has a unit or numbers for its levels."""
        return bool(self.unit) or self.uses_amounts

    @property
    def count_step(self) -> float:
        """What one ``+`` adds: the habit's step, else one."""
        return 1.0 if self.step is None else self.step

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
    """A one-off micro-step for a given day; ``planned_on`` is the day it was first
    planned when it was brought along to a later day (None: planned on ``day``)."""

    id: int
    day: date
    text: str
    done: bool = False
    habit_id: int | None = None
    amount: float | None = None
    note: str = ""
    position: int = 0
    planned_on: date | None = None

    @property
    def first_planned(self) -> date:
        """The day the step was first planned."""
        return self.planned_on or self.day


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
