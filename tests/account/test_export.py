"""GET /account/export: a person's data as one documented JSON download, per role."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from mend.account.schemas import ExportOut
from tests.account.conftest import (
    HURT_CANARIES,
    REPAIRING_CANARIES,
    Story,
    export_of,
    grant,
    ok,
    only_space,
    write_story,
)
from tests.builders import (
    ApiClient,
    Couple,
    add_therapist,
    invite_code,
    join,
    make_couple,
    make_user,
)

SPACE_KEYS = {
    "space",
    "my_role",
    "disclosures",
    "commitments",
    "measures",
    "checkins",
    "consents",
    "access_log",
    "therapist_notes",
}


def notes_in(section: dict[str, Any]) -> set[str]:
    """The check-in notes a space section shows."""
    return {c["note"] for c in section["checkins"] if c["note"] is not None}


def access_log(api: ApiClient, space_id: int) -> list[dict[str, Any]]:
    """The caller's access log in a space, through the API."""
    return ok(api.get(f"/spaces/{space_id}/access-log"))["items"]


def test_export_is_a_dated_json_download_that_is_never_cached(partner: ApiClient) -> None:
    response: TestResponse = partner.get("/account/export")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="mend-export-\d{4}-\d{2}-\d{2}\.json"', disposition)
    assert response.headers["Cache-Control"] == "no-store"


def test_anonymous_caller_gets_401(client: ApiClient) -> None:
    response = client.get("/account/export")

    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_export_only_answers_get(partner: ApiClient, method: str) -> None:
    assert getattr(partner, method)("/account/export").status_code == 405


def test_export_of_an_account_without_spaces_holds_the_account_alone(partner: ApiClient) -> None:
    document = export_of(partner)

    assert (document["format"], document["version"]) == ("mend-export", 1)
    assert document["spaces"] == [] and document["authored"] == []
    assert document["user"]["email"] == partner.user["email"]  # type: ignore[index]
    assert set(document["user"]) == {
        "id",
        "email",
        "display_name",
        "account_type",
        "timezone",
        "created_at",
    }


@pytest.mark.parametrize("role", ["hurt", "repairing"])
def test_export_matches_its_documented_schema_exactly(story: Story, role: str) -> None:
    document = export_of(getattr(story.couple, role))

    assert ExportOut().load(document)["version"] == 1  # unknown keys would raise
    assert set(only_space(document)) == SPACE_KEYS


def test_repairing_export_holds_their_whole_record_as_the_api_shows_it(story: Story) -> None:
    couple = story.couple
    section = only_space(export_of(couple.repairing))
    sid = story.space_id

    assert section["my_role"] == "repairing"
    assert section["space"] == ok(couple.repairing.get(f"/spaces/{sid}"))
    disclosure = ok(couple.repairing.get(f"/spaces/{sid}/disclosures/{story.disclosure_id}"))
    assert section["disclosures"] == [disclosure]
    assert [r["body"] for r in disclosure["revisions"]] == [
        REPAIRING_CANARIES["disclosure_body"],
        REPAIRING_CANARIES["revised_body"],
    ]
    commitment = ok(couple.repairing.get(f"/spaces/{sid}/commitments/{story.commitment_id}"))
    assert section["commitments"] == [commitment]
    assert commitment["status_history"][0]["reason"] == REPAIRING_CANARIES["status_reason"]
    assert commitment["checks"][0]["review"]["verdict"] == "disputed"


def test_my_own_private_notes_are_in_my_export_and_no_one_elses(app: Flask, story: Story) -> None:
    couple = story.couple
    therapist = add_therapist(app, couple)
    everything = ("checkins", "checkin_notes", "disclosures", "commitments")
    grant(couple.hurt, couple.repairing, story.space_id, "checkin_notes")
    grant(couple.hurt, therapist, story.space_id, *everything)
    grant(couple.repairing, therapist, story.space_id, *everything)

    hurt_export = export_of(couple.hurt)
    repairing_export = export_of(couple.repairing)
    therapist_export = export_of(therapist)

    assert HURT_CANARIES["hurt_private_note"] in notes_in(only_space(hurt_export))
    assert HURT_CANARIES["hurt_note"] in notes_in(only_space(repairing_export))
    for other in (repairing_export, therapist_export):
        assert HURT_CANARIES["hurt_private_note"] not in str(other)
    for other in (hurt_export, therapist_export):
        assert REPAIRING_CANARIES["repairing_private_note"] not in str(other)


