"""A couple using a real server through a database outage, and what their answers must be.

Each request is timed (a hang shows as no status); `probe_everything` sends every
kind of request at once; the checks say the answers were quick 503 problem
details with Retry-After, and that afterwards service resumed with nothing lost.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import requests

from tests.live.servers import Person, make_pair

DEADLINE_SECONDS = 5.0
RECOVERY_SECONDS = 10.0
PROBLEM = "application/problem+json"
UNAVAILABLE = "urn:mend:problem:database-unavailable"


@dataclass
class Answer:
    """One request made during the test, and how long its answer took."""

    label: str
    status: int | None
    elapsed: float
    response: requests.Response | None


@dataclass
class Couple:
    """Two partners logged in to a real server, with their space and a disclosure in it."""

    url: str
    hurt: Person
    repairing: Person
    visitor: Person
    space_id: int
    disclosure_id: int
    tokens: dict[int, str]

    def request(self, who: Person, method: str, path: str, **kwargs: Any) -> Answer:
        """Send one request as who (with its CSRF token) and time it; a hang shows as None."""
        label = f"{method} {path} ({'anonymous' if who is self.visitor else 'logged in'})"
        started = time.monotonic()
        try:
            response = who.http.request(
                method,
                f"{self.url}/api/v1{path}",
                headers={"X-CSRFToken": self.tokens[id(who)]},
                timeout=DEADLINE_SECONDS + 3,
                **kwargs,
            )
        except requests.Timeout:
            return Answer(label, None, time.monotonic() - started, None)
        return Answer(label, response.status_code, time.monotonic() - started, response)


def meet(url: str) -> Couple:
    """Register a couple on the server at url, with one disclosure and one check-in written."""
    hurt, repairing, visitor = Person(url), Person(url), Person(url)
    space_id = make_pair(hurt, repairing)
    tokens = {
        id(person): person.http.get(f"{url}/api/v1/auth/csrf", timeout=5).json()["csrf_token"]
        for person in (hurt, repairing, visitor)
    }
    couple = Couple(url, hurt, repairing, visitor, space_id, 0, tokens)
    disclosure = couple.request(
        repairing,
        "POST",
        f"/spaces/{space_id}/disclosures",
        json={
            "title": "Before the outage",
            "body": "Written while all was well.",
            "category": "other",
        },
    )
    assert disclosure.status == 201, disclosure.response and disclosure.response.text
    couple.disclosure_id = int(disclosure.response.json()["id"])  # type: ignore[union-attr]
    checkin = couple.request(hurt, "POST", f"/spaces/{space_id}/checkins", json={"felt_safety": 6})
    assert checkin.status == 201
    return couple


def probe_everything(couple: Couple) -> list[Answer]:
    """Reads and writes as both partners, a login attempt and the health check, all at once."""
    space = f"/spaces/{couple.space_id}"
    login = {"email": "nobody@example.org", "password": "not the password"}
    calls: list[tuple[Person, str, str, dict[str, Any]]] = [
        (couple.hurt, "GET", f"{space}/disclosures", {}),
        (couple.hurt, "GET", f"{space}/disclosures/{couple.disclosure_id}", {}),
        (couple.hurt, "GET", f"{space}/checkins", {}),
        (couple.hurt, "GET", "/auth/me", {}),
        (couple.hurt, "POST", f"{space}/checkins", {"json": {"felt_safety": 3}}),
        (
            couple.repairing,
            "POST",
            f"{space}/disclosures",
            {"json": {"title": "During", "body": "Lost?", "category": "other"}},
        ),
        (couple.repairing, "GET", f"/spaces/{couple.space_id}/record/verify", {}),
        (couple.visitor, "POST", "/auth/login", {"json": login}),
        (couple.visitor, "GET", "/health", {}),
    ]
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [
            pool.submit(couple.request, who, method, path, **kwargs)
            for who, method, path, kwargs in calls
        ]
        return [future.result() for future in futures]


def assert_unavailable(answers: list[Answer]) -> float:
    """Every answer is a quick 503 problem with Retry-After; returns the slowest time."""
    for answer in answers:
        assert answer.status == 503, f"{answer.label}: {answer.status} after {answer.elapsed:.2f}s"
        response = answer.response
        assert response is not None
        assert response.headers["Content-Type"] == PROBLEM, answer.label
        assert int(response.headers["Retry-After"]) > 0, answer.label
        assert response.json()["type"] == UNAVAILABLE, answer.label
        assert answer.elapsed < DEADLINE_SECONDS, f"{answer.label} took {answer.elapsed:.2f}s"
    return max(answer.elapsed for answer in answers)


def seconds_until_healthy(couple: Couple) -> float:
    """Poll until the health check and a logged-in read both succeed; returns the wait."""
    started = time.monotonic()
    while time.monotonic() - started < RECOVERY_SECONDS:
        health = couple.request(couple.visitor, "GET", "/health")
        read = couple.request(couple.hurt, "GET", f"/spaces/{couple.space_id}/checkins")
        if health.status == 200 and read.status == 200:
            return time.monotonic() - started
        assert {health.status, read.status} <= {200, 503}, (health.status, read.status)
        time.sleep(0.1)
    raise AssertionError(f"Mend did not recover within {RECOVERY_SECONDS}s of the database")


def assert_service_resumed(couple: Couple, checkins_before: int) -> None:
    """What was written before the outage is still there, and new writes succeed."""
    space = f"/spaces/{couple.space_id}"
    titles = [
        item["title"]
        for item in couple.request(couple.hurt, "GET", f"{space}/disclosures").response.json()[  # type: ignore[union-attr]
            "items"
        ]
    ]
    assert "Before the outage" in titles
    written = couple.request(couple.hurt, "POST", f"{space}/checkins", json={"felt_safety": 7})
    assert written.status == 201
    checkins = couple.request(couple.hurt, "GET", f"{space}/checkins").response.json()["items"]  # type: ignore[union-attr]
    assert len(checkins) == checkins_before + 1
    verified = couple.request(couple.repairing, "GET", f"{space}/record/verify")
    assert verified.response.json()["valid"] is True  # type: ignore[union-attr]


def count_checkins(couple: Couple) -> int:
    answer = couple.request(couple.hurt, "GET", f"/spaces/{couple.space_id}/checkins")
    assert answer.status == 200
    return len(answer.response.json()["items"])  # type: ignore[union-attr]
