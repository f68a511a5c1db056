"""A membership's whole life: grants end with it, invites die with their maker, a
therapist needs both partners (DESIGN.md rules 9-12). Each test is a scenario of issue 13."""

from __future__ import annotations

import csv
import io
import uuid

from flask import Flask

from tests.builders import (
    ApiClient,
    Couple,
    add_therapist,
    approve,
    invite_code,
    join,
    make_couple,
    make_space,
    make_user,
)

NOTE = "a note written while you were away"


def grant(owner: ApiClient, space_id: int, viewer_id: int, *categories: str) -> None:
    for category in categories:
        path = f"/spaces/{space_id}/consents/{viewer_id}/{category}"
        assert owner.put(path, json={"granted": True}).status_code == 200


def hurt_checkin(couple: Couple, note: str) -> int:
    body = {"felt_safety": 4, "note": note}
    response = couple.hurt.post(f"/spaces/{couple.space_id}/checkins", json=body)
    assert response.status_code == 201, response.get_json()
    return int(response.get_json()["id"])


def everything_the_therapist_reads(therapist: ApiClient, space_id: int) -> str:
    """The list, the CSV and HTML reports and the export, as one text."""
    listed = therapist.get(f"/spaces/{space_id}/checkins")
    report = therapist.get(f"/spaces/{space_id}/report?format=csv")
    page = therapist.get(f"/spaces/{space_id}/report?format=html")
    export = therapist.get("/account/export")
    answers = (listed, report, page, export)
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200]
    return "".join(answer.get_data(as_text=True) for answer in answers)


def test_a_grant_does_not_come_back_when_a_therapist_is_invited_again(app: Flask) -> None:
    couple = make_couple(app)
    therapist = add_therapist(app, couple)
    grant(couple.hurt, couple.space_id, therapist.id, "checkins", "checkin_notes")
    assert therapist.post(f"/spaces/{couple.space_id}/leave").status_code == 204
    hurt_checkin(couple, NOTE)
    stop = couple.hurt.post(f"/spaces/{couple.space_id}/consents/stop-all")
    assert stop.status_code == 200

    code = invite_code(couple.repairing, couple.space_id, "therapist")
    assert join(therapist, code).status_code == 200
    approve(couple.hurt, couple.space_id, therapist.id)

    assert NOTE not in everything_the_therapist_reads(therapist, couple.space_id)
    listed = therapist.get(f"/spaces/{couple.space_id}/checkins").get_json()
    assert listed["items"] == []
    received = therapist.get(f"/spaces/{couple.space_id}/consents").get_json()["received"]
    assert received == []


def test_a_returning_therapist_sees_only_what_is_granted_anew(app: Flask) -> None:
    couple = make_couple(app)
    therapist = add_therapist(app, couple)
    grant(couple.hurt, couple.space_id, therapist.id, "checkins", "checkin_notes")
    assert therapist.post(f"/spaces/{couple.space_id}/leave").status_code == 204
    code = invite_code(couple.hurt, couple.space_id, "therapist")
    assert join(therapist, code).status_code == 200
    approve(couple.repairing, couple.space_id, therapist.id)
    hurt_checkin(couple, NOTE)
    assert therapist.get(f"/spaces/{couple.space_id}/checkins").get_json()["items"] == []

    grant(couple.hurt, couple.space_id, therapist.id, "checkins", "checkin_notes")

    items = therapist.get(f"/spaces/{couple.space_id}/checkins").get_json()["items"]
    assert [item["note"] for item in items] == [NOTE]


def test_removing_a_therapist_ends_every_grant_they_were_given(app: Flask) -> None:
    couple = make_couple(app)
    therapist = add_therapist(app, couple)
    grant(couple.hurt, couple.space_id, therapist.id, "checkins", "checkin_notes")
    hurt_checkin(couple, NOTE)
    assert NOTE in everything_the_therapist_reads(therapist, couple.space_id)

    response = couple.repairing.delete(f"/spaces/{couple.space_id}/members/{therapist.id}")

    assert response.status_code == 204
    assert therapist.get(f"/spaces/{couple.space_id}").status_code == 404
    assert therapist.get(f"/spaces/{couple.space_id}/checkins").status_code == 404
    assert NOTE not in therapist.get("/account/export").get_data(as_text=True)
    members = couple.hurt.get(f"/spaces/{couple.space_id}").get_json()["members"]
    assert [m["left_at"] is not None for m in members if m["role"] == "therapist"] == [True]


