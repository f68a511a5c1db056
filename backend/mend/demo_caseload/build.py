"""Writing the demo caseload: accounts, spaces, history, grants, questionnaires and schedules.

Every partner account shares one password hash (hashing is deliberately slow,
and eleven of them would take most of the time budget of `demo-data`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import select

from mend.auth.models import User
from mend.auth.passwords import hash_password
from mend.commitments import snapshots
from mend.commitments.models import CheckReview, Commitment, CommitmentCheck
from mend.consent.models import ConsentChange
from mend.database import utcnow
from mend.demo import People, write_history
from mend.demo_caseload.couples import COUPLES, DemoCouple, Series
from mend.extensions import db
from mend.measures.catalogue import Instrument
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.measures.setup import instruments
from mend.record.service import append_many
from mend.spaces.models import Membership, Space

DAYS = 90
THERAPIST = ("dr.rivera@demo.mend", "Dr. Rivera")


def create(*, password: str, timezone: str, today: date, step: Callable[[], None]) -> None:
    """Write the therapist and every demo couple, calling step() after each."""
    password_hash = hash_password(password)
    therapist = _user(THERAPIST, "therapist", password_hash, timezone)
    step()
    for couple in COUPLES:
        _couple(couple, therapist, password_hash, timezone, today)
        db.session.commit()
        step()


def steps() -> int:
    """How many times create() calls step()."""
    return len(COUPLES) + 1


def _user(who: tuple[str, str], account_type: str, password_hash: str, timezone: str) -> User:
    email, name = who
    user = User(
        email=email,
        password_hash=password_hash,
        display_name=name,
        account_type=account_type,
        timezone=timezone,
        email_verified_at=utcnow(),  # demo accounts are created verified
    )
    db.session.add(user)
    db.session.flush()
    return user


def _couple(
    couple: DemoCouple, therapist: User, password_hash: str, timezone: str, today: date
) -> None:
    hurt = _user(couple.hurt, "partner", password_hash, timezone)
    repairing = _user(couple.repairing, "partner", password_hash, timezone)
    joined = utcnow() - timedelta(days=DAYS)
    space = Space(name=couple.name)
    members = {
        "hurt": Membership(user_id=hurt.id, role="hurt", joined_at=joined),
        "repairing": Membership(user_id=repairing.id, role="repairing", joined_at=joined),
    }
    space.members = list(members.values())
    db.session.add(space)
    db.session.flush()
    # The therapist came in on the hurt partner's invite; the repairing partner approved
    # (rule 9), except in the couple still awaiting approval.
    therapist_membership = Membership(
        user_id=therapist.id,
        role="therapist",
        joined_at=joined,
        invited_by=members["hurt"].id,
        approved_at=None if couple.awaiting_approval else joined,
    )
    space.members.append(therapist_membership)
    db.session.flush()
    people = People(space.id, hurt.id, repairing.id, timezone)
    write_history(
        people,
        days=DAYS,
        today=today,
        commitments=couple.commitments,
        disclosures=couple.disclosures,
        seed=couple.seed,
        felt=couple.felt,
    )
    ids = {"hurt": hurt.id, "repairing": repairing.id}
    db.session.add_all(
        ConsentChange(
            space_id=space.id,
            owner_id=ids[role],
            viewer_id=therapist.id,
            owner_membership_id=members[role].id,
            viewer_membership_id=therapist_membership.id,
            category=category,
            granted=True,
            created_at=joined,
        )
        for role, categories in couple.shares.items()
        for category in categories
    )
    for series in couple.series:
        _questionnaires(space.id, ids[series.role], series, instruments()[series.instrument])
    if couple.open_dispute:
        _dispute(people, today)


def _questionnaires(space_id: int, respondent_id: int, series: Series, chosen: Instrument) -> None:
    """A schedule whose current period is the series' last, each score given in its period."""
    period = timedelta(weeks=series.every_weeks)
    starts_at = utcnow() - period * (len(series.scores) - 1) - timedelta(days=1)
    db.session.add(
        MeasureSchedule(
            space_id=space_id,
            respondent_id=respondent_id,
            instrument=chosen.id,
            every_weeks=series.every_weeks,
            set_by_id=respondent_id,
            starts_at=starts_at,
        )
    )
    for index, score in enumerate(series.scores):
        if score is None:
            continue
        answers = answers_for(chosen, score)
        db.session.add(
            MeasureResponse(
                space_id=space_id,
                respondent_id=respondent_id,
                instrument=chosen.id,
                answers=answers,
                score=chosen.score(answers),
                band=chosen.band(score),
                created_at=starts_at + period * index + timedelta(hours=2),
            )
        )


def answers_for(chosen: Instrument, total: int) -> list[int]:
    """Answers that add up to total, spread evenly over the items."""
    answers = [min(item.values) for item in chosen.items]
    remaining = total - sum(answers)
    while remaining > 0:
        for index, item in enumerate(chosen.items):
            if remaining and answers[index] < max(item.values):
                answers[index] += 1
                remaining -= 1
    return answers


def _dispute(people: People, today: date) -> None:
    """The hurt partner disputes this week's newest 'kept' check of a daily commitment."""
    check = db.session.scalar(
        select(CommitmentCheck)
        .join(Commitment)
        .where(
            Commitment.space_id == people.space_id,
            Commitment.cadence == "daily",
            CommitmentCheck.outcome == "kept",
            CommitmentCheck.period_start >= today - timedelta(days=6),
        )
        .order_by(CommitmentCheck.period_start.desc())
        .limit(1)
    )
    if check is None:
        return
    review = CheckReview(
        check_id=check.id,
        author_id=people.hurt_id,
        verdict="disputed",
        note="I saw the messages app had been cleared again.",
        created_at=max(check.created_at, _now_less(hours=1)),
    )
    db.session.add(review)
    db.session.flush()
    append_many(space_id=people.space_id, rows=[review])
    snapshots.rebuild([db.session.get(Commitment, check.commitment_id)])


def _now_less(*, hours: int) -> datetime:
    return utcnow() - timedelta(hours=hours)
