"""The weekly evidence review: the week at a glance, growth, evidence, suggestions, reflection."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tracker.domain.days import week_start
from tracker.domain.models import Decision
from tracker.domain.suggestions import Suggestion
from tracker.domain.text import printable, shorten
from tracker.domain.week import PROMPTS, WeekSummary, summarize_week
from tracker.io.week_report import evidence_lines, growth_lines, week_grid, week_heading
from tracker.marks import LEGEND
from tracker.screens.dialogs import TextPromptScreen
from tracker.store import StoreError
from tracker.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tracker.app import TrackerApp

NEW_MINIMUM_TITLE = {
    "raise": "Raise the minimum of {name} a little. The new minimum:",
    "shrink": "A smaller minimum for {name}, one that fits these weeks:",
}


def suggestion_prompt(suggestion: Suggestion, decision: Decision | None) -> Text:
    text = Text()
    if decision is None:
        text.append("? ", style="bold")
    elif decision.accepted:
        text.append("✓ ", style="bold")
    else:
        text.append("✗ ", style="dim")
    text.append(printable(suggestion.habit), style="bold")
    text.append(f" · {suggestion.kind}: ", style="dim")
    text.append(suggestion.text)
    if decision is not None:
        verdict = "accepted" if decision.accepted else "declined"
        if decision.new_minimum:
            verdict += f": “{printable(decision.new_minimum)}”"
        text.append(f"  ({verdict})", style="italic")
    return text

DECIDED_TEXT = {"raise": "minimum raised", "shrink": "minimum made smaller",
                "direction": "direction set", "stretch": "try the full or stretch version",
                "easy": "try the full version on a good day"}


class WeekScreen(Screen[None]):
    """One week; ←/→ move by week."""

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

    def __init__(self, day: date) -> None:
        super().__init__()
        self.monday = day
        self.summary: WeekSummary | None = None
        self._shown: tuple[object, ...] | None = None
        self.suggestions: list[Suggestion] = []
        self._suggestions_shown: list[tuple[Suggestion, Decision | None]] | None = None

    @property
    def tracker(self) -> TrackerApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="week-body"):
            yield Static(id="week-heading")
            yield Static(id="week-grid")
            yield Static(Text(LEGEND + "   energy ▁ low ▄ ok █ high"), id="week-legend")
            yield Label("Growth: last 12 weeks, oldest first", classes="week-section")
            yield Static(id="week-growth")
            yield Label("Evidence: micro-steps done and notes", classes="week-section")
            yield Static(id="week-evidence")
            yield Label("Suggestions (y accept · n decline)", classes="week-section")
            yield OptionList(id="suggestions")
            yield Label("Reflection (saved as you type)", classes="week-section")
            with Vertical(id="week-prompts"):
                for key, question in PROMPTS:
                    yield Label(question)
                    yield Input(id=f"prompt-{key}", placeholder="a line or two",
                                max_length=2000)
        yield Static("←/→ week · tab: suggestions and reflection · escape: today",
                     id="week-hint")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.reload()

    def show_week_of(self, day: date) -> None:
        """Show the week holding ``day`` (now if shown, else when it is next shown)."""
        self.monday = week_start(day, self.tracker.config.week_start)
        if self.is_current:
            self.reload()

    def reload(self) -> None:
        """Read and show the week, unless nothing changed since it was last shown."""
        store = self.tracker.store
        key = (self.monday, store.version())
        if key == self._shown:
            return
        self._shown = key
        review = store.reviews.get(self.monday)
        self.summary = summary = summarize_week(store.history_for_week(self.monday),
                                                self.monday, review,
                                                self.tracker.config.week_start)
        self.query_one("#week-heading", Static).update(week_heading(summary))
        grid = week_grid(summary) if summary.habits else Text(
            "No habits in this week. Add one with h, then a.")
        self.query_one("#week-grid", Static).update(grid)
        self.query_one("#week-growth", Static).update(
            Text("\n").join(growth_lines(summary)) if summary.habits else Text("—"))
        evidence = evidence_lines(summary)
        self.query_one("#week-evidence", Static).update(
            Text("\n").join(evidence) if evidence else Text(
                "No notes or micro-steps this week.", style="dim"))
        self._show_suggestions()
        for key, _ in PROMPTS:
            field = self.query_one(f"#prompt-{key}", Input)
            with field.prevent(Input.Changed):
                field.value = summary.review.answers.get(key, "")

    def _show_suggestions(self) -> None:
        assert self.summary is not None
        decided = {(d.habit, d.kind): d for d in self.summary.review.decisions}
        current = {(s.habit, s.kind) for s in self.summary.suggestions}
        # a decision stays visible even once its rule no longer fires (e.g. after a raise)
        suggestions = [*self.summary.suggestions, *(
            Suggestion(d.habit, d.kind, DECIDED_TEXT.get(d.kind, "decided"))
            for d in self.summary.review.decisions if (d.habit, d.kind) not in current)]
        shown = [(s, decided.get((s.habit, s.kind))) for s in suggestions]
        if shown == self._suggestions_shown:
            return  # the list lays out every option again: only when something changed
        self._suggestions_shown = shown
        self.suggestions = suggestions
        options = self.query_one("#suggestions", OptionList)
        highlighted = options.highlighted
        options.set_options(
            [Option(suggestion_prompt(s, decided.get((s.habit, s.kind))), id=str(i))
             for i, s in enumerate(self.suggestions)]
            or [Option(Text("No suggestions this week: keep going.", style="dim"),
                       disabled=True)])
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted
        elif self.suggestions:
            options.highlighted = 0

    def action_move_week(self, offset: int) -> None:
        self.monday += timedelta(days=7 * offset)
        self.reload()

    def action_this_week(self) -> None:
        self.show_week_of(self.tracker.today)

    def action_back(self) -> None:
        self.tracker.action_back()

    @work
    async def action_decide(self, accepted: bool) -> None:
        """Accept or decline the highlighted suggestion; raise/shrink ask for a new minimum."""
        options = self.query_one("#suggestions", OptionList)
        if options.highlighted is None or not self.suggestions:
            if self.suggestions:
                options.focus()
            return
        suggestion = self.suggestions[options.highlighted]
        store = self.tracker.store
        try:
            habit = store.habits.find(suggestion.habit)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        new_minimum = ""
        if accepted and suggestion.changes_minimum:
            name = shorten(printable(habit.name), 30)
            answer = await self.app.push_screen_wait(TextPromptScreen(
                NEW_MINIMUM_TITLE[suggestion.kind].format(name=name), value=habit.minimum))
            if not answer:
                return
            new_minimum = answer
            store.habits.update(habit, self.tracker.today, minimum=answer)
        elif accepted and suggestion.kind == "direction":
            answer = await self.app.push_screen_wait(TextPromptScreen(
                f"Which direction does {shorten(printable(habit.name), 30)} serve?",
                placeholder="e.g. health, craft: guitar, family"))
            if not answer:
                return
            store.habits.update(habit, self.tracker.today, direction=answer)
        store.reviews.decide(self.monday, Decision(suggestion.habit, suggestion.kind,
                                                   accepted, new_minimum))
        self.reload()
        options.focus()

    @on(Input.Changed)
    def save_answer(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("prompt-"):
            key = event.input.id.removeprefix("prompt-")
            self.tracker.store.reviews.answer(self.monday, key, event.value)
