"""Decisions on top of `Access`: who may do what to whom, answered the same way everywhere."""

from __future__ import annotations

from mend.auth.models import User
from mend.errors import Forbidden, NotFound
from mend.policy.access import ROLE_MESSAGES, Access
from mend.policy.factors import require_second_factor
from mend.policy.loader import SPACE_NOT_FOUND, access, active_membership
from mend.policy.models import CATEGORIES, PARTNER_ROLES, Membership
from mend.policy.rules import is_fixed

THERAPISTS_SHARE_NOTHING = "Therapists have no data of their own to share here."


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
        raise Forbidden(ROLE_MESSAGES[PARTNER_ROLES])
    return membership


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
