"""``tracker`` with no arguments: the app on today, without loading the command line."""

from __future__ import annotations

import sys

from tracker.cli.errors import EXPECTED_ERRORS, explain
from tracker.config import database_path, load_config


def open_app() -> int:
    """Open the app on $TRACKER_DB or the default database; the exit status."""
    from tracker.app import make_app
    from tracker.store import Store

    try:
        config = load_config()
        store = Store(database_path())
        make_app(store, config=config).run()  # today follows the clock
    except EXPECTED_ERRORS as error:
        print(f"Error: {explain(error)}", file=sys.stderr)
        return 1
    store.close()
    return 0
