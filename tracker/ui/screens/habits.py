"""Habits: list, add, edit every field, archive (asks first), reorder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowKey

from tracker.domain.directions import direction_key, grouped, heading
from tracker.domain.models import Habit
from tracker.domain.text import printable, shorten, with_history
from tracker.ui.messages import DataChanged
from tracker.ui.screens.dialogs import ConfirmScreen
from tracker.ui.screens.habit_form import HabitFields, HabitFormScreen
from tracker.ui.screens.refusals import reporting_refusals
from tracker.ui.widgets.key_bar import KeyBar, describe_keys

if TYPE_CHECKING:
    from tracker.ui.session import Session

HINT = (("habits.add", "add"), ("habits.edit", "edit (also enter)"),
        ("habits.archive", "archive or restore"), ("habits.delete", "delete"),
        ("habits.move_up", "up"), ("habits.move_down", "down"), ("habits.back", "back"))


def hint_text(keymap: Mapping[str, str]) -> str:
    """The hint line, with the keys as the person remapped them."""
    defaults = {b.id: b.key for b in HabitsScreen.BINDINGS
                if isinstance(b, Binding) and b.id}
    return " · ".join(f"{describe_keys(keymap.get(i, defaults[i]))} {what}"
                      for i, what in HINT)


MOST = (8, 28, 20, 36, 24, 8)
"""The widest each column of the habits table gets: archived, habit, direction,
minimum, schedule, ladder."""
SHRINK = ((3, 18), (4, 14), (2, 10), (1, 14), (3, 10), (4, 9), (2, 6), (1, 10))
"""How columns give way on a small terminal, in turn (column, down to width): the
minimum first, then the schedule, direction and habit, then all of them further; a
cut text ends with an ellipsis."""


def column_widths(rows: Sequence[tuple[str, ...]], width: int) -> list[int]:
    """Each column's width so that the table fits ``width`` cells (2 of padding a
    column), every column shown: the longest text up to ``MOST``, then narrowed in
    ``SHRINK``'s order."""
    headers = ("", "habit", "direction", "minimum", "schedule", "ladder")
    widths = [min(most, max([len(h), *(len(r[i]) for r in rows)]))
              for i, (h, most) in enumerate(zip(headers, MOST, strict=True))]
    if not any(r[0] for r in rows):
        widths[0] = 0
    over = sum(widths) + 2 * len(widths) + 2 - width  # the scrollbar's room too
    for column, least in SHRINK:
        if over <= 0:
            break
        give = min(over, max(0, widths[column] - least))
        widths[column] -= give
        over -= give
    return widths


