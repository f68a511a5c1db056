"""Flask commands: `flask --app mend demo-data`."""

from __future__ import annotations

import logging

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from mend.auth.models import User
from mend.auth.registration import create_verified_account
from mend.backup import backup_command, restore_command
from mend.clock import today_in
from mend.demo import People, write_history
from mend.extensions import db, socketio
from mend.spaces.models import Membership, Space
from mend.tasks import consumer

DEMO_PASSWORD = "demo-password-123"
DEMO_TIMEZONE = "Europe/London"
DEMO_DAYS = 90
DEMO_ACCOUNTS = (
    ("sam@demo.mend", "Sam", "partner", "hurt"),
    ("alex@demo.mend", "Alex", "partner", "repairing"),
    ("dr.rivera@demo.mend", "Dr. Rivera", "therapist", "therapist"),
)


def register_commands(app: Flask) -> None:
    """Attach Mend's commands to the app's CLI."""
    app.cli.add_command(demo_data)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


@click.command("demo-data")
@with_appcontext
def demo_data() -> None:
    """Create a demo couple with 90 days of history and their therapist (once); print logins."""
    if db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[0][0])) is None:
        _create_demo_space()
    else:
        click.echo("Demo data already exists.")
    click.echo(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    for email, name, _account_type, role in DEMO_ACCOUNTS:
        click.echo(f"  {email:<22} {name} ({role})")


def _create_demo_space() -> None:
    users: dict[str, User] = {}
    with click.progressbar(length=len(DEMO_ACCOUNTS) + 1, label="Creating demo data") as bar:
        for email, name, account_type, role in DEMO_ACCOUNTS:
            users[role] = create_verified_account(
                email=email,
                password=DEMO_PASSWORD,
                display_name=name,
                account_type=account_type,
                timezone=DEMO_TIMEZONE,
            )
            bar.update(1)
        space = Space(name="Sam & Alex")
        space.members = [Membership(user_id=user.id, role=role) for role, user in users.items()]
        db.session.add(space)
        db.session.flush()
        people = People(
            space_id=space.id,
            hurt_id=users["hurt"].id,
            repairing_id=users["repairing"].id,
            timezone=DEMO_TIMEZONE,
        )
        write_history(people, days=DEMO_DAYS, today=today_in(DEMO_TIMEZONE))
        db.session.commit()
        bar.update(1)


@click.group()
def main() -> None:
    """Mend's own command line (the `mend` script)."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Serve Mend with live updates for local use (production: gunicorn, see README)."""
    from mend import create_app

    app = create_app()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    if not app.config["MEND"].redis_url:
        # The embedded default: mail and other background work run in this process.
        consumer(in_process=True).start()
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, log_output=False)


@main.command()
@click.option("--workers", default=2, show_default=True, type=int)
def worker(workers: int) -> None:
    """Run the background task queue (mail delivery) until stopped."""
    from mend import create_app

    create_app()
    consumer(workers=workers).run()
