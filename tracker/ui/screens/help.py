"""Help: every key of every screen, as remapped by the user's config."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tracker.ui.screens.dialogs import Dialog
from tracker.ui.widgets.key_bar import describe_keys

MOVE_KEYS = ("↑ ↓ / k j", "move")
ENTER_KEY = ("enter", "the selected habit's page (on a micro-step: tick it)")


def key_rows(bindings: Sequence[BindingType], keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    rows = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
        rows.append((describe_keys(keys), binding.tooltip or binding.description))
    return rows


def help_sections(everywhere: Sequence[BindingType],
                  keymap: Mapping[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every screen's keys as remapped, ``everywhere`` being the app's own."""
    from tracker.ui.screens.habit_page import HabitPageScreen
    from tracker.ui.screens.habits import HabitsScreen
    from tracker.ui.screens.today import TodayScreen
    from tracker.ui.screens.week import WeekScreen

    return [
        ("Today", [MOVE_KEYS, ENTER_KEY, *key_rows(TodayScreen.BINDINGS, keymap)]),
        ("Everywhere", [*key_rows(everywhere, keymap),
                        ("ctrl+p", "command palette: every action by name")]),
        ("Habits (h)", key_rows(HabitsScreen.BINDINGS, keymap)),
        ("Week review (w)", key_rows(WeekScreen.BINDINGS, keymap)),
        ("Habit page (enter on a habit)", [("← → ↑ ↓", "the cursor: a week, a day"),
                                           *key_rows(HabitPageScreen.BINDINGS, keymap)]),
        ("Check-in (c)", [("1 / 2 / 3", "energy low / ok / high"),
                          ("tab", "intention, then context"), ("enter", "confirm"),
                          ("esc", "not today")]),
    ]


def help_table(sections: Sequence[tuple[str, list[tuple[str, str]]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, rows in sections:
        table.add_row(Text(title, style="bold underline"), "")
        for keys, description in rows:
            table.add_row(keys, description)
        table.add_row("", "")
    return table


class HelpScreen(Dialog[None]):
    """Every key; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen #help-body {
        height: auto;
        max-height: 80vh;
        width: 112;  /* room for every key on one line, on a wide terminal */
        max-width: 100%;
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("down,j", "scroll(1)", "Down", show=False),
        Binding("up,k", "scroll(-1)", "Up", show=False),
        Binding("pagedown,space", "scroll(10)", "Page down", show=False),
        Binding("pageup", "scroll(-10)", "Page up", show=False),
    ]

    def __init__(self, sections: Sequence[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help-body", can_focus=False):
            yield Static("Keys", classes="title")
            yield Static(help_table(self.sections))
            yield Static("↑/↓ and page keys scroll. Remap keys in config.toml under [keys] "
                         "(see README). escape closes.", classes="hint")

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.answer(None)
