"""Add or edit a habit: every field, with examples and errors a person can act on."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from tracker.domain.models import Habit, Schedule
from tracker.screens.dialogs import Dialog


@dataclass(frozen=True)
class HabitFields:
    """What the form collected, checked."""

    name: str
    minimum: str
    full: str
    stretch: str
    direction: str
    unit: str
    schedule: Schedule


FIELDS = (
    ("name", "Name", "e.g. Guitar"),
    ("minimum", "Minimum version (required): the smallest step that still counts",
     "e.g. change between G and C ten times"),
    ("full", "Full version (optional)", "e.g. 20 minutes of practice"),
    ("stretch", "Stretch version (optional)", "e.g. learn a new song section"),
    ("direction", "Direction: the value or aim it serves", "e.g. craft: guitar"),
    ("unit", "Unit of evidence (optional)", "e.g. pages, minutes"),
    ("schedule", "Schedule: daily, weekdays like mon,wed,fri, or 3/week", "daily"),
)


def parse_schedule(text: str) -> Schedule:
    """``daily``, ``mon,wed,fri`` or ``3/week`` (also ``3x``); ValueError otherwise."""
    cleaned = text.strip().lower()
    for suffix in ("/week", "x a week", "x", "/w", " per week", "×"):
        if cleaned.endswith(suffix) and cleaned[: -len(suffix)].strip().isdigit():
            return Schedule.times_per_week(int(cleaned[: -len(suffix)]))
    return Schedule.parse_days(cleaned)


def schedule_text(schedule: Schedule) -> str:
    if schedule.kind == "per_week":
        return f"{schedule.per_week}/week"
    if schedule.kind == "weekdays":
        return schedule.describe().replace(" ", "")
    return "daily"


class HabitFormScreen(Dialog[HabitFields | None]):
    """The habit form; ``enter`` in any field saves, ``escape`` cancels."""

    AUTO_FOCUS = "#field-name"
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, habit: Habit | None = None) -> None:
        super().__init__()
        self.habit = habit

    def compose(self) -> ComposeResult:
        title = "New habit" if self.habit is None else "Edit habit"
        values = {} if self.habit is None else {
            "name": self.habit.name, "minimum": self.habit.minimum, "full": self.habit.full,
            "stretch": self.habit.stretch, "direction": self.habit.direction,
            "unit": self.habit.unit, "schedule": schedule_text(self.habit.schedule)}
        with VerticalScroll(classes="dialog"):
            yield Static(title, classes="title")
            for key, label, placeholder in FIELDS:
                yield Label(label)
                yield Input(values.get(key, "daily" if key == "schedule" else ""),
                            placeholder=placeholder, id=f"field-{key}",
                            max_length=200 if key == "name" else 1000)
            if self.habit is not None:
                yield Static("A new minimum adds a rung to the habit's level ladder.",
                             classes="hint")
            yield Static("", classes="error", id="form-error")
            yield Static("tab: next field    enter or ctrl+s: save    escape: cancel",
                         classes="hint")

    def _value(self, key: str) -> str:
        return self.query_one(f"#field-{key}", Input).value.strip()

    def _fail(self, key: str, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message))
        self.query_one(f"#field-{key}", Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        if not self._value("name"):
            self._fail("name", "A habit needs a name.")
            return
        if not self._value("minimum"):
            self._fail("minimum", "A habit needs a minimum version: the smallest step "
                                  "that still counts.")
            return
        try:
            schedule = parse_schedule(self._value("schedule") or "daily")
        except ValueError as error:
            self._fail("schedule", f"Schedule: {error}.")
            return
        self.dismiss(HabitFields(*(self._value(k) for k, _, _ in FIELDS[:-1]), schedule))

    def action_cancel(self) -> None:
        self.dismiss(None)
