"""The Today list: the day's habits, then its micro-steps, in one keyboard-driven list."""

from __future__ import annotations

from functools import partial

from rich.text import Text

from tracker.domain.today import DayPlan, HabitPlan
from tracker.ui.widgets.habit_row import column_widths, fit_detail, habit_row, step_row
from tracker.ui.widgets.line_list import LineList, Row
from tracker.ui.widgets.row_ids import HabitRow, StepRow


def _habit_line(plan: HabitPlan, columns: tuple[int, int], width: int) -> Text:
    name_width, detail_width = columns
    return habit_row(plan, name_width, fit_detail(width, name_width, detail_width))


class DayList(LineList):
    """Habits and micro-steps of a day; rows are a ``HabitRow`` or a ``StepRow``."""

    plan: DayPlan | None = None

    def show(self, plan: DayPlan, offered: int = 0, bring: str = "b") -> None:
        """Show a day's plan, keeping the highlighted row where it was; ``offered``
        open micro-steps of yesterday are offered (``bring``: the key that brings them)."""
        self.plan = plan
        columns = column_widths(list(plan.habits))
        rows: list[Row] = []
        planned = [h for h in plan.habits if h.planned]
        unplanned = [h for h in plan.habits if not h.planned]
        if planned:
            rows.append(Row(None, Text("Habits"), heading=True))
            rows += [self._habit(h, columns) for h in planned]
        if unplanned:
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
    def selected_step(self) -> int | None:
        """The highlighted micro-step's id (None: a habit or nothing is highlighted)."""
        selected = self.selected_id
        return selected.step_id if isinstance(selected, StepRow) else None
