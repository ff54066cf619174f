"""``tracker pause``: made, listed, its end moved, ended early, called off; refusals in
one line; ``tracker status`` and ``today`` count a paused habit as resting."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli.commands import cli
from tracker.domain.days import today as calendar_today
from tracker.store import Store


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, [*args, "--db", str(db_path)], catch_exceptions=False)

    invoke("habit", "add", "Read", "--min", "a page")
    invoke("habit", "add", "Walk", "--min", "to the door")
    return invoke


def pauses(db_path: Path) -> list[tuple[str, str, str | None, str]]:
    store = Store(db_path)
    try:
        names = {h.id: h.name for h in store.habits.all()}
        return [(p.first.isoformat(), p.last.isoformat(), names.get(p.habit_id or -1),
                 p.note) for p in store.pauses.all()]
    finally:
        store.close()


def test_pause_every_habit_then_end_it_early(run, db_path: Path) -> None:
    made = run("pause", "--from", "2026-03-09", "--to", "2026-03-22", "--note", "[b]sea[/b]")
    assert made.exit_code == 0, made.stderr
    assert made.stdout == ("Paused every habit Mon 09 Mar 2026 – Sun 22 Mar 2026 ([b]sea[/b]): "
                           "rest days, neutral for every rule.\n")
    assert pauses(db_path) == [("2026-03-09", "2026-03-22", None, "[b]sea[/b]")]
    listed = run("pause", "--list")
    assert listed.stdout == "Mon 09 Mar 2026 – Sun 22 Mar 2026  every habit  [b]sea[/b]\n"
    ended = run("pause", "--end", "--date", "2026-03-15")
    assert "Ended the pause of every habit: paused Mon 09 Mar 2026 – Sat 14 Mar 2026" in \
        ended.stdout
    assert pauses(db_path) == [("2026-03-09", "2026-03-14", None, "[b]sea[/b]")]
    moved = run("pause", "--from", "2026-03-09", "--to", "2026-03-11")  # the same --from
    assert "now runs Mon 09 Mar 2026 – Wed 11 Mar 2026" in moved.stdout
    assert pauses(db_path) == [("2026-03-09", "2026-03-11", None, "[b]sea[/b]")]


def test_a_habits_pause_ahead_is_called_off(run, db_path: Path) -> None:
    ahead = (calendar_today() + timedelta(days=30)).isoformat()
    run("pause", "--from", ahead, "--to", ahead, "--habit", "read")
    assert pauses(db_path) == [(ahead, ahead, "Read", "")]
    refused = run("pause", "--end")  # every habit's: there is none
    assert refused.exit_code == 1 and "no pause of every habit" in refused.stderr
    off = run("pause", "--end", "--habit", "Read")
    assert off.exit_code == 0 and "Called off the pause of Read" in off.stdout
    assert pauses(db_path) == []


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2026-03-09"), "say until when: --to DAY"),
    (("--from", "2026-03-09", "--to", "2026-03-01"), "ends on or after its first day"),
    (("--from", "2026-01-01", "--to", "2027-06-01"), "at most 366 days"),
    (("--to", "2026-03-09", "--habit", "Reed"), "Read"),
    (("--to", "2026-03-31", "--from", "2026-03-01", "--note", "x" * 300), "too long"),
])
def test_refusals_are_one_line(run, db_path: Path, args: tuple[str, ...], message: str) -> None:
    refused = run("pause", *args)
    assert refused.exit_code != 0 and message in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert pauses(db_path) == []


def test_days_that_meet_a_pause_of_the_same_habits_move_it(run, db_path: Path) -> None:
    run("pause", "--from", "2026-03-09", "--to", "2026-03-22", "--note", "sea")
    moved = run("pause", "--from", "2026-03-06", "--to", "2026-03-20")  # it began earlier
    assert moved.exit_code == 0, moved.stderr
    assert moved.stdout == ("The pause of every habit now runs Fri 06 Mar 2026 – Fri 20 Mar "
                            "2026 (it ran Mon 09 Mar 2026 – Sun 22 Mar 2026) (sea).\n")
    assert pauses(db_path) == [("2026-03-06", "2026-03-20", None, "sea")]
    later = run("pause", "--from", "2026-03-10", "--to", "2026-03-20", "--note", "the trip")
    assert later.exit_code == 0 and pauses(db_path) == [
        ("2026-03-10", "2026-03-20", None, "the trip")]  # it begins later, a new note
    other = run("pause", "--from", "2026-03-15", "--to", "2026-03-30", "--habit", "Walk")
    assert other.exit_code == 0  # one habit's pause inside every habit's is its own
    run("pause", "--from", "2026-03-25", "--to", "2026-03-27")
    joined = run("pause", "--from", "2026-03-18", "--to", "2026-03-26")  # meets both
    assert joined.exit_code == 0 and "The 2 pauses of every habit" in joined.stdout
    assert sorted(pauses(db_path)) == [("2026-03-15", "2026-03-30", "Walk", ""),
                                       ("2026-03-18", "2026-03-26", None, "the trip")]


def test_status_and_today_count_a_paused_habit_as_resting(run, db_path: Path) -> None:
    day = calendar_today()
    run("pause", "--from", day.isoformat(), "--to", (day + timedelta(days=3)).isoformat(),
        "--habit", "Read", "--note", "ill")
    status = run("status")
    assert status.stdout.startswith("0/1") and "Walk" in status.stdout
    assert "Read" not in status.stdout
    run("pause", "--from", (day - timedelta(days=1)).isoformat(),
        "--to", (day + timedelta(days=3)).isoformat())
    assert run("status").stdout.strip() == "~ resting"
    assert "Resting" in run("today").stdout
    assert date.fromisoformat(pauses(db_path)[0][0]) <= day
