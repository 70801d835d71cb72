"""A booking request reaches the clinic's system by a signed webhook, retried while it is down.

A local HTTP receiver verifies the HMAC-SHA256 signature as the clinic's system would. The
store and the receiver share a clock that the tests move: retries happen without sleeping.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path
from typing import Callable, Iterator, List

import pytest

from meso.booking.delivery import (
    MIN_PAUSE_SECONDS,
    DeliveryWorker,
    EmailChannel,
    Outcome,
    RetryPolicy,
    WebhookChannel,
    signature,
    verify_signature,
)
from meso.booking.store import DELIVERED, FAILED, PENDING, BookingStore
from tests.booking.receivers import Clock, SmtpReceiver, WebhookReceiver
from tests.booking.requests_data import (
    CHECK,
    CLINIC,
    EMAIL,
    NAME,
    PHONE,
    WHEN,
    visitor_request,
)

SECRET = b"clinic-shared-webhook-key"


@pytest.fixture
def receiver(clock: Clock) -> Iterator[WebhookReceiver]:
    """The clinic's receiver, not started: each test starts it when it is 'up'."""
    receiver = WebhookReceiver(SECRET, clock=clock)
    yield receiver
    receiver.stop()


def webhook(
    receiver: WebhookReceiver, clock: Callable[[], float], secret: bytes = SECRET
) -> WebhookChannel:
    return WebhookChannel({"url": receiver.url, "timeout_seconds": 5}, secret, clock)


def test_the_clinic_receives_a_signed_json_request(
    store: BookingStore, receiver: WebhookReceiver, clock: Clock
) -> None:
    receiver.start()
    request = visitor_request(clock=clock)
    store.add(request)

    DeliveryWorker(store, [webhook(receiver, clock)]).deliver_due()

    assert store.status(request.request_id) == DELIVERED
    [delivery] = receiver.deliveries
    assert delivery.signature_valid
    assert delivery.headers["Content-Type"] == "application/json; charset=utf-8"
    assert delivery.headers["X-Meso-Timestamp"] == str(int(clock()))
    assert delivery.headers["X-Meso-Signature"].startswith("sha256=")
    assert delivery.headers["X-Meso-Request-Id"] == request.request_id
    assert delivery.payload == {
        "event": "booking_request",
        "request_id": request.request_id,
        "created_at": delivery.payload["created_at"],
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "preferred_time": WHEN,
    }  # no check_summary key at all: the visitor did not agree to share it
    assert delivery.payload["created_at"].endswith("+00:00")


def test_check_summary_is_sent_only_with_consent(
    store: BookingStore, receiver: WebhookReceiver, clock: Clock
) -> None:
    receiver.start()
    store.add(visitor_request("agreed", clock=clock, check_summary=CHECK))
    store.add(visitor_request("did-not-agree", clock=clock, check_summary=None))
    store.add(visitor_request("empty-list", clock=clock, check_summary=[]))

    DeliveryWorker(store, [webhook(receiver, clock)]).deliver_due()

    payloads = [d.payload for d in receiver.deliveries]
    assert len(payloads) == 3
    assert [p.get("check_summary") for p in payloads].count(CHECK) == 1
    assert sum("check_summary" in p for p in payloads) == 1


def test_the_signature_is_what_a_receiver_can_verify() -> None:
    body = json.dumps({"a": 1}).encode()
    now = time.time()
    stamp = str(int(now))
    header = signature(SECRET, stamp, body)
    assert verify_signature(SECRET, stamp, body, header, now=now)
    # any change to the body, the timestamp or the key is detected
    assert not verify_signature(SECRET, stamp, body + b" ", header, now=now)
    assert not verify_signature(SECRET, str(int(now) - 1), body, header, now=now)
    assert not verify_signature(b"another key", stamp, body, header, now=now)
    # and an old (replayed) message is refused even when correctly signed
    assert not verify_signature(SECRET, stamp, body, header, now=now + 301)
    assert not verify_signature(SECRET, "not-a-time", body, header, now=now)


def test_a_wrong_key_is_refused_by_the_receiver_and_retried(
    store: BookingStore, receiver: WebhookReceiver, clock: Clock
) -> None:
    receiver.start()
    request = visitor_request(clock=clock)
    store.add(request)

    [outcome] = DeliveryWorker(store, [webhook(receiver, clock, b"wrong")]).deliver_due()

    assert not receiver.deliveries[0].signature_valid
    assert outcome.status == PENDING and outcome.error == "webhook: HTTP 401"


