"""Add or edit a habit: every field, with examples and errors a person can act on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from tracker.domain.models import Habit, Schedule
from tracker.store import DamagedFile, DuplicateHabit, StoreError
from tracker.ui.screens.dialogs import Dialog, LineInput, parse_amount


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
    numbers: LevelNumbers = (None, None, None)
    at_most: bool = False
    step: float | None = None

    def amounts(self) -> dict[str, Any]:
        """The level numbers and the step as the store's keyword arguments."""
        low, full, stretch = self.numbers
        return {"min_amount": low, "full_amount": full, "stretch_amount": stretch,
                "at_most": self.at_most, "step": self.step}


LevelNumbers = tuple[float | None, float | None, float | None]
AT_MOST_PREFIXES = ("at most", "<=", "≤")


def parse_numbers(text: str) -> tuple[LevelNumbers, bool]:
    """``1, 10, 30`` (minimum, full, stretch; blanks allowed: ``1,,30``), or for a habit
    that reduces something ``at most 10, 5, 0`` (also ``≤`` or ``<=``); ValueError
    with a message otherwise."""
    cleaned = text.strip().lower()
    at_most = cleaned.startswith(AT_MOST_PREFIXES)
    for prefix in AT_MOST_PREFIXES:
        cleaned = cleaned.removeprefix(prefix).strip()
    if not cleaned:
        return (None, None, None), at_most
    parts = [p.strip() for p in cleaned.replace("/", ",").split(",")]
    if len(parts) > 3:
        raise ValueError("give at most three numbers: minimum, full, stretch")
    values: list[float | None] = []
    for part in parts:
        values.append(parse_amount(part))
    values += [None] * (3 - len(values))
    return (values[0], values[1], values[2]), at_most


def parse_step(text: str, unit: str = "") -> float | None:
    """The step field: empty (one), or a number above 0 (``250``, ``250 ml``)."""
    step = parse_amount(text, unit)
    if step is not None and not step > 0:
        raise ValueError("a step is a number above 0, e.g. 1 or 250")
    return step


def numbers_text(habit: Habit) -> str:
    """A habit's level numbers as the form shows them (``at most 10, 5, 0``)."""
    values = [habit.amount_of(level) for level in ("minimum", "full", "stretch")]
    if all(v is None for v in values):
        return ""
    while values[-1] is None:
        values.pop()
    text = ", ".join("" if v is None else f"{v:g}" for v in values)
    return f"at most {text}" if habit.at_most else text


FIELDS = (
    ("name", "Name", "e.g. Guitar"),
    ("minimum", "Minimum version (required): the smallest step that still counts",
     "e.g. change between G and C ten times"),
    ("full", "Full version (optional)", "e.g. 20 minutes of practice"),
    ("stretch", "Stretch version (optional)", "e.g. learn a new song section"),
    ("direction", "Direction: the value or aim it serves", "e.g. craft: guitar"),
    ("unit", "Unit of evidence (optional)", "e.g. pages, minutes"),
    ("numbers", "Numbers (optional): an amount then marks the level it reaches",
     "minimum, full, stretch: e.g. 1, 10, 30 (or at most 10, 5, 0)"),
    ("step", "Step (optional): what + and - add to or take from a day's amount", "1"),
    ("schedule", "Schedule: daily, weekdays like mon,wed,fri, 3/week, or 2 in 10 days "
     "(3d: every 3 days)", "daily"),
)


def parse_schedule(text: str) -> Schedule:
    """``daily``, ``mon,wed,fri``, ``3/week`` (also ``3x``), ``2 in 10 days``, ``3d`` or
    ``every other day``; ValueError otherwise."""
    cleaned = text.strip().lower()
    for suffix in ("/week", "x a week", "x", "/w", " per week", "×"):
        if cleaned.endswith(suffix) and cleaned[: -len(suffix)].strip().isdigit():
            return Schedule.times_per_week(int(cleaned[: -len(suffix)]))
    if any(ch.isdigit() for ch in cleaned) or cleaned.startswith("every "):
        return Schedule.parse_every(cleaned)
    return Schedule.parse_days(cleaned)


def schedule_text(schedule: Schedule) -> str:
    if schedule.kind == "per_week":
        return f"{schedule.per_week}/week"
    if schedule.kind == "weekdays":
        return schedule.describe().replace(" ", "")
    if schedule.kind == "in_days":
        return f"{schedule.times} in {schedule.every} days"
    return "daily"


