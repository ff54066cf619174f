"""``tracker habit show``: the habit page as text and JSON."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner

from tracker.cli.commands import cli
from tracker.domain.days import today
from tracker.store import Store

TODAY = today()


def show(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["habit", "show", *args, "--db", str(db)])
    return result.exit_code, result.output


def filled(db: Path) -> None:
    store = Store(db)
    habit = store.habits.add("[bold]Read[/]", "one page", full="20 pages", unit="pages",
                             direction="mind", created=TODAY - timedelta(days=30))
    for n in range(1, 30, 3):
        store.days.record(habit.id, TODAY - timedelta(days=n), "full", amount=12)
    store.days.record(habit.id, TODAY - timedelta(days=2), "minimum", note="tired \x1b[31m")
    store.close()


def test_json_carries_the_page(db_path: Path) -> None:
    filled(db_path)
    code, out = show(db_path, "[bold]Read[/]", "--format", "json")
    assert code == 0, out
    page = json.loads(out)
    assert page["habit"]["name"] == "[bold]Read[/]" and page["habit"]["unit"] == "pages"
    assert len(page["days"]) == 371 and len(page["weeks"]) == 53
    by_day = {d["date"]: d for d in page["days"]}
    yesterday = by_day[(TODAY - timedelta(days=1)).isoformat()]
    assert (yesterday["status"], yesterday["mark"], yesterday["amount"]) == ("full", "full", 12)
    assert by_day[(TODAY - timedelta(days=3)).isoformat()]["mark"] == "nothing"
    assert page["notes"] == [{"date": (TODAY - timedelta(days=2)).isoformat(),
                              "text": "tired \x1b[31m"}]
    assert sum(w["wins"] for w in page["weeks"]) == 11  # ten full, one minimum
    assert sum(d["wins"] for d in page["weekdays"]) == 11
    assert page["ladder"][0]["change"] == "first minimum"
    assert 0 < page["consistency"] < 1 and page["longest_run"]["unit"] == "wins"
    assert set(page) == {"habit", "today", "history_start", "first_day", "last_day",
                         "consistency", "consistency_change", "days", "weeks", "weekdays",
                         "ladder", "comebacks", "longest_run", "notes", "pauses"}


def test_text_shows_the_year_literally(db_path: Path) -> None:
    filled(db_path)
    code, out = show(db_path, "[bold]read[/]")  # names are found without case
    assert code == 0, out
    assert out.startswith("[bold]Read[/] · every day · direction: mind")
    assert "\x1b" not in out  # the escape in the note is shown, not sent
    assert "Mon " in out and "Sun " in out and "●" in out and "◐" in out
    assert "Which days work" in out and "Notes, newest first" in out
    assert "Consistency " in out and "Longest run of showing up" in out


def test_an_older_year_and_an_unknown_habit(db_path: Path) -> None:
    filled(db_path)
    code, out = show(db_path, "[bold]Read[/]", "--date", "2020-06-01", "--format", "json")
    page = json.loads(out)
    assert page["first_day"] < "2020-06-01" <= page["last_day"]
    assert all(d["mark"] == "unplanned" for d in page["days"])  # before the history
    code, out = show(db_path, "Raed")
    assert code != 0 and len(out.strip().splitlines()) == 1 and "no habit named" in out


def test_a_units_escape_sequences_are_shown_visibly(db_path: Path) -> None:
    """A unit can come from an import: its first characters label the amount chart."""
    store = Store(db_path)
    habit = store.habits.add("Read", "one page", unit="\x1b[31mpages", min_amount=1,
                             full_amount=10, created=TODAY - timedelta(days=30))
    for n in range(1, 20, 2):
        store.days.record(habit.id, TODAY - timedelta(days=n), None, amount=12)
    store.close()
    code, out = show(db_path, "Read")
    assert code == 0, out
    assert "\x1b" not in out and "␛[31mpag" in out


def test_the_pages_pauses_are_its_own_and_every_habits(db_path: Path) -> None:
    filled(db_path)
    store = Store(db_path)
    read = store.habits.find("[bold]Read[/]")
    walk = store.habits.add("Walk", "a step", created=TODAY - timedelta(days=30))
    store.pauses.add(TODAY - timedelta(days=20), TODAY - timedelta(days=18), read.id,
                     "a \x1b[31mcold [i]")
    store.pauses.add(TODAY - timedelta(days=10), TODAY - timedelta(days=9))
    store.pauses.add(TODAY - timedelta(days=5), TODAY - timedelta(days=4), walk.id, "Walk's")
    store.pauses.add(TODAY + timedelta(days=40), TODAY + timedelta(days=44), read.id, "sea")
    store.close()
    code, out = show(db_path, "[bold]Read[/]", "--format", "json")
    assert code == 0, out
    pauses = json.loads(out)["pauses"]
    assert [(p["note"], p["every_habit"]) for p in pauses] == [
        ("a \x1b[31mcold [i]", False), ("", True), ("sea", False)]  # the one ahead too
    assert pauses[0]["first"] == (TODAY - timedelta(days=20)).isoformat()
    by_day = {d["date"]: d["status"] for d in json.loads(out)["days"]}
    assert by_day[(TODAY - timedelta(days=9)).isoformat()] == "rest"
    code, out = show(db_path, "[bold]Read[/]")
    lines = out.split("Pauses\n", 1)[1].splitlines()
    assert lines[0].endswith("paused: a ␛[31mcold [i]") and "\x1b" not in out
    assert lines[1].endswith("paused (every habit)") and "Walk's" not in out
    code, out = show(db_path, "Walk")
    assert "Walk's" in out
