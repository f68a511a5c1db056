"""Disclosure rules: telling, amending in the open, replying and acknowledging.

Every function asks `policy` first. What it returns are small frozen views
holding exactly what the caller may see, so the schemas only serialise.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError

from mend import clock, policy
from mend.auth.models import User
from mend.consent.access_log import reads_by_owner, record_reads
from mend.database import utcnow
from mend.disclosures import events
from mend.disclosures.models import (
    Disclosure,
    DisclosureAcknowledgement,
    DisclosureResponse,
    DisclosureRevision,
)
from mend.disclosures.read import acknowledgements, history, listing, views
from mend.disclosures.read.views import (
    AcknowledgementView,
    DisclosureDetailView,
    DisclosureView,
    ResponseView,
)
from mend.errors import Conflict, Invalid, NotFound
from mend.extensions import db
from mend.pacing import store as pacing
from mend.pagination import Page
from mend.record import service as record
from mend.spaces.models import PARTNER_ROLES

CATEGORY = "disclosures"
V = TypeVar("V")
NOT_FOUND = "We couldn't find that disclosure."
AMENDED_SINCE = (
    "This disclosure was amended since you opened it. Please read the new words first; "
    "there is no hurry."
)
HELD = "You've chosen to hold this one for now. Release it whenever you feel ready."


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
    pacing.hold_new(space_id=space_id, disclosure_id=disclosure.id)
    view = history.detail(access, disclosure)
    announcement = events.changed(
        "disclosure.created", space_id=space_id, disclosure_id=view.id, author_id=actor.id
    )
    db.session.commit()
    announcement.send()
    return view


def list_visible(
    *, actor: User, space_id: int, limit: int, before: int | None = None
) -> Page[DisclosureView]:
    """The disclosures the actor may see, newest first, as they read now."""
    access = policy.access(actor, space_id)
    page = listing.summary_page(access, limit=limit, before=before)
    authors = (item.author_id for item in page.items)
    record_reads(access, reads_by_owner(authors, CATEGORY, lambda n: f"{n} disclosures (list)"))
    return page


def get_visible(*, actor: User, space_id: int, disclosure_id: int) -> DisclosureDetailView:
    """One disclosure with its revisions and the replies the actor may read."""
    access = policy.access(actor, space_id)
    detail = history.detail(access, _visible(access, disclosure_id))
    authors = {detail.author_id} | {response.author_id for response in detail.responses}
    described = f"disclosure {detail.id} with its history and replies"
    record_reads(access, reads_by_owner(authors, CATEGORY, lambda _n: described))
    return detail


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
    latest = history.latest_revisions([disclosure.id])[disclosure.id][0]
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
    view = history.detail(access, disclosure)
    announcement = events.changed(
        "disclosure.revised", space_id=space_id, disclosure_id=view.id, author_id=actor.id
    )
    db.session.commit()
    announcement.send()
    return view


def respond(*, actor: User, space_id: int, disclosure_id: int, body: str) -> ResponseView:
    """Add a question, answer or reaction to a disclosure's thread."""
    access = policy.access(actor, space_id)
    access.require_role(*PARTNER_ROLES)
    disclosure = _unheld(access, disclosure_id)
    response = DisclosureResponse(disclosure_id=disclosure.id, author_id=actor.id, body=body)
    _write(space_id, response)
    view = views.fill_view(ResponseView, response)
    announcement = events.responded(
        space_id=space_id,
        disclosure_id=disclosure.id,
        author_id=disclosure.author_id,
        response_id=view.id,
        responder_id=actor.id,
    )
    db.session.commit()
    announcement.send()
    return view


def acknowledge(
    *, actor: User, space_id: int, disclosure_id: int, revision: int | None = None
) -> AcknowledgementView:
    """Record the hurt partner's "I have taken this in" of the current revision.

    Asking again changes nothing. Naming the revision read guards against taking in
    words never seen: if an amendment arrived since, the answer is 409.
    """
    access = policy.access(actor, space_id)
    access.require_role("hurt")
    disclosure = _unheld(access, disclosure_id)
    current = history.latest_revisions([disclosure.id])[disclosure.id][0]
    if revision is not None and revision != current.number:
        raise Conflict(AMENDED_SINCE, slug="amended-since-read")
    existing = acknowledgements.acknowledgement_by(actor, current)
    if existing is not None:
        return existing
    acknowledgement = DisclosureAcknowledgement(
        disclosure_id=disclosure.id, user_id=actor.id, revision_number=current.number
    )
    try:
        _write(space_id, acknowledgement)
    except IntegrityError:
        # A simultaneous request acknowledged first; theirs is the one to show.
        db.session.rollback()
        existing = acknowledgements.acknowledgement_by(actor, current)
        if existing is None:
            raise
        return existing
    view = acknowledgements.acknowledgement_view(acknowledgement)
    announcement = events.acknowledged(
        space_id=space_id,
        disclosure_id=disclosure.id,
        author_id=disclosure.author_id,
        acknowledgement_id=acknowledgement.id,
        user_id=actor.id,
    )
    db.session.commit()
    announcement.send()
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


def _unheld(access: policy.Access, disclosure_id: int) -> Disclosure:
    """The visible disclosure, unless the viewer is holding it back (then 409)."""
    disclosure = _visible(access, disclosure_id)
    if history.is_held(access, disclosure.id):
        raise Conflict(HELD, slug="held")
    return disclosure
