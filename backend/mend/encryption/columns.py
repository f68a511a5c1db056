"""Column types that store free text encrypted and hand it back as plaintext.

Models read and write plaintext; only the database sees `v1:<key id>:...`.
The key ring is the running app's (`MEND_DATA_KEYS`), so every read and
write happens inside an app context, as Flask-SQLAlchemy's sessions do.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from flask import current_app
from sqlalchemy import Column, MetaData, Table, Text
from sqlalchemy.types import TypeDecorator

from mend.encryption.cipher import open_sealed, seal
from mend.encryption.keys import KeyRing


def active_key_ring() -> KeyRing:
    """The key ring of the app in context (asked for each value read: the proxy is
    resolved once, not for each attribute)."""
    return current_app._get_current_object().config["MEND"].data_keys  # type: ignore[attr-defined,no-any-return]


class EncryptedText(TypeDecorator[str]):
    """Text sealed with AES-256-GCM, bound to its `table.column` (the `column` argument)."""

    impl = Text
    cache_ok = True

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column

    def process_bind_param(self, value: str | None, dialect: object) -> str | None:
        if value is None:
            return None
        return seal(active_key_ring(), self.column, value)

    def process_result_value(self, value: str | None, dialect: object) -> str | None:
        if value is None:
            return None
        return open_sealed(active_key_ring(), self.column, value)


class EncryptedJSON(TypeDecorator[Any]):
    """A JSON value (e.g. a list of tags) sealed like EncryptedText."""

    impl = Text
    cache_ok = True

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column

    def process_bind_param(self, value: Any, dialect: object) -> str | None:
        if value is None:
            return None
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        return seal(active_key_ring(), self.column, text)

    def process_result_value(self, value: str | None, dialect: object) -> Any:
        if value is None:
            return None
        return json.loads(open_sealed(active_key_ring(), self.column, value))


ENCRYPTED_TYPES = (EncryptedText, EncryptedJSON)


def encrypted_columns(metadata: MetaData) -> Iterator[tuple[Table, Column[Any]]]:
    """Every encrypted column of the schema, as (table, column), in table order."""
    for table in metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, ENCRYPTED_TYPES):
                if column.type.column != f"{table.name}.{column.name}":
                    raise ValueError(f"{table.name}.{column.name} is bound to {column.type.column}")
                yield table, column
