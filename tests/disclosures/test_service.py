"""The disclosure service on its own: views, the ledger, and writers arriving together."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import pytest
from flask import Flask

from mend.auth.models import User
from mend.disclosures import service
from mend.disclosures.read import acknowledgements
from mend.extensions import db
from mend.record import service as record
from tests.builders import Couple
from tests.disclosures.conftest import disclosures_path, ledger_kinds


def user(client_id: int) -> User:
    """The account behind a test client, loaded in the current app context."""
    return db.session.get_one(User, client_id)


def test_services_return_frozen_views(app: Flask, couple: Couple) -> None:
    with app.app_context():
        created = service.create(
            actor=user(couple.repairing.id),
            space_id=couple.space_id,
            title="Title",
            body="Body",
            category="other",
        )

        with pytest.raises(dataclasses.FrozenInstanceError):
            created.title = "Quietly changed"  # type: ignore[misc]
        assert created.revisions[0].number == 1


def test_the_ledger_verifies_after_every_kind_of_write(app: Flask, couple: Couple) -> None:
    with app.app_context():
        hurt, repairing = user(couple.hurt.id), user(couple.repairing.id)
        space = {"space_id": couple.space_id}
        created = service.create(actor=repairing, title="T", body="B", category="digital", **space)
        service.revise(actor=repairing, disclosure_id=created.id, body="B2", reason="R", **space)
        service.respond(actor=hurt, disclosure_id=created.id, body="Q", **space)
        service.acknowledge(actor=hurt, disclosure_id=created.id, **space)
        service.acknowledge(actor=hurt, disclosure_id=created.id, **space)

        verification = record.verify(actor=hurt, space_id=couple.space_id)

    assert verification.valid
    assert verification.entries == 5


def test_an_acknowledgement_racing_another_returns_the_first(
    app: Flask, couple: Couple, disclosure: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = couple.hurt.post(
        disclosures_path(couple.space_id, disclosure["id"], "acknowledge")
    ).get_json()
    looked_up = acknowledgements.acknowledgement_by
    calls: list[int] = []

    def missed_the_first_time(actor: User, disclosure_id: int) -> Any:
        """As if the other request had not committed yet when this one looked."""
        calls.append(disclosure_id)
        return None if len(calls) == 1 else looked_up(actor, disclosure_id)

    monkeypatch.setattr(acknowledgements, "acknowledgement_by", missed_the_first_time)
    with app.app_context():
        again = service.acknowledge(
            actor=user(couple.hurt.id), space_id=couple.space_id, disclosure_id=disclosure["id"]
        )

    assert again.acknowledged_at.isoformat() == first["acknowledged_at"]
    assert len(calls) == 2
    assert ledger_kinds(app, couple.space_id)["disclosure_acknowledgement"] == 1


def test_simultaneous_revisions_are_numbered_one_after_another(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    writers = 6
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def amend(number: int) -> None:
        start.wait(timeout=10)
        with app.app_context():
            try:
                service.revise(
                    actor=user(couple.repairing.id),
                    space_id=couple.space_id,
                    disclosure_id=disclosure["id"],
                    body=f"Version from writer {number}",
                    reason="Said more.",
                )
            except BaseException as error:  # noqa: BLE001  (reported below)
                failures.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=amend, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    detail = couple.hurt.get(disclosures_path(couple.space_id, disclosure["id"])).get_json()
    assert [revision["number"] for revision in detail["revisions"]] == list(range(1, writers + 2))
    with app.app_context():
        assert record.verify(actor=user(couple.hurt.id), space_id=couple.space_id).valid
