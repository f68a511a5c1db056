"""GET /account/export: a person's data as one documented JSON download, per role.

What a therapist's export holds, and logs, is in test_export_therapist.py.
"""

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
    notes_in,
    ok,
    only_space,
    write_story,
)
from tests.builders import ApiClient, add_therapist, make_couple

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
