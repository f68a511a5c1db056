"""The caseload's arithmetic: felt-safety figures, alert thresholds, reliability windows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from mend.therapist.caseload import alerts
from mend.therapist.caseload.alerts import Dispute, FeltSafety, Quiet

TODAY = date(2025, 3, 5)


def at(days_ago: int, hour: int = 12, timezone=UTC) -> datetime:
    """A moment on the day `days_ago` before TODAY."""
    return datetime.combine(TODAY - timedelta(days=days_ago), time(hour), tzinfo=timezone)


def felt(readings: list[tuple[datetime, int]], timezone: str = "UTC") -> FeltSafety:
    return alerts.felt_safety(readings, latest=None, today=TODAY, timezone=timezone)


def steady_then(week_scores: int, earlier_scores: int) -> list[tuple[datetime, int]]:
    """One score a day: `earlier_scores` for days 7-27 ago, `week_scores` for the last 7 days."""
    return [(at(day), week_scores if day < 7 else earlier_scores) for day in range(28)]


def kinds(found: list[alerts.Alert]) -> list[str]:
    return [alert.kind for alert in found]


def test_means_cover_the_last_7_and_28_local_days() -> None:
    readings = steady_then(week_scores=4, earlier_scores=8) + [(at(28), 0), (at(-1), 0)]
    figures = felt(readings)
    assert figures.mean_7d == 4.0
    assert figures.mean_28d == pytest.approx((7 * 4 + 21 * 8) / 28, abs=0.005)


def test_sparkline_is_28_daily_means_oldest_first_with_gaps_as_none() -> None:
    figures = felt([(at(27), 2), (at(0, 9), 5), (at(0, 20), 8), (at(3), 6)])
    assert len(figures.sparkline) == 28
    assert figures.sparkline[0] == 2.0
    assert figures.sparkline[-1] == 6.5
    assert figures.sparkline[-4] == 6.0
    assert figures.sparkline.count(None) == 25


def test_sparkline_days_are_the_viewers_local_days() -> None:
    late_evening_utc = datetime.combine(TODAY - timedelta(days=1), time(22, 30), tzinfo=UTC)
    in_utc = felt([(late_evening_utc, 7)], timezone="UTC")
    in_tokyo = felt([(late_evening_utc, 7)], timezone="Asia/Tokyo")  # already TODAY there
    assert in_utc.sparkline[-2:] == [7.0, None]
    assert in_tokyo.sparkline[-2:] == [None, 7.0]


def test_no_readings_give_empty_figures() -> None:
    figures = felt([])
    assert (figures.mean_7d, figures.mean_28d, figures.trend) == (None, None, None)
    assert figures.sparkline == [None] * 28


@pytest.mark.parametrize(
    ("mean_7d", "mean_28d", "expected"),
    [
        (6.0, 5.5, "steady"),
        (5.0, 5.5, "steady"),
        (6.01, 5.5, "rising"),
        (4.99, 5.5, "falling"),
        (5.5, 5.5, "steady"),
        (None, 5.5, None),
        (5.5, None, None),
    ],
)
def test_trend_compares_the_week_to_four_weeks_with_a_half_point_band(
    mean_7d: float | None, mean_28d: float | None, expected: str | None
) -> None:
    assert alerts.trend(mean_7d, mean_28d) == expected


def judge(figures: FeltSafety | None = None, quiet=(), disputes=None) -> list[alerts.Alert]:
    return alerts.judge(felt=figures, quiet=list(quiet), disputes=disputes)


def test_felt_safety_drop_fires_at_two_points_under_the_baseline() -> None:
    # Week of 3s, three earlier weeks of 5.6667: 28-day mean 5.0, exactly 2 points above.
    readings = [(at(day), 3) for day in range(7)]
    readings += [(at(day), 6 if day % 3 else 5) for day in range(7, 28)]
    figures = felt(readings)
    assert figures.mean_28d - figures.mean_7d == pytest.approx(2.0)
    [alert] = [a for a in judge(figures) if a.kind == "felt_safety_drop"]
    assert alert.message == (
        "Felt safety this week (3.0) is 2.0 points under the last four weeks (5.0)."
    )


def test_felt_safety_drop_stays_quiet_just_under_two_points() -> None:
    readings = [(at(day), 3) for day in range(7)]
    readings += [(at(day), 6 if day % 3 else 5) for day in range(8, 28)] + [(at(7), 5)]
    figures = felt(readings)
    assert figures.mean_28d - figures.mean_7d == pytest.approx(1.96)
    assert "felt_safety_drop" not in kinds(judge(figures))


@pytest.mark.parametrize(
    ("scores", "fires"),
    [
        ([7, 3, 3, 3], True),
        ([1, 0, 2], True),
        ([3, 3, 4], False),
        ([4, 3, 3], False),
        ([2, 2], False),
    ],
)
def test_three_check_ins_in_a_row_at_three_or_below(scores: list[int], fires: bool) -> None:
    readings = [(at(len(scores) - index), score) for index, score in enumerate(scores)]
    found = judge(felt(readings))
    assert ("low_felt_safety" in kinds(found)) is fires
    if fires:
        [alert] = [a for a in found if a.kind == "low_felt_safety"]
        listed = ", ".join(map(str, scores[-3:]))
        assert alert.message == (
            f"Felt safety has been 3 or below in the last 3 check-ins ({listed})."
        )


@pytest.mark.parametrize(
    ("days_since", "days_in_space", "message"),
    [
        (7, 30, "Sam hasn't checked in for 7 days."),
        (6, 30, None),
        (0, 30, None),
        (None, 7, "Sam hasn't checked in since joining, 7 days ago."),
        (None, 6, None),
    ],
)
def test_no_check_in_for_seven_days(
    days_since: int | None, days_in_space: int, message: str | None
) -> None:
    found = judge(quiet=[Quiet("Sam", days_since, days_in_space)])
    assert [a.message for a in found if a.kind == "no_checkin"] == ([message] if message else [])


def test_each_quiet_partner_gets_an_alert_of_their_own() -> None:
    found = judge(quiet=[Quiet("Sam", 9, 90), Quiet("Alex", 12, 90)])
    assert [a.message for a in found] == [
        "Sam hasn't checked in for 9 days.",
        "Alex hasn't checked in for 12 days.",
    ]


@pytest.mark.parametrize(
    ("disputes", "message"),
    [
        (None, None),
        ([], None),
        (
            [Dispute("No contact with J.", date(2025, 3, 1))],
            "A commitment check is disputed and still open (\u201cNo contact with J.\u201d, "
            "1 March 2025).",
        ),
        (
            [Dispute("Phone open", date(2025, 3, 3)), Dispute("No contact", date(2025, 2, 1))],
            "2 commitment checks are disputed and still open (the latest: \u201cPhone open\u201d, "
            "3 March 2025).",
        ),
    ],
)
def test_an_open_dispute_fires(disputes: list[Dispute] | None, message: str | None) -> None:
    assert [a.message for a in judge(disputes=disputes)] == ([message] if message else [])


def test_alerts_come_weightiest_first() -> None:
    found = judge(
        felt([(at(2), 1), (at(1), 2), (at(0), 3)]),
        quiet=[Quiet("Alex", 8, 90)],
        disputes=[Dispute("Phone open", TODAY)],
    )
    assert kinds(found) == ["low_felt_safety", "disputed_check", "no_checkin"]
    assert [a.severity for a in found] == [3, 2, 1]


def with_latest(readings: list[tuple[datetime, int]]) -> FeltSafety:
    """Figures whose latest score is the newest reading (as the caseload hands it in)."""
    moment, score = max(readings)
    return alerts.felt_safety(
        readings, latest=alerts.Latest(score, moment), today=TODAY, timezone="UTC"
    )


def test_a_single_score_four_points_under_the_baseline_is_flagged_at_once() -> None:
    readings = [(at(day), 6) for day in range(1, 10)] + [(at(0), 1)]
    found = alerts.judge(felt=with_latest(readings), quiet=[], disputes=None)
    assert "sudden_drop" in kinds(found)
    message = next(a.message for a in found if a.kind == "sudden_drop")
    assert "(1)" in message and "5.0 points" in message and "(6.0)" in message


def test_a_drop_of_under_four_points_is_not_a_sudden_drop() -> None:
    readings = [(at(day), 6) for day in range(1, 10)] + [(at(0), 3)]
    assert "sudden_drop" not in kinds(
        alerts.judge(felt=with_latest(readings), quiet=[], disputes=None)
    )


def test_with_too_few_check_ins_there_is_no_trend_and_no_sudden_drop() -> None:
    readings = [(at(3), 8), (at(2), 8), (at(1), 8), (at(0), 1)]
    figures = with_latest(readings)
    assert figures.enough_data is False
    assert figures.trend is None
    assert "sudden_drop" not in kinds(alerts.judge(felt=figures, quiet=[], disputes=None))


def test_one_check_in_is_not_yet_steady() -> None:
    figures = felt([(at(0), 5)])
    assert (figures.trend, figures.enough_data) == (None, False)
