"""nginx (deploy/nginx.conf) on its own: its own errors on the API are problem details."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import requests

from tests.live.servers import free_port
from tests.topology.stack import nginx, nginx_binary, site_config


def test_nginx_answers_api_errors_as_problem_details_when_no_app_answers(tmp_path: Path) -> None:
    if nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed (.ci/run installs it; this test must run in CI)")
        pytest.skip("nginx is not installed")
    port = free_port()
    site = site_config(listen=port, apps=[free_port(), free_port()])
    with nginx(tmp_path / "nginx", site=site, port=port):
        response = requests.get(f"http://127.0.0.1:{port}/api/v1/spaces", timeout=10)
        assert response.status_code == 502
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.headers["Retry-After"] == "5"
        problem = response.json()
        assert problem["status"] == 502
        assert re.search(r"try again", problem["detail"])
