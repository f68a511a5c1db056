"""The felt-safety trend: the pure arithmetic, then the endpoint across roles, timezones and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from mend.checkins import trends
from mend.errors import Invalid
from tests.builders import ApiClient, Couple
from tests.checkins.conftest import local, make_checkin, make_checkins, make_couple_in, set_consent

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


# --- the endpoint ----------------------------------------------------------------------------


def trend(member: ApiClient, couple: Couple, query: str = "") -> dict[str, Any]:
    """The safety trend as member sees it."""
    response = member.get(f"/spaces/{couple.space_id}/trends/safety{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def by_day(result: dict[str, Any]) -> dict[str, tuple[float | None, int]]:
    """Non-empty points of a trend, as start -> (mean, count)."""
    return {p["start"]: (p["mean"], p["count"]) for p in result["points"] if p["count"]}


@pytest.fixture
def new_york_couple(app: Flask) -> Couple:
    """A hurt partner in New York and a repairing partner in Berlin."""
    return make_couple_in(app, hurt_timezone=NEW_YORK, repairing_timezone=BERLIN)


def test_trend_defaults_to_90_daily_points_ending_today_in_the_callers_timezone(
    couple: Couple,
) -> None:
    couple.hurt.post(f"/spaces/{couple.space_id}/checkins", json={"felt_safety": 7})

    result = trend(couple.hurt, couple)

    today = datetime.now(UTC).date().isoformat()
    assert (result["bucket"], result["to"], result["timezone"]) == ("day", today, "UTC")
    assert len(result["points"]) == 90 and result["points"][0]["start"] == result["from"]
    assert result["points"][-1] == {
        "start": today,
        "mean": 7.0,
        "count": 1,
        "rolling_mean_7d": 7.0,
    }


def test_trend_days_follow_the_callers_timezone_across_dst(
    app: Flask, new_york_couple: Couple
) -> None:
    couple = new_york_couple
    for moment, score in [
        ("2024-03-09 23:30", 1),
        ("2024-03-10 00:30", 3),
        ("2024-03-10 23:30", 5),
        ("2024-03-11 00:30", 7),
    ]:
        make_checkin(
            app,
            space_id=couple.space_id,
            author_id=couple.hurt.id,
            created_at=local(moment, NEW_YORK),
            felt_safety=score,
        )
    query = "?from=2024-03-09&to=2024-03-11"

    assert by_day(trend(couple.hurt, couple, query)) == {
        "2024-03-09": (1.0, 1),
        "2024-03-10": (4.0, 2),
        "2024-03-11": (7.0, 1),
    }
    # In Berlin (six hours ahead, then five) each 23:30/00:30 pair falls on one morning.
    assert by_day(trend(couple.repairing, couple, "?from=2024-03-09&to=2024-03-12")) == {
        "2024-03-10": (2.0, 2),
        "2024-03-11": (6.0, 2),
    }


def test_trend_around_autumn_dst_change_keeps_the_late_evening_on_its_day(
    app: Flask, new_york_couple: Couple
) -> None:
    couple = new_york_couple
    rows = [
        {"author_id": couple.hurt.id, "created_at": local(moment, NEW_YORK), "felt_safety": score}
        for moment, score in [("2024-11-02 23:30", 2), ("2024-11-03 00:30", 4)]
        + [("2024-11-03 23:30", 6), ("2024-11-04 00:30", 8)]
    ]
    make_checkins(app, space_id=couple.space_id, rows=rows)

    result = trend(couple.hurt, couple, "?from=2024-11-02&to=2024-11-04")

    assert by_day(result) == {
        "2024-11-02": (2.0, 1),
        "2024-11-03": (5.0, 2),
        "2024-11-04": (8.0, 1),
    }
    assert [p["rolling_mean_7d"] for p in result["points"]] == [2.0, 4.0, 5.0]


def test_weekly_trend_reports_the_widened_range(app: Flask, couple: Couple) -> None:
    make_checkin(
        app,
        space_id=couple.space_id,
        author_id=couple.hurt.id,
        created_at=local("2024-03-06 12:00", "UTC"),
        felt_safety=4,
    )

    result = trend(couple.hurt, couple, "?from=2024-03-06&to=2024-03-20&bucket=week")

    assert (result["from"], result["to"]) == ("2024-03-04", "2024-03-24")
    assert [(p["start"], p["count"]) for p in result["points"]] == [
        ("2024-03-04", 1),
        ("2024-03-11", 0),
        ("2024-03-18", 0),
    ]


def seed_a_day_of_both(app: Flask, couple: Couple) -> None:
    """On 2024-05-01 (UTC) the hurt partner felt 3 and the repairing partner guessed 6."""
    for author, scores in [
        (couple.hurt, {"felt_safety": 3}),
        (couple.repairing, {"predicted_safety": 6}),
    ]:
        make_checkin(
            app,
            space_id=couple.space_id,
            author_id=author.id,
            created_at=local("2024-05-01 12:00", "UTC"),
            **scores,
        )


RANGE = "?from=2024-05-01&to=2024-05-01"


def test_both_partners_see_attunement(app: Flask, couple: Couple) -> None:
    seed_a_day_of_both(app, couple)

    for member in (couple.hurt, couple.repairing):
        result = trend(member, couple, RANGE)
        assert result["attunement"] == [
            {"date": "2024-05-01", "predicted": 6.0, "felt": 3.0, "difference": 3.0}
        ]
        assert by_day(result) == {"2024-05-01": (3.0, 1)}


def test_repairing_partner_sees_no_felt_safety_once_hurt_stops_sharing(
    app: Flask, couple: Couple
) -> None:
    seed_a_day_of_both(app, couple)
    set_consent(
        app,
        space_id=couple.space_id,
        owner=couple.hurt,
        viewer=couple.repairing,
        category="checkins",
        granted=False,
    )

    result = trend(couple.repairing, couple, RANGE)

    assert by_day(result) == {} and result["attunement"] is None
    assert trend(couple.hurt, couple, RANGE)["attunement"] is not None


def test_therapist_trend_follows_each_partners_grant(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    seed_a_day_of_both(app, couple)
    nothing = trend(therapist, couple, RANGE)
    assert by_day(nothing) == {} and nothing["attunement"] is None

    def grant(owner: ApiClient) -> None:
        set_consent(
            app, space_id=couple.space_id, owner=owner, viewer=therapist, category="checkins"
        )

    grant(couple.repairing)
    only_repairing = trend(therapist, couple, RANGE)
    assert by_day(only_repairing) == {} and only_repairing["attunement"] is None
    grant(couple.hurt)
    both = trend(therapist, couple, RANGE)
    assert by_day(both) == {"2024-05-01": (3.0, 1)}
    assert both["attunement"] == [
        {"date": "2024-05-01", "predicted": 6.0, "felt": 3.0, "difference": 3.0}
    ]


def test_therapist_with_only_the_hurt_partners_grant_gets_no_attunement(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    seed_a_day_of_both(app, couple)
    set_consent(
        app, space_id=couple.space_id, owner=couple.hurt, viewer=therapist, category="checkins"
    )

    result = trend(therapist, couple, RANGE)

    assert by_day(result) == {"2024-05-01": (3.0, 1)} and result["attunement"] is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?bucket=month", "bucket"),
        ("?from=2024-05-02&to=2024-05-01", "from"),
        ("?from=2019-12-31&to=2024-12-31", "from"),
        ("?from=2000-01-01", "from"),
        ("?from=2999-12-31", "from"),
        ("?from=soon", "from"),
        ("?to=1969-12-31", "to"),
        ("?to=3000-01-01", "to"),
    ],
)
def test_trend_query_validation_names_the_field(couple: Couple, query: str, field: str) -> None:
    response = couple.hurt.get(f"/spaces/{couple.space_id}/trends/safety{query}")

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


def daily_history(couple: Couple, *, days: int, last: date) -> list[dict[str, Any]]:
    """One check-in from each partner on each of `days` days ending on last, at noon UTC."""
    rows = []
    for offset in range(days):
        noon = datetime.combine(last - timedelta(days=offset), datetime.min.time(), UTC)
        noon += timedelta(hours=12)
        rows.append({"author_id": couple.hurt.id, "created_at": noon, "felt_safety": offset % 11})
        rows.append({"author_id": couple.repairing.id, "created_at": noon, "predicted_safety": 5})
    return rows


def test_trend_takes_the_same_number_of_queries_for_10_or_700_days(
    app: Flask, couple: Couple, count_queries
) -> None:
    last = date(2024, 12, 31)
    query = f"?from={last - timedelta(days=729)}&to={last}"

    def queries_for_trend() -> tuple[int, dict[str, Any]]:
        with count_queries() as counter:
            result = trend(couple.hurt, couple, query)
        return counter.count, result

    make_checkins(app, space_id=couple.space_id, rows=daily_history(couple, days=10, last=last))
    few, short = queries_for_trend()
    older = daily_history(couple, days=700, last=last)[20:]
    make_checkins(app, space_id=couple.space_id, rows=older)
    many, long = queries_for_trend()

    assert many == few
    assert sum(p["count"] for p in short["points"]) == 10
    assert sum(p["count"] for p in long["points"]) == 700
    assert len(long["attunement"]) == 700
