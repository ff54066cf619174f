"""Realistic sample data: six habits over eight weeks, as a tracker export document.

Used by ``tracker demo``, the screenshots and the tests. The result is the same
JSON document ``tracker export`` writes, so it goes in through the normal import.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from tracker.domain.days import days_between

SAMPLE_WEEKS = 8

_HABITS: list[dict[str, Any]] = [
    {"name": "Guitar", "direction": "craft: guitar",
     "minimum": "Change G to C ten times", "full": "20 minutes of practice",
     "stretch": "Learn a new song section", "unit": "minutes",
     "schedule": {"kind": "daily", "days": [], "per_week": 0},
     "first_minimum": "Change G to C five times", "skill": 0.85},
    {"name": "Read", "direction": "mind", "minimum": "Read one page",
     "full": "Read 20 pages", "stretch": "Finish a chapter", "unit": "pages",
     "schedule": {"kind": "daily", "days": [], "per_week": 0}, "skill": 0.9,
     "min_amount": 1.0, "full_amount": 20.0, "stretch_amount": 40.0},
    {"name": "Push-ups", "direction": "health", "minimum": "One push-up",
     "full": "Three sets of ten", "stretch": "Five sets of ten", "unit": "push-ups",
     "schedule": {"kind": "weekdays", "days": ["mon", "wed", "fri"], "per_week": 0},
     "skill": 0.75},
    {"name": "Write", "direction": "craft: writing", "minimum": "Write one paragraph",
     "full": "Write 500 words", "stretch": "", "unit": "words",
     "schedule": {"kind": "per_week", "days": [], "per_week": 3}, "skill": 0.6},
    {"name": "Walk outside", "direction": "health",
     "minimum": "Step outside for five minutes", "full": "A 30-minute walk",
     "stretch": "", "unit": "",
     "schedule": {"kind": "daily", "days": [], "per_week": 0}, "skill": 0.7},
    {"name": "Tidy one surface", "direction": "", "minimum": "Clear one surface",
     "full": "Tidy one room", "stretch": "", "unit": "",
     "schedule": {"kind": "weekdays", "days": ["mon", "tue", "wed", "thu", "fri"],
                  "per_week": 0}, "skill": 0.3},
]

_NOTES = {
    "Guitar": ["clean change at last", "sore fingertips, kept it short", "played along a record"],
    "Read": ["finished 'Piranesi'", "read on the bus", "ten pages before bed"],
    "Push-ups": ["form felt better", "did them in the morning"],
    "Write": ["a page on the garden", "outline for the essay", "rough, but it's there"],
    "Walk outside": ["around the park", "rain, short loop"],
    "Tidy one surface": ["the desk"],
}
_INTENTIONS = ["be kind to myself", "one thing at a time", "finish the draft",
               "get outside before noon", "", "", ""]
_STEPS = ["send the message I postponed", "book the dentist", "water the plants",
          "reply to Sam", "print the tax form", "fix the bike light", "call mum"]
_AMOUNTS = {"minutes": (5, 20, 35), "pages": (1, 20, 40), "push-ups": (1, 30, 50),
            "words": (80, 500, 900)}


def sample_document(today: date, seed: int = 7) -> dict[str, Any]:
    """Eight weeks of history ending on ``today``, in tracker's export format."""
    rng = random.Random(seed)
    first = today - timedelta(days=7 * SAMPLE_WEEKS - 1)
    habits, entries, checkins, steps = [], [], [], []
    for position, spec in enumerate(_HABITS):
        ladder = [{"since": first.isoformat(), "text": spec.get("first_minimum",
                                                               spec["minimum"])}]
        if "first_minimum" in spec:
            ladder.append({"since": (today - timedelta(days=24)).isoformat(),
                           "text": spec["minimum"]})
        habits.append({k: spec[k] for k in ("name", "direction", "minimum", "full",
                                             "stretch", "unit", "schedule")}
                      | {k: spec.get(k) for k in ("min_amount", "full_amount",
                                                  "stretch_amount")}
                      | {"position": position, "archived": False,
                         "created": first.isoformat(), "ladder": ladder})
    for day in days_between(first, today):
        energy = rng.choices(["low", "ok", "high"], weights=[3, 5, 2])[0]
        checkins.append({"date": day.isoformat(), "energy": energy,
                         "intention": rng.choice(_INTENTIONS),
                         "note": rng.choice(["slept badly", "sunny day", "", "", ""])})
        for spec in _HABITS:
            entry = _sample_entry(rng, spec, day, energy, today)
            if entry is not None:
                entries.append(entry)
        for n in range(rng.choice([0, 0, 1, 1, 2])):
            steps.append({"date": day.isoformat(), "text": rng.choice(_STEPS),
                          "done": day != today and rng.random() < 0.8, "habit": None,
                          "amount": None, "note": "", "position": n})
    steps.append({"date": today.isoformat(), "text": "send the message I postponed",
                  "done": False, "habit": None, "amount": None, "note": "",
                  "position": 9})
    return {"format": "tracker", "version": 2, "exported_at": f"{today}T00:00:00",
            "habits": habits, "entries": entries, "checkins": checkins, "steps": steps,
            "reviews": [{"week_start": (first + timedelta(days=7 * 6)).isoformat(),
                         "answers": {"direction": "Yes: more guitar than ever.",
                                     "helped": "Practising right after breakfast.",
                                     "in_the_way": "Late nights."},
                         "decisions": []}]}


def _sample_entry(rng: random.Random, spec: dict[str, Any], day: date, energy: str,
                  today: date) -> dict[str, Any] | None:
    schedule = spec["schedule"]
    weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()]
    if schedule["kind"] == "weekdays" and weekday not in schedule["days"]:
        return None
    chance = spec["skill"] if schedule["kind"] != "per_week" else 0.5
    if day == today:  # the morning so far: the first two habits are done
        if spec["name"] not in ("Guitar", "Read"):
            return None
        return {"habit": spec["name"], "date": day.isoformat(), "status": "full",
                "amount": float(_AMOUNTS[spec["unit"]][1]),
                "note": "played along a record" if spec["name"] == "Guitar" else ""}
    if day == today - timedelta(days=1) and spec["name"] == "Write":
        return {"habit": "Write", "date": day.isoformat(), "status": None, "amount": 40.0,
                "note": "a few lines on the train"}  # evidence that reached no level
    roll = rng.random()
    if roll < 0.05:
        return {"habit": spec["name"], "date": day.isoformat(), "status": "rest",
                "amount": None, "note": rng.choice(["sick", "travelling", ""])}
    if roll > chance:
        return None
    level = "minimum" if energy == "low" or not spec["full"] else "full"
    if energy == "high" and spec["stretch"] and rng.random() < 0.4:
        level = "stretch"
    amount = None
    if spec["unit"]:
        amount = float(_AMOUNTS[spec["unit"]][("minimum", "full", "stretch").index(level)])
    note = rng.choice(_NOTES[spec["name"]]) if rng.random() < 0.15 else ""
    return {"habit": spec["name"], "date": day.isoformat(), "status": level,
            "amount": amount, "note": note}
