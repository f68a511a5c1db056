"""The therapist's caseload: only consented figures, alerts on the couple's baseline, sorted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update

from mend.auth.models import User
from mend.checkins.models import Checkin
from mend.commitments import reliability
from mend.commitments.models import (
    CheckReview,
    Commitment,
    CommitmentCheck,
    ReliabilitySnapshot,
)
from mend.commitments.models import CommitmentStatusChange as Change
from mend.consent.models import CATEGORIES, ConsentChange
from mend.extensions import db
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.spaces.models import Membership, Space
from mend.therapist.caseload import service as caseload
from tests.builders import (
    ApiClient,
    Couple,
    approve,
    invite_code,
    join,
    make_space,
    make_user,
    unique_email,
)
from tests.checkins.conftest import make_checkins
from tests.rows import memberships_of

PATH = "/therapist/caseload"
NOW = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)  # a Wednesday, noon in UTC
TODAY = NOW.date()
JOINED = NOW - timedelta(days=60)


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The caseload's "now" (so its today, and which grants are in force) is NOW."""
    monkeypatch.setattr(caseload, "utcnow", lambda: NOW)
    return NOW


@pytest.fixture
def therapist(app: Flask) -> ApiClient:
    """A therapist account, in no space yet."""
    return make_user(app, account_type="therapist", display_name="Dr. Lee")


def couple_with(
    app: Flask,
    *therapists: ApiClient,
    name: str = "Us",
    hurt: Iterable[str] = (),
    repairing: Iterable[str] = (),
) -> Couple:
    """A couple (joined 60 days ago) with the therapists in their space; each partner shares
    the categories listed with every one of them."""
    sam, alex = make_user(app, display_name="Sam"), make_user(app, display_name="Alex")
    space_id = make_space(sam, my_role="hurt", name=name)
    assert join(alex, invite_code(sam, space_id, "repairing")).status_code == 200
    for therapist in therapists:
        assert join(therapist, invite_code(sam, space_id, "therapist")).status_code == 200
        approve(alex, space_id, therapist.id)
    with app.app_context():
        db.session.execute(
            update(Membership).where(Membership.space_id == space_id).values(joined_at=JOINED)
        )
        db.session.commit()
    couple = Couple(space_id=space_id, hurt=sam, repairing=alex)
    for therapist in therapists:
        for owner, categories in ((sam, hurt), (alex, repairing)):
            for category in categories:
                share(couple, owner, therapist, category)
    return couple


def share(couple: Couple, owner: ApiClient, viewer: ApiClient, category: str, granted=True):
    """The owner shares (or stops sharing) a category with the viewer, through the API."""
    path = f"/spaces/{couple.space_id}/consents/{viewer.id}/{category}"
    assert owner.put(path, json={"granted": granted}).status_code == 200


def felt_safety(app: Flask, couple: Couple, scores: dict[datetime, int]) -> None:
    """The hurt partner's check-ins at the given moments."""
    rows = [
        {"author_id": couple.hurt.id, "felt_safety": score, "created_at": moment}
        for moment, score in sorted(scores.items())
    ]
    make_checkins(app, space_id=couple.space_id, rows=rows)


def checked_in(app: Flask, couple: Couple, author: ApiClient, moment: datetime) -> None:
    """One check-in by author at moment (felt safety 5 from the hurt partner)."""
    score = {"felt_safety": 5} if author.id == couple.hurt.id else {"regulation": 6}
    make_checkins(
        app,
        space_id=couple.space_id,
        rows=[{"author_id": author.id, "created_at": moment, **score}],
    )


def days_ago(days: int, hour: int = 9) -> datetime:
    """A moment `days` days before NOW, at hour o'clock UTC."""
    return datetime.combine(TODAY - timedelta(days=days), time(hour), tzinfo=UTC)


def add_commitment(
    app: Flask,
    couple: Couple,
    outcomes: dict[date, str],
    *,
    title: str = "Phone open",
    cadence: str = "daily",
    starts_on: date = TODAY - timedelta(days=59),
    status: str | None = None,
) -> tuple[int, dict[date, int]]:
    """A commitment of the repairing partner with checks; returns its id and the check ids."""
    with app.app_context():
        commitment = Commitment(
            space_id=couple.space_id,
            author_id=couple.repairing.id,
            title=title,
            cadence=cadence,
            starts_on=starts_on,
        )
        db.session.add(commitment)
        db.session.flush()
        checks = [
            CommitmentCheck(commitment_id=commitment.id, period_start=day, outcome=outcome)
            for day, outcome in outcomes.items()
        ]
        db.session.add_all(checks)
        if status is not None:
            db.session.add(
                Change(
                    commitment_id=commitment.id,
                    author_id=couple.repairing.id,
                    status=status,
                    reason="We talked it over.",
                    effective_on=TODAY - timedelta(days=3),
                )
            )
        db.session.commit()
        return commitment.id, {check.period_start: check.id for check in checks}


