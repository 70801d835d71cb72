"""Booking and callback requests, kept in the tracker store's database until delivered.

The conversation side (actions/booking/) saves a confirmed request and reads its status:

    store = BookingStore.from_settings()        # no connection yet
    store.add(BookingRequest(...))              # in a thread; BookingStoreError if not saved
    store.status(request_id)                    # "pending" | "delivered" | "failed" | None
    next_contact_promise(datetime.now(timezone.utc), settings.clinic_settings())

The table `booking_requests` is created when missing, in the database the tracker store
uses (SQLite `tracker.db` by default, PostgreSQL in scale-out; meso/settings.py finds it),
so requests survive restarts, "delete my data" (meso/tracker_store.py) and retention
(meso/tools/retention.py) delete them with the conversation, and no other service is needed.

A request's life: `pending` (attempts 0, due now) -> a delivery worker claims it for a
while (`claimed_by`, `claimed_until`: a crashed worker's claim runs out) -> `delivered`
(contact details then wiped from the row: the clinic has them) or, after the last retry,
`failed` (kept, listed by `meso requests`, retried with `meso requests retry`). Each
channel that accepted it is recorded, so a retry never sends it twice to the same channel.
`last_error` holds an error's kind only ("SMTPAuthenticationError 535", "HTTP 503"),
never a message that could quote an address.

Light on purpose: no Rasa import and no database connection at import.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

import sqlalchemy as sa
import sqlalchemy.orm

from meso.booking.hours import next_contact_promise as _next_contact_promise
from meso.sqlite import make_private, scrub_sqlite, tune_sqlite_connection

logger = logging.getLogger(__name__)

PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
STATUSES = (PENDING, DELIVERED, FAILED)
TABLE_NAME = "booking_requests"
CLAIM_SECONDS = 120.0  # a worker's claim on a request; longer than one delivery's timeouts


class BookingStoreError(Exception):
    """A request could not be saved or read (the database is unreachable, ...)."""


@dataclass
class BookingRequest:
    """A confirmed request, as the conversation side hands it over."""

    request_id: str  # uuid4 hex, made by the caller; add() is idempotent on it
    conversation_id: str
    name: str
    phone: Optional[str]  # E.164 when given
    email: Optional[str]
    preferred_time: Optional[str]  # the visitor's words confirmed back; None = skipped
    check_summary: Optional[List[str]] = None  # ONLY when the visitor explicitly agreed
    created_at: float = field(default_factory=time.time)  # unix time


@dataclass
class StoredRequest:
    """A request with its delivery state (what `list()` returns)."""

    request: BookingRequest
    status: str
    attempts: int = 0
    next_attempt_at: Optional[float] = None
    last_error: Optional[str] = None
    delivered_at: Optional[float] = None
    channels_done: List[str] = field(default_factory=list)
    claimed_by: Optional[str] = None

    @property
    def request_id(self) -> str:
        """The request's id."""
        return self.request.request_id


def new_request_id() -> str:
    """A new request id (uuid4 hex), for callers that have none yet."""
    return uuid.uuid4().hex


# --- the table ----------------------------------------------------------------------------


def table_schema(dialect_name: str) -> Optional[str]:
    """PostgreSQL schema Rasa's SQL store uses too ($POSTGRESQL_SCHEMA), else the default."""
    if dialect_name == "postgresql":
        return os.environ.get("POSTGRESQL_SCHEMA") or None
    return None


