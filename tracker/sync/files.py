"""The sync folder's files, read as untrusted input: anyone who can write into a shared
folder can plant anything there. Each device writes only its own folder, whole files
under a temporary name then renamed, readable by their owner only, encrypted when a
passphrase is set.

    FOLDER/tracker-sync/DEVICE_ID/device.json      who the device is, when it last synced
    FOLDER/tracker-sync/DEVICE_ID/core.trsync      its document of the habits
    FOLDER/tracker-sync/DEVICE_ID/2026-12.trsync   its document of a month

What is read: only folders named like a device id and files named exactly like a
document (a sync service's conflict copy, ``2026-11.sync-conflict-….trsync`` or
``core (conflicted copy).trsync``, is left alone), never through a link (every step is
opened relative to its folder with ``O_NOFOLLOW``), only regular files with one name
(never a hard link, so never the database), never a FIFO (opened non-blocking, then
checked), and at most :data:`MAX_FILE` bytes.

A document file is ``MAGIC``, a flag (1: encrypted), the payload's length (8 bytes) and
SHA-256 (32 bytes), then the payload: a file that arrived in part is recognised and
left for later; anything else that is not such a file is reported and skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tracker.store.sync_keys import is_shard

MAGIC = b"tracker-sync 2\n"
OLDER_MAGIC = b"tracker-sync 1\n"
HEADER = struct.Struct(">BQ32s")
SUFFIX = ".trsync"
ROOT = "tracker-sync"
DEVICE_FILE = "device.json"
NONCE = 12
MAX_FILE = 64 * 1024 * 1024
"""The largest document file read (ten years of forty habits is about 11 MB in all)."""
MAX_DEVICE_FILE = 64 * 1024
DEVICE_ID = re.compile(r"[0-9a-f]{16}")
_OPEN_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_OPEN_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class SyncFileError(Exception):
    """A file of the folder that cannot be used (the message names it); ``retry`` when
    the file may be fine and the key is what is missing or wrong."""

    def __init__(self, message: str, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


class OlderFile(SyncFileError):
    """A document file in the format of an earlier version of tracker."""


class InClear(SyncFileError):
    """A document file not encrypted, while this sync is."""


@dataclass(frozen=True)
class Found:
    """A document file of a device: its name in the folder (``DEVICE/SHARD``), the
    shard, and what identifies this version of it."""

    path: Path
    device: str
    shard: str
    size: int
    mtime_ns: int
    plain: bool = True
    """A regular file (else a link, a FIFO, a device: reported, never opened)."""

    @property
    def name(self) -> str:
        return f"{self.device}/{self.shard}"

    @property
    def version(self) -> tuple[int, int]:
        return self.size, self.mtime_ns


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


def unseal(data: bytes, key: bytes | None, aad: bytes, where: str, *,
           encrypted: bool = False) -> bytes | Literal["incomplete"]:
    """The payload of a document file; ``"incomplete"`` while it is still arriving.
    With ``encrypted``, a file in clear is refused: nothing unauthenticated is taken."""
    head = len(MAGIC) + HEADER.size
    if data.startswith(OLDER_MAGIC):
        raise OlderFile(f"{where} was written by an older version of tracker; it is "
                            "read once that device runs this version")
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
        if encrypted:
            raise InClear(f"{where} is not encrypted, and this sync is: it was "
                                "skipped (nothing unauthenticated is taken)")
        return payload
    if key is None:
        raise SyncFileError(f"{where} is encrypted: set TRACKER_SYNC_PASSPHRASE (or answer "
                            "the prompt of tracker sync) to read it", retry=True)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(payload[:NONCE], payload[NONCE:], aad)
    except InvalidTag:
        raise SyncFileError(f"{where} could not be decrypted: a different passphrase, or "
                            "not written by a device of this sync. It was skipped",
                            retry=True) from None


def is_encrypted(data: bytes) -> bool | None:
    """Whether a document file's header says encrypted (None: not a document file)."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 1:
        return None
    return data[len(MAGIC)] == 1


class UnsafeFile(Exception):
    """A path that is not a plain file or folder of the sync (a link, a FIFO, too large)."""


@contextmanager
def _opened(name: str, flags: int, dir_fd: int | None) -> Iterator[int]:
    try:
        fd = os.open(name, flags, dir_fd=dir_fd)
    except OSError as error:
        if error.errno in (40, 20):  # ELOOP (a link), ENOTDIR
            raise UnsafeFile(f"{name} is a link or not a folder") from None
        raise
    try:
        yield fd
    finally:
        os.close(fd)


