"""Sync with real processes: a ``tracker sync`` killed (SIGKILL) at any moment, then run
again, loses nothing and leaves every file whole; two devices end with the same data."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks.generate import large_document
from tracker.io.json_format import import_document
from tracker.store import Store

ROOT = Path(__file__).parents[2]


def tracker(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tracker", *args, "--db", str(db)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "TRACKER_SYNC_PASSPHRASE": ""})


def finished(db: Path, *args: str) -> str:
    child = tracker(db, *args)
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    return out


def export(db: Path) -> dict[str, object]:
    document = json.loads(finished(db, "export", "-o", "-"))
    document.pop("exported_at")
    return document


def healthy(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_a_sync_killed_at_any_moment_loses_nothing(tmp_path: Path) -> None:
    laptop, desk, folder = tmp_path / "laptop.db", tmp_path / "desk.db", tmp_path / "Sync"
    store = Store(laptop)
    import_document(store, large_document(date(2026, 11, 30), years=2, habits=8))
    store.close()
    finished(desk, "habit", "add", "Desk habit", "--min", "one")
    # the laptop's first sync (all its history) and the desk's, killed part-way, again
    # and again, at moments spread over a sync's length
    for attempt, delay in enumerate((0.3, 0.6, 0.9, 1.2, 0.45, 0.75)):
        db, name = (laptop, "laptop") if attempt % 2 == 0 else (desk, "desk")
        child = tracker(db, "sync", "--folder", str(folder), "--device", name)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        healthy(db)
    for db in (laptop, desk, laptop, desk):
        out = finished(db, "sync", "--folder", str(folder))
        assert out.startswith("Synced with 1 other device")
    assert export(laptop) == export(desk)
    assert "Desk habit" in {h["name"] for h in export(laptop)["habits"]}  # type: ignore
    assert len(export(desk)["entries"]) > 3000  # type: ignore[arg-type]
    for path in (folder / "tracker-sync").rglob("*"):
        assert not path.name.endswith(".partial")
        if path.is_file():
            assert path.stat().st_mode & 0o077 == 0
    healthy(laptop)
    healthy(desk)


def test_a_link_to_the_live_database_in_the_folder_costs_no_write(tmp_path: Path) -> None:
    """The app open and syncing, a link to its database planted in another device's
    folder (relative, as anyone writing into a shared folder can), a command in another
    terminal: after the app's syncs and its quit, the command's write is still there."""
    from tests.safety.test_shared_file import TODAY, AppProcess

    db, folder = tmp_path / "home" / "tracker.db", tmp_path / "Sync"
    db.parent.mkdir()
    finished(db, "habit", "add", "Read", "--min", "one page")
    finished(db, "sync", "--folder", str(folder), "--device", "laptop")
    finished(tmp_path / "desk.db", "sync", "--folder", str(folder), "--device", "desk")
    desk_folder = next(p for p in (folder / "tracker-sync").iterdir()
                       if (p / "device.json").exists() and "desk" in (p / "device.json")
                       .read_text())
    app = AppProcess(db)
    try:
        for name in ("2026-03.trsync", "core.trsync"):
            (desk_folder / name).unlink(missing_ok=True)
            (desk_folder / name).symlink_to(os.path.relpath(db, desk_folder))
        time.sleep(2.5)  # the app sees the folder change and syncs, in its worker
        finished(db, "done", "Read", "--date", TODAY.isoformat())
        time.sleep(2.5)  # and again
        app.quit()
    finally:
        if app.child.poll() is None:
            app.kill()
    healthy(db)
    conn = sqlite3.connect(db)
    try:
        marked = conn.execute("SELECT count(*) FROM entries WHERE day = ?",
                              (TODAY.isoformat(),)).fetchone()[0]
    finally:
        conn.close()
    assert marked == 1
