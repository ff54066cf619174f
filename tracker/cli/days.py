"""``tracker done | rest | clear | step | checkin``: recording what happened on a day,
through the changes room (tracker/changes/): the same rules as the app's keys."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from tracker.cli.common import DAY, checked_amount, db_option, open_changes, say, today_for
from tracker.cli.completion import complete_habit, habit_argument
from tracker.domain.models import ENERGIES, LEVELS
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
    changes = open_changes(ctx)
    habit = changes.store.habits.find(name)
    entry = changes.days.done(habit, day or today_for(ctx), level, checked_amount(amount), note)
    assert entry is not None
    day, status = entry.day, entry.status
    evidence = amount_text(entry.amount, habit.unit)
    if status is None:
        say(f"{printable(habit.name)}: {evidence} kept as evidence on {day}; it reaches no "
            f"level yet ({printable(habit.levels_text())}).")
        return
    say(f"{printable(habit.name)}: {status} on {day}"
        + (f" ({evidence})" if evidence else "") + ". Nice.")


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
