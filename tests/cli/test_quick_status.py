"""``tracker status`` keeps its last line: printed again only while the rows, the day and
the settings it was made from are the same; never kept anywhere but a private folder."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import WallClock
from tracker.cli import quick_status
from tracker.cli import status as status_module
from tracker.store import Store


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def status(capsys: pytest.CaptureFixture[str], db: Path, *options: str) -> str:
    assert quick_status.fast_status(["status", "--db", str(db), *options]) == 0
    return capsys.readouterr().out


def test_the_kept_line_follows_every_change(store: Store, runtime: Path, clock: type[WallClock],
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    walk = store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    store.habits.add("Read", "a page", created=date(2026, 1, 1))
    made: list[str] = []
    real = status_module.kept_status

    def counted(*args: Any) -> tuple[str, str | None]:
        made.append("made")
        return real(*args)

    monkeypatch.setattr(status_module, "kept_status", counted)
    assert status(capsys, store.path) == "0/2 · Walk, Read left\n"
    assert status(capsys, store.path) == "0/2 · Walk, Read left\n" and len(made) == 1
    kept = list((runtime / "tracker").iterdir())
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o777 == 0o600
    assert (runtime / "tracker").stat().st_mode & 0o777 == 0o700
    store.days.record(walk.id, date(2026, 3, 12), "minimum")  # a mark
    assert status(capsys, store.path) == "1/2 · Read left\n" and len(made) == 2
    store.habits.update(store.habits.find("Read"), date(2026, 3, 12), name="Read 📖")
    assert status(capsys, store.path) == "1/2 · Read 📖 left\n"
    assert status(capsys, store.path, "--short") == "1/2\n"  # other options, another line
    clock.moment = datetime(2026, 3, 13, 2, 30)  # noqa: DTZ001 (still the 12th)
    assert status(capsys, store.path) == "1/2 · Read 📖 left\n"
    clock.moment = datetime(2026, 3, 13, 4, 0)  # noqa: DTZ001 (the 13th has begun)
    assert status(capsys, store.path) == "0/2 · Walk, Read 📖 left\n"
    config = Path(os.environ["TRACKER_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("day_start_hour = 5\n")  # 04:00 on the 13th is the 12th again
    assert status(capsys, store.path) == "1/2 · Read 📖 left\n"


def test_nothing_is_kept_outside_a_private_folder(store: Store, tmp_path: Path,
                                                  clock: type[WallClock],
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    (shared / "tracker").mkdir(mode=0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    assert status(capsys, store.path) == "0/1 · Walk left\n"
    assert list((shared / "tracker").iterdir()) == []
    monkeypatch.delenv("XDG_RUNTIME_DIR")  # macOS, a cron job: the temporary folder
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    ours = temporary / f"tracker-{os.getuid()}"
    ours.mkdir(mode=0o755)  # made by someone, or open to others: not believed
    assert status(capsys, store.path) == "0/1 · Walk left\n"
    assert list(ours.iterdir()) == []
    ours.rmdir()
    assert status(capsys, store.path) == "0/1 · Walk left\n"
    assert ours.stat().st_mode & 0o777 == 0o700 and len(list(ours.iterdir())) == 1
    assert status(capsys, store.path) == "0/1 · Walk left\n"


def test_a_kept_file_that_is_a_link_or_garbage_is_not_believed(
        store: Store, runtime: Path, clock: type[WallClock], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    assert status(capsys, store.path) == "0/1 · Walk left\n"
    (kept,) = (runtime / "tracker").iterdir()
    lines = kept.read_text().split("\n")
    kept.write_text("\n".join([*lines[:5], lines[5].split()[0] + " forged", "✓ 9/9"]))
    assert status(capsys, store.path) == "0/1 · Walk left\n"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("\n".join(lines[:-1] + ["✓ 9/9"]))
    kept.unlink()
    kept.symlink_to(elsewhere)
    assert status(capsys, store.path) == "0/1 · Walk left\n"
    assert elsewhere.read_text().endswith("✓ 9/9")  # a link is replaced, never written through
    kept.write_bytes(b"\xff\xfe garbage")
    assert status(capsys, store.path) == "0/1 · Walk left\n"
    kept.unlink()
    os.mkfifo(kept)  # a FIFO does not hang the status line
    assert status(capsys, store.path) == "0/1 · Walk left\n"
    assert kept.is_file() and kept.read_text().endswith("0/1 · Walk left")


def test_a_run_with_nothing_changed_loads_no_domain_records(store: Store, runtime: Path) -> None:
    """Nothing changed: the rows, a fingerprint, the kept line. After a change: the
    domain's plan of the day, still without click, typing, re or pathlib."""
    walk = store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    code = ("import sys; from tracker.cli import main; sys.argv = ['tracker', *sys.argv[1:]]\n"
            "try:\n    main()\nfinally:\n    print(sorted(m for m in ('typing', 'click', 're',"
            " 'pathlib', 'tracker.domain.models', 'tracker.files.config') if m in sys.modules),"
            " file=sys.stderr)")

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", code, "status", "--db", str(store.path)],
                              capture_output=True, text=True, timeout=60, env=os.environ.copy())

    runs = [run() for _ in range(2)]
    assert [r.stdout for r in runs] == ["0/1 · Walk left\n"] * 2
    assert "tracker.domain.models" in runs[0].stderr  # made the first time
    assert runs[1].stderr.strip() == "[]", runs[1].stderr  # then: rows, a fingerprint, the line
    from tracker.domain.days import today

    store.days.record(walk.id, today(), "minimum")  # the day as the day-start hour has it
    after = run()
    assert after.stdout == "✓ 1/1\n"
    assert after.stderr.strip() == "['tracker.domain.models']", after.stderr


