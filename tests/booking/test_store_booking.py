"""Booking requests are kept in the tracker store's database until delivered, and forgotten.

- The conversation side's interface: add (idempotent), status, requests survive a restart,
  BookingStoreError when the database is unreachable, no connection until first use.
- Consent: the check's answers are kept only when given.
- "Delete my data" (the tracker store's forget) and retention delete the requests.
- `make unanswered` never exports what a visitor typed into a form (name, phone...).
- Several workers claim different requests (SQLite here, PostgreSQL in
  test_store_postgresql.py).
- When the team will be in touch, from clinic.yml's opening hours.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List

import pytest
import sqlalchemy as sa

from meso import settings
from meso.booking.store import (
    PENDING,
    BookingStore,
    BookingStoreError,
    next_contact_promise,
)
from meso.tools.retention import apply_retention
from tests.booking.receivers import Clock
from tests.booking.requests_data import (
    CHECK,
    EMAIL,
    NAME,
    PHONE,
    claim_all_at_once,
    sqlite_store,
    visitor_request,
)

# --- the interface the conversation side uses -------------------------------------------------


def test_a_confirmed_request_is_pending_and_adding_it_twice_keeps_one(
    store: BookingStore, clock: Clock
) -> None:
    request = visitor_request(clock=clock)
    store.add(request)
    store.add(request)  # a retried action, a double click: still one request

    assert store.status(request.request_id) == PENDING
    [kept] = store.list()
    assert kept.request == request
    assert kept.attempts == 0 and kept.next_attempt_at == clock()
    assert store.status("no-such-request") is None


def test_requests_survive_a_restart(tmp_path: Path, clock: Clock) -> None:
    request = visitor_request(clock=clock)
    first = sqlite_store(tmp_path, clock)
    first.add(request)
    first.close()

    second = sqlite_store(tmp_path, clock)  # a new process on the same database
    assert second.status(request.request_id) == PENDING
    assert second.list()[0].request.phone == PHONE
    second.close()


def test_the_database_file_is_private(store: BookingStore, tmp_path: Path) -> None:
    store.add(visitor_request())
    assert (tmp_path / "tracker.db").stat().st_mode & 0o077 == 0


def test_a_request_without_a_way_to_contact_the_visitor_is_refused(store: BookingStore) -> None:
    with pytest.raises(ValueError):
        store.add(visitor_request(phone=None, email=None))


def test_an_unreachable_database_raises_booking_store_error() -> None:
    store = BookingStore("postgresql://meso:pw@127.0.0.1:1/none")  # nothing listens on port 1
    with pytest.raises(BookingStoreError):
        store.add(visitor_request())


def test_from_settings_uses_the_tracker_stores_database_and_connects_lazily(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "conversations.db"
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n"
        "  type: meso.tracker_store.MesoSQLTrackerStore\n"
        "  dialect: sqlite\n"
        f"  db: {database}\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("MESO_BOOKING_DB_URL", raising=False)
    monkeypatch.setenv("MESO_ENDPOINTS", str(endpoints))

    store = BookingStore.from_settings()
    assert not database.exists()  # nothing opened yet
    store.add(visitor_request())
    assert database.exists()
    with sa.create_engine(f"sqlite:///{database}").connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM booking_requests")).scalar() == 1
    store.close()


def test_from_settings_without_an_sql_tracker_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: in_memory\n", encoding="utf-8")
    monkeypatch.delenv("MESO_BOOKING_DB_URL", raising=False)
    monkeypatch.setenv("MESO_ENDPOINTS", str(endpoints))
    with pytest.raises(BookingStoreError, match="SQL tracker store"):
        BookingStore.from_settings()


def test_the_store_module_imports_no_rasa() -> None:
    import subprocess
    import sys

    code = (
        "import sys, meso.booking.store, meso.booking.delivery; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- consent ----------------------------------------------------------------------------------


def test_check_answers_are_kept_only_when_the_visitor_agreed(
    store: BookingStore, tmp_path: Path
) -> None:
    agreed = visitor_request("a", check_summary=CHECK)
    refused = visitor_request("b")
    store.add(agreed)
    store.add(refused)

    by_id = {s.request_id: s.request for s in store.list()}
    assert by_id[agreed.request_id].check_summary == CHECK
    assert by_id[refused.request_id].check_summary is None
    with sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}").connect() as conn:
        raw = conn.execute(
            sa.text("SELECT check_summary FROM booking_requests WHERE conversation_id = 'b'")
        ).scalar()
    assert raw is None


# --- forget me and retention ------------------------------------------------------------------


def test_forget_deletes_only_that_conversations_requests(store: BookingStore) -> None:
    store.add(visitor_request("visitor-1"))
    store.add(visitor_request("visitor-1"))
    store.add(visitor_request("visitor-2"))

    assert store.forget("visitor-1") == 2
    assert [s.request.conversation_id for s in store.list()] == ["visitor-2"]
    assert store.forget("visitor-1") == 0


async def test_delete_my_data_in_the_conversation_removes_the_stored_request(
    tmp_path: Path, clock: Clock
) -> None:
    """The tracker store deletes the conversation when its turn ran the forget action;
    the booking requests of that conversation go with it, nothing of it stays on disk."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, Restarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from meso.tracker_store import MesoSQLTrackerStore

    database = tmp_path / "tracker.db"
    tracker_store = MesoSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(database))
    visitor, other = "visitor-forget", "visitor-stays"
    first_turn = [ActionExecuted("action_listen"), UserUttered("call me back please")]
    for sender in (visitor, other):
        await tracker_store.save(DialogueStateTracker.from_events(sender, first_turn))
    bookings = sqlite_store(tmp_path, clock)
    forgotten = visitor_request(visitor, clock=clock)
    bookings.add(forgotten)
    bookings.add(
        visitor_request(other, clock=clock, name="Bob", phone="+447700900999", email="b@o.test")
    )

    forget_turn = [
        ActionExecuted("action_listen"),
        UserUttered("delete my data"),
        ActionExecuted("action_forget_conversation"),
        Restarted(),
    ]
    await tracker_store.save(DialogueStateTracker.from_events(visitor, first_turn + forget_turn))

    assert bookings.status(forgotten.request_id) is None
    assert [s.request.conversation_id for s in bookings.list()] == [other]
    assert await tracker_store.retrieve(visitor) is None
    bookings.close()
    tracker_store.engine.dispose()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("tracker.db*"))
    for detail in (NAME, PHONE, EMAIL):
        assert detail.encode() not in raw


