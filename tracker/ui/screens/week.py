"""The weekly evidence review: the week at a glance, growth, evidence, suggestions, reflection.

Drawn as one line-API list (tracker/ui/widgets/week_view.py): opening the review
redraws a list, not a screenful of widgets.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static

from tracker.domain.days import week_start
from tracker.domain.models import Habit
from tracker.domain.suggestions import Suggestion
from tracker.domain.text import printable, shorten
from tracker.domain.week import PROMPTS, WeekSummary
from tracker.store import StoreError
from tracker.ui.messages import DataChanged, HabitChosen
from tracker.ui.screens.dialogs import TextPromptScreen
from tracker.ui.screens.refusals import reporting_refusals
from tracker.ui.widgets.key_bar import KeyBar
from tracker.ui.widgets.row_ids import HabitRow, PromptRow, RowId, SuggestionRow
from tracker.ui.widgets.week_view import WeekView, review_rows

if TYPE_CHECKING:
    from tracker.ui.session import Session

NEW_MINIMUM_TITLE = {
    "raise": "Raise the minimum of {name} a little. The new minimum:",
    "shrink": "A smaller minimum for {name}, one that fits these weeks:",
}


class WeekScreen(Screen[None]):
    """One week; ←/→ move by week."""

    # The review is computed and wrapped into rows ahead, in a worker (the app's): ``w``
    # hands the rows to the list and shows the screen, within a frame; nothing is laid
    # out while the screen is hidden. Its scrollbar comes on the next frame (Textual repaints a
    # scrollbar when its screen is shown); the line under it says which lines are shown.
    DEFAULT_CSS = """
    WeekScreen WeekView {
        height: 1fr;
        padding: 0 1;
        background: $background;
    }
    WeekScreen #week-footer {
        height: auto;
    }
    WeekScreen #week-hint {
        width: 1fr;
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    WeekScreen #week-position {
        width: 26;
        text-align: right;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("left,left_square_bracket", "move_week(-1)", "Prev week", id="week.previous",
                key_display="←", tooltip="the week before"),
        Binding("right,right_square_bracket", "move_week(1)", "Next week", id="week.next",
                key_display="→", tooltip="the week after"),
        Binding("y", "decide(True)", "Accept", id="week.accept",
                tooltip="accept the selected suggestion"),
        Binding("n", "decide(False)", "Decline", id="week.decline",
                tooltip="decline the selected suggestion"),
        Binding("t", "this_week", "This week", show=False, id="week.this",
                tooltip="back to this week"),
        Binding("escape", "back", "Back", id="week.back", tooltip="back to today"),
    ]

    def __init__(self, session: Session, day: date) -> None:
        super().__init__()
        self.session = session
        self.monday = day
        self.summary: WeekSummary | None = None
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield WeekView(id="week-view")
        with Horizontal(id="week-footer"):
            yield Static("←/→ week · ↑/↓ habits, suggestions and prompts · enter: a habit's page "
                         "or write an answer · y/n decide · escape: today", id="week-hint")
            yield Static(id="week-position")
        yield KeyBar()

    def on_mount(self) -> None:
        view = self.view
        self.watch(view, "scroll_y", self.show_position, init=False)
        self.watch(view, "virtual_size", self.show_position, init=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self.show_position)

    def show_position(self) -> None:
        """Which lines of the review are shown, beside the scrollbar."""
        first, last, total = self.view.position()
        text = ""
        if last and (first > 1 or last < total):
            arrows = ("↑" if first > 1 else "") + ("↓" if last < total else "")
            text = f"{arrows} lines {first}–{last} of {total}"
        self.query_one("#week-position", Static).update(text, layout=False)

    def laid_out_width(self) -> int:
        """The width the review's list had when last laid out; 0 before it ever was (or
        while the screen is being built), when nothing is wrapped ahead."""
        views = self.query(WeekView) if self.is_mounted else None
        return views.first().scrollable_content_region.width if views else 0

    @property
    def view(self) -> WeekView:
        return self.query_one(WeekView)

    def on_screen_resume(self) -> None:
        self.reload()

    def show_week_of(self, day: date) -> None:
        """Show the week holding ``day`` (read now if the screen is mounted, else when it
        is first shown)."""
        self.monday = week_start(day, self.session.config.week_start)
        if self.is_mounted:
            self.reload()

    def reload(self, select: RowId | None = None) -> None:
        """Read and show the week, unless nothing changed since it was last shown."""
        key = self.session.week_key(self.monday)
        if key == self._shown:
            return
        self._shown = key
        review = self.session.week_ahead(key) or review_rows(
            self.session.store.week_summary(self.monday, self.session.config.week_start,
                                            key.today),
            self.view.content_width, self.app.console, self.session.config.group_by_direction)
        self.summary = review.summary
        self.view.show(review, select=select)

    def action_move_week(self, offset: int) -> None:
        self.monday += timedelta(days=7 * offset)
        self.reload()
        self.view.scroll_home(animate=False)  # a new week starts at its grid

    def action_this_week(self) -> None:
        self.show_week_of(self.session.today)

    def action_back(self) -> None:
        """Back to Today, the screen under the review."""
        self.app.pop_screen()

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    @work
    async def action_decide(self, accepted: bool) -> None:
        """Accept or decline the highlighted suggestion (the one its row carries: the
        review on screen is the one decided on); raise/shrink ask for a new minimum, a
        direction for the direction."""
        review = self.view.review
        selected = self.view.selected_id
        if review is None:
            return
        if not isinstance(selected, SuggestionRow):
            if review.suggestions:
                self.view.select_id(SuggestionRow.of(review.suggestions[0][0]))
                self.view.reveal()
            return
        suggestion, week = selected.suggestion, review.summary.week_start
        try:
            habit = self.session.store.habits.find(suggestion.habit)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        answer = await self._answer(suggestion, habit) if accepted else ""
        if answer is None:
            return
        with reporting_refusals(self):
            self.session.changes.reviews.decide(week, suggestion, habit, accepted, answer)
        self.reload(select=selected)
        self.view.reveal()

    async def _answer(self, suggestion: Suggestion, habit: Habit) -> str | None:
        """What accepting a suggestion asks for: a new minimum, a direction, or nothing
        (empty); None when the person escapes."""
        name = shorten(printable(habit.name), 30)
        if suggestion.changes_minimum:
            while True:
                answer = await self.app.push_screen_wait(TextPromptScreen(
                    NEW_MINIMUM_TITLE[suggestion.kind].format(name=name), value=habit.minimum))
                if not answer:
                    return None
                if answer.strip() != habit.minimum.strip():
                    return answer
                self.notify("That is the minimum you have now: type the new one, or press "
                            "escape and n to decline.", severity="warning")
        if suggestion.kind == "direction":
            answer = await self.app.push_screen_wait(TextPromptScreen(
                f"Which direction does {name} serve?",
                placeholder="e.g. health, craft: guitar, family"))
            return answer or None
        return ""

    @on(WeekView.Chosen)
    @work
    async def write_answer(self, event: WeekView.Chosen) -> None:
        """Enter on a reflection prompt: write (or change) its answer; saved at once. On
        a habit's row of the grid: the habit's page."""
        chosen = event.row_id
        if isinstance(chosen, HabitRow):  # its page, on the week's last day gone by
            sunday = self.monday + timedelta(days=6)
            self.post_message(HabitChosen(chosen.habit_id, min(sunday, self.session.today)))
            return
        if isinstance(chosen, SuggestionRow):
            self.notify("y accepts the suggestion, n declines it.")
            return
        if not isinstance(chosen, PromptRow):
            return
        question = dict(PROMPTS)[chosen.key]
        assert self.summary is not None
        week = self.summary.week_start
        current = self.summary.review.answers.get(chosen.key, "")
        answer = await self.app.push_screen_wait(TextPromptScreen(
            question, value=current, placeholder="a line or two",
            hint="enter: save    escape: cancel    (an empty answer clears it)",
            allow_empty=True))
        if answer is None or answer == current:
            return
        with reporting_refusals(self):
            self.session.changes.reviews.answer(week, chosen.key, answer)
        self.reload(select=chosen)
