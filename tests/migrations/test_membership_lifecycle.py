"""Revision 0007 ties existing grants and invites to the membership of their moment.

The issue's scenario, as rows written before 0007: the hurt partner granted a
therapist, the therapist left and came back. After the upgrade the old grant
belongs to the therapist's first membership only, so it no longer counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from flask import Flask
from sqlalchemy import Connection, MetaData, Table, insert, select

from mend.extensions import db
from tests.migrations.test_migrations import (  # noqa: F401  (fixtures)
    alembic_config,
    current_revisions,
    empty_database_url,
    migration_app,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def at(days: int) -> datetime:
    return T0 + timedelta(days=days)


def table(name: str, bind: Connection) -> Table:
    return Table(name, MetaData(), autoload_with=bind)


@pytest.fixture
def before_0007(migration_app: Flask) -> Iterator[dict[str, int]]:  # noqa: F811
    """A database at 0006 holding a couple, a therapist who left and returned, their
    grants, an unused invite and one from a partner who left."""
    command.upgrade(alembic_config(), "0006")
    with db.engine.begin() as connection:
        for user_id, kind in ((1, "partner"), (2, "partner"), (3, "therapist")):
            connection.execute(
                insert(table("user", connection)).values(
                    id=user_id,
                    email=f"u{user_id}@example.org",
                    password_hash="x",
                    display_name=f"U{user_id}",
                    account_type=kind,
                    timezone="UTC",
                    created_at=T0,
                )
            )
        connection.execute(
            insert(table("space", connection)).values(id=1, name="Us", created_at=T0)
        )
        memberships = [
            dict(id=1, space_id=1, user_id=1, role="hurt", joined_at=at(0), left_at=None),
            dict(id=2, space_id=1, user_id=2, role="repairing", joined_at=at(1), left_at=None),
            dict(id=3, space_id=1, user_id=3, role="therapist", joined_at=at(2), left_at=at(5)),
            dict(id=4, space_id=1, user_id=3, role="therapist", joined_at=at(8), left_at=None),
        ]
        connection.execute(insert(table("membership", connection)), memberships)
        change = dict(space_id=1, category="checkins", expires_at=None)
        connection.execute(
            insert(table("consent_change", connection)),
            [
                dict(change, id=1, owner_id=1, viewer_id=3, granted=True, created_at=at(3)),
                dict(change, id=2, owner_id=1, viewer_id=2, granted=False, created_at=at(4)),
                dict(change, id=3, owner_id=2, viewer_id=3, granted=True, created_at=at(9)),
            ],
        )
        invite = dict(space_id=1, role="therapist", created_at=at(6), expires_at=at(9))
        connection.execute(
            insert(table("invite", connection)),
            [dict(invite, id=1, code_hash="a" * 64, created_by=1, used_at=None, used_by=None)],
        )
    yield {"first": 3, "second": 4}


def test_grants_belong_to_the_membership_of_their_moment(before_0007: dict[str, int]) -> None:
    command.upgrade(alembic_config(), "0007")

    with db.engine.connect() as connection:
        rows = (
            connection.execute(select(table("consent_change", connection)).order_by("id"))
            .mappings()
            .all()
        )
        members = (
            connection.execute(select(table("membership", connection)).order_by("id"))
            .mappings()
            .all()
        )
        invites = connection.execute(select(table("invite", connection))).mappings().all()
    assert [(r["owner_membership_id"], r["viewer_membership_id"]) for r in rows] == [
        (1, before_0007["first"]),
        (1, 2),
        (2, before_0007["second"]),
    ]
    assert [m["approved_at"] is not None for m in members] == [False, False, True, True]
    assert invites[0]["maker_membership_id"] == 1
    assert invites[0]["cancelled_at"] is not None  # an old-style code cannot be typed any more


def test_downgrade_keeps_ended_grants_ended(before_0007: dict[str, int]) -> None:
    config = alembic_config()
    command.upgrade(config, "0007")

    command.downgrade(config, "0006")

    assert current_revisions() == {"0006"}
    with db.engine.connect() as connection:
        ids = connection.scalars(
            select(table("consent_change", connection).c.id).order_by("id")
        ).all()
        invites = connection.execute(select(table("invite", connection))).all()
    assert ids == [2, 3]  # the grant to the therapist's ended membership is gone
    assert invites == []  # withdrawn: it must not come back to life
