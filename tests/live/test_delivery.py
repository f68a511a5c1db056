"""Each event reaches exactly the members who may see it, naming the record by its ids."""

from __future__ import annotations

from flask import Flask

from tests.builders import ApiClient, Couple, add_therapist, make_couple
from tests.live.conftest import Connect, events, types

CANARY = "canary-private-4471"


def disclose(couple: Couple) -> dict:
    response = couple.repairing.post(
        f"/spaces/{couple.space_id}/disclosures",
        json={"title": "What happened", "body": "The whole truth.", "category": "contact"},
    )
    assert response.status_code == 201
    return response.get_json()


def check_in(partner: ApiClient, space_id: int, **body: object) -> dict:
    response = partner.post(f"/spaces/{space_id}/checkins", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def grant(owner: ApiClient, space_id: int, viewer_id: int, category: str, granted=True) -> None:  # type: ignore[no-untyped-def]
    path = f"/spaces/{space_id}/consents/{viewer_id}/{category}"
    assert owner.put(path, json={"granted": granted}).status_code == 200


def test_anonymous_sockets_are_refused(app: Flask, connect: Connect) -> None:
    assert not connect(ApiClient(app)).is_connected()


def test_a_new_disclosure_reaches_the_hurt_partner_by_its_id(
    couple: Couple, connect: Connect
) -> None:
    hurt_socket = connect(couple.hurt)
    disclosure = disclose(couple)
    [event] = events(hurt_socket)
    assert event == {
        "type": "disclosure.created",
        "space_id": couple.space_id,
        "data": {"id": disclosure["id"]},
    }
    # The event names the record; the consent-checked GET renders it.
    rest = couple.hurt.get(f"/spaces/{couple.space_id}/disclosures/{event['data']['id']}")
    assert rest.get_json()["title"] == "What happened"


def test_the_authors_other_tabs_get_their_own_events(couple: Couple, connect: Connect) -> None:
    first_tab, second_tab = connect(couple.repairing), connect(couple.repairing)
    disclose(couple)
    assert types(first_tab) == types(second_tab) == ["disclosure.created"]


def test_outsiders_and_therapists_without_grants_receive_nothing(
    app: Flask, couple: Couple, connect: Connect
) -> None:
    therapist = add_therapist(app, couple)
    other = make_couple(app)
    sockets = [connect(therapist), connect(other.hurt), connect(other.repairing)]
    disclose(couple)
    check_in(couple.hurt, couple.space_id, felt_safety=4)
    assert [types(s) for s in sockets] == [[], [], []]


def test_check_ins_travel_as_ids_and_their_notes_never_travel(
    app: Flask, couple: Couple, connect: Connect
) -> None:
    therapist = add_therapist(app, couple)
    grant(couple.hurt, couple.space_id, therapist.id, "checkins")
    grant(couple.hurt, couple.space_id, therapist.id, "checkin_notes")
    partner_socket, therapist_socket = connect(couple.repairing), connect(therapist)

    shared = check_in(couple.hurt, couple.space_id, felt_safety=3, note="shared with my therapist")
    private = check_in(couple.hurt, couple.space_id, felt_safety=3, note=CANARY, note_private=True)

    to_partner, to_therapist = events(partner_socket), events(therapist_socket)
    expected = [{"id": c["id"], "owner_id": couple.hurt.id} for c in (shared, private)]
    assert [e["data"] for e in to_partner] == [e["data"] for e in to_therapist] == expected
    text = str(to_partner) + str(to_therapist)
    assert CANARY not in text and "shared with my therapist" not in text


def test_revoking_a_grant_stops_delivery_at_once(
    app: Flask, couple: Couple, connect: Connect
) -> None:
    therapist = add_therapist(app, couple)
    grant(couple.hurt, couple.space_id, therapist.id, "checkins")
    therapist_socket = connect(therapist)
    check_in(couple.hurt, couple.space_id, felt_safety=5)
    assert types(therapist_socket) == ["checkin.created"]

    grant(couple.hurt, couple.space_id, therapist.id, "checkins", granted=False)
    assert types(therapist_socket) == ["consent.changed"]
    check_in(couple.hurt, couple.space_id, felt_safety=6)
    assert types(therapist_socket) == []


def test_a_partner_who_left_receives_nothing_more(couple: Couple, connect: Connect) -> None:
    repairing_socket, hurt_socket = connect(couple.repairing), connect(couple.hurt)
    assert couple.repairing.post(f"/spaces/{couple.space_id}/leave").status_code == 204
    assert types(hurt_socket) == ["member.left"]
    types(repairing_socket)
    check_in(couple.hurt, couple.space_id, felt_safety=5)
    assert types(repairing_socket) == []


def test_consent_changes_reach_owner_and_viewer_only(
    app: Flask, couple: Couple, connect: Connect
) -> None:
    therapist = add_therapist(app, couple)
    sockets = {
        name: connect(api)
        for name, api in {
            "hurt": couple.hurt,
            "repairing": couple.repairing,
            "therapist": therapist,
        }.items()
    }
    grant(couple.hurt, couple.space_id, therapist.id, "checkins")
    received = {name: events(socket) for name, socket in sockets.items()}
    assert [e["type"] for e in received["hurt"]] == ["consent.changed"]
    assert [e["type"] for e in received["therapist"]] == ["consent.changed"]
    assert received["repairing"] == []
    expected = {"owner_id": couple.hurt.id, "viewer_id": therapist.id}
    assert received["hurt"][0]["data"] == received["therapist"][0]["data"] == expected
    assert "checkins" not in str(received)  # which category changed is fetched, not told


def test_joining_is_announced_to_the_space(app: Flask, couple: Couple, connect: Connect) -> None:
    hurt_socket = connect(couple.hurt)
    therapist = add_therapist(app, couple)  # joins, then the repairing partner approves
    joined, approved = events(hurt_socket)
    assert joined["type"] == approved["type"] == "member.joined"
    assert joined["data"] == approved["data"] == {"user_id": therapist.id}


def test_a_refused_write_publishes_nothing(couple: Couple, connect: Connect) -> None:
    hurt_socket = connect(couple.hurt)
    response = couple.repairing.post(f"/spaces/{couple.space_id}/checkins", json={"felt_safety": 5})
    assert response.status_code == 422
    assert types(hurt_socket) == []


def test_logout_disconnects_that_sessions_sockets(
    app: Flask, couple: Couple, connect: Connect
) -> None:
    socket = connect(couple.hurt)
    assert socket.is_connected()
    assert couple.hurt.post("/auth/logout").status_code == 204
    assert not socket.is_connected()


def test_commitment_checks_and_disputes_reach_both_partners(
    app: Flask, couple: Couple, connect: Connect
) -> None:
    therapist = add_therapist(app, couple)
    sockets = [connect(couple.hurt), connect(couple.repairing), connect(therapist)]
    base = f"/spaces/{couple.space_id}/commitments"
    commitment = couple.repairing.post(
        base, json={"title": "Phone open to you", "cadence": "daily"}
    ).get_json()
    today = commitment["starts_on"]
    check = couple.repairing.post(
        f"{base}/{commitment['id']}/checks", json={"period_start": today, "outcome": "kept"}
    ).get_json()
    review = couple.hurt.post(
        f"{base}/{commitment['id']}/checks/{check['id']}/review", json={"verdict": "disputed"}
    )
    assert review.status_code == 201
    expected = ["commitment.created", "commitment.checked", "commitment.reviewed"]
    hurt_events, repairing_events, therapist_events = (events(s) for s in sockets)
    assert [e["type"] for e in hurt_events] == expected
    assert [e["type"] for e in repairing_events] == expected
    assert repairing_events[-1]["data"] == {
        "id": review.get_json()["id"],
        "commitment_id": commitment["id"],
        "check_id": check["id"],
    }
    assert "disputed" not in str(repairing_events)
    assert therapist_events == []
