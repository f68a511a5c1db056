"""Mend: a private space for a couple rebuilding trust after a betrayal."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from flask import Flask, has_request_context, request
from werkzeug.middleware.proxy_fix import ProxyFix

from mend.config import Settings, load_settings
from mend.database import (
    IdConverter,
    bound_lock_waits,
    configure_sqlite,
    ping_idle_connections,
)
from mend.encryption.problems import register_data_key_handler
from mend.errors import Unauthorized, register_error_handlers
from mend.extensions import api, csrf, db, limiter, login_manager, migrate
from mend.json_depth import init_json_depth
from mend.json_provider import FastJSONProvider
from mend.live.sockets import init_live
from mend.mail import outbox as _outbox  # noqa: F401  (registers the after-commit hand-over)
from mend.measures.setup import init_measures
from mend.security import init_security
from mend.tasks import init_tasks

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Build the Mend application; config entries override the MEND_* settings."""
    overrides = dict(config or {})
    settings: Settings = overrides.pop("MEND", None) or load_settings()  # type: ignore[assignment]
    app = Flask(__name__, instance_path=str(settings.instance_path))
    app.url_map.converters["int"] = IdConverter
    app.json = FastJSONProvider(app)
    app.config.from_mapping(settings.flask_config())
    app.config.update(overrides)
    settings.instance_path.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=settings.log_level)

    init_measures(app)
    _init_extensions(app)
    _register_blueprints(app)
    register_error_handlers(app)
    register_data_key_handler(app)
    init_security(app)
    init_json_depth(app)
    _register_cli(app)
    _trust_proxies(app, settings.proxy_count)
    return app


def _trust_proxies(app: Flask, count: int) -> None:
    """Take the client address and scheme from the last `count` proxies' X-Forwarded-*.

    Wrapped last, so Socket.IO's own requests (origin check) see the corrected scheme too.
    Each proxy appends its value, so the one `count` places from the right is the one the
    outermost trusted proxy saw: a browser's own X-Forwarded-Proto is never believed.
    """
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def _init_extensions(app: Flask) -> None:
    import mend.models  # noqa: F401  (registers every table with the metadata)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    login_manager.unauthorized_handler(_unauthorized)
    api.init_app(app)
    init_live(app)
    init_tasks(app)
    _warn_without_smtp(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine, reads_only=_read_only_request)
        else:
            ping_idle_connections(db.engine)
            bound_lock_waits(db.engine, bounded_already=has_request_context)


def _read_only_request() -> bool:
    """Whether the database work under way serves a request that only reads (SQLite: BEGIN,
    not BEGIN IMMEDIATE)."""
    return has_request_context() and request.method in READ_ONLY_METHODS


def _warn_without_smtp(app: Flask) -> None:
    settings = app.config["MEND"]
    if settings.production and not settings.smtp_url:
        logging.getLogger(__name__).warning(
            "MEND_SMTP_URL is not set: mail is written to %s and not sent",
            settings.instance_path / "outbox",
        )


def _unauthorized():  # type: ignore[no-untyped-def]
    raise Unauthorized("Please log in.")


def _register_blueprints(app: Flask) -> None:
    from mend.account import routes as account
    from mend.auth import mail_routes as auth_mail
    from mend.auth import routes as auth
    from mend.auth.mfa import routes as mfa
    from mend.checkins import routes as checkins
    from mend.commitments import routes as commitments
    from mend.consent import routes as consent
    from mend.disclosures import routes as disclosures
    from mend.health import routes as health
    from mend.measures import routes as measures
    from mend.pacing import routes as pacing
    from mend.push import routes as push
    from mend.record import routes as record
    from mend.reminders import routes as reminders
    from mend.spaces import routes as spaces
    from mend.therapist import routes as therapist
    from mend.therapist.report import routes as report

    domains = (
        health,
        auth,
        mfa,
        auth_mail,
        spaces,
        disclosures,
        pacing,
        commitments,
        checkins,
        measures,
        consent,
        record,
        therapist,
        report,
        account,
        reminders,
        push,
    )
    for domain in domains:
        api.register_blueprint(domain.blp)
    from mend.web import web

    app.register_blueprint(web)


def _register_cli(app: Flask) -> None:
    from mend.cli import register_commands

    register_commands(app)
