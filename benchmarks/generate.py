"""A large, realistic history for the benchmark: 10 years × 40 habits (~146k entries).

Written both as a tracker database and as a Loop Habit Tracker backup of the same size.
Run: python -m benchmarks.generate [FOLDER]
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tracker.io.json_format import import_document
from tracker.store import Store

YEARS, HABITS = 10, 40
NOTES = ["felt easy", "hard start, good finish", "short one", "with a friend", "tired",
         "new personal best", "rain", "before work"]
DIRECTIONS = ["health", "craft: guitar", "mind", "family", "craft: writing", "work", "home",
              "friends", ""]
"""Eight directions and habits without one: Today and the review grouped under nine
headings."""
GENERATED = "2"
"""The data set's version: a change to what is generated makes it anew."""
UNITS = ["pages", "minutes", "km", "", "", "words"]


def large_document(today: date, years: int = YEARS, habits: int = HABITS,
                   seed: int = 1) -> dict[str, Any]:
    """``years`` of daily history for ``habits`` habits, ending yesterday."""
    rng = random.Random(seed)
    first = today - timedelta(days=365 * years)
    days = [first + timedelta(days=i) for i in range((today - first).days)]
    habit_docs, entries, checkins, steps = [], [], [], []
    for n in range(habits):
        unit = UNITS[n % len(UNITS)]
        habit_docs.append({
            "name": f"Habit {n + 1:02d}", "direction": DIRECTIONS[n % len(DIRECTIONS)],
            "minimum": f"the smallest step of habit {n + 1}", "full": "the full version",
            "stretch": "the stretch version" if n % 3 == 0 else "", "unit": unit,
            "schedule": {"kind": "daily", "days": [], "per_week": 0}, "position": n,
            "archived": False, "created": first.isoformat(),
            "ladder": [{"since": (first + timedelta(days=400 * k)).isoformat(),
                        "text": f"step {k + 1} of habit {n + 1}"} for k in range(n % 5 + 1)]})
    for day in days:
        energy = rng.choices(["low", "ok", "high"], weights=[3, 5, 2])[0]
        checkins.append({"date": day.isoformat(), "energy": energy,
                         "intention": "one thing at a time" if rng.random() < 0.3 else "",
                         "note": rng.choice(NOTES) if rng.random() < 0.1 else ""})
        if rng.random() < 0.5:
            steps.append({"date": day.isoformat(), "text": f"a small step on {day}",
                          "done": rng.random() < 0.8, "habit": None, "amount": None,
                          "note": "", "position": 0})
        gap = rng.random() < 0.02  # a whole day with nothing recorded
        for habit in habit_docs:
            if gap:
                continue
            roll = rng.random()
            status = ("rest" if roll < 0.04 else "minimum" if energy == "low" or roll < 0.3
                      else "stretch" if energy == "high" and roll > 0.9 else "full")
            amount = float(rng.randint(1, 40)) if habit["unit"] and status != "rest" else None
            entries.append({"habit": habit["name"], "date": day.isoformat(), "status": status,
                            "amount": amount,
                            "note": rng.choice(NOTES) if rng.random() < 0.05 else ""})
    return {"format": "tracker", "version": 1, "habits": habit_docs, "entries": entries,
            "checkins": checkins, "steps": steps, "reviews": []}


def write_tracker_db(path: Path, today: date) -> int:
    store = Store(path)
    report = import_document(store, large_document(today), source="generator")
    store.close()
    return report.entries


def write_loop_backup(path: Path, today: date) -> int:
    """The same history as a Loop Habit Tracker backup (user_version 25)."""
    document = large_document(today)
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE Habits (id INTEGER PRIMARY KEY AUTOINCREMENT, archived INTEGER,
          color INTEGER, description TEXT, freq_den INTEGER, freq_num INTEGER,
          highlight INTEGER, name TEXT, position INTEGER, reminder_hour INTEGER,
          reminder_min INTEGER, reminder_days INTEGER NOT NULL DEFAULT 127,
          type INTEGER NOT NULL DEFAULT 0, target_type INTEGER NOT NULL DEFAULT 0,
          target_value REAL NOT NULL DEFAULT 0, unit TEXT NOT NULL DEFAULT "",
          question TEXT, uuid TEXT);
        CREATE TABLE Repetitions (id INTEGER PRIMARY KEY AUTOINCREMENT,
          habit INTEGER NOT NULL REFERENCES habits(id), timestamp INTEGER NOT NULL,
          value INTEGER NOT NULL, notes TEXT);
        CREATE UNIQUE INDEX idx_repetitions_habit_timestamp ON Repetitions(habit, timestamp);
        PRAGMA user_version = 25;
    """)
    ids = {}
    for n, habit in enumerate(document["habits"], 1):
        numerical = int(bool(habit["unit"]))
        conn.execute("INSERT INTO Habits VALUES (?,0,1,'',1,1,0,?,?,NULL,NULL,127,?,0,?,?,?,?)",
                     (n, habit["name"], n, numerical, 20.0 if numerical else 0,
                      habit["unit"], f"Did you do {habit['name']}?", f"{n:032x}"))
        ids[habit["name"]] = (n, numerical)
    rows = []
    for entry in document["entries"]:
        n, numerical = ids[entry["habit"]]
        stamp = int(datetime.fromisoformat(entry["date"]).replace(tzinfo=UTC).timestamp() * 1000)
        if entry["status"] == "rest":
            value = 3
        elif numerical:
            value = int((entry["amount"] or 0) * 1000)
        else:
            value = 2
        rows.append((n, stamp, value, entry["note"]))
    conn.executemany("INSERT INTO Repetitions(habit, timestamp, value, notes) VALUES (?,?,?,?)",
                     rows)
    conn.commit()
    conn.close()
    return len(rows)


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(
        description="Write the benchmark's history (10 years × 40 habits) as a tracker "
                    "database (large.db) and a Loop Habit Tracker backup (loop.db).")
    parser.add_argument("folder", nargs="?", default="benchmarks/data", type=Path,
                        help="where to write them (default: benchmarks/data)")
    folder: Path = parser.parse_args(argv).folder
    folder.mkdir(parents=True, exist_ok=True)
    today = date.today()  # noqa: DTZ011 (the history ends yesterday, whatever the zone)
    for name in ("large.db", "loop.db"):
        (folder / name).unlink(missing_ok=True)
    print(f"{write_tracker_db(folder / 'large.db', today):,} entries in {folder / 'large.db'}")
    print(f"{write_loop_backup(folder / 'loop.db', today):,} repetitions in {folder / 'loop.db'}")


if __name__ == "__main__":
    main()
