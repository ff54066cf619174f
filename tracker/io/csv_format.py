"""CSV export for spreadsheets: one row per entry (date, habit, status, amount, unit, note)."""

from __future__ import annotations

import csv
from typing import TextIO

from tracker.store import Store

CSV_HEADER = ("date", "habit", "status", "amount", "unit", "note")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Text as a spreadsheet will show it: a leading ``=``, ``+``, ``-``, ``@``, tab or
    carriage return gets a ``'``
    so that a note is never run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(store: Store, out: TextIO) -> int:
    """Write every entry, oldest first; returns the number of rows."""
    habits = {h.id: h for h in store.habits.all(include_archived=True)}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    rows = 0
    for hid, day, status, amount, note in store.transfer.entries():
        habit = habits[hid]
        amount_text = "" if amount is None else f"{amount:g}"
        writer.writerow((day, cell(habit.name), status or "", amount_text, cell(habit.unit),
                         cell(note)))
        rows += 1
    return rows
