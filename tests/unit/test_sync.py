"""Sync between devices through one folder: what travels, how conflicts end, the files."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.unit.sync_helpers import converge, exported
from tracker.domain.models import Decision
from tracker.store import Store
from tracker.sync.files import MAGIC, SyncFileError, seal, unseal
from tracker.sync.run import SyncError, sync

DAY = date(2026, 11, 30)




def test_a_new_device_gets_the_whole_history(tmp_path: Path, folder: Path, devices) -> None:
    laptop = Store(tmp_path / "laptop.db")
    habit = laptop.habits.add("Read", "one page", full="20 pages", unit="pages",
                              created=date(2020, 1, 1))
    for n in range(0, 2000, 3):
        laptop.days.record(habit.id, date(2021, 1, 1).fromordinal(
            date(2021, 1, 1).toordinal() + n), "full", amount=n, note=f"day {n}")
    laptop.days.check_in(DAY, "low", "slow", "tired")
    laptop.days.decline_checkin(date(2026, 11, 29))
    laptop.days.add_step(DAY, "call mum", done=True)
    laptop.reviews.answer(date(2026, 11, 23), "helped", "walks")
    laptop.reviews.decide(date(2026, 11, 23), Decision("Read", "raise", True, "two pages"))
    laptop.habits.update(laptop.habits.get(habit.id), DAY, minimum="two pages")
    sync(laptop, folder, "laptop")
    desk = devices("desk")
    assert exported(desk) == exported(laptop)
    laptop.close()


def test_concurrent_changes_both_survive(devices) -> None:
    laptop, desk = devices("laptop"), devices("desk")
    habit = laptop.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    converge(laptop, desk)
    # a rename here, a mark there; an edit of one field here, of another there
    laptop.habits.update(laptop.habits.get(habit.id), DAY, name="Reading", unit="pages")
    other = desk.habits.find("Read")
    desk.days.record(other.id, DAY, "full", note="a chapter")
    desk.habits.update(other, DAY, direction="mind")
    converge(laptop, desk)
    assert exported(laptop) == exported(desk)
    read = desk.habits.find("Reading")
    assert (read.unit, read.direction) == ("pages", "mind")
    assert desk.days.entry(read.id, DAY).note == "a chapter"


def test_the_same_day_on_two_devices_ends_the_same_everywhere(devices) -> None:
    laptop, desk, phone = devices("laptop"), devices("desk"), devices("phone")
    laptop.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    converge(laptop, desk, phone)
    for store, status in ((laptop, "full"), (desk, "minimum"), (phone, "rest")):
        store.days.record(store.habits.find("Read").id, DAY, status)
        store.days.check_in(DAY, "ok", f"from {status}")
    converge(laptop, desk, phone)
    assert exported(laptop) == exported(desk) == exported(phone)


def test_archive_delete_and_steps_travel(devices) -> None:
    laptop, desk = devices("laptop"), devices("desk")
    keep = laptop.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    gone = laptop.habits.add("Run", "one lap", full="a mile", created=date(2026, 1, 1))
    laptop.days.record(gone.id, DAY, "full")
    step = laptop.days.add_step(DAY, "water the plants", habit_id=keep.id)
    converge(laptop, desk)
    laptop.habits.set_archived(laptop.habits.get(keep.id))
    laptop.days.set_step_done(step.id, True)
    # deleted here while the other device marks a day of it: the deletion wins
    desk.days.record(desk.habits.find("Run").id, date(2026, 11, 29), "minimum")
    laptop.habits.delete(laptop.habits.get(gone.id))
    converge(laptop, desk)
    assert exported(laptop) == exported(desk)
    names = [h.name for h in desk.habits.all(include_archived=True)]
    assert names == ["Read"] and desk.habits.find("Read").archived
    assert desk.days.steps_on(DAY)[0].done


def test_two_devices_naming_two_habits_alike(devices) -> None:
    laptop, desk = devices("laptop"), devices("desk")
    laptop.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    desk.habits.add("read", "a paragraph", created=date(2026, 1, 2))
    converge(laptop, desk)
    assert exported(laptop) == exported(desk)
    names = sorted(h.name.lower() for h in laptop.habits.all())
    assert names == ["read", "read (2)"]


def test_encrypted_files_need_the_passphrase(tmp_path: Path, folder: Path) -> None:
    laptop, desk = Store(tmp_path / "l.db"), Store(tmp_path / "d.db")
    laptop.habits.add("Secret habit", "one", created=date(2026, 1, 1))
    sync(laptop, folder, "laptop", "correct horse")
    for path in (folder / "tracker-sync").rglob("*.trsync"):
        assert b"Secret habit" not in path.read_bytes()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(SyncError, match="passphrase is not the one"):
        sync(desk, folder, "desk", "wrong")
    assert desk.habits.all() == [] and not (folder / "tracker-sync" / str(
        desk.sync.setting("sync.device"))).exists()  # nothing written
    with pytest.raises(SyncError, match="TRACKER_SYNC_PASSPHRASE"):
        sync(desk)  # encrypted from now on: no passphrase, no sync
    sync(desk, passphrase="correct horse")
    assert exported(desk) == exported(laptop)
    laptop.close()
    desk.close()


def test_bad_and_half_arrived_files_are_skipped(devices, folder: Path) -> None:
    laptop = devices("laptop")
    laptop.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    sync(laptop)
    stranger = folder / "tracker-sync" / "0123456789abcdef"
    stranger.mkdir()
    (stranger / "core.trsync").write_bytes(b"PK\x03\x04 not ours")
    (stranger / "2026-11.trsync").write_bytes(MAGIC + b"\x00")  # still arriving
    whole = seal(b"\x00\x01\x02", None, b"0123456789abcdef/2026-10")
    (stranger / "2026-10.trsync").write_bytes(whole[:-1] + b"\xff")  # damaged
    desk = Store(folder.parent / "desk.db")
    report = sync(desk, folder, "desk")
    assert len(report.problems) == 2
    assert any("not a tracker sync file" in p for p in report.problems)
    assert any("damaged" in p for p in report.problems)
    assert [h.name for h in desk.habits.all()] == ["Read"]  # the rest came in
    assert sync(desk).problems == []  # told once; the half-arrived one waits quietly
    desk.close()


def test_a_merge_is_one_transaction(devices, monkeypatch: pytest.MonkeyPatch) -> None:
    laptop, desk = devices("laptop"), devices("desk")
    habit = laptop.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    laptop.days.record(habit.id, DAY, "full")
    sync(laptop)
    from tracker.store.sync_rows import SyncRows

    real = SyncRows.apply

    def broken(self: SyncRows, shard: str, *args: Any) -> set[str]:
        if shard != "core":  # the habits are applied first, then this fails
            raise OSError("the disk went away")
        return real(self, shard, *args)

    monkeypatch.setattr(SyncRows, "apply", broken)
    with pytest.raises(OSError):
        sync(desk)
    assert desk.habits.all() == []  # the habits were merged, then rolled back with the rest
    monkeypatch.undo()
    sync(desk)
    assert exported(desk) == exported(laptop)


def test_a_lost_own_file_is_made_again(devices, folder: Path) -> None:
    laptop, desk = devices("laptop"), devices("desk")
    habit = laptop.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    laptop.days.record(habit.id, DAY, "full")
    converge(laptop, desk)
    own = folder / "tracker-sync" / str(laptop.sync.setting("sync.device"))
    for path in own.glob("*.trsync"):
        path.unlink()
    phone = devices("phone")
    sync(laptop)
    sync(phone)
    assert exported(phone) == exported(laptop)


def test_the_database_never_goes_in_the_folder(tmp_path: Path) -> None:
    store = Store(tmp_path / "inside" / "tracker.db")
    with pytest.raises(SyncError, match="keep the database outside"):
        sync(store, tmp_path / "inside")
    with pytest.raises(SyncError, match="keep the database outside"):
        sync(store, tmp_path)
    store.close()


def test_seal_and_unseal() -> None:
    data = seal(b"payload", None, b"a/core")
    assert unseal(data, None, b"a/core", "f") == b"payload"
    assert unseal(data[:-3], None, b"a/core", "f") == "incomplete"
    assert unseal(data[:5], None, b"a/core", "f") == "incomplete"
    with pytest.raises(SyncFileError, match="not a tracker sync file"):
        unseal(b'{"json": true}', None, b"a/core", "f")
    key = os.urandom(32)
    secret = seal(b"payload", key, b"a/core")
    assert unseal(secret, key, b"a/core", "f") == b"payload"
    with pytest.raises(SyncFileError, match="could not be decrypted"):
        unseal(secret, key, b"a/2026-11", "f")  # a file moved under another name
    with pytest.raises(SyncFileError, match="encrypted"):
        unseal(secret, None, b"a/core", "f")


def test_status_names_the_devices(devices, folder: Path) -> None:
    from click.testing import CliRunner

    from tracker.cli.commands import cli

    laptop = devices("laptop")
    devices("desk")
    result = CliRunner().invoke(cli, ["sync", "--status", "--db", str(laptop.path)])
    assert result.exit_code == 0, result.output
    assert f"Folder: {folder.resolve()}" in result.output
    assert "this device: laptop" in result.output and "device: desk" in result.output
    info = json.loads((folder / "tracker-sync" / str(laptop.sync.setting("sync.device"))
                       / "device.json").read_text())
    assert info["name"] == "laptop"


def test_a_damaged_own_file_is_reported_and_made_again(devices, folder: Path) -> None:
    laptop, desk = devices("laptop"), devices("desk")
    habit = laptop.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    laptop.days.record(habit.id, DAY, "full")
    converge(laptop, desk)
    own = folder / "tracker-sync" / str(laptop.sync.setting("sync.device"))
    for name in ("core.trsync", f"{DAY:%Y-%m}.trsync"):
        data = bytearray((own / name).read_bytes())
        data[-1] ^= 0xFF
        (own / name).write_bytes(bytes(data))
    laptop.days.record(habit.id, DAY.replace(day=1), "minimum")  # and a change meanwhile
    report = sync(laptop)
    assert len(report.problems) == 2 and all("damaged" in p for p in report.problems)
    assert sync(laptop).problems == []  # made again
    phone = devices("phone")
    desk_report = sync(desk)
    assert exported(phone) == exported(laptop) == exported(desk)
    assert desk_report.problems == []


def test_changes_are_noted_only_once_a_folder_is_set(tmp_path: Path, folder: Path) -> None:
    store = Store(tmp_path / "t.db")
    habit = store.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    store.days.record(habit.id, DAY, "full")
    assert not store.sync.pending()  # a database that does not sync keeps no log
    sync(store, folder, "laptop")
    assert not store.sync.pending()
    store.days.record(habit.id, DAY, "rest")
    store.days.check_in(DAY, "ok")  # an upsert: noted once, never refused
    store.days.check_in(DAY, "low")
    assert store.sync.pending()
    assert sync(store).sent == 2
    store.close()


def test_a_copy_of_a_synced_database_is_another_device(devices, tmp_path: Path,
                                                       folder: Path) -> None:
    laptop = devices("laptop")
    habit = laptop.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    sync(laptop)
    laptop.backup(tmp_path / "copy.db")  # e.g. carried to a new computer
    copy = Store(tmp_path / "copy.db")
    copy.days.record(copy.habits.find("Read").id, DAY, "full")
    laptop.days.record(habit.id, DAY - timedelta(days=1), "rest")
    sync(copy)
    assert copy.sync.setting("sync.device") != laptop.sync.setting("sync.device")
    converge(laptop, copy)
    assert exported(laptop) == exported(copy)
    assert len(list((folder / "tracker-sync").iterdir())) == 2
    copy.close()
