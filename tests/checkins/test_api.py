"""Check-ins from the outside: who may write which score, and who sees which check-in and note."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, func, select

from mend.extensions import db
from mend.record.models import LedgerEntry
from tests.builders import ApiClient, Couple
from tests.checkins.conftest import local, make_checkin, make_couple_in, set_consent


def checkins_path(couple: Couple) -> str:
    """The check-ins collection of the couple's space."""
    return f"/spaces/{couple.space_id}/checkins"


def check_in(member: ApiClient, couple: Couple, **body: Any) -> dict[str, Any]:
    """Post a check-in that must succeed; returns it as the author sees it."""
    response = member.post(checkins_path(couple), json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def listed(member: ApiClient, couple: Couple, query: str = "") -> list[dict[str, Any]]:
    """The check-ins member sees in the couple's space."""
    response = member.get(f"{checkins_path(couple)}{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def both_check_in(couple: Couple) -> tuple[dict[str, Any], dict[str, Any]]:
    """The hurt and the repairing partner each check in with a shared and a private-able note."""
    hurt = check_in(couple.hurt, couple, felt_safety=3, note="Hard morning.", tags=["trigger"])
    repairing = check_in(couple.repairing, couple, regulation=6, predicted_safety=5, note="Calm.")
    return hurt, repairing


# --- writing ---------------------------------------------------------------------------------


def test_hurt_partner_checks_in_with_felt_safety(couple: Couple) -> None:
    checkin = check_in(
        couple.hurt, couple, felt_safety=4, regulation=5, note="Tired.", tags=[" walk ", "walk"]
    )

    assert checkin["author_id"] == couple.hurt.id
    assert checkin["author_role"] == "hurt"
    assert (checkin["felt_safety"], checkin["regulation"], checkin["predicted_safety"]) == (
        4,
        5,
        None,
    )
    assert (checkin["note"], checkin["note_private"]) == ("Tired.", False)
    assert checkin["tags"] == ["walk"]
    assert checkin["space_id"] == couple.space_id


def test_repairing_partner_checks_in_with_regulation_and_prediction(couple: Couple) -> None:
    checkin = check_in(couple.repairing, couple, regulation=7, predicted_safety=4)

    assert checkin["author_role"] == "repairing"
    assert (checkin["felt_safety"], checkin["regulation"], checkin["predicted_safety"]) == (
        None,
        7,
        4,
    )
    assert checkin["note"] is None and checkin["tags"] == []


def test_several_checkins_on_one_day_are_all_kept(couple: Couple) -> None:
    first = check_in(couple.hurt, couple, felt_safety=2)
    second = check_in(couple.hurt, couple, felt_safety=6)

    assert [c["id"] for c in listed(couple.hurt, couple)] == [second["id"], first["id"]]


def test_each_checkin_gets_one_ledger_entry_and_the_record_verifies(
    app: Flask, couple: Couple
) -> None:
    created = [check_in(couple.hurt, couple, felt_safety=5), check_in(couple.repairing, couple)]

    with app.app_context():
        refs = db.session.scalars(
            select(LedgerEntry.ref_id).where(
                LedgerEntry.space_id == couple.space_id, LedgerEntry.kind == "checkin"
            )
        ).all()
    assert sorted(refs) == sorted(c["id"] for c in created)
    verification = couple.hurt.get(f"/spaces/{couple.space_id}/record/verify").get_json()
    assert verification["valid"] is True


def test_a_check_in_is_written_in_one_transaction_of_seven_statements(
    app: Flask, couple: Couple, count_queries: Any
) -> None:
    statements_at_each_commit: list[int] = []
    with app.app_context():
        engine = db.engine
    with count_queries() as counter:

        def on_commit(_connection: object) -> None:
            statements_at_each_commit.append(counter.count)

        event.listen(engine, "commit", on_commit)
        try:
            check_in(couple.hurt, couple, felt_safety=6, note="a hard day")
        finally:
            event.remove(engine, "commit", on_commit)
    # The login session's user, the space lock (taken only for a member), every member's
    # access (read once, for the author's permission and the live event's audience), the
    # check-in, the ledger head, the ledger entry, and which of the audience want activity
    # notices (mend.reminders.activity: nobody here, so no marker is written), then the one
    # commit: nothing after it.
    assert statements_at_each_commit == [7], counter.statements
    assert counter.count == 7, counter.statements
    lock, members = (statement.lstrip().upper() for statement in counter.statements[1:3])
    assert "JOIN MEMBERSHIP" in lock, lock
    if engine.dialect.name == "postgresql":  # SQLite's BEGIN IMMEDIATE needs no row lock
        assert lock.rstrip().endswith("FOR NO KEY UPDATE OF SPACE"), lock
    assert members.startswith("SELECT MEMBERSHIP"), members
    assert "FROM REMINDER_SETTINGS" in counter.statements[-1].upper()


def test_therapist_cannot_check_in(app: Flask, couple: Couple, therapist: ApiClient) -> None:
    response = therapist.post(checkins_path(couple), json={"regulation": 5})

    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LedgerEntry)) == 0


