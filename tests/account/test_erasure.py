"""The table of what a person writes, which erasure and export both rely on."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import String, Text, select

from mend.account.erasure import AUTHORED, authored_rows
from mend.commitments.models import ReliabilitySnapshot
from mend.extensions import db
from mend.record.models import Erasure
from mend.record.service import ledgered_models
from tests.account.conftest import Story, delete_account


def test_every_ledgered_kind_has_a_row_in_the_authored_table(app: Flask) -> None:
    with app.app_context():
        ledgered = set(ledgered_models()) - {Erasure.ledger_kind}

    assert sorted(kind.model.ledger_kind for kind in AUTHORED) == sorted(ledgered)


def test_blanks_name_real_columns_and_keep_required_ones_filled() -> None:
    for kind in AUTHORED:
        columns = kind.model.__table__.columns  # type: ignore[attr-defined]
        for name, blank in kind.blanks.items():
            assert name in columns, f"{kind.model.__name__}.{name}"
            assert blank is not None or columns[name].nullable, f"{kind.model.__name__}.{name}"


def test_every_text_column_of_a_ledgered_row_is_blanked() -> None:
    for kind in AUTHORED:
        columns = kind.model.__table__.columns  # type: ignore[attr-defined]
        words = {c.name for c in columns if isinstance(c.type, String | Text)}
        kept = {"category", "cadence", "status", "outcome", "verdict"}  # fixed choices, not words
        assert words - kept <= set(kind.blanks), kind.model.__name__


def test_an_erasure_lists_exactly_the_rows_the_person_wrote(app: Flask, story: Story) -> None:
    repairing_id = story.couple.repairing.id
    with app.app_context():
        written = sorted(authored.ref for authored in authored_rows(repairing_id))

    assert delete_account(story.couple.repairing).status_code == 204

    with app.app_context():
        [erasure] = db.session.scalars(select(Erasure)).all()
        assert sorted(erasure.refs) == written
        assert erasure.space_id == story.space_id
        assert authored_rows(repairing_id) == []


def test_no_reliability_snapshot_keeps_an_erased_reviewers_id(app: Flask, story: Story) -> None:
    hurt_id = story.couple.hurt.id
    with app.app_context():
        before = db.session.get(ReliabilitySnapshot, story.commitment_id)
        assert [reviewer for _day, reviewer in before.disputes] == [hurt_id]

    assert delete_account(story.couple.hurt).status_code == 204

    with app.app_context():
        after = db.session.get(ReliabilitySnapshot, story.commitment_id)
        assert [reviewer for _day, reviewer in after.disputes] == [None]
