"""Handing a composed message over: to an SMTP server, or to an .eml file in the outbox folder.

The standard library's smtplib and email are used directly: Mend sends a handful of
short transactional mails from a background worker, outside any request, so a Flask
mail extension (which binds to the app and the request cycle) would add a dependency
without adding anything smtplib does not already do (STARTTLS, SMTPS, AUTH).
"""

from __future__ import annotations

import hashlib
import logging
import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mend.config import ConfigError, Settings
from mend.mail.templates import render_html, render_text

SMTP_TIMEOUT_SECONDS = 20
DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to reach the mail server, parsed from MEND_SMTP_URL."""

    scheme: str
    host: str
    port: int
    username: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpServer:
    """smtp://host:port, smtp+starttls://user:pass@host:587 or smtps://user:pass@host:465."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ConfigError("MEND_SMTP_URL must look like smtp+starttls://user:pass@host:587")
    return SmtpServer(
        scheme=parts.scheme,
        host=parts.hostname,
        port=parts.port or DEFAULT_PORTS[parts.scheme],
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def compose(
    settings: Settings,
    *,
    mail_key: str,
    to: str,
    template: str,
    link: str | None,
    detail: str | None,
) -> EmailMessage:
    """The message for one outbox row: plain text plus HTML, neutral sender and subject.

    The Message-ID is derived from the row, so a re-delivery after a crash carries the
    same id and receiving servers and mail clients can recognise it as the same mail.
    """
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = settings.mail_subject
    domain = urlsplit(settings.public_url).hostname or "localhost"
    message["Message-ID"] = f"<outbox-{mail_key}.{_install_tag(settings)}@{domain}>"
    message.set_content(render_text(template, link=link, detail=detail))
    message.add_alternative(render_html(template, link=link, detail=detail), subtype="html")
    return message


def _install_tag(settings: Settings) -> str:
    """A stable per-installation tag, so two installations never share a Message-ID."""
    return hashlib.sha256(b"mend-mail:" + settings.secret_key.encode()).hexdigest()[:12]


def send(settings: Settings, message: EmailMessage, *, mail_key: str, link: str | None) -> None:
    """Deliver the message by SMTP, or write it to <instance>/outbox/ without MEND_SMTP_URL."""
    if settings.smtp_url:
        _send_smtp(parse_smtp_url(settings.smtp_url), message)
    else:
        path = _write_eml(settings.instance_path / "outbox", message, mail_key=mail_key)
        log.info("Mail written to %s; its link: %s", path.name, link or "(none)")


def _send_smtp(server: SmtpServer, message: EmailMessage) -> None:
    context = ssl.create_default_context()
    if server.scheme == "smtps":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(
            server.host, server.port, timeout=SMTP_TIMEOUT_SECONDS, context=context
        )
    else:
        connection = smtplib.SMTP(server.host, server.port, timeout=SMTP_TIMEOUT_SECONDS)
    with connection:
        if server.scheme == "smtp+starttls":
            connection.starttls(context=context)
        if server.username:
            connection.login(server.username, server.password or "")
        connection.send_message(message)


def _write_eml(folder: Path, message: EmailMessage, *, mail_key: str) -> Path:
    """Written under a temporary name and renamed, so a reader never sees half a file and a
    re-delivery of the same row replaces its file instead of adding a second one."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{mail_key}.eml"
    temporary = folder / f".{mail_key}.eml.tmp"
    temporary.write_bytes(bytes(message))
    os.replace(temporary, path)
    return path
