"""Every bad input gets a problem-details answer: never HTML, a stack trace or a 500."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy.exc import OperationalError

from mend.spaces import service as spaces_service
from tests.builders import ApiClient, Couple

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    """The response is a problem-details document with this status."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status
    assert {"type", "title"} <= set(body)
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def test_unknown_api_path_is_404_problem(client: ApiClient) -> None:
    assert_problem(client.get("/no/such/thing"), 404)


def test_wrong_method_is_405_problem_with_allow(couple: Couple) -> None:
    response = couple.hurt.delete(f"/spaces/{couple.space_id}")
    assert_problem(response, 405)
    assert "GET" in response.headers["Allow"]


def test_malformed_json_is_400_problem(partner: ApiClient) -> None:
    response = partner.post("/spaces", data='{"my_role": "hurt",', content_type="application/json")
    assert_problem(response, 400)


def test_json_that_is_not_an_object_is_422(partner: ApiClient) -> None:
    body = assert_problem(partner.post("/spaces", json=["hurt"]), 422)
    assert body["errors"]


def test_unknown_field_is_422_naming_it(partner: ApiClient) -> None:
    body = assert_problem(partner.post("/spaces", json={"my_role": "hurt", "admin": True}), 422)
    assert body["errors"] == {"admin": ["Unknown field."]}


@pytest.mark.parametrize("value", [1, "1", 3.5, True])
def test_wrongly_typed_field_is_422_naming_it(partner: ApiClient, value: object) -> None:
    body = assert_problem(partner.post("/spaces", json={"my_role": value}), 422)
    assert list(body["errors"]) == ["my_role"]


def test_body_over_the_limit_is_413(app: Flask, partner: ApiClient) -> None:
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = partner.post("/spaces", data="x" * (limit + 1), content_type="application/json")
    assert_problem(response, 413)


def test_bad_input_loses_nothing_already_saved(partner: ApiClient) -> None:
    created = partner.post("/spaces", json={"my_role": "hurt", "name": "Kept"})
    partner.post("/spaces", data="{", content_type="application/json")
    partner.post("/spaces", json={"my_role": "hurt", "name": "x" * 500})
    names = [s["name"] for s in partner.get("/spaces").get_json()["items"]]
    assert names == [created.get_json()["name"]]


def test_unexpected_error_is_a_500_problem_without_details(
    partner: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(**_kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(spaces_service, "list_visible", explode)
    response = partner.get("/spaces")
    body = assert_problem(response, 500)
    assert "secret internals" not in response.get_data(as_text=True)
    assert "detail" in body


def test_unreachable_database_is_503_with_retry_after(
    partner: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(**_kwargs: object) -> None:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(spaces_service, "list_visible", unreachable)
    response = partner.get("/spaces")
    assert_problem(response, 503)
    assert response.headers["Retry-After"] == "5"


def test_non_api_paths_belong_to_the_web_app_not_problem_json(client: ApiClient) -> None:
    response = client.http.get("/definitely-not-here")
    assert response.status_code in (200, 503)  # the app shell, or "not built yet"
    assert response.mimetype != PROBLEM


def test_unknown_query_parameter_is_422_naming_it(couple: Couple) -> None:
    body = assert_problem(couple.hurt.get(f"/spaces/{couple.space_id}/disclosures?order=old"), 422)
    assert list(body["errors"]) == ["order"]
