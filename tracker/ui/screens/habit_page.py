"""The habit page: one habit, a year at a glance. A calendar to see and edit any day
(the same keys as Today, on the cursor's day), consistency and evidence over the year
(charts, drawn after the first frame), which days work, comebacks and notes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tracker.domain.days import FIRST_DAY, week_start
from tracker.domain.habit_page import HabitPage, HabitRecord, habit_page, record_span
from tracker.domain.rules import planned_level
from tracker.domain.text import printable
from tracker.store import StoreError
from tracker.ui.messages import DataChanged
from tracker.ui.screens.day_edits import DayEdits
from tracker.ui.widgets.key_bar import KeyBar
from tracker.ui.widgets.year_calendar import YearCalendar
from tracker.views.habit_report import (
    day_text,
    note_lines,
    page_heading,
    resilience_lines,
    weekday_lines,
)
from tracker.views.marks import LEGEND

if TYPE_CHECKING:
    from tracker.ui.session import Session
    from tracker.ui.widgets.habit_charts import HabitCharts

YEAR = timedelta(weeks=52)
NOTES_SHOWN = 30


def import_charts() -> type[HabitCharts]:
    """In a worker thread: the charts' code (Plotext), so the first frame never waits."""
    from tracker.ui.widgets.habit_charts import HabitCharts

    return HabitCharts


def lines(texts: list[Text]) -> Text:
    return Text("\n").join(texts)


