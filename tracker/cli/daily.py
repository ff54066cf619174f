"""The daily touch from a shell: ``tracker status`` (a status bar's line), ``tracker today``
(what is left, with each minimum) and ``tracker ask`` (a check-in, habit by habit, one key
each: from any terminal or an ssh session)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import (
    DAY,
    color_choice,
    config,
    db_option,
    db_path,
    open_changes,
    say,
    today_for,
)
from tracker.cli.quick_status import FORMATS
from tracker.cli.status import Glance, glance, read_plan, status
from tracker.domain.days import describe_day
from tracker.domain.text import json_text, printable
from tracker.domain.today import DayPlan, HabitPlan
from tracker.domain.words import level_words
from tracker.store import ChangedElsewhere, HabitGone

if TYPE_CHECKING:
    from tracker.changes import Changes


@click.command("status")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Plain text, a bar's own styles, or JSON (waybar: text, tooltip, class).")
@click.option("--short", is_flag=True, help="Only the counts (2/5).")
@db_option
@click.pass_context
def status_command(ctx: click.Context, fmt: str, short: bool) -> None:
    """One short line about today for a status bar: what is done and what is left.

    Fast enough to run every few seconds; nothing left shows a quiet mark."""
    config(ctx)  # a mistake in the config is one line, as everywhere
    click.echo(status(fmt, short, ctx.meta.get("tracker.db"), color_choice()))


def describe_plan(h: HabitPlan) -> str:
    """``Read — full: a chapter (minimum: one page)``; a habit planned at its minimum
    says it once."""
    name, minimum = printable(h.habit.name), printable(level_words(h.habit, "minimum"))
    if h.level == "minimum":
        return f"{name} — minimum: {minimum}"
    return f"{name} — {h.level}: {printable(level_words(h.habit, h.level))} (minimum: {minimum})"


def _day_words(plan: DayPlan, g: Glance, today: date) -> str:
    energy = f" · energy {plan.checkin.energy}" if plan.checkin else ""
    counts = f" · {g.done} of {g.of} done" if g.of else ""
    return f"{describe_day(plan.day, today).capitalize()}, {plan.day}{energy}{counts}"


def today_text(plan: DayPlan, today: date) -> str:
    """What is left on a day, in words: the habits with their level and minimum, then the
    micro-steps not done."""
    g = glance(plan)
    lines = [_day_words(plan, g, today)]
    if g.state == "empty":
        lines.append("No habits yet: add one with tracker habit add NAME --min TEXT.")
    elif g.state == "free":
        lines.append("Nothing planned. A win on any habit still counts.")
    elif g.state == "resting":
        lines.append("Resting: that is neutral, nothing is missed.")
    elif g.state == "done":
        lines.append("Nothing left. Nice.")
    else:
        lines.append("Left:")
        lines += [f"  {describe_plan(h)}" for h in g.left]
    open_steps = [s for s in plan.steps if not s.done]
    if open_steps:
        lines.append("Micro-steps:")
        lines += [f"  ○ {printable(s.text)}" for s in open_steps]
    return "\n".join(lines)


def today_json(plan: DayPlan) -> dict[str, Any]:
    """``tracker today --format json``: the day, its counts, what is left, open steps."""
    g = glance(plan)
    names = {h.habit.id: h.habit.name for h in plan.habits}
    return {
        "day": plan.day.isoformat(), "state": g.state,
        "energy": plan.checkin.energy if plan.checkin else None,
        "done": g.done, "of": g.of, "resting": g.resting,
        "left": [{"name": h.habit.name, "level": h.level,
                  "version": level_words(h.habit, h.level),
                  "minimum": h.habit.minimum, "stretch_offered": h.stretch_offered}
                 for h in g.left],
        "steps": [{"text": s.text, "habit": names.get(s.habit_id) if s.habit_id else None}
                  for s in plan.steps if not s.done],
    }


@click.command("today")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--date", "day", type=DAY, default=None, help="Another day (default: today).")
@db_option
@click.pass_context
def today_command(ctx: click.Context, fmt: str, day: date | None) -> None:
    """What is planned today and not done yet, each with its minimum, and the open
    micro-steps."""
    today = today_for(ctx)
    plan = read_plan(db_path(ctx), day or today, config(ctx).week_start)
    if fmt == "json":
        click.echo(json_text(today_json(plan)))
    else:
        say(today_text(plan, today))


ASK_KEYS = "[d] done  [m] minimum  [r] rest  [s] skip  [q] stop"


@contextmanager
def single_keys() -> Iterator[bool]:
    """On a terminal, keys arrive one by one, unechoed, for the whole session (set once,
    and without flushing: a key typed early is not lost); yields whether that is so."""
    if not sys.stdin.isatty():
        yield False
        return
    import termios

    fd = sys.stdin.fileno()
    before = termios.tcgetattr(fd)
    keys = termios.tcgetattr(fd)
    keys[3] &= ~(termios.ICANON | termios.ECHO)
    keys[6][termios.VMIN], keys[6][termios.VTIME] = 1, 0
    termios.tcsetattr(fd, termios.TCSANOW, keys)
    try:
        yield True
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, before)


WORDS = {"done": "d", "minimum": "m", "min": "m", "rest": "r", "skip": "s", "stop": "q",
         "quit": "q", "": "s"}
"""From a pipe, a line is one key or one of these words (an empty line skips)."""


class Keys:
    """The answers, one at a time: on a terminal each key as it is pressed (keys typed
    ahead or pasted are all kept, in order); from a pipe, one line each. An empty
    string means stop: end of input, ctrl+d, escape; an arrow key reads as "?"."""

    def __init__(self, single: bool) -> None:
        self.single = single
        self.typed = ""

    def next(self) -> str:
        if not self.single:
            line = sys.stdin.readline()
            if not line:
                return ""
            word = line.strip().lower()
            return word if len(word) == 1 else WORDS.get(word, "?")
        if not self.typed:
            import os

            self.typed = os.read(sys.stdin.fileno(), 64).decode(errors="replace")
            if not self.typed:
                return ""
        key, self.typed = self.typed[:1], self.typed[1:]
        if key == "\x04" or (key == "\x1b" and not self.typed):
            return ""
        if key == "\x1b":  # an escape sequence (an arrow key): up to its final letter
            end = next((i for i, c in enumerate(self.typed[1:], 1) if c.isalpha() or c == "~"),
                       len(self.typed) - 1)
            self.typed = self.typed[end + 1:]
            return "?"
        return key.lower()


@click.command("ask")
@db_option
@click.pass_context
def ask(ctx: click.Context) -> None:
    """Go through what is left today, habit by habit, one key each: done at the planned
    level, the minimum, rest, or skip."""
    today = today_for(ctx)
    changes = open_changes(ctx)
    store = changes.store
    plan = store.day_plan(today, config(ctx).week_start)
    g = glance(plan)
    if not g.left:
        say(today_text(plan, today).splitlines()[-1])
        return
    say(f"{len(g.left)} left today. One key each: {ASK_KEYS}")
    try:
        with single_keys() as single:
            keys = Keys(single)
            for h in g.left:
                if not _ask_one(changes, h, today, keys):
                    click.echo("stop")
                    break
    except KeyboardInterrupt:
        click.echo("stop")
    _goodbye(store.day_plan(today, config(ctx).week_start))


def _ask_one(changes: Changes, h: HabitPlan, day: date, keys: Keys) -> bool:
    """Ask about one habit and record the answer; False to stop."""
    say(describe_plan(h))
    while True:
        click.echo(f"  {h.level if h.level != 'minimum' else 'done'}? ", nl=False)
        key = keys.next()
        if key in ("", "q"):
            return False
        status = {"d": h.level, "m": "minimum", "r": "rest"}.get(key)
        if status is not None:
            try:  # what was asked about: a day marked meanwhile elsewhere is left alone
                if changes.store.habits.get(h.habit.id).archived:
                    click.echo("archived meanwhile elsewhere; skipped")
                    return True
                changes.days.mark(h.habit, day, status, seen=h.status)
            except HabitGone:
                click.echo("deleted meanwhile elsewhere; skipped")
                return True
            except ChangedElsewhere:
                click.echo("changed meanwhile elsewhere; left as it is")
                return True
            said = ". Nice." if status != "rest" else " (neutral: it lowers nothing)."
            click.echo(status + said)
            return True
        if key in ("s", "\r", "\n", " "):
            click.echo("skipped")
            return True
        click.echo(f"(that key does nothing here: {ASK_KEYS})")


def _goodbye(plan: DayPlan) -> None:
    g = glance(plan)
    say(f"That's all for now: {g.done} of {g.of} done today." if g.of else "That's all.")

