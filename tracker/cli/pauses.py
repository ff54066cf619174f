"""``tracker pause``: days off on purpose (a holiday, an illness) for one habit or every
habit, ahead or gone by; ended early; listed."""

from __future__ import annotations

from datetime import date

import click

from tracker.cli.common import DAY, db_option, open_changes, say, today_for
from tracker.cli.completion import complete_habit
from tracker.domain.text import printable


def _span(first: date, last: date) -> str:
    return f"{first:%a %d %b %Y} – {last:%a %d %b %Y}"


@click.command("pause")
@click.option("--from", "first", type=DAY, default=None,
              help="The first day of the pause (default: today).")
@click.option("--to", "last", type=DAY, default=None,
              help="Its last day (ahead is fine). Days that meet a pause of the same "
              "habit move that pause: the same --from moves its end (earlier ends it "
              "early), another --from its first day too; days that meet several make "
              "them one.")
@click.option("--habit", "habit_name", metavar="NAME", shell_complete=complete_habit,
              help="Pause this habit only (default: every habit).")
@click.option("--note", default="", help="Why, e.g. 'holiday' (shown: 'paused: holiday').")
@click.option("--end", "end", is_flag=True,
              help="End the pause in force (from --date, default today, the days are "
              "not paused any more); one still ahead is called off.")
@click.option("--date", "day", type=DAY, default=None, help="With --end: the first day back.")
@click.option("--list", "listing", is_flag=True, help="List the pauses.")
@db_option
@click.pass_context
def pause(ctx: click.Context, first: date | None, last: date | None, habit_name: str | None,
          note: str, end: bool, day: date | None, listing: bool) -> None:
    """Pause habits for some days: they are rest (neutral) for every rule."""
    changes = open_changes(ctx)
    store = changes.store
    habit = store.habits.find(habit_name) if habit_name else None
    target = habit.id if habit else None
    today = today_for(ctx)
    if listing:
        pauses = store.pauses.all()
        if not pauses:
            say("No pauses. tracker pause --to DAY [--habit NAME] makes one.")
        for p in pauses:
            say(f"{_span(p.first, p.last)}  {printable(changes.pauses.who(p))}"
                + (f"  {printable(p.note)}" if p.note else ""))
        return
    if end:
        back = day or today
        ending = [p for p in store.pauses.all() if p.habit_id == target and p.last >= back]
        if not ending:
            raise click.ClickException(
                f"no pause of {printable(habit.name) if habit else 'every habit'} is in force "
                f"on {back} or ahead (tracker pause --list shows them)")
        for p in ending:
            kept = changes.pauses.end(p, back)
            who = printable(changes.pauses.who(p))
            say(f"Called off the pause of {who} ({_span(p.first, p.last)})." if kept is None
                else f"Ended the pause of {who}: paused {_span(kept.first, kept.last)}.")
        return
    if last is None:
        raise click.UsageError("say until when: --to DAY (or --end, or --list)")
    first = first or today
    mine = [p for p in store.pauses.all() if p.habit_id == target]
    same = [p for p in mine if p.first == first] or [
        p for p in mine if p.first <= last and p.last >= first]  # the pause these days move
    if len(same) > 1:  # the days join them: one pause
        merged = changes.pauses.merge(same, first, last, note or None)
        say(f"The {len(same)} pauses of {printable(changes.pauses.who(merged))} ("
            + ", ".join(_span(p.first, p.last) for p in same)
            + f") are one now: {_span(merged.first, merged.last)}"
            + (f" ({printable(merged.note)})." if merged.note else "."))
        return
    if same:
        was = same[0]
        moved = changes.pauses.change_span(was, first, last, note or None)
        say(f"The pause of {printable(changes.pauses.who(moved))} now runs "
            f"{_span(moved.first, moved.last)} (it ran {_span(was.first, was.last)})"
            + (f" ({printable(moved.note)})." if moved.note else "."))
        return
    made = changes.pauses.add(first, last, habit, note)
    say(f"Paused {printable(changes.pauses.who(made))} {_span(made.first, made.last)}"
        + (f" ({printable(made.note)})" if made.note else "")
        + ": rest days, neutral for every rule.")
