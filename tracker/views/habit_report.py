"""The habit page as text and JSON (``tracker habit show``); the app's page draws the same
lines (header, calendar, weekdays, resilience, notes) and adds charts."""

from __future__ import annotations

from datetime import date
from statistics import median
from typing import Any

from rich.console import Group
from rich.text import Text

from tracker.domain.days import WEEKDAYS
from tracker.domain.habit_page import PAGE_WEEKS, HabitPage, PageDay
from tracker.domain.pauses import pause_of
from tracker.domain.text import printable, shorten
from tracker.views.marks import DAY_MARKS, LEGEND, amount_text, spark

QUIET_KINDS = frozenset(("unplanned", "not yet"))
NOTE_CHARACTERS = 400
"""A note on the page is cut there (the JSON carries it whole)."""
DAY_STYLES = {"stretch": "bold", "full": "bold", "minimum": "", "rest": "", "amount": "",
              "nothing": "dim", "unplanned": "dim", "not yet": "dim"}


def habit_json(page: HabitPage) -> dict[str, Any]:
    """The page as the JSON document documented in docs/formats.md."""
    habit = page.habit
    return {
        "habit": {"name": habit.name, "direction": habit.direction, "minimum": habit.minimum,
                  "full": habit.full, "stretch": habit.stretch, "unit": habit.unit,
                  "min_amount": habit.min_amount, "full_amount": habit.full_amount,
                  "stretch_amount": habit.stretch_amount, "at_most": habit.at_most,
                  "step": habit.step, "schedule": habit.schedule.to_dict(),
                  "archived": habit.archived, "created": habit.created.isoformat()},
        "today": page.today.isoformat(),
        "history_start": page.start.isoformat(),
        "first_day": page.first_day.isoformat(),
        "last_day": page.last_day.isoformat(),
        "consistency": round(page.consistency, 4),
        "consistency_change": round(page.change, 4),
        "days": [{"date": d.day.isoformat(), "status": d.status, "mark": d.kind,
                  "amount": d.amount, "note": d.note} for d in page.days],
        "weeks": [{"week_start": w.start.isoformat(),
                   "consistency": None if w.consistency is None else round(w.consistency, 4),
                   "wins": w.wins, "amount": w.amount} for w in page.weeks],
        "weekdays": [{"weekday": WEEKDAYS[i], "wins": page.weekday_wins[i],
                      "planned": None if page.habit.schedule.flexible
                      else page.weekday_slots[i],
                      "resting": page.weekday_rests[i]} for i in range(7)],
        "ladder": [{"since": c.since.isoformat(), "text": c.text, "change": c.change}
                   for c in page.ladder],
        "comebacks": [{"date": d.isoformat(), "days": n} for d, n in page.comebacks],
        "longest_run": None if page.longest_run is None else {
            "first": page.longest_run.first.isoformat(),
            "last": page.longest_run.last.isoformat(),
            "count": page.longest_run.count, "unit": page.longest_run.unit},
        "notes": [{"date": d.isoformat(), "text": t} for d, t in page.notes],
        "pauses": [{"first": p.first.isoformat(), "last": p.last.isoformat(), "note": p.note,
                    "every_habit": p.habit_id is None} for p in page.pauses],
    }


def percent_change(change: float) -> str:
    """``+6 points``, ``same``, ``−3 points`` (consistency moves in points)."""
    points = round(change * 100)
    if points == 0:
        return "about the same"
    return f"{points:+d} point" + ("s" if abs(points) != 1 else "")


def page_heading(page: HabitPage) -> list[Text]:
    """Name, direction and schedule; the versions with their numbers; consistency now."""
    habit = page.habit
    title = Text(printable(habit.name), style="bold")
    if habit.archived:
        title.append(" (archived)", style="dim")
    title.append(f" · {habit.schedule.describe()}", style="not bold")
    if habit.direction:
        title.append(f" · direction: {printable(habit.direction)}", style="not bold")
    versions = Text("minimum: ", style="dim")
    versions.append(printable(habit.minimum))
    for level in ("full", "stretch"):
        text = getattr(habit, level)
        if text:
            versions.append(f" · {level}: ", style="dim")
            versions.append(printable(text))
    lines = [title, versions]
    if habit.uses_amounts:
        lines.append(Text(printable(habit.levels_text()), style="dim"))
    elif habit.unit:
        lines.append(Text(f"evidence in {printable(habit.unit)}", style="dim"))
    score = Text(f"Consistency {page.consistency:.0%}", style="bold")
    score.append(f" ({percent_change(page.change)} over the last 4 weeks) · ", style="not bold")
    latest = page.ladder[-1]
    score.append(f"minimum since {latest.since:%d %b %Y}"
                 if len(page.ladder) > 1 else f"same minimum since {latest.since:%B %Y}",
                 style="not bold")
    lines.append(score)
    return lines


