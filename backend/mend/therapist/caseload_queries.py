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

from sqlalchemy import ColumnElement, Select, String, and_, cast, exists, func, or_, select
from sqlalchemy.orm import aliased

from mend import clock, policy
from mend.auth.models import User
from mend.checkins.models import Checkin
from mend.commitments.models import OUTCOMES, CheckReview, Commitment, CommitmentCheck
from mend.commitments.models import CommitmentStatusChange as Change
from mend.consent.models import ConsentChange
from mend.extensions import db
from mend.spaces.models import PARTNER_ROLES, Membership, Space
from mend.therapist.alerts import Dispute, reliability_window_start

CHECKINS, COMMITMENTS = "checkins", "commitments"
ISO_DATE = len("2025-03-05")
UNDISPUTED = {outcome: (outcome, False) for outcome in OUTCOMES}


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


@dataclass
class Walk:
    """An active commitment's reliability walk: from which period, to which day, over what."""

    commitment: Commitment
    today: date
    start: date
    checks: dict[date, tuple[str, bool]] = field(default_factory=dict)

    @property
    def whole(self) -> bool:
        """Whether the walk starts at the commitment's first period (so reads every check)."""
        return self.start <= self.commitment.starts_on


@dataclass
class CommitmentRows:
    """A space's commitments as the caseload needs them: walks, status history, open disputes."""

    changes: dict[int, list[tuple[date, str]]] = field(default_factory=lambda: defaultdict(list))
    walks: dict[int, Walk] = field(default_factory=dict)
    disputes: list[Dispute] = field(default_factory=list)


def couples(actor: User, *, now: datetime) -> list[Couple]:
    """What `policy.access` gives for each space the actor is an active therapist in, with
    the space's name: two queries however many spaces (a bulk `policy.access`)."""
    mine = select(Membership.space_id).where(
        Membership.user_id == actor.id,
        Membership.role == "therapist",
        Membership.left_at.is_(None),
    )
    rows = db.session.execute(
        select(Membership, Space.name)
        .join(Space, Space.id == Membership.space_id)
        .where(Membership.space_id.in_(mine))
        .order_by(Membership.id)
    )
    members: dict[int, dict[int, Membership]] = defaultdict(dict)
    names: dict[int, str] = {}
    for membership, name in rows:
        names[membership.space_id] = name
        if policy.keeps_reading(membership):
            members[membership.space_id][membership.user_id] = membership
    received = _received(actor, mine)
    return [
        Couple(access=_access(actor, space, received[space_id], now), name=names[space_id])
        for space_id, space in members.items()
        if actor.id in space
    ]


def _access(
    actor: User,
    members: dict[int, Membership],
    received: dict[tuple[int, str], ConsentChange],
    now: datetime,
) -> policy.Access:
    """The `policy.Access` that `policy.access(actor, space_id)` builds, from bulk-loaded rows."""
    return policy.Access(
        user=actor, membership=members[actor.id], members=members, received=received, now=now
    )


def _received(actor: User, spaces: Select) -> dict[int, dict[tuple[int, str], ConsentChange]]:
    """Per space, the newest consent change per (owner, category) made to the actor."""
    changes = db.session.scalars(
        select(ConsentChange)
        .where(ConsentChange.viewer_id == actor.id, ConsentChange.space_id.in_(spaces))
        .order_by(ConsentChange.id)
    )
    received: dict[int, dict[tuple[int, str], ConsentChange]] = defaultdict(dict)
    for change in changes:
        received[change.space_id][(change.owner_id, change.category)] = change
    return received


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


def commitment_rows(couples: Iterable[Couple], *, now: datetime) -> dict[int, CommitmentRows]:
    """Per space where the repairing partner shares commitments: what reliability needs.

    Checks are read only as far back as each active commitment's reliability can
    still feel them (see `alerts.reliability_window_start`), not years of them.
    """
    sharing = {c.space_id: c for c in couples if c.shares(c.partner("repairing"), COMMITMENTS)}
    found = {space_id: CommitmentRows() for space_id in sharing}
    for row in _child_rows(Change, list(sharing), Change.effective_on, Change.status):
        found[row.space_id].changes[row.commitment_id].append((row.effective_on, row.status))
    commitments = db.session.scalars(
        select(Commitment).where(Commitment.space_id.in_(list(sharing))).order_by(Commitment.id)
    )
    for commitment in commitments:
        couple, rows = sharing[commitment.space_id], found[commitment.space_id]
        if couple.may_see(commitment.author_id, COMMITMENTS):
            _plan_walk(rows, commitment, _author_today(couple, commitment, now))
    _add_checks(found, disputed=_disputes(sharing, found))
    return found


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


