"""Every route in the URL map, for every kind of caller, answers as the table in expectations.py
says; and no response carries words its caller may not read.

Write routes get a valid body, so the status reflects who is asking, not what
they sent. Each case runs on the same world (see conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.test import TestResponse

from mend.auth.models import AuthSession
from mend.database import MAX_ID
from mend.extensions import db
from tests.authz.expectations import (
    ANONYMOUS,
    COMMITMENT,
    DISCLOSURE,
    KNOWN_BUGS,
    PRINCIPALS,
    SPACE,
    TABLE,
    rows,
)
from tests.authz.world import World
from tests.authz.writer import today
from tests.builders import API, PASSWORD, invite_code, unique_email

NOT_WALKED = {"HEAD", "OPTIONS"}
HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
PROBLEM_MEDIA_TYPE = "application/problem+json"
VARIABLE = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")

Body = Callable[[World, str], Any]


@dataclass(frozen=True)
class Case:
    """One row of the table for one principal."""

    method: str
    rule: str
    principal: str
    target: str
    status: int


def api_routes(app: Flask) -> set[tuple[str, str]]:
    """Every (method, rule) under /api/v1 in the app's URL map, the rule without the prefix."""
    return {
        (method, rule.rule.removeprefix(API))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(f"{API}/")
        for method in (rule.methods or set()) - NOT_WALKED
    }


def variables(world: World, target: str) -> dict[str, object]:
    """The values a target puts into a rule's variables."""
    home, other = world.home, world.other
    if target in home.checkins:
        return {"space_id": home.space_id, "checkin_id": home.checkins[target]}
    space, records = (other, other) if target == "other" else (home, home)
    if target == "mixed":
        records = other
    values: dict[str, object] = {
        "space_id": space.space_id,
        "disclosure_id": records.disclosure_id,
        "commitment_id": records.commitment_id,
        "check_id": records.check_id,
        "checkin_id": records.checkins["hurt-note"],
        "viewer_id": records.therapist_id,
        "user_id": records.therapist_id,
        "invite_id": records.invite_id,
        "category": "checkins",
        "passkey_id": MAX_ID,
        "instrument_id": "phq2",
        "subscription_id": 999_999,
    }
    values["session_id"] = spare_session_id(world)
    if target == "mixed-check":
        values["check_id"] = other.check_id
    if target == "fixed":
        values |= {"viewer_id": home.hurt_id, "category": "disclosures"}
    return values


def spare_session_id(world: World) -> int:
    """The id of the spare account's login session (no principal's own)."""
    with world.app.app_context():
        return db.session.scalar(
            select(AuthSession.id).where(AuthSession.user_id == world.spare.id)
        )


def url(rule: str, values: dict[str, object]) -> str:
    """The rule with its variables filled in; fails on a variable the matrix cannot fill."""
    unknown = set(VARIABLE.findall(rule)) - set(values)
    assert not unknown, f"the matrix does not know what to put in {sorted(unknown)} of {rule}"
    return VARIABLE.sub(lambda match: str(values[match.group(1)]), rule)


def checkin_body(_world: World, principal: str) -> dict[str, Any]:
    """A check-in valid for the principal's role: felt safety is the hurt partner's to give."""
    if principal == "repairing":
        return {"regulation": 5, "note": "Calmer than yesterday."}
    return {"felt_safety": 5, "note": "A steadier day."}


def schedule_body(world: World, principal: str) -> dict[str, Any]:
    """Every two weeks: a partner's own; a therapist's for the hurt partner of their space."""
    if principal in ("granted_therapist", "ungranted_therapist"):
        return {"every_weeks": 2, "respondent_id": world.home.hurt_id}
    if principal == "outside_therapist":
        return {"every_weeks": 2, "respondent_id": world.other.hurt_id}
    return {"every_weeks": 2}


def login_body(world: World, principal: str) -> dict[str, Any]:
    """The principal's own credentials; anonymous callers use a spare account's."""
    account = world.spare if principal == ANONYMOUS else world.clients[principal]
    assert account.user is not None
    return {"email": account.user["email"], "password": PASSWORD}


