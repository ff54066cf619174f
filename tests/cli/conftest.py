"""Fixtures for the daily commands: a wall clock the tests set."""

from __future__ import annotations

from datetime import datetime, tzinfo

import pytest


class WallClock(datetime):
    """``datetime`` whose ``now()`` is ``moment`` (a local wall-clock time)."""

    moment = datetime(2026, 3, 12, 12, 0)  # noqa: DTZ001 (a local wall-clock time)

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> WallClock:
        return cls.fromtimestamp(cls.moment.timestamp())


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> type[WallClock]:
    """The clock the calendar rules and ``tracker status`` read; set ``clock.moment``."""
    import tracker.cli.quick_status as quick_status
    import tracker.domain.days as days

    WallClock.moment = datetime(2026, 3, 12, 12, 0)  # noqa: DTZ001
    monkeypatch.setattr(days, "datetime", WallClock)
    monkeypatch.setattr(quick_status, "datetime", WallClock)
    return WallClock
