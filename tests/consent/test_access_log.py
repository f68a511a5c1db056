"""Every therapist read of a partner's data lands in that partner's access log, and only theirs."""

from __future__ import annotations

from flask import Flask

from tests.builders import ApiClient, Couple, add_therapist, make_couple


def grant(owner: ApiClient, space_id: int, viewer_id: int, *categories: str) -> None:
    """The owner shares these categories with the viewer."""
    for category in categories:
        response = owner.put(
            f"/spaces/{space_id}/consents/{viewer_id}/{category}", json={"granted": True}
        )
        assert response.status_code == 200


def log_of(owner: ApiClient, space_id: int) -> list[tuple[int, str]]:
    """(viewer_id, category) of each entry in the owner's access log, newest first."""
    response = owner.get(f"/spaces/{space_id}/access-log")
    assert response.status_code == 200
    return [(e["viewer_id"], e["category"]) for e in response.get_json()["items"]]


def disclose(couple: Couple) -> int:
    response = couple.repairing.post(
        f"/spaces/{couple.space_id}/disclosures",
        json={"title": "What happened", "body": "The whole truth.", "category": "other"},
    )
    assert response.status_code == 201
    return int(response.get_json()["id"])


def check_in(partner: ApiClient, space_id: int, **scores: object) -> None:
    response = partner.post(f"/spaces/{space_id}/checkins", json=scores)
    assert response.status_code == 201, response.get_json()


def test_therapist_reads_of_disclosures_are_logged_for_the_author(
    app: Flask, couple: Couple
) -> None:
    therapist = add_therapist(app, couple)
    disclosure_id = disclose(couple)
    grant(couple.repairing, couple.space_id, therapist.id, "disclosures")
    therapist.get(f"/spaces/{couple.space_id}/disclosures")
    therapist.get(f"/spaces/{couple.space_id}/disclosures/{disclosure_id}")
    assert log_of(couple.repairing, couple.space_id) == [(therapist.id, "disclosures")] * 2
    assert log_of(couple.hurt, couple.space_id) == []


def test_check_in_scores_and_notes_are_logged_separately(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    check_in(couple.hurt, couple.space_id, felt_safety=4, note="a shared note")
    grant(couple.hurt, couple.space_id, therapist.id, "checkins", "checkin_notes")
    therapist.get(f"/spaces/{couple.space_id}/checkins")
    assert sorted(log_of(couple.hurt, couple.space_id)) == [
        (therapist.id, "checkin_notes"),
        (therapist.id, "checkins"),
    ]


def test_trend_reads_are_logged(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    check_in(couple.hurt, couple.space_id, felt_safety=6)
    grant(couple.hurt, couple.space_id, therapist.id, "checkins")
    assert therapist.get(f"/spaces/{couple.space_id}/trends/safety").status_code == 200
    entries = couple.hurt.get(f"/spaces/{couple.space_id}/access-log").get_json()["items"]
    assert [(e["category"], e["records"].startswith("safety trend")) for e in entries] == [
        ("checkins", True)
    ]


def test_partners_reading_each_other_leave_no_trace(couple: Couple) -> None:
    disclose(couple)
    check_in(couple.hurt, couple.space_id, felt_safety=5)
    couple.hurt.get(f"/spaces/{couple.space_id}/disclosures")
    couple.repairing.get(f"/spaces/{couple.space_id}/checkins")
    assert log_of(couple.repairing, couple.space_id) == []
    assert log_of(couple.hurt, couple.space_id) == []


def test_nothing_is_logged_when_nothing_was_shown(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    disclose(couple)
    therapist.get(f"/spaces/{couple.space_id}/disclosures")
    assert log_of(couple.repairing, couple.space_id) == []


def test_access_log_is_the_owners_alone(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    disclose(couple)
    grant(couple.repairing, couple.space_id, therapist.id, "disclosures")
    therapist.get(f"/spaces/{couple.space_id}/disclosures")
    assert therapist.get(f"/spaces/{couple.space_id}/access-log").get_json()["items"] == []
    other = make_couple(app)
    assert other.hurt.get(f"/spaces/{couple.space_id}/access-log").status_code == 404


def test_therapist_reads_of_commitments_are_logged(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    base = f"/spaces/{couple.space_id}/commitments"
    created = couple.repairing.post(base, json={"title": "Phone open", "cadence": "daily"})
    grant(couple.repairing, couple.space_id, therapist.id, "commitments")
    therapist.get(base)
    therapist.get(f"{base}/{created.get_json()['id']}")
    assert log_of(couple.repairing, couple.space_id) == [(therapist.id, "commitments")] * 2
