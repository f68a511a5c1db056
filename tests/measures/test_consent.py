"""`measures` (rule 13): shared with nobody by default, the partner included, on every read path."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select, update

from mend.database import utcnow
from mend.extensions import db
from mend.measures.models import MeasureResponse, MeasureSchedule
from tests.builders import ApiClient, Couple, add_therapist
from tests.conftest import Connect
from tests.live.conftest import events

LOW_CSI, HIGH_CSI = [3, 3, 2, 3], [5, 4, 4, 4]  # 11 and 17: a reliable fall, past the cut-off


def answer(client: ApiClient, space_id: int, instrument: str, answers: list[int]) -> dict:
    response = client.post(
        f"/spaces/{space_id}/measures/{instrument}/responses", json={"answers": answers}
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def share(owner: ApiClient, space_id: int, viewer: ApiClient, granted: bool = True) -> None:
    path = f"/spaces/{space_id}/consents/{viewer.id}/measures"
    assert owner.put(path, json={"granted": granted}).status_code == 200


def series_of(viewer: ApiClient, space_id: int) -> list[dict]:
    return viewer.get(f"/spaces/{space_id}/measures").get_json()["series"]


def caseload_item(therapist: ApiClient) -> dict:
    [item] = therapist.get("/therapist/caseload").get_json()["items"]
    return item


def test_the_partner_sees_nothing_until_shared_and_nothing_after_revoking(couple: Couple) -> None:
    answer(couple.hurt, couple.space_id, "csi4", HIGH_CSI)
    assert series_of(couple.repairing, couple.space_id) == []
    share(couple.hurt, couple.space_id, couple.repairing)
    [seen] = series_of(couple.repairing, couple.space_id)
    assert (seen["respondent_id"], seen["points"][0]["score"]) == (couple.hurt.id, 17)
    share(couple.hurt, couple.space_id, couple.repairing, granted=False)
    assert series_of(couple.repairing, couple.space_id) == []


def test_therapist_without_the_grant_sees_no_series_caseload_report_or_export(
    app: Flask, couple: Couple
) -> None:
    therapist = add_therapist(app, couple)
    answer(couple.hurt, couple.space_id, "csi4", HIGH_CSI)
    answer(couple.hurt, couple.space_id, "csi4", LOW_CSI)
    assert series_of(therapist, couple.space_id) == []
    item = caseload_item(therapist)
    assert item["measures"] == [] and item["alerts"] == []
    sheet = therapist.get(f"/spaces/{couple.space_id}/report?format=csv").get_data(as_text=True)
    assert "measure" not in sheet
    page = therapist.get(f"/spaces/{couple.space_id}/report").get_data(as_text=True)
    assert "Not shared. Sam has not chosen to share this with you." in page
    assert "CSI-4" not in page
    [space] = therapist.get("/account/export").get_json()["spaces"]
    assert space["measures"] == []


def test_the_grant_opens_every_read_path_with_alerts_and_logs_each_read(
    app: Flask, couple: Couple
) -> None:
    therapist = add_therapist(app, couple)
    answer(couple.hurt, couple.space_id, "csi4", HIGH_CSI)
    answer(couple.hurt, couple.space_id, "csi4", LOW_CSI)
    share(couple.hurt, couple.space_id, therapist)

    [series] = series_of(therapist, couple.space_id)
    assert [p["score"] for p in series["points"]] == [17, 11]
    item = caseload_item(therapist)
    assert item["measures"][0]["latest"] == 11
    kinds = {alert["kind"] for alert in item["alerts"]}
    assert {"reliable_deterioration", "measure_cutoff"} <= kinds
    assert item["alerts"][0]["kind"] == "reliable_deterioration"  # weightiest first
    sheet = therapist.get(f"/spaces/{couple.space_id}/report?format=csv").get_data(as_text=True)
    assert "measure_summary,Sam,CSI-4,11,13.5,'-6,True" in sheet  # quoted: no formulas
    assert "measure_alert,Sam,reliable_deterioration" in sheet
    page = therapist.get(f"/spaces/{couple.space_id}/report").get_data(as_text=True)
    assert "a reliable change for the worse" in page and "A reliable change." in page
    [space] = therapist.get("/account/export").get_json()["spaces"]
    assert [p["score"] for p in space["measures"][0]["points"]] == [17, 11]
    logged = couple.hurt.get(f"/spaces/{couple.space_id}/access-log").get_json()["items"]
    assert {entry["category"] for entry in logged} == {"measures"}
    assert len(logged) >= 4  # the series, the caseload, two reports, the export


def test_three_missed_in_a_row_raises_an_alert(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    share(couple.repairing, couple.space_id, therapist)
    path = f"/spaces/{couple.space_id}/measures/gad2/schedule"
    assert couple.repairing.put(path, json={"every_weeks": 1}).status_code == 200
    answer(couple.repairing, couple.space_id, "gad2", [0, 1])
    with app.app_context():  # the schedule began four weeks ago, answered in its first week only
        moved = utcnow() - timedelta(weeks=4, hours=1)
        db.session.execute(update(MeasureSchedule).values(starts_at=moved))
        db.session.execute(update(MeasureResponse).values(created_at=moved + timedelta(hours=1)))
        db.session.commit()
    item = caseload_item(therapist)
    [summary] = item["measures"]
    assert summary["schedule"]["missed_in_a_row"] == 3
    assert summary["schedule"]["completion_rate"] == 0.25
    assert summary["schedule"]["due"] is True
    [alert] = [a for a in item["alerts"] if a["kind"] == "measures_missed"]
    assert "last 3 scheduled GAD-2" in alert["message"]
    assert couple.repairing.get(f"/spaces/{couple.space_id}/measures").get_json()["due"] == ["gad2"]


def test_live_event_goes_only_to_those_who_may_see_and_carries_ids_only(
    app: Flask, couple: Couple, connect: Connect
) -> None:
    therapist = add_therapist(app, couple)
    people = {"hurt": couple.hurt, "repairing": couple.repairing, "therapist": therapist}
    sockets = {name: connect(api) for name, api in people.items()}
    body = answer(couple.hurt, couple.space_id, "phq2", [2, 2])
    assert [e["type"] for e in events(sockets["hurt"])] == ["measure.responded"]
    assert events(sockets["repairing"]) == [] and events(sockets["therapist"]) == []
    share(couple.hurt, couple.space_id, therapist)
    for socket in sockets.values():
        events(socket)  # drop the consent events
    answer(couple.hurt, couple.space_id, "phq2", [0, 0])
    [event] = [e for e in events(sockets["therapist"]) if e["type"] == "measure.responded"]
    assert set(event["data"]) == {"id", "owner_id"}
    assert event["data"]["id"] > body["id"]
    assert not [e for e in events(sockets["repairing"]) if e["type"] == "measure.responded"]


def test_deleting_the_account_erases_its_answers(app: Flask, couple: Couple) -> None:
    answer(couple.repairing, couple.space_id, "csi4", HIGH_CSI)
    response = couple.repairing.delete("/account", json={"password": "correct horse battery"})
    assert response.status_code == 204, response.get_json()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MeasureResponse)) == 0


def test_the_export_lists_my_own_answers_under_authored(couple: Couple) -> None:
    answer(couple.hurt, couple.space_id, "gad2", [1, 2])
    authored = couple.hurt.get("/account/export").get_json()["authored"]
    [mine] = [entry for entry in authored if entry["kind"] == "measure_response"]
    assert mine["content"] == {
        "instrument": "gad2",
        "answers": [1, 2],
        "score": 3,
        "band": "At or above the screening cut-off",
    }
