"""The man page, ``tracker(1)``, written from the click commands themselves so that it
cannot drift from them (a test compares it with ``man/tracker.1``, which the wheel
installs as ``share/man/man1/tracker.1``).

Regenerate: ``python -m tracker.cli.manpage > man/tracker.1``
"""

from __future__ import annotations

import click

from tracker import __version__

ABOUT = """\
tracker is a full-screen, keyboard-driven terminal app for tracking small wins.
Each habit has a low-energy minimum version; the day starts with a ten-second
morning check-in; a weekly evidence review shows what you actually did.
Everything lives in one local SQLite file. With no command, tracker opens the app;
every action is also a command below."""

SHARED = ("db", "color")
"""Options every command takes: described once, under OPTIONS."""
ENVIRONMENT = [
    ("TRACKER_DB", "The database file (as --db); default: tracker.db in the user data "
                   "folder (~/.local/share/tracker/ on Linux)."),
    ("TRACKER_CONFIG", "The config file; default: config.toml in the user config folder "
                       "(~/.config/tracker/ on Linux)."),
    ("NO_COLOR", "When set, no colour (as --color never); --color always overrides it."),
    ("TRACKER_SYNC_PASSPHRASE", "The passphrase of an encrypted sync folder."),
]


def roff(text: str) -> str:
    """Text as roff reads it literally: backslashes and hyphens escaped, no line starting
    with a control character."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line
                     for line in text.splitlines())


def _commands(ctx: click.Context, command: click.Command,
              path: str) -> list[tuple[str, click.Command]]:
    """Every command under ``command``, depth first, with its full name."""
    found: list[tuple[str, click.Command]] = []
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            found.append((f"{path} {name}", sub))
            found += _commands(ctx, sub, f"{path} {name}")
    return found


def _paragraphs(text: str) -> list[str]:
    """A command's help as roff: paragraphs filled, click's ``\\b`` blocks kept as lines."""
    import inspect

    lines: list[str] = []
    for block in inspect.cleandoc(click.unstyle(text)).split("\n\n"):
        if block.startswith("\b\n"):
            lines += [".PP", ".nf", roff(block[2:]), ".fi"]
        else:
            lines += [".PP", roff(" ".join(block.split()))]
    return lines


def _options(ctx: click.Context, command: click.Command, shared: bool = True) -> list[str]:
    lines = []
    for param in command.get_params(ctx):
        if isinstance(param, click.Argument):
            continue  # in the usage line
        record = param.get_help_record(ctx)
        if record is None or "--help" in record[0] or (not shared and param.name in SHARED):
            continue
        names, help_text = record
        lines += [".TP", f"\\fB{roff(names)}\\fR", roff(" ".join(help_text.split()) or " ")]
    return lines


def man_page(root: click.Command) -> str:
    """``tracker(1)`` in roff, from the command tree under ``root``."""
    ctx = click.Context(root, info_name="tracker")
    lines = [
        f'.TH TRACKER 1 "" "tracker {__version__}" "User Commands"',
        ".SH NAME", "tracker \\- track small wins: minimum versions, a morning check-in, "
        "a weekly evidence review",
        ".SH SYNOPSIS", "\\fBtracker\\fR [\\fIOPTIONS\\fR] [\\fICOMMAND\\fR] [\\fIARGS\\fR]...",
        ".SH DESCRIPTION", roff(ABOUT),
        ".SH OPTIONS", *_options(ctx, root),
        ".SH COMMANDS", ".PP", "Every command also takes \\fB\\-\\-db\\fR and "
        "\\fB\\-\\-color\\fR, as above.",
    ]
    for name, command in _commands(ctx, root, "tracker"):
        sub = click.Context(command, info_name=name, parent=ctx)
        usage = " ".join(command.collect_usage_pieces(sub))
        lines += [".SS " + roff(name), f"\\fB{roff(name)}\\fR {roff(usage)}",
                  *_paragraphs(command.help or command.short_help or "")]
        lines += _options(sub, command, shared=False)
    lines += [".SH ENVIRONMENT"]
    for variable, meaning in ENVIRONMENT:
        lines += [".TP", f"\\fB{variable}\\fR", roff(meaning)]
    lines += [".SH FILES", ".TP", "\\fI~/.local/share/tracker/tracker.db\\fR",
              "The database (mode 0600); backups go to \\fIbackups/\\fR beside it.",
              ".TP", "\\fI~/.config/tracker/config.toml\\fR",
              "Settings: day_start_hour, week_start, checkin_on_start, theme, [keys].",
              ".SH SEE ALSO", "The README and docs/ of the tracker project."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from tracker.cli.commands import cli

    print(man_page(cli), end="")
