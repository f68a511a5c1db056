"""Encryption test helpers: a story full of canaries, the same database under other keys."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.account.conftest import HURT_CANARIES, REPAIRING_CANARIES, Story, ok, write_story
from tests.builders import ApiClient, Couple, add_therapist
from tests.conftest import build_app

THERAPIST_CANARY = "canary-therapist-note-6681"
CANARIES = [*REPAIRING_CANARIES.values(), *HURT_CANARIES.values(), THERAPIST_CANARY]
SESSION_COOKIE = "mend_session"

Reopen = Callable[[str], Flask]


@pytest.fixture
def full_story(app: Flask, couple: Couple) -> tuple[Story, ApiClient]:
    """One of every kind of record (each word a canary), plus a therapist's note."""
    story = write_story(couple)
    therapist = add_therapist(app, couple)
    note = {"body": THERAPIST_CANARY}
    ok(therapist.post(f"/spaces/{couple.space_id}/therapist-notes", json=note), 201)
    return story, therapist


@pytest.fixture
def reopen(app: Flask, tmp_path: Path) -> Reopen:
    """Open the suite's database in another app process with another MEND_DATA_KEYS
    (build_app's apps have their pools closed when the test ends)."""

    def open_with(data_keys: str) -> Flask:
        return build_app(
            tmp_path / uuid.uuid4().hex,
            database_url=str(app.config["SQLALCHEMY_DATABASE_URI"]),
            secret_key=app.config["SECRET_KEY"],
            data_keys=data_keys,
        )

    return open_with


def same_person(other: Flask, api: ApiClient) -> ApiClient:
    """api's logged-in person, talking to the other app (same secret key, same session)."""
    cookie = api.http.get_cookie(SESSION_COOKIE)
    assert cookie is not None
    clone = ApiClient(other)
    clone.http.set_cookie(SESSION_COOKIE, cookie.value)
    clone.user = api.user
    return clone


def everything_read(api: ApiClient, space_id: int, therapist: ApiClient | None = None) -> str:
    """Everything the person can read back (their export, and a therapist's notes), as text."""
    text = str(ok(api.get("/account/export")))
    if therapist is not None:
        text += str(ok(therapist.get(f"/spaces/{space_id}/therapist-notes")))
    return text


def all_readable(story: Story, therapist: ApiClient, app: Flask | None = None) -> str:
    """What both partners and the therapist read back, through app (default: their own)."""
    couple = story.couple
    people: list[Any] = [couple.hurt, couple.repairing, therapist]
    if app is not None:
        people = [same_person(app, person) for person in people]
    hurt, repairing, doctor = people
    return everything_read(hurt, story.space_id) + everything_read(
        repairing, story.space_id, doctor
    )
