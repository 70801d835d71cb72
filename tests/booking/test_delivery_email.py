"""A confirmed booking request reaches the clinic by e-mail: a real SMTP server receives it.

The server is aiosmtpd, started by the tests on a loopback port; the worker's pass is
driven directly (no sleeps).
"""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Iterator

import pytest

from meso.booking.delivery import DeliveryWorker, EmailChannel
from meso.booking.store import DELIVERED, PENDING, BookingStore
from tests.booking.receivers import Clock, SmtpReceiver
from tests.booking.requests_data import (
    CHECK,
    CLINIC,
    EMAIL,
    NAME,
    PHONE,
    WHEN,
    visitor_request,
)


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[SmtpReceiver]:
    receiver = SmtpReceiver(tmp_path).start()
    yield receiver
    receiver.stop()


def text_of(mail: EmailMessage) -> str:
    """The body as text, with the line ends the sender wrote (SMTP carries CRLF)."""
    return str(mail.get_content()).replace("\r\n", "\n")


def plain_channel(smtp: SmtpReceiver) -> EmailChannel:
    """A local relay without TLS (security: none)."""
    config = {
        "host": "127.0.0.1",
        "port": smtp.port,
        "security": "none",
        "from": "Lumi <bookings@clinic.test>",
        "to": ["reception@clinic.test", "manager@clinic.test"],
    }
    return EmailChannel(config, CLINIC, password=None)


def test_the_clinic_receives_the_request_by_email(
    store: BookingStore, smtp: SmtpReceiver, clock: Clock
) -> None:
    request = visitor_request(clock=clock)
    store.add(request)

    outcomes = DeliveryWorker(store, [plain_channel(smtp)]).deliver_due()

    assert [(o.request_id, o.status) for o in outcomes] == [(request.request_id, DELIVERED)]
    assert store.status(request.request_id) == DELIVERED
    [received] = smtp.messages
    assert received.sender == "bookings@clinic.test"
    assert received.recipients == ["reception@clinic.test", "manager@clinic.test"]
    mail = received.message
    # headers: who it is from and for, what it is, which request (for de-duplication)
    assert mail["From"] == "Lumi <bookings@clinic.test>"
    assert mail["To"] == "reception@clinic.test, manager@clinic.test"
    assert mail["Subject"] == (f"Callback request from the website chat [{request.request_id[:8]}]")
    assert mail["X-Meso-Request-Id"] == request.request_id
    assert request.request_id in mail["Message-ID"]
    assert mail["Reply-To"] == EMAIL  # the team can answer the visitor directly
    assert mail["Date"]
    # no contact detail in the subject (mail logs keep subjects)
    assert NAME not in mail["Subject"] and PHONE not in mail["Subject"]
    # body: every detail the team needs, in plain text
    body = text_of(mail)
    assert f"Name:            {NAME}" in body
    assert f"Phone:           {PHONE}" in body
    assert f"E-mail:          {EMAIL}" in body
    assert f"Preferred time:  {WHEN}" in body
    assert "(GMT)" in body  # received time in the clinic's zone (Europe/London in December)
    assert "Answers from the suitability check: not shared." in body
    assert not any(item in body for item in CHECK)


def test_check_answers_are_in_the_email_only_when_the_visitor_agreed(
    store: BookingStore, smtp: SmtpReceiver, clock: Clock
) -> None:
    store.add(visitor_request(clock=clock, check_summary=CHECK))
    DeliveryWorker(store, [plain_channel(smtp)]).deliver_due()

    body = text_of(smtp.messages[0].message)
    assert "The visitor agreed to share what they told the assistant in the check:" in body
    assert "  - no pregnancy\n  - no breastfeeding\n  - diabetes\n" in body
    assert "not shared" not in body


def test_a_request_without_email_or_time_says_so(
    store: BookingStore, smtp: SmtpReceiver, clock: Clock
) -> None:
    store.add(visitor_request(clock=clock, email=None, preferred_time=None))
    DeliveryWorker(store, [plain_channel(smtp)]).deliver_due()

    mail = smtp.messages[0].message
    assert mail["Reply-To"] is None
    body = text_of(mail)
    assert "E-mail:          (not given)" in body
    assert "Preferred time:  (none given)" in body


