"""TrackerApp and make_app(): wiring of the store, the settings and the screens."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerFailed, WorkerState

from tracker.domain.days import today as local_today
from tracker.domain.days import week_start
from tracker.domain.text import printable
from tracker.files.config import Config
from tracker.store import ChangedElsewhere, DatabaseError, Store, StoreError
from tracker.ui.folder_sync import GROUP as SYNC_GROUP
from tracker.ui.folder_sync import FolderSync
from tracker.ui.messages import DataChanged, DayShown, HabitChosen
from tracker.ui.screens.today import TodayScreen
from tracker.ui.session import Session, WeekKey
from tracker.ui.themes import apply_theme
from tracker.ui.week_ahead import compute_week

if TYPE_CHECKING:
    from tracker.ui.screens.week import WeekScreen

# Screens other than Today are imported when first opened: the first frame never pays.

CHANGES_CHECK_SECONDS = 1.0
"""How often the app looks for a new day and for what other processes wrote
(``PRAGMA data_version``: one cheap query)."""
WEEK_AHEAD_DELAY = 0.1
"""Seconds after a change before the week review is computed ahead (a burst of keys
waits for its end)."""


class TrackerApp(App[None]):
    """The full-screen tracker."""

    CSS_PATH = Path(__file__).parent / "tracker.tcss"
    TITLE = "tracker"
    BINDINGS = [
        Binding("w", "open_week", "Week", id="week", tooltip="the weekly evidence review"),
        Binding("h", "open_habits", "Habits", id="habits",
                tooltip="habits: add, edit, archive, reorder"),
        Binding("question_mark", "help", "Help", id="help", tooltip="this help"),
        Binding("u,ctrl+z", "undo", "Undo", id="undo", show=False,
                tooltip="undo the last change made since tracker opened (again: the one before)"),
        Binding("q", "quit", "Quit", id="quit", tooltip="quit (everything is saved already)"),
    ]

    def __init__(self, store: Store, *, today: date | None = None, day: date | None = None,
                 config: Config | None = None, demo: bool = False,
                 remember_theme: bool = False) -> None:
        super().__init__()
        self._remember_theme = remember_theme
        config = config or Config()
        self.session = Session(store, config, today or local_today(config.day_start_hour),
                               demo=demo)
        """What every screen works with; handed to each of them."""
        if demo:
            self.title = "tracker demo"
        self._pinned_today = today
        self.start_day = day or self.today
        self.today_screen = TodayScreen(self.session, self.start_day)
        self._week_screen: WeekScreen | None = None
        self._week_timer: Timer | None = None
        self._seen_version = store.version()
        self.folder_sync = FolderSync(self, store, self.check_clock)
        """Sync through a folder, when one is set (tracker sync --folder)."""
        self.fatal_error: str | None = None
        """Why the app stopped early (a damaged file), for the launcher to print."""
        self.set_keymap(self.config.keys)

    @property
    def store(self) -> Store:
        return self.session.store

    @property
    def config(self) -> Config:
        return self.session.config

    @property
    def today(self) -> date:
        """Today's tracker day (the session's clock)."""
        return self.session.today

    def get_default_screen(self) -> Screen[None]:
        """Today is the screen at the bottom; Week and Habits are shown over it."""
        return self.today_screen

    def on_mount(self) -> None:
        apply_theme(self, self.config.theme, remember=self._remember_theme)
        if self.store.read_only:
            self.notify(f"{self.store.path} is read-only: everything can be looked at, "
                        "changes are refused.", severity="warning", timeout=10, markup=False)
        self.set_interval(CHANGES_CHECK_SECONDS, self.check_clock)
        if self.wants_checkin():
            self.call_after_refresh(self.today_screen.open_checkin)
        self.call_after_refresh(self._freeze_start_up)
        self.call_after_refresh(self.folder_sync.start)

    def _freeze_start_up(self) -> None:
        """What start-up made lives as long as the app: leave it out of the collector's
        full passes, which otherwise stall a key press for tens of milliseconds.

        (A method, not ``gc.freeze`` itself: Textual inspects a callback's signature,
        and a builtin's is parsed from text with the tokenizer's regular expressions.)
        """
        gc.freeze()

    def _handle_exception(self, error: Exception) -> None:
        """A damaged database (or any error SQLite raised) stops the app with one line
        for the person, instead of a traceback, and nothing more is written."""
        cause: BaseException | None = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, DatabaseError):
            cause = self.store.failed(cause)
        if not isinstance(cause, StoreError):
            super()._handle_exception(error)
            return
        self.fatal_error = str(cause)
        self._return_code = 1
        self.exit(return_code=1)

    def action_undo(self) -> None:
        """u, ctrl+z: put back what the latest change replaced (repeatable)."""
        try:
            made = self.session.changes.undo()
        except ChangedElsewhere as error:
            self.notify(f"Not undone: {error}.", severity="warning", markup=False)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
        else:
            if made is None:
                self.notify("Nothing to undo: no change was made since tracker opened.")
                return
            self.notify(f"Undone: {made.description}.", markup=False)
        self.screen.post_message(DataChanged())  # the screen shows what is stored now

    async def action_quit(self) -> None:
        """q: a last sync of what changed here (when syncing), then quit."""
        self.folder_sync.last()
        self.exit()

    def on_unmount(self) -> None:
        gc.unfreeze()  # the app's objects are the collector's again (tests run many apps)

    @property
    def follows_clock(self) -> bool:
        """Today moves with the clock (every run except tests, which pin today)."""
        return self._pinned_today is None

    @property
    def week_screen(self) -> WeekScreen:
        """The week review, made (and its code imported) when first opened."""
        if self._week_screen is None:
            from tracker.ui.screens.week import WeekScreen

            self._week_screen = WeekScreen(self.session, self.start_day)
            self.install_screen(self._week_screen, "week")
        return self._week_screen

    def show_screen(self, name: str) -> None:
        """Show ``today``, ``week`` or ``habits`` (one of them at a time, over Today).

        Plain screens rather than modes: modes cost a second parse of the whole
        stylesheet at start-up, and Today must come up fast.
        """
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if name == "week":
            self.push_screen(self.week_screen)
        elif name == "habits":
            if not self.is_screen_installed("habits"):
                from tracker.ui.screens.habits import HabitsScreen

                self.install_screen(HabitsScreen(self.session), "habits")
            self.push_screen("habits")

    @on(DayShown)
    def prepare_week(self, event: DayShown) -> None:
        """Compute the review of the shown day's week ahead of the ``w`` key, in a worker
        with its own connection, once the keys have paused (STYLE.md, idiom 9)."""
        key = self.session.week_key(week_start(event.day, self.config.week_start))
        if self.session.week_ahead(key) is not None:
            return
        if self._week_timer is not None:
            self._week_timer.stop()
        self._week_timer = self.set_timer(WEEK_AHEAD_DELAY, partial(self._start_week, key))

    def _start_week(self, key: WeekKey) -> None:
        if key.version != self.store.version():
            return  # changed again since: that change scheduled its own
        screen = self._week_screen
        width = screen.laid_out_width() if screen is not None else 0
        self.run_worker(partial(compute_week, self.store.path, self.config.week_start, key,
                                width, self.console, self.config.group_by_direction),
                        thread=True, group="week-ahead", exclusive=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == SYNC_GROUP:
            self.folder_sync.finished(event.worker)
        if event.worker.group == "week-ahead" and event.state == WorkerState.SUCCESS:
            result = event.worker.result
            if result is None:
                return
            self.session.computed_week = result  # ``w`` hands its rows to the review

    @on(HabitChosen)
    def open_habit_page(self, event: HabitChosen) -> None:
        """The page of a habit chosen on Today or in the review, over that screen."""
        from tracker.ui.screens.habit_page import HabitPageScreen

        self.push_screen(HabitPageScreen(self.session, event.habit_id, event.day))

    def week_is_ready(self) -> bool:
        """Whether the review of the day shown has been computed ahead for the data as
        it is now (tests and the benchmark wait for it)."""
        key = self.session.week_key(week_start(self.today_screen.day, self.config.week_start))
        return self.session.week_ahead(key) is not None

    def wants_checkin(self) -> bool:
        """The first launch of a day with habits and no check-in asks for one, unless
        it was declined (escape: "not today") earlier that day."""
        days = self.store.days
        return (self.config.checkin_on_start and self.start_day == self.today
                and not self.store.is_empty() and days.checkin(self.today) is None
                and not days.checkin_declined(self.today))

    def check_clock(self) -> None:
        """Past the day-start hour a new day begins; what other processes wrote shows."""
        now = local_today(self.config.day_start_hour) if self.follows_clock else self.today
        version = self.store.version()
        if now == self.today and version == self._seen_version:
            return
        self._seen_version = version
        before, self.session.today = self.today, now
        if now != before and self.today_screen.day == before:
            # a new day: Today moves to it (under a dialog too, shown once it closes)
            self.today_screen.day = now
        if self.screen_stack:  # none while the app closes (a tick, a sync's end, late)
            self.screen.post_message(DataChanged())  # the screen shown reads again

    def action_open_week(self) -> None:
        self.week_screen.show_week_of(self.today_screen.day)
        self.show_screen("week")

    def action_open_habits(self) -> None:
        self.show_screen("habits")

    def action_back_to_today(self) -> None:
        """Back to Today from the week review or the habits."""
        self.show_screen("today")

    def action_help(self) -> None:
        from tracker.ui.screens.help import HelpScreen, help_sections

        self.push_screen(HelpScreen(help_sections(self.BINDINGS, self.config.keys)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Week review", "Open the weekly evidence review",
                            self.action_open_week)
        yield SystemCommand("Habits", "Add, edit, archive and reorder habits",
                            self.action_open_habits)
        yield SystemCommand("Today", "Back to today", self._go_today)
        yield SystemCommand("Help", "Every key", self.action_help)
        for habit in self.store.habits.all():
            yield SystemCommand(f"Habit page: {printable(habit.name)}",
                                "a year at a glance: calendar, consistency, evidence, notes",
                                partial(self.post_message,
                                        HabitChosen(habit.id, self.today_screen.day)))
        if not isinstance(screen, ModalScreen):  # Today, Week or Habits: their own actions
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    title = (binding.tooltip or binding.description)
                    yield SystemCommand(title[:1].upper() + title[1:], f"key: {binding.key}",
                                        partial(screen.run_action, binding.action))

    def _go_today(self) -> None:
        self.show_screen("today")
        self.today_screen.action_go_today()


def make_app(store: Store, *, today: date | None = None, day: date | None = None,
             config: Config | None = None, demo: bool = False,
             remember_theme: bool = False) -> TrackerApp:
    """Build the app; tests pin ``today`` and use a temporary store; ``demo`` for the
    sample data of ``tracker demo``; ``remember_theme`` keeps the theme picked with
    ctrl+p for the next start (in the user state folder)."""
    return TrackerApp(store, today=today, day=day, config=config, demo=demo,
                      remember_theme=remember_theme)
