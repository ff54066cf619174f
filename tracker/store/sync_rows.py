"""What sync reads from and writes to the database, as values keyed the way the sync
folder's documents hold them (see docs/sync.md, "The data model"):

* the shard ``core``: ``{uuid}/{field}`` for each field of a habit (its ladder and
  sources as JSON lists), and ``{uuid}/deleted`` once it is deleted;
* a shard per month, ``YYYY-MM``: ``e/{habit uuid}/{day}`` (an entry),
  ``c/{day}`` (a check-in), ``d/{day}`` (a check-in declined), ``s/{step uuid}`` (a
  micro-step, by its day) and ``r/{week start}`` (a review, by its first day).

Every value is a compact JSON text, so that equal data is an equal value everywhere.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any

from tracker.store.habits import delete_habit_rows
from tracker.store.sync_log import log_triggers

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
Values = dict[str, str | None]
"""Document key → value (None: removed)."""

CORE = "core"
HABIT_FIELDS = ("name", "direction", "minimum", "full", "stretch", "unit", "schedule_kind",
                "schedule_days", "per_week", "position", "archived", "created",
                "min_amount", "full_amount", "stretch_amount", "at_most")


dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
"""A value as compact JSON text, keys sorted: equal data, equal text."""


def month_of(day: str) -> str:
    """The shard of a day: ``2026-12`` for ``2026-12-01``."""
    return day[:7]


class SyncRows:
    """The database side of sync: settings, the change log, values in, values out."""

    def __init__(self, conn: sqlite3.Connection, write: Write) -> None:
        self._conn = conn
        self._write = write

    # Settings and bookkeeping ------------------------------------------------
    def setting(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str | None) -> None:
        with self._write() as conn:
            if value is None:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                             "DO UPDATE SET value = excluded.value", (key, value))

    def start_log(self) -> None:
        """Note from now on what changes (a sync folder was set)."""
        if self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' "
                              "AND name = 'sync_steps_moved'").fetchone():
            return  # made already (the last of them)
        with self._write() as conn:
            for statement in log_triggers().split(";\n"):
                if statement.strip():
                    conn.execute(statement + (";" if not statement.rstrip().endswith(";")
                                              else ""))

    def pending(self) -> bool:
        """Whether anything changed here since the last sync."""
        return self._conn.execute("SELECT 1 FROM sync_log LIMIT 1").fetchone() is not None

    def clear_log(self) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM sync_log")

    def seen(self) -> dict[str, tuple[int, int]]:
        """The folder's files already merged: name → (size, mtime in ns)."""
        return {name: (size, mtime) for name, size, mtime in
                self._conn.execute("SELECT name, size, mtime_ns FROM sync_seen")}

    def mark_seen(self, files: Iterable[tuple[str, int, int]]) -> None:
        with self._write() as conn:
            conn.executemany("INSERT INTO sync_seen (name, size, mtime_ns) VALUES (?, ?, ?) "
                             "ON CONFLICT (name) DO UPDATE SET size = excluded.size, "
                             "mtime_ns = excluded.mtime_ns", list(files))

    # Out: what the database holds --------------------------------------------
    def changed(self) -> dict[str, Values]:
        """What changed here since the last sync, by shard (None: removed here)."""
        shards: dict[str, Values] = {}
        uuids = self._uuids()
        for kind, key in self._conn.execute("SELECT kind, key FROM sync_log").fetchall():
            if kind == "h":
                shards.setdefault(CORE, {}).update(self._habit_values(key))
                continue
            if kind == "e":
                habit_id, _, day = key.partition("|")
                uuid = uuids.get(int(habit_id))
                if uuid is None:
                    continue  # its habit was deleted: the deletion travels instead
                doc_key, value = f"e/{uuid}/{day}", self._entry(int(habit_id), day)
            elif kind == "s":
                step_uuid, _, day = key.partition("|")
                doc_key, value = f"s/{step_uuid}", self._step(step_uuid, day, uuids)
            else:
                day = key
                doc_key, value = f"{kind}/{day}", self._dated(kind, day)
            shards.setdefault(month_of(day), {})[doc_key] = value
        return shards

    def core(self) -> Values:
        """Every habit as the core document holds it."""
        values: Values = {}
        for (uuid,) in self._conn.execute("SELECT uuid FROM habits").fetchall():
            values.update(self._habit_values(uuid))
        return values

    def everything(self) -> dict[str, Values]:
        """All the database holds, by shard (a device's first sync)."""
        shards: dict[str, Values] = {CORE: self.core()}
        uuids = self._uuids()
        for month in self._months():
            shards[month] = dict(self.month(month, uuids))
        return shards

    def month(self, month: str, uuids: dict[int, str] | None = None) -> dict[str, str]:
        """What the database holds of one month's shard."""
        uuids = self._uuids() if uuids is None else uuids
        first, last = f"{month}-01", f"{month}-31"
        found: dict[str, str] = {}
        for habit_id, day, status, amount, note in self._conn.execute(
                "SELECT habit_id, day, status, amount, note FROM entries "
                "WHERE day BETWEEN ? AND ?", (first, last)):
            if habit_id in uuids:
                found[f"e/{uuids[habit_id]}/{day}"] = dump([status, amount, note])
        for day, energy, intention, note in self._conn.execute(
                "SELECT day, energy, intention, note FROM checkins WHERE day BETWEEN ? AND ?",
                (first, last)):
            found[f"c/{day}"] = dump([energy, intention, note])
        for (day,) in self._conn.execute(
                "SELECT day FROM checkins_declined WHERE day BETWEEN ? AND ?", (first, last)):
            found[f"d/{day}"] = "1"
        for row in self._conn.execute(
                "SELECT uuid, day, text, done, habit_id, amount, note, position FROM steps "
                "WHERE day BETWEEN ? AND ?", (first, last)):
            found[f"s/{row[0]}"] = self._step_value(row, uuids)
        for week, answers, decisions in self._conn.execute(
                "SELECT week_start, answers, decisions FROM reviews "
                "WHERE week_start BETWEEN ? AND ?", (first, last)):
            found[f"r/{week}"] = dump([json.loads(answers), json.loads(decisions)])
        return found

    def _months(self) -> list[str]:
        months: set[str] = set()
        for table, column in (("entries", "day"), ("checkins", "day"),
                              ("checkins_declined", "day"), ("steps", "day"),
                              ("reviews", "week_start")):
            months.update(m for (m,) in self._conn.execute(
                f"SELECT DISTINCT substr({column}, 1, 7) FROM {table}"))
        return sorted(months)

    def _uuids(self) -> dict[int, str]:
        return dict(self._conn.execute("SELECT id, uuid FROM habits").fetchall())

    def _habit_values(self, uuid: str) -> Values:
        row = self._conn.execute(
            f"SELECT id, {', '.join(HABIT_FIELDS)} FROM habits WHERE uuid = ?",
            (uuid,)).fetchone()
        if row is None:
            return {f"{uuid}/deleted": "true"}
        habit_id, *columns = row
        fields: dict[str, Any] = dict(zip(HABIT_FIELDS, columns, strict=True))
        fields["ladder"] = [list(rung) for rung in self._conn.execute(
            "SELECT since, text FROM ladder WHERE habit_id = ? ORDER BY since, id",
            (habit_id,))]
        fields["sources"] = [key for (key,) in self._conn.execute(
            "SELECT key FROM habit_sources WHERE habit_id = ? ORDER BY key", (habit_id,))]
        return _habit_doc(uuid, fields)

    def _entry(self, habit_id: int, day: str) -> str | None:
        row = self._conn.execute("SELECT status, amount, note FROM entries "
                                 "WHERE habit_id = ? AND day = ?", (habit_id, day)).fetchone()
        return None if row is None else dump(list(row))

    def _step(self, uuid: str, day: str, uuids: dict[int, str]) -> str | None:
        row = self._conn.execute(
            "SELECT uuid, day, text, done, habit_id, amount, note, position FROM steps "
            "WHERE uuid = ? AND day = ?", (uuid, day)).fetchone()
        return None if row is None else self._step_value(row, uuids)

    @staticmethod
    def _step_value(row: tuple[Any, ...], uuids: dict[int, str]) -> str:
        _uuid, day, text, done, habit_id, amount, note, position = row
        return dump([day, text, bool(done), uuids.get(habit_id) if habit_id else None,
                     amount, note, position])

    def _dated(self, kind: str, day: str) -> str | None:
        if kind == "c":
            row = self._conn.execute("SELECT energy, intention, note FROM checkins "
                                     "WHERE day = ?", (day,)).fetchone()
            return None if row is None else dump(list(row))
        if kind == "d":
            row = self._conn.execute("SELECT 1 FROM checkins_declined WHERE day = ?",
                                     (day,)).fetchone()
            return None if row is None else "1"
        row = self._conn.execute("SELECT answers, decisions FROM reviews WHERE week_start = ?",
                                 (day,)).fetchone()
        return None if row is None else dump([json.loads(row[0]), json.loads(row[1])])

    # In: what the folder's documents hold ------------------------------------
    def apply_core(self, values: dict[str, str]) -> None:
        """Make the habits what the core document says (every habit, every field):
        deleted ones go with their history; names taken twice (two devices named two
        habits alike) are told apart the same way on every device."""
        habits: dict[str, dict[str, Any]] = {}
        for key, value in values.items():
            uuid, _, field = key.partition("/")
            habits.setdefault(uuid, {})[field] = json.loads(value)
        alive = {u: f for u, f in habits.items() if not f.get("deleted") and "name" in f
                 and "minimum" in f and "created" in f}
        names = _distinct_names(alive)
        for uuid, fields in alive.items():
            alive[uuid] = _completed(fields, names[uuid])
        current = {uuid: self._habit_values(uuid) for (uuid,) in
                   self._conn.execute("SELECT uuid FROM habits").fetchall()}
        alive = {u: f for u, f in alive.items()  # only what differs is written
                 if current.get(u) != _habit_doc(u, f)}
        if not alive and not (set(habits) - set(names)) & set(current):
            return
        with self._write() as conn:
            local = dict(conn.execute("SELECT uuid, id FROM habits").fetchall())
            for uuid in set(habits) - set(alive):
                if uuid in local and habits[uuid].get("deleted"):
                    delete_habit_rows(conn, local.pop(uuid))
            # names move through a placeholder so that two habits may swap names
            for uuid in alive:
                if uuid in local:
                    conn.execute("UPDATE habits SET name = ? WHERE id = ?",
                                 (f"(moving) {uuid}", local[uuid]))
            for uuid, fields in alive.items():
                columns = {name: fields[name] for name in HABIT_FIELDS}
                if uuid in local:
                    sets = ", ".join(f"{name} = ?" for name in columns)
                    conn.execute(f"UPDATE habits SET {sets} WHERE id = ?",
                                 (*columns.values(), local[uuid]))
                    habit_id = local[uuid]
                else:
                    cursor = conn.execute(
                        f"INSERT INTO habits (uuid, {', '.join(columns)}) "
                        f"VALUES (?, {', '.join('?' * len(columns))})",
                        (uuid, *columns.values()))
                    habit_id = int(cursor.lastrowid or 0)
                conn.execute("DELETE FROM ladder WHERE habit_id = ?", (habit_id,))
                conn.executemany("INSERT INTO ladder (habit_id, since, text) VALUES (?, ?, ?)",
                                 [(habit_id, since, text) for since, text in fields["ladder"]])
                conn.execute("DELETE FROM habit_sources WHERE habit_id = ?", (habit_id,))
                conn.executemany("INSERT OR IGNORE INTO habit_sources (key, habit_id) "
                                 "VALUES (?, ?)", [(key, habit_id) for key in fields["sources"]])

    def apply_month(self, month: str, values: dict[str, str]) -> set[str]:
        """Make a month what its document says. Returns the habits (uuids) it holds days
        of that are not here: deleted, or not arrived yet (their core is on its way)."""
        uuids = self._uuids()
        ids = {uuid: habit_id for habit_id, uuid in uuids.items()}
        current = self.month(month, uuids)
        unknown: set[str] = set()
        entries: list[tuple[Any, ...]] = []
        with self._write() as conn:
            for key in current.keys() - values.keys():
                _remove(conn, key, ids)
            for key, value in values.items():
                if current.get(key) == value:
                    continue
                if key.startswith("e/"):
                    _kind, uuid, day = key.split("/")
                    if uuid in ids:
                        entries.append((ids[uuid], day, *json.loads(value)))
                    else:
                        unknown.add(uuid)
                else:
                    _put(conn, key, json.loads(value), ids)
            conn.executemany(
                "INSERT INTO entries (habit_id, day, status, amount, note) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (habit_id, day) DO UPDATE SET status = excluded.status, "
                "amount = excluded.amount, note = excluded.note", entries)
        return unknown

    def applying(self, flag: bool) -> None:
        """While a sync writes what came from the folder, the change log stays as it is
        (set and cleared inside the sync's transaction)."""
        self.set_setting("sync.applying", "1" if flag else None)


