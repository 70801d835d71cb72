"""Delivering booking requests to the clinic: e-mail, a signed webhook, retries, the worker.

The channels are named in the clinic settings (`booking:` in clinic.yml, documented there
and in docs/operations.md):

    booking:
      email:                                # e-mail over SMTP (smtplib, in a thread)
        host: smtp.example-clinic.test
        port: 587
        security: starttls                  # starttls (default) | ssl | none (local relay)
        username: bookings@example-clinic.test   # optional; password: $MESO_SMTP_PASSWORD
        from: "Lumi <bookings@example-clinic.test>"
        to: ["reception@example-clinic.test"]
      webhook:                              # JSON POST, signed (HMAC-SHA256)
        url: https://crm.example-clinic.test/hooks/meso   # key: $MESO_WEBHOOK_SECRET
      retry: {max_attempts: 10, first_delay_seconds: 30, max_delay_seconds: 3600}

A request goes to every configured channel; each one that accepted it is recorded, so a
retry only tries the others. While a channel fails the request stays pending and is tried
again after 30 s, 1, 2, 4, 8, 16, 32 minutes, then every hour (exponential back-off, capped),
10 attempts in all (about 3 h 10 min), then it is marked failed and `meso requests` lists
it. An attempt's error is kept as its kind only (never a server's message, which can quote
an address).

The webhook's body is JSON; `X-Meso-Timestamp` is the unix time it was signed and
`X-Meso-Signature: sha256=<hex>` is HMAC-SHA256 under the secret of
`<timestamp>.<body>` (`verify_signature` shows the receiving side).

`DeliveryWorker.deliver_due()` makes one pass (claims the due requests, sends, records);
`DeliveryWorker.run()` repeats it in the background of the action server
(meso/server/action_server.py), woken at once when a request is added in the same process,
otherwise every `poll_seconds` (15) or when the next retry is due. `meso requests deliver`
runs one pass from the command line.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import smtplib
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any, Callable, Dict, List, Mapping, Optional, Protocol, Sequence, Tuple

from meso.booking.hours import clinic_timezone
from meso.booking.store import (
    CLAIM_SECONDS,
    DELIVERED,
    BookingStore,
    StoredRequest,
    on_request_added,
)

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Meso-Signature"
TIMESTAMP_HEADER = "X-Meso-Timestamp"
REQUEST_ID_HEADER = "X-Meso-Request-Id"
SIGNATURE_TOLERANCE_SECONDS = 300
DEFAULT_POLL_SECONDS = 15.0
MIN_PAUSE_SECONDS = 0.5  # between passes, whatever is due


class DeliveryError(Exception):
    """A channel could not deliver; the message is an error kind, safe to store and log."""


class Channel(Protocol):
    """Something that hands a request to the clinic (raises DeliveryError when it can't)."""

    name: str

    def send(self, stored: StoredRequest) -> None:
        """Deliver one request."""


def error_kind(error: BaseException) -> str:
    """An error as its kind and code only: no message text (it can quote addresses)."""
    if isinstance(error, DeliveryError):
        return str(error)[:200]
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} {error.smtp_code}"
    return type(error).__name__


# --- retries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential back-off: first_delay, doubling, capped at max_delay; max_attempts in all."""

    max_attempts: int = 10
    first_delay: float = 30.0
    max_delay: float = 3600.0
    factor: float = 2.0

    @classmethod
    def from_settings(cls, section: Mapping[str, Any]) -> RetryPolicy:
        """From `booking: retry:` of the clinic settings."""
        retry = section.get("retry") or {}
        policy = cls(
            max_attempts=int(retry.get("max_attempts", cls.max_attempts)),
            first_delay=float(retry.get("first_delay_seconds", cls.first_delay)),
            max_delay=float(retry.get("max_delay_seconds", cls.max_delay)),
        )
        if policy.max_attempts < 1 or policy.first_delay <= 0 or policy.max_delay <= 0:
            raise ValueError("booking retry: max_attempts >= 1 and positive delays")
        return policy

    def delay(self, attempts_made: int) -> float:
        """The wait after the `attempts_made`-th failed attempt (1 -> first_delay)."""
        return float(
            min(self.first_delay * self.factor ** max(attempts_made - 1, 0), self.max_delay)
        )

    def retry_at(self, attempts_made: int, now: float) -> Optional[float]:
        """When to try again after that many failed attempts; None = give up."""
        if attempts_made >= self.max_attempts:
            return None
        return now + self.delay(attempts_made)

    def schedule(self) -> List[float]:
        """Every wait between attempts, in order (for docs and `meso requests`)."""
        return [self.delay(n) for n in range(1, self.max_attempts)]


