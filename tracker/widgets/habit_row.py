"""How one habit or micro-step looks as a row of the Today list (Rich renderables only)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from tracker.domain.models import Step
from tracker.domain.text import printable
from tracker.domain.today import HabitPlan
from tracker.io.week_report import amount_text
from tracker.marks import mark

STATUS_STYLE = {"stretch": "bold", "full": "bold", "minimum": "", "rest": "dim", None: "dim"}


def _grid(*cells: Text, ratios: tuple[int, ...]) -> Table:
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(width=2, no_wrap=True)
    for index, ratio in enumerate(ratios):
        justify = "right" if index == len(ratios) - 1 else "left"
        grid.add_column(ratio=ratio, no_wrap=True, overflow="ellipsis", justify=justify)
    grid.add_row(*cells)
    return grid


def _evidence(amount: float | None, unit: str, note: str) -> Text:
    parts = [p for p in (amount_text(amount, unit), printable(note)) if p]
    return Text(" · ".join(parts), style="italic")


def habit_row(plan: HabitPlan) -> Table:
    """``● Read   full: Read 20 pages   12 pages · good book``."""
    habit, status = plan.habit, plan.status
    name = Text(printable(habit.name), style=STATUS_STYLE.get(status, ""))
    if status in ("minimum", "full", "stretch"):
        detail = Text(f"{status}: ", style="bold")
        detail.append(printable(habit.version(status)))
    elif status == "rest":
        detail = Text("rest day", style="dim")
    else:
        detail = Text(f"{plan.level}: ", style="bold")
        detail.append(printable(habit.version(plan.level)))
        if plan.stretch_offered:
            detail.append(f"  stretch: {printable(habit.stretch)}", style="dim")
        elif plan.level == "full":
            detail.append(f"  (or {printable(habit.minimum)})", style="dim")
    entry = plan.entry
    evidence = _evidence(entry.amount, habit.unit, entry.note) if entry else Text()
    if habit.schedule.kind == "per_week":
        weekly = Text(f"{plan.week_wins}/{habit.schedule.per_week} this week", style="dim")
        evidence = Text(" · ").join([evidence, weekly]) if evidence else weekly
    return _grid(Text(mark(status)), name, detail, evidence, ratios=(2, 6, 3))


def step_row(step: Step) -> Table:
    """``[x] send the message I postponed``."""
    box = Text("☑" if step.done else "☐")
    text = Text(printable(step.text), style="dim" if step.done else "")
    return _grid(box, text, _evidence(step.amount, "", step.note), ratios=(9, 3))
