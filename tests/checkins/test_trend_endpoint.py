"""The felt-safety trend endpoint across roles, grants, timezones and the DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from tests.builders import ApiClient, Couple
from tests.checkins.conftest import local, make_checkin, make_checkins, make_couple_in, set_consent

NEW_YORK = "America/New_York"
BERLIN = "Europe/Berlin"


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
