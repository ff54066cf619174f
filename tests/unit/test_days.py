"""The calendar rules: day boundary, weeks, date parsing."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.days import describe_day, logical_day, parse_day, week_days, week_start


def test_a_tick_at_half_past_one_belongs_to_the_day_before() -> None:
    assert logical_day(datetime(2026, 3, 3, 1, 30, tzinfo=UTC)) == date(2026, 3, 2)
    assert logical_day(datetime(2026, 3, 3, 4, 0, tzinfo=UTC)) == date(2026, 3, 3)
    assert logical_day(datetime(2026, 3, 3, 23, 59, tzinfo=UTC)) == date(2026, 3, 3)


def test_the_day_start_hour_is_configurable() -> None:
    half_past_one = datetime(2026, 3, 3, 1, 30, tzinfo=UTC)
    half_past_five = datetime(2026, 3, 3, 5, 30, tzinfo=UTC)
    assert logical_day(half_past_one, day_start_hour=0) == date(2026, 3, 3)
    assert logical_day(half_past_five, day_start_hour=6) == date(2026, 3, 2)
    with pytest.raises(ValueError):
        logical_day(datetime(2026, 3, 3, tzinfo=UTC), day_start_hour=24)


def test_a_time_zone_never_moves_a_day() -> None:
    # Only the local wall clock counts: the same wall time in any zone gives the same day.
    from datetime import timezone

    for hours in (-11, 0, 5, 14):
        moment = datetime(2026, 3, 29, 2, 30, tzinfo=timezone(timedelta(hours=hours)))
        assert logical_day(moment) == date(2026, 3, 28)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 6))
def test_week_start_is_the_chosen_weekday_within_six_days(day: date, first: int) -> None:
    start = week_start(day, first)
    assert start.weekday() == first
    assert 0 <= (day - start).days <= 6
    assert day in week_days(start)


def test_parse_day_explains_bad_dates() -> None:
    assert parse_day("2026-02-28") == date(2026, 2, 28)
    for bad in ("2026-02-30", "tomorrow-ish", "12/03/2026", ""):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_day(bad)


def test_describe_day() -> None:
    today = date(2026, 3, 12)
    assert describe_day(today, today) == "today"
    assert describe_day(today - timedelta(days=1), today) == "yesterday"
    assert describe_day(today + timedelta(days=1), today) == "tomorrow"
    assert describe_day(date(2026, 3, 9), today) == "Monday"
