"""Every live event type carries ids only: no words, scores, notes or names ever travel.

One story writes each kind of record while every member listens; every payload any
of them receives is walked against the allowed id keys, and no word written appears.
"""

from __future__ import annotations

import pytest
from flask import Flask

from mend.live.events import ALLOWED_IDS, announce
from tests.builders import ApiClient, Couple, add_therapist, invite_code, join, make_user
from tests.live.conftest import Connect, events

# DESIGN.md "### Live updates", and measure.responded.
EVERY_TYPE = {
    "disclosure.created",
    "disclosure.revised",
    "disclosure.responded",
    "disclosure.acknowledged",
    "commitment.created",
    "commitment.updated",
    "commitment.checked",
    "commitment.reviewed",
    "checkin.created",
    "measure.responded",
    "consent.changed",
    "member.joined",
    "member.left",
}
WORDS = ["Canary-title", "Canary-body", "Canary-reason", "Canary-reply", "Canary-note"]
NAMES = ["Sam", "Alex", "Dr. Lee", "Dr. Okafor"]


def ok(response, status: int = 201) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.get_json(silent=True)
    return response.get_json(silent=True) or {}


def share_everything(owner: ApiClient, space_id: int, viewer_id: int) -> None:
    for category in ("checkins", "checkin_notes", "disclosures", "commitments", "measures"):
        ok(
            owner.put(
                f"/spaces/{space_id}/consents/{viewer_id}/{category}", json={"granted": True}
            ),
            200,
        )


def write_one_of_each(app: Flask, couple: Couple, therapist: ApiClient) -> None:
    space = f"/spaces/{couple.space_id}"
    disclosure = ok(
        couple.repairing.post(
            f"{space}/disclosures",
            json={"title": WORDS[0], "body": WORDS[1], "category": "contact"},
        )
    )
    about = f"{space}/disclosures/{disclosure['id']}"
    ok(
        couple.repairing.post(
            f"{about}/revisions", json={"reason": WORDS[2], "body": WORDS[1] + "!"}
        )
    )
    ok(couple.hurt.post(f"{about}/responses", json={"body": WORDS[3]}))
    ok(couple.hurt.post(f"{about}/acknowledge"), 200)

    commitment = ok(
        couple.repairing.post(f"{space}/commitments", json={"title": WORDS[0], "cadence": "daily"})
    )
    base = f"{space}/commitments/{commitment['id']}"
    check = ok(
        couple.repairing.post(
            f"{base}/checks",
            json={"period_start": commitment["starts_on"], "outcome": "kept", "note": WORDS[4]},
        )
    )
    review = {"verdict": "disputed", "note": WORDS[4]}
    ok(couple.hurt.post(f"{base}/checks/{check['id']}/review", json=review))
    ok(couple.repairing.post(f"{base}/checks/{check['id']}/replies", json={"body": WORDS[3]}))
    ok(couple.repairing.patch(base, json={"status": "paused", "reason": WORDS[2]}), 200)

    ok(couple.hurt.post(f"{space}/checkins", json={"felt_safety": 7, "note": WORDS[4]}))
    ok(couple.hurt.post(f"{space}/measures/phq2/responses", json={"answers": [2, 3]}))
    ok(couple.hurt.post(f"{space}/consents/stop-all"), 200)

    newcomer = make_user(app, account_type="therapist", display_name="Dr. Okafor")
    ok(join(newcomer, invite_code(couple.hurt, couple.space_id, "therapist")), 200)
    ok(newcomer.post(f"{space}/leave"), 204)


def test_every_event_type_carries_ids_only(app: Flask, couple: Couple, connect: Connect) -> None:
    therapist = add_therapist(app, couple)
    share_everything(couple.hurt, couple.space_id, therapist.id)
    share_everything(couple.repairing, couple.space_id, therapist.id)
    sockets = [connect(couple.hurt), connect(couple.repairing), connect(therapist)]
    for socket in sockets:
        events(socket)  # drop what the set-up announced

    write_one_of_each(app, couple, therapist)

    received = [event for socket in sockets for event in events(socket)]
    assert {event["type"] for event in received} == EVERY_TYPE
    for event in received:
        assert set(event) == {"type", "space_id", "data"}
        assert set(event["data"]) <= ALLOWED_IDS, event
        assert all(type(value) is int for value in event["data"].values()), event
    text = str(received)
    for word in WORDS + NAMES + ["disputed", "paused", "kept", "contact"]:
        assert word not in text


def test_an_event_with_anything_but_ids_is_refused_before_it_is_sent(app: Flask) -> None:
    with app.app_context(), pytest.raises(ValueError, match="ids only"):
        announce("checkin.created", space_id=1, ids={"id": 1, "note": 2}, actor_id=1)
