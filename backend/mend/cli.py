"""Flask commands: `flask --app mend demo-data`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from mend.auth import service as accounts
from mend.auth.models import User
from mend.extensions import db
from mend.spaces.models import Membership, Space

DEMO_PASSWORD = "demo-password-123"
DEMO_ACCOUNTS = (
    ("sam@demo.mend", "Sam", "partner", "hurt"),
    ("alex@demo.mend", "Alex", "partner", "repairing"),
    ("dr.rivera@demo.mend", "Dr. Rivera", "therapist", "therapist"),
)


def register_commands(app: Flask) -> None:
    """Attach Mend's commands to the app's CLI."""
    app.cli.add_command(demo_data)


@click.command("demo-data")
@with_appcontext
def demo_data() -> None:
    """Create a demo couple and their therapist (once), then print their logins."""
    if db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[0][0])) is None:
        _create_demo_space()
    else:
        click.echo("Demo data already exists.")
    click.echo(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    for email, name, _account_type, role in DEMO_ACCOUNTS:
        click.echo(f"  {email:<22} {name} ({role})")


def _create_demo_space() -> None:
    space = Space(name="Sam & Alex")
    with click.progressbar(DEMO_ACCOUNTS, label="Creating demo accounts") as accounts_bar:
        for email, name, account_type, role in accounts_bar:
            user = accounts.register(
                email=email,
                password=DEMO_PASSWORD,
                display_name=name,
                account_type=account_type,
                timezone="Europe/London",
            )
            space.members.append(Membership(user_id=user.id, role=role))
    db.session.add(space)
    db.session.commit()