def test_without_a_key_nothing_is_sent_unsigned(
    store: BookingStore, receiver: WebhookReceiver, clock: Clock
) -> None:
    receiver.start()
    store.add(visitor_request(clock=clock))
    channel = WebhookChannel({"url": receiver.url}, None, clock)
    [outcome] = DeliveryWorker(store, [channel]).deliver_due()
    assert outcome.error == "webhook: webhook secret not set ($MESO_WEBHOOK_SECRET)"
    assert receiver.deliveries == []


def test_delivery_is_retried_after_the_receiver_was_down(
    store: BookingStore, receiver: WebhookReceiver, clock: Clock
) -> None:
    worker = DeliveryWorker(store, [webhook(receiver, clock)])
    request = visitor_request(clock=clock)
    store.add(request)

    # the receiver is down: the request stays pending, due again in 30 s
    [first] = worker.deliver_due()
    assert first.status == PENDING
    stored = store.get(request.request_id)
    assert stored is not None
    assert stored.attempts == 1
    assert stored.last_error == "webhook: ConnectionError"
    assert stored.next_attempt_at == clock() + 30
    assert worker.next_wait() == 15  # the poll interval comes first
    # not due yet: a pass does nothing
    clock.advance(29)
    assert worker.deliver_due() == []
    # the receiver is back and the retry is due
    receiver.start()
    clock.advance(1)
    [second] = worker.deliver_due()

    assert second.status == DELIVERED
    assert len(receiver.deliveries) == 1 and receiver.deliveries[0].signature_valid
    stored = store.get(request.request_id)
    assert stored is not None and stored.attempts == 2 and stored.last_error is None


def test_retry_schedule_then_failed_after_the_last_attempt(
    store: BookingStore, receiver: WebhookReceiver, clock: Clock
) -> None:
    """30 s, 1, 2, 4, 8, 16, 32 min, then hourly: 10 attempts over about 3 h 10 min."""
    policy = RetryPolicy()
    assert policy.schedule() == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert sum(policy.schedule()) == 11010

    receiver.status = 503  # up, but failing
    receiver.start()
    worker = DeliveryWorker(store, [webhook(receiver, clock)], policy)
    request = visitor_request(clock=clock)
    store.add(request)
    waits: List[float] = []
    while store.status(request.request_id) == PENDING:
        worker.deliver_due()
        stored = store.get(request.request_id)
        assert stored is not None
        if stored.next_attempt_at is not None:
            waits.append(stored.next_attempt_at - clock())
            clock.advance(stored.next_attempt_at - clock())

    assert waits == policy.schedule()
    assert len(receiver.deliveries) == 10
    stored = store.get(request.request_id)
    assert stored is not None
    assert stored.status == FAILED and stored.attempts == 10
    assert stored.last_error == "webhook: HTTP 503"
    assert stored.request.phone == PHONE  # kept for the clinic to act on (meso requests)

    # `meso requests retry` makes it pending again, due now
    receiver.status = 200
    assert store.retry() == 1
    [outcome] = worker.deliver_due()
    assert outcome.status == DELIVERED


def test_a_channel_that_accepted_is_not_sent_again_when_another_is_retried(
    tmp_path: Path, store: BookingStore, receiver: WebhookReceiver, clock: Clock
) -> None:
    smtp = SmtpReceiver(tmp_path).start()
    try:
        email = EmailChannel(
            {
                "host": "127.0.0.1",
                "port": smtp.port,
                "security": "none",
                "from": "bookings@clinic.test",
                "to": "reception@clinic.test",
            },
            CLINIC,
            None,
        )
        worker = DeliveryWorker(store, [email, webhook(receiver, clock)])
        request = visitor_request(clock=clock)
        store.add(request)

        [first] = worker.deliver_due()  # e-mail accepted, webhook down
        assert first.status == PENDING and first.error == "webhook: ConnectionError"
        receiver.start()
        clock.advance(30)
        [second] = worker.deliver_due()

        assert second.status == DELIVERED
        assert len(smtp.messages) == 1  # not twice
        assert len(receiver.deliveries) == 1
        stored = store.get(request.request_id)
        assert stored is not None and stored.channels_done == ["email", "webhook"]
    finally:
        smtp.stop()


def test_contact_details_are_wiped_from_the_database_once_delivered(
    tmp_path: Path, store: BookingStore, receiver: WebhookReceiver, clock: Clock
) -> None:
    receiver.start()
    request = visitor_request(clock=clock, check_summary=CHECK)
    store.add(request)
    DeliveryWorker(store, [webhook(receiver, clock)]).deliver_due()

    stored = store.get(request.request_id)
    assert stored is not None and stored.status == DELIVERED
    assert stored.request.name == "" and stored.request.phone is None
    assert stored.request.email is None and stored.request.preferred_time is None
    assert stored.request.check_summary is None
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("tracker.db*"))
    for secret in (NAME, PHONE, EMAIL, WHEN, CHECK[2]):
        assert secret.encode() not in raw  # not in the file nor its write-ahead log