def add_reviews(app: Flask, couple: Couple, check_id: int, *verdicts: str) -> None:
    """The hurt partner's reviews of a check, oldest first."""
    with app.app_context():
        for verdict in verdicts:
            db.session.add(
                CheckReview(check_id=check_id, author_id=couple.hurt.id, verdict=verdict)
            )
            db.session.flush()
        db.session.commit()


def items(therapist: ApiClient) -> list[dict[str, Any]]:
    """The therapist's caseload."""
    response = therapist.get(PATH)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def only(therapist: ApiClient) -> dict[str, Any]:
    """The single couple in the therapist's caseload."""
    [item] = items(therapist)
    return item


def kinds(item: dict[str, Any]) -> list[str]:
    return [alert["kind"] for alert in item["alerts"]]


def daily(days: range, outcome: str = "kept") -> dict[date, str]:
    """The same outcome for each day `days` ago."""
    return {TODAY - timedelta(days=day): outcome for day in days}


def test_partners_get_403(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=CATEGORIES, repairing=CATEGORIES)
    for partner in (couple.hurt, couple.repairing):
        response = partner.get(PATH)
        assert response.status_code == 403
        assert response.get_json()["detail"] == "The caseload is for therapist accounts."


def test_anonymous_gets_401(client: ApiClient) -> None:
    assert client.get(PATH).status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_caseload_is_read_only(therapist: ApiClient, method: str) -> None:
    assert getattr(therapist, method)(PATH).status_code == 405


def test_therapist_without_couples_has_an_empty_caseload(therapist: ApiClient) -> None:
    assert items(therapist) == []


def test_nothing_shared_shows_the_name_and_no_figures(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, name="The Riveras")
    felt_safety(app, couple, {days_ago(day): 1 for day in range(10)})
    add_commitment(app, couple, daily(range(30), "missed"))
    item = only(therapist)
    assert item == {
        "space": {"id": couple.space_id, "name": "The Riveras"},
        "members": [
            {"user_id": couple.hurt.id, "display_name": "Sam", "role": "hurt"},
            {"user_id": couple.repairing.id, "display_name": "Alex", "role": "repairing"},
            {"user_id": therapist.id, "display_name": "Dr. Lee", "role": "therapist"},
        ],
        "shared": [
            {"user_id": couple.hurt.id, "role": "hurt", "categories": []},
            {"user_id": couple.repairing.id, "role": "repairing", "categories": []},
        ],
        "nothing_shared": True,
        "felt_safety": None,
        "commitments": None,
        "days_since_checkin": [],
        "measures": [],
        "alerts": [],
        "awaiting_approval": False,
    }


def test_felt_safety_figures_and_alerts_from_the_hurt_partners_check_ins(
    app: Flask, therapist: ApiClient
) -> None:
    couple = couple_with(app, therapist, hurt=["checkins"])
    scores = {days_ago(day): 3 for day in range(7)} | {days_ago(day): 6 for day in range(8, 28)}
    felt_safety(app, couple, scores | {days_ago(7): 7, days_ago(40): 0})
    item = only(therapist)
    figures = item["felt_safety"]
    assert figures["latest"] == {"value": 3, "at": "2025-03-05T09:00:00+00:00"}
    assert figures["mean_7d"] == 3.0
    assert figures["mean_28d"] == round((7 * 3 + 7 + 20 * 6) / 28, 2) == 5.29
    assert figures["trend"] == "falling"
    assert figures["sparkline"] == [6.0] * 20 + [7.0] + [3.0] * 7
    assert item["days_since_checkin"] == [{"user_id": couple.hurt.id, "role": "hurt", "days": 0}]
    assert item["shared"][0]["categories"] == ["checkins"]
    assert item["nothing_shared"] is False
    assert item["alerts"] == [
        {
            "kind": "felt_safety_drop",
            "message": "Felt safety this week (3.0) is 2.3 points under the last four weeks (5.3).",
        },
        {
            "kind": "low_felt_safety",
            "message": "Felt safety has been 3 or below in the last 3 check-ins (3, 3, 3).",
        },
    ]


