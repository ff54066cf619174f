"""``tracker status`` keeps its last line: printed again only while the rows, the day and
the settings it was made from are the same; never kept anywhere but a private folder."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.cli.conftest import WallClock
from tracker.cli import quick_status
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
    real = quick_status.made_anew

    def counted(*args: object) -> str:
        made.append("made")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(quick_status, "made_anew", counted)
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
    monkeypatch.delenv("XDG_RUNTIME_DIR")
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
    store.habits.add("Walk", "a step", created=date(2026, 1, 1))
    code = ("import sys; from tracker.cli import main; sys.argv = ['tracker', *sys.argv[1:]]\n"
            "try:\n    main()\nfinally:\n    print(sorted(m for m in ('typing', 'click',"
            " 'tracker.domain.models', 'tracker.files.config') if m in sys.modules),"
            " file=sys.stderr)")
    runs = [subprocess.run([sys.executable, "-c", code, "status", "--db", str(store.path)],
                           capture_output=True, text=True, timeout=60, env=os.environ.copy())
            for _ in range(2)]
    assert [r.stdout for r in runs] == ["0/1 · Walk left\n"] * 2
    assert "tracker.domain.models" in runs[0].stderr  # made the first time
    assert runs[1].stderr.strip() == "[]", runs[1].stderr  # then: rows, a fingerprint, the line
