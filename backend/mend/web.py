"""Serves the built web app (frontend/dist) at /, with client-side routes falling back to it."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_from_directory
from werkzeug.routing import PathConverter

DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"

web = Blueprint("web", __name__)


class AppPathConverter(PathConverter):
    """Any path outside /api/, so API paths keep their own 404 and 405 answers."""

    regex = r"(?!api/)[^/].*?"


@web.record_once
def _register_converter(state) -> None:  # type: ignore[no-untyped-def]
    state.app.url_map.converters["app_path"] = AppPathConverter


@web.get("/", defaults={"path": ""})
@web.get("/<app_path:path>")
def app_shell(path: str) -> Response:
    """A built asset if it exists, else index.html so the app's own router takes over."""
    if path and (DIST / path).is_file():
        return send_from_directory(DIST, path, max_age=_cache_seconds(path))
    if not (DIST / "index.html").is_file():
        return Response(
            "The web app is not built yet. Run ./dev run, which builds it.",
            status=503,
            mimetype="text/plain",
        )
    response = send_from_directory(DIST, "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


def _cache_seconds(path: str) -> int:
    """Vite fingerprints everything under assets/, so those may be cached for a long time."""
    return 31_536_000 if path.startswith("assets/") else 0
