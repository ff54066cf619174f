"""A process killed while writing loses nothing it reported as saved; two writers both land."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tracker.store import Store

WRITER = [sys.executable, "-m", "tests.safety.writer"]
ROOT = Path(__file__).parents[2]


@pytest.fixture
def db_with_habit(db_path: Path) -> Path:
    store = Store(db_path)
    store.habits.add("Read", "one page", full="20 pages", created=date(2000, 1, 1))
    store.close()
    return db_path


def saved(db: Path, label: str) -> tuple[set[int], set[int]]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        steps = {int(t.split()[-1]) for (t,) in conn.execute(
            "SELECT text FROM steps WHERE text LIKE ?", (f"{label} %",))}
        notes = {int(n.split()[-1]) for (n,) in conn.execute(
            "SELECT note FROM entries WHERE note LIKE ?", (f"{label} %",))}
        return steps, notes
    finally:
        conn.close()


@pytest.mark.parametrize("round_", range(5))
def test_sigkill_while_writing_loses_nothing_reported_saved(db_with_habit: Path,
                                                            round_: int) -> None:
    label = f"kill{round_}"
    child = subprocess.Popen([*WRITER, str(db_with_habit), label, "100000"], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    deadline = time.monotonic() + random.uniform(0.3, 1.5)
    reported = -1
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        reported = int(line)
    child.kill()  # SIGKILL: no cleanup, no atexit, mid-transaction if it happens to be
    child.wait(timeout=10)
    for line in child.stdout:  # lines already written before the kill count as reported
        reported = int(line)
    assert reported >= 0, "the writer never got going"
    steps, notes = saved(db_with_habit, label)
    wanted = set(range(reported + 1))
    assert wanted <= steps and wanted <= notes
    # and the database still opens and writes
    store = Store(db_with_habit)
    store.days.add_step(date(2026, 3, 2), "after the crash")
    store.close()


def test_two_processes_writing_at_once_both_land(db_with_habit: Path) -> None:
    count = 300
    children = [subprocess.Popen([*WRITER, str(db_with_habit), label, str(count)], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                for label in ("alpha", "beta")]
    for child in children:
        _, errors = child.communicate(timeout=120)
        assert child.returncode == 0, errors
    for label in ("alpha", "beta"):
        steps, _notes = saved(db_with_habit, label)
        assert steps == set(range(count))
    # both wrote entries for the same habit and days: one entry per day, none lost or doubled
    conn = sqlite3.connect(db_with_habit)
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == count
    conn.close()


def test_the_app_and_a_command_share_one_file(db_with_habit: Path) -> None:
    """An open store (as the app holds) and a second process writing: both keep working."""
    app_store = Store(db_with_habit)
    child = subprocess.run([*WRITER, str(db_with_habit), "cli", "50"], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == 0, child.stderr
    app_store.days.add_step(date(2026, 3, 1), "from the app")
    texts = [s.text for s in app_store.days.steps_on(date(2026, 3, 1))]
    assert "from the app" in texts and "cli 49" in texts
    app_store.close()
