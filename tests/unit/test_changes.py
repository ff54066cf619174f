"""The changes room and the rules the store enforces whoever calls: days to come and
levels a habit lacks are refused, a change of several steps is whole or nothing, and
undo never overwrites what another process changed since."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.changes import Changes
from tracker.domain.suggestions import Suggestion
from tracker.io.json_format import import_document
from tracker.store import ChangedElsewhere, Refused, Store

TODAY = date(2026, 3, 12)


@pytest.fixture
def changes(store: Store) -> Changes:
    store.today = lambda: TODAY
    return Changes(store)


def test_the_store_refuses_a_day_to_come_whoever_calls(store: Store) -> None:
    store.today = lambda: TODAY
    read = store.habits.add("Read", "one page", created=TODAY)
    with pytest.raises(Refused, match="has not happened yet"):
        store.days.record(read.id, TODAY + timedelta(days=1), "minimum")
    with pytest.raises(Refused, match="has not happened yet"):
        store.days.check_in(TODAY + timedelta(days=1), "ok")
    store.days.record(read.id, TODAY, "minimum")  # today is fine
    assert store.days.entry(read.id, TODAY + timedelta(days=1)) is None


def test_the_store_refuses_a_level_the_habit_lacks(store: Store) -> None:
    read = store.habits.add("[b]Read[/b]", "one page", created=TODAY)
    for level in ("full", "stretch"):
        with pytest.raises(Refused, match=f"has no {level} version yet.*--{level} TEXT"):
            store.days.record(read.id, TODAY, level)
    assert store.days.entry(read.id, TODAY) is None
    store.days.record(read.id, TODAY, "rest")


def test_an_amount_marks_the_level_it_reaches(changes: Changes) -> None:
    read = changes.habits.add("Read", "one page", full="20 pages", unit="pages",
                              min_amount=1, full_amount=20)
    entry = changes.days.evidence(read, TODAY, 25, "a chapter", seen=None)
    assert entry is not None and (entry.status, entry.amount) == ("full", 25)
    entry = changes.days.done(read, TODAY - timedelta(days=1), amount=0.0)
    assert entry is not None and entry.status is None  # evidence only, no level


def test_undo_puts_back_and_never_over_another_change(changes: Changes, db_path: Path) -> None:
    read = changes.habits.add("Read", "one page", full="20 pages")
    changes.days.mark(read, TODAY, "full", seen=None)
    other = Store(db_path)
    other.days.record(read.id, TODAY, "minimum")
    other.close()
    with pytest.raises(ChangedElsewhere, match="marked full for Read"):
        changes.undo()
    assert changes.store.days.entry(read.id, TODAY).status == "minimum"  # type: ignore[union-attr]
    with pytest.raises(ChangedElsewhere, match="added Read"):  # a day is recorded for it
        changes.undo()
    assert changes.store.habits.find("Read").id == read.id
    assert changes.undo() is None


def test_a_raise_accepted_is_whole_or_nothing(changes: Changes, db_path: Path) -> None:
    read = changes.habits.add("Read", "one page", full="20 pages",
                              created=TODAY - timedelta(days=30))
    raise_it = Suggestion("Read", "raise", "done on 90% of days")
    monday = TODAY - timedelta(days=TODAY.weekday())
    other = Store(db_path)
    other.habits.update(other.habits.get(read.id), TODAY, direction="mind")
    other.close()
    with pytest.raises(ChangedElsewhere):  # the habit is no longer as the review showed it
        changes.reviews.decide(monday, raise_it, read, True, "two pages")
    assert changes.store.reviews.get(monday) is None
    assert [r.text for r in changes.store.habits.ladder(read.id)] == ["one page"]
    seen = changes.store.habits.get(read.id)
    changes.reviews.decide(monday, raise_it, seen, True, "two pages")
    assert [r.text for r in changes.store.habits.ladder(read.id)] == ["one page", "two pages"]
    changes.undo()
    assert changes.store.reviews.get(monday) is None
    assert changes.store.habits.get(read.id) == seen
    assert [r.text for r in changes.store.habits.ladder(read.id)] == ["one page"]


def test_an_import_skips_days_to_come_and_says_so(store: Store) -> None:
    store.today = lambda: TODAY
    document = {"format": "tracker", "version": 1,
                "habits": [{"name": "Read", "minimum": "one page", "created": "2026-03-01"}],
                "entries": [{"habit": "Read", "date": "2026-03-12", "status": "minimum"},
                            {"habit": "Read", "date": "2026-03-13", "status": "minimum"}]}
    report = import_document(store, document)
    assert report.entries == 1
    assert report.skipped["entries for days to come (wins are recorded once they happen)"] == 1
    assert store.days.entry(store.habits.find("Read").id, date(2026, 3, 13)) is None


def test_a_deleted_habit_comes_back_whole(changes: Changes) -> None:
    """Every row: the habit (its sync identity too), ladder, entries, sources, and the
    micro-steps tied to it; a backup is still taken first."""
    store = changes.store
    read = changes.habits.add("Read", "one page", full="20 pages",
                              created=TODAY - timedelta(days=30))
    changes.habits.edit(read, minimum="two pages")
    changes.days.mark(read, TODAY, "full", note="a chapter")
    store.habits.remember_sources(read.id, ["loop:abc"])
    step = changes.days.add_step(TODAY, "buy a lamp", habit_id=read.id)
    before = store.habits.rows(read.id)
    assert before is not None and len(before.ladder) == 2 and before.steps == ((step.id,),)
    copy = changes.habits.delete(read)
    assert copy.exists() and store.habits.rows(read.id) is None
    assert store.days.step(step.id).habit_id is None  # type: ignore[union-attr]
    made = changes.undo()
    assert made is not None and made.description == "deleted Read"
    assert store.habits.rows(read.id) == before
    assert store.habits.by_source(["loop:abc"]) == read.id
