"""The ledger: one hash-chained entry for every write to a space's trust record."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Select, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.extensions import db


class LedgerEntry(db.Model):
    """entry_hash = sha256(prev_hash | kind | ref_id | content_hash | created_at)."""

    __tablename__ = "ledger_entry"
    __table_args__ = (UniqueConstraint("space_id", "seq", name="uq_ledger_entry_space_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(32))
    ref_id: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Ledgered:
    """Mixin for rows that are part of the trust record.

    Each such row gets exactly one ledger entry when it is written. A model declares
    once which of its columns the entry's content hash covers: `ledger_fields`, in
    order, always; `ledger_fields_if_set` only when not None (fields added after rows
    were first written, so that older rows keep their hash). Changing any of them
    afterwards breaks verification.
    """

    ledger_kind: ClassVar[str]
    ledger_fields: ClassVar[tuple[str, ...]]
    ledger_fields_if_set: ClassVar[tuple[str, ...]] = ()
    # How rows reach their space: (parent model, foreign-key attribute) pairs, nearest
    # first, the last parent holding space_id; empty for rows with a space_id of their own.
    space_path: ClassVar[tuple[tuple[Any, str], ...]] = ()

    def ledger_content(self) -> dict[str, Any]:
        """The fields covered by the content hash, by name."""
        content = {name: getattr(self, name) for name in self.ledger_fields}
        for name in self.ledger_fields_if_set:
            if (value := getattr(self, name)) is not None:
                content[name] = value
        return content

    @classmethod
    def in_space(cls, space_id: int) -> Select[tuple[Any]]:
        """A query for every row of this kind in a space."""
        query, child = select(cls), cls
        for parent, foreign_key in cls.space_path:
            query = query.join(parent, parent.id == getattr(child, foreign_key))
            child = parent
        return query.where(child.space_id == space_id)  # type: ignore[attr-defined]


class Erasure(Ledgered, db.Model):
    """An account's deletion: which ledgered rows had their content erased, and when.

    The rows stay (so others' replies keep their place) but their words and
    author are blanked; verification accepts exactly the rows listed here.
    """

    __tablename__ = "erasure"
    ledger_kind = "erasure"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"), index=True)
    refs: Mapped[list[list[Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # The erased rows, as [kind, id] pairs.
    ledger_fields = ("space_id", "refs", "created_at")
