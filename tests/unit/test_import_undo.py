"""An import made through the changes room (as the app makes it) is undone whole: the
habits it made, the days it added to habits already here, its check-ins; nothing else."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.unit.imported import entries
from tracker.changes import Changes
from tracker.io.importing import read_path
from tracker.store import Store


def test_undoing_an_import_puts_back_exactly_what_was_there(store: Store,
                                                            tmp_path: Path) -> None:
    walk = store.habits.add("walk", "to the corner", created=date(2024, 1, 1))
    store.days.record(walk.id, date(2024, 3, 1), "minimum", note="mine")
    store.transfer.add_checkin(("2024-03-01", "low", "", "my own"))
    path = tmp_path / "daylio.csv"
    path.write_text("full_date,date,weekday,time,mood,activities,note\n"
                    "2024-03-02,March 2,Saturday,21:00,good,walk | reading,\n"
                    "2024-03-01,March 1,Friday,21:00,awful,walk,sick\n", encoding="utf-8")
    before = (entries(store), list(store.transfer.checkins()))
    changes = Changes(store)
    _kind, document, report = read_path(path)
    written = changes.imports.write(path, document, report)
    assert written.habits == 1 and written.checkins == 1  # 1 March's check-in was mine
    assert ("reading", "2024-03-02") in entries(store) and ("walk", "2024-03-02") in entries(
        store)
    made = changes.undo()
    assert made is not None and made.description == "the import of daylio.csv"
    assert (entries(store), list(store.transfer.checkins())) == before
    assert [h.name for h in store.habits.all(include_archived=True)] == ["walk"]
    assert changes.undo() is None
