"""DELETE /account: who may ask and how, and every session, socket and login ending with it.

What happens to the record (erasure, the ledger, the spaces) is in
test_delete_erasure.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from tests.account.conftest import (
    REPAIRING_CANARIES,
    Story,
    copied_session,
    database_text,
    delete_account,
    erasure_count,
)
from tests.builders import PASSWORD, ApiClient, make_user
from tests.live.conftest import Connect, events


def login(app: Flask, email: str) -> tuple[ApiClient, TestResponse]:
    """A new client that tried to log in with this email, and the answer it got."""
    api = ApiClient(app)
    return api, api.post("/auth/login", json={"email": email, "password": PASSWORD})


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "password"),
        ({"password": ""}, "password"),
        ({"password": None}, "password"),
        ({"password": 12345}, "password"),
        ({"password": "p" * 1025}, "password"),
        ({"password": PASSWORD, "confirm": True}, "confirm"),
    ],
)
def test_invalid_request_is_422_and_deletes_nothing(
    partner: ApiClient, body: dict[str, Any], field: str
) -> None:
    response = partner.delete("/account", json=body)

    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert partner.get("/auth/me").status_code == 200


def test_wrong_password_is_403_and_deletes_nothing(app: Flask, story: Story) -> None:
    couple = story.couple

    response = delete_account(couple.repairing, "not my password at all")

    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert "nothing was deleted" in response.get_json()["detail"]
    assert couple.repairing.get("/auth/me").status_code == 200
    assert erasure_count(app) == 0
    assert REPAIRING_CANARIES["disclosure_body"] in database_text(app)


def test_wrong_passwords_are_rate_limited(partner: ApiClient) -> None:
    statuses = [delete_account(partner, f"guess number {n}").status_code for n in range(6)]

    assert statuses == [403] * 5 + [429]
    assert delete_account(partner).status_code == 429
    assert partner.get("/auth/me").status_code == 200


def test_anonymous_caller_gets_401(client: ApiClient) -> None:
    assert client.delete("/account", json={"password": PASSWORD}).status_code == 401


def test_delete_without_csrf_token_is_refused(partner: ApiClient) -> None:
    response = partner.delete("/account", json={"password": PASSWORD}, headers={"X-CSRFToken": ""})

    assert response.status_code == 403
    assert partner.get("/auth/me").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_account_path_only_answers_delete(partner: ApiClient, method: str) -> None:
    assert getattr(partner, method)("/account").status_code == 405


def test_every_session_ends_including_copied_cookies(app: Flask, partner: ApiClient) -> None:
    email = partner.user["email"]  # type: ignore[index]
    other_device, answer = login(app, email)
    assert answer.status_code == 200
    thief = copied_session(app, partner)
    assert thief.get("/auth/me").status_code == 200

    assert delete_account(partner).status_code == 204

    for api in (partner, other_device, thief):
        assert api.get("/auth/me").status_code == 401


def test_open_sockets_close_and_the_partner_hears_a_member_left(
    story: Story, connect: Connect
) -> None:
    couple = story.couple
    leaving, staying = connect(couple.repairing), connect(couple.hurt)
    leaving_id = couple.repairing.id

    assert delete_account(couple.repairing).status_code == 204

    assert not leaving.is_connected()
    [event] = [e for e in events(staying) if e["type"] == "member.left"]
    assert event["data"] == {"user_id": leaving_id}
    members = couple.hurt.get(f"/spaces/{couple.space_id}").get_json()["members"]
    assert [(m["user_id"], m["left_at"] is None) for m in members] == [
        (couple.hurt.id, True),
        (None, False),
    ]


def test_deleted_account_cannot_log_in_and_its_email_is_free_again(
    app: Flask, partner: ApiClient
) -> None:
    email = partner.user["email"]  # type: ignore[index]

    assert delete_account(partner).status_code == 204

    assert login(app, email)[1].status_code == 401
    again = make_user(app, email=email)
    assert again.get("/account/export").get_json()["spaces"] == []
