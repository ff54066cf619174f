"""Hostile text in names and notes: shown literally, layout intact, nothing raw reaches
the terminal — in the app and in every command's output."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from tests.conftest import TODAY
from tests.ui.helpers import screen_text
from tracker.cli.commands import cli
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.app import make_app

HOSTILE = [
    "[bold red]loud[/] [/]",
    "\x1b[2J\x1b[31mclear and red",
    "\x1b]52;c;cGF5bG9hZA==\x07copy to clipboard",
    "\x1b]8;;http://example.com\x1b\\link\x1b]8;;\x1b\\",
    "bell\x07 back\x08space nul\x00 del\x7f c1\x9b",
    "🌱 grow 👩‍👩‍👧 family",
    "読書 毎日 一ページ",
    "line one\nline two\r\nline three\ttab",
    "\u202eright to left\u202c and \u2066isolated\u2069",
    "line\u2028separator\u2029paragraph",
    "x" * 10_000,
]
RAW = ("\x1b", "\x07", "\x08", "\x00", "\x9b", "\u202e", "\u2066", "\u2028", "\u2029")


def hostile_store(path: Path) -> Store:
    store = Store(path)
    for index, text in enumerate(HOSTILE):
        habit = store.habits.add(f"{index} {text[:150]}", text, created=date(2026, 3, 1),
                                 full=text, direction=text[:200], unit=text[:20])
        store.days.record(habit.id, TODAY, "full", amount=1.5, note=text)
        store.days.add_step(TODAY, f"step {text}"[:10_000])
    store.days.check_in(TODAY, "ok", intention=HOSTILE[2], note=HOSTILE[1])
    return store


async def test_the_app_shows_hostile_text_literally_with_layout_intact(tmp_path: Path) -> None:
    store = hostile_store(tmp_path / "h.db")
    app = make_app(store, today=TODAY, config=Config(checkin_on_start=False))
    async with app.run_test(size=(100, 40)) as pilot:
        for keys in ((), ("w",), ("escape", "h"), ("escape", "question_mark")):
            await pilot.press(*keys)
            await pilot.pause()
            text = screen_text(app)
            assert not any(raw in text for raw in RAW)
            lines = text.splitlines()
            assert len(lines) == 40
            assert all(cell_len(line) <= 100 for line in lines), [
                line for line in lines if cell_len(line) > 100]
        await pilot.press("escape")
        text = screen_text(app)
        assert "[bold red]loud[/] [/]" in text
        assert "␛[2J␛[31mclear and red" in text
        assert "🌱 grow" in text and "読書 毎日" in text
        assert "\ufffdright to left" in text and "line␤separator␤paragraph" in text


NAMES = ["Gym [/b]", "[bold]x[/]", "[red", "a [link=http://example.com]b[/link]"]


@pytest.mark.parametrize("name", NAMES)
async def test_notifications_show_typed_text_literally(tmp_path: Path, name: str) -> None:
    """Toasts read their message as markup unless told not to: a name typed as
    ``Gym [/b]`` must neither raise nor style anything."""
    from textual.widgets import Input

    from tracker.ui.screens.habit_form import HabitFormScreen

    store = Store(tmp_path / "n.db")
    app = make_app(store, today=TODAY, config=Config(checkin_on_start=False))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for attempt in range(2):  # added, then refused as a duplicate (the name in the error)
            await pilot.press("h", "a")
            form = app.screen
            assert isinstance(form, HabitFormScreen)
            form.query_one("#field-name", Input).value = name
            form.query_one("#field-minimum", Input).value = "one [i]rep"
            await pilot.press("enter")
            await pilot.pause()
            text = screen_text(app)
            if attempt == 0:
                assert f"Added {name}." in text
            else:
                assert name in " ".join(n.message for n in app._notifications)
                await pilot.press("escape")
            await pilot.press("escape")
        assert app.is_running
    store.close()


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    hostile_store(tmp_path / "h.db").close()
    return tmp_path / "h.db"


COMMANDS = [
    ("habit", "list"), ("habit", "list", "--all"), ("habit", "list", "--json"),
    ("week", "--date", TODAY.isoformat()),
    ("week", "--date", TODAY.isoformat(), "--format", "markdown"),
    ("week", "--date", TODAY.isoformat(), "--format", "json"),
    ("export",), ("done", "0 [bold red]loud[/] [/]", "--date", TODAY.isoformat()),
    ("rest", "6 🌱 grow 👩‍👩‍👧 family", "--date", TODAY.isoformat(), "--note", HOSTILE[1]),
    ("step", HOSTILE[2]), ("checkin", "--energy", "low", "--intention", HOSTILE[1]),
    ("done", HOSTILE[1]),  # unknown habit: the error message quotes it
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:30])
def test_commands_never_print_raw_control_codes(hostile_db: Path, args: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*args, "--db", str(hostile_db)])
    assert "Traceback" not in result.output
    for raw in RAW:
        assert raw not in result.stdout, (args, raw)
        assert raw not in result.stderr, (args, raw)


def test_json_output_keeps_text_exactly(hostile_db: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(hostile_db)])
    document = json.loads(result.stdout)
    notes = {e["note"] for e in document["entries"]}
    assert set(HOSTILE) <= notes  # lossless: escaped in JSON, exact once read back


def test_markup_in_a_name_shows_as_typed_in_the_table(hostile_db: Path) -> None:
    result = CliRunner().invoke(cli, ["habit", "list", "--db", str(hostile_db)])
    assert "[bold red]loud[/] [/]" in result.stdout
    assert "␛[2J␛[31mclear and red" in result.stdout
