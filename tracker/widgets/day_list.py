"""The Today list: the day's habits, then its micro-steps, in one keyboard-driven list.

Written on Textual's line API (a ScrollView that renders only the visible lines from
a small cache): OptionList alone costs as much start-up time as the whole budget,
and this list is on screen at every launch.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.domain.models import Step
from tracker.domain.today import DayPlan, HabitPlan
from tracker.widgets.habit_row import column_widths, fit_detail, habit_row, step_row


@dataclass(frozen=True)
class Row:
    """One line: a heading (``id`` None) or a habit/step (``habit:3``, ``step:7``).

    A habit row keeps its plan, to be laid out for the width it is drawn at.
    """

    id: str | None
    text: Text
    plan: HabitPlan | None = None
    step: Step | None = None

    @property
    def signature(self) -> object:
        """What the line shows: equal signatures draw equal lines (hashable)."""
        return self.plan or self.step or self.text.plain


class DayList(ScrollView, can_focus=True):
    """Habits and micro-steps of a day; row ids are ``habit:ID`` and ``step:ID``."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False, id="down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="up"),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("enter", "choose", show=False),
    ]
    COMPONENT_CLASSES = {"day-list--highlight", "day-list--heading"}
    DEFAULT_CSS = """
    DayList > .day-list--highlight {
        background: $block-cursor-blurred-background;
    }
    DayList:focus > .day-list--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    DayList > .day-list--heading {
        color: $text-muted;
    }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Chosen(Message):
        """Enter (or a click) on a row."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.plan: DayPlan | None = None
        self._lines: dict[tuple[object, ...], Strip] = {}
        self._styles: dict[str, Style] = {}
        self._columns = (0, 0)

    # Content -------------------------------------------------------------------
    def show(self, plan: DayPlan) -> None:
        """Show a day's plan, keeping the highlighted row where it was."""
        self.plan = plan
        previous = self.selected_id
        self._columns = column_widths(list(plan.habits))
        rows: list[Row] = []
        if plan.habits:
            rows.append(Row(None, Text("Habits")))
            rows += [Row(f"habit:{h.habit.id}", Text(), plan=h) for h in plan.habits]
        rows.append(Row(None, Text("Micro-steps")))
        rows += [Row(f"step:{s.id}", step_row(s), step=s) for s in plan.steps]
        if not plan.steps:
            rows.append(Row(None, Text("  none yet: press a to add one small step for this day")))
        self.rows = rows
        if len(self._lines) > 1000:  # lines are kept by content: unchanged rows stay drawn
            self._lines.clear()
        self.virtual_size = Size(0, len(rows))
        self.select_id(previous)
        self.refresh()

    @property
    def selected_id(self) -> str | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index].id

    @property
    def selected_kind_and_id(self) -> tuple[str, int] | None:
        """``("habit", 3)`` or ``("step", 7)`` for the highlighted row."""
        selected = self.selected_id
        if selected is None:
            return None
        kind, _, raw = selected.partition(":")
        return kind, int(raw)

    def select_id(self, row_id: str | None) -> None:
        """Highlight a row by id; else the first habit or step."""
        ids = [row.id for row in self.rows]
        if row_id in ids and row_id is not None:
            self.highlighted = ids.index(row_id)
        else:
            self.highlighted = next((i for i, r in enumerate(ids) if r is not None), None)

    # Moving --------------------------------------------------------------------
    def _selectable(self, start: int, step: int) -> int | None:
        index = start
        while 0 <= index < len(self.rows):
            if self.rows[index].id is not None:
                return index
            index += step
        return None

    def action_move(self, step: int) -> None:
        if self.highlighted is None:
            self.highlighted = self._selectable(0, 1)
            return
        target = self._selectable(self.highlighted + step, step)
        if target is not None:
            self.highlighted = target

    def action_first(self) -> None:
        self.highlighted = self._selectable(0, 1)

    def action_last(self) -> None:
        self.highlighted = self._selectable(len(self.rows) - 1, -1)

    def action_page(self, direction: int) -> None:
        start = (self.highlighted or 0) + direction * max(1, self.size.height - 1)
        start = max(0, min(len(self.rows) - 1, start))
        target = self._selectable(start, direction) or self._selectable(start, -direction)
        if target is not None:
            self.highlighted = target

    def action_choose(self) -> None:
        if self.selected_id is not None:
            self.post_message(self.Chosen())

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_offset.y)
        if 0 <= index < len(self.rows) and self.rows[index].id is not None:
            self.highlighted = index

    def watch_highlighted(self, index: int | None) -> None:
        if index is not None:
            top = int(self.scroll_offset.y)
            height = max(1, self.size.height)
            if index < top:
                self.scroll_to(y=index, animate=False)
            elif index >= top + height:
                self.scroll_to(y=index - height + 1, animate=False)
        self.refresh()

    # Rendering -----------------------------------------------------------------
    def notify_style_update(self) -> None:
        """Focus or theme changed: drop the cached lines only if a style really changed.

        (Lines are cached by width too, so a resize needs no clearing.)
        """
        super().notify_style_update()
        before = dict(self._styles)
        self._styles.clear()
        if any(self._style(name) != style for name, style in before.items()):
            self._lines.clear()

    def _style(self, name: str) -> Style:
        """The widget's own style, or with a component's on top; cached per theme."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style
            if name:
                style += self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self._style(""))
        highlighted = index == self.highlighted
        row = self.rows[index]
        key = (row.signature, width, highlighted, self._columns)
        line = self._lines.get(key)
        if line is None:
            line = self._render_row(row, width, highlighted)
            self._lines[key] = line
        return line

    def _render_row(self, row: Row, width: int, highlighted: bool) -> Strip:
        if row.plan is not None:
            name_width, detail_width = self._columns
            text = habit_row(row.plan, name_width, fit_detail(width, name_width, detail_width))
        else:
            text = row.text.copy()
        text.truncate(width, overflow="ellipsis")
        if row.id is None:
            base = self._style("day-list--heading")
        elif highlighted:
            base = self._style("day-list--highlight")
        else:
            base = self._style("")
        segments = [Segment(s.text, base + s.style if s.style else base)
                    for s in text.render(self.app.console) if s.text != "\n"]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)
