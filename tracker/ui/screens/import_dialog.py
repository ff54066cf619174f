"""Bring your history from another app: a path typed in, its format recognised, read in a
worker, written all-or-nothing; the dialog closes with the import's summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tracker.store import StoreError
from tracker.ui.screens.dialogs import MAX_INPUT, Dialog, LineInput

if TYPE_CHECKING:
    from tracker.io.json_format import ImportReport
    from tracker.ui.session import Session

HINT = ("Loop Habit Tracker (.db backup, CSV .zip or its folder), HabitKit, HabitBull, "
        "Habitica, Daylio, Rewire, Tickmate, harsh, dijo or tracker's JSON export: the "
        "format is recognised. Nothing is written unless all of it reads.\n"
        "enter: import    escape: cancel")


class ImportScreen(Dialog[list[str] | None]):
    """Ask for the file or folder to import; close with the summary's lines (None when
    cancelled). The file is read in a worker thread; the write, one transaction, on the
    app's thread, where the store's connection lives, through the changes room (so u
    undoes the import)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.busy = False
        self.said = ""
        """What the dialog says under the path (reading, or why the file did not come in)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Bring your history from another app"), classes="title")
            yield LineInput(placeholder="e.g. ~/Downloads/Loop Habits Backup 2026-03-02.db",
                            max_length=MAX_INPUT, id="import-path")
            yield Static("", classes="error", id="import-error")
            yield Static(HINT, classes="hint")

    def say(self, text: str) -> None:
        self.said = text
        self.query_one("#import-error", Static).update(Text(text))

    @on(Input.Submitted)
    def start(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if self.busy:
            return
        if not typed:
            self.say("Type the path of the file or folder first (escape cancels).")
            return
        self.busy = True
        self.say("Reading…")
        self.read(Path(typed).expanduser())

    @work(thread=True, exclusive=True)
    def read(self, path: Path) -> None:
        """Read the other app's file away from the screen (nothing is written here)."""
        from tracker.io.importing import read_path

        try:
            kind, document, report = read_path(path)
        except StoreError as error:
            self.app.call_from_thread(self.failed, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.write, path, kind, document, report)

    def failed(self, message: str) -> None:
        self.busy = False
        self.say(message)

    def write(self, path: Path, kind: str, document: dict[str, Any],
              report: ImportReport) -> None:
        from tracker.io.detect import FORMATS
        from tracker.io.importing import summary_lines
        from tracker.io.source import shown

        try:
            written = self.session.changes.imports.write(path, document, report)
        except StoreError as error:
            self.failed(str(error))
            return
        lines = summary_lines(written, shown(path.name))
        if written.added_anything:
            lines.append("u undoes the import.")
        self.answer([f"Read {shown(path.name)} as {FORMATS[kind].label}.", *lines])

    def action_cancel(self) -> None:
        self.answer(None)
