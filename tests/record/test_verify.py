"""The ledger: a hash chain that shows whether history was rewritten."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from flask import Flask
from sqlalchemy import delete, select, update

from mend.checkins.models import Checkin
from mend.extensions import db
from mend.record import service as record_service
from mend.record.hashing import GENESIS_HASH
from mend.record.models import LedgerEntry
from tests.builders import Couple, add_therapist, make_couple


def write_checkin(app: Flask, space_id: int, author_id: int, felt_safety: int = 5) -> None:
    """Write one ledgered check-in directly through the ledger service."""
    with app.app_context():
        row = Checkin(space_id=space_id, author_id=author_id, felt_safety=felt_safety, tags=[])
        db.session.add(row)
        record_service.append(space_id=space_id, row=row)
        db.session.commit()


def verify(couple: Couple) -> dict:
    response = couple.hurt.get(f"/spaces/{couple.space_id}/record/verify")
    assert response.status_code == 200
    return response.get_json()


def test_empty_record_verifies(couple: Couple) -> None:
    assert verify(couple) == {"valid": True, "entries": 0, "head_hash": GENESIS_HASH}


def test_written_record_verifies_for_both_partners(app: Flask, couple: Couple) -> None:
    for score in (3, 4, 6):
        write_checkin(app, couple.space_id, couple.hurt.id, score)
    result = verify(couple)
    assert result["valid"] is True and result["entries"] == 3
    assert couple.repairing.get(f"/spaces/{couple.space_id}/record/verify").get_json() == result


def test_changing_content_in_the_database_is_detected(app: Flask, couple: Couple) -> None:
    write_checkin(app, couple.space_id, couple.hurt.id, 2)
    write_checkin(app, couple.space_id, couple.hurt.id, 3)
    with app.app_context():
        db.session.execute(update(Checkin).where(Checkin.felt_safety == 2).values(felt_safety=9))
        db.session.commit()
    assert verify(couple)["valid"] is False


def test_removing_an_entry_is_detected(app: Flask, couple: Couple) -> None:
    for score in (1, 2, 3):
        write_checkin(app, couple.space_id, couple.hurt.id, score)
    with app.app_context():
        db.session.execute(delete(LedgerEntry).where(LedgerEntry.seq == 2))
        db.session.commit()
    assert verify(couple)["valid"] is False


def test_a_row_slipped_in_without_an_entry_is_detected(app: Flask, couple: Couple) -> None:
    write_checkin(app, couple.space_id, couple.hurt.id)
    with app.app_context():
        db.session.add(Checkin(space_id=couple.space_id, author_id=couple.hurt.id, tags=[]))
        db.session.commit()
    assert verify(couple)["valid"] is False


def test_rewriting_an_entry_hash_is_detected(app: Flask, couple: Couple) -> None:
    write_checkin(app, couple.space_id, couple.hurt.id)
    write_checkin(app, couple.space_id, couple.hurt.id)
    with app.app_context():
        db.session.execute(
            update(LedgerEntry).where(LedgerEntry.seq == 1).values(entry_hash="f" * 64)
        )
        db.session.commit()
    assert verify(couple)["valid"] is False


def test_spaces_have_separate_chains(app: Flask, couple: Couple) -> None:
    other = make_couple(app)
    write_checkin(app, couple.space_id, couple.hurt.id)
    write_checkin(app, other.space_id, other.hurt.id)
    assert verify(couple)["entries"] == 1
    assert verify(other)["entries"] == 1


def test_concurrent_writers_make_one_chain_without_forks(app: Flask, couple: Couple) -> None:
    def write_many(writer: int) -> None:
        author = couple.hurt.id if writer % 2 else couple.repairing.id
        for _ in range(10):
            write_checkin(app, couple.space_id, author)

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(write_many, range(6)))
    result = verify(couple)
    assert result == {"valid": True, "entries": 60, "head_hash": result["head_hash"]}
    with app.app_context():
        seqs = db.session.scalars(select(LedgerEntry.seq).order_by(LedgerEntry.seq)).all()
        prevs = db.session.scalars(select(LedgerEntry.prev_hash)).all()
    assert seqs == list(range(1, 61))
    assert len(set(prevs)) == 60


def test_only_partners_verify(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    assert therapist.get(f"/spaces/{couple.space_id}/record/verify").status_code == 403
    other = make_couple(app)
    assert other.hurt.get(f"/spaces/{couple.space_id}/record/verify").status_code == 404
