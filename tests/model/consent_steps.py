"""The consent and record steps of the model-based test: grants, stop-all, check-ins, replays.

Granting and revoking (with and without an end time), stopping all sharing,
checking in with notes (some with an Idempotency-Key) and replaying the last
keyed check-in: each step checks the answer that `reference.Model` expects, then
applies it to the model (mixed into the state machine).
"""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.model.machine_parts import MachineParts
from tests.model.reads import PARTNER_PEOPLE, PEOPLE
from tests.model.reference import CATEGORIES, Checkin

ANSWER_LOST = "urn:mend:problem:idempotency-answer-lost"


class ConsentSteps(MachineParts):
    """The rules that change what is shared and what is written (mixed into the state machine)."""

    notes: int
    last_key: dict[str, Any] | None

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