def test_steady_felt_safety_raises_no_alert(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=["checkins"])
    felt_safety(app, couple, {days_ago(day): 5 + day % 2 for day in range(28)})
    item = only(therapist)
    assert item["felt_safety"]["trend"] == "steady"
    assert item["alerts"] == []


def test_sparkline_days_are_each_therapists_own(app: Flask, therapist: ApiClient) -> None:
    in_auckland = make_user(
        app, account_type="therapist", display_name="Dr. Ngata", timezone="Pacific/Auckland"
    )
    couple = couple_with(app, therapist, in_auckland, hurt=["checkins"])
    felt_safety(app, couple, {days_ago(0, hour=10): 4})  # 23:00 on 5 March in Auckland
    assert only(therapist)["felt_safety"]["sparkline"][-2:] == [None, 4.0]
    assert only(in_auckland)["felt_safety"]["sparkline"][-2:] == [4.0, None]  # it's 6 March


def test_days_since_check_in_for_each_partner_who_shares(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=["checkins"], repairing=["checkins"])
    checked_in(app, couple, couple.hurt, days_ago(3))
    checked_in(app, couple, couple.repairing, days_ago(9))
    checked_in(app, couple, couple.repairing, days_ago(7, hour=23))
    item = only(therapist)
    assert item["days_since_checkin"] == [
        {"user_id": couple.hurt.id, "role": "hurt", "days": 3},
        {"user_id": couple.repairing.id, "role": "repairing", "days": 7},
    ]
    assert item["alerts"] == [
        {"kind": "no_checkin", "message": "Alex hasn't checked in for 7 days."}
    ]


def test_a_partner_who_never_checked_in(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, repairing=["checkins"])
    checked_in(app, couple, couple.hurt, days_ago(20))  # not shared: no figure, no alert
    item = only(therapist)
    assert item["felt_safety"] is None
    assert item["days_since_checkin"] == [
        {"user_id": couple.repairing.id, "role": "repairing", "days": None}
    ]
    assert item["alerts"] == [
        {"kind": "no_checkin", "message": "Alex hasn't checked in since joining, 60 days ago."}
    ]


def test_revoking_removes_the_figures_on_the_next_request(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=["checkins"], repairing=["commitments"])
    felt_safety(app, couple, {days_ago(1): 4})
    add_commitment(app, couple, daily(range(1, 30)))
    assert only(therapist)["felt_safety"]["latest"]["value"] == 4
    share(couple, couple.hurt, therapist, "checkins", granted=False)
    item = only(therapist)
    assert (item["felt_safety"], item["days_since_checkin"]) == (None, [])
    assert item["commitments"] is not None
    share(couple, couple.repairing, therapist, "commitments", granted=False)
    item = only(therapist)
    assert (item["commitments"], item["nothing_shared"]) == (None, True)


@pytest.mark.parametrize(("expires_in", "shown"), [(-1, False), (1, True)])
def test_a_grant_counts_until_it_expires(
    app: Flask, therapist: ApiClient, expires_in: int, shown: bool
) -> None:
    couple = couple_with(app, therapist)
    felt_safety(app, couple, {days_ago(1): 4})
    with app.app_context():
        db.session.add(
            ConsentChange(
                space_id=couple.space_id,
                owner_id=couple.hurt.id,
                viewer_id=therapist.id,
                category="checkins",
                granted=True,
                expires_at=NOW + timedelta(minutes=expires_in),
                **memberships_of(couple.space_id, couple.hurt.id, therapist.id),
            )
        )
        db.session.commit()
    item = only(therapist)
    assert (item["felt_safety"] is not None) is shown
    assert item["nothing_shared"] is not shown


