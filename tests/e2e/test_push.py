"""Push in the browser: Chromium, with notifications allowed through the browser context."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import NewPage
from tests.e2e.steps import open_nav, register, section, start_space, unique_email


def test_a_partner_turns_on_notifications_on_this_device(new_page: NewPage) -> None:
    page = new_page()
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
    outcome = device.get_by_text("Notifications are on for this device.").or_(
        device.get_by_role("alert")
    )
    expect(outcome).to_be_visible(timeout=20_000)
    assert page.evaluate("() => Notification.permission") == "granted"
    worker = page.evaluate(
        "() => navigator.serviceWorker.getRegistration('/sw.js').then((r) => !!r && !!r.active)"
    )
    assert worker, "the service worker did not install"
    if device.get_by_role("alert").count():
        # Chromium without a vendor push service (no network, no API keys) can't subscribe.
        pytest.skip(
            f"this Chromium has no push service: {device.get_by_role('alert').inner_text()}"
        )
    subscriptions = page.evaluate(
        "() => navigator.serviceWorker.ready.then((r) => r.pushManager.getSubscription())"
        ".then((s) => s && s.endpoint)"
    )
    assert subscriptions
    device.get_by_role("button", name="Turn off notifications on this device").click()
    expect(device.get_by_text("Notifications are off for this device.")).to_be_visible()
