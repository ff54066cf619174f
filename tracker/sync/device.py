"""This device in the sync folder: the settings kept in the database (the folder, its
id and name, encryption), what makes a database the same device (a host name change
does not; a copy on another computer or under another path does), the ``device.json``
it publishes, the other devices as the folder shows them, and forgetting a retired one.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.text import printable
from tracker.files.private_file import write_private
from tracker.store.errors import StoreError
from tracker.sync.files import (
    DEVICE_FILE,
    ROOT,
    Folder,
    SyncFileError,
    UnsafeFile,
    key_for,
    make_private_folder,
    seal,
    unseal,
)

if TYPE_CHECKING:
    from tracker.store import Store

FOLDER, DEVICE, NAME, SALT = "sync.folder", "sync.device", "sync.name", "sync.salt"
ENCRYPTED, SEEDED, WAITING = "sync.encrypted", "sync.seeded", "sync.waiting"
HOME = "sync.home"
"""Where this device's database is: the file itself, the computer and the path."""
CHECK = b"tracker sync passphrase check"
NAME_AAD = b"tracker sync device name"
_KEYS: dict[tuple[str, bytes], bytes] = {}
"""File keys already derived in this process (scrypt is slow on purpose)."""


class SyncError(StoreError):
    """Sync cannot run (no folder set, the folder unusable, a passphrase missing).
    ``final``: trying again will not help until something is done (a passphrase set);
    otherwise (the folder away, a full disk) a later sync may well go through."""

    def __init__(self, message: str, final: bool = True) -> None:
        super().__init__(message)
        self.final = final


@dataclass(frozen=True)
class Device:
    """A device seen in the folder."""

    id: str
    name: str
    last_sync: str
    this: bool
    in_clear: bool = False
    """It writes its files unencrypted (while this sync is encrypted)."""


def machine_id() -> str:
    """This computer's identity (systemd's machine id; the host name where there is
    none): it stays when the host is renamed."""
    for path in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            with open(path, "rb") as handle:
                value = handle.read(200).decode("ascii", "replace").strip()
        except OSError:
            continue
        if value:
            return value
    return socket.gethostname()


def _home(store: Store) -> dict[str, str]:
    info = os.stat(store.path)
    return {"file": f"{info.st_dev}:{info.st_ino}", "machine": machine_id(),
            "path": str(store.path)}


def _same_device(stored: str | None, home: dict[str, str]) -> bool:
    """Whether the database is where this device was: the same file (a host renamed,
    the file moved), or the same computer and path (a backup restored in place). A copy
    elsewhere is another device, so that two copies never write as one."""
    if stored is None:
        return False
    try:
        was = json.loads(stored)
    except ValueError:
        was = None
    if not isinstance(was, dict):  # written by an earlier version: "host:path"
        return stored == f"{socket.gethostname()}:{home['path']}"
    return was.get("file") == home["file"] or (
        was.get("machine") == home["machine"] and was.get("path") == home["path"])


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
            make_private_folder(folder / ROOT)
        except OSError as error:
            raise SyncError(f"cannot use {folder} as the sync folder: "
                            f"{error.strerror or error}") from None
        if rows.setting(FOLDER) != str(folder):
            rows.set_setting(FOLDER, str(folder))
    current = rows.setting(FOLDER)
    if current is None:
        raise SyncError("no sync folder yet: tracker sync --folder PATH sets one (a folder "
                        "Syncthing, Dropbox, Nextcloud or git already syncs)")
    if not Path(current).is_dir():
        raise SyncError(f"the sync folder {current} is not there (moved, or not mounted?): "
                        "nothing was synced; tracker sync --folder PATH sets where it is now",
                        final=False)
    rows.start_log()  # what changes from now on is noted for the next sync
    home = _home(store)
    if rows.setting(DEVICE) is None or not _same_device(rows.setting(HOME), home):
        # a new device, or a copy of a database that synced elsewhere: its documents
        # come along (nothing is written again as new), under an id of its own
        rows.set_setting(DEVICE, secrets.token_hex(8))
        rows.set_setting(WAITING, None)
        rows.forget_seen("")
    if rows.setting(HOME) != json.dumps(home, sort_keys=True):
        rows.set_setting(HOME, json.dumps(home, sort_keys=True))
    if name is not None or rows.setting(NAME) is None:
        rows.set_setting(NAME, (name or socket.gethostname() or "this device").strip()[:100])
    if passphrase and rows.setting(ENCRYPTED) is None:
        rows.set_setting(ENCRYPTED, "1")
        rows.set_setting(SALT, secrets.token_hex(16))
        rows.set_setting("sync.check", None)
        rows.forget_seen("")  # every file of this device is written again, encrypted
    return Path(current)


def file_key(passphrase: str | None, salt: object) -> bytes | None:
    """A device's file key, from the passphrase and its salt (None without either)."""
    if passphrase is None or not isinstance(salt, str):
        return None
    try:
        raw = bytes.fromhex(salt)
    except ValueError:
        return None
    if not 8 <= len(raw) <= 64:
        return None
    key = _KEYS.get((passphrase, raw))
    if key is None:
        key = _KEYS[(passphrase, raw)] = key_for(passphrase, raw)
    return key


