"""``tracker import loop | harsh | dijo`` from the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from tests.unit.test_import_harsh_dijo import DIJO, harsh
from tests.unit.test_import_loop import make_v25
from tracker.cli.commands import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_import_loop_prints_a_summary_and_is_idempotent(tmp_path: Path, db_path: Path) -> None:
    backup = make_v25(tmp_path / "loop.db")
    first = run("import", "loop", str(backup), "--db", str(db_path))
    assert first.exit_code == 0, first.output
    assert "3 habits, 6 entries (4 with notes)" in first.output
    assert "skipped 1 implicit checkmark (computed" in first.output
    entries = count(db_path, "entries")
    again = run("import", "loop", str(backup), "--db", str(db_path))
    assert again.exit_code == 0 and "Nothing new" in again.output
    assert count(db_path, "entries") == entries


def test_import_harsh_and_dijo(tmp_path: Path, db_path: Path) -> None:
    folder = harsh(tmp_path)
    result = run("import", "harsh", str(folder), "--db", str(db_path))
    assert result.exit_code == 0 and "6 habits" in result.output
    dijo = tmp_path / "habit_record.json"
    dijo.write_text(json.dumps(DIJO))
    result = run("import", "dijo", str(dijo), "--db", str(db_path))
    assert result.exit_code == 0 and "3 habits" in result.output
    assert count(db_path, "habits") == 9


def test_a_malformed_file_is_one_clear_error_and_nothing_lands(tmp_path: Path,
                                                               db_path: Path) -> None:
    folder = harsh(tmp_path, log="2024-03-02 : Gym : y\n2024-13-01 : Gym : y\n")
    result = CliRunner().invoke(cli, ["import", "harsh", str(folder), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "log, line 2" in result.stderr and "Traceback" not in result.output
    assert not db_path.exists() or count(db_path, "habits") == 0
    missing = CliRunner().invoke(cli, ["import", "loop", str(tmp_path / "nope.db"),
                                       "--db", str(db_path)])
    assert missing.exit_code == 1 and "no such file" in missing.stderr
