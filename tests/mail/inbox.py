"""Reading what the embedded default wrote to <instance>/outbox/ (tests deliver at once)."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from pathlib import Path

from flask import Flask

from tests.mail.smtp import text_of

LINK = re.compile(r"https?://[^\s\"<>]+")


def mails_to(app: Flask, address: str) -> list[EmailMessage]:
    """Every mail written for address, oldest first."""
    folder = Path(app.config["MEND"].instance_path) / "outbox"
    messages = (
        [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in sorted(folder.glob("*.eml"))
        ]
        if folder.exists()
        else []
    )
    return [m for m in messages if m["To"] == address]  # type: ignore[misc]


def last_link(app: Flask, address: str) -> str:
    """The link in the newest mail to address."""
    mails = mails_to(app, address)
    assert mails, f"no mail to {address}"
    return LINK.findall(text_of(mails[-1]))[0]


def last_token(app: Flask, address: str, path: str) -> str:
    """The token of the newest mail to address, checking its link goes to path#token=."""
    link = last_link(app, address)
    assert f"{path}#token=" in link, link
    return link.split("#token=", 1)[1]
