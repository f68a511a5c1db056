"""Web Push end to end against a local push service: encrypted, VAPID-signed, content-free."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import http_ece
import pytest
from flask import Flask
from sqlalchemy import func, select

from mend.extensions import db
from mend.push import service as push
from mend.push.models import PushSubscription
from mend.reminders import service as reminders
from tests.builders import ApiClient, make_user
from tests.push.conftest import BrowserKeys
from tests.push.local_service import PushService, unb64, verify_vapid
from tests.reminders.conftest import choose, slot


def subscribe(person: ApiClient, body: dict[str, Any]) -> Any:
    return person.post("/account/push-subscriptions", json=body)


def subscriptions(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(PushSubscription)) or 0


def test_the_push_key_is_the_servers_vapid_public_key(app: Flask, partner: ApiClient) -> None:
    body = partner.get("/account/push-key").get_json()

    assert body == {"enabled": True, "public_key": app.config["MEND"].vapid_public_key}
    assert len(unb64(body["public_key"])) == 65


def test_a_reminder_arrives_encrypted_signed_and_content_free(
    app: Flask, push_service: PushService, browser_keys: BrowserKeys
) -> None:
    person = make_user(app, display_name="Robin Secretname", timezone="UTC")
    endpoint = push_service.endpoint()
    assert subscribe(person, browser_keys.subscription(endpoint)).status_code == 201
    choose(person, checkin=slot("08:00"), channels=["push"])

    with app.app_context():
        assert reminders.send_due(now=datetime(2026, 10, 22, 8, 5, tzinfo=UTC)) == 1

    (message,) = push_service.received
    assert message["headers"]["content-encoding"] == "aes128gcm"
    plain = http_ece.decrypt(
        message["body"],
        private_key=browser_keys.private_key,
        auth_secret=browser_keys.auth_secret,
        version="aes128gcm",
    )
    assert json.loads(plain) == push.NEUTRAL
    assert b"Secretname" not in plain and b"check" not in plain.lower()
    vapid = verify_vapid(message["headers"]["authorization"], push_service.origin)
    assert vapid["key"] == app.config["MEND"].vapid_public_key
    assert vapid["claims"]["sub"].startswith("mailto:")


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_that_is_gone_is_dropped(
    app: Flask, push_service: PushService, browser_keys: BrowserKeys, status: int
) -> None:
    person = make_user(app)
    assert subscribe(person, browser_keys.subscription(push_service.endpoint())).status_code == 201
    push_service.status = status

    with app.app_context():
        assert push.notify(person.id) == 0

    assert len(push_service.received) == 1
    assert subscriptions(app) == 0


def test_a_passing_failure_keeps_the_subscription(
    app: Flask, push_service: PushService, browser_keys: BrowserKeys
) -> None:
    person = make_user(app)
    subscribe(person, browser_keys.subscription(push_service.endpoint()))
    push_service.status = 503

    with app.app_context():
        push.notify(person.id)

    assert subscriptions(app) == 1


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.com/x",  # not https
        "https://127.0.0.1/x",  # loopback
        "https://10.0.0.8/x",  # private
        "https://169.254.169.254/latest/meta-data",  # link-local (cloud metadata)
        "https://[::1]/x",
        "https://localhost/x",
        "https://user:pw@push.example.com/x",
        "https://no-such-host.invalid/x",
    ],
)
def test_private_or_odd_endpoints_are_refused(
    partner: ApiClient, browser_keys: BrowserKeys, endpoint: str
) -> None:
    response = subscribe(partner, browser_keys.subscription(endpoint))

    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_local_endpoint_is_refused_unless_its_origin_is_allowed(
    app: Flask, partner: ApiClient, browser_keys: BrowserKeys
) -> None:
    body = browser_keys.subscription("http://127.0.0.1:9/push/x")

    assert subscribe(partner, body).status_code == 422
    assert subscriptions(app) == 0


@pytest.mark.parametrize(
    "change",
    [{"keys": {"p256dh": "short", "auth": "x"}}, {"endpoint": "not a url"}, {"extra": 1}],
)
def test_a_malformed_subscription_is_422(
    partner: ApiClient, browser_keys: BrowserKeys, change: dict[str, Any]
) -> None:
    body = browser_keys.subscription("https://push.example.com/x") | change

    assert subscribe(partner, body).status_code == 422


def test_deleting_a_subscription_and_someone_elses_is_404(
    app: Flask, push_service: PushService, browser_keys: BrowserKeys
) -> None:
    owner, other = make_user(app), make_user(app)
    created = subscribe(owner, browser_keys.subscription(push_service.endpoint())).get_json()
    path = f"/account/push-subscriptions/{created['id']}"

    assert other.delete(path).status_code == 404
    assert owner.delete(path).status_code == 204
    assert subscriptions(app) == 0
