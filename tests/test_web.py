"""The built web app is served at / with client-side routes falling back to index.html."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from mend import web
from tests.conftest import build_app


@pytest.fixture
def built_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in build output with an index page and one fingerprinted asset."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Mend</title>")
    (tmp_path / "assets" / "app-abc123.js").write_text("console.log('mend')")
    monkeypatch.setattr(web, "DIST", tmp_path)
    return tmp_path


def test_root_and_client_routes_serve_the_app_shell(app: Flask, built_app: Path) -> None:
    client = app.test_client()
    for path in ("/", "/spaces/3/record", "/login"):
        response = client.get(path)
        assert response.status_code == 200
        assert b"<title>Mend</title>" in response.data
        assert response.headers["Cache-Control"] == "no-store"


def test_fingerprinted_assets_are_cached(app: Flask, built_app: Path) -> None:
    with app.test_client().get("/assets/app-abc123.js") as response:  # closes the file
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"]


def test_api_paths_never_fall_back_to_the_app(app: Flask, built_app: Path) -> None:
    response = app.test_client().get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_missing_build_says_how_to_build(app: Flask, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(web, "DIST", tmp_path / "nothing")
    response = app.test_client().get("/")
    assert response.status_code == 503
    assert b"./dev run" in response.data


def test_pages_carry_security_headers(app: Flask, built_app: Path) -> None:
    response = app.test_client().get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_api_paths_keep_their_405(app: Flask, built_app: Path) -> None:
    response = app.test_client().get("/api/v1/account")
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"


def test_app_shell_names_the_configured_quick_exit_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "index.html").write_text(
        f"<!doctype html><head>{web.QUICK_EXIT_META} /></head><title>Mend</title>"
    )
    monkeypatch.setattr(web, "DIST", tmp_path / "dist")
    app = build_app(tmp_path, quick_exit_url="https://news.example/?a=1&b=2")
    html = app.test_client().get("/record").get_data(as_text=True)
    assert '<meta name="mend-quick-exit" content="https://news.example/?a=1&amp;b=2" />' in html