def test_commitment_reliability_of_the_active_commitments(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, repairing=["commitments"])
    steady = daily(range(1, 60))
    shaky = daily(range(1, 60, 2)) | daily(range(2, 60, 4), "partial")
    _, _ = add_commitment(app, couple, steady, title="Phone open")
    shaky_id, _ = add_commitment(app, couple, shaky, title="No contact with J.")
    add_commitment(app, couple, daily(range(1, 60), "missed"), title="Paused", status="paused")
    add_commitment(app, couple, {}, title="Withdrawn", status="withdrawn")
    add_commitment(app, couple, {}, title="Later", starts_on=TODAY + timedelta(days=3))
    expected = {
        name: reliability.compute(
            cadence="daily", starts_on=TODAY - timedelta(days=59), today=TODAY, checks=checks
        ).score
        for name, checks in (
            ("steady", {day: (o, False) for day, o in steady.items()}),
            ("shaky", {day: (o, False) for day, o in shaky.items()}),
        )
    }
    figures = only(therapist)["commitments"]
    assert figures["active_count"] == 2
    mean = (expected["steady"] + expected["shaky"]) / 2
    assert figures["reliability_overall"] == pytest.approx(mean, abs=0.001)
    assert figures["reliability_lowest"] == {
        "commitment_id": shaky_id,
        "title": "No contact with J.",
        "reliability": pytest.approx(expected["shaky"], abs=0.001),
    }
    assert figures["open_disputes"] is None  # the reviews are the hurt partner's to share


def test_weekly_commitment_counts_its_weeks(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, repairing=["commitments"])
    mondays = {TODAY - timedelta(days=2 + 7 * week): "kept" for week in range(1, 8)}
    add_commitment(app, couple, mondays, cadence="weekly", starts_on=TODAY - timedelta(days=58))
    checks = {day: ("kept", False) for day in mondays}
    expected = reliability.compute(
        cadence="weekly", starts_on=TODAY - timedelta(days=58), today=TODAY, checks=checks
    )
    assert only(therapist)["commitments"]["reliability_overall"] == pytest.approx(
        expected.score, abs=0.001
    )


def test_long_history_gives_the_reliability_of_the_whole_history(
    app: Flask, therapist: ApiClient
) -> None:
    couple = couple_with(app, therapist, hurt=["commitments"], repairing=["commitments"])
    starts_on = TODAY - timedelta(days=400)
    pattern = ("kept", "kept", "partial", "kept", "missed", "kept", "kept")
    outcomes = {starts_on + timedelta(days=d): pattern[d % 7] for d in range(400) if d % 11}
    commitment_id, checks = add_commitment(app, couple, outcomes, starts_on=starts_on)
    disputed_day = TODAY - timedelta(days=5)
    assert outcomes[disputed_day] == "kept"
    add_reviews(app, couple, checks[disputed_day], "disputed")
    pause = [(TODAY - timedelta(days=120), "paused"), (TODAY - timedelta(days=100), "active")]
    with app.app_context():
        db.session.add_all(
            Change(
                commitment_id=commitment_id,
                author_id=couple.repairing.id,
                status=status,
                reason="A hard month.",
                effective_on=day,
            )
            for day, status in pause
        )
        db.session.commit()
    whole = reliability.compute(
        cadence="daily",
        starts_on=starts_on,
        today=TODAY,
        checks={day: (o, day == disputed_day) for day, o in outcomes.items()},
        status_changes=pause,
    )
    figures = only(therapist)["commitments"]
    assert figures["reliability_overall"] == pytest.approx(whole.score, abs=0.001)
    assert figures["open_disputes"] == 1


def test_disputes_count_only_with_the_hurt_partners_own_grant(
    app: Flask, therapist: ApiClient
) -> None:
    couple = couple_with(app, therapist, repairing=["commitments"])
    _, checks = add_commitment(app, couple, daily(range(1, 30)), title="Phone open")
    add_reviews(app, couple, checks[TODAY - timedelta(days=2)], "confirmed", "disputed")
    add_reviews(app, couple, checks[TODAY - timedelta(days=5)], "disputed", "confirmed")
    hidden = only(therapist)
    assert hidden["commitments"]["open_disputes"] is None
    assert hidden["alerts"] == []
    share(couple, couple.hurt, therapist, "commitments")
    shown = only(therapist)
    assert shown["commitments"]["open_disputes"] == 1
    assert shown["alerts"] == [
        {
            "kind": "disputed_check",
            "message": "A commitment check is disputed and still open "
            "(\u201cPhone open\u201d, 3 March 2025).",
        }
    ]
    # a disputed check counts as partial at most, for those who may see the dispute
    overall = shown["commitments"]["reliability_overall"]
    assert overall < hidden["commitments"]["reliability_overall"]


def test_hurt_partners_grant_alone_shows_no_commitments(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=["commitments"])
    _, checks = add_commitment(app, couple, daily(range(1, 30)))
    add_reviews(app, couple, checks[TODAY - timedelta(days=2)], "disputed")
    item = only(therapist)
    assert item["commitments"] is None
    assert item["alerts"] == []
    assert item["nothing_shared"] is False


