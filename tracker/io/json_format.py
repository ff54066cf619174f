"""tracker's own lossless JSON format: export, and all-or-nothing, idempotent import.

The fields are documented in docs/formats.md. Importing an export into an empty
database and exporting again gives the same document (apart from ``exported_at``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.domain import checks
from tracker.domain.days import today
from tracker.domain.models import ENERGIES, STATUSES, Decision, Review, Rung, Schedule
from tracker.domain.text import clean_name, printable, quoted
from tracker.io.json_pauses import export_pauses, import_pauses
from tracker.io.source import ImportFailed as ImportFailed  # re-exported: the imports raise it
from tracker.io.source import read_bounded
from tracker.store import Store, StoreError
from tracker.store.sync_keys import imported_uuid

FORMAT_NAME = "tracker"
FORMAT_VERSION = 5
"""2 added the levels' numbers (``min_amount``, ``full_amount``, ``stretch_amount``) and
``at_most`` to habits; version 1 files are read as habits without numbers. 3 added the
schedule ``in_days`` ("X times in N days", with ``times`` and ``every``); files of
versions 1 and 2 never hold it and read as before. 4 added a habit's ``step`` (what ``+``
and ``-`` count); older files read as habits counting one at a time. 5 added pauses
(json_pauses.py); older files hold none."""
Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    """What an import added, and what it passed over with the reasons."""

    habits: int = 0
    entries: int = 0
    notes: int = 0
    checkins: int = 0
    steps: int = 0
    reviews: int = 0
    pauses: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    remarks: list[str] = field(default_factory=list)
    """What the person should know: habits told apart or renamed, data not kept."""

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + count

    def remark(self, text: str) -> None:
        if text not in self.remarks:
            self.remarks.append(text)

    @property
    def added_anything(self) -> bool:
        return any((self.habits, self.entries, self.checkins, self.steps, self.reviews,
                    self.pauses))


def export_document(store: Store, now: datetime | None = None) -> dict[str, Any]:
    """The whole database as one JSON-ready document."""
    habits = store.habits.all(include_archived=True)
    habits.sort(key=lambda h: (h.position, h.name.lower(), h.name))  # the same on every device
    names = {h.id: h.name for h in habits}
    ladders = store.habits.ladders()
    sources = store.habits.sources()
    rows = store.transfer
    ordered = sorted(rows.entries(),
                     key=lambda r: (r[1], names[r[0]].lower(), names[r[0]]))
    entries: list[dict[str, Any]] = [
        {"habit": names[hid], "date": day, "status": status, "amount": amount, "note": note}
        for hid, day, status, amount, note in ordered]
    steps = [
        {"date": day, "text": text, "done": done,
         "habit": names.get(hid) if hid is not None else None,
         "amount": amount, "note": note, "position": position, "planned_on": planned}
        for day, text, done, hid, amount, note, position, planned in rows.steps()]
    checkins = [
        {"date": day, "energy": energy, "intention": intention, "note": note}
        for day, energy, intention, note in rows.checkins()]
    reviews = [
        {"week_start": r.week_start.isoformat(), "answers": dict(r.answers),
         "decisions": [d._asdict() for d in r.decisions]}
        for r in store.reviews.all()]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": (now or datetime.now().astimezone()).isoformat(timespec="seconds"),
        "exported_by": f"tracker {__version__}",
        "habits": [
            {"name": h.name, "direction": h.direction, "minimum": h.minimum, "full": h.full,
             "stretch": h.stretch, "unit": h.unit, "schedule": h.schedule.to_dict(),
             "position": h.position, "archived": h.archived, "created": h.created.isoformat(),
             "min_amount": h.min_amount, "full_amount": h.full_amount,
             "stretch_amount": h.stretch_amount, "at_most": h.at_most,
             "step": h.step, "sources": sources.get(h.id, []),
             "ladder": [{"since": r.since.isoformat(), "text": r.text}
                        for r in ladders.get(h.id, [])]}
            for h in habits],
        "entries": entries,
        "checkins": checkins,
        "steps": steps,
        "reviews": reviews,
        "pauses": export_pauses(store, names),
    }


def load_json(path: Path, expected: str) -> Any:
    """Read a JSON file, or fail with its name, the line and what was expected."""
    data = read_bounded(path, expected)
    where = printable(str(path))
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportFailed(f"{where}: not a text file (expected {expected})") from None
    except json.JSONDecodeError as error:
        raise ImportFailed(
            f"{where}, line {error.lineno}: not valid JSON ({error.msg})") from None
    except RecursionError:
        raise ImportFailed(f"{where}: nested too deeply to be {expected}") from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise ImportFailed(f"{where}: not readable as {expected} ({error})") from None


def read_document(path: Path) -> dict[str, Any]:
    """Read and check a tracker JSON export."""
    document = load_json(path, "a tracker JSON export")
    where = printable(str(path))
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ImportFailed(f"{where}: not a tracker export (no \"format\": \"tracker\")")
    version = document.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportFailed(
            f"{where}: export version {version!r} is newer than this tracker understands "
            f"({FORMAT_VERSION}); upgrade tracker")
    return document


def _checked(check: Callable[..., Any], value: Any, where: str, *args: Any) -> Any:
    """Apply one of the shared checks (tracker.domain.checks), naming the place."""
    try:
        return check(value, *args)
    except ValueError as error:
        raise ImportFailed(f"{where}: {error}") from None


def _day(value: Any, where: str) -> date:
    result: date = _checked(checks.iso_day, value, where)
    return result


def _text(value: Any, where: str = "", what: str = "text") -> str:
    result: str = _checked(checks.text, value, where, what)
    return result


def _amount(value: Any, where: str) -> float | None:
    result: float | None = _checked(checks.amount, value, where)
    return result


def _step(value: Any, where: str) -> float | None:
    result: float | None = _checked(checks.step, value, where)
    return result


def import_document(store: Store, document: dict[str, Any], source: str = "the file",
                    progress: Progress | None = None) -> ImportReport:
    """Add what the document holds and the database does not; all or nothing.

    Existing records are never overwritten: a day already recorded keeps its value.
    """
    try:
        return _import(store, document, source, progress)
    except (AttributeError, TypeError) as error:
        raise ImportFailed(f"{source}: not laid out as a tracker export ({error})") from None


def _import(store: Store, document: dict[str, Any], source: str,
            progress: Progress | None) -> ImportReport:
    report = ImportReport()
    total = sum(len(document.get(k) or []) for k in ("habits", "entries", "checkins", "steps"))
    done = 0
    with store.write():  # one transaction: all or nothing
        ids = _import_habits(store, document.get("habits") or [], source, report)
        done += len(ids)
        done += _import_entries(store, document.get("entries") or [], ids, source, report,
                                progress, done, total)
        for i, raw in enumerate(document.get("checkins") or []):
            where = f"{source}, checkins[{i}]"
            energy = raw.get("energy")
            if energy not in ENERGIES:
                raise ImportFailed(f"{where}: unknown energy {energy!r} (low, ok or high)")
            if store.transfer.add_checkin((_day(raw.get("date"), where).isoformat(), energy,
                                           _text(raw.get("intention"), where, "intention"),
                                           _text(raw.get("note"), where, "note"))):
                report.checkins += 1
            else:
                report.skip("check-ins already recorded")
        _import_steps(store, document.get("steps") or [], ids, source, report)
        _import_reviews(store, document.get("reviews") or [], source, report)
        import_pauses(store, document.get("pauses") or [], ids, source, report)
    if progress:
        progress(total, total)
    return report


ENTRY_BATCH = 5000


def _import_entries(store: Store, entries: list[dict[str, Any]], ids: dict[str, int],
                    source: str,
                    report: ImportReport, progress: Progress | None, done: int,
                    total: int) -> int:
    """Check every entry first (nothing is written if one is bad), then insert the new
    ones in batches; the progress counts half for checking, half for writing.

    A backup holds ~150,000 entries: what is the same for many of them (a habit's
    name, a day) is worked out once, and messages are only composed for errors.
    """
    existing = store.transfer.entry_keys()
    last = store.today().isoformat()  # the rule of every change: no days to come
    days: dict[Any, str] = {}
    habit_ids: dict[Any, int] = {}  # the name as written → the habit's id
    batch: list[tuple[Any, ...]] = []
    already = ahead = 0
    for i, raw in enumerate(entries):
        written = raw.get("habit")
        habit_id = habit_ids.get(written)
        if habit_id is None:
            name = clean_name(_text(written)).lower()
            if name not in ids:
                raise ImportFailed(f"{source}, entries[{i}]: habit {written!r} is not among "
                                   "the habits")
            habit_id = habit_ids[written] = ids[name]
        status = raw.get("status")
        if status is not None and status not in STATUSES:
            raise ImportFailed(f"{source}, entries[{i}]: unknown status {status!r}")
        text = raw.get("date")
        day = days.get(text)
        if day is None:
            day = days[text] = _day(text, f"{source}, entries[{i}]").isoformat()
        if day > last:
            ahead += 1
            continue
        key = (habit_id, day)
        if key in existing:
            already += 1
            continue
        existing.add(key)
        amount = raw.get("amount")
        if amount is not None and not (type(amount) is float
                                       and 0.0 <= amount <= checks.MAX_AMOUNT):
            amount = _amount(amount, f"{source}, entries[{i}]")  # the rare other cases
        note = raw.get("note")
        if note:
            note = _text(note, f"{source}, entries[{i}]", "note")
        batch.append((habit_id, day, status, amount, note or ""))
        if progress and i % ENTRY_BATCH == 0:
            progress(done + i // 2, total)
    if already:
        report.skip("entries already recorded", already)
    if ahead:
        report.skip("entries for days to come (wins are recorded once they happen)", ahead)
    report.entries += len(batch)
    report.notes += sum(1 for entry in batch if entry[4])
    batch.sort()  # in primary-key order, SQLite appends to its B-tree instead of seeking
    for start in range(0, len(batch), ENTRY_BATCH):
        store.transfer.add_entries(batch[start:start + ENTRY_BATCH])
        if progress:
            progress(done + (len(entries) + start) // 2, total)
    return len(entries)


def _import_habits(store: Store, habits: list[dict[str, Any]], source: str,
                   report: ImportReport) -> dict[str, int]:
    existing = store.habits.all(include_archived=True)
    ids = {h.name.lower(): h.id for h in existing}
    # habits brought in go after the ones already here, in the file's order
    after = max((h.position for h in existing), default=-1) + 1
    for i, raw in enumerate(habits):
        where = f"{source}, habits[{i}]"
        name = _checked(checks.name, raw.get("name"), where)
        if not name:
            raise ImportFailed(f"{where}: a habit without a name")
        keys = raw.get("sources") or []
        if not isinstance(keys, list) or not all(isinstance(k, str) and len(k) < 300
                                                 for k in keys):
            raise ImportFailed(f"{where}: sources must be a list of short texts")
        known = store.habits.by_source(keys) if keys else None
        if known is not None:  # the same habit as last time, perhaps renamed since
            _follow_rename(store, known, name, ids, report)
            store.habits.remember_sources(known, keys)
            report.skip("habits already here")
            continue
        if name.lower() in ids:
            store.habits.remember_sources(ids[name.lower()], keys)
            report.skip("habits already here")
            continue
        try:
            schedule = Schedule.from_dict(raw.get("schedule") or {"kind": "daily"})
        except (ValueError, TypeError, AttributeError) as error:
            raise ImportFailed(f"{where}: bad schedule ({error})") from None
        created = _day(raw.get("created") or today().isoformat(), where)
        ladder = [Rung(_day(r.get("since"), where), _text(r.get("text"), where, "minimum"))
                  for r in raw.get("ladder") or []]
        try:
            habit = store.habits.add(
                name, _text(raw.get("minimum"), where, "minimum"), created=created,
                full=_text(raw.get("full"), where, "full version"),
                stretch=_text(raw.get("stretch"), where, "stretch version"),
                direction=_text(raw.get("direction"), where, "direction"),
                unit=_text(raw.get("unit"), where, "unit"),
                schedule=schedule, archived=bool(raw.get("archived")), ladder=ladder or None,
                min_amount=_amount(raw.get("min_amount"), where),
                full_amount=_amount(raw.get("full_amount"), where),
                stretch_amount=_amount(raw.get("stretch_amount"), where),
                at_most=raw.get("at_most") is True, step=_step(raw.get("step"), where),
                uuid=imported_uuid(keys))
        except StoreError as error:
            raise ImportFailed(f"{where}: {error}") from None
        position = raw.get("position")
        if isinstance(position, int) and 0 <= position < 1_000_000:
            store.habits.place(habit.id, after + position)
        ids[name.lower()] = habit.id
        store.habits.remember_sources(habit.id, keys)
        report.habits += 1
    return ids


def _follow_rename(store: Store, habit_id: int, name: str, ids: dict[str, int],
                   report: ImportReport) -> None:
    """A habit known from an earlier import comes back under another name: its entries go
    to the same habit, which takes the new name unless another habit has it."""
    habit = store.habits.get(habit_id)
    ids[name.lower()] = habit_id
    if habit.name == name:
        return
    if any(h.name.lower() == name.lower() and h.id != habit_id
           for h in store.habits.all(include_archived=True)):
        report.remark(f"{quoted(habit.name)} is called {quoted(name)} in the file; another "
                      "habit has that name, so it keeps its name here")
        return
    store.habits.update(habit, habit.created, name=name)
    report.remark(f"{quoted(habit.name)} was renamed to {quoted(name)} in the file: renamed "
                  "here too, its history kept")


def _import_steps(store: Store, steps: list[dict[str, Any]], ids: dict[str, int], source: str,
                  report: ImportReport) -> None:
    for i, raw in enumerate(steps):
        where = f"{source}, steps[{i}]"
        day = _day(raw.get("date"), where).isoformat()
        text = _text(raw.get("text"), where, "micro-step").strip()
        if not text:
            raise ImportFailed(f"{where}: a micro-step without text")
        if store.transfer.has_step(day, text):
            report.skip("micro-steps already recorded")
            continue
        habit = raw.get("habit")
        habit_id = ids.get(clean_name(habit).lower()) if habit else None
        position = raw.get("position")
        if not isinstance(position, int) or not 0 <= position < 1_000_000:
            position = 0
        planned = raw.get("planned_on")
        planned_on = _day(planned, where).isoformat() if planned else None
        store.transfer.add_step((day, text, bool(raw.get("done")), habit_id,
                                 _amount(raw.get("amount"), where),
                                 _text(raw.get("note"), where, "note"), position, planned_on))
        report.steps += 1


def _import_reviews(store: Store, reviews: list[dict[str, Any]], source: str,
                    report: ImportReport) -> None:
    for i, raw in enumerate(reviews):
        where = f"{source}, reviews[{i}]"
        week = _day(raw.get("week_start"), where)
        if store.reviews.get(week) is not None:
            report.skip("reviews already recorded")
            continue
        answers = {str(k)[:40]: _text(v, where, "answer")
                   for k, v in (raw.get("answers") or {}).items()}
        try:
            decisions = tuple(Decision(habit=str(d["habit"])[:200], kind=str(d["kind"])[:20],
                                       accepted=bool(d["accepted"]),
                                       new_minimum=_text(d.get("new_minimum"), where))
                              for d in raw.get("decisions") or [])
        except (KeyError, TypeError):
            raise ImportFailed(f"{where}: a decision needs habit, kind and accepted") from None
        store.reviews.save(Review(week, answers, decisions))
        report.reviews += 1
