"""Every response carries Mend's security headers: every rule of the URL map with every method
it allows, anonymous and logged in, plus the web app, an asset, the Socket.IO handshake and
each kind of error (401, 403, 404, 405, 413, 422, 429, 500).

A rule the walk does not reach fails the test, so a new route is covered as soon as it exists
(give its URL variables a placeholder below if it brings new ones).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import flask
import pytest
from flask import Flask, request_started
from werkzeug.routing import Rule
from werkzeug.test import TestResponse

from mend import web
from mend.security import public
from tests.builders import ApiClient, add_therapist, make_couple
from tests.conftest import build_app

SECRET = "a-production-secret-that-is-long-enough-0123456789"
FAILING_PATH = "/api/v1/test-only/failure"
SAFE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
ONE_YEAR = 31_536_000
# Run last: they end the partner's session or membership, and the walk goes on as them.
ENDS_THE_SESSION = ("spaces.Leave", "auth.Logout")


@dataclass
class Checked:
    """One response the test looked at, and how it was asked for."""

    label: str
    path: str
    response: TestResponse


def directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as {directive: sources}."""
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed.setdefault(words[0].lower(), words[1:])
    return parsed


def header_problems(checked: Checked, *, production: bool) -> list[str]:
    """What is missing or wrong in one response's security headers (empty when all is well)."""
    headers, problems = checked.response.headers, []
    policy = directives(headers.get("Content-Security-Policy", ""))
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    if default is None:
        problems.append("CSP has no default-src to fall back on")
    elif "'unsafe-inline'" in default or "'unsafe-eval'" in default:
        problems.append(f"CSP default-src allows inline code: {default}")
    if script is None or "'unsafe-inline'" in script or "'unsafe-eval'" in script:
        problems.append(f"CSP script-src (or its default-src fallback) is unsafe: {script}")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Content-Type-Options is not nosniff")
    if headers.get("Referrer-Policy") not in SAFE_REFERRER_POLICIES:
        problems.append(f"Referrer-Policy is {headers.get('Referrer-Policy')!r}")
    framing_denied = headers.get("X-Frame-Options") == "DENY" or policy.get("frame-ancestors") == [
        "'none'"
    ]
    if not framing_denied:
        problems.append("framing is not denied (X-Frame-Options DENY / frame-ancestors 'none')")
    if checked.path.startswith(("/api/", "/socket.io/")) and "no-store" not in headers.get(
        "Cache-Control", ""
    ):
        problems.append(f"API answer may be cached: Cache-Control {headers.get('Cache-Control')!r}")
    hsts = headers.get("Strict-Transport-Security")
    if production and not _long_hsts(hsts):
        problems.append(f"no year-long Strict-Transport-Security in production: {hsts!r}")
    if not production and hsts is not None:
        problems.append("Strict-Transport-Security sent outside production")
    return [f"{checked.label} -> {checked.response.status_code}: {p}" for p in problems]


def _long_hsts(value: str | None) -> bool:
    for part in (value or "").split(";"):
        name, _, number = part.strip().partition("=")
        if name.lower() == "max-age" and number.isdigit():
            return int(number) >= ONE_YEAR
    return False


@pytest.fixture
def built_shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in build of the web app: an index page and one fingerprinted asset."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Mend</title>")
    (dist / "assets" / "app-abc123.js").write_text("console.log('mend')")
    monkeypatch.setattr(web, "DIST", dist)


def app_for(env: str, app: Flask, tmp_path: Path) -> Flask:
    """A fresh app in env on the suite's database, with a test-only route that fails."""
    fresh = build_app(
        tmp_path / env,
        env=env,
        secret_key=SECRET,
        database_url=str(app.config["SQLALCHEMY_DATABASE_URI"]),
    )

    @public
    def failure() -> None:
        raise RuntimeError("a test-only failure")

    fresh.add_url_rule(FAILING_PATH, "test_only_failure", failure)
    return fresh


def placeholders(app: Flask) -> dict[str, Any]:
    """Real ids of a couple's records (so logged-in requests reach real rows) for URL variables."""
    couple = make_couple(app)
    therapist = add_therapist(app, couple)
    space = couple.space_id
    today = datetime.now(UTC).date().isoformat()
    disclosure = {"title": "What happened", "body": "All of it.", "category": "other"}
    commitment = {"title": "Phone open", "cadence": "daily"}
    disclosure_id = couple.repairing.post(f"/spaces/{space}/disclosures", json=disclosure)
    commitment_id = couple.repairing.post(f"/spaces/{space}/commitments", json=commitment)
    commitment_id = commitment_id.get_json()["id"]
    check = couple.repairing.post(
        f"/spaces/{space}/commitments/{commitment_id}/checks",
        json={"period_start": today, "outcome": "kept"},
    )
    checkin = couple.hurt.post(f"/spaces/{space}/checkins", json={"felt_safety": 5})
    invite = couple.hurt.post(f"/spaces/{space}/invites", json={"role": "therapist"})
    return {
        "partner": couple.hurt,
        "space_id": space,
        "disclosure_id": disclosure_id.get_json()["id"],
        "commitment_id": commitment_id,
        "check_id": check.get_json()["id"],
        "checkin_id": checkin.get_json()["id"],
        "viewer_id": therapist.id,
        "user_id": therapist.id,
        "invite_id": invite.get_json()["id"],
        # Someone else's session: ending it is refused (404), so the partner stays signed in.
        "session_id": therapist.get("/auth/sessions").get_json()["items"][0]["id"],
        "category": "checkins",
        "passkey_id": 1,
        "instrument_id": "phq2",
        "subscription_id": 999_999,
        "path": "spaces/1/record",
        "filename": "app.css",
    }


