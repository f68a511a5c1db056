"""Disclosure rules: telling, amending in the open, replying and acknowledging.

Every function asks `policy` first. What it returns are small frozen views
holding exactly what the caller may see, so the schemas only serialise.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError

from mend import clock, policy
from mend.auth.models import User
from mend.database import utcnow
from mend.disclosures.models import (
    Disclosure,
    DisclosureAcknowledgement,
    DisclosureResponse,
    DisclosureRevision,
)
from mend.errors import Invalid, NotFound
from mend.extensions import db
from mend.pagination import Page, paginate
from mend.record import service as record
from mend.spaces.models import PARTNER_ROLES

CATEGORY = "disclosures"
V = TypeVar("V")
NOT_FOUND = "We couldn't find that disclosure."


@dataclass(frozen=True)
class RevisionView:
    """One version of a disclosure's words."""

    number: int
    title: str
    body: str
    reason: str | None
    created_at: datetime


@dataclass(frozen=True)
class ResponseView:
    """A reply in a disclosure's thread."""

    id: int
    disclosure_id: int
    author_id: int | None
    body: str
    created_at: datetime


@dataclass(frozen=True)
class AcknowledgementView:
    """When the hurt partner said "I have taken this in"."""

    disclosure_id: int
    user_id: int | None
    acknowledged_at: datetime


@dataclass(frozen=True)
class DisclosureView:
    """A disclosure as it reads now, with what the viewer may see around it."""

    id: int
    space_id: int
    author_id: int | None
    category: str
    occurred_on: date | None
    title: str
    body: str
    created_at: datetime
    updated_at: datetime
    revision_count: int
    response_count: int
    acknowledged_at: datetime | None


@dataclass(frozen=True)
class DisclosureDetailView(DisclosureView):
    """A disclosure with its whole history and the replies the viewer may read."""

    revisions: tuple[RevisionView, ...]
    responses: tuple[ResponseView, ...]


def create(
    *,
    actor: User,
    space_id: int,
    title: str,
    body: str,
    category: str,
    occurred_on: date | None = None,
) -> DisclosureDetailView:
    """Log a disclosure by the repairing partner; its words become revision 1."""
    access = policy.access(actor, space_id)
    access.require_role("repairing")
    if occurred_on is not None and occurred_on > clock.today_in(actor.timezone):
        raise Invalid("occurred_on", "This date is still to come. When did it happen?")
    now = utcnow()
    disclosure = Disclosure(
        space_id=space_id,
        author_id=actor.id,
        category=category,
        occurred_on=occurred_on,
        created_at=now,
    )
    _write(space_id, disclosure)
    _write(
        space_id,
        DisclosureRevision(
            disclosure_id=disclosure.id,
            number=1,
            title=title,
            body=body,
            reason=None,
            created_at=now,
        ),
    )
    view = _detail(access, disclosure)
    db.session.commit()
    return view


def list_visible(
    *, actor: User, space_id: int, limit: int, before: int | None = None
) -> Page[DisclosureView]:
    """The disclosures the actor may see, newest first, as they read now."""
    access = policy.access(actor, space_id)
    query = select(Disclosure).where(
        Disclosure.space_id == space_id,
        Disclosure.author_id.in_(access.owners_visible(CATEGORY)),
    )
    page = paginate(query, Disclosure.id, limit=limit, before=before)
    return Page(items=_summaries(access, page.items), next_before=page.next_before)


def get_visible(*, actor: User, space_id: int, disclosure_id: int) -> DisclosureDetailView:
    """One disclosure with its revisions and the replies the actor may read."""
    access = policy.access(actor, space_id)
    return _detail(access, _visible(access, disclosure_id))


