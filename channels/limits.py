"""Limits every input channel applies to visitors' messages before Rasa sees them."""

from __future__ import annotations

from typing import Optional

from meso.settings import MAX_MESSAGE_CHARS

MAX_SENDER_CHARS = 128
TOO_LONG_REPLY = (
    f"Sorry, that message is too long for me (the limit is {MAX_MESSAGE_CHARS} characters). "
    "Could you ask your question in a shorter way?"
)


def message_problem(text: object) -> Optional[str]:
    """A visitor-facing reason why a message cannot be processed, or None when it is fine."""
    if not isinstance(text, str):
        return "Sorry, I can only read text messages."
    if len(text) > MAX_MESSAGE_CHARS:
        return TOO_LONG_REPLY
    return None
