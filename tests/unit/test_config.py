"""config.toml: every mistake is one line naming the key and the fix, never silence."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.files.config import Config, ConfigError, load_config


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "message"), [
    ('checkin_on_start = "no"', 'checkin_on_start must be true or false, without quotes'),
    ('group_by_direction = "off"', "group_by_direction must be true or false, without quotes"),
    ("theme = 3", 'theme must be a theme\'s name in quotes, e.g. theme = "nord"'),
    ("day_start_hour = true", "day_start_hour must be a whole hour from 0 to 23"),
    ('day_start_hour = "4"', "day_start_hour must be a whole hour from 0 to 23"),
    ("week_start = 1", "week_start must be a weekday name"),
    ('them = "nord"', "unknown setting 'them'; did you mean theme?"),
    ('zzz = 1', "unknown setting 'zzz'; known: day_start_hour, week_start"),
    ('[keys]\nhabits.add = "A"', '[keys] habits.add must be quoted, as TOML reads a dot as '
                                 'a table: "habits.add" = "A"'),
    ("[keys]\nmark_done = 1", '[keys] mark_done must be quoted text, e.g. mark_done = "x"'),
    ('keys = "x"', "keys is a table"),
])
def test_each_mistake_names_the_key_and_the_fix(tmp_path: Path, text: str,
                                                message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(config(tmp_path, text))
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_right_config_is_read(tmp_path: Path) -> None:
    path = config(tmp_path, 'checkin_on_start = false\ntheme = "nord"\nweek_start = "Sunday"\n'
                            'group_by_direction = false\n[keys]\n"habits.add" = "A"\n')
    assert load_config(path) == Config(checkin_on_start=False, theme="nord", week_start=6,
                                       group_by_direction=False, keys={"habits.add": "A"})


def test_arrays_nested_very_deep_are_one_line(tmp_path: Path) -> None:
    path = config(tmp_path, "a = " + "[" * 100_000 + "]" * 100_000)
    with pytest.raises(ConfigError, match="nests arrays or tables too deeply"):
        load_config(path)


def test_a_huge_or_binary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="larger than 1 MB"):
        load_config(config(tmp_path, "# " + "x" * (1 << 20)))
    path = tmp_path / "binary.toml"
    path.write_bytes(b"theme = \"\xff\"")
    with pytest.raises(ConfigError, match="is not UTF-8 text"):
        load_config(path)


def test_a_fifo_as_config_is_refused_at_once_by_a_real_process(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    env = {**os.environ, "TRACKER_CONFIG": str(fifo), "TRACKER_DB": str(tmp_path / "t.db")}
    done = subprocess.run([sys.executable, "-m", "tracker", "week"], env=env, timeout=30,
                          capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "is not a regular file" in done.stderr and len(done.stderr.splitlines()) == 1
