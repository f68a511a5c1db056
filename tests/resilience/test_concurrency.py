"""Two couples and their therapist, all at once, against a real server process.

In each of two spaces seven writers (the hurt partner's check-ins, questions and
reviews; the repairing partner's disclosures, amendments, commitment checks and
check-ins) run side by side with both partners reading, and a therapist with
grants reads the caseload and both spaces. `mend serve` handles each request in
its own thread (Werkzeug, threaded=True), so these requests really overlap.

Afterwards every acknowledged write is listed exactly once (each carries a
marker naming its writer and number), nothing answered 5xx or an unexpected
4xx, and each space's ledger verifies, with one entry per ledgered row written.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.builders import PASSWORD, unique_email
from tests.live.servers import mend_server
from tests.resilience.processes import fresh_postgres_database, migrate

pytestmark = pytest.mark.slow

WRITES_PER_WRITER = 8
READ_ROUNDS = 6
SPACES = 2
POSTGRES_URL = os.environ.get("MEND_TEST_DATABASE_URL", "")


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


@dataclass
class Outcome:
    """What the threads saw: acknowledged writes by marker, and every unexpected answer."""

    acknowledged: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    unexpected: list[str] = field(default_factory=list)
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def expect(self, label: str, response: requests.Response, status: int) -> bool:
        with self.lock:
            self.requests += 1
            if response.status_code != status:
                self.unexpected.append(f"{label}: {response.status_code} {response.text[:200]}")
                return False
            return True

    def acknowledge(self, space_id: int, kind: str, marker: str) -> None:
        with self.lock:
            self.acknowledged.setdefault((space_id, kind), []).append(marker)


@dataclass(frozen=True)
class Write:
    """One kind of write: whose it is, where it goes, what it says (its marker inside)."""

    role: str
    path: Callable[[Space, int], str]
    body: Callable[[Space, str, int], dict[str, Any]]
    ledger_entries: int = 1  # a disclosure chains itself and its first revision


def base(space: Space) -> str:
    return f"/spaces/{space.id}"


WRITES: dict[str, Write] = {
    "checkin": Write(
        "hurt",
        lambda space, _n: f"{base(space)}/checkins",
        lambda _space, marker, n: {"felt_safety": n % 11, "note": marker, "tags": ["run"]},
    ),
    "question": Write(
        "hurt",
        lambda space, _n: f"{base(space)}/disclosures/{space.disclosure_id}/responses",
        lambda _space, marker, _n: {"body": f"Why then? {marker}"},
    ),
    "review": Write(
        "hurt",
        lambda space, n: (
            f"{base(space)}/commitments/{space.commitment_id}"
            f"/checks/{space.checks_to_review[n]}/review"
        ),
        lambda _space, marker, n: {"verdict": "confirmed" if n % 2 else "disputed", "note": marker},
    ),
    "disclosure": Write(
        "repairing",
        lambda space, _n: f"{base(space)}/disclosures",
        lambda _space, marker, _n: {"title": marker, "body": "More of it.", "category": "other"},
        ledger_entries=2,
    ),
    "amendment": Write(
        "repairing",
        lambda space, _n: f"{base(space)}/disclosures/{space.disclosure_id}/revisions",
        lambda _space, marker, _n: {"body": f"All of it, again: {marker}", "reason": "clearer"},
    ),
    "check": Write(
        "repairing",
        lambda space, _n: f"{base(space)}/commitments/{space.commitment_id}/checks",
        lambda space, marker, n: {
            "period_start": day(space.first_free_day, n),
            "outcome": "kept",
            "note": marker,
        },
    ),
    "guess": Write(
        "repairing",
        lambda space, _n: f"{base(space)}/checkins",
        lambda _space, marker, n: {"predicted_safety": n % 11, "regulation": 5, "note": marker},
    ),
}


def partner_reads(space: Space) -> list[str]:
    base = f"/spaces/{space.id}"
    return [
        f"{base}/checkins",
        f"{base}/trends/safety",
        f"{base}/disclosures?limit=200",
        f"{base}/disclosures/{space.disclosure_id}",
        f"{base}/commitments",
        f"{base}/commitments/{space.commitment_id}",
        f"{base}/access-log",
        f"{base}/record/verify",
    ]


def therapist_reads(spaces: list[Space]) -> list[str]:
    paths = ["/therapist/caseload"]
    for space in spaces:
        base = f"/spaces/{space.id}"
        paths += [
            f"{base}/checkins",
            f"{base}/trends/safety",
            f"{base}/disclosures",
            f"{base}/disclosures/{space.disclosure_id}",
            f"{base}/commitments/{space.commitment_id}",
        ]
    return paths


def run_all(spaces: list[Space], therapist: Account) -> Outcome:
    """Start every writer and reader together; wait for all of them."""
    outcome = Outcome()
    jobs: list[Callable[[], None]] = []

    def writer_job(space: Space, kind: str, write: Write) -> Callable[[], None]:
        client = getattr(space, write.role).client()

        def job() -> None:
            for number in range(WRITES_PER_WRITER):
                marker = f"s{space.id}-{kind}-{number}"
                path = write.path(space, number)
                response = client.call("POST", path, json=write.body(space, marker, number))
                if outcome.expect(f"POST {path}", response, 201):
                    outcome.acknowledge(space.id, kind, marker)

        return job

    def reader_job(client: Client, paths: list[str]) -> Callable[[], None]:
        def job() -> None:
            for _ in range(READ_ROUNDS):
                for path in paths:
                    outcome.expect(f"GET {path}", client.call("GET", path), 200)

        return job

    for space in spaces:
        for kind, write in WRITES.items():
            jobs.append(writer_job(space, kind, write))
        for role in ("hurt", "repairing"):
            jobs.append(reader_job(getattr(space, role).client(), partner_reads(space)))
    jobs.append(reader_job(therapist.client(), therapist_reads(spaces)))

    start = threading.Barrier(len(jobs))
    failures: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        start.wait()
        try:
            job()
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a client thread never finished"
    assert not failures, failures
    return outcome


def listed(space: Space, therapist: Account) -> dict[str, list[str]]:
    """Every marker the API lists afterwards, by kind of write (as the writers' own eyes see)."""
    h, r = space.hurt.client(), space.repairing.client()
    prefix = base(space)
    markers: dict[str, list[str]] = {}

    def found(kind: str, texts: list[str | None]) -> list[str]:
        mark = f"s{space.id}-{kind}-"
        return sorted(word for text in texts for word in (text or "").split() if mark in word)

    def notes(client: Client, author: int) -> list[str | None]:
        query = {"author_id": author, "limit": 200}
        page = ok(client.call("GET", f"{prefix}/checkins", params=query))
        assert page["next_before"] is None, "all check-ins fit on one page"
        return [checkin["note"] for checkin in page["items"]]

    markers["checkin"] = found("checkin", notes(h, space.hurt.id))
    markers["guess"] = found("guess", notes(r, space.repairing.id))
    detail = ok(h.call("GET", f"{prefix}/disclosures/{space.disclosure_id}"))
    markers["question"] = found("question", [reply["body"] for reply in detail["responses"]])
    markers["amendment"] = found("amendment", [rev["body"] for rev in detail["revisions"]])
    numbers = [revision["number"] for revision in detail["revisions"]]
    assert numbers == list(range(1, len(numbers) + 1)), f"revision numbers {numbers}"
    titles = [d["title"] for d in ok(r.call("GET", f"{prefix}/disclosures?limit=200"))["items"]]
    markers["disclosure"] = found("disclosure", titles)
    commitment = ok(h.call("GET", f"{prefix}/commitments/{space.commitment_id}"))
    markers["check"] = found("check", [check["note"] for check in commitment["checks"]])
    reviews = {check["id"]: check["review"] or {} for check in commitment["checks"]}
    markers["review"] = found("review", [reviews[c].get("note") for c in space.checks_to_review])
    shared = found("checkin", notes(therapist.client(), space.hurt.id))
    assert shared == markers["checkin"], "the therapist sees every shared check-in, once"
    return markers


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for the server process: a SQLite file, or a new PostgreSQL
    database on MEND_TEST_DATABASE_URL's server (dropped afterwards)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'concurrency.sqlite3'}"
        migrate(url, tmp_path / "migrate")
        yield url
        return
    if not POSTGRES_URL.startswith("postgresql"):
        pytest.skip("set MEND_TEST_DATABASE_URL to a PostgreSQL server to run this on PostgreSQL")
    with fresh_postgres_database(POSTGRES_URL) as url:
        migrate(url, tmp_path / "migrate")
        yield url


def test_couples_and_their_therapist_at_once_lose_and_duplicate_nothing(
    database_url: str, tmp_path: Path, record_property: Any
) -> None:
    with mend_server(
        database_url=database_url, instance=tmp_path / "instance", redis_url=None
    ) as url:
        therapist = register(url, "rivera", account_type="therapist")
        spaces = [make_space(url, therapist, number) for number in range(SPACES)]
        ledger_before = {
            space.id: ok(space.hurt.client().call("GET", f"/spaces/{space.id}/record/verify"))
            for space in spaces
        }
        started = time.monotonic()
        outcome = run_all(spaces, therapist)
        elapsed = time.monotonic() - started
        record_property("requests", outcome.requests)
        record_property("seconds", round(elapsed, 2))

        assert outcome.unexpected == [], "\n".join(outcome.unexpected[:20])
        for space in spaces:
            seen = listed(space, therapist)
            for kind in WRITES:
                written = sorted(outcome.acknowledged.get((space.id, kind), []))
                assert len(written) == WRITES_PER_WRITER, (space.id, kind, written)
                duplicates = [m for m, n in Counter(seen[kind]).items() if n > 1]
                assert duplicates == [], f"space {space.id} {kind}: listed twice: {duplicates}"
                assert seen[kind] == written, f"space {space.id} {kind}: lost or extra writes"
            verified = ok(space.repairing.client().call("GET", f"/spaces/{space.id}/record/verify"))
            appended = sum(write.ledger_entries * WRITES_PER_WRITER for write in WRITES.values())
            assert verified["valid"] is True, f"space {space.id}: the ledger does not verify"
            assert verified["entries"] == ledger_before[space.id]["entries"] + appended
        caseload = ok(therapist.client().call("GET", "/therapist/caseload"))
        assert len(caseload["items"]) == SPACES, caseload