def cell_look(day: PageDay, cursor: bool, today: bool) -> tuple[str, str]:
    """A calendar cell's mark (the review's) and style: the cursor's cell in reverse,
    today's underlined, so both show without colour."""
    style = DAY_STYLES[day.kind]
    if today:
        style += " underline"
    if cursor:
        style += " reverse"
    return DAY_MARKS[day.kind], style.strip()


def month_labels(page: HabitPage, first_week: int, weeks: int) -> Text:
    """The months over the calendar's columns (the year on the first)."""
    shown = page.days[7 * first_week:7 * (first_week + weeks)]
    months = Text("    ", style="dim")
    previous = None
    for column in range(weeks):
        first = shown[7 * column].day
        if first.month != previous and months.cell_len <= 4 + 2 * column:
            label = f"{first:%b}" + (f" {first:%Y}" if column == 0 else "")
            months.append(" " * (4 + 2 * column - months.cell_len) + label + " ")
        previous = first.month
    return months


def calendar_lines(page: HabitPage, first_week: int = 0, weeks: int = PAGE_WEEKS,
                   cursor: date | None = None) -> list[Text]:
    """Months across the top, a row per weekday, a column per week (``weeks`` of them
    from ``first_week``): the review's marks, quiet for days not planned or to come."""
    weeks = max(1, min(weeks, PAGE_WEEKS - first_week))
    shown = page.days[7 * first_week:7 * (first_week + weeks)]
    lines = [month_labels(page, first_week, weeks)]
    for row in range(7):
        line = Text(WEEKDAYS[shown[row].day.weekday()].capitalize() + " ", style="dim")
        for column in range(weeks):
            day = shown[7 * column + row]
            mark, style = cell_look(day, day.day == cursor, day.day == page.today)
            line.append(mark, style=style)
            line.append(" ")
        lines.append(line)
    return lines


def day_text(page: HabitPage, day: date) -> Text:
    """``Tue 17 Nov 2026: ● full · 12 pages · “with a friend”`` for the cursor's day."""
    shown = page.day(day)
    text = Text(f"{day:%a %d %b %Y}: ", style="bold")
    if shown is None:
        return text
    words = {"amount": "an amount, no level reached", "nothing": "nothing recorded",
             "unplanned": "not planned" if day >= page.start else "before the history",
             "not yet": "today, nothing yet" if day == page.today else "to come"}
    kind = shown.kind
    text.append(f"{DAY_MARKS[kind]} " if kind not in QUIET_KINDS else "")
    text.append(words.get(kind, kind))
    if shown.amount is not None:
        text.append(f" · {amount_text(shown.amount, page.habit.unit)}")
    if shown.note:
        text.append(" · “")
        text.append(printable(shown.note))
        text.append("”")
    pause = pause_of(page.pauses, page.habit.id, day)
    if pause is not None:
        text.append(f" · {printable(pause.label)} ({pause.first:%a %d %b} – "
                    f"{pause.last:%a %d %b})")
    return text


def weekday_lines(page: HabitPage) -> list[Text]:
    """Wins by weekday, as bars against the days planned."""
    lines = []
    most = max(page.weekday_slots + page.weekday_wins, default=0) or 1
    order = [d.day.weekday() for d in page.days[:7]]
    for weekday in order:
        wins, planned = page.weekday_wins[weekday], page.weekday_slots[weekday]
        bar = round(20 * wins / most)
        line = Text(WEEKDAYS[weekday].capitalize() + " ", style="dim")
        line.append("█" * bar)
        line.append("░" * max(0, round(20 * planned / most) - bar), style="dim")
        line.append(f" {wins}" + weekday_words(page, weekday))
        lines.append(line)
    return lines


def weekday_words(page: HabitPage, weekday: int) -> str:
    """What a weekday's wins are out of: `` of 3 planned · 1 resting``, `` (not
    planned)``, `` (no Mon yet)`` in a history begun later in the week, or just
    `` wins`` for an "N× a week" habit (it plans no particular day)."""
    schedule = page.habit.schedule
    rests = page.weekday_rests[weekday]
    resting = f" · {rests} resting" if rests else ""
    if schedule.flexible:
        return (" win" if page.weekday_wins[weekday] == 1 else " wins") + resting
    if schedule.kind == "weekdays" and weekday not in schedule.days:
        return " (not planned)" + resting
    planned = page.weekday_slots[weekday]
    if not planned:
        return resting or f" (no {WEEKDAYS[weekday].capitalize()} yet)"
    return f" of {planned} planned" + resting


