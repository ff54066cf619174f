"""The sync folder's files: each device writes only its own folder, whole files under a
temporary name then renamed (a sync service never sees half of one, and never makes a
conflict copy), readable by their owner only, encrypted when a passphrase is given.

    FOLDER/tracker-sync/DEVICE_ID/device.json      who the device is, when it last synced
    FOLDER/tracker-sync/DEVICE_ID/core.trsync      its document of the habits
    FOLDER/tracker-sync/DEVICE_ID/2026-12.trsync   its document of a month

A document file is ``MAGIC``, a flag (1: encrypted), the payload's length (8 bytes)
and SHA-256 (32 bytes), then the payload: a file that arrived in part is recognised
and left for later; anything else that is not such a file is reported and skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

MAGIC = b"tracker-sync 1\n"
HEADER = struct.Struct(">BQ32s")
SUFFIX = ".trsync"
ROOT = "tracker-sync"
DEVICE_FILE = "device.json"
NONCE = 12


class SyncFileError(Exception):
    """A file of the folder that cannot be used (the message names it); ``retry`` when
    the file may be fine and the key is what is missing or wrong."""

    def __init__(self, message: str, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


@dataclass(frozen=True)
class Found:
    """A document file of another device: its name in the folder (``DEVICE/SHARD``),
    the shard, and what identifies this version of it."""

    path: Path
    device: str
    shard: str
    size: int
    mtime_ns: int

    @property
    def name(self) -> str:
        return f"{self.device}/{self.shard}"


def key_for(passphrase: str, salt: bytes) -> bytes:
    """The file key of a device: scrypt of the passphrase with the device's salt."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


def seal(payload: bytes, key: bytes | None, aad: bytes) -> bytes:
    """A document file's bytes: the header, and the payload (encrypted with AES-GCM,
    bound to the file's name, when there is a key)."""
    flag = 0
    if key is not None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = secrets.token_bytes(NONCE)
        payload = nonce + AESGCM(key).encrypt(nonce, payload, aad)
        flag = 1
    return MAGIC + HEADER.pack(flag, len(payload), hashlib.sha256(payload).digest()) + payload


def unseal(data: bytes, key: bytes | None, aad: bytes, where: str
           ) -> bytes | Literal["incomplete"]:
    """The payload of a document file; ``"incomplete"`` while it is still arriving."""
    head = len(MAGIC) + HEADER.size
    if len(data) < head:
        if MAGIC.startswith(data[:len(MAGIC)]):
            return "incomplete"
        raise SyncFileError(f"{where} is not a tracker sync file; it was skipped")
    if not data.startswith(MAGIC):
        raise SyncFileError(f"{where} is not a tracker sync file; it was skipped")
    flag, length, digest = HEADER.unpack_from(data, len(MAGIC))
    payload = data[head:]
    if len(payload) < length:
        return "incomplete"
    if len(payload) > length or hashlib.sha256(payload).digest() != digest or flag > 1:
        raise SyncFileError(f"{where} is damaged; it was skipped")
    if flag == 0:
        return payload
    if key is None:
        raise SyncFileError(f"{where} is encrypted: set TRACKER_SYNC_PASSPHRASE (or answer "
                            "the prompt of tracker sync) to read it", retry=True)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(payload[:NONCE], payload[NONCE:], aad)
    except InvalidTag:
        raise SyncFileError(f"{where} could not be decrypted: a different passphrase? "
                            "It was skipped", retry=True) from None


def read_device(folder: Path) -> dict[str, Any] | None:
    """A device's ``device.json`` (None if missing or unreadable: not there yet)."""
    try:
        value = json.loads((folder / DEVICE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def others(root: Path, own: str) -> list[Found]:
    """Every document file of the other devices (temporary files left aside)."""
    found: list[Found] = []
    try:
        devices = sorted(p for p in root.iterdir() if p.is_dir() and p.name != own
                         and not p.name.startswith("."))
    except FileNotFoundError:
        return found
    for device in devices:
        try:
            entries = list(os.scandir(device))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or not entry.name.endswith(SUFFIX):
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue
            found.append(Found(Path(entry.path), device.name, entry.name[:-len(SUFFIX)],
                               stat.st_size, stat.st_mtime_ns))
    return found


def signature(folder: str | None, device: str | None) -> tuple[tuple[str, int, int], ...]:
    """A cheap look at the folder: the other devices' files as they are now (the app
    syncs again when it changes). No engine is imported for it."""
    if folder is None or device is None:
        return ()
    return tuple(sorted((f.name, f.size, f.mtime_ns) for f in others(Path(folder) / ROOT,
                                                                  device)))
