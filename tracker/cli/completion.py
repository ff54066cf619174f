"""Shell completion for bash, zsh and fish: click's own, with the habits' names for every
command that takes one (``done``, ``rest``, ``habit show`` …), read through a glance at
the database (nothing is created, nothing written), and ``tracker completion SHELL``."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import click
from click.shell_completion import BashComplete, CompletionItem, add_completion_class

from tracker.cli.common import color_option, db_path

F = TypeVar("F", bound=Callable[..., Any])
SHELLS = ("bash", "zsh", "fish")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BASH_SPECIAL = re.compile(r"([^\w./:@%+=,-])")


def complete_habit(ctx: click.Context, _param: click.Parameter,
                   incomplete: str) -> list[CompletionItem]:
    """The habits whose name starts with what is typed (any case). Archived habits are
    offered where they make sense (``habit archive --restore``, ``show``, ``delete``).
    A name holding control characters is not offered: it would reach the shell raw."""
    from tracker.store.glance import NotAGlance, habit_names

    archived = ctx.command.name in ("archive", "show", "delete", "undo", "clear")
    try:
        names = habit_names(db_path(ctx), include_archived=archived)
    except (NotAGlance, OSError):
        return []
    typed = incomplete.casefold()
    return [CompletionItem(name) for name in names
            if name.casefold().startswith(typed) and not _CONTROL.search(name)]


def habit_argument(func: F) -> F:
    """The ``NAME`` argument of a command about one habit, completed from the database."""
    return click.argument("name", shell_complete=complete_habit)(func)


class TrackerBashComplete(BashComplete):
    """Click's bash completion, with names that hold spaces or quotes inserted escaped
    (``Morning\\ walk``), as bash does for file names. Click's script reads each line
    with ``read`` (which takes one level of backslashes), hence the doubling."""

    def format_completion(self, item: CompletionItem[Any]) -> str:
        if item.type != "plain":
            return super().format_completion(item)
        escaped = _BASH_SPECIAL.sub(r"\\\1", str(item.value))
        return f"plain,{escaped.replace(chr(92), chr(92) * 2)}"


add_completion_class(TrackerBashComplete, "bash")


def completion_script(root: click.Command, shell: str) -> str:
    """The script that makes ``shell`` complete tracker (what ``eval`` or a file takes)."""
    from click.shell_completion import get_completion_class

    complete = get_completion_class(shell)
    assert complete is not None
    return complete(root, {}, "tracker", "_TRACKER_COMPLETE").source()


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
@color_option
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the shell completion script for SHELL (bash, zsh or fish).

    \b
    bash: tracker completion bash > ~/.local/share/bash-completion/completions/tracker
    zsh:  tracker completion zsh > ~/.zfunc/_tracker  (with fpath+=~/.zfunc in .zshrc)
    fish: tracker completion fish > ~/.config/fish/completions/tracker.fish
    """
    click.echo(completion_script(ctx.find_root().command, shell), nl=False)
