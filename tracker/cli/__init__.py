"""The command line: ``tracker`` opens the app; subcommands make every action scriptable."""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point.

    Plain ``tracker``, the way the app is opened every morning, goes straight to the
    app: the command line's parser (click and its commands, ~10 ms) is loaded only
    when there are arguments to parse, or when the shell asks for completions
    (``_TRACKER_COMPLETE``). ``tracker status``, run by status bars every few seconds,
    is answered without loading it at all.
    """
    import os

    completing = "_TRACKER_COMPLETE" in os.environ
    if len(sys.argv) == 1 and not completing:
        from tracker.cli.launch import open_app

        sys.exit(open_app())
    if "status" in sys.argv[1:4] and not completing:
        from tracker.cli.quick_status import fast_status

        answered = fast_status(sys.argv[1:])
        if answered is not None:
            sys.exit(answered)
    from tracker.cli.commands import run_command_line

    sys.exit(run_command_line(sys.argv[1:]))
