"""What the world's people write: one of every kind of record, every word a canary.

A canary knows which principals may read it, so any response can be searched
for words that reached someone they should not have.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.builders import ApiClient

# Who may read what, by role in the space (rules 1, 2, 3 and 7 of DESIGN.md, "Consent").
COUPLE_AND_THERAPIST = ("hurt", "repairing", "therapist")
REPAIRING_AND_THERAPIST = ("repairing", "therapist")


def today() -> date:
    """Today for the world's people, who all live in UTC."""
    return datetime.now(UTC).date()


class Canaries:
    """Unique words written into the world, each with the principals allowed to read it."""

    def __init__(self) -> None:
        self.audience: dict[str, frozenset[str]] = {}

    def new(self, label: str, readers: Iterable[str | None]) -> str:
        """A fresh canary that only these principals (None: nobody the matrix plays) may read."""
        text = f"canary-{label}-{secrets.token_hex(4)}"
        self.audience[text] = frozenset(reader for reader in readers if reader)
        return text

    def leaked_to(self, principal: str, body: str) -> list[str]:
        """The canaries in body that principal may not read."""
        return [
            text
            for text, readers in self.audience.items()
            if principal not in readers and text in body
        ]

    def readable_by(self, principal: str) -> set[str]:
        """Every canary principal may read."""
        return {text for text, readers in self.audience.items() if principal in readers}


@dataclass
class Household:
    """One space and the ids of its records, as URL variables need them."""

    space_id: int
    therapist_id: int
    hurt_id: int
    disclosure_id: int = 0
    commitment_id: int = 0
    check_id: int = 0
    invite_id: int = 0
    checkins: dict[str, int] = field(default_factory=dict)


@dataclass
class Writer:
    """Writes one of every kind of record into a household, each word a canary."""

    canaries: Canaries
    label: str
    household: Household
    people: dict[str, ApiClient]
    principals: dict[str, str | None]
    hurt_keeps: tuple[str, ...]

    def word(self, what: str, *roles: str) -> str:
        """A canary readable by the principals playing these roles."""
        readers = [self.principals.get(role) for role in roles]
        return self.canaries.new(f"{self.label}-{what}", readers)

    def hurt_activity(self, what: str, category: str) -> str:
        """A canary the hurt partner writes onto the repairing partner's record (rule 7)."""
        kept = category in self.hurt_keeps
        return self.word(what, "hurt", "therapist", *([] if kept else ["repairing"]))

    def write(self) -> None:
        """The whole record, in the order people would write it."""
        self.disclosure()
        self.commitment()
        self.checkins()
        self.therapist_notes()

    def post(self, role: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """POST as the member in role, under the household's space; the created row's JSON."""
        response = self.people[role].post(f"/spaces/{self.household.space_id}{path}", json=body)
        assert response.status_code in (200, 201), response.get_json()
        return response.get_json()

    def disclosure(self) -> None:
        """A disclosure with a revision, a reply from each partner, and an acknowledgement."""
        seen_by_all = COUPLE_AND_THERAPIST
        body = {
            "title": self.word("disclosure-title", *seen_by_all),
            "body": self.word("disclosure-body", *seen_by_all),
            "category": "other",
        }
        self.household.disclosure_id = self.post("repairing", "/disclosures", body)["id"]
        base = f"/disclosures/{self.household.disclosure_id}"
        revision = {
            "body": self.word("revised-body", *seen_by_all),
            "reason": self.word("revision-reason", *seen_by_all),
        }
        self.post("repairing", f"{base}/revisions", revision)
        self.post(
            "hurt", f"{base}/responses", {"body": self.hurt_activity("hurt-reply", "disclosures")}
        )
        reply = {"body": self.word("repairing-reply", *seen_by_all)}
        self.post("repairing", f"{base}/responses", reply)
        self.post("hurt", f"{base}/acknowledge")

    def commitment(self) -> None:
        """A daily commitment that began ten days ago, one check, and a disputing review."""
        seen_by_all = COUPLE_AND_THERAPIST
        body = {
            "title": self.word("commitment-title", *seen_by_all),
            "description": self.word("commitment-description", *seen_by_all),
            "cadence": "daily",
            "starts_on": (today() - timedelta(days=10)).isoformat(),
        }
        self.household.commitment_id = self.post("repairing", "/commitments", body)["id"]
        base = f"/commitments/{self.household.commitment_id}"
        check = {
            "period_start": body["starts_on"],
            "outcome": "kept",
            "note": self.word("check-note", *seen_by_all),
        }
        self.household.check_id = self.post("repairing", f"{base}/checks", check)["id"]
        review = {"verdict": "disputed", "note": self.hurt_activity("review-note", "commitments")}
        self.post("hurt", f"{base}/checks/{self.household.check_id}/review", review)

    def checkins(self) -> None:
        """Each partner checks in with a note and with a private note."""
        hurt_note = {
            "felt_safety": 4,
            "note": self.word("hurt-note", *COUPLE_AND_THERAPIST),
            "tags": [self.word("htag", *COUPLE_AND_THERAPIST)],
        }
        hurt_private = {
            "felt_safety": 3,
            "note": self.word("hurt-private-note", "hurt"),
            "note_private": True,
        }
        repairing_note = {
            "regulation": 6,
            "note": self.word("repairing-note", *REPAIRING_AND_THERAPIST),
            "tags": [self.word("rtag", *REPAIRING_AND_THERAPIST)],
        }
        repairing_private = {
            "predicted_safety": 5,
            "note": self.word("repairing-private-note", "repairing"),
            "note_private": True,
        }
        for kind, body in {
            "hurt-note": hurt_note,
            "hurt-private": hurt_private,
            "repairing-note": repairing_note,
            "repairing-private": repairing_private,
        }.items():
            author = kind.split("-")[0]
            self.household.checkins[kind] = self.post(author, "/checkins", body)["id"]

    def therapist_notes(self) -> None:
        """Each therapist keeps a private note."""
        for role in [role for role in self.people if role.endswith("therapist")]:
            self.post(role, "/therapist-notes", {"body": self.word(f"{role}-note", role)})
