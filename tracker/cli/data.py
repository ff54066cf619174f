"""``tracker week | export | import | backup``: the review and the data going in and out."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import DAY, config, console, db_option, open_store, say, today_for
from tracker.domain.text import json_text, printable
from tracker.files.private_file import write_private
from tracker.store.errors import backups_folder

if TYPE_CHECKING:
    from tracker.io.json_format import ImportReport
    from tracker.store import Store

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
    from tracker.views.week_report import week_json, week_markdown, week_text

    settings = config(ctx)
    today = today_for(ctx)
    monday = week_start(day or today, settings.week_start)
    summary = open_store(ctx).week_summary(monday, settings.week_start, today)
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


SINGULAR = {"lines": "line", "repetitions": "repetition", "checkmarks": "checkmark",
            "answers": "answer", "days": "day", "check-ins": "check-in", "entries": "entry",
            "habits": "habit", "micro-steps": "micro-step", "reviews": "review"}


def one_reason(reason: str) -> str:
    """A reason for skipping, said of one: ``log lines of …`` → ``log line of …``."""
    words = reason.split(" ")
    for index, word in enumerate(words):
        if word in SINGULAR:
            words[index] = SINGULAR[word]
            break
    return " ".join(words)


def print_report(report: ImportReport, source: str) -> None:
    if not report.added_anything:
        say(f"Nothing new in {source}: everything in it is already here.")
    else:
        counts = [(report.habits, "habit"), (report.entries, "entry"),
                  (report.checkins, "check-in"), (report.steps, "micro-step"),
                  (report.reviews, "review")]
        parts = [f"{n:,} {word if n == 1 else word.replace('ry', 'rie') + 's'}"
                 for n, word in counts if n]
        notes = f" ({report.notes:,} with notes)" if report.notes else ""
        say(f"Imported from {source}: {', '.join(parts)}{notes}.")
    for reason, count in sorted(report.skipped.items()):
        say(f"  skipped {count:,} {reason if count != 1 else one_reason(reason)}")
    for remark in report.remarks:
        say(f"  note: {remark}")


@click.group("import")
def import_group() -> None:
    """Bring in history: tracker's JSON export, or other trackers' files."""


def run_import(ctx: click.Context, path: Path, document: dict[str, Any],
               skipped: dict[str, int] | None = None,
               remarks: list[str] | None = None) -> None:
    """Write a document all-or-nothing with a progress bar, then print the summary."""
    from tracker.cli.progress import progress_bar
    from tracker.io.json_format import import_document

    store = open_store(ctx)
    with progress_bar(f"Importing {path.name}") as advance:
        report = import_document(store, document, source=str(path), progress=advance)
    for reason, count in (skipped or {}).items():
        report.skip(reason, count)
    for remark in remarks or []:
        report.remark(remark)
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
        run_import(ctx, path, converted.document(), converted.skipped, converted.remarks)


for _name, (_reader, _summary) in FOREIGN_FORMATS.items():
    _foreign_import(_name, _reader, _summary)


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
        output = store.new_backup_path()
    store.backup(output_file(store, output, force))
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
        with copy.open("rb") as source:
            shutil.copyfileobj(source, sys.stdout.buffer)
        sys.stdout.buffer.flush()


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
