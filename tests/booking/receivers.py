"""What the clinic runs, for the delivery tests: a real SMTP server and an HTTP receiver.

- `SmtpReceiver`: aiosmtpd on a loopback port, optionally with STARTTLS (a self-signed
  certificate made here with `cryptography`) and a login, keeping every message received.
- `WebhookReceiver`: http.server on a loopback port that verifies the signature the way a
  clinic's system would (`verify_signature`), answers with a chosen status, and can be
  started late (on a port reserved first) to play a receiver that was down.
- `Clock`: a clock the tests move instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, List, Optional

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from meso.booking.delivery import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify_signature


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Clock:
    """Unix time that only moves when a test says so."""

    def __init__(self, start: Optional[float] = None) -> None:
        self.now = time.time() if start is None else start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def self_signed_certificate(folder: Path) -> tuple:
    """A certificate for 127.0.0.1 and its key, as files (cert, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@dataclass
class Received:
    """One message the SMTP server accepted."""

    sender: str
    recipients: List[str]
    message: EmailMessage
    tls: bool
    login: Optional[str]


class _Handler:
    def __init__(self, receiver: SmtpReceiver) -> None:
        self.receiver = receiver

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        login = session.auth_data.login.decode() if session.auth_data else None
        self.receiver.messages.append(
            Received(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                message,
                session.ssl is not None,
                login,
            )
        )
        self.receiver.arrived.set()
        return "250 Message accepted for delivery"


class SmtpReceiver:
    """aiosmtpd on 127.0.0.1, optionally STARTTLS-only with a required login."""

    def __init__(
        self,
        folder: Path,
        starttls: bool = False,
        login: Optional[tuple] = None,
    ) -> None:
        self.port = free_port()
        self.messages: List[Received] = []
        self.arrived = threading.Event()
        self.cert_file: Optional[Path] = None
        kwargs: Dict[str, Any] = {}
        if starttls:
            self.cert_file, key_file = self_signed_certificate(folder)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(self.cert_file), str(key_file))
            kwargs.update(tls_context=context, require_starttls=True)
        if login:
            user, password = login

            def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any):
                ok = isinstance(data, LoginPassword) and (
                    data.login.decode(),
                    data.password.decode(),
                ) == (user, password)
                return AuthResult(success=ok, handled=False, auth_data=data if ok else None)

            kwargs.update(authenticator=authenticate, auth_required=True)
            kwargs["auth_require_tls"] = starttls
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port, **kwargs)

    def start(self) -> SmtpReceiver:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


@dataclass
class Delivery:
    """One POST the webhook receiver got."""

    headers: Dict[str, str]
    body: bytes
    signature_valid: bool

    @property
    def payload(self) -> Dict[str, Any]:
        return json.loads(self.body)


@dataclass
class WebhookReceiver:
    """The clinic's HTTP endpoint: verifies signatures, answers `status`."""

    secret: bytes
    clock: Any = None  # the time the receiver checks timestamps against (default: real)
    status: int = 200
    port: int = field(default_factory=free_port)
    deliveries: List[Delivery] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)
    server: Optional[ThreadingHTTPServer] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/meso"

    def start(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                valid = verify_signature(
                    receiver.secret,
                    self.headers.get(TIMESTAMP_HEADER, ""),
                    body,
                    self.headers.get(SIGNATURE_HEADER, ""),
                    now=receiver.clock() if receiver.clock else None,
                )
                receiver.deliveries.append(Delivery(dict(self.headers.items()), body, valid))
                status = receiver.status if valid else 401
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                receiver.arrived.set()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