def _plan_walk(rows: CommitmentRows, commitment: Commitment, today: date) -> None:
    """An active commitment that has started gets a reliability walk over its recent checks."""
    changes = rows.changes[commitment.id]
    status = changes[-1][1] if changes else "active"
    if status != "active" or commitment.starts_on > today:
        return
    start = reliability_window_start(
        cadence=commitment.cadence,
        starts_on=commitment.starts_on,
        today=today,
        status_changes=changes,
    )
    rows.walks[commitment.id] = Walk(commitment, today, start)


def _disputes(sharing: dict[int, Couple], found: dict[int, CommitmentRows]) -> set[Any]:
    """Checks whose newest review disputes them, where the therapist may see the review (the
    hurt partner shares commitments too); returns them as (commitment id, period start)."""
    reviewed = [sid for sid, c in sharing.items() if c.shares(c.partner("hurt"), COMMITMENTS)]
    newer = aliased(CheckReview)
    superseded = exists().where(newer.check_id == CheckReview.check_id, newer.id > CheckReview.id)
    # Start from the (few) standing disputes rather than from every check of every space.
    standing = (
        select(CheckReview.check_id, CheckReview.author_id)
        .where(CheckReview.verdict == "disputed", ~superseded)
        .subquery()
    )
    rows = db.session.execute(
        select(Commitment.space_id, Commitment.author_id, Commitment.title)
        .add_columns(CommitmentCheck.commitment_id, CommitmentCheck.period_start)
        .add_columns(standing.c.author_id)
        .select_from(standing)
        .join(CommitmentCheck, CommitmentCheck.id == standing.c.check_id)
        .join(Commitment, Commitment.id == CommitmentCheck.commitment_id)
        .where(Commitment.space_id.in_(reviewed))
    )
    disputed = set()
    for space_id, owner_id, title, commitment_id, period_start, reviewer_id in rows:
        couple = sharing[space_id]
        if couple.may_see(owner_id, COMMITMENTS) and couple.may_see(reviewer_id, COMMITMENTS):
            found[space_id].disputes.append(Dispute(title, period_start))
            disputed.add((commitment_id, period_start))
    return disputed


def _add_checks(found: dict[int, CommitmentRows], *, disputed: set[Any]) -> None:
    """The checks each walk needs, marked disputed where the therapist may see the dispute.

    They come packed, one row per commitment ("2025-03-05kept,..."): a hundred
    couples have tens of thousands of recent checks, and fetching them one row
    each would cost more than the rest of the caseload. Dates are ISO text, as
    the database drivers themselves read them.
    """
    walks = {cid: walk for rows in found.values() for cid, walk in rows.walks.items()}
    packed = func.aggregate_strings(
        cast(CommitmentCheck.period_start, String) + CommitmentCheck.outcome, ","
    )
    query = select(CommitmentCheck.commitment_id, packed).where(_within_walks(walks))
    for commitment_id, checks in db.session.execute(query.group_by(CommitmentCheck.commitment_id)):
        walks[commitment_id].checks = {
            date.fromisoformat(check[:ISO_DATE]): UNDISPUTED[check[ISO_DATE:]]
            for check in checks.split(",")
        }
    for commitment_id, day in disputed:
        walk = walks.get(commitment_id)
        if walk is not None and day in walk.checks:
            walk.checks[day] = (walk.checks[day][0], True)


def _within_walks(walks: dict[int, Walk]) -> ColumnElement[bool]:
    """Checks of the walked commitments from each walk's first period on (few distinct ones)."""
    whole = [cid for cid, walk in walks.items() if walk.whole]
    recent: dict[date, list[int]] = defaultdict(list)
    for cid, walk in walks.items():
        if not walk.whole:
            recent[walk.start].append(cid)
    return or_(
        CommitmentCheck.commitment_id.in_(whole),
        *(
            and_(CommitmentCheck.commitment_id.in_(ids), CommitmentCheck.period_start >= start)
            for start, ids in recent.items()
        ),
    )
