"""``tracker import [KIND] PATH``: bring in history from tracker's JSON export or another
tracker's files; without KIND the format is recognised from what the path holds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import db_option, open_store, say

if TYPE_CHECKING:
    from tracker.io.json_format import ImportReport

# The formats are imported inside the commands: opening the app never pays for them.
KINDS = ("json", "loop", "harsh", "dijo", "habitkit", "habitbull", "habitica", "daylio",
         "rewire", "tickmate")
HELP = {
    "json": "Import a tracker JSON export (all or nothing; importing twice adds nothing).",
    "loop": "Import Loop Habit Tracker's backup (.db) or CSV export (.zip, or its folder).",
    "harsh": "Import a harsh folder (its 'habits' and 'log' files).",
    "dijo": "Import dijo's habit_record.json (or a folder with it and the [auto] file).",
    "habitkit": "Import HabitKit's JSON export.",
    "habitbull": "Import HabitBull's CSV export.",
    "habitica": "Import Habitica's user data (Export Data → User Data, JSON).",
    "daylio": "Import Daylio's CSV export (moods as check-ins, activities as habits).",
    "rewire": "Import Rewire's database backup.",
    "tickmate": "Import Tickmate's database backup.",
}


SINGULAR = {"lines": "line", "repetitions": "repetition", "checkmarks": "checkmark",
            "answers": "answer", "days": "day", "check-ins": "check-in", "entries": "entry",
            "habits": "habit", "micro-steps": "micro-step", "reviews": "review",
            "completions": "completion", "ticks": "tick"}


def one_reason(reason: str) -> str:
    """A reason for skipping, said of one: ``log lines of …`` → ``log line of …``."""
    words = reason.split(" ")
    for index, word in enumerate(words):
        if word in SINGULAR:
            words[index] = SINGULAR[word]
            break
    return " ".join(words)


def print_report(report: ImportReport, source: str) -> None:
    """The summary: what came in, what was skipped and why, what was told apart."""
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


def run_import(ctx: click.Context, path: Path, document: dict[str, Any],
               skipped: dict[str, int] | None = None,
               remarks: list[str] | None = None) -> None:
    """Write a document all-or-nothing with a progress bar, then print the summary."""
    from tracker.cli.progress import progress_bar
    from tracker.io.json_format import import_document
    from tracker.io.source import shown

    store = open_store(ctx)
    with progress_bar(f"Importing {shown(path.name)}") as advance:
        report = import_document(store, document, source=shown(path), progress=advance)
    for reason, count in (skipped or {}).items():
        report.skip(reason, count)
    for remark in remarks or []:
        report.remark(remark)
    print_report(report, shown(path))


def import_kind(ctx: click.Context, kind: str, path: Path) -> None:
    """Read ``path`` as ``kind`` and import it."""
    from tracker.io.detect import reader

    read = reader(kind)(path)
    if kind == "json":
        run_import(ctx, path, read)
    else:
        run_import(ctx, path, read.document(), read.skipped, read.remarks)


class ImportGroup(click.Group):
    """``tracker import PATH`` as well as ``tracker import KIND PATH``: an argument that
    is not a kind is the path, whose format is recognised."""

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
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
    from tracker.io.detect import FORMATS, detect
    from tracker.io.source import shown

    kind = detect(path)
    say(f"Reading {shown(path)} as {FORMATS[kind].label} (tracker import {kind} PATH "
        "reads it as that format).")
    import_kind(ctx, kind, path)


def _kind_command(kind: str) -> None:
    @import_group.command(kind, help=HELP[kind])
    @click.argument("path", type=click.Path(path_type=Path))
    @db_option
    @click.pass_context
    def command(ctx: click.Context, path: Path) -> None:
        import_kind(ctx, kind, path)


for _kind in KINDS:
    _kind_command(_kind)
