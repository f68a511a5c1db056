"""DELETE /account and the record: what the person wrote is erased, the rest stays verifiable.

Their words leave the database (also what they wrote before leaving a space),
the other partner's stay, each space's ledger still verifies (one erasure per
space) and tampering is still detected. A space no one else was in goes with the
account, one someone left is kept for that person's export; a therapist's notes
go with theirs; a deleted partner's role is never handed to someone new.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select, update

from mend.checkins.models import Checkin
from mend.consent.models import AccessLogEntry
from mend.extensions import db
from mend.record.models import Erasure
from tests.account.conftest import (
    HURT_CANARIES,
    REPAIRING_CANARIES,
    Story,
    database_text,
    delete_account,
    erasure_count,
    export_of,
    grant,
    ok,
    only_space,
    verify,
)
from tests.builders import (
    PASSWORD,
    ApiClient,
    Couple,
    add_therapist,
    invite_code,
    join,
    make_space,
    make_user,
)


def test_ledger_still_verifies_for_the_remaining_partner(app: Flask, story: Story) -> None:
    couple = story.couple
    before = verify(couple.hurt, story.space_id)

    assert delete_account(couple.repairing).status_code == 204

    after = verify(couple.hurt, story.space_id)
    assert after["valid"] is True
    assert after["entries"] == before["entries"] + 1  # the erasure itself
    assert erasure_count(app) == 1


def test_the_deleted_partners_words_are_gone_from_the_database(app: Flask, story: Story) -> None:
    assert delete_account(story.couple.repairing).status_code == 204

    text = database_text(app)
    assert [c for c in REPAIRING_CANARIES.values() if c in text] == []
    # What the other partner wrote is theirs, and stays.
    assert all(canary in text for canary in HURT_CANARIES.values())


def test_remaining_partner_no_longer_sees_the_erased_record(app: Flask, story: Story) -> None:
    couple = story.couple
    sid = story.space_id

    assert delete_account(couple.repairing).status_code == 204

    assert ok(couple.hurt.get(f"/spaces/{sid}/disclosures"))["items"] == []
    assert couple.hurt.get(f"/spaces/{sid}/disclosures/{story.disclosure_id}").status_code == 404
    assert ok(couple.hurt.get(f"/spaces/{sid}/commitments"))["items"] == []
    assert couple.hurt.get(f"/spaces/{sid}/commitments/{story.commitment_id}").status_code == 404
    checkins = ok(couple.hurt.get(f"/spaces/{sid}/checkins"))["items"]
    assert {c["author_id"] for c in checkins} == {couple.hurt.id}
    members = ok(couple.hurt.get(f"/spaces/{sid}"))["members"]
    assert [m["user_id"] for m in members if m["left_at"] is None] == [couple.hurt.id]
    section = only_space(export_of(couple.hurt))
    assert (section["disclosures"], section["commitments"]) == ([], [])


def test_hurt_partner_deleting_leaves_the_repairing_record_intact(app: Flask, story: Story) -> None:
    couple = story.couple
    sid = story.space_id

    assert delete_account(couple.hurt).status_code == 204

    assert verify(couple.repairing, sid)["valid"] is True
    detail = ok(couple.repairing.get(f"/spaces/{sid}/disclosures/{story.disclosure_id}"))
    assert [r["author_id"] for r in detail["responses"]] == [couple.repairing.id]
    assert detail["acknowledged_at"] is None
    commitment = ok(couple.repairing.get(f"/spaces/{sid}/commitments/{story.commitment_id}"))
    assert commitment["checks"][0]["review"] is None
    text = database_text(app)
    assert [c for c in HURT_CANARIES.values() if c in text] == []
    assert all(canary in text for canary in REPAIRING_CANARIES.values())


def test_tampering_after_an_erasure_is_still_detected(app: Flask, story: Story) -> None:
    couple = story.couple
    assert delete_account(couple.repairing).status_code == 204
    with app.app_context():
        db.session.execute(
            update(Checkin).where(Checkin.author_id == couple.hurt.id).values(felt_safety=10)
        )
        db.session.commit()

    assert verify(couple.hurt, story.space_id)["valid"] is False


def test_rewriting_the_erasure_list_is_detected(app: Flask, story: Story) -> None:
    couple = story.couple
    assert delete_account(couple.repairing).status_code == 204
    with app.app_context():
        db.session.execute(update(Erasure).values(refs=[["checkin", 1]]))
        db.session.commit()

    assert verify(couple.hurt, story.space_id)["valid"] is False


def test_what_i_wrote_before_leaving_is_erased_too(app: Flask, story: Story) -> None:
    couple = story.couple
    assert couple.repairing.post(f"/spaces/{story.space_id}/leave").status_code == 204

    assert delete_account(couple.repairing).status_code == 204

    assert verify(couple.hurt, story.space_id)["valid"] is True
    text = database_text(app)
    assert [c for c in REPAIRING_CANARIES.values() if c in text] == []


def test_a_space_no_one_else_was_in_goes_with_the_account(app: Flask, partner: ApiClient) -> None:
    space_id = make_space(partner, my_role="hurt", name="canary-space-name-6602")
    code = invite_code(partner, space_id, "repairing")
    body = {"felt_safety": 2, "note": "canary-alone-6601"}
    ok(partner.post(f"/spaces/{space_id}/checkins", json=body), 201)

    assert delete_account(partner).status_code == 204

    text = database_text(app)
    assert "canary-alone-6601" not in text and "canary-space-name-6602" not in text
    assert join(make_user(app), code).status_code == 404


def test_a_space_someone_left_is_kept_for_their_export(app: Flask, story: Story) -> None:
    couple = story.couple
    assert couple.repairing.post(f"/spaces/{story.space_id}/leave").status_code == 204

    assert delete_account(couple.hurt).status_code == 204

    authored = export_of(couple.repairing)["authored"]
    assert REPAIRING_CANARIES["disclosure_body"] in str(authored)
    assert HURT_CANARIES["hurt_note"] not in database_text(app)


def test_an_account_with_no_spaces_can_delete(app: Flask, partner: ApiClient) -> None:
    assert delete_account(partner).status_code == 204

    assert erasure_count(app) == 0
    assert partner.user["email"] not in database_text(app)  # type: ignore[index]


def test_a_therapist_can_delete_and_their_notes_go_with_them(app: Flask, story: Story) -> None:
    couple = story.couple
    therapist = add_therapist(app, couple)
    grant(couple.hurt, therapist, story.space_id, "checkins")
    ok(therapist.get(f"/spaces/{story.space_id}/checkins"))
    notes = f"/spaces/{story.space_id}/therapist-notes"
    ok(therapist.post(notes, json={"body": "canary-therapist-note-7701"}), 201)

    assert delete_account(therapist).status_code == 204

    assert "canary-therapist-note-7701" not in database_text(app)
    assert erasure_count(app) == 0
    assert verify(couple.hurt, story.space_id)["valid"] is True
    [entry] = ok(couple.hurt.get(f"/spaces/{story.space_id}/access-log"))["items"]
    assert entry["viewer_id"] is None  # the read stays on record; the reader is gone
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AccessLogEntry)) == 1


def test_deleting_in_several_spaces_makes_one_erasure_each(app: Flask, couple: Couple) -> None:
    other_space = make_space(couple.hurt, my_role="hurt", name="Elsewhere")
    other_partner = make_user(app)
    assert (
        join(other_partner, invite_code(couple.hurt, other_space, "repairing")).status_code == 200
    )
    for space_id in (couple.space_id, other_space):
        ok(couple.hurt.post(f"/spaces/{space_id}/checkins", json={"felt_safety": 5}), 201)
        ok(couple.hurt.post(f"/spaces/{space_id}/checkins", json={"felt_safety": 6}), 201)

    assert delete_account(couple.hurt).status_code == 204

    with app.app_context():
        erasures = db.session.scalars(select(Erasure).order_by(Erasure.space_id)).all()
        assert [(e.space_id, len(e.refs)) for e in erasures] == [
            (couple.space_id, 2),
            (other_space, 2),
        ]
    assert verify(couple.repairing, couple.space_id)["valid"] is True
    assert verify(other_partner, other_space)["valid"] is True


def test_a_deleted_partners_role_is_never_handed_to_someone_new(couple: Couple) -> None:
    response = couple.repairing.delete("/account", json={"password": PASSWORD})
    assert response.status_code == 204
    invite = couple.hurt.post(f"/spaces/{couple.space_id}/invites", json={"role": "repairing"})
    assert invite.status_code == 409
    members = couple.hurt.get(f"/spaces/{couple.space_id}").get_json()["members"]
    former = [m for m in members if m["role"] == "repairing"]
    assert former == [{**former[0], "user_id": None, "display_name": "A former member"}]
    assert former[0]["left_at"] is not None
