"""The one place that answers "may user U see or do X in space S?".

Services ask here before they read or write; nothing else decides access.
Deny by default: a space the user is not an active member of does not exist
for them (NotFound), an action their role does not allow is Forbidden, and
data they may not see is left out or answers NotFound.

Consent rules (DESIGN.md, "Consent"):
1. The hurt partner always sees the repairing partner's disclosures and commitments.
2. Between partners, `checkins` are shared by default and `checkin_notes` are not.
3. A therapist sees nothing of a partner's data until that partner grants it.
4. The newest consent change in force decides, so revocation works on the next request.
Notes marked private are never shown to anyone but their author.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any

from flask import has_request_context, request
from sqlalchemy import and_, bindparam, select

from mend.auth.models import AuthSession, User
from mend.consent.models import CATEGORIES, ConsentChange
from mend.database import utcnow
from mend.errors import Forbidden, NotFound
from mend.extensions import db
from mend.spaces.models import PARTNER_ROLES, Membership

SPACE_NOT_FOUND = "We couldn't find that space."
PARTNER_DEFAULTS = {
    "checkins": True,
    "checkin_notes": False,
    "disclosures": True,
    "commitments": True,
}
ALWAYS_SHARED_WITH_HURT = frozenset({"disclosures", "commitments"})
# Built once, so SQLAlchemy reuses their compiled form on every request.
# A request's access in one query: every membership, each with the consent changes
# its member made to the viewer (the newest per owner and category decides).
MEMBERS_WITH_CONSENTS_RECEIVED = (
    select(Membership, ConsentChange)
    .outerjoin(
        ConsentChange,
        and_(
            ConsentChange.space_id == Membership.space_id,
            ConsentChange.owner_id == Membership.user_id,
            ConsentChange.viewer_id == bindparam("viewer_id"),
        ),
    )
    .where(Membership.space_id == bindparam("space_id"))
    .order_by(Membership.id, ConsentChange.id)
)
# A request to a space needs its login session's user and then that access: both in one
# query, the same rows as above with the user on each (one row, without a membership,
# when the space has no members or does not exist; none when the session has ended).
SESSION_USER_WITH_ACCESS = (
    select(User, Membership, ConsentChange)
    .select_from(AuthSession)
    .join(User, User.id == AuthSession.user_id)
    .outerjoin(Membership, Membership.space_id == bindparam("space_id"))
    .outerjoin(
        ConsentChange,
        and_(
            ConsentChange.space_id == Membership.space_id,
            ConsentChange.owner_id == Membership.user_id,
            ConsentChange.viewer_id == User.id,
        ),
    )
    .where(
        AuthSession.token_hash == bindparam("token_hash"),
        AuthSession.expires_at > bindparam("now"),
    )
    .order_by(Membership.id, ConsentChange.id)
)
# Where the request keeps the access read with its user, until its first access() call.
PRELOADED = "mend.preloaded_access"
# Every member's access in one query: each membership with its user and the consent
# changes made to that member (a member who was given none has one row, change None).
MEMBERS_WITH_USERS_AND_CONSENTS_RECEIVED = (
    select(Membership, User, ConsentChange)
    .join(User, User.id == Membership.user_id)
    .outerjoin(
        ConsentChange,
        and_(
            ConsentChange.space_id == Membership.space_id,
            ConsentChange.viewer_id == Membership.user_id,
        ),
    )
    .where(Membership.space_id == bindparam("space_id"))
    .order_by(Membership.id, ConsentChange.id)
)


@dataclass
class Access:
    """What one user may see and do in one space, loaded once per service call."""

    user: User
    membership: Membership
    members: dict[int, Membership]
    received: dict[tuple[int, str], ConsentChange] = field(default_factory=dict)
    now: datetime = field(default_factory=utcnow)

    @property
    def space_id(self) -> int:
        """The space this access is for."""
        return self.membership.space_id

    @property
    def role(self) -> str:
        """The user's role in the space."""
        return self.membership.role

    def role_of(self, user_id: int | None) -> str | None:
        """Another member's role, or None for someone who was never a member."""
        member = self.members.get(user_id) if user_id is not None else None
        return member.role if member else None

    def require_role(self, *roles: str) -> None:
        """Forbidden unless the user holds one of these roles."""
        if self.role not in roles:
            raise Forbidden(_ROLE_MESSAGES.get(roles, "Your role in this space can't do this."))

    def can_see(self, owner_id: int | None, category: str) -> bool:
        """Whether the user may see the owner's data of this category right now."""
        if owner_id is None or owner_id not in self.members:
            return False
        if owner_id == self.user.id:
            return True
        change = self.received.get((owner_id, category))
        return shares(self.role_of(owner_id), self.role, category, change, self.now)

    def can_see_note(self, owner_id: int | None, *, private: bool) -> bool:
        """A check-in note: private ones only for their author, others by `checkin_notes`."""
        if private:
            return owner_id == self.user.id
        return self.can_see(owner_id, "checkin_notes")

    def owners_visible(self, category: str) -> set[int]:
        """Every member whose data of this category the user may see."""
        return {owner for owner in self.members if self.can_see(owner, category)}


