"""Builders and fixtures for disclosure tests."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from mend.consent.models import ConsentChange
from mend.extensions import db
from mend.record.models import LedgerEntry
from tests.builders import ApiClient, Couple, add_therapist
from tests.rows import memberships_of


def disclosures_path(space_id: int, disclosure_id: int | None = None, action: str = "") -> str:
    """The API path of a space's disclosures, one disclosure, or one of its actions."""
    path = f"/spaces/{space_id}/disclosures"
    if disclosure_id is not None:
        path = f"{path}/{disclosure_id}"
    return f"{path}/{action}" if action else path


def disclose(author: ApiClient, space_id: int, **fields: Any) -> dict[str, Any]:
    """Log a disclosure as author through the API and return its detail."""
    body = {
        "title": "I hid messages from you",
        "body": "For three months I deleted messages. It made you doubt yourself.",
        "category": "dishonesty",
        **fields,
    }
    response = author.post(disclosures_path(space_id), json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def respond(author: ApiClient, space_id: int, disclosure_id: int, body: str) -> dict[str, Any]:
    """Reply in a disclosure's thread as author and return the reply."""
    response = author.post(
        disclosures_path(space_id, disclosure_id, "responses"), json={"body": body}
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def share(space_id: int, *, owner: ApiClient, viewer: ApiClient, granted: bool = True) -> None:
    """The owner shares (or stops sharing) their disclosures with the viewer, through the API."""
    response = owner.put(
        f"/spaces/{space_id}/consents/{viewer.id}/disclosures", json={"granted": granted}
    )
    assert response.status_code == 200, response.get_json()


def insert_consent_change(
    app: Flask,
    space_id: int,
    *,
    owner: ApiClient,
    viewer: ApiClient,
    granted: bool,
    expires_at: datetime | None = None,
) -> None:
    """A consent row the API would refuse to write (a lapsed grant, a revocation of rule 1)."""
    with app.app_context():
        db.session.add(
            ConsentChange(
                space_id=space_id,
                owner_id=owner.id,
                viewer_id=viewer.id,
                category="disclosures",
                granted=granted,
                expires_at=expires_at,
                **memberships_of(space_id, owner.id, viewer.id),
            )
        )
        db.session.commit()


def ledger_kinds(app: Flask, space_id: int) -> Counter[str]:
    """How many ledger entries of each kind the space has."""
    with app.app_context():
        kinds = db.session.scalars(
            select(LedgerEntry.kind).where(LedgerEntry.space_id == space_id)
        ).all()
    return Counter(kinds)


@pytest.fixture
def disclosure(couple: Couple) -> dict[str, Any]:
    """A disclosure the repairing partner logged in the couple's space."""
    return disclose(couple.repairing, couple.space_id)


@pytest.fixture
def therapist(app: Flask, couple: Couple) -> ApiClient:
    """A therapist in the couple's space, with no grants yet."""
    return add_therapist(app, couple)
