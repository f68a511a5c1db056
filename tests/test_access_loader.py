"""Every access decision reads the access tables through policy's loader, and only there.

At run time: each statement that reads memberships with consent changes carries the
loader's mark, and a request to a space reads them once. In the source: no module
outside mend/policy builds an Access or uses the loader's building blocks.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from mend.policy.loader import ACCESS_READ
from tests.builders import ApiClient, Couple, add_therapist
from tests.engine_events import each_statement

MARK = next(iter(ACCESS_READ))
BACKEND = Path(__file__).resolve().parents[1] / "backend" / "mend"
POLICY = BACKEND / "policy"
# What only the loader may use: building an Access, and the pieces it builds one from.
LOADER_ONLY = {"Access", "counted", "keeps_reading", "consents_from_members_to"}


def reads_access_tables(statement: str) -> bool:
    """A SELECT over memberships together with consent changes."""
    lowered = statement.lower()
    return lowered.lstrip().startswith("select") and all(
        re.search(rf"\b{table}\b", lowered) for table in ("membership", "consent_change")
    )


@contextmanager
def access_reads(app: Flask) -> Iterator[list[bool]]:
    """Whether each access-table read while active carried the loader's mark."""
    marks: list[bool] = []

    def listen(_conn: Any, _cursor: Any, statement: str, _params: Any, context: Any, *_: Any):
        if reads_access_tables(statement):
            marks.append(bool(context.execution_options.get(MARK)))

    with each_statement(app, listen):
        yield marks


@pytest.mark.parametrize(
    "path",
    ["checkins", "disclosures", "commitments", "consents", "trends/safety", "measures", "pacing"],
)
def test_a_read_of_a_space_reads_access_once_through_the_loader(
    app: Flask, couple: Couple, path: str
) -> None:
    with access_reads(app) as marks:
        response = couple.hurt.get(f"/spaces/{couple.space_id}/{path}")
    assert response.status_code == 200, response.get_json()
    assert all(marks) and len(marks) <= 1, marks


def test_writes_and_the_caseload_read_access_only_through_the_loader(
    app: Flask, couple: Couple
) -> None:
    therapist: ApiClient = add_therapist(app, couple)
    grant = f"/spaces/{couple.space_id}/consents/{therapist.id}/checkins"
    with access_reads(app) as marks:
        assert couple.hurt.put(grant, json={"granted": True}).status_code == 200
        body = {"felt_safety": 6}
        assert couple.hurt.post(f"/spaces/{couple.space_id}/checkins", json=body).status_code == 201
        assert therapist.get("/therapist/caseload").status_code == 200
        assert therapist.get(f"/spaces/{couple.space_id}/checkins").status_code == 200
    assert marks and all(marks), marks


def names_used(path: Path) -> set[str]:
    """Every name a module imports or calls (bare, or as an attribute: policy.Access)."""
    used: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            used |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Call):
            func = node.func
            used.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return used


def test_no_module_outside_policy_builds_access_itself() -> None:
    offenders = {
        path.relative_to(BACKEND).as_posix(): sorted(names_used(path) & LOADER_ONLY)
        for path in BACKEND.rglob("*.py")
        if POLICY not in path.parents
    }
    assert {name: used for name, used in offenders.items() if used} == {}


def test_the_source_check_sees_an_access_built_by_hand(tmp_path: Path) -> None:
    module = tmp_path / "caseload.py"
    module.write_text("from mend import policy\n\nfound = policy.Access(user=1)\n")
    assert names_used(module) & LOADER_ONLY == {"Access"}
