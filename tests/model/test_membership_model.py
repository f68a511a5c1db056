"""Model-based test of consent across a membership's whole life (issue 13).

Hypothesis drives random sequences of inviting, redeeming, approving,
removing, leaving, granting (with and without an end time), revoking,
stop-all, check-ins with notes (some with an Idempotency-Key), replays and
therapists deleting their accounts, for two partners and two therapists.
After every step every read path - the check-in list, the space, the
consent overview, the pending invites, the caseload, the CSV report and the
export - must show exactly what `reference.Model` says. The steps are in
`membership_steps` and `consent_steps`, the read checks in `reads`; what they use of the
machine is declared once in `machine_parts`.

Bounded (MAX_EXAMPLES x STEPS) and derandomized: a failure reproduces with
the same seed on every run; Hypothesis prints the steps that led to it.
Runs on SQLite and on PostgreSQL (MEND_TEST_DATABASE_URL) like the suite.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    run_state_machine_as_test,
)

from mend.extensions import db, limiter
from tests.builders import ApiClient, make_space, make_user
from tests.model.consent_steps import ConsentSteps
from tests.model.membership_steps import THERAPISTS, MembershipSteps
from tests.model.reads import NAMES, PEOPLE, ReadChecks
from tests.model.reference import CATEGORIES, Member, Model

MAX_EXAMPLES = 10
STEPS = 20


def empty_database(app: Flask) -> None:
    """Delete every row, as the suite does between tests."""
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        limiter.reset()


class MembershipLife(MembershipSteps, ConsentSteps, ReadChecks, RuleBasedStateMachine):
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

    def stop_sharing(self, owner: Member) -> None:
        for viewer in self.model.members:
            if viewer.active and viewer is not owner:
                for category in CATEGORIES:
                    if not self.model.fixed(owner, viewer, category):
                        self.model.grants[(owner.number, viewer.number, category)] = False

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
