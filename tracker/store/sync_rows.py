"""What sync reads from the database: its settings, the change log, this device's own
documents (kept in the database, so that a lost, older or planted copy in the folder
never counts as news), and every record as the values the documents hold (the keys are
in sync_keys.py; writing the documents' values back is sync_apply.py).

A record is named by the prefix its keys share (``e/{habit}/{day}/``, ``c/{day}/``,
``d/{day}``, ``s/{step}/``, ``r/{week}/``, ``p/{pause}/`` (in the month of its first
day) in a month; ``{habit}/`` in the core) and
held as ``{field: value}``; a record that is not there is ``{}``.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any

from tracker.store.sync_apply import apply_core, apply_month
from tracker.store.sync_keys import CORE, EMPTY, HABIT_FIELDS, digest, dump, month_of
from tracker.store.sync_log import log_triggers, trigger_names

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]
Fields = dict[str, str]
Records = dict[str, Fields]
"""Record prefix → its fields' values ({} where the record is not there)."""


def split_key(shard: str, key: str) -> tuple[str, str]:
    """A document key as (the record's prefix, the field)."""
    if shard == CORE:
        uuid, _, field = key.partition("/")
        return uuid + "/", field
    if key.startswith("r/"):
        _kind, week, field = key.split("/", 2)
        return f"r/{week}/", field
    if key.startswith("d/"):
        return key, ""
    prefix, _, field = key.rpartition("/")
    return prefix + "/", field


def grouped(shard: str, values: dict[str, str]) -> Records:
    """A document's values as records."""
    records: Records = {}
    for key, value in values.items():
        prefix, field = split_key(shard, key)
        records.setdefault(prefix, {})[field] = value
    return records


def _present(**fields: Any) -> Fields:
    """A record's fields as values, leaving out those at their empty value."""
    return {name: dump(value) for name, value in fields.items()
            if value is not None and EMPTY.get(name, object()) != value}


def habit_fields(fields: dict[str, Any], rungs: Iterable[tuple[str, str]],
                 sources: Iterable[str]) -> Fields:
    """A habit as the core document holds it: every field, each rung, each source."""
    values = {name: dump(fields[name]) for name in HABIT_FIELDS}
    values.update({f"rung/{since}/{digest(since, text)}": dump([since, text])
                   for since, text in rungs})
    values.update({f"source/{digest(key)}": dump(key) for key in sources})
    return values


