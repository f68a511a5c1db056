"""The concurrency test's workload: every writer and reader, started together.

Seven kinds of write per space (each marks its text with its writer and number)
and the partners' and the therapist's reads; the Outcome records every
acknowledged write and every unexpected answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from tests.resilience.concurrency_setup import WRITES_PER_WRITER, Account, Client, Space, day

READ_ROUNDS = 6


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
