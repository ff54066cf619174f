"""A sync, in three steps (docs/sync.md, "A sync, step by step"):

1. **Read and merge, holding no lock of the database**: this device's documents (kept
   in the database), what changed here since the last sync (the change log, up to its
   last row), the other devices' files that changed (each looked at, then checked value
   by value, before it is merged; a file that fails is reported and skipped).
2. **Apply, in one short write transaction**: the database becomes what the merged
   documents say; a record changed here while step 1 ran keeps the fields changed here
   (the next sync sends them); this device's documents are saved, the change log up to
   what was read is cleared. A sync killed before this commit leaves the database as
   it was.
3. **Publish**: this device's changed documents are written to its folder, whole.

Only one sync of a database runs at a time (a lock file beside it).
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.files.private_file import write_private
from tracker.store.sync_apply import alive_habits, distinct_names
from tracker.store.sync_keys import CORE, imported_uuid
from tracker.store.sync_rows import Records, grouped
from tracker.sync.device import (
    CHECK,
    DEVICE,
    ENCRYPTED,
    NAME,
    SALT,
    WAITING,
    SyncError,
    configure,
    device_name,
    file_key,
    publish,
    same_passphrase,
)
from tracker.sync.engine import Refused, Shard
from tracker.sync.files import (
    ROOT,
    SUFFIX,
    Folder,
    Found,
    InClear,
    OlderFile,
    SyncFileError,
    UnsafeFile,
    seal,
    unseal,
)

if TYPE_CHECKING:
    from tracker.store import Store

__all__ = ["SyncError", "SyncReport", "sync"]
LOCK_WAIT = 60.0
OWN_CHECK = "sync.check"
"""This device's passphrase check (sealed with its key), kept in its database."""
UNPUBLISHED = "sync.unpublished"
"""This device's documents saved but not written to the folder yet."""


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


@contextmanager
def _one_at_a_time(path: Path) -> Iterator[None]:
    """One sync of a database at a time, across processes (a lock file beside it,
    released by the system if the process dies)."""
    lock = path.with_name(path.name + ".sync-lock")
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise SyncError(f"cannot sync: {lock} cannot be made ({error.strerror})") from None
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise SyncError("another sync of this database has been running for a "
                                    "minute; try again when it ends") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


def sync(store: Store, folder: Path | None = None, name: str | None = None,
         passphrase: str | None = None) -> SyncReport:
    """Sync the database with the folder (set it first with ``folder``)."""
    rows = store.sync
    where = configure(store, folder, name, passphrase)
    if rows.setting(ENCRYPTED) and not passphrase:
        raise SyncError("this database syncs encrypted: set TRACKER_SYNC_PASSPHRASE (or run "
                        "tracker sync in a terminal, which asks for it)")
    with _one_at_a_time(store.path):
        return _Sync(store, Folder(where / ROOT), passphrase).run()


