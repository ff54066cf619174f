"""Daylio's CSV export: a mood journal, a row per entry (often several a day), newest
first. Each day becomes a check-in (its moods as energy and note), each activity a
habit done on the days it was logged (see docs/formats.md for the mapping)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from tracker.domain import checks
from tracker.domain.models import Schedule
from tracker.io.foreign import Converted
from tracker.io.source import ImportFailed, shown
from tracker.io.text_files import csv_lines

LAYOUTS = {
    ("year", "date", "weekday", "time", "mood", "activities", "note"): "year",
    ("full_date", "date", "weekday", "time", "mood", "activities", "note"): "full",
    ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"):
        "titled",
}
"""The layouts seen: a header names its columns; a file without one is read as the
layout of as many fields whose first cell is a full date (or a year)."""
STOCK_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
"""Daylio's five stock moods, as levels from 5 (rad) to 1 (awful)."""
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
TIME = re.compile(r"(\d{1,2})[:.](\d{2})\s*([ap])?\.?\s*m?\.?", re.IGNORECASE)
MONTHS: dict[str, int] = {}
"""Month names in the languages Daylio speaks (nominative and genitive), lower case and
without accents, to their numbers; filled below."""
for _number, _names in enumerate((
    "january jan januar janvier enero gennaio janeiro januari stycznia styczen leden ledna "
    "января январь ocak januar januari",
    "february feb februar fevrier febrero febbraio fevereiro februari lutego luty unor unora "
    "февраля февраль subat",
    "march mar marz mars marzo marco maart marca marzec brezen brezna марта март mart",
    "april apr avril abril aprile kwietnia kwiecien duben dubna апреля апрель nisan",
    "may mai mayo maggio maio mei maja maj kveten kvetna мая май mayis",
    "june jun juni juin junio giugno junho czerwca czerwiec cerven cervna июня июнь haziran",
    "july jul juli juillet julio luglio julho lipca lipiec cervenec cervence июля июль "
    "temmuz",
    "august aug august aout agosto augustus sierpnia sierpien srpen srpna августа август "
    "agustos",
    "september sep sept septembre septiembre settembre setembro wrzesnia wrzesien zari "
    "сентября сентябрь eylul",
    "october oct oktober octobre octubre ottobre outubro pazdziernika pazdziernik rijen "
    "rijna октября октябрь ekim okt",
    "november nov novembre noviembre novembro listopada listopad листопад ноября ноябрь "
    "kasim",
    "december dec dezember decembre diciembre dicembre dezembro grudnia grudzien prosinec "
    "prosince декабря декабрь aralik dez",
), 1):
    for _name in _names.split():
        MONTHS.setdefault(_name, _number)


def _plain_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l")


def month_number(word: str) -> int | None:
    """A month's name or its abbreviation in one of Daylio's languages, or None."""
    cleaned = _plain_word(word).strip(" .,")
    if cleaned in MONTHS:
        return MONTHS[cleaned]
    found = {n for name, n in MONTHS.items() if len(cleaned) >= 3 and name.startswith(cleaned)}
    return found.pop() if len(found) == 1 else None


def _older_day(year: str, text: str, where: str) -> date:
    """``7 września`` or ``September 7`` with the year beside it."""
    numbers = re.findall(r"\d{1,2}", text)
    words = [w for w in re.findall(r"[^\W\d_]+", text) if month_number(w) is not None]
    try:
        if len(numbers) != 1 or not words:
            raise ValueError
        month = month_number(words[0])
        assert month is not None
        return checks.iso_day(date(int(year), month, int(numbers[0])).isoformat())
    except (ValueError, OverflowError):
        raise ImportFailed(f"{where}: cannot read the date {text.strip()[:30]!r} of "
                           f"{year.strip()[:6]!r} (a month name tracker does not know); "
                           "export again from a newer Daylio, whose rows hold full_date"
                           ) from None


def minutes(text: str) -> int:
    """``21:05`` or ``9:05 PM`` as minutes after midnight (unreadable: 0)."""
    match = TIME.search(text)
    if match is None:
        return 0
    hour, minute = int(match.group(1)) % 24, int(match.group(2))
    if match.group(3):
        hour = hour % 12 + (12 if match.group(3).lower() == "p" else 0)
    return hour * 60 + minute


