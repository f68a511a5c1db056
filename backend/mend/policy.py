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
13. `measures` (questionnaire answers) are shared with nobody by default, the partner included.
Notes marked private are never shown to anyone but their author.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, select

from mend.auth.models import User
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
    "measures": False,  # rule 13: questionnaire answers are shared with nobody by default
}
ALWAYS_SHARED_WITH_HURT = frozenset({"disclosures", "commitments"})


def consents_from_members_to(viewer_id: ColumnElement[int]) -> ColumnElement[bool]:
    """Join condition: the consent changes each membership's member made to the viewer."""
    return and_(
        ConsentChange.space_id == Membership.space_id,
        ConsentChange.owner_id == Membership.user_id,
        ConsentChange.viewer_id == viewer_id,
    )


# Built once, so SQLAlchemy reuses their compiled form on every request.
# A request's access in one query: every membership, each with the consent changes
# its member made to the viewer (the newest per owner and category decides).
# (auth.service reads the same rows with the login session's user, for URLs of a space.)
MEMBERS_WITH_CONSENTS_RECEIVED = (
    select(Membership, ConsentChange)
    .outerjoin(ConsentChange, consents_from_members_to(bindparam("viewer_id")))
    .where(Membership.space_id == bindparam("space_id"))
    .order_by(Membership.id, ConsentChange.id)
)
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
    rows = _rows_read_with(user, space_id)
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


@dataclass(frozen=True)
class AccessRows:
    """A user's access to one space, read with the user by the login lookup (the rows of
    MEMBERS_WITH_CONSENTS_RECEIVED), kept for the request's first access check."""

    space_id: int
    rows: list[tuple[Membership, ConsentChange | None]]


def _rows_read_with(user: User, space_id: int) -> list[Any] | None:
    """The access rows read with the user, if for this space; used once, so a service
    that changes consent and asks again reads afresh."""
    preloaded: AccessRows | None = user.preloaded_access
    if preloaded is None:
        return None
    user.preloaded_access = None
    return preloaded.rows if preloaded.space_id == space_id else None


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


def may_schedule(access: Access, respondent_id: int) -> None:
    """A partner sets their own questionnaire schedule; a therapist one for a partner who
    shares `measures` with them. Anyone else: NotFound (nothing is revealed)."""
    respondent = access.members.get(respondent_id)
    if respondent is None or not respondent.active or respondent.role not in PARTNER_ROLES:
        raise NotFound("That person isn't in this space.")
    if access.role in PARTNER_ROLES and respondent_id != access.user.id:
        raise Forbidden("Only your partner can choose how often they are asked.")
    if access.role == "therapist" and not access.can_see(respondent_id, "measures"):
        raise NotFound("That person isn't in this space.")
