"""Validation messages in plain words: the one place marshmallow's defaults are reworded.

People read these under form fields ("Length must be between 10 and 1024" reads
like a compiler). Messages Mend writes itself pass through unchanged.
"""

from __future__ import annotations

import re
from typing import Any

_REWORDED: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Length must be between (\d+) and (\d+)\."), r"Please use \1 to \2 characters."),
    (re.compile(r"Shorter than minimum length (\d+)\."), r"Please use at least \1 characters."),
    (
        re.compile(r"Longer than maximum length (\d+)\."),
        r"Please keep this to \1 characters or fewer.",
    ),
    (re.compile(r"Length must be (\d+)\."), r"Please use exactly \1 characters."),
    (re.compile(r"Missing data for required field\."), "Please fill this in."),
    (re.compile(r"Field may not be null\."), "Please fill this in."),
    (
        re.compile(r"Must be greater than or equal to (-?\d+) and less than or equal to (-?\d+)\."),
        r"Please choose a number from \1 to \2.",
    ),
    (re.compile(r"Must be greater than or equal to (-?\d+)\."), r"Please use \1 or more."),
    (re.compile(r"Must be less than or equal to (-?\d+)\."), r"Please use \1 or less."),
    (re.compile(r"Not a valid integer\."), "Please enter a whole number."),
    (re.compile(r"Not a valid number\."), "Please enter a number."),
    (re.compile(r"Not a valid date\."), "Please enter a date as YYYY-MM-DD."),
    (re.compile(r"Not a valid datetime\."), "Please enter a date and time."),
    (
        re.compile(r"Not a valid email address\."),
        "Please enter an email address, like name@example.com.",
    ),
    (re.compile(r"Not a valid string\."), "Please enter text here."),
    (re.compile(r"Not a valid boolean\."), "Please answer yes or no (true or false)."),
    (re.compile(r"Must be one of: (.+)\."), r"Please choose one of: \1."),
]


def plain(message: str) -> str:
    """The message in plain words, if it is one of marshmallow's defaults."""
    for pattern, words in _REWORDED:
        if pattern.fullmatch(message):
            return pattern.sub(words, message)
    return message


def plain_messages(messages: Any) -> Any:
    """Every message string in a (nested) marshmallow error structure, in plain words."""
    if isinstance(messages, str):
        return plain(messages)
    if isinstance(messages, list):
        return [plain_messages(m) for m in messages]
    if isinstance(messages, dict):
        return {key: plain_messages(value) for key, value in messages.items()}
    return messages