_DEFAULTS: dict[str, Any] = {"direction": "", "full": "", "stretch": "", "unit": "",
                             "schedule_kind": "daily", "schedule_days": "", "per_week": 0,
                             "position": 0, "archived": 0, "at_most": 0}


def _habit_doc(uuid: str, fields: dict[str, Any]) -> Values:
    """A habit's fields (every column, its ladder and sources) as the core document's
    values: what the database holds and what a document says compare the same way."""
    return {f"{uuid}/{name}": dump(fields[name]) for name in (*HABIT_FIELDS, "ladder",
                                                               "sources")}


def _completed(fields: dict[str, Any], name: str) -> dict[str, Any]:
    """A document's habit with every field (defaults where none was set), its ladder
    (its first minimum if none), its sources in order, and the name it gets here."""
    complete = {field: fields.get(field, _DEFAULTS.get(field)) for field in HABIT_FIELDS}
    complete["name"] = name
    complete["ladder"] = fields.get("ladder") or [[complete["created"], complete["minimum"]]]
    complete["sources"] = sorted(fields.get("sources") or [])
    return complete


def _distinct_names(habits: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each habit's name; where two share one (case aside), the habit with the smaller
    identity keeps it and the others get `` (2)``, `` (3)``: the same everywhere."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for uuid in sorted(habits, key=lambda u: (str(habits[u]["name"]).lower(), u)):
        name = base = str(habits[uuid]["name"])
        number = 2
        while name.lower() in taken:
            name, number = f"{base} ({number})", number + 1
        taken.add(name.lower())
        names[uuid] = name
    return names


def _remove(conn: sqlite3.Connection, key: str, ids: dict[str, int]) -> None:
    kind, _, rest = key.partition("/")
    if kind == "e":
        uuid, _, day = rest.partition("/")
        if uuid in ids:
            conn.execute("DELETE FROM entries WHERE habit_id = ? AND day = ?", (ids[uuid], day))
    elif kind == "c":
        conn.execute("DELETE FROM checkins WHERE day = ?", (rest,))
    elif kind == "d":
        conn.execute("DELETE FROM checkins_declined WHERE day = ?", (rest,))
    elif kind == "s":
        conn.execute("DELETE FROM steps WHERE uuid = ?", (rest,))
    elif kind == "r":
        conn.execute("DELETE FROM reviews WHERE week_start = ?", (rest,))


def _put(conn: sqlite3.Connection, key: str, value: Any, ids: dict[str, int]) -> None:
    """Write one value of a month other than an entry."""
    kind, _, rest = key.partition("/")
    if kind == "c":
        energy, intention, note = value
        conn.execute("INSERT INTO checkins (day, energy, intention, note) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (day) DO UPDATE SET energy = excluded.energy, "
                     "intention = excluded.intention, note = excluded.note",
                     (rest, energy, intention, note))
    elif kind == "d":
        conn.execute("INSERT OR IGNORE INTO checkins_declined (day) VALUES (?)", (rest,))
    elif kind == "s":
        day, text, done, habit, amount, note, position = value
        habit_id = ids.get(habit) if habit else None
        conn.execute("DELETE FROM steps WHERE uuid = ?", (rest,))
        conn.execute("INSERT INTO steps (uuid, day, text, done, habit_id, amount, note, "
                     "position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (rest, day, text, int(done), habit_id, amount, note, position))
    elif kind == "r":
        answers, decisions = value
        conn.execute("INSERT INTO reviews (week_start, answers, decisions) VALUES (?, ?, ?) "
                     "ON CONFLICT (week_start) DO UPDATE SET answers = excluded.answers, "
                     "decisions = excluded.decisions",
                     (rest, json.dumps(answers, ensure_ascii=False, sort_keys=True),
                      json.dumps(decisions, ensure_ascii=False)))
