"""What an import left in the database, for the importer tests."""

from __future__ import annotations

from tracker.store import Store


def entries(store: Store) -> dict[tuple[str, str], tuple]:
    rows = store.conn.execute(
        "SELECT h.name, e.day, e.status, e.amount, e.note FROM entries e "
        "JOIN habits h ON h.id = e.habit_id")
    return {(n, d): (s, a, note) for n, d, s, a, note in rows}
