"""The world the authorization matrix walks: two couples, their records, and canary words.

"home": a hurt partner, a repairing partner, a therapist to whom both partners
granted all four categories, and a therapist with no grants. "other": a hurt
partner, a repairing partner and their own therapist, with every grant there.
In both, the repairing partner stopped sharing check-ins with the hurt partner
and the hurt partner shares check-in notes with the repairing partner; in
"home" the hurt partner also keeps their replies and reviews (`disclosures`,
`commitments`) from the repairing partner (rule 7). Each space holds one of
every kind of record, and every word written is a canary that knows which
principals may read it.

The world is snapshotted row by row once built, so it can be put back exactly
after a case that may have changed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask
from sqlalchemy import Table, select

from mend.extensions import db
from tests.authz.expectations import ANONYMOUS, HOME_ROLES, OTHER_ROLES, PRINCIPALS
from tests.authz.writer import Canaries, Household, Writer
from tests.builders import ApiClient, invite_code, join, make_space, make_user

SESSION_COOKIE = "mend_session"
CATEGORIES = ("checkins", "checkin_notes", "disclosures", "commitments", "measures")
# What the home space's hurt partner keeps from the repairing partner: their replies and reviews.
HOME_HURT_KEEPS = ("disclosures", "commitments")


def ok(response: Any, status: int) -> Any:
    """The JSON body of a setup request that must succeed with status."""
    assert response.status_code == status, response.get_json()
    return response.get_json()


@dataclass
class Snapshot:
    """Every row of every table, to put the world back exactly as it was built.

    Ids come back as they were; new rows take ids after them (PostgreSQL never rewinds its
    sequences, SQLite takes the next free one), so nothing collides.
    """

    tables: list[tuple[Table, list[dict[str, Any]]]]

    @classmethod
    def take(cls, app: Flask) -> Snapshot:
        """Read every row of every table."""
        with app.app_context(), db.engine.connect() as connection:
            return cls(
                [
                    (table, [dict(row) for row in connection.execute(select(table)).mappings()])
                    for table in db.metadata.sorted_tables
                ]
            )

    def restore(self, app: Flask) -> None:
        """Replace whatever the tables hold now with the snapshot's rows."""
        with app.app_context():
            db.session.remove()
            with db.engine.begin() as connection:
                for table, _rows in reversed(self.tables):
                    connection.execute(table.delete())
                for table, rows in self.tables:
                    if rows:
                        # In id order: a row may refer to an older one of its own table
                        # (membership.invited_by), and PostgreSQL checks each row as it goes.
                        ordered = sorted(rows, key=lambda row: row.get("id") or 0)
                        connection.execute(table.insert(), ordered)


@dataclass
class World:
    """The principals' clients, both households, the canaries and the snapshot."""

    app: Flask
    clients: dict[str, ApiClient]
    spare: ApiClient
    home: Household
    other: Household
    canaries: Canaries
    snapshot: Snapshot | None = None
    dirty: bool = False

    def client(self, principal: str) -> ApiClient:
        """A twin of the principal's client: same session and token, its own cookie jar."""
        return twin(self.app, self.clients[principal])

    def restore(self) -> None:
        """Put every row back as the world was built."""
        assert self.snapshot is not None
        self.snapshot.restore(self.app)
        self.dirty = False


def twin(app: Flask, api: ApiClient) -> ApiClient:
    """A client carrying a copy of api's session cookie and CSRF token.

    Logging in, registering or logging out changes the twin's cookie jar, never the original's.
    """
    copy = ApiClient(app)
    copy._csrf = api.csrf_token()  # fetched first: an anonymous client gets its cookie here
    cookie = api.http.get_cookie(SESSION_COOKIE)
    if cookie is not None:
        copy.http.set_cookie(SESSION_COOKIE, cookie.value)
    copy.user = api.user
    return copy


def person(
    app: Flask, canaries: Canaries, label: str, principal: str | None, members: list[str | None]
) -> ApiClient:
    """An account whose name (read by the space's members) and email (its own) are canaries."""
    kind = "therapist" if label.endswith("therapist") else "partner"
    return make_user(
        app,
        account_type=kind,
        display_name=canaries.new(f"{label}-name", members),
        email=canaries.new(f"{label}-email", [principal]) + "@example.org",
    )


def build_household(
    app: Flask,
    canaries: Canaries,
    label: str,
    principals: dict[str, str | None],
    hurt_keeps: tuple[str, ...] = (),
) -> tuple[Household, dict[str, ApiClient]]:
    """A couple, their therapist with every grant, maybe one with none, and their record.

    principals maps each role ("hurt", "repairing", "therapist", optionally
    "ungranted_therapist") to the principal playing it (None: nobody the matrix plays);
    hurt_keeps lists the categories the hurt partner does not share with the repairing one.
    """
    members = list(principals.values())
    people = {
        role: person(app, canaries, f"{label}-{role}", principal, members)
        for role, principal in principals.items()
    }
    space_id = make_space(
        people["hurt"], my_role="hurt", name=canaries.new(f"{label}-space", members)
    )
    for role in [role for role in principals if role != "hurt"]:
        code = invite_code(people["hurt"], space_id, role.removeprefix("ungranted_"))
        ok(join(people[role], code), 200)
    for role in [role for role in principals if role.endswith("therapist")]:
        ok(people["repairing"].post(f"/spaces/{space_id}/members/{people[role].id}/approve"), 200)
    share(people, space_id, hurt_keeps)
    household = Household(
        space_id=space_id, therapist_id=people["therapist"].id, hurt_id=people["hurt"].id
    )
    pending = ok(
        people["hurt"].post(f"/spaces/{space_id}/invites", json={"role": "therapist"}), 201
    )
    household.invite_id = pending["id"]
    Writer(canaries, label, household, people, principals, hurt_keeps).write()
    return household, people


def share(people: dict[str, ApiClient], space_id: int, hurt_keeps: tuple[str, ...]) -> None:
    """Both partners grant the therapist everything; the hurt partner shares notes with the
    repairing partner and keeps hurt_keeps; the repairing partner stops sharing check-ins."""
    consents = f"/spaces/{space_id}/consents"
    for owner in (people["hurt"], people["repairing"]):
        for category in CATEGORIES:
            path = f"{consents}/{people['therapist'].id}/{category}"
            ok(owner.put(path, json={"granted": True}), 200)
    for category in ("checkin_notes", *hurt_keeps):
        path = f"{consents}/{people['repairing'].id}/{category}"
        ok(people["hurt"].put(path, json={"granted": category not in hurt_keeps}), 200)
    path = f"{consents}/{people['hurt'].id}/checkins"
    ok(people["repairing"].put(path, json={"granted": False}), 200)


def build_world(app: Flask) -> World:
    """Both households, the anonymous client, a spare account, and the snapshot of it all."""
    canaries = Canaries()
    home, home_people = build_household(app, canaries, "home", HOME_ROLES, HOME_HURT_KEEPS)
    other, other_people = build_household(app, canaries, "other", OTHER_ROLES)
    clients = {principal: home_people[role] for role, principal in HOME_ROLES.items()}
    clients |= {p: other_people[role] for role, p in OTHER_ROLES.items() if p is not None}
    clients[ANONYMOUS] = ApiClient(app)
    assert set(clients) == set(PRINCIPALS)
    world = World(
        app=app,
        clients=clients,
        spare=make_user(app, display_name="Spare"),
        home=home,
        other=other,
        canaries=canaries,
    )
    world.snapshot = Snapshot.take(app)
    return world