def _columns(header: tuple[str, ...]) -> dict[str, int] | None:
    """Where each field is, from a header row that names Daylio's fields (in any order,
    with any more columns of newer versions beside them); None for a row of data."""
    columns = {name: index for index, name in reversed(list(enumerate(header)))}
    day = "full_date" if "full_date" in columns else "year" if "year" in columns else None
    if day is None or not {"date", "time", "mood", "activities", "note"} <= set(columns):
        return None
    return columns


def _layout(path: Path, first: list[str]) -> dict[str, int]:
    """The columns of a file without a header row, told by its first cells."""
    cell = first[0].strip() if first else ""
    names = list(next((h for h, _kind in LAYOUTS.items() if len(h) == len(first) and (
        (h[0] == "full_date" and ISO.fullmatch(cell)) or
        (h[0] == "year" and re.fullmatch(r"\d{4}", cell)))), ()))
    if not names:
        raise ImportFailed(f"{shown(path)}: not a Daylio export (expected a header like "
                           "full_date,date,weekday,time,mood,activities,note)")
    return {name: index for index, name in enumerate(names)}


def read_daylio(path: Path) -> Converted:
    """Read a Daylio export; a file without a header row is read by its first cells."""
    lines = csv_lines(path, "Daylio's CSV export", sniff_tabs=True)
    rows = [(n, cells) for n, cells in enumerate(lines, 1) if "".join(cells).strip()]
    if not rows:
        raise ImportFailed(f"{shown(path)}: empty (not a Daylio export)")
    columns = _columns(tuple(cell.strip().lower() for cell in rows[0][1]))
    if columns is not None:
        rows = rows[1:]
    else:
        columns = _layout(path, rows[0][1])
    width = max(columns.values()) + 1
    notes = [columns[n] for n in ("note_title", "note") if n in columns]
    source = shown(path)
    converted = Converted(str(path))
    days: dict[date, list[tuple[int, str, list[str], str]]] = {}
    for number, cells in rows:
        where = f"{source}, line {number}"
        if len(cells) < width:
            raise ImportFailed(f"{where}: expected {width} fields, got {len(cells)}")
        if "full_date" in columns:
            try:
                day = checks.iso_day(cells[columns["full_date"]].strip())
            except ValueError:
                raise ImportFailed(f"{where}: full_date {cells[columns['full_date']][:30]!r} "
                                   "is not a date (YYYY-MM-DD)") from None
        else:
            day = _older_day(cells[columns["year"]], cells[columns["date"]], where)
        note = "\n".join(cells[i].strip() for i in notes if cells[i].strip())
        try:
            note = checks.text(note, "note")
            mood = checks.text(cells[columns["mood"]].strip(), "mood", checks.MAX_NAME)
        except ValueError as error:
            raise ImportFailed(f"{where}: {error}") from None
        activities = [a.strip() for a in cells[columns["activities"]].split(" | ")
                      if a.strip()]
        days.setdefault(day, []).append((minutes(cells[columns["time"]]), mood, activities,
                                         note))
    _convert(converted, days, source)
    return converted


def energy(moods: list[str]) -> str:
    """The day's energy from its stock moods: their mean level, 4 or more high (rad,
    good), 2 or less low (bad, awful), else ok; a day of only the person's own moods is
    ok (the export does not say their level)."""
    levels = [STOCK_MOODS[m.lower()] for m in moods if m.lower() in STOCK_MOODS]
    if not levels:
        return "ok"
    mean = sum(levels) / len(levels)
    return "high" if mean >= 4 else "low" if mean <= 2 else "ok"


def _convert(converted: Converted, days: dict[date, list[tuple[int, str, list[str], str]]],
             where: str) -> None:
    habits: dict[str, str] = {}
    for day in sorted(days):
        entries = sorted(days[day], key=lambda e: e[0])  # the file is newest first
        moods = [mood for _t, mood, _a, _n in entries if mood]
        said = ", ".join(dict.fromkeys(moods))
        notes = [note for _t, _m, _a, note in entries if note]
        text = "\n".join(([f"mood: {said}"] if said else []) + notes)
        try:
            text = checks.text(text, "day's notes")
        except ValueError as error:
            raise ImportFailed(f"{where}, {day}: {error}") from None
        converted.checkin(day, energy(moods), text)
        for activity in dict.fromkeys(a for _t, _m, acts, _n in entries for a in acts):
            key = " ".join(activity.split()).lower()
            if key not in habits:
                habits[key] = converted.add_habit(
                    activity, schedule=Schedule.times_per_week(1).to_dict(),
                    where=f"{where}, {day}", sources=[f"daylio:{key}"])
            converted.record(habits[key], day, "full")
