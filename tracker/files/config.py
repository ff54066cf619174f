"""User settings from ``config.toml`` in the user config directory (see README, Configuration)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from tracker.domain.days import DEFAULT_DAY_START_HOUR, WEEKDAYS


class ConfigError(Exception):
    """The config file cannot be used; the message says what to fix."""


class Config(NamedTuple):
    """Settings with their defaults."""

    day_start_hour: int = DEFAULT_DAY_START_HOUR
    week_start: int = 0
    checkin_on_start: bool = True
    theme: str = ""
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


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives the defaults."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        hint = ""
        if "[keys]" in text:
            hint = " (keys are quoted text: mark_done = \"space\", several: \"space,d\")"
        raise ConfigError(f"{path} is not valid TOML: {error}{hint}") from None
    hour = data.get("day_start_hour", DEFAULT_DAY_START_HOUR)
    if not isinstance(hour, int) or not 0 <= hour <= 23:
        raise ConfigError(f"{path}: day_start_hour must be a whole hour from 0 to 23")
    week_start = str(data.get("week_start", "monday")).lower()[:3]
    if week_start not in WEEKDAYS:
        raise ConfigError(f"{path}: week_start must be a weekday name, e.g. \"monday\"")
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f"{path}: [keys] maps action names to keys, e.g. mark_done = \"x\"")
    return Config(
        day_start_hour=hour,
        week_start=WEEKDAYS.index(week_start),
        checkin_on_start=bool(data.get("checkin_on_start", True)),
        theme=str(data.get("theme", "")),
        keys={str(k): v for k, v in keys.items()},
    )