class SyncRows:
    """The database side of sync: settings, the change log, documents, values out."""

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
        """Note from now on what changes (a sync folder was set); triggers made by an
        earlier version are made again as this one writes them."""
        wanted = log_triggers()
        row = self._conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                 "AND name = 'sync_steps_moved'").fetchone()
        if row is not None and _same_sql(str(row[0]), wanted[-1]):
            return  # made already, as this version makes them (the last of them)
        with self._write() as conn:
            for name in trigger_names():
                conn.execute(f"DROP TRIGGER IF EXISTS {name}")
            for statement in wanted:
                conn.execute(statement)

    def pending(self) -> bool:
        """Whether anything changed here since the last sync (or was not written to the
        folder yet)."""
        return self._conn.execute(
            "SELECT 1 FROM sync_log UNION ALL SELECT 1 FROM settings "
            "WHERE key = 'sync.unpublished' LIMIT 1").fetchone() is not None

    def changed(self, after: int = 0) -> tuple[int, dict[str, set[str]]]:
        """What the change log says changed here after its row ``after`` (all of it, at
        the start of a sync; what changed while a sync ran, at its end): its last row,
        and the records of each shard named."""
        uuids = self._uuids()
        shards: dict[str, set[str]] = {}
        last = after
        for row_id, kind, key in self._conn.execute(
                "SELECT id, kind, key FROM sync_log WHERE id > ?", (after,)):
            last = max(last, row_id)
            named = _record_of(kind, key, uuids)
            if named is not None:
                shards.setdefault(named[0], set()).add(named[1])
        return last, shards

    def forget_log(self, last: int) -> None:
        """The log's rows up to ``last`` are in the documents now."""
        with self._write() as conn:
            conn.execute("DELETE FROM sync_log WHERE id <= ?", (last,))

    def seen(self) -> dict[str, tuple[int, int]]:
        """The folder's files already merged (and this device's files as written):
        name → (size, mtime in ns)."""
        return {name: (size, mtime) for name, size, mtime in
                self._conn.execute("SELECT name, size, mtime_ns FROM sync_seen")}

    def mark_seen(self, files: Iterable[tuple[str, int, int]]) -> None:
        with self._write() as conn:
            conn.executemany("INSERT INTO sync_seen (name, size, mtime_ns) VALUES (?, ?, ?) "
                             "ON CONFLICT (name) DO UPDATE SET size = excluded.size, "
                             "mtime_ns = excluded.mtime_ns", list(files))

    def forget_seen(self, prefix: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM sync_seen WHERE substr(name, 1, ?) = ?",
                         (len(prefix), prefix))

    # This device's documents -------------------------------------------------
    def documents(self, shards: Iterable[str]) -> dict[str, bytes]:
        """This device's documents of these shards."""
        found: dict[str, bytes] = {}
        for shard in shards:
            row = self._conn.execute("SELECT doc FROM sync_docs WHERE shard = ?",
                                     (shard,)).fetchone()
            if row is not None:
                found[shard] = bytes(row[0])
        return found

    def document_names(self) -> set[str]:
        """The shards this device has a document of."""
        return {shard for (shard,) in self._conn.execute("SELECT shard FROM sync_docs")}

    def has_documents(self) -> bool:
        return self._conn.execute("SELECT 1 FROM sync_docs LIMIT 1").fetchone() is not None

    def save_documents(self, docs: dict[str, bytes]) -> None:
        with self._write() as conn:
            conn.executemany("INSERT INTO sync_docs (shard, doc) VALUES (?, ?) ON CONFLICT "
                             "(shard) DO UPDATE SET doc = excluded.doc", list(docs.items()))

    def renew_returned_identities(self) -> None:
        """Habits put back here after they were deleted (an undo): the deletion has
        travelled, and a deletion wins, so each comes back under a new identity, with
        all its days, as a habit of its own everywhere."""
        returned = self._conn.execute(
            "SELECT id FROM habits WHERE uuid IN (SELECT uuid FROM sync_tombstones)").fetchall()
        if not returned:
            return
        with self._write() as conn:
            for (habit_id,) in returned:
                conn.execute("UPDATE habits SET uuid = ? WHERE id = ?",
                             (secrets.token_hex(16), habit_id))
                conn.execute("INSERT INTO sync_log (kind, key) SELECT 'e', habit_id || '|' "
                             "|| day FROM entries WHERE habit_id = ?", (habit_id,))
                conn.execute("INSERT INTO sync_log (kind, key) SELECT 's', uuid || '|' || "
                             "COALESCE(planned_on, day) FROM steps WHERE habit_id = ?",
                             (habit_id,))
                conn.execute("INSERT INTO sync_log (kind, key) SELECT 'p', uuid || '|' || "
                             "first FROM pauses WHERE habit_id = ?", (habit_id,))

    def take_imported_identities(self, identity: Callable[[list[str]], str | None]) -> None:
        """Before a database's very first sync: each habit brought in from another
        tracker's file takes the identity any device gets from that file, so that the
        same history imported on two devices is one set of habits."""
        sources: dict[int, list[str]] = {}
        for key, habit_id in self._conn.execute("SELECT key, habit_id FROM habit_sources"):
            sources.setdefault(habit_id, []).append(key)
        with self._write() as conn:
            for habit_id, keys in sources.items():
                uuid = identity(keys)
                if uuid and not conn.execute("SELECT 1 FROM habits WHERE uuid = ?",
                                             (uuid,)).fetchone():
                    conn.execute("UPDATE habits SET uuid = ? WHERE id = ?", (uuid, habit_id))

    # Out: what the database holds, as records --------------------------------
    def records(self, shard: str, prefixes: Iterable[str] | None = None) -> Records:
        """The records of a shard as the database holds them (all, or those named)."""
        if prefixes is not None:
            prefixes = list(prefixes)
            if not prefixes:
                return {}
        if shard == CORE:
            return self._habits(prefixes)
        found = self._month(shard)
        if prefixes is None:
            return found
        return {prefix: found.get(prefix, {}) for prefix in prefixes}

    def shards(self) -> list[str]:
        """Every shard the database has anything of."""
        months: set[str] = set()
        for table, column in (("entries", "day"), ("checkins", "day"),
                              ("checkins_declined", "day"),
                              ("steps", "COALESCE(planned_on, day)"),
                              ("reviews", "week_start"), ("pauses", "first")):
            months.update(m for (m,) in self._conn.execute(
                f"SELECT DISTINCT substr({column}, 1, 7) FROM {table}"))
        return [CORE, *sorted(months)]

    def habit_names(self) -> dict[str, str]:
        """Each habit's name here, by identity."""
        return dict(self._conn.execute("SELECT uuid, name FROM habits").fetchall())

    def _uuids(self) -> dict[int, str]:
        return dict(self._conn.execute("SELECT id, uuid FROM habits").fetchall())

    def _habits(self, prefixes: Iterable[str] | None) -> Records:
        wanted = None if prefixes is None else {p.rstrip("/") for p in prefixes}
        rows = self._conn.execute(f"SELECT id, uuid, {', '.join(HABIT_FIELDS)} FROM habits")
        records: Records = {}
        ids: dict[int, str] = {}
        for habit_id, uuid, *columns in rows:
            if wanted is None or uuid in wanted:
                ids[habit_id] = uuid
                records[f"{uuid}/"] = dict(zip(HABIT_FIELDS, columns, strict=True))
        rungs: dict[int, list[tuple[str, str]]] = {}
        for habit_id, since, text in self._conn.execute(
                "SELECT habit_id, since, text FROM ladder ORDER BY since, id"):
            rungs.setdefault(habit_id, []).append((since, text))
        sources: dict[int, list[str]] = {}
        for key, habit_id in self._conn.execute("SELECT key, habit_id FROM habit_sources"):
            sources.setdefault(habit_id, []).append(key)
        for habit_id, uuid in ids.items():
            fields: dict[str, Any] = records[f"{uuid}/"]
            records[f"{uuid}/"] = habit_fields(fields, rungs.get(habit_id, []),
                                               sources.get(habit_id, []))
        for uuid in (wanted or set()) - set(ids.values()):
            records[f"{uuid}/"] = {"deleted": "true"}  # gone here: deleted
        return records

    def _month(self, month: str) -> Records:
        uuids = self._uuids()
        first, last = f"{month}-01", f"{month}-31"
        found: Records = {}

        def put(prefix: str, fields: Fields) -> None:
            if fields:
                found[prefix] = fields

        for habit_id, day, status, amount, note in self._conn.execute(
                "SELECT habit_id, day, status, amount, note FROM entries "
                "WHERE day BETWEEN ? AND ?", (first, last)):
            if habit_id in uuids:
                put(f"e/{uuids[habit_id]}/{day}/", _present(status=status, amount=amount,
                                                            note=note))
        for day, energy, intention, note in self._conn.execute(
                "SELECT day, energy, intention, note FROM checkins WHERE day BETWEEN ? AND ?",
                (first, last)):
            put(f"c/{day}/", _present(energy=energy, intention=intention, note=note))
        for (day,) in self._conn.execute(
                "SELECT day FROM checkins_declined WHERE day BETWEEN ? AND ?", (first, last)):
            found[f"d/{day}"] = {"": "1"}
        for uuid, day, text, done, habit_id, amount, note, position, planned in \
                self._conn.execute(
                    "SELECT uuid, day, text, done, habit_id, amount, note, position, planned_on "
                    "FROM steps WHERE COALESCE(planned_on, day) BETWEEN ? AND ?", (first, last)):
            put(f"s/{uuid}/", _present(day=day, text=text, done=bool(done),
                                       habit=uuids.get(habit_id) if habit_id else None,
                                       amount=amount, note=note, position=position,
                                       planned=planned))
        for uuid, first_day, last_day, habit_id, note in self._conn.execute(
                "SELECT uuid, first, last, habit_id, note FROM pauses "
                "WHERE first BETWEEN ? AND ?", (first, last)):
            if habit_id is None or habit_id in uuids:
                put(f"p/{uuid}/", _present(first=first_day, last=last_day, note=note,
                                           habit=uuids.get(habit_id) if habit_id else None))
        for week, answers, decisions in self._conn.execute(
                "SELECT week_start, answers, decisions FROM reviews "
                "WHERE week_start BETWEEN ? AND ?", (first, last)):
            put(f"r/{week}/", review_fields(json.loads(answers), json.loads(decisions)))
        return found

    # In: the documents' values written back -----------------------------------
    def apply(self, shard: str, records: Records, names: dict[str, str],
              deleted: set[str]) -> set[str]:
        """Make a shard's records what the document says. Returns the habits a month
        holds days of that are not here yet. ``names``: the names habits get here (told
        apart); ``deleted``: the habits deleted (their days are not waited for)."""
        with self._write() as conn:
            if shard == CORE:
                apply_core(conn, records, self._habits(None), names)
                return set()
            return apply_month(conn, shard, records, self._month(shard), deleted)

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction: what a sync applies is all or nothing."""
        return self._write()

    def applying(self, flag: bool) -> None:
        """While a sync writes what came from the folder, the change log stays as it is
        (set and cleared inside the sync's transaction)."""
        self.set_setting("sync.applying", "1" if flag else None)


def review_fields(answers: dict[str, str], decisions: list[dict[str, Any]]) -> Fields:
    """A review's answers and decisions as fields, each of its own."""
    fields = {f"a/{digest(key)}": dump([key, text]) for key, text in answers.items()}
    fields.update({f"d/{digest(d['habit'].lower(), d['kind'])}": dump(d) for d in decisions})
    return fields


def _record_of(kind: str, key: str, uuids: dict[int, str]) -> tuple[str, str] | None:
    """The shard and record a row of the change log names."""
    if kind == "h":
        return CORE, f"{key}/"
    if kind == "e":
        habit_id, _, day = key.partition("|")
        uuid = uuids.get(int(habit_id))
        return None if uuid is None else (month_of(day), f"e/{uuid}/{day}/")
    if kind in ("s", "p"):  # a micro-step in the month first planned, a pause of its first day
        uuid, _, day = key.partition("|")
        return month_of(day), f"{kind}/{uuid}/"
    if kind == "d":
        return month_of(key), f"d/{key}"
    return month_of(key), f"{kind}/{key}/"


def _same_sql(stored: str, wanted: str) -> bool:
    """Whether SQLite's copy of a statement is this one (it keeps the text as given,
    less ``IF NOT EXISTS``)."""
    def plain(sql: str) -> str:
        return " ".join(sql.replace("IF NOT EXISTS ", "").split())
    return plain(stored) == plain(wanted)
