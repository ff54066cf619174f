"""``tracker status`` and ``tracker today``: every format, every kind of day, hostile
names, and the fast path that loads no click, Rich or Textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.cli.conftest import WallClock
from tracker.cli.commands import cli
from tracker.cli.quick_status import FORMATS
from tracker.cli.status import glance, plan_for, render, status
from tracker.domain.days import today
from tracker.domain.models import Schedule
from tracker.store import Store

DAY = date(2026, 3, 12)  # a Thursday
NOON = datetime(2026, 3, 12, 12, 0)  # noqa: DTZ001 (a local wall-clock time)
HOSTILE = "#[fg=red]%{F#f00}<b>&\x1b[31m[bold]\u202e"


def add(store: Store, name: str, minimum: str = "one page", **kwargs: object) -> int:
    return store.habits.add(name, minimum, created=date(2026, 1, 1), **kwargs).id  # type: ignore[arg-type]


@pytest.fixture
def day_db(store: Store) -> Store:
    walk = add(store, "Walk", "to the corner and back", full="30 minutes")
    add(store, "Read", "one page", full="a chapter")
    add(store, HOSTILE, "x")
    store.days.record(walk, DAY, "full")
    return store


def at(store: Store, now: datetime = NOON, fmt: str = "text", short: bool = False,
       color: str | None = "never") -> str:
    return status(fmt, short, str(store.path), color, now)


def test_left_and_done_in_words(day_db: Store) -> None:
    assert at(day_db).startswith("1/3 · Read, #[fg=red]%{F#f00}<b>&␛[")
    assert at(day_db).endswith(" left")
    assert at(day_db, short=True) == "1/3"
    for habit in day_db.habits.all()[1:]:
        day_db.days.record(habit.id, DAY, "minimum")
    assert at(day_db) == "✓ 3/3"  # a quiet mark: nothing left, no count of what was not


def test_all_resting_nothing_planned_and_no_habits(store: Store, db_path: Path) -> None:
    assert at(store) == "no habits yet"
    weekend = add(store, "Long run", "a mile", schedule=Schedule.parse_days("sat,sun"))
    assert at(store) == "nothing planned"  # a Thursday
    assert json.loads(at(store, fmt="json"))["state"] == "free"
    daily = add(store, "Walk")
    store.days.record(daily, DAY, "rest")
    assert at(store) == "~ resting" and at(store, short=True) == "~"
    store.days.record(weekend, DAY, "minimum")  # a win on a day off counts
    assert at(store) == "✓ 1/1"


def test_the_day_starts_at_the_configured_hour(day_db: Store, isolated_home: Path) -> None:
    """At 02:30 it is still yesterday's day (default start 04:00): Walk, done on the 12th,
    is done at 02:30 on the 13th, and not yet on the 13th at noon."""
    late = datetime(2026, 3, 13, 2, 30)  # noqa: DTZ001
    assert at(day_db, late).startswith("1/3")
    assert plan_for(str(day_db.path), late).day == DAY
    assert at(day_db, datetime(2026, 3, 13, 12, 0)).startswith("0/3")  # noqa: DTZ001
    config = isolated_home / "config" / "tracker" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("day_start_hour = 2\n")
    assert plan_for(str(day_db.path), late).day == date(2026, 3, 13)
    assert at(day_db, late).startswith("0/3")


def test_every_format_shows_hostile_names_literally(day_db: Store) -> None:
    out = {fmt: at(day_db, fmt=fmt, color="always") for fmt in FORMATS}
    for fmt, text in out.items():
        assert "\x1b[31m" not in text and "\u202e" not in text, fmt  # never raw to a terminal
    assert "##[fg=red]" in out["tmux"] and "#[dim]" in out["tmux"]  # ## is tmux's literal #
    assert "%{F#f00}" not in out["polybar"] and "%\u2060{F#f00}" in out["polybar"]
    waybar = json.loads(out["waybar"])
    assert "\n" not in out["waybar"] and waybar["class"] == "left"
    assert "&lt;b&gt;&amp;" in waybar["tooltip"] and "<b>" not in waybar["tooltip"]
    assert "Read — one page" in waybar["tooltip"]
    full, short = out["i3blocks"].split("\n")[:2]
    assert full.startswith("1/3 · ") and short == "1/3"
    document = json.loads(out["json"])
    assert [h["name"] for h in document["left"]] == ["Read", HOSTILE]  # JSON keeps it exact
    assert document["left"][0] == {"name": "Read", "level": "full", "version": "a chapter",
                                   "minimum": "one page"}
    assert (document["done"], document["of"], document["day"]) == (1, 3, "2026-03-12")


def test_colour_only_where_asked(day_db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    for habit in day_db.habits.all()[1:]:
        day_db.days.record(habit.id, DAY, "minimum")
    assert at(day_db, color="always") == "\x1b[32m✓\x1b[0m 3/3"
    assert at(day_db, color="never") == "✓ 3/3"
    assert at(day_db, fmt="tmux", color=None) == "#[fg=green]✓#[default] 3/3"
    assert at(day_db, fmt="tmux", color="never") == "✓ 3/3"
    monkeypatch.setenv("NO_COLOR", "1")
    assert at(day_db, fmt="tmux", color=None) == "✓ 3/3"
    assert at(day_db, fmt="polybar", color=None) == "✓ 3/3"
    assert at(day_db, fmt="tmux", color="always").startswith("#[fg=green]")


def test_a_missing_database_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "none" / "tracker.db"
    assert status("text", False, str(missing), "never", NOON) == "no habits yet"
    assert not missing.exists() and not missing.parent.exists()


def run_tracker(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    code = ("import sys; from tracker.cli import main; sys.argv = ['tracker', *sys.argv[1:]]\n"
            "try:\n    main()\nfinally:\n"
            "    print(sorted(m for m in ('click', 'rich', 'textual', 'sqlite_utils')"
            " if m in sys.modules), file=sys.stderr)")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


def test_the_fast_path_loads_only_what_it_needs(store: Store) -> None:
    add(store, "Walk")
    add(store, "Café 読書")
    store.days.record(store.habits.find("Walk").id, today(), "minimum")
    for fmt in FORMATS:
        fast = run_tracker("status", "--db", str(store.path), "--format", fmt,
                           env={"NO_COLOR": "1"})
        assert fast.returncode == 0, fast.stderr
        assert fast.stderr.strip().endswith("[]"), fast.stderr  # no click, Rich, Textual
        slow = CliRunner().invoke(cli, ["status", "--db", str(store.path), "--format", fmt],
                                  env={"NO_COLOR": "1"})
        assert slow.exit_code == 0 and slow.output == fast.stdout, fmt
    assert "1/2 · Café 読書 left" in fast.stdout or fmt != "text"
    helped = run_tracker("status", "--help")
    assert "--format" in helped.stdout and "click" in helped.stderr  # help is click's


def test_a_file_that_is_not_ours_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_bytes(b"not a database at all" * 100)
    before = other.read_bytes()
    result = run_tracker("status", "--db", str(other))
    assert result.returncode == 1 and "not a tracker database" in result.stderr
    assert other.read_bytes() == before and not list(tmp_path.glob("notes.db-*"))


def test_today_lists_what_is_left_with_minimums(day_db: Store) -> None:
    day_db.days.add_step(DAY, "send the \x1b]0;message")
    result = CliRunner().invoke(cli, ["today", "--db", str(day_db.path), "--date", str(DAY)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("2026-03-12 · 1 of 3 done")
    assert "  Read — full: a chapter (minimum: one page)" in lines
    assert "  #[fg=red]%{F#f00}<b>&␛[31m[bold]� — minimum: x" in lines
    assert "  ○ send the ␛]0;message" in lines and "Walk" not in result.output
    document = json.loads(CliRunner().invoke(
        cli, ["today", "--db", str(day_db.path), "--date", str(DAY), "--format", "json"]).output)
    assert [h["name"] for h in document["left"]] == ["Read", HOSTILE]
    assert document["steps"] == [{"text": "send the \x1b]0;message", "habit": None}]


@pytest.mark.parametrize(("setup", "words"), [
    ("none", "No habits yet"), ("weekend", "Nothing planned"), ("rest", "Resting"),
    ("done", "Nothing left. Nice."),
])
def test_today_on_quiet_days(store: Store, setup: str, words: str) -> None:
    if setup != "none":
        habit = add(store, "Run", schedule=Schedule.parse_days("sat" if setup == "weekend"
                                                                  else "mon,tue,wed,thu,fri"))
        if setup in ("rest", "done"):
            store.days.record(habit, DAY, "rest" if setup == "rest" else "minimum")
    result = CliRunner().invoke(cli, ["today", "--db", str(store.path), "--date", str(DAY)])
    assert result.exit_code == 0 and words in result.output, result.output
    assert "missed" not in result.output.replace("nothing is missed", "")


def test_glance_counts_an_unplanned_win(store: Store) -> None:
    weekend = add(store, "Run", schedule=Schedule.parse_days("sat"))
    add(store, "Walk")
    store.days.record(weekend, DAY, "minimum")
    g = glance(store.day_plan(DAY))
    assert (g.state, g.done, g.of, [h.habit.name for h in g.left]) == ("left", 1, 2, ["Walk"])
    assert render(g, "text") == "1/2 · Walk left"


def test_today_names_a_level_by_its_number_when_it_has_no_text(store: Store) -> None:
    add(store, "Water", "a glass", unit="ml", step=250, min_amount=250, full_amount=2000)
    add(store, "Read", "one page", full="a chapter", unit="pages", min_amount=1,
        full_amount=20)
    result = CliRunner().invoke(cli, ["today", "--db", str(store.path), "--date", str(DAY)])
    assert "  Water — full: ≥ 2000 ml (minimum: a glass (≥ 250 ml))" in result.output
    assert "  Read — full: a chapter (≥ 20 pages) (minimum: one page (≥ 1 page))" in \
        result.output
    document = json.loads(CliRunner().invoke(
        cli, ["today", "--db", str(store.path), "--date", str(DAY), "--format", "json"]).output)
    assert document["left"][0]["version"] == "≥ 2000 ml"


def test_todays_row_names_numbered_levels_with_their_unit(store: Store) -> None:
    from tracker.ui.widgets.habit_row import habit_cells

    add(store, "Water", "a glass", unit="ml", min_amount=250, full_amount=2000,
        stretch_amount=3000)
    add(store, "Smoke", "one less", unit="cigarettes", at_most=True, min_amount=10,
        full_amount=5, stretch_amount=0)
    store.days.check_in(DAY, "high")
    plans = {h.habit.name: h for h in store.day_plan(DAY).habits}
    water = habit_cells(plans["Water"])[1].plain
    assert water.startswith("full: ≥ 2000 ml") and "stretch: ≥ 3000 ml" in water, water
    smoke = habit_cells(plans["Smoke"])[1].plain
    assert "full: ≤ 5 cigarettes" in smoke and "stretch: ≤ 0 cigarettes" in smoke, smoke


def test_a_weekly_number_already_met_is_not_left(store: Store) -> None:
    """Swim once a week, swum on Monday: on Thursday nothing of it is left (no line, no
    reminder, no question), and a swim that day still counts; two in ten days likewise."""
    swim = add(store, "Swim", "a length", schedule=Schedule.times_per_week(1))
    add(store, "Walk")
    cycle = add(store, "Cycle", "a mile", schedule=Schedule.times_in_days(2, 10))
    assert at(store) == "0/3 · Swim, Walk, Cycle left"
    store.days.record(swim, date(2026, 3, 9), "minimum")
    store.days.record(cycle, date(2026, 3, 6), "minimum")  # the window began last Friday
    assert at(store) == "0/2 · Walk, Cycle left"
    store.days.record(cycle, date(2026, 3, 7), "minimum")
    assert at(store) == "0/1 · Walk left"
    plan = store.day_plan(DAY)
    assert [(h.habit.name, h.quota_met) for h in plan.habits] == [
        ("Swim", True), ("Walk", False), ("Cycle", True)]
    result = CliRunner().invoke(cli, ["today", "--db", str(store.path), "--date", str(DAY)])
    assert "Swim" not in result.output and "Walk" in result.output, result.output
    store.days.record(swim, DAY, "minimum")  # a second swim: a win that counts
    assert at(store) == "1/2 · Walk left"


def test_reading_commands_never_make_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-yet.db"
    for args in (["today"], ["today", "--format", "json"], ["remind", "--dry-run"]):
        result = CliRunner().invoke(cli, [*args, "--db", str(missing)])
        assert result.exit_code == 0, result.output
        assert not missing.exists(), args
    assert "No habits yet" in CliRunner().invoke(cli, ["today", "--db", str(missing)]).output


def test_color_on_every_command(day_db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(day_db.path)
    plain = CliRunner().invoke(cli, ["habit", "list", "--db", db])
    assert plain.exit_code == 0 and "\x1b[" not in plain.output  # a pipe: plain
    coloured = CliRunner().invoke(cli, ["habit", "list", "--db", db, "--color", "always"])
    assert coloured.exit_code == 0 and "\x1b[" in coloured.output
    before = CliRunner().invoke(cli, ["--color", "always", "week", "--db", db])
    assert before.exit_code == 0 and "\x1b[" in before.output  # before the command too
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" in CliRunner().invoke(cli, ["habit", "list", "--db", db, "--color",
                                               "always"]).output
    for args in (["habit", "list"], ["today"], ["status"]):
        out = CliRunner().invoke(cli, [*args, "--db", db]).output
        assert "\x1b[3" not in out and "\x1b[0m" not in out, args
    # the escape in the hostile name shows as ␛ everywhere, coloured or not
    assert "\x1b[31m" not in coloured.output and "␛[31m" in coloured.output


def test_color_for_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.cli.commands import color_for_the_app

    monkeypatch.setenv("NO_COLOR", "1")  # restored after the test, whatever happens
    color_for_the_app("always")
    assert "NO_COLOR" not in os.environ
    color_for_the_app(None)
    assert "NO_COLOR" not in os.environ
    color_for_the_app("never")
    assert os.environ["NO_COLOR"] == "1"  # Textual draws without colour


def test_today_before_the_day_starts_is_still_yesterday(day_db: Store,
                                                        clock: type[WallClock]) -> None:
    clock.moment = datetime(2026, 3, 13, 3, 59)  # noqa: DTZ001 (a local wall-clock time)
    early = CliRunner().invoke(cli, ["today", "--db", str(day_db.path)])
    assert early.output.startswith("Today, 2026-03-12 · 1 of 3 done"), early.output
    assert "Walk" not in early.output  # done on the 12th, which is still today
    clock.moment = datetime(2026, 3, 13, 4, 0)  # noqa: DTZ001
    later = CliRunner().invoke(cli, ["today", "--db", str(day_db.path)])
    assert later.output.startswith("Today, 2026-03-13 · 0 of 3 done")
    assert "  Walk — full: 30 minutes (minimum: to the corner and back)" in later.output


def test_color_never_on_a_terminal_writes_no_escape_code_at_all(day_db: Store) -> None:
    """A real terminal (a pseudo-terminal): NO_COLOR leaves bold, --color never nothing."""
    import pty

    for args, has_escapes in ((["week"], True), (["week", "--color", "never"], False),
                              (["habit", "list", "--color", "never"], False)):
        main, child = pty.openpty()
        done = subprocess.run([sys.executable, "-m", "tracker", *args, "--db", str(day_db.path)],
                              stdin=child, stdout=child, stderr=child, timeout=60,
                              env={**os.environ, "TERM": "xterm", "COLUMNS": "120"})
        os.close(child)
        out = b""
        try:
            while True:
                chunk = os.read(main, 65536)
                if not chunk:
                    break
                out += chunk
        except OSError:  # the terminal closed
            pass
        os.close(main)
        assert done.returncode == 0
        text = out.decode(errors="replace")
        assert ("\x1b[" in text) == has_escapes, (args, text[:200])
        assert "␛[31m" in text or args[0] == "week"  # the hostile name, visible
