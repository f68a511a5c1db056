"""Answering questionnaires, validation, the support message, schedules and what is due."""

from __future__ import annotations

import pytest

from tests.builders import Couple, add_therapist


def answer(client, space_id: int, instrument: str, answers: list[int]):
    """POST a response."""
    return client.post(
        f"/spaces/{space_id}/measures/{instrument}/responses", json={"answers": answers}
    )


def test_instruments_are_listed_with_items_scoring_and_cutoff(partner) -> None:
    body = partner.get("/measures").get_json()
    assert [i["id"] for i in body] == ["phq2", "gad2", "csi4"]
    phq2 = body[0]
    assert phq2["items"][1]["text"] == "Feeling down, depressed, or hopeless"
    assert phq2["cutoff"] == {
        "value": 3.0,
        "flags": "at_or_above",
        "meaning": phq2["cutoff"]["meaning"],
    }
    assert [o["label"] for o in phq2["options"]][-1] == "Nearly every day"
    assert body[2]["options"] is None  # the CSI-4's items each have their own answers
    assert phq2["reliability"] is None and phq2["reliability_note"]
    assert body[2]["reliability"]["coefficient"] == 0.94


def test_a_partner_answers_and_the_server_scores(couple: Couple) -> None:
    response = answer(couple.repairing, couple.space_id, "csi4", [4, 4, 3, 4])
    assert response.status_code == 201
    body = response.get_json()
    assert (body["instrument"], body["score"]) == ("csi4", 15)
    assert body["band"] == "Above the dissatisfaction cut-off"
    assert body.get("support") is None


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ([1], "answers", "needs 2 answers (we got 1)"),
        ([1, 2, 3], "answers", "needs 2 answers (we got 3)"),
        ([1, 4], "answers.1", "Question 2 (\u201cFeeling down, depressed, or hopeless\u201d)"),
        (
            [-1, 0],
            "answers.0",
            "Question 1 (\u201cLittle interest or pleasure in doing things\u201d)",
        ),
    ],
)
def test_wrong_count_or_range_is_422_naming_the_item(
    couple: Couple, answers: list[int], field: str, words: str
) -> None:
    response = answer(couple.hurt, couple.space_id, "phq2", answers)
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert words in response.get_json()["errors"][field][0]


@pytest.mark.parametrize("answers", [["1", 2], [True, 1], [1.5, 1], None, "12"])
def test_answers_that_are_not_whole_numbers_are_422(couple: Couple, answers: object) -> None:
    response = answer(couple.hurt, couple.space_id, "phq2", answers)  # type: ignore[arg-type]
    assert response.status_code == 422


def test_an_unknown_instrument_is_404(couple: Couple) -> None:
    assert answer(couple.hurt, couple.space_id, "bdi", [1]).status_code == 404


def test_a_therapist_cannot_answer(app, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    assert answer(therapist, couple.space_id, "phq2", [0, 0]).status_code == 403


def test_phq2_at_the_cutoff_shows_support_to_the_one_who_answered_only(couple: Couple) -> None:
    body = answer(couple.hurt, couple.space_id, "phq2", [1, 2]).get_json()
    assert body["score"] == 3
    assert body["support"]["resources"][0]["url"].startswith("https://")
    assert "alone" in body["support"]["heading"]
    below = answer(couple.hurt, couple.space_id, "phq2", [1, 1]).get_json()
    assert below.get("support") is None
    # Their partner sees nothing at all: no series, no alarm.
    assert couple.repairing.get(f"/spaces/{couple.space_id}/measures").get_json()["series"] == []


def test_gad2_past_its_cutoff_has_no_support_message(couple: Couple) -> None:
    assert answer(couple.hurt, couple.space_id, "gad2", [3, 3]).get_json().get("support") is None


def test_a_partner_sees_their_own_series_with_change(couple: Couple) -> None:
    for answers in ([5, 4, 4, 4], [3, 3, 2, 3]):
        answer(couple.hurt, couple.space_id, "csi4", answers)
    body = couple.hurt.get(f"/spaces/{couple.space_id}/measures").get_json()
    (mine,) = body["series"]
    assert [p["score"] for p in mine["points"]] == [17, 11]
    assert mine["last_change"]["difference"] == -6
    assert mine["last_change"]["reliable"] is True
    assert mine["last_change"]["direction"] == "worse"
    assert mine["beyond_cutoff"] is True
    assert (mine["role"], mine["cutoff"]) == ("hurt", 13.5)


def test_schedule_makes_a_measure_due_until_answered(couple: Couple) -> None:
    path = f"/spaces/{couple.space_id}/measures/phq2/schedule"
    put = couple.hurt.put(path, json={"every_weeks": 2})
    assert put.status_code == 200
    assert put.get_json()["every_weeks"] == 2
    assert couple.hurt.get(f"/spaces/{couple.space_id}/measures").get_json()["due"] == ["phq2"]
    answer(couple.hurt, couple.space_id, "phq2", [0, 1])
    body = couple.hurt.get(f"/spaces/{couple.space_id}/measures").get_json()
    assert body["due"] == []
    assert body["series"][0]["schedule"]["due"] is False


@pytest.mark.parametrize("weeks", [0, 9, "2", 1.5, None])
def test_schedule_is_every_one_to_eight_weeks(couple: Couple, weeks: object) -> None:
    path = f"/spaces/{couple.space_id}/measures/gad2/schedule"
    assert couple.hurt.put(path, json={"every_weeks": weeks}).status_code == 422


def test_a_partner_cannot_schedule_the_other(couple: Couple) -> None:
    path = f"/spaces/{couple.space_id}/measures/gad2/schedule"
    body = {"every_weeks": 2, "respondent_id": couple.repairing.id}
    assert couple.hurt.put(path, json=body).status_code == 403


def test_a_therapist_schedules_only_with_the_grant(app, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    path = f"/spaces/{couple.space_id}/measures/csi4/schedule"
    body = {"every_weeks": 4, "respondent_id": couple.hurt.id}
    assert therapist.put(path, json=body).status_code == 404
    grant = f"/spaces/{couple.space_id}/consents/{therapist.id}/measures"
    assert couple.hurt.put(grant, json={"granted": True}).status_code == 200
    assert therapist.put(path, json=body).status_code == 200
    due = couple.hurt.get(f"/spaces/{couple.space_id}/measures").get_json()["due"]
    assert due == ["csi4"]
    stop = therapist.delete(f"{path}?respondent_id={couple.hurt.id}")
    assert stop.status_code == 204
    assert couple.hurt.get(f"/spaces/{couple.space_id}/measures").get_json()["due"] == []
