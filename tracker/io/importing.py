"""One import, whatever the format: read the path as its kind (recognised when not
given), write it all-or-nothing, and say in lines what came in and what did not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tracker.io.json_format import ImportReport, Progress, import_document
from tracker.io.source import shown
from tracker.store import Store

SINGULAR = {"lines": "line", "repetitions": "repetition", "checkmarks": "checkmark",
            "answers": "answer", "days": "day", "check-ins": "check-in", "entries": "entry",
            "habits": "habit", "micro-steps": "micro-step", "reviews": "review",
            "completions": "completion", "ticks": "tick"}


def read_path(path: Path, kind: str | None = None) -> tuple[str, dict[str, Any], ImportReport]:
    """Read ``path`` (as ``kind``, or as the format it is recognised as): the kind, the
    document to import, and a report already holding what the reading passed over."""
    from tracker.io.detect import detect, reader

    kind = kind or detect(path)
    read = reader(kind)(path)
    report = ImportReport()
    if kind == "json":
        return kind, read, report
    document = read.document()  # which also says what was not kept
    for reason, count in read.skipped.items():
        report.skip(reason, count)
    for remark in read.remarks:
        report.remark(remark)
    return kind, document, report


def write_document(store: Store, path: Path, document: dict[str, Any], report: ImportReport,
                   progress: Progress | None = None) -> ImportReport:
    """Import what ``read_path`` read, all or nothing; the report of both."""
    written = import_document(store, document, source=shown(path), progress=progress)
    for reason, count in report.skipped.items():
        written.skip(reason, count)
    for remark in report.remarks:
        written.remark(remark)
    return written


def one_reason(reason: str) -> str:
    """A reason for skipping, said of one: ``log lines of …`` → ``log line of …``."""
    words = reason.split(" ")
    for index, word in enumerate(words):
        if word in SINGULAR:
            words[index] = SINGULAR[word]
            break
    return " ".join(words)


def summary_lines(report: ImportReport, source: str) -> list[str]:
    """The summary: what came in, what was skipped and why, what was told apart and
    what was not kept."""
    if not report.added_anything:
        lines = [f"Nothing new in {source}: everything in it is already here."]
    else:
        counts = [(report.habits, "habit"), (report.entries, "entry"),
                  (report.checkins, "check-in"), (report.steps, "micro-step"),
                  (report.reviews, "review"), (report.pauses, "pause")]
        parts = [f"{n:,} {word if n == 1 else word.replace('ry', 'rie') + 's'}"
                 for n, word in counts if n]
        notes = f" ({report.notes:,} with notes)" if report.notes else ""
        lines = [f"Imported from {source}: {', '.join(parts)}{notes}."]
    for reason, count in sorted(report.skipped.items()):
        lines.append(f"  skipped {count:,} {reason if count != 1 else one_reason(reason)}")
    lines += [f"  note: {remark}" for remark in report.remarks]
    return lines