def test_hurt_partner_sees_partner_notes_only_once_shared(app: Flask, story: Story) -> None:
    couple = story.couple
    before = only_space(export_of(couple.hurt))
    grant(couple.repairing, couple.hurt, story.space_id, "checkin_notes")
    after = only_space(export_of(couple.hurt))

    assert REPAIRING_CANARIES["repairing_note"] not in notes_in(before)
    assert REPAIRING_CANARIES["repairing_note"] in notes_in(after)
    assert before["my_role"] == "hurt"
    assert [d["id"] for d in before["disclosures"]] == [story.disclosure_id]
    assert {c["author_id"] for c in before["checkins"]} == {couple.hurt.id, couple.repairing.id}


def test_therapist_without_grants_exports_the_space_and_own_notes_only(
    app: Flask, story: Story
) -> None:
    couple = story.couple
    therapist = add_therapist(app, couple)
    notes_path = f"/spaces/{story.space_id}/therapist-notes"
    ok(therapist.post(notes_path, json={"body": "Session one: slow start."}), 201)

    section = only_space(export_of(therapist))

    assert section["my_role"] == "therapist"
    assert (section["disclosures"], section["commitments"], section["checkins"]) == ([], [], [])
    assert [n["body"] for n in section["therapist_notes"]] == ["Session one: slow start."]
    assert all(canary not in str(section) for canary in REPAIRING_CANARIES.values())
    assert access_log(couple.hurt, story.space_id) == []
    assert access_log(couple.repairing, story.space_id) == []


def test_therapist_export_holds_only_granted_data_and_is_logged(app: Flask, story: Story) -> None:
    couple = story.couple
    therapist = add_therapist(app, couple)
    grant(couple.repairing, therapist, story.space_id, "disclosures")

    section = only_space(export_of(therapist))

    [disclosure] = section["disclosures"]
    # The hurt partner's reply follows the hurt partner's own grants: none.
    assert [r["author_id"] for r in disclosure["responses"]] == [couple.repairing.id]
    assert disclosure["acknowledged_at"] is None
    assert (section["commitments"], section["checkins"]) == ([], [])
    [entry] = access_log(couple.repairing, story.space_id)
    assert (entry["viewer_id"], entry["category"]) == (therapist.id, "disclosures")
    assert "account export" in entry["records"]
    assert access_log(couple.hurt, story.space_id) == []


def test_therapist_export_logs_each_category_read_for_each_owner(app: Flask, story: Story) -> None:
    couple = story.couple
    therapist = add_therapist(app, couple)
    grant(couple.hurt, therapist, story.space_id, "checkins", "checkin_notes", "commitments")

    section = only_space(export_of(therapist))

    assert notes_in(section) == {HURT_CANARIES["hurt_note"]}
    assert section["commitments"] == []  # the repairing partner shared none
    logged = {e["category"] for e in access_log(couple.hurt, story.space_id)}
    assert logged == {"checkins", "checkin_notes"}


def test_access_log_section_shows_who_read_my_data(app: Flask, story: Story) -> None:
    couple = story.couple
    therapist = add_therapist(app, couple)
    grant(couple.repairing, therapist, story.space_id, "commitments")
    export_of(therapist)

    section = only_space(export_of(couple.repairing))

    assert section["access_log"] == access_log(couple.repairing, story.space_id)
    assert [e["category"] for e in section["access_log"]] == ["commitments"]


