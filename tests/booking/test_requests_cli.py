"""`meso requests` / `make requests`: the clinic sees what was not delivered, and retries.

The list shows no more contact detail than needed to tell requests apart; `show` prints
one request whole for the person who calls the visitor back.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest

from meso.booking.delivery import DeliveryWorker, RetryPolicy, WebhookChannel
from meso.booking.store import DELIVERED, FAILED, PENDING, BookingStore
from meso.settings import PROJECT_ROOT
from meso.tools import booking_requests
from tests.booking.receivers import Clock, WebhookReceiver
from tests.booking.requests_data import CHECK, EMAIL, NAME, PHONE, WHEN, visitor_request

SECRET = b"cli-test-key"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An endpoints file on a temporary tracker.db; a clinic.yml naming a webhook."""
    (tmp_path / "endpoints.yml").write_text(
        "tracker_store:\n"
        "  type: meso.tracker_store.MesoSQLTrackerStore\n"
        "  dialect: sqlite\n"
        f"  db: {tmp_path / 'tracker.db'}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("MESO_ENDPOINTS", str(tmp_path / "endpoints.yml"))
    monkeypatch.delenv("MESO_BOOKING_DB_URL", raising=False)
    return tmp_path


@pytest.fixture
def store(project: Path) -> Iterator[BookingStore]:
    store = BookingStore.from_settings()
    yield store
    store.close()


def run(*args: str) -> Tuple[int, str]:
    """`meso requests ARGS` in this process: exit status and output."""
    out = io.StringIO()
    code = booking_requests.main(list(args), out=out)
    return code, out.getvalue()


def one_of_each(store: BookingStore, clock: Clock) -> List[str]:
    """A pending, a failed and a delivered request; their ids."""
    receiver = WebhookReceiver(SECRET, clock=clock, status=503).start()
    try:
        channel = WebhookChannel({"url": receiver.url}, SECRET, clock)
        worker = DeliveryWorker(store, [channel], RetryPolicy(max_attempts=1))
        failed = visitor_request("v1", clock=clock, check_summary=CHECK)
        store.add(failed)
        worker.deliver_due()
        receiver.status = 200
        delivered = visitor_request("v2", clock=clock, name="Bo Li", phone=None)
        store.add(delivered)
        worker.deliver_due()
    finally:
        receiver.stop()
    pending = visitor_request("v3", clock=clock, name="Cy", email=None, phone="+15550100")
    store.add(pending)
    assert [store.status(r.request_id) for r in (pending, failed, delivered)] == [
        PENDING,
        FAILED,
        DELIVERED,
    ]
    return [pending.request_id, failed.request_id, delivered.request_id]


def test_the_list_shows_pending_and_failed_requests_masked(store: BookingStore) -> None:
    clock = Clock()
    store.clock = clock
    pending, failed, delivered = one_of_each(store, clock)

    code, out = run()

    assert code == 1  # something failed: a cron job mails it, monitoring sees it
    assert "booking requests: 1 pending, 1 failed" in out
    assert pending[:8] in out and failed[:8] in out and delivered[:8] not in out
    assert "webhook: HTTP 503" in out
    assert "A. M. S., phone …123, e-mail …@example.com" in out
    assert "C., phone …100" in out
    for detail in (NAME, "Smith", PHONE, EMAIL, "ann.smith", WHEN, *CHECK):
        assert detail not in out
    assert "meso requests show ID" in out


def test_list_all_includes_delivered_requests_without_details(store: BookingStore) -> None:
    clock = Clock()
    store.clock = clock
    _, _, delivered = one_of_each(store, clock)
    code, out = run("list", "--all")
    assert delivered[:8] in out and "(details wiped after delivery)" in out
    assert "Bo Li" not in out


def test_show_prints_one_request_in_full_for_the_call_back(store: BookingStore) -> None:
    clock = Clock()
    store.clock = clock
    _, failed, _ = one_of_each(store, clock)

    code, out = run("show", failed[:8])

    assert code == 0
    assert f"request         {failed}" in out
    assert "status          failed after 1 attempt(s), last error: webhook: HTTP 503" in out
    for detail in (NAME, PHONE, EMAIL, WHEN, *CHECK):
        assert detail in out  # shared with consent, so the team sees it
    assert run("show", "zzzz")[0] == 2


def test_retry_then_deliver_sends_the_failed_request(
    store: BookingStore, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    store.clock = clock
    _, failed, _ = one_of_each(store, clock)
    receiver = WebhookReceiver(SECRET).start()
    try:
        clinic = project / "clinic.yml"
        clinic.write_text(f"booking:\n  webhook:\n    url: {receiver.url}\n", encoding="utf-8")
        monkeypatch.setenv("CLINIC_SETTINGS", str(clinic))
        monkeypatch.setenv("MESO_WEBHOOK_SECRET", SECRET.decode())

        assert run("retry", failed[:8]) == (0, "1 failed request(s) pending again; "
                                                "delivered by the next pass\n")  # fmt: skip
        code, out = run("deliver")

        assert code == 0, out
        assert out.startswith("delivered 2 of 2 due request(s)")  # the retried + the pending
        assert store.status(failed) == DELIVERED
        assert {d.payload["request_id"] for d in receiver.deliveries} >= {failed}
        assert all(d.signature_valid for d in receiver.deliveries)
        code, out = run()
        assert code == 0 and "nothing waiting." in out
    finally:
        receiver.stop()


def test_make_requests_runs_the_command(project: Path) -> None:
    """`make requests` calls `meso requests` (here with an empty database)."""
    env = dict(os.environ, MESO_ENDPOINTS=str(project / "endpoints.yml"))
    out = subprocess.run(
        ["make", "-s", "requests"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "booking requests: 0 pending, 0 failed" in out.stdout
    assert "nothing waiting." in out.stdout


def test_an_endpoints_file_without_a_database_is_explained(tmp_path: Path) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: in_memory\n", encoding="utf-8")
    code, out = run("--endpoints", str(endpoints))
    assert code == 2 and "no SQL tracker store" in out


def test_meso_requests_is_a_meso_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "meso", "--help"], capture_output=True, text=True, check=True
    )
    assert "requests" in out.stdout


def test_the_worker_runs_on_its_own_and_stops_on_sigterm(project: Path) -> None:
    """`meso requests work`: a delivery container apart from the action servers."""
    import signal

    receiver = WebhookReceiver(SECRET).start()
    clinic = project / "clinic.yml"
    clinic.write_text(
        f"booking:\n  webhook:\n    url: {receiver.url}\n  poll_seconds: 0.2\n", encoding="utf-8"
    )
    env = dict(
        os.environ,
        MESO_ENDPOINTS=str(project / "endpoints.yml"),
        CLINIC_SETTINGS=str(clinic),
        MESO_WEBHOOK_SECRET=SECRET.decode(),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "meso", "requests", "work"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        store = BookingStore.from_settings()
        request = visitor_request("for-the-worker")
        store.add(request)  # another process: the worker finds it at its next poll
        assert receiver.arrived.wait(30)
        assert store.wait_until_sent(request.request_id, timeout=10) == DELIVERED
    finally:
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
        receiver.stop()
    assert proc.returncode == 0, output
    assert "delivery worker started (webhook;" in output
    assert f"request {request.request_id[:8]} delivered (webhook)" in output
    assert "delivery worker stopped" in output
    assert NAME not in output and PHONE not in output
