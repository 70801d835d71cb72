"""The action server delivers in the background (rasa_sdk's plugin hook), and stops cleanly.

`meso actions` is started as `make run` starts it, with an actions package that has no
actions (this test is about the worker, not the conversation), an endpoints file on a
temporary database and a clinic.yml naming a local webhook receiver.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from meso.booking.store import DELIVERED, BookingStore
from meso.settings import PROJECT_ROOT
from meso.tools.servers import free_port, wait_port
from tests.booking.receivers import WebhookReceiver
from tests.booking.requests_data import visitor_request

SECRET = b"action-server-test-key"


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver(SECRET).start()
    yield receiver
    receiver.stop()


def test_the_action_server_delivers_requests_saved_by_another_process(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    database = tmp_path / "tracker.db"
    (tmp_path / "endpoints.yml").write_text(
        "tracker_store:\n"
        "  type: meso.tracker_store.MesoSQLTrackerStore\n"
        "  dialect: sqlite\n"
        f"  db: {database}\n",
        encoding="utf-8",
    )
    (tmp_path / "clinic.yml").write_text(
        f"name: Test clinic\nbooking:\n  webhook:\n    url: {receiver.url}\n  poll_seconds: 1\n",
        encoding="utf-8",
    )
    port = free_port()
    env = dict(
        os.environ,
        MESO_ENDPOINTS=str(tmp_path / "endpoints.yml"),
        CLINIC_SETTINGS=str(tmp_path / "clinic.yml"),
        MESO_WEBHOOK_SECRET=SECRET.decode(),
    )
    env.pop("MESO_BOOKING_DB_URL", None)
    log = tmp_path / "actions.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "meso", "actions", "--port", str(port),
             "--actions", "meso.booking"],
            cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_port(port, proc=proc)
        store = BookingStore(f"sqlite:///{database}")
        request = visitor_request("from-the-rasa-side")
        store.add(request)  # another process: found by the worker's poll (1 s here)

        assert receiver.arrived.wait(30), log.read_text("utf-8", "replace")
        assert receiver.deliveries[0].payload["request_id"] == request.request_id
        assert receiver.deliveries[0].signature_valid
        assert store.wait_until_sent(request.request_id, timeout=10) == DELIVERED
        store.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    text = log.read_text("utf-8", "replace")
    assert "booking: delivery worker started (webhook;" in text
    assert "booking: delivery worker stopped" in text
    assert "Ann" not in text and "+447700900123" not in text
