"""The demo caseload: the demo therapist sees ranking, figures and alerts at first sight."""

from __future__ import annotations

from flask import Flask

from mend.cli import DEMO_PASSWORD
from tests.builders import ApiClient


def log_in(app: Flask, email: str) -> ApiClient:
    api = ApiClient(app)
    response = api.post("/auth/login", json={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.get_json()
    api.user = response.get_json()
    api.csrf_token(refresh=True)
    return api


def test_the_demo_caseload_shows_six_couples_in_different_states(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    assert "Creating the demo caseload" in result.output  # the progress bar
    items = log_in(app, "dr.rivera@demo.mend").get("/therapist/caseload").get_json()["items"]
    by_name = {item["space"]["name"]: item for item in items}
    assert set(by_name) == {"Sam & Alex", "Jordan & Casey", "Priya & Tom", "Maya & Chris",
                            "Lee & Robin", "Awaiting approval"}  # fmt: skip
    kinds = {name: {a["kind"] for a in item["alerts"]} for name, item in by_name.items()}

    assert {"reliable_deterioration", "measure_cutoff"} <= kinds["Priya & Tom"]
    assert {"felt_safety_drop", "measures_missed"} <= kinds["Jordan & Casey"]
    assert "disputed_check" in kinds["Maya & Chris"]
    assert by_name["Lee & Robin"]["nothing_shared"] and not kinds["Lee & Robin"]
    assert not kinds["Sam & Alex"] & {"reliable_deterioration", "felt_safety_drop"}
    sam_csi = next(m for m in by_name["Sam & Alex"]["measures"] if m["instrument"] == "csi4")
    assert (sam_csi["name"], sam_csi["last_change"]["direction"]) == ("CSI-4", "better")
    assert by_name["Sam & Alex"]["felt_safety"]["mean_28d"] > 5

    pending = by_name["Awaiting approval"]  # Jo & Sasha: Sasha has not approved yet (rule 9)
    assert pending["awaiting_approval"] and not kinds["Awaiting approval"]
    assert {m["display_name"] for m in pending["members"]} & {"Jo", "Sasha"} == set()

    order = [item["space"]["name"] for item in items]
    assert set(order[-2:]) == {"Lee & Robin", "Awaiting approval"}  # nothing to go on: last
    assert set(order[:2]) == {"Priya & Tom", "Jordan & Casey"}  # the weightiest alerts first


def test_the_demo_partner_has_a_questionnaire_due_and_keeps_it_private(app: Flask) -> None:
    assert app.test_cli_runner().invoke(args=["demo-data"]).exit_code == 0
    sam = log_in(app, "sam@demo.mend")
    space_id = sam.get("/spaces").get_json()["items"][0]["id"]
    mine = sam.get(f"/spaces/{space_id}/measures").get_json()
    assert mine["due"] == ["phq2"]
    assert {s["instrument"] for s in mine["series"]} == {"csi4", "phq2"}
    alex = log_in(app, "alex@demo.mend")
    theirs = alex.get(f"/spaces/{space_id}/measures").get_json()["series"]
    assert {s["respondent_id"] for s in theirs} == {alex.user["id"]}  # Sam's stay Sam's
    assert sam.get(f"/spaces/{space_id}/record/verify").get_json()["valid"] is True