class HabitPageScreen(Screen[None]):
    """One habit's year; ←/→/↑/↓ move the cursor, ``[``/``]`` move by year."""

    DEFAULT_CSS = """
    HabitPageScreen #page-body {
        height: 1fr;
        padding: 0 1;
    }
    HabitPageScreen #page-heading {
        padding: 1 0 0 0;
        height: auto;
    }
    HabitPageScreen .page-title {
        margin-top: 1;
        text-style: bold underline;
    }
    HabitPageScreen #page-calendar-title {
        margin-top: 1;
    }
    HabitPageScreen #page-day {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    HabitPageScreen .page-quiet {
        color: $text-muted;
    }
    HabitPageScreen #page-charts {
        height: auto;
        min-height: 3;
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("space", "mark_done", "Done/undo", id="mark_done",
                tooltip="the cursor's day: done at its planned level / undo"),
        Binding("m", "mark('minimum')", "Min", id="mark_minimum", tooltip="done at minimum"),
        Binding("f", "mark('full')", "Full", id="mark_full", tooltip="done at full"),
        Binding("s", "mark('stretch')", "Stretch", id="mark_stretch", tooltip="done at stretch"),
        Binding("r", "mark('rest')", "Rest", id="mark_rest",
                tooltip="rest on the cursor's day (the same key again undoes)"),
        Binding("plus,equals_sign", "count(1)", "+1", id="count_up", key_display="+",
                show=False,
                tooltip="add one (or the habit's step) to the cursor's day's amount"),
        Binding("minus", "count(-1)", "-1", id="count_down", key_display="-",
                show=False,
                tooltip="take one (or the habit's step) from the cursor's day's amount"),
        Binding("n", "evidence", "Note", id="evidence",
                tooltip="amount and note (evidence) of the cursor's day"),
        # priority: the page keys move a year, never scroll the page
        Binding("left_square_bracket,pageup", "move_year(-1)", "Prev year",
                id="page.previous_year", key_display="[", tooltip="the year before",
                priority=True),
        Binding("right_square_bracket,pagedown", "move_year(1)", "Next year",
                id="page.next_year", key_display="]", tooltip="the year after",
                priority=True),
        Binding("tab", "below", "Below", id="page.below",
                tooltip="which days work, coming back and notes, below the charts (again: "
                "back up to the calendar)"),
        Binding("t", "go_today", "Today", show=False, id="today",
                tooltip="the cursor back to today"),
        Binding("escape", "back", "Back", id="page.back", tooltip="back"),
    ]
    AUTO_FOCUS = ""  # focused in on_mount, without scrolling the page past its header

    def __init__(self, session: Session, habit_id: int, day: date) -> None:
        super().__init__()
        self.session = session
        self.habit_id = habit_id
        self.edits = DayEdits(self, session, self.reload)
        self.cursor = min(day, self.latest_day)
        self.record: HabitRecord | None = None
        self.page: HabitPage | None = None
        self._read_key: tuple[object, ...] | None = None
        self._last = self.cursor
        """The last day of the year shown (its week ends the calendar)."""
        self._charts: HabitCharts | None = None
        """The charts, once their code is in (mounted a moment after the first frame)."""

    @property
    def latest_day(self) -> date:
        """The last day a page shows: the end of today's week."""
        monday = week_start(self.session.today, self.session.config.week_start)
        return monday + timedelta(days=6)

    def compose(self) -> ComposeResult:
        self.heading = Static(id="page-heading")
        self.span = Static(id="page-calendar-title", classes="page-quiet")
        self.calendar = YearCalendar(id="page-calendar")
        self.day_line = Static(id="page-day")
        self.weekdays = Static(id="page-weekdays")
        self.resilience = Static(id="page-resilience")
        self.notes = Static(id="page-notes")
        self.reload()  # everything is filled before the first layout
        with VerticalScroll(id="page-body", can_focus=False):
            yield self.heading
            yield self.span
            yield self.calendar
            yield self.day_line
            yield Static(LEGEND, classes="page-quiet")
            yield Vertical(id="page-charts")
            yield Static("Which days work", classes="page-title", id="page-weekdays-title")
            yield self.weekdays
            yield Static("Coming back", classes="page-title")
            yield self.resilience
            yield Static("Notes, newest first", classes="page-title")
            yield self.notes
        yield KeyBar()

    def on_mount(self) -> None:
        self.calendar.focus(scroll_visible=False)
        self.query_one("#page-charts").loading = True
        self.call_after_refresh(self.run_worker, import_charts, thread=True, group="charts")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "charts" and event.state == WorkerState.SUCCESS:
            holder = self.query_one("#page-charts")
            holder.loading = False
            charts_class = event.worker.result
            if charts_class is not None and self.page is not None:
                self._charts = charts_class(self.page, id="page-chart-set")
                holder.mount(self._charts)

    def _show_charts(self) -> None:
        if self._charts is not None and self.page is not None:
            self._charts.show(self.page)

    # Reading -------------------------------------------------------------------
    def on_screen_resume(self) -> None:
        self.reload()

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def reload(self) -> None:
        """Show the year holding the cursor again, read anew if anything was written
        since (here or elsewhere)."""
        self.show_year(self._last)

    def _read(self, last: date) -> HabitRecord | None:
        """The habit as the year ending with ``last`` needs it: read again only when the
        data, the day or the year changed; None (and the page closes) if the habit was
        deleted elsewhere meanwhile."""
        session = self.session
        span = record_span(last, session.today, session.config.week_start)
        key = (session.store.version(), session.today, span)
        if key != self._read_key or self.record is None:
            try:
                self.record = session.store.habit_record(self.habit_id, *span)
            except StoreError as error:
                name = self.record.habit.name if self.record else "This habit"
                self.notify(f"{printable(name)} was deleted elsewhere (another window or "
                            f"command): {error}.", severity="warning", markup=False)
                self.app.pop_screen()
                return None
            self._read_key = key
        return self.record

    def show_year(self, last: date) -> None:
        """Show the year whose last week holds ``last`` (never beyond today's week)."""
        last = min(last, self.latest_day)
        record = self._read(last)
        if record is None:
            return
        page = habit_page(record, last, self.session.today, self.session.config.week_start)
        self.page, self._last = page, page.last_day
        self.heading.update(lines(page_heading(page)))
        since = (f" (the history starts on {page.start:%d %b %Y})"
                 if page.first_day < page.start <= page.last_day else "")
        self.span.update(Text(
            f"{page.first_day:%d %b %Y} – {page.last_day:%d %b %Y}{since} · arrows: a day · "
            "[ ]: a year · space m f s r n: change it · tab: which days work, notes"))
        self.calendar.show(page, self.cursor)
        self.show_cursor_day()
        self.weekdays.update(lines(weekday_lines(page)))
        self.resilience.update(lines(resilience_lines(page)))
        self.notes.update(lines(note_lines(page, NOTES_SHOWN)))
        self._show_charts()

    def show_cursor_day(self) -> None:
        if self.page is not None:
            self.day_line.update(day_text(self.page, self.cursor), layout=False)

    # Moving --------------------------------------------------------------------
    @on(YearCalendar.Moved)
    def move_cursor(self, event: YearCalendar.Moved) -> None:
        self.show_day(event.day)

    def show_day(self, day: date) -> None:
        """The cursor on ``day``; a day outside the year shown brings its year."""
        if self.page is None:
            return
        if day > self.latest_day:
            self.notify("That day is still to come.")
            return
        if day < FIRST_DAY:
            self.notify(f"tracker's calendar starts on {FIRST_DAY}.")
            return
        self.cursor = day
        if self.page.first_day <= day <= self.page.last_day:
            self.calendar.cursor = day
            self.show_cursor_day()
        elif day < self.page.first_day:
            self.show_year(day)  # the year before, the cursor in its last week
        else:
            self.show_year(day + YEAR)

    def action_move_year(self, years: int) -> None:
        """[ ] (and the page keys): the year before or after, the cursor moved with it."""
        if years > 0 and self._last >= self.latest_day:
            self.notify("This is the latest year.")
            return
        target = self.cursor + years * YEAR
        if target < FIRST_DAY:
            self.notify(f"tracker's calendar starts on {FIRST_DAY}.")
            return
        self.cursor = min(target, self.latest_day)
        self.show_year(self._last + years * YEAR)

    def action_go_today(self) -> None:
        self.show_day(self.session.today)

    def action_below(self) -> None:
        """tab: down to which days work, coming back and notes; again, back up."""
        body = self.query_one("#page-body", VerticalScroll)
        if body.scroll_y > 0:
            body.scroll_home(animate=False)
        else:
            below = self.query_one("#page-weekdays-title", Static)
            body.scroll_to_widget(below, top=True, animate=False)

    def action_back(self) -> None:
        self.app.pop_screen()

    # Changing the cursor's day -------------------------------------------------
    def _status(self) -> str | None:
        """The cursor's day as stored (a paused day shows resting, yet holds nothing)."""
        stored = self.session.store.days.entry(self.habit_id, self.cursor)
        return stored.status if stored is not None else None

    def action_mark_done(self) -> None:
        if self.record is None:
            return
        checkin = self.session.store.days.checkin(self.cursor)
        level = planned_level(self.record.habit, checkin.energy if checkin else None)
        self.edits.toggle_done(self.record.habit, self.cursor, self._status(), level)

    def action_mark(self, status: str) -> None:
        if self.record is not None:
            self.edits.mark(self.record.habit, self.cursor, self._status(), status)

    def action_count(self, sign: int) -> None:
        if self.record is not None:
            self.edits.count(self.record.habit, self.cursor, self._status(), sign)

    def action_evidence(self) -> None:
        if self.record is not None:
            habit = self.record.habit
            self.edits.evidence(habit, self.cursor,
                                self.session.store.days.entry(habit.id, self.cursor))
