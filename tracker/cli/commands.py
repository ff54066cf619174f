"""The click command line: options, the app with ``--date``/``--db``, and every subcommand
(each imported when used)."""

from __future__ import annotations

from datetime import date

import click

import tracker.cli.completion  # noqa: F401 (bash completion that escapes names)
from tracker import __version__
from tracker.cli.common import (
    DAY,
    TrackerGroup,
    color_option,
    config,
    db_option,
    db_path,
    today_for,
)
from tracker.cli.launch import run_app

COMMANDS = {
    "habit": "tracker.cli.habits.habit_group",
    "direction": "tracker.cli.habits.direction_group",
    "done": "tracker.cli.days.done", "rest": "tracker.cli.days.rest",
    "clear": "tracker.cli.days.clear", "undo": "tracker.cli.days.undo",
    "step": "tracker.cli.days.step", "pause": "tracker.cli.pauses.pause",
    "checkin": "tracker.cli.days.checkin",
    "week": "tracker.cli.data.week", "export": "tracker.cli.data.export",
    "import": "tracker.cli.imports.import_group", "backup": "tracker.cli.data.backup",
    "check": "tracker.cli.data.check", "sync": "tracker.cli.sync.sync_command",
    "status": "tracker.cli.daily.status_command", "today": "tracker.cli.daily.today_command",
    "ask": "tracker.cli.daily.ask", "remind": "tracker.cli.remind.remind",
    "completion": "tracker.cli.completion.completion",
}


@click.group(cls=TrackerGroup, invoke_without_command=True, lazy=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--date", "day", type=DAY, default=None, help="Open the app on this day.")
@db_option
@click.version_option(__version__, prog_name="tracker")
@click.pass_context
def cli(ctx: click.Context, day: date | None) -> None:
    """Track small wins: minimum versions, a morning check-in, today's micro-steps
    and a weekly evidence review. With no command, opens the app."""
    if day is not None and ctx.invoked_subcommand is not None:
        raise click.UsageError(_date_where(ctx, ctx.invoked_subcommand, day))
    if ctx.invoked_subcommand is None:
        from tracker.store import Store

        refuse_without_terminal()
        color_for_the_app(ctx.meta.get("tracker.color"))
        store = Store(db_path(ctx))
        try:
            status = run_app(store, config(ctx), day)
        finally:
            store.close()
        ctx.exit(status)


def _date_where(ctx: click.Context, name: str, day: date) -> str:
    """Where ``--date`` goes for the command ``name`` (given before it, it is the app's)."""
    import shlex

    command = ctx.command.get_command(ctx, name) if isinstance(ctx.command, click.Group) \
        else None
    option = {"pause": "--from"}.get(name, "--date")
    rest = ctx.meta.get("tracker.words", [])[1:]
    said = "--date before a command opens the app on a day; "
    if "--date" in rest or (name == "pause" and "--from" in rest):
        return said + f"drop the one before {name}"
    if command is None or not any(option in getattr(p, "opts", ()) for p in command.params):
        return said + f"tracker {name} takes no --date"
    return said + "for the command, put it after it: " + shlex.join(
        ["tracker", name, *rest, option, str(day)])


def color_for_the_app(choice: str | None) -> None:
    """``--color never`` is NO_COLOR for the app (Textual honours it); ``always`` lifts it."""
    import os

    if choice == "never":
        os.environ["NO_COLOR"] = "1"
    elif choice == "always":
        os.environ.pop("NO_COLOR", None)


def refuse_without_terminal() -> None:
    from tracker.cli.launch import NEEDS_TERMINAL, has_terminal

    if not has_terminal():
        raise click.ClickException(NEEDS_TERMINAL)


def run_command_line(args: list[str]) -> int:
    """Run a command (``TrackerGroup.main`` makes every error one line); the exit status."""
    try:
        cli.main(args, prog_name="tracker")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 0
    return 0


@cli.command("demo")
@color_option
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Open the app on a fresh temporary copy of sample data."""
    import tempfile
    from pathlib import Path

    from tracker.domain.sample import sample_document
    from tracker.io.json_format import import_document
    from tracker.store import Store

    refuse_without_terminal()
    color_for_the_app(ctx.meta.get("tracker.color"))
    with tempfile.TemporaryDirectory(prefix="tracker-demo-") as folder:
        store = Store(Path(folder) / "demo.db")
        try:
            import_document(store, sample_document(today_for(ctx)), source="sample data")
            status = run_app(store, config(ctx), demo=True)
        finally:
            store.close()
    ctx.exit(status)
