"""Today: the day's habits at their planned level and its micro-steps, all from the keyboard."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static

from tracker.domain.days import FIRST_DAY, LAST_DAY
from tracker.domain.models import LEVELS, Step
from tracker.domain.text import printable, shorten
from tracker.domain.today import DayPlan, HabitPlan
from tracker.files.remembered import remember_folds, remembered_folds
from tracker.ui.messages import DataChanged, DayShown, HabitChosen
from tracker.ui.screens.day_edits import DayEdits
from tracker.ui.widgets.day_header import DayHeader
from tracker.ui.widgets.day_list import DayList
from tracker.ui.widgets.key_bar import KeyBar, describe_keys
from tracker.ui.widgets.row_ids import DirectionRow, HabitRow, StepRow

if TYPE_CHECKING:
    from tracker.ui.screens.checkin import CheckInAnswer
    from tracker.ui.screens.dialogs import Evidence
    from tracker.ui.session import Session

FIRST_RUN = """\
Welcome. Nothing to track yet, so let's add a first habit.

Press h to open your habits, then a to add one. Give it a minimum version:
the smallest step that still counts on a tired day, is the skill itself,
and leaves evidence. For example:

  Guitar       minimum: change between G and C ten times
  Writing      minimum: write one paragraph
  Exercise     minimum: one push-up
  Reading      minimum: read one page

Full and stretch versions are optional: "20 minutes of practice",
"learn a new song section". Doing the minimum is a full win.

Coming from another app? Press i to bring your history: Loop Habit Tracker,
HabitKit, HabitBull, Habitica, Daylio, Rewire, Tickmate, harsh or dijo
(or from the command line: tracker import PATH).