def fresh_line(db: Path, *options: str) -> str:
    """The line made the full way, without anything kept."""
    parsed = quick_status.parse(["status", "--db", str(db), *options])
    assert parsed is not None
    settings = quick_status.read_settings(parsed)
    return quick_status.status_line(parsed, settings, WallClock.now()) + "\n"


def test_the_kept_line_follows_pauses_and_windows_older_than_the_week(
        store: Store, runtime: Path, clock: type[WallClock],
        capsys: pytest.CaptureFixture[str]) -> None:
    from tracker.domain.models import Schedule

    walk = store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    swim = store.habits.add("Swim", "a length", created=date(2026, 1, 1),
                            schedule=Schedule.times_in_days(1, 10))
    assert swim.schedule.window_start(date(2026, 3, 12)) == date(2026, 3, 6)  # before Monday
    assert status(capsys, store.path) == "0/2 · Walk, Swim left\n"
    store.days.record(swim.id, date(2026, 3, 6), "minimum")  # the window's win, last week
    assert status(capsys, store.path) == fresh_line(store.path) == "0/1 · Walk left\n"
    store.pauses.add(date(2026, 3, 12), date(2026, 3, 20), walk.id, "a holiday")
    shown = status(capsys, store.path)
    assert shown == fresh_line(store.path) and "Walk" not in shown
    store.pauses.add(date(2026, 3, 25), date(2026, 3, 26))  # ahead: the plan names it
    assert status(capsys, store.path) == fresh_line(store.path)
    for fmt in quick_status.FORMATS:
        assert status(capsys, store.path, "--format", fmt) == fresh_line(store.path, "--format",
                                                                         fmt)


def test_a_database_link_pointed_elsewhere_is_read_anew(
        store: Store, runtime: Path, clock: type[WallClock], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    other = Store(tmp_path / "other.db")
    other.habits.add("Read", "a page", created=date(2026, 1, 1))
    other.close()
    link = tmp_path / "current.db"
    link.symlink_to(store.path)
    assert status(capsys, link) == "0/1 · Walk left\n"
    link.unlink()
    link.symlink_to(tmp_path / "other.db")
    assert status(capsys, link) == "0/1 · Read left\n"


def test_one_line_kept_for_every_folder_unless_a_path_is_relative(
        store: Store, runtime: Path, clock: type[WallClock], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    other = Store(tmp_path / "b" / "tracker.db")
    other.habits.add("Read", "a page", created=date(2026, 1, 1))
    other.close()
    (tmp_path / "a").mkdir()
    for folder in ("a", "b"):  # a prompt runs it in every folder
        monkeypatch.chdir(tmp_path / folder)
        assert status(capsys, store.path) == "0/1 · Walk left\n"
    assert len(list((runtime / "tracker").iterdir())) == 1
    monkeypatch.chdir(tmp_path / "b")
    assert quick_status.fast_status(["status", "--db", "tracker.db"]) == 0  # relative
    assert capsys.readouterr().out == "0/1 · Read left\n"
    monkeypatch.chdir(tmp_path / "a")
    assert quick_status.fast_status(["status", "--db", "tracker.db"]) == 0
    assert capsys.readouterr().out == "no habits yet\n"  # another folder, another file
    assert not (tmp_path / "a" / "tracker.db").exists()


def test_a_config_rewritten_in_place_with_its_time_put_back_is_read_again(
        store: Store, runtime: Path, clock: type[WallClock],
        capsys: pytest.CaptureFixture[str]) -> None:
    walk = store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    store.days.record(walk.id, date(2026, 3, 12), "minimum")
    config = Path(os.environ["TRACKER_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("day_start_hour = 4\n")
    clock.moment = datetime(2026, 3, 13, 4, 30)  # noqa: DTZ001 (the 13th has begun)
    assert status(capsys, store.path) == "0/1 · Walk left\n"
    before = config.stat()
    config.write_text("day_start_hour = 5\n")  # the same size, the same time
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert status(capsys, store.path) == "✓ 1/1\n"  # still the 12th


def test_the_folder_keeps_a_bounded_number_of_lines(
        store: Store, runtime: Path, clock: type[WallClock],
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    for n in range(quick_status.MAX_KEPT_FILES + 5):
        monkeypatch.setenv("XDG_DATA_HOME", f"/nowhere/{n}")  # each a key of its own
        assert status(capsys, store.path) == "0/1 · Walk left\n"
    assert len(list((runtime / "tracker").iterdir())) == quick_status.MAX_KEPT_FILES
