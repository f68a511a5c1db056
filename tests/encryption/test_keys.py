"""MEND_DATA_KEYS: parsed strictly, generated for development, required in production."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mend.config import ConfigError, load_settings
from mend.encryption.commands import new_data_key
from mend.encryption.keys import new_key_entry

KEY = base64.b64encode(bytes(range(32))).decode()
PRODUCTION = {"MEND_ENV": "production", "MEND_SECRET_KEY": "x" * 32}


def settings_with(tmp_path: Path, **environ: str):  # type: ignore[no-untyped-def]
    """Settings read from these variables, with the instance folder in tmp_path."""
    return load_settings(environ={"MEND_INSTANCE_PATH": str(tmp_path), **environ})


def test_the_first_key_is_current_and_every_key_opens(tmp_path: Path) -> None:
    older = new_key_entry("2025-b")
    ring = settings_with(tmp_path, MEND_DATA_KEYS=f"k3:{KEY}, {older}").data_keys
    assert ring.current_id == "k3"
    assert ring.ids == ("k3", "2025-b")
    assert ring.cipher("2025-b") is not None and ring.cipher("k9") is None
    assert KEY not in repr(ring)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (" , ", "holds no key"),
        (KEY, "entry 1 must look like 'id:base64key'"),
        (f"k1:{KEY},bad id:{KEY}", "entry 2 must look like"),
        (f"k1:{KEY},k1:{KEY}", "names key 'k1' twice"),
        ("k1:not base64!", "key 'k1' is not valid base64"),
        (f"k1:{base64.b64encode(bytes(16)).decode()}", "must be 32 bytes (AES-256), got 16"),
    ],
)
def test_a_malformed_key_ring_is_refused_clearly(tmp_path: Path, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)) as refused:
        settings_with(tmp_path, **PRODUCTION, MEND_DATA_KEYS=value)
    assert KEY not in str(refused.value)


def test_production_refuses_to_start_without_data_keys(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="MEND_DATA_KEYS is required when MEND_ENV=production"):
        settings_with(tmp_path, **PRODUCTION)
    assert not (tmp_path / "data_keys").exists()


def test_development_generates_a_key_ring_once_and_keeps_it(tmp_path: Path) -> None:
    first, second = settings_with(tmp_path), settings_with(tmp_path)
    assert first.data_keys.current_id == "dev1"
    assert first.data_keys.keys == second.data_keys.keys
    assert len(first.data_keys.keys["dev1"]) == 32
    assert (tmp_path / "data_keys").stat().st_mode & 0o077 == 0


def test_new_data_key_prints_an_entry_to_put_first(tmp_path: Path) -> None:
    printed = CliRunner().invoke(new_data_key, ["2026-12"]).output.strip()
    ring = settings_with(tmp_path, MEND_DATA_KEYS=printed).data_keys
    assert ring.current_id == "2026-12" and len(ring.keys["2026-12"]) == 32
    assert CliRunner().invoke(new_data_key, ["no spaces"]).exit_code == 2