def therapist_invite(world: World, _principal: str) -> dict[str, Any]:
    """A fresh code for the home space's therapist role, made by its hurt partner."""
    return {"code": invite_code(world.clients["hurt"], world.home.space_id, "therapist")}


REMINDERS_OFF = {"enabled": False, "time": "19:00", "days": ["mon"]}
BODIES: dict[tuple[str, str], Body] = {
    ("PUT", "/account/reminders"): lambda _w, _p: {
        "checkin": REMINDERS_OFF,
        "commitments": REMINDERS_OFF,
        "measures": REMINDERS_OFF,
        "activity": {"enabled": False},
        "channels": ["email"],
        "quiet_hours": None,
    },
    ("POST", "/account/reminders/mute"): lambda _w, _p: {"days": 3},
    ("POST", "/account/push-subscriptions"): lambda _w, _p: {
        "endpoint": "https://push.invalid/subscription",
        "keys": {"p256dh": "B" * 87, "auth": "A" * 22},
    },
    ("PUT", "/spaces/<int:space_id>/pacing"): lambda _w, _p: {"hold_disclosures": False},
    ("POST", "/spaces/<int:space_id>/pacing/release"): lambda _w, _p: {"all": True},
    ("POST", "/auth/register"): lambda _w, _p: {
        "email": unique_email("newcomer"),
        "password": PASSWORD,
        "display_name": "Newcomer",
        "account_type": "partner",
    },
    ("POST", "/auth/login"): login_body,
    ("POST", "/auth/verify"): lambda _w, _p: {"token": "never-mailed"},
    ("POST", "/auth/password-reset"): lambda _w, _p: {"email": unique_email("forgot")},
    ("POST", "/auth/password-reset/confirm"): lambda _w, _p: {
        "token": "never-mailed",
        "new_password": "another long passphrase",
    },
    ("POST", "/auth/email"): lambda _w, _p: {
        "password": PASSWORD,
        "new_email": unique_email("moving"),
    },
    ("POST", "/auth/email/confirm"): lambda _w, _p: {"token": "never-mailed"},
    ("DELETE", "/account"): lambda _w, _p: {"password": PASSWORD},
    ("POST", "/auth/password"): lambda _w, _p: {
        "current_password": PASSWORD,
        "new_password": "another long passphrase",
    },
    ("POST", "/auth/mfa/totp"): lambda _w, _p: {"password": PASSWORD},
    ("DELETE", "/auth/mfa/totp"): lambda _w, _p: {"password": PASSWORD},
    ("POST", "/auth/mfa/totp/confirm"): lambda _w, _p: {"code": "123456"},
    ("POST", "/auth/mfa/recovery-codes"): lambda _w, _p: {"password": PASSWORD},
    ("POST", "/auth/mfa/passkeys/registration-options"): lambda _w, _p: {"password": PASSWORD},
    ("POST", "/auth/mfa/passkeys"): lambda _w, _p: {"name": "Phone", "credential": {"id": "AQID"}},
    ("DELETE", "/auth/mfa/passkeys/<int:passkey_id>"): lambda _w, _p: {"password": PASSWORD},
    ("POST", "/auth/mfa/passkeys/login"): lambda _w, _p: {"credential": {"id": "AQID"}},
    ("POST", "/auth/mfa/verify"): lambda _w, _p: {"code": "123456"},
    ("POST", "/spaces"): lambda _w, _p: {"name": "A new start", "my_role": "hurt"},
    ("POST", "/invites/accept"): therapist_invite,
    ("POST", f"{SPACE}/invites"): lambda _w, _p: {"role": "therapist"},
    ("PUT", f"{SPACE}/consents/<int:viewer_id>/<string:category>"): lambda _w, _p: {
        "granted": True
    },
    ("POST", f"{SPACE}/therapist-notes"): lambda _w, _p: {"body": "Plan for Thursday."},
    ("POST", f"{SPACE}/checkins"): checkin_body,
    ("POST", f"{SPACE}/measures/<string:instrument_id>/responses"): lambda _w, _p: {
        "answers": [0, 1]
    },
    ("PUT", f"{SPACE}/measures/<string:instrument_id>/schedule"): schedule_body,
    ("POST", f"{SPACE}/disclosures"): lambda _w, _p: {
        "title": "The messages",
        "body": "What happened, and how it affected us both.",
        "category": "digital",
    },
    ("POST", f"{DISCLOSURE}/revisions"): lambda _w, _p: {
        "body": "The whole of it, now.",
        "reason": "I left out the second phone.",
    },
    ("POST", f"{DISCLOSURE}/responses"): lambda _w, _p: {"body": "Thank you for telling me."},
    ("POST", f"{SPACE}/commitments"): lambda _w, _p: {
        "title": "Phone stays open",
        "cadence": "daily",
    },
    ("PATCH", COMMITMENT): lambda _w, _p: {"status": "paused", "reason": "Away for a week."},
    ("POST", f"{COMMITMENT}/checks"): lambda _w, _p: {
        "period_start": (today() - timedelta(days=1)).isoformat(),
        "outcome": "kept",
    },
    ("POST", f"{COMMITMENT}/checks/<int:check_id>/review"): lambda _w, _p: {"verdict": "disputed"},
    ("POST", f"{COMMITMENT}/checks/<int:check_id>/replies"): lambda _w, _p: {
        "body": "I hear that; here is what happened that evening."
    },
}


