"""The demo-data command."""

from __future__ import annotations

from flask import Flask

from mend.cli import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.builders import ApiClient


def test_demo_data_creates_a_couple_and_therapist_once(app: Flask) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo-data"])
    assert first.exit_code == 0, first.output
    assert "sam@demo.mend" in first.output and DEMO_PASSWORD in first.output
    second = runner.invoke(args=["demo-data"])
    assert "already exists" in second.output

    for email, _name, _type, role in DEMO_ACCOUNTS:
        api = ApiClient(app)
        login = api.post("/auth/login", json={"email": email, "password": DEMO_PASSWORD})
        assert login.status_code == 200
        spaces = api.get("/spaces").get_json()["items"]
        assert len(spaces) == 1
        roles = {m["user_id"]: m["role"] for m in spaces[0]["members"]}
        assert roles[login.get_json()["id"]] == role
