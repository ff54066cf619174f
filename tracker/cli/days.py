"""``tracker done | rest | undo | step | checkin``: recording what happened on a day."""

from __future__ import annotations

import shlex
from datetime import date
from typing import Any

import click

from tracker.cli.common import (
    DAY,
    checked_amount,
    db_option,
    not_in_future,
    open_store,
    say,
    today_for,
)
from tracker.cli.completion import complete_habit, habit_argument
from tracker.domain.models import ENERGIES, LEVELS, Habit
from tracker.domain.rules import planned_level
from tracker.domain.text import printable, quoted
from tracker.views.marks import amount_text

date_option = click.option("--date", "day", type=DAY, default=None,
                           help="The day (default: today).")


@click.command("done")
@habit_argument
@click.option("--level", type=click.Choice(LEVELS),
              help="Level done (default: the day's planned level).")
@click.option("--amount", type=float, help="Amount, in the habit's unit.")
@click.option("--note", help="A one-line note of evidence.")
@date_option
@db_option
@click.pass_context
def done(ctx: click.Context, name: str, level: str | None, amount: float | None,
         note: str | None, day: date | None) -> None:
    """Mark habit NAME done (minimum, full and stretch all count)."""
    day = not_in_future(ctx, day or today_for(ctx))
    store = open_store(ctx)
    habit = store.habits.find(name)
    amount = checked_amount(amount)
    status: str | None = level
    if level is not None:
        refuse_missing_level(habit, level)
    elif amount is not None and habit.uses_amounts:
        status = habit.level_for(amount)  # the number marks the level it reaches
    else:
        checkin = store.days.checkin(day)
        status = planned_level(habit, checkin.energy if checkin else None)
    kwargs: dict[str, Any] = {}
    if amount is not None:
        kwargs["amount"] = amount
    if note is not None:
        kwargs["note"] = note
    entry = store.days.record(habit.id, day, status, **kwargs)
    assert entry is not None
    evidence = amount_text(entry.amount, habit.unit)
    if status is None:
        say(f"{printable(habit.name)}: {evidence} kept as evidence on {day}; it reaches no "
            f"level yet ({printable(habit.levels_text())}).")
        return
    say(f"{printable(habit.name)}: {status} on {day}"
        + (f" ({evidence})" if evidence else "") + ". Nice.")


def refuse_missing_level(habit: Habit, level: str) -> None:
    """A level the habit does not have cannot be recorded."""
    if not habit.has_level(level):
        option = "--full" if level == "full" else "--stretch"
        raise click.ClickException(
            f"{quoted(habit.name)} has no {level} version; record its minimum, or add "
            f"one with: tracker habit edit {shlex.quote(printable(habit.name))} {option} TEXT")


@click.command("rest")
@habit_argument
@click.option("--note", help="Why, if you like.")
@date_option
@db_option
@click.pass_context
def rest(ctx: click.Context, name: str, note: str | None, day: date | None) -> None:
    """Mark a rest day for habit NAME (neutral: it lowers nothing)."""
    day = not_in_future(ctx, day or today_for(ctx))
    store = open_store(ctx)
    habit = store.habits.find(name)
    if note is None:
        store.days.record(habit.id, day, "rest")
    else:
        store.days.record(habit.id, day, "rest", note=note)
    say(f"{printable(habit.name)}: rest on {day}.")


@click.command("undo")
@habit_argument
@date_option
@db_option
@click.pass_context
def undo(ctx: click.Context, name: str, day: date | None) -> None:
    """Clear what was recorded for habit NAME on a day (a note is kept)."""
    day = day or today_for(ctx)
    store = open_store(ctx)
    habit = store.habits.find(name)
    if store.days.entry(habit.id, day) is None:
        raise click.ClickException(f"nothing is recorded for {quoted(habit.name)} on {day}")
    store.days.record(habit.id, day, None)
    say(f"{printable(habit.name)}: cleared {day}.")


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
    store = open_store(ctx)
    habit_id = store.habits.find(habit_name).id if habit_name else None
    added = store.days.add_step(day, text, done=is_done, habit_id=habit_id)
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
    day = not_in_future(ctx, day or today_for(ctx))
    store = open_store(ctx)
    kwargs = {k: v for k, v in {"intention": intention, "note": note}.items() if v is not None}
    store.days.check_in(day, energy, **kwargs)  # type: ignore[arg-type]
    plan = {"low": "minimum versions today", "ok": "full versions, minimum as fallback",
            "high": "full versions, stretch on offer"}[energy]
    say(f"Checked in for {day}: energy {energy} ({plan}).")