class _Sync:
    def __init__(self, store: Store, folder: Folder, passphrase: str | None) -> None:
        self.rows, self.folder = store.sync, folder
        self.passphrase = passphrase
        self.device = str(self.rows.setting(DEVICE))
        self.encrypted = self.rows.setting(ENCRYPTED) is not None
        self.own_key = file_key(passphrase, self.rows.setting(SALT))
        self.report = SyncReport(folder.root.parent)
        self.seen: list[tuple[str, int, int]] = []

    def run(self) -> SyncReport:
        rows = self.rows
        try:
            self.folder.own_folder(self.device)  # refused as a link before anything
        except (OSError, UnsafeFile) as error:
            raise SyncError(str(error)) from None
        first = not rows.has_documents()
        if first:
            rows.take_imported_identities(imported_uuid)
        rows.renew_returned_identities()
        # 1. read and merge, holding no lock of the database
        last, logged = rows.changed()
        kept = rows.document_names()
        seen = rows.seen()
        try:
            others = self.folder.others(self.device)
            mine = {f.shard: f for f in self.folder.documents(self.device)}
        except (OSError, UnsafeFile) as error:
            raise SyncError(f"the sync folder cannot be read: {error}", final=False) from None
        keys = self._keys({f.device for f in others})
        self.report.devices = len({f.device for f in others})
        arrived: dict[str, list[Found]] = defaultdict(list)
        for found in others:
            if seen.get(found.name) != found.version:
                arrived[found.shard].append(found)
        not_as_written = {s for s, f in mine.items() if seen.get(f.name) != f.version}
        unwritten = kept - set(mine)
        waiting = set(json.loads(rows.setting(WAITING) or "[]"))
        unpublished = set(json.loads(rows.setting(UNPUBLISHED) or "[]")) & kept
        shards = {CORE, *logged, *arrived, *waiting, *not_as_written, *unwritten,
                  *unpublished}
        if first:
            shards.update(rows.shards())
        stored = rows.documents(shards)
        docs: dict[str, Shard] = {}
        read: dict[str, Records] = {}
        brought: set[str] = set()
        for shard in sorted(shards, key=lambda s: (s != CORE, s)):
            doc = Shard(shard, stored.get(shard), own=True)
            if shard in not_as_written and self._merge(doc, mine[shard], self.own_key):
                brought.add(shard)  # a copy of ours: older, or newer than this database
            local = rows.records(shard, None if first else logged.get(shard, set()))
            names = rows.habit_names() if shard == CORE else {}
            self.report.sent += doc.set(_changes(shard, local, grouped(shard, doc.values()),
                                                 names))
            read[shard] = grouped(shard, doc.values())  # what the database held
            for found in arrived.get(shard, []):
                if found.device not in keys:
                    continue  # its device.json (its salt) has not arrived yet
                if self._merge(doc, found, keys[found.device]):
                    brought.add(shard)
                    self.report.received += 1
            docs[shard] = doc
        # 2. apply, in one write transaction
        publishing = {shard for shard, doc in docs.items() if doc.changed
                      or shard in not_as_written | unwritten | unpublished}
        still_waiting = self._apply(docs, read, brought | (waiting & set(docs)), last, kept,
                                    publishing)
        # 3. publish this device's documents
        try:
            own = self.folder.own_folder(self.device, make=True)
        except (OSError, UnsafeFile) as error:
            raise SyncError(str(error)) from None
        for leftover in own.glob(".*.partial"):  # a sync killed while writing its file
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink(missing_ok=True)
        written: list[tuple[str, int, int]] = []
        for shard in sorted(publishing):
            written.append(self._write(own, shard, docs[shard].encode()))
        rows.mark_seen([*self.seen, *written])
        rows.set_setting(UNPUBLISHED, None)
        rows.set_setting(WAITING, json.dumps(sorted(still_waiting)) if still_waiting else None)
        if self.own_key is not None and rows.setting(OWN_CHECK) is None:
            rows.set_setting(OWN_CHECK, seal(CHECK, self.own_key, CHECK).hex())
        try:
            publish(own, self.device, rows.setting(NAME) or self.device, rows.setting(SALT),
                    self.own_key)
        except OSError as error:
            raise SyncError(f"could not write {own / 'device.json'} "
                            f"({error.strerror or error})", final=False) from None
        return self.report

    def _keys(self, devices: set[str]) -> dict[str, bytes | None]:
        """Each other device's file key (None when not encrypted). Left out: a device
        whose ``device.json`` has not arrived (when syncing encrypted), and one whose
        passphrase check does not open with this passphrase (said once a sync)."""
        infos = {d: self.folder.device_info(d) or {} for d in devices}
        encrypted = {d for d, info in infos.items() if isinstance(info.get("check"), str)}
        if self.passphrase is None and encrypted:
            if encrypted == {d for d, info in infos.items() if info}:
                raise SyncError("the other devices sync encrypted: run tracker sync "
                                "--encrypt (or set TRACKER_SYNC_PASSPHRASE) with their "
                                "passphrase; nothing was synced")
            for device in sorted(encrypted):
                self.report.problems.append(
                    f"{device_name(infos[device], None)} ({device}) syncs encrypted: its "
                    "files were skipped (tracker sync --encrypt reads them)")
            return {d: None for d in infos if d not in encrypted}
        keys = {d: file_key(self.passphrase, info.get("salt")) for d, info in infos.items()}
        if self.own_key is None:
            return keys
        other = same_passphrase(infos, keys, known=self._own_check())
        for device in sorted(other):
            self.report.problems.append(
                f"{device_name(infos[device], None)} ({device}) writes with another "
                "passphrase (or is not a device of this sync): its files were skipped")
        return {d: k for d, k in keys.items() if infos[d] and d not in other}

    def _own_check(self) -> bool:
        """Whether the passphrase is the one this device synced with before (its check
        is kept in the database); False on a first encrypted sync. Refused otherwise."""
        kept = self.rows.setting(OWN_CHECK)
        key = self.own_key
        assert key is not None
        if kept is None:
            return False  # kept once this first encrypted sync has gone through
        try:
            unseal(bytes.fromhex(kept), key, CHECK, "check")
        except (SyncFileError, ValueError):
            raise SyncError("the passphrase is not the one this device syncs with; nothing "
                            "was synced (mistyped? every device uses the same one)") from None
        return True

    def _merge(self, doc: Shard, found: Found, key: bytes | None) -> bool:
        """Merge a device's file into a document; True if it brought anything. Done
        with (seen) once merged or refused; left for later while still arriving."""
        where = str(found.path)
        if not found.plain:
            self.report.problems.append(f"{where} is a link, a pipe or a device, not a plain "
                                        "file; it was skipped")
            self.seen.append((found.name, *found.version))
            return False
        try:
            data = self.folder.read(found.device, f"{found.shard}{SUFFIX}")
            payload = unseal(data, key, found.name.encode(), where, encrypted=self.encrypted)
        except (OSError, UnsafeFile) as error:
            if isinstance(error, UnsafeFile):
                self.report.problems.append(str(error))
                self.seen.append((found.name, *found.version))
            return False  # moved or replaced meanwhile: the next sync reads it
        except SyncFileError as error:
            # this device's own files of before are simply written again
            if not (found.device == self.device and isinstance(error, OlderFile | InClear)):
                self.report.problems.append(str(error))
            if not error.retry:
                self.seen.append((found.name, *found.version))
            return False
        if payload == "incomplete":
            return False
        self.seen.append((found.name, *found.version))
        try:
            return doc.merge(payload)
        except Refused as error:
            self.report.problems.append(f"{where} holds what tracker never writes ({error}); "
                                        "it was skipped")
            return False

    def _apply(self, docs: dict[str, Shard], read: dict[str, Records], brought: set[str],
               last: int, stored: set[str], publishing: set[str]) -> set[str]:
        """The database made what the documents say where files came in, the documents
        saved, the change log cleared up to ``last``: one transaction. A record changed
        here while the files were read keeps the fields changed here and takes the
        others from the documents (the next sync sends the fields changed here).
        Returns the months holding days of habits not arrived yet."""
        rows = self.rows
        still_waiting: set[str] = set()
        encoded = {s: d.encode() for s, d in docs.items() if d.changed or s not in stored}
        merged = {shard: grouped(shard, docs[shard].values()) for shard in brought}
        with rows.transaction():
            rows.applying(True)
            _, fresh = rows.changed(after=last)
            for shard, prefixes in fresh.items():
                if shard in merged:
                    _keep_changed_here(merged[shard], read[shard],
                                       rows.records(shard, prefixes))
            core = merged.get(CORE) or grouped(CORE, docs[CORE].values())
            names = names_here(core, rows.habit_names())
            deleted = {prefix[:-1] for prefix, fields in core.items() if "deleted" in fields}
            for shard in sorted(brought, key=lambda s: (s != CORE, s)):
                if rows.apply(shard, merged[shard], names, deleted):
                    still_waiting.add(shard)
            rows.save_documents(encoded)
            # what is to be written to the folder, until it is: a sync that cannot write
            # its files (a full disk, the folder gone) writes them next time
            rows.set_setting(UNPUBLISHED, json.dumps(sorted(publishing)) if publishing
                             else None)
            rows.forget_log(last)
            rows.applying(False)
        return still_waiting

    def _write(self, own: Path, shard: str, payload: bytes) -> tuple[str, int, int]:
        """One of this device's files, whole and private; what it is once written."""
        path = own / f"{shard}{SUFFIX}"
        try:
            write_private(path, seal(payload, self.own_key,
                                     f"{self.device}/{shard}".encode()))
            info = path.stat()
        except OSError as error:
            raise SyncError(f"could not write {path} ({error.strerror or error}): what "
                            "changed is kept, and sent at the next sync", final=False) from None
        return f"{self.device}/{shard}", info.st_size, info.st_mtime_ns