def test_consents_section_holds_the_whole_history_oldest_first(app: Flask, story: Story) -> None:
    couple = story.couple
    therapist = add_therapist(app, couple)
    path = f"/spaces/{story.space_id}/consents/{therapist.id}/checkins"
    for granted in (True, False, True):
        ok(couple.hurt.put(path, json={"granted": granted}))

    consents = only_space(export_of(couple.hurt))["consents"]
    api_view = ok(couple.hurt.get(f"/spaces/{story.space_id}/consents"))

    assert [c["granted"] for c in consents["history"]] == [True, False, True]
    assert consents["history"] == list(reversed(api_view["history"]))
    assert (consents["given"], consents["received"]) == (api_view["given"], api_view["received"])


def test_another_couples_data_never_appears(app: Flask, story: Story) -> None:
    stranger = make_couple(app).hurt

    document = export_of(stranger)

    assert story.space_id not in [s["space"]["id"] for s in document["spaces"]]
    assert all(canary not in str(document) for canary in REPAIRING_CANARIES.values())
    assert all(canary not in str(document) for canary in HURT_CANARIES.values())


def test_what_i_wrote_in_a_space_i_left_stays_in_my_export(story: Story) -> None:
    couple = story.couple
    assert couple.repairing.post(f"/spaces/{story.space_id}/leave").status_code == 204

    document = export_of(couple.repairing)

    assert document["spaces"] == []
    kinds = [a["kind"] for a in document["authored"]]
    assert kinds == [
        "disclosure",
        "disclosure_revision",
        "disclosure_revision",
        "disclosure_response",
        "commitment",
        "commitment_status",
        "commitment_check",
        "checkin",
        "checkin",
    ]
    words = str(document["authored"])
    assert all(canary in words for canary in REPAIRING_CANARIES.values())
    assert all(canary not in words for canary in HURT_CANARIES.values())
    assert {a["space_id"] for a in document["authored"]} == {story.space_id}


def test_authored_lists_the_hurt_partners_own_writing(story: Story) -> None:
    document = export_of(story.couple.hurt)

    kinds = sorted(a["kind"] for a in document["authored"])
    assert kinds == [
        "check_review",
        "checkin",
        "checkin",
        "disclosure_acknowledgement",
        "disclosure_response",
    ]
    review = next(a for a in document["authored"] if a["kind"] == "check_review")
    assert review["content"]["note"] == HURT_CANARIES["review_note"]


def test_export_query_count_does_not_grow_with_the_record(app: Flask, count_queries: Any) -> None:
    small, large = make_couple(app), make_couple(app)
    write_story(small)
    for _ in range(4):
        write_story(large)

    counts = []
    for couple in (small, large):
        with count_queries() as counter:
            export_of(couple.hurt)
        counts.append(counter.count)

    assert counts[0] == counts[1]


def test_each_space_is_exported_with_my_role_in_it(app: Flask, couple: Couple) -> None:
    therapist = make_user(app, account_type="therapist")
    for other in (couple, make_couple(app)):
        assert (
            join(therapist, invite_code(other.hurt, other.space_id, "therapist")).status_code == 200
        )

    document = export_of(therapist)

    assert [s["my_role"] for s in document["spaces"]] == ["therapist", "therapist"]
    ids = [s["space"]["id"] for s in document["spaces"]]
    assert ids == sorted(ids) and couple.space_id in ids


def test_a_therapists_notes_from_a_space_they_left_stay_in_their_export(
    app: Flask, couple: Couple
) -> None:
    therapist = add_therapist(app, couple)
    notes_path = f"/spaces/{couple.space_id}/therapist-notes"
    ok(therapist.post(notes_path, json={"body": "Closing summary."}), 201)
    assert therapist.post(f"/spaces/{couple.space_id}/leave").status_code == 204

    document = export_of(therapist)

    assert document["spaces"] == []
    [note] = document["authored"]
    assert (note["kind"], note["space_id"]) == ("therapist_note", couple.space_id)
    assert note["content"] == {"body": "Closing summary."}