def revise(
    *,
    actor: User,
    space_id: int,
    disclosure_id: int,
    reason: str,
    title: str | None = None,
    body: str | None = None,
) -> DisclosureDetailView:
    """Amend a disclosure in the open: a new revision; earlier words stay in its history."""
    access = policy.access(actor, space_id)
    access.require_role("repairing")
    disclosure = _visible(access, disclosure_id, lock=True)
    latest = _latest_revisions([disclosure.id])[disclosure.id][0]
    revision = DisclosureRevision(
        disclosure_id=disclosure.id,
        number=latest.number + 1,
        title=latest.title if title is None else title,
        body=latest.body if body is None else body,
        reason=reason,
    )
    if (revision.title, revision.body) == (latest.title, latest.body):
        field = "body" if body is not None else "title"
        raise Invalid(field, "This is the same as the current version; nothing would change.")
    _write(space_id, revision)
    view = _detail(access, disclosure)
    db.session.commit()
    return view


def respond(*, actor: User, space_id: int, disclosure_id: int, body: str) -> ResponseView:
    """Add a question, answer or reaction to a disclosure's thread."""
    access = policy.access(actor, space_id)
    access.require_role(*PARTNER_ROLES)
    disclosure = _visible(access, disclosure_id)
    response = DisclosureResponse(disclosure_id=disclosure.id, author_id=actor.id, body=body)
    _write(space_id, response)
    view = _view(ResponseView, response)
    db.session.commit()
    return view


def acknowledge(*, actor: User, space_id: int, disclosure_id: int) -> AcknowledgementView:
    """Record the hurt partner's "I have taken this in"; asking again changes nothing."""
    access = policy.access(actor, space_id)
    access.require_role("hurt")
    disclosure = _visible(access, disclosure_id)
    existing = _acknowledgement_by(actor, disclosure.id)
    if existing is not None:
        return existing
    acknowledgement = DisclosureAcknowledgement(disclosure_id=disclosure.id, user_id=actor.id)
    try:
        _write(space_id, acknowledgement)
    except IntegrityError:
        # A simultaneous request acknowledged first; theirs is the one to show.
        db.session.rollback()
        existing = _acknowledgement_by(actor, disclosure.id)
        if existing is None:
            raise
        return existing
    view = _acknowledgement_view(acknowledgement)
    db.session.commit()
    return view


def _write(space_id: int, row: Any) -> None:
    """Add a trust-record row and chain its ledger entry (flushes, so ids are set)."""
    db.session.add(row)
    record.append(space_id=space_id, row=row)


def _visible(access: policy.Access, disclosure_id: int, *, lock: bool = False) -> Disclosure:
    """The disclosure if it is in this space and the viewer may see it; NotFound otherwise.

    With lock, concurrent amendments of one disclosure queue (on PostgreSQL; SQLite's
    BEGIN IMMEDIATE already serialises writers) so each numbers itself after the last.
    Replies and acknowledgements still go ahead: the lock leaves the row's key alone.
    """
    for_update = {"key_share": True} if lock else None
    disclosure = db.session.get(Disclosure, disclosure_id, with_for_update=for_update)
    if (
        disclosure is None
        or disclosure.space_id != access.space_id
        or not access.can_see(disclosure.author_id, CATEGORY)
    ):
        raise NotFound(NOT_FOUND)
    return disclosure


def _summaries(access: policy.Access, disclosures: list[Disclosure]) -> list[DisclosureView]:
    """Views of a page of disclosures, in a fixed number of queries whatever its size."""
    ids = [disclosure.id for disclosure in disclosures]
    if not ids:
        return []
    latest = _latest_revisions(ids)
    responses = _per_disclosure(access, ids, DisclosureResponse.author_id, func.count())
    acknowledged = _acknowledged_at(access, ids)
    return [
        _view(
            DisclosureView,
            disclosure,
            **_current_words(*latest[disclosure.id]),
            response_count=responses.get(disclosure.id, 0),
            acknowledged_at=acknowledged.get(disclosure.id),
        )
        for disclosure in disclosures
    ]


