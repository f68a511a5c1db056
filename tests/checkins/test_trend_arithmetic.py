"""The felt-safety trend's arithmetic: date ranges, tallies by local day, buckets, rolling means
and attunement, as pure functions."""

from __future__ import annotations

from datetime import UTC, date

import pytest

from mend.checkins import trends
from mend.errors import Invalid
from tests.checkins.conftest import local

NEW_YORK = "America/New_York"
BERLIN = "Europe/Berlin"


def day(text: str) -> date:
    """A date from YYYY-MM-DD."""
    return date.fromisoformat(text)


# --- resolve_range ---------------------------------------------------------------------------


def test_range_defaults_to_the_last_90_days_ending_today() -> None:
    first, last = trends.resolve_range(first=None, last=None, today=day("2024-05-31"), bucket="day")

    assert (first, last) == (day("2024-03-03"), day("2024-05-31"))
    assert (last - first).days + 1 == 90


def test_range_with_only_an_end_reaches_back_90_days() -> None:
    first, _ = trends.resolve_range(
        first=None, last=day("2024-01-31"), today=day("2024-05-31"), bucket="day"
    )

    assert first == day("2023-11-03")


def test_range_with_only_a_start_ends_today() -> None:
    assert trends.resolve_range(
        first=day("2024-05-01"), last=None, today=day("2024-05-31"), bucket="day"
    ) == (day("2024-05-01"), day("2024-05-31"))


def test_weekly_range_widens_to_whole_iso_weeks() -> None:
    first, last = trends.resolve_range(
        first=day("2024-03-06"), last=day("2024-03-20"), today=day("2024-05-31"), bucket="week"
    )

    assert (first, last) == (day("2024-03-04"), day("2024-03-24"))
    assert first.isoweekday() == 1 and last.isoweekday() == 7


def test_five_calendar_years_are_allowed() -> None:
    first, last = trends.resolve_range(
        first=day("2020-01-01"), last=day("2024-12-31"), today=day("2025-01-01"), bucket="day"
    )

    assert (last - first).days + 1 == trends.MAX_SPAN_DAYS


@pytest.mark.parametrize(
    ("first", "last", "today"),
    [
        ("2024-05-02", "2024-05-01", "2024-06-01"),
        ("2024-06-02", None, "2024-06-01"),
        ("2019-12-31", "2024-12-31", "2025-01-01"),
        ("2010-01-01", None, "2024-06-01"),
    ],
)
def test_backwards_or_too_long_range_is_invalid(first: str, last: str | None, today: str) -> None:
    with pytest.raises(Invalid) as raised:
        trends.resolve_range(
            first=day(first), last=last and day(last), today=day(today), bucket="day"
        )

    assert raised.value.errors is not None and list(raised.value.errors) == ["from"]


# --- tallies, buckets, rolling means, attunement ---------------------------------------------


def test_tally_puts_readings_on_local_days_across_daylight_saving_changes() -> None:
    readings = [
        (local("2024-03-09 23:30", NEW_YORK), 1),  # the night before clocks spring forward
        (local("2024-03-10 00:30", NEW_YORK), 2),
        (local("2024-03-10 23:30", NEW_YORK), 3),  # first evening on summer time
        (local("2024-03-11 00:30", NEW_YORK), 4),
        (local("2024-11-02 23:30", NEW_YORK), 5),  # the night before clocks fall back
        (local("2024-11-03 00:30", NEW_YORK), 6),
        (local("2024-11-03 23:30", NEW_YORK), 7),  # first evening back on standard time
        (local("2024-11-04 00:30", NEW_YORK), 8),
    ]
    as_utc = [(moment.astimezone(UTC), value) for moment, value in readings]

    assert trends.tally_by_local_day(as_utc, NEW_YORK) == {
        day("2024-03-09"): (1, 1),
        day("2024-03-10"): (5, 2),
        day("2024-03-11"): (4, 1),
        day("2024-11-02"): (5, 1),
        day("2024-11-03"): (13, 2),
        day("2024-11-04"): (8, 1),
    }


def test_the_same_moment_can_fall_on_different_days_for_different_viewers() -> None:
    moment = local("2024-03-31 01:30", BERLIN).astimezone(UTC)  # 2024-03-30 23:30 UTC

    assert list(trends.tally_by_local_day([(moment, 5)], BERLIN)) == [day("2024-03-31")]
    assert list(trends.tally_by_local_day([(moment, 5)], NEW_YORK)) == [day("2024-03-30")]


def test_daily_series_covers_every_day_with_empty_days_counted_zero() -> None:
    tally = {day("2024-05-02"): (9, 2)}

    points = trends.series(tally, first=day("2024-05-01"), last=day("2024-05-03"), bucket="day")

    assert [(p.start, p.mean, p.count) for p in points] == [
        (day("2024-05-01"), None, 0),
        (day("2024-05-02"), 4.5, 2),
        (day("2024-05-03"), None, 0),
    ]


def test_rolling_mean_covers_seven_days_ending_on_the_bucket_including_days_before_range() -> None:
    tally = {
        day("2024-04-24"): (10, 1),  # seven days before May 1: outside every window
        day("2024-04-25"): (8, 1),  # first day of May 1's window, before the range starts
        day("2024-04-26"): (2, 1),  # first day of May 2's window
        day("2024-05-01"): (4, 1),
    }

    points = trends.series(tally, first=day("2024-05-01"), last=day("2024-05-02"), bucket="day")

    assert [p.rolling_mean_7d for p in points] == [pytest.approx(14 / 3), 3.0]
    assert [p.count for p in points] == [1, 0]


def test_rolling_mean_is_null_when_the_week_before_was_empty() -> None:
    points = trends.series({}, first=day("2024-05-01"), last=day("2024-05-01"), bucket="day")

    assert points == [trends.Point(day("2024-05-01"), None, 0, None)]


def test_weekly_series_buckets_monday_to_sunday() -> None:
    tally = {day("2024-03-04"): (2, 1), day("2024-03-10"): (6, 1), day("2024-03-11"): (5, 1)}

    points = trends.series(tally, first=day("2024-03-04"), last=day("2024-03-24"), bucket="week")

    assert [(p.start, p.mean, p.count, p.rolling_mean_7d) for p in points] == [
        (day("2024-03-04"), 4.0, 2, 4.0),
        (day("2024-03-11"), 5.0, 1, 5.0),
        (day("2024-03-18"), None, 0, None),
    ]


def test_attunement_compares_daily_means_only_on_days_with_both_inside_the_range() -> None:
    felt = {day("2024-04-30"): (1, 1), day("2024-05-01"): (6, 2), day("2024-05-02"): (7, 1)}
    predicted = {day("2024-04-30"): (9, 1), day("2024-05-01"): (7, 1), day("2024-05-03"): (2, 1)}

    result = trends.attunement(
        felt=felt, predicted=predicted, first=day("2024-05-01"), last=day("2024-05-03")
    )

    assert result == [trends.Attunement(day("2024-05-01"), 7.0, 3.0, 4.0)]
