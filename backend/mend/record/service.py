"""Appending to and verifying a space's hash-chained ledger."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, bindparam, insert, select

from mend import policy, speed
from mend.auth.models import User
from mend.database import utcnow
from mend.extensions import db
from mend.record.hashing import GENESIS_HASH, content_hash, entry_hash
from mend.record.models import Erasure, Ledgered, LedgerEntry

# Speed tricks, each switched off for bench/ablation.py by naming it in MEND_BENCH_WITHOUT.
BUILT_ONCE = speed.on("built_once")
CORE_WRITES = speed.on("core_writes")


def _ledger_head() -> Select[tuple[int, str]]:
    """The space's last ledger entry's number and hash."""
    return (
        select(LedgerEntry.seq, LedgerEntry.entry_hash)
        .where(LedgerEntry.space_id == bindparam("space_id"))
        .order_by(LedgerEntry.seq.desc())
        .limit(1)
    )


# Every write runs this: built once, so SQLAlchemy reuses its compiled form.
LEDGER_HEAD = _ledger_head()
INSERT_ENTRIES = insert(LedgerEntry)


@dataclass(frozen=True)
class Verification:
    """The outcome of recomputing a space's chain."""

    valid: bool
    entries: int
    head_hash: str


def append(*, space_id: int, row: Ledgered) -> None:
    """Chain a ledger entry for a freshly written row, in the caller's transaction."""
    append_many(space_id=space_id, rows=[row])


def append_many(*, space_id: int, rows: list[Ledgered]) -> None:
    """Chain one ledger entry per row, in order, in the caller's transaction.

    The space is locked first (policy.lock_space), so concurrent writers queue and the
    chain never forks. The entries are plain rows written straight to the table:
    nothing reads them back in the same request, so they skip the session's unit
    of work.
    """
    if not rows:
        return
    db.session.flush()  # the rows need their ids
    policy.lock_space(space_id)
    connection = db.session.connection()  # plain rows: the ORM's result handling is not needed
    statement = LEDGER_HEAD if BUILT_ONCE else _ledger_head()
    head = connection.execute(statement, {"space_id": space_id}).first()
    head_seq, prev_hash = head if head else (0, GENESIS_HASH)
    entries = []
    for seq, row in enumerate(rows, start=head_seq + 1):
        kind, ref_id, created_at = row.ledger_kind, row.id, utcnow()
        content = content_hash(row.ledger_content())
        chained = entry_hash(
            prev_hash=prev_hash,
            kind=kind,
            ref_id=ref_id,
            content_hash=content,
            created_at=created_at,
        )
        entries.append(
            {
                "space_id": space_id,
                "seq": seq,
                "kind": kind,
                "ref_id": ref_id,
                "content_hash": content,
                "prev_hash": prev_hash,
                "entry_hash": chained,
                "created_at": created_at,
            }
        )
        prev_hash = chained
    if not CORE_WRITES:
        db.session.add_all([LedgerEntry(**entry) for entry in entries])
        return
    connection.execute(INSERT_ENTRIES, entries)


def verify(*, actor: User, space_id: int) -> Verification:
    """Recompute the whole chain and every entry's content hash (partners only)."""
    policy.require_partner(actor, space_id)
    entries = db.session.scalars(
        select(LedgerEntry).where(LedgerEntry.space_id == space_id).order_by(LedgerEntry.seq)
    ).all()
    current = _current_content_hashes(space_id)
    erased = _erased_refs(space_id)
    prev_hash = GENESIS_HASH
    valid = len(current) == len(entries)  # a row slipped in without an entry breaks it too
    for expected_seq, entry in enumerate(entries, start=1):
        ref = (entry.kind, entry.ref_id)
        valid = valid and (
            entry.seq == expected_seq
            and entry.prev_hash == prev_hash
            and entry.entry_hash == _hash_of(entry, prev_hash)
            and (current.get(ref) == entry.content_hash or (ref in erased and ref in current))
        )
        prev_hash = entry.entry_hash
    return Verification(valid=valid, entries=len(entries), head_hash=prev_hash)


def _hash_of(entry: LedgerEntry, prev_hash: str) -> str:
    return entry_hash(
        prev_hash=prev_hash,
        kind=entry.kind,
        ref_id=entry.ref_id,
        content_hash=entry.content_hash,
        created_at=entry.created_at,
    )


def _erased_refs(space_id: int) -> set[tuple[str, int]]:
    """Rows whose content an account deletion erased, as the ledgered erasures list them."""
    refs = db.session.scalars(select(Erasure.refs).where(Erasure.space_id == space_id))
    return {(str(kind), int(ref_id)) for listed in refs for kind, ref_id in listed}


def _current_content_hashes(space_id: int) -> dict[tuple[str, int], str]:
    """Hash every ledgered row of the space as it is now: one query per kind."""
    hashes: dict[tuple[str, int], str] = {}
    for kind, model in ledgered_models().items():
        for row in db.session.scalars(model.in_space(space_id)):
            hashes[(kind, row.id)] = content_hash(row.ledger_content())
    return hashes


def ledgered_models() -> dict[str, type[Ledgered]]:
    """Every model whose rows are chained, by ledger kind."""
    return {
        mapper.class_.ledger_kind: mapper.class_
        for mapper in db.Model.registry.mappers
        if issubclass(mapper.class_, Ledgered)
    }
