"""A year of one habit as a calendar: a row per weekday, a column per week, the review's
marks, and a cursor on one day that the arrow keys (and a click) move."""

from __future__ import annotations

from datetime import date, timedelta

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip
from textual.widget import Widget

from tracker.domain.days import WEEKDAYS
from tracker.domain.habit_page import PAGE_WEEKS, HabitPage
from tracker.views.habit_report import cell_look, month_labels

LABEL_WIDTH = 4
"""``Mon `` before each row."""
CELL_WIDTH = 2
"""A mark and a space."""


class YearCalendar(Widget, can_focus=True):
    """The page's year; the cursor's day is drawn in reverse (no colour needed)."""

    DEFAULT_CSS = """
    YearCalendar {
        height: 8;
        width: 1fr;
    }
    YearCalendar:focus {
        background: $boost;
    }
    """
    BINDINGS = [
        Binding("up,k", "move(-1)", show=False),
        Binding("down,j", "move(1)", show=False),
        Binding("left", "move(-7)", show=False),
        Binding("right", "move(7)", show=False),
        Binding("home", "week_edge(0)", show=False),
        Binding("end", "week_edge(6)", show=False),
    ]

    cursor: var[date] = var(date(2000, 1, 1), init=False)
    page: var[HabitPage | None] = var(None, init=False, always_update=True)

    class Moved(Message):
        """The cursor asks to move to ``day``; the screen shows that day (in another
        year's page when it lies outside this one)."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._first_week = 0
        self._styles: dict[str, Style] = {}

    @property
    def weeks_shown(self) -> int:
        """How many weeks fit the width (all 53 from 110 columns)."""
        width = self.content_region.width or self.app.size.width
        return max(1, min(PAGE_WEEKS, (width - LABEL_WIDTH) // CELL_WIDTH))

    def show(self, page: HabitPage, cursor: date) -> None:
        self.set_reactive(YearCalendar.cursor, cursor)
        self.page = page

    def watch_cursor(self) -> None:
        self._follow_cursor()

    def watch_page(self) -> None:
        self._follow_cursor()

    def on_resize(self) -> None:
        self._follow_cursor()

    def _follow_cursor(self) -> None:
        """Keep the cursor's week in view, and redraw."""
        if self.page is not None:
            self._first_week = self._visible_from(self.page, self.weeks_shown)
        self.refresh()

    def action_move(self, days: int) -> None:
        self.post_message(self.Moved(self.cursor + timedelta(days=days)))

    def action_week_edge(self, row: int) -> None:
        """home / end: the first or last day of the cursor's week, within the history
        (home never lands before it begins: arrows backfill on purpose)."""
        if self.page is not None:
            offset = (self.cursor - self.page.first_day).days % 7
            day = self.cursor + timedelta(days=row - offset)
            if row == 0 and self.cursor >= self.page.start:
                day = max(day, self.page.start)
            self.post_message(self.Moved(day))

    def on_click(self, event: events.Click) -> None:
        if self.page is None or event.y < 1 or event.x < LABEL_WIDTH:
            return
        week = self._first_week + (event.x - LABEL_WIDTH) // CELL_WIDTH
        index = 7 * week + event.y - 1
        if 0 <= index < len(self.page.days) and event.y <= 7:
            self.post_message(self.Moved(self.page.days[index].day))

    def _visible_from(self, page: HabitPage, weeks: int) -> int:
        """The first week shown: the cursor stays in view (a narrow terminal shows the
        weeks around it)."""
        week = (self.cursor - page.first_day).days // 7
        first = min(self._first_week, PAGE_WEEKS - weeks)
        if week < first:
            first = week
        elif week >= first + weeks:
            first = week - weeks + 1
        return max(0, first)

    def _style(self, name: str) -> Style:
        """The widget's style with a cell's on top (cached; dropped when styles change)."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.rich_style + Style.parse(name)
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def render_line(self, y: int) -> Strip:
        """A row of the calendar as segments (no text layout: moving the cursor redraws
        eight short lines)."""
        page = self.page
        width = self.content_region.width
        if page is None or y > 7:
            return Strip.blank(width, self._style(""))
        weeks = self.weeks_shown
        if y == 0:
            months = month_labels(page, self._first_week, weeks)
            segments = list(months.render(self.app.console))
        else:
            shown = page.days[7 * self._first_week:7 * (self._first_week + weeks)]
            label = WEEKDAYS[shown[y - 1].day.weekday()].capitalize() + " "
            segments = [Segment(label, self._style("dim"))]
            space = Segment(" ", self._style(""))
            cursor, today = self.cursor, page.today
            for column in range(len(shown) // 7):
                day = shown[7 * column + y - 1]
                mark, style = cell_look(day, day.day == cursor, day.day == today)
                segments += (Segment(mark, self._style(style)), space)
        return Strip(segments).extend_cell_length(width, self._style("")).crop(0, width)
