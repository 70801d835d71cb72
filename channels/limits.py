"""Limits every input channel applies to visitors' messages before Rasa sees them.

- the message length cap (`message_problem`);
- the metadata cap (`MAX_METADATA_CHARS` of JSON);
- intent payloads: Rasa runs any message that starts with `/` as an intent with entities
  (`/faq{"also_asked_question": "/forget_me"}` would set slots and show the sender's text and
  button), and logs an unknown one word for word at WARNING. Only the payloads the
  assistant's own buttons send (`BUTTON_PAYLOADS`, the `/intent` payloads in domain.yml,
  no entities) reach Rasa as payloads; any other message starting with `/` is read as the
  plain text after the slashes (`as_visitor_text`).
"""

from __future__ import annotations

import re
from typing import Optional

from meso.settings import MAX_MESSAGE_CHARS

MAX_SENDER_CHARS = 128
MAX_METADATA_CHARS = 2000
TOO_LONG_REPLY = (
    f"Sorry, that message is too long for me (the limit is {MAX_MESSAGE_CHARS} characters). "
    "Could you ask your question in a shorter way?"
)
# The payloads of the buttons in domain.yml and of the "Did you mean" buttons the actions
# add (actions/fallback.py); tests/integration/test_attacks.py keeps them equal.
BUTTON_PAYLOADS = frozenset(
    {
        "/affirm",
        "/deny",
        "/stop",
        "/check_eligibility",
        "/book_consultation",
        "/request_callback",
        "/human_handoff",
        "/out_of_scope",
    }
)
_LEADING_SLASHES = re.compile(r"^[\s/]+")


def message_problem(text: object) -> Optional[str]:
    """A visitor-facing reason why a message cannot be processed, or None when it is fine."""
    if not isinstance(text, str):
        return "Sorry, I can only read text messages."
    if len(text) > MAX_MESSAGE_CHARS:
        return TOO_LONG_REPLY
    return None


def as_visitor_text(text: str) -> str:
    """The message as Rasa should see it: a button's own payload, or plain text.

    A message that starts with `/` (after spaces) and is not exactly one of the buttons'
    payloads loses its leading slashes, so Rasa reads it as text, never as an intent with
    entities. Empty when nothing is left.
    """
    stripped = text.strip()
    if stripped in BUTTON_PAYLOADS:
        return stripped
    if stripped.startswith("/"):
        return _LEADING_SLASHES.sub("", stripped)
    return text
