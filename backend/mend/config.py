"""Settings read from MEND_* environment variables, with defaults safe for local use."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from mend.config_values import (
    ConfigError,
    flag,
    non_negative_int,
    positive_float,
    positive_int,
)
from mend.encryption.keys import KeyRing, KeyRingError, instance_key_ring, parse_key_ring
from mend.redis_options import fast_redis_options
from mend.vapid import push_settings

MIN_SECRET_KEY_BYTES = 32
# Settings that may instead be read from a file named by NAME_FILE (Docker secrets).
FILE_SETTINGS = (
    "MEND_SECRET_KEY",
    "MEND_DATA_KEYS",
    "MEND_DATABASE_URL",
    "MEND_REDIS_URL",
    "MEND_VAPID_PRIVATE_KEY",
)
# Mail is content-free: a neutral sender and one neutral subject for every message.
DEFAULT_MAIL_FROM = "Account notice <no-reply@localhost>"
DEFAULT_MAIL_SUBJECT = "Account notice"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"


@dataclass(frozen=True)
class Settings:
    """Every MEND_* variable, parsed once; see the README's configuration table."""

    env: str
    instance_path: Path
    secret_key: str
    data_keys: KeyRing
    database_url: str
    redis_url: str | None
    max_body_bytes: int
    allowed_origins: tuple[str, ...]
    login_limit: str
    login_address_limit: str
    login_device_limit: str
    proxy_count: int
    log_level: str
    socket_sweep_seconds: float = 5.0
    require_therapist_mfa: bool = False
    smtp_url: str | None = None
    mail_from: str = DEFAULT_MAIL_FROM
    mail_subject: str = DEFAULT_MAIL_SUBJECT
    public_url: str = DEFAULT_PUBLIC_URL
    register_limit: str = "10 per minute;50 per day"
    mail_retry_seconds: float = 30.0
    mail_lease_seconds: float = 300.0
    task_queue_name: str = "mend"
    quick_exit_url: str = "https://www.bbc.co.uk/weather"
    vapid_public_key: str | None = None
    vapid_private_key: str | None = None
    vapid_subject: str = "mailto:admin@localhost"
    push_allowed_origins: tuple[str, ...] = ()

    @property
    def production(self) -> bool:
        """Whether Mend runs with production safeguards (secure cookies, required secret)."""
        return self.env == "production"

    def flask_config(self) -> dict[str, object]:
        """The Flask and extension settings derived from these settings."""
        return {
            "MEND": self,
            "SECRET_KEY": self.secret_key,
            "SQLALCHEMY_DATABASE_URI": self.database_url,
            "SQLALCHEMY_ENGINE_OPTIONS": _engine_options(self.database_url),
            "MAX_CONTENT_LENGTH": self.max_body_bytes,
            "SESSION_COOKIE_NAME": "mend_session",
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_SECURE": self.production,
            "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
            "WTF_CSRF_TIME_LIMIT": None,
            "WTF_CSRF_HEADERS": ["X-CSRFToken"],
            "WTF_CSRF_SSL_STRICT": self.production,
            "RATELIMIT_STORAGE_URI": self.redis_url or "memory://",
            "RATELIMIT_HEADERS_ENABLED": True,
            "RATELIMIT_SWALLOW_ERRORS": True,
            # Redis away: count in this process's memory instead (limits keep limiting),
            # and find out within a short timeout (tests/deploy/test_redis_outage.py).
            "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
            "RATELIMIT_STORAGE_OPTIONS": fast_redis_options() if self.redis_url else {},
            "API_TITLE": "Mend",
            "API_VERSION": "v1",
            "OPENAPI_VERSION": "3.0.3",
            "OPENAPI_URL_PREFIX": "/api/v1",
            "OPENAPI_JSON_PATH": "openapi.json",
        }


def _engine_options(database_url: str) -> dict[str, object]:
    if database_url.startswith("sqlite"):
        return {
            "connect_args": {"timeout": 30, "check_same_thread": False},
            "hide_parameters": True,
        }
    # A request that waits on PostgreSQL gives up (503 + Retry-After) within about 4 s:
    # at most 2 s for a free connection, then 2 s to connect, or 2 s for a row lock, or
    # 2 s of unacknowledged data to a server gone from the network (keepalives catch one
    # that vanishes while we wait for its answer). tests/resilience/test_outage.py.
    return {
        # No pool_pre_ping: mend.database.ping_idle_connections checks idle connections only.
        # As many connections as one gevent process serves requests at once under load
        # (bench/load.py: 32), so requests rarely queue for one; two processes stay under
        # PostgreSQL's default max_connections of 100.
        "pool_size": 20,
        "max_overflow": 20,
        "pool_timeout": 2,
        "hide_parameters": True,
        "connect_args": {
            "connect_timeout": 2,
            "tcp_user_timeout": 2000,
            "keepalives_idle": 2,
            "keepalives_interval": 1,
            "keepalives_count": 2,
            # No libpq "options" (PgBouncer's transaction mode refuses them): the lock
            # wait is bounded by SET LOCAL (mend.database.LockTimeout),
            # and UTCDateTime reads any session timezone back as UTC.
        },
    }


