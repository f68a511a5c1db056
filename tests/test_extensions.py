"""The argument parser: one schema instance per class serves every request."""

from __future__ import annotations

from typing import Any

import pytest
from flask_smorest import Blueprint

from mend.checkins.schemas import CheckinIn
from tests.builders import Couple


def test_argument_schemas_are_built_once_and_keep_nothing_between_requests(
    couple: Couple, monkeypatch: pytest.MonkeyPatch
) -> None:
    parser = Blueprint.ARGUMENTS_PARSER
    monkeypatch.setattr(parser, "_instances", {})
    built: list[CheckinIn] = []
    original_init = CheckinIn.__init__

    def counting_init(self: CheckinIn, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(CheckinIn, "__init__", counting_init)
    path = f"/spaces/{couple.space_id}/checkins"
    bodies = [
        ({"felt_safety": 11, "note": 42}, ["felt_safety", "note"]),
        ({"felt_safety": 5, "note": "fine"}, None),
        ({"felt_safety": 5, "tags": "calm"}, ["tags"]),
    ]
    for body, errors in bodies:
        response = couple.hurt.post(path, json=body)
        if errors is None:
            assert response.status_code == 201
            assert response.get_json()["note"] == "fine"
        else:
            assert response.status_code == 422
            assert sorted(response.get_json()["errors"]) == errors
    assert len(built) == 1
