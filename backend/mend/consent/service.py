"""Consent rules: granting, revoking and stopping all sharing (the overview is in read.py)."""

from __future__ import annotations

from datetime import datetime

from mend import policy
from mend.auth.models import User
from mend.consent import events
from mend.consent.models import ConsentChange
from mend.consent.read import Given, Overview, given_states, overview
from mend.errors import Invalid
from mend.extensions import db
from mend.idempotency import forget_answers


def grant(
    *,
    actor: User,
    space_id: int,
    viewer_id: int,
    category: str,
    granted: bool,
    expires_at: datetime | None,
) -> Given:
    """Share or stop sharing one category of the actor's data with one member."""
    access = policy.access(actor, space_id)
    policy.may_grant(access, viewer_id, category)
    if expires_at is not None and (not granted or expires_at <= access.now):
        raise Invalid("expires_at", "An end time must be in the future, on a grant.")
    # A write's live audience is decided in its transaction: queue behind any under way.
    policy.lock_space(space_id)
    db.session.add(_change(access, viewer_id, category, granted=granted, expires_at=expires_at))
    forget_answers(space_ids=[space_id])
    announcement = events.changed(
        space_id=space_id, owner_id=actor.id, viewer_id=viewer_id, concerned={actor.id, viewer_id}
    )
    db.session.commit()
    announcement.send()
    return next(
        g
        for g in given_states(policy.access(actor, space_id))
        if (g.viewer_id, g.category) == (viewer_id, category)
    )


def stop_all(*, actor: User, space_id: int) -> Overview:
    """Revoke, in one step, every grant the actor has in force in the space."""
    access = policy.access(actor, space_id)
    policy.may_stop_sharing(access)
    revoke_everything(access)
    forget_answers(space_ids=[space_id])
    announcement = events.changed(
        space_id=space_id, owner_id=actor.id, concerned=set(access.members)
    )
    db.session.commit()
    announcement.send()
    return overview(actor=actor, space_id=space_id)


def revoke_everything(access: policy.Access) -> None:
    """Record a revocation for every category the member shares (not yet committed)."""
    # A write's live audience is decided in its transaction: queue behind any under way.
    policy.lock_space(access.space_id)
    for state in given_states(access):
        if state.granted and not state.fixed:
            db.session.add(_change(access, state.viewer_id, state.category, granted=False))


def _change(
    access: policy.Access,
    viewer_id: int,
    category: str,
    *,
    granted: bool,
    expires_at: datetime | None = None,
) -> ConsentChange:
    """A consent change from the owner's membership to the viewer's current one."""
    return ConsentChange(
        space_id=access.space_id,
        owner_id=access.user.id,
        owner_membership_id=access.membership.id,
        viewer_id=viewer_id,
        viewer_membership_id=access.members[viewer_id].id,
        category=category,
        granted=granted,
        expires_at=expires_at,
        created_at=access.now,
    )
