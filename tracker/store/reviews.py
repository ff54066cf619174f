"""Weekly reviews: reflection answers and the suggestions accepted or declined."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

from tracker.domain.models import Decision, Review
from tracker.store.errors import ChangedElsewhere

Write = Callable[[], AbstractContextManager[sqlite3.Connection]]


def _review(row: tuple[str, str, str]) -> Review:
    week, answers, decisions = row
    return Review(date.fromisoformat(week), dict(json.loads(answers)),
                  tuple(Decision(**d) for d in json.loads(decisions)))


class Reviews:
    """Reads and writes weekly reviews."""

    def __init__(self, conn: sqlite3.Connection, write: Write) -> None:
        self._conn = conn
        self._write = write

    def get(self, week_start: date) -> Review | None:
        row = self._conn.execute(
            "SELECT week_start, answers, decisions FROM reviews WHERE week_start = ?",
            (week_start.isoformat(),)).fetchone()
        return None if row is None else _review(row)

    def all(self) -> list[Review]:
        rows = self._conn.execute(
            "SELECT week_start, answers, decisions FROM reviews ORDER BY week_start")
        return [_review(r) for r in rows]

    def save(self, review: Review) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO reviews (week_start, answers, decisions) VALUES (?, ?, ?) "
                "ON CONFLICT (week_start) DO UPDATE SET answers = excluded.answers, "
                "decisions = excluded.decisions",
                (review.week_start.isoformat(),
                 json.dumps(dict(review.answers), ensure_ascii=False, sort_keys=True),
                 json.dumps([d._asdict() for d in sorted(
                     review.decisions, key=lambda d: (d.habit.lower(), d.kind))],
                     ensure_ascii=False)))

    def put(self, week_start: date, review: Review | None, expected: Review | None) -> None:
        """Put back a week's review as it was (or none), if it is still ``expected``."""
        with self._write() as conn:
            if self.get(week_start) != expected:
                raise ChangedElsewhere("this review was changed elsewhere since")
            conn.execute("DELETE FROM reviews WHERE week_start = ?", (week_start.isoformat(),))
            if review is not None:
                self.save(review)

    def answer(self, week_start: date, key: str, text: str) -> Review:
        """Save one reflection answer, keeping the rest of the review."""
        current = self.get(week_start) or Review(week_start)
        review = Review(week_start, {**current.answers, key: text}, current.decisions)
        self.save(review)
        return review

    def decide(self, week_start: date, decision: Decision) -> Review:
        """Save a decision on a suggestion (replacing an earlier one on the same)."""
        current = self.get(week_start) or Review(week_start)
        kept = tuple(d for d in current.decisions
                     if (d.habit, d.kind) != (decision.habit, decision.kind))
        review = Review(week_start, current.answers, (*kept, decision))
        self.save(review)
        return review
