"""The membership steps of the model-based test: who comes into the space, and who leaves.

Inviting, redeeming, cancelling invites, approving, removing, leaving, coming
back and therapists deleting their accounts: each step checks the answer that
`reference.Model` expects, then applies it to the model (mixed into the state
machine).
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.builders import PASSWORD
from tests.model.machine_parts import MachineParts
from tests.model.reads import PARTNER_PEOPLE, PEOPLE
from tests.model.reference import Invite

THERAPISTS = ("t1", "t2")


class MembershipSteps(MachineParts):
    """The rules that change who is in the space (mixed into the state machine)."""

    @rule(inviter=st.sampled_from(PARTNER_PEOPLE), person=st.sampled_from(THERAPISTS))
    def bring_in(self, inviter: str, person: str) -> None:
        """Invited, redeemed and approved by the other partner in one step: the way back in."""
        role = "therapist" if person in THERAPISTS else person
        before = len(self.model.invites)
        self.invite(maker=inviter, role=role)
        if len(self.model.invites) > before and person not in self.model.deleted:
            self.redeem_one(self.model.invites[-1], person, lower=False)
        if role == "therapist":
            self.approve(partner="repairing" if inviter == "hurt" else "hurt", therapist=person)

    # --- membership ----------------------------------------------------------------

    @rule(maker=st.sampled_from(PARTNER_PEOPLE), role=st.sampled_from(("repairing", "therapist")))
    def invite(self, maker: str, role: str) -> None:
        member = self.model.current(maker)
        response = self.client(maker).post(self.space("/invites"), json={"role": role})
        if member is None:
            self.expect(response, 404)
            return
        if role == "repairing" and any(m.role == role for m in self.model.members):
            self.expect(response, 409)
            return
        body = self.expect(response, 201)
        self.model.invites.append(Invite(body["id"], body["code"], role, member.number))

    @rule(therapist=st.sampled_from(THERAPISTS), removed=st.booleans())
    def come_back(self, therapist: str, removed: bool) -> None:
        """A therapist leaves (or is removed) and is brought back in: a fresh membership."""
        if removed:
            self.remove(partner="repairing", therapist=therapist)
        else:
            self.leave(person=therapist)
        self.bring_in(inviter="hurt", person=therapist)

    @precondition(lambda self: self.model.invites)
    @rule(data=st.data(), person=st.sampled_from(PEOPLE[1:]), lower=st.booleans())
    def redeem(self, data: st.DataObject, person: str, lower: bool) -> None:
        if person in self.model.deleted:
            return
        self.redeem_one(data.draw(st.sampled_from(self.model.invites)), person, lower)

    def redeem_one(self, invite: Invite, person: str, lower: bool) -> None:
        code = invite.code.replace("-", "").lower() if lower else invite.code
        response = self.client(person).post("/invites/accept", json={"code": code})
        self.expect(response, self.redeem_status(invite, person))
        if response.status_code == 200:
            invite.state = "used"
            invited_by = invite.maker if invite.role == "therapist" else None
            self.new_member(person, invite.role, invited_by=invited_by)
            self.changed()

    def redeem_status(self, invite: Invite, person: str) -> int:
        """The order of the service's checks: alive, account type, one role, vacancy."""
        makers = {m.number for m in self.model.members if m.active}
        if invite.state == "used":
            return 410
        if invite.state == "cancelled" or invite.maker not in makers:
            return 410
        if (invite.role == "therapist") != (person in THERAPISTS):
            return 403
        if self.model.current(person) is not None:
            return 409
        if any(m.person == person and m.role != invite.role for m in self.model.members):
            return 409
        if invite.role != "therapist" and any(m.role == invite.role for m in self.model.members):
            return 409
        return 200

    @precondition(lambda self: self.model.invites)
    @rule(data=st.data(), partner=st.sampled_from(PARTNER_PEOPLE))
    def cancel(self, data: st.DataObject, partner: str) -> None:
        invite = data.draw(st.sampled_from(self.model.invites))
        response = self.client(partner).delete(self.space(f"/invites/{invite.id}"))
        if self.model.current(partner) is None:
            self.expect(response, 404)
            return
        if invite.id in self.model.open_invites():
            self.expect(response, 204)
            invite.state = "cancelled"
        else:
            self.expect(response, 404)

    def manage_status(self, partner: str, therapist: str) -> int:
        """Approve/remove: a partner acting on an active therapist."""
        if self.model.current(partner) is None:
            return 404
        target = self.model.current(therapist)
        return 404 if target is None or therapist in self.model.deleted else 0

    @rule(partner=st.sampled_from(PARTNER_PEOPLE), therapist=st.sampled_from(THERAPISTS))
    def approve(self, partner: str, therapist: str) -> None:
        path = self.space(f"/members/{self.uid(therapist)}/approve")
        response = self.client(partner).post(path)
        status = self.manage_status(partner, therapist)
        if status:
            self.expect(response, status)
            return
        self.expect(response, 200)
        target, me = self.model.current(therapist), self.model.current(partner)
        if not target.approved and target.invited_by != me.number:
            target.approved = True
            self.changed()

    @rule(partner=st.sampled_from(PARTNER_PEOPLE), therapist=st.sampled_from(THERAPISTS))
    def remove(self, partner: str, therapist: str) -> None:
        response = self.client(partner).delete(self.space(f"/members/{self.uid(therapist)}"))
        status = self.manage_status(partner, therapist)
        if status:
            self.expect(response, status)
            return
        self.expect(response, 204)
        self.model.current(therapist).active = False
        self.changed()

    @rule(person=st.sampled_from(PEOPLE))
    def leave(self, person: str) -> None:
        if person in self.model.deleted:
            return
        member = self.model.current(person)
        response = self.client(person).post(self.space("/leave"))
        if member is None:
            self.expect(response, 404)
            return
        self.expect(response, 204)
        if member.role != "therapist":
            self.stop_sharing(member)
        member.active = False
        self.changed()

    @rule(therapist=st.sampled_from(THERAPISTS))
    def delete_account(self, therapist: str) -> None:
        if therapist in self.model.deleted:
            return
        response = self.client(therapist).delete("/account", json={"password": PASSWORD})
        self.expect(response, 204)
        self.model.deleted.add(therapist)
        member = self.model.current(therapist)
        if member is not None:
            member.active = False
            self.changed()
