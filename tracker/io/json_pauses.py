"""Pauses in tracker's JSON export (format version 5; older files hold none): each
``{"from", "to", "habit", "note"}``, ``habit`` a name or null for every habit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from tracker.domain import checks
from tracker.domain.text import clean_name
from tracker.io.source import ImportFailed
from tracker.store import StoreError

if TYPE_CHECKING:
    from tracker.store import Store


class ImportReport(Protocol):
    """What an import counts (json_format.ImportReport)."""

    pauses: int

    def skip(self, reason: str, count: int = 1) -> None: ...


def export_pauses(store: Store, names: dict[int, str]) -> list[dict[str, Any]]:
    """Every pause, the earliest first."""
    return [{"from": p.first.isoformat(), "to": p.last.isoformat(),
             "habit": names.get(p.habit_id) if p.habit_id is not None else None,
             "note": p.note} for p in store.pauses.all()]


def import_pauses(store: Store, pauses: Any, ids: dict[str, int], source: str,
                  report: ImportReport) -> None:
    """Add the pauses the database does not hold yet (the same days, habit and note)."""
    if not isinstance(pauses, list):
        raise ImportFailed(f"{source}: pauses must be a list")
    held = {(p.first, p.last, p.habit_id, p.note) for p in store.pauses.all()}
    for i, raw in enumerate(pauses):
        where = f"{source}, pauses[{i}]"
        if not isinstance(raw, dict):
            raise ImportFailed(f"{where}: a pause is an object with from and to")
        try:
            first, last = checks.iso_day(raw.get("from")), checks.iso_day(raw.get("to"))
            note = checks.text(raw.get("note"), "note", 200)
        except ValueError as error:
            raise ImportFailed(f"{where}: {error}") from None
        habit = raw.get("habit")
        habit_id = None
        if habit is not None:
            if not isinstance(habit, str) or clean_name(habit).lower() not in ids:
                report.skip("pauses of habits not in the file")
                continue
            habit_id = ids[clean_name(habit).lower()]
        if (first, last, habit_id, " ".join(note.split())) in held:
            report.skip("pauses already here")
            continue
        try:
            store.pauses.add(first, last, habit_id, note)
        except StoreError as error:
            raise ImportFailed(f"{where}: {error}") from None
        report.pauses += 1
