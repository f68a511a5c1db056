"""Who sees which check-in and note: partners by default, grants, private notes, therapists."""

from __future__ import annotations

from flask import Flask

from tests.builders import ApiClient, Couple
from tests.checkins.conftest import (
    both_check_in,
    check_in,
    checkins_path,
    listed,
    make_couple_in,
    set_consent,
)


def test_partners_see_each_others_scores_but_not_notes_by_default(couple: Couple) -> None:
    hurt, repairing = both_check_in(couple)

    seen_by_hurt = {c["id"]: c for c in listed(couple.hurt, couple)}
    seen_by_repairing = {c["id"]: c for c in listed(couple.repairing, couple)}
    assert set(seen_by_hurt) == set(seen_by_repairing) == {hurt["id"], repairing["id"]}
    assert seen_by_hurt[repairing["id"]]["predicted_safety"] == 5
    assert seen_by_hurt[repairing["id"]]["note"] is None
    assert seen_by_repairing[hurt["id"]]["felt_safety"] == 3
    assert seen_by_repairing[hurt["id"]]["tags"] == ["trigger"]
    assert seen_by_repairing[hurt["id"]]["note"] is None
    assert seen_by_hurt[hurt["id"]]["note"] == "Hard morning."


def test_note_privacy_flag_is_shown_only_to_the_author(couple: Couple) -> None:
    check_in(couple.hurt, couple, felt_safety=3, note="Mine.", note_private=True)

    assert listed(couple.hurt, couple)[0]["note_private"] is True
    assert listed(couple.repairing, couple)[0]["note_private"] is None


def test_partner_sees_shared_notes_after_a_checkin_notes_grant(app: Flask, couple: Couple) -> None:
    hurt, _ = both_check_in(couple)
    set_consent(
        app,
        space_id=couple.space_id,
        owner=couple.hurt,
        viewer=couple.repairing,
        category="checkin_notes",
    )

    seen = {c["id"]: c for c in listed(couple.repairing, couple)}
    assert seen[hurt["id"]]["note"] == "Hard morning."


def test_private_note_stays_hidden_even_with_a_checkin_notes_grant(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    private = check_in(couple.hurt, couple, felt_safety=2, note="Only me.", note_private=True)
    for viewer in (couple.repairing, therapist):
        for category in ("checkins", "checkin_notes"):
            set_consent(
                app, space_id=couple.space_id, owner=couple.hurt, viewer=viewer, category=category
            )

    for viewer in (couple.repairing, therapist):
        [seen] = listed(viewer, couple)
        assert seen["id"] == private["id"] and seen["felt_safety"] == 2
        assert seen["note"] is None
        item = viewer.get(f"{checkins_path(couple)}/{private['id']}").get_json()
        assert item["note"] is None
    assert listed(couple.hurt, couple)[0]["note"] == "Only me."


def test_partner_who_stops_sharing_checkins_disappears_from_the_other_view(
    app: Flask, couple: Couple
) -> None:
    hurt, repairing = both_check_in(couple)
    set_consent(
        app,
        space_id=couple.space_id,
        owner=couple.hurt,
        viewer=couple.repairing,
        category="checkins",
        granted=False,
    )

    assert [c["id"] for c in listed(couple.repairing, couple)] == [repairing["id"]]
    assert couple.repairing.get(f"{checkins_path(couple)}/{hurt['id']}").status_code == 404
    assert {c["id"] for c in listed(couple.hurt, couple)} == {hurt["id"], repairing["id"]}


def test_therapist_without_grant_sees_nothing(couple: Couple, therapist: ApiClient) -> None:
    hurt, repairing = both_check_in(couple)

    assert listed(therapist, couple) == []
    for checkin in (hurt, repairing):
        assert therapist.get(f"{checkins_path(couple)}/{checkin['id']}").status_code == 404


def test_therapist_with_checkins_grant_sees_scores_but_not_notes(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    hurt, _ = both_check_in(couple)
    set_consent(
        app, space_id=couple.space_id, owner=couple.hurt, viewer=therapist, category="checkins"
    )

    [seen] = listed(therapist, couple)
    assert (seen["id"], seen["felt_safety"], seen["note"]) == (hurt["id"], 3, None)


def test_therapist_sees_notes_only_with_checkin_notes_grant_too(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    hurt, _ = both_check_in(couple)
    set_consent(
        app, space_id=couple.space_id, owner=couple.hurt, viewer=therapist, category="checkin_notes"
    )
    assert listed(therapist, couple) == []  # notes without scores show nothing

    set_consent(
        app, space_id=couple.space_id, owner=couple.hurt, viewer=therapist, category="checkins"
    )
    [seen] = listed(therapist, couple)
    assert (seen["id"], seen["note"]) == (hurt["id"], "Hard morning.")


def test_checkin_of_another_space_is_404_even_by_id(app: Flask, couple: Couple) -> None:
    other = make_couple_in(app, hurt_timezone="UTC", repairing_timezone="UTC")
    theirs = check_in(other.hurt, other, felt_safety=5)

    response = couple.hurt.get(f"{checkins_path(couple)}/{theirs['id']}")
    assert response.status_code == 404
    assert listed(couple.hurt, couple) == []
