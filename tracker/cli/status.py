"""``tracker status``: one short line about today for a status bar (tmux, waybar, polybar,
i3blocks), or JSON, in the time a bar can wait for it every few seconds.

This module loads no click, Rich or Textual: ``tracker status`` is answered before the
command line is loaded (``tracker.cli.quick_status``, which keeps the last line), with
the day read through ``tracker.store.glance``; the click command answers ``--help`` and
mistakes with the same functions.

The tone is kind: a day with nothing left shows a quiet mark, never a red count; rest
is neutral; names are shown literally in every format (escape sequences as ``␛``, each
bar's own markup defused).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date, datetime

from tracker.domain.records import NamedTuple
from tracker.domain.text import json_text, printable, shorten
from tracker.domain.today import DayPlan, HabitPlan
from tracker.domain.words import level_words

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from pathlib import Path

NAMES_SHOWN = 3
NAME_WIDTH = 24
TOOLTIP_WIDTH = 80
"""A name or a minimum in a bar's tooltip is cut there (a tooltip is a glance too)."""
QUIET_GREEN = "#a3be8c"  # a calm green (the mark of a day with nothing left)
QUIET_GREY = "#8a8f98"


class Glance(NamedTuple):
    """What a status line says about a day, from the domain's plan of it."""

    day: date
    state: str
    """``empty`` (no habits yet), ``free`` (nothing planned), ``resting`` (all of it
    resting), ``done`` (nothing left) or ``left``."""
    done: int
    of: int
    resting: int
    left: tuple[HabitPlan, ...]


def glance(plan: DayPlan) -> Glance:
    """Sum up a day's plan: the wins out of what counts, and what is still open."""
    left = tuple(h for h in plan.habits if h.open)
    if not plan.habits:
        state = "empty"
    elif left:
        state = "left"
    elif plan.counted:
        state = "done"
    elif plan.resting:
        state = "resting"
    else:
        state = "free"
    return Glance(plan.day, state, plan.wins, plan.counted, plan.resting, left)


def _names(left: Sequence[HabitPlan]) -> str:
    names = [shorten(printable(h.habit.name), NAME_WIDTH) for h in left[:NAMES_SHOWN]]
    more = len(left) - NAMES_SHOWN
    return ", ".join(names) + (f" +{more}" if more > 0 else "")


def words(g: Glance, short: bool = False) -> tuple[str, str]:
    """The line as plain text, split into its mark (coloured where colour is on) and
    the rest: ``("2/5", " · Walk, Read left")``."""
    if g.state == "empty":
        return "", "no habits yet"
    if g.state == "free":
        return "", "nothing planned"
    if g.state == "resting":
        return "~", "" if short else " resting"
    if g.state == "done":
        return "✓", f" {g.done}/{g.of}"
    counts = f"{g.done}/{g.of}"
    return counts, "" if short else f" · {_names(g.left)} left"


def line(g: Glance, short: bool = False) -> str:
    """The plain status line."""
    mark, rest = words(g, short)
    return (mark + rest).strip()


def tooltip(g: Glance) -> str:
    """A few lines for a bar's tooltip: what is left, each with its minimum."""
    if not g.left:
        return {"empty": "No habits yet: 'tracker habit add' adds one.",
                "free": "Nothing planned today.",
                "resting": "Resting today: that counts as rest, not as missed.",
                }.get(g.state, f"All done today ({g.done}/{g.of}). Nice.")
    return "\n".join(f"{shorten(printable(h.habit.name), TOOLTIP_WIDTH)} — "
                     f"{shorten(printable(h.habit.minimum), TOOLTIP_WIDTH)}" for h in g.left)


def _ansi(g: Glance, short: bool) -> str:
    mark, rest = words(g, short)
    if g.state == "done":
        mark = f"\x1b[32m{mark}\x1b[0m"
    elif g.state in ("resting", "free", "empty"):
        return f"\x1b[2m{(mark + rest).strip()}\x1b[0m"
    return (mark + rest).strip()


def _tmux(g: Glance, short: bool, color: bool) -> str:
    mark, rest = (part.replace("#", "##") for part in words(g, short))  # ## is a literal #
    if not color:
        return (mark + rest).strip()
    if g.state == "done":
        return f"#[fg=green]{mark}#[default]{rest}"
    if g.state == "left":
        return f"{mark}#[dim]{rest}#[default]" if rest else mark
    return f"#[dim]{(mark + rest).strip()}#[default]"


