"""Therapist notes are private to the therapist who wrote them."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.builders import Couple, add_therapist, make_couple


def notes_path(space_id: int) -> str:
    return f"/spaces/{space_id}/therapist-notes"


def test_therapist_keeps_and_reads_own_notes(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    for body in ("First session: both calm.", "Second session: talked about June."):
        assert therapist.post(notes_path(couple.space_id), json={"body": body}).status_code == 201
    page = therapist.get(notes_path(couple.space_id)).get_json()
    assert [n["body"] for n in page["items"]] == [
        "Second session: talked about June.",
        "First session: both calm.",
    ]
    assert page["next_before"] is None


def test_partners_and_other_therapists_never_see_notes(app: Flask, couple: Couple) -> None:
    author = add_therapist(app, couple)
    colleague = add_therapist(app, couple)
    author.post(notes_path(couple.space_id), json={"body": "canary-note-7731"})
    for partner in (couple.hurt, couple.repairing):
        response = partner.get(notes_path(couple.space_id))
        assert response.status_code == 404
        assert "canary-note-7731" not in response.get_data(as_text=True)
        assert partner.post(notes_path(couple.space_id), json={"body": "x"}).status_code == 404
    assert colleague.get(notes_path(couple.space_id)).get_json()["items"] == []


def test_therapist_of_another_space_gets_404(app: Flask, couple: Couple) -> None:
    other_therapist = add_therapist(app, make_couple(app))
    assert other_therapist.get(notes_path(couple.space_id)).status_code == 404
    response = other_therapist.post(notes_path(couple.space_id), json={"body": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("body", [{"body": ""}, {"body": "   "}, {"body": "x" * 20_001}, {}])
def test_note_body_is_validated(app: Flask, couple: Couple, body: dict) -> None:
    therapist = add_therapist(app, couple)
    response = therapist.post(notes_path(couple.space_id), json=body)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["body"]
