"""A child process for the safety tests: writes numbered records and reports each
one on stdout only after its commit returned."""

from __future__ import annotations

import sys
from datetime import date, timedelta

from tracker.store import Store


def main() -> None:
    path, label, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store(path)
    habit = store.habits.find("Read")
    start = date(2000, 1, 1)
    for i in range(count):
        store.days.add_step(date(2026, 3, 1), f"{label} {i}")
        store.days.record(habit.id, start + timedelta(days=i), "full", note=f"{label} {i}")
        print(i, flush=True)
    store.close()


if __name__ == "__main__":
    main()
