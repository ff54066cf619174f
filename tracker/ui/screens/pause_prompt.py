"""The app's pause: ask until which day (and why), then pause from the day shown, move
the end of the pause in force (or the days of one ahead: it then begins on the day
shown), or end it (nothing typed)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tracker.domain.pauses import Pause, read_until
from tracker.domain.text import printable, shorten

if TYPE_CHECKING:
    from tracker.domain.models import Habit
    from tracker.ui.session import Session


def current_pause(session: Session, habit: Habit | None, day: date) -> Pause | None:
    """The pause of exactly this habit (None: of every habit) in force on ``day`` or the
    next one ahead."""
    target = habit.id if habit else None
    mine = [p for p in session.store.pauses.all() if p.habit_id == target and p.last >= day]
    return min(mine, key=lambda p: p.first) if mine else None


def ask_pause(screen: Screen[Any], session: Session, habit: Habit | None, day: date,
              as_shown: Callable[[], AbstractContextManager[None]]) -> None:
    """Ask, then make the change (``as_shown``: the screen's refusals and reload)."""
    from tracker.ui.screens.dialogs import TextPromptScreen

    who = "every habit" if habit is None else shorten(printable(habit.name), 30)
    opening = "Every habit" if habit is None else who  # at the start of a sentence
    current = current_pause(session, habit, day)
    changes = session.changes.pauses

    def answer(text: str | None) -> None:
        if text is None:
            return
        if not text:
            if current is not None:
                with as_shown():
                    kept = changes.end(current, day)
                screen.notify(f"The pause of {who} ended: {day:%a %d %b} is not paused."
                              if kept is not None or current.first < day
                              else f"The pause of {who} is called off.", markup=False)
            return
        try:
            until, note = read_until(text, day)
        except ValueError as error:
            screen.notify(str(error), severity="warning", markup=False)
            return
        apart = current is not None and until < current.first - timedelta(days=1)
        with as_shown():
            if current is not None and not apart:  # one ahead that these days reach
                moved = changes.change_span(current, min(current.first, day), until)
                screen.notify(f"{opening} is paused {moved.first:%a %d %b} – "
                              f"{moved.last:%a %d %b}.", markup=False)
            else:  # a pause of its own (before the one ahead, if any)
                made = changes.add(day, until, habit, note)
                screen.notify(f"{opening} is paused {made.first:%a %d %b} – {made.last:%a %d %b}:"
                              " rest days, neutral for every rule.", markup=False)

    if current is None:
        title = f"Pause {who} from {day:%a %d %b} until which day?"
        hint = "e.g. sun, 2026-12-20 or +7, then why: 'sun holiday' · escape: cancel"
    elif day < current.first:
        title = (f"{opening} is paused {current.first:%a %d %b} – {current.last:%a %d %b}: "
                 f"from {day:%a %d %b} until which day?")
        hint = (f"a last day (sun, 2026-12-20, +3): days that reach that pause move it to "
                f"begin {day:%a %d %b}, others make one of their own · nothing: call it off "
                "· escape: cancel")
    else:
        title = (f"{opening} is paused {current.first:%a %d %b} – {current.last:%a %d %b}: "
                 "until which day now?")
        hint = "a new last day (sun, 2026-12-20, +3) · nothing: end it · escape: cancel"
    screen.app.push_screen(TextPromptScreen(title, placeholder="sun holiday", hint=hint,
                                            allow_empty=current is not None), answer)
