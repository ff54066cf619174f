"""The weekly review as text (a Rich renderable), Markdown and JSON, for ``tracker week``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tracker.domain.directions import grouped, heading
from tracker.domain.models import Decision
from tracker.domain.rules import describe_comeback
from tracker.domain.text import printable
from tracker.domain.week import PROMPTS, HabitWeek, WeekSummary
from tracker.views.marks import (
    DAY_MARKS,
    ENERGY_LEGEND,
    ENERGY_MARKS,
    LEGEND,
    amount_text,
    fit,
    spark,
)


def plural(count: int, word: str) -> str:
    """``1 micro-step``, ``3 micro-steps``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def change_text(row: HabitWeek) -> str:
    """The change from last week, kindly: ``+2``, ``same``, ``-1``."""
    delta = row.showed_up - row.previous_showed_up
    return "same" if delta == 0 else f"{delta:+d}"


def versus_heading(summary: WeekSummary) -> str:
    """``vs last`` or, while the week is in progress, the days compared (``vs Mon–Wed``)."""
    if not summary.in_progress:
        return "vs last"
    shown = [d for d in summary.days if d <= summary.through]
    if not shown:
        return "vs last"
    first, last = shown[0].strftime("%a"), shown[-1].strftime("%a")
    return f"vs {first}" if first == last else f"vs {first}–{last}"


def in_progress_note(summary: WeekSummary) -> str:
    """One sentence saying how a week in progress is counted, or nothing."""
    if not summary.in_progress:
        return ""
    return ("This week is in progress: the days still to come count for nothing yet, and "
            "“vs” compares the same days of last week.")


def comebacks_text(row: HabitWeek) -> str:
    """The week's comebacks, each length said once: ``back the next day twice``."""
    counts = Counter(row.comebacks)
    times = {1: "", 2: " twice"}
    return ", ".join(describe_comeback(n) + times.get(c, f" {c} times")
                     for n, c in counts.items())


def planned_days(row: HabitWeek, summary: WeekSummary) -> int:
    """The days a habit was planned in the week so far: its scheduled days gone by (not
    rested, not before its history), or for an "N× a week" habit its weekly target."""
    schedule = row.habit.schedule
    if schedule.flexible:
        return schedule.per_week_target
    return sum(1 for day, kind in zip(summary.days, row.kinds, strict=True)
               if kind not in ("unplanned", "not yet", "rest") and schedule.is_scheduled(day))


TIMES = {1: "once", 2: "twice"}


def direction_groups(summary: WeekSummary) -> list[tuple[str, list[HabitWeek]]]:
    """The review's habits by direction (see domain/directions.py)."""
    return grouped(summary.habits, lambda row: row.habit.direction)


def direction_line(direction: str, rows: list[HabitWeek], summary: WeekSummary) -> str:
    """``health: showed up 12 of 14 planned · minimum raised once``."""
    names = {row.habit.name for row in rows}
    showed = sum(row.showed_up for row in rows)
    planned = sum(planned_days(row, summary) for row in rows)
    line = f"{printable(heading(direction))}: showed up {showed} of {planned} planned"
    kinds = Counter(d.kind for d in summary.review.decisions
                    if d.accepted and d.habit in names and d.kind in ("raise", "shrink"))
    for kind, words in (("raise", "minimum raised"), ("shrink", "minimum made smaller")):
        if kinds[kind]:
            line += f" · {words} {TIMES.get(kinds[kind], f'{kinds[kind]} times')}"
    return line


def week_json(summary: WeekSummary) -> dict[str, Any]:
    """The week as the JSON document documented in docs/formats.md."""
    return {
        "week_start": summary.week_start.isoformat(),
        "in_progress": summary.in_progress,
        "habits": [
            {"name": r.habit.name, "direction": r.habit.direction, "days": list(r.days),
             "marks": list(r.kinds),
             "showed_up": r.showed_up,
             "amount_total": r.amount_total, "unit": r.habit.unit,
             "previous_showed_up": r.previous_showed_up,
             "previous_amount_total": r.previous_amount_total,
             "consistency": round(r.consistency, 4),
             "growth": [None if g is None else round(g, 4) for g in r.growth],
             "ladder": [{"since": rung.since.isoformat(), "text": rung.text}
                        for rung in r.ladder],
             "comebacks": list(r.comebacks),
             "archived": r.habit.archived}
            for r in summary.habits],
        "directions": [
            {"direction": direction, "showed_up": sum(r.showed_up for r in rows),
             "planned": sum(planned_days(r, summary) for r in rows),
             "habits": [r.habit.name for r in rows]}
            for direction, rows in direction_groups(summary)],
        "energy": list(summary.energy),
        "showed_up_days": summary.showed_up_days,
        "counted_days": summary.counted_days,
        "resting_days": summary.resting_days,
        "steps_done": len(summary.steps_done),
        "steps": [{"date": s.day.isoformat(), "text": s.text, "note": s.note}
                  for s in summary.steps_done],
        "notes": [{"date": n.day.isoformat(), "source": n.source, "text": n.text}
                  for n in summary.notes],
        "suggestions": [{"habit": s.habit, "kind": s.kind, "text": s.text}
                        for s in summary.suggestions],
        "decisions": [{"habit": d.habit, "kind": d.kind,
                       "decision": "accepted" if d.accepted else "declined",
                       "text": d.new_minimum} for d in summary.review.decisions],
        "reflections": {key: summary.review.answers.get(key, "") for key, _ in PROMPTS},
    }