_ROLE_MESSAGES = {
    ("repairing",): "Only the repairing partner can do this.",
    ("hurt",): "Only the hurt partner can do this.",
    PARTNER_ROLES: "Only the partners in a space can do this.",
}


def is_fixed(owner_role: str | None, viewer_role: str | None, category: str) -> bool:
    """Rule 1: the repairing partner's disclosures and commitments are always open to the hurt."""
    return (
        owner_role == "repairing" and viewer_role == "hurt" and category in ALWAYS_SHARED_WITH_HURT
    )


def shares(
    owner_role: str | None,
    viewer_role: str | None,
    category: str,
    change: ConsentChange | None,
    now: datetime,
) -> bool:
    """Whether an owner's category is shared with a viewer, given the newest change between them."""
    if is_fixed(owner_role, viewer_role, category):
        return True
    if change is not None:
        return in_force(change, now)
    between_partners = owner_role in PARTNER_ROLES and viewer_role in PARTNER_ROLES
    return between_partners and PARTNER_DEFAULTS[category]


def in_force(change: ConsentChange, now: datetime) -> bool:
    """Whether a consent change grants access at this moment (granted and not expired)."""
    return change.granted and (change.expires_at is None or change.expires_at > now)


def access(user: User, space_id: int) -> Access:
    """The user's access to a space; NotFound if they are not in it."""
    # current_user is a proxy; holding the real object spares a context lookup per use.
    user = getattr(user, "_get_current_object", lambda: user)()
    rows = _preloaded_rows(user.id, space_id)
    if rows is None:
        rows = db.session.execute(
            MEMBERS_WITH_CONSENTS_RECEIVED, {"space_id": space_id, "viewer_id": user.id}
        ).all()
    members = {m.user_id: m for m, _change in rows if keeps_reading(m)}
    membership = members.get(user.id)
    if membership is None or not membership.active:
        raise NotFound(SPACE_NOT_FOUND)
    changes = sorted({change for _m, change in rows if change is not None}, key=attrgetter("id"))
    received = {(change.owner_id, change.category): change for change in changes}
    return Access(user=user, membership=membership, members=members, received=received)


def session_user_with_access(*, token_hash: str, now: datetime, space_id: int) -> User | None:
    """The user of a live login session (None if it ended), reading their access to the
    request's space in the same query; the request's first access() call then uses it."""
    rows = db.session.execute(
        SESSION_USER_WITH_ACCESS, {"token_hash": token_hash, "now": now, "space_id": space_id}
    ).all()
    if not rows:
        return None
    user = rows[0][0]
    access_rows = [(membership, change) for _user, membership, change in rows if membership]
    request.environ[PRELOADED] = (user.id, space_id, access_rows)
    return user