From the command line:  tracker habit add Reading --min "read one page"
Press ? for every key, ctrl+p for the command palette, q to quit.
"""


class TodayScreen(Screen[None]):
    """The default screen: one day, its habits and micro-steps."""

    AUTO_FOCUS = "#day-list"

    BINDINGS = [
        Binding("space", "mark_done", "Done/undo", id="mark_done",
                tooltip="done at today's planned level / undo; ticks a micro-step"),
        Binding("m", "mark('minimum')", "Min", id="mark_minimum", tooltip="done at minimum"),
        Binding("f", "mark('full')", "Full", id="mark_full", tooltip="done at full"),
        Binding("s", "mark('stretch')", "Stretch", id="mark_stretch", tooltip="done at stretch"),
        Binding("r", "mark('rest')", "Rest", id="mark_rest",
                tooltip="rest today (neutral; the same key again undoes)"),
        Binding("plus,equals_sign", "count(1)", "+1", id="count_up", key_display="+",
                show=False,
                tooltip="add one (or the habit's step) to the selected habit's amount"),
        Binding("minus", "count(-1)", "-1", id="count_down", key_display="-",
                show=False,
                tooltip="take one (or the habit's step) from the selected habit's amount"),
        Binding("n", "evidence", "Note", id="evidence",
                tooltip="amount and note (evidence) for the selected habit or step"),
        Binding("a", "add_step", "Add step", id="add_step",
                tooltip="add a micro-step for the day shown"),
        Binding("delete,x", "delete_step", "Delete step", show=False, id="delete_step",
                tooltip="delete the selected micro-step (asks)"),
        Binding("left,left_square_bracket", "move_day(-1)", "Prev day", id="previous_day",
                key_display="←", tooltip="previous day (backfill)"),
        Binding("right,right_square_bracket", "move_day(1)", "Next day", id="next_day",
                key_display="→", tooltip="next day"),
        Binding("t", "go_today", "Today", show=False, id="today", tooltip="back to today"),
        Binding("c", "checkin", "Check-in", id="checkin",
                tooltip="morning check-in: energy and intention"),
        Binding("b", "bring_along", "Bring along", show=False, id="bring_steps",
                tooltip="bring yesterday's open micro-steps along to today"),
        Binding("p", "pause(False)", "Pause", show=False, id="pause_habit",
                tooltip="pause the selected habit until a day (a holiday: rest, neutral)"),
        Binding("P", "pause(True)", "Pause all", show=False, id="pause_all",
                tooltip="pause every habit until a day"),
        Binding("g", "fold", "Fold", show=False, id="fold_group",
                tooltip="fold or unfold the selected habit's direction"),
        Binding("i", "import_history", "Import", show=False, id="import_history",
                tooltip="bring your history from another app (its format is recognised)"),
    ]

    day: var[date] = var(date(2000, 1, 1), init=False)
    """The day shown; its widgets redraw what changed (no full repaint of the screen)."""

    def __init__(self, session: Session, day: date) -> None:
        super().__init__()
        self.session = session
        self.set_reactive(TodayScreen.day, day)
        self.plan: DayPlan | None = None
        self.offered: list[Step] = []
        """Yesterday's open micro-steps, offered on today (``b`` brings them along)."""
        self._shown: tuple[object, ...] | None = None
        self.folded = set() if session.demo else remembered_folds()
        """The directions folded (their keys): only their heading shows; kept for the
        next start (not the demo's)."""
        self.edits = DayEdits(self, session, self.reload)

    def compose(self) -> ComposeResult:
        self.header = DayHeader(id="day-header", classes="demo" if self.session.demo else "")
        self.day_list = DayList(id="day-list")
        self.first_run = Static(FIRST_RUN, id="first-run")
        self.reload()  # filled before they are mounted: the first layout is the last
        yield self.header
        yield self.day_list
        yield self.first_run
        yield KeyBar()

    def watch_day(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        """Shown first, or again after another screen."""
        self.refresh_if_changed()

    def on_data_changed(self, _event: DataChanged) -> None:
        self.refresh_if_changed()

    def refresh_if_changed(self) -> None:
        """Read the day again only if it, today, or the data changed since shown."""
        if self._shown != (self.day, self.session.today, self.session.store.version()):
            self.reload()

    def reload(self) -> None:
        """Read the day from the store and show it."""
        session = self.session
        self._shown = (self.day, session.today, session.store.version())
        self.plan = session.store.day_plan(self.day, session.config.week_start)
        self.offered = (session.store.days.open_steps_on(self.day - timedelta(days=1))
                        if self.day == session.today and self.day > FIRST_DAY else [])
        empty = not self.plan.habits and session.store.is_empty() and not self.plan.steps
        self.header.show(self.plan, session.today, session.demo)
        day_list = self.day_list
        day_list.display = not empty
        self.first_run.display = empty
        bring = describe_keys(session.config.keys.get("bring_steps", "b"))
        day_list.show(self.plan, offered=len(self.offered), bring=bring,
                      grouped=session.config.group_by_direction, folded=frozenset(self.folded),
                      fold_key=describe_keys(session.config.keys.get("fold_group", "g")))
        if not empty:
            self.post_message(DayShown(self.day))  # the app computes its week ahead
        if not empty and self.is_mounted and self.focused is not day_list:
            day_list.focus()  # the first habit was just added

    # Actions -------------------------------------------------------------------
    def _selected_habit(self) -> int | None:
        return self.day_list.selected_habit

    def _selected_step(self) -> int | None:
        return self.day_list.selected_step

    def _plan_of(self, habit_id: int) -> HabitPlan:
        assert self.plan is not None
        return next(p for p in self.plan.habits if p.habit.id == habit_id)


    def action_mark_done(self) -> None:
        """Space: done at the planned level, or undo; ticks a micro-step."""
        step_id = self._selected_step()
        if step_id is not None:
            assert self.plan is not None
            with self.edits.as_shown():
                self.session.changes.days.tick(self._step_of(step_id))
            return
        habit_id = self._selected_habit()
        if habit_id is not None:
            plan = self._plan_of(habit_id)
            self.edits.toggle_done(plan.habit, self.day, plan.status, plan.level)

    def _step_of(self, step_id: int) -> Step:
        assert self.plan is not None
        return next(s for s in self.plan.steps if s.id == step_id)

    def action_mark(self, status: str) -> None:
        """m f s r: done at a level, or rest; the same key again undoes it."""
        habit_id = self._selected_habit()
        if habit_id is None:
            if self._selected_step() is not None and status in LEVELS:
                self.action_mark_done()
            return
        plan = self._plan_of(habit_id)
        self.edits.mark(plan.habit, self.day, plan.status, status)

    def action_count(self, sign: int) -> None:
        """+ / -: the selected habit's step added to or taken from the day's amount."""
        habit_id = self._selected_habit()
        if habit_id is not None:
            plan = self._plan_of(habit_id)
            self.edits.count(plan.habit, self.day, plan.status, sign)

    def action_evidence(self) -> None:
        """n: the amount and note of the selected habit or micro-step."""
        habit_id, step_id = self._selected_habit(), self._selected_step()
        assert self.plan is not None
        if habit_id is not None:
            plan = self._plan_of(habit_id)
            self.edits.evidence(plan.habit, self.day, plan.entry)
        elif step_id is not None:
            from tracker.ui.screens.dialogs import EvidenceScreen

            step = self._step_of(step_id)

            def save_step(evidence: Evidence | None) -> None:
                if evidence is not None:
                    with self.edits.as_shown():
                        self.session.changes.days.step_evidence(step, evidence.amount,
                                                                evidence.note)

            self.app.push_screen(EvidenceScreen(
                f"Evidence for “{shorten(printable(step.text), 40)}”", "", step.amount,
                step.note), save_step)

    def action_fold(self) -> None:
        """g: fold the selected habit's direction (its heading stays, selected), or
        unfold the heading selected."""
        from tracker.domain.directions import direction_key

        key = self.day_list.selected_direction
        habit_id = self._selected_habit()
        if key is None and habit_id is not None:
            key = direction_key(self._plan_of(habit_id).habit.direction)
        plans = self.plan.habits if self.plan is not None else ()
        if not self.session.config.group_by_direction:
            self.notify("Grouping by direction is off (group_by_direction = false in "
                        "config.toml).")
            return
        if key is None or not any(p.habit.direction.strip() for p in plans):
            self.notify("Nothing to fold: habits are grouped under their directions once "
                        "one has a direction (h, then e: Direction).")
            return
        self.folded.symmetric_difference_update({key})
        self.reload()
        self.day_list.select_id(DirectionRow(key))
        if not self.session.demo:
            try:
                remember_folds(self.folded)
            except OSError as error:
                self.notify(f"The folded groups cannot be kept for the next start: "
                            f"{error.strerror or error}", severity="warning")

    def action_pause(self, every: bool) -> None:
        """p / P: pause the selected habit (every habit) from the day shown until a day
        typed; on a pause in force or ahead, a new end, or nothing to end it."""
        from tracker.ui.screens.pause_prompt import ask_pause

        habit_id = self._selected_habit()
        if not every and habit_id is None:
            self.notify("Select a habit to pause (P pauses every habit).")
            return
        habit = None if every or habit_id is None else self._plan_of(habit_id).habit
        ask_pause(self, self.session, habit, self.day, self.edits.as_shown)

    def action_bring_along(self) -> None:
        """b: yesterday's open micro-steps, brought along to today (moved, not copied)."""
        if not self.offered:
            self.notify("No open micro-steps from yesterday to bring along.")
            return
        first = StepRow(self.offered[0].id)
        with self.edits.as_shown():
            self.session.changes.days.bring_along(self.offered, self.day)
        self.day_list.select_id(first)

    def action_add_step(self) -> None:
        """a: add a micro-step for the day shown."""
        from tracker.ui.screens.dialogs import TextPromptScreen

        def add(text: str | None) -> None:
            if not text:
                return
            added: list[int] = []
            with self.edits.as_shown():
                added.append(self.session.changes.days.add_step(self.day, text).id)
            if added:
                self.day_list.select_id(StepRow(added[0]))
                self.day_list.reveal()

        self.app.push_screen(TextPromptScreen(
            f"A micro-step for {self.day:%A %d %B}",
            placeholder="e.g. send the message I postponed"), add)

    @work
    async def action_delete_step(self) -> None:
        """delete / x: remove the selected micro-step (asks first)."""
        step_id = self._selected_step()
        if step_id is None or self.plan is None:
            return
        from tracker.ui.screens.dialogs import ConfirmScreen

        step = self._step_of(step_id)
        question = Text("Delete the micro-step “")
        question.append(shorten(printable(step.text), 50))
        question.append("”?")
        if await self.app.push_screen_wait(ConfirmScreen(question)):
            with self.edits.as_shown():
                self.session.changes.days.delete_step(step)

    def action_move_day(self, offset: int) -> None:
        """left / right: the previous or next day (backfill yesterday)."""
        if not FIRST_DAY - self.day <= timedelta(days=offset) <= LAST_DAY - self.day:
            self.notify(f"tracker's calendar runs from {FIRST_DAY} to {LAST_DAY}.")
            return
        target = self.day + timedelta(days=offset)
        if target > self.session.today + timedelta(days=7):
            self.notify("That is far enough ahead for planning micro-steps.")
            return
        self.day = target

    def action_go_today(self) -> None:
        self.day = self.session.today

    def action_import_history(self) -> None:
        """Ask for another app's file; its summary is said when it has come in."""
        from tracker.ui.screens.import_dialog import ImportScreen

        def done(lines: list[str] | None) -> None:
            if lines:
                self.notify("\n".join(lines), title="Imported", timeout=12, markup=False)
                self.reload()

        self.app.push_screen(ImportScreen(self.session), done)

    def action_checkin(self) -> None:
        """c: the morning check-in for the day shown."""
        if self.edits.refuse_future(self.day):
            return
        self.open_checkin()

    def open_checkin(self) -> None:
        from tracker.ui.screens.checkin import CheckInScreen

        day = self.day
        current = self.session.store.days.checkin(day)

        def save(answer: CheckInAnswer | None) -> None:
            days = self.session.changes.days
            with self.edits.as_shown():
                if answer is None:
                    if current is None:  # "not today": it does not ask again that day
                        days.decline_checkin(day)
                    return
                days.check_in(day, answer.energy, answer.intention, answer.note)

        self.app.push_screen(CheckInScreen(day, current), save)

    @on(DayList.Chosen)
    def chosen(self, event: DayList.Chosen) -> None:
        """enter on a habit opens its page (on the day shown); on a micro-step, ticks it."""
        if isinstance(event.row_id, HabitRow):
            self.post_message(HabitChosen(event.row_id.habit_id, self.day))
        elif isinstance(event.row_id, DirectionRow):
            self.action_fold()
        else:
            self.action_mark_done()
