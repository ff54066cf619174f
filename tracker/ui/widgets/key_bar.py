"""The bottom line of keys: what the footer shows, drawn as one line of text.

Textual's Footer makes a widget per key; for a start-up that must stay close to a
bare app, one Static that renders the active bindings does the same job.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

KEY_NAMES = {"space": "space", "left": "←", "right": "→", "up": "↑", "down": "↓",
             "shift+up": "shift+↑", "shift+down": "shift+↓", "question_mark": "?",
             "left_square_bracket": "[", "right_square_bracket": "]", "escape": "esc"}


def describe_keys(keys: str) -> str:
    """``left,left_square_bracket`` → ``← / [``; ``plus`` → ``+``."""
    from textual.keys import format_key

    return " / ".join(KEY_NAMES.get(k.strip()) or format_key(k.strip())
                      for k in keys.split(",") if k.strip())


ALWAYS = ("help", "quit")
"""Binding actions the bar shows at any width: with ``?`` Help, every other key is a
key away."""


Item = tuple[str, str, bool, bool]
"""A key on the bar: (key, description, enabled, always shown)."""


def fit_keys(items: list[Item], width: int, key_style: Style | str) -> Text:
    """The bar's line for ``width`` cells: ``(key, description, enabled, always)``
    items in order, then ``^p palette``. When they do not all fit, the last of the
    others give way first; the ``always`` ones and the palette stay."""

    def piece(key: str, description: str, enabled: bool) -> Text:
        text = Text()
        text.append(f" {key} ", style=key_style if enabled else "dim")
        text.append(f"{description} ", style="" if enabled else "dim")
        return text

    pieces = [(piece(k, d, e), always) for k, d, e, always in items]
    pieces.append((piece("^p", "palette", True), True))
    room = width - sum(p.cell_len for p, always in pieces if always)
    kept = []
    for text, always in pieces:
        if not always:
            if text.cell_len > room:
                room = -1  # keep the order: nothing after a key that gave way
                continue
            room -= text.cell_len
        kept.append(text)
    line = Text(no_wrap=True, overflow="ellipsis")
    for text in kept:
        line.append_text(text)
    return line


def _declared_order(screen: Screen[object]) -> dict[str, int]:
    """Each action's place among the screen's bindings, then the app's, as declared (a
    remapped key moves to the end of ``active_bindings``, not on the bar)."""
    order: dict[str, int] = {}
    for bindings in (type(screen).BINDINGS, type(screen.app).BINDINGS):
        for binding in bindings:
            if isinstance(binding, Binding):
                order.setdefault(binding.action, len(order))
    return order


class KeyBar(Static):
    """Shows the screen's active bindings (those with ``show``) and ``^p palette``, as
    many as the width holds; Help and Quit always."""

    COMPONENT_CLASSES = {"key-bar--key"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    _items: list[Item] | None = None
    _shown: tuple[int, list[Item]] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._draw()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Redraw the keys (focus moved, or the screen's bindings changed)."""
        found: list[tuple[int, Item]] = []
        last: dict[str, Item] = {}  # the keys always shown go last, beside the palette
        declared = _declared_order(screen)
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            item = (self.app.get_key_display(binding), binding.description, enabled,
                    binding.action in ALWAYS)
            if item[3]:
                last[binding.action] = item
            else:  # in the order the screen declares them, remapped or not
                found.append((declared.get(binding.action, len(declared)), item))
        found.sort(key=lambda pair: pair[0])
        self._items = [item for _, item in found] + [last[a] for a in ALWAYS if a in last]
        self._draw()

    def _draw(self) -> None:
        width = self.size.width
        if self._items is None or width == 0:  # not laid out yet: drawn on its resize
            return
        shown = (width, self._items)
        if shown != self._shown:  # bindings change often; the keys shown rarely do
            self._shown = shown
            style = self.get_component_rich_style("key-bar--key")
            self.update(fit_keys(self._items, width, style), layout=False)
