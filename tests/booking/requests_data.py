"""Requests and stores for the booking tests (a visitor, a clinic, a store on a clock)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Optional

from meso.booking.store import BookingRequest, BookingStore, new_request_id
from tests.booking.receivers import Clock

NAME, PHONE, EMAIL = "Ann Marie Smith", "+447700900123", "ann.smith@example.com"
WHEN = "Thursday 4 December, afternoon"
CHECK = ["no pregnancy", "no breastfeeding", "diabetes"]
CLINIC: Dict[str, Any] = {"name": "Lumen Aesthetics", "timezone": "Europe/London"}


def visitor_request(
    conversation_id: str = "visitor-1", clock: Optional[Clock] = None, **fields: Any
) -> BookingRequest:
    """A confirmed request as the conversation side makes it (no check answers)."""
    values: Dict[str, Any] = {
        "request_id": new_request_id(),
        "conversation_id": conversation_id,
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "preferred_time": WHEN,
        "check_summary": None,
    }
    if clock is not None:
        values["created_at"] = clock()
    values.update(fields)
    return BookingRequest(**values)


def sqlite_store(folder: Path, clock: Clock) -> BookingStore:
    """A store in an SQLite file like tracker.db, on the test's clock."""
    return BookingStore(f"sqlite:///{folder / 'tracker.db'}", clock=clock)
