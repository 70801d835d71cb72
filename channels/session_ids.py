"""Conversation ids the server issues and signs, so that an id cannot be guessed or made up.

The widget's conversation id is the Rasa sender id: whoever holds it can read and steer that
conversation. So the server issues it (`new_session_id`: 128 random bits, then an HMAC-SHA256
of them under `$MESO_SESSION_SECRET`, meso/settings.py) and accepts from a client only an id
it signed (`is_signed`). The widget keeps the id in the visitor's browser and offers it again
after a reload; a socket is bound to the id it joined with, and every message of that socket
goes to that conversation, whatever the message says.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Any, TypeGuard

from meso import settings

_FORMAT = re.compile(r"^([0-9a-f]{32})\.([0-9a-f]{32})$")


def _mac(raw: str) -> str:
    return hmac.new(settings.session_secret(), raw.encode("ascii"), hashlib.sha256).hexdigest()[:32]


def new_session_id() -> str:
    """A fresh, signed conversation id."""
    raw = secrets.token_hex(16)
    return f"{raw}.{_mac(raw)}"


def looks_signed(value: Any) -> bool:
    """Whether a value has the form of an issued id (signed or forged)."""
    return isinstance(value, str) and _FORMAT.match(value) is not None


def is_signed(value: Any) -> TypeGuard[str]:
    """Whether a value is an id this server (or one sharing its secret) issued."""
    match = _FORMAT.match(value) if isinstance(value, str) else None
    return match is not None and hmac.compare_digest(match.group(2), _mac(match.group(1)))
