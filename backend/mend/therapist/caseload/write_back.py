"""The caseload's writes after the summaries are made: the access log of its reads (about
500 rows at 100 couples, one executemany), and the reliability snapshots that had to be built."""

from __future__ import annotations

from sqlalchemy import insert

from mend import policy
from mend.commitments import snapshots
from mend.commitments.models import ReliabilitySnapshot
from mend.consent.access_log import Read
from mend.consent.models import AccessLogEntry
from mend.extensions import db


def write_back(reads: list[tuple[policy.Access, Read]], built: list[ReliabilitySnapshot]) -> None:
    """Log the reads (`access_log.record_reads` for many spaces at once) and store the
    snapshots that had to be built: one insert each, one commit."""
    rows = [
        {
            "space_id": access.space_id,
            "owner_id": read.owner_id,
            "viewer_id": access.user.id,
            "category": read.category,
            "records": read.records[:200],
            "created_at": access.now,
        }
        for access, read in reads
        if access.role == "therapist" and read.owner_id != access.user.id
    ]
    # The summaries are built: expiring the thousands of rows they were read from on each
    # commit cost 0.45 s of a 1.9 s request at 100 couples (bench/caseload.py, under load).
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()  # end the read first, as record_reads does (SQLite: a fresh write lock)
        if rows:
            session.execute(insert(AccessLogEntry), rows)
        snapshots.store_built(built)
        session.commit()
    finally:
        session.expire_on_commit = True
