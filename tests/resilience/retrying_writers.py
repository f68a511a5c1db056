"""Writers for the durability test, each meaning to make every one of its writes exactly once.

A writer posts one kind of trust-record write, each with its own Idempotency-Key
and a unique marker in its text. A write whose answer never came (the server
died, or answered 5xx) waits, and is sent again with the same key and body until
it gets an answer; the Tally counts how each write ended.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import requests

from tests.live.servers import Person

# Both say the write is saved (its key commits with it) but its answer is not to be had:
# lost for good, or not stored yet (here: its server was killed between the two commits).
SAVED_WITHOUT_ANSWER = {
    "urn:mend:problem:idempotency-answer-lost",
    "urn:mend:problem:idempotency-request-in-progress",
}
REQUEST_TIMEOUT = (2, 10)


@dataclass
class Write:
    """One write a client means to make exactly once."""

    path: str
    body: dict[str, Any]
    table: str
    marker: str
    key: str = field(default_factory=lambda: str(uuid.uuid4()))
    attempts: int = 0


@dataclass
class Tally:
    """How the writes ended, for the assertions and the recorded figures."""

    acknowledged: int = 0  # answered on the first attempt
    replayed: int = 0  # written, answer lost, then replayed on a retry
    written_on_retry: int = 0  # not written before the kill; written by a retry
    answer_lost: int = 0  # written, and a retry was told so without its answer (409)
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    answered: threading.Event = field(default_factory=threading.Event)  # since last cleared

    def add(self, outcome: str) -> None:
        with self.lock:
            setattr(self, outcome, getattr(self, outcome) + 1)
        self.answered.set()


class Writer:
    """One client session posting one kind of write, retrying what it did not hear back about."""

    def __init__(self, name: str, person: Person, kind: str, space: dict[str, str]) -> None:
        self.name, self.kind, self.space = name, kind, space
        self.http = requests.Session()
        self.http.cookies.update(person.http.cookies)
        self.csrf = self.http.get(f"{person.url}/api/v1/auth/csrf", timeout=5).json()["csrf_token"]
        self.pending: list[Write] = []
        self.resolved: list[Write] = []
        self.made = 0

    def new_write(self) -> Write:
        self.made += 1
        marker = f"durability {self.name} {self.made}"
        if self.kind == "checkin":
            body = {"felt_safety": self.made % 11, "note": marker}
            return Write(f"{self.space['space']}/checkins", body, "checkin", marker)
        if self.kind == "response":
            path = f"{self.space['disclosure']}/responses"
            return Write(path, {"body": marker}, "disclosure_response", marker)
        body = {"title": marker, "cadence": "daily"}
        return Write(f"{self.space['space']}/commitments", body, "commitment", marker)

    def attempt(self, url: str, write: Write, tally: Tally) -> bool:
        """Send write once; True once its fate is known, False if the answer never came."""
        write.attempts += 1
        headers = {"Idempotency-Key": write.key, "X-CSRFToken": self.csrf}
        try:
            answer = self.http.post(
                f"{url}/api/v1{write.path}",
                json=write.body,
                headers=headers,
                timeout=REQUEST_TIMEOUT,
            )
        except requests.RequestException:
            return False
        if answer.status_code >= 500 or (answer.status_code == 409 and "busy" in answer.text):
            return False
        if answer.status_code == 201:
            replayed = answer.headers.get("Idempotent-Replayed") == "true"
            first = write.attempts == 1
            tally.add("acknowledged" if first else "replayed" if replayed else "written_on_retry")
        elif answer.status_code == 409 and answer.json().get("type") in SAVED_WITHOUT_ANSWER:
            tally.add("answer_lost")
        else:
            with tally.lock:
                tally.unexpected.append(f"{write.marker}: {answer.status_code} {answer.text[:200]}")
        self.resolved.append(write)
        return True

    def run(self, url: str, stop: threading.Event, tally: Tally) -> None:
        """Write until stopped or the server stops answering; the first unanswered write waits."""
        while not stop.is_set():
            write = self.pending.pop(0) if self.pending else self.new_write()
            if not self.attempt(url, write, tally):
                self.pending.insert(0, write)
                return

    def settle(self, url: str, tally: Tally) -> None:
        """Retry every unanswered write (same key, same body) until it is answered."""
        while self.pending:
            write = self.pending[0]
            assert write.attempts < 50, f"{write.marker} never got an answer"
            if self.attempt(url, write, tally):
                self.pending.pop(0)
            else:
                time.sleep(0.2)
