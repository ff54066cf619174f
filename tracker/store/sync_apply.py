"""The documents' records written back into the database (inside a sync's write
transaction), only where they differ from what is there.

Every value was checked on its way in (sync_keys.checked); a record a merge left
without what it needs (a check-in without its energy, a micro-step without its text:
the fields that made it were removed on one device while another changed it) is not
there until a device writes it whole again.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from tracker.store.habits import delete_habit_rows
from tracker.store.sync_keys import HABIT_DEFAULTS, HABIT_FIELDS, parse

Records = dict[str, dict[str, str]]


def _loads(fields: dict[str, str]) -> dict[str, Any]:
    return {name: parse(value) for name, value in fields.items()}


def alive_habits(records: Records) -> dict[str, dict[str, Any]]:
    """The core's habits that are there (not deleted, with a name, a minimum and a
    day of creation), their fields as Python."""
    alive: dict[str, dict[str, Any]] = {}
    for prefix, fields in records.items():
        if "deleted" in fields or not {"name", "minimum", "created"} <= fields.keys():
            continue
        alive[prefix[:-1]] = _loads(fields)
    return alive


def distinct_names(habits: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each habit's name here; where two share one (case aside), the habit with the
    smaller identity keeps it and the others get `` (2)``, `` (3)``: the same on every
    device. Only the name shown here: the document keeps the name as it was given."""
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


def _columns(fields: dict[str, Any], name: str) -> dict[str, Any]:
    columns = {field: fields.get(field, HABIT_DEFAULTS.get(field)) for field in HABIT_FIELDS}
    columns["name"] = name
    return columns


def _rungs(fields: dict[str, Any]) -> list[tuple[str, str]]:
    rungs = sorted((tuple(v) for k, v in fields.items() if k.startswith("rung/")))
    return [(str(since), str(text)) for since, text in rungs]


def _ladder(fields: dict[str, Any], columns: dict[str, Any]) -> list[tuple[str, str]]:
    """A habit's rungs; its first minimum from its start if it has none."""
    return _rungs(fields) or [(columns["created"], columns["minimum"])]


def _sources(fields: dict[str, Any]) -> list[str]:
    return sorted(v for k, v in fields.items() if k.startswith("source/"))


def apply_core(conn: sqlite3.Connection, records: Records, current: Records,
               names: dict[str, str]) -> None:
    """Make the habits what the core document says: deleted ones go with their
    history; names taken twice are told apart (``names``)."""
    habits = alive_habits(records)
    local = dict(conn.execute("SELECT uuid, id FROM habits").fetchall())
    for prefix, fields in records.items():
        uuid = prefix[:-1]
        if "deleted" in fields and uuid in local:
            delete_habit_rows(conn, local.pop(uuid))  # its tombstone kept there too
    changed = {uuid: fields for uuid, fields in habits.items()
               if _differs(fields, names[uuid], current.get(f"{uuid}/"))}
    # names move through a placeholder so that two habits may swap names
    for uuid in changed:
        if uuid in local:
            conn.execute("UPDATE habits SET name = ? WHERE id = ?",
                         (f"(moving) {uuid}", local[uuid]))
    for uuid, fields in changed.items():
        columns = _columns(fields, names[uuid])
        if uuid in local:
            habit_id = local[uuid]
            sets = ", ".join(f"{name} = ?" for name in columns)
            conn.execute(f"UPDATE habits SET {sets} WHERE id = ?",
                         (*columns.values(), habit_id))
        else:
            cursor = conn.execute(
                f"INSERT INTO habits (uuid, {', '.join(columns)}) "
                f"VALUES (?, {', '.join('?' * len(columns))})", (uuid, *columns.values()))
            habit_id = int(cursor.lastrowid or 0)
        conn.execute("DELETE FROM ladder WHERE habit_id = ?", (habit_id,))
        conn.executemany("INSERT INTO ladder (habit_id, since, text) VALUES (?, ?, ?)",
                         [(habit_id, since, text) for since, text in _ladder(fields, columns)])
        conn.execute("DELETE FROM habit_sources WHERE habit_id = ?", (habit_id,))
        conn.executemany("INSERT OR IGNORE INTO habit_sources (key, habit_id) VALUES (?, ?)",
                         [(key, habit_id) for key in _sources(fields)])


def _differs(fields: dict[str, Any], name: str, current: dict[str, str] | None) -> bool:
    if current is None:
        return True
    here = _loads(current)
    columns = _columns(fields, name)
    if any(here.get(field) != columns[field] for field in HABIT_FIELDS):
        return True
    return _rungs(here) != _ladder(fields, columns) or _sources(here) != _sources(fields)