def _detail(access: policy.Access, disclosure: Disclosure) -> DisclosureDetailView:
    """A disclosure with every revision and the replies the viewer may read."""
    revisions = db.session.scalars(
        select(DisclosureRevision)
        .where(DisclosureRevision.disclosure_id == disclosure.id)
        .order_by(DisclosureRevision.number)
    ).all()
    responses = db.session.scalars(
        select(DisclosureResponse)
        .where(
            DisclosureResponse.disclosure_id == disclosure.id,
            DisclosureResponse.author_id.in_(access.owners_visible(CATEGORY)),
        )
        .order_by(DisclosureResponse.id)
    ).all()
    return _view(
        DisclosureDetailView,
        disclosure,
        **_current_words(revisions[-1], len(revisions)),
        response_count=len(responses),
        acknowledged_at=_acknowledged_at(access, [disclosure.id]).get(disclosure.id),
        revisions=tuple(_view(RevisionView, revision) for revision in revisions),
        responses=tuple(_view(ResponseView, response) for response in responses),
    )


def _current_words(latest: DisclosureRevision, revision_count: int) -> dict[str, Any]:
    """What a disclosure view takes from its newest revision."""
    return {
        "title": latest.title,
        "body": latest.body,
        "updated_at": latest.created_at,
        "revision_count": revision_count,
    }


def _latest_revisions(ids: list[int]) -> dict[int, tuple[DisclosureRevision, int]]:
    """Each disclosure's newest revision and how many it has, in one query."""
    stats = (
        select(
            DisclosureRevision.disclosure_id,
            func.max(DisclosureRevision.number).label("latest"),
            func.count().label("total"),
        )
        .where(DisclosureRevision.disclosure_id.in_(ids))
        .group_by(DisclosureRevision.disclosure_id)
        .subquery()
    )
    rows = db.session.execute(
        select(DisclosureRevision, stats.c.total).join(
            stats,
            and_(
                DisclosureRevision.disclosure_id == stats.c.disclosure_id,
                DisclosureRevision.number == stats.c.latest,
            ),
        )
    )
    return {revision.disclosure_id: (revision, total) for revision, total in rows}


def _acknowledged_at(access: policy.Access, ids: list[int]) -> dict[int, datetime]:
    """When each disclosure was acknowledged, where the acknowledger shares that with the viewer."""
    moment = func.min(DisclosureAcknowledgement.created_at)
    return _per_disclosure(access, ids, DisclosureAcknowledgement.user_id, moment)


def _per_disclosure(
    access: policy.Access, ids: list[int], owner: Any, aggregate: Any
) -> dict[int, Any]:
    """An aggregate per disclosure over rows whose owner the viewer may see (rule 7)."""
    disclosure_id = owner.class_.disclosure_id
    rows = db.session.execute(
        select(disclosure_id, aggregate)
        .where(disclosure_id.in_(ids), owner.in_(access.owners_visible(CATEGORY)))
        .group_by(disclosure_id)
    )
    return {key: value for key, value in rows}


def _acknowledgement_by(actor: User, disclosure_id: int) -> AcknowledgementView | None:
    """The actor's own acknowledgement of a disclosure, if they made one."""
    acknowledgement = db.session.scalar(
        select(DisclosureAcknowledgement).where(
            DisclosureAcknowledgement.disclosure_id == disclosure_id,
            DisclosureAcknowledgement.user_id == actor.id,
        )
    )
    return None if acknowledgement is None else _acknowledgement_view(acknowledgement)


def _acknowledgement_view(acknowledgement: DisclosureAcknowledgement) -> AcknowledgementView:
    return _view(AcknowledgementView, acknowledgement, acknowledged_at=acknowledgement.created_at)


def _view(view: type[V], row: Any, **given: Any) -> V:
    """A view filled from given values, and from the row's attributes of the same names."""
    names = (field.name for field in dataclasses.fields(view))  # type: ignore[arg-type]
    return view(**{name: given[name] if name in given else getattr(row, name) for name in names})
