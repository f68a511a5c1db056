"""Where you're signed in: GET /auth/sessions and DELETE /auth/sessions/{id}."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import select, update

from mend.auth.models import AuthSession
from mend.database import utcnow
from mend.extensions import db
from tests.builders import PASSWORD, ApiClient, make_user
from tests.conftest import Connect

FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def sign_in(app: Flask, email: str, *, user_agent: str = FIREFOX_LINUX) -> ApiClient:
    """Another device signed in to the account."""
    device = ApiClient(app)
    response = device.post(
        "/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"User-Agent": user_agent, "X-CSRFToken": device.csrf_token()},
    )
    assert response.status_code == 200, response.get_json()
    device.user = response.get_json()
    device.csrf_token(refresh=True)
    return device


def session_list(api: ApiClient) -> list[dict]:
    """GET /auth/sessions, checked to answer 200."""
    response = api.get("/auth/sessions")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def copy_of(app: Flask, api: ApiClient) -> ApiClient:
    """A client holding a copy of api's session cookie (a stolen or synced cookie)."""
    copy = ApiClient(app)
    copy.http.set_cookie("mend_session", api.http.get_cookie("mend_session").value)
    return copy


def test_sessions_list_each_device_and_marks_the_current_one(app: Flask) -> None:
    user = make_user(app)
    phone = sign_in(app, user.user["email"], user_agent=SAFARI_IPHONE)  # type: ignore[index]
    laptop = sign_in(app, user.user["email"])  # type: ignore[index]

    items = session_list(laptop)

    assert [item["device"] for item in items] == [
        "Firefox on Linux",
        "Safari on iOS",
        "Unknown device",
    ]
    assert [item["current"] for item in items] == [True, False, False]
    assert [item["current"] for item in session_list(phone)] == [False, True, False]
    today = utcnow().date().isoformat()
    assert all(item["last_active_on"] == today for item in items)
    assert set(items[0]) == {"id", "current", "created_at", "last_active_on", "device"}


def test_sessions_show_no_address(app: Flask) -> None:
    user = make_user(app)
    response = user.get("/auth/sessions", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert response.status_code == 200
    assert "203.0.113.7" not in response.get_data(as_text=True)
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_sessions_of_other_people_are_not_listed(app: Flask) -> None:
    user, other = make_user(app), make_user(app)
    sign_in(app, other.user["email"])  # type: ignore[index]
    assert len(session_list(user)) == 1


def test_ended_and_expired_sessions_are_not_listed(app: Flask) -> None:
    user = make_user(app)
    laptop = sign_in(app, user.user["email"])  # type: ignore[index]
    assert laptop.post("/auth/logout").status_code == 204
    phone = sign_in(app, user.user["email"], user_agent=SAFARI_IPHONE)  # type: ignore[index]
    with app.app_context():
        db.session.execute(
            update(AuthSession)
            .where(AuthSession.device == "Safari on iOS")
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
    assert phone.get("/auth/me").status_code == 401
    assert [item["current"] for item in session_list(user)] == [True]


def test_signing_out_a_session_ends_it_and_every_copy_of_its_cookie(
    app: Flask, connect: Connect
) -> None:
    user = make_user(app)
    lost_phone = sign_in(app, user.user["email"], user_agent=SAFARI_IPHONE)  # type: ignore[index]
    copied_cookie = copy_of(app, lost_phone)
    phone_socket, copy_socket, own_socket = (
        connect(lost_phone),
        connect(copied_cookie),
        connect(user),
    )
    assert phone_socket.is_connected() and copy_socket.is_connected()
    phone_id = next(item["id"] for item in session_list(user) if not item["current"])

    assert user.delete(f"/auth/sessions/{phone_id}").status_code == 204

    assert lost_phone.get("/auth/me").status_code == 401
    assert copied_cookie.get("/auth/me").status_code == 401
    assert not phone_socket.is_connected()
    assert not copy_socket.is_connected()
    assert own_socket.is_connected()
    assert user.get("/auth/me").status_code == 200
    assert [item["current"] for item in session_list(user)] == [True]


def test_signing_out_the_current_session_logs_out(app: Flask, connect: Connect) -> None:
    user = make_user(app)
    socket = connect(user)
    current = session_list(user)[0]["id"]
    assert user.delete(f"/auth/sessions/{current}").status_code == 204
    assert user.get("/auth/me").status_code == 401
    assert not socket.is_connected()


def test_someone_elses_session_is_404_like_a_missing_one(app: Flask) -> None:
    owner, stranger = make_user(app), make_user(app)
    owners_session = session_list(owner)[0]["id"]

    theirs = stranger.delete(f"/auth/sessions/{owners_session}")
    missing = stranger.delete(f"/auth/sessions/{owners_session + 1000}")

    assert theirs.status_code == missing.status_code == 404
    assert theirs.mimetype == "application/problem+json"
    assert theirs.get_json() == missing.get_json()
    assert owner.get("/auth/me").status_code == 200


@pytest.mark.parametrize("path", ["/auth/sessions/abc", "/auth/sessions/99999999999"])
def test_a_malformed_session_id_is_a_404_problem(partner: ApiClient, path: str) -> None:
    response = partner.delete(path)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_sessions_need_a_login(client: ApiClient) -> None:
    assert client.get("/auth/sessions").status_code == 401
    assert client.delete("/auth/sessions/1").status_code == 401


def test_last_active_day_moves_at_most_once_a_day(app: Flask, count_queries) -> None:  # type: ignore[no-untyped-def]
    user = make_user(app)
    long_ago = date(2020, 1, 1)
    with app.app_context():
        db.session.execute(update(AuthSession).values(last_active_on=long_ago))
        db.session.commit()
    assert user.get("/auth/me").status_code == 200
    with app.app_context():
        stored = db.session.scalars(select(AuthSession.last_active_on)).all()
    assert stored == [utcnow().date()]

    with count_queries() as counter:
        assert session_list(user)[0]["last_active_on"] == utcnow().date().isoformat()
    assert not [s for s in counter.statements if s.lstrip().upper().startswith("UPDATE")]
