"""Whether a reminder is still needed: the person hasn't done the thing yet today."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from mend import clock
from mend.auth.models import User
from mend.checkins.models import Checkin
from mend.commitments.models import Commitment, CommitmentCheck, CommitmentStatusChange
from mend.commitments.reliability import period_of
from mend.extensions import db
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.measures.series import adherence
from mend.spaces.models import Membership


def checked_in_on(user: User, day: date) -> bool:
    """Whether the person wrote a check-in during that local day."""
    start, end = clock.day_range_utc(day, day, user.timezone)
    found = select(Checkin.id).where(
        Checkin.author_id == user.id, Checkin.created_at >= start, Checkin.created_at < end
    )
    return db.session.scalar(found.limit(1)) is not None


def report_due(user: User, day: date) -> bool:
    """Whether the repairing partner has an active commitment whose current period is unreported."""
    for commitment in _active_commitments(user):
        period = period_of(day, commitment.cadence)
        if period < period_of(commitment.starts_on, commitment.cadence):
            continue
        reported = select(CommitmentCheck.id).where(
            CommitmentCheck.commitment_id == commitment.id,
            CommitmentCheck.period_start == period,
        )
        if db.session.scalar(reported.limit(1)) is None:
            return True
    return False


def measure_due(user: User, now: datetime) -> bool:
    """Whether a questionnaire scheduled for the person, in a space they are still in, is due
    now (its current period unanswered), by the same adherence rule the measures page uses."""
    still_in = select(Membership.space_id).where(
        Membership.user_id == user.id, Membership.left_at.is_(None)
    )
    schedules = db.session.scalars(
        select(MeasureSchedule).where(
            MeasureSchedule.respondent_id == user.id, MeasureSchedule.space_id.in_(still_in)
        )
    ).all()
    for schedule in schedules:
        answered = db.session.scalars(
            select(MeasureResponse.created_at).where(
                MeasureResponse.space_id == schedule.space_id,
                MeasureResponse.respondent_id == user.id,
                MeasureResponse.instrument == schedule.instrument,
                MeasureResponse.created_at >= schedule.starts_at,
                MeasureResponse.created_at <= now,
            )
        ).all()
        kept = adherence(
            every_weeks=schedule.every_weeks,
            starts_at=schedule.starts_at,
            answered=list(answered),
            now=now,
        )
        if kept.due:
            return True
    return False


def _active_commitments(user: User) -> list[Commitment]:
    """The person's own commitments in spaces where they are the repairing partner, still active."""
    newest = (
        select(func.max(CommitmentStatusChange.id))
        .where(CommitmentStatusChange.commitment_id == Commitment.id)
        .correlate(Commitment)
        .scalar_subquery()
    )
    status = (
        select(CommitmentStatusChange.status)
        .where(CommitmentStatusChange.id == newest)
        .scalar_subquery()
    )
    repairing_in = select(Membership.space_id).where(
        Membership.user_id == user.id,
        Membership.role == "repairing",
        Membership.left_at.is_(None),
    )
    return list(
        db.session.scalars(
            select(Commitment).where(
                Commitment.author_id == user.id,
                Commitment.space_id.in_(repairing_in),
                func.coalesce(status, "active") == "active",
            )
        )
    )