class HabitsScreen(Screen[None]):
    """All habits with direction, minimum, schedule and ladder; archived ones last."""

    DEFAULT_CSS = """
    HabitsScreen DataTable {
        height: 1fr;
    }
    HabitsScreen #habits-hint {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    HabitsScreen #habits-title {
        text-style: bold;
        margin-top: 1;
        color: $accent;
    }
    """

    BINDINGS = [
        Binding("a", "add", "Add", id="habits.add", tooltip="add a habit"),
        Binding("e", "edit", "Edit", id="habits.edit",
                tooltip="edit the selected habit, every field (also enter)"),
        Binding("d", "archive", "Archive", id="habits.archive",
                tooltip="archive or restore the selected habit (asks)"),
        Binding("x,delete", "delete", "Delete", id="habits.delete",
                tooltip="delete the selected habit and its history (asks; backs up first)"),
        Binding("shift+up", "move(-1)", "Up", id="habits.move_up", tooltip="move it up"),
        Binding("shift+down", "move(1)", "Down", id="habits.move_down",
                tooltip="move it down"),
        Binding("escape", "app.back_to_today", "Back", id="habits.back", tooltip="back to today"),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.habits: list[Habit] = []
        self._rows: dict[RowKey, Habit] = {}
        """Each row's habit, by the row's key: the row says which habit it is."""

    def compose(self) -> ComposeResult:
        yield Static("Habits", id="habits-title")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True,
                                           id="habits-table")
        yield table
        yield Static("", id="habits-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in ("", "habit", "direction", "minimum", "schedule", "ladder"):
            table.add_column(column)
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        self.reload()

    def on_data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def reload(self, select: int | None = None) -> None:
        store = self.session.store
        table = self.query_one(DataTable)
        current = select
        if current is None and (shown := self._selected()) is not None:
            current = shown.id
        self.habits = store.habits.all(include_archived=True)
        ladders = store.habits.ladders()
        table.clear()
        cells = [("archived" if habit.archived else "", printable(habit.name),
                  printable(habit.direction) or "—", printable(habit.minimum),
                  habit.schedule.describe(),
                  f"{(n := len(ladders.get(habit.id, [])))} rung{'s' if n != 1 else ''}")
                 for habit in self.habits]
        widths = column_widths(cells, self.app.size.width)
        self._rows = {}
        row_of = dict(zip((h.id for h in self.habits), cells, strict=True))
        for direction, habits in self._groups():
            if direction is not None:  # a direction's heading row (no habit: keys pass)
                title = Text(shorten(printable(heading(direction)), max(widths[1], 16)),
                             style="bold" if direction else "italic dim")
                table.add_row(Text(""), title, *(Text("") for _ in widths[2:]),
                              key=f"direction:{direction_key(direction)}")
            for habit in habits:
                style = "dim" if habit.archived else ""
                texts = (Text(shorten(text, width), style="italic" if i == 0 else style)
                         for i, (text, width) in enumerate(zip(row_of[habit.id], widths,
                                                               strict=True)))
                self._rows[table.add_row(*texts, key=str(habit.id))] = habit
        hint = hint_text(self.session.config.keys)
        if not self.habits:
            hint = "No habits yet: add your first one. " + hint
        self.query_one("#habits-hint", Static).update(hint)
        if current is None and self._rows:  # the first habit, never a heading
            current = next(iter(self._rows.values())).id
        if current is not None and str(current) in table.rows:
            table.move_cursor(row=table.get_row_index(str(current)))
        table.focus()

    def _groups(self) -> list[tuple[str | None, list[Habit]]]:
        """The habits as listed: under their directions (a heading each; archived ones
        last, without), or, with grouping off or no direction yet, as one list."""
        active = [h for h in self.habits if not h.archived]
        archived = [h for h in self.habits if h.archived]
        groups = grouped(active, lambda h: h.direction)
        if not self.session.config.group_by_direction or not any(d for d, _ in groups):
            return [(None, self.habits)]
        return [*groups, *([(None, archived)] if archived else [])]

    def _selected(self) -> Habit | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return self._rows.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key)

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    @work
    async def action_add(self) -> None:
        added: list[Habit] = []

        def save(fields: HabitFields) -> None:
            added.append(self.session.changes.habits.add(
                fields.name, fields.minimum, full=fields.full, stretch=fields.stretch,
                direction=fields.direction, unit=fields.unit, schedule=fields.schedule,
                **fields.amounts()))

        await self.app.push_screen_wait(HabitFormScreen(save=save))
        if added:
            self.notify(f"Added {shorten(printable(added[0].name), 40)}.", markup=False)
            self.reload(select=added[0].id)

    @on(DataTable.RowSelected)
    def edit_selected(self) -> None:
        self.action_edit()

    @work
    async def action_edit(self) -> None:
        habit = self._selected()
        if habit is None:
            return
        def save(fields: HabitFields) -> None:
            self.session.changes.habits.edit(
                habit, seen=True, name=fields.name, minimum=fields.minimum, full=fields.full,
                stretch=fields.stretch, direction=fields.direction, unit=fields.unit,
                schedule=fields.schedule, **fields.amounts())

        await self.app.push_screen_wait(HabitFormScreen(habit, save=save))
        await self._rename_direction_too(habit)
        self.reload(select=habit.id)

    async def _rename_direction_too(self, habit: Habit) -> None:
        """A direction renamed in the form: offer to rename it on the other habits
        serving it too (one change; u takes it back)."""
        from tracker.domain.directions import direction_key, matches

        store = self.session.store
        now = store.habits.get(habit.id).direction
        old = habit.direction
        if not old.strip() or not now.strip() or direction_key(old) == direction_key(now):
            return
        others = [h for h in store.habits.all(include_archived=True)
                  if h.id != habit.id and matches(h.direction, old)]
        if not others:
            return
        count = f"{len(others)} other habit{'s' if len(others) != 1 else ''}"
        question = Text(f"Rename the direction “{shorten(printable(old), 30)}” to "
                        f"“{shorten(printable(now), 30)}” on {count} too?")
        if await self.app.push_screen_wait(ConfirmScreen(question)):
            with reporting_refusals(self):
                self.session.changes.habits.rename_direction(old, now)

    @work
    async def action_archive(self) -> None:
        habit = self._selected()
        if habit is None:
            return
        name = shorten(printable(habit.name), 40)
        if habit.archived:
            question = Text(f"Restore “{name}” to the Today list?")
        else:
            question = Text(f"Archive “{name}”? Its history is kept; d restores it.")
        if await self.app.push_screen_wait(ConfirmScreen(question)):
            with reporting_refusals(self):
                self.session.changes.habits.archive(habit, not habit.archived)
            self.reload(select=habit.id)

    @work
    async def action_delete(self) -> None:
        habit = self._selected()
        if habit is None:
            return
        store = self.session.store
        what = with_history(shorten(habit.name, 40), *store.habits.history_size(habit.id))
        question = Text(f"Delete {what}? u undoes it while tracker is open, and a backup "
                        "of the whole database is taken first. (d archives instead, keeping "
                        "the history.)")
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        with reporting_refusals(self):
            copy = self.session.changes.habits.delete(habit)
            self.notify(f"Deleted {shorten(printable(habit.name), 40)} (u undoes it). A copy "
                        f"from before is in {copy}.", markup=False, timeout=8)
        self.reload()

    def action_move(self, offset: int) -> None:
        habit = self._selected()
        if habit is None or habit.archived:
            return
        with reporting_refusals(self):
            shown_grouped = self._groups()[0][0] is not None
            self.session.changes.habits.move(habit, offset, grouped=shown_grouped)
        self.reload(select=habit.id)
