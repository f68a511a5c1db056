"""Refusing to serve with a key ring that cannot read the database."""

from __future__ import annotations

import logging

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from mend.encryption.cipher import DataKeyError
from mend.encryption.rotation import newest_values_open, stored_columns
from mend.extensions import db

log = logging.getLogger(__name__)


class DataKeysDoNotFit(SystemExit):
    """The server stops: MEND_DATA_KEYS cannot open what the database holds."""


def check_data_keys(app: Flask) -> None:
    """Open the newest value of each encrypted column with the app's key ring, or stop.

    A database that cannot be reached (or is not migrated yet) is not a key
    problem: the check is skipped and the health check reports the database.
    """
    with app.app_context():
        try:
            newest_values_open(db.engine, stored_columns(db.metadata), app.config["MEND"].data_keys)
        except DataKeyError as error:
            raise DataKeysDoNotFit(f"Mend cannot start: {error}. Check MEND_DATA_KEYS.") from None
        except SQLAlchemyError as error:
            log.warning("data keys not checked at start-up: %s", type(error).__name__)