# --- what the clinic receives ---------------------------------------------------------------


def request_payload(stored: StoredRequest) -> Dict[str, Any]:
    """The request as the clinic receives it (webhook JSON; the e-mail shows the same).

    `check_summary` is present only when the visitor agreed to share the check's answers.
    """
    request = stored.request
    payload: Dict[str, Any] = {
        "event": "booking_request",
        "request_id": request.request_id,
        "created_at": datetime.fromtimestamp(request.created_at, timezone.utc).isoformat(),
        "name": request.name,
        "phone": request.phone,
        "email": request.email,
        "preferred_time": request.preferred_time,
    }
    if request.check_summary:
        payload["check_summary"] = list(request.check_summary)
    return payload


def email_text(stored: StoredRequest, clinic: Mapping[str, Any]) -> str:
    """The e-mail's body: who, how to reach them, when, and the check only with consent."""
    request = stored.request
    try:
        zone = clinic_timezone(clinic)
    except ValueError:
        zone = timezone.utc
    received = datetime.fromtimestamp(request.created_at, zone)
    lines = [
        "A visitor asked the team to contact them about a consultation, through the",
        "assistant on the website.",
        "",
        f"Name:            {request.name}",
        f"Phone:           {request.phone or '(not given)'}",
        f"E-mail:          {request.email or '(not given)'}",
        f"Preferred time:  {request.preferred_time or '(none given)'}",
        f"Received:        {received:%A %d %B %Y, %H:%M} ({received.tzname()})",
        f"Request id:      {request.request_id}",
        "",
    ]
    if request.check_summary:
        lines.append("The visitor agreed to share what they told the assistant in the check:")
        lines += [f"  - {item}" for item in request.check_summary]
    else:
        lines.append("Answers from the suitability check: not shared.")
    lines += [
        "",
        "This request is also kept by the assistant until it is delivered; the visitor's",
        "details are then deleted from the assistant's database.",
    ]
    return "\n".join(lines) + "\n"


# --- channels -------------------------------------------------------------------------------


class EmailChannel:
    """E-mail over SMTP (smtplib): STARTTLS, SSL or plain (a local relay only)."""

    name = "email"

    def __init__(
        self, config: Mapping[str, Any], clinic: Mapping[str, Any], password: Optional[str]
    ) -> None:
        """From `booking: email:`; the password comes from the environment, never the file."""
        self.host = str(config.get("host") or "")
        self.security = str(config.get("security") or "starttls").lower()
        if self.security not in ("starttls", "ssl", "none"):
            raise ValueError("booking email: security must be starttls, ssl or none")
        default_port = {"starttls": 587, "ssl": 465, "none": 25}[self.security]
        self.port = int(config.get("port") or default_port)
        self.username = str(config.get("username") or "") or None
        self.password = password
        self.sender = str(config.get("from") or "")
        recipients = config.get("to") or []
        self.recipients = [recipients] if isinstance(recipients, str) else list(recipients)
        self.timeout = float(config.get("timeout_seconds") or 20)
        self.ca_file = config.get("ca_file") or None  # a private CA (tests, internal relays)
        self.clinic = clinic
        if not (self.host and self.sender and self.recipients):
            raise ValueError("booking email: host, from and to are required")

    def message(self, stored: StoredRequest) -> EmailMessage:
        """The e-mail for a request (headers carry no contact details but Reply-To)."""
        request = stored.request
        message = EmailMessage()
        message["Subject"] = f"Callback request from the website chat [{request.request_id[:8]}]"
        message["From"] = self.sender
        message["To"] = ", ".join(self.recipients)
        message["Date"] = formatdate(request.created_at, localtime=False)
        message["Message-ID"] = make_msgid(idstring=request.request_id, domain="meso.booking")
        message[REQUEST_ID_HEADER] = request.request_id
        if request.email:
            message["Reply-To"] = request.email
        message.set_content(email_text(stored, self.clinic))
        return message

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_file)

    def send(self, stored: StoredRequest) -> None:
        """Send the e-mail; DeliveryError or the library's error when it is not accepted."""
        if self.username and not self.password:
            raise DeliveryError("SMTP password not set ($MESO_SMTP_PASSWORD)")
        message = self.message(stored)
        smtp: smtplib.SMTP
        if self.security == "ssl":
            smtp = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=self._context()
            )
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            smtp.ehlo()
            if self.security == "starttls":
                smtp.starttls(context=self._context())
                smtp.ehlo()
            if self.username and self.password:
                smtp.login(self.username, self.password)
            smtp.send_message(message)
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


