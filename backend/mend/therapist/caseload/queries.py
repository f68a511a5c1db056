"""The caseload's bulk reads: one query per kind of data, for all of a therapist's couples.

Each function takes every couple at once and returns plain values keyed by
space, so the number of queries stays the same for 10 couples or 100. What a
partner does not share with the therapist is never selected (and is checked
again, through `policy.Access`, before it is used).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from sqlalchemy import func, select

from mend import clock, policy
from mend.auth.models import User
from mend.checkins.models import Checkin
from mend.commitments import snapshots
from mend.commitments.models import Commitment, ReliabilitySnapshot
from mend.commitments.models import CommitmentStatusChange as Change
from mend.commitments.snapshots import Snapshot
from mend.extensions import db
from mend.spaces.models import PARTNER_ROLES, Membership, Space
from mend.therapist.caseload.alerts import Dispute

CHECKINS, COMMITMENTS = "checkins", "commitments"


@dataclass(frozen=True)
class Couple:
    """One space as the therapist's access to it stands: who is in it, who shares what."""

    access: policy.Access
    name: str
    _answers: dict[tuple[int | None, str], bool] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def space_id(self) -> int:
        """The couple's space."""
        return self.access.space_id

    @cached_property
    def _partners(self) -> dict[str, Membership]:
        return {
            m.role: m for m in self.access.members.values() if m.active and m.role != "therapist"
        }

    def partner(self, role: str) -> Membership | None:
        """The partner in this role who is still in the space, if any."""
        return self._partners.get(role)

    def partners(self) -> list[Membership]:
        """The partners still in the space, hurt first."""
        return [self._partners[role] for role in PARTNER_ROLES if role in self._partners]

    def may_see(self, owner_id: int | None, category: str) -> bool:
        """`policy.Access.can_see`, asked once per owner and category in a request."""
        key = (owner_id, category)
        if key not in self._answers:
            self._answers[key] = self.access.can_see(owner_id, category)
        return self._answers[key]

    def shares(self, member: Membership | None, category: str) -> bool:
        """Whether this partner shares this category with the therapist right now."""
        return member is not None and self.may_see(member.user_id, category)


@dataclass(frozen=True)
class Walk:
    """An active commitment's reliability walk: to which day, resumed from which snapshot,
    counting its disputes or not."""

    commitment: Commitment
    today: date
    snapshot: Snapshot
    counting_disputes: bool


@dataclass
class CommitmentRows:
    """A space's commitments as the caseload needs them: walks, status history, open disputes."""

    changes: dict[int, list[tuple[date, str]]] = field(default_factory=lambda: defaultdict(list))
    walks: dict[int, Walk] = field(default_factory=dict)
    disputes: list[Dispute] = field(default_factory=list)


def couples(actor: User, *, now: datetime) -> list[Couple]:
    """The actor's access to each space they are an active therapist in (the bulk loader,
    `policy.accesses_of`), with the space's name: two queries however many spaces."""
    accesses = policy.accesses_of(actor, role="therapist", now=now)
    names = dict(
        db.session.execute(select(Space.id, Space.name).where(Space.id.in_(list(accesses)))).all()
    )
    return [Couple(access=found, name=names[space_id]) for space_id, found in accesses.items()]


def felt_readings(couples: Iterable[Couple], *, since: datetime) -> dict[int, list[Any]]:
    """Per space, the felt-safety scores given since the moment, where the hurt partner shares."""
    hurt = {c.space_id: m.user_id for c in couples if c.shares(m := c.partner("hurt"), CHECKINS)}
    rows = db.session.execute(
        select(Checkin.space_id, Checkin.author_id, Checkin.created_at, Checkin.felt_safety).where(
            Checkin.space_id.in_(list(hurt)),
            Checkin.created_at >= since,
            Checkin.felt_safety.is_not(None),
        )
    )
    readings: dict[int, list[Any]] = defaultdict(list)
    for space_id, author_id, created_at, score in rows:
        if hurt[space_id] == author_id:
            readings[space_id].append((created_at, score))
    return readings


