"""`Access`: what one user may see and do in one space, from rows the loader read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mend.auth.models import User
from mend.database import utcnow
from mend.errors import Forbidden
from mend.policy.models import PARTNER_ROLES, ConsentChange, Membership
from mend.policy.rules import is_fixed, is_pending, shares

ROLE_MESSAGES = {
    ("repairing",): "Only the repairing partner can do this.",
    ("hurt",): "Only the hurt partner can do this.",
    PARTNER_ROLES: "Only the partners in a space can do this.",
}


@dataclass
class Access:
    """What one user may see and do in one space, loaded once per service call
    (by `policy.loader`, the only place that builds one)."""

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
            raise Forbidden(ROLE_MESSAGES.get(roles, "Your role in this space can't do this."))

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

    def sees_writing_of(self, writer_id: int | None, category: str) -> bool:
        """Rule 7: what a partner writes onto the other's record (a reply in a disclosure
        thread, an acknowledgement, a review of a commitment check or a reply to one) is
        part of its writer's own data of that category, so it follows the writer's grant,
        whoever owns the record it was written onto. Every such read asks here (or
        `writers_visible` for a query)."""
        return self.can_see(writer_id, category)

    def writers_visible(self, category: str) -> set[int]:
        """Rule 7 for a query: the members whose writings onto a record of this category
        (replies, acknowledgements, reviews) the user may see (see `sees_writing_of`)."""
        return {writer for writer in self.members if self.sees_writing_of(writer, category)}