def test_a_partner_who_leaves_takes_every_grant_they_made(app: Flask) -> None:
    couple = make_couple(app)
    therapist = add_therapist(app, couple)
    grant(couple.hurt, couple.space_id, therapist.id, "checkins", "checkin_notes")
    hurt_checkin(couple, NOTE)

    assert couple.hurt.post(f"/spaces/{couple.space_id}/leave").status_code == 204

    assert NOTE not in everything_the_therapist_reads(therapist, couple.space_id)
    assert couple.repairing.get(f"/spaces/{couple.space_id}/checkins").get_json()["items"] == []


def test_a_therapists_stop_all_is_403(app: Flask) -> None:
    couple = make_couple(app)
    therapist = add_therapist(app, couple)

    response = therapist.post(f"/spaces/{couple.space_id}/consents/stop-all")

    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"


def test_stop_all_ends_every_grant_the_caller_made(app: Flask) -> None:
    couple = make_couple(app)
    first, second = add_therapist(app, couple), add_therapist(app, couple)
    for therapist in (first, second):
        grant(couple.hurt, couple.space_id, therapist.id, "checkins", "checkin_notes")
    hurt_checkin(couple, NOTE)

    assert couple.hurt.post(f"/spaces/{couple.space_id}/consents/stop-all").status_code == 200

    for reader in (first, second, couple.repairing):
        assert reader.get(f"/spaces/{couple.space_id}/checkins").get_json()["items"] == []


def test_an_invite_dies_when_its_maker_leaves(app: Flask) -> None:
    couple = make_couple(app)
    code = invite_code(couple.repairing, couple.space_id, "therapist")
    assert couple.repairing.post(f"/spaces/{couple.space_id}/leave").status_code == 204
    therapist = make_user(app, account_type="therapist")

    response = join(therapist, code)

    assert response.status_code == 410
    assert response.get_json()["type"].endswith("invite-withdrawn")
    assert couple.hurt.get(f"/spaces/{couple.space_id}/invites").get_json()["items"] == []


def test_a_hurt_partner_who_left_cannot_come_back_as_repairing(app: Flask) -> None:
    hurt = make_user(app)
    space_id = make_space(hurt, my_role="hurt")
    code = invite_code(hurt, space_id, "repairing")
    assert hurt.post(f"/spaces/{space_id}/leave").status_code == 204

    response = join(hurt, code)

    assert response.status_code in (409, 410)
    assert hurt.get(f"/spaces/{space_id}").status_code == 404


def test_partners_list_and_cancel_invites_and_a_cancelled_code_is_410(app: Flask) -> None:
    couple = make_couple(app)
    made = couple.hurt.post(f"/spaces/{couple.space_id}/invites", json={"role": "therapist"})
    invite = made.get_json()
    listed = couple.repairing.get(f"/spaces/{couple.space_id}/invites").get_json()["items"]
    assert [(i["id"], i["role"]) for i in listed] == [(invite["id"], "therapist")]
    assert "code" not in listed[0]

    gone = couple.repairing.delete(f"/spaces/{couple.space_id}/invites/{invite['id']}")

    assert gone.status_code == 204
    assert couple.hurt.get(f"/spaces/{couple.space_id}/invites").get_json()["items"] == []
    therapist = make_user(app, account_type="therapist")
    assert join(therapist, invite["code"]).status_code == 410
    again = couple.hurt.delete(f"/spaces/{couple.space_id}/invites/{invite['id']}")
    assert again.status_code == 404


def test_a_code_is_accepted_in_any_case_with_or_without_dashes(app: Flask) -> None:
    hurt = make_user(app)
    space_id = make_space(hurt)
    code = invite_code(hurt, space_id, "repairing")
    typed = " " + code.replace("-", "").lower() + " "

    assert join(make_user(app), typed).status_code == 200


