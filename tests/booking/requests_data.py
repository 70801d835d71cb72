"""Requests and stores for the booking tests (a visitor, a clinic, a store on a clock)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

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


def claim_all_at_once(stores: Sequence[BookingStore], limit: int) -> List[str]:
    """Every request id the stores' workers claim, all starting together, one thread each."""
    claimed: Dict[int, List[str]] = {i: [] for i in range(len(stores))}
    start = threading.Barrier(len(stores))

    def work(index: int) -> None:
        start.wait()
        while batch := stores[index].claim_due(limit=limit):
            claimed[index] += [s.request_id for s in batch]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [rid for ids in claimed.values() for rid in ids]