def test_forget_in_a_database_without_booking_requests(tmp_path: Path) -> None:
    from rasa.shared.core.domain import Domain

    from meso.tracker_store import MesoSQLTrackerStore

    tracker_store = MesoSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    assert tracker_store.forget("anyone") == 0  # no booking_requests table: nothing to do
    tracker_store.engine.dispose()


def test_retention_deletes_old_requests(store: BookingStore, clock: Clock, tmp_path: Path) -> None:
    old = visitor_request("old", created_at=clock() - 31 * 86400)
    recent = visitor_request("recent", created_at=clock() - 29 * 86400)
    store.add(old)
    store.add(recent)

    assert store.delete_older_than(30) == 1
    assert [s.request_id for s in store.list()] == [recent.request_id]


def test_make_retention_deletes_old_requests_too(
    store: BookingStore, clock: Clock, tmp_path: Path
) -> None:
    """`meso retention` (apply_retention) on the tracker store's database."""
    store.add(visitor_request("old", created_at=clock() - 40 * 86400))
    store.add(visitor_request("recent", created_at=clock() - 1 * 86400))
    store.close()
    url = f"sqlite:///{tmp_path / 'tracker.db'}"

    dry = apply_retention(url, 30, now=clock(), dry_run=True)
    assert dry["booking_requests"] == 1 and len(store.list()) == 2
    result = apply_retention(url, 30, now=clock())

    assert result["booking_requests"] == 1
    assert [s.request.conversation_id for s in store.list()] == ["recent"]


# --- make unanswered --------------------------------------------------------------------------


def test_unanswered_questions_never_include_what_was_typed_into_a_form() -> None:
    """The booking form's answers (a name, a number, an e-mail, a time) can fall to
    fallback; `make unanswered` reads visitor questions only, never a form's answers."""
    import json

    from meso.tools.unanswered import unanswered

    def event(kind: str, **data: Any) -> tuple:
        return ("visitor", kind, 1.0, json.dumps({"event": kind, **data}))

    def user(text: str, intent: str = "nlu_fallback") -> tuple:
        return event("user", text=text, parse_data={"intent": {"name": intent}})

    events: List[tuple] = [
        user("do you do laser hair removal"),
        event("action", name="action_two_stage_fallback"),
        event("active_loop", name="booking_form"),  # the other engineer's form, any name
        user(NAME),
        user(f"my number is {PHONE}"),
        user(EMAIL),
        user("thursday afternoon if possible"),
        event("action", name="action_default_fallback"),
        event("active_loop", name=None),
        user("can I park near the clinic"),
        event("action", name="action_default_fallback"),
    ]
    texts = [q.text for q in unanswered(events)]
    assert texts == ["do you do laser hair removal", "can I park near the clinic"]


