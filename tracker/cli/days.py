"""``tracker done | rest | clear | step | checkin``: recording what happened on a day,
through the changes room (tracker/changes/): the same rules as the app's keys."""

from __future__ import annotations

import math
import shlex
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import DAY, checked_amount, db_option, open_changes, say, today_for
from tracker.cli.completion import complete_habit, habit_argument
from tracker.domain import checks
from tracker.domain.models import ENERGIES, LEVELS, Entry, Habit
from tracker.domain.text import printable, quoted
from tracker.store.days import KEEP
from tracker.views.marks import amount_text

if TYPE_CHECKING:
    from tracker.changes import Changes

date_option = click.option("--date", "day", type=DAY, default=None,
                           help="The day (default: today).")


@click.command("done")
@habit_argument
@click.option("--level", type=click.Choice(LEVELS),
              help="Level done (default: the day's planned level).")
@click.option("--amount", type=float, help="Amount, in the habit's unit.")
@click.option("--add", "add", type=float, metavar="N",
              help="Add N to the day's amount (the habit's steps: --add 1 is one step, "
              "--add -1 takes one away); the level follows from the numbers.")
@click.option("--note", help="A one-line note of evidence.")
@date_option
@db_option
@click.pass_context
def done(ctx: click.Context, name: str, level: str | None, amount: float | None,
         add: float | None, note: str | None, day: date | None) -> None:
    """Mark habit NAME done (minimum, full and stretch all count)."""
    changes = open_changes(ctx)
    habit = changes.store.habits.find(name)
    day = day or today_for(ctx)
    if add is not None:
        entry = _count(changes, habit, day, add, level, amount, note)
    else:
        entry = changes.days.done(habit, day, level, checked_amount(amount), note)
    if entry is None:
        say(f"{printable(habit.name)}: nothing recorded on {day} any more.")
        return
    day, status = entry.day, entry.status
    evidence = amount_text(entry.amount, habit.unit)
    if status is None:
        reaches = (f"; it reaches no level yet ({printable(habit.levels_text())})"
                   if habit.uses_amounts else "")
        say(f"{printable(habit.name)}: {evidence or 'nothing'} kept as evidence on {day}"
            f"{reaches}.")
        return
    say(f"{printable(habit.name)}: {status} on {day}"
        + (f" ({evidence})" if evidence else "") + ". Nice.")


def _count(changes: Changes, habit: Habit, day: date, add: float, level: str | None,
           amount: float | None, note: str | None) -> Entry | None:
    """``done --add N``: N of the habit's steps added to the day's amount, as ``+``."""
    if level is not None or amount is not None:
        raise click.UsageError("--add counts on from the day's amount: use it without "
                               "--level and --amount")
    if not habit.counts:
        raise click.ClickException(
            f"{quoted(habit.name)} has no unit to count in; give it one: tracker habit "
            f"edit {shlex.quote(printable(habit.name))} --unit glasses")
    change = add * habit.count_step
    if not math.isfinite(change) or abs(change) > checks.MAX_AMOUNT:
        raise click.BadParameter("a number of at most 10¹²", param_hint="--add")
    return changes.days.count(habit, day, change, note=KEEP if note is None else note)


@click.command("rest")
@habit_argument
@click.option("--note", help="Why, if you like.")
@date_option
@db_option
@click.pass_context
def rest(ctx: click.Context, name: str, note: str | None, day: date | None) -> None:
    """Mark a rest day for habit NAME (neutral: it lowers nothing)."""
    changes = open_changes(ctx)
    habit = changes.store.habits.find(name)
    day = day or today_for(ctx)
    kwargs: dict[str, Any] = {} if note is None else {"note": note}
    changes.days.mark(habit, day, "rest", **kwargs)
    say(f"{printable(habit.name)}: rest on {day}.")


@click.command("clear")
@habit_argument
@date_option
@db_option
@click.pass_context
def clear(ctx: click.Context, name: str, day: date | None) -> None:
    """Clear what was recorded for habit NAME on a day (a note is kept)."""
    day = day or today_for(ctx)
    changes = open_changes(ctx)
    habit = changes.store.habits.find(name)
    if changes.store.days.entry(habit.id, day) is None:
        raise click.ClickException(f"nothing is recorded for {quoted(habit.name)} on {day}")
    changes.days.mark(habit, day, None)
    say(f"{printable(habit.name)}: cleared {day}.")


@click.command("undo", hidden=True, context_settings={"ignore_unknown_options": True})
@click.argument("words", nargs=-1, type=click.UNPROCESSED)
def undo(words: tuple[str, ...]) -> None:
    """The old name of ``clear``: says so, and changes nothing."""
    raise click.ClickException(
        "'tracker undo' is now 'tracker clear NAME [--date D]' (it clears a day); nothing "
        "was changed. In the app, u undoes the latest change.")


@click.command("step")
@click.argument("text")
@click.option("--done", "is_done", is_flag=True, help="It is done already.")
@click.option("--habit", "habit_name", metavar="NAME", help="Tie it to a habit.",
              shell_complete=complete_habit)
@date_option
@db_option
@click.pass_context
def step(ctx: click.Context, text: str, is_done: bool, habit_name: str | None,
         day: date | None) -> None:
    """Add a micro-step TEXT for a day."""
    day = day or today_for(ctx)
    changes = open_changes(ctx)
    habit_id = changes.store.habits.find(habit_name).id if habit_name else None
    added = changes.days.add_step(day, text, done=is_done, habit_id=habit_id)
    say(f"Micro-step for {day}: {printable(added.text)}" + (" (done)" if is_done else ""))


@click.command("checkin")
@click.option("--energy", type=click.Choice(ENERGIES), required=True,
              help="low plans minimums, ok full versions, high offers stretch.")
@click.option("--intention", help="One intention for the day.")
@click.option("--note", help="Context: what helps or gets in the way.")
@date_option
@db_option
@click.pass_context
def checkin(ctx: click.Context, energy: str, intention: str | None, note: str | None,
            day: date | None) -> None:
    """Record the morning check-in."""
    day = day or today_for(ctx)
    kwargs = {k: v for k, v in {"intention": intention, "note": note}.items() if v is not None}
    open_changes(ctx).days.check_in(day, energy, **kwargs)  # type: ignore[arg-type]
    plan = {"low": "minimum versions today", "ok": "full versions, minimum as fallback",
            "high": "full versions, stretch on offer"}[energy]
    say(f"Checked in for {day}: energy {energy} ({plan}).")
