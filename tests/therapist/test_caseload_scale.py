"""The therapist's caseload at 10 and 100 couples: the same number of queries."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

from mend.auth.models import User
from mend.checkins.models import Checkin
from mend.commitments.models import (
    CheckReview,
    Commitment,
    CommitmentCheck,
)
from mend.consent.models import CATEGORIES, ConsentChange
from mend.extensions import db
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.spaces.models import Membership, Space
from tests.builders import (
    ApiClient,
    unique_email,
)
from tests.therapist import caseload_helpers
from tests.therapist.caseload_helpers import (
    JOINED,
    TODAY,
    days_ago,
    items,
)

frozen_now = caseload_helpers.frozen_now  # autouse: the caseload's now is NOW
therapist = caseload_helpers.therapist


def insert_couples(app: Flask, therapist: ApiClient, count: int) -> None:
    """Many couples sharing everything with the therapist, straight into the database."""
    with app.app_context():
        for index in range(count):
            hurt, repairing = (
                User(email=unique_email(), password_hash="-", display_name=name)
                for name in (f"Sam {index}", f"Alex {index}")
            )
            for user in (hurt, repairing):
                user.account_type = "partner"
            db.session.add_all([hurt, repairing])
            db.session.flush()
            _insert_space(index, hurt.id, repairing.id, therapist.id)
        db.session.commit()


def _insert_space(index: int, hurt_id: int, repairing_id: int, therapist_id: int) -> None:
    space = Space(name=f"Couple {index}")
    space.members = [
        Membership(user_id=hurt_id, role="hurt", joined_at=JOINED),
        Membership(user_id=repairing_id, role="repairing", joined_at=JOINED),
        Membership(user_id=therapist_id, role="therapist", joined_at=JOINED, approved_at=JOINED),
    ]
    db.session.add(space)
    db.session.flush()
    ids = {m.user_id: m.id for m in space.members}
    db.session.add_all(
        ConsentChange(
            space_id=space.id,
            owner_id=owner,
            owner_membership_id=ids[owner],
            viewer_id=therapist_id,
            viewer_membership_id=ids[therapist_id],
            category=c,
            granted=True,
        )
        for owner in (hurt_id, repairing_id)
        for c in CATEGORIES
    )
    db.session.add_all(
        Checkin(space_id=space.id, author_id=hurt_id, felt_safety=index % 11, created_at=moment)
        for moment in (days_ago(day) for day in range(0, 30, 3))
    )
    db.session.add(Checkin(space_id=space.id, author_id=repairing_id, created_at=days_ago(2)))
    for cadence in ("daily", "weekly"):
        commitment = Commitment(
            space_id=space.id,
            author_id=repairing_id,
            title=f"{cadence} promise",
            cadence=cadence,
            starts_on=TODAY - timedelta(days=200),
        )
        db.session.add(commitment)
        db.session.flush()
        checks = [
            CommitmentCheck(commitment_id=commitment.id, period_start=day, outcome="kept")
            for day in (TODAY - timedelta(days=offset) for offset in range(1, 200, 7))
        ]
        db.session.add_all(checks)
        db.session.flush()
        db.session.add(CheckReview(check_id=checks[0].id, author_id=hurt_id, verdict="disputed"))
    _insert_measures(space.id, hurt_id, repairing_id)


def _insert_measures(space_id: int, hurt_id: int, repairing_id: int) -> None:
    """Four weekly CSI-4s for each partner, the hurt partner's on a weekly schedule."""
    db.session.add_all(
        MeasureResponse(
            space_id=space_id,
            respondent_id=owner,
            instrument="csi4",
            answers=[3, 3, 3, 3],
            score=12,
            band="Notable relationship dissatisfaction",
            created_at=days_ago(7 * week),
        )
        for owner in (hurt_id, repairing_id)
        for week in range(4)
    )
    db.session.add(
        MeasureSchedule(
            space_id=space_id,
            respondent_id=hurt_id,
            instrument="csi4",
            every_weeks=1,
            starts_at=days_ago(60),
        )
    )


def test_query_count_is_the_same_for_10_and_100_couples(
    app: Flask, therapist: ApiClient, count_queries
) -> None:
    insert_couples(app, therapist, 10)  # straight into the database: no snapshots yet
    with count_queries() as ten_building:
        assert len(items(therapist)) == 10
    with count_queries() as ten:
        items(therapist)
    insert_couples(app, therapist, 90)
    with count_queries() as hundred_building:
        items(therapist)
    with count_queries() as hundred:
        caseload_items = items(therapist)
    assert len(caseload_items) == 100
    assert all(item["commitments"]["open_disputes"] == 2 for item in caseload_items)
    assert all(len(item["measures"]) == 2 for item in caseload_items)
    hurt_series = [item["measures"][0] for item in caseload_items]
    assert all(series["schedule"]["completion_rate"] == 0.375 for series in hurt_series)
    assert hundred.count == ten.count, hundred.statements
    assert hundred_building.count == ten_building.count, hundred_building.statements
    assert ten.count < ten_building.count  # once built, snapshots spare reading any history
