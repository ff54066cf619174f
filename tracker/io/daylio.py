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


def read_daylio(path: Path) -> Converted:
    """Read a Daylio export; a file without a header row is read by its first cell."""
    lines = csv_lines(path, "Daylio's CSV export")
    rows = [(n, cells) for n, cells in enumerate(lines, 1) if "".join(cells).strip()]
    if not rows:
        raise ImportFailed(f"{shown(path)}: empty (not a Daylio export)")
    header = tuple(cell.strip().lower() for cell in rows[0][1])
    layout = LAYOUTS.get(header)
    if layout is not None:
        rows = rows[1:]
    else:
        first = rows[0][1][0].strip() if rows[0][1] else ""
        if ISO.fullmatch(first) and len(rows[0][1]) in (7, 8):
            layout = "full" if len(rows[0][1]) == 7 else "titled"
        elif re.fullmatch(r"\d{4}", first) and len(rows[0][1]) == 7:
            layout = "year"
        else:
            raise ImportFailed(f"{shown(path)}: not a Daylio export (expected a header like "
                               "full_date,date,weekday,time,mood,activities,note)")
    width = 8 if layout == "titled" else 7
    converted = Converted(str(path))
    days: dict[date, list[tuple[int, str, list[str], str]]] = {}
    for number, cells in rows:
        where = f"{shown(path)}, line {number}"
        if len(cells) < width:
            raise ImportFailed(f"{where}: expected {width} fields, got {len(cells)}")
        if layout == "year":
            day = _older_day(cells[0], cells[1], where)
        else:
            try:
                day = checks.iso_day(cells[0].strip())
            except ValueError:
                raise ImportFailed(f"{where}: full_date {cells[0][:30]!r} is not a date "
                                   "(YYYY-MM-DD)") from None
        note = "\n".join(part.strip() for part in cells[6:width] if part.strip())
        try:
            note = checks.text(note, "note")
            mood = checks.text(cells[4].strip(), "mood", checks.MAX_NAME)
        except ValueError as error:
            raise ImportFailed(f"{where}: {error}") from None
        activities = [a.strip() for a in cells[5].split(" | ") if a.strip()]
        days.setdefault(day, []).append((minutes(cells[3]), mood, activities, note))
    _convert(converted, days, shown(path))
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
