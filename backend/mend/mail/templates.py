"""What each mail says: plain words, a link at most, never a record's content or a name.

Every template is content-free by construction: the only things filled in are the
link (built by Mend from MEND_PUBLIC_URL and a token) and, for sign-in alerts, a
device description such as "Firefox on Linux". The subject is one neutral line for
every mail (MEND_MAIL_SUBJECT), so a shared inbox shows nothing about what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Template:
    """The paragraphs of one mail; `{link}` and `{detail}` are filled in."""

    paragraphs: tuple[str, ...]
    button: str | None = None


TEMPLATES: dict[str, Template] = {
    "verify-email": Template(
        (
            "Someone, hopefully you, asked to create an account with this address.",
            "To confirm it is yours, open this link within 24 hours:",
            "{link}",
            "If this wasn't you, you can ignore this message; nothing will happen.",
        ),
        button="Confirm my address",
    ),
    "account-exists": Template(
        (
            "Someone tried to create an account with this address, but you already have one.",
            "If that was you, you can sign in as usual, or choose a new password here:",
            "{link}",
            "If it wasn't you, nothing has changed and you don't need to do anything.",
        ),
        button="Choose a new password",
    ),
    "password-reset": Template(
        (
            "Someone, hopefully you, asked to choose a new password for this account.",
            "To choose one, open this link within 30 minutes. It works once:",
            "{link}",
            "If this wasn't you, you can ignore this message; your password stays as it is.",
        ),
        button="Choose a new password",
    ),
    "password-changed": Template(
        (
            "The password of your account was just changed, and every device was signed out.",
            "If this was you, there is nothing else to do.",
            "If it wasn't you, please choose a new password straight away:",
            "{link}",
        ),
        button="Choose a new password",
    ),
    "confirm-new-email": Template(
        (
            "Someone, hopefully you, asked to use this address for their account.",
            "To confirm it, open this link within 24 hours:",
            "{link}",
            "If this wasn't you, you can ignore this message; nothing will change.",
        ),
        button="Confirm this address",
    ),
    "email-change-requested": Template(
        (
            "Someone asked to move your account to a different address. "
            "It moves only once the new address is confirmed.",
            "If this was you, there is nothing else to do.",
            "If it wasn't you, please choose a new password straight away:",
            "{link}",
        ),
        button="Choose a new password",
    ),
    "sign-in-changed": Template(
        (
            "The ways to sign in to your account were just changed: a second step "
            "(an authenticator app, a passkey or recovery codes) was added, removed or renewed.",
            "If this was you, there is nothing else to do.",
            "If it wasn't you, please choose a new password straight away:",
            "{link}",
        ),
        button="Choose a new password",
    ),
    "new-device": Template(
        (
            "There was a new sign-in to your account on {detail}.",
            "If this was you, there is nothing else to do.",
            "If it wasn't you, please choose a new password straight away:",
            "{link}",
        ),
        button="Choose a new password",
    ),
    "reminder-checkin": Template(
        (
            "A gentle reminder you asked for: a moment to check in, if today you'd like to.",
            "{link}",
            "You can change or pause these reminders on your account page.",
        ),
        button="Open Mend",
    ),
    "reminder-commitments": Template(
        (
            "A gentle reminder you asked for: a report is due.",
            "{link}",
            "You can change or pause these reminders on your account page.",
        ),
        button="Open Mend",
    ),
    "reminder-measures": Template(
        (
            "A gentle reminder you asked for: a short questionnaire is ready in Mend.",
            "{link}",
            "You can change or pause these reminders on your account page.",
        ),
        button="Open Mend",
    ),
    "reminder-activity": Template(
        (
            "Something new is in your space in Mend.",
            "{link}",
            "You can mute or turn off these notices on your account page.",
        ),
        button="Open Mend",
    ),
    "reminder-digest": Template(
        (
            "Your weekly look at your caseload: {detail}",
            "{link}",
            "You can change or turn off this digest on your account page.",
        ),
        button="Open your caseload",
    ),
}


def render_text(name: str, *, link: str | None, detail: str | None) -> str:
    """The plain-text part of a mail."""
    template = TEMPLATES[name]
    lines = [p.format(link=link or "", detail=detail or "a device") for p in template.paragraphs]
    return "Hello,\n\n" + "\n\n".join(line for line in lines if line) + "\n"


def render_html(name: str, *, link: str | None, detail: str | None) -> str:
    """The HTML part of a mail: the same words, the link as a button."""
    template = TEMPLATES[name]
    blocks = ["<p>Hello,</p>"]
    for paragraph in template.paragraphs:
        if paragraph == "{link}":
            if link:
                blocks.append(_button(link, template.button or "Open"))
            continue
        blocks.append(f"<p>{escape(paragraph.format(link='', detail=detail or 'a device'))}</p>")
    body = "\n".join(blocks)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"></head>'
        f'<body style="font-family: sans-serif; line-height: 1.5">\n{body}\n</body></html>\n'
    )


def _button(link: str, label: str) -> str:
    href = escape(link, quote=True)
    return (
        f'<p><a href="{href}" style="display: inline-block; padding: 0.6em 1.2em; '
        f'background: #2f5d50; color: #ffffff; text-decoration: none; border-radius: 6px">'
        f"{escape(label)}</a></p>\n<p>Or copy this address into your browser: {escape(link)}</p>"
    )
