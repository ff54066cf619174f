"""The command line, as a newcomer and a script would use it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli.commands import cli

D = "2026-03-12"


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str, db: Path | None = db_path) -> Result:
        full = [*args, "--db", str(db)] if db is not None else list(args)
        return runner.invoke(cli, full, catch_exceptions=False)

    return invoke


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_add_done_and_week(run, db_path: Path) -> None:
    added = run("habit", "add", "Read", "--min", "Read one page", "--full", "20 pages",
                "--unit", "pages", "--direction", "mind")
    assert added.exit_code == 0, added.output
    assert rows(db_path, "SELECT name, minimum, unit FROM habits") == [
        ("Read", "Read one page", "pages")]
    assert run("checkin", "--energy", "low", "--date", D).exit_code == 0
    done = run("done", "read", "--amount", "12", "--note", "a good chapter", "--date", D)
    assert done.exit_code == 0 and "minimum" in done.output
    assert rows(db_path, "SELECT day, status, amount, note FROM entries") == [
        (D, "minimum", 12.0, "a good chapter")]
    week = run("week", "--date", D)
    assert week.exit_code == 0
    assert "Read" in week.output and "12 pages" in week.output and "◐" in week.output


def test_done_uses_the_planned_level_and_an_explicit_level(run, db_path) -> None:
    run("habit", "add", "Read", "--min", "one page", "--full", "20 pages",
        "--stretch", "a chapter")
    run("done", "Read", "--date", "2026-03-10")
    run("done", "Read", "--level", "stretch", "--date", "2026-03-11")
    assert rows(db_path, "SELECT day, status FROM entries ORDER BY day") == [
        ("2026-03-10", "full"), ("2026-03-11", "stretch")]


def test_a_level_the_habit_does_not_have_is_refused(run, db_path) -> None:
    run("habit", "add", "Floss", "--min", "one tooth")
    for level in ("full", "stretch"):
        result = run("done", "Floss", "--level", level, "--date", D)
        assert result.exit_code == 1
        assert f"has no {level} version" in result.stderr and f"--{level} TEXT" in result.stderr
    assert rows(db_path, "SELECT count(*) FROM entries") == [(0,)]
    assert run("done", "Floss", "--date", D).exit_code == 0  # planned: the minimum
    assert rows(db_path, "SELECT status FROM entries") == [("minimum",)]


def test_an_amount_marks_the_level_it_reaches(run, db_path) -> None:
    run("habit", "add", "Read", "--min", "one page", "--full", "a chapter", "--unit", "pages",
        "--min-amount", "1", "--full-amount", "10", "--stretch-amount", "30")
    run("habit", "add", "Smoking", "--min", "ten or fewer", "--unit", "cigarettes",
        "--at-most", "--min-amount", "10", "--full-amount", "5", "--stretch-amount", "0")
    cases = [("Read", "12", "full"), ("Read", "35", "stretch"), ("Read", "1", "minimum"),
             ("Read", "0.5", None), ("Smoking", "3", "full"), ("Smoking", "0", "stretch"),
             ("Smoking", "12", None), ("Smoking", "10", "minimum")]
    for day, (name, amount, _) in enumerate(cases, start=1):
        result = run("done", name, "--amount", amount, "--date", f"2026-03-{day:02d}")
        assert result.exit_code == 0, result.stderr
    assert rows(db_path, "SELECT e.status, e.amount FROM entries e ORDER BY day") == [
        (status, float(amount)) for _, amount, status in cases]
    assert "kept as evidence" in run("done", "Read", "--amount", "0.2", "--date", D).stdout
    refused = run("habit", "edit", "Read", "--full-amount", "0.5")
    assert refused.exit_code == 1 and "at least as much" in refused.stderr
    listed = json.loads(run("habit", "list", "--json").stdout)
    assert listed[1]["at_most"] is True and listed[1]["stretch_amount"] == 0


def test_rest_clear_and_step(run, db_path) -> None:
    run("habit", "add", "Walk", "--min", "step outside", "--days", "mon,thu")
    assert run("rest", "Walk", "--date", D, "--note", "sick").exit_code == 0
    assert rows(db_path, "SELECT status, note FROM entries") == [("rest", "sick")]
    assert run("clear", "Walk", "--date", D).exit_code == 0
    assert rows(db_path, "SELECT status, note FROM entries") == [(None, "sick")]
    assert run("step", "send the message", "--date", D, "--done").exit_code == 0
    assert rows(db_path, "SELECT day, text, done FROM steps") == [(D, "send the message", 1)]


def test_habit_edit_extends_the_ladder_and_archive_hides(run, db_path) -> None:
    run("habit", "add", "Read", "--min", "one page")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE ladder SET since = '2026-01-01'")  # added weeks ago
    conn.commit()
    conn.close()
    edited = run("habit", "edit", "Read", "--min", "two pages", "--per-week", "3",
                 "--name", "Reading")
    assert edited.exit_code == 0, edited.output
    assert rows(db_path, "SELECT text FROM ladder ORDER BY id") == [("one page",),
                                                                    ("two pages",)]
    assert rows(db_path, "SELECT name, schedule_kind, per_week FROM habits") == [
        ("Reading", "per_week", 3)]
    assert run("habit", "archive", "Reading").exit_code == 0
    listed = json.loads(run("habit", "list", "--json").output)
    assert listed == []
    everything = json.loads(run("habit", "list", "--json", "--all").output)
    assert everything[0]["archived"] is True and everything[0]["ladder_rungs"] == 2


def test_habit_list_is_plain_when_not_a_terminal(run) -> None:
    run("habit", "add", "[bold]Read[/]", "--min", "\x1b[31mone page", "--days", "mon")
    listed = run("habit", "list").output
    assert "[bold]Read[/]" in listed and "␛[31mone page" in listed
    assert "\x1b" not in listed and "─" not in listed


def test_unknown_habit_suggests_close_names(run) -> None:
    run("habit", "add", "Read", "--min", "one page")
    result = run("done", "Raed")
    assert result.exit_code == 1
    assert 'Did you mean “Read”?' in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, message", [
    (("done", "Read", "--date", "2026-02-30"), "is not a date"),
    (("done", "Read", "--date", "2999-01-01"), "in the future"),
    (("done", "Read", "--amount", "-3"), "from 0 to"),
    (("done", "Read", "--amount", "nan"), "from 0 to"),
    (("checkin", "--energy", "tired"), "'tired' is not one of"),
    (("habit", "add", "Read", "--min", "x"), "exists already"),
    (("habit", "add", "New", "--min", "x", "--days", "funday"), "unknown weekday"),
    (("habit", "add", "New", "--min", "x", "--days", "mon", "--per-week", "2"), "not several"),
    (("habit", "add", "New", "--min", "x", "--every", "3d", "--per-week", "2"), "not several"),
    (("habit", "add", "New", "--min", "x", "--every", "5 in 3 days"), "between 1 and the days"),
    (("habit", "add", "New", "--min", "x", "--every", "fortnightly"), "'2 in 10 days'"),
    (("habit", "add", "New", "--min", "x", "--every", "1 in 999"), "between 1 and 366"),
    (("habit", "edit", "Read"), "nothing to change"),
    (("clear", "Read", "--date", "2026-03-01"), "nothing is recorded"),
    (("undo", "Read"), "'tracker undo' is now 'tracker clear NAME [--date D]'"),
])
def test_errors_are_one_clear_line(run, args: tuple[str, ...], message: str) -> None:
    run("habit", "add", "Read", "--min", "one page")
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_refused_files_are_reported_and_untouched(run, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n")
    result = run("habit", "list", db=text)
    assert result.exit_code == 1 and "not a tracker database" in result.stderr
    assert text.read_text() == "my notes\n"


def test_tracker_db_variable_and_default_location(isolated_home: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["habit", "add", "Read", "--min", "x"]).exit_code == 0
    assert list(isolated_home.rglob("tracker.db"))
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "env.db"))
    assert runner.invoke(cli, ["habit", "add", "Walk", "--min", "x"]).exit_code == 0
    assert rows(tmp_path / "env.db", "SELECT name FROM habits") == [("Walk",)]


def test_week_json_has_the_documented_keys(run) -> None:
    run("habit", "add", "Read", "--min", "one page", "--unit", "pages")
    run("done", "Read", "--date", "2026-03-10", "--amount", "5")
    document = json.loads(run("week", "--date", D, "--format", "json").output)
    assert document["week_start"] == "2026-03-09"
    habit = document["habits"][0]
    assert {"name", "days", "showed_up", "amount_total", "unit",
            "previous_showed_up"} <= set(habit)
    assert habit["days"] == [None, "minimum", None, None, None, None, None]
    assert habit["amount_total"] == 5 and habit["unit"] == "pages"
    assert len(document["energy"]) == 7
    assert {"steps_done", "suggestions"} <= set(document)
    assert {"habit": "Read", "kind": "direction"}.items() <= document["suggestions"][0].items()


def test_week_says_the_rest_and_leaves_it_out_of_the_days(run) -> None:
    run("habit", "add", "Read", "--min", "one page")
    for day in ("2026-03-09", "2026-03-12"):
        run("done", "Read", "--date", day)
    for day in ("2026-03-10", "2026-03-11"):
        run("rest", "Read", "--date", day)
    assert "Showed up on 2 of 5 days · 2 resting" in run("week", "--date", D).output
    assert "Showed up on 2 of 5 days · 2 resting;" in run(
        "week", "--date", D, "--format", "markdown").output
    document = json.loads(run("week", "--date", D, "--format", "json").output)
    assert (document["showed_up_days"], document["counted_days"],
            document["resting_days"]) == (2, 5, 2)


def test_week_markdown_escapes_names(run) -> None:
    run("habit", "add", "a|b *c*", "--min", "x")
    markdown = run("week", "--format", "markdown").output
    assert "a\\|b \\*c\\*" in markdown and "## Reflections" in markdown


def test_export_import_round_trip_through_files(run, tmp_path: Path) -> None:
    run("habit", "add", "Read", "--min", "one page")
    run("done", "Read", "--date", D, "--note", 'quote " comma, newline\nok')
    out = tmp_path / "export.json"
    assert run("export", "-o", str(out)).exit_code == 0
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    other = tmp_path / "other.db"
    first = run("import", "json", str(out), db=other)
    assert first.exit_code == 0 and "1 habit, 1 entry" in first.output
    again = run("import", "json", str(out), db=other)
    assert "Nothing new" in again.output
    second = tmp_path / "second.json"
    run("export", "-o", str(second), db=other)
    a, b = json.loads(out.read_text()), json.loads(second.read_text())
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b


def test_export_csv_to_stdout(run) -> None:
    run("habit", "add", "Read", "--min", "one page", "--unit", "pages")
    run("done", "Read", "--date", D, "--amount", "3")
    assert run("export", "--format", "csv").output.splitlines() == [
        "date,habit,status,amount,unit,note", f"{D},Read,minimum,3,pages,"]


def test_import_of_a_broken_file_names_it_and_adds_nothing(run, tmp_path, db_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "tracker", "version": 1, "habits": [{"name": "A", '
                   '"minimum": "x", "created": "2026-01-01"}], "entries": '
                   '[{"habit": "A", "date": "nope", "status": "full"}]}')
    result = run("import", "json", str(bad))
    assert result.exit_code == 1 and "bad.json" in result.stderr and "nope" in result.stderr
    assert rows(db_path, "SELECT count(*) FROM habits") == [(0,)]


def test_backup_writes_a_copy_and_never_overwrites(run, tmp_path: Path) -> None:
    run("habit", "add", "Read", "--min", "one page")
    target = tmp_path / "copy.db"
    assert run("backup", "-o", str(target)).exit_code == 0
    assert rows(target, "SELECT name FROM habits") == [("Read",)]
    again = run("backup", "-o", str(target))
    assert again.exit_code == 1 and "exists already" in again.stderr
    default = run("backup")
    assert default.exit_code == 0 and "backups" in default.output


def fresh_python(*args: str) -> str:
    """What a new interpreter prints for ``args`` (nothing imported by this test run)."""
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_python_dash_m_and_version(tmp_path: Path) -> None:
    assert fresh_python("-m", "tracker", "--version").startswith("tracker, version")


def test_importing_tracker_does_not_import_textual() -> None:
    assert fresh_python("-c", "import sys, tracker, tracker.domain.week, tracker.store, "
                        "tracker.cli; print('textual' in sys.modules)") == "False"


def test_plain_tracker_does_not_load_the_command_line() -> None:
    """Opening the app every morning skips click and the commands (start-up budget)."""
    code = ("import sys, tracker.cli, tracker.cli.launch, tracker.ui.app; "
            "print(sorted(m for m in sys.modules if m == 'click' or m.startswith('tracker.cli.')))")
    assert fresh_python("-c", code) == "['tracker.cli.errors', 'tracker.cli.launch']"


@pytest.mark.parametrize("args", [[], ["--date", "2026-03-10"]])
def test_the_app_opened_from_the_command_line_follows_the_clock(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    """Left open past the day-start hour, the app moves to the new day: today is not
    pinned when it is opened by ``tracker`` (plain or with options)."""
    from tracker.cli import main
    from tracker.ui.app import TrackerApp

    opened: list[TrackerApp] = []
    monkeypatch.setattr(TrackerApp, "run", lambda self, **_: opened.append(self))
    monkeypatch.setattr("tracker.cli.launch.has_terminal", lambda: True)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "t.db"))
    monkeypatch.setattr("sys.argv", ["tracker", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code in (0, None)
    assert len(opened) == 1 and opened[0].follows_clock
    assert opened[0].start_day == (date(2026, 3, 10) if args else opened[0].today)


def test_today_has_one_definition_everywhere(run, db_path, isolated_home) -> None:
    """``--date today`` follows the configured day-start hour, like a plain command."""
    from tracker.domain.days import today

    config = isolated_home / "config" / "tracker" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("day_start_hour = 23\n")
    run("step", "plain")
    run("step", "dated", "--date", "today")
    run("step", "before", "--date", "yesterday")
    days = dict(rows(db_path, "SELECT text, day FROM steps"))
    assert days["plain"] == days["dated"] == today(23).isoformat()
    assert days["before"] < days["plain"]


def test_habit_delete_asks_backs_up_and_deletes(run, db_path) -> None:
    run("habit", "add", "Read", "--min", "a page")
    run("done", "Read", "--date", D)
    refused = run("habit", "delete", "Read")
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    assert "1 recorded day" in refused.stderr
    assert rows(db_path, "SELECT count(*) FROM habits") == [(1,)]
    done = run("habit", "delete", "Read", "--yes")
    assert done.exit_code == 0 and "A copy from before is in" in done.stdout
    assert rows(db_path, "SELECT count(*) FROM habits") == [(0,)]
    assert rows(db_path, "SELECT count(*) FROM entries") == [(0,)]
    assert list((db_path.parent / "backups").glob("tracker-before-delete-*.db"))


@pytest.mark.parametrize("every, described, schedule", [
    ("2 in 10 days", "2 in 10 days", {"kind": "in_days", "times": 2, "every": 10}),
    ("3d", "every 3 days", {"kind": "in_days", "times": 1, "every": 3}),
    ("every other day", "every other day", {"kind": "in_days", "times": 1, "every": 2}),
    ("3 in 7 days", "3× a week", {"kind": "per_week", "per_week": 3}),
    ("4 in 4 days", "every day", {"kind": "daily"}),
])
def test_every_sets_an_x_in_n_days_schedule(run, db_path: Path, every: str, described: str,
                                            schedule: dict) -> None:
    added = run("habit", "add", "Water", "--min", "one pot", "--every", every)
    assert added.exit_code == 0, added.output
    assert described in added.output
    listed = json.loads(run("habit", "list", "--json").output)
    assert schedule.items() <= listed[0]["schedule"].items()
    edited = run("habit", "edit", "Water", "--every", "1 in 14 days")
    assert edited.exit_code == 0, edited.output
    assert rows(db_path, "SELECT schedule_kind, schedule_times, schedule_every FROM habits") == [
        ("in_days", 1, 14)]


def test_words_for_one_of_a_kind(run, tmp_path: Path) -> None:
    run("habit", "add", "Read", "--min", "one page", "--unit", "pages")
    run("done", "Read", "--amount", "1", "--date", "2026-03-10")
    assert "1 page " in run("week", "--date", D).output
    harsh = tmp_path / "harsh"
    harsh.mkdir()
    (harsh / "habits").write_text("Walk: 1\n")
    (harsh / "log").write_text("2024-03-01 : Walk : y\n2024-03-01 : Gone : y\n")
    imported = run("import", "harsh", str(harsh))
    assert "skipped 1 log line of habits that are not in the habits file" in imported.output


def test_names_are_shown_as_typed_in_messages(run) -> None:
    added = run("habit", "add", "🏃 Run 🏃\u200d♀️ \x1b[31m", "--min", "x")
    assert "Added “🏃 Run 🏃\u200d♀️ ␛[31m”" in added.output and "\\u200d" not in added.output


def test_deleting_a_habit_with_no_days_says_so_plainly(run) -> None:
    run("habit", "add", "Meditate", "--min", "one breath")
    refused = run("habit", "delete", "Meditate")
    assert "loses nothing recorded" in refused.stderr
    assert "tracker habit archive Meditate keeps" in refused.stderr
    deleted = run("habit", "delete", "Meditate", "--yes")
    assert "Deleted “Meditate” (no recorded days)." in deleted.output
    assert "and no recorded days" not in deleted.output


def test_a_negative_amount_is_said_as_typed(run) -> None:
    run("habit", "add", "Read", "--min", "one page")
    refused = run("done", "Read", "--amount", "-3", "--date", "2026-03-10")
    assert refused.exit_code == 1 and "not -3" in refused.stderr and "-3.0" not in refused.stderr


def test_a_full_disk_names_the_file(tmp_path: Path) -> None:
    import errno

    from tracker.cli.errors import explain

    full = OSError(errno.ENOSPC, "No space left on device")
    assert explain(full, tmp_path / "t.db") == (
        f"cannot use {tmp_path / 't.db'}: No space left on device")


def test_a_bad_schedule_in_an_export_is_said_in_tracker_words(run, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "tracker", "version": 1, "habits": [
        {"name": "Read", "minimum": "x", "schedule": {"kind": "weekdays", "days": ["funday"]}}]}))
    refused = run("import", "json", str(path))
    assert refused.exit_code == 1
    assert "bad schedule (weekdays are written mon, tue … sun, not 'funday')" in refused.stderr
    assert "tuple" not in refused.stderr


def test_the_readme_gives_a_users_install_beside_the_developers() -> None:
    """A person who only wants the app installs it without the test tools, and then the
    README's bare `tracker …` commands are on their PATH (checked by hand: `pip install .`
    into a fresh venv gives the `tracker` command and no pytest)."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme[readme.index("## Quick start"):readme.index("## A day with tracker")]
    assert "pipx install ." in start and "/bin/pip install .\n" in start
    assert start.index("pipx install .") < start.index("pip install -e '.[test]'")
    assert "`.venv/bin/tracker demo`" not in readme and "run `tracker demo`" in start


def test_the_apps_date_before_a_command_is_refused_with_where_it_goes(db_path: Path) -> None:
    runner = CliRunner()
    before = runner.invoke(cli, ["--date", "2026-03-10", "today", "--db", str(db_path)])
    assert before.exit_code == 2 and f"tracker today --db {db_path} --date 2026-03-10" in \
        before.output
    status = runner.invoke(cli, ["--date", "2026-03-10", "status", "--db", str(db_path)])
    assert status.exit_code == 2 and "takes no --date" in status.output
    done = runner.invoke(cli, ["--date", "2026-03-10", "done", "Morning walk", "--db", "x.db"])
    assert "tracker done 'Morning walk' --db x.db --date 2026-03-10" in done.output
    twice = runner.invoke(cli, ["--date", "2026-03-10", "week", "--date", "2026-03-02"])
    assert twice.exit_code == 2 and "drop the one before week" in twice.output
    assert not db_path.exists()