def test_most_in_need_of_attention_comes_first(app: Flask, therapist: ApiClient) -> None:
    for name, score in (("Calm", 8), ("bees", 8), ("Low", 2)):
        felt_safety(
            app, couple_with(app, therapist, name=name, hurt=["checkins"]), {days_ago(1): score}
        )
    couple_with(app, therapist, name="Aardvarks")  # nothing shared: nothing to judge
    couple_with(app, therapist, name="Quiet", repairing=["checkins"])  # never checked in
    struggling = couple_with(app, therapist, name="Struggling", hurt=["checkins"])
    felt_safety(app, struggling, {days_ago(day): 2 for day in (1, 2, 3)})
    caseload_items = items(therapist)
    assert [item["space"]["name"] for item in caseload_items] == [
        "Struggling",  # three low check-ins in a row
        "Quiet",  # a partner who never checked in: a lighter alert
        "Low",  # no alert, lowest latest felt safety
        "bees",  # then by name, whatever the case
        "Calm",
        "Aardvarks",  # no figures at all
    ]
    assert [kinds(item) for item in caseload_items[:2]] == [["low_felt_safety"], ["no_checkin"]]


def test_therapist_sees_only_the_spaces_they_are_in(app: Flask, therapist: ApiClient) -> None:
    mine = couple_with(app, therapist, name="Mine", hurt=CATEGORIES)
    colleague = make_user(app, account_type="therapist", display_name="Dr. Okafor")
    couple_with(app, colleague, name="Theirs", hurt=CATEGORIES, repairing=CATEGORIES)
    assert [item["space"]["name"] for item in items(therapist)] == ["Mine"]
    assert therapist.post(f"/spaces/{mine.space_id}/leave").status_code == 204
    assert items(therapist) == []
    assert [item["space"]["name"] for item in items(colleague)] == ["Theirs"]