def read_bounded(fd: int, limit: int, where: str, *, head: bool = False) -> bytes:
    """A regular file's bytes (at most ``limit``), from an open descriptor; with
    ``head``, only its first ``limit`` bytes, whatever its size."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        raise UnsafeFile(f"{where} is not a plain file (a pipe, a device or a second name "
                         "of another file); it was skipped")
    if head:
        return os.read(fd, limit)
    if info.st_size > limit:
        raise UnsafeFile(f"{where} is larger than a sync file can be "
                         f"({info.st_size:,} bytes); it was skipped")
    chunks, left = [], limit + 1
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    data = b"".join(chunks)
    if len(data) > limit:
        raise UnsafeFile(f"{where} is larger than a sync file can be; it was skipped")
    return data


class Folder:
    """The folder's ``tracker-sync`` part, read without following a link anywhere."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @contextmanager
    def _root(self) -> Iterator[int | None]:
        try:
            fd = os.open(self.root, _OPEN_DIR)
        except FileNotFoundError:
            yield None
            return
        except OSError as error:
            raise UnsafeFile(f"{self.root} is a link or not a folder") from error
        try:
            yield fd
        finally:
            os.close(fd)

    def devices(self) -> list[str]:
        """The device folders (named like device ids, not links)."""
        with self._root() as fd:
            if fd is None:
                return []
            return sorted(entry.name for entry in os.scandir(fd)
                          if DEVICE_ID.fullmatch(entry.name)
                          and entry.is_dir(follow_symlinks=False))

    def documents(self, device: str) -> list[Found]:
        """A device's document files, by name (temporary files, conflict copies and
        anything not a plain file left aside)."""
        found: list[Found] = []
        with self._root() as root:
            if root is None:
                return found
            try:
                with _opened(device, _OPEN_DIR, root) as fd:
                    for entry in os.scandir(fd):
                        shard = entry.name[:-len(SUFFIX)]
                        if not entry.name.endswith(SUFFIX) or not is_shard(shard):
                            continue
                        info = entry.stat(follow_symlinks=False)  # while fd is open
                        found.append(Found(self.root / device / entry.name, device, shard,
                                           info.st_size, info.st_mtime_ns,
                                           stat.S_ISREG(info.st_mode)))
            except (OSError, UnsafeFile):
                return found
        return found

    def others(self, own: str) -> list[Found]:
        """Every document file of the other devices."""
        return [f for device in self.devices() if device != own
                for f in self.documents(device)]

    def read(self, device: str, name: str, limit: int = MAX_FILE, *,
             head: bool = False) -> bytes:
        """One file of a device's folder: OSError if it is not there, UnsafeFile if it
        is not a plain file of at most ``limit`` bytes (with ``head``: its first
        ``limit`` bytes)."""
        where = str(self.root / device / name)
        with self._root() as root:
            if root is None:
                raise FileNotFoundError(where)
            with _opened(device, _OPEN_DIR, root) as folder, \
                    _opened(name, _OPEN_FILE, folder) as fd:
                return read_bounded(fd, limit, where, head=head)

    def device_info(self, device: str) -> dict[str, Any] | None:
        """A device's ``device.json`` (None if missing or unusable: not there yet)."""
        try:
            value = json.loads(self.read(device, DEVICE_FILE, MAX_DEVICE_FILE))
        except (OSError, UnsafeFile, ValueError, RecursionError):
            return None
        return value if isinstance(value, dict) else None

    def own_folder(self, device: str, make: bool = False) -> Path:
        """This device's folder (made if missing, with ``make``: 0700); refused if it is
        a link or not a folder, so that nothing is ever written or removed through one."""
        try:
            if not stat.S_ISDIR(self.root.lstat().st_mode):
                raise UnsafeFile(f"the sync folder cannot be read: {self.root} is a link or "
                                 "not a folder")
        except FileNotFoundError:
            pass
        path = self.root / device
        try:
            info = path.lstat()
        except FileNotFoundError:
            if make:
                make_private_folder(path)
            return path
        if not stat.S_ISDIR(info.st_mode):
            raise UnsafeFile(f"{path} is a link or not a folder: tracker writes only into "
                             "a plain folder of its own (remove it, and sync again)")
        return path

    def remove(self, device: str) -> list[str]:
        """Remove a device's folder: its own files only, never through a link. Returns
        what was left there (files that are not tracker's)."""
        left: list[str] = []
        with self._root() as root:
            if root is None:
                return left
            with _opened(device, _OPEN_DIR, root) as fd:
                for entry in os.scandir(fd):
                    ours = entry.name == DEVICE_FILE or entry.name.endswith(SUFFIX) \
                        or entry.name.endswith(".partial")
                    if ours and entry.is_file(follow_symlinks=False):
                        os.unlink(entry.name, dir_fd=fd)
                    else:
                        left.append(entry.name)
            if not left:
                os.rmdir(device, dir_fd=root)
        return left


def make_private_folder(path: Path) -> None:
    """Make a folder and any missing parents, each readable by its owner only."""
    missing: list[Path] = []
    current = path
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)


def signature(folder: str | None, device: str | None) -> tuple[tuple[str, int, int], ...]:
    """A cheap look at the folder: the other devices' files as they are now (the app
    syncs again when it changes). No engine is imported for it."""
    if folder is None or device is None:
        return ()
    try:
        found = Folder(Path(folder) / ROOT).others(device)
    except (OSError, UnsafeFile):
        return ()
    return tuple(sorted((f.name, f.size, f.mtime_ns) for f in found if f.plain))
