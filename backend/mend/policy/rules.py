"""The consent rules (DESIGN.md, "Consent"), as pure functions of rows already loaded.

1. The hurt partner always sees the repairing partner's disclosures and commitments.
2. Between partners, `checkins` are shared by default and `checkin_notes` are not.
3. A therapist sees nothing of a partner's data until that partner grants it.
4. The newest consent change in force decides, so revocation works on the next request.
7. What a partner writes onto the other's record follows its own author's grant
   (`Access.sees_writing_of`, the one place that says so).
9. A therapist is pending until every partner approved them.
10. Grants belong to a membership and end with it.
13. `measures` (questionnaire answers) are shared with nobody by default, the partner included.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from operator import attrgetter

from mend.policy.models import PARTNER_ROLES, ConsentChange, Membership

PARTNER_DEFAULTS = {
    "checkins": True,
    "checkin_notes": False,
    "disclosures": True,
    "commitments": True,
    "measures": False,  # rule 13: questionnaire answers are shared with nobody by default
}
ALWAYS_SHARED_WITH_HURT = frozenset({"disclosures", "commitments"})


def is_pending(membership: Membership, members: Iterable[Membership]) -> bool:
    """A therapist is pending until every partner in the space has approved them; the
    partner whose invite they redeemed approved by inviting (rule 9)."""
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


def keeps_reading(membership: Membership) -> bool:
    """Current members, and departed partners whose record stays readable (not deleted ones)."""
    return membership.user_id is not None and (membership.active or membership.role != "therapist")
