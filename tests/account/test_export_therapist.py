"""GET /account/export for a therapist: only what was shared, each read logged for its owner.

A therapist's export holds the space and their own notes, and of the partners'
record only what each partner granted; each category it reads shows in that
partner's access log (and in their own export's). It covers every space the
therapist is in, and keeps their notes from a space they left.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from tests.account.conftest import (
    HURT_CANARIES,
    REPAIRING_CANARIES,
    Story,
    export_of,
    grant,
    notes_in,
    ok,
    only_space,
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


def access_log(api: ApiClient, space_id: int) -> list[dict[str, Any]]:
    """The caller's access log in a space, through the API."""
    return ok(api.get(f"/spaces/{space_id}/access-log"))["items"]


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
