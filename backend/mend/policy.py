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
Where MEND_REQUIRE_THERAPIST_MFA is on, a therapist without a second factor sees no
partner data at all (403 `urn:mend:problem:mfa-required`), whatever was granted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, and_, bindparam, select

from mend.auth.mfa.factors import has_second_factor
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
    "measures": False,  # rule 13: questionnaire answers are shared with nobody by default
}
ALWAYS_SHARED_WITH_HURT = frozenset({"disclosures", "commitments"})
MFA_REQUIRED = (
    "Before you can see what couples share with you, please add a second way to sign in: "
    "an authenticator app or a passkey. It keeps their words safe if your password leaks."
)


def consents_from_members_to(viewer_id: ColumnElement[int]) -> ColumnElement[bool]:
    """Join condition: the consent changes each membership made to the viewer (to any of
    the viewer's memberships: `received` keeps those made to the current one)."""
    return and_(
        ConsentChange.owner_membership_id == Membership.id,
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
        ConsentChange.viewer_membership_id == Membership.id,
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
        owner = self.members.get(owner_id) if owner_id is not None else None
        if owner is None:
            return False
        if owner_id == self.user.id:
            return True
        if self.pending:
            return False
        fixed = is_fixed(owner.role, self.role, category)
        if not owner.active and not fixed:
            return False  # leaving ends every grant the member made (rule 10)
        change = self.received.get((owner_id, category))
        return shares(owner.role, self.role, category, change, self.now)

    @property
    def pending(self) -> bool:
        """Whether the user is a therapist still awaiting a partner's approval (rule 9)."""
        return is_pending(self.membership, self.members.values())

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


def is_pending(membership: Membership, members: Iterable[Membership]) -> bool:
    """A therapist is pending until every partner in the space has approved them; the
    partner whose invite they redeemed approved by inviting."""
    if membership.role != "therapist" or membership.approved_at is not None:
        return False
    return any(
        m.active and m.role in PARTNER_ROLES and m.id != membership.invited_by for m in members
    )


def counted(
    changes: Iterable[ConsentChange], *, viewer: Membership, members: dict[int, Membership]
) -> dict[tuple[int, str], ConsentChange]:
    """The newest change per (owner, category) made between the owner's and the viewer's
    current memberships: grants belong to a membership and end with it (rule 10)."""
    received: dict[tuple[int, str], ConsentChange] = {}
    for change in sorted(changes, key=attrgetter("id")):
        owner = members.get(change.owner_id)
        if (
            owner is not None
            and owner.id == change.owner_membership_id
            and change.viewer_membership_id == viewer.id
        ):
            received[(change.owner_id, change.category)] = change
    return received


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


def access(user: User, space_id: int, *, partner_data: bool = True) -> Access:
    """The user's access to a space; NotFound if they are not in it. Unless the caller
    reads no partner data (`partner_data=False`, e.g. to leave), the therapist rule holds."""
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
    if partner_data and membership.role == "therapist":
        require_second_factor(user)
    changes = {change for _m, change in rows if change is not None}
    received = counted(changes, viewer=membership, members=members)
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
    received: dict[int, list[ConsentChange]] = {}
    for membership, user, change in rows:
        if keeps_reading(membership):
            members[user.id], users[user.id] = membership, user
        if change is not None:
            received.setdefault(change.viewer_membership_id, []).append(change)
    return [
        Access(
            user=users[uid],
            membership=membership,
            members=members,
            received=counted(received.get(membership.id, ()), viewer=membership, members=members),
        )
        for uid, membership in members.items()
        if membership.active and not (membership.role == "therapist" and _lacks_factor(users[uid]))
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
    """Forbidden unless the account is a therapist's (the caseload is theirs) with the
    second factor the therapist rule asks for."""
    if user.account_type != "therapist":
        raise Forbidden("The caseload is for therapist accounts.")
    require_second_factor(user)


def second_factor_required(user: User) -> bool:
    """Whether this account must have a second factor: therapists, where the rule is on."""
    return user.account_type == "therapist" and current_app.config["MEND"].require_therapist_mfa


def _lacks_factor(user: User) -> bool:
    return second_factor_required(user) and not has_second_factor(user.id)


def require_second_factor(user: User) -> None:
    """Forbidden (mfa-required) for an account that must have a second factor and has none."""
    if _lacks_factor(user):
        raise Forbidden(MFA_REQUIRED, slug="mfa-required")


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
    if membership.role == "therapist":
        require_second_factor(user)  # the members' names are partner data too
    return membership


def require_partner(user: User, space_id: int) -> Membership:
    """A partner's membership; therapists may look but not act for the couple."""
    membership = require_member(user, space_id)
    if membership.role not in PARTNER_ROLES:
        raise Forbidden(_ROLE_MESSAGES[PARTNER_ROLES])
    return membership


def require_own_session(user: User, auth_session: AuthSession | None) -> AuthSession:
    """A login session of the user's own; anyone else's does not exist for them."""
    if auth_session is None or auth_session.user_id != user.id:
        raise NotFound("We couldn't find that session. It may have ended already.")
    return auth_session


def may_create_space(user: User) -> bool:
    """Only partner accounts start spaces; therapists join by invitation."""
    return user.account_type == "partner"


def may_take_role(user: User, role: str) -> bool:
    """Therapist accounts take the therapist role; partner accounts a partner role."""
    return (role == "therapist") == (user.account_type == "therapist")


def may_manage_therapist(partner: Access, user_id: int) -> Membership:
    """A partner may approve or remove a therapist in their space; anyone else is 404."""
    partner.require_role(*PARTNER_ROLES)
    therapist = partner.members.get(user_id)
    if therapist is None or not therapist.active or therapist.role != "therapist":
        raise NotFound("That therapist isn't in this space.")
    return therapist


THERAPISTS_SHARE_NOTHING = "Therapists have no data of their own to share here."


def checks_to_review_from(reviewer: Access) -> set[int]:
    """Whose commitment checks the reviewer is asked to review: only the hurt partner
    reviews, and only checks of commitments they may see right now."""
    reviewer.require_role("hurt")
    return {owner for owner in reviewer.owners_visible("commitments") if owner != reviewer.user.id}


def may_stop_sharing(owner: Access) -> None:
    """Stop-all is for partners: a therapist grants nothing (rule 10)."""
    if owner.role == "therapist":
        raise Forbidden(THERAPISTS_SHARE_NOTHING)


def may_grant(owner: Access, viewer_id: int, category: str) -> None:
    """Check that the owner may change sharing of this category with this viewer."""
    if category not in CATEGORIES:
        raise NotFound("There is no such kind of data to share.")
    may_stop_sharing(owner)
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