def _polybar_safe(text: str) -> str:
    """Polybar reads ``%{…}`` as a formatting tag wherever it is (``%%`` does not escape
    it): a word joiner between the two keeps a typed ``%{`` literal."""
    return text.replace("%{", "%\u2060{")


def _polybar(g: Glance, short: bool, color: bool) -> str:
    mark, rest = (_polybar_safe(part) for part in words(g, short))
    if not color:
        return (mark + rest).strip()
    if g.state == "done":
        return f"%{{F{QUIET_GREEN}}}{mark}%{{F-}}{rest}"
    if g.state == "left":
        return mark + rest
    return f"%{{F{QUIET_GREY}}}{(mark + rest).strip()}%{{F-}}"


def _pango(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _json(g: Glance, short: bool) -> str:
    return json_text({
        "day": g.day.isoformat(), "state": g.state, "done": g.done, "of": g.of,
        "resting": g.resting, "text": line(g, short),
        "left": [{"name": h.habit.name, "level": h.level, "version": level_words(h.habit, h.level),
                  "minimum": h.habit.minimum} for h in g.left],
    })


def render(g: Glance, fmt: str = "text", short: bool = False, color: bool = False) -> str:
    """The status in one of FORMATS (no trailing newline)."""
    if fmt == "tmux":
        return _tmux(g, short, color)
    if fmt == "polybar":
        return _polybar(g, short, color)
    if fmt == "waybar":  # waybar reads its text and tooltip as Pango markup
        return json_text({"text": _pango(line(g, short)), "tooltip": _pango(tooltip(g)),
                          "class": g.state, "alt": g.state}).replace("\n", "")
    if fmt == "i3blocks":  # full text, short text, colour: one line each
        colour = {"done": QUIET_GREEN, "left": ""}.get(g.state, QUIET_GREY) if color else ""
        return "\n".join([line(g, short), line(g, True), colour]).rstrip("\n")
    if fmt == "json":
        return _json(g, short)
    return _ansi(g, short) if color else line(g, short)


def wants_color(choice: str | None, stream: object = None) -> bool:
    """``--color``: always, never, or auto (a terminal, unless NO_COLOR is set)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream if stream is not None else sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def bar_color(fmt: str, choice: str | None) -> bool:
    """A bar's own styles are for the bar, not a terminal: on unless never (or NO_COLOR)."""
    if fmt in ("tmux", "polybar", "i3blocks"):
        return choice == "always" or (choice != "never" and not os.environ.get("NO_COLOR"))
    return wants_color(choice)


def plan_for(db: str | None, now: datetime | None = None) -> DayPlan:
    """Today's plan (days follow the config's day-start hour, as in the app), read with
    a glance; the full Store where a glance cannot tell (it explains any problem)."""
    from tracker.domain.days import logical_day
    from tracker.files.config import database_path, load_config

    config = load_config()
    moment = now or datetime.now().astimezone().replace(tzinfo=None)
    return read_plan(database_path(db), logical_day(moment, config.day_start_hour),
                     config.week_start)


def read_plan(path: str | Path, day: date, week_start: int) -> DayPlan:
    """A day's plan read without writing: through a glance (a database not made yet is
    an empty day, and is not made); the full Store where a glance cannot tell (it
    explains any problem, or brings an older file up to date)."""
    from tracker.store.glance import NotAGlance, day_plan

    try:
        return day_plan(path, day, week_start)
    except NotAGlance:
        from pathlib import Path

        from tracker.store import Store

        store = Store(Path(path))
        try:
            return store.day_plan(day, week_start)
        finally:
            store.close()


def status(fmt: str, short: bool, db: str | None, color: str | None,
           now: datetime | None = None) -> str:
    """``tracker status``'s output."""
    return render(glance(plan_for(db, now)), fmt, short, bar_color(fmt, color))


def kept_status(database: str, day: date, week_start: int, fmt: str, short: bool,
                color: str | None) -> tuple[str, str | None]:
    """``tracker status``'s output for ``day`` of the database at ``database`` (the
    settings already read), and the fingerprint of the rows it was made from: None when
    the line is not to be kept (no database yet, or only the full Store could read it)."""
    from tracker.store.glance import NotAGlance, plan_and_fingerprint

    try:
        plan, rows = plan_and_fingerprint(database, day, week_start)
    except NotAGlance:
        plan, rows = read_plan(database, day, week_start), None
    return render(glance(plan), fmt, short, bar_color(fmt, color)), rows
