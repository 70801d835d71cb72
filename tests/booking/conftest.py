"""Fixtures shared by the booking tests: a clock the tests move, and a SQLite store on it."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from meso.booking.store import BookingStore
from tests.booking.receivers import Clock
from tests.booking.requests_data import sqlite_store


@pytest.fixture
def clock() -> Clock:
    """Time that passes only when a test says so (retries and back-off without sleeping)."""
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[BookingStore]:
    """A store in a throw-away SQLite database, closed after the test."""
    store = sqlite_store(tmp_path, clock)
    yield store
    store.close()
