"""Backing up and restoring Mend's database: `flask --app mend backup|restore FILE`.

SQLite is copied with its online backup API (a consistent copy while Mend runs);
PostgreSQL with pg_dump's custom format and pg_restore. A restore goes only into a
new, empty database, in one transaction, so it never mixes two histories.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import inspect
from sqlalchemy.engine import URL, make_url

from mend.extensions import db


class BackupError(click.ClickException):
    """A backup or restore that could not be done; the message says what to do."""


def database_url() -> URL:
    """The configured database, parsed."""
    return make_url(str(current_app.config["SQLALCHEMY_DATABASE_URI"]))


def backup(*, target: Path) -> None:
    """Write a consistent copy of the database to target (which must not exist yet)."""
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name.")
    url = database_url()
    partial = target.with_name(target.name + ".partial")
    try:
        if url.get_backend_name() == "sqlite":
            _sqlite_copy(Path(str(url.database)), partial)
        else:
            _pg_run("pg_dump", url, ["--format=custom", f"--file={partial}"])
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(target)


def restore(*, source: Path) -> None:
    """Load a backup made by `backup` into the configured database, which must be empty."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    tables = inspect(db.engine).get_table_names()
    if tables:
        raise BackupError(
            "This database already has tables. Restore only into a new, empty database."
        )
    db.engine.dispose()
    url = database_url()
    if url.get_backend_name() == "sqlite":
        _check_sqlite_backup(source)
        _sqlite_copy(source, Path(str(url.database)))
    else:
        _pg_run("pg_restore", url, ["--exit-on-error", "--single-transaction", str(source)])


def _sqlite_copy(source: Path, target: Path) -> None:
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reader,
        closing(sqlite3.connect(target)) as writer,
    ):
        reader.backup(writer)


def _check_sqlite_backup(source: Path) -> None:
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reader:
            result = reader.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError:
        result = None
    if not result or result[0] != "ok":
        raise BackupError("That file is not a readable SQLite backup of Mend.")


def _pg_run(program: str, url: URL, arguments: list[str]) -> None:
    """Run pg_dump/pg_restore against url; the password goes by environment, not argv."""
    binary = shutil.which(program)
    if binary is None:
        raise BackupError(f"{program} is not installed (Debian: postgresql-client).")
    libpq = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    environment = {**os.environ}
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    command = [binary, "--no-owner", "--no-privileges", f"--dbname={libpq}", *arguments]
    finished = subprocess.run(command, env=environment, capture_output=True, text=True)
    if finished.returncode != 0:
        raise BackupError(f"{program} failed:\n{finished.stderr.strip()}")


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path) -> None:
    """Back up the database to TARGET (SQLite copy, or pg_dump custom format)."""
    backup(target=target)
    click.echo(f"Backed up to {target} ({target.stat().st_size} bytes).")


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(source: Path) -> None:
    """Restore a backup made by `backup` into a new, empty database."""
    restore(source=source)
    click.echo(f"Restored from {source}.")
