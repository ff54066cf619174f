"""Property: devices that change the same habits and days while apart, whose files
arrive in any order, late, twice or stale, end with the same data once everything has
arrived (the JSON export, apart from its time)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.io.json_format import export_document
from tracker.store import Store, StoreError
from tracker.sync.run import sync

DEVICES = 3
NAMES = ("Read", "read", "Run", "Write")
DAYS = tuple(date(2026, 11, 28) + timedelta(days=n) for n in range(4))  # two months
STATUSES = ("minimum", "full", "stretch", "rest", None)

device = st.integers(0, DEVICES - 1)
operation = st.one_of(
    st.tuples(st.just("add"), device, st.sampled_from(NAMES)),
    st.tuples(st.just("rename"), device, st.integers(0, 3), st.sampled_from(NAMES)),
    st.tuples(st.just("mark"), device, st.integers(0, 3), st.sampled_from(DAYS),
              st.sampled_from(STATUSES)),
    st.tuples(st.just("note"), device, st.integers(0, 3), st.sampled_from(DAYS),
              st.sampled_from(("tired", "good", ""))),
    st.tuples(st.just("archive"), device, st.integers(0, 3)),
    st.tuples(st.just("delete"), device, st.integers(0, 3)),
    st.tuples(st.just("checkin"), device, st.sampled_from(DAYS),
              st.sampled_from(("low", "ok", "high"))),
    st.tuples(st.just("step"), device, st.sampled_from(DAYS), st.sampled_from(("a", "b"))),
    st.tuples(st.just("tick"), device, st.integers(0, 3)),
    st.tuples(st.just("answer"), device, st.sampled_from(("helped", "in_the_way")),
              st.sampled_from(("walks", "rain"))),
    st.tuples(st.just("sync"), device),
    st.tuples(st.just("deliver"), device, device, st.integers(0, 2)),
)


class World:
    """Three devices, each with its database and its own copy of the synced folder; a
    "delivery" is the sync service copying one device's files into another's copy."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.stores = [Store(base / f"device{n}.db") for n in range(DEVICES)]
        self.folders = [base / f"folder{n}" for n in range(DEVICES)]
        self.sent: list[list[dict[str, bytes]]] = [[] for _ in range(DEVICES)]
        for n in range(DEVICES):
            self.sync(n, first=True)
        for n in range(DEVICES):  # made apart: "Read" and "read" collide, all at position 0
            self.stores[n].habits.add(NAMES[n], "one", full="two", created=DAYS[0])
            self.stores[n].days.record(self.stores[n].habits.find(NAMES[n]).id, DAYS[1], "full")

    def own(self, n: int) -> Path:
        return self.folders[n] / "tracker-sync" / str(self.stores[n].sync.setting("sync.device"))

    def sync(self, n: int, first: bool = False) -> None:
        report = sync(self.stores[n], self.folders[n] if first else None, f"device {n}")
        assert report.problems == []
        self.sent[n].append({p.name: p.read_bytes() for p in self.own(n).iterdir()})

    def deliver(self, source: int, target: int, age: int) -> None:
        if source == target or not self.sent[source]:
            return
        files = self.sent[source][max(0, len(self.sent[source]) - 1 - age)]
        folder = self.folders[target] / "tracker-sync" / self.own(source).name
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in sorted(files.items(), reverse=age % 2 == 1):  # any order
            (folder / name).write_bytes(data)

    def habit(self, n: int, index: int) -> Any:
        habits = self.stores[n].habits.all(include_archived=True)
        return habits[index % len(habits)] if habits else None

    def apply(self, op: tuple[Any, ...]) -> None:
        kind, n, *rest = op
        store = self.stores[n]
        try:
            if kind == "add":
                store.habits.add(rest[0], "one", created=DAYS[0])
            elif kind == "sync":
                self.sync(n)
            elif kind == "deliver":
                self.deliver(n, rest[0], rest[1])
            elif kind == "checkin":
                store.days.check_in(rest[0], rest[1], "")
            elif kind == "step":
                store.days.add_step(rest[0], rest[1])
            elif kind == "tick":
                steps = [s for d in DAYS for s in store.days.steps_on(d)]
                if steps:
                    step = steps[rest[0] % len(steps)]
                    store.days.set_step_done(step.id, not step.done)
            elif kind == "answer":
                store.reviews.answer(DAYS[0] - timedelta(days=DAYS[0].weekday()), *rest)
            elif (habit := self.habit(n, rest[0])) is not None:
                if kind == "rename":
                    store.habits.update(habit, DAYS[-1], name=rest[1])
                elif kind == "mark":
                    store.days.record(habit.id, rest[1], rest[2])
                elif kind == "note":
                    store.days.set_evidence(habit.id, rest[1], None, rest[2])
                elif kind == "archive":
                    store.habits.set_archived(habit, not habit.archived)
                elif kind == "delete":
                    store.habits.delete(habit)
        except StoreError:
            pass  # refused as in the app (a name taken here): nothing was written

    def settle(self) -> None:
        """Everything arrives everywhere, and every device syncs: twice round."""
        for _ in range(2):
            for n in range(DEVICES):
                self.sync(n)
            for source in range(DEVICES):
                for target in range(DEVICES):
                    self.deliver(source, target, 0)
        for n in range(DEVICES):
            self.sync(n)

    def exports(self) -> list[dict[str, Any]]:
        documents = []
        for store in self.stores:
            document = export_document(store)
            document.pop("exported_at")
            documents.append(document)
        return documents

    def close(self) -> None:
        for store in self.stores:
            store.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, max_size=40))
def test_devices_converge_whatever_the_order(operations: list[tuple[Any, ...]]) -> None:
    base = Path(tempfile.mkdtemp())
    world = World(base)
    try:
        for op in operations:
            world.apply(op)
        world.settle()
        first, *others = world.exports()
        for other in others:
            assert other == first
    finally:
        world.close()
        shutil.rmtree(base, ignore_errors=True)
