"""Flask commands: `flask --app mend demo-data`."""

from __future__ import annotations

import logging

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from mend.auth.models import User
from mend.backup import backup_command, restore_command
from mend.clock import today_in
from mend.demo_caseload import build
from mend.demo_caseload.build import THERAPIST
from mend.demo_caseload.couples import COUPLES
from mend.encryption.commands import data_keys, new_data_key, rotate_keys
from mend.encryption.startup import check_data_keys
from mend.extensions import db, socketio
from mend.tasks import consumer

DEMO_PASSWORD = "demo-password-123"
DEMO_TIMEZONE = "Europe/London"
# The first couple and their therapist: the logins the README and browser tests use.
DEMO_ACCOUNTS = (
    (*COUPLES[0].hurt, "partner", "hurt"),
    (*COUPLES[0].repairing, "partner", "repairing"),
    (*THERAPIST, "therapist", "therapist"),
)


def register_commands(app: Flask) -> None:
    """Attach Mend's commands to the app's CLI."""
    app.cli.add_command(demo_data)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    for command in (rotate_keys, data_keys, new_data_key):
        app.cli.add_command(command)


@click.command("demo-data")
@with_appcontext
def demo_data() -> None:
    """Create the demo caseload (once): six couples with three months of history, and the
    therapist who works with them all; print the logins."""
    if db.session.scalar(select(User).where(User.email == THERAPIST[0])) is None:
        with click.progressbar(length=build.steps(), label="Creating the demo caseload") as bar:
            build.create(
                password=DEMO_PASSWORD,
                timezone=DEMO_TIMEZONE,
                today=today_in(DEMO_TIMEZONE),
                step=lambda: bar.update(1),
            )
    else:
        click.echo("Demo data already exists.")
    click.echo(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    click.echo(f"  {THERAPIST[0]:<22} {THERAPIST[1]} (therapist of every couple)")
    for couple in COUPLES:
        for (email, name), role in ((couple.hurt, "hurt"), (couple.repairing, "repairing")):
            click.echo(f"  {email:<22} {name} ({role}) in {couple.name}")
    click.echo("\nThe couples, as the therapist's caseload shows them:")
    for couple in COUPLES:
        click.echo(f"  {couple.name}: {couple.state}")


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
    check_data_keys(app)
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
