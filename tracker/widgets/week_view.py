"""The weekly review drawn as one line-API list: grid, growth, evidence, suggestions and
the reflection prompts, wrapped to the width. Suggestions (``suggestion:N``) and
prompts (``prompt:KEY``) are the selectable rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text

from tracker.domain.models import Decision
from tracker.domain.suggestions import Suggestion
from tracker.domain.text import printable
from tracker.domain.week import PROMPTS, WeekSummary
from tracker.io.week_report import (
    evidence_lines,
    growth_lines,
    in_progress_note,
    week_grid,
    week_heading,
)
from tracker.marks import ENERGY_LEGEND, LEGEND
from tracker.widgets.line_list import LineList, Row


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


class WeekView(LineList):
    """The review of one week, as rows; the suggestion or prompt chosen carries a ``▸``."""

    MARKER = "▸ "

    summary: WeekSummary | None = None
    _suggestions: Sequence[tuple[Suggestion, Decision | None]] = ()
    _width = 0

    def show(self, summary: WeekSummary,
             suggestions: Sequence[tuple[Suggestion, Decision | None]],
             select: str | None = None) -> None:
        """Show a week's review; the highlight stays on the same suggestion or prompt."""
        self.summary, self._suggestions = summary, suggestions
        width = self._width = self.content_width
        rows: list[Row] = []

        def add(texts: Iterable[Text], row_id: str | None = None, indent: str = "") -> None:
            for text in texts:
                if text.cell_len <= width - (len(self.MARKER) if row_id else 0) \
                        and "\n" not in text.plain:
                    rows.append(Row(row_id, text))  # most lines fit: no wrapping needed
                    continue
                room = width - len(indent) - (len(self.MARKER) if row_id else 0)
                for number, line in enumerate(text.wrap(self.app.console, room)):
                    rows.append(Row(row_id, Text(indent) + line if number else line))

        def section(title: str) -> None:
            rows.append(Row(None, Text("")))
            rows.append(Row(None, Text(title, style="bold underline")))

        add([week_heading(summary)])
        rows.append(Row(None, Text("")))
        if summary.habits:
            rows += [Row(None, line) for line in week_grid(summary).split("\n")]
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
        for index, (suggestion, decision) in enumerate(suggestions):
            add([suggestion_text(suggestion, decision)], f"suggestion:{index}", indent="  ")
        if not suggestions:
            add([Text("No suggestions this week: keep going.", style="dim")])
        section("Reflection: enter to write an answer")
        for key, question in PROMPTS:
            answer = summary.review.answers.get(key, "")
            add([Text(question, style="bold")], f"prompt:{key}")
            add([Text("  " + printable(answer, single_line=False)) if answer
                 else Text("  —", style="dim")], f"prompt:{key}", indent="  ")
        default = "suggestion:0" if suggestions else "prompt:" + PROMPTS[0][0]
        self.set_rows(rows, select=select or (None if self.selected_id else default))

    def on_resize(self) -> None:
        """Text is wrapped to the width: wrap it again when the width changes."""
        if self.summary is not None and self.content_width != self._width:
            self.show(self.summary, self._suggestions)
