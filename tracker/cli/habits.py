"""``tracker habit add | list | edit | archive``."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click
from rich import box
from rich.table import Table
from rich.text import Text

from tracker.cli.common import (
    DAY,
    config,
    console,
    db_option,
    open_changes,
    open_store,
    say,
    today_for,
)
from tracker.cli.completion import habit_argument
from tracker.domain.models import Habit, Schedule
from tracker.domain.text import history_words, json_text, printable, quoted, with_history

F = TypeVar("F", bound=Callable[..., Any])


def _schedule(days: str | None, per_week: int | None, every: str | None) -> Schedule | None:
    if sum(option is not None for option in (days, per_week, every)) > 1:
        raise click.UsageError("use one of --days, --per-week and --every, not several")
    try:
        if days is not None:
            return Schedule.parse_days(days)
        if per_week is not None:
            return Schedule.times_per_week(per_week)
        if every is not None:
            return Schedule.parse_every(every)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    return None


def habit_options(*, required_min: bool) -> Callable[[F], F]:
    """The options of a habit's fields, for ``habit add`` and ``habit edit``."""
    def wrap(func: F) -> F:
        options = [
            click.option("--min", "minimum", required=required_min, metavar="TEXT",
                         help="The minimum version: the smallest step that still counts."),
            click.option("--full", metavar="TEXT", help="The full version."),
            click.option("--stretch", metavar="TEXT", help="The stretch version."),
            click.option("--direction", metavar="TEXT",
                         help="The value or aim it serves, e.g. 'health'."),
            click.option("--unit", metavar="UNIT", help="Unit of evidence, e.g. 'pages'."),
            click.option("--days", metavar="mon,wed,fri",
                         help="Scheduled weekdays (or 'daily')."),
            click.option("--per-week", type=click.IntRange(1, 7), metavar="N",
                         help="N times a week, on any days."),
            click.option("--every", metavar="'X in N days'",
                         help="X times in every N days, on any of them: '2 in 10 days', "
                         "'3d' (every 3 days), 'every other day'."),
            click.option("--min-amount", type=float, metavar="N",
                         help="The minimum's number, in the unit: an amount reaching it "
                         "marks the minimum."),
            click.option("--full-amount", type=float, metavar="N",
                         help="The full version's number."),
            click.option("--stretch-amount", type=float, metavar="N",
                         help="The stretch version's number."),
            click.option("--at-most/--at-least", "at_most", default=None,
                         help="For habits that reduce something: an amount marks the "
                         "lowest limit it stays within (default: at least)."),
            click.option("--step", type=float, metavar="N",
                         help="What + and - (and done --add 1) count: N units at a "
                         "time, e.g. 250 for a glass in ml (default: 1)."),
        ]
        for option in reversed(options):
            func = option(func)
        return func
    return wrap


@click.group("habit")
def habit_group() -> None:
    """Add, list, edit and archive habits."""


@habit_group.command("add")
@click.argument("name")
@habit_options(required_min=True)
@db_option
@click.pass_context
def add(ctx: click.Context, name: str, minimum: str, full: str | None, stretch: str | None,
        direction: str | None, unit: str | None, days: str | None,
        per_week: int | None, every: str | None, min_amount: float | None,
        full_amount: float | None, stretch_amount: float | None,
        at_most: bool | None, step: float | None) -> None:
    """Add a habit NAME with its minimum version."""
    schedule = _schedule(days, per_week, every)
    habit = open_changes(ctx).habits.add(
        name, minimum, full=full or "", stretch=stretch or "", direction=direction or "",
        unit=unit or "", schedule=schedule, min_amount=min_amount, full_amount=full_amount,
        stretch_amount=stretch_amount, at_most=bool(at_most), step=step)
    numbers = f" ({printable(habit.levels_text())})" if habit.uses_amounts else ""
    say(f"Added {quoted(habit.name)}: minimum “{printable(habit.minimum)}”{numbers}, "
        f"{habit.schedule.describe()}.")


