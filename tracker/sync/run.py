"""A sync: what changed here goes into this device's documents, the other devices'
documents are merged in, and the database becomes what the merged documents say; all
in one write transaction (a sync killed half-way leaves the database as it was, and
the next sync does it again). See docs/sync.md."""

from __future__ import annotations

import json
import secrets
import socket
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.files.private_file import write_private
from tracker.store.errors import StoreError
from tracker.sync.engine import Shard
from tracker.sync.files import (
    DEVICE_FILE,
    ROOT,
    SUFFIX,
    Found,
    SyncFileError,
    key_for,
    others,
    read_device,
    seal,
    unseal,
)

if TYPE_CHECKING:
    from tracker.store import Store

CORE = "core"
FOLDER, DEVICE, NAME, SALT = "sync.folder", "sync.device", "sync.name", "sync.salt"
ENCRYPTED, SEEDED, WAITING = "sync.encrypted", "sync.seeded", "sync.waiting"
HOME = "sync.home"
"""Where this device's database is (host and path): a copy elsewhere is another device."""
_KEYS: dict[tuple[str, bytes], bytes] = {}
"""File keys already derived in this process (scrypt is slow on purpose)."""


class SyncError(StoreError):
    """Sync cannot run (no folder set, the folder unusable, a passphrase missing)."""


@dataclass
class SyncReport:
    """What a sync did, for one line of output."""

    folder: Path
    sent: int = 0
    received: int = 0
    devices: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        others = f"{self.devices} other device{'s' if self.devices != 1 else ''}"
        return (f"Synced with {others} through {self.folder}: {self.sent} change"
                f"{'s' if self.sent != 1 else ''} sent, {self.received} part"
                f"{'s' if self.received != 1 else ''} of the history brought in.")


@dataclass(frozen=True)
class Device:
    """A device seen in the folder."""

    id: str
    name: str
    last_sync: str
    this: bool


def configure(store: Store, folder: Path | None, name: str | None,
              passphrase: str | None) -> Path:
    """Set the folder and this device's name (kept in the database); returns the folder."""
    rows = store.sync
    if folder is not None:
        folder = folder.expanduser().resolve()
        if folder == store.path.parent or folder in store.path.parents:
            raise SyncError(f"{store.path} is inside {folder}: keep the database outside the "
                            "synced folder (a live SQLite file under a sync service forks or "
                            "breaks); tracker writes its own files there")
        try:
            (folder / ROOT).mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise SyncError(f"cannot use {folder} as the sync folder: "
                            f"{error.strerror or error}") from None
        if rows.setting(FOLDER) != str(folder):
            rows.set_setting(FOLDER, str(folder))
            rows.set_setting(SEEDED, None)  # a new folder gets everything
    current = rows.setting(FOLDER)
    if current is not None:
        rows.start_log()  # what changes from now on is noted for the next sync
    else:
        raise SyncError("no sync folder yet: tracker sync --folder PATH sets one (a folder "
                        "Syncthing, Dropbox, Nextcloud or git already syncs)")
    home = f"{socket.gethostname()}:{store.path}"
    if rows.setting(DEVICE) is None or rows.setting(HOME) != home:
        # a new device, or a copy of a database that synced elsewhere (another computer,
        # another file): two copies never write as one device
        rows.set_setting(DEVICE, secrets.token_hex(8))
        rows.set_setting(HOME, home)
        rows.set_setting(SEEDED, None)
        rows.set_setting(WAITING, None)
    if name is not None or rows.setting(NAME) is None:
        rows.set_setting(NAME, (name or socket.gethostname() or "this device").strip()[:100])
    if passphrase and rows.setting(ENCRYPTED) is None:
        rows.set_setting(ENCRYPTED, "1")
        rows.set_setting(SALT, secrets.token_hex(16))
        rows.set_setting(SEEDED, None)  # everything again, encrypted
    return Path(current)


def _key(passphrase: str | None, salt: str | None) -> bytes | None:
    if passphrase is None or not salt:
        return None
    raw = bytes.fromhex(salt)
    key = _KEYS.get((passphrase, raw))
    if key is None:
        key = _KEYS[(passphrase, raw)] = key_for(passphrase, raw)
    return key


