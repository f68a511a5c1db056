"""The periodic task the worker runs: registered with the queue, and it sends what is due."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask

from mend.reminders import service
from mend.reminders.tasks import send_due_reminders
from mend.tasks import huey
from tests.builders import make_user
from tests.reminders.conftest import choose, outbox, slot


def test_the_task_is_periodic_every_five_minutes() -> None:
    due_at_five_past = {
        type(task).__name__ for task in huey.read_periodic(datetime(2026, 10, 22, 8, 5))
    }
    due_at_six_past = {
        type(task).__name__ for task in huey.read_periodic(datetime(2026, 10, 22, 8, 6))
    }

    assert "send_due_reminders" in due_at_five_past
    assert "send_due_reminders" not in due_at_six_past


def test_the_task_sends_the_reminders_due_now(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    person = make_user(app, timezone="UTC")
    choose(person, checkin=slot("08:00"))
    monkeypatch.setattr(service, "utcnow", lambda: datetime(2026, 10, 22, 8, 5, tzinfo=UTC))

    with app.app_context():
        send_due_reminders.call_local()
        send_due_reminders.call_local()

    assert [mail.template for mail in outbox(app)] == ["reminder-checkin"]
