"""Settings from MEND_* variables: secrets, database URL, body limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from mend.config import ConfigError, load_settings
from mend.encryption.keys import new_key_entry
from tests.builders import TEST_DATA_KEYS

KEYS = new_key_entry("k1")


def test_development_secret_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = load_settings(environ={"MEND_INSTANCE_PATH": str(tmp_path)})
    second = load_settings(environ={"MEND_INSTANCE_PATH": str(tmp_path)})
    assert len(first.secret_key) >= 32
    assert first.secret_key == second.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="MEND_SECRET_KEY"):
        load_settings(environ={"MEND_ENV": "production", "MEND_INSTANCE_PATH": str(tmp_path)})


def test_production_refuses_a_short_secret(tmp_path: Path) -> None:
    environ = {"MEND_ENV": "production", "MEND_SECRET_KEY": "x" * 31}
    with pytest.raises(ConfigError, match="32 bytes"):
        load_settings(environ={**environ, "MEND_INSTANCE_PATH": str(tmp_path)})


def test_production_accepts_a_long_secret(tmp_path: Path) -> None:
    environ = {"MEND_ENV": "production", "MEND_SECRET_KEY": "x" * 32, "MEND_DATA_KEYS": KEYS}
    settings = load_settings(environ={**environ, "MEND_INSTANCE_PATH": str(tmp_path)})
    assert settings.production
    assert not (tmp_path / "secret_key").exists()


def test_database_defaults_to_sqlite_in_the_instance_folder(tmp_path: Path) -> None:
    settings = load_settings(environ={"MEND_INSTANCE_PATH": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'mend.sqlite3'}"


def test_database_url_is_used_unchanged(tmp_path: Path) -> None:
    url = "postgresql+psycopg://mend@db:5432/mend"
    settings = load_settings(
        environ={"MEND_DATABASE_URL": url, "MEND_INSTANCE_PATH": str(tmp_path)}
    )
    assert settings.database_url == url


@pytest.mark.parametrize("raw", ["lots", "-1", "0"])
def test_bad_body_limit_is_refused(tmp_path: Path, raw: str) -> None:
    with pytest.raises(ConfigError, match="MEND_MAX_BODY_BYTES"):
        load_settings(environ={"MEND_MAX_BODY_BYTES": raw, "MEND_INSTANCE_PATH": str(tmp_path)})


def test_body_limit_becomes_flask_max_content_length(tmp_path: Path) -> None:
    settings = load_settings(
        environ={"MEND_MAX_BODY_BYTES": "2048", "MEND_INSTANCE_PATH": str(tmp_path)}
    )
    assert settings.flask_config()["MAX_CONTENT_LENGTH"] == 2048


@pytest.mark.parametrize(
    ("env", "raw", "expected"),
    [
        ("production", None, True),
        ("development", None, False),
        ("testing", None, False),
        ("production", "off", False),
        ("development", "1", True),
        ("development", "TRUE", True),
    ],
)
def test_therapist_mfa_rule_is_on_in_production_unless_set(env, raw, expected, tmp_path) -> None:
    environ = {"MEND_SECRET_KEY": "x" * 40, "MEND_DATA_KEYS": TEST_DATA_KEYS}
    if raw is not None:
        environ["MEND_REQUIRE_THERAPIST_MFA"] = raw
    settings = load_settings(environ, env=env, instance_path=tmp_path)
    assert settings.require_therapist_mfa is expected


def test_an_unclear_therapist_mfa_setting_is_a_start_up_error(tmp_path) -> None:
    with pytest.raises(ConfigError, match="MEND_REQUIRE_THERAPIST_MFA"):
        load_settings({"MEND_REQUIRE_THERAPIST_MFA": "maybe"}, instance_path=tmp_path)


def test_quick_exit_goes_to_another_site_by_default(tmp_path: Path) -> None:
    settings = load_settings(environ={"MEND_INSTANCE_PATH": str(tmp_path)})
    assert settings.quick_exit_url.startswith("https://")
    assert "127.0.0.1" not in settings.quick_exit_url


@pytest.mark.parametrize(
    "url", ["/weather.html", "javascript:alert(1)", "https://", 'https://a.example/"x']
)
def test_quick_exit_address_must_be_absolute_http(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigError, match="MEND_QUICK_EXIT_URL"):
        load_settings(environ={"MEND_INSTANCE_PATH": str(tmp_path), "MEND_QUICK_EXIT_URL": url})
