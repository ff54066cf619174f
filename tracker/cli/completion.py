"""Shell completion for bash, zsh and fish: click's own, with the habits' names for every
command that takes one (``done``, ``rest``, ``habit show`` …), read through a glance at
the database (nothing is created, nothing written), and ``tracker completion SHELL``."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any, TypeVar

import click
from click.shell_completion import (
    BashComplete,
    CompletionItem,
    FishComplete,
    add_completion_class,
    split_arg_string,
)

from tracker.cli.common import color_option, db_path

F = TypeVar("F", bound=Callable[..., Any])
SHELLS = ("bash", "zsh", "fish")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BASH_SPECIAL = re.compile(r"([\s!\"#$&'()*;<>?\[\\\]^`{|}~])")
"""What bash reads as more than a letter in a word (other letters, any script, stay)."""


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


BASH_SCRIPT = """\
%(complete_func)s() {
    local IFS=$'\\n'
    local response

    response=$(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD TRACKER_COMP=2 \\
        TRACKER_COMP_LINE="${COMP_LINE:0:$COMP_POINT}" %(complete_var)s=bash_complete $1)

    for completion in $response; do
        IFS=',' read -r type value <<< "$completion"

        if [[ $type == 'dir' ]]; then
            COMPREPLY=()
            compopt -o dirnames
        elif [[ $type == 'file' ]]; then
            COMPREPLY=()
            compopt -o default
        elif [[ $type == 'plain' ]]; then
            COMPREPLY+=("$value")
        fi
    done

    return 0
}

%(complete_func)s_setup() {
    complete -o nosort -F %(complete_func)s %(prog_name)s
}

%(complete_func)s_setup;
"""
"""Click's bash script, which also passes the line up to the cursor (bash splits its words
at ``:`` and ``=`` too, and keeps an open quote in the word) and takes each answer as it
is (``read -r``, quoted: no second round of backslashes, no globbing)."""


def current_word(line: str) -> tuple[str, str]:
    """The shell word being typed at the end of ``line``, as typed (its quotes and
    backslashes kept), and the quote it is open in (``'``, ``"`` or nothing)."""
    start, quote, i = 0, "", 0
    while i < len(line):
        c = line[i]
        if quote == "'":
            quote = "" if c == "'" else quote
        elif c == "\\":
            i += 1  # the next character is taken as it is
        elif quote == '"':
            quote = "" if c == '"' else quote
        elif c in "'\"":
            quote = c
        elif c in " \t\n":
            start = i + 1
        i += 1
    return line[start:], quote


class TrackerBashComplete(BashComplete):
    """Click's bash completion, with names that hold spaces or quotes inserted escaped
    (``Morning\\ walk``), as bash does for file names; inside a quote the user opened,
    as that quote wants them; after a ``:`` or ``=`` (where bash begins a word of its
    own), only the rest. Click's own script (one installed before ``TRACKER_COMP=2``)
    reads each line with ``read``, which takes one level of backslashes: doubled."""

    source_template = BASH_SCRIPT
    typed = ""
    quote = ""

    def get_completion_args(self) -> tuple[list[str], str]:
        line = os.environ.get("TRACKER_COMP_LINE")
        if not line:  # click's own script, or no line (COMP_WORDS set by hand)
            return super().get_completion_args()
        self.typed, self.quote = current_word(line)
        words = split_arg_string(line)
        if not self.typed:
            return words[1:], ""
        return words[1:-1], words[-1] if len(words) > 1 else ""

    def format_completion(self, item: CompletionItem[Any]) -> str:
        if item.type != "plain":
            return super().format_completion(item)
        value = str(item.value)
        if os.environ.get("TRACKER_COMP") != "2":  # click's own script
            escaped = _BASH_SPECIAL.sub(r"\\\1", value)
            return f"plain,{escaped.replace(chr(92), chr(92) * 2)}"
        if self.quote == "'":
            return "plain," + value.replace("'", "'\\''")
        if self.quote == '"':
            escaped = re.sub(r'([\\"$`])', r"\\\1", value)
            # readline closes the quote, unless the answer ends with one (escaped here)
            return "plain," + escaped + ('"' if escaped.endswith('\\"') else "")
        escaped = _BASH_SPECIAL.sub(r"\\\1", value)
        cut = max(self.typed.rfind(":"), self.typed.rfind("="))
        if cut >= 0 and escaped.startswith(self.typed[:cut + 1]):
            escaped = escaped[cut + 1:]  # readline's word begins after the last : or =
        return f"plain,{escaped}"


class TrackerFishComplete(FishComplete):
    """Click's fish completion, with a name's commas kept (only the first comma ends the
    answer's kind)."""

    source_template = FishComplete.source_template.replace(
        'string split "," $completion', 'string split -m 1 "," $completion')


add_completion_class(TrackerFishComplete, "fish")
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