def _keep_changed_here(records: Records, read: Records, now: Records) -> None:
    """Records changed here since they were read: each field changed here stays as it
    is now, each other field becomes what the documents say."""
    for prefix, here in now.items():
        before, there = read.get(prefix, {}), records.get(prefix, {})
        fields = {}
        for name in before.keys() | there.keys() | here.keys():
            value = there.get(name) if here.get(name) == before.get(name) else here.get(name)
            if value is not None:
                fields[name] = value
        if fields:
            records[prefix] = fields
        else:
            records.pop(prefix, None)


def names_here(core: Records, local: dict[str, str]) -> dict[str, str]:
    """The name each habit gets here: the documents' habits and those only here yet
    (added while a sync ran), names taken twice told apart the same way everywhere."""
    habits = alive_habits(core)
    for uuid, name in local.items():
        if f"{uuid}/" not in core:
            habits[uuid] = {"name": name}
    return distinct_names(habits)


def _changes(shard: str, local: Records, there: Records,
             names_here_now: dict[str, str]) -> dict[str, str | None]:
    """What changed here, as the document's values: each field of each record that
    differs from what the document says (None: removed). A habit's name shown here told
    apart ("Read (2)") is not a rename."""
    shown = names_here(there, names_here_now) if shard == CORE else {}
    values: dict[str, str | None] = {}
    for prefix, fields in local.items():
        doc = there.get(prefix, {})
        if shard == CORE:
            if "deleted" in fields or "deleted" in doc:
                if "deleted" not in doc:
                    values[f"{prefix}deleted"] = "true"
                continue  # a deletion wins
            uuid = prefix[:-1]
            if "name" in doc and names_here_now.get(uuid) == shown.get(uuid):
                fields = {**fields, "name": doc["name"]}
        for name, value in fields.items():
            if doc.get(name) != value:
                values[prefix + name] = value
        for name in doc.keys() - fields.keys():
            values[prefix + name] = None
    return values
