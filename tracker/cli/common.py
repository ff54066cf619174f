"""What every command shares: --db and --date options, the store, output and errors."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.text import Text

from tracker.cli.errors import EXPECTED_ERRORS, explain
from tracker.domain.days import DEFAULT_DAY_START_HOUR, parse_day, today
from tracker.domain.text import printable
from tracker.files.config import Config, ConfigError, database_path, load_config
from tracker.store import Store

if TYPE_CHECKING:
    from tracker.changes import Changes

F = TypeVar("F", bound=Callable[..., Any])


if TYPE_CHECKING:
    _ParamType = click.ParamType[date, Any]
else:  # click's ParamType is generic only to type checkers in some versions
    _ParamType = click.ParamType


class DayParam(_ParamType):
    """A ``YYYY-MM-DD`` date (or ``today`` / ``yesterday``)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        hour = DEFAULT_DAY_START_HOUR
        if ctx is not None:
            hour = config(ctx).day_start_hour
        try:
            return parse_day(str(value), hour)
        except ValueError as error:
            self.fail(str(error), param, ctx)


DAY = DayParam()


def _remember_db(ctx: click.Context, _param: Any, value: str | None) -> None:
    if value:
        ctx.meta["tracker.db"] = value


def _remember_color(ctx: click.Context, _param: Any, value: str | None) -> None:
    if value:
        ctx.meta["tracker.color"] = value


def color_option(func: F) -> F:
    """``--color auto|always|never`` (with ``NO_COLOR``), taken by every command."""
    return click.option(
        "--color", type=click.Choice(["auto", "always", "never"]), expose_value=False,
        callback=_remember_color, is_eager=True,
        help="Colour: auto (on a terminal, unless NO_COLOR is set), always or never.",
    )(func)


def db_option(func: F) -> F:
    """``--db PATH`` and ``--color`` on any command (also ``TRACKER_DB`` and ``NO_COLOR``)."""
    func = color_option(func)
    return click.option(
        "--db", type=click.Path(dir_okay=False), expose_value=False, callback=_remember_db,
        is_eager=True, help="Database file (default: $TRACKER_DB, else the user data folder).",
    )(func)


def color_choice() -> str | None:
    """``--color`` as given to the command or before it (None: auto)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get("tracker.color") if ctx is not None else None


def db_path(ctx: click.Context) -> Path:
    return database_path(ctx.meta.get("tracker.db"))


def config(ctx: click.Context) -> Config:
    if "tracker.files.config" not in ctx.meta:
        try:
            ctx.meta["tracker.files.config"] = load_config()
        except ConfigError as error:
            raise click.ClickException(str(error)) from None
    result: Config = ctx.meta["tracker.files.config"]
    return result


def open_store(ctx: click.Context) -> Store:
    """Open the chosen database, its rules' today the config's (the day-start hour);
    it is closed when the command ends."""
    store = Store(db_path(ctx))
    ctx.call_on_close(store.close)
    store.today = partial(today, config(ctx).day_start_hour)
    return store


def open_changes(ctx: click.Context) -> Changes:
    """The changes room over the chosen database: every command that changes something
    goes through it (the same rules as the app's keys)."""
    from tracker.changes import Changes

    return Changes(open_store(ctx))


def today_for(ctx: click.Context) -> date:
    return today(config(ctx).day_start_hour)


def checked_amount(amount: float | None) -> float | None:
    """The same rule as every import (tracker.domain.checks)."""
    from tracker.domain import checks

    try:
        return checks.amount(amount)
    except ValueError as error:
        raise click.ClickException(str(error)) from None


def console() -> Console:
    """Standard output: Rich on a terminal, plain text (no colour, wide lines) otherwise;
    ``--color always`` colours a pipe too; NO_COLOR leaves a terminal bold and dim but
    without colour, ``--color never`` without any escape code."""
    from tracker.cli.status import wants_color

    color = wants_color(color_choice())
    if sys.stdout.isatty():
        if color_choice() == "never":
            return Console(highlight=False, color_system=None)
        return Console(highlight=False, no_color=not color)
    if color:
        return Console(highlight=False, force_terminal=True, width=1000, soft_wrap=True)
    return Console(highlight=False, no_color=True, width=1000, soft_wrap=True)


def say(message: str | Text) -> None:
    """Print one line of feedback, never reading markup in what people typed."""
    console().print(message if isinstance(message, Text) else Text(message))


def not_utf8(arguments: list[str]) -> str:
    """The one line for text on the command line that is not UTF-8 (the shell passed
    bytes that are not: ``$'\\xff'``), naming the argument as it can be shown."""
    bad = next((a for a in arguments if a != a.encode("utf-8", "surrogateescape")
                .decode("utf-8", "replace")), "")
    shown = printable(bad.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    return (f"the text {shown!r} is not valid UTF-8; tracker keeps text as UTF-8 "
            "(check the terminal's or the script's encoding); nothing was changed")


class TrackerGroup(click.Group):
    """A group that turns tracker's errors into one line on stderr and exit code 1.

    Subcommands named in ``lazy`` ("name": "module.attribute") are imported only when
    used (click's lazy-loading pattern), so opening the app never pays for them.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            import importlib

            module, _, attribute = self.lazy[cmd_name].rpartition(".")
            command: click.Command = getattr(importlib.import_module(module), attribute)
            return command
        return super().get_command(ctx, cmd_name)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Click's main, with every error, a usage error too, as one line on stderr."""
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else "tracker"
            click.echo(f"Error: {error.format_message()} ('{where} --help' says more)",
                       err=True)
            code = error.exit_code
        except click.ClickException as error:
            click.echo(f"Error: {error.format_message()}", err=True)
            code = error.exit_code
        except click.Abort:
            click.echo("Aborted.", err=True)
            code = 1
        else:
            code = result if isinstance(result, int) else 0
            if not standalone_mode:
                return result
        if not standalone_mode:
            raise SystemExit(code)
        sys.exit(code)

    def invoke(self, ctx: click.Context) -> Any:
        import warnings

        with warnings.catch_warnings():  # click 8.2 folds protected_args into args
            warnings.simplefilter("ignore", DeprecationWarning)
            protected = getattr(ctx, "protected_args", [])
        ctx.meta["tracker.words"] = [*protected, *ctx.args]  # the command's, kept
        try:
            return super().invoke(ctx)
        except EXPECTED_ERRORS as error:
            raise click.ClickException(explain(error, db_path(ctx))) from None
        except UnicodeEncodeError:  # text from the command line that is not UTF-8
            raise click.ClickException(not_utf8(sys.argv[1:])) from None
