"""Secrets read from files (MEND_*_FILE), as Docker secrets provide them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mend.config import ConfigError, load_settings
from mend.encryption.keys import parse_key_ring
from tests.builders import TEST_DATA_KEYS

SECRET = "a-secret-from-a-file-that-is-long-enough-0123456789"


def write(tmp_path: Path, name: str, text: str) -> str:
    """A secret file as Docker mounts it (with a trailing newline); returns its path."""
    path = tmp_path / name
    path.write_text(text + "\n")
    return str(path)


def test_secret_key_and_data_keys_are_read_from_their_files(tmp_path: Path) -> None:
    environ = {
        "MEND_ENV": "production",
        "MEND_SECRET_KEY_FILE": write(tmp_path, "key", SECRET),
        "MEND_DATA_KEYS_FILE": write(tmp_path, "data_keys", TEST_DATA_KEYS),
    }
    settings = load_settings(environ, instance_path=tmp_path)
    assert settings.secret_key == SECRET
    assert settings.data_keys == parse_key_ring(TEST_DATA_KEYS)


def test_database_and_redis_urls_are_read_from_their_files(tmp_path: Path) -> None:
    database = "postgresql+psycopg://mend:pw@db:5432/mend"
    environ = {
        "MEND_DATABASE_URL_FILE": write(tmp_path, "db", database),
        "MEND_REDIS_URL_FILE": write(tmp_path, "redis", "redis://:pw@redis:6379/0"),
    }
    settings = load_settings(environ, instance_path=tmp_path)
    assert settings.database_url == database
    assert settings.redis_url == "redis://:pw@redis:6379/0"


def test_a_short_secret_from_a_file_is_refused_in_production(tmp_path: Path) -> None:
    environ = {
        "MEND_ENV": "production",
        "MEND_SECRET_KEY_FILE": write(tmp_path, "key", "short"),
        "MEND_DATA_KEYS": TEST_DATA_KEYS,
    }
    with pytest.raises(ConfigError, match="at least 32 bytes"):
        load_settings(environ, instance_path=tmp_path)


@pytest.mark.parametrize(
    ("contents", "message"),
    [(None, "MEND_SECRET_KEY_FILE cannot be read"), ("", "MEND_SECRET_KEY_FILE names an empty")],
)
def test_a_missing_or_empty_file_stops_the_start(
    tmp_path: Path, contents: str | None, message: str
) -> None:
    path = tmp_path / "key"
    if contents is not None:
        path.write_text(contents)
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings({"MEND_SECRET_KEY_FILE": str(path)}, instance_path=tmp_path)
    assert str(tmp_path) not in str(raised.value)


def test_a_setting_and_its_file_together_are_refused(tmp_path: Path) -> None:
    environ = {"MEND_SECRET_KEY": SECRET, "MEND_SECRET_KEY_FILE": write(tmp_path, "key", SECRET)}
    with pytest.raises(ConfigError, match="not both"):
        load_settings(environ, instance_path=tmp_path)