def test_no_contact_detail_reaches_the_logs(
    store: BookingStore,
    receiver: WebhookReceiver,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    worker = DeliveryWorker(store, [webhook(receiver, clock)], RetryPolicy(max_attempts=2))
    store.add(visitor_request(clock=clock, check_summary=CHECK))
    worker.deliver_due()  # down: a warning
    clock.advance(30)
    worker.deliver_due()  # down again: failed, an error
    receiver.start()
    store.retry()
    worker.deliver_due()  # delivered

    messages = "\n".join(record.getMessage() for record in caplog.records)
    assert "not delivered yet" in messages and "after 2 attempts" in messages
    assert "delivered (webhook)" in messages
    for detail in (NAME, "Smith", PHONE, "900123", EMAIL, "example.com", WHEN, *CHECK):
        assert detail not in messages


async def test_the_action_servers_worker_delivers_at_once_and_stops(
    store: BookingStore, receiver: WebhookReceiver
) -> None:
    """The background worker wakes when a request is added in its process (no polling
    wait: poll_seconds is an hour here), and stops when told to."""
    receiver.clock = None  # real time: the worker runs for real
    store.clock = time.time
    receiver.start()
    worker = DeliveryWorker(store, [webhook(receiver, time.time)], poll_seconds=3600)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(0)  # let it start listening

    request = visitor_request(created_at=time.time())
    started = time.perf_counter()
    await asyncio.to_thread(store.add, request)  # as the conversation side does
    assert await asyncio.to_thread(receiver.arrived.wait, 10)
    latency = time.perf_counter() - started

    assert receiver.deliveries[0].signature_valid
    assert latency < 2.0, latency
    # what the conversation side can tell the visitor: it went through
    assert await asyncio.to_thread(store.wait_until_sent, request.request_id, 5) == DELIVERED
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    assert store.status(request.request_id) == DELIVERED


def test_without_a_channel_requests_wait_pending(store: BookingStore, clock: Clock) -> None:
    request = visitor_request(clock=clock)
    store.add(request)
    assert DeliveryWorker(store, []).deliver_due() == []
    clock.advance(86400)
    assert DeliveryWorker(store, []).deliver_due() == []
    assert store.status(request.request_id) == PENDING  # never "failed" for want of a channel
    assert store.wait_until_sent(request.request_id, timeout=0.1) == PENDING


def test_a_due_request_nobody_can_take_never_makes_the_worker_spin(
    store: BookingStore, receiver: WebhookReceiver, clock: Clock
) -> None:
    """Without a channel, or while another worker's claim runs, the next pass waits."""
    request = visitor_request(clock=clock)
    store.add(request)
    clock.advance(3600)  # long overdue
    assert DeliveryWorker(store, [], poll_seconds=15).next_wait() == 15
    other = store.claim_due(1, claim_seconds=120)  # another server is sending it
    assert [c.request.request_id for c in other] == [request.request_id]
    worker = DeliveryWorker(store, [webhook(receiver, clock)], poll_seconds=600)
    assert worker.deliver_due() == []
    assert worker.next_wait() == pytest.approx(120)  # when that claim runs out
    clock.advance(119.9)
    assert worker.next_wait() == MIN_PAUSE_SECONDS


async def test_the_worker_idles_while_a_request_waits_for_a_channel(store: BookingStore) -> None:
    """The action server's worker without a channel: one pass, then it waits (no CPU)."""
    store.clock = time.time
    store.add(visitor_request(created_at=time.time() - 3600))
    worker = DeliveryWorker(store, [], poll_seconds=3600)
    passes = 0
    deliver_due = worker.deliver_due

    def counted() -> List[Outcome]:
        nonlocal passes
        passes += 1
        return deliver_due()

    worker.deliver_due = counted  # type: ignore[method-assign]
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(0.5)  # time in which a spinning worker made hundreds of passes
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    assert passes == 1


def test_a_claim_outlasts_a_batch_sent_at_every_timeout(
    store: BookingStore, receiver: WebhookReceiver, clock: Clock
) -> None:
    """So another worker never takes a request this one is still sending."""
    slow = WebhookChannel({"url": receiver.url, "timeout_seconds": 30}, SECRET, clock)
    assert DeliveryWorker(store, [slow], batch=5).claim_seconds() == 60 + 5 * 30
    assert DeliveryWorker(store, [webhook(receiver, clock)], batch=1).claim_seconds() == 120
