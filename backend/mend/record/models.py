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

    Each such row gets exactly one ledger entry when it is written; its
    `ledger_content()` is what the entry's content hash covers, so changing
    any of those columns afterwards breaks verification.
    """

    ledger_kind: ClassVar[str]
    # (parent model, foreign-key attribute) for rows that reach their space through a parent.
    space_parent: ClassVar[tuple[Any, str] | None] = None

    def ledger_content(self) -> dict[str, Any]:
        """The fields covered by the content hash."""
        raise NotImplementedError

    @classmethod
    def in_space(cls, space_id: int) -> Select[tuple[Any]]:
        """A query for every row of this kind in a space."""
        if cls.space_parent is None:
            return select(cls).where(cls.space_id == space_id)  # type: ignore[attr-defined]
        parent, foreign_key = cls.space_parent
        return (
            select(cls)
            .join(parent, parent.id == getattr(cls, foreign_key))
            .where(parent.space_id == space_id)
        )


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

    def ledger_content(self) -> dict[str, Any]:
        """The erased rows, as [kind, id] pairs."""
        return {"space_id": self.space_id, "refs": self.refs, "created_at": self.created_at}