def test_member_of_another_space_gets_404(couple: Couple, stranger: ApiClient) -> None:
    path = checkins_path(couple)

    assert stranger.post(path, json={"felt_safety": 5}).status_code == 404
    assert stranger.get(path).status_code == 404
    assert (
        stranger.get(f"{path}/{check_in(couple.hurt, couple, felt_safety=5)['id']}").status_code
        == 404
    )
    assert stranger.get(f"/spaces/{couple.space_id}/trends/safety").status_code == 404


def test_anonymous_caller_gets_401(client: ApiClient, couple: Couple) -> None:
    assert client.get(checkins_path(couple)).status_code == 401
    assert client.post(checkins_path(couple), json={"felt_safety": 5}).status_code == 401
    assert client.get(f"/spaces/{couple.space_id}/trends/safety").status_code == 401


@pytest.mark.parametrize(
    ("role", "body", "field"),
    [
        ("hurt", {}, "felt_safety"),
        ("hurt", {"felt_safety": None}, "felt_safety"),
        ("hurt", {"regulation": 5}, "felt_safety"),
        ("hurt", {"felt_safety": 5, "predicted_safety": 5}, "predicted_safety"),
        ("repairing", {"felt_safety": 5}, "felt_safety"),
        ("repairing", {"felt_safety": 0, "predicted_safety": 5}, "felt_safety"),
        ("hurt", {"felt_safety": -1}, "felt_safety"),
        ("hurt", {"felt_safety": 11}, "felt_safety"),
        ("hurt", {"felt_safety": "3"}, "felt_safety"),
        ("hurt", {"felt_safety": 3.5}, "felt_safety"),
        ("hurt", {"felt_safety": True}, "felt_safety"),
        ("hurt", {"felt_safety": 10**30}, "felt_safety"),
        ("hurt", {"felt_safety": 5, "regulation": 11}, "regulation"),
        ("hurt", {"felt_safety": 5, "regulation": "5"}, "regulation"),
        ("repairing", {"predicted_safety": -1}, "predicted_safety"),
        ("repairing", {"predicted_safety": 2.0000001}, "predicted_safety"),
        ("repairing", {"predicted_safety": False}, "predicted_safety"),
        ("hurt", {"felt_safety": 5, "note": "x" * 5001}, "note"),
        ("hurt", {"felt_safety": 5, "note": 42}, "note"),
        ("hurt", {"felt_safety": 5, "note_private": "true"}, "note_private"),
        ("hurt", {"felt_safety": 5, "note_private": 1}, "note_private"),
        ("hurt", {"felt_safety": 5, "note_private": None}, "note_private"),
        ("hurt", {"felt_safety": 5, "tags": [f"t{i}" for i in range(11)]}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": [""]}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": ["   "]}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": ["x" * 33]}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": [3]}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": "calm"}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": None}, "tags"),
        ("hurt", {"felt_safety": 5, "mood": "ok"}, "mood"),
    ],
)
def test_checkin_validation_names_the_field(
    app: Flask, couple: Couple, role: str, body: dict[str, Any], field: str
) -> None:
    response = getattr(couple, role).post(checkins_path(couple), json=body)

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LedgerEntry)) == 0


