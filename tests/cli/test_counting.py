"""``tracker done NAME --add N`` and ``--step``: counting from a shell, as ``+`` does."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli.commands import cli

D = "2026-03-12"


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, [*args, "--db", str(db_path)], catch_exceptions=False)

    return invoke


def day_row(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT status, amount, note FROM entries").fetchall()
    finally:
        conn.close()


def test_add_counts_in_steps_and_the_level_follows(run, db_path: Path) -> None:
    added = run("habit", "add", "Water", "--min", "a glass", "--full", "eight glasses",
                "--unit", "ml", "--step", "250", "--min-amount", "250", "--full-amount", "2000")
    assert added.exit_code == 0, added.stderr
    first = run("done", "Water", "--add", "1", "--date", D)
    assert first.exit_code == 0 and "Water: minimum on 2026-03-12 (250 ml)" in first.stdout
    assert day_row(db_path) == [("minimum", 250, "")]
    run("done", "Water", "--add", "7", "--date", D, "--note", "[b]hot[/b] day")
    assert day_row(db_path) == [("full", 2000, "[b]hot[/b] day")]
    run("done", "Water", "--add", "-1", "--date", D)
    assert day_row(db_path) == [("minimum", 1750, "[b]hot[/b] day")]
    run("done", "Water", "--add", "-100", "--date", D)
    assert day_row(db_path) == [(None, 0, "[b]hot[/b] day")]
    listed = json.loads(run("habit", "list", "--json").stdout)
    assert listed[0]["step"] == 250
    run("habit", "edit", "Water", "--step", "500")
    run("done", "Water", "--add", "1", "--date", D)
    assert day_row(db_path) == [("minimum", 500, "[b]hot[/b] day")]


def test_add_without_a_unit_or_with_an_amount_is_refused(run, db_path: Path) -> None:
    run("habit", "add", "Walk", "--min", "to the corner")
    refused = run("done", "Walk", "--add", "1", "--date", D)
    assert refused.exit_code == 1 and "has no unit to count in" in refused.stderr
    assert "tracker habit edit Walk --unit" in refused.stderr
    run("habit", "edit", "Walk", "--unit", "laps")
    both = run("done", "Walk", "--add", "1", "--amount", "3", "--date", D)
    assert both.exit_code == 2 and "without --level and --amount" in both.stderr
    assert day_row(db_path) == []
    counted = run("done", "Walk", "--add", "2", "--date", D)  # no numbers: evidence only
    assert counted.stdout == "Walk: 2 laps kept as evidence on 2026-03-12.\n"
    assert day_row(db_path) == [(None, 2, "")]


@pytest.mark.parametrize("bad", ["0", "-2", "nan", "inf", "1e13"])
def test_a_bad_step_is_refused_in_one_line(run, db_path: Path, bad: str) -> None:
    refused = run("habit", "add", "Water", "--min", "a glass", "--unit", "ml", "--step", bad)
    assert refused.exit_code != 0 and "step" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_add_on_a_day_to_come_is_refused(run, db_path: Path) -> None:
    run("habit", "add", "Water", "--min", "a glass", "--unit", "ml")
    refused = run("done", "Water", "--add", "1", "--date", "2999-01-01")
    assert refused.exit_code == 1 and day_row(db_path) == []
    huge = run("done", "Water", "--add", "1e300", "--date", D)
    assert huge.exit_code == 2 and day_row(db_path) == []