@lru_cache(maxsize=4)
def booking_table(schema: Optional[str] = None) -> sa.Table:
    """The `booking_requests` table (Core), in `schema`."""
    return sa.Table(
        TABLE_NAME,
        sa.MetaData(),
        sa.Column("request_id", sa.String(64), primary_key=True),
        sa.Column("conversation_id", sa.String(255), nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("phone", sa.String(32)),
        sa.Column("email", sa.String(320)),
        sa.Column("preferred_time", sa.Text),
        sa.Column("check_summary", sa.Text),  # JSON list, only with the visitor's consent
        sa.Column("created_at", sa.Float, nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False, default=0),
        sa.Column("next_attempt_at", sa.Float),
        sa.Column("claimed_by", sa.String(32)),
        sa.Column("claimed_until", sa.Float),
        sa.Column("channels_done", sa.String(100), nullable=False, default=""),
        sa.Column("last_error", sa.String(200)),
        sa.Column("delivered_at", sa.Float),
        sa.Column("updated_at", sa.Float),
        schema=schema,
    )


def table_for(bind: Any) -> sa.Table:
    """The table for a connection or engine's dialect."""
    return booking_table(table_schema(bind.dialect.name))


def _connection(connection: Any) -> Any:
    """The Connection of a Connection or an ORM Session (in its transaction)."""
    return connection.connection() if isinstance(connection, sa.orm.Session) else connection


def has_booking_table(connection: Any) -> bool:
    """Whether the database has the table yet (nothing to delete when not)."""
    conn = _connection(connection)
    return bool(sa.inspect(conn).has_table(TABLE_NAME, schema=table_schema(conn.dialect.name)))


def forget_requests(connection: Any, conversation_id: str) -> int:
    """Delete a conversation's requests with an open connection or session; how many.

    Used by the tracker store's forget-me (same database, its own session) and the store.
    """
    connection = _connection(connection)
    if not has_booking_table(connection):
        return 0
    table = table_for(connection)
    result = connection.execute(sa.delete(table).where(table.c.conversation_id == conversation_id))
    return int(result.rowcount or 0)


def delete_requests_before(connection: Any, cutoff: float, dry_run: bool = False) -> int:
    """Delete (or, dry run, count) requests created before `cutoff`; how many."""
    connection = _connection(connection)
    if not has_booking_table(connection):
        return 0
    table = table_for(connection)
    old = table.c.created_at < cutoff
    if dry_run:
        return int(connection.execute(sa.select(sa.func.count()).where(old)).scalar_one())
    return int(connection.execute(sa.delete(table).where(old)).rowcount or 0)


def _row_to_stored(row: Mapping[str, Any]) -> StoredRequest:
    summary = json.loads(row["check_summary"]) if row["check_summary"] else None
    return StoredRequest(
        request=BookingRequest(
            request_id=row["request_id"],
            conversation_id=row["conversation_id"],
            name=row["name"],
            phone=row["phone"],
            email=row["email"],
            preferred_time=row["preferred_time"],
            check_summary=summary,
            created_at=float(row["created_at"]),
        ),
        status=row["status"],
        attempts=int(row["attempts"] or 0),
        next_attempt_at=row["next_attempt_at"],
        last_error=row["last_error"],
        delivered_at=row["delivered_at"],
        channels_done=[c for c in (row["channels_done"] or "").split(",") if c],
        claimed_by=row["claimed_by"],
    )


# --- being told that a request was added (the worker in the same process wakes up) --------

_listeners: List[Callable[[], None]] = []
_listeners_lock = threading.Lock()


def on_request_added(callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback` (from any thread) after each add(); returns a function that stops it."""
    with _listeners_lock:
        _listeners.append(callback)

    def remove() -> None:
        with _listeners_lock:
            if callback in _listeners:
                _listeners.remove(callback)

    return remove


def _notify_added() -> None:
    with _listeners_lock:
        callbacks = list(_listeners)
    for callback in callbacks:
        try:
            callback()
        except Exception:  # a listener's problem never fails the visitor's request
            logger.exception("booking: a request listener failed")


# --- the store ---------------------------------------------------------------------------

_shared_stores: Dict[str, BookingStore] = {}
_shared_lock = threading.Lock()


class BookingStore:
    """Booking requests in an SQL database (the tracker store's), opened on first use."""

    def __init__(self, url: Any, clock: Callable[[], float] = time.time) -> None:
        """A store on an SQLAlchemy URL; `clock` gives unix time (tests move it)."""
        self.url = sa.engine.make_url(url) if isinstance(url, str) else url
        self.clock = clock
        self._engine: Optional[sa.engine.Engine] = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls) -> BookingStore:
        """The store in the tracker store's database (endpoints file / env); no connection yet.

        Raises BookingStoreError when the settings name no SQL database.
        """
        from meso import settings

        try:
            url = settings.booking_database_url()
        except ValueError as error:  # no SQL tracker store, a ${VAR} not set...
            raise BookingStoreError(str(error)) from None
        key = str(url)
        with _shared_lock:  # one engine (connection pool) per database and process
            if key not in _shared_stores:
                _shared_stores[key] = cls(url)
            return _shared_stores[key]

    # -- connection ---------------------------------------------------------------------
    @property
    def engine(self) -> sa.engine.Engine:
        """The engine, created with the table on first use."""
        with self._lock:
            if self._engine is None:
                self._engine = self._create_engine()
            return self._engine

    def _create_engine(self) -> sa.engine.Engine:
        url = self.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            make_private(Path(str(url.database)))
            engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
            )
            sa.event.listen(engine, "connect", tune_sqlite_connection)
        else:
            engine = sa.create_engine(url, pool_pre_ping=True)
        try:
            self._create_table(engine)
        except sa.exc.SQLAlchemyError as error:
            engine.dispose()
            raise BookingStoreError(
                f"cannot open the booking store: {type(error).__name__}"
            ) from None
        return engine

    @staticmethod
    def _create_table(engine: sa.engine.Engine) -> None:
        """Create the table when missing; another process creating it at once is fine."""
        table = booking_table(table_schema(engine.dialect.name))
        for attempt in range(3):
            try:
                table.create(engine, checkfirst=True)
                return
            except sa.exc.SQLAlchemyError:
                with engine.connect() as conn:
                    exists = has_booking_table(conn)
                if exists:
                    return
                if attempt == 2:
                    raise
                time.sleep(0.1)

    @property
    def table(self) -> sa.Table:
        """The table for this database."""
        return table_for(self.engine)

    def close(self) -> None:
        """Close the connections (a later call opens them again)."""
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    # -- the conversation side's interface -----------------------------------------------
    def add(self, request: BookingRequest) -> None:
        """Keep a confirmed request as pending, due now; idempotent on its request_id.

        Raises BookingStoreError when it cannot be saved, ValueError when it has no way to
        contact the visitor.
        """
        if not (request.phone or request.email):
            raise ValueError("a booking request needs a phone number or an e-mail address")
        now = self.clock()
        summary = list(request.check_summary) if request.check_summary else None
        row = {
            "request_id": request.request_id,
            "conversation_id": request.conversation_id,
            "name": request.name,
            "phone": request.phone or None,
            "email": request.email or None,
            "preferred_time": request.preferred_time or None,
            "check_summary": json.dumps(summary, ensure_ascii=False) if summary else None,
            "created_at": float(request.created_at),
            "status": PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "channels_done": "",
            "updated_at": now,
        }
        try:
            table = self.table
            with self.engine.begin() as conn:
                exists = conn.execute(
                    sa.select(table.c.request_id).where(table.c.request_id == request.request_id)
                ).first()
                if exists is None:
                    conn.execute(table.insert(), row)
        except sa.exc.IntegrityError:
            if self.status(request.request_id) is None:  # not a duplicate: a real problem
                raise BookingStoreError("could not save the booking request") from None
        except sa.exc.SQLAlchemyError as error:
            logger.error("booking: could not save a request (%s)", type(error).__name__)
            raise BookingStoreError("could not save the booking request") from None
        logger.info("booking: request %s saved, pending delivery", request.request_id[:8])
        _notify_added()

    def status(self, request_id: str) -> Optional[str]:
        """The request's status: pending, delivered, failed (gave up after retries) or None."""
        table = self.table
        try:
            with self.engine.connect() as conn:
                value = conn.execute(
                    sa.select(table.c.status).where(table.c.request_id == request_id)
                ).scalar()
        except sa.exc.SQLAlchemyError as error:
            raise BookingStoreError(f"cannot read the request: {type(error).__name__}") from None
        return str(value) if value is not None else None

    def wait_until_sent(self, request_id: str, timeout: float = 2.0) -> Optional[str]:
        """status(), after waiting up to `timeout` seconds for the request to leave pending.

        Blocking (call it in a thread): lets the conversation side say "sent to the team"
        when the worker of this process delivered it at once (tens of milliseconds), and
        "saved, it will be sent as soon as possible" when it is still pending.
        """
        deadline = time.monotonic() + timeout
        status = self.status(request_id)
        while status == PENDING and time.monotonic() < deadline:
            time.sleep(0.05)
            status = self.status(request_id)
        return status

    def get(self, request_id: str) -> Optional[StoredRequest]:
        """One request with its state, if kept."""
        table = self.table
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(table).where(table.c.request_id == request_id))
                .mappings()
                .first()
            )
        return _row_to_stored(row) if row is not None else None

    def forget(self, conversation_id: str) -> int:
        """Delete a conversation's requests ("delete my data"); how many."""
        with self.engine.begin() as conn:
            count = forget_requests(conn, conversation_id)
        self._scrub()
        return count

    def delete_older_than(self, days: int) -> int:
        """Delete requests created more than `days` days ago (retention); how many."""
        cutoff = self.clock() - days * 86400
        with self.engine.begin() as conn:
            count = delete_requests_before(conn, cutoff)
        if count:
            self._scrub()
        return count

    def list(self, statuses: Optional[Sequence[str]] = None) -> List[StoredRequest]:
        """Requests (all, or with these statuses), oldest first (for `meso requests`)."""
        table = self.table
        query = sa.select(table).order_by(table.c.created_at, table.c.request_id)
        if statuses:
            query = query.where(table.c.status.in_(list(statuses)))
        with self.engine.connect() as conn:
            return [_row_to_stored(row) for row in conn.execute(query).mappings()]

    # -- the delivery worker's side ------------------------------------------------------
    def claim_due(
        self, limit: int = 20, claim_seconds: float = CLAIM_SECONDS
    ) -> List[StoredRequest]:
        """Claim up to `limit` pending requests that are due, for this caller only.

        One UPDATE marks them with a fresh token and a claim that runs out; PostgreSQL picks
        them with SELECT ... FOR UPDATE SKIP LOCKED (concurrent workers take different rows,
        none waits), SQLite runs the UPDATE in one write transaction (writers queue), and
        the UPDATE checks again that each row is still due and unclaimed.
        """
        now = self.clock()
        token = uuid.uuid4().hex
        table = self.table
        due = sa.and_(
            table.c.status == PENDING,
            table.c.next_attempt_at <= now,
            sa.or_(table.c.claimed_until.is_(None), table.c.claimed_until < now),
        )
        with self.engine.begin() as conn:
            pick = sa.select(table.c.request_id).where(due).order_by(table.c.next_attempt_at)
            pick = pick.limit(limit)
            if conn.dialect.name == "postgresql":
                pick = pick.with_for_update(skip_locked=True)
            ids = list(conn.execute(pick).scalars())
            if not ids:
                return []
            conn.execute(
                sa.update(table)
                .where(table.c.request_id.in_(ids), due)
                .values(claimed_by=token, claimed_until=now + claim_seconds, updated_at=now)
            )
            rows = conn.execute(
                sa.select(table).where(table.c.claimed_by == token).order_by(table.c.created_at)
            ).mappings()
            return [_row_to_stored(row) for row in rows]

    def record_attempt(
        self,
        claimed: StoredRequest,
        channels_done: Sequence[str],
        error: Optional[str],
        retry_at: Optional[float],
    ) -> Optional[str]:
        """Store an attempt's outcome for a claimed request; its new status (None: gone).

        No error: delivered, and the contact details are wiped from the row. An error with
        `retry_at`: still pending, due then. An error without: failed.
        """
        now = self.clock()
        table = self.table
        values: Dict[str, Any] = {
            "attempts": claimed.attempts + 1,
            "channels_done": ",".join(channels_done),
            "claimed_by": None,
            "claimed_until": None,
            "updated_at": now,
        }
        if error is None:
            status = DELIVERED
            values.update(
                status=DELIVERED, delivered_at=now, last_error=None, next_attempt_at=None,
                name="", phone=None, email=None, preferred_time=None, check_summary=None,
            )  # fmt: skip
        else:
            status = PENDING if retry_at is not None else FAILED
            values.update(status=status, last_error=error[:200], next_attempt_at=retry_at)
        with self.engine.begin() as conn:
            result = conn.execute(
                sa.update(table)
                .where(table.c.request_id == claimed.request_id)
                .where(table.c.claimed_by == claimed.claimed_by)
                .values(**values)
            )
        if status == DELIVERED:
            self._scrub()
        return status if result.rowcount else None

    def retry(self, request_ids: Optional[Sequence[str]] = None) -> int:
        """Make failed requests (all, or these ids / id prefixes) pending and due now."""
        now = self.clock()
        table = self.table
        query = sa.update(table).where(table.c.status == FAILED)
        if request_ids:
            query = query.where(
                sa.or_(*[table.c.request_id.startswith(p, autoescape=True) for p in request_ids])
            )
        with self.engine.begin() as conn:
            result = conn.execute(
                query.values(
                    status=PENDING,
                    attempts=0,
                    next_attempt_at=now,
                    claimed_by=None,
                    claimed_until=None,
                    updated_at=now,
                )  # fmt: skip
            )
        count = int(result.rowcount or 0)
        if count:
            _notify_added()
        return count

    def next_due_at(self) -> Optional[float]:
        """When the earliest pending request can be taken (None: nothing pending).

        That is its next attempt, or when a worker's claim on it runs out if that is later.
        """
        table = self.table
        claimed_later = table.c.claimed_until > table.c.next_attempt_at
        takeable_at = sa.case((claimed_later, table.c.claimed_until), else_=table.c.next_attempt_at)
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(sa.func.min(takeable_at)).where(table.c.status == PENDING)
            ).scalar()
        return float(value) if value is not None else None

    def _scrub(self) -> None:
        with self.engine.connect() as conn:
            scrub_sqlite(conn)


def delivery_configured(settings: Mapping[str, Any]) -> bool:
    """Whether the clinic settings name a channel (`booking: email:` and/or `webhook:`).

    Without one, requests are kept, pending, until a channel is set (`meso requests`).
    """
    section = settings.get("booking")
    if not isinstance(section, Mapping):
        return False
    return bool(section.get("email") or section.get("webhook"))


def next_contact_promise(now: datetime, settings: Mapping[str, Any]) -> str:
    """When the team will be in touch, e.g. "on Monday morning" (meso/booking/hours.py).

    From `opening_hours_by_day`, `timezone` and `closed_dates` of the clinic settings:
    "today" while open, "this afternoon", "tomorrow morning", "on Monday morning" (on a
    Saturday), "within opening hours" when the clinic.yml has no structured hours.
    """
    return _next_contact_promise(now, settings)
