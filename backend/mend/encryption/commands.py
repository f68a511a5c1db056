"""Key commands: `flask --app mend rotate-keys`, `data-keys`, `new-data-key`."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from mend.encryption.cipher import DataKeyError
from mend.encryption.columns import active_key_ring
from mend.encryption.keys import KeyRing, KeyRingError, new_key_entry
from mend.encryption.rotation import (
    DEFAULT_BATCH,
    count_by_key,
    count_stale,
    rotate_all,
    stored_columns,
)
from mend.extensions import db


@click.command("rotate-keys")
@click.option("--batch-size", default=DEFAULT_BATCH, show_default=True, type=click.IntRange(1))
@with_appcontext
def rotate_keys(batch_size: int) -> None:
    """Re-encrypt every stored text under the current (first) key of MEND_DATA_KEYS.

    Safe to interrupt and run again: it only touches values under other keys.
    """
    ring, columns = active_key_ring(), stored_columns(db.metadata)
    stale = count_stale(db.engine, columns, ring)
    if not stale:
        click.echo(f"Everything is already under key {ring.current_id!r}.")
        return
    label = f"Re-encrypting under key {ring.current_id!r}"
    with click.progressbar(length=stale, label=label) as bar:
        try:
            done = rotate_all(db.engine, columns, ring, batch_size=batch_size, on_batch=bar.update)
        except DataKeyError as error:
            raise click.ClickException(f"{error}. Nothing more was changed.") from None
    click.echo(f"Re-encrypted {done} values. Keys other than {ring.current_id!r} can be removed.")


@click.command("data-keys")
@with_appcontext
def data_keys() -> None:
    """Show how many stored values each data key seals, and whether MEND_DATA_KEYS holds it."""
    ring = active_key_ring()
    counts = count_by_key(db.engine, stored_columns(db.metadata))
    for key_id in dict.fromkeys([*ring.ids, *counts]):
        click.echo(f"  {key_id:<32} {counts.get(key_id, 0):>10} values  ({_state(ring, key_id)})")
    missing = [key_id for key_id in counts if key_id not in ring.ids]
    if missing:
        raise click.ClickException(f"MEND_DATA_KEYS lacks key(s) still in use: {missing}")


def _state(ring: KeyRing, key_id: str) -> str:
    if key_id == ring.current_id:
        return "current"
    if key_id in ring.ids:
        return "held, can be removed once it seals nothing"
    return "not encrypted" if key_id == "?" else "MISSING from MEND_DATA_KEYS"


@click.command("new-data-key")
@click.argument("key_id")
def new_data_key(key_id: str) -> None:
    """Print a fresh `id:base64key` entry to put at the front of MEND_DATA_KEYS."""
    try:
        click.echo(new_key_entry(key_id))
    except KeyRingError as error:
        raise click.BadParameter(str(error)) from None
