"""The line-API list under Today and the week review: it redraws only the lines that
changed, and what is on screen afterwards is always what the rows say."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult

from tests.ui.helpers import screen_text
from tracker.ui.widgets.line_list import LineList, Row


def numbered(count: int, changed: dict[int, str] | None = None) -> list[Row]:
    changed = changed or {}
    return [Row(f"row:{n}", Text(changed.get(n, f"row {n}"))) for n in range(count)]


class Counting(LineList):
    """The list, counting the lines it draws."""

    drawn = 0

    def render_line(self, y: int):
        self.drawn += 1
        return super().render_line(y)


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Counting()


def shown(app: App[Any]) -> list[str]:
    """The text of each screen line, left of the scrollbar."""
    return [line[:30].strip() for line in screen_text(app).splitlines()]


def highlighted_lines(app: App[Any], widget: LineList) -> list[int]:
    """Screen lines drawn with the highlight's background."""
    highlight = widget.get_component_rich_style("line-list--highlight").bgcolor
    return [y for y in range(widget.size.height)
            if app.screen.get_style_at(3, widget.region.y + y).bgcolor == highlight]


async def test_one_changed_row_redraws_one_line_and_shows_it() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        widget = app.query_one(Counting)
        widget.set_rows(numbered(30))
        await pilot.pause()
        widget.drawn = 0
        widget.set_rows(numbered(30, {4: "row 4 changed"}))
        await pilot.pause()
        assert widget.drawn == 1
        assert shown(app) == [*(f"row {n}" for n in range(4)), "row 4 changed",
                              *(f"row {n}" for n in range(5, 10))]


async def test_many_changed_rows_are_all_shown() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        widget = app.query_one(Counting)
        widget.set_rows(numbered(30))
        await pilot.pause()
        widget.set_rows(numbered(30, {n: f"other {n}" for n in range(30)}))
        await pilot.pause()
        assert shown(app) == [f"other {n}" for n in range(10)]
        widget.set_rows(numbered(3))  # fewer rows than lines: the rest are blank
        await pilot.pause()
        assert shown(app) == ["row 0", "row 1", "row 2", *[""] * 7]


async def test_the_highlight_moves_on_screen_without_a_full_redraw() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        widget = app.query_one(Counting)
        widget.set_rows(numbered(30))
        widget.focus()
        await pilot.pause()
        assert highlighted_lines(app, widget) == [0]
        widget.drawn = 0
        await pilot.press("down", "down")
        await pilot.pause()
        assert highlighted_lines(app, widget) == [2]
        assert widget.drawn <= 4  # the lines that lost and gained the highlight
        await pilot.press("end")  # scrolled: everything is new, drawn in full
        await pilot.pause()
        assert highlighted_lines(app, widget) == [widget.size.height - 1]
        assert shown(app)[-1] == "row 29"


async def test_a_new_theme_redraws_every_line_in_its_colours() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        widget = app.query_one(Counting)
        widget.set_rows(numbered(30))
        widget.focus()
        await pilot.pause()
        before = app.screen.get_style_at(3, 1)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert highlighted_lines(app, widget) == [0]
        after = app.screen.get_style_at(3, 1)
        assert after.bgcolor != before.bgcolor  # an ordinary line in the new background
        assert after.bgcolor == widget.rich_style.bgcolor
