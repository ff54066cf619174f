"""A Rich progress bar for long imports, shown only on a terminal and for large files."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

LARGE = 5_000
"""Below this many records an import is instant and gets no bar."""


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """Yield ``advance(done, total)``; draws a bar on stderr once ``total`` is large."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  transient=True, redirect_stdout=False) as bar:
        task = None

        def advance(done: int, total: int) -> None:
            nonlocal task
            if total < LARGE:
                return
            if task is None:
                task = bar.add_task(label, total=total)
            bar.update(task, completed=done)

        yield advance
