"""A second factor in the browser: a passkey through Chromium's virtual authenticator
(DevTools protocol), and an authenticator app whose codes the test computes with pyotp."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import NewPage
from tests.e2e.steps import PASSWORD, open_nav, register, section, shoot, unique_email


@pytest.fixture
def localhost_page(browser: Any, base_url: str) -> Iterator[Page]:
    """A page of a fresh context on http://localhost: passkeys need a domain (an IP address
    is no relying party), and localhost is a secure context without TLS."""
    context = browser.new_context(base_url=base_url.replace("127.0.0.1", "localhost"))
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def virtual_authenticator(page: Page) -> tuple[Any, str]:
    """A platform authenticator that holds passkeys and verifies the person (like Touch ID)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def log_out(page: Page) -> None:
    """Log out from the header and wait for the login page."""
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Welcome to Mend", level=1)).to_be_visible()


def password_step(page: Page, email: str) -> None:
    """Email and password, answered with the second step."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)


def test_a_passkey_is_registered_then_used_after_the_password_and_alone(
    localhost_page: Page, artifacts: Path
) -> None:
    page = localhost_page
    page.goto("/login")
    cdp, authenticator = virtual_authenticator(page)
    email = unique_email("kai")
    register(page, name="Kai", email=email)
    open_nav(page, "Account")

    passkeys = section(page, "Passkeys")
    passkeys.get_by_role("button", name="Add a passkey").click()
    passkeys.get_by_label("A name for this passkey").fill("My laptop")
    passkeys.get_by_label("Your password", exact=True).fill(PASSWORD)
    passkeys.get_by_role("button", name="Create the passkey").click()
    expect(passkeys.get_by_text("Your passkey “My laptop” is saved.")).to_be_visible()
    expect(
        passkeys.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    ).to_have_count(10)
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    assert credentials["credentials"][0]["isResidentCredential"] is True
    shoot(page, artifacts, "passkey-saved")

    log_out(page)
    password_step(page, email)
    page.get_by_role("button", name="Use my passkey").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    log_out(page)
    page.get_by_role("button", name="Use a passkey instead").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    open_nav(page, "Account")
    mine = section(page, "Passkeys").get_by_role("list", name="Your passkeys")
    expect(mine.get_by_role("listitem")).to_have_count(1)
    expect(mine.get_by_role("listitem")).to_contain_text("My laptop")
    expect(mine.get_by_role("listitem")).to_contain_text("last used")

    mine.get_by_role("button", name="Remove My laptop").click()
    mine.get_by_label("Your password", exact=True).fill(PASSWORD)
    mine.get_by_role("button", name="Remove “My laptop”").click()
    expect(mine).to_have_count(0)
    log_out(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert page.errors == []  # type: ignore[attr-defined]


def test_an_authenticator_app_is_set_up_from_the_qr_page_and_asked_for_at_login(
    new_page: NewPage, artifacts: Path
) -> None:
    page = new_page()
    email = unique_email("noor")
    register(page, name="Noor", email=email)
    open_nav(page, "Account")

    app = section(page, "Authenticator app")
    app.get_by_role("button", name="Set up an authenticator app").click()
    app.get_by_label("Your password", exact=True).fill(PASSWORD)
    app.get_by_role("button", name="Set up an authenticator app").click()
    expect(
        app.get_by_role("img", name="QR code to add Mend to your authenticator app")
    ).to_be_visible()
    secret = app.locator(".totp-secret").inner_text().strip()
    totp = pyotp.TOTP(secret)
    app.get_by_label("The six-digit code your app shows now").fill(totp.now())
    app.get_by_role("button", name="Turn it on").click()
    expect(app.get_by_text("Your authenticator app is on.")).to_be_visible()
    codes = app.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    shoot(page, artifacts, "totp-on")

    log_out(page)
    password_step(page, email)
    field = page.get_by_label("The six-digit code from your authenticator app")
    field.fill("000000" if totp.now() != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("That code didn't work")
    # The code of the next time step: the enrolment's step was spent, this one is fresh
    # (and inside the one-step drift window).
    field.fill(totp.at(time.time() + 30))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert page.errors == []  # type: ignore[attr-defined]
