"""User settings from ``config.toml`` in the user config directory (see README, Configuration)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from tracker.domain.days import DEFAULT_DAY_START_HOUR, WEEKDAYS
from tracker.domain.records import NamedTuple
from tracker.domain.text import printable

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from typing import Any


class ConfigError(Exception):
    """The config file cannot be used; the message says what to fix."""


class Config(NamedTuple):
    """Settings with their defaults."""

    day_start_hour: int = DEFAULT_DAY_START_HOUR
    week_start: int = 0
    checkin_on_start: bool = True
    theme: str = ""
    group_by_direction: bool = True
    keys: Mapping[str, str] = MappingProxyType({})


def config_path() -> Path:
    """``$TRACKER_CONFIG``, else ``config.toml`` in the user config directory."""
    override = os.environ.get("TRACKER_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("tracker") / "config.toml"


def default_db_path() -> Path:
    """The database in the user data directory."""
    from platformdirs import user_data_path

    return user_data_path("tracker") / "tracker.db"


def database_path(chosen: str | None = None) -> Path:
    """The database to open: ``chosen`` (``--db``), else $TRACKER_DB, else the default."""
    chosen = chosen or os.environ.get("TRACKER_DB")
    return Path(chosen).expanduser() if chosen else default_db_path()


MAX_CONFIG_BYTES = 1 << 20
"""A config file is a few lines; anything larger than this is not one."""
SETTINGS = ("day_start_hour", "week_start", "checkin_on_start", "theme",
            "group_by_direction", "keys")


def read_config_text(path: Path) -> str | None:
    """The config file's text (None when there is none): a regular file only (a FIFO
    or a device is refused rather than waited on), bounded, UTF-8."""
    from tracker.files.bounded import NotRegular, TooLarge, read_regular

    try:
        data = read_regular(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return None
    except NotRegular:
        raise ConfigError(f"{shown(path)} is not a regular file; the config must be a "
                          "text file (or unset TRACKER_CONFIG)") from None
    except TooLarge:
        raise ConfigError(f"{shown(path)} is larger than 1 MB: not a config file") from None
    except OSError as error:
        raise ConfigError(f"cannot read {shown(path)}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{shown(path)} is not UTF-8 text") from None


def shown(path: Path) -> str:
    """A path as a message shows it: escape sequences visible."""
    return printable(str(path))


def _parse(text: str, where: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        hint = ""
        if "[keys]" in text:
            hint = " (keys are quoted text: mark_done = \"space\", several: \"space,d\")"
        raise ConfigError(f"{where} is not valid TOML: {error}{hint}") from None
    except RecursionError:
        raise ConfigError(f"{where} nests arrays or tables too deeply to be a config "
                          "file") from None


def _unknown(where: str, name: str, known: Iterable[str], what: str = "setting") -> ConfigError:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f"; did you mean {close[0]}?" if close else f"; known: {', '.join(known)}"
    return ConfigError(f"{where}: unknown {what} {printable(name)!r}{hint}")


def _keys(data: Mapping[str, Any], where: str) -> dict[str, str]:
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise ConfigError(f"{where}: keys is a table: [keys] then lines like "
                          "mark_done = \"x\"")
    for name, value in keys.items():
        if isinstance(value, dict):
            inner = next(iter(value), "…")
            raise ConfigError(
                f"{where}: [keys] {printable(name)}.{printable(inner)} must be quoted, as "
                f"TOML reads a dot as a table: \"{printable(name)}.{printable(inner)}\" = "
                f"\"{printable(str(value.get(inner, 'x')))}\"")
        if not isinstance(value, str):
            raise ConfigError(f"{where}: [keys] {printable(name)} must be quoted text, e.g. "
                              f"{printable(name)} = \"x\" (several: \"x,y\")")
    return {str(k): v for k, v in keys.items()}


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives the defaults. Every mistake (an
    unknown setting, a wrong type, a bad value) is a ``ConfigError`` naming the key
    and the fix."""
    path = path or config_path()
    text = read_config_text(path)
    if text is None:
        return Config()
    where = shown(path)
    data = _parse(text, where)
    for name in data:
        if name not in SETTINGS:
            raise _unknown(where, name, SETTINGS)
    hour = data.get("day_start_hour", DEFAULT_DAY_START_HOUR)
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        raise ConfigError(f"{where}: day_start_hour must be a whole hour from 0 to 23, "
                          "e.g. day_start_hour = 4")
    week_start = data.get("week_start", "monday")
    if not isinstance(week_start, str) or week_start.lower()[:3] not in WEEKDAYS:
        raise ConfigError(f"{where}: week_start must be a weekday name, e.g. "
                          "week_start = \"monday\"")
    checkin = data.get("checkin_on_start", True)
    if not isinstance(checkin, bool):
        raise ConfigError(f"{where}: checkin_on_start must be true or false, without "
                          "quotes: checkin_on_start = false")
    grouping = data.get("group_by_direction", True)
    if not isinstance(grouping, bool):
        raise ConfigError(f"{where}: group_by_direction must be true or false, without "
                          "quotes: group_by_direction = false")
    theme = data.get("theme", "")
    if not isinstance(theme, str):
        raise ConfigError(f"{where}: theme must be a theme's name in quotes, e.g. "
                          "theme = \"nord\"")
    return Config(
        day_start_hour=hour,
        week_start=WEEKDAYS.index(week_start.lower()[:3]),
        checkin_on_start=checkin,
        theme=theme,
        group_by_direction=grouping,
        keys=_keys(data, where),
    )
