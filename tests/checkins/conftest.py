"""Check-in builders: direct inserts at chosen moments, consent grants, couples in a timezone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import insert

from mend.checkins.models import Checkin
from mend.consent.models import ConsentChange
from mend.extensions import db
from mend.record import service as record_service
from tests.builders import (
    ApiClient,
    Couple,
    add_therapist,
    invite_code,
    join,
    make_couple,
    make_space,
    make_user,
)
from tests.rows import memberships_of


def local(moment: str, timezone: str) -> datetime:
    """An aware datetime for a wall-clock time ("2024-03-10 23:30") in timezone."""
    return datetime.fromisoformat(moment).replace(tzinfo=ZoneInfo(timezone))


def make_checkin(
    app: Flask, *, space_id: int, author_id: int, created_at: datetime, **fields: Any
) -> int:
    """Insert one check-in made at created_at, chained into the ledger as the API would."""
    with app.app_context():
        row = Checkin(space_id=space_id, author_id=author_id, created_at=created_at, **fields)
        db.session.add(row)
        record_service.append(space_id=space_id, row=row)
        db.session.commit()
        return row.id


def make_checkins(app: Flask, *, space_id: int, rows: Iterable[dict[str, Any]]) -> None:
    """Insert many check-ins at once, without ledger entries: for trend and speed tests only."""
    with app.app_context():
        values = [{"space_id": space_id, "tags": [], "note_private": False, **row} for row in rows]
        db.session.execute(insert(Checkin), values)
        db.session.commit()


def set_consent(
    app: Flask,
    *,
    space_id: int,
    owner: ApiClient,
    viewer: ApiClient,
    category: str,
    granted: bool = True,
) -> None:
    """Record the owner's decision to share (or stop sharing) a category with the viewer."""
    with app.app_context():
        db.session.add(
            ConsentChange(
                space_id=space_id,
                owner_id=owner.id,
                viewer_id=viewer.id,
                category=category,
                granted=granted,
                **memberships_of(space_id, owner.id, viewer.id),
            )
        )
        db.session.commit()


def make_couple_in(app: Flask, *, hurt_timezone: str, repairing_timezone: str) -> Couple:
    """A couple whose partners live in the given timezones."""
    hurt = make_user(app, display_name="Sam", timezone=hurt_timezone)
    repairing = make_user(app, display_name="Alex", timezone=repairing_timezone)
    space_id = make_space(hurt, my_role="hurt")
    assert join(repairing, invite_code(hurt, space_id, "repairing")).status_code == 200
    return Couple(space_id=space_id, hurt=hurt, repairing=repairing)


@pytest.fixture
def therapist(app: Flask, couple: Couple) -> ApiClient:
    """A therapist in the couple's space, with no grants yet."""
    return add_therapist(app, couple)


@pytest.fixture
def stranger(app: Flask) -> ApiClient:
    """A hurt partner of another couple: a member of a different space."""
    return make_couple(app).hurt


def checkins_path(couple: Couple) -> str:
    """The check-ins collection of the couple's space."""
    return f"/spaces/{couple.space_id}/checkins"


def check_in(member: ApiClient, couple: Couple, **body: Any) -> dict[str, Any]:
    """Post a check-in that must succeed; returns it as the author sees it."""
    response = member.post(checkins_path(couple), json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def listed(member: ApiClient, couple: Couple, query: str = "") -> list[dict[str, Any]]:
    """The check-ins member sees in the couple's space."""
    response = member.get(f"{checkins_path(couple)}{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def both_check_in(couple: Couple) -> tuple[dict[str, Any], dict[str, Any]]:
    """The hurt and the repairing partner each check in with a shared and a private-able note."""
    hurt = check_in(couple.hurt, couple, felt_safety=3, note="Hard morning.", tags=["trigger"])
    repairing = check_in(couple.repairing, couple, regulation=6, predicted_safety=5, note="Calm.")
    return hurt, repairing