def send(world: World, case: Case) -> TestResponse:
    """Make the case's request as its principal, with a valid body for a write."""
    if case.method != "GET":
        world.dirty = True  # the world is put back after this test
    path = url(case.rule, variables(world, case.target))
    body = BODIES.get((case.method, case.rule))
    kwargs = {} if body is None else {"json": body(world, case.principal)}
    return world.client(case.principal).request(case.method, path, **kwargs)


def cases() -> Iterator[Any]:
    """A test per row and principal; a known bug is a strict xfail naming it."""
    for method, rule, principal, target, status in rows():
        reason = KNOWN_BUGS.get((method, rule, principal, target))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(
            Case(method, rule, principal, target, status),
            id=f"{method} {rule} {principal}@{target}",
            marks=marks,
        )


@pytest.mark.parametrize("case", list(cases()))
def test_each_principal_gets_the_tabled_status_and_no_one_elses_words(
    world: World, case: Case
) -> None:
    assert (case.method, case.rule) in api_routes(world.app), "this row names no route"

    response = send(world, case)

    text = response.get_data(as_text=True)
    problems = []
    if response.status_code != case.status:
        problems.append(f"expected {case.status}, got {response.status_code}: {text[:300]}")
    if response.status_code >= 400 and response.mimetype != PROBLEM_MEDIA_TYPE:
        problems.append(f"an error answered as {response.mimetype}, not problem details")
    leaked = world.canaries.leaked_to(case.principal, text)
    if leaked:
        problems.append(f"words {case.principal} may not read: {sorted(leaked)}")
    assert not problems, "\n".join(problems)


def test_every_route_has_a_row_and_every_row_a_route(app: Flask) -> None:
    routes, tabled = api_routes(app), set(TABLE)

    assert sorted(routes - tabled) == [], "routes with no row are denied by default: add rows"
    assert sorted(tabled - routes) == [], "rows for routes the app does not have"


@pytest.mark.parametrize("principal", [p for p in PRINCIPALS if p != ANONYMOUS])
def test_export_holds_exactly_the_words_its_owner_may_read(world: World, principal: str) -> None:
    text = world.client(principal).get("/account/export").get_data(as_text=True)

    present = {canary for canary in world.canaries.audience if canary in text}
    assert present == world.canaries.readable_by(principal)


def test_methods_a_route_does_not_offer_answer_405(world: World) -> None:
    world.dirty = True
    hurt = world.client("hurt")
    wrong = []
    for rule in world.app.url_map.iter_rules():
        if not rule.rule.startswith(f"{API}/"):
            continue
        path = url(rule.rule.removeprefix(API), variables(world, "home"))
        for method in sorted(HTTP_METHODS - (rule.methods or set())):
            status = hurt.request(method, path, json={}).status_code
            if status != 405:
                wrong.append(f"{method} {rule.rule}: {status}")
    assert wrong == []
