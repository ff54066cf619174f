"""``tracker week | export | import | backup``: the review and the data going in and out."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.cli.common import DAY, config, console, db_option, open_store, say, today_for
from tracker.domain.text import json_text, printable
from tracker.files.private_file import write_private
from tracker.store.errors import backups_folder

if TYPE_CHECKING:
    from tracker.store import Store

# The formats are imported inside the commands: opening the app never pays for them.


@click.command("week")
@click.option("--date", "day", type=DAY, default=None, help="Any day of the week (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
@click.option("--direction", metavar="TEXT",
              help="Only the habits serving this direction (case aside).")
@db_option
@click.pass_context
def week(ctx: click.Context, day: date | None, fmt: str, direction: str | None) -> None:
    """Print the weekly evidence review."""
    from tracker.domain.days import week_start
    from tracker.views.week_report import week_json, week_markdown, week_text

    settings = config(ctx)
    today = today_for(ctx)
    monday = week_start(day or today, settings.week_start)
    store = open_store(ctx)
    if direction is not None:
        from tracker.cli.habits import no_such_direction
        from tracker.domain.directions import matches

        habits = store.habits.all(include_archived=True)
        if not any(matches(h.direction, direction) for h in habits):
            raise click.ClickException(no_such_direction(habits, direction))
    summary = store.week_summary(monday, settings.week_start, today, direction=direction)
    if fmt == "json":
        click.echo(json_text(week_json(summary)))
    elif fmt == "markdown":
        click.echo(week_markdown(summary))
    else:
        out = console()
        out.print(week_text(summary, plain=not out.is_terminal))


def output_file(store: Store, output: Path, force: bool) -> Path:
    """Where an export or a backup may go: never the database or its companions, never a
    folder, pipe or device, an existing file only with ``--force`` (through a symbolic
    link, the file it points to)."""
    from tracker.store.database import resolve

    shown = printable(str(output))
    if store.is_own_file(output):
        raise click.ClickException(
            f"{shown} is the database itself (or one of its files); choose another name")
    target = resolve(output)
    if output.is_dir():
        raise click.ClickException(f"{shown} is a folder; give a file name with -o")
    if output.exists() and not output.is_file():
        raise click.ClickException(
            f"{shown} is not a regular file; use -o - for standard output")
    if target.exists() and not force:
        raise click.ClickException(f"{shown} exists already; choose another name with -o, "
                                   "or add --force to replace it")
    if not target.parent.is_dir():
        raise click.ClickException(f"cannot write {shown}: its folder does not exist")
    return target


force_option = click.option("--force", is_flag=True,
                            help="Replace the output file if it exists.")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file ('-' or none: standard output).")
@force_option
@db_option
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, force: bool) -> None:
    """Export everything: lossless JSON, or CSV (one row per entry) for spreadsheets."""
    from tracker.io.csv_format import write_csv
    from tracker.io.json_format import export_document

    store = open_store(ctx)
    if output is not None and str(output) == "-":
        output = None
    target = None if output is None else output_file(store, output, force)
    buffer = io.StringIO()
    if fmt == "json":
        buffer.write(json_text(export_document(store)) + "\n")
    else:
        write_csv(store, buffer)
    if target is None:
        text = buffer.getvalue()
        if fmt == "csv" and sys.stdout.isatty():  # a terminal gets no raw control codes
            text = printable(text, single_line=False)
        sys.stdout.write(text)
        return
    write_private(target, buffer.getvalue().encode("utf-8"))
    click.echo(f"Exported to {printable(str(output))}", err=True)


@click.command("backup")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write the copy (default: backups/ beside the database; "
                   "'-': standard output).")
@force_option
@db_option
@click.pass_context
def backup(ctx: click.Context, output: Path | None, force: bool) -> None:
    """Write a consistent copy of the database (safe while the app is open)."""
    store = open_store(ctx)
    if output is not None and str(output) == "-":
        backup_to_standard_output(store)
        return
    if output is None:
        output = store.new_backup()
    else:  # an existing file only with --force, even one made meanwhile
        store.backup(output_file(store, output, force), replace=force)
    say(f"Backed up to {printable(str(output))}")


def backup_to_standard_output(store: Store) -> None:
    """``backup -o -``: the copy, made in a private temporary folder, streamed to
    standard output (never to a terminal: it is a binary file)."""
    import shutil
    import tempfile

    if sys.stdout.isatty():
        raise click.ClickException("a backup is a binary file; send it to a file or a "
                                   "program: tracker backup -o - > copy.db")
    with tempfile.TemporaryDirectory(prefix="tracker-backup-") as folder:
        copy = store.backup(Path(folder) / "tracker.db")
        try:
            with copy.open("rb") as source:
                shutil.copyfileobj(source, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # the reader stopped early: say so, not the database
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.ClickException("the program reading the copy stopped before its "
                                       "end: what it read is not a whole backup") from None


@click.command("check")
@db_option
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check the database's integrity and say, in plain words, whether it is sound."""
    store = open_store(ctx)
    problems = store.check()
    if problems:
        shown = "; ".join(printable(p) for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise click.ClickException(
            f"{store.path} is damaged: {shown}{more}. Restore the latest copy from "
            f"{backups_folder(store.path)} (made by 'tracker backup') or another backup "
            "of yours; until then, 'tracker export' may still save what can be read.")
    habits = len(store.habits.all(include_archived=True))
    entries = store.days.count_entries()
    say(f"{store.path} is sound: {habits} habits, {entries:,} entries; "
        "SQLite's integrity check found nothing wrong.")
