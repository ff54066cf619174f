"""A sync folder someone else can write to: links, FIFOs, huge, sparse, deeply nested and
forged files, files in clear while encrypted, escape sequences in names, this device's
own folder turned into a link, the folder moved away. Each is one line, never a hang, a
crash or a write outside the folder, and the rest of the sync goes on."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli.commands import cli
from tracker.io.json_format import export_document, import_document
from tracker.store import Store
from tracker.sync.device import SyncError
from tracker.sync.engine import Shard
from tracker.sync.files import seal
from tracker.sync.run import sync

DAY = date(2026, 11, 30)
STRANGER = "0123456789abcdef"
ROOT = Path(__file__).parents[2]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "Sync"


@pytest.fixture
def laptop(tmp_path: Path, folder: Path):
    store = Store(tmp_path / "laptop.db")
    habit = store.habits.add("Read", "one page", full="a chapter", stretch="two",
                             created=date(2026, 1, 1))
    store.days.record(habit.id, DAY, "full")
    sync(store, folder, "laptop")
    yield store
    store.close()


def stranger(folder: Path, name: str = "stranger", **info: object) -> Path:
    """A device folder someone planted, with a device.json."""
    path = folder / "tracker-sync" / STRANGER
    path.mkdir(parents=True, exist_ok=True)
    (path / "device.json").write_text(json.dumps({"format": 2, "device": STRANGER,
                                                  "name": name, **info}))
    return path


def document(shard: str, values: dict[str, str]) -> bytes:
    doc = Shard(shard)
    doc.set(values)
    return seal(doc.encode(), None, f"{STRANGER}/{shard}".encode())


def test_a_link_to_the_live_database_is_never_opened(tmp_path: Path, folder: Path,
                                                     laptop: Store) -> None:
    planted = stranger(folder)
    os.symlink(os.path.relpath(laptop.path, planted), planted / "2026-12.trsync")
    os.symlink("/dev/zero", planted / "core.trsync")
    os.symlink(laptop.path, planted / "2026-11.trsync")
    report = sync(laptop)
    assert len(report.problems) == 3 and all("link" in p for p in report.problems)
    assert laptop.habits.find("Read")


def test_a_huge_sparse_file_is_refused_without_reading_it(folder: Path, laptop: Store) -> None:
    planted = stranger(folder)
    with open(planted / "2026-11.trsync", "wb") as handle:
        handle.truncate(8 * 1024**3)  # 8 GB, sparse
    report = sync(laptop)
    assert len(report.problems) == 1 and "larger than a sync file can be" in report.problems[0]


def test_fifos_never_make_sync_hang(folder: Path, laptop: Store) -> None:
    planted = stranger(folder)
    os.mkfifo(planted / "2026-11.trsync")
    (planted / "device.json").unlink()
    os.mkfifo(planted / "device.json")
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(sync(laptop)), daemon=True)
    worker.start()
    worker.join(20)
    assert done, "sync hung on a FIFO"
    result = CliRunner().invoke(cli, ["sync", "--status", "--db", str(laptop.path)])
    assert result.exit_code == 0


def _deep_file(n: int) -> bytes:
    from pycrdt import Doc, Map

    doc: Doc = Doc()
    rows: Map[object] = Map()
    doc["rows"] = rows
    with doc.transaction():
        current: Map[object] = Map()
        rows["e/" + "a" * 32 + "/2026-11-30/status"] = current
        for _ in range(n):
            inner: Map[object] = Map()
            current["y"] = inner
            current = inner
    return seal(doc.get_update(), None, f"{STRANGER}/2026-11".encode())


@pytest.mark.parametrize("depth", [1_000, 40_000])
def test_a_value_nested_deep_is_refused_before_the_engine_sees_it(
        tmp_path: Path, folder: Path, laptop: Store, depth: int) -> None:
    planted = stranger(folder)
    (planted / "2026-11.trsync").write_bytes(_deep_file(depth))
    (planted / "core.trsync").write_bytes(document("core", {
        "b" * 32 + "/name": '"Walk"', "b" * 32 + "/minimum": '"to the door"',
        "b" * 32 + "/created": '"2026-01-01"'}))
    laptop.close()
    child = subprocess.run([sys.executable, "-m", "tracker", "sync", "--db",
                            str(tmp_path / "laptop.db")], cwd=ROOT, capture_output=True,
                           text=True, timeout=120)
    assert child.returncode == 0, child.stderr  # no segfault, no traceback
    assert "Traceback" not in child.stderr
    assert "holds what tracker never writes" in child.stderr
    assert child.stderr.count("\n") == 1  # one line
    store = Store(tmp_path / "laptop.db")
    assert sorted(h.name for h in store.habits.all()) == ["Read", "Walk"]  # the rest came in
    store.close()


@pytest.mark.parametrize(("key", "value"), [
    ("e/" + "c" * 32 + "/2026/12", '"full"'),  # a forged key
    ("e/" + "c" * 32 + "/2026-11-30/status", '"awesome"'),  # a status tracker has not
    ("e/" + "c" * 32 + "/2026-11-99/status", '"full"'),  # no such day
    ("c/2026-11-30/energy", '"overflowing"'),
    ("s/" + "d" * 32 + "/planned", '"2026-12-01"'),  # first planned in another month
    ("e/" + "c" * 32 + "/2026-11-30/note", '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["'),
    ("e/" + "c" * 32 + "/2026-11-30/amount", "-5"),
    ("e/" + "c" * 32 + "/2026-11-30/note", json.dumps("x" * 20_000)),
])
def test_a_forged_value_skips_its_file_in_one_line(folder: Path, laptop: Store, key: str,
                                                   value: str) -> None:
    planted = stranger(folder)
    (planted / "2026-11.trsync").write_bytes(document("2026-11", {key: value}))
    (planted / "core.trsync").write_bytes(document("core", {
        "c" * 32 + "/name": '"Walk"', "c" * 32 + "/minimum": '"one"',
        "c" * 32 + "/created": '"2026-01-01"'}))
    report = sync(laptop)
    assert len(report.problems) == 1 and "it was skipped" in report.problems[0]
    assert sync(laptop).problems == []  # said once
    assert sorted(h.name for h in laptop.habits.all()) == ["Read", "Walk"]
    exported = export_document(laptop)
    fresh = Store(laptop.path.with_name("fresh.db"))
    import_document(fresh, exported)  # what the folder brought stays importable
    fresh.close()


def test_encrypted_sync_takes_nothing_in_clear(folder: Path, laptop: Store,
                                               tmp_path: Path) -> None:
    desk = Store(tmp_path / "desk.db")
    sync(desk, folder, "desk")
    # encryption turned on after plain syncs: its own files of before are no news
    problems = sync(laptop, passphrase="correct horse").problems
    own = folder / "tracker-sync" / str(laptop.sync.setting("sync.device"))
    assert not any(own.name in p for p in problems)
    for path in own.iterdir():
        assert b"Read" not in path.read_bytes(), path.name  # every file at once, names too
    info = json.loads((own / "device.json").read_text())
    assert info["name"] is None and "laptop" not in json.dumps(info)
    planted = stranger(folder, "injector")
    (planted / "core.trsync").write_bytes(document("core", {
        "e" * 32 + "/name": '"Injected"', "e" * 32 + "/minimum": '"one"',
        "e" * 32 + "/created": '"2026-01-01"'}))
    report = sync(laptop, passphrase="correct horse")
    assert any("not encrypted" in p for p in report.problems)
    assert [h.name for h in laptop.habits.all()] == ["Read"]
    result = CliRunner().invoke(cli, ["sync", "--status", "--db", str(laptop.path)],
                                env={"TRACKER_SYNC_PASSPHRASE": "correct horse"})
    assert "this device: laptop" in result.output
    assert "writes its files unencrypted" in result.output
    desk.close()


def test_joining_an_encrypted_folder_without_the_passphrase_is_one_line(
        folder: Path, laptop: Store, tmp_path: Path) -> None:
    sync(laptop, passphrase="correct horse")
    result = CliRunner().invoke(cli, ["sync", "--folder", str(folder), "--db",
                                      str(tmp_path / "desk.db")],
                                env={"TRACKER_SYNC_PASSPHRASE": ""})
    assert result.exit_code != 0
    assert result.output.count("\n") == 1 and "sync encrypted" in result.output


def test_escape_sequences_from_the_folder_are_shown_visibly(folder: Path, laptop: Store) -> None:
    osc52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
    stranger(folder, f"evil{osc52}\x1b[2J", last_sync=f"2026\x1b[31m{osc52}")
    result = CliRunner().invoke(cli, ["sync", "--status", "--db", str(laptop.path)])
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "evil␛" in result.output


def test_the_app_shows_sync_problems_visibly() -> None:
    from tracker.ui.folder_sync import FolderSync

    told: list[str] = []

    class App:
        def notify(self, message: str, **_: object) -> None:
            told.append(message)

    sync_side = FolderSync.__new__(FolderSync)
    sync_side.app = App()  # type: ignore[assignment]
    sync_side.told = set()
    sync_side.tell(["device \x1b]52;c;cm0=\x07 is odd"])
    assert told and "\x1b" not in told[0] and "\x07" not in told[0]


def test_this_devices_folder_turned_into_a_link_is_refused(folder: Path, laptop: Store,
                                                           tmp_path: Path) -> None:
    own = folder / "tracker-sync" / str(laptop.sync.setting("sync.device"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".keep.partial").write_text("not tracker's")
    for path in own.iterdir():
        path.unlink()
    own.rmdir()
    own.symlink_to(elsewhere)
    with pytest.raises(SyncError, match="is a link or not a folder"):
        sync(laptop)
    assert sorted(p.name for p in elsewhere.iterdir()) == [".keep.partial"]


def test_a_folder_moved_away_is_not_made_again(folder: Path, laptop: Store,
                                               tmp_path: Path) -> None:
    folder.rename(tmp_path / "moved")
    with pytest.raises(SyncError, match="is not there"):
        sync(laptop)
    assert not folder.exists()


def test_missing_parents_are_private_whatever_the_umask(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    old = os.umask(0)
    try:
        sync(store, tmp_path / "a" / "b" / "Sync", "t")
    finally:
        os.umask(old)
    for path in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "Sync",
                 tmp_path / "a" / "b" / "Sync" / "tracker-sync"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    store.close()


def test_a_retired_device_is_forgotten(folder: Path, laptop: Store, tmp_path: Path) -> None:
    desk = Store(tmp_path / "desk.db")
    sync(desk, folder, "old desk")
    sync(laptop)
    desk.habits.add("Last words", "one", created=date(2026, 1, 1))  # written last
    sync(desk)
    desk_folder = folder / "tracker-sync" / str(desk.sync.setting("sync.device"))
    from tracker.sync.device import forget

    with pytest.raises(SyncError, match="not merged yet"):
        forget(laptop, "old desk")  # its last files are not in yet
    result = CliRunner().invoke(cli, ["sync", "--forget", "old desk", "--db",
                                      str(laptop.path)])
    assert result.exit_code == 0, result.output
    assert "Forgot old desk" in result.output and not desk_folder.exists()
    assert sync(laptop).devices == 0
    assert laptop.habits.find("Read") and laptop.habits.find("Last words")
    again = CliRunner().invoke(cli, ["sync", "--forget", "laptop", "--db", str(laptop.path)])
    assert again.exit_code != 0 and "this device" in again.output
    desk.close()


def test_a_change_made_while_a_sync_reads_is_kept_and_sent_next(
        folder: Path, laptop: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    desk = Store(tmp_path / "desk.db")
    sync(desk, folder, "desk")
    sync(laptop)
    habit = desk.habits.find("Read")
    laptop.days.record(laptop.habits.find("Read").id, DAY, "minimum", note="laptop")
    sync(laptop)
    real = Shard.merge
    typed_meanwhile = Store(tmp_path / "desk.db")  # the app, while the sync reads

    def merge_slowly(self: Shard, data: bytes) -> bool:
        typed_meanwhile.days.record(habit.id, DAY, "stretch", note="typed meanwhile")
        return real(self, data)

    monkeypatch.setattr(Shard, "merge", merge_slowly)
    sync(desk)
    monkeypatch.undo()
    entry = desk.days.entry(habit.id, DAY)
    assert entry is not None and entry.note == "typed meanwhile"  # not overwritten
    assert desk.sync.pending()
    sync(desk)
    sync(laptop)
    entry = laptop.days.entry(laptop.habits.find("Read").id, DAY)
    assert entry is not None and (entry.status, entry.note) == ("stretch", "typed meanwhile")
    typed_meanwhile.close()
    desk.close()


def test_files_that_could_not_be_written_are_written_at_the_next_sync(
        folder: Path, laptop: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.sync.run as run

    desk = Store(tmp_path / "desk.db")
    sync(desk, folder, "desk")
    sync(laptop)
    laptop.days.record(laptop.habits.find("Read").id, date(2026, 11, 25), "minimum",
                       note="while the disk was full")

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(run, "write_private", full)
    with pytest.raises(SyncError, match="could not write .*No space left.*next sync"):
        sync(laptop)
    monkeypatch.undo()
    assert laptop.sync.pending()  # said by --status, and the app tries again
    sync(laptop)
    sync(desk)
    entry = desk.days.entry(desk.habits.find("Read").id, date(2026, 11, 25))
    assert entry is not None and entry.note == "while the disk was full"
    desk.close()


def test_a_mistyped_passphrase_is_refused_even_alone(folder: Path, laptop: Store) -> None:
    sync(laptop, passphrase="correct horse")
    laptop.days.record(laptop.habits.find("Read").id, date(2026, 11, 20), "minimum")
    with pytest.raises(SyncError, match="not the one this device syncs with"):
        sync(laptop, passphrase="correct hrose")
    assert laptop.sync.pending()  # nothing was synced
    sync(laptop, passphrase="correct horse")
    assert not laptop.sync.pending()


def test_a_planted_device_with_a_bogus_check_blocks_nobody(folder: Path, laptop: Store,
                                                           tmp_path: Path) -> None:
    sync(laptop, passphrase="correct horse")
    desk = Store(tmp_path / "desk.db")
    sync(desk, folder, "desk", "correct horse")
    planted = stranger(folder, salt="00112233445566778899aabbccddeeff", check="00")
    (planted / "core.trsync").write_bytes(document("core", {}))
    desk.days.record(desk.habits.find("Read").id, date(2026, 11, 21), "minimum")
    for store in (desk, laptop):
        report = sync(store, passphrase="correct horse")
        assert any("another passphrase" in p for p in report.problems)
    assert laptop.days.entry(laptop.habits.find("Read").id, date(2026, 11, 21)) is not None
    joining = Store(tmp_path / "phone.db")  # a new device with the right passphrase
    sync(joining, folder, "phone", "correct horse")
    assert joining.habits.find("Read")
    with pytest.raises(SyncError, match="passphrase is not the one"):
        sync(Store(tmp_path / "wrong.db"), folder, "wrong", "Correct Horse")
    desk.close()
    joining.close()


@pytest.mark.parametrize("kind", ["link", "file"])
def test_the_folders_own_part_as_a_link_or_a_file_is_one_line(folder: Path, laptop: Store,
                                                               tmp_path: Path, kind: str) -> None:
    part = folder / "tracker-sync"
    part.rename(tmp_path / "elsewhere")
    if kind == "link":
        part.symlink_to(tmp_path / "elsewhere")
    else:
        part.write_text("not a folder")
    with pytest.raises(SyncError, match="cannot be read.*link or not a folder"):
        sync(laptop)
    result = CliRunner().invoke(cli, ["sync", "--status", "--db", str(laptop.path)])
    assert result.exit_code == 0 and "Traceback" not in result.output
