"""Model-based test of consent across a membership's whole life (issue 13).

Hypothesis drives random sequences of inviting, redeeming, approving,
removing, leaving, granting (with and without an end time), revoking,
stop-all, check-ins with notes (some with an Idempotency-Key), replays and
therapists deleting their accounts, for two partners and two therapists.
After every step every read path - the check-in list, the space, the
consent overview, the pending invites, the caseload, the CSV report and the
export - must show exactly what `reference.Model` says.

Bounded (MAX_EXAMPLES x STEPS) and derandomized: a failure reproduces with
the same seed on every run; Hypothesis prints the steps that led to it.
Runs on SQLite and on PostgreSQL (MEND_TEST_DATABASE_URL) like the suite.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from mend.extensions import db, limiter
from tests.builders import PASSWORD, ApiClient, make_space, make_user
from tests.model.reads import NAMES, PARTNER_PEOPLE, PEOPLE, ReadChecks
from tests.model.reference import CATEGORIES, Checkin, Invite, Member, Model

MAX_EXAMPLES = 10
STEPS = 20
THERAPISTS = ("t1", "t2")
ANSWER_LOST = "urn:mend:problem:idempotency-answer-lost"


def empty_database(app: Flask) -> None:
    """Delete every row, as the suite does between tests."""
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        limiter.reset()


class MembershipLife(ReadChecks, RuleBasedStateMachine):
    """One space, four people, and the reference model beside it."""

    app: Flask

    def __init__(self) -> None:
        super().__init__()
        empty_database(self.app)
        self.model = Model()
        self.clients: dict[str, ApiClient] = {}
        self.space_id = 0
        self.numbers = 0
        self.notes = 0
        self.last_key: dict[str, Any] | None = None

    # --- helpers -------------------------------------------------------------------

    def client(self, person: str) -> ApiClient:
        return self.clients[person]

    def uid(self, person: str) -> int:
        return self.clients[person].id

    def space(self, suffix: str = "") -> str:
        return f"/spaces/{self.space_id}{suffix}"

    def new_member(self, person: str, role: str, invited_by: int | None = None) -> Member:
        self.numbers += 1
        member = Member(person, role, self.numbers, invited_by=invited_by)
        self.model.members.append(member)
        return member

    def changed(self) -> None:
        """A consent or membership change: stored answers may no longer be replayed."""
        if self.last_key is not None:
            self.last_key["stale"] = True

    def expect(self, response: Any, status: int) -> Any:
        assert response.status_code == status, (
            f"expected {status}, got {response.status_code}: {response.get_data(as_text=True)}"
        )
        return response.get_json(silent=True)

    # --- setup ---------------------------------------------------------------------

    @initialize()
    def people_and_space(self) -> None:
        for person in PEOPLE:
            kind = "therapist" if person in THERAPISTS else "partner"
            self.clients[person] = make_user(
                self.app, account_type=kind, display_name=NAMES[person]
            )
        self.space_id = make_space(self.clients["hurt"], my_role="hurt", name="Home")
        self.new_member("hurt", "hurt")
        self.bring_in(inviter="hurt", person="repairing")
        self.bring_in(inviter="hurt", person="t1")
        for category in ("checkins", "checkin_notes"):
            self.grant(owner="hurt", viewer="t1", category=category, granted=True, ends=False)
        self.check_in(author="hurt", private=False, keyed=False)

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

    # --- consent -------------------------------------------------------------------

    @rule(
        owner=st.sampled_from(PEOPLE),
        viewer=st.sampled_from(PEOPLE),
        category=st.sampled_from(CATEGORIES),
        granted=st.booleans(),
        ends=st.booleans(),
    )
    def grant(self, owner: str, viewer: str, category: str, granted: bool, ends: bool) -> None:
        if owner in self.model.deleted or viewer in self.model.deleted:
            return
        body: dict[str, Any] = {"granted": granted}
        if granted and ends:
            body["expires_at"] = "2999-01-01T00:00:00+00:00"
        path = self.space(f"/consents/{self.uid(viewer)}/{category}")
        response = self.client(owner).put(path, json=body)
        me, them = self.model.current(owner), self.model.current(viewer)
        if me is None:
            self.expect(response, 404)
        elif me.role == "therapist":
            self.expect(response, 403)
        elif them is None or them is me:
            self.expect(response, 404)
        elif self.model.fixed(me, them, category):
            self.expect(response, 403)
        else:
            self.expect(response, 200)
            self.model.grants[(me.number, them.number, category)] = granted
            self.changed()

    def stop_sharing(self, owner: Member) -> None:
        for viewer in self.model.members:
            if viewer.active and viewer is not owner:
                for category in CATEGORIES:
                    if not self.model.fixed(owner, viewer, category):
                        self.model.grants[(owner.number, viewer.number, category)] = False

    @rule(person=st.sampled_from(PEOPLE))
    def stop_all(self, person: str) -> None:
        if person in self.model.deleted:
            return
        member = self.model.current(person)
        response = self.client(person).post(self.space("/consents/stop-all"))
        if member is None:
            self.expect(response, 404)
        elif member.role == "therapist":
            self.expect(response, 403)
        else:
            self.expect(response, 200)
            self.stop_sharing(member)
            self.changed()

    # --- the record ----------------------------------------------------------------

    @rule(author=st.sampled_from(PARTNER_PEOPLE), private=st.booleans(), keyed=st.booleans())
    def check_in(self, author: str, private: bool, keyed: bool) -> None:
        self.notes += 1
        note = f"note-{self.notes}-{uuid.uuid4().hex[:6]}"
        score = "felt_safety" if author == "hurt" else "regulation"
        body = {score: 5, "note": note, "note_private": private}
        headers = {"Idempotency-Key": uuid.uuid4().hex} if keyed else {}
        response = self.client(author).post(self.space("/checkins"), json=body, headers=headers)
        if self.model.current(author) is None:
            self.expect(response, 404)
            return
        answer = self.expect(response, 201)
        self.model.checkins.append(Checkin(answer["id"], author, note, private))
        if keyed:
            self.last_key = {"author": author, "body": body, "headers": headers, "answer": answer}
            self.last_key["stale"] = False

    @precondition(lambda self: self.last_key is not None)
    @rule()
    def replay(self) -> None:
        key = self.last_key
        response = self.client(key["author"]).post(
            self.space("/checkins"), json=key["body"], headers=key["headers"]
        )
        if self.model.current(key["author"]) is None:
            self.expect(response, 404)
        elif key["stale"]:
            assert self.expect(response, 409)["type"] == ANSWER_LOST
        else:
            assert self.expect(response, 201) == key["answer"]
            assert response.headers["Idempotent-Replayed"] == "true"

    # --- every read path, after every step -----------------------------------------

    @invariant()
    def reads_match_the_model(self) -> None:
        if not self.space_id:
            return
        for person in PEOPLE:
            if person in self.model.deleted:
                continue
            member = self.model.current(person)
            if member is None:
                assert self.client(person).get(self.space()).status_code == 404
                continue
            self.check_checkins(person, member)
            self.check_space(person, member)
            self.check_consents(person, member)
            if member.role == "therapist":
                self.check_therapist_views(person, member)
            else:
                listed = self.expect(self.client(person).get(self.space("/invites")), 200)
                assert {i["id"] for i in listed["items"]} == self.model.open_invites()


def test_every_read_path_matches_the_reference_model(app: Flask) -> None:
    MembershipLife.app = app
    run_state_machine_as_test(
        MembershipLife,
        settings=settings(
            max_examples=MAX_EXAMPLES,
            stateful_step_count=STEPS,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