@habit_group.command("edit")
@habit_argument
@click.option("--name", "new_name", metavar="TEXT", help="A new name.")
@habit_options(required_min=False)
@db_option
@click.pass_context
def edit(ctx: click.Context, name: str, new_name: str | None, minimum: str | None,
         full: str | None, stretch: str | None, direction: str | None, unit: str | None,
         days: str | None, per_week: int | None, every: str | None,
         min_amount: float | None, full_amount: float | None, stretch_amount: float | None,
         at_most: bool | None, step: float | None) -> None:
    """Change any field of habit NAME; a new --min extends its level ladder."""
    habit_changes = open_changes(ctx).habits
    store = habit_changes.store
    habit = store.habits.find(name)
    changes: dict[str, Any] = {k: v for k, v in {
        "name": new_name, "minimum": minimum, "full": full, "stretch": stretch,
        "direction": direction, "unit": unit, "min_amount": min_amount,
        "full_amount": full_amount, "stretch_amount": stretch_amount,
        "at_most": at_most, "step": step}.items() if v is not None}
    schedule = _schedule(days, per_week, every)
    if schedule is not None:
        changes["schedule"] = schedule
    if not changes:
        raise click.UsageError("nothing to change: give at least one option (see --help)")
    updated = habit_changes.edit(habit, **changes)
    note = ""
    if minimum is not None and updated.minimum != habit.minimum:
        rungs = len(store.habits.ladder(habit.id))
        note = f" The ladder has {rungs} rung{'s' if rungs != 1 else ''} now."
    say(f"Updated {quoted(updated.name)}.{note}")


@habit_group.command("archive")
@habit_argument
@click.option("--restore", is_flag=True, help="Bring an archived habit back.")
@db_option
@click.pass_context
def archive(ctx: click.Context, name: str, restore: bool) -> None:
    """Archive habit NAME (its history is kept); --restore brings it back."""
    changes = open_changes(ctx)
    habit = changes.habits.archive(changes.store.habits.find(name), not restore)
    state = "restored" if restore else "archived; its history is kept"
    say(f"{quoted(habit.name)} {state}.")


@habit_group.command("delete")
@habit_argument
@click.option("--yes", is_flag=True, help="Do not ask (a backup is still taken first).")
@db_option
@click.pass_context
def delete(ctx: click.Context, name: str, yes: bool) -> None:
    """Delete habit NAME and its history for good (a backup is taken first)."""
    changes = open_changes(ctx)
    habit = changes.store.habits.find(name)
    size = changes.store.habits.history_size(habit.id)
    what = with_history(habit.name, *size)
    if not yes:
        if not sys.stdin.isatty():
            lost = history_words(*size) if size[0] else "nothing recorded"
            raise click.ClickException(
                f"deleting {quoted(habit.name)} loses {lost}; add --yes to confirm (or "
                f"archive it: tracker habit archive {shlex.quote(printable(habit.name))} "
                "keeps its history)")
        if not click.confirm(f"Delete {what}? A backup is taken first", default=False,
                             err=True):
            raise click.ClickException("nothing deleted")
    copy = changes.habits.delete(habit)
    say(f"Deleted {what}. A copy from before is in {printable(str(copy))}.")


def no_such_direction(habits: list[Habit], direction: str) -> str:
    """``no habit serves the direction “x”; the directions are: health, mind``."""
    from tracker.domain.directions import grouped

    known = [d for d, _ in grouped(habits, lambda h: h.direction) if d]
    listed = ", ".join(printable(d) for d in known) if known else "none yet"
    return f"no habit serves the direction {quoted(direction)}; the directions are: {listed}"


def number(habit: Habit, level: str) -> str:
    """`` (≥ 10)`` after a level's text when it has a number."""
    amount = habit.amount_of(level)
    return "" if amount is None else f" ({'≤' if habit.at_most else '≥'} {amount:g})"


