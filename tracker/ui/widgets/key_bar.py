"""The bottom line of keys: what the footer shows, drawn as one line of text.

Textual's Footer makes a widget per key; for a start-up that must stay close to a
bare app, one Static that renders the active bindings does the same job.
"""

from __future__ import annotations

from rich.text import Text
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


class KeyBar(Static):
    """Shows the screen's active bindings (those with ``show``) and ``^p palette``."""

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

    _shown: Text | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Redraw the keys (focus moved, or the screen's bindings changed)."""
        line = Text(no_wrap=True, overflow="ellipsis")
        key_style = self.get_component_rich_style("key-bar--key")
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            line.append(f" {key} ", style=key_style if enabled else "dim")
            line.append(f"{binding.description} ", style="" if enabled else "dim")
        line.append(" ^p ", style=key_style)
        line.append("palette")
        if line != self._shown:  # bindings change often; the keys shown rarely do
            self._shown = line
            self.update(line, layout=False)
