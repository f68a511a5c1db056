"""The OpenAPI document is public, complete, and describes bodies, successes and errors."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from tests.builders import API, ApiClient

DOCUMENT_PATH = f"{API}/openapi.json"
BODY_METHODS = {"post", "put", "patch"}
UNDOCUMENTED_METHODS = {"HEAD", "OPTIONS"}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
PROBLEM_MEDIA_TYPE = "application/problem+json"
# Actions the contract defines without a request body: the URL says everything.
BODYLESS_ACTIONS = (
    "/auth/logout",
    "/leave",
    "/acknowledge",
    "/consents/stop-all",
    "/passkeys/authentication-options",
    "/approve",
)


@pytest.fixture(scope="module")
def document(app: Flask) -> dict[str, Any]:
    """The OpenAPI document as an anonymous client receives it."""
    response = app.test_client().get(DOCUMENT_PATH)
    assert response.status_code == 200
    return response.get_json()


def openapi_path(rule: str) -> str:
    """A Flask rule such as /spaces/<int:space_id> written the OpenAPI way: /spaces/{space_id}."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, operation) in the document."""
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


def resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow local $refs such as #/components/responses/DEFAULT_ERROR."""
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def has_body_schema(operation: dict[str, Any]) -> bool:
    """Whether the operation documents a request body with a schema for each media type."""
    content = operation.get("requestBody", {}).get("content", {})
    return bool(content) and all("schema" in media for media in content.values())


def test_anonymous_client_gets_an_openapi_3_document(client: ApiClient) -> None:
    response = client.get("/openapi.json")

    assert response.status_code == 200
    assert response.get_json()["openapi"].startswith("3.")
    assert response.get_json()["paths"]


def test_every_api_route_is_documented_with_each_of_its_methods(
    app: Flask, document: dict[str, Any]
) -> None:
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(f"{API}/") or rule.rule == DOCUMENT_PATH:
            continue
        documented = document["paths"].get(openapi_path(rule.rule), {})
        for method in sorted((rule.methods or set()) - UNDOCUMENTED_METHODS):
            if method.lower() not in documented:
                missing.append(f"{method} {rule.rule}")

    assert missing == []


def test_every_operation_that_takes_a_body_documents_its_schema(document: dict[str, Any]) -> None:
    undocumented = [
        f"{method.upper()} {path}"
        for method, path, operation in operations(document)
        if method in BODY_METHODS
        and not path.endswith(BODYLESS_ACTIONS)
        and not has_body_schema(operation)
    ]

    assert undocumented == []


def test_every_operation_documents_a_success_response(document: dict[str, Any]) -> None:
    without_success = [
        f"{method.upper()} {path}"
        for method, path, operation in operations(document)
        if not any(str(status).startswith("2") for status in operation["responses"])
    ]

    assert without_success == []


def test_every_operation_documents_errors_as_problem_details(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if status == "default" or str(status).startswith(("4", "5")):
                content = resolve(document, response)["content"]
                assert list(content) == [PROBLEM_MEDIA_TYPE], f"{method.upper()} {path} {status}"
                schema = resolve(document, content[PROBLEM_MEDIA_TYPE]["schema"])
                assert {"type", "title", "status"} <= set(schema["required"])
        assert "default" in operation["responses"], f"{method.upper()} {path}"


def test_default_error_response_is_the_problem_schema(document: dict[str, Any]) -> None:
    default_error = document["components"]["responses"]["DEFAULT_ERROR"]
    schema = resolve(document, default_error["content"][PROBLEM_MEDIA_TYPE]["schema"])

    assert {"type", "title", "status"} <= set(schema["properties"])
    assert {"type", "title", "status"} <= set(schema["required"])
    assert schema["properties"]["status"]["type"] == "integer"