def test_longest_note_and_most_tags_are_accepted(couple: Couple) -> None:
    tags = [f"{i:02d}" + "x" * 30 for i in range(10)]
    checkin = check_in(couple.hurt, couple, felt_safety=0, note="x" * 5000, tags=tags)

    assert len(checkin["note"]) == 5000 and checkin["tags"] == tags


@pytest.mark.parametrize("method", ["DELETE", "PATCH", "PUT"])
def test_checkins_cannot_be_changed_or_deleted(couple: Couple, method: str) -> None:
    checkin = check_in(couple.hurt, couple, felt_safety=5)

    for path in (checkins_path(couple), f"{checkins_path(couple)}/{checkin['id']}"):
        response = couple.hurt.request(method, path, json={"felt_safety": 9})
        assert response.status_code == 405
        assert response.content_type == "application/problem+json"
    assert listed(couple.hurt, couple)[0]["felt_safety"] == 5


# --- who sees what ---------------------------------------------------------------------------


def test_partners_see_each_others_scores_but_not_notes_by_default(couple: Couple) -> None:
    hurt, repairing = both_check_in(couple)

    seen_by_hurt = {c["id"]: c for c in listed(couple.hurt, couple)}
    seen_by_repairing = {c["id"]: c for c in listed(couple.repairing, couple)}
    assert set(seen_by_hurt) == set(seen_by_repairing) == {hurt["id"], repairing["id"]}
    assert seen_by_hurt[repairing["id"]]["predicted_safety"] == 5
    assert seen_by_hurt[repairing["id"]]["note"] is None
    assert seen_by_repairing[hurt["id"]]["felt_safety"] == 3
    assert seen_by_repairing[hurt["id"]]["tags"] == ["trigger"]
    assert seen_by_repairing[hurt["id"]]["note"] is None
    assert seen_by_hurt[hurt["id"]]["note"] == "Hard morning."


def test_note_privacy_flag_is_shown_only_to_the_author(couple: Couple) -> None:
    check_in(couple.hurt, couple, felt_safety=3, note="Mine.", note_private=True)

    assert listed(couple.hurt, couple)[0]["note_private"] is True
    assert listed(couple.repairing, couple)[0]["note_private"] is None


def test_partner_sees_shared_notes_after_a_checkin_notes_grant(app: Flask, couple: Couple) -> None:
    hurt, _ = both_check_in(couple)
    set_consent(
        app,
        space_id=couple.space_id,
        owner=couple.hurt,
        viewer=couple.repairing,
        category="checkin_notes",
    )

    seen = {c["id"]: c for c in listed(couple.repairing, couple)}
    assert seen[hurt["id"]]["note"] == "Hard morning."


