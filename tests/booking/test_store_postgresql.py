"""The scale-out database: booking requests in PostgreSQL, as with deploy/endpoints.scale.yml.

The throw-away PostgreSQL of the integration tests (tests/integration/conftest.py) is
started by the test itself. Several workers (one per action server) claim due requests
with SELECT ... FOR UPDATE SKIP LOCKED: each request is sent once.
"""

from __future__ import annotations

import threading
from typing import Iterator

import pytest
import sqlalchemy as sa

from meso.booking.delivery import DeliveryWorker, WebhookChannel
from meso.booking.store import DELIVERED, PENDING, BookingStore
from meso.tools.retention import apply_retention
from tests.booking.receivers import Clock, WebhookReceiver
from tests.booking.requests_data import PHONE, claim_all_at_once, visitor_request
from tests.integration.conftest import postgres  # noqa: F401 - the fixture
from tests.integration.servers import PostgresServer

pytestmark = pytest.mark.scale


@pytest.fixture
def pg_url(postgres: PostgresServer) -> Iterator[str]:  # noqa: F811 - the fixture
    """The database, without booking requests from an earlier test."""
    url = postgres.url()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE IF EXISTS booking_requests"))
    engine.dispose()
    yield url


def test_requests_are_kept_and_forgotten_in_postgresql(pg_url: str, clock: Clock) -> None:
    store = BookingStore(pg_url, clock=clock)
    request = visitor_request("pg-visitor", clock=clock)
    store.add(request)
    store.add(request)
    assert store.status(request.request_id) == PENDING
    again = BookingStore(pg_url, clock=clock)  # another process
    assert [s.request.phone for s in again.list()] == [PHONE]
    assert again.forget("pg-visitor") == 1
    assert store.status(request.request_id) is None
    store.close()
    again.close()


def test_workers_on_several_servers_claim_each_request_once(pg_url: str, clock: Clock) -> None:
    seed = BookingStore(pg_url, clock=clock)
    for n in range(60):
        seed.add(visitor_request(f"visitor-{n}", clock=clock))
    stores = [BookingStore(pg_url, clock=clock) for _ in range(4)]
    everything = claim_all_at_once(stores, limit=4)
    assert len(everything) == 60 and len(set(everything)) == 60
    for store in [seed, *stores]:
        store.close()


def test_two_workers_deliver_each_request_exactly_once(pg_url: str, clock: Clock) -> None:
    receiver = WebhookReceiver(b"k", clock=clock).start()
    try:
        seed = BookingStore(pg_url, clock=clock)
        ids = []
        for n in range(20):
            request = visitor_request(f"v{n}", clock=clock)
            seed.add(request)
            ids.append(request.request_id)
        workers = [
            DeliveryWorker(
                BookingStore(pg_url, clock=clock),
                [WebhookChannel({"url": receiver.url}, b"k", clock)],
                batch=2,
            )
            for _ in range(2)
        ]
        threads = [threading.Thread(target=w.deliver_due) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        sent = [d.payload["request_id"] for d in receiver.deliveries]
        assert sorted(sent) == sorted(ids)  # every one, none twice
        assert {seed.status(i) for i in ids} == {DELIVERED}
        for worker in workers:
            worker.store.close()
        seed.close()
    finally:
        receiver.stop()


async def test_delete_my_data_removes_requests_in_postgresql(
    postgres: PostgresServer,  # noqa: F811 - the fixture
    pg_url: str,
    clock: Clock,
) -> None:
    from rasa.shared.core.domain import Domain

    from meso.tracker_store import MesoSQLTrackerStore

    store = BookingStore(pg_url, clock=clock)
    store.add(visitor_request("pg-forget", clock=clock))
    store.add(visitor_request("pg-keep", clock=clock))
    tracker_store = MesoSQLTrackerStore(
        Domain.empty(), dialect="postgresql", host="127.0.0.1", port=postgres.port,
        db=postgres.database, username=postgres.user, password=postgres.password,
    )  # fmt: skip
    tracker_store.forget("pg-forget")
    assert [s.request.conversation_id for s in store.list()] == ["pg-keep"]
    tracker_store.engine.dispose()
    store.close()


def test_retention_deletes_old_requests_in_postgresql(pg_url: str, clock: Clock) -> None:
    store = BookingStore(pg_url, clock=clock)
    store.add(visitor_request("old", created_at=clock() - 31 * 86400))
    store.add(visitor_request("new", created_at=clock()))
    assert apply_retention(pg_url, 30, now=clock())["booking_requests"] == 1
    assert [s.request.conversation_id for s in store.list()] == ["new"]
    store.close()
