"""How one habit or micro-step looks as a line of the Today list.

Lines are plain Rich ``Text`` with columns padded to the day's widest name (capped)
and plan (narrowed on small terminals so some evidence stays visible); the list
cuts what is left at the edge with an ellipsis. Much cheaper than a table per row,
which keeps the first frame fast with many habits.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from rich.text import Text

from tracker.domain.models import Step
from tracker.domain.text import printable
from tracker.domain.today import HabitPlan
from tracker.domain.words import own_text
from tracker.views.marks import DAY_MARKS, amount_text, fit, level_words, mark

STATUS_STYLE = {"stretch": "bold", "full": "bold", "minimum": "", "rest": "dim", None: "dim"}
NAME_WIDTH = 24


def _evidence(amount: float | None, unit: str, note: str) -> Text:
    parts = [p for p in (amount_text(amount, unit), printable(note)) if p]
    return Text(" · ".join(parts), style="italic")


@lru_cache(maxsize=1024)
def habit_cells(plan: HabitPlan) -> tuple[Text, Text, Text]:
    """The name, the plan (or what was done) and the evidence of a habit's day.

    Cached by plan (plans are immutable); callers copy before changing a cell.
    """
    habit, status = plan.habit, plan.status
    name = Text(printable(habit.name),
                style=STATUS_STYLE.get(status, "") if plan.planned or status else "dim")
    if status in ("minimum", "full", "stretch"):
        detail = Text(f"{status}: ", style="bold")
        # its own text, else its number: the evidence follows
        detail.append(printable(own_text(habit, status) or level_words(habit, status)))
    elif status == "rest":
        detail = Text("rest day", style="dim")
    elif plan.paused and plan.pause is not None:
        until = plan.paused_through or plan.pause.last
        detail = Text(f"{plan.pause.label} · on pause until {until:%a %d %b}",
                      style="dim")
    else:
        detail = Text(f"{plan.level}: ", style="bold" if plan.planned else "")
        detail.append(printable(level_words(habit, plan.level)))  # its number too
        if plan.stretch_offered:
            detail.append(f"  stretch: {printable(level_words(habit, 'stretch'))}",
                          style="dim")
        elif plan.level == "full" and habit.full != habit.minimum:
            detail.append(f"  (or {printable(level_words(habit, 'minimum'))})", style="dim")
    entry = plan.entry
    evidence = _evidence(entry.amount, habit.unit, entry.note) if entry else Text()
    if plan.pause is not None and not plan.paused:  # a pause ahead, shown ahead
        ahead = Text(f"on pause {plan.pause.first:%a %d} – {plan.pause.last:%a %d %b}",
                     style="dim")
        evidence = Text(" · ").join([evidence, ahead]) if evidence else ahead
    if habit.schedule.flexible:
        schedule = habit.schedule
        weekly = Text(f"{plan.week_wins}/{schedule.per_week} this week" if
                      schedule.kind == "per_week" else
                      f"{plan.week_wins}/{schedule.times} in these {schedule.every} days",
                      style="dim")
        evidence = Text(" · ").join([evidence, weekly]) if evidence else weekly
    return name, detail, evidence


EVIDENCE_MIN = 20


def fit_detail(width: int, name_width: int, detail_width: int) -> int:
    """Narrow the plan column on small terminals so some evidence stays visible."""
    room = width - 3 - name_width - 2 - 2 - EVIDENCE_MIN
    return max(12, min(detail_width, room))


def habit_row(plan: HabitPlan, name_width: int, detail_width: int) -> Text:
    """``●  Read     full: Read 20 pages     12 pages · good book``."""
    name, detail, evidence = habit_cells(plan)
    entry = plan.entry
    shown = "amount" if entry is not None and entry.status is None and \
        entry.amount is not None else plan.status
    if shown is None and plan.paused:
        shown = "rest"
    line = Text(DAY_MARKS.get(shown or "", mark(None)) + "  ")
    line.append_text(fit(name, name_width))
    line.append("  ")
    line.append_text(fit(detail, detail_width))
    line.append("  ")
    line.append_text(evidence)
    return line


def column_widths(plans: list[HabitPlan]) -> tuple[int, int]:
    """The name and plan columns: as wide as the day's widest (names within a cap;
    the plan is narrowed to the terminal by ``fit_detail``)."""
    cells = [habit_cells(p) for p in plans]
    name = max((c[0].cell_len for c in cells), default=0)
    detail = max((c[1].cell_len for c in cells), default=0)
    return min(name, NAME_WIDTH), detail


def step_row(step: Step, shown_on: date | None = None) -> Text:
    """``☐  send the message I postponed   a note`` (and ``since Wed 11 Mar`` for a step
    brought along from an earlier day)."""
    line = Text(("☑" if step.done else "☐") + "  ")
    line.append(printable(step.text), style="dim" if step.done else "")
    if step.first_planned < (shown_on or step.day):
        line.append(f"  planned {step.first_planned:%a %d %b}", style="dim italic")
    evidence = _evidence(step.amount, "", step.note)
    if evidence:
        line.append("  ")
        line.append_text(evidence)
    return line
