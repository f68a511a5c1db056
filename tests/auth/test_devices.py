"""Device names for the sessions list, and the device cookie's contents."""

from __future__ import annotations

import pytest

from mend.auth import devices

SECRET = "s" * 40


@pytest.mark.parametrize(
    ("user_agent", "name"),
    [
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Firefox on Linux",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Safari on macOS",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1",
            "Chrome on iOS",
        ),
        (
            "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) Chrome/131.0.0.0 Safari/537.36",
            "Chrome on ChromeOS",
        ),
        ("Mozilla/5.0 (Windows NT 10.0) Something/1.0", "A browser on Windows"),
        ("curl/8.5.0", "Unknown device"),
        ("", "Unknown device"),
        (None, "Unknown device"),
    ],
)
def test_devices_get_a_plain_name(user_agent: str | None, name: str) -> None:
    assert devices.describe(user_agent) == name


def test_cookie_round_trips_and_rejects_another_key() -> None:
    account = devices.account_key(SECRET, "Robin@Example.org ")
    cookie = devices.new_device().with_account(account)
    value = devices.encode(cookie, secret_key=SECRET)
    assert devices.decode(value, secret_key=SECRET) == cookie
    assert devices.decode(value, secret_key="t" * 40) is None
    assert devices.decode(value + "x", secret_key=SECRET) is None
    assert "robin" not in value.lower()


def test_account_key_ignores_case_and_depends_on_the_secret() -> None:
    assert devices.account_key(SECRET, "a@b.org") == devices.account_key(SECRET, " A@B.org")
    assert devices.account_key(SECRET, "a@b.org") != devices.account_key("t" * 40, "a@b.org")


def test_a_shared_device_remembers_the_newest_accounts() -> None:
    cookie = devices.new_device()
    for number in range(devices.ACCOUNTS_PER_DEVICE + 2):
        cookie = cookie.with_account(f"account-{number}")
    assert len(cookie.accounts) == devices.ACCOUNTS_PER_DEVICE
    assert not cookie.knows("account-0")
    assert cookie.knows(f"account-{devices.ACCOUNTS_PER_DEVICE + 1}")
    assert cookie.with_account("account-3").accounts[-1] == "account-3"