def resilience_lines(page: HabitPage) -> list[Text]:
    """How quickly the person came back after gaps, and the longest run of showing up:
    told as resilience, never as broken streaks."""
    lines = []
    gaps = [n for _day, n in page.comebacks]
    if page.habit.schedule.flexible:
        counted = "the weeks" if page.habit.schedule.kind == "per_week" else "the windows"
        lines.append(Text(f"No fixed days, so no gaps to come back from: {counted} count.",
                          style="dim"))
    elif gaps:
        quick = sum(1 for n in gaps if n <= 2)
        line = Text(f"Came back {len(gaps)} time{'s' if len(gaps) != 1 else ''} after a gap")
        line.append(f", {quick} of them within two days" if quick else "")
        line.append(f"; usually after {median(gaps):g} day{'s' if median(gaps) != 1 else ''}")
        longest = max(page.comebacks, key=lambda c: c[1])
        line.append(f"; even after {longest[1]} days, on {longest[0]:%d %b}."
                    if longest[1] > 2 else ".")
        lines.append(line)
    else:
        lines.append(Text("No gaps to come back from this year.", style="dim"))
    run = page.longest_run
    if run is not None:
        what = {"wins": "wins", "weeks": "weeks at the target",
                "windows": f"spans of {page.habit.schedule.every} days at the target"}[run.unit]
        lines.append(Text(f"Longest run of showing up: {run.count} {what} in a row, "
                          f"{run.first:%d %b} – {run.last:%d %b %Y}."))
    return lines


def note_lines(page: HabitPage, limit: int | None = None) -> list[Text]:
    """The year's notes, newest first, with their dates."""
    if not page.notes:
        return [Text("No notes this year. n on a day adds one.", style="dim")]
    lines = []
    for day, note in page.notes[:limit]:
        line = Text(f"{day:%a %d %b %Y}  ", style="dim")
        line.append(shorten(printable(note), NOTE_CHARACTERS))
        lines.append(line)
    if limit is not None and len(page.notes) > limit:
        lines.append(Text(f"… and {len(page.notes) - limit} older", style="dim"))
    return lines


def pause_lines(page: HabitPage) -> list[Text]:
    """The year's pauses, oldest first: days off on purpose, rest for every rule."""
    lines = []
    for pause in page.pauses:
        line = Text(f"{pause.first:%a %d %b} – {pause.last:%a %d %b %Y}  ", style="dim")
        line.append(printable(pause.label))
        if pause.habit_id is None:
            line.append(" (every habit)", style="dim")
        lines.append(line)
    return lines


def trend_lines(page: HabitPage) -> list[Text]:
    """The charts in one line each, for a terminal without the app: consistency by week
    and wins by week, oldest first."""
    weeks = page.weeks
    lines = [Text("consistency  ") + Text("".join(spark(w.consistency) for w in weeks))]
    most = max((w.wins for w in weeks), default=0) or 1
    lines.append(Text("wins a week  ") + Text("".join(spark(w.wins / most) for w in weeks)))
    if any(w.amount is not None for w in weeks):
        top = max(w.amount or 0 for w in weeks) or 1
        lines.append(Text(printable(page.habit.unit or "amount")[:11].ljust(11) + "  ")
                     + Text("".join(spark((w.amount or 0) / top) for w in weeks)))
    first, last = weeks[0].start, weeks[-1].start
    lines.append(Text(f"             {first:%b %Y}".ljust(13 + len(weeks) - 8)
                      + f"{last:%b %Y}", style="dim"))
    return lines


def section(title: str) -> Text:
    return Text("\n" + title, style="bold underline")


def habit_text(page: HabitPage) -> Group:
    """The page for ``tracker habit show``: everything but the charts, which are lines."""
    ladder = [Text(f"{c.since:%d %b %Y}  {c.change}: “{printable(c.text)}”")
              for c in page.ladder]
    return Group(
        *page_heading(page),
        section(f"{page.first_day:%d %b %Y} – {page.last_day:%d %b %Y}"),
        *calendar_lines(page),
        Text(LEGEND, style="dim"),
        section("Over the year, by week"),
        *trend_lines(page),
        section("Ladder"), *ladder,
        section("Which days work"), *weekday_lines(page),
        section("Coming back"), *resilience_lines(page),
        section("Notes, newest first"), *note_lines(page),
        *([section("Pauses"), *pause_lines(page)] if page.pauses else []),
    )
