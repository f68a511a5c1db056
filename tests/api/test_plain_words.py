"""Validation problems speak plain words, not marshmallow's defaults, in one place."""

from __future__ import annotations

import pytest

from mend.plain_words import plain
from tests.api.test_errors import assert_problem
from tests.builders import ApiClient, unique_email


def test_a_short_password_is_explained_in_plain_words(client: ApiClient) -> None:
    body = {
        "email": unique_email(),
        "password": "short",
        "display_name": "Robin",
        "account_type": "partner",
    }
    problem = assert_problem(client.post("/auth/register", json=body), 422)
    assert problem["errors"]["password"] == ["Please use 10 to 1024 characters."]


def test_a_missing_field_asks_to_fill_it_in(client: ApiClient) -> None:
    problem = assert_problem(client.post("/auth/register", json={"email": unique_email()}), 422)
    assert problem["errors"]["password"] == ["Please fill this in."]


def test_a_wrong_page_size_says_which_numbers_work(couple) -> None:  # type: ignore[no-untyped-def]
    response = couple.hurt.get(f"/spaces/{couple.space_id}/commitments?limit=0")
    problem = assert_problem(response, 422)
    assert problem["errors"]["limit"] == ["Please choose a number from 1 to 200."]


@pytest.mark.parametrize(
    "raw",
    [
        "Length must be between 1 and 32.",
        "Missing data for required field.",
        "Not a valid integer.",
        "Must be one of: hurt, repairing.",
    ],
)
def test_no_default_message_reaches_a_person(raw: str) -> None:
    assert plain(raw) != raw


def test_mends_own_messages_pass_unchanged() -> None:
    own = "This week hasn't begun yet; you can check in once it has."
    assert plain(own) == own


@pytest.mark.parametrize("title", ["", "   "])
def test_an_empty_title_gets_one_message_not_two(couple, title: str) -> None:  # type: ignore[no-untyped-def]
    body = {"title": title, "body": "What happened.", "category": "contact"}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/disclosures", json=body)
    problem = assert_problem(response, 422)
    assert problem["errors"]["title"] == ["Please give this a short title."]
    commitment = {"title": title, "cadence": "daily"}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/commitments", json=commitment)
    assert assert_problem(response, 422)["errors"]["title"] == [
        "Please name what you are committing to."
    ]
