"""The therapist's caseload: who may read it, what each grant shows, its order,
and its access log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from mend.consent.models import CATEGORIES, ConsentChange
from mend.extensions import db
from tests.builders import (
    ApiClient,
    make_user,
)
from tests.rows import memberships_of
from tests.therapist import caseload_helpers
from tests.therapist.caseload_helpers import (
    NOW,
    PATH,
    add_commitment,
    couple_with,
    daily,
    days_ago,
    felt_safety,
    items,
    kinds,
    only,
    share,
)

frozen_now = caseload_helpers.frozen_now  # autouse: the caseload's now is NOW
therapist = caseload_helpers.therapist


def test_partners_get_403(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=CATEGORIES, repairing=CATEGORIES)
    for partner in (couple.hurt, couple.repairing):
        response = partner.get(PATH)
        assert response.status_code == 403
        assert response.get_json()["detail"] == "The caseload is for therapist accounts."


def test_anonymous_gets_401(client: ApiClient) -> None:
    assert client.get(PATH).status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_caseload_is_read_only(therapist: ApiClient, method: str) -> None:
    assert getattr(therapist, method)(PATH).status_code == 405


def test_therapist_without_couples_has_an_empty_caseload(therapist: ApiClient) -> None:
    assert items(therapist) == []


def test_nothing_shared_shows_the_name_and_no_figures(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, name="The Riveras")
    felt_safety(app, couple, {days_ago(day): 1 for day in range(10)})
    add_commitment(app, couple, daily(range(30), "missed"))
    item = only(therapist)
    assert item == {
        "space": {"id": couple.space_id, "name": "The Riveras"},
        "members": [
            {"user_id": couple.hurt.id, "display_name": "Sam", "role": "hurt"},
            {"user_id": couple.repairing.id, "display_name": "Alex", "role": "repairing"},
            {"user_id": therapist.id, "display_name": "Dr. Lee", "role": "therapist"},
        ],
        "shared": [
            {"user_id": couple.hurt.id, "role": "hurt", "categories": []},
            {"user_id": couple.repairing.id, "role": "repairing", "categories": []},
        ],
        "nothing_shared": True,
        "felt_safety": None,
        "commitments": None,
        "days_since_checkin": [],
        "measures": [],
        "alerts": [],
        "awaiting_approval": False,
    }


def test_revoking_removes_the_figures_on_the_next_request(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=["checkins"], repairing=["commitments"])
    felt_safety(app, couple, {days_ago(1): 4})
    add_commitment(app, couple, daily(range(1, 30)))
    assert only(therapist)["felt_safety"]["latest"]["value"] == 4
    share(couple, couple.hurt, therapist, "checkins", granted=False)
    item = only(therapist)
    assert (item["felt_safety"], item["days_since_checkin"]) == (None, [])
    assert item["commitments"] is not None
    share(couple, couple.repairing, therapist, "commitments", granted=False)
    item = only(therapist)
    assert (item["commitments"], item["nothing_shared"]) == (None, True)


@pytest.mark.parametrize(("expires_in", "shown"), [(-1, False), (1, True)])
def test_a_grant_counts_until_it_expires(
    app: Flask, therapist: ApiClient, expires_in: int, shown: bool
) -> None:
    couple = couple_with(app, therapist)
    felt_safety(app, couple, {days_ago(1): 4})
    with app.app_context():
        db.session.add(
            ConsentChange(
                space_id=couple.space_id,
                owner_id=couple.hurt.id,
                viewer_id=therapist.id,
                category="checkins",
                granted=True,
                expires_at=NOW + timedelta(minutes=expires_in),
                **memberships_of(couple.space_id, couple.hurt.id, therapist.id),
            )
        )
        db.session.commit()
    item = only(therapist)
    assert (item["felt_safety"] is not None) is shown
    assert item["nothing_shared"] is not shown


def test_most_in_need_of_attention_comes_first(app: Flask, therapist: ApiClient) -> None:
    for name, score in (("Calm", 8), ("bees", 8), ("Low", 2)):
        felt_safety(
            app, couple_with(app, therapist, name=name, hurt=["checkins"]), {days_ago(1): score}
        )
    couple_with(app, therapist, name="Aardvarks")  # nothing shared: nothing to judge
    couple_with(app, therapist, name="Quiet", repairing=["checkins"])  # never checked in
    struggling = couple_with(app, therapist, name="Struggling", hurt=["checkins"])
    felt_safety(app, struggling, {days_ago(day): 2 for day in (1, 2, 3)})
    caseload_items = items(therapist)
    assert [item["space"]["name"] for item in caseload_items] == [
        "Struggling",  # three low check-ins in a row
        "Quiet",  # a partner who never checked in: a lighter alert
        "Low",  # no alert, lowest latest felt safety
        "bees",  # then by name, whatever the case
        "Calm",
        "Aardvarks",  # no figures at all
    ]
    assert [kinds(item) for item in caseload_items[:2]] == [["low_felt_safety"], ["no_checkin"]]


def test_therapist_sees_only_the_spaces_they_are_in(app: Flask, therapist: ApiClient) -> None:
    mine = couple_with(app, therapist, name="Mine", hurt=CATEGORIES)
    colleague = make_user(app, account_type="therapist", display_name="Dr. Okafor")
    couple_with(app, colleague, name="Theirs", hurt=CATEGORIES, repairing=CATEGORIES)
    assert [item["space"]["name"] for item in items(therapist)] == ["Mine"]
    assert therapist.post(f"/spaces/{mine.space_id}/leave").status_code == 204
    assert items(therapist) == []
    assert [item["space"]["name"] for item in items(colleague)] == ["Theirs"]


def test_reads_are_logged_for_each_owner_and_category(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(
        app, therapist, hurt=["checkins", "commitments"], repairing=["commitments"]
    )
    felt_safety(app, couple, {days_ago(1): 6})
    add_commitment(app, couple, daily(range(1, 10)))
    items(therapist)
    logs = {
        partner.id: partner.get(f"/spaces/{couple.space_id}/access-log").get_json()["items"]
        for partner in (couple.hurt, couple.repairing)
    }
    assert {(e["viewer_id"], e["category"]) for e in logs[couple.hurt.id]} == {
        (therapist.id, "checkins"),
        (therapist.id, "commitments"),
    }
    assert [(e["viewer_id"], e["category"]) for e in logs[couple.repairing.id]] == [
        (therapist.id, "commitments")
    ]
    assert all(e["records"].startswith("caseload") for e in logs[couple.hurt.id])


def test_nothing_is_logged_when_nothing_is_shared(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist)
    felt_safety(app, couple, {days_ago(1): 6})
    items(therapist)
    for partner in (couple.hurt, couple.repairing):
        log = partner.get(f"/spaces/{couple.space_id}/access-log").get_json()
        assert log["items"] == []