def test_starttls_and_login_with_the_password_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Clock
) -> None:
    """The settings path: clinic.yml names the server, the password comes from the env."""
    smtp = SmtpReceiver(tmp_path, starttls=True, login=("bookings", "s3cret-pw")).start()
    try:
        clinic = tmp_path / "clinic.yml"
        clinic.write_text(
            "name: Lumen Aesthetics\n"
            "timezone: Europe/London\n"
            "booking:\n"
            "  email:\n"
            "    host: 127.0.0.1\n"
            f"    port: {smtp.port}\n"
            "    security: starttls\n"
            f"    ca_file: {smtp.cert_file}\n"
            "    username: bookings\n"
            "    from: bookings@clinic.test\n"
            "    to: reception@clinic.test\n",
            encoding="utf-8",
        )
        monkeypatch.setenv("CLINIC_SETTINGS", str(clinic))
        monkeypatch.setenv("MESO_SMTP_PASSWORD", "s3cret-pw")
        monkeypatch.setenv("MESO_BOOKING_DB_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
        worker = DeliveryWorker.from_settings(BookingStore.from_settings())
        worker.store.clock = clock
        request = visitor_request(clock=clock)
        worker.store.add(request)

        worker.deliver_due()

        assert worker.store.status(request.request_id) == DELIVERED
        [received] = smtp.messages
        assert received.tls and received.login == "bookings"
        assert received.recipients == ["reception@clinic.test"]
        assert "s3cret-pw" not in clinic.read_text(encoding="utf-8")
        worker.store.close()
    finally:
        smtp.stop()


def test_a_refused_login_keeps_the_request_pending_with_the_error_kind_only(
    tmp_path: Path, clock: Clock, store: BookingStore
) -> None:
    smtp = SmtpReceiver(tmp_path, starttls=True, login=("bookings", "right")).start()
    try:
        config = {
            "host": "127.0.0.1",
            "port": smtp.port,
            "ca_file": str(smtp.cert_file),
            "username": "bookings",
            "from": "bookings@clinic.test",
            "to": ["reception@clinic.test"],
        }
        channel = EmailChannel(config, CLINIC, password="wrong")
        request = visitor_request(clock=clock)
        store.add(request)

        [outcome] = DeliveryWorker(store, [channel]).deliver_due()

        assert outcome.status == PENDING
        stored = store.get(request.request_id)
        assert stored is not None
        assert stored.last_error == "email: SMTPAuthenticationError 535"
        assert stored.attempts == 1 and stored.next_attempt_at == clock() + 30
        assert smtp.messages == []
    finally:
        smtp.stop()


def test_without_the_password_in_the_environment_nothing_is_sent(
    store: BookingStore, smtp: SmtpReceiver, clock: Clock
) -> None:
    config = {
        "host": "127.0.0.1",
        "port": smtp.port,
        "security": "none",
        "username": "bookings",
        "from": "bookings@clinic.test",
        "to": ["reception@clinic.test"],
    }
    store.add(visitor_request(clock=clock))
    [outcome] = DeliveryWorker(store, [EmailChannel(config, CLINIC, None)]).deliver_due()
    assert outcome.error == "email: SMTP password not set ($MESO_SMTP_PASSWORD)"
    assert smtp.messages == []


def test_email_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="host, from and to"):
        EmailChannel({"host": "smtp.clinic.test", "from": "a@clinic.test"}, CLINIC, None)
    with pytest.raises(ValueError, match="starttls, ssl or none"):
        EmailChannel(
            {"host": "h", "from": "a@b.c", "to": "d@e.f", "security": "tls1"}, CLINIC, None
        )
    implicit = EmailChannel(
        {"host": "h", "from": "a@b.c", "to": "d@e.f", "security": "ssl"}, {}, None
    )
    assert implicit.port == 465
    assert EmailChannel({"host": "h", "from": "a@b.c", "to": "d@e.f"}, {}, None).port == 587
