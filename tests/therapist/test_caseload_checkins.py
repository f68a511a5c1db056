"""The therapist's caseload: felt-safety figures, alerts on the couple's baseline,
and days since check-in."""

from __future__ import annotations

from flask import Flask

from tests.builders import (
    ApiClient,
    make_user,
)
from tests.checkins.conftest import make_checkins
from tests.therapist import caseload_helpers
from tests.therapist.caseload_helpers import (
    checked_in,
    couple_with,
    days_ago,
    felt_safety,
    only,
)

frozen_now = caseload_helpers.frozen_now  # autouse: the caseload's now is NOW
therapist = caseload_helpers.therapist


def test_felt_safety_figures_and_alerts_from_the_hurt_partners_check_ins(
    app: Flask, therapist: ApiClient
) -> None:
    couple = couple_with(app, therapist, hurt=["checkins"])
    scores = {days_ago(day): 3 for day in range(7)} | {days_ago(day): 6 for day in range(8, 28)}
    felt_safety(app, couple, scores | {days_ago(7): 7, days_ago(40): 0})
    item = only(therapist)
    figures = item["felt_safety"]
    assert figures["latest"] == {"value": 3, "at": "2025-03-05T09:00:00+00:00"}
    assert figures["mean_7d"] == 3.0
    assert figures["mean_28d"] == round((7 * 3 + 7 + 20 * 6) / 28, 2) == 5.29
    assert figures["trend"] == "falling"
    assert figures["sparkline"] == [6.0] * 20 + [7.0] + [3.0] * 7
    assert item["days_since_checkin"] == [{"user_id": couple.hurt.id, "role": "hurt", "days": 0}]
    assert item["shared"][0]["categories"] == ["checkins"]
    assert item["nothing_shared"] is False
    assert item["alerts"] == [
        {
            "kind": "felt_safety_drop",
            "message": "Felt safety this week (3.0) is 2.3 points under the last four weeks (5.3).",
        },
        {
            "kind": "low_felt_safety",
            "message": "Felt safety has been 3 or below in the last 3 check-ins (3, 3, 3).",
        },
    ]


def test_steady_felt_safety_raises_no_alert(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=["checkins"])
    felt_safety(app, couple, {days_ago(day): 5 + day % 2 for day in range(28)})
    item = only(therapist)
    assert item["felt_safety"]["trend"] == "steady"
    assert item["alerts"] == []


def test_sparkline_days_are_each_therapists_own(app: Flask, therapist: ApiClient) -> None:
    in_auckland = make_user(
        app, account_type="therapist", display_name="Dr. Ngata", timezone="Pacific/Auckland"
    )
    couple = couple_with(app, therapist, in_auckland, hurt=["checkins"])
    felt_safety(app, couple, {days_ago(0, hour=10): 4})  # 23:00 on 5 March in Auckland
    assert only(therapist)["felt_safety"]["sparkline"][-2:] == [None, 4.0]
    assert only(in_auckland)["felt_safety"]["sparkline"][-2:] == [4.0, None]  # it's 6 March


def test_days_since_check_in_for_each_partner_who_shares(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=["checkins"], repairing=["checkins"])
    checked_in(app, couple, couple.hurt, days_ago(3))
    checked_in(app, couple, couple.repairing, days_ago(9))
    checked_in(app, couple, couple.repairing, days_ago(7, hour=23))
    item = only(therapist)
    assert item["days_since_checkin"] == [
        {"user_id": couple.hurt.id, "role": "hurt", "days": 3},
        {"user_id": couple.repairing.id, "role": "repairing", "days": 7},
    ]
    assert item["alerts"] == [
        {"kind": "no_checkin", "message": "Alex hasn't checked in for 7 days."}
    ]


def test_a_partner_who_never_checked_in(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, repairing=["checkins"])
    checked_in(app, couple, couple.hurt, days_ago(20))  # not shared: no figure, no alert
    item = only(therapist)
    assert item["felt_safety"] is None
    assert item["days_since_checkin"] == [
        {"user_id": couple.repairing.id, "role": "repairing", "days": None}
    ]
    assert item["alerts"] == [
        {"kind": "no_checkin", "message": "Alex hasn't checked in since joining, 60 days ago."}
    ]


def test_a_check_in_in_words_only_keeps_the_latest_number(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=["checkins"])
    felt_safety(app, couple, {days_ago(2): 4})
    words_only = {"author_id": couple.hurt.id, "note": "A hard day", "created_at": days_ago(0)}
    make_checkins(app, space_id=couple.space_id, rows=[words_only])
    item = only(therapist)
    assert item["felt_safety"]["latest"] == {"value": 4, "at": days_ago(2).isoformat()}
    assert item["days_since_checkin"] == [{"user_id": couple.hurt.id, "role": "hurt", "days": 0}]
