"""Shared by the commitments API tests: the daily multiplier, the week's Monday and small
readers of a commitment's detail and of the list."""

from __future__ import annotations

from datetime import timedelta

from tests.builders import ApiClient, Couple
from tests.commitments.conftest import TODAY, path

M = 0.5 ** (1 / 13)  # the daily multiplier
MONDAY = TODAY - timedelta(days=2)  # TODAY is a Wednesday


def days_ago(n: int) -> str:
    return str(TODAY - timedelta(days=n))


def detail(api: ApiClient, couple: Couple, commitment_id: int) -> dict:
    response = api.get(path(couple.space_id, commitment_id))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def listed(api: ApiClient, couple: Couple, **query: object) -> dict:
    response = api.get(path(couple.space_id), query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()