def url_of(rule: Rule, values: dict[str, Any]) -> str:
    """The rule's URL with each variable filled from values (its own default first)."""
    missing = [name for name in rule.arguments if name not in values]
    if missing:
        pytest.fail(f"no placeholder for {missing} in {rule.rule}: add one to placeholders()")
    filled = {name: (rule.defaults or {}).get(name, values[name]) for name in rule.arguments}
    built = rule.build(filled, append_unknown=False)
    assert built is not None, rule.rule
    return built[1]


def send(client: ApiClient, method: str, url: str, **kwargs: Any) -> TestResponse:
    headers = {"X-CSRFToken": client.csrf_token()} if method not in {"GET", "HEAD"} else {}
    if method in {"POST", "PUT", "PATCH", "DELETE"}:
        kwargs.setdefault("json", {})
    return client.http.open(url, method=method, headers=headers, **kwargs)


@pytest.fixture
def reached() -> Iterator[set[tuple[str, str]]]:
    """(rule, method) of every request that matched a rule, across every app made in the test."""
    seen: set[tuple[str, str]] = set()

    def remember(_sender: Flask, **_extra: object) -> None:
        if flask.request.url_rule is not None:
            seen.add((flask.request.url_rule.rule, flask.request.method))

    request_started.connect(remember)
    yield seen
    request_started.disconnect(remember)


def walk_url_map(app: Flask, values: dict[str, Any]) -> list[Checked]:
    """Every rule with every method it allows, as an anonymous visitor and as a partner."""
    partner: ApiClient = values["partner"]
    anonymous = ApiClient(app)
    rules = sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint in ENDS_THE_SESSION)
    checked = []
    for rule in rules:
        url = url_of(rule, values)
        for method in sorted(rule.methods or ()):
            for who, client in (("anonymous", anonymous), ("partner", partner)):
                response = send(client, method, url)
                checked.append(Checked(f"{method} {url} as {who}", url, response))
    return checked


def provoke_errors(app: Flask, values: dict[str, Any]) -> list[Checked]:
    """The web app, an asset, the Socket.IO handshake, and one of each error, checked by status."""
    partner: ApiClient = values["partner"]
    anonymous = ApiClient(app)
    too_big = {"email": "x@example.org", "password": "x" * (2 * 1024 * 1024)}
    wrong = {"email": "someone@example.org", "password": "not the password"}
    cases: list[tuple[int, str, ApiClient, str, str, dict[str, Any]]] = [
        (200, "web app", anonymous, "GET", "/", {}),
        (200, "a client-side route", anonymous, "GET", "/spaces/1/record", {}),
        (200, "a built asset", anonymous, "GET", "/assets/app-abc123.js", {}),
        (404, "missing static file", anonymous, "GET", "/static/nothing.css", {}),
        (200, "Socket.IO handshake", anonymous, "GET", "/socket.io/?EIO=4&transport=polling", {}),
        (401, "not logged in", anonymous, "GET", "/api/v1/spaces", {}),
        (404, "unknown API path", partner, "GET", "/api/v1/nothing-here", {}),
        (405, "wrong method", partner, "DELETE", "/api/v1/health", {}),
        (413, "body too large", anonymous, "POST", "/api/v1/auth/login", {"json": too_big}),
        (422, "invalid body", partner, "POST", "/api/v1/spaces", {"json": {"my_role": 3}}),
        (500, "unexpected failure", partner, "GET", FAILING_PATH, {}),
    ]
    checked = []
    for status, label, client, method, url, kwargs in cases:
        response = send(client, method, url, **kwargs)
        assert response.status_code == status, f"{label}: {response.status_code}"
        checked.append(Checked(f"{label}: {method} {url}", url.split("?")[0], response))
    no_token = anonymous.http.post("/api/v1/auth/login", json=wrong)
    assert no_token.status_code == 403
    checked.append(Checked("missing CSRF token", "/api/v1/auth/login", no_token))
    statuses = [send(anonymous, "POST", "/api/v1/auth/login", json=wrong) for _ in range(7)]
    assert statuses[-1].status_code == 429, [r.status_code for r in statuses]
    checked.append(Checked("too many logins", "/api/v1/auth/login", statuses[-1]))
    return checked


@pytest.mark.parametrize("env", ["development", "production"])
def test_every_route_and_error_carries_the_security_headers(
    env: str,
    app: Flask,
    tmp_path: Path,
    built_shell: None,
    reached: set[tuple[str, str]],
) -> None:
    fresh = app_for(env, app, tmp_path)
    values = placeholders(fresh)
    reached.clear()  # only what the checks below reach counts
    checked = provoke_errors(fresh, values) + walk_url_map(fresh, values)
    for check in checked:
        check.response.close()  # files sent (the built asset) are closed; headers stay readable

    production = fresh.config["MEND"].production
    assert production is (env == "production")
    problems = [p for c in checked for p in header_problems(c, production=production)]
    assert problems == [], "\n".join(problems)
    every = {(r.rule, m) for r in fresh.url_map.iter_rules() for m in r.methods or ()}
    assert every - reached == set(), "rules and methods the walk never reached"
    assert {c.response.status_code for c in checked} >= {200, 401, 403, 404, 405, 413, 422, 500}