def same_passphrase(infos: dict[str, dict[str, Any]], keys: dict[str, bytes | None], *,
                    known: bool) -> set[str]:
    """The devices whose passphrase check does not open with this passphrase. Refused
    (before anything is written) when none opens and this device has no check of its
    own yet: the passphrase is most likely not the one the others sync with."""
    opened: set[str] = set()
    failed: set[str] = set()
    for device in sorted(infos):
        check, key = infos[device].get("check"), keys.get(device)
        if not isinstance(check, str) or key is None:
            continue
        try:
            unseal(bytes.fromhex(check), key, CHECK, "check")
            opened.add(device)
        except (SyncFileError, ValueError):
            failed.add(device)
    if failed and not opened and not known:
        named = device_name(infos[min(failed)], None)
        raise SyncError(f"the passphrase is not the one {named} syncs with; nothing was "
                        "synced (every device must use the same passphrase)")
    return failed


def device_name(info: dict[str, Any], key: bytes | None) -> str:
    """A device's name as its ``device.json`` gives it (encrypted names opened)."""
    sealed = info.get("sealed_name")
    if isinstance(sealed, str):
        if key is None:
            return "a device (its name is encrypted)"
        try:
            opened = unseal(bytes.fromhex(sealed), key, NAME_AAD, "name")
        except (SyncFileError, ValueError):
            return "a device (its name is encrypted)"
        if isinstance(opened, bytes):
            return printable(opened.decode("utf-8", "replace")[:100])
    name = info.get("name")
    return printable(name[:100]) if isinstance(name, str) and name else "a device"


def publish(own: Path, device: str, name: str, salt: str | None, key: bytes | None) -> None:
    """This device's ``device.json``: its id, its name (encrypted with the files when the
    sync is), its last sync, its salt and a check of its passphrase."""
    info: dict[str, Any] = {
        "format": 2, "device": device, "name": None if key else name,
        "sealed_name": seal(name.encode(), key, NAME_AAD).hex() if key else None,
        "last_sync": datetime.now(UTC).isoformat(timespec="seconds"), "salt": salt,
        "check": seal(CHECK, key, CHECK).hex() if key else None}
    write_private(own / DEVICE_FILE, json.dumps(info, indent=1).encode())


def devices(store: Store, passphrase: str | None = None) -> list[Device]:
    """The devices that share the folder (this one first), with their last sync."""
    from tracker.sync.files import is_encrypted

    rows = store.sync
    folder, this = rows.setting(FOLDER), rows.setting(DEVICE)
    if folder is None:
        return []
    shared = Folder(Path(folder) / ROOT)
    encrypted = rows.setting(ENCRYPTED) is not None
    found: list[Device] = []
    try:
        ids = shared.devices()
    except (OSError, UnsafeFile):
        ids = []
    for device in ids:
        info = shared.device_info(device) or {}
        key = file_key(passphrase, info.get("salt"))
        in_clear = False
        if encrypted and device != this:
            for document in shared.documents(device):
                try:
                    head = shared.read(device, f"{document.shard}.trsync", 64, head=True)
                except (OSError, UnsafeFile):
                    continue
                if is_encrypted(head) is False:
                    in_clear = True
                    break
        last = info.get("last_sync")
        found.append(Device(device, device_name(info, key) if info else device,
                            last[:40] if isinstance(last, str) else "not yet",
                            device == this, in_clear))
    found.sort(key=lambda d: (not d.this, d.name.lower()))
    return found


def forget(store: Store, name: str, passphrase: str | None = None) -> tuple[Device, list[str]]:
    """Take a retired device out of the folder (its files; what is not tracker's stays,
    and is returned). Its history stays merged on every device."""
    rows = store.sync
    folder = rows.setting(FOLDER)
    if folder is None:
        raise SyncError("no sync folder yet: there is no device to forget")
    known = devices(store, passphrase)
    matches = [d for d in known if name in (d.id, d.name)] or \
        [d for d in known if d.name.lower() == name.lower()]
    if not matches:
        names = ", ".join(f"{d.name} ({d.id})" for d in known if not d.this) or "none"
        raise SyncError(f"no device named {name!r} in the folder (other devices: {names})")
    if len(matches) > 1:
        raise SyncError(f"{len(matches)} devices are named {name!r}: forget one by its id "
                        f"({', '.join(d.id for d in matches)})")
    device = matches[0]
    if device.this:
        raise SyncError("that is this device: forget it from another one")
    shared = Folder(Path(folder) / ROOT)
    seen = rows.seen()
    unmerged = [f for f in shared.documents(device.id) if seen.get(f.name) != f.version]
    if unmerged:
        raise SyncError(f"{device.name} has files this device has not merged yet "
                        f"({', '.join(f.shard for f in unmerged[:3])}…): run tracker sync "
                        "first, so that nothing it synced is lost")
    try:
        left = shared.remove(device.id)
    except (OSError, UnsafeFile) as error:
        raise SyncError(f"could not remove {device.id}'s files: {error}") from None
    rows.forget_seen(f"{device.id}/")
    return device, left
