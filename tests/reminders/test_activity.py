"""Activity notices: one "something new" an hour at most, never to the author, only for what
the person may see, held back in quiet hours, silenced by a mute; content-free."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import http_ece
import pytest
from flask import Flask

from mend import clock
from mend.mail import templates
from mend.reminders import service
from tests.builders import ApiClient, Couple
from tests.commitments.conftest import make_commitment, path, report, review
from tests.disclosures.conftest import disclose
from tests.push.conftest import BrowserKeys, PushService
from tests.reminders.conftest import choose

NOW = datetime(2030, 1, 7, 12, 0, tzinfo=UTC)  # a Monday; the writes happen at the real time
ON = {"enabled": True, "muted_until": None}


def checkin(author: ApiClient, space_id: int) -> None:
    body: dict[str, Any] = {"felt_safety": 6}
    if author.user and author.user.get("display_name") == "Alex":
        body = {"predicted_safety": 6}
    response = author.post(f"/spaces/{space_id}/checkins", json=body)
    assert response.status_code == 201, response.get_json()


Queued = list[dict[str, Any]]


def notices(queued: Queued, person: ApiClient) -> int:
    """How many activity notice mails were queued for this person."""
    address = person.user["email"] if person.user else None
    return sum(
        1 for mail in queued if mail["template"] == "reminder-activity" and mail["to"] == address
    )


def run_at(app: Flask, now: datetime) -> int:
    with app.app_context():
        return service.send_due(now=now)


def test_the_partner_hears_of_a_new_check_in_and_the_author_does_not(
    app: Flask, couple: Couple, queued: Queued
) -> None:
    for person in (couple.hurt, couple.repairing):
        choose(person, activity=ON)

    checkin(couple.hurt, couple.space_id)
    run_at(app, NOW)

    assert notices(queued, couple.repairing) == 1
    assert notices(queued, couple.hurt) == 0


def test_notices_are_batched_at_most_one_an_hour(
    app: Flask, couple: Couple, queued: Queued
) -> None:
    choose(couple.repairing, activity=ON)

    for _ in range(3):
        checkin(couple.hurt, couple.space_id)
    run_at(app, NOW)
    checkin(couple.hurt, couple.space_id)
    run_at(app, NOW + timedelta(minutes=15))
    run_at(app, NOW + timedelta(minutes=55))
    assert notices(queued, couple.repairing) == 1

    run_at(app, NOW + timedelta(minutes=60))
    run_at(app, NOW + timedelta(hours=3))  # nothing new since: nothing sent
    assert notices(queued, couple.repairing) == 2


def test_nothing_new_means_no_notice(app: Flask, couple: Couple, queued: Queued) -> None:
    choose(couple.repairing, activity=ON)

    run_at(app, NOW)

    assert notices(queued, couple.repairing) == 0


def test_nothing_for_a_record_the_person_may_not_see(
    app: Flask, couple: Couple, queued: Queued
) -> None:
    choose(couple.repairing, activity=ON)
    # Questionnaire answers are shared with nobody by default.
    answered = couple.hurt.post(
        f"/spaces/{couple.space_id}/measures/phq2/responses", json={"answers": [1, 1]}
    )
    assert answered.status_code == 201, answered.get_json()
    run_at(app, NOW)

    assert notices(queued, couple.repairing) == 0


def test_nothing_after_consent_is_revoked(app: Flask, couple: Couple, queued: Queued) -> None:
    choose(couple.repairing, activity=ON)
    path = f"/spaces/{couple.space_id}/consents/{couple.repairing.id}/checkins"
    revoked = couple.hurt.put(path, json={"granted": False})
    assert revoked.status_code == 200, revoked.get_json()

    checkin(couple.hurt, couple.space_id)
    run_at(app, NOW)

    assert notices(queued, couple.repairing) == 0


def test_a_held_disclosure_brings_no_notice_to_the_partner_who_holds_them(
    app: Flask, couple: Couple, queued: Queued
) -> None:
    choose(couple.hurt, activity=ON)
    held = couple.hurt.put(f"/spaces/{couple.space_id}/pacing", json={"hold_disclosures": True})
    assert held.status_code == 200

    disclose(couple.repairing, couple.space_id)
    run_at(app, NOW)
    assert notices(queued, couple.hurt) == 0

    couple.hurt.put(f"/spaces/{couple.space_id}/pacing", json={"hold_disclosures": False})
    disclose(couple.repairing, couple.space_id)
    run_at(app, NOW + timedelta(minutes=5))
    assert notices(queued, couple.hurt) == 1


def test_quiet_hours_defer_the_notice_to_their_end(
    app: Flask, couple: Couple, queued: Queued
) -> None:
    choose(couple.repairing, activity=ON, quiet_hours={"from": "22:00", "to": "07:00"})
    night = datetime(2030, 1, 7, 23, 0, tzinfo=UTC)  # the repairing partner lives in UTC

    checkin(couple.hurt, couple.space_id)
    sent_at_night = [run_at(app, night + timedelta(minutes=15 * n)) for n in range(32)]
    morning = run_at(app, datetime(2030, 1, 8, 7, 0, tzinfo=UTC))

    assert sum(sent_at_night) == 0
    assert morning == 1 and notices(queued, couple.repairing) == 1


def test_a_mute_silences_notices_and_what_came_meanwhile_is_not_told(
    app: Flask, couple: Couple, queued: Queued, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(couple.repairing, activity=ON)
    monkeypatch.setattr(service, "utcnow", lambda: NOW)

    muted = couple.repairing.post("/account/reminders/mute", json={"days": 2})
    assert muted.status_code == 200, muted.get_json()
    assert muted.get_json()["activity"] == {
        "enabled": True,
        "muted_until": (NOW + timedelta(days=2)).isoformat(),
    }
    checkin(couple.hurt, couple.space_id)
    run_at(app, NOW + timedelta(hours=1))
    run_at(app, NOW + timedelta(days=2, hours=1))  # the mute has ended
    assert notices(queued, couple.repairing) == 0
    assert couple.repairing.get("/account/reminders").get_json()["activity"]["enabled"] is True

    # Unmuting by saving the choices with no mute: notices come again.
    choose(couple.repairing, activity=ON)
    checkin(couple.hurt, couple.space_id)
    run_at(app, NOW + timedelta(days=2, hours=2))
    assert notices(queued, couple.repairing) == 1


@pytest.mark.parametrize("body", [{"days": 0}, {"days": 31}, {"days": "3"}, {}, {"days": 2.5}])
def test_a_bad_mute_is_a_clear_problem(partner: ApiClient, body: dict[str, Any]) -> None:
    response = partner.post("/account/reminders/mute", json=body)

    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_mute_needs_a_login(app: Flask) -> None:
    assert ApiClient(app).post("/account/reminders/mute", json={"days": 1}).status_code == 401


def test_turning_notices_off_drops_what_was_pending(
    app: Flask, couple: Couple, queued: Queued
) -> None:
    choose(couple.repairing, activity=ON)
    checkin(couple.hurt, couple.space_id)
    choose(couple.repairing, activity={"enabled": False})
    choose(couple.repairing, activity=ON)

    run_at(app, NOW)

    assert notices(queued, couple.repairing) == 0


def test_a_repeated_run_sends_nothing_twice(app: Flask, couple: Couple, queued: Queued) -> None:
    choose(couple.repairing, activity=ON)
    checkin(couple.hurt, couple.space_id)

    runs = [run_at(app, NOW) for _ in range(3)]

    assert runs == [1, 0, 0]
    assert notices(queued, couple.repairing) == 1


def test_the_notice_is_content_free_in_mail_and_push(
    app: Flask,
    couple: Couple,
    queued: Queued,
    push_service: PushService,
    browser_keys: BrowserKeys,
) -> None:
    subscribed = couple.repairing.post(
        "/account/push-subscriptions", json=browser_keys.subscription(push_service.endpoint())
    )
    assert subscribed.status_code == 201, subscribed.get_json()
    choose(couple.repairing, activity=ON, channels=["email", "push"])
    disclose(couple.repairing, couple.space_id, title="Secretword title")  # the author's own
    couple.hurt.post(
        f"/spaces/{couple.space_id}/checkins", json={"felt_safety": 2, "note": "Secretword note"}
    )
    run_at(app, NOW)

    (mail,) = [mail for mail in queued if mail["template"] == "reminder-activity"]
    assert mail["detail"] is None and mail["link"] == app.config["MEND"].public_url + "/"
    text = templates.render_text("reminder-activity", link=mail["link"], detail=None)
    (message,) = push_service.received
    plain = http_ece.decrypt(
        message["body"],
        private_key=browser_keys.private_key,
        auth_secret=browser_keys.auth_secret,
        version="aes128gcm",
    ).decode()
    assert json.loads(plain)["body"] == "Something new is in your space."
    for said in (text, plain):
        for secret in ("Secretword", "Sam", "Alex", "check", "disclos", "2"):
            assert secret not in said.replace(app.config["MEND"].public_url, "")


def test_a_reply_under_a_reviewed_check_is_news_to_the_other_partner_not_its_writer(
    app: Flask, couple: Couple, queued: Queued
) -> None:
    """The actor of `commitment.updated` is who replied, not the commitment's author."""
    for person in (couple.hurt, couple.repairing):
        choose(person, activity=ON)
    today = clock.today_in("UTC")
    commitment = make_commitment(couple.repairing, couple.space_id, starts_on=str(today))
    check = report(couple.repairing, couple.space_id, commitment["id"], today)
    assert check.status_code == 201, check.get_json()
    check_id = check.get_json()["id"]
    disputed = review(couple.hurt, couple.space_id, commitment["id"], check_id, "disputed")
    assert disputed.status_code == 201, disputed.get_json()
    run_at(app, NOW)  # the hurt partner hears of the check, the repairing one of the review
    assert (notices(queued, couple.hurt), notices(queued, couple.repairing)) == (1, 1)

    replies = path(couple.space_id, commitment["id"], "checks", check_id, "replies")
    replied = couple.hurt.post(replies, json={"body": "I remember that evening differently."})
    assert replied.status_code == 201, replied.get_json()
    run_at(app, NOW + timedelta(hours=2))

    assert (notices(queued, couple.hurt), notices(queued, couple.repairing)) == (1, 2)
