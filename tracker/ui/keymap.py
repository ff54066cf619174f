"""Checking the ``[keys]`` of config.toml against every screen's bindings, so that a
remapping can never fail silently: an unknown binding id, or a key that two actions of
one screen would share, is one clear message at start."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from textual.binding import Binding, BindingType

from tracker.files.config import ConfigError


def _screens() -> dict[str, list[Binding]]:
    """Each screen's bindings, as the keys reach them (the app's and the list's too)."""
    from tracker.ui.app import TrackerApp
    from tracker.ui.screens.checkin import CheckInScreen
    from tracker.ui.screens.habit_page import HabitPageScreen
    from tracker.ui.screens.habits import HabitsScreen
    from tracker.ui.screens.today import TodayScreen
    from tracker.ui.screens.week import WeekScreen
    from tracker.ui.widgets.line_list import LineList

    def real(bindings: Iterable[BindingType]) -> list[Binding]:
        return [b for b in bindings if isinstance(b, Binding)]

    everywhere = real(TrackerApp.BINDINGS)
    return {
        "Today": real(TodayScreen.BINDINGS) + real(LineList.BINDINGS) + everywhere,
        "Habits": real(HabitsScreen.BINDINGS) + everywhere,
        "Week review": real(WeekScreen.BINDINGS) + real(LineList.BINDINGS) + everywhere,
        "Check-in": real(CheckInScreen.BINDINGS),
        "Habit page": real(HabitPageScreen.BINDINGS) + everywhere,
    }


def binding_ids() -> set[str]:
    """Every id a ``[keys]`` table may remap (README.md, Configuration, lists them: a
    test keeps the two equal)."""
    return {b.id for bindings in _screens().values() for b in bindings if b.id}


def _keys(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def check_keymap(keymap: Mapping[str, str], where: str = "config.toml") -> None:
    """Raise ConfigError naming the first problem of a ``[keys]`` table, if any."""
    if not keymap:
        return
    screens = _screens()
    known = binding_ids()
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, sorted(known), n=2)
            hint = f" Did you mean {' or '.join(close)}?" if close else ""
            raise ConfigError(f"{where}: [keys] has no binding named {binding_id!r}.{hint} "
                              "README.md (Configuration) lists them.")
        if not _keys(keys):
            raise ConfigError(f"{where}: [keys] {binding_id} has no key; e.g. "
                              f"{binding_id} = \"x\"")
    for screen, bindings in screens.items():
        taken: dict[str, str] = {}
        for binding in bindings:
            name = binding.id or binding.action
            for key in _keys(keymap.get(binding.id or "", binding.key)):
                other = taken.get(key)
                if other is not None and other != name:
                    raise ConfigError(
                        f"{where}: [keys] gives {key!r} to both {other} and {name} on the "
                        f"{screen} screen; choose another key for one of them")
                taken[key] = name
