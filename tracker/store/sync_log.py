"""The change log's triggers: which synced thing each write touched, noted in
``sync_log`` for the next sync. Made when a sync folder is set (``SyncRows.start_log``),
so a database that does not sync pays nothing for them."""

from __future__ import annotations

from collections.abc import Collection

SYNCED = {  # table: (kind, key of the synced thing, from the row)
    "habits": ("h", "ROW.uuid"),
    "ladder": ("h", "(SELECT uuid FROM habits WHERE id = ROW.habit_id)"),
    "habit_sources": ("h", "(SELECT uuid FROM habits WHERE id = ROW.habit_id)"),
    "entries": ("e", "ROW.habit_id || '|' || ROW.day"),
    "steps": ("s", "ROW.uuid || '|' || COALESCE(ROW.planned_on, ROW.day)"),
    "checkins": ("c", "ROW.day"),
    "checkins_declined": ("d", "ROW.day"),
    "reviews": ("r", "ROW.week_start"),
    "pauses": ("p", "ROW.uuid || '|' || ROW.first"),
}


def _log_trigger(name: str, event: str, table: str, row: str, kind: str, key: str) -> str:
    """A trigger noting which synced thing a write touched (``sync_log``): the next sync
    carries it to the folder. Not while a sync writes what came from the folder
    (``sync.applying``, inside its transaction); not ``INSERT OR IGNORE``, which an
    upsert's conflict handling would override inside the trigger. The log only grows
    (a row a write, in order), so that a sync knows what changed after it read it."""
    key = key.replace("ROW", row)
    return f"""
        CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table}
        WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'sync.applying')
            AND ({key}) IS NOT NULL
        BEGIN INSERT INTO sync_log (kind, key) VALUES ('{kind}', {key}); END"""


def trigger_names() -> list[str]:
    """The names of the change log's triggers."""
    names = [f"sync_{table}_{event}" for table in SYNCED
             for event in ("insert", "update", "delete")]
    return [*names, "sync_steps_moved"]


def log_triggers(tables: Collection[str] | None = None) -> list[str]:
    """The change log's triggers, made when a sync folder is set (a database that does
    not sync pays nothing for them); the last one made is ``sync_steps_moved``. With
    ``tables``, those of these tables only (a migration, before later tables exist)."""
    statements = []
    for table, (kind, key) in SYNCED.items():
        if tables is not None and table not in tables:
            continue
        for event in ("INSERT", "UPDATE", "DELETE"):
            row = "OLD" if event == "DELETE" else "NEW"
            statements.append(_log_trigger(f"sync_{table}_{event.lower()}", event, table,
                                           row, kind, key))
    # a micro-step lives in the document of the month it was first planned in, and
    # moving it to another day keeps it there; this notes the day it was on too
    return [*statements, _log_trigger("sync_steps_moved", "UPDATE OF day", "steps", "OLD",
                                      "s", SYNCED["steps"][1])]
