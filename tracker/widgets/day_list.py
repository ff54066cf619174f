"""The Today list: the day's habits, then its micro-steps, in one keyboard-driven list."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.domain.today import DayPlan
from tracker.widgets.habit_row import habit_row, step_row


class DayList(OptionList):
    """Habits and micro-steps of a day; option ids are ``habit:ID`` and ``step:ID``."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="down"),
        Binding("k", "cursor_up", "Up", show=False, id="up"),
    ]

    def show(self, plan: DayPlan) -> None:
        """Show a day's plan, keeping the highlighted row where it was."""
        previous = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option | None] = []
        if plan.habits:
            options.append(Option("Habits", disabled=True, id="heading:habits"))
            options += [Option(habit_row(h), id=f"habit:{h.habit.id}") for h in plan.habits]
        options.append(Option("Micro-steps", disabled=True, id="heading:steps"))
        if plan.steps:
            options += [Option(step_row(s), id=f"step:{s.id}") for s in plan.steps]
        else:
            options.append(Option("  none yet: press a to add one small step for this day",
                                  disabled=True, id="heading:no-steps"))
        self.set_options(options)
        self._highlight(previous)

    def _highlight(self, option_id: str | None) -> None:
        ids = [self.get_option_at_index(i).id for i in range(self.option_count)]
        if option_id in ids:
            self.highlighted = ids.index(option_id)
            return
        for index, candidate in enumerate(ids):
            if candidate and not candidate.startswith("heading:"):
                self.highlighted = index
                return

    def select_id(self, option_id: str) -> None:
        """Move the highlight to an option by id, when it is there."""
        self._highlight(option_id)

    @property
    def selected_kind_and_id(self) -> tuple[str, int] | None:
        """``("habit", 3)`` or ``("step", 7)`` for the highlighted row."""
        option = self.highlighted_option
        if option is None or option.id is None or option.id.startswith("heading:"):
            return None
        kind, _, raw = option.id.partition(":")
        return kind, int(raw)
