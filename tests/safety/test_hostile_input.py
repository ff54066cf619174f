"""Hostile input on the command line, through real processes: bytes that are not UTF-8
in arguments, devices, FIFOs and damaged zips as import files. Each is one line on
stderr, a non-zero exit, no traceback and nothing written."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.unit.test_import_loop import HABITS_CSV, write_zip
from tracker.store import Store

ROOT = Path(__file__).parents[2]


def run(*args: str | bytes, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tracker", *args, "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL)


def one_line_error(done: subprocess.CompletedProcess[str], words: str) -> None:
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    assert words in done.stderr, done.stderr


def counts(db: Path) -> tuple[int, ...]:
    conn = sqlite3.connect(db)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("habits", "entries", "steps", "checkins"))
    finally:
        conn.close()


@pytest.fixture
def db(db_path: Path) -> Path:
    Store(db_path).close()
    assert run("habit", "add", "Read", "--min", "x", db=db_path).returncode == 0
    return db_path


@pytest.mark.parametrize("args", [
    [b"done", b"Read", b"--note", b"\xff"], [b"habit", b"add", b"\xffA", b"--min", b"x"],
    [b"step", b"\xff"], [b"checkin", b"--energy", b"low", b"--intention", b"\xff"]])
def test_text_that_is_not_utf8_is_one_line(db: Path, args: list[bytes]) -> None:
    before = counts(db)
    one_line_error(run(*args, db=db), "is not valid UTF-8")
    assert counts(db) == before


@pytest.mark.parametrize("kind", ["json", "loop", "dijo", "habitkit", "habitbull", "habitica",
                                  "daylio", "rewire", "tickmate", None])
def test_a_device_or_a_fifo_to_import_is_refused_at_once(db: Path, tmp_path: Path,
                                                        kind: str | None) -> None:
    kinds = [kind] if kind else []  # None: tracker import PATH, recognising the format
    one_line_error(run("import", *kinds, "/dev/zero", db=db), "not a regular file")
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    one_line_error(run("import", *kinds, str(fifo), db=db), "not a regular file")


def test_an_import_path_with_escape_sequences_is_shown_visibly(db: Path, tmp_path: Path) -> None:
    done = run("import", "json", str(tmp_path / "\x1b[31mred\x07"), db=db)
    one_line_error(done, "␛[31mred␇: no such file")
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr


def patched(path: Path, old: bytes, new: bytes, count: int = -1) -> Path:
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, count))
    return path


def loop_zip(tmp_path: Path, method: int = zipfile.ZIP_DEFLATED) -> Path:
    path = tmp_path / "loop.zip"
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        archive.writestr("Habits.csv", HABITS_CSV)
        archive.writestr("001 Meditate/Checkmarks.csv",
                         "Date,Value,Notes\n2024-03-01,YES_MANUAL,\n")
    return path


def test_a_loop_zip_with_a_bad_crc_is_one_line(db: Path, tmp_path: Path) -> None:
    path = write_zip(tmp_path / "crc.zip", {"Habits.csv": HABITS_CSV})  # stored, not packed
    patched(path, b"Meditate,YES_NO", b"Meditate,YES_NX", 1)
    one_line_error(run("import", "loop", str(path), db=db), "damaged in the zip")
    assert counts(db)[0] == 1


def test_a_loop_zip_with_an_encrypted_member_is_one_line(db: Path, tmp_path: Path) -> None:
    path = loop_zip(tmp_path)
    # the "encrypted" flag (bit 0 of the general purpose flags) in both headers
    patched(path, b"PK\x03\x04\x14\x00\x00\x00", b"PK\x03\x04\x14\x00\x01\x00")
    patched(path, b"PK\x01\x02\x14\x03\x14\x00\x00\x00", b"PK\x01\x02\x14\x03\x14\x00\x01\x00")
    one_line_error(run("import", "loop", str(path), db=db), "encrypted in the zip")


def test_a_loop_zip_with_an_unknown_compression_is_one_line(db: Path, tmp_path: Path) -> None:
    path = loop_zip(tmp_path)
    # compression method 8 (deflate) → 99, in both headers
    patched(path, b"PK\x03\x04\x14\x00\x00\x00\x08\x00", b"PK\x03\x04\x14\x00\x00\x00\x63\x00")
    patched(path, b"PK\x01\x02\x14\x03\x14\x00\x00\x00\x08\x00",
            b"PK\x01\x02\x14\x03\x14\x00\x00\x00\x63\x00")
    one_line_error(run("import", "loop", str(path), db=db), "a compression tracker cannot read")
