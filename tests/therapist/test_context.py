"""The therapist's context around a couple's charts, each piece under its own consent:
disclosure days (repairing partner's grant), disclosures not yet taken in (both partners'
grants: the acknowledgements are the hurt partner's), and who stopped sharing what."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import update

from mend.consent.models import ConsentChange
from mend.extensions import db
from tests.builders import ApiClient, Couple, add_therapist
from tests.therapist.report_helpers import (
    access_log,
    backdate_disclosure,
    days_ago,
    disclose,
    grant,
    revise,
    today,
)


def context(therapist: ApiClient, couple: Couple, **query: str) -> dict[str, Any]:
    params = "&".join(f"{key}={value}" for key, value in query.items())
    response = therapist.get(f"/spaces/{couple.space_id}/therapist-context?{params}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def acknowledge(couple: Couple, disclosure_id: int) -> None:
    path = f"/spaces/{couple.space_id}/disclosures/{disclosure_id}/acknowledge"
    assert couple.hurt.post(path).status_code == 200


def share(owner: ApiClient, couple: Couple, viewer: ApiClient, category: str, granted=True):
    path = f"/spaces/{couple.space_id}/consents/{viewer.id}/{category}"
    assert owner.put(path, json={"granted": granted}).status_code == 200


def three_disclosures(app: Flask, couple: Couple) -> list[int]:
    """One told 5 days ago and amended today, one told today, one told long ago."""
    older = disclose(couple, "I hid messages")
    backdate_disclosure(app, older, datetime.combine(days_ago(5), time(12), tzinfo=UTC))
    revise(couple, older, body="I hid messages for a year, not a month.")
    newer = disclose(couple, "I lied about the trip")
    oldest = disclose(couple, "Long ago")
    backdate_disclosure(app, oldest, datetime.combine(days_ago(400), time(12), tzinfo=UTC))
    return [older, newer, oldest]


# --- disclosure days ---------------------------------------------------------------------------


def test_days_of_logging_and_amending_show_when_the_repairing_partner_shares(
    app: Flask, couple: Couple
) -> None:
    three_disclosures(app, couple)
    therapist = add_therapist(app, couple)
    grant(couple, therapist, {"repairing": ("disclosures",)})

    found = context(therapist, couple)

    assert found["disclosure_days"] == [
        {"day": str(days_ago(5)), "disclosed": 1, "amended": 0},
        {"day": str(today()), "disclosed": 1, "amended": 1},
    ]
    assert found["from"] == str(days_ago(181)) and found["to"] == str(today())
    assert context(therapist, couple, **{"from": str(days_ago(2))})["disclosure_days"] == [
        {"day": str(today()), "disclosed": 1, "amended": 1}
    ]
    assert ("disclosures", f"couple page: disclosure days {days_ago(181)} to {today()}") in (
        access_log(couple.repairing, couple.space_id)
    )


def test_no_days_at_all_without_the_repairing_partners_grant(app: Flask, couple: Couple) -> None:
    three_disclosures(app, couple)
    therapist = add_therapist(app, couple)
    grant(couple, therapist, {"hurt": ("disclosures", "checkins")})

    found = context(therapist, couple)

    assert found["disclosure_days"] is None
    assert found["not_taken_in"] is None
    assert access_log(couple.repairing, couple.space_id) == set()


def test_revoking_disclosures_removes_the_days_on_the_next_request(
    app: Flask, couple: Couple
) -> None:
    three_disclosures(app, couple)
    therapist = add_therapist(app, couple)
    share(couple.repairing, couple, therapist, "disclosures")
    assert context(therapist, couple)["disclosure_days"]

    share(couple.repairing, couple, therapist, "disclosures", granted=False)

    assert context(therapist, couple)["disclosure_days"] is None


# --- not yet taken in --------------------------------------------------------------------------


def test_not_taken_in_counts_disclosures_and_amendments_not_acknowledged(
    app: Flask, couple: Couple
) -> None:
    older, newer, oldest = three_disclosures(app, couple)
    therapist = add_therapist(app, couple)
    grant(couple, therapist, {"repairing": ("disclosures",), "hurt": ("disclosures",)})
    assert context(therapist, couple)["not_taken_in"] == 3

    acknowledge(couple, newer)
    acknowledge(couple, older)
    acknowledge(couple, oldest)
    assert context(therapist, couple)["not_taken_in"] == 0

    revise(couple, oldest, body="There was more to it.")  # an amendment is new words to take in
    assert context(therapist, couple)["not_taken_in"] == 1
    assert ("disclosures", "couple page: disclosures not yet taken in") in access_log(
        couple.hurt, couple.space_id
    )


def test_not_taken_in_is_hidden_unless_the_hurt_partner_shares_their_disclosure_activity(
    app: Flask, couple: Couple
) -> None:
    three_disclosures(app, couple)
    therapist = add_therapist(app, couple)
    share(couple.repairing, couple, therapist, "disclosures")

    found = context(therapist, couple)

    assert found["disclosure_days"] is not None  # the repairing partner's days still show
    assert found["not_taken_in"] is None
    assert access_log(couple.hurt, couple.space_id) == set()


def test_not_taken_in_is_hidden_once_either_partner_revokes(app: Flask, couple: Couple) -> None:
    three_disclosures(app, couple)
    therapist = add_therapist(app, couple)
    grant(couple, therapist, {"repairing": ("disclosures",), "hurt": ("disclosures",)})
    share(couple.hurt, couple, therapist, "disclosures", granted=False)
    assert context(therapist, couple)["not_taken_in"] is None

    share(couple.hurt, couple, therapist, "disclosures")
    share(couple.repairing, couple, therapist, "disclosures", granted=False)
    assert context(therapist, couple)["not_taken_in"] is None


def test_a_partner_who_left_takes_their_days_and_count_with_them(
    app: Flask, couple: Couple
) -> None:
    three_disclosures(app, couple)
    therapist = add_therapist(app, couple)
    grant(couple, therapist, {"repairing": ("disclosures",), "hurt": ("disclosures",)})

    assert couple.repairing.post(f"/spaces/{couple.space_id}/leave").status_code == 204
    found = context(therapist, couple)

    assert found["disclosure_days"] is None
    assert found["not_taken_in"] is None
    assert found["stopped_sharing"] == []  # the page says they left, not that they stopped


# --- stopped sharing ---------------------------------------------------------------------------


def test_stopped_sharing_names_the_partner_category_and_day(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    grant(couple, therapist, {"hurt": ("checkins", "commitments")})
    assert context(therapist, couple)["stopped_sharing"] == []

    share(couple.hurt, couple, therapist, "checkins", granted=False)
    found = context(therapist, couple)["stopped_sharing"]

    assert [(s["user_id"], s["display_name"], s["role"], s["category"]) for s in found] == [
        (couple.hurt.id, "Sam", "hurt", "checkins")
    ]
    assert found[0]["expired"] is False
    assert datetime.fromisoformat(found[0]["on"]).date() == today()

    share(couple.hurt, couple, therapist, "checkins")  # shared again: no longer stopped
    assert context(therapist, couple)["stopped_sharing"] == []


def test_stop_all_lists_every_category_that_was_shared(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    grant(couple, therapist, {"repairing": ("disclosures", "commitments")})

    assert couple.repairing.post(f"/spaces/{couple.space_id}/consents/stop-all").status_code == 200

    found = context(therapist, couple)["stopped_sharing"]
    assert sorted(s["category"] for s in found) == ["commitments", "disclosures"]
    assert {s["user_id"] for s in found} == {couple.repairing.id}


def test_a_grant_that_ran_out_is_stopped_sharing_as_planned(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    soon = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    path = f"/spaces/{couple.space_id}/consents/{therapist.id}/checkins"
    assert couple.hurt.put(path, json={"granted": True, "expires_at": soon}).status_code == 200
    with app.app_context():
        past = datetime.now(UTC) - timedelta(minutes=5)
        db.session.execute(update(ConsentChange).values(expires_at=past))
        db.session.commit()

    found = context(therapist, couple)["stopped_sharing"]

    assert [(s["category"], s["expired"]) for s in found] == [("checkins", True)]


def test_never_shared_is_not_stopped_sharing(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    assert context(therapist, couple)["stopped_sharing"] == []


# --- who may ask -------------------------------------------------------------------------------


def test_partners_and_outsiders_get_404(app: Flask, couple: Couple, client: ApiClient) -> None:
    path = f"/spaces/{couple.space_id}/therapist-context"
    assert couple.hurt.get(path).status_code == 404
    assert couple.repairing.get(path).status_code == 404
    assert client.get(path).status_code == 401


def test_bad_days_are_a_clear_422(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    path = f"/spaces/{couple.space_id}/therapist-context"
    for query in (
        "from=yesterday",
        "from=2026-03-05&to=2026-03-01",
        "from=2020-01-01&to=2026-01-01",
    ):
        response = therapist.get(f"{path}?{query}")
        assert response.status_code == 422, query
        assert response.content_type == "application/problem+json"
