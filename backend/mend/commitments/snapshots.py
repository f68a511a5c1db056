"""Reliability snapshots: each commitment's walk kept current on write, for readers of many.

`refresh` runs inside every write that can move a commitment's reliability (a
check, a review, a change of status), before that write's one commit, so a
snapshot never lags the record. `build` makes snapshots in bulk from the whole
history, for commitments that have none yet (written before snapshots
existed); the caseload stores what it had to build.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from mend.commitments import reliability
from mend.commitments.history import by_commitment, history_rows, newest_reviews, reviews_of
from mend.commitments.models import CheckReview, Commitment, CommitmentCheck, ReliabilitySnapshot
from mend.commitments.models import CommitmentStatusChange as Change
from mend.extensions import db

COLUMNS = [column.key for column in ReliabilitySnapshot.__table__.columns]  # the key first


def refresh(commitment: Commitment) -> None:
    """Walk the commitment's history again and store its snapshot (the caller commits)."""
    db.session.flush()  # the write being made is part of the history
    _store([build([commitment])[commitment.id]], replace=True)


def rebuild(commitments: list[Commitment]) -> None:
    """Walk these commitments' whole histories again and store the snapshots (after writing
    history in bulk, as the demo data does; the caller commits)."""
    db.session.flush()
    _store(build(commitments).values(), replace=True)


def load_or_build(
    commitments: list[Commitment],
) -> tuple[dict[int, Snapshot], list[ReliabilitySnapshot]]:
    """Each commitment's stored snapshot, building any that is missing; also returns the
    ones built, which a caller about to write may store with `store_built`."""
    stored = load(commitment.id for commitment in commitments)
    missing = [commitment for commitment in commitments if commitment.id not in stored]
    built = build(missing) if missing else {}
    return {**stored, **built}, list(built.values())


def store_built(built: Iterable[ReliabilitySnapshot]) -> None:
    """Store snapshots a reader had to build, unless a write stored a newer one meanwhile."""
    _store(built, replace=False)


def _store(snapshots: Iterable[ReliabilitySnapshot], *, replace: bool) -> None:
    """Insert the snapshots; an existing one is replaced or kept (one statement, no race)."""
    rows = [{column: getattr(s, column) for column in COLUMNS} for s in snapshots]
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(
        ReliabilitySnapshot
    ).values(rows)
    if replace:
        updated = {column: statement.excluded[column] for column in COLUMNS[1:]}
        statement = statement.on_conflict_do_update(index_elements=COLUMNS[:1], set_=updated)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=COLUMNS[:1])
    db.session.execute(statement)


class Snapshot(Protocol):
    """A stored snapshot's values: a `ReliabilitySnapshot`, or a row read without the ORM."""

    commitment_id: int
    through: date
    score: float
    streak: int
    score_ignoring_disputes: float
    streak_ignoring_disputes: int
    disputes: list[list[Any]]


def load(commitment_ids: Iterable[int]) -> dict[int, Snapshot]:
    """The stored snapshots of these commitments, by commitment id (plain rows: a reader
    of hundreds needs no ORM identity for them)."""
    table = ReliabilitySnapshot.__table__
    rows = db.session.execute(select(table).where(table.c.commitment_id.in_(commitment_ids)))
    return {row.commitment_id: row for row in rows}


def build(commitments: list[Commitment]) -> dict[int, ReliabilitySnapshot]:
    """Snapshots of these commitments from their whole history, in three queries."""
    ids = [commitment.id for commitment in commitments]
    changes = by_commitment(history_rows(Change, ids, Change.effective_on, Change.status))
    checks = by_commitment(
        history_rows(CommitmentCheck, ids, CommitmentCheck.period_start, CommitmentCheck.outcome)
    )
    verdicts = reviews_of(
        CommitmentCheck.commitment_id.in_(ids),
        *(CheckReview.check_id, CheckReview.verdict, CheckReview.author_id),
    )
    reviews = newest_reviews(db.session.execute(verdicts))
    return {
        c.id: _snapshot(
            c, checks[c.id], [(r.effective_on, r.status) for r in changes[c.id]], reviews
        )
        for c in commitments
    }


def _snapshot(
    commitment: Commitment,
    checks: list[Any],
    changes: list[reliability.StatusChange],
    reviews: dict[int, Any],
) -> ReliabilitySnapshot:
    """Both walks of one commitment (counting its standing disputes, and not) and the disputes."""
    disputes = {
        check.period_start: reviews[check.id].author_id
        for check in checks
        if check.id in reviews and reviews[check.id].verdict == "disputed"
    }
    counting = _fold(
        commitment,
        changes,
        {c.period_start: (c.outcome, c.period_start in disputes) for c in checks},
    )
    ignoring = _fold(commitment, changes, {c.period_start: (c.outcome, False) for c in checks})
    return ReliabilitySnapshot(
        commitment_id=commitment.id,
        through=counting.through,
        score=counting.score,
        streak=counting.streak,
        score_ignoring_disputes=ignoring.score,
        streak_ignoring_disputes=ignoring.streak,
        disputes=[[day.isoformat(), reviewer] for day, reviewer in sorted(disputes.items())],
    )


def _fold(
    commitment: Commitment,
    changes: list[reliability.StatusChange],
    checks: dict[date, reliability.Check],
) -> reliability.Folded:
    """`reliability.fold`; before any report, nothing is walked yet."""
    folded = reliability.fold(
        cadence=commitment.cadence,
        starts_on=commitment.starts_on,
        checks=checks,
        status_changes=changes,
    )
    return folded or reliability.Folded(commitment.starts_on, 0.0, 0)


def reliability_on(
    commitment: Commitment,
    snapshot: Snapshot,
    *,
    today: date,
    status_changes: list[reliability.StatusChange],
    counting_disputes: bool,
) -> reliability.Reliability:
    """The commitment's reliability today, resumed from its snapshot (no check is read:
    every check refreshes the snapshot)."""
    return reliability.compute(
        cadence=commitment.cadence,
        starts_on=commitment.starts_on,
        today=today,
        checks={},
        status_changes=status_changes,
        resume=resume_point(snapshot, counting_disputes=counting_disputes),
    )


def resume_point(snapshot: Snapshot, *, counting_disputes: bool) -> reliability.Folded:
    """Where `reliability.compute` resumes from, for a viewer who does or does not see disputes."""
    if counting_disputes:
        return reliability.Folded(snapshot.through, snapshot.score, snapshot.streak)
    return reliability.Folded(
        snapshot.through, snapshot.score_ignoring_disputes, snapshot.streak_ignoring_disputes
    )


def standing_disputes(snapshot: Snapshot) -> list[tuple[date, int | None]]:
    """The checks whose newest review disputes them: (period start, reviewer)."""
    return [(date.fromisoformat(day), reviewer) for day, reviewer in snapshot.disputes]
