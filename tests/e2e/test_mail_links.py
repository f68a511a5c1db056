"""Mailed links in a real browser: register -> verify (in test_story and steps.register),
forgot -> reset, and a change of address, reading the .eml files `mend serve` writes."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import NewPage
from tests.e2e.server import mailed_link
from tests.e2e.steps import PASSWORD, log_in, origin, register, shoot, unique_email

NEW_PASSWORD = "another long and private passphrase"


def test_forgot_password_then_reset_signs_out_everywhere(
    new_page: NewPage, artifacts: Path
) -> None:
    email = unique_email("quinn")
    phone = new_page()
    register(phone, name="Quinn", email=email)  # signed in on the phone
    laptop = new_page()
    laptop.goto("/login")
    laptop.get_by_role("link", name="Forgot your password?").click()
    laptop.get_by_label("Your email").fill(email)
    laptop.get_by_role("button", name="Send me a link").click()
    expect(
        laptop.get_by_role("status").filter(has_text="If that address has an account")
    ).to_be_visible()
    shoot(laptop, artifacts, "mail-forgot-password")

    laptop.goto(mailed_link(origin(laptop), email, "/reset-password"))
    expect(laptop.get_by_role("heading", name="Choose a new password", level=1)).to_be_visible()
    assert "token" not in laptop.url  # taken out of the address bar and history
    laptop.get_by_role("textbox", name="New password").fill(NEW_PASSWORD)
    laptop.get_by_role("button", name="Save my new password").click()
    expect(laptop.get_by_role("heading", name="Welcome to Mend", level=1)).to_be_visible()
    expect(
        laptop.get_by_role("status").filter(has_text="Your new password is saved")
    ).to_be_visible()
    shoot(laptop, artifacts, "mail-reset-done")

    phone.reload()  # the phone's session ended with the reset
    expect(phone.get_by_role("heading", name="Welcome to Mend", level=1)).to_be_visible()
    log_in(laptop, email, NEW_PASSWORD)

    # The same link a second time: used up, said kindly.
    laptop.goto(mailed_link(origin(laptop), email, "/reset-password"))
    laptop.get_by_role("textbox", name="New password").fill("yet another long passphrase")
    laptop.get_by_role("button", name="Save my new password").click()
    expect(laptop.get_by_role("alert")).to_contain_text("expired or was already used")


def test_changing_address_moves_the_account_once_the_new_address_confirms(
    new_page: NewPage, artifacts: Path
) -> None:
    email, new_email = unique_email("rowan"), unique_email("rowan-new")
    page = new_page()
    register(page, name="Rowan", email=email)
    page.goto("/account")
    change = page.get_by_role("region", name="Change your email")
    change.get_by_label("New email").fill(new_email)
    change.get_by_label("Your password").fill(PASSWORD)
    change.get_by_role("button", name="Send the link").click()
    expect(change.get_by_role("status").filter(has_text="Please open the link")).to_be_visible()
    mailed_link(origin(page), email, "/forgot-password")  # the note to the current address
    page.goto(mailed_link(origin(page), new_email, "/confirm-email"))
    expect(page.get_by_role("status").filter(has_text="your account now uses")).to_contain_text(
        new_email
    )
    shoot(page, artifacts, "mail-address-changed")
    page.goto("/account")
    expect(page.get_by_text(new_email)).to_be_visible()
