"""Exports and backups, as an adversary tries them: a second path to the database, a
backup to standard output, and what killed backups leave behind."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tracker.store import Store
from tracker.store.database import remove_forsaken_copies
from tracker.store.errors import backups_folder

ROOT = Path(__file__).parents[2]


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT,
                          capture_output=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.fixture
def db(db_path: Path) -> Path:
    store = Store(db_path)
    habit = store.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    store.days.record(habit.id, date(2026, 3, 2), "full")
    store.close()
    return db_path


@pytest.mark.parametrize("command", [["export"], ["export", "--format", "csv"], ["backup"]])
def test_a_second_path_to_the_database_is_still_the_database(db: Path, tmp_path: Path,
                                                             command: list[str]) -> None:
    """A hard link (like a bind mount) is another name for the same file: it is
    recognised by device and inode, not by its path."""
    other = tmp_path / "elsewhere" / "copy.db"
    other.parent.mkdir()
    os.link(db, other)
    before = db.read_bytes()
    done = run(*command, "-o", str(other), "--force", "--db", str(db))
    assert done.returncode == 1 and b"the database itself" in done.stderr
    assert db.read_bytes() == before and os.path.samefile(db, other)


def test_backup_to_standard_output_is_the_database(db: Path, tmp_path: Path) -> None:
    done = run("backup", "-o", "-", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert not (ROOT / "-").exists()
    copy = tmp_path / "from-stdout.db"
    copy.write_bytes(done.stdout)
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT name FROM habits").fetchall() == [("Read",)]
    conn.close()


def killed_backup(db: Path) -> subprocess.Popen[bytes]:
    """A backup into backups/ that stops midway (SIGSTOP) until told to go on."""
    return stopped_backup(db)


def partials(db: Path) -> list[str]:
    return sorted(p.name for p in backups_folder(db).iterdir() if ".partial" in p.name)


def test_a_killed_backups_leftovers_are_cleaned_up_but_never_a_live_ones(db: Path) -> None:
    live = killed_backup(db)  # stopped mid-copy: still alive, still writing
    dead = killed_backup(db)
    try:
        os.kill(dead.pid, signal.SIGKILL)
        dead.wait()
        assert len(partials(db)) == 2
        done = run("backup", "--db", str(db))
        assert done.returncode == 0, done.stderr
        left = partials(db)
        assert len(left) == 1 and f".{live.pid}." in left[0]
        os.kill(live.pid, signal.SIGCONT)
        assert live.wait(timeout=30) == 0
        assert partials(db) == []
        assert [p for p in backups_folder(db).iterdir() if p.suffix == ".db"]
    finally:
        live.kill()


def test_a_partial_named_by_no_process_waits_a_day(tmp_path: Path) -> None:
    fresh, old, theirs = (tmp_path / n for n in (".a.db.x1.partial", ".b.db.x2.partial",
                                                  "notes.partial"))
    for file in (fresh, old, theirs):
        file.write_bytes(b"x")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    os.utime(theirs, (day_ago, day_ago))
    link = tmp_path / ".c.db.1.x3.partial"
    link.symlink_to(theirs)
    assert remove_forsaken_copies(tmp_path) == 1
    assert fresh.exists() and not old.exists() and theirs.exists() and link.is_symlink()


def stopped_backup(db: Path, name: str = "") -> subprocess.Popen[bytes]:
    """``Store.new_backup`` in a process of its own, which stops midway through its
    first copy (SIGSTOP) until told to go on; with ``name``, picking that name first (as
    two processes do in the same second)."""
    code = ("import os, signal, sys; from pathlib import Path; from tracker.store import Store\n"
            "import tracker.store.database as d; real_copy = d._copy_pages\n"
            "real_name = Store.new_backup_path; asked = []\n"
            "def slow(conn, copy):\n"
            "    if not asked[1:]:\n"
            "        copy.execute('CREATE TABLE half (x)'); copy.commit()\n"
            "        print('copying', flush=True); os.kill(os.getpid(), signal.SIGSTOP)\n"
            "    real_copy(conn, copy)\n"
            "def name(self, label=''):\n"
            "    asked.append(label)\n"
            f"    return real_name(self, label).with_name({name!r}) if {name!r} and "
            "len(asked) == 1 else real_name(self, label)\n"
            "d._copy_pages = slow; Store.new_backup_path = name\n"
            "print(Store(Path(sys.argv[1])).new_backup().name, flush=True)")
    child = subprocess.Popen([sys.executable, "-c", code, str(db)], cwd=ROOT,
                             stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline() == b"copying\n"
    return child


def test_two_backups_that_pick_the_same_name_are_both_kept(db: Path) -> None:
    first, second = (stopped_backup(db, "tracker-20261202-101500.db") for _ in range(2))
    try:
        made = []
        for child in (first, second):
            os.kill(child.pid, signal.SIGCONT)
            out, _ = child.communicate(timeout=30)
            assert child.returncode == 0
            made.append(out.decode().strip())
        names = sorted(p.name for p in backups_folder(db).iterdir() if p.suffix == ".db")
        assert made[0] == "tracker-20261202-101500.db" and made[1] != made[0]  # the next name
        assert sorted(made) == names, names
        for name in names:
            with sqlite3.connect(backups_folder(db) / name) as copy:
                assert copy.execute("SELECT name FROM habits").fetchall() == [("Read",)]
        assert partials(db) == []
    finally:
        first.kill()
        second.kill()


def test_a_reader_that_stops_early_is_told_apart_from_the_database(db: Path) -> None:
    child = subprocess.Popen([sys.executable, "-m", "tracker", "backup", "-o", "-", "--db",
                              str(db)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.read(16) == b"SQLite format 3\x00"
    child.stdout.close()  # like head -c 16
    said = child.stderr.read().decode()
    assert child.wait(timeout=60) == 1
    assert "stopped before its end" in said and "cannot use" not in said, said
