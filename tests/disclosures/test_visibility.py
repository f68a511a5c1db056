"""Who sees which disclosures, replies and acknowledgements (policy rules 1, 3, 4, 5 and 7)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask

from mend.database import utcnow
from tests.builders import ApiClient, Couple
from tests.disclosures.conftest import disclosures_path, insert_consent_change, respond, share


def listed_ids(viewer: ApiClient, space_id: int) -> list[int]:
    """The ids of the disclosures viewer finds in the list."""
    response = viewer.get(disclosures_path(space_id))
    assert response.status_code == 200
    return [item["id"] for item in response.get_json()["items"]]


def thread(couple: Couple, disclosure: dict[str, Any]) -> tuple[dict, dict]:
    """A question from the hurt partner, the repairing partner's answer, an acknowledgement."""
    question = respond(couple.hurt, couple.space_id, disclosure["id"], "Who else knew?")
    answer = respond(couple.repairing, couple.space_id, disclosure["id"], "Nobody else.")
    couple.hurt.post(disclosures_path(couple.space_id, disclosure["id"], "acknowledge"))
    return question, answer


def test_therapist_without_a_grant_sees_no_disclosures(
    couple: Couple, disclosure: dict[str, Any], therapist: ApiClient
) -> None:
    assert listed_ids(therapist, couple.space_id) == []
    assert therapist.get(disclosures_path(couple.space_id, disclosure["id"])).status_code == 404


def test_therapist_with_the_authors_grant_sees_the_disclosure_and_the_authors_replies(
    app: Flask, couple: Couple, disclosure: dict[str, Any], therapist: ApiClient
) -> None:
    _question, answer = thread(couple, disclosure)
    share(couple.space_id, owner=couple.repairing, viewer=therapist)

    detail = therapist.get(disclosures_path(couple.space_id, disclosure["id"])).get_json()

    assert listed_ids(therapist, couple.space_id) == [disclosure["id"]]
    assert detail["responses"] == [answer]
    assert detail["response_count"] == 1
    assert detail["acknowledged_at"] is None
    (item,) = therapist.get(disclosures_path(couple.space_id)).get_json()["items"]
    assert (item["response_count"], item["acknowledged_at"]) == (1, None)


def test_hurt_partners_grant_adds_their_replies_and_acknowledgement_for_the_therapist(
    app: Flask, couple: Couple, disclosure: dict[str, Any], therapist: ApiClient
) -> None:
    question, answer = thread(couple, disclosure)
    share(couple.space_id, owner=couple.repairing, viewer=therapist)
    share(couple.space_id, owner=couple.hurt, viewer=therapist)

    detail = therapist.get(disclosures_path(couple.space_id, disclosure["id"])).get_json()
    hurt_view = couple.hurt.get(disclosures_path(couple.space_id, disclosure["id"])).get_json()

    assert detail["responses"] == [question, answer]
    assert detail["acknowledged_at"] == hurt_view["acknowledged_at"] is not None
    (item,) = therapist.get(disclosures_path(couple.space_id)).get_json()["items"]
    assert item["response_count"] == 2


def test_hurt_partners_grant_alone_shows_the_therapist_nothing(
    app: Flask, couple: Couple, disclosure: dict[str, Any], therapist: ApiClient
) -> None:
    thread(couple, disclosure)
    share(couple.space_id, owner=couple.hurt, viewer=therapist)

    assert listed_ids(therapist, couple.space_id) == []
    assert therapist.get(disclosures_path(couple.space_id, disclosure["id"])).status_code == 404


def test_revoking_the_grant_hides_the_disclosure_at_once(
    app: Flask, couple: Couple, disclosure: dict[str, Any], therapist: ApiClient
) -> None:
    share(couple.space_id, owner=couple.repairing, viewer=therapist)
    assert listed_ids(therapist, couple.space_id) == [disclosure["id"]]

    share(couple.space_id, owner=couple.repairing, viewer=therapist, granted=False)

    assert listed_ids(therapist, couple.space_id) == []
    assert therapist.get(disclosures_path(couple.space_id, disclosure["id"])).status_code == 404


def test_an_expired_grant_hides_the_disclosure(
    app: Flask, couple: Couple, disclosure: dict[str, Any], therapist: ApiClient
) -> None:
    expired = utcnow() - timedelta(minutes=1)
    insert_consent_change(
        app,
        couple.space_id,
        owner=couple.repairing,
        viewer=therapist,
        granted=True,
        expires_at=expired,
    )

    assert listed_ids(therapist, couple.space_id) == []
    assert therapist.get(disclosures_path(couple.space_id, disclosure["id"])).status_code == 404


def test_hurt_partner_always_sees_disclosures_whatever_the_grants(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    # The API refuses this revocation (rule 1); even a row saying so changes nothing.
    insert_consent_change(
        app, couple.space_id, owner=couple.repairing, viewer=couple.hurt, granted=False
    )

    assert listed_ids(couple.hurt, couple.space_id) == [disclosure["id"]]
    assert couple.hurt.get(disclosures_path(couple.space_id, disclosure["id"])).status_code == 200


def test_repairing_partner_stops_seeing_hurt_replies_when_the_hurt_partner_stops_sharing(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    _question, answer = thread(couple, disclosure)

    share(couple.space_id, owner=couple.hurt, viewer=couple.repairing, granted=False)

    detail = couple.repairing.get(disclosures_path(couple.space_id, disclosure["id"])).get_json()
    assert detail["responses"] == [answer]
    assert detail["acknowledged_at"] is None
    (item,) = couple.repairing.get(disclosures_path(couple.space_id)).get_json()["items"]
    assert (item["response_count"], item["acknowledged_at"]) == (1, None)