def load_settings(environ: dict[str, str] | None = None, **overrides: object) -> Settings:
    """Read settings from the environment; overrides (used by tests) win over it."""
    environ = _read_secret_files(dict(os.environ if environ is None else environ))
    env = str(overrides.get("env") or environ.get("MEND_ENV", "development"))
    instance_path = Path(
        str(overrides.get("instance_path") or environ.get("MEND_INSTANCE_PATH", "instance"))
    ).resolve()
    values: dict[str, object] = {
        "env": env,
        "instance_path": instance_path,
        "database_url": environ.get("MEND_DATABASE_URL")
        or f"sqlite:///{instance_path / 'mend.sqlite3'}",
        "redis_url": environ.get("MEND_REDIS_URL") or None,
        "max_body_bytes": positive_int(environ, "MEND_MAX_BODY_BYTES", 1024 * 1024),
        "allowed_origins": tuple(
            origin.strip()
            for origin in environ.get("MEND_ALLOWED_ORIGINS", "").split(",")
            if origin.strip()
        ),
        "login_limit": environ.get("MEND_LOGIN_LIMIT", "5 per minute;20 per hour"),
        "login_address_limit": environ.get("MEND_LOGIN_ADDRESS_LIMIT", "30 per minute"),
        "login_device_limit": environ.get("MEND_LOGIN_DEVICE_LIMIT", "5 per minute;20 per hour"),
        "proxy_count": non_negative_int(environ, "MEND_PROXY_COUNT", 0),
        "log_level": environ.get("MEND_LOG_LEVEL", "INFO"),
        "socket_sweep_seconds": positive_float(environ, "MEND_SOCKET_SWEEP_SECONDS", 5.0),
        **_mail_settings(environ),
        "quick_exit_url": _quick_exit_url(environ.get("MEND_QUICK_EXIT_URL")),
        **push_settings(environ, env=env, instance_path=instance_path),
    }
    values["require_therapist_mfa"] = flag(
        environ, "MEND_REQUIRE_THERAPIST_MFA", default=env == "production"
    )
    values.update(
        {key: value for key, value in overrides.items() if key not in {"secret_key", "data_keys"}}
    )
    secret = overrides.get("secret_key") or environ.get("MEND_SECRET_KEY")
    values["secret_key"] = _secret_key(secret, env=env, instance_path=instance_path)
    ring = overrides.get("data_keys") or environ.get("MEND_DATA_KEYS")
    values["data_keys"] = _data_keys(ring, env=env, instance_path=instance_path)
    return Settings(**values)  # type: ignore[arg-type]


def _read_secret_files(environ: dict[str, str]) -> dict[str, str]:
    """Fill each FILE_SETTINGS name from the file its NAME_FILE variable points to."""
    for name in FILE_SETTINGS:
        path = environ.get(f"{name}_FILE")
        if not path:
            continue
        if environ.get(name):
            raise ConfigError(f"set {name} or {name}_FILE, not both")
        try:
            value = Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigError(f"{name}_FILE cannot be read: {error.strerror}") from None
        if not value:
            raise ConfigError(f"{name}_FILE names an empty file")
        environ[name] = value
    return environ


def _mail_settings(environ: dict[str, str]) -> dict[str, object]:
    """MEND_SMTP_URL, MEND_MAIL_FROM, MEND_MAIL_SUBJECT, MEND_PUBLIC_URL and mail timings."""
    public_url = environ.get("MEND_PUBLIC_URL") or DEFAULT_PUBLIC_URL
    if not public_url.startswith(("http://", "https://")):
        raise ConfigError(f"MEND_PUBLIC_URL must start with http:// or https://: {public_url!r}")
    return {
        "smtp_url": environ.get("MEND_SMTP_URL") or None,
        "mail_from": environ.get("MEND_MAIL_FROM") or DEFAULT_MAIL_FROM,
        "mail_subject": environ.get("MEND_MAIL_SUBJECT") or DEFAULT_MAIL_SUBJECT,
        "public_url": public_url.rstrip("/"),
        "register_limit": environ.get("MEND_REGISTER_LIMIT", "10 per minute;50 per day"),
        "mail_retry_seconds": float(positive_int(environ, "MEND_MAIL_RETRY_SECONDS", 30)),
        "mail_lease_seconds": float(positive_int(environ, "MEND_MAIL_LEASE_SECONDS", 300)),
        # Several installations may share one Redis: each needs its own queue name.
        "task_queue_name": environ.get("MEND_TASK_QUEUE_NAME") or "mend",
    }


def _quick_exit_url(raw: str | None) -> str:
    """The neutral page quick exit opens: an absolute http(s) address on another site."""
    if not raw:
        return Settings.quick_exit_url
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.netloc or '"' in raw or "<" in raw:
        raise ConfigError(f"MEND_QUICK_EXIT_URL must be an absolute http(s) address, got {raw!r}")
    return raw


def _secret_key(secret: object, *, env: str, instance_path: Path) -> str:
    if secret:
        secret = str(secret)
        if env == "production" and len(secret.encode()) < MIN_SECRET_KEY_BYTES:
            raise ConfigError(
                f"MEND_SECRET_KEY must be at least {MIN_SECRET_KEY_BYTES} bytes in production"
            )
        return secret
    if env == "production":
        raise ConfigError("MEND_SECRET_KEY is required when MEND_ENV=production")
    return _instance_secret(instance_path)


def _data_keys(ring: object, *, env: str, instance_path: Path) -> KeyRing:
    if isinstance(ring, KeyRing):
        return ring
    if not ring:
        if env == "production":
            raise ConfigError(
                "MEND_DATA_KEYS is required when MEND_ENV=production "
                "(generate one with `flask --app mend new-data-key`)"
            )
        ring = instance_key_ring(instance_path)
    try:
        return parse_key_ring(str(ring))
    except KeyRingError as error:
        raise ConfigError(str(error)) from None


def _instance_secret(instance_path: Path) -> str:
    """Generate a development secret once and keep it in the instance folder."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secret)
    return secret
