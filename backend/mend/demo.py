"""Plausible history for a demo couple (and for benchmarks): check-ins, disclosures, commitments.

Everything is written through the models and chained into the ledger in
time order, so `/record/verify` holds for demo data as for real data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mend.checkins.models import Checkin
from mend.clock import zone
from mend.commitments import snapshots
from mend.commitments.models import CheckReview, Commitment, CommitmentCheck
from mend.database import utcnow
from mend.demo_words import (
    ANSWERS,
    COMMITMENTS,
    DISCLOSURES,
    HURT_NOTES,
    QUESTIONS,
    REVISION_REASON,
    TAGS,
)
from mend.disclosures.models import (
    Disclosure,
    DisclosureAcknowledgement,
    DisclosureResponse,
    DisclosureRevision,
)
from mend.extensions import db
from mend.record.models import Ledgered
from mend.record.service import append_many


@dataclass(frozen=True)
class People:
    """The two partners whose history is written."""

    space_id: int
    hurt_id: int
    repairing_id: int
    timezone: str


def write_history(
    people: People,
    *,
    days: int,
    today: date,
    disclosures: int = 5,
    commitments: int = 4,
    cadence: str | None = None,
    seed: int = 7,
    felt: Callable[[float], float] | None = None,
) -> int:
    """Write `days` of plausible history ending today; returns the number of ledgered rows.

    `cadence` forces every commitment to one cadence (benchmarks use "daily"); `felt`
    gives the mean felt safety at each point of the history (0 first day, 1 today).
    """
    rng = random.Random(seed)
    first_day = today - timedelta(days=days - 1)
    rows: list[Ledgered] = []
    rows += _checkins(people, rng, first_day, days, felt or _healing)
    rows += _disclosures(people, rng, first_day, days, disclosures)
    rows += _commitments(people, rng, first_day, today, commitments, cadence)
    now = utcnow()
    # Nothing is dated in the future: today's evening check-ins have not happened yet.
    rows = [row for row in rows if row.created_at <= now]  # type: ignore[attr-defined]
    rows.sort(key=lambda row: row.created_at)  # type: ignore[attr-defined]
    db.session.add_all(rows)
    db.session.flush()
    append_many(space_id=people.space_id, rows=rows)
    snapshots.rebuild([row for row in rows if isinstance(row, Commitment)])
    return len(rows)


def _at(people: People, day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone(people.timezone))


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def _healing(progress: float) -> float:
    """Slow, uneven repair: from about 2.5 to about 6.5 out of 10."""
    return 2.5 + 4.0 * progress


def _checkins(
    people: People,
    rng: random.Random,
    first_day: date,
    days: int,
    trajectory: Callable[[float], float],
) -> list[Checkin]:
    rows: list[Checkin] = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        mean = trajectory(offset / max(days - 1, 1))
        felt = _clamp(mean + rng.gauss(0, 1.2) - (2.5 if rng.random() < 0.08 else 0))
        if rng.random() < 0.92:
            rows.append(
                Checkin(
                    space_id=people.space_id,
                    author_id=people.hurt_id,
                    felt_safety=felt,
                    regulation=_clamp(felt + rng.gauss(0, 1)),
                    tags=rng.sample(TAGS, k=rng.randint(0, 2)),
                    note=rng.choice(HURT_NOTES) if rng.random() < 0.2 else None,
                    note_private=rng.random() < 0.5,
                    created_at=_at(people, day, 21, rng.randint(0, 59)),
                )
            )
        if rng.random() < 0.9:
            rows.append(
                Checkin(
                    space_id=people.space_id,
                    author_id=people.repairing_id,
                    regulation=_clamp(6 + rng.gauss(0, 1.3)),
                    predicted_safety=_clamp(felt + 1.5 - offset / days + rng.gauss(0, 1)),
                    tags=[],
                    created_at=_at(people, day, 22, rng.randint(0, 59)),
                )
            )
    return rows


def _disclosures(
    people: People, rng: random.Random, first_day: date, days: int, count: int
) -> list[Ledgered]:
    rows: list[Ledgered] = []
    for index in range(count):
        category, title, body = DISCLOSURES[index % len(DISCLOSURES)]
        when = _at(
            people, first_day + timedelta(days=min(days - 1, index * 60 // max(count, 1))), 20
        )
        disclosure = Disclosure(
            space_id=people.space_id,
            author_id=people.repairing_id,
            category=category,
            occurred_on=first_day - timedelta(days=200 - index),
            created_at=when,
        )
        disclosure.revisions = [
            DisclosureRevision(number=1, title=title, body=body, created_at=when)
        ]
        rows += [disclosure, disclosure.revisions[0]]
        rows += _thread(people, rng, disclosure, when, index)
    return rows


def _thread(
    people: People, rng: random.Random, disclosure: Disclosure, when: datetime, index: int
) -> list[Ledgered]:
    rows: list[Ledgered] = [
        DisclosureAcknowledgement(
            disclosure=disclosure,
            user_id=people.hurt_id,
            revision_number=1,
            created_at=when + timedelta(days=1),
        )
    ]
    question = rng.randrange(len(QUESTIONS))
    rows.append(
        DisclosureResponse(
            disclosure=disclosure,
            author_id=people.hurt_id,
            body=QUESTIONS[question],
            created_at=when + timedelta(hours=2),
        )
    )
    rows.append(
        DisclosureResponse(
            disclosure=disclosure,
            author_id=people.repairing_id,
            body=ANSWERS[question],
            created_at=when + timedelta(hours=3),
        )
    )
    if index == 0:
        title, body = disclosure.revisions[0].title, disclosure.revisions[0].body
        revision = DisclosureRevision(
            number=2,
            title=title,
            body=body.replace("I met J. twice more for coffee", "I met J. three times for coffee"),
            reason=REVISION_REASON,
            created_at=when + timedelta(days=3),
        )
        disclosure.revisions.append(revision)
        rows.append(revision)
    return rows


def _commitments(
    people: People,
    rng: random.Random,
    first_day: date,
    today: date,
    count: int,
    forced_cadence: str | None,
) -> list[Ledgered]:
    rows: list[Ledgered] = []
    for index in range(count):
        title, cadence = COMMITMENTS[index % len(COMMITMENTS)]
        cadence = forced_cadence or cadence
        commitment = Commitment(
            space_id=people.space_id,
            author_id=people.repairing_id,
            title=title,
            cadence=cadence,
            starts_on=first_day,
            created_at=_at(people, first_day, 9),
        )
        rows.append(commitment)
        rows += _checks(people, rng, commitment, today)
    return rows


def _checks(
    people: People, rng: random.Random, commitment: Commitment, today: date
) -> list[Ledgered]:
    step = {"daily": 1, "weekly": 7, "ongoing": 9}[commitment.cadence]
    start = commitment.starts_on - timedelta(
        days=commitment.starts_on.weekday() if step == 7 else 0
    )
    rows: list[Ledgered] = []
    period = start
    while period < today:
        if rng.random() < 0.96:
            outcome = rng.choices(("kept", "partial", "missed"), weights=(90, 6, 4))[0]
            check = CommitmentCheck(
                commitment=commitment,
                period_start=period,
                outcome=outcome,
                created_at=_at(people, min(period + timedelta(days=step - 1), today), 22, 30),
            )
            rows.append(check)
            if rng.random() < 0.05:
                rows.append(
                    CheckReview(
                        check=check,
                        author_id=people.hurt_id,
                        verdict="disputed"
                        if outcome == "kept" and rng.random() < 0.3
                        else "confirmed",
                        note=None,
                        created_at=check.created_at + timedelta(hours=1),
                    )
                )
        period += timedelta(days=step)
    return rows
