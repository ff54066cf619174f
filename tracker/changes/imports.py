"""An import made from the app, undoable like every change: what it may replace is every
habit already here (each whole, its days included), the days of check-ins and reviews
the file holds, and what it creates (new habits whole, new micro-steps)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.changes import parts

if TYPE_CHECKING:
    from tracker.changes.log import ChangeLog, Part
    from tracker.io.json_format import ImportReport
    from tracker.store import Store


def _days(rows: Any, key: str) -> set[date]:
    found = set()
    for row in rows if isinstance(rows, list) else []:
        try:
            found.add(date.fromisoformat(str(row.get(key))))
        except (AttributeError, ValueError):
            continue  # the import itself refuses it, in one line
    return found


class ImportChanges:
    """Imports of other apps' files (and tracker's JSON), remembered for undo."""

    def __init__(self, store: Store, log: ChangeLog) -> None:
        self.store = store
        self.log = log

    def write(self, path: Path, document: dict[str, Any], report: ImportReport) -> ImportReport:
        """Write what ``importing.read_path`` read, all or nothing (see ``write_document``)."""
        from tracker.io.importing import write_document
        from tracker.io.source import shown

        store = self.store
        before = {h.id for h in store.habits.all(include_archived=True)}
        step_days = _days(document.get("steps"), "date")
        steps_before = {s.id for day in step_days for s in store.days.steps_on(day)}
        replaced: list[Part] = [parts.whole_habit(store, habit_id) for habit_id in sorted(before)]
        replaced += [parts.checkin(store, day)
                     for day in sorted(_days(document.get("checkins"), "date"))]
        replaced += [parts.review(store, week)
                     for week in sorted(_days(document.get("reviews"), "week_start"))]

        def created(_report: ImportReport) -> list[Part]:
            new = [parts.whole_habit(store, h.id) for h in store.habits.all(include_archived=True)
                   if h.id not in before]
            return new + [parts.step(store, s.id) for day in sorted(step_days)
                          for s in store.days.steps_on(day) if s.id not in steps_before]

        return self.log.make(f"the import of {shown(path.name)}", replaced,
                             lambda: write_document(store, path, document, report), created)