def test_a_pending_therapist_sees_no_partner_data_and_no_names(app: Flask) -> None:
    couple = make_couple(app)
    therapist = make_user(app, account_type="therapist", display_name="Dr. Lee")
    assert (
        join(therapist, invite_code(couple.hurt, couple.space_id, "therapist")).status_code == 200
    )
    grant(couple.hurt, couple.space_id, therapist.id, "checkins", "checkin_notes")
    hurt_checkin(couple, NOTE)

    space = therapist.get(f"/spaces/{couple.space_id}").get_json()
    caseload = therapist.get("/therapist/caseload").get_json()["items"]

    assert space["awaiting_approval"] is True
    text = str(space) + str(caseload) + everything_the_therapist_reads(therapist, couple.space_id)
    assert "Sam" not in text and "Alex" not in text and NOTE not in text
    assert [item["awaiting_approval"] for item in caseload] == [True]
    assert caseload[0]["space"]["name"] == "Awaiting approval"
    seen_by_partner = couple.repairing.get(f"/spaces/{couple.space_id}").get_json()
    assert [m["pending"] for m in seen_by_partner["members"]] == [False, False, True]


def test_the_inviters_approval_is_implied_and_the_other_partner_decides(app: Flask) -> None:
    couple = make_couple(app)
    therapist = make_user(app, account_type="therapist")
    assert (
        join(therapist, invite_code(couple.hurt, couple.space_id, "therapist")).status_code == 200
    )
    grant(couple.hurt, couple.space_id, therapist.id, "checkins")
    hurt_checkin(couple, NOTE)

    approve(couple.hurt, couple.space_id, therapist.id)  # the inviter: changes nothing
    assert therapist.get(f"/spaces/{couple.space_id}/checkins").get_json()["items"] == []
    approve(couple.repairing, couple.space_id, therapist.id)

    items = therapist.get(f"/spaces/{couple.space_id}/checkins").get_json()["items"]
    assert len(items) == 1
    names = {
        m["display_name"] for m in therapist.get(f"/spaces/{couple.space_id}").get_json()["members"]
    }
    assert {"Sam", "Alex"} <= names


def test_a_therapist_invited_before_the_second_partner_waits_for_them(app: Flask) -> None:
    hurt = make_user(app, display_name="Sam")
    space_id = make_space(hurt)
    therapist = make_user(app, account_type="therapist")
    assert join(therapist, invite_code(hurt, space_id, "therapist")).status_code == 200
    assert therapist.get(f"/spaces/{space_id}").get_json()["awaiting_approval"] is False

    repairing = make_user(app, display_name="Alex")
    assert join(repairing, invite_code(hurt, space_id, "repairing")).status_code == 200

    assert therapist.get(f"/spaces/{space_id}").get_json()["awaiting_approval"] is True
    approve(repairing, space_id, therapist.id)
    assert therapist.get(f"/spaces/{space_id}").get_json()["awaiting_approval"] is False


def test_a_replay_after_a_consent_change_is_409_answer_lost(app: Flask) -> None:
    couple = make_couple(app)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    path = f"/spaces/{couple.space_id}/checkins"
    body = {"felt_safety": 3, "note": NOTE}
    assert couple.hurt.post(path, json=body, headers=key).status_code == 201
    assert couple.hurt.post(path, json=body, headers=key).status_code == 201  # replayed

    grant(couple.hurt, couple.space_id, couple.repairing.id, "checkin_notes")
    replay = couple.hurt.post(path, json=body, headers=key)

    assert replay.status_code == 409
    assert replay.get_json()["type"] == "urn:mend:problem:idempotency-answer-lost"


def test_a_replay_after_someone_joins_is_409_answer_lost(app: Flask) -> None:
    couple = make_couple(app)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    path = f"/spaces/{couple.space_id}/checkins"
    assert couple.hurt.post(path, json={"felt_safety": 3}, headers=key).status_code == 201

    add_therapist(app, couple)

    replay = couple.hurt.post(path, json={"felt_safety": 3}, headers=key)
    assert replay.status_code == 409


def test_the_report_csv_has_no_rows_from_before_a_rejoin(app: Flask) -> None:
    couple = make_couple(app)
    therapist = add_therapist(app, couple)
    grant(couple.hurt, couple.space_id, therapist.id, "checkins", "checkin_notes")
    hurt_checkin(couple, NOTE)
    couple.hurt.delete(f"/spaces/{couple.space_id}/members/{therapist.id}")
    assert (
        join(therapist, invite_code(couple.hurt, couple.space_id, "therapist")).status_code == 200
    )
    approve(couple.repairing, couple.space_id, therapist.id)

    report = therapist.get(f"/spaces/{couple.space_id}/report?format=csv").get_data(as_text=True)

    assert NOTE not in report
    assert all(NOTE not in cell for row in csv.reader(io.StringIO(report)) for cell in row)
