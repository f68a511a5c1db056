"""Builders for reminder tests: choices through the API, the outbox read back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from mend.extensions import db
from mend.mail import outbox as outbox_module
from mend.mail.models import OutboxMail
from mend.reminders.schedule import DAYS
from tests.builders import ApiClient
from tests.push.conftest import browser_keys, push_service  # noqa: F401  (fixtures used here too)

EVERY_DAY = list(DAYS)


def choices(**given: Any) -> dict[str, Any]:
    """A full reminder body: everything off, with the given parts replaced."""
    off = {"enabled": False, "time": "19:00", "days": EVERY_DAY}
    body: dict[str, Any] = {
        "checkin": off,
        "commitments": off,
        "measures": off,
        "activity": {"enabled": False},
        "channels": ["email"],
        "quiet_hours": None,
    }
    return body | given


def slot(time: str, days: list[str] | None = None) -> dict[str, Any]:
    """A timed reminder switched on."""
    return {"enabled": True, "time": time, "days": days or EVERY_DAY}


def choose(api: ApiClient, **given: Any) -> dict[str, Any]:
    """Save reminder choices through the API and return what it answers."""
    response = api.put("/account/reminders", json=choices(**given))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def outbox(app: Flask, template_prefix: str = "reminder-") -> list[OutboxMail]:
    """The reminder mails queued so far, oldest first."""
    with app.app_context():
        rows = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
        db.session.expunge_all()
    return [row for row in rows if row.template.startswith(template_prefix)]


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Every mail queued while the test runs, with its address (which delivery then clears)."""
    seen: list[dict[str, Any]] = []
    original = outbox_module.queue

    def recording(**mail: Any) -> None:
        seen.append(mail)
        original(**mail)

    monkeypatch.setattr(outbox_module, "queue", recording)
    yield seen
