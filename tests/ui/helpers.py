"""Reading what a running app shows, as plain text."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import App


def screen_text(app: App[Any]) -> str:
    """The whole screen as text, the way a person would read it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


def notices(app: App[Any]) -> str:
    """The messages of the notifications currently shown (toasts), joined."""
    return " ".join(n.message for n in app._notifications)
