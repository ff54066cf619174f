"""Shell completion (a real bash, and click's zsh and fish protocol), the man page that
cannot drift from the commands, and --version."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from tracker import __version__
from tracker.cli.commands import cli
from tracker.cli.manpage import _commands, man_page
from tracker.store import Store

ROOT = Path(__file__).parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture
def names_db(store: Store) -> Path:
    for name in ("Walk", "Morning walk", "読書 café", "Évora run", "x\x1b[31mred"):
        store.habits.add(name, "a little", created=date(2026, 1, 1))
    return store.path


def env(db: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "TRACKER_DB": str(db), "PATH": f"{BIN}:{os.environ['PATH']}",
            **extra}


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_names_with_a_space_and_unicode(names_db: Path) -> None:
    script = """
source <(tracker completion bash)
ask() { COMPREPLY=(); COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _tracker_completion tracker;
        printf '%s\\n' "${COMPREPLY[@]}"; echo --; }
ask tracker done 'Morning\\ w'
ask tracker rest 読
ask tracker habit show ''
ask tracker done m
eval "set -- tracker done $(ask tracker done 'Morning\\ w' | head -1)"; echo "[$3]"
"""
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                            env=env(names_db), timeout=120)
    assert result.returncode == 0, result.stderr
    answers = result.stdout.split("--\n")
    assert answers[0].splitlines() == ["Morning\\ walk"]
    assert answers[1].splitlines() == ["読書\\ café"]
    assert answers[2].splitlines() == ["Walk", "Morning\\ walk", "読書\\ café", "Évora\\ run"]
    assert answers[3].splitlines() == ["Morning\\ walk"]  # any case
    assert answers[4].strip() == "[Morning walk]"  # the shell reads it back as one word
    assert "\x1b" not in result.stdout  # a name with an escape is never offered raw


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_get_the_names_as_they_are(names_db: Path, shell: str) -> None:
    words = {"zsh": {"COMP_WORDS": "tracker done ", "COMP_CWORD": "2"},
             "fish": {"COMP_WORDS": "tracker done ", "COMP_CWORD": ""}}[shell]
    result = subprocess.run([str(BIN / "tracker")], capture_output=True, text=True, timeout=60,
                            env=env(names_db, _TRACKER_COMPLETE=f"{shell}_complete", **words))
    assert result.returncode == 0, result.stderr
    for name in ("Morning walk", "読書 café", "Évora run"):
        assert name in result.stdout.splitlines() or f"plain,{name}" in result.stdout
    assert "\x1b" not in result.stdout


def test_the_scripts_come_without_a_terminal_and_without_opening_the_app(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    for shell, marker in (("bash", "complete -o nosort -F"), ("zsh", "#compdef tracker"),
                          ("fish", "complete --no-files --command tracker")):
        source = subprocess.run([str(BIN / "tracker")], capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, timeout=60,
                                env=env(db, _TRACKER_COMPLETE=f"{shell}_source"))
        assert source.returncode == 0 and marker in source.stdout, source.stderr
        assert "needs a terminal" not in source.stderr
        printed = subprocess.run([str(BIN / "tracker"), "completion", shell],
                                 capture_output=True, text=True, env=env(db), timeout=60)
        assert printed.stdout == source.stdout
    completed = subprocess.run([str(BIN / "tracker")], capture_output=True, text=True,
                               env=env(db, _TRACKER_COMPLETE="bash_complete",
                                       COMP_WORDS="tracker done ", COMP_CWORD="2"),
                               timeout=60)
    assert completed.returncode == 0 and completed.stdout.strip() == ""
    assert not db.exists()  # completing never creates a database


def test_the_man_page_is_made_from_the_commands() -> None:
    installed = (ROOT / "man" / "tracker.1").read_text(encoding="utf-8")
    assert installed == man_page(cli), (
        "man/tracker.1 is out of date: python -m tracker.cli.manpage > man/tracker.1")
    import click

    for name, _command in _commands(click.Context(cli, info_name="tracker"), cli, "tracker"):
        assert f".SS {name.replace('-', chr(92) + '-')}\n" in installed
    assert ".SS tracker status\n" in installed and ".SS tracker habit show\n" in installed
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shared = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared == {"man/tracker.1": "share/man/man1/tracker.1"}


def test_version() -> None:
    result = subprocess.run([str(BIN / "tracker"), "--version"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"tracker, version {__version__}"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_inside_an_open_quote_and_after_a_colon(store: Store) -> None:
    """bash keeps an open quote in the word and begins a word of its own after ``:`` or
    ``=``: what it is given replaces just that word (as bash's own variables say)."""
    for name in ("Morning walk", "Guitar: scales", "a=b c", "it's fine", "Café ☕ time",
                 "Eat, pray", 'say "hi"', "k:v"):
        store.habits.add(name, "a little", created=date(2026, 1, 1))
    script = """
source <(tracker completion bash)
ask() { COMPREPLY=(); COMP_LINE=$1; COMP_POINT=${#1}; shift; COMP_WORDS=("$@");
        COMP_CWORD=$(($# - 1)); _tracker_completion tracker;
        printf '%s\\n' "${COMPREPLY[@]}"; echo --; }
ask "tracker done 'Mor" tracker done "'Mor"
ask 'tracker done "Caf' tracker done '"Caf'
ask "tracker done 'it" tracker done "'it"
ask 'tracker done Guitar:\\ s' tracker done Guitar : '\\ s'
ask 'tracker done a=b\\ ' tracker done a = 'b\\ '
ask 'tracker done Caf' tracker done Caf
ask 'tracker done Eat' tracker done Eat
ask 'tracker done ' tracker done ''
ask 'tracker done k:' tracker done k :
ask 'tracker done "sa' tracker done '"sa'
"""
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                            env=env(store.path), timeout=120)
    assert result.returncode == 0, result.stderr
    answers = [a.splitlines() for a in result.stdout.split("--\n")]
    assert answers[0] == ["Morning walk"]  # inside 'Mor: readline closes the quote
    assert answers[1] == ["Café ☕ time"]
    assert answers[2] == ["it'\\''s fine"]
    assert answers[3] == ["\\ scales"]  # bash's word is what follows the colon
    assert answers[4] == ["b\\ c"]
    assert answers[5] == ["Café\\ ☕\\ time"]
    assert answers[6] == ["Eat,\\ pray"]
    assert len(answers[7]) == 8
    assert answers[8] == ["v"]  # after "k:" readline's word is empty: only the rest
    assert answers[9] == ['say \\"hi\\""']  # the quote closed, as readline would


def test_fish_keeps_a_names_commas() -> None:
    from tracker.cli.completion import completion_script

    script = completion_script(cli, "fish")
    assert 'string split -m 1 "," $completion' in script
    assert 'string split "," $completion' not in script