def _preloaded_rows(user_id: int, space_id: int) -> list[Any] | None:
    """The access rows read with this request's user, once, if they are this user's and space's.

    Only the first call uses them: a service that changes consent and asks again reads anew.
    """
    if not has_request_context():
        return None
    preloaded = request.environ.pop(PRELOADED, None)
    if preloaded is None or preloaded[:2] != (user_id, space_id):
        return None
    return preloaded[2]


def member_accesses(space_id: int) -> list[Access]:
    """The access of every active member of a space, loaded in one query."""
    rows = db.session.execute(MEMBERS_WITH_USERS_AND_CONSENTS_RECEIVED, {"space_id": space_id})
    members: dict[int, Membership] = {}
    users: dict[int, User] = {}
    received: dict[int, dict[tuple[int, str], ConsentChange]] = {}
    for membership, user, change in rows:  # changes come oldest first: the newest wins
        if keeps_reading(membership):
            members[user.id], users[user.id] = membership, user
        given = received.setdefault(user.id, {})
        if change is not None:
            given[(change.owner_id, change.category)] = change
    return [
        Access(user=users[uid], membership=members[uid], members=members, received=received[uid])
        for uid, membership in members.items()
        if membership.active
    ]


def keeps_reading(membership: Membership) -> bool:
    """Current members, and departed partners whose record stays readable (not deleted ones)."""
    return membership.user_id is not None and (membership.active or membership.role != "therapist")


def therapist_access(user: User, space_id: int) -> Access:
    """A therapist's access to a space; to anyone else what is theirs alone does not exist."""
    found = access(user, space_id)
    if found.role != "therapist":
        raise NotFound("We couldn't find that.")
    return found


def require_therapist_account(user: User) -> None:
    """Forbidden unless the account is a therapist's (the caseload is theirs)."""
    if user.account_type != "therapist":
        raise Forbidden("The caseload is for therapist accounts.")


def active_membership(user: User, space_id: int) -> Membership | None:
    """The user's current membership of the space, if any."""
    return db.session.scalar(
        select(Membership).where(
            Membership.space_id == space_id,
            Membership.user_id == user.id,
            Membership.left_at.is_(None),
        )
    )


def require_member(user: User, space_id: int) -> Membership:
    """The user's membership, or NotFound: non-members cannot learn a space exists."""
    membership = active_membership(user, space_id)
    if membership is None:
        raise NotFound(SPACE_NOT_FOUND)
    return membership


def require_partner(user: User, space_id: int) -> Membership:
    """A partner's membership; therapists may look but not act for the couple."""
    membership = require_member(user, space_id)
    if membership.role not in PARTNER_ROLES:
        raise Forbidden(_ROLE_MESSAGES[PARTNER_ROLES])
    return membership


def may_create_space(user: User) -> bool:
    """Only partner accounts start spaces; therapists join by invitation."""
    return user.account_type == "partner"


def may_take_role(user: User, role: str) -> bool:
    """Therapist accounts take the therapist role; partner accounts a partner role."""
    return (role == "therapist") == (user.account_type == "therapist")


def may_grant(owner: Access, viewer_id: int, category: str) -> None:
    """Check that the owner may change sharing of this category with this viewer."""
    if category not in CATEGORIES:
        raise NotFound("There is no such kind of data to share.")
    if owner.role == "therapist":
        raise Forbidden("Therapists have no data of their own to share here.")
    viewer = owner.members.get(viewer_id)
    if viewer is None or not viewer.active or viewer_id == owner.user.id:
        raise NotFound("That person isn't in this space.")
    if is_fixed(owner.role, viewer.role, category):
        raise Forbidden(
            "Your disclosures and commitments are always open to your partner: "
            "that is what the repairing role means. Leaving the space is how it ends."
        )
