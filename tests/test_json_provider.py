"""Answers encoded by orjson mean exactly what Flask's own encoder would have written."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from flask import Flask
from flask.json.provider import DefaultJSONProvider
from hypothesis import given, settings
from hypothesis import strategies as st

from mend.json_provider import FastJSONProvider


@dataclasses.dataclass
class Point:
    start: date
    mean: float | None


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-7))])),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.uuids(),
    st.builds(Point, st.dates(), st.none() | st.floats(allow_nan=False, allow_infinity=False)),
)
KEYS = st.one_of(st.text(max_size=6), st.integers(min_value=-5, max_value=5))
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def providers() -> tuple[FastJSONProvider, DefaultJSONProvider]:
    app = Flask(__name__)
    fast, standard = FastJSONProvider(app), DefaultJSONProvider(app)
    standard.sort_keys = False  # FastJSONProvider keeps the schemas' key order
    return fast, standard


@settings(max_examples=300, deadline=None)
@given(document=DOCUMENTS)
def test_documents_mean_the_same(
    providers: tuple[FastJSONProvider, DefaultJSONProvider], document: object
) -> None:
    fast, standard = providers
    assert json.loads(fast.dumps(document)) == json.loads(standard.dumps(document))


def test_text_keys_and_key_order_are_kept(
    providers: tuple[FastJSONProvider, DefaultJSONProvider],
) -> None:
    fast, _standard = providers
    document = {"z": "Zoë’s words", "a": [1, 2.5, None], "when": date(2026, 11, 26)}
    assert fast.dumps(document) == (
        '{"z":"Zoë’s words","a":[1,2.5,null],"when":"Thu, 26 Nov 2026 00:00:00 GMT"}'
    )


def test_what_orjson_refuses_takes_the_standard_road(
    providers: tuple[FastJSONProvider, DefaultJSONProvider],
) -> None:
    fast, standard = providers
    for document in ({1: "int key"}, {"big": 2**80}, {"id": uuid.UUID(int=7)}, Decimal("1.50")):
        assert json.loads(fast.dumps(document)) == json.loads(standard.dumps(document))
    with pytest.raises(TypeError):
        fast.dumps({"unknown": object()})


def test_the_app_answers_through_orjson(app: Flask) -> None:
    assert isinstance(app.json, FastJSONProvider)
    document = {"b": "Zoë", "a": datetime(2026, 1, 2, tzinfo=UTC)}
    with app.test_request_context():
        response = app.json.response(document)
    # The standard library would have escaped the ë (Flask asks it for ASCII only).
    assert response.get_data(as_text=True) == ('{"b":"Zoë","a":"Fri, 02 Jan 2026 00:00:00 GMT"}\n')


def test_indented_answers_take_the_standard_road(
    providers: tuple[FastJSONProvider, DefaultJSONProvider],
) -> None:
    fast, standard = providers
    assert fast.dumps({"a": [1]}, indent=2) == standard.dumps({"a": [1]}, indent=2)
    assert "\n" in fast.dumps({"a": [1]}, indent=2)
