"""Mail settings: MEND_SMTP_URL's forms, MEND_PUBLIC_URL, the production warning."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from mend.config import ConfigError, load_settings
from mend.mail.transport import SmtpServer, parse_smtp_url
from tests.conftest import build_app


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.local", SmtpServer("smtp", "mail.local", 25, None, None)),
        ("smtp://127.0.0.1:2525", SmtpServer("smtp", "127.0.0.1", 2525, None, None)),
        (
            "smtp+starttls://me%40x.org:p%3Ass@mail.x.org:587",
            SmtpServer("smtp+starttls", "mail.x.org", 587, "me@x.org", "p:ss"),
        ),
        ("smtps://u:p@mail.x.org", SmtpServer("smtps", "mail.x.org", 465, "u", "p")),
    ],
)
def test_smtp_urls_are_parsed(url: str, expected: SmtpServer) -> None:
    assert parse_smtp_url(url) == expected


@pytest.mark.parametrize("url", ["http://mail.x.org", "smtp://", "mail.x.org:25"])
def test_a_bad_smtp_url_is_a_config_error(url: str) -> None:
    with pytest.raises(ConfigError):
        parse_smtp_url(url)


def test_public_url_must_be_http(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings(environ={"MEND_PUBLIC_URL": "javascript:alert(1)"}, instance_path=tmp_path)
    settings = load_settings(
        environ={"MEND_PUBLIC_URL": "https://mend.example.org/"}, instance_path=tmp_path
    )
    assert settings.public_url == "https://mend.example.org"


def test_production_without_smtp_warns_at_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mend"):
        build_app(tmp_path, env="production", secret_key="s" * 40)
    assert any("MEND_SMTP_URL is not set" in record.message for record in caplog.records)
