"""Status marks that differ by shape, not only colour, and the column fitting shared by
the app and the command line."""

from __future__ import annotations

from rich.text import Text

from tracker.domain.words import level_words, one_of

__all__ = ["level_words", "one_of"]  # and the marks below; the words live in the domain

MARKS: dict[str | None, str] = {
    "stretch": "★",
    "full": "●",
    "minimum": "◐",
    "rest": "~",
    None: "·",
}
DAY_MARKS: dict[str, str] = {
    **{status: m for status, m in MARKS.items() if status is not None},
    "amount": "∘",  # an amount that reached no level: evidence, quietly
    "nothing": "·",  # a planned day gone by with nothing recorded
    "unplanned": " ",  # not planned that day, or before the habit's history
    "not yet": " ",  # today before a win, and the days still to come
}
"""The review's marks, by what a day shows (``tracker.domain.week.day_kind``)."""
LEGEND = ("★ stretch  ● full  ◐ minimum  ~ rest  ∘ amount only  · nothing recorded  "
          "(blank: not planned, or not yet)")
ENERGY_LEGEND = "energy ▁ low ▄ ok █ high"
ENERGY_MARKS: dict[str | None, str] = {"low": "▁", "ok": "▄", "high": "█", None: " "}
SPARK = " ▁▂▃▄▅▆▇█"


def amount_text(total: float | None, unit: str) -> str:
    """``23 pages``, ``1.5 km``, or an empty string when nothing was counted."""
    if total is None:
        return ""
    from tracker.domain.text import printable

    return f"{total:g} {printable(one_of(unit) if total == 1 else unit)}".strip()


def fit(text: Text | str, width: int, justify: str = "left") -> Text:
    """``text`` cut with an ellipsis or padded to exactly ``width`` terminal cells."""
    cell = Text(text) if isinstance(text, str) else text.copy()
    cell.truncate(width, overflow="ellipsis")
    if justify == "right":
        cell.pad_left(width - cell.cell_len)
    else:
        cell.pad_right(width - cell.cell_len)
    return cell


def mark(status: str | None) -> str:
    """The mark of a status (None: nothing recorded)."""
    return MARKS.get(status, MARKS[None])


def spark(ratio: float | None) -> str:
    """One sparkline cell for a ratio in [0, 1] (None: before the habit existed)."""
    if ratio is None:
        return " "
    return SPARK[max(1, round(ratio * (len(SPARK) - 1)))] if ratio > 0 else "_"

