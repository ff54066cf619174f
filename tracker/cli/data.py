"""``tracker week | export | import | backup``: the review and the data going in and out."""

from __future__ import annotations

import io
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import DAY, config, console, db_option, open_store, say, today_for
from tracker.domain.text import json_text

if TYPE_CHECKING:
    from tracker.io.json_format import ImportReport

# The formats are imported inside the commands: opening the app never pays for them.


@click.command("week")
@click.option("--date", "day", type=DAY, default=None, help="Any day of the week (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
@db_option
@click.pass_context
def week(ctx: click.Context, day: date | None, fmt: str) -> None:
    """Print the weekly evidence review."""
    from tracker.domain.days import week_start
    from tracker.domain.week import summarize_week
    from tracker.io.week_report import week_json, week_markdown, week_text

    settings = config(ctx)
    monday = week_start(day or today_for(ctx), settings.week_start)
    store = open_store(ctx)
    summary = summarize_week(store.history_for_week(monday), monday, store.reviews.get(monday),
                             settings.week_start)
    if fmt == "json":
        click.echo(json_text(week_json(summary)))
    elif fmt == "markdown":
        click.echo(week_markdown(summary))
    else:
        out = console()
        out.print(week_text(summary, plain=not out.is_terminal))


def write_private(target: Path, text: str) -> None:
    """Write a file readable by its owner only, replacing it in one step."""
    partial = target.with_name(f".{target.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(partial, target)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: standard output).")
@db_option
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export everything: lossless JSON, or CSV (one row per entry) for spreadsheets."""
    from tracker.io.csv_format import write_csv
    from tracker.io.json_format import export_document

    store = open_store(ctx)
    buffer = io.StringIO()
    if fmt == "json":
        buffer.write(json_text(export_document(store)) + "\n")
    else:
        write_csv(store, buffer)
    if output is None:
        text = buffer.getvalue()
        if fmt == "csv" and sys.stdout.isatty():  # a terminal gets no raw control codes
            from tracker.domain.text import printable

            text = printable(text, single_line=False)
        sys.stdout.write(text)
        return
    write_private(output, buffer.getvalue())
    click.echo(f"Exported to {output}", err=True)


def print_report(report: ImportReport, source: str) -> None:
    if not report.added_anything:
        say(f"Nothing new in {source}: everything in it is already here.")
    else:
        say(f"Imported from {source}: {report.habits} habits, {report.entries} entries "
            f"({report.notes} with notes), {report.checkins} check-ins, {report.steps} "
            f"micro-steps, {report.reviews} reviews.")
    for reason, count in sorted(report.skipped.items()):
        say(f"  skipped {count:,} {reason}")


@click.group("import")
def import_group() -> None:
    """Bring in history: tracker's JSON export, or other trackers' files."""


def run_import(ctx: click.Context, path: Path, document: dict[str, Any],
               skipped: dict[str, int] | None = None) -> None:
    """Write a document all-or-nothing with a progress bar, then print the summary."""
    from tracker.cli.progress import progress_bar
    from tracker.io.json_format import import_document

    store = open_store(ctx)
    with progress_bar(f"Importing {path.name}") as advance:
        report = import_document(store, document, source=str(path), progress=advance)
    for reason, count in (skipped or {}).items():
        report.skip(reason, count)
    print_report(report, str(path))


@import_group.command("json")
@click.argument("path", type=click.Path(path_type=Path))
@db_option
@click.pass_context
def import_json(ctx: click.Context, path: Path) -> None:
    """Import a tracker JSON export (all or nothing; importing twice adds nothing)."""
    from tracker.io.json_format import read_document

    run_import(ctx, path, read_document(path))


FOREIGN_FORMATS = {
    "loop": ("tracker.io.loop.read_loop",
             "Import Loop Habit Tracker's backup (.db) or CSV export (.zip)."),
    "harsh": ("tracker.io.harsh.read_harsh",
              "Import a harsh folder (its 'habits' and 'log' files)."),
    "dijo": ("tracker.io.dijo.read_dijo",
             "Import dijo's habit_record.json (or a folder with it and the [auto] file)."),
}


def _foreign_import(name: str, reader: str, summary: str) -> None:
    """``tracker import NAME PATH``: read the other tracker's data, then import it."""

    @import_group.command(name, help=summary)
    @click.argument("path", type=click.Path(path_type=Path))
    @db_option
    @click.pass_context
    def command(ctx: click.Context, path: Path) -> None:
        import importlib

        module, _, function = reader.rpartition(".")
        converted = getattr(importlib.import_module(module), function)(path)
        run_import(ctx, path, converted.document(), converted.skipped)


for _name, (_reader, _summary) in FOREIGN_FORMATS.items():
    _foreign_import(_name, _reader, _summary)


@click.command("backup")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the copy (default: backups/ beside the database).")
@db_option
@click.pass_context
def backup(ctx: click.Context, output: Path | None) -> None:
    """Write a consistent copy of the database (safe while the app is open)."""
    store = open_store(ctx)
    if output is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 (a file name)
        folder = store.path.parent / "backups"
        folder.mkdir(mode=0o700, exist_ok=True)
        output = folder / f"tracker-{stamp}.db"
    if output.exists():
        raise click.ClickException(f"{output} exists already; choose another name with -o")
    store.backup(output)
    say(f"Backed up to {output}")
