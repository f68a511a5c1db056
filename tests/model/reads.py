"""The read paths the model-based test compares with the reference model after every step."""

from __future__ import annotations

from tests.model.machine_parts import MachineParts
from tests.model.reference import Member

PEOPLE = ("hurt", "repairing", "t1", "t2")
PARTNER_PEOPLE = ("hurt", "repairing")
NAMES = {"hurt": "Sam", "repairing": "Alex", "t1": "Dr Lee", "t2": "Dr Okafor"}


class ReadChecks(MachineParts):
    """Each read path, for one person, against the model (mixed into the state machine)."""

    def check_checkins(self, person: str, member: Member) -> None:
        page = self.expect(self.client(person).get(self.space("/checkins?limit=200")), 200)
        shown = sorted((item["id"], item["note"]) for item in page["items"])
        assert shown == self.model.listed_checkins(member), person

    def check_space(self, person: str, member: Member) -> None:
        space = self.expect(self.client(person).get(self.space()), 200)
        pending = self.model.pending(member)
        assert space["awaiting_approval"] is pending
        names = {m["display_name"] for m in space["members"]} - {NAMES[person]}
        partner_names = {NAMES[p] for p in PARTNER_PEOPLE if p != person}
        assert not (names & partner_names) if pending else True
        flags = {m["user_id"]: m["pending"] for m in space["members"] if m["left_at"] is None}
        for other in self.model.members:
            if other.active and other.person not in self.model.deleted:
                assert flags[self.uid(other.person)] is self.model.pending(other), other

    def check_consents(self, person: str, member: Member) -> None:
        overview = self.expect(self.client(person).get(self.space("/consents")), 200)
        ids = {self.uid(p): p for p in PEOPLE if p not in self.model.deleted}
        received = {(ids[r["owner_id"]], r["category"]) for r in overview["received"]}
        assert received == self.model.received(member), person

    def check_therapist_views(self, person: str, member: Member) -> None:
        caseload = self.expect(self.client(person).get("/therapist/caseload"), 200)
        mine = [item for item in caseload["items"] if item["space"]["id"] == self.space_id]
        assert [item["awaiting_approval"] for item in mine] == [self.model.pending(member)]
        answers = [
            self.client(person).get(self.space("/report?format=csv")),
            self.client(person).get(self.space("/report?format=html")),
            self.client(person).get("/account/export"),
        ]
        assert [answer.status_code for answer in answers] == [200, 200, 200]
        text = str(caseload) + "".join(answer.get_data(as_text=True) for answer in answers)
        readable = self.model.notes_readable(member)
        for checkin in self.model.checkins:
            assert (checkin.note in text) is (checkin.note in readable), (person, checkin)
        if self.model.pending(member):
            assert not any(NAMES[p] in text for p in PARTNER_PEOPLE), person
