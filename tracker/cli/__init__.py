"""The command line: ``tracker`` opens the app; subcommands make every action scriptable."""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point.

    Plain ``tracker``, the way the app is opened every morning, goes straight to the
    app: the command line's parser (click and its commands, ~10 ms) is loaded only
    when there are arguments to parse.
    """
    if len(sys.argv) == 1:
        from tracker.cli.launch import open_app

        sys.exit(open_app())
    from tracker.cli.commands import run_command_line

    sys.exit(run_command_line(sys.argv[1:]))