def test_reads_are_logged_for_each_owner_and_category(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(
        app, therapist, hurt=["checkins", "commitments"], repairing=["commitments"]
    )
    felt_safety(app, couple, {days_ago(1): 6})
    add_commitment(app, couple, daily(range(1, 10)))
    items(therapist)
    logs = {
        partner.id: partner.get(f"/spaces/{couple.space_id}/access-log").get_json()["items"]
        for partner in (couple.hurt, couple.repairing)
    }
    assert {(e["viewer_id"], e["category"]) for e in logs[couple.hurt.id]} == {
        (therapist.id, "checkins"),
        (therapist.id, "commitments"),
    }
    assert [(e["viewer_id"], e["category"]) for e in logs[couple.repairing.id]] == [
        (therapist.id, "commitments")
    ]
    assert all(e["records"].startswith("caseload") for e in logs[couple.hurt.id])


def test_nothing_is_logged_when_nothing_is_shared(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist)
    felt_safety(app, couple, {days_ago(1): 6})
    items(therapist)
    for partner in (couple.hurt, couple.repairing):
        log = partner.get(f"/spaces/{couple.space_id}/access-log").get_json()
        assert log["items"] == []


def insert_couples(app: Flask, therapist: ApiClient, count: int) -> None:
    """Many couples sharing everything with the therapist, straight into the database."""
    with app.app_context():
        for index in range(count):
            hurt, repairing = (
                User(email=unique_email(), password_hash="-", display_name=name)
                for name in (f"Sam {index}", f"Alex {index}")
            )
            for user in (hurt, repairing):
                user.account_type = "partner"
            db.session.add_all([hurt, repairing])
            db.session.flush()
            _insert_space(index, hurt.id, repairing.id, therapist.id)
        db.session.commit()


def _insert_space(index: int, hurt_id: int, repairing_id: int, therapist_id: int) -> None:
    space = Space(name=f"Couple {index}")
    space.members = [
        Membership(user_id=hurt_id, role="hurt", joined_at=JOINED),
        Membership(user_id=repairing_id, role="repairing", joined_at=JOINED),
        Membership(user_id=therapist_id, role="therapist", joined_at=JOINED, approved_at=JOINED),
    ]
    db.session.add(space)
    db.session.flush()
    ids = {m.user_id: m.id for m in space.members}
    db.session.add_all(
        ConsentChange(
            space_id=space.id,
            owner_id=owner,
            owner_membership_id=ids[owner],
            viewer_id=therapist_id,
            viewer_membership_id=ids[therapist_id],
            category=c,
            granted=True,
        )
        for owner in (hurt_id, repairing_id)
        for c in CATEGORIES
    )
    db.session.add_all(
        Checkin(space_id=space.id, author_id=hurt_id, felt_safety=index % 11, created_at=moment)
        for moment in (days_ago(day) for day in range(0, 30, 3))
    )
    db.session.add(Checkin(space_id=space.id, author_id=repairing_id, created_at=days_ago(2)))
    for cadence in ("daily", "weekly"):
        commitment = Commitment(
            space_id=space.id,
            author_id=repairing_id,
            title=f"{cadence} promise",
            cadence=cadence,
            starts_on=TODAY - timedelta(days=200),
        )
        db.session.add(commitment)
        db.session.flush()
        checks = [
            CommitmentCheck(commitment_id=commitment.id, period_start=day, outcome="kept")
            for day in (TODAY - timedelta(days=offset) for offset in range(1, 200, 7))
        ]
        db.session.add_all(checks)
        db.session.flush()
        db.session.add(CheckReview(check_id=checks[0].id, author_id=hurt_id, verdict="disputed"))
    _insert_measures(space.id, hurt_id, repairing_id)


def _insert_measures(space_id: int, hurt_id: int, repairing_id: int) -> None:
    """Four weekly CSI-4s for each partner, the hurt partner's on a weekly schedule."""
    db.session.add_all(
        MeasureResponse(
            space_id=space_id,
            respondent_id=owner,
            instrument="csi4",
            answers=[3, 3, 3, 3],
            score=12,
            band="Notable relationship dissatisfaction",
            created_at=days_ago(7 * week),
        )
        for owner in (hurt_id, repairing_id)
        for week in range(4)
    )
    db.session.add(
        MeasureSchedule(
            space_id=space_id,
            respondent_id=hurt_id,
            instrument="csi4",
            every_weeks=1,
            starts_at=days_ago(60),
        )
    )


def test_query_count_is_the_same_for_10_and_100_couples(
    app: Flask, therapist: ApiClient, count_queries
) -> None:
    insert_couples(app, therapist, 10)  # straight into the database: no snapshots yet
    with count_queries() as ten_building:
        assert len(items(therapist)) == 10
    with count_queries() as ten:
        items(therapist)
    insert_couples(app, therapist, 90)
    with count_queries() as hundred_building:
        items(therapist)
    with count_queries() as hundred:
        caseload_items = items(therapist)
    assert len(caseload_items) == 100
    assert all(item["commitments"]["open_disputes"] == 2 for item in caseload_items)
    assert all(len(item["measures"]) == 2 for item in caseload_items)
    hurt_series = [item["measures"][0] for item in caseload_items]
    assert all(series["schedule"]["completion_rate"] == 0.375 for series in hurt_series)
    assert hundred.count == ten.count, hundred.statements
    assert hundred_building.count == ten_building.count, hundred_building.statements
    assert ten.count < ten_building.count  # once built, snapshots spare reading any history


def test_a_commitment_without_a_snapshot_gets_one_on_first_read(
    app: Flask, therapist: ApiClient
) -> None:
    couple = couple_with(app, therapist, hurt=["commitments"], repairing=["commitments"])
    commitment_id, checks = add_commitment(app, couple, daily(range(1, 40)))
    add_reviews(app, couple, checks[TODAY - timedelta(days=4)], "disputed")
    with app.app_context():
        assert db.session.get(ReliabilitySnapshot, commitment_id) is None
    first = only(therapist)["commitments"]
    with app.app_context():
        stored = db.session.get(ReliabilitySnapshot, commitment_id)
        assert stored is not None
        assert stored.disputes == [[str(TODAY - timedelta(days=4)), couple.hurt.id]]
    assert only(therapist)["commitments"] == first
    assert first["open_disputes"] == 1


def test_a_check_in_in_words_only_keeps_the_latest_number(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=["checkins"])
    felt_safety(app, couple, {days_ago(2): 4})
    words_only = {"author_id": couple.hurt.id, "note": "A hard day", "created_at": days_ago(0)}
    make_checkins(app, space_id=couple.space_id, rows=[words_only])
    item = only(therapist)
    assert item["felt_safety"]["latest"] == {"value": 4, "at": days_ago(2).isoformat()}
    assert item["days_since_checkin"] == [{"user_id": couple.hurt.id, "role": "hurt", "days": 0}]
