"""``tracker ask`` in a real terminal: a real process on a pseudo-terminal, one key each."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli.commands import cli
from tracker.domain.days import today
from tracker.store import Store


def read_until(fd: int, text: str, seen: bytearray, timeout: float = 30) -> str:
    """What the terminal showed, once ``text`` is on it."""
    deadline = time.monotonic() + timeout
    while text.encode() not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"never saw {text!r} in {seen.decode(errors='replace')!r}"
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the process ended and the terminal closed
                break
            seen.extend(chunk)
    return seen.decode(errors="replace")


def statuses(db: Path) -> dict[str, str | None]:
    store = Store(db)
    try:
        day = today()
        return {h.name: (e.status if (e := store.days.entry(h.id, day)) else None)
                for h in store.habits.all()}
    finally:
        store.close()


def test_ask_in_a_terminal_one_key_each(db_path: Path) -> None:
    store = Store(db_path)
    for name in ("Walk", "Read", "Café 読書", "Stretch"):
        store.habits.add(name, "a little", full="a lot", created=date(2026, 1, 1))
    store.close()
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "ask", "--db", str(db_path)],
        stdin=child, stdout=child, stderr=child, close_fds=True,
        env={**os.environ, "TERM": "xterm"})
    os.close(child)
    seen = bytearray()
    try:
        read_until(main, "Walk — full: a lot (minimum: a little)", seen)
        read_until(main, "full? ", seen)
        os.write(main, b"d")  # a single key, no enter: the planned level
        read_until(main, "full. Nice.", seen)
        read_until(main, "Read — full", seen)
        os.write(main, b"x")  # a key that does nothing is said, and asked again
        read_until(main, "that key does nothing here", seen)
        os.write(main, b"m")
        read_until(main, "Café 読書", seen)
        os.write(main, b"r")
        read_until(main, "rest (neutral: it lowers nothing).", seen)
        os.write(main, b"s")
        screen = read_until(main, "That's all for now: 2 of 3 done today.", seen)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        os.close(main)
    assert statuses(db_path) == {"Walk": "full", "Read": "minimum", "Café 読書": "rest",
                                 "Stretch": None}
    assert "skipped" in screen


def test_ask_stops_on_q_and_from_a_pipe(db_path: Path) -> None:
    store = Store(db_path)
    store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    store.habits.add("Read", "a page", created=date(2026, 1, 1))
    store.close()
    result = CliRunner().invoke(cli, ["ask", "--db", str(db_path)], input="m\nq\n")
    assert result.exit_code == 0, result.output
    assert "That's all for now: 1 of 2 done today." in result.output
    assert statuses(db_path) == {"Walk": "minimum", "Read": None}
    again = CliRunner().invoke(cli, ["ask", "--db", str(db_path)], input="m\n")
    assert "Walk" not in again.output and statuses(db_path)["Read"] == "minimum"
    done = CliRunner().invoke(cli, ["ask", "--db", str(db_path)], input="")
    assert done.exit_code == 0 and "Nothing left. Nice." in done.output


def test_ask_leaves_a_day_marked_meanwhile_elsewhere(db_path: Path) -> None:
    """The app (another process) marks Walk while ask waits for its key: ask's answer
    does not overwrite it."""
    store = Store(db_path)
    walk = store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    store.close()
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "tracker", "ask", "--db", str(db_path)],
                               stdin=child, stdout=child, stderr=child, close_fds=True)
    os.close(child)
    seen = bytearray()
    try:
        read_until(main, "done? ", seen)
        elsewhere = Store(db_path)
        elsewhere.days.record(walk.id, today(), "minimum")
        elsewhere.close()
        os.write(main, b"r")
        read_until(main, "changed meanwhile elsewhere; left as it is", seen)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        os.close(main)
    assert statuses(db_path) == {"Walk": "minimum"}


def ask_on_a_terminal(db_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "tracker", "ask", "--db", str(db_path)],
                               stdin=child, stdout=child, stderr=child, close_fds=True)
    os.close(child)
    return process, main


def test_keys_typed_ahead_or_pasted_are_all_answers(db_path: Path) -> None:
    store = Store(db_path)
    for name in ("Walk", "Read", "Draw"):
        store.habits.add(name, "a little", full="a lot", created=date(2026, 1, 1))
    store.close()
    process, main = ask_on_a_terminal(db_path)
    seen = bytearray()
    try:
        read_until(main, "full? ", seen)
        os.write(main, b"d\x1b[Amr")  # three answers and an arrow key, in one go
        read_until(main, "That's all for now: 2 of 2 done today.", seen)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        os.close(main)
    assert statuses(db_path) == {"Walk": "full", "Read": "minimum", "Draw": "rest"}
    assert "that key does nothing here" in seen.decode(errors="replace")  # the arrow key


def test_from_a_pipe_a_line_is_one_key_or_its_word(db_path: Path) -> None:
    store = Store(db_path)
    for name in ("Walk", "Read", "Draw", "Sing"):
        store.habits.add(name, "a little", created=date(2026, 1, 1))
    store.close()
    lines = "maybe\nmeh\nminimum\nrestart\n\nREST\nstop\nm\n"
    result = CliRunner().invoke(cli, ["ask", "--db", str(db_path)], input=lines)
    assert result.exit_code == 0, result.output
    assert result.output.count("that key does nothing here") == 3  # maybe, meh, restart
    assert statuses(db_path) == {"Walk": "minimum", "Read": None, "Draw": "rest", "Sing": None}
    assert "stop" in result.output.splitlines()[-2]


@pytest.mark.parametrize("what", ["deleted", "archived"])
def test_a_habit_deleted_or_archived_while_ask_waits_is_skipped(db_path: Path,
                                                                 what: str) -> None:
    store = Store(db_path)
    walk = store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    store.habits.add("Read", "a page", created=date(2026, 1, 1))
    store.close()
    process, main = ask_on_a_terminal(db_path)
    seen = bytearray()
    try:
        read_until(main, "done? ", seen)
        elsewhere = Store(db_path)
        if what == "deleted":
            elsewhere.habits.delete(walk)
        else:
            elsewhere.habits.set_archived(walk)
        elsewhere.close()
        os.write(main, b"m")
        read_until(main, f"{what} meanwhile elsewhere; skipped", seen)
        read_until(main, "Read — minimum", seen)
        os.write(main, b"m")
        read_until(main, "That's all for now: 1 of 1 done today.", seen)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        os.close(main)
    assert statuses(db_path) == {"Read": "minimum"}
    check = Store(db_path)
    assert check.days.entry(walk.id, today()) is None
    check.close()
