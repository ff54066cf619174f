"""``tracker direction rename``, ``tracker week --direction`` and ``tracker habit list
--direction``: one direction's habits from a shell, a direction renamed on every habit."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.changes import Changes
from tracker.cli.commands import cli
from tracker.store import Store


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, [*args, "--db", str(db_path)], catch_exceptions=False)

    for name, direction in (("Walk", "health"), ("Swim", "Health"), ("Read", "mind"),
                            ("Tidy", "")):
        assert invoke("habit", "add", name, "--min", "a little", "--direction",
                      direction).exit_code == 0
    return invoke


def directions(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT name, direction FROM habits"))
    finally:
        conn.close()


def test_habit_list_filters_by_direction(run) -> None:
    listed = json.loads(run("habit", "list", "--json", "--direction", " HEALTH").stdout)
    assert [h["name"] for h in listed] == ["Walk", "Swim"]
    loose = json.loads(run("habit", "list", "--json", "--direction", "").stdout)
    assert [h["name"] for h in loose] == ["Tidy"]
    table = run("habit", "list", "--direction", "mind")
    assert "Read" in table.stdout and "Walk" not in table.stdout
    unknown = run("habit", "list", "--direction", "[b]craft[/b]")
    assert unknown.exit_code == 1
    assert "no habit serves the direction “[b]craft[/b]”" in unknown.stderr
    assert "the directions are: health, mind" in unknown.stderr


def test_week_filters_by_direction_and_lists_a_line_per_direction(run) -> None:
    run("done", "Walk")  # today: the habits were made today
    whole = json.loads(run("week", "--format", "json").stdout)
    assert [d["direction"] for d in whole["directions"]] == ["health", "mind", ""]
    assert whole["directions"][0]["habits"] == ["Walk", "Swim"]
    assert whole["directions"][0]["showed_up"] == 1
    health = json.loads(run("week", "--format", "json", "--direction", "health").stdout)
    assert [h["name"] for h in health["habits"]] == ["Walk", "Swim"]
    assert all(h["direction"].lower() == "health" for h in health["habits"])
    text = run("week").stdout
    assert "Directions" in text and "health: showed up 1 of" in text
    assert "no direction yet: showed up 0 of" in text
    markdown = run("week", "--format", "markdown").stdout  # the same lines
    assert "## Directions" in markdown and "- health: showed up 1 of" in markdown
    refused = run("week", "--direction", "craft")
    assert refused.exit_code == 1 and "no habit serves the direction" in refused.stderr


def test_direction_rename_renames_it_on_every_habit(run, db_path: Path) -> None:
    renamed = run("direction", "rename", "HEALTH", "body [b]&[/b] mind")
    assert renamed.exit_code == 0, renamed.stderr
    assert renamed.stdout == ("Renamed “HEALTH” to “body [b]&[/b] mind” on 2 habits: "
                              "Walk, Swim.\n")
    assert directions(db_path) == {"Walk": "body [b]&[/b] mind", "Swim": "body [b]&[/b] mind",
                                   "Read": "mind", "Tidy": ""}
    missing = run("direction", "rename", "health", "x")
    assert missing.exit_code == 1 and "no habit serves the direction" in missing.stderr
    empty = run("direction", "rename", "mind", "  ")
    assert empty.exit_code == 1 and "a direction needs a name" in empty.stderr
    long = run("direction", "rename", "mind", "x" * 300)
    assert long.exit_code == 1 and "too long" in long.stderr
    assert directions(db_path)["Read"] == "mind"


def test_a_rename_is_one_change_that_undo_takes_back(store: Store) -> None:
    for name in ("Walk", "Swim"):
        store.habits.add(name, "a little", direction="health", created=date(2026, 1, 1))
    changes = Changes(store)
    renamed = changes.habits.rename_direction("health", "body")
    assert [h.direction for h in renamed] == ["body", "body"]
    assert changes.log.made[-1].description == "renamed the direction health to body"
    changes.undo()
    assert [h.direction for h in store.habits.all()] == ["health", "health"]
