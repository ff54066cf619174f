"""Files that are not ours, damaged or newer, and places that cannot hold a database:
a clear message, no traceback, and the file left byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli.commands import cli
from tracker.store import Store

ROOT = Path(__file__).parents[2]


def in_terminal(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``args`` with a terminal (a pseudo-terminal) as standard input and output,
    as when typed by a person; what it writes on stderr is captured."""
    import pty

    main, terminal = pty.openpty()
    try:
        return subprocess.run(args, cwd=ROOT, stdin=terminal, stdout=terminal,
                              stderr=subprocess.PIPE, text=True, timeout=60,
                              env={**os.environ, **env})
    finally:
        os.close(main)
        os.close(terminal)


@pytest.mark.parametrize("args", [[], ["--date", "2026-03-10"], ["demo"]])
def test_the_app_without_a_terminal_says_so_at_once(tmp_path: Path, args: list[str]) -> None:
    """In a pipe or from cron the app cannot run: one line, at once, nothing created."""
    db = tmp_path / "t.db"
    result = subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=20,
                            stdin=subprocess.DEVNULL, env={**os.environ, "TRACKER_DB": str(db)})
    assert result.returncode == 1
    assert result.stderr.startswith("Error: the app needs a terminal")
    assert "tracker week" in result.stderr and len(result.stderr.splitlines()) == 1
    assert result.stdout == "" and not db.exists()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_newer(path: Path) -> None:
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 42")
    conn.close()


def make_foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.commit()
    conn.close()


def make_corrupt(path: Path) -> None:
    Store(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)
    path.write_bytes(bytes(data))


def make_text(path: Path) -> None:
    path.write_text("shopping list\n- milk\n")


CASES = {
    "text file": (make_text, "not a tracker database"),
    "foreign sqlite": (make_foreign, "another program"),
    "newer tracker": (make_newer, "newer tracker"),
    "damaged": (make_corrupt, "is damaged"),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("args", [("habit", "list"), ("done", "Read"), ("week",), ("export",),
                                  ("import", "json", "x.json")])
def test_commands_refuse_and_leave_the_file_untouched(tmp_path: Path, case: str,
                                                      args: tuple[str, ...]) -> None:
    make, message = CASES[case]
    path = tmp_path / "data.db"
    make(path)
    if args[0] == "import":
        (tmp_path / "x.json").write_text('{"format": "tracker", "version": 1}')
        args = ("import", "json", str(tmp_path / "x.json"))
    before = digest(path)
    result = CliRunner().invoke(cli, [*args, "--db", str(path)])
    assert result.exit_code == 1
    assert message in result.stderr and "left untouched" in result.stderr
    assert "Traceback" not in result.output
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("data.db")) == [
        "data.db"]


@pytest.mark.parametrize("case", list(CASES))
def test_opening_the_app_on_a_bad_file_explains_and_changes_nothing(tmp_path: Path,
                                                                    case: str) -> None:
    make, message = CASES[case]
    path = tmp_path / "data.db"
    make(path)
    before = digest(path)
    result = in_terminal([sys.executable, "-m", "tracker", "--db", str(path)])
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert digest(path) == before


@pytest.mark.parametrize("case", list(CASES))
def test_plain_tracker_on_a_bad_file_explains_and_changes_nothing(tmp_path: Path,
                                                                  case: str) -> None:
    """``tracker`` with no arguments opens the app without the command line's parser:
    the same one-line message, through $TRACKER_DB."""
    make, message = CASES[case]
    path = tmp_path / "data.db"
    make(path)
    before = digest(path)
    result = in_terminal([sys.executable, "-m", "tracker"], TRACKER_DB=str(path))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert digest(path) == before


def test_plain_tracker_with_a_broken_config_says_what_to_fix(tmp_path: Path) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text("day_start_hour = \"four\"\n")
    result = in_terminal([sys.executable, "-m", "tracker"], TRACKER_CONFIG=str(settings),
                         TRACKER_DB=str(tmp_path / "t.db"))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "day_start_hour" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "t.db").exists()


def test_a_data_folder_that_cannot_exist_gets_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder would go")
    result = CliRunner().invoke(cli, ["habit", "list", "--db", str(blocker / "sub" / "t.db")])
    assert result.exit_code == 1
    assert "cannot create the database" in result.stderr and "--db" in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_data_folder_is_created_private(isolated_home: Path) -> None:
    result = CliRunner().invoke(cli, ["habit", "add", "Read", "--min", "one page"])
    assert result.exit_code == 0, result.output
    database = next(isolated_home.rglob("tracker.db"))
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_folder_gets_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    try:
        result = CliRunner().invoke(cli, ["habit", "list", "--db", str(folder / "t.db")])
        assert result.exit_code == 1 and "cannot create the database" in result.stderr
    finally:
        folder.chmod(0o700)


def test_a_read_only_database_file_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    Store(path).close()
    os.chmod(path, 0o400)
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    result = CliRunner().invoke(cli, ["habit", "add", "Read", "--min", "x", "--db", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
