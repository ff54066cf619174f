"""The morning check-in: energy with 1/2/3, an optional intention, enter to confirm."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Input, Label, Static

from tracker.domain.models import ENERGIES, CheckIn, Energy
from tracker.ui.screens.dialogs import Dialog, LineInput

CHOICES = {"low": "1  low\nminimum versions", "ok": "2  ok\nfull versions",
           "high": "3  high\nstretch on offer"}


def local_hour() -> int:
    """The hour of the local clock, for the greeting."""
    from datetime import datetime

    return datetime.now().astimezone().hour


def greeting(hour: int) -> str:
    """``Good morning`` from 5 to 11, ``Good afternoon`` to 17, else ``Good evening``:
    a check-in may come at any time of the day."""
    if 5 <= hour < 12:
        return "Good morning"
    return "Good afternoon" if 12 <= hour < 18 else "Good evening"


@dataclass(frozen=True)
class CheckInAnswer:
    energy: Energy
    intention: str
    note: str


class EnergyPicker(Horizontal, can_focus=True):
    """The three energy choices; holds the focus so 1/2/3 never land in the intention."""


class CheckInScreen(Dialog[CheckInAnswer | None]):
    """Ten seconds: pick the energy, optionally type an intention, confirm."""

    DEFAULT_CSS = """
    CheckInScreen #energy-choices {
        height: 4;
        margin-bottom: 1;
    }
    CheckInScreen .energy {
        width: 1fr;
        height: 4;
        content-align: center middle;
        border: round $primary-muted;
        margin: 0 1 0 0;
    }
    CheckInScreen #checkin-keys {
        margin: 0 0 1 0;
    }
    CheckInScreen .energy.chosen {
        border: heavy $accent;
        background: $accent-muted;
        text-style: bold;
    }
    """

    AUTO_FOCUS = "#energy-choices"
    BINDINGS = [
        Binding("1", "choose('low')", "Low", id="checkin.low"),
        Binding("2", "choose('ok')", "Ok", id="checkin.ok"),
        Binding("3", "choose('high')", "High", id="checkin.high"),
        Binding("i", "intention", "Intention", id="checkin.intention"),
        Binding("enter", "confirm", "Confirm", id="checkin.confirm"),
        Binding("escape", "cancel", "Not today", id="checkin.cancel"),
    ]

    energy: reactive[Energy | None] = reactive(None)

    def __init__(self, day: date, current: CheckIn | None) -> None:
        super().__init__()
        self.day = day
        self.current = current

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="checkin"):
            yield Static(f"{greeting(local_hour())}. How is your energy? "
                         f"({self.day:%A %d %B})",
                         classes="title")
            yield Static("1 2 3: energy    tab: intention, context    enter: confirm    "
                         "escape: not today", classes="hint", id="checkin-keys")
            with EnergyPicker(id="energy-choices"):
                for energy in ENERGIES:
                    yield Static(CHOICES[energy], classes="energy", id=f"energy-{energy}")
            yield Label("One intention for today (optional, tab to type)")
            yield LineInput(self.current.intention if self.current else "",
                        placeholder="e.g. one thing at a time", id="intention",
                        max_length=500)
            yield Label("Context (optional): what helps or gets in the way today")
            yield LineInput(self.current.note if self.current else "",
                        placeholder="e.g. slept badly; sunny day", id="context",
                        max_length=2000)
            yield Static("", classes="error", id="checkin-error")

    def on_mount(self) -> None:
        if self.current is not None:
            self.energy = self.current.energy
        # on a small terminal the title and the keys stay in view above the choices
        self.call_after_refresh(self.query_one(VerticalScroll).scroll_home, animate=False)

    def watch_energy(self, energy: Energy | None) -> None:
        for choice in ENERGIES:
            card = self.query_one(f"#energy-{choice}", Static)
            card.set_class(choice == energy, "chosen")
            # the choice shows by its shape too (a mark, a heavier border), not only colour
            card.update(("✔ " if choice == energy else "") + CHOICES[choice])

    def action_choose(self, energy: Energy) -> None:
        self.energy = energy
        self.query_one("#checkin-error", Static).update("")

    def action_intention(self) -> None:
        self.query_one("#intention", Input).focus()

    @on(Input.Submitted)
    def action_confirm(self) -> None:
        if self.energy is None:
            self.query_one("#checkin-error", Static).update(
                Text("Pick an energy first: 1 low, 2 ok, 3 high."))
            self.query_one(EnergyPicker).focus()
            return
        self.answer(CheckInAnswer(self.energy, self.query_one("#intention", Input).value,
                                   self.query_one("#context", Input).value))

    def action_cancel(self) -> None:
        self.answer(None)
