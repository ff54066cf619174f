"""The line above the Today list: the date, the day's energy and intention, showed-up counts."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from tracker.domain.days import describe_day
from tracker.domain.text import printable
from tracker.domain.today import DayPlan

PLAN_WORDS = {
    "low": "low energy: minimum versions today",
    "ok": "energy ok: full versions, minimum as a fallback",
    "high": "high energy: full versions, stretch on offer",
}


DEMO_WORDS = "DEMO · sample data, a fresh copy each time: nothing here is kept"


def header_text(plan: DayPlan, today: date, demo: bool = False) -> Text:
    """Three short lines: date, energy and intention, what was done (and, in the demo,
    a fourth that says so)."""
    day = plan.day
    text = Text()
    if demo:
        text.append(DEMO_WORDS + "\n", style="reverse bold")
    text.append(f"{day:%A %d %B %Y}", style="bold")
    relation = describe_day(day, today)
    if relation != day.strftime("%A"):
        text.append(f" · {relation}", style="bold")
    if day != today:
        text.append("  (t: back to today)", style="dim")
    text.append("\n")
    if plan.checkin is None:
        text.append("No check-in yet: press c (10 seconds).", style="italic")
    else:
        text.append(PLAN_WORDS[plan.checkin.energy])
        if plan.checkin.intention:
            text.append(" · intention: ", style="dim")
            text.append(printable(plan.checkin.intention), style="italic")
        if plan.checkin.note:
            text.append(" · ", style="dim")
            text.append(printable(plan.checkin.note), style="dim italic")
    text.append("\n")
    text.append(f"Showed up: {plan.wins} of {plan.counted} habits")
    if plan.resting:
        text.append(f" ({plan.resting} resting)")
    text.append(f" · {plan.steps_done} of {len(plan.steps)} micro-steps")
    if plan.showed_up:
        text.append("  ✓ showed up", style="bold")
    return text


class DayHeader(Static):
    """Shows the header of a day plan."""

    def show(self, plan: DayPlan, today: date, demo: bool = False) -> None:
        """Always the same lines, so no new layout is needed."""
        self.update(header_text(plan, today, demo), layout=False)
