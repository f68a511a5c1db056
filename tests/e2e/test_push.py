"""Push in the browser: Chromium subscribes from the account page, a reminder is pushed, and
what arrives is encrypted for that browser (aes128gcm), VAPID-signed and content-free.

Why a stand-in for `PushManager.prototype.subscribe`: a real subscription asks the browser
vendor's push service (Google's, for Chromium) for an endpoint, and headless Chromium
offline has none, so subscribing fails. The stand-in does the part of that work that
matters to Mend, in the page and with the same WebCrypto a browser uses: it makes a P-256
key pair and a 16-byte auth secret and hands back a PushSubscription-like object whose
endpoint is a local push service this test runs (allowed through MEND_PUSH_ALLOWED_ORIGINS,
as the server posts only to public https addresses otherwise). Everything else is real:
the permission is granted through the browser context, the account page subscribes and
tells the server, the server's worker sends the reminder, and the test decrypts it with
the private key exported from the page.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from huey.storage import SqliteStorage
from playwright.sync_api import expect

from mend.push.service import NEUTRAL
from mend.reminders.tasks import send_due_reminders
from tests.e2e.conftest import NewPage
from tests.e2e.server import mend_server
from tests.e2e.steps import open_nav, register, section, start_space, unique_email
from tests.live.servers import wait_until
from tests.push.local_service import PushService, running_push_service, unb64, verify_vapid
from tests.topology.worker import QUEUE, run_now

ZONE = "Europe/London"  # the browser's, so the account's
STAND_IN = Path(__file__).with_name("push_stand_in.js").read_text()


@pytest.fixture(scope="module")
def push_service() -> Iterator[PushService]:
    """The local push service the stand-in subscription points at."""
    with running_push_service() as service:
        yield service


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The push test server's instance folder (its queue lives there)."""
    return tmp_path_factory.mktemp("e2e-push-server")


@pytest.fixture(scope="module")
def base_url(instance: Path, push_service: PushService) -> Iterator[str]:
    """A Mend server of its own that may post to the local push service."""
    settings = {"MEND_PUSH_ALLOWED_ORIGINS": push_service.origin}
    with mend_server(instance, demo=False, extra_env=settings) as url:
        yield url


def due_time_now() -> str:
    """The wall-clock time now in ZONE (HH:MM): a reminder at that time is due when the task
    runs, unless the day ends first (so in a day's last two minutes, wait for the next)."""
    local = datetime.now(ZoneInfo(ZONE))
    if (local.hour, local.minute) >= (23, 58):
        time.sleep(24 * 3600 - (local.hour * 3600 + local.minute * 60 + local.second) + 2)
        local = datetime.now(ZoneInfo(ZONE))
    return local.strftime("%H:%M")


def private_key_from(jwk: dict[str, str]) -> ec.EllipticCurvePrivateKey:
    """The browser's P-256 private key, from the JWK WebCrypto exported."""
    return ec.derive_private_key(int.from_bytes(unb64(jwk["d"]), "big"), ec.SECP256R1())


def test_a_partner_subscribes_in_chromium_and_a_reminder_arrives_encrypted_and_content_free(
    new_page: NewPage, push_service: PushService, instance: Path
) -> None:
    page = new_page()
    page.context.add_init_script(STAND_IN.replace("__ENDPOINT__", push_service.endpoint()))
    page.context.grant_permissions(["notifications"])
    register(page, name="Lee", email=unique_email("lee"))
    start_space(page)
    page.get_by_role("radio", name=re.compile("I was hurt")).check()
    page.get_by_role("button", name="Create our space").click()
    expect(page.get_by_role("heading", name="Hello, Lee", level=1)).to_be_visible()

    open_nav(page, "Account")
    device = section(page, "Notifications on this device")
    expect(device.get_by_text("Notifications are off for this device.")).to_be_visible()
    device.get_by_role("button", name="Turn on notifications on this device").click()
    expect(device.get_by_text("Notifications are on for this device.")).to_be_visible()
    assert page.evaluate("() => Notification.permission") == "granted"
    worker = page.evaluate(
        "() => navigator.serviceWorker.getRegistration('/sw.js').then((r) => !!r && !!r.active)"
    )
    assert worker, "the service worker did not install"
    browser_side: dict[str, Any] = page.evaluate("() => window.mendPushStandIn")
    server_key = page.evaluate("() => fetch('/api/v1/account/push-key').then((r) => r.json())")
    assert browser_side["applicationServerKey"] == server_key["public_key"]

    reminders = section(page, "Reminders")
    reminders.get_by_label("Remind me to check in").check()
    reminders.get_by_label("Check-in reminder time").fill(due_time_now())
    reminders.get_by_label("Also as a notification on my devices").check()
    reminders.get_by_role("button", name="Save my reminders").click()
    expect(reminders.get_by_text("Your reminders are saved.")).to_be_visible()

    # The server's schedule runs the reminder task every five minutes; run it now instead.
    queue = SqliteStorage(QUEUE, filename=str(instance / "tasks.sqlite3"))
    try:
        run_now(queue, send_due_reminders)
    finally:
        queue.close()
    assert wait_until(lambda: push_service.received, timeout=30), "no push arrived"

    (message,) = push_service.received
    assert message["path"] == "/push/browser"
    assert message["headers"]["content-encoding"] == "aes128gcm"
    plain = http_ece.decrypt(
        message["body"],
        private_key=private_key_from(browser_side["privateKey"]),
        auth_secret=unb64(browser_side["keys"]["auth"]),
        version="aes128gcm",
    )
    assert json.loads(plain) == NEUTRAL
    assert b"Lee" not in plain and b"check" not in plain.lower()
    vapid = verify_vapid(message["headers"]["authorization"], push_service.origin)
    assert vapid["key"] == server_key["public_key"]

    device.get_by_role("button", name="Turn off notifications on this device").click()
    expect(device.get_by_text("Notifications are off for this device.")).to_be_visible()
    assert page.evaluate("() => window.mendPushStandIn.unsubscribed") is True