Save = Callable[[HabitFields], object]
"""What saving the form does (add or edit); a StoreError refuses it."""


def field_of(error: StoreError) -> str | None:
    """The form field a refusal is about, so its message can stand beside it."""
    words = str(error).lower()
    if isinstance(error, DuplicateHabit) or "name" in words.split(";")[0]:
        return "name"
    if "minimum version" in words:
        return "minimum"
    if words.startswith("a step"):
        return "step"
    if "number" in words or "level" in words:
        return "numbers"
    if "schedule" in words or "weekday" in words:
        return "schedule"
    return None


class HabitFormScreen(Dialog[HabitFields | None]):
    """The habit form; ``enter`` in any field saves, ``escape`` cancels. With ``save``,
    the form stays open on a refusal (a name taken, numbers out of order), keeping what
    was typed, the problem written beside its field."""

    DEFAULT_CSS = """
    HabitFormScreen .field-error {
        color: $error;
        display: none;
    }
    HabitFormScreen .field-error.shown {
        display: block;
    }
    HabitFormScreen #form-keys {
        margin: 0 0 1 0;  /* at the top: how to save shows on the smallest terminal */
    }
    """

    AUTO_FOCUS = "#field-name"
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, habit: Habit | None = None, save: Save | None = None) -> None:
        super().__init__()
        self.habit = habit
        self.save = save

    def compose(self) -> ComposeResult:
        title = "New habit" if self.habit is None else "Edit habit"
        values = {} if self.habit is None else {
            "name": self.habit.name, "minimum": self.habit.minimum, "full": self.habit.full,
            "stretch": self.habit.stretch, "direction": self.habit.direction,
            "unit": self.habit.unit, "schedule": schedule_text(self.habit.schedule),
            "numbers": numbers_text(self.habit),
            "step": "" if self.habit.step is None else f"{self.habit.step:g}"}
        with VerticalScroll(classes="dialog"):
            yield Static(title, classes="title")
            yield Static("tab: next field    enter or ctrl+s: save    escape: cancel",
                         classes="hint", id="form-keys")
            for key, label, placeholder in FIELDS:
                yield Label(label)
                yield LineInput(values.get(key, "daily" if key == "schedule" else ""),
                            placeholder=placeholder, id=f"field-{key}", compact=True,
                            max_length=200 if key == "name" else 1000)
                yield Static("", classes="field-error", id=f"error-{key}")
            if self.habit is not None:
                yield Static("A new minimum adds a rung to the habit's level ladder.",
                             classes="hint")
            yield Static("", classes="error", id="form-error")

    def on_mount(self) -> None:
        # the first field has the focus; on a small terminal keep the title in view too
        self.call_after_refresh(self.query_one(VerticalScroll).scroll_home, animate=False)

    def _value(self, key: str) -> str:
        return self.query_one(f"#field-{key}", Input).value.strip()

    def _fail(self, key: str | None, message: str) -> None:
        """Say what is wrong beside its field (or below the form), and go to it."""
        for error in self.query(".field-error").results(Static):
            error.update("")
            error.remove_class("shown")
        self.query_one("#form-error", Static).update("")
        if key is None:
            self.query_one("#form-error", Static).update(Text(message))
            return
        error = self.query_one(f"#error-{key}", Static)
        error.update(Text(message))
        error.add_class("shown")
        field = self.query_one(f"#field-{key}", Input)
        field.focus()
        self.call_after_refresh(error.scroll_visible, animate=False)

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
        try:
            numbers, at_most = parse_numbers(self._value("numbers"))
        except ValueError as error:
            self._fail("numbers", f"Numbers: {error}.")
            return
        try:
            step = parse_step(self._value("step"), self._value("unit"))
        except ValueError as error:
            self._fail("step", f"Step: {error}.")
            return
        fields = HabitFields(
            name=self._value("name"), minimum=self._value("minimum"),
            full=self._value("full"), stretch=self._value("stretch"),
            direction=self._value("direction"), unit=self._value("unit"),
            schedule=schedule, numbers=numbers, at_most=at_most, step=step)
        if self.save is not None:
            try:
                self.save(fields)
            except DamagedFile:
                raise
            except StoreError as error:  # the form stays, as typed, with the reason
                message = str(error)
                self._fail(field_of(error), message[:1].upper() + message[1:])
                return
        self.answer(fields)

    def action_cancel(self) -> None:
        self.answer(None)
