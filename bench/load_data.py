"""bench/load.py's data: a fresh database filled with couples, each partner logged in
once over HTTP, the requests wrk sends (as Lua files), and a check that every server
answers them as expected before any load.

bench/load.py and bench/ablation.py use it.
"""

from __future__ import annotations

import json
import os
import subprocess
from argparse import Namespace
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import requests
from argon2 import PasswordHasher
from flask import Flask
from load_runs import Endpoint, Server
from servers import PASSWORD, PG

USER_AGENT = "mend-bench-load/1"  # logins and wrk send the same one (Flask-Login's identifier)


@dataclass(frozen=True)
class Partner:
    """A logged-in partner: role, space, session cookie and CSRF token."""

    role: str
    space_id: int
    cookie: str = ""
    csrf: str = ""


# --- database and data ------------------------------------------------------------------


@contextmanager
def database(purpose: str) -> Iterator[str]:
    """A fresh PostgreSQL database on loopback, dropped afterwards; yields its URL."""
    name = f"mend_bench_{purpose}_{os.getpid()}"
    subprocess.run(["dropdb", *PG, "--if-exists", "--force", name], check=True)
    subprocess.run(["createdb", *PG, name], check=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        subprocess.run(["dropdb", *PG, "--if-exists", "--force", name], check=False)


def make_couples(app: Flask, args: Namespace) -> list[tuple[str, Partner]]:
    """Couples with history; returns each partner's email and (not yet logged-in) Partner."""
    from mend.auth.models import User
    from mend.clock import today_in
    from mend.demo import People, write_history
    from mend.extensions import db
    from mend.spaces.models import Membership, Space

    password_hash = PasswordHasher().hash(PASSWORD)  # Mend's cost: logins need no rehash
    partners = []
    with app.app_context():
        for n in range(args.couples):
            users = {
                role: User(
                    email=f"{role}{n}@load.bench",
                    password_hash=password_hash,
                    display_name=name,
                    account_type="partner",
                    timezone="UTC",
                )
                for role, name in (("hurt", "Sam"), ("repairing", "Alex"))
            }
            space = Space(name=f"Couple {n}")
            db.session.add_all([*users.values(), space])
            db.session.flush()
            space.members = [Membership(user_id=u.id, role=r) for r, u in users.items()]
            people = People(space.id, users["hurt"].id, users["repairing"].id, "UTC")
            today = today_in("UTC")
            write_history(people, days=args.days, today=today, disclosures=args.disclosures, seed=n)
            db.session.commit()
            partners += [(u.email, Partner(role, space.id)) for role, u in users.items()]
    return partners


def log_in(url: str, email: str, partner: Partner) -> Partner:
    """Log in over HTTP once; the partner with the session cookie and CSRF token it got."""
    with requests.Session() as http:
        http.headers["User-Agent"] = USER_AGENT
        csrf = http.get(f"{url}/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
        body = {"email": email, "password": PASSWORD}
        response = http.post(
            f"{url}/api/v1/auth/login", json=body, headers={"X-CSRFToken": csrf}, timeout=30
        )
        assert response.status_code == 200, response.text
        csrf = http.get(f"{url}/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
        cookie = f"mend_session={http.cookies['mend_session']}"
    return Partner(partner.role, partner.space_id, cookie, csrf)


# --- requests ----------------------------------------------------------------------------


def lua_string(text: str) -> str:
    """A Lua string literal (JSON's escapes are Lua's for ASCII text)."""
    assert text.isascii(), text
    return json.dumps(text)


def write_requests(path: Path, items: list[tuple[str, str, Partner, dict | None]]) -> Path:
    """A Lua file returning the requests (method, path, partner, JSON body) for requests.lua."""
    lines = ["return {"]
    for method, url_path, partner, body in items:
        headers = {"Cookie": partner.cookie, "User-Agent": USER_AGENT}
        if body is not None:
            headers |= {"X-CSRFToken": partner.csrf, "Content-Type": "application/json"}
        header_lua = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
        body_lua = lua_string(json.dumps(body)) if body is not None else "nil"
        lines.append(
            f"  {{method = {lua_string(method)}, path = {lua_string(url_path)}, "
            f"headers = {{{header_lua}}}, body = {body_lua}}},"
        )
    path.write_text("\n".join([*lines, "}"]) + "\n")
    return path


def endpoints(partners: list[Partner], folder: Path, args: Namespace) -> list[Endpoint]:
    """The three measured endpoints, each with one request per (hurt) partner."""
    from mend.clock import today_in

    today = today_in("UTC")
    trend = f"from={today - timedelta(days=89)}&to={today}&bucket=day"
    hurt = [p for p in partners if p.role == "hurt"]
    space = "/api/v1/spaces/{}"
    reads = {
        "GET disclosures (50)": [
            ("GET", f"{space.format(p.space_id)}/disclosures", p, None) for p in hurt
        ],
        "GET trends/safety (90 d)": [
            ("GET", f"{space.format(p.space_id)}/trends/safety?{trend}", p, None) for p in hurt
        ],
    }
    writes = [
        ("POST", f"{space.format(p.space_id)}/checkins", p, checkin_body(p, n))
        for n, p in enumerate(partners)
    ]
    found = [
        Endpoint(label, write_requests(folder / f"{n}.lua", items))
        for n, (label, items) in enumerate(reads.items())
    ]
    found.append(Endpoint("POST checkins", write_requests(folder / "post.lua", writes), True))
    return found


def checkin_body(partner: Partner, n: int) -> dict:
    """A plausible check-in: felt safety from the hurt partner, a guess from the other."""
    score = "felt_safety" if partner.role == "hurt" else "predicted_safety"
    return {score: 3 + n % 6, "regulation": 4 + n % 5, "tags": ["load"]}


def check_once(servers: dict[str, Server], partners: list[Partner]) -> None:
    """Each server answers the reads as expected (50 disclosures, 90 days) before any load."""
    hurt = next(p for p in partners if p.role == "hurt")
    for server in servers.values():
        headers = {"Cookie": hurt.cookie, "User-Agent": USER_AGENT}
        base = f"{server.url}/api/v1/spaces/{hurt.space_id}"
        listed = requests.get(f"{base}/disclosures", headers=headers, timeout=10)
        assert listed.status_code == 200, (server.name, listed.text[:300])
        assert len(listed.json()["items"]) == 50, "fewer than 50 disclosures: raise --disclosures"
        if server.name == "mend":
            trend = requests.get(f"{base}/trends/safety", headers=headers, timeout=10).json()
            assert len(trend["points"]) == 90, trend