def week_table(summary: WeekSummary, *, plain: bool = False) -> Table:
    """The same grid as a Rich table, for ``tracker week`` on a terminal."""
    table = Table(box=None if plain else box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("habit", overflow="ellipsis", max_width=28, no_wrap=True)
    for day in summary.days:
        table.add_column(day.strftime("%a")[:2], justify="center")
    table.add_column("wins", justify="right")
    table.add_column("evidence", no_wrap=True, overflow="ellipsis", max_width=18)
    table.add_column(versus_heading(summary), justify="right")
    for row in summary.habits:
        name = printable(row.habit.name) + (" (archived)" if row.habit.archived else "")
        table.add_row(Text(name), *(DAY_MARKS[k] for k in row.kinds), str(row.showed_up),
                      Text(amount_text(row.amount_total, row.habit.unit)), change_text(row))
    table.add_row(Text("energy", style="dim"),
                  *(ENERGY_MARKS[e] for e in summary.energy), "", "", "")
    return table


def week_grid(summary: WeekSummary) -> Text:
    """One row per habit, one column per day, wins, evidence and the change from last
    week, and the energy of each day: plain aligned text (no table to lay out), the
    same in the app and from ``tracker week``."""
    names = [printable(r.habit.name) + (" (archived)" if r.habit.archived else "")
             for r in summary.habits]
    name_width = max(6, min(24, max((Text(n).cell_len for n in names), default=0)))
    evidence = [amount_text(r.amount_total, r.habit.unit) for r in summary.habits]
    evidence_width = max(8, min(18, max((len(e) for e in evidence), default=0)))
    grid = Text(no_wrap=True, overflow="ellipsis")
    header = fit("habit", name_width) + Text(" ")
    header.append("".join(d.strftime("%a")[:2].center(3) for d in summary.days))
    versus = versus_heading(summary)
    header.append(" " + "wins".rjust(4) + "  " + "evidence".ljust(evidence_width) + "  "
                  + versus.rjust(7))
    header.stylize("bold")
    grid.append_text(header)
    for row, name, total in zip(summary.habits, names, evidence, strict=True):
        line = Text("\n")
        line.append_text(fit(name, name_width))
        line.append(" " + "".join(DAY_MARKS[k].center(3) for k in row.kinds))
        line.append(f" {row.showed_up:>4}  ")
        line.append_text(fit(total, evidence_width))
        line.append(f"  {change_text(row):>{max(7, len(versus))}}")
        grid.append_text(line)
    energy = Text("\n")
    energy.append_text(fit("energy", name_width))
    energy.append(" " + "".join(ENERGY_MARKS[e].center(3) for e in summary.energy))
    energy.stylize("dim")
    grid.append_text(energy)
    return grid


def week_heading(summary: WeekSummary) -> Text:
    first, last = summary.days[0], summary.days[-1]
    text = Text(f"Week of {first:%a %d %b %Y} – {last:%a %d %b}"
                + (" (in progress)" if summary.in_progress else "") + "\n", style="bold")
    text.append(f"{showed_up_text(summary)} · "
                f"{plural(len(summary.steps_done), 'micro-step')} done", style="not bold")
    return text


def showed_up_text(summary: WeekSummary) -> str:
    """``Showed up on 2 of 4 days · 2 resting``: rest and days to come are out of it."""
    text = f"Showed up on {summary.showed_up_days} of {plural(summary.counted_days, 'day')}"
    if summary.resting_days:
        text += f" · {summary.resting_days} resting"
    return text


def growth_lines(summary: WeekSummary) -> list[Text]:
    """Each active habit's last 12 weeks as a sparkline, its consistency and ladder."""
    lines = []
    for row in summary.habits:
        if row.habit.archived:
            continue
        line = Text()
        line.append(printable(row.habit.name)[:20].ljust(20))
        line.append(" " + "".join(spark(g) for g in row.growth) + " ")
        line.append(f" {row.consistency:>4.0%} · {row.ladder_text}")
        if row.comebacks:
            line.append(f" · {comebacks_text(row)}")
        lines.append(line)
    return lines


def evidence_lines(summary: WeekSummary) -> list[Text]:
    """Micro-steps done and the week's notes, in date order."""
    lines = [Text(f"{s.day:%a} ☑ {printable(s.text)}"
                  + (f": {printable(s.note)}" if s.note else "")) for s in summary.steps_done]
    for note in summary.notes:
        line = Text(f"{note.day:%a} ")
        line.append(printable(note.source), style="bold")
        line.append(": " + printable(note.text))
        lines.append(line)
    return lines


def week_text(summary: WeekSummary, *, plain: bool = False) -> RenderableType:
    """The week as Rich renderables: a table of habits, then the evidence."""
    parts: list[RenderableType] = [
        week_heading(summary),
        week_table(summary, plain=plain) if summary.habits else Text("No habits in this week."),
        Text(LEGEND, style="dim"),
        Text(ENERGY_LEGEND, style="dim"),
    ]
    if summary.in_progress:
        parts.append(Text(in_progress_note(summary), style="italic"))
    groups = direction_groups(summary)
    if any(direction for direction, _ in groups):
        parts.append(Text("\nDirections", style="bold"))
        parts.extend(Text("  " + direction_line(d, rows, summary)) for d, rows in groups)
    growth = growth_lines(summary)
    if growth:
        parts.append(Text("\nGrowth (last 12 weeks, oldest first)", style="bold"))
        parts.extend(Text("  ") + line for line in growth)
    evidence = evidence_lines(summary)
    if evidence:
        parts.append(Text("\nEvidence: micro-steps done and notes", style="bold"))
        parts.extend(Text("  ") + line for line in evidence)
    if summary.suggestions:
        parts.append(Text("\nSuggestions", style="bold"))
        parts.extend(Text(f"  {printable(s.habit)}: {s.text}") for s in summary.suggestions)
    if summary.review.decisions:
        parts.append(Text("\nDecisions", style="bold"))
        parts.extend(Text(f"  {decision_text(d)}") for d in summary.review.decisions)
    answered = [(q, summary.review.answers.get(k, "")) for k, q in PROMPTS]
    if any(a for _, a in answered):
        parts.append(Text("\nReflections", style="bold"))
        for question, answer in answered:
            parts.append(Text(f"  {question} {printable(answer) or '—'}"))
    return Group(*parts)


def decision_text(decision: Decision) -> str:
    """``Read: raise accepted (new minimum: two pages)``."""
    verdict = "accepted" if decision.accepted else "declined"
    text = f"{printable(decision.habit)}: {decision.kind} {verdict}"
    if decision.new_minimum:
        text += f" (new minimum: {printable(decision.new_minimum)})"
    return text


def _md(text: str) -> str:
    """Escape text for a Markdown table cell or line."""
    text = printable(text)
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def week_markdown(summary: WeekSummary) -> str:
    """The week as a Markdown document: the same sections as the screen."""
    first, last = summary.days[0], summary.days[-1]
    lines = [f"# Week of {first:%d %b %Y} – {last:%d %b %Y}"
             + (" (in progress)" if summary.in_progress else ""), "",
             f"{showed_up_text(summary)}; "
             f"{plural(len(summary.steps_done), 'micro-step')} done.", ""]
    if summary.in_progress:
        lines += [f"_{in_progress_note(summary)}_", ""]
    header = ["Habit", *(d.strftime("%a") for d in summary.days), "Wins", "Evidence",
              versus_heading(summary)]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in summary.habits:
        cells = [_md(row.habit.name), *(DAY_MARKS[k] for k in row.kinds), str(row.showed_up),
                 _md(amount_text(row.amount_total, row.habit.unit)), change_text(row)]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("| energy | " + " | ".join(e or "" for e in summary.energy) + " | | | |")
    lines += ["", f"_{LEGEND}_", ""]
    groups = direction_groups(summary)
    if any(direction for direction, _ in groups):
        lines += ["## Directions", ""]
        lines += [f"- {_md(direction_line(d, rows, summary))}" for d, rows in groups] + [""]
    growing = [r for r in summary.habits if not r.habit.archived]
    if growing:
        lines += ["## Growth (last 12 weeks, oldest first)", ""]
        for row in growing:
            line = (f"- **{_md(row.habit.name)}**: `{''.join(spark(g) for g in row.growth)}` "
                    f"consistency {row.consistency:.0%} · {_md(row.ladder_text)}")
            if row.comebacks:
                line += f" · {comebacks_text(row)}"
            lines.append(line)
        lines.append("")
    if summary.steps_done:
        lines += ["## Micro-steps done", ""]
        lines += [f"- {s.day:%a}: {_md(s.text)}" + (f": {_md(s.note)}" if s.note else "")
                  for s in summary.steps_done] + [""]
    if summary.notes:
        lines += ["## Notes", ""]
        lines += [f"- {n.day:%a} {_md(n.source)}: {_md(n.text)}" for n in summary.notes] + [""]
    if summary.suggestions:
        lines += ["## Suggestions", ""]
        lines += [f"- **{_md(s.habit)}**: {s.text}" for s in summary.suggestions] + [""]
    if summary.review.decisions:
        lines += ["## Decisions", ""]
        lines += [f"- {_md(decision_text(d))}" for d in summary.review.decisions] + [""]
    lines += ["## Reflections", ""]
    for key, question in PROMPTS:
        lines += [f"**{question}**", "", _md(summary.review.answers.get(key, "")) or "—", ""]
    return "\n".join(lines)
