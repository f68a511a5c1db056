"""A small reference model of DESIGN.md's consent and membership rules (1-3, 9-12).

It knows nothing of the app: plain data and the rules in a few lines each, so
the model-based test can compare every read path against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES = ("checkins", "checkin_notes", "disclosures", "commitments", "measures")
PARTNERS = ("hurt", "repairing")
PARTNER_DEFAULTS = {"checkins": True, "checkin_notes": False, "measures": False}
FIXED = ("disclosures", "commitments")


@dataclass
class Member:
    """One membership: a person's stay in the space in one role."""

    person: str
    role: str
    number: int
    active: bool = True
    invited_by: int | None = None
    approved: bool = False


@dataclass
class Invite:
    """An invitation the model knows the code of."""

    id: int
    code: str
    role: str
    maker: int
    state: str = "open"  # open, used, cancelled


@dataclass
class Checkin:
    """A check-in, with a note unique to it."""

    id: int
    author: str
    note: str
    private: bool


@dataclass
class Model:
    """The space as the rules say it is."""

    members: list[Member] = field(default_factory=list)
    grants: dict[tuple[int, int, str], bool] = field(default_factory=dict)
    invites: list[Invite] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    deleted: set[str] = field(default_factory=set)

    def current(self, person: str) -> Member | None:
        """The person's active membership, if any."""
        return next((m for m in self.members if m.person == person and m.active), None)

    def reading(self, person: str) -> Member | None:
        """The membership whose data stays readable: current, or a departed partner's."""
        if person in self.deleted:
            return None
        found = self.current(person)
        if found is None:
            found = next(
                (m for m in self.members if m.person == person and m.role in PARTNERS), None
            )
        return found

    def partners(self) -> list[Member]:
        """The active partners."""
        return [m for m in self.members if m.active and m.role in PARTNERS]

    def pending(self, member: Member) -> bool:
        """Rule 9: a therapist waits for every partner but their inviter."""
        if member.role != "therapist" or member.approved:
            return False
        return any(p.number != member.invited_by for p in self.partners())

    def sees(self, owner: str, viewer: Member, category: str) -> bool:
        """Rules 1-3 and 10: may the viewer see the owner's category right now?"""
        owned = self.reading(owner)
        if owned is None:
            return False
        if owner == viewer.person:
            return True
        if self.pending(viewer):
            return False
        if owned.role == "repairing" and viewer.role == "hurt" and category in FIXED:
            return True
        if not owned.active:
            return False
        given = self.grants.get((owned.number, viewer.number, category))
        if given is not None:
            return given
        both_partners = owned.role in PARTNERS and viewer.role in PARTNERS
        return both_partners and PARTNER_DEFAULTS.get(category, True)

    def fixed(self, owner: Member, viewer: Member, category: str) -> bool:
        """Rule 1: the repairing partner's disclosures and commitments, to the hurt."""
        return owner.role == "repairing" and viewer.role == "hurt" and category in FIXED

    def listed_checkins(self, viewer: Member) -> list[tuple[int, str | None]]:
        """GET /checkins for the viewer: (id, note shown or None), oldest first."""
        return [
            (c.id, self.note_shown(c, viewer))
            for c in self.checkins
            if self.sees(c.author, viewer, "checkins")
        ]

    def note_shown(self, checkin: Checkin, viewer: Member) -> str | None:
        """A note: its author always; others by `checkin_notes`, never a private one."""
        if checkin.author == viewer.person:
            return checkin.note
        if checkin.private or not self.sees(checkin.author, viewer, "checkin_notes"):
            return None
        return checkin.note

    def notes_readable(self, viewer: Member) -> set[str]:
        """Every note the viewer may read."""
        return {
            note
            for c in self.checkins
            if self.sees(c.author, viewer, "checkins")
            and (note := self.note_shown(c, viewer)) is not None
        }

    def received(self, viewer: Member) -> set[tuple[str, str]]:
        """GET /consents `received`: (owner, category) shared with the viewer now."""
        owners = {m.person for m in self.members} - {viewer.person}
        return {
            (owner, category)
            for owner in owners
            for category in CATEGORIES
            if self.reading(owner) is not None and self.sees(owner, viewer, category)
        }

    def open_invites(self) -> set[int]:
        """GET /invites: unused, not withdrawn, their maker still in the space."""
        makers = {m.number for m in self.members if m.active}
        return {i.id for i in self.invites if i.state == "open" and i.maker in makers}
