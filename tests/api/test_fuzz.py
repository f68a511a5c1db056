"""Fuzz every documented operation over real HTTP, logged in as a partner in a space.

schemathesis generates valid and invalid requests from the OpenAPI document the
running server serves; every answer must not be a server error and must match
what the document says for its status code (problem details for errors).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import response_schema_conformance
from werkzeug.serving import make_server

from tests.builders import API, ApiClient, make_couple

SESSION_COOKIE = "mend_session"
CHECKS = [not_a_server_error, response_schema_conformance]
# Logging out would end the session that every other request relies on; so could ending
# a session by id (tests/auth/test_sessions.py sends it malformed and foreign ids).
NOT_FUZZED = f"{API}/auth/logout"
# Wrong credentials are the one legitimate 401 for a logged-in caller: the password, the
# second login step, and a passkey sign-in.
MAY_ANSWER_401 = {f"{API}/auth/login", f"{API}/auth/mfa/verify", f"{API}/auth/mfa/passkeys/login"}
NOT_FUZZED_DELETE = f"{API}/auth/sessions/{{session_id}}"
FUZZ_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

Send = Callable[[schemathesis.Case], None]


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The app served over real HTTP on a free local port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def served_schema(live_server: str) -> schemathesis.BaseSchema:
    """The OpenAPI document as the running server serves it, minus logout and ending sessions."""
    schema = schemathesis.openapi.from_url(f"{live_server}{API}/openapi.json")
    return schema.exclude(path=NOT_FUZZED).exclude(path=NOT_FUZZED_DELETE, method="DELETE")


@pytest.fixture
def fuzzer(app: Flask) -> ApiClient:
    """The partner whose session every fuzzed request carries: the hurt partner of a couple."""
    return make_couple(app).hurt


def credentials(partner: ApiClient) -> dict[str, Any]:
    """The session cookie and CSRF header that make a request come from partner."""
    cookie = partner.http.get_cookie(SESSION_COOKIE)
    assert cookie is not None, "the partner has no session cookie"
    return {
        "cookies": {SESSION_COOKIE: cookie.value},
        "headers": {"X-CSRFToken": partner.csrf_token()},
    }


def assert_still_logged_in(case: schemathesis.Case, response: Response) -> None:
    """The request got past the login wall and the CSRF check."""
    if case.path not in MAY_ANSWER_401:
        assert response.status_code != 401, "the session cookie was not accepted"
    assert "csrf-failed" not in response.text, "the CSRF token was refused"


def fuzz(operation: schemathesis.APIOperation, send: Send) -> None:
    """Send the valid and invalid cases schemathesis generates for one operation."""
    # Mixed as schemathesis mixes them: where there is nothing to make invalid,
    # the negative strategy rejects its draw and Hypothesis uses the positive one.
    cases = st.one_of(
        [operation.as_strategy(generation_mode=mode) for mode in schemathesis.GenerationMode]
    )

    @FUZZ_SETTINGS
    @given(case=cases)
    def run(case: schemathesis.Case) -> None:
        send(case)

    run()


@pytest.mark.slow
def test_fuzzed_requests_get_no_server_errors_and_documented_answers(
    served_schema: schemathesis.BaseSchema, fuzzer: ApiClient, subtests: pytest.Subtests
) -> None:
    answered: set[tuple[str, str, int]] = set()

    def send(case: schemathesis.Case) -> None:
        response = case.call_and_validate(checks=CHECKS, **credentials(fuzzer))
        assert_still_logged_in(case, response)
        answered.add((case.method.upper(), case.path, response.status_code))

    for result in served_schema.get_all_operations():
        operation = result.ok()
        with subtests.test(msg=operation.label):
            fuzz(operation, send)

    assert ("GET", f"{API}/spaces", 200) in answered
    assert ("GET", f"{API}/auth/me", 200) in answered


@pytest.mark.parametrize("space_id", ["2147483648", "36893488147419103232"])
def test_id_beyond_any_row_is_404_not_a_server_error(partner: ApiClient, space_id: str) -> None:
    response = partner.get(f"/spaces/{space_id}")

    assert response.status_code == 404
    assert response.content_type == "application/problem+json"


def test_text_with_a_nul_character_is_refused_not_a_server_error(partner: ApiClient) -> None:
    response = partner.post("/spaces", json={"name": "Us\x00", "my_role": "hurt"})

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["name"]
