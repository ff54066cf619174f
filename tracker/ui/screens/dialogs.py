"""Small typed questions: confirm, one line of text, and evidence (amount and note)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tracker.domain.text import printable

MAX_INPUT = 10_000
ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A box in the middle of the screen over the dimmed screen below: every question
    tracker asks. Its styles load with the first dialog, not at start-up."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    Dialog .dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 2;
        background: $panel;
        border: thick $primary;
    }
    Dialog .dialog .title {
        text-style: bold;
        width: 100%;
        margin-bottom: 1;
    }
    Dialog .dialog .hint {
        color: $text-muted;
        margin-top: 1;
    }
    Dialog .dialog .error {
        color: $error;
        height: auto;
    }
    Dialog .dialog Input {
        margin-bottom: 1;
    }
    Dialog .dialog Label {
        margin-top: 0;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._answered = False

    def answer(self, result: ResultType) -> None:
        """Close the dialog with ``result``, once: another enter before it has closed (a
        line break in text pasted without bracketed paste) is ignored."""
        if self._answered:
            return
        self._answered = True
        self.dismiss(result)


class LineInput(Input):
    """A one-line input: pasted line breaks become spaces (Textual's Input keeps only
    the first line of a paste)."""

    def _on_paste(self, event: events.Paste) -> None:
        if event.text:
            line = " ".join(event.text.split())
            if self.selection.is_empty:
                self.insert_text_at_cursor(line)
            else:
                self.replace(line, *self.selection)
        event.prevent_default()  # not Input's own handler too
        event.stop()


class ConfirmScreen(Dialog[bool]):
    """Ask a yes/no question; ``y`` or ``enter`` confirms, ``n`` or ``escape`` declines."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: Text | str) -> None:
        super().__init__()
        self.question = question if isinstance(question, Text) else Text(question)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="title")
            yield Static("y / enter: yes    n / escape: no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.answer(yes)


class TextPromptScreen(Dialog[str | None]):
    """Ask for one line of text; ``enter`` saves, ``escape`` cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, placeholder: str = "", value: str = "",
                 hint: str = "enter: save    escape: cancel", allow_empty: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.value = value
        self.hint = hint
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="title")
            yield LineInput(self.value, placeholder=self.placeholder, max_length=MAX_INPUT,
                        id="prompt-input")
            yield Static("", classes="error", id="prompt-error")
            yield Static(self.hint, classes="hint")

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text and not self.allow_empty:
            self.query_one("#prompt-error", Static).update("Type something first (escape cancels).")
            return
        self.answer(text)

    def action_cancel(self) -> None:
        self.answer(None)


@dataclass(frozen=True)
class Evidence:
    """An amount (in the habit's unit) and a one-line note."""

    amount: float | None
    note: str


def parse_amount(text: str, unit: str = "") -> float | None:
    """``12``, ``12.5``, ``12,5``, ``12 pages`` (the habit's unit, or its singular) or
    empty; raises ValueError with a message otherwise."""
    number, _, words = text.strip().partition(" ")
    cleaned = number.replace(",", ".")
    if not cleaned:
        return None
    words = words.strip().lower()
    if words and not (unit and (words == unit.lower() or unit.lower().startswith(words))):
        expected = f"the unit is {unit!r}" if unit else "this habit has no unit"
        raise ValueError(f"{text!r}: type a number, e.g. 12 ({expected})")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not a number: type e.g. 12 or 2.5") from None
    if not math.isfinite(value) or not 0 <= value <= 1e12:
        raise ValueError("the amount must be a number from 0 to 1,000,000,000,000")
    return value


class EvidenceScreen(Dialog[Evidence | None]):
    """Amount and note for a habit or micro-step; ``enter`` saves, ``escape`` cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, unit: str, amount: float | None, note: str) -> None:
        super().__init__()
        self.title_text = title
        self.unit = unit
        self.shown_unit = printable(unit)
        self.amount = amount
        self.note = note

    def compose(self) -> ComposeResult:
        amount = "" if self.amount is None else f"{self.amount:g}"
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="title")
            yield Label(Text(f"Amount ({self.shown_unit})" if self.unit else "Amount"))
            yield LineInput(amount, placeholder=f"e.g. 12 {self.shown_unit}".strip(), id="amount",
                        max_length=64)
            yield Label("Note: what you did, what helped")
            yield LineInput(self.note, placeholder="one line of evidence", id="note",
                        max_length=MAX_INPUT)
            yield Static("", classes="error", id="evidence-error")
            yield Static("tab: next field    enter: save    escape: cancel", classes="hint")

    @on(Input.Submitted)
    def save(self) -> None:
        try:
            amount = parse_amount(self.query_one("#amount", Input).value, self.unit)
        except ValueError as error:
            self.query_one("#evidence-error", Static).update(str(error))
            self.query_one("#amount", Input).focus()
            return
        self.answer(Evidence(amount, self.query_one("#note", Input).value.strip()))

    def action_cancel(self) -> None:
        self.answer(None)
