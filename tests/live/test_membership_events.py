"""Live events of a membership's life reach everyone concerned, and name the member by id
only (rule 9)."""

from __future__ import annotations

from flask import Flask

from tests.builders import Couple, invite_code, join, make_user
from tests.live.conftest import Connect, events


def test_removal_is_announced_to_the_couple_and_to_the_removed_therapist(
    app: Flask, couple: Couple, connect: Connect
) -> None:
    therapist = make_user(app, account_type="therapist", display_name="Dr. Lee")
    assert (
        join(therapist, invite_code(couple.hurt, couple.space_id, "therapist")).status_code == 200
    )
    sockets = {"hurt": connect(couple.hurt), "therapist": connect(therapist)}

    response = couple.repairing.delete(f"/spaces/{couple.space_id}/members/{therapist.id}")

    assert response.status_code == 204
    [to_hurt] = events(sockets["hurt"])
    [to_therapist] = events(sockets["therapist"])
    assert to_hurt["type"] == to_therapist["type"] == "member.left"
    assert to_hurt["data"] == to_therapist["data"] == {"user_id": therapist.id}
    members = couple.hurt.get(f"/spaces/{couple.space_id}").get_json()["members"]
    therapist_row = [m for m in members if m["role"] == "therapist"]
    assert therapist_row[0]["left_at"] is not None


def test_a_pending_therapist_hears_of_a_join_without_names(
    app: Flask, couple: Couple, connect: Connect
) -> None:
    first = make_user(app, account_type="therapist", display_name="Dr. Lee")
    assert join(first, invite_code(couple.hurt, couple.space_id, "therapist")).status_code == 200
    socket = connect(first)
    second = make_user(app, account_type="therapist", display_name="Dr. Okafor")

    assert join(second, invite_code(couple.hurt, couple.space_id, "therapist")).status_code == 200

    [event] = events(socket)
    assert event["type"] == "member.joined"
    assert event["data"] == {"user_id": second.id}
    text = str(event)
    assert "Sam" not in text and "Alex" not in text
