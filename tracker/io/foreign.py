"""What every importer of another tracker's files shares: the mapping decided in FORMATS.md.

An importer reads the other format into a :class:`Converted` document in tracker's
own export format; ``import_document`` then writes it all-or-nothing and idempotently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.domain.days import today
from tracker.domain.models import MAX_EVERY, Schedule
from tracker.domain.text import quoted
from tracker.io.json_format import FORMAT_NAME, FORMAT_VERSION
from tracker.io.source import ImportFailed


def schedule_from_ratio(times: float, days: float) -> dict[str, Any]:
    """ "times per days" as tracker's schedule: daily (1/1, or as many times as days),
    T× a week (T/7), else "T times in N days" (Loop's 2/3, harsh's 1/2w, Rewire's 1/31).

    Fractions are rounded to whole numbers; a span longer than a year is scaled to one
    (1 in 400 days → 1 in 366); nothing at all (0 times) is the gentlest, 1× a week.
    """
    if days <= 0 or times <= 0:
        return Schedule.times_per_week(1).to_dict()
    every = max(1, round(days))
    count = max(1, round(times))
    if every > MAX_EVERY:
        count, every = max(1, round(count * MAX_EVERY / every)), MAX_EVERY
    return Schedule.times_in_days(min(count, every), every).to_dict()


def numeric_status(amount: float, target: float, at_most: bool = False) -> str | None:
    """A numerical day: reaching the target is ``full``, a positive amount short of it a
    ``minimum`` win ("a win is a win"), nothing is None. With ``at_most`` the target is a
    ceiling: staying at or under it is ``full``, going over is no win."""
    if amount < 0:  # Loop's "unknown" (-1): never a win, on any habit
        return None
    if at_most:
        return "full" if amount <= target else None
    if target <= 0:
        return "full" if amount > 0 else None
    if amount >= target:
        return "full"
    return "minimum" if amount > 0 else None


@dataclass
class Converted:
    """A foreign file turned into a tracker export document, with what was passed over."""

    source: str
    habits: list[dict[str, Any]] = field(default_factory=list)
    entries: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    checkins: dict[str, dict[str, Any]] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    remarks: list[str] = field(default_factory=list)
    """For the summary: habits told apart, data the file holds that was not kept."""
    _not_kept: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def not_kept(self, what: str) -> None:
        """Count a kind of data the person set that tracker has no place for."""
        self._not_kept[what] = self._not_kept.get(what, 0) + 1

    def add_habit(self, name: str, *, minimum: str = "", full: str = "", unit: str = "",
                  direction: str = "", schedule: dict[str, Any] | None = None,
                  archived: bool = False, where: str = "", min_amount: float | None = None,
                  full_amount: float | None = None, at_most: bool = False,
                  sources: list[str] | None = None, tell_apart: bool = False) -> str:
        """Add a habit (after the ones already here, in the order added); the name it
        got. With ``tell_apart``, a second habit of the same name is named "Name (2)"."""
        name = " ".join(name.split())
        if not name:
            raise ImportFailed(f"{where or self.source}: a habit without a name")
        taken = {h["name"].lower() for h in self.habits}
        if name.lower() in taken:
            if not tell_apart:
                raise ImportFailed(f"{where or self.source}: two habits are named {quoted(name)}")
            number = 2
            while f"{name} ({number})".lower() in taken:
                number += 1
            self.remarks.append(f"two habits are named {quoted(name)} in the file: the second is "
                                f"{quoted(name + f' ({number})')} here")
            name = f"{name} ({number})"
        sources = self._unshared(name, sources or [])
        self.habits.append({
            "name": name, "minimum": minimum.strip() or name, "full": full, "stretch": "",
            "unit": unit, "direction": direction,
            "schedule": schedule or {"kind": "daily", "days": [], "per_week": 0},
            "archived": archived, "created": None, "ladder": [],
            "min_amount": min_amount, "full_amount": full_amount, "stretch_amount": None,
            "at_most": at_most, "sources": sources or []})
        return name

    def _unshared(self, name: str, sources: list[str]) -> list[str]:
        """A habit's sources less any an earlier habit of the file has: two habits that
        share an id (a file edited by hand) stay two, and the summary says so."""
        for habit in self.habits:
            if set(habit["sources"]) & set(sources):
                self.remarks.append(
                    f"{quoted(habit['name'])} and {quoted(name)} share one id in the file: "
                    "both imported, as two habits")
                return [s for s in sources if s not in habit["sources"]]
        return sources

    def record(self, habit: str, day: date, status: str | None, amount: float | None = None,
               note: str = "") -> None:
        """Record a day; a later record of the same habit and day wins. A day with no
        status and no note or amount is not recorded ("not done" creates no entry)."""
        iso = day.isoformat()
        key = (habit, iso)
        if key in self.entries:
            self.skip("repeated answers for one day (the later one kept)")
            del self.entries[key]
        if status is None and not note and amount is None:
            self.skip("days marked not done or unknown (no entry)")
            return
        self.entries[key] = {"habit": habit, "date": iso, "status": status, "amount": amount,
                             "note": note}

    def checkin(self, day: date, energy: str, note: str = "") -> None:
        """A day's check-in (Daylio's moods); one per day, a later one wins."""
        self.checkins[day.isoformat()] = {"date": day.isoformat(), "energy": energy,
                                          "intention": "", "note": note}

    def document(self) -> dict[str, Any]:
        """The tracker export document; each habit's creation is its first entry's day,
        and a habit with days done in full and no full version gets its minimum as one
        (tracker records no level a habit lacks)."""
        first: dict[str, str] = {}
        for name, day in self.entries:
            if name not in first or day < first[name]:
                first[name] = day
        full_days = {name for (name, _day), e in self.entries.items() if e["status"] == "full"}
        for habit in self.habits:
            if habit["name"] in full_days and not habit["full"] and \
                    habit["full_amount"] is None:
                # the other app's "done" had no levels: its full version is the same act,
                # so a day it marked full can be noted or changed here like any other
                habit["full"] = habit["minimum"]
            created = first.get(habit["name"], today().isoformat())
            habit["created"] = created
            habit["ladder"] = [{"since": created, "text": habit["minimum"]}]
        for what, count in self._not_kept.items():
            self.remarks.append(f"not kept: {what} of {count} habit{'s' if count != 1 else ''}")
        self._not_kept.clear()
        return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "habits": self.habits,
                "entries": list(self.entries.values()),  # in the order read
                "checkins": [self.checkins[day] for day in sorted(self.checkins)],
                "steps": [], "reviews": []}
