"""The benchmark's history (10 years × 40 habits) written as the files of the other apps
``tracker import`` reads, laid out as docs/formats.md describes them, for the import rows
(each within the Loop import's budget: 3 s)."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any


def _done(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in document["entries"] if e["status"] not in (None, "rest")]


def habitkit(document: dict[str, Any], path: Path) -> None:
    """Completions at the UTC instant of Berlin's local midnight, with the offset."""
    habits = [{"id": f"h{n}", "name": h["name"], "description": h["minimum"],
               "archived": False, "orderIndex": n, "isInverse": False}
              for n, h in enumerate(document["habits"])]
    ids = {h["name"]: f"h{n}" for n, h in enumerate(document["habits"])}
    completions = []
    for n, entry in enumerate(_done(document)):
        day = date.fromisoformat(entry["date"])
        offset = 120 if 4 <= day.month <= 9 else 60
        moment = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(minutes=offset)
        completions.append({"id": f"c{n}", "habitId": ids[entry["habit"]],
                            "date": moment.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                            "timezoneOffsetInMinutes": offset, "amountOfCompletions": 1,
                            "note": entry["note"] or None})
    intervals = [{"id": f"i{n}", "habitId": f"h{n}", "type": "day", "startDate": "2000-01-01",
                  "requiredNumberOfCompletions": 1} for n in range(len(habits))]
    path.write_text(json.dumps({"habits": habits, "completions": completions,
                                "intervals": intervals, "reminders": [], "categories": [],
                                "categoryMappings": []}))


def habitbull(document: dict[str, Any], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["HabitName", "HabitDescription", "HabitCategory", "CalendarDate",
                         "Value", "CommentText"])
        for entry in _done(document):
            day = date.fromisoformat(entry["date"])
            writer.writerow([entry["habit"], "", "", f"{day.month}/{day.day}/{day.year}", 1,
                             entry["note"]])


def habitica(document: dict[str, Any], path: Path) -> None:
    """Dailies whose history is written at a cron at 09:00 in New York the day after."""
    done: dict[str, set[str]] = {}
    for entry in _done(document):
        done.setdefault(entry["habit"], set()).add(entry["date"])
    days = sorted({e["date"] for e in document["entries"]})
    dailys = []
    for habit in document["habits"]:
        history = []
        for iso in days:
            cron = datetime.fromisoformat(iso).replace(tzinfo=UTC) + timedelta(hours=38)
            history.append({"date": int(cron.timestamp() * 1000), "value": 1.0,
                            "isDue": True, "completed": iso in done.get(habit["name"], ())})
        dailys.append({"text": habit["name"], "notes": habit["minimum"], "frequency": "daily",
                       "everyX": 1, "history": history})
    path.write_text(json.dumps({"auth": {}, "apiToken": "x", "preferences": {
        "dayStart": 0, "timezoneOffset": 300}, "tasks": {"dailys": dailys, "habits": [],
                                                          "todos": [], "rewards": []}}))


def daylio(document: dict[str, Any], path: Path) -> None:
    """A row a day, its activities the habits done that day."""
    done: dict[str, list[str]] = {}
    for entry in _done(document):
        done.setdefault(entry["date"], []).append(entry["habit"])
    with path.open("w", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file)
        writer.writerow(["full_date", "date", "weekday", "time", "mood", "activities",
                         "note_title", "note"])
        for iso in sorted(done, reverse=True):
            day = date.fromisoformat(iso)
            writer.writerow([iso, f"{day:%B} {day.day}", f"{day:%A}", "8:00 AM", "good",
                             " | ".join(done[iso]), "", ""])


def rewire(document: dict[str, Any], path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE Habits (_id INTEGER PRIMARY KEY, Order_num INTEGER, Name TEXT NOT NULL,
          description TEXT, active_days TEXT, archived INTEGER, schedule INTEGER,
          days INTEGER, period INTEGER, unit INTEGER, target_count REAL,
          repeating_count INTEGER, start_date TEXT);
        CREATE TABLE CHECKINS (_id INTEGER PRIMARY KEY, Habit_id INTEGER NOT NULL,
          date TEXT NOT NULL, type INTEGER NOT NULL, note TEXT, actual_count REAL);
        CREATE TABLE UNIT (_id INTEGER PRIMARY KEY, UNIT_NAME TEXT, MIN_INCREMENT REAL);
    """)
    ids = {h["name"]: n for n, h in enumerate(document["habits"], 1)}
    conn.executemany("INSERT INTO Habits VALUES (?, ?, ?, '', '', 0, 1, 7, 0, 0, 0, 0, "
                     "'20000101')", [(n, n, name) for name, n in ids.items()])
    conn.executemany("INSERT INTO CHECKINS (Habit_id, date, type, note, actual_count) "
                     "VALUES (?, ?, 2, ?, 0)",
                     [(ids[e["habit"]], e["date"].replace("-", ""), e["note"])
                      for e in _done(document)])
    conn.commit()
    conn.close()


def tickmate(document: dict[str, Any], path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE tracks (_id INTEGER PRIMARY KEY, name TEXT NOT NULL,
          description TEXT NOT NULL, icon TEXT NOT NULL, enabled INTEGER NOT NULL,
          multiple_entries_per_day INTEGER DEFAULT 0, "order" INTEGER DEFAULT -1);
        CREATE TABLE ticks (_id INTEGER PRIMARY KEY, _track_id INTEGER, year INTEGER,
          month INTEGER, day INTEGER);
    """)
    ids = {h["name"]: n for n, h in enumerate(document["habits"], 1)}
    conn.executemany("INSERT INTO tracks VALUES (?, ?, '', 'x', 1, 0, ?)",
                     [(n, name, n) for name, n in ids.items()])
    rows = []
    for entry in _done(document):
        day = date.fromisoformat(entry["date"])
        rows.append((ids[entry["habit"]], day.year, day.month - 1, day.day))
    conn.executemany("INSERT INTO ticks (_track_id, year, month, day) VALUES (?, ?, ?, ?)",
                     rows)
    conn.commit()
    conn.close()


WRITERS: dict[str, tuple[str, Callable[[dict[str, Any], Path], None]]] = {
    "habitkit": ("habitkit.json", habitkit), "habitbull": ("habitbull.csv", habitbull),
    "habitica": ("habitica.json", habitica), "daylio": ("daylio.csv", daylio),
    "rewire": ("rewire.db", rewire), "tickmate": ("tickmate.db", tickmate),
}
