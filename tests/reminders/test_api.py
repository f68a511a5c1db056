"""GET/PUT /account/reminders: all off by default, validated, times in the person's own zone."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.builders import ApiClient
from tests.reminders.conftest import choices, choose, slot


def test_everything_is_off_by_default(partner: ApiClient) -> None:
    response = partner.get("/account/reminders")

    assert response.status_code == 200
    body = response.get_json()
    assert body["checkin"]["enabled"] is False
    assert body["commitments"]["enabled"] is False
    assert body["measures"]["enabled"] is False
    assert body["activity"] == {"enabled": False, "muted_until": None}
    assert body["digest"]["enabled"] is False
    assert body["quiet_hours"] is None and body["snoozed_until"] is None


def test_choices_are_kept(partner: ApiClient) -> None:
    quiet = {"from": "22:00", "to": "07:00"}
    saved = choose(partner, checkin=slot("08:30", ["mon", "fri"]), quiet_hours=quiet)

    again = partner.get("/account/reminders").get_json()

    assert again == saved
    assert again["checkin"] == {"enabled": True, "time": "08:30", "days": ["mon", "fri"]}
    assert again["quiet_hours"] == quiet


def test_a_snooze_is_kept(partner: ApiClient) -> None:
    saved = choose(partner, snoozed_until="2030-01-02T08:00:00+00:00")

    assert saved["snoozed_until"] == "2030-01-02T08:00:00+00:00"


@pytest.mark.parametrize(
    "change",
    [
        {"checkin": slot("25:00")},
        {"checkin": slot("8:00")},
        {"checkin": slot("08:00", ["monday"])},
        {"checkin": {"enabled": "yes", "time": "08:00", "days": []}},
        {"channels": ["sms"]},
        {"quiet_hours": {"from": "22:00"}},
        {"activity": {"enabled": True, "extra": 1}},
        {"snoozed_until": "2030-01-02T08:00:00"},
    ],
)
def test_bad_choices_are_a_clear_problem(partner: ApiClient, change: dict[str, Any]) -> None:
    response = partner.put("/account/reminders", json=choices(**change))

    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"


def test_reminders_need_a_login(app: Flask) -> None:
    assert ApiClient(app).get("/account/reminders").status_code == 401
