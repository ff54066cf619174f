"""Opening the app: one function for every way it is launched (plain ``tracker``, which
skips loading the command line, ``tracker --date D`` and ``tracker demo``)."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from tracker.cli.errors import EXPECTED_ERRORS, explain
from tracker.files.config import Config, database_path, load_config

if TYPE_CHECKING:
    from tracker.store import Store

NEEDS_TERMINAL = ("the app needs a terminal; in scripts and pipes use the commands instead, "
                  "e.g. 'tracker week' or 'tracker done NAME' ('tracker --help' lists them)")


def has_terminal() -> bool:
    """Whether keys can come in and the screen can go out (not a pipe, file or cron)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_app(store: Store, config: Config, day: date | None = None, demo: bool = False) -> int:
    """Run the app on ``store`` until it quits; the exit status (today follows the clock).

    A database found damaged while the app runs stops it with one line on stderr.
    """
    from tracker.ui.app import make_app

    if config.keys:
        from tracker.ui.keymap import check_keymap

        check_keymap(config.keys)
    app = make_app(store, day=day, config=config, demo=demo, remember_theme=True)
    app.run()
    if app.fatal_error:
        print(f"Error: {app.fatal_error}", file=sys.stderr)
        return 1
    return 0


def open_app() -> int:
    """Plain ``tracker``: the app on $TRACKER_DB or the default database; the exit status."""
    if not has_terminal():
        print(f"Error: {NEEDS_TERMINAL}", file=sys.stderr)
        return 1
    from tracker.store import Store

    try:
        config = load_config()
        store = Store(database_path())
    except EXPECTED_ERRORS as error:
        print(f"Error: {explain(error, database_path())}", file=sys.stderr)
        return 1
    try:
        return run_app(store, config)
    except EXPECTED_ERRORS as error:
        print(f"Error: {explain(error, database_path())}", file=sys.stderr)
        return 1
    finally:
        store.close()
