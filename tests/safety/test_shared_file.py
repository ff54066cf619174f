"""The app, the command line, imports and backups on one file, as real processes:
every acknowledged write stays, whoever opened and closed the file in between.

The app runs in a child process (tests/safety/app_process.py) with its week worker,
so the hazard of a process dropping its own locks is really there; results are read
from outside, by this process, after the app was killed or had quit.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.store import Store

ROOT = Path(__file__).parents[2]
TODAY = date(2026, 3, 12)


def tracker(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A ``tracker`` command in its own process, as from another terminal."""
    done = subprocess.run([sys.executable, "-m", "tracker", *args, "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


class AppProcess:
    """The app open on ``db`` in a child process."""

    def __init__(self, db: Path) -> None:
        self.child = subprocess.Popen(
            [sys.executable, "-m", "tests.safety.app_process", str(db), TODAY.isoformat()],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        assert self.read() == "ready"

    def read(self) -> str:
        assert self.child.stdout is not None
        line = self.child.stdout.readline()
        if not line:
            assert self.child.stderr is not None
            raise AssertionError(f"the app ended: {self.child.stderr.read()[-2000:]}")
        return line.rstrip("\n")

    def ask(self, command: str) -> str:
        assert self.child.stdin is not None
        self.child.stdin.write(command + "\n")
        self.child.stdin.flush()
        return self.read()

    def press(self, *keys: str) -> None:
        assert self.ask("press " + " ".join(keys)) == "ok"

    def settle(self) -> None:
        """Wait (up to 3 s) until the week worker has run: it opens its own connection."""
        self.ask("settle")

    def kill(self) -> None:
        self.child.kill()
        self.child.wait(timeout=10)

    def quit(self) -> None:
        assert self.ask("quit") == "bye"
        self.child.wait(timeout=30)
        assert self.child.returncode == 0


@pytest.fixture
def db(db_path: Path) -> Path:
    store = Store(db_path)
    for name in ("Alpha", "Beta"):
        store.habits.add(name, "one", full="two", stretch="three", created=date(2025, 1, 1))
    store.close()
    return db_path


@pytest.fixture
def apps() -> Iterator[list[AppProcess]]:
    started: list[AppProcess] = []
    yield started
    for app in started:
        if app.child.poll() is None:
            app.kill()


def entries(db: Path) -> dict[tuple[str, str], str | None]:
    """What is stored, read by a fresh connection from outside the app."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {(name, day): status for name, day, status in conn.execute(
            "SELECT h.name, e.day, e.status FROM entries e JOIN habits h ON h.id = e.habit_id")}
    finally:
        conn.close()


def day(offset: int) -> str:
    return (TODAY - timedelta(days=offset)).isoformat()


def test_app_and_commands_in_another_terminal(db: Path, apps: list[AppProcess]) -> None:
    """The issue's measurement: marks from the app and from commands, the app killed."""
    app = AppProcess(db)
    apps.append(app)
    app.settle()
    rounds = 15
    for n in range(1, rounds + 1):
        tracker(db, "done", "Beta", "--date", day(n))
        app.press("left", "m")  # Alpha, one day further back each round
        app.settle()
        assert entries(db).get(("Alpha", day(n))) == "minimum", "not visible outside"
        tracker(db, "habit", "list")  # opens and closes the file
    app.press("t", "f")
    app.kill()
    stored = entries(db)
    for n in range(1, rounds + 1):
        assert stored.get(("Alpha", day(n))) == "minimum"
        assert stored.get(("Beta", day(n))) == "full"
    assert stored.get(("Alpha", day(0))) == "full"


def test_two_apps_and_a_command(db: Path, apps: list[AppProcess]) -> None:
    first, second = AppProcess(db), AppProcess(db)
    apps.extend([first, second])
    first.settle()
    second.settle()
    second.press("down")  # Beta
    for n in range(1, 6):
        first.press("left", "m")
        second.press("left", "s")
        tracker(db, "step", f"from the command line {n}", "--date", day(0))
        first.settle()
        second.settle()
    first.quit()  # the first app's close must not take the second's writes with it
    for _ in range(6, 9):
        second.press("left", "s")
    second.kill()
    stored = entries(db)
    for n in range(1, 6):
        assert stored.get(("Alpha", day(n))) == "minimum"
    for n in range(1, 9):
        assert stored.get(("Beta", day(n))) == "stretch"
    conn = sqlite3.connect(db)
    steps = {t for (t,) in conn.execute("SELECT text FROM steps")}
    conn.close()
    assert steps == {f"from the command line {n}" for n in range(1, 6)}


def test_app_and_a_large_import(db: Path, apps: list[AppProcess], tmp_path: Path) -> None:
    from benchmarks.generate import large_document

    document = large_document(date(2020, 1, 1), years=3, habits=20, seed=3)
    big = tmp_path / "big.json"
    big.write_text(json.dumps(document))
    app = AppProcess(db)
    apps.append(app)
    app.settle()
    app.press("m")
    tracker(db, "import", "json", str(big))
    assert app.ask("wait Habit 01") == "ok"  # what the import brought shows
    app.press("down", "f", "left", "s")
    app.settle()
    app.kill()
    stored = entries(db)
    assert stored[("Alpha", day(0))] == "minimum"
    assert stored[("Beta", day(0))] == "full" and stored[("Beta", day(1))] == "stretch"
    assert sum(1 for name, _ in stored if name.startswith("Habit ")) == len(document["entries"])


def test_app_and_a_backup(db: Path, apps: list[AppProcess], tmp_path: Path) -> None:
    app = AppProcess(db)
    apps.append(app)
    app.settle()
    app.press("m")
    copy = tmp_path / "copy.db"
    tracker(db, "backup", "-o", str(copy))
    app.press("down", "s")
    app.settle()
    app.kill()
    stored = entries(db)
    assert stored[("Alpha", day(0))] == "minimum" and stored[("Beta", day(0))] == "stretch"
    assert entries(copy) == {("Alpha", day(0)): "minimum"}
    assert list(tmp_path.glob("*.partial*")) == []


def test_the_app_shows_what_others_wrote_within_a_second(db: Path,
                                                         apps: list[AppProcess]) -> None:
    app = AppProcess(db)
    apps.append(app)
    app.settle()
    assert "◐" not in app.ask("show")
    tracker(db, "done", "Beta", "--level", "minimum", "--date", day(0))
    assert app.ask("wait ◐  Beta") == "ok"
    tracker(db, "step", "called the plumber", "--date", day(0))
    assert app.ask("wait called the plumber") == "ok"
    app.quit()


def test_the_habit_page_and_commands_in_another_terminal(db: Path,
                                                        apps: list[AppProcess]) -> None:
    """The habit page open in the app: what a command writes on another day shows on the
    page, the page's keys write the cursor's day, and a kill loses nothing."""
    app = AppProcess(db)
    apps.append(app)
    app.press("enter")  # Alpha's page, the cursor on today
    assert app.ask("screen Alpha · every day") == "ok"
    tracker(db, "done", "Alpha", "--level", "stretch", "--date", day(7))
    app.press("left")  # the cursor a week back: the command's day
    assert app.ask(f"screen {TODAY - timedelta(days=7):%a %d %b %Y}: ★ stretch") == "ok"
    app.press("up", "f")  # the day before it, full, from the page
    tracker(db, "rest", "Alpha", "--date", day(9))
    app.press("up")
    assert app.ask(f"screen {TODAY - timedelta(days=9):%a %d %b %Y}: ~ rest") == "ok"
    app.kill()
    assert entries(db) == {("Alpha", day(7)): "stretch", ("Alpha", day(8)): "full",
                           ("Alpha", day(9)): "rest"}