def signature(secret: bytes, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>`: HMAC-SHA256 under `secret` of `<timestamp>.<body>`."""
    digest = hmac.new(secret, timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify_signature(
    secret: bytes,
    timestamp: str,
    body: bytes,
    header: str,
    now: Optional[float] = None,
    tolerance: float = SIGNATURE_TOLERANCE_SECONDS,
) -> bool:
    """What the clinic's receiver does: the signature matches and the timestamp is recent."""
    try:
        age = abs((time.time() if now is None else now) - int(timestamp))
    except ValueError:
        return False
    if age > tolerance:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), header)


class WebhookChannel:
    """A JSON POST to the clinic's system, signed with HMAC-SHA256; 2xx = delivered."""

    name = "webhook"

    def __init__(
        self,
        config: Mapping[str, Any],
        secret: Optional[bytes],
        clock: Callable[[], float] = time.time,
    ) -> None:
        """From `booking: webhook:`; the key comes from the environment, never the file."""
        self.url = str(config.get("url") or "")
        if not self.url.startswith(("https://", "http://")):
            raise ValueError("booking webhook: url must be http(s)://...")
        self.secret = secret
        self.timeout = float(config.get("timeout_seconds") or 10)
        self.clock = clock

    def request(self, stored: StoredRequest) -> Tuple[bytes, Dict[str, str]]:
        """The body and headers of the POST for a request."""
        if not self.secret:
            raise DeliveryError("webhook secret not set ($MESO_WEBHOOK_SECRET)")
        body = json.dumps(request_payload(stored), ensure_ascii=False).encode("utf-8")
        timestamp = str(int(self.clock()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "meso-booking/1",
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: signature(self.secret, timestamp, body),
            REQUEST_ID_HEADER: stored.request_id,
        }
        return body, headers

    def send(self, stored: StoredRequest) -> None:
        """POST the request; DeliveryError("HTTP <status>") unless the answer is 2xx."""
        import requests

        body, headers = self.request(stored)
        try:
            answer = requests.post(
                self.url, data=body, headers=headers, timeout=self.timeout, allow_redirects=False
            )
        except requests.Timeout:
            raise DeliveryError("Timeout") from None
        except requests.RequestException as error:
            raise DeliveryError(type(error).__name__) from None
        if not 200 <= answer.status_code < 300:
            raise DeliveryError(f"HTTP {answer.status_code}")


def channels_from_settings(
    section: Mapping[str, Any],
    clinic: Mapping[str, Any],
    smtp_password: Optional[str],
    webhook_secret: Optional[bytes],
    clock: Callable[[], float] = time.time,
) -> List[Channel]:
    """The channels `booking:` configures (e-mail first), each checked."""
    channels: List[Channel] = []
    if section.get("email"):
        channels.append(EmailChannel(section["email"], clinic, smtp_password))
    if section.get("webhook"):
        channels.append(WebhookChannel(section["webhook"], webhook_secret, clock))
    return channels


# --- the worker -----------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one attempt did for one request."""

    request_id: str
    status: Optional[str]  # the new status; None if it was deleted meanwhile
    error: Optional[str] = None


class DeliveryWorker:
    """Claims due requests and sends them to every channel, with retries (see module)."""

    def __init__(
        self,
        store: BookingStore,
        channels: Sequence[Channel],
        policy: RetryPolicy = RetryPolicy(),
        poll_seconds: float = DEFAULT_POLL_SECONDS,
        batch: int = 5,
    ) -> None:
        """A worker for a store (whose clock it uses) and its channels."""
        self.store = store
        self.channels = list(channels)
        self.policy = policy
        self.poll_seconds = poll_seconds
        self.batch = batch

    @classmethod
    def from_settings(cls, store: Optional[BookingStore] = None) -> DeliveryWorker:
        """The worker the clinic settings and environment describe (ValueError if wrong)."""
        from meso import settings

        section = settings.booking_settings()
        store = store or BookingStore.from_settings()
        channels = channels_from_settings(
            section,
            settings.clinic_settings(),
            settings.smtp_password(),
            settings.webhook_secret(),
            store.clock,
        )
        poll = float(section.get("poll_seconds") or DEFAULT_POLL_SECONDS)
        return cls(store, channels, RetryPolicy.from_settings(section), poll)

    def claim_seconds(self) -> float:
        """How long a claim must last: a batch sent with every channel at its timeout."""
        per_request = sum(float(getattr(c, "timeout", 30.0)) for c in self.channels)
        return max(CLAIM_SECONDS, 60.0 + self.batch * per_request)

    def deliver_one(self, stored: StoredRequest) -> Outcome:
        """Try every channel not done yet for a claimed request; record the attempt."""
        done = list(stored.channels_done)
        errors: List[str] = []
        for channel in self.channels:
            if channel.name in done:
                continue
            try:
                channel.send(stored)
            except Exception as problem:  # any failure is a failed attempt, retried
                errors.append(f"{channel.name}: {error_kind(problem)}")
            else:
                done.append(channel.name)
        short = stored.request_id[:8]
        if not errors:
            status = self.store.record_attempt(stored, done, None, None)
            logger.info("booking: request %s delivered (%s)", short, ", ".join(done))
            return Outcome(stored.request_id, status)
        error = "; ".join(errors)
        retry_at = self.policy.retry_at(stored.attempts + 1, self.store.clock())
        status = self.store.record_attempt(stored, done, error, retry_at)
        if retry_at is None:
            logger.error(
                "booking: request %s not delivered after %d attempts (%s); "
                "`meso requests` lists it",
                short, stored.attempts + 1, error,
            )  # fmt: skip
        else:
            logger.warning(
                "booking: request %s not delivered yet (%s); attempt %d, next in %.0f s",
                short, error, stored.attempts + 1, retry_at - self.store.clock(),
            )  # fmt: skip
        return Outcome(stored.request_id, status, error)

    def deliver_due(self) -> List[Outcome]:
        """One pass: claim every due request (in batches) and try to deliver each."""
        outcomes: List[Outcome] = []
        if not self.channels:  # nowhere to send: requests wait, pending (`meso requests`)
            return outcomes
        while True:
            claimed = self.store.claim_due(self.batch, self.claim_seconds())
            if not claimed:
                return outcomes
            outcomes += [self.deliver_one(stored) for stored in claimed]

    def next_wait(self) -> float:
        """Seconds until the next pass: the next retry if sooner than the poll interval.

        Never less than MIN_PAUSE_SECONDS, and the poll interval without a channel: a
        request that is due but cannot be taken (no channel, or another worker's claim)
        must not make the worker spin.
        """
        if not self.channels:
            return self.poll_seconds
        due = self.store.next_due_at()
        if due is None:
            return self.poll_seconds
        return max(MIN_PAUSE_SECONDS, min(self.poll_seconds, due - self.store.clock()))

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver in the background until `stop` is set (database work in a thread).

        Woken at once by a request added in this process; a pass that fails (database
        down) is logged and retried at the next poll.
        """
        loop = asyncio.get_running_loop()
        wake = asyncio.Event()

        def woken() -> None:
            loop.call_soon_threadsafe(wake.set)

        stop_listening = on_request_added(woken)
        if self.channels:
            logger.info(
                "booking: delivery worker started (%s; retries after %s s)",
                ", ".join(c.name for c in self.channels),
                ", ".join(f"{d:.0f}" for d in self.policy.schedule()),
            )
        else:
            logger.warning(
                "booking: no delivery channel in the clinic settings (booking: email/webhook); "
                "requests are kept, pending, and listed by `meso requests`"
            )
        try:
            while not stop.is_set():
                wake.clear()
                wait = self.poll_seconds
                try:
                    await asyncio.to_thread(self.deliver_due)
                    wait = await asyncio.to_thread(self.next_wait)
                except Exception as error:  # keep running: the database may come back
                    logger.error("booking: delivery pass failed (%s)", error_kind(error))
                await _first_of(stop, wake, timeout=wait)
        finally:
            stop_listening()
            logger.info("booking: delivery worker stopped")


async def _first_of(stop: asyncio.Event, wake: asyncio.Event, timeout: float) -> None:
    """Wait until either event is set or the timeout runs out."""
    waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(wake.wait())]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


def delivered(outcomes: Sequence[Outcome]) -> int:
    """How many outcomes are deliveries."""
    return sum(1 for outcome in outcomes if outcome.status == DELIVERED)
