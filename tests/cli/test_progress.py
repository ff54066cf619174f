"""The import progress bar: drawn on a terminal for large imports, silent otherwise."""

from __future__ import annotations

import io
import sys

import pytest

from tracker.cli import progress


def test_no_bar_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.StringIO()
    monkeypatch.setattr(sys, "stderr", fake)
    with progress.progress_bar("Importing") as advance:
        advance(10_000, 20_000)
    assert fake.getvalue() == ""


def test_a_bar_on_a_terminal_for_large_files(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = Terminal()
    monkeypatch.setattr(sys, "stderr", fake)
    from rich import progress as rich_progress

    seen: list[tuple[int, int]] = []
    original = rich_progress.Progress.update

    def update(self, task_id, **kwargs):
        seen.append((kwargs.get("completed"), self.tasks[0].total))
        return original(self, task_id, **kwargs)

    monkeypatch.setattr(rich_progress.Progress, "update", update)
    with progress.progress_bar("Importing") as advance:
        advance(100, 200)  # small: no bar
        advance(10_000, 20_000)
        advance(20_000, 20_000)
    assert seen == [(10_000, 20_000), (20_000, 20_000)]
