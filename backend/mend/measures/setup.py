"""Loading the instruments and the support resources into the app at start-up."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from mend.measures.catalogue import INSTRUMENTS_DIR, Instrument, InstrumentError, load

DEFAULT_RESOURCES = Path(__file__).resolve().parent / "resources.json"
EXTENSION = "mend.measures"


def init_measures(app: Flask) -> None:
    """Read and check every instrument file (a malformed one stops start-up) and the
    support resources (`MEND_SUPPORT_RESOURCES_FILE` replaces the international default)."""
    folder = Path(app.config.get("MEND_INSTRUMENTS_DIR") or INSTRUMENTS_DIR)
    resources_file = (
        app.config.get("MEND_SUPPORT_RESOURCES_FILE")
        or os.environ.get("MEND_SUPPORT_RESOURCES_FILE")
        or DEFAULT_RESOURCES
    )
    app.extensions[EXTENSION] = {
        "instruments": load(folder),
        "support": _support(Path(resources_file)),
    }


def _support(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        resources = [{"name": str(r["name"]), "url": r.get("url")} for r in data["resources"]]
        return {
            "heading": str(data["heading"]),
            "message": str(data["message"]),
            "resources": resources,
        }
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InstrumentError(
            f"Support resources file {path.name} is not valid: {error}"
        ) from error


def instruments() -> dict[str, Instrument]:
    """The instruments the running app offers, by id."""
    return current_app.extensions[EXTENSION]["instruments"]


def support() -> dict[str, Any]:
    """The words and resources shown to someone whose answers call for them."""
    return current_app.extensions[EXTENSION]["support"]
