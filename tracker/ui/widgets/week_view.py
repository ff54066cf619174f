"""The weekly review drawn as one line-API list: grid, growth, evidence, suggestions and
the reflection prompts, wrapped to the width. Habits of the grid (``HabitRow``),
suggestions (``SuggestionRow``) and prompts (``PromptRow``) are the selectable rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from tracker.domain.models import Decision
from tracker.domain.suggestions import Suggestion
from tracker.domain.text import printable
from tracker.domain.week import PROMPTS, WeekSummary
from tracker.ui.widgets.line_list import LineList, Row
from tracker.ui.widgets.row_ids import HabitRow, PromptRow, RowId, SuggestionRow
from tracker.views.marks import ENERGY_LEGEND, LEGEND
from tracker.views.week_report import (
    direction_groups,
    direction_line,
    evidence_lines,
    growth_lines,
    in_progress_note,
    week_grid,
    week_heading,
)


def suggestion_text(suggestion: Suggestion, decision: Decision | None) -> Text:
    """``? Read · raise: Done on 86% …  (accepted: “two pages”)``."""
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

MARKER = "▸ "
"""The review's selection mark (visible without colour)."""


@dataclass(frozen=True)
class ReviewRows:
    """A week's review laid out as rows for one width: made in the worker that computes
    the review ahead, so that ``w`` only hands the rows to the list."""

    summary: WeekSummary
    suggestions: tuple[tuple[Suggestion, Decision | None], ...]
    width: int
    rows: tuple[Row, ...]
    grouped: bool = True


def review_suggestions(summary: WeekSummary) -> tuple[tuple[Suggestion, Decision | None], ...]:
    """The week's suggestions with their decisions; a decision stays listed even once its
    rule no longer fires (e.g. after a raise)."""
    decided = {(d.habit, d.kind): d for d in summary.review.decisions}
    current = {(s.habit, s.kind) for s in summary.suggestions}
    suggestions = [*summary.suggestions, *(
        Suggestion(d.habit, d.kind, DECIDED_TEXT.get(d.kind, "decided"))
        for d in summary.review.decisions if (d.habit, d.kind) not in current)]
    return tuple((s, decided.get((s.habit, s.kind))) for s in suggestions)


def review_rows(summary: WeekSummary, width: int, console: Console,
                grouped: bool = True) -> ReviewRows:
    """The review of ``summary`` wrapped to ``width`` (no widget is touched: this runs in
    the worker too; ``console`` only measures text); with ``grouped``, the grid's habits
    under their directions, each with its line."""
    suggestions = review_suggestions(summary)
    rows: list[Row] = []

    def add(texts: Iterable[Text], row_id: RowId | None = None, indent: str = "") -> None:
        gutter = len(MARKER) if row_id is not None else 0
        for text in texts:
            if text.cell_len <= width - gutter and "\n" not in text.plain:
                rows.append(Row(row_id, text))  # most lines fit: no wrapping needed
                continue
            for number, line in enumerate(text.wrap(console, width - len(indent) - gutter)):
                rows.append(Row(row_id, Text(indent) + line if number else line))

    def section(title: str) -> None:
        rows.append(Row(None, Text("")))
        rows.append(Row(None, Text(title, style="bold underline")))

    add([week_heading(summary)])
    rows.append(Row(None, Text("")))
    if summary.habits:
        # a habit's row is selectable (enter: its page); the others keep the gutter
        grid = week_grid(summary).split("\n")
        gutter = Text(" " * len(MARKER))
        rows.append(Row(None, gutter + grid[0]))
        lines = dict(zip((w.habit.id for w in summary.habits), grid[1:-1], strict=True))
        groups = direction_groups(summary)
        if not grouped or not any(direction for direction, _ in groups):
            groups = [("", list(summary.habits))]
            grouped = False
        for direction, weeks in groups:
            if grouped:
                rows.append(Row(None, gutter + Text(direction_line(direction, weeks, summary),
                                                    style="bold" if direction else "dim")))
            rows.extend(Row(HabitRow(week.habit.id), lines[week.habit.id]) for week in weeks)
        rows.append(Row(None, gutter + grid[-1]))
        add([Text(LEGEND, style="dim"), Text(ENERGY_LEGEND, style="dim")])
        if summary.in_progress:
            add([Text(in_progress_note(summary), style="italic")])
        section("Growth: last 12 weeks, oldest first")
        add(growth_lines(summary), indent="    ")
    else:
        add([Text("No habits in this week. Add one with h, then a.")])
    section("Evidence: micro-steps done and notes")
    add(evidence_lines(summary) or [Text("No notes or micro-steps this week.", style="dim")],
        indent="    ")
    section("Suggestions: y accepts, n declines")
    for suggestion, decision in suggestions:
        add([suggestion_text(suggestion, decision)], SuggestionRow.of(suggestion), indent="  ")
    if not suggestions:
        add([Text("No suggestions this week: keep going.", style="dim")])
    section("Reflection: enter to write an answer")
    for key, question in PROMPTS:
        answer = summary.review.answers.get(key, "")
        add([Text(question, style="bold")], PromptRow(key))
        add([Text("  " + printable(answer, single_line=False)) if answer
             else Text("  —", style="dim")], PromptRow(key), indent="  ")
    return ReviewRows(summary, suggestions, width, tuple(rows), grouped)


class WeekView(LineList):
    """The review of one week, as rows; the suggestion or prompt chosen carries a ``▸``."""

    MARKER = MARKER

    review: ReviewRows | None = None

    def show(self, review: ReviewRows, select: RowId | None = None) -> None:
        """Show a week's review; the highlight stays on the same suggestion or prompt."""
        if review.width != self.content_width:  # laid out for another width: wrap anew
            review = review_rows(review.summary, self.content_width, self.app.console,
                                 review.grouped)
        self.review = review
        default: RowId = (SuggestionRow.of(review.suggestions[0][0]) if review.suggestions
                          else PromptRow(PROMPTS[0][0]))
        self.set_rows(review.rows, select=select or (None if self.selected_id else default))

    def on_resize(self) -> None:
        """Text is wrapped to the width: wrap it again when the width changes."""
        if self.review is not None and self.content_width != self.review.width:
            self.show(self.review)
