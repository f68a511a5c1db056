"""The web app's generated API types match the OpenAPI document the app serves today.

frontend/src/lib/api-types.ts is generated (npm run api-types); a route or schema
changed without regenerating it fails here, so the types cannot drift silently.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from flask import Flask

from tests.builders import API

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
COMMITTED = FRONTEND / "src" / "lib" / "api-types.ts"
GENERATOR = FRONTEND / "node_modules" / ".bin" / "openapi-typescript"
REGENERATE = "cd frontend && MEND_OPENAPI_URL=<saved openapi.json> npm run api-types"


def _generator() -> list[str]:
    """The frontend's pinned openapi-typescript; skipped only outside CI without Node."""
    in_ci = os.environ.get("CI", "").lower() == "true"
    if shutil.which("node") is None or not GENERATOR.exists():
        if in_ci:
            pytest.fail("CI must check the API types: install Node and the web app's packages")
        pytest.skip("Node.js or the web app's packages are not installed")
    return [str(GENERATOR)]


def test_the_generated_api_types_match_the_served_document(app: Flask, tmp_path: Path) -> None:
    generator = _generator()
    response = app.test_client().get(f"{API}/openapi.json")
    assert response.status_code == 200
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(response.get_json()), encoding="utf-8")
    fresh = tmp_path / "api-types.ts"
    subprocess.run(
        [*generator, str(document), "-o", str(fresh)],
        cwd=FRONTEND,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert fresh.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8"), (
        f"frontend/src/lib/api-types.ts is stale; regenerate it: {REGENERATE}"
    )
