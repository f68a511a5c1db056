"""`flask --app mend rotate-keys`: everything moves to the current key, resumably."""

from __future__ import annotations

from flask import Flask

from mend.encryption.columns import active_key_ring
from mend.encryption.rotation import count_by_key, rotate_all, stored_columns
from mend.extensions import db
from tests.account.conftest import Story, ok
from tests.builders import TEST_DATA_KEYS, ApiClient
from tests.encryption.conftest import CANARIES, Reopen, all_readable, same_person
from tests.encryption.keys import NEW_KEY


class Interrupted(Exception):
    """Stands in for Ctrl+C or a killed process between two batches."""


def key_counts(app: Flask) -> dict[str, int]:
    """How many stored values each key id seals."""
    with app.app_context():
        return dict(count_by_key(db.engine, stored_columns(db.metadata)))


def rotate(app: Flask, *args: str) -> str:
    """Run rotate-keys in app; returns its output (it must succeed)."""
    result = app.test_cli_runner().invoke(args=["rotate-keys", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_rotation_moves_everything_and_the_old_key_can_go(
    full_story: tuple[Story, ApiClient], reopen: Reopen
) -> None:
    story, therapist = full_story
    total = key_counts(reopen(TEST_DATA_KEYS))["test1"]
    rotating = reopen(f"{NEW_KEY},{TEST_DATA_KEYS}")

    output = rotate(rotating, "--batch-size", "3")

    assert f"Re-encrypted {total} values" in output
    assert key_counts(rotating) == {"k2": total}
    new_only = reopen(NEW_KEY)
    readable = all_readable(story, therapist, new_only)
    assert [canary for canary in CANARIES if canary not in readable] == []
    for person in (story.couple.hurt, story.couple.repairing):
        verified = ok(same_person(new_only, person).get(f"/spaces/{story.space_id}/record/verify"))
        assert verified["valid"] is True
    assert "already under key 'k2'" in rotate(new_only)


def test_rotation_resumes_where_it_was_interrupted(
    full_story: tuple[Story, ApiClient], reopen: Reopen
) -> None:
    rotating = reopen(f"{NEW_KEY},{TEST_DATA_KEYS}")
    total = key_counts(rotating)["test1"]
    batches: list[int] = []

    def interrupt_after_two_batches(done: int) -> None:
        batches.append(done)
        if len(batches) == 2:
            raise Interrupted

    with rotating.app_context():
        columns, ring = stored_columns(db.metadata), active_key_ring()
        try:
            rotate_all(db.engine, columns, ring, batch_size=2, on_batch=interrupt_after_two_batches)
        except Interrupted:
            pass

    moved = sum(batches)
    assert 0 < moved < total
    assert key_counts(rotating) == {"k2": moved, "test1": total - moved}
    assert f"Re-encrypted {total - moved} values" in rotate(rotating, "--batch-size", "2")
    assert key_counts(rotating) == {"k2": total}


def test_rotation_without_the_old_key_stops_and_changes_nothing(
    full_story: tuple[Story, ApiClient], reopen: Reopen
) -> None:
    before = key_counts(reopen(TEST_DATA_KEYS))
    result = reopen(NEW_KEY).test_cli_runner().invoke(args=["rotate-keys"])

    assert result.exit_code == 1
    assert "under data key 'test1', which MEND_DATA_KEYS does not hold" in result.output
    assert key_counts(reopen(TEST_DATA_KEYS)) == before


def test_data_keys_lists_what_each_key_seals(
    full_story: tuple[Story, ApiClient], reopen: Reopen
) -> None:
    listing = reopen(f"{NEW_KEY},{TEST_DATA_KEYS}").test_cli_runner().invoke(args=["data-keys"])
    assert listing.exit_code == 0
    assert "k2" in listing.output and "(current)" in listing.output
    assert "test1" in listing.output and "can be removed once it seals nothing" in listing.output

    missing = reopen(NEW_KEY).test_cli_runner().invoke(args=["data-keys"])
    assert missing.exit_code == 1
    assert "MISSING from MEND_DATA_KEYS" in missing.output
