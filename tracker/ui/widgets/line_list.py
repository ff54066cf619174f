"""A keyboard-driven list of one-line rows on Textual's line API.

Only the visible lines are drawn, and drawn lines are kept by what they show, so a
change redraws only the rows that changed. Rows with an ``id`` can be highlighted;
rows without one are headings and text. Today's list and the week review use it:
both are on screen often, and a list of widgets costs many times more to lay out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

RowId = Hashable
"""A row's id: any hashable value, typed by the lists that use this one (the app's are
in row_ids.py), so that a row says what it stands for without parsing."""


@dataclass(frozen=True)
class Row:
    """One line of the list.

    ``id`` makes it selectable; consecutive rows with the same id are one block
    (a wrapped paragraph), highlighted and moved over together. ``layout``, when
    given, draws the row for the width it is shown at; ``signature`` names what the
    row shows (equal signatures draw equal lines), by default its text.
    """

    id: RowId | None
    text: Text
    signature: Hashable = None
    layout: Callable[[int], Text] | None = None
    heading: bool = False

    @property
    def key(self) -> Hashable:
        return self.signature if self.signature is not None else self.text.markup


LineKey = tuple[Hashable, bool, bool, int, bool, bool]
"""What shapes a drawn line: content, heading, selectable, width, highlighted, first of
the highlighted block."""


class LineList(ScrollView, can_focus=True):
    """Rows of text, a highlighted row, and keys to move it."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False, id="down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="up"),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("enter", "choose", show=False),
    ]
    COMPONENT_CLASSES = {"line-list--highlight", "line-list--heading"}
    DEFAULT_CSS = """
    LineList > .line-list--highlight {
        background: $block-cursor-blurred-background;
    }
    LineList:focus > .line-list--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    LineList > .line-list--heading {
        color: $text-muted;
    }
    """

    highlighted: var[int | None] = var(None, always_update=True)
    """Index of the highlighted row; its watcher redraws only the lines that changed."""

    class Chosen(Message):
        """Enter on a selectable row: the row, its id and the list (as Textual's
        ``OptionList.OptionSelected`` carries the option, its id and the control)."""

        def __init__(self, line_list: LineList, row: Row) -> None:
            super().__init__()
            self.line_list = line_list
            self.row = row

        @property
        def row_id(self) -> RowId:
            assert self.row.id is not None  # only selectable rows are chosen
            return self.row.id

        @property
        def control(self) -> LineList:
            return self.line_list

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.rows: list[Row] = []
        self._lines: dict[LineKey, Strip] = {}
        self._drawn: dict[int, Hashable] = {}
        """What each line on screen last showed: only lines that change are redrawn."""
        self._styles: dict[str, Style] = {}
        self._frame: tuple[int, int, int, RowId | None] = (0, 0, 0, None)

    # Content -------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Row], select: RowId | None = None) -> None:
        """Show ``rows``, highlighting ``select`` (else the row highlighted before,
        else the first selectable row)."""
        previous = self.selected_id
        self.rows = list(rows)
        if len(self._lines) > 2000:  # lines are kept by content: unchanged rows stay drawn
            self._forget_lines()
        self.virtual_size = Size(0, len(self.rows))
        ids = [row.id for row in self.rows]
        target = select if select is not None and select in ids else previous
        self.select_id(target)  # always redraws what changed (highlighted: always_update)

    @property
    def selected_id(self) -> RowId | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index].id

    def select_id(self, row_id: RowId | None) -> None:
        """Highlight a row by id; else the first selectable row."""
        ids = [row.id for row in self.rows]
        if row_id is not None and row_id in ids:
            self.highlighted = ids.index(row_id)
        else:
            self.highlighted = self._selectable(0, 1)

    @property
    def content_width(self) -> int:
        """The width rows are drawn at; before the first layout, the app's width less
        the padding and the scrollbar (so the first layout does not wrap them again)."""
        width = self.scrollable_content_region.width
        if not width:
            styles = self.styles
            width = self.app.size.width - styles.gutter.width
            if styles.overflow_y != "hidden":
                width -= styles.scrollbar_size_vertical
        return max(20, width)

    @property
    def allow_vertical_scroll(self) -> bool:
        """Scrolls whenever the rows are taller than the list, scrollbar shown or not
        (the week review hides it: see WeekScreen.DEFAULT_CSS)."""
        return not (self.disabled or self.loading) and self.max_scroll_y > 0

    def position(self) -> tuple[int, int, int]:
        """First and last row shown (from 1) and the number of rows."""
        _width, height, top, _selected = self._view()
        total = len(self.rows)
        return min(top + 1, total), min(total, top + height), total

    # Moving --------------------------------------------------------------------
    def _selectable(self, start: int, step: int, skip: RowId | None = None) -> int | None:
        """The first row of the next selectable block from ``start`` going ``step``."""
        index = start
        while 0 <= index < len(self.rows):
            row_id = self.rows[index].id
            if row_id is not None and row_id != skip:
                while index > 0 and self.rows[index - 1].id == row_id:
                    index -= 1  # the top of its block
                return index
            index += step
        return None

    def action_move(self, step: int) -> None:
        if self.highlighted is None:
            self.highlighted = self._selectable(0, 1)
            return
        target = self._selectable(self.highlighted + step, step, skip=self.selected_id)
        if target is not None:
            self.highlighted = target
            self.reveal()
        elif step < 0 and self.scroll_offset.y > 0:
            self.scroll_to(y=0, animate=False)  # reveal headings above the first row
        elif step > 0:
            self.scroll_end(animate=False)

    def action_first(self) -> None:
        self.highlighted = self._selectable(0, 1)
        self.scroll_to(y=0, animate=False)

    def action_last(self) -> None:
        self.highlighted = self._selectable(len(self.rows) - 1, -1)
        self.scroll_end(animate=False)

    def action_page(self, direction: int) -> None:
        start = (self.highlighted or 0) + direction * max(1, self.size.height - 1)
        start = max(0, min(len(self.rows) - 1, start))
        target = self._selectable(start, direction) or self._selectable(start, -direction)
        self.scroll_relative(y=direction * max(1, self.size.height - 1), animate=False)
        if target is not None:
            self.highlighted = target
            self.reveal()

    def action_choose(self) -> None:
        index = self.highlighted
        if index is not None and 0 <= index < len(self.rows) and self.rows[index].id is not None:
            self.post_message(self.Chosen(self, self.rows[index]))

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_offset.y)
        if 0 <= index < len(self.rows) and self.rows[index].id is not None:
            self.highlighted = index

    def watch_highlighted(self) -> None:
        self.refresh_changed()

    def reveal(self) -> None:
        """Scroll the highlighted block into view (after a move, not after a reload)."""
        index = self.highlighted
        if index is None:
            return
        last = index
        while last + 1 < len(self.rows) and self.rows[last + 1].id == self.rows[index].id:
            last += 1
        top = int(self.scroll_offset.y)
        height = max(1, self.size.height)
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif last >= top + height:
            self.scroll_to(y=min(index, last - height + 1), animate=False)

    # Drawing -------------------------------------------------------------------
    def notify_style_update(self) -> None:
        """Focus or theme changed: drop the drawn lines only if a style really changed."""
        super().notify_style_update()
        before = dict(self._styles)
        self._styles.clear()
        if any(self._style(name) != style for name, style in before.items()):
            self._forget_lines()

    def _forget_lines(self) -> None:
        """The one place drawn lines are dropped: every line is drawn anew on the next
        refresh (a line's key holds everything else that shapes it)."""
        self._lines.clear()
        self._drawn.clear()

    def _style(self, name: str) -> Style:
        """The widget's own style, or with a component's on top; cached per theme."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style
            if name:
                style += self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def _view(self) -> tuple[int, int, int, RowId | None]:
        """Width, height, first row shown and the highlighted id: what drawing depends on."""
        region = self.scrollable_content_region
        return region.width, region.height, int(self.scroll_offset.y), self.selected_id

    def _line_key(self, index: int, width: int,
                  selected: RowId | None) -> LineKey | None:
        """What row ``index`` draws as, everything that shapes the line: equal keys draw
        equal lines (the content, heading, selectable, width, highlighted, and whether it
        is the first line of the highlighted block)."""
        if not 0 <= index < len(self.rows):
            return None
        row = self.rows[index]
        highlighted = row.id is not None and row.id == selected
        first = highlighted and (index == 0 or self.rows[index - 1].id != row.id)
        return row.key, row.heading, row.id is not None, width, highlighted, first

    def refresh_changed(self) -> None:
        """Redraw only the lines on screen whose content changed since they were drawn
        (a key press changes a row or two; a full redraw costs a good part of a frame)."""
        width, height, top, selected = self._view()
        changed = [y for y in range(height)
                   if self._drawn.get(y) != self._line_key(top + y, width, selected)]
        if not self._drawn or len(changed) > height // 2:
            self.refresh()
            return
        for y in changed:
            self.refresh_line(top + y)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame = self._view()  # once for all the lines drawn now
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, _height, top, selected = self._frame
        key = self._drawn[y] = self._line_key(top + y, width, selected)
        if key is None:
            return Strip.blank(width, self._style(""))
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = self._draw(self.rows[top + y], width, key[4], key[5])
        return line

    MARKER = ""
    """A gutter drawn before selectable rows, showing this mark on the highlighted one,
    so that the selection shows without colour (e.g. ``"▸ "``); none by default."""

    def _draw(self, row: Row, width: int, highlighted: bool, first: bool) -> Strip:
        text = row.layout(width) if row.layout is not None else row.text.copy()
        if self.MARKER and row.id is not None:
            gutter = self.MARKER if first else " " * len(self.MARKER)
            text = Text(gutter, style="bold") + text
        text.truncate(width, overflow="ellipsis")
        if row.heading:
            base = self._style("line-list--heading")
        elif highlighted:
            base = self._style("line-list--highlight")
        else:
            base = self._style("")
        if text.style:  # Text.render leaves a text's own style out when it has no spans
            base += self.app.console.get_style(text.style)
        segments = [Segment(s.text, base + s.style if s.style else base)
                    for s in text.render(self.app.console) if s.text != "\n"]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)
