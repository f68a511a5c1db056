"""Which revision of a disclosure was taken in, and when, as a viewer may see it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, or_, select

from mend import policy
from mend.auth.models import User
from mend.disclosures.models import DisclosureAcknowledgement, DisclosureRevision
from mend.disclosures.read.views import CATEGORY, AcknowledgementView, fill_view
from mend.extensions import db


def of_revision(number: Any, created_at: Any) -> Any:
    """Acknowledgements of this revision: named by number, or (made before revisions were
    named, migration 0013) made while it was the newest."""
    return or_(
        DisclosureAcknowledgement.revision_number == number,
        and_(
            DisclosureAcknowledgement.revision_number.is_(None),
            DisclosureAcknowledgement.created_at >= created_at,
        ),
    )


def revisions_acknowledged(
    access: policy.Access, revisions: dict[int, list[DisclosureRevision]]
) -> dict[tuple[int, int], datetime]:
    """When each revision (disclosure id, number) was first taken in, in one query, where the
    acknowledger shares that with the viewer."""
    rows = db.session.scalars(
        select(DisclosureAcknowledgement)
        .where(
            DisclosureAcknowledgement.disclosure_id.in_(list(revisions)),
            DisclosureAcknowledgement.user_id.in_(access.writers_visible(CATEGORY)),
        )
        .order_by(DisclosureAcknowledgement.created_at)
    ).all()
    taken_in: dict[tuple[int, int], datetime] = {}
    for row in rows:
        of = revisions[row.disclosure_id]
        number = row.revision_number or _current_at(of, row.created_at)
        taken_in.setdefault((row.disclosure_id, number), row.created_at)
    return taken_in


def _current_at(revisions: list[DisclosureRevision], moment: datetime) -> int:
    """The number of the newest revision written at or before a moment."""
    written = [r.number for r in revisions if _aware(r.created_at) <= _aware(moment)]
    return max(written, default=revisions[0].number)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive UTC datetimes; compare everything as aware UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def acknowledgement_by(actor: User, revision: DisclosureRevision) -> AcknowledgementView | None:
    """The actor's own acknowledgement of this revision, if they made one."""
    acknowledgement = db.session.scalar(
        select(DisclosureAcknowledgement)
        .where(
            DisclosureAcknowledgement.disclosure_id == revision.disclosure_id,
            DisclosureAcknowledgement.user_id == actor.id,
            of_revision(revision.number, revision.created_at),
        )
        .order_by(DisclosureAcknowledgement.created_at)
        .limit(1)
    )
    return None if acknowledgement is None else acknowledgement_view(acknowledgement)


def acknowledgement_view(acknowledgement: DisclosureAcknowledgement) -> AcknowledgementView:
    """The view of one acknowledgement."""
    return fill_view(
        AcknowledgementView, acknowledgement, acknowledged_at=acknowledgement.created_at
    )