# --- several workers --------------------------------------------------------------------------


def test_concurrent_workers_claim_each_request_once(tmp_path: Path, clock: Clock) -> None:
    """Four processes' worth of stores on one SQLite file: every request claimed once."""
    seed = sqlite_store(tmp_path, clock)
    for n in range(40):
        seed.add(visitor_request(f"visitor-{n}", clock=clock))
    stores = [sqlite_store(tmp_path, clock) for _ in range(4)]
    everything = claim_all_at_once(stores, limit=3)
    assert len(everything) == 40 and len(set(everything)) == 40
    # a claim runs out: a crashed worker's requests are taken again later
    assert stores[0].claim_due() == []
    clock.advance(121)
    assert len(stores[0].claim_due(limit=100)) == 40
    for s in [seed, *stores]:
        s.close()


# --- when the team will be in touch -----------------------------------------------------------

HOURS: Dict[str, Any] = {
    "timezone": "Europe/London",
    "opening_hours_by_day": {
        "mon": "09:00-18:00",
        "tue": "09:00-18:00",
        "wed": "09:00-18:00",
        "thu": "09:00-18:00",
        "fri": "09:00-17:00",
        "sat": "closed",
    },
    "closed_dates": ["2026-12-25"],
}


@pytest.mark.parametrize(
    ("utc", "promise"),
    [
        ("2026-12-05 11:00", "on Monday morning"),  # a Saturday
        ("2026-12-06 20:00", "tomorrow morning"),  # a Sunday evening
        ("2026-12-07 07:30", "this morning"),  # Monday before opening
        ("2026-12-07 10:00", "today"),  # Monday, open
        ("2026-12-07 17:45", "tomorrow morning"),  # 15 minutes before closing
        ("2026-12-04 17:30", "on Monday morning"),  # Friday after closing
        ("2026-12-24 19:00", "on Monday morning"),  # Christmas Eve: the 25th is closed
        ("2026-07-06 16:00", "today"),  # British Summer Time: 17:00 in London, open
        ("2026-07-06 17:30", "tomorrow morning"),  # 18:30 in London, closed
    ],
)
def test_the_promise_follows_opening_hours(utc: str, promise: str) -> None:
    now = datetime.strptime(utc, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)
    assert next_contact_promise(now, HOURS) == promise


def test_the_promise_without_structured_hours() -> None:
    now = datetime(2026, 12, 5, 11, tzinfo=timezone.utc)
    assert next_contact_promise(now, {"opening_hours": "Mon-Fri 9:00-18:00"}) == (
        "within opening hours"
    )
    broken = {"opening_hours_by_day": {"mon": "nine to five"}}
    assert next_contact_promise(now, broken) == "within opening hours"


def test_afternoon_opening_and_split_days() -> None:
    hours = {"opening_hours_by_day": {"sat": "13:00-17:00", "mon": "09:00-12:00, 14:00-18:00"}}
    saturday_morning = datetime(2026, 12, 5, 9, tzinfo=timezone.utc)
    assert next_contact_promise(saturday_morning, hours) == "this afternoon"
    monday_lunch = datetime(2026, 12, 7, 12, 30, tzinfo=timezone.utc)
    assert next_contact_promise(monday_lunch, hours) == "this afternoon"


def test_the_projects_clinic_yml_has_machine_readable_hours() -> None:
    clinic = settings.clinic_settings(settings.PROJECT_ROOT / "clinic.yml")
    assert clinic["opening_hours"]  # the display text stays
    saturday = datetime(2026, 12, 5, 11, tzinfo=timezone.utc)
    assert next_contact_promise(saturday, clinic) == "on Monday morning"


def test_a_naive_now_is_the_machines_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The conversation side may pass datetime.now(): naive, in the server's own zone."""
    import time as time_module

    monkeypatch.setenv("TZ", "America/New_York")
    time_module.tzset()
    try:
        # 05:00 in New York on a Monday is 10:00 in London: open
        assert next_contact_promise(datetime(2026, 12, 7, 5, 0), HOURS) == "today"
    finally:
        monkeypatch.undo()  # the machine's own TZ again
        time_module.tzset()


def test_delivery_configured_follows_the_booking_section() -> None:
    from meso.booking.store import delivery_configured

    assert not delivery_configured({})
    assert not delivery_configured({"booking": {"retry": {"max_attempts": 3}}})
    assert delivery_configured({"booking": {"webhook": {"url": "https://crm.test/h"}}})
    assert delivery_configured({"booking": {"email": {"host": "smtp.test"}}})
