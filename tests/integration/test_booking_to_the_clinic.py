"""Booking conversations end to end: the clinic receives exactly the confirmed requests.

Its own servers, with a clinic.yml naming a local webhook receiver (signature verified as a
clinic's system would, tests/booking/receivers.py): visitors cancel, refuse consent, and
confirm with and without sharing their check; the receiver must get one request per
confirmation, with the check's answers only when the visitor said yes.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import yaml

from meso.tools.servers import AssistantServers, write_endpoints
from tests.booking.receivers import WebhookReceiver
from tests.integration.conftest import ROOT
from tests.integration.test_booking_conversations import play

pytestmark = [pytest.mark.servers, pytest.mark.model]

SECRET = b"booking-conversation-test-key"


@pytest.fixture(scope="module")
def receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver(SECRET).start()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="module")
def clinic_servers(
    model: Path, workdir: Path, receiver: WebhookReceiver
) -> Iterator[AssistantServers]:
    folder = workdir / "booking-stack"
    folder.mkdir()
    settings: Dict[str, Any] = yaml.safe_load((ROOT / "clinic.yml").read_text("utf-8"))
    settings["booking"] = {"webhook": {"url": receiver.url}, "poll_seconds": 1}
    clinic = folder / "clinic.yml"
    clinic.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    endpoints = write_endpoints(folder / "endpoints.yml", folder / "tracker.db")
    env = {"CLINIC_SETTINGS": str(clinic), "MESO_WEBHOOK_SECRET": SECRET.decode()}
    stack = AssistantServers(model, folder, endpoints, extra_env=env)
    try:
        stack.start()
        yield stack
    finally:
        stack.close()


def received(receiver: WebhookReceiver, expected: int, timeout: float = 30) -> List[Any]:
    """The payloads received, once `expected` have arrived (or the timeout passed)."""
    deadline = time.monotonic() + timeout
    while len(receiver.deliveries) < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)  # anything more would have arrived by now (the worker polls each second)
    return list(receiver.deliveries)


def test_the_clinic_receives_exactly_the_confirmed_requests(
    clinic_servers: AssistantServers, receiver: WebhookReceiver
) -> None:
    cancelled = play(
        clinic_servers, ["can someone call me back on 07700 900111", "Pat", "forget it"]
    )
    refused = play(clinic_servers, ["call me back on 07700 900222", "Pat", "monday", "no"])
    check = ["is it suitable for me?", "no", "I have diabetes", "go on", "no", "no", "no"]
    private = play(
        clinic_servers,
        [*check, "call me back on 07700 900333", "Kim", "thursday afternoon", "yes", "no", "yes"],
    )
    shared = play(
        clinic_servers,
        [*check, "can someone email me", "Lou", "lou@example.com", "no preference"]
        + ["yes", "yes", "send it"],
    )
    assert cancelled[-1][0] == ["utter_booking_cancelled"]
    assert refused[-1][0] == ["utter_booking_no_consent"]
    for conversation in (private, shared):
        assert conversation[-1][0][0] in ("utter_booking_sent", "utter_booking_saved")

    deliveries = received(receiver, 2)
    assert all(d.signature_valid for d in deliveries)
    by_name = {d.payload["name"]: d.payload for d in deliveries}
    assert len(deliveries) == 2 and set(by_name) == {"Kim", "Lou"}  # exactly the confirmed
    kim, lou = by_name["Kim"], by_name["Lou"]
    assert kim["phone"] == "+447700900333"
    assert kim["preferred_time"].startswith("Thursday ")
    assert not kim.get("check_summary")  # the visitor said no
    assert lou["email"] == "lou@example.com"
    assert lou["preferred_time"] is None
    assert lou["check_summary"] and "diabetes" in lou["check_summary"]
    for payload in (kim, lou):
        assert "07700 900111" not in str(payload) and "07700 900222" not in str(payload)
