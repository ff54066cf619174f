"""``tracker remind``: what it says (and when it says nothing), the notification service
and its absence, and the timer files written and removed in a temporary home."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.cli.conftest import WallClock
from tracker.cli.commands import cli
from tracker.domain.days import today
from tracker.domain.models import Schedule
from tracker.store import Store

HOSTILE = "Evil <b>&\x1b[31m"


def tool(folder: Path, name: str, exit_code: int = 0) -> Path:
    """A stand-in for a system tool that writes down how it was called."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{folder}/{name}.log"\n'
                      f"exit {exit_code}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder / f"{name}.log"


def remind(store: Store, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["remind", "--db", str(store.path), *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def open_day(store: Store) -> Store:
    walk = store.habits.add("Walk", "to the corner and back", full="30 minutes",
                            created=date(2026, 1, 1))
    store.habits.add("Read", "one page", full="a chapter", created=date(2026, 1, 1))
    store.habits.add(HOSTILE, "one <i>", created=date(2026, 1, 1))
    store.days.record(walk.id, today(), "full")
    return store


def test_the_notification_names_each_minimum(open_day: Store, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    log = tool(tmp_path / "bin", "notify-send")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    assert remind(open_day).output == ""
    sent = log.read_text().splitlines()
    assert sent[:3] == ["--app-name=tracker", "--", "Small wins still open"]
    body = "\n".join(sent[3:])
    assert body.startswith("1 done already today. Nice.\nRead: one page still counts.")
    assert "Evil &lt;b&gt;&amp;␛[31m: one &lt;i&gt; still counts." in body  # markup defused
    assert "\x1b" not in body and "Walk" not in body
    for word in ("miss", "fail", "behind", "streak"):
        assert word not in body.lower()


def test_dry_run_prints_and_sends_nothing(open_day: Store, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    log = tool(tmp_path / "bin", "notify-send")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    out = remind(open_day, "--dry-run").output
    assert out.startswith("Small wins still open\n1 done already today. Nice.\n")
    assert "Evil <b>&␛[31m: one <i> still counts." in out and not log.exists()


@pytest.mark.parametrize("exit_code", [None, 1])
def test_without_a_notification_service_it_prints(open_day: Store, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  exit_code: int | None) -> None:
    if exit_code is not None:  # notify-send is there, but no desktop answers
        tool(tmp_path / "bin", "notify-send", exit_code)
    else:
        (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert "Read: one page still counts." in remind(open_day).output


@pytest.mark.parametrize(("setup", "words"), [
    ("none", "No habits yet"), ("weekend", "Nothing planned"), ("rest", "Resting today"),
    ("done", "All done today"),
])
def test_nothing_when_all_is_done_resting_or_free(store: Store, tmp_path: Path, setup: str,
                                                  words: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if setup != "none":
        days = "sat" if today().weekday() != 5 else "sun"
        habit = store.habits.add("Run", "a mile", created=date(2026, 1, 1),
                                 schedule=Schedule.parse_days(days) if setup == "weekend"
                                 else None)
        if setup in ("rest", "done"):
            store.days.record(habit.id, today(), "rest" if setup == "rest" else "minimum")
    log = tool(tmp_path / "bin", "notify-send")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    assert remind(store).output == "" and not log.exists()
    assert words in remind(store, "--dry-run").output


def test_a_day_not_started_yet_is_still_yesterday(store: Store,
                                                  clock: type[WallClock]) -> None:
    """At 02:30 (the day starts at 04:00) the reminder is about the day before."""
    clock.moment = datetime(2026, 3, 13, 2, 30)  # noqa: DTZ001 (a local wall-clock time)
    walk = store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    store.habits.add("Read", "a page", created=date(2026, 1, 1))
    store.days.record(walk.id, date(2026, 3, 12), "minimum")
    out = remind(store, "--dry-run").output
    assert "1 done already today" in out and "Walk" not in out and "Read: a page" in out
    clock.moment = datetime(2026, 3, 13, 4, 0)  # noqa: DTZ001
    out = remind(store, "--dry-run").output
    assert "Walk: a step still counts." in out and "done already" not in out


def test_install_writes_a_systemd_timer_and_uninstall_removes_it(
        store: Store, isolated_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    log = tool(tmp_path / "bin", "systemctl")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    out = remind(store, "--install", "20:00", "--install", "8:05").output
    units = isolated_home / "config" / "systemd" / "user"
    timer, service = units / "tracker-remind.timer", units / "tracker-remind.service"
    assert "Reminders at 08:05, 20:00" in out and "(enabled)" in out
    assert "OnCalendar=*-*-* 08:05:00\nOnCalendar=*-*-* 20:00:00\n" in timer.read_text()
    assert "WantedBy=timers.target" in timer.read_text()
    exec_line = next(line for line in service.read_text().splitlines()
                     if line.startswith("ExecStart="))
    assert '"remind" "--db"' in exec_line and str(store.path) in exec_line
    assert log.read_text().splitlines() == ["--user", "daemon-reload", "--user", "enable",
                                            "--now", "tracker-remind.timer"]
    remind(store, "--install", "12:30")  # adds to the times set
    assert timer.read_text().count("OnCalendar=") == 3
    removed = remind(store, "--uninstall").output
    assert removed.strip() == f"Reminders removed (they were about {store.path.resolve()})."
    assert not timer.exists() and not service.exists()
    assert "disable" in log.read_text()
    assert remind(store, "--uninstall").output.strip() == "No reminder is installed."


def test_a_unit_file_not_ours_is_left_alone(store: Store, isolated_home: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    tool(tmp_path / "bin", "systemctl")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    units = isolated_home / "config" / "systemd" / "user"
    units.mkdir(parents=True)
    theirs = units / "tracker-remind.timer"
    theirs.write_text("[Timer]\nOnCalendar=daily\n")
    result = CliRunner().invoke(cli, ["remind", "--db", str(store.path), "--install", "20:00"])
    assert result.exit_code == 1 and "was not written by tracker" in result.output
    assert theirs.read_text() == "[Timer]\nOnCalendar=daily\n"
    assert not (units / "tracker-remind.service").exists()
    bad = CliRunner().invoke(cli, ["remind", "--db", str(store.path), "--install", "25:00"])
    assert bad.exit_code == 2 and "not a time of day" in bad.output


def test_without_systemd_the_crontab_lines_are_printed(store: Store, isolated_home: Path,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = remind(store, "--install", "20:00", "--install", "07:30").output
    lines = out.splitlines()
    assert lines[0] == "No systemd here: add these lines with crontab -e:"
    assert lines[1].startswith("30 7 * * * DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/")
    assert lines[2].startswith("0 20 * * * ") and lines[2].endswith(f"remind --db {store.path}")
    assert not (isolated_home / "config" / "systemd").exists()
    assert "crontab -e" in remind(store, "--uninstall").output


def invoked(*args: str) -> Result:
    return CliRunner().invoke(cli, ["remind", *args])


@pytest.mark.parametrize("odd", ["1²:00", "٠٧:٠٥", "7:5", "123:00", "20:00:00", " :30", "-1:30"])
def test_a_time_of_day_is_ascii_hh_mm(store: Store, odd: str) -> None:
    bad = invoked("--db", str(store.path), "--install", odd)
    assert bad.exit_code == 2 and "not a time of day" in bad.output, bad.output
    assert "Traceback" not in bad.output


def test_a_database_path_no_timer_can_name_is_refused(tmp_path: Path, isolated_home: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    tool(tmp_path / "bin", "systemctl")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    hostile = tmp_path / "nl\nExecStartPre=/bin/touch /tmp/injected.db"
    refused = invoked("--db", str(hostile), "--install", "20:00")
    assert refused.exit_code == 1 and "line break" in refused.output
    assert not (isolated_home / "config" / "systemd").exists()


def test_percent_and_dollar_in_a_path_stay_literal(tmp_path: Path, isolated_home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    odd = tmp_path / "my %h $HOME 100%.db"
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # no systemd: crontab lines
    line = invoked("--db", str(odd), "--install", "20:00").output.splitlines()[1]
    assert line.endswith(f"'{str(odd)}'".replace("%", "\\%"))  # cron's % ends a command
    tool(tmp_path / "bin", "systemctl")
    invoked("--db", str(odd), "--install", "20:00")
    service = (isolated_home / "config" / "systemd" / "user" / "tracker-remind.service")
    assert '"my %%h $$HOME 100%%.db"' in service.read_text().replace(str(tmp_path) + "/", "")


def test_a_systemd_that_does_not_answer_gets_the_crontab_lines_too(
        store: Store, tmp_path: Path, isolated_home: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    tool(tmp_path / "bin", "systemctl", exit_code=1)  # there, but not running (a container)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    out = remind(store, "--install", "20:00").output
    assert "systemd did not answer" in out and "crontab -e" in out
    assert out.splitlines()[-1].startswith("0 20 * * * DBUS_SESSION_BUS_ADDRESS=")


def test_another_database_or_a_dry_run_changes_no_timer(
        store: Store, tmp_path: Path, isolated_home: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    log = tool(tmp_path / "bin", "systemctl")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    units = isolated_home / "config" / "systemd" / "user"
    dry = remind(store, "--install", "08:00", "--dry-run").output
    assert dry.startswith("Would write") and "08:00" in dry and not units.exists()
    remind(store, "--install", "08:00")
    before = {p.name: p.read_text() for p in units.iterdir()}
    other = invoked("--db", str(tmp_path / "other.db"), "--install", "20:00")
    assert other.exit_code == 1 and "about another database" in other.output
    assert {p.name: p.read_text() for p in units.iterdir()} == before
    remind(store, "--install", "20:00")  # the same database: times added
    assert (units / "tracker-remind.timer").read_text().count("OnCalendar=") == 2
    calls = log.read_text()
    assert remind(store, "--uninstall", "--dry-run").output.startswith("Would remove")
    assert len(list(units.iterdir())) == 2 and log.read_text() == calls