def habit_dict(habit: Habit, ladder_size: int) -> dict[str, Any]:
    return {"name": habit.name, "direction": habit.direction, "minimum": habit.minimum,
            "full": habit.full, "stretch": habit.stretch, "unit": habit.unit,
            "schedule": habit.schedule.to_dict(), "position": habit.position,
            "archived": habit.archived, "created": habit.created.isoformat(),
            "min_amount": habit.min_amount, "full_amount": habit.full_amount,
            "stretch_amount": habit.stretch_amount, "at_most": habit.at_most,
            "step": habit.step, "ladder_rungs": ladder_size}


@habit_group.command("show")
@habit_argument
@click.option("--date", "day", type=DAY, default=None,
              help="Show the year whose last week holds this day (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@db_option
@click.pass_context
def show(ctx: click.Context, name: str, day: date | None, fmt: str) -> None:
    """Print the page of habit NAME: a year as a calendar, consistency, evidence, which
    days work, comebacks and notes."""
    from tracker.domain.habit_page import habit_page, record_span
    from tracker.views.habit_report import habit_json, habit_text

    store = open_store(ctx)
    settings, today = config(ctx), today_for(ctx)
    last = day or today
    record = store.habit_record(store.habits.find(name).id,
                                *record_span(last, today, settings.week_start))
    page = habit_page(record, last, today, settings.week_start)
    if fmt == "json":
        click.echo(json_text(habit_json(page)))
    else:
        out = console()
        out.print(habit_text(page), highlight=False)


@habit_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--all", "include_archived", is_flag=True, help="Include archived habits.")
@click.option("--direction", metavar="TEXT",
              help="Only the habits serving this direction (case aside; '' for those "
              "without one).")
@db_option
@click.pass_context
def list_habits(ctx: click.Context, as_json: bool, include_archived: bool,
                direction: str | None) -> None:
    """List the habits with direction, minimum and schedule."""
    from tracker.domain.directions import matches

    store = open_store(ctx)
    habits = store.habits.all(include_archived=include_archived)
    if direction is not None:
        habits = [h for h in habits if matches(h.direction, direction)]
    ladders = store.habits.ladders()
    if as_json:
        click.echo(json_text([habit_dict(h, len(ladders.get(h.id, []))) for h in habits]))
        return
    if not habits and direction is not None:
        raise click.ClickException(no_such_direction(store.habits.all(include_archived=True),
                                                     direction))
    if not habits:
        say("No habits yet. Add one, e.g.: tracker habit add Read --min 'Read one page'")
        return
    out = console()
    table = Table(box=box.SIMPLE_HEAD if out.is_terminal else None, pad_edge=False)
    for column in ("habit", "direction", "minimum", "full", "stretch", "unit", "schedule"):
        table.add_column(column, overflow="fold")
    for h in habits:
        name = printable(h.name) + (" (archived)" if h.archived else "")
        rungs = len(ladders.get(h.id, []))
        minimum = printable(h.minimum) + number(h, "minimum") + (
            f" ↑{rungs - 1}" if rungs > 1 else "")
        table.add_row(*(Text(t) for t in (
            name, printable(h.direction), minimum, printable(h.full) + number(h, "full"),
            printable(h.stretch) + number(h, "stretch"), printable(h.unit),
            h.schedule.describe())))
    out.print(table)


@click.group("direction")
def direction_group() -> None:
    """The directions the habits serve (the groups of Today and the review)."""


@direction_group.command("rename")
@click.argument("old")
@click.argument("new")
@db_option
@click.pass_context
def rename_direction(ctx: click.Context, old: str, new: str) -> None:
    """Rename direction OLD to NEW on every habit serving it (case aside)."""
    changes = open_changes(ctx)
    habits = changes.store.habits.all(include_archived=True)
    try:
        renamed = changes.habits.rename_direction(old, new)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if not renamed:
        raise click.ClickException(no_such_direction(habits, old))
    say(f"Renamed {quoted(old)} to {quoted(new.strip())} on {len(renamed)} "
        f"habit{'s' if len(renamed) != 1 else ''}: "
        f"{', '.join(printable(h.name) for h in renamed)}.")
