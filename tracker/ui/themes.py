"""The app's theme: the one last picked with ctrl+p (remembered in the user state
folder, see tracker/files/remembered.py), else config.toml's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.domain.text import printable

if TYPE_CHECKING:
    from textual.app import App
    from textual.theme import Theme


def apply_theme(app: App[Any], configured: str, *, remember: bool) -> None:
    """The theme last picked with ctrl+p (when remembered), else ``configured``
    (config.toml's); with ``remember``, a theme picked from now on is kept for the next
    start."""
    picked = None
    if remember:
        from tracker.files.remembered import remembered_theme

        picked = remembered_theme(configured)
    theme = picked if picked in app.available_themes else configured
    if theme:
        if theme in app.available_themes:
            app.theme = theme
        else:
            app.notify(f"Unknown theme {printable(theme)!r} in config.toml; "
                       "ctrl+p → Theme lists them.", severity="warning", markup=False)
    if remember:
        def picked_now(chosen: Theme) -> None:
            from tracker.files.remembered import remember_theme

            try:
                remember_theme(chosen.name, configured)
            except OSError as error:
                app.notify(f"The theme cannot be kept for the next start: {error.strerror}",
                           severity="warning", markup=False)

        app.call_after_refresh(app.theme_changed_signal.subscribe, app, picked_now)
