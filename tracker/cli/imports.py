"""``tracker import [KIND] PATH``: bring in history from tracker's JSON export or another
tracker's files; without KIND the format is recognised from what the path holds."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.common import db_option, open_store, say
from tracker.io.detect import FORMATS  # names and help only: the readers load when used


def import_kind(ctx: click.Context, kind: str | None, path: Path) -> None:
    """Read ``path`` as ``kind`` (or as what it is recognised as, said first) and import
    it with a progress bar, then print the summary."""
    from tracker.cli.progress import progress_bar
    from tracker.io.importing import read_path, summary_lines, write_document
    from tracker.io.source import shown

    if kind is None:
        from tracker.io.detect import detect

        kind = detect(path)
        say(f"Reading {shown(path)} as {FORMATS[kind].label} (tracker import {kind} PATH "
            "reads it as that format).")
    kind, document, report = read_path(path, kind)
    store = open_store(ctx)
    with progress_bar(f"Importing {shown(path.name)}") as advance:
        report = write_document(store, path, document, report, progress=advance)
    for line in summary_lines(report, shown(path)):
        say(line)


def _positional(args: list[str]) -> list[str]:
    """The arguments that are not options nor an option's value (``--db FILE``)."""
    words, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            words.append(arg)
    return words


class ImportGroup(click.Group):
    """``tracker import PATH`` as well as ``tracker import KIND PATH``: an argument that
    is not a kind is the path, whose format is recognised."""

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        words = _positional(args)
        if words and (words[0] not in self.commands or (  # a file named like a kind
                len(words) == 1 and args[0] == words[0] and Path(words[0]).exists())):
            return "auto", auto_import, args
        return super().resolve_command(ctx, args)


@click.group("import", cls=ImportGroup)
def import_group() -> None:
    """Bring in history: tracker import PATH recognises the format (a file, zip or
    folder of Loop Habit Tracker, harsh, dijo, HabitKit, HabitBull, Habitica, Daylio,
    Rewire, Tickmate or tracker's JSON); tracker import KIND PATH reads it as KIND."""


@click.command("auto")
@click.argument("path", type=click.Path(path_type=Path))
@db_option
@click.pass_context
def auto_import(ctx: click.Context, path: Path) -> None:
    """Import PATH in the format it is recognised as (and say which)."""
    import_kind(ctx, None, path)


def _kind_command(kind: str) -> None:
    @import_group.command(kind, help=FORMATS[kind].help)
    @click.argument("path", type=click.Path(path_type=Path))
    @db_option
    @click.pass_context
    def command(ctx: click.Context, path: Path) -> None:
        import_kind(ctx, kind, path)


for _kind in FORMATS:
    _kind_command(_kind)