def latest_checkins(couples: Iterable[Couple]) -> dict[tuple[int, int], Any]:
    """The newest check-in of each partner who shares check-ins: an index lookup per partner."""
    wanted = {
        (c.space_id, m.user_id) for c in couples for m in c.partners() if c.shares(m, CHECKINS)
    }
    newest = (
        select(func.max(Checkin.id))
        .where(Checkin.space_id == Membership.space_id, Checkin.author_id == Membership.user_id)
        .correlate(Membership)
        .scalar_subquery()
    )
    ids = select(newest).where(
        Membership.space_id.in_({space_id for space_id, _author in wanted}),
        Membership.user_id.in_({author for _space_id, author in wanted}),
    )
    rows = db.session.execute(
        select(Checkin.space_id, Checkin.author_id, Checkin.created_at, Checkin.felt_safety).where(
            Checkin.id.in_(ids)
        )
    )
    return {(r.space_id, r.author_id): r for r in rows if (r.space_id, r.author_id) in wanted}


def commitment_rows(
    couples: Iterable[Couple], *, now: datetime
) -> tuple[dict[int, CommitmentRows], list[ReliabilitySnapshot]]:
    """Per space where the repairing partner shares commitments: what reliability needs.

    Reliability resumes from each commitment's snapshot, so no check is read.
    Commitments without one (written before snapshots existed) get one built
    from their history; those are returned too, for the caller to store.
    """
    sharing = {c.space_id: c for c in couples if c.shares(c.partner("repairing"), COMMITMENTS)}
    found = {space_id: CommitmentRows() for space_id in sharing}
    for row in _child_rows(Change, list(sharing), Change.effective_on, Change.status):
        found[row.space_id].changes[row.commitment_id].append((row.effective_on, row.status))
    visible = [
        commitment
        for commitment in db.session.scalars(
            select(Commitment).where(Commitment.space_id.in_(list(sharing))).order_by(Commitment.id)
        )
        if sharing[commitment.space_id].may_see(commitment.author_id, COMMITMENTS)
    ]
    folded, built = snapshots.load_or_build(visible)
    for commitment in visible:
        couple, rows = sharing[commitment.space_id], found[commitment.space_id]
        snapshot = folded[commitment.id]
        counting = _add_disputes(couple, rows, commitment, snapshot)
        _plan_walk(rows, commitment, _author_today(couple, commitment, now), snapshot, counting)
    return found, built


def _child_rows(model: Any, spaces: Iterable[int], *columns: Any) -> Iterable[Any]:
    """Columns of the rows hanging off every commitment in the spaces, oldest first."""
    return db.session.execute(
        select(Commitment.space_id, model.commitment_id, *columns)
        .join(Commitment, Commitment.id == model.commitment_id)
        .where(Commitment.space_id.in_(spaces))
        .order_by(model.id)
    )


def _author_today(couple: Couple, commitment: Commitment, now: datetime) -> date:
    """Today where the commitment's author lives: their days are its periods."""
    author = couple.access.members.get(commitment.author_id or 0)
    return clock.today_in(author.user.timezone if author else "UTC", now=now)


def _add_disputes(
    couple: Couple, rows: CommitmentRows, commitment: Commitment, snapshot: Snapshot
) -> bool:
    """Add the commitment's standing disputes the therapist may see (the hurt partner shares
    commitments too); returns whether its reliability counts its disputes.

    Only the hurt partner reviews, and that place is never refilled, so a
    commitment's disputes are all seen or all unseen; should that ever change,
    the score leaves out every dispute rather than count one that is unseen.
    """
    if not couple.shares(couple.partner("hurt"), COMMITMENTS):
        return False
    disputes = snapshots.standing_disputes(snapshot)
    seen = [day for day, reviewer in disputes if couple.may_see(reviewer, COMMITMENTS)]
    rows.disputes.extend(Dispute(commitment.title, day) for day in seen)
    return len(seen) == len(disputes)


def _plan_walk(
    rows: CommitmentRows,
    commitment: Commitment,
    today: date,
    snapshot: Snapshot,
    counting_disputes: bool,
) -> None:
    """An active commitment that has started gets a reliability walk from its snapshot."""
    changes = rows.changes[commitment.id]
    status = changes[-1][1] if changes else "active"
    if status != "active" or commitment.starts_on > today:
        return
    rows.walks[commitment.id] = Walk(commitment, today, snapshot, counting_disputes)
