"""The habit page's charts, drawn by Plotext through textual-plotext: consistency by week
with the ladder's changes marked, wins per week, and the amount per week in the habit's
unit. This module is imported when the page first draws its charts (in a worker, after
the page's first frame): start-up never pays for it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual_plotext import PlotextPlot

from tracker.domain.habit_page import HabitPage
from tracker.domain.text import printable, shorten

CHART_HEIGHT = 12


def month_ticks(page: HabitPage) -> tuple[list[float], list[str]]:
    """The weeks where a month starts, labelled with the month (and the year on the first
    label and in January); every other month when the chart is a year wide."""
    ticks: list[float] = []
    labels: list[str] = []
    for number, week in enumerate(page.weeks):
        if number == 0 or week.start.month != page.weeks[number - 1].start.month:
            year = f" {week.start:%Y}" if not ticks or week.start.month == 1 else ""
            ticks.append(number)
            labels.append(f"{week.start:%b}{year}")
    return ticks[::2], labels[::2]


def nice_ticks(top: float) -> list[float]:
    """Round numbers from 0 to about ``top``, at most six: 0 1 … 7, 0 5 10, 0 50 100 …"""
    step = 1.0
    while top / step > 5 and top / (2 * step) > 5 and top / (5 * step) > 5:
        step *= 10
    step = next(s for s in (step, 2 * step, 5 * step, 10 * step) if top / s <= 7)
    return [step * n for n in range(int(top // step) + 1)] if top >= 1 else [0.0, 1.0]


def chart_data(page: HabitPage) -> tuple[object, ...]:
    """What the charts show: equal data, equal charts (a mark that changes neither the
    week's wins nor its score leaves them undrawn)."""
    return (page.habit.unit, tuple(page.weeks), page.ladder)


class HabitCharts(Vertical):
    """Consistency over the year, wins per week and the amount per week."""

    DEFAULT_CSS = f"""
    HabitCharts {{
        height: auto;
    }}
    HabitCharts PlotextPlot {{
        height: {CHART_HEIGHT};
        margin-bottom: 1;
    }}
    """

    def __init__(self, page: HabitPage, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._shown: tuple[object, ...] | None = None
        self.consistency = PlotextPlot(id="chart-consistency")
        self.wins = PlotextPlot(id="chart-wins")
        self.amount = PlotextPlot(id="chart-amount")
        self.show(page)

    def compose(self) -> ComposeResult:
        yield self.consistency
        yield self.wins
        yield self.amount

    def show(self, page: HabitPage) -> None:
        """Draw the page's charts, unless they already show the same data."""
        data = chart_data(page)
        if data == self._shown:
            return
        self._shown = data
        ticks, labels = month_ticks(page)
        weeks = list(range(len(page.weeks)))
        self._consistency(page, weeks, ticks, labels)
        self._bars(self.wins, "Wins per week", [w.wins for w in page.weeks], ticks, labels)
        amounts = [w.amount or 0 for w in page.weeks]
        self.amount.display = any(amounts)
        if any(amounts):
            unit = shorten(printable(page.habit.unit), 20) or "amount"
            self._bars(self.amount, f"{unit} per week", amounts, ticks, labels)

    @staticmethod
    def _bars(chart: PlotextPlot, title: str, values: list[float], ticks: list[float],
              labels: list[str]) -> None:
        """Bars for the weeks with something (an empty week draws nothing at all)."""
        plot = chart.plt
        plot.clear_figure()
        plot.title(title)
        shown = [(week, value) for week, value in enumerate(values) if value > 0]
        if shown:
            plot.bar([w for w, _ in shown], [v for _, v in shown], width=0.6)
        plot.xlim(-0.5, len(values) - 0.5)
        top = max(values, default=0)
        plot.ylim(0, max(1, top))
        marks = nice_ticks(top)
        plot.yticks(marks, [f"{mark:g}" for mark in marks])
        plot.xticks(ticks, labels)
        chart.refresh()

    def _consistency(self, page: HabitPage, weeks: list[int], ticks: list[float],
                     labels: list[str]) -> None:
        chart = self.consistency
        plot = chart.plt
        plot.clear_figure()
        plot.title("Consistency by week (%); | marks a change of the minimum")
        points = [(n, 100 * w.consistency) for n, w in zip(weeks, page.weeks, strict=True)
                  if w.consistency is not None]
        if points:
            plot.plot([x for x, _ in points], [y for _, y in points], marker="braille")
        first = page.first_day
        for change in page.ladder[1:]:
            if first <= change.since <= page.last_day:
                week = (change.since - first).days // 7
                plot.vline(week)
                plot.text(change.change.replace("minimum ", ""), week, 8)
        plot.xlim(0, len(weeks) - 1)
        plot.ylim(0, 100)
        plot.yticks([0, 50, 100])
        plot.xticks(ticks, labels)
        chart.refresh()
