"""tracker's JSON export and import: lossless, all-or-nothing, idempotent."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.io.csv_format import write_csv
from tracker.io.json_format import (
    ImportFailed,
    export_document,
    import_document,
    read_document,
)
from tracker.store import Store

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def test_round_trip_gives_the_same_document(sample_store: Store, tmp_path: Path) -> None:
    exported = export_document(sample_store, NOW)
    assert set(exported) >= {"format", "version", "habits", "entries", "checkins", "steps",
                             "reviews"}
    assert exported["format"] == "tracker" and exported["version"] == 5
    fresh = Store(tmp_path / "fresh.db")
    report = import_document(fresh, json.loads(json.dumps(exported)))
    assert report.habits == 6 and report.entries == len(exported["entries"])
    assert export_document(fresh, NOW) == exported


def test_entries_carry_habit_date_status_amount_note(sample_store: Store) -> None:
    entry = export_document(sample_store, NOW)["entries"][0]
    assert set(entry) == {"habit", "date", "status", "amount", "note"}


def test_importing_twice_adds_nothing(sample_store: Store) -> None:
    document = export_document(sample_store, NOW)
    report = import_document(sample_store, document)
    assert not report.added_anything
    assert report.skipped["entries already recorded"] == len(document["entries"])
    assert export_document(sample_store, NOW) == document


def test_a_bad_record_imports_nothing(store: Store) -> None:
    document = {"format": "tracker", "version": 1,
                "habits": [{"name": "Read", "minimum": "one page", "created": "2026-03-01"}],
                "entries": [{"habit": "Read", "date": "2026-03-02", "status": "full"},
                            {"habit": "Read", "date": "2026-02-30", "status": "full"}]}
    with pytest.raises(ImportFailed, match=r"entries\[1\].*2026-02-30"):
        import_document(store, document, source="x.json")
    assert store.habits.all() == []
    assert store.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0


@pytest.mark.parametrize("bad, message", [
    ({"habit": "Nope", "date": "2026-03-02", "status": "full"}, "not among the habits"),
    ({"habit": "Read", "date": "2026-03-02", "status": "great"}, "unknown status"),
    ({"habit": "Read", "date": "2026-03-02", "status": "full", "amount": "lots"},
     "not a number"),
])
def test_bad_entries_are_named(store: Store, bad: dict[str, str], message: str) -> None:
    document = {"format": "tracker", "version": 1,
                "habits": [{"name": "Read", "minimum": "one page", "created": "2026-03-01"}],
                "entries": [bad]}
    with pytest.raises(ImportFailed, match=message):
        import_document(store, document)
    assert store.habits.all() == []


def test_entries_written_in_other_shapes_are_read_alike(store: Store) -> None:
    """Amounts as numbers or text, names with other spacing and case, a date repeated:
    each entry lands once, with the same values."""
    document = {"format": "tracker", "version": 1,
                "habits": [{"name": "Read more", "minimum": "one page", "created": "2026-03-01"}],
                "entries": [
                    {"habit": "Read more", "date": "2026-03-02", "status": "full", "amount": 12},
                    {"habit": " read  MORE ", "date": "2026-03-03", "status": "minimum",
                     "amount": "2.5", "note": "train"},
                    {"habit": "Read more", "date": "2026-03-04", "status": None, "amount": "",
                     "note": None},
                    {"habit": "READ MORE", "date": "2026-03-02", "status": "rest"}]}
    report = import_document(store, document)
    assert (report.entries, report.notes) == (3, 1)
    assert report.skipped == {"entries already recorded": 1}
    rows = store.conn.execute(
        "SELECT day, status, amount, note FROM entries ORDER BY day").fetchall()
    assert rows == [("2026-03-02", "full", 12.0, ""), ("2026-03-03", "minimum", 2.5, "train"),
                    ("2026-03-04", None, None, "")]


@pytest.mark.parametrize("field, value", [("date", ["2026", "03", "02"]),
                                          ("habit", {"name": "Read"})])
def test_entries_of_the_wrong_shape_are_refused(store: Store, field: str, value: object) -> None:
    entry = {"habit": "Read", "date": "2026-03-02", "status": "full", field: value}
    document = {"format": "tracker", "version": 1,
                "habits": [{"name": "Read", "minimum": "one page", "created": "2026-03-01"}],
                "entries": [entry]}
    with pytest.raises(ImportFailed):
        import_document(store, document)
    assert store.habits.all() == []


def test_read_document_explains_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": "tracker",\n "version": 1,,}')
    with pytest.raises(ImportFailed, match="line 2"):
        read_document(path)
    path.write_text('{"format": "other"}')
    with pytest.raises(ImportFailed, match="not a tracker export"):
        read_document(path)
    path.write_text('{"format": "tracker", "version": 7}')
    with pytest.raises(ImportFailed, match="newer"):
        read_document(path)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ImportFailed, match="not a text file"):
        read_document(path)
    with pytest.raises(ImportFailed, match="no such file"):
        read_document(tmp_path / "missing.json")


def test_csv_has_one_row_per_entry_and_defuses_formulas(store: Store) -> None:
    import io
    from datetime import date

    read = store.habits.add("Read", "one page", full="20 pages", created=date(2026, 3, 1),
                            unit="pages")
    store.days.record(read.id, date(2026, 3, 2), "full", amount=12.5,
                      note='=HYPERLINK("x"), "quoted"\nnext line')
    out = io.StringIO()
    assert write_csv(store, out) == 1
    import csv

    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["date", "habit", "status", "amount", "unit", "note"]
    assert rows[1] == ["2026-03-02", "Read", "full", "12.5", "pages",
                       '\'=HYPERLINK("x"), "quoted"\nnext line']


def test_level_numbers_travel_and_version_1_files_still_import(store: Store,
                                                               tmp_path: Path) -> None:
    from datetime import date

    store.habits.add("Smoking", "ten or fewer", created=date(2026, 3, 1), unit="cigarettes",
                     min_amount=10, full_amount=5, stretch_amount=0, at_most=True)
    exported = export_document(store, NOW)
    habit = exported["habits"][0]
    assert (habit["min_amount"], habit["full_amount"], habit["stretch_amount"],
            habit["at_most"]) == (10, 5, 0, True)
    fresh = Store(tmp_path / "fresh.db")
    import_document(fresh, json.loads(json.dumps(exported)))
    assert export_document(fresh, NOW) == exported
    old = {"format": "tracker", "version": 1,
           "habits": [{"name": "Read", "minimum": "one page", "created": "2026-03-01"}]}
    import_document(fresh, old)
    read = fresh.habits.find("Read")
    assert not read.uses_amounts and not read.at_most
    fresh.close()


def test_imported_habits_go_after_the_ones_already_here(store: Store) -> None:
    from datetime import date

    store.habits.add("Mine", "x", created=date(2026, 3, 1))
    document = {"format": "tracker", "version": 2, "habits": [
        {"name": "B", "minimum": "x", "created": "2026-03-01", "position": 1},
        {"name": "A", "minimum": "x", "created": "2026-03-01", "position": 0},
        {"name": "Huge", "minimum": "x", "created": "2026-03-01", "position": 10 ** 30}]}
    import_document(store, document)
    assert [h.name for h in store.habits.all()] == ["Mine", "A", "B", "Huge"]


def test_an_x_in_n_days_schedule_travels_through_the_export(store: Store,
                                                             tmp_path: Path) -> None:
    """Version 3 writes ``in_days`` with its times and days; a version 2 file (which
    never holds it) still reads, and a version 3 file with a bad one is refused."""
    from datetime import date

    from tracker.domain.models import Schedule

    store.habits.add("Call home", "a message", created=date(2026, 3, 1),
                     schedule=Schedule.times_in_days(2, 10))
    exported = export_document(store, NOW)
    assert exported["habits"][0]["schedule"] == {"kind": "in_days", "days": [],
                                                 "per_week": 0, "times": 2, "every": 10}
    fresh = Store(tmp_path / "fresh.db")
    import_document(fresh, json.loads(json.dumps(exported)))
    assert fresh.habits.find("Call home").schedule == Schedule.times_in_days(2, 10)
    assert export_document(fresh, NOW) == exported
    older = {"format": "tracker", "version": 2, "habits": [
        {"name": "Gym", "minimum": "x", "created": "2026-03-01",
         "schedule": {"kind": "per_week", "days": [], "per_week": 3}}]}
    import_document(fresh, older)
    assert fresh.habits.find("Gym").schedule == Schedule.times_per_week(3)
    bad = {"format": "tracker", "version": 3, "habits": [
        {"name": "Odd", "minimum": "x", "created": "2026-03-01",
         "schedule": {"kind": "in_days", "times": 5, "every": 3}}]}
    with pytest.raises(ImportFailed, match=r"habits\[0\]: bad schedule .*between 1 and the"):
        import_document(fresh, bad, source="x.json")


def test_a_step_brought_along_keeps_its_first_day_through_the_export(tmp_path) -> None:
    from datetime import date

    from tracker.io.json_format import export_document, import_document
    from tracker.store import Store

    store = Store(tmp_path / "a.db")
    step = store.days.add_step(date(2026, 3, 10), "call the plumber")
    store.days.bring_along([step], date(2026, 3, 11))
    document = export_document(store)
    assert document["steps"][0]["date"] == "2026-03-11"
    assert document["steps"][0]["planned_on"] == "2026-03-10"
    copy = Store(tmp_path / "b.db")
    import_document(copy, document)
    assert copy.days.steps_on(date(2026, 3, 11))[0].first_planned == date(2026, 3, 10)
    assert export_document(copy)["steps"] == document["steps"]
    store.close()
    copy.close()
