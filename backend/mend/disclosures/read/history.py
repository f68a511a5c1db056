"""One disclosure with its whole history and thread, as one viewer may see it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select

from mend import policy
from mend.disclosures.models import Disclosure, DisclosureResponse, DisclosureRevision
from mend.disclosures.read.acknowledgements import revisions_acknowledged
from mend.disclosures.read.views import (
    CATEGORY,
    DisclosureDetailView,
    ResponseView,
    RevisionView,
    fill_view,
    held_form,
)
from mend.extensions import db
from mend.pacing import store as pacing


def detail(access: policy.Access, disclosure: Disclosure) -> DisclosureDetailView:
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
            DisclosureResponse.author_id.in_(access.writers_visible(CATEGORY)),
        )
        .order_by(DisclosureResponse.id)
    ).all()
    taken_in = revisions_acknowledged(access, {disclosure.id: list(revisions)})
    view = fill_view(
        DisclosureDetailView,
        disclosure,
        **_current_words(revisions[-1], len(revisions)),
        response_count=len(responses),
        acknowledged_at=taken_in.get((disclosure.id, revisions[-1].number)),
        held=False,
        revisions=revision_views(list(revisions), taken_in),
        responses=tuple(fill_view(ResponseView, response) for response in responses),
    )
    return held_form(view) if is_held(access, disclosure.id) else view


def is_held(access: policy.Access, disclosure_id: int) -> bool:
    """Whether the viewer chose to hold this disclosure back for now."""
    return disclosure_id in pacing.held_for(access, [disclosure_id])


def _current_words(latest: DisclosureRevision, revision_count: int) -> dict[str, Any]:
    """What a disclosure view takes from its newest revision."""
    return {
        "title": latest.title,
        "body": latest.body,
        "updated_at": latest.created_at,
        "revision_count": revision_count,
    }


def latest_revisions(ids: list[int]) -> dict[int, tuple[DisclosureRevision, int]]:
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


def revision_views(
    revisions: list[DisclosureRevision], taken_in: dict[tuple[int, int], datetime]
) -> tuple[RevisionView, ...]:
    """Views of a disclosure's revisions, each with when it was taken in."""
    return tuple(
        fill_view(RevisionView, r, acknowledged_at=taken_in.get((r.disclosure_id, r.number)))
        for r in revisions
    )