def apply_month(conn: sqlite3.Connection, month: str, records: Records, current: Records,
                deleted: set[str]) -> set[str]:
    """Make a month what its document says. Returns the habits (identities) it holds
    days of that are not here and not deleted: their core is on its way."""
    ids = dict(conn.execute("SELECT uuid, id FROM habits").fetchall())
    unknown: set[str] = set()
    entries: list[tuple[Any, ...]] = []
    for prefix in current.keys() - records.keys():
        _remove(conn, prefix, ids)
    for prefix, fields in records.items():
        if current.get(prefix) == fields:
            continue
        values = _loads(fields)
        kind = prefix[0]
        if kind == "e":
            uuid, day = prefix.split("/")[1:3]
            if uuid not in ids:
                if uuid not in deleted:
                    unknown.add(uuid)
                continue
            entries.append((ids[uuid], day, values.get("status"), values.get("amount"),
                            values.get("note", "")))
        elif kind == "p" and values.get("habit") not in (None, *ids):
            if values["habit"] not in deleted:
                unknown.add(values["habit"])  # its habit is on its way
            if prefix in current:
                _remove(conn, prefix, ids)
        elif not _put(conn, month, prefix, values, ids) and prefix in current:
            _remove(conn, prefix, ids)  # left without what it needs: not there
    conn.executemany(
        "INSERT INTO entries (habit_id, day, status, amount, note) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (habit_id, day) DO UPDATE SET status = excluded.status, "
        "amount = excluded.amount, note = excluded.note", entries)
    return unknown


def _remove(conn: sqlite3.Connection, prefix: str, ids: dict[str, int]) -> None:
    kind, _, rest = prefix.rstrip("/").partition("/")
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
    elif kind == "p":
        conn.execute("DELETE FROM pauses WHERE uuid = ?", (rest,))


def _put(conn: sqlite3.Connection, month: str, prefix: str, value: dict[str, Any],
         ids: dict[str, int]) -> bool:
    """Write one record of a month other than an entry; False if it lacks what it needs."""
    kind, _, rest = prefix.rstrip("/").partition("/")
    if kind == "c":
        if "energy" not in value:
            return False
        conn.execute("INSERT INTO checkins (day, energy, intention, note) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (day) DO UPDATE SET energy = excluded.energy, "
                     "intention = excluded.intention, note = excluded.note",
                     (rest, value["energy"], value.get("intention", ""),
                      value.get("note", "")))
    elif kind == "d":
        conn.execute("INSERT OR IGNORE INTO checkins_declined (day) VALUES (?)", (rest,))
    elif kind == "s":
        if "day" not in value or "text" not in value:
            return False
        if (value.get("planned") or value["day"])[:7] != month:
            return False  # a micro-step lives in the month it was first planned in
        habit = value.get("habit")
        conn.execute("DELETE FROM steps WHERE uuid = ?", (rest,))
        conn.execute("INSERT INTO steps (uuid, day, text, done, habit_id, amount, note, "
                     "position, planned_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (rest, value["day"], value["text"], int(value.get("done", False)),
                      ids.get(habit) if habit else None, value.get("amount"),
                      value.get("note", ""), value.get("position", 0), value.get("planned")))
    elif kind == "p":
        if not _pause_holds(value):
            return False
        habit = value.get("habit")
        conn.execute("DELETE FROM pauses WHERE uuid = ?", (rest,))
        conn.execute("INSERT INTO pauses (uuid, first, last, habit_id, note) "
                     "VALUES (?, ?, ?, ?, ?)", (rest, value["first"], value["last"],
                                                ids[habit] if habit else None,
                                                value.get("note", "")))
    elif kind == "r":
        answers = dict(v for k, v in sorted(value.items()) if k.startswith("a/"))
        decisions = sorted((v for k, v in value.items() if k.startswith("d/")),
                           key=lambda d: (str(d["habit"]).lower(), str(d["kind"])))
        conn.execute("INSERT INTO reviews (week_start, answers, decisions) VALUES (?, ?, ?) "
                     "ON CONFLICT (week_start) DO UPDATE SET answers = excluded.answers, "
                     "decisions = excluded.decisions",
                     (rest, json.dumps(answers, ensure_ascii=False, sort_keys=True),
                      json.dumps(decisions, ensure_ascii=False)))
    return True


def _pause_holds(value: dict[str, Any]) -> bool:
    """A pause with its days, forward and at most a year (else it is not there)."""
    from datetime import date

    from tracker.domain.pauses import MAX_PAUSE_DAYS

    if "first" not in value or "last" not in value:
        return False
    days = (date.fromisoformat(value["last"]) - date.fromisoformat(value["first"])).days
    return 0 <= days < MAX_PAUSE_DAYS