def test_private_note_stays_hidden_even_with_a_checkin_notes_grant(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    private = check_in(couple.hurt, couple, felt_safety=2, note="Only me.", note_private=True)
    for viewer in (couple.repairing, therapist):
        for category in ("checkins", "checkin_notes"):
            set_consent(
                app, space_id=couple.space_id, owner=couple.hurt, viewer=viewer, category=category
            )

    for viewer in (couple.repairing, therapist):
        [seen] = listed(viewer, couple)
        assert seen["id"] == private["id"] and seen["felt_safety"] == 2
        assert seen["note"] is None
        item = viewer.get(f"{checkins_path(couple)}/{private['id']}").get_json()
        assert item["note"] is None
    assert listed(couple.hurt, couple)[0]["note"] == "Only me."


def test_partner_who_stops_sharing_checkins_disappears_from_the_other_view(
    app: Flask, couple: Couple
) -> None:
    hurt, repairing = both_check_in(couple)
    set_consent(
        app,
        space_id=couple.space_id,
        owner=couple.hurt,
        viewer=couple.repairing,
        category="checkins",
        granted=False,
    )

    assert [c["id"] for c in listed(couple.repairing, couple)] == [repairing["id"]]
    assert couple.repairing.get(f"{checkins_path(couple)}/{hurt['id']}").status_code == 404
    assert {c["id"] for c in listed(couple.hurt, couple)} == {hurt["id"], repairing["id"]}


def test_therapist_without_grant_sees_nothing(couple: Couple, therapist: ApiClient) -> None:
    hurt, repairing = both_check_in(couple)

    assert listed(therapist, couple) == []
    for checkin in (hurt, repairing):
        assert therapist.get(f"{checkins_path(couple)}/{checkin['id']}").status_code == 404


def test_therapist_with_checkins_grant_sees_scores_but_not_notes(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    hurt, _ = both_check_in(couple)
    set_consent(
        app, space_id=couple.space_id, owner=couple.hurt, viewer=therapist, category="checkins"
    )

    [seen] = listed(therapist, couple)
    assert (seen["id"], seen["felt_safety"], seen["note"]) == (hurt["id"], 3, None)


def test_therapist_sees_notes_only_with_checkin_notes_grant_too(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    hurt, _ = both_check_in(couple)
    set_consent(
        app, space_id=couple.space_id, owner=couple.hurt, viewer=therapist, category="checkin_notes"
    )
    assert listed(therapist, couple) == []  # notes without scores show nothing

    set_consent(
        app, space_id=couple.space_id, owner=couple.hurt, viewer=therapist, category="checkins"
    )
    [seen] = listed(therapist, couple)
    assert (seen["id"], seen["note"]) == (hurt["id"], "Hard morning.")


def test_checkin_of_another_space_is_404_even_by_id(app: Flask, couple: Couple) -> None:
    other = make_couple_in(app, hurt_timezone="UTC", repairing_timezone="UTC")
    theirs = check_in(other.hurt, other, felt_safety=5)

    response = couple.hurt.get(f"{checkins_path(couple)}/{theirs['id']}")
    assert response.status_code == 404
    assert listed(couple.hurt, couple) == []


# --- filters and pages -----------------------------------------------------------------------


def test_author_filter_lists_one_partner(couple: Couple) -> None:
    hurt, repairing = both_check_in(couple)

    assert [c["id"] for c in listed(couple.hurt, couple, f"?author_id={couple.hurt.id}")] == [
        hurt["id"]
    ]
    query = f"?author_id={couple.repairing.id}"
    assert [c["id"] for c in listed(couple.hurt, couple, query)] == [repairing["id"]]


def test_author_filter_for_hidden_author_lists_nothing(
    couple: Couple, therapist: ApiClient
) -> None:
    both_check_in(couple)

    assert listed(therapist, couple, f"?author_id={couple.hurt.id}") == []


def test_date_range_uses_the_callers_local_days(app: Flask) -> None:
    couple = make_couple_in(app, hurt_timezone="Pacific/Auckland", repairing_timezone="UTC")
    # 2024-06-10 23:30 UTC is already 2024-06-11 11:30 in Auckland.
    late = make_checkin(
        app,
        space_id=couple.space_id,
        author_id=couple.hurt.id,
        created_at=local("2024-06-10 23:30", "UTC"),
        felt_safety=4,
    )

    def ids(member: ApiClient, query: str) -> list[int]:
        return [c["id"] for c in listed(member, couple, query)]

    assert ids(couple.hurt, "?from=2024-06-11&to=2024-06-11") == [late]
    assert ids(couple.hurt, "?to=2024-06-10") == []
    assert ids(couple.repairing, "?from=2024-06-10&to=2024-06-10") == [late]
    assert ids(couple.repairing, "?from=2024-06-11") == []


def test_date_range_holds_whole_local_days_across_the_autumn_dst_change(app: Flask) -> None:
    couple = make_couple_in(app, hurt_timezone="America/New_York", repairing_timezone="UTC")
    made = {
        moment: make_checkin(
            app,
            space_id=couple.space_id,
            author_id=couple.hurt.id,
            created_at=local(moment, "America/New_York"),
            felt_safety=5,
        )
        for moment in (
            "2024-11-02 23:30",
            "2024-11-03 00:30",
            "2024-11-03 23:30",
            "2024-11-04 00:30",
        )
    }

    items = listed(couple.hurt, couple, "?from=2024-11-03&to=2024-11-03")

    assert sorted(c["id"] for c in items) == [made["2024-11-03 00:30"], made["2024-11-03 23:30"]]


def test_pages_walk_newest_first_without_gaps(couple: Couple) -> None:
    created = [check_in(couple.hurt, couple, felt_safety=n)["id"] for n in range(5)]
    seen, before = [], ""
    while True:
        page = couple.hurt.get(f"{checkins_path(couple)}?limit=2{before}").get_json()
        seen += [c["id"] for c in page["items"]]
        if page["next_before"] is None:
            break
        before = f"&before={page['next_before']}"

    assert seen == created[::-1]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?from=2024-06-12&to=2024-06-11", "from"),
        ("?from=yesterday", "from"),
        ("?to=2024-02-30", "to"),
        ("?from=0001-01-01", "from"),
        ("?to=9999-12-31", "to"),
        ("?author_id=abc", "author_id"),
        ("?author_id=0", "author_id"),
        ("?author_id=2147483648", "author_id"),
        ("?limit=0", "limit"),
        ("?limit=201", "limit"),
        ("?before=0", "before"),
    ],
)
def test_list_query_validation_names_the_field(couple: Couple, query: str, field: str) -> None:
    response = couple.hurt.get(f"{checkins_path(couple)}{query}")

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


def test_listing_takes_the_same_number_of_queries_for_few_or_many(
    app: Flask, couple: Couple, therapist: ApiClient, count_queries
) -> None:
    set_consent(
        app, space_id=couple.space_id, owner=couple.hurt, viewer=therapist, category="checkins"
    )

    def queries_to_list() -> int:
        with count_queries() as counter:
            assert therapist.get(checkins_path(couple)).status_code == 200
        return counter.count

    both_check_in(couple)
    few = queries_to_list()
    for _ in range(10):
        both_check_in(couple)
    assert queries_to_list() == few


@pytest.mark.parametrize(
    "body",
    [
        {"note": "I can't put a number on today."},
        {"tags": ["numb"]},
        {"note": "Only for me.", "note_private": True, "regulation": 3},
    ],
)
def test_hurt_partner_may_check_in_with_words_and_no_number(
    couple: Couple, body: dict[str, Any]
) -> None:
    checkin = check_in(couple.hurt, couple, **body)
    assert checkin["felt_safety"] is None
    assert [c["id"] for c in listed(couple.hurt, couple)] == [checkin["id"]]


def test_an_empty_check_in_asks_for_a_number_or_words_in_plain_words(couple: Couple) -> None:
    response = couple.hurt.post(checkins_path(couple), json={"note": None, "tags": []})
    assert response.status_code == 422
    message = response.get_json()["errors"]["felt_safety"][0]
    assert "a number" in message and "a few words" in message


def test_a_check_in_in_words_only_leaves_the_trend_alone(couple: Couple) -> None:
    check_in(couple.hurt, couple, felt_safety=6)
    check_in(couple.hurt, couple, note="Words only today.")
    trend = couple.hurt.get(f"/spaces/{couple.space_id}/trends/safety").get_json()
    counted = [(point["mean"], point["count"]) for point in trend["points"] if point["count"]]
    assert counted == [(6.0, 1)]