def sync(store: Store, folder: Path | None = None, name: str | None = None,
         passphrase: str | None = None) -> SyncReport:
    """Sync the database with the folder (set it first with ``folder``)."""
    rows = store.sync
    root = configure(store, folder, name, passphrase) / ROOT
    if rows.setting(ENCRYPTED) and not passphrase:
        raise SyncError("this database syncs encrypted: set TRACKER_SYNC_PASSPHRASE (or run "
                        "tracker sync in a terminal, which asks for it)")
    device = str(rows.setting(DEVICE))
    own = root / device
    own_key = _key(passphrase, rows.setting(SALT))
    report = SyncReport(root.parent)
    for leftover in own.glob(".*.partial"):  # a sync killed while writing its file
        leftover.unlink(missing_ok=True)
    with store.write():
        first = rows.setting(SEEDED) is None or not (own / f"{CORE}{SUFFIX}").exists()
        local = rows.everything() if first else rows.changed()
        seen = rows.seen()
        found_files = others(root, device)
        devices = {f.device for f in found_files}
        report.devices = len(devices)
        arrived = [f for f in found_files if seen.get(f.name) != (f.size, f.mtime_ns)]
        keys = {d: _key(passphrase, (read_device(root / d) or {}).get("salt")) for d in devices}
        if own_key is not None:
            _same_passphrase(root, devices, keys)
        by_shard: dict[str, list[Found]] = defaultdict(list)
        for found in arrived:
            by_shard[found.shard].append(found)
        waiting = set(json.loads(rows.setting(WAITING) or "[]"))
        shards = sorted({CORE, *local, *by_shard, *waiting}, key=lambda s: (s != CORE, s))
        rows.applying(True)
        merged: list[tuple[str, int, int]] = []
        deleted: set[str] = set()
        still_waiting: list[str] = []
        for shard in shards:
            doc, missing = _own(own, shard, own_key, report)
            if missing and not first:  # this device's file was lost: made again
                local[shard] = {**(rows.core() if shard == CORE else rows.month(shard)),
                                **local.get(shard, {})}
            before = doc.state()
            report.sent += doc.set(local.get(shard, {}))
            after_local = doc.state()
            for found in by_shard.get(shard, []):
                key = keys.get(found.device)
                if passphrase and key is None:
                    continue  # its device.json (its salt) has not arrived yet
                if _merge(doc, found, key, report):
                    merged.append((found.name, found.size, found.mtime_ns))
            if doc.state() != after_local:
                report.received += 1
            # the database becomes what the document says (written only where it differs)
            # where other devices' files came in, also those an interrupted sync merged
            # already (it marked none of them seen), and where days wait for their habit
            if shard == CORE:
                values = doc.values()
                deleted = {k.partition("/")[0] for k in values if k.endswith("/deleted")}
                if shard in by_shard:
                    rows.apply_core(values)
            elif (shard in by_shard or shard in waiting) and \
                    rows.apply_month(shard, doc.values()) - deleted:
                still_waiting.append(shard)
            if missing or doc.state() != before:
                _write(own, f"{shard}{SUFFIX}",
                       seal(doc.encode(), own_key, f"{device}/{shard}".encode()))
        rows.applying(False)
        rows.clear_log()
        rows.mark_seen(merged)
        rows.set_setting(SEEDED, "1")
        rows.set_setting(WAITING, json.dumps(still_waiting) if still_waiting else None)
        _publish(own, device, rows.setting(NAME) or device, rows.setting(SALT), own_key)
    return report


def _own(own: Path, shard: str, key: bytes | None, report: SyncReport) -> tuple[Shard, bool]:
    """This device's document of a shard, and whether its file was missing (or unusable,
    then it is made again from the database)."""
    path = own / f"{shard}{SUFFIX}"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Shard(), True
    except OSError as error:
        report.problems.append(f"{path} could not be read ({error.strerror}); made again")
        return Shard(), True
    try:
        payload = unseal(data, key, f"{own.name}/{shard}".encode(), str(path))
        if payload == "incomplete":
            raise SyncFileError(f"{path} is incomplete; made again")
        return Shard(payload), False
    except (SyncFileError, ValueError, RuntimeError) as error:
        report.problems.append(str(error))
        return Shard(), True


def _merge(doc: Shard, found: Found, key: bytes | None, report: SyncReport) -> bool:
    """Merge another device's file; True once it is done with (merged, or reported and
    skipped), False while it is still arriving."""
    where = str(found.path)
    try:
        payload = unseal(found.path.read_bytes(), key, found.name.encode(), where)
    except OSError:
        return False  # moved or replaced meanwhile: the next sync reads it
    except SyncFileError as error:
        report.problems.append(str(error))
        return not error.retry  # a key problem: read again once the passphrase is right
    if payload == "incomplete":
        return False
    try:
        doc.merge(payload)
    except (ValueError, RuntimeError):  # pycrdt refuses what is not an update
        report.problems.append(f"{where} is not a document tracker can read; it was skipped")
    return True


CHECK = b"tracker sync passphrase check"


def _same_passphrase(root: Path, devices: set[str], keys: dict[str, bytes | None]) -> None:
    """Refuse to sync (before anything is written) when another device's files were
    encrypted with another passphrase: its check does not open with this one."""
    for device in sorted(devices):
        info = read_device(root / device) or {}
        check, key = info.get("check"), keys.get(device)
        if not isinstance(check, str) or key is None:
            continue
        try:
            unseal(bytes.fromhex(check), key, CHECK, "check")
        except (SyncFileError, ValueError):
            name = info.get("name") or device
            raise SyncError(f"the passphrase is not the one {name} syncs with; nothing was "
                            "synced (every device must use the same passphrase)") from None


def _publish(own: Path, device: str, name: str, salt: str | None, key: bytes | None) -> None:
    info: dict[str, Any] = {"format": 1, "device": device, "name": name,
                            "last_sync": datetime.now(UTC).isoformat(timespec="seconds"),
                            "salt": salt,
                            "check": seal(CHECK, key, CHECK).hex() if key else None}
    _write(own, DEVICE_FILE, json.dumps(info, indent=1).encode())


def _write(own: Path, name: str, data: bytes) -> None:
    """One of this device's files, whole and private, in its folder (made when first
    written: a device refused before that leaves nothing in the folder)."""
    own.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(own / name, data)


def devices(store: Store) -> list[Device]:
    """The devices that share the folder (this one first), with their last sync."""
    rows = store.sync
    folder, device = rows.setting(FOLDER), rows.setting(DEVICE)
    if folder is None:
        return []
    root = Path(folder) / ROOT
    found: list[Device] = []
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        folders = []
    for path in folders:
        info = read_device(path) or {}
        found.append(Device(path.name, str(info.get("name") or path.name),
                            str(info.get("last_sync") or "not yet"), path.name == device))
    found.sort(key=lambda d: (not d.this, d.name.lower()))
    return found
