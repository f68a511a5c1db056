"""Malformed input of every kind is a 4xx problem naming the field, never a 500 (issue 13)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from mend.json_depth import MAX_DEPTH, depth
from mend.live.sockets import _origin_check
from tests.builders import ApiClient, Couple, add_therapist, make_user

LONE = "\ud800"
PROBLEM = "application/problem+json"


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == PROBLEM
    return response.get_json()


def test_deeply_nested_json_is_400_before_parsing(couple: Couple) -> None:
    body = "[" * 50_000 + "]" * 50_000
    response = couple.hurt.post(
        f"/spaces/{couple.space_id}/checkins",
        data=body,
        headers={"Content-Type": "application/json", "Idempotency-Key": "deep-1"},
    )

    assert problem(response, 400)["errors"] == {
        "body": [f"Please send JSON nested at most {MAX_DEPTH} levels deep."]
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b'{"a": [1, {"b": 2}]}', 3),
        (b'"[[[[[["', 0),
        (b'{"a": "\\"[[[[", "b": [[]]}', 3),
        (b"42", 0),
    ],
)
def test_depth_ignores_brackets_inside_strings(text: bytes, expected: int) -> None:
    assert depth(text) == expected


def test_moderately_nested_json_still_reaches_validation(couple: Couple) -> None:
    nested: Any = 1
    for _ in range(MAX_DEPTH - 1):
        nested = [nested]
    response = couple.hurt.post(f"/spaces/{couple.space_id}/checkins", json={"tags": nested})
    assert "tags" in problem(response, 422)["errors"]


@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("note", {"felt_safety": 4, "note": f"fine{LONE}"}),
        ("tags", {"felt_safety": 4, "tags": [f"sleep{LONE}"]}),
    ],
)
def test_a_lone_surrogate_in_a_checkin_is_422(couple: Couple, field: str, body: dict) -> None:
    response = couple.hurt.post(f"/spaces/{couple.space_id}/checkins", json=body)
    assert field in problem(response, 422)["errors"]
    listed = couple.hurt.get(f"/spaces/{couple.space_id}/checkins").get_json()
    assert listed["items"] == []


def test_a_lone_surrogate_in_a_disclosure_title_is_422(couple: Couple) -> None:
    body = {"title": f"The{LONE}", "body": "All of it.", "category": "other"}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/disclosures", json=body)
    assert "title" in problem(response, 422)["errors"]


def test_a_lone_surrogate_in_a_space_name_is_422(partner: ApiClient) -> None:
    response = partner.post("/spaces", json={"name": f"Us{LONE}", "my_role": "hurt"})
    assert "name" in problem(response, 422)["errors"]


def test_a_lone_surrogate_in_a_display_name_is_422(client: ApiClient) -> None:
    body = {
        "email": "lone@example.org",
        "password": "correct horse battery",
        "display_name": f"Sam{LONE}",
        "account_type": "partner",
    }
    response = client.post("/auth/register", json=body)
    assert "display_name" in problem(response, 422)["errors"]


@pytest.mark.parametrize(
    "expires_at",
    ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "1999-12-31T23:00:00+00:00"],
)
def test_a_grant_expiry_out_of_range_is_422(app: Flask, couple: Couple, expires_at: str) -> None:
    therapist = add_therapist(app, couple)
    path = f"/spaces/{couple.space_id}/consents/{therapist.id}/checkins"
    response = couple.hurt.put(path, json={"granted": True, "expires_at": expires_at})
    assert "expires_at" in problem(response, 422)["errors"]


@pytest.mark.parametrize("starts_on", ["0001-01-01", "1999-12-31"])
def test_a_commitment_starting_before_2000_is_422(couple: Couple, starts_on: str) -> None:
    body = {"title": "Phone stays open", "cadence": "daily", "starts_on": starts_on}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/commitments", json=body)
    assert "starts_on" in problem(response, 422)["errors"]


def test_a_check_for_a_period_before_2000_is_422(couple: Couple) -> None:
    made = couple.repairing.post(
        f"/spaces/{couple.space_id}/commitments", json={"title": "Walks", "cadence": "daily"}
    )
    path = f"/spaces/{couple.space_id}/commitments/{made.get_json()['id']}/checks"
    response = couple.repairing.post(path, json={"period_start": "0001-01-01", "outcome": "kept"})
    assert "period_start" in problem(response, 422)["errors"]


ENVIRON = {"HTTP_HOST": "mend.example", "wsgi.url_scheme": "https"}
SPOOFED = {**ENVIRON, "HTTP_X_FORWARDED_HOST": "evil.example", "HTTP_X_FORWARDED_PROTO": "https"}


def test_socket_origin_never_believes_forwarded_host() -> None:
    # The trusted proxy passes the browser's Host on (deploy/nginx.conf); the scheme comes
    # from ProxyFix, which reads X-Forwarded-Proto only behind MEND_PROXY_COUNT proxies.
    allowed = _origin_check(())
    assert allowed("https://mend.example", SPOOFED)
    assert not allowed("https://evil.example", SPOOFED)
    behind = {**ENVIRON, "HTTP_X_FORWARDED_HOST": "evil.example, mend.public"}
    assert not allowed("https://evil.example", behind)
    assert not allowed("https://mend.public", behind)


def test_a_display_name_is_still_accepted_with_real_emoji(app: Flask) -> None:
    assert make_user(app, display_name="Sam 🌱").user["display_name"] == "Sam 🌱"
