"""With MEND_REQUIRE_THERAPIST_MFA on, the web app leads a new therapist to set up a second
factor before anything else; the pages on the way pass an axe-core WCAG 2.2 AA scan."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.axe import AXE, describe, scan
from tests.e2e.server import mend_server
from tests.e2e.steps import PASSWORD, register, shoot, unique_email


@pytest.fixture(scope="module")
def strict_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second Mend server with the therapist rule on, as in production."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(os.environ, "MEND_REQUIRE_THERAPIST_MFA", "on")
        with mend_server(tmp_path_factory.mktemp("e2e-strict"), demo=False) as url:
            yield url


@pytest.fixture
def page(browser: Any, strict_url: str) -> Iterator[Page]:
    """A fresh browser context on the strict server (CSP bypassed so axe can be injected)."""
    context = browser.new_context(base_url=strict_url, bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def accessible(page: Page, artifacts: Path, name: str) -> None:
    """Screenshot the page and scan it with axe-core."""
    if not AXE.is_file():
        return
    shoot(page, artifacts, name)
    violations = scan(page)
    assert not violations, f"{name}:\n{describe(violations)}"


def test_a_new_therapist_is_led_to_set_up_a_second_factor_first(
    page: Page, artifacts: Path
) -> None:
    register(page, name="Dr. Okafor", email=unique_email("okafor"), therapist=True)
    expect(page.get_by_role("heading", name="Protect your sign-in", level=1)).to_be_visible()
    expect(page.get_by_text("One more step to protect the couples you work with")).to_be_visible()
    page.goto("/join")
    expect(page.get_by_role("heading", name="Protect your sign-in", level=1)).to_be_visible()
    accessible(page, artifacts, "a11y-therapist-mfa-prompt")

    app = page.get_by_role("region", name="Authenticator app")
    app.get_by_role("button", name="Set up an authenticator app").click()
    app.get_by_label("Your password", exact=True).fill(PASSWORD)
    app.get_by_role("button", name="Set up an authenticator app").click()
    expect(app.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    accessible(page, artifacts, "a11y-totp-qr")
    secret = app.locator(".totp-secret").inner_text().strip()
    app.get_by_label("The six-digit code your app shows now").fill(pyotp.TOTP(secret).now())
    app.get_by_role("button", name="Turn it on").click()
    expect(app.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(10)
    accessible(page, artifacts, "a11y-recovery-codes")

    page.get_by_role("button", name="Continue to your caseload").click()
    expect(page.get_by_role("heading", name="Your caseload", level=1)).to_be_visible()
