"""Serves the built web app (frontend/dist) at /, with client-side routes falling back to it."""

from __future__ import annotations

from html import escape
from pathlib import Path

from flask import Blueprint, Response, current_app, send_from_directory
from werkzeug.routing import PathConverter

DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"

web = Blueprint("web", __name__)
# index.html carries this empty tag; the server fills in MEND_QUICK_EXIT_URL.
QUICK_EXIT_META = '<meta name="mend-quick-exit" content=""'


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
    response = Response(_index_html(), mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _index_html() -> str:
    """index.html with this server's settings the app needs before its first request."""
    quick_exit = escape(current_app.config["MEND"].quick_exit_url, quote=True)
    html = (DIST / "index.html").read_text(encoding="utf-8")
    return html.replace(QUICK_EXIT_META, f'<meta name="mend-quick-exit" content="{quick_exit}"', 1)


def _cache_seconds(path: str) -> int:
    """Vite fingerprints everything under assets/, so those may be cached for a long time."""
    return 31_536_000 if path.startswith("assets/") else 0
