"""A wrong or missing data key is a clear error, at start-up and on reading; never garbage."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import Text, column, table, update

from mend.encryption.startup import DataKeysDoNotFit, check_data_keys
from mend.extensions import db
from tests.account.conftest import Story
from tests.builders import TEST_DATA_KEYS, ApiClient
from tests.encryption.conftest import CANARIES, Reopen, same_person
from tests.encryption.keys import NEW_KEY, WRONG_TEST1

PROBLEM = "urn:mend:problem:data-key-unavailable"


@pytest.mark.parametrize(
    ("ring", "message"),
    [
        (NEW_KEY, "under data key 'test1', which MEND_DATA_KEYS does not hold"),
        (WRONG_TEST1, "does not open with data key 'test1'"),
    ],
    ids=["missing key", "wrong key"],
)
def test_reading_with_a_key_that_does_not_fit_is_a_clear_problem(
    full_story: tuple[Story, ApiClient],
    reopen: Reopen,
    caplog: pytest.LogCaptureFixture,
    ring: str,
    message: str,
) -> None:
    story, _therapist = full_story
    reader = same_person(reopen(ring), story.couple.hurt)

    with caplog.at_level(logging.ERROR):
        response = reader.get(f"/spaces/{story.space_id}/disclosures/{story.disclosure_id}")

    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == PROBLEM
    assert message in caplog.text
    assert not [canary for canary in CANARIES if canary in caplog.text]


@pytest.mark.parametrize("ring", [NEW_KEY, WRONG_TEST1], ids=["missing key", "wrong key"])
def test_start_up_refuses_a_key_ring_that_cannot_read_the_database(
    full_story: tuple[Story, ApiClient], reopen: Reopen, ring: str
) -> None:
    with pytest.raises(DataKeysDoNotFit, match="Mend cannot start: .*Check MEND_DATA_KEYS"):
        check_data_keys(reopen(ring))
    check_data_keys(reopen(f"{NEW_KEY},{TEST_DATA_KEYS}"))  # the right ring starts


def test_the_production_server_does_not_start_with_the_wrong_key(
    app: Flask, full_story: tuple[Story, ApiClient], tmp_path: Path
) -> None:
    environment = {
        **os.environ,
        "MEND_DATABASE_URL": str(app.config["SQLALCHEMY_DATABASE_URI"]),
        "MEND_INSTANCE_PATH": str(tmp_path),
        "MEND_DATA_KEYS": WRONG_TEST1,
        "MEND_SECRET_KEY": "s" * 40,
    }
    started = subprocess.run(
        [sys.executable, "-c", "import mend.wsgi"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode != 0
    assert "Mend cannot start: a value in" in started.stderr
    assert "does not open with data key 'test1'" in started.stderr


def test_a_value_moved_to_another_column_does_not_open(
    app: Flask, full_story: tuple[Story, ApiClient], caplog: pytest.LogCaptureFixture
) -> None:
    story, _therapist = full_story
    revisions = table("disclosure_revision", column("title", Text), column("body", Text))
    with app.app_context():
        db.session.execute(
            update(revisions).values(title=revisions.c.body)
        )  # right key, wrong place
        db.session.commit()

    with caplog.at_level(logging.ERROR):
        response = story.couple.hurt.get(
            f"/spaces/{story.space_id}/disclosures/{story.disclosure_id}"
        )

    assert response.status_code == 500 and response.get_json()["type"] == PROBLEM
    assert "a value in disclosure_revision.title does not open with data key 'test1'" in caplog.text
