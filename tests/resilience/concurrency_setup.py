"""The concurrency test's people and spaces, set up over HTTP against a running server.

Each logged-in account gives every thread its own HTTP session (same login, its
own connection pool); each couple's space has their therapist in it with grants,
a disclosure to discuss and a commitment with checks waiting to be reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from tests.builders import PASSWORD, unique_email

# How many writes each writer makes (and so how many checks each space has to review).
WRITES_PER_WRITER = 8


class Client:
    """One thread's HTTP session for a logged-in user (its own connection pool, same login)."""

    def __init__(self, url: str, cookies: requests.cookies.RequestsCookieJar, token: str) -> None:
        self.url = url
        self.http = requests.Session()
        self.http.cookies.update(cookies)
        self.token = token

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.http.request(
            method,
            f"{self.url}/api/v1{path}",
            headers={"X-CSRFToken": self.token},
            timeout=60,
            **kwargs,
        )


@dataclass
class Account:
    """A registered, logged-in user: enough to give each thread its own Client."""

    url: str
    id: int
    cookies: requests.cookies.RequestsCookieJar
    token: str

    def client(self) -> Client:
        return Client(self.url, self.cookies, self.token)


def register(url: str, name: str, account_type: str = "partner") -> Account:
    """Create an account over HTTP and log in to it."""
    http = requests.Session()
    token = http.get(f"{url}/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
    body = {
        "email": unique_email(name),
        "password": PASSWORD,
        "display_name": name,
        "account_type": account_type,
    }
    response = http.post(
        f"{url}/api/v1/auth/register", json=body, headers={"X-CSRFToken": token}, timeout=10
    )
    assert response.status_code == 202, response.text
    login = {"email": body["email"], "password": PASSWORD}
    response = http.post(
        f"{url}/api/v1/auth/login", json=login, headers={"X-CSRFToken": token}, timeout=10
    )
    assert response.status_code == 200, response.text
    token = http.get(f"{url}/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
    return Account(url, int(response.json()["id"]), http.cookies, token)


def ok(response: requests.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, f"{response.status_code}: {response.text[:300]}"
    return response.json() if response.content else {}


@dataclass
class Space:
    """A couple's space set up for the run: a disclosure to discuss, a commitment to check."""

    id: int
    hurt: Account
    repairing: Account
    disclosure_id: int
    commitment_id: int
    checks_to_review: list[int]
    first_free_day: datetime


def today() -> datetime:
    return datetime.now(UTC)


def day(moment: datetime, back: int) -> str:
    return (moment - timedelta(days=back)).date().isoformat()


def make_space(url: str, therapist: Account, number: int) -> Space:
    """A couple with their therapist, sharing check-ins, disclosures and commitments with them."""
    hurt, repairing = register(url, f"sam{number}"), register(url, f"alex{number}")
    h, r, t = hurt.client(), repairing.client(), therapist.client()
    space_id = ok(h.call("POST", "/spaces", json={"my_role": "hurt"}), 201)["id"]
    for person, role in ((r, "repairing"), (t, "therapist")):
        code = ok(h.call("POST", f"/spaces/{space_id}/invites", json={"role": role}), 201)
        ok(person.call("POST", "/invites/accept", json={"code": code["code"]}))
    ok(r.call("POST", f"/spaces/{space_id}/members/{therapist.id}/approve"))
    grants = [(h, "checkins"), (h, "checkin_notes"), (r, "disclosures"), (r, "commitments")]
    for owner, category in grants:
        path = f"/spaces/{space_id}/consents/{therapist.id}/{category}"
        ok(owner.call("PUT", path, json={"granted": True}))
    disclosure = {"title": "What happened", "body": "All of it.", "category": "other"}
    disclosure_id = ok(r.call("POST", f"/spaces/{space_id}/disclosures", json=disclosure), 201)[
        "id"
    ]
    now = today()
    commitment = {"title": "Phone stays open", "cadence": "daily", "starts_on": day(now, 60)}
    commitment_id = ok(r.call("POST", f"/spaces/{space_id}/commitments", json=commitment), 201)[
        "id"
    ]
    checks = [
        ok(
            r.call(
                "POST",
                f"/spaces/{space_id}/commitments/{commitment_id}/checks",
                json={"period_start": day(now, back), "outcome": "kept"},
            ),
            201,
        )["id"]
        for back in range(1, WRITES_PER_WRITER + 1)
    ]
    return Space(
        space_id,
        hurt,
        repairing,
        disclosure_id,
        commitment_id,
        checks,
        now - timedelta(days=WRITES_PER_WRITER + 1),
    )
