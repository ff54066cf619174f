"""What the app remembers between runs that is not data, in the user state folder: the
theme last picked in the command palette, in ``theme`` (two lines: the theme, and the
config's theme when it was picked, so that editing config.toml's theme still wins),
and the directions folded on Today, in ``folded`` (a JSON list of their keys)."""

from __future__ import annotations

from pathlib import Path

from tracker.files.bounded import read_regular
from tracker.files.private_file import write_private

MAX_BYTES = 1024
MAX_FOLDED_BYTES = 64 * 1024
"""A list of folded directions is a few names; a larger file is not one tracker wrote."""


def theme_path() -> Path:
    """``theme`` in the user state folder (``~/.local/state/tracker`` on Linux)."""
    from platformdirs import user_state_path

    return user_state_path("tracker") / "theme"


def remembered_theme(config_theme: str, path: Path | None = None) -> str | None:
    """The theme last picked in the app, unless config.toml's theme (``config_theme``)
    changed since; anything odd about the file is ignored (it is only a choice)."""
    path = path or theme_path()
    try:
        data = read_regular(path, MAX_BYTES, follow=False)
    except OSError:  # none yet, or not one tracker wrote: nothing remembered
        return None
    lines = data.decode("utf-8", "replace").split("\n")
    if len(lines) < 2 or not lines[0] or lines[1] != config_theme:
        return None
    return lines[0]


def remember_theme(theme: str, config_theme: str, path: Path | None = None) -> None:
    """Keep ``theme`` (picked in the app) for the next start, with the config's theme
    it was picked over."""
    path = path or theme_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(path, f"{theme}\n{config_theme}\n".encode())


def folded_path() -> Path:
    """``folded`` in the user state folder."""
    from platformdirs import user_state_path

    return user_state_path("tracker") / "folded"


def remembered_folds(path: Path | None = None) -> set[str]:
    """The directions folded when the app last ran (their keys); nothing for a file
    that is missing, a link, too large or not a list of names (it is only a choice)."""
    import json

    try:
        found = json.loads(read_regular(path or folded_path(), MAX_FOLDED_BYTES, follow=False))
    except (OSError, ValueError, RecursionError):
        return set()
    if not isinstance(found, list):
        return set()
    return {key for key in found if isinstance(key, str)}


def remember_folds(folded: set[str], path: Path | None = None) -> None:
    """Keep the directions folded now for the next start."""
    import json

    path = path or folded_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(path, json.dumps(sorted(folded), ensure_ascii=False).encode("utf-8"))
