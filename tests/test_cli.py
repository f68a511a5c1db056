"""The demo-data command."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from mend.checkins.models import Checkin
from mend.cli import DEMO_ACCOUNTS, DEMO_PASSWORD
from mend.extensions import db
from mend.record.models import LedgerEntry
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
        assert len(spaces) == (6 if role == "therapist" else 1)  # the therapist sees every couple
        sam_and_alex = next(space for space in spaces if space["name"] == "Sam & Alex")
        roles = {m["user_id"]: m["role"] for m in sam_and_alex["members"]}
        assert roles[login.get_json()["id"]] == role


def test_demo_history_covers_90_days_and_verifies(app: Flask) -> None:
    assert app.test_cli_runner().invoke(args=["demo-data"]).exit_code == 0
    hurt = ApiClient(app)
    hurt.post("/auth/login", json={"email": DEMO_ACCOUNTS[0][0], "password": DEMO_PASSWORD})
    space_id = hurt.get("/spaces").get_json()["items"][0]["id"]
    verification = hurt.get(f"/spaces/{space_id}/record/verify").get_json()
    assert verification["valid"] is True
    with app.app_context():
        days = {
            c.created_at.date()
            for c in db.session.scalars(
                select(Checkin).where(
                    Checkin.felt_safety.is_not(None), Checkin.space_id == space_id
                )
            )
        }
        kinds = set(
            db.session.scalars(select(LedgerEntry.kind).where(LedgerEntry.space_id == space_id))
        )
    assert 75 <= len(days) <= 91
    assert {"disclosure_revision", "check_review", "commitment_check", "checkin"} <= kinds
    assert verification["entries"] > 300
