"""The Today list: the day's habits, then its micro-steps, in one keyboard-driven list."""

from __future__ import annotations

from functools import partial

from rich.text import Text

from tracker.domain.directions import direction_key, grouped, heading
from tracker.domain.text import printable
from tracker.domain.today import DayPlan, HabitPlan
from tracker.ui.widgets.habit_row import column_widths, fit_detail, habit_row, step_row
from tracker.ui.widgets.line_list import LineList, Row
from tracker.ui.widgets.row_ids import DirectionRow, HabitRow, StepRow


def _habit_line(plan: HabitPlan, columns: tuple[int, int], width: int) -> Text:
    name_width, detail_width = columns
    return habit_row(plan, name_width, fit_detail(width, name_width, detail_width))


def grouped_plans(plan: DayPlan) -> list[tuple[str, list[HabitPlan]]]:
    """The day's habits by direction, in the person's order (the habits screen's), in
    each the planned ones first."""
    return [(direction, [h for h in plans if h.planned] + [h for h in plans if not h.planned])
            for direction, plans in grouped(plan.habits, lambda h: h.habit.direction)]


def group_heading(direction: str, plans: list[HabitPlan], folded: bool, key: str) -> Text:
    """``▾ health  1 of 2 done`` (the planned habits, resting ones left out, as in
    "Showed up"); folded ``▸ health  1 of 2 done · 3 habits (g unfolds)``."""
    planned = [p for p in plans if p.planned and not p.resting]
    done = sum(1 for p in planned if p.is_done)
    text = Text(("▸ " if folded else "▾ ") + printable(heading(direction)),
                style="bold" if direction else "italic")
    if planned:
        text.append(f"  {done} of {len(planned)} done", style="not bold")
    if folded:
        count = f"{len(plans)} habit{'s' if len(plans) != 1 else ''}"
        text.append(f" · {count} ({key} unfolds)", style="not bold italic")
    return text


class DayList(LineList):
    """Habits and micro-steps of a day; rows are a ``HabitRow`` or a ``StepRow``."""

    plan: DayPlan | None = None

    def show(self, plan: DayPlan, offered: int = 0, bring: str = "b", *,
             grouped: bool = False, folded: frozenset[str] = frozenset(),
             fold_key: str = "g") -> None:
        """Show a day's plan, keeping the highlighted row where it was; ``offered``
        open micro-steps of yesterday are offered (``bring``: the key that brings them).
        With ``grouped`` (and a habit with a direction), the habits under their
        directions; the ``folded`` ones (their keys) show their heading only."""
        self.plan = plan
        columns = column_widths(list(plan.habits))
        rows: list[Row] = []
        planned = [h for h in plan.habits if h.planned]
        unplanned = [h for h in plan.habits if not h.planned]
        groups = grouped_plans(plan) if grouped else []
        if any(direction for direction, _ in groups):
            for direction, plans in groups:
                key = direction_key(direction)
                # a folded heading is selectable (g or enter unfolds it); an open one is
                # passed over, so that the keys land on habits
                rows.append(Row(DirectionRow(key) if key in folded else None,
                                group_heading(direction, plans, key in folded, fold_key),
                                heading=True))
                if key not in folded:
                    rows += [self._habit(h, columns) for h in plans]
            if unplanned:
                rows.append(Row(None, Text("  quieter: not planned today (a win still counts)",
                                           style="italic"), heading=True))
        elif planned:
            rows.append(Row(None, Text("Habits"), heading=True))
            rows += [self._habit(h, columns) for h in planned]
        if unplanned and not any(direction for direction, _ in groups):
            rows.append(Row(None, Text("Not planned today: a win still counts"),
                            heading=True))
            rows += [self._habit(h, columns) for h in unplanned]
        rows.append(Row(None, Text("Micro-steps"), heading=True))
        rows += [Row(StepRow(s.id), step_row(s, plan.day), signature=s) for s in plan.steps]
        if offered:
            things = "1 open micro-step" if offered == 1 else f"{offered} open micro-steps"
            rows.append(Row(None, Text(f"  {things} from yesterday: {bring} brings "
                                       f"{'it' if offered == 1 else 'them'} along",
                                       style="italic"), heading=True))
        elif not plan.steps:
            rows.append(Row(None, Text("  none yet: press a to add one small step for this day"),
                            heading=True))
        self.set_rows(rows, select=self._same_kind(rows))

    def _same_kind(self, rows: list[Row]) -> StepRow | None:
        """Where the cursor goes when the day changes under a micro-step of the day
        before: the same habit stays selected by itself (its row keeps its id); a step
        that is not on the new day gives way to the new day's first step, so that a
        key meant for a step never lands on a habit."""
        selected = self.selected_id
        ids = [row.id for row in rows]
        if not isinstance(selected, StepRow) or selected in ids:
            return None
        return next((i for i in ids if isinstance(i, StepRow)), None)

    @staticmethod
    def _habit(plan: HabitPlan, columns: tuple[int, int]) -> Row:
        return Row(HabitRow(plan.habit.id), Text(), signature=(plan, columns),
                   layout=partial(_habit_line, plan, columns))

    @property
    def selected_habit(self) -> int | None:
        """The highlighted habit's id (None: a micro-step or nothing is highlighted)."""
        selected = self.selected_id
        return selected.habit_id if isinstance(selected, HabitRow) else None

    @property
    def selected_direction(self) -> str | None:
        """The highlighted direction heading's key (None: a habit or a step)."""
        selected = self.selected_id
        return selected.key if isinstance(selected, DirectionRow) else None

    @property
    def selected_step(self) -> int | None:
        """The highlighted micro-step's id (None: a habit or nothing is highlighted)."""
        selected = self.selected_id
        return selected.step_id if isinstance(selected, StepRow) else None
