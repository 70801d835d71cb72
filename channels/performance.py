"""Measured fixes to the Rasa server's per-message overhead (no behaviour change).

Profiled on the reference 2-core VM (`make benchmark`, cProfile of Agent.handle_message):

1. Every custom action call validated the action server's response with
   `jsonschema.validate()`, which first re-validates Rasa's (large, constant) events
   schema against the JSON-Schema meta-schema: tens of ms per call. install() compiles
   the schema once (a check turn went from about 200 to 70 ms), and checks each returned
   event against its own type's schema instead of all of them in turn
   (ActionResponseValidator: same verdicts and errors; 1.7 ms per call down to ~0.2).

2. Rasa's SQLTrackerStore on SQLite spent 20-25 ms per turn in fsyncs: the rollback
   journal with synchronous=FULL syncs several times per commit, and SQLAlchemy 1.4 opens
   a new connection per session on a SQLite file (NullPool), so even in WAL mode the
   last connection's close checkpointed and synced the file every turn. install() sets
   journal_mode=WAL and synchronous=NORMAL on every SQLite connection (SQLite's
   recommended setting for WAL: a committed turn survives a crash of the server process;
   only an operating-system crash or power cut can lose the last few turns, and it never
   corrupts the file) and gives SQLite file engines created by rasa.core.tracker_store a
   QueuePool, so connections stay open (check_same_thread=False: the pool hands each
   connection to one user at a time). About 2 ms per turn instead of 20-25 ms; other
   processes (scripts/retention.py) can still read and write the file. The database gets
   two companion files, tracker.db-wal and tracker.db-shm. PostgreSQL is not touched.

3. Every event read back from the tracker store (each turn re-reads the whole
   conversation) and every event returned by the action server is deserialised through
   `Event.resolve_by_type`, which walks the whole Event class tree (about 30 classes) to
   find the class of one type name: about a third of the time of loading a tracker.
   install() looks the class up in a dictionary built from the same walk, rebuilt when a
   name is missing (a subclass defined later): same classes, same errors.

4. Python's full garbage collections walk every object in the process: with the model,
   TensorFlow (imported by Rasa) and SQLAlchemy that is over half a million objects, and
   each full collection stopped the server for 300-360 ms, four times during one
   `make benchmark` run (replies waiting behind it). Almost all of those objects live as
   long as the model. install() wraps `rasa.core.agent.load_agent` (the server's start and
   PUT /model): once a model is loaded and the previous one released, it collects once,
   then moves every surviving object out of the collector's sight (`gc.freeze()`), so
   later collections look only at what the conversations allocate. A new model
   unfreezes, collects the old one and freezes again.

5. Rasa's SQLTrackerStore reads and writes a conversation through SQLAlchemy ORM queries,
   rebuilt and compiled each turn, that load every event row as an ORM object: reading a
   finished conversation (about 130 events) took 1.6 ms for the query alone, counting the
   stored events before each save 0.8 ms, and each saved event went through the ORM's
   unit of work. install() runs the same SQL as SQLAlchemy Core statements built once per
   table (the same filters: the sender's events since the latest session start, or all of
   them, ordered by id; the same columns and values inserted one row at a time in the
   tracker's order): 0.3 ms to read, 0.1 ms to count. Same rows, same order, same
   trackers; PostgreSQL and SQLite alike (tests/test_server_hooks.py compares both ways).

6. Every call to the action server (one or two per turn of the contraindication check)
   went through a new aiohttp session, so a new TCP connection: about 0.9 ms of a 3 ms
   call on loopback. install() gives each endpoint one session per event loop, with
   Rasa's own settings (headers, basic auth, timeout), that keeps idle connections for
   KEEPALIVE_SECONDS, less than the action server's own keep-alive (Sanic: 5 s), so the
   client drops an idle connection before the server can close it under a request.
   A connection the action server closed (a restart) is not reused; when it is down,
   connecting fails exactly as before. close_kept_sessions() closes them at shutdown.

install() is called when channels.rest.SafeRestInput starts and is idempotent.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import logging
import sqlite3
from typing import Any, Awaitable, Callable, Dict, Iterator, List, Optional, Tuple, Type

import aiohttp
import rasa.core.agent
import rasa.core.tracker_store as tracker_store
import sqlalchemy as sa
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig
from sqlalchemy import event
from sqlalchemy.engine import Engine

_MARKER = "_meso_performance"
logger = logging.getLogger(__name__)


# --- 1. action server responses: validate with a compiled validator --------------------
class ActionResponseValidator:
    """Rasa's action response schema, checked event by event against the event's own type.

    Rasa's event schema is a base schema plus `oneOf` some twenty per-type schemas, each
    fixing `event` to its own constant: at most one can match, so "valid" means "valid
    against the base and the schema of its own type". Checking that one instead of trying
    every type gives the same verdicts about ten times faster; anything invalid is checked
    again by the complete schema, so the error (and its message) is Rasa's own.
    """

    def __init__(self, schema: Dict[str, Any]) -> None:
        """Compile the complete schema, the response's frame and each event type's schema."""
        self.complete = validator_for(schema)(schema)
        events = schema["properties"]["events"]
        event_schema = events["items"]
        base = {key: value for key, value in event_schema.items() if key != "oneOf"}
        frame = {**schema, "properties": {**schema["properties"], "events": {"type": "array"}}}
        self.frame = validator_for(frame)(frame)
        self.by_type = {
            one["properties"]["event"]["const"]: validator_for(base)({"allOf": [base, one]})
            for one in event_schema["oneOf"]
        }

    def is_valid_fast(self, result: Any) -> bool:
        """The verdict, from the response's frame and each event's own type."""
        if not self.frame.is_valid(result):
            return False
        for item in result.get("events") or []:
            kind = item.get("event") if isinstance(item, dict) else None
            checker = self.by_type.get(kind) if isinstance(kind, str) else None
            if checker is None or not checker.is_valid(item):
                return False
        return True

    def validate(self, result: Any) -> None:
        """Raise Rasa's ValidationError for an invalid response."""
        if not self.is_valid_fast(result):
            self.complete.validate(result)


def install_action_response_validator() -> None:
    """Validate action server responses against the schema without re-checking the schema."""
    if getattr(RemoteAction._validate_action_result, _MARKER, False):
        return
    validator = ActionResponseValidator(RemoteAction.action_response_format_spec())

    def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
        """RemoteAction._validate_action_result with the validator built once."""
        try:
            validator.validate(result)
        except ValidationError as e:
            e.message += (
                ". Failed to validate Action server response from API, "
                "make sure your response from the Action endpoint is valid. "
                "For more information about the format visit "
                f"{DOCS_BASE_URL}/custom-actions"
            )
            raise e
        return True

    setattr(_validate_action_result, _MARKER, True)
    RemoteAction._validate_action_result = _validate_action_result


# --- 2. SQLite tracker store: WAL and a persistent connection pool ----------------------
def _tune_sqlite(dbapi_connection: Any, connection_record: Any) -> None:
    """Set WAL and synchronous=NORMAL on a new SQLite connection."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def is_sqlite_file(url: Any) -> bool:
    """Whether an SQLAlchemy URL points to an SQLite database file."""
    parsed = sa.engine.make_url(url)
    return parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")


def install_sqlite_tuning() -> None:
    """Register the WAL listener and pool SQLite tracker store connections."""
    if not event.contains(Engine, "connect", _tune_sqlite):
        event.listen(Engine, "connect", _tune_sqlite)
    original = tracker_store.create_engine_kwargs
    if getattr(original, _MARKER, False):
        return

    def create_engine_kwargs(url: Any) -> Dict[str, Any]:
        """Rasa's engine arguments, plus a persistent pool for SQLite files."""
        kwargs = original(url)
        if is_sqlite_file(url):
            kwargs.setdefault("poolclass", sa.pool.QueuePool)
            kwargs.setdefault("connect_args", {})["check_same_thread"] = False
        return kwargs

    setattr(create_engine_kwargs, _MARKER, True)
    tracker_store.create_engine_kwargs = create_engine_kwargs


# --- 3. event deserialisation: type name -> Event class from a dictionary ---------------
def event_classes() -> Dict[str, Type[Event]]:
    """Every concrete Event class by type name (the first in Rasa's search order wins)."""
    classes: Dict[str, Type[Event]] = {}
    for cls in all_subclasses(Event):
        classes.setdefault(cls.type_name, cls)
    return classes


def install_event_class_lookup() -> None:
    """Replace Event.resolve_by_type's class-tree walk with a dictionary lookup."""
    original = Event.__dict__["resolve_by_type"].__func__
    if getattr(original, _MARKER, False):
        return
    known = event_classes()

    def resolve_by_type(
        type_name: str, default: Optional[Type[Event]] = None
    ) -> Optional[Type[Event]]:
        """Event.resolve_by_type, looked up in a dictionary."""
        nonlocal known
        cls = known.get(type_name)
        if cls is None:
            known = event_classes()
            cls = known.get(type_name)
        if cls is not None:
            return cls
        return original(type_name, default)  # Rasa's own answer: None, default or error

    setattr(resolve_by_type, _MARKER, True)
    Event.resolve_by_type = staticmethod(resolve_by_type)


# --- 4. garbage collector: the loaded model is frozen out of full collections --------------
def freeze_long_lived_objects() -> int:
    """Collect everything collectable, then exclude what survives from later collections."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def freezing_after(original: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """An agent loader that freezes the long-lived objects once the caller swapped it in."""

    async def load_agent(*args: Any, **kwargs: Any) -> Any:
        """rasa.core.agent.load_agent, then a collection and gc.freeze() once it is in use."""
        agent = await original(*args, **kwargs)

        def freeze() -> None:
            """Runs after the caller has swapped the new agent in."""
            logger.info("gc.freeze: %d objects of the loaded model", freeze_long_lived_objects())

        asyncio.get_running_loop().call_soon(freeze)
        return agent

    setattr(load_agent, _MARKER, True)
    return load_agent


def install_gc_freeze() -> None:
    """After each model load (and the release of the previous model), freeze what lives."""
    if not getattr(rasa.core.agent.load_agent, _MARKER, False):
        rasa.core.agent.load_agent = freezing_after(rasa.core.agent.load_agent)


# --- 5. SQL tracker store: Core statements built once instead of ORM queries -------------
class EventQueries:
    """SQLTrackerStore's event queries on one events table, as SQLAlchemy Core statements.

    The filters are Rasa's (SQLTrackerStore._event_query): a sender's events whose timestamp
    is at or after the latest `session_started` event's (all of them when there is none),
    ordered by id.
    """

    def __init__(self, table: sa.Table) -> None:
        """Build the statements for `table` (bound parameter: sender_id)."""
        sender = sa.bindparam("sender_id")
        session_start = (
            sa.select(sa.func.max(table.c.timestamp))
            .where(table.c.sender_id == sender, table.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        latest = sa.and_(
            table.c.sender_id == sender,
            sa.or_(table.c.timestamp >= session_start, session_start.is_(None)),
        )
        self.all_sessions = sa.select(table.c.data).where(table.c.sender_id == sender)
        self.all_sessions = self.all_sessions.order_by(table.c.id)
        self.latest_session = sa.select(table.c.data).where(latest).order_by(table.c.id)
        self.count_latest_session = sa.select(sa.func.count()).select_from(table).where(latest)
        self.insert = table.insert()


def event_queries(store: SQLTrackerStore) -> EventQueries:
    """The store's statements, built on first use."""
    queries = store.__dict__.get("_meso_event_queries")
    if queries is None:
        queries = EventQueries(store.SQLEvent.__table__)
        store.__dict__["_meso_event_queries"] = queries
    return queries


def event_row(sender_id: str, stored: Event) -> Dict[str, Any]:
    """The row SQLTrackerStore.save stores for an event (same columns, same values)."""
    data = stored.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": stored.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


async def _retrieve(
    self: SQLTrackerStore, sender_id: str, fetch_events_from_all_sessions: bool
) -> Optional[DialogueStateTracker]:
    """SQLTrackerStore._retrieve with a Core statement."""
    queries = event_queries(self)
    statement = queries.all_sessions if fetch_events_from_all_sessions else queries.latest_session
    with self.session_scope() as session:
        rows = session.execute(statement, {"sender_id": sender_id}).scalars().all()
    events = [json.loads(data) for data in rows]
    if self.domain and events:
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
    return None


def _additional_events(
    self: SQLTrackerStore, session: Any, tracker: DialogueStateTracker
) -> Iterator[Event]:
    """SQLTrackerStore._additional_events, counting with a Core statement."""
    statement = event_queries(self).count_latest_session
    stored = int(session.execute(statement, {"sender_id": tracker.sender_id}).scalar() or 0)
    return itertools.islice(tracker.events, stored, len(tracker.events))


async def _save(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    """SQLTrackerStore.save, inserting the new events with a Core statement."""
    await self.stream_events(tracker)
    insert = event_queries(self).insert
    with self.session_scope() as session:
        rows: List[Dict[str, Any]] = [
            event_row(tracker.sender_id, new) for new in self._additional_events(session, tracker)
        ]
        for row in rows:  # one at a time: ids follow the tracker's order on every database
            session.execute(insert, row)
        session.commit()
    logger.debug("Tracker with sender_id '%s' stored to database", tracker.sender_id)


def install_sql_event_queries() -> None:
    """Replace SQLTrackerStore's ORM reads, count and inserts with Core statements."""
    if getattr(SQLTrackerStore._retrieve, _MARKER, False):
        return
    for name, function in (
        ("_retrieve", _retrieve),
        ("_additional_events", _additional_events),
        ("save", _save),
    ):
        setattr(function, _MARKER, True)
        setattr(function, "__wrapped__", getattr(SQLTrackerStore, name))  # noqa: B010 - Rasa's, for tests (mypy)
        setattr(SQLTrackerStore, name, function)


# --- 6. endpoints (the action server): one kept HTTP session per endpoint ---------------
KEEPALIVE_SECONDS = 2.0
_KEPT = "_meso_session"


class KeptSession:
    """What EndpointConfig.session() returns: `async with` hands out the kept session."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        """Wrap the endpoint's kept session."""
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        """The kept session, open."""
        return self.session

    async def __aexit__(self, *exc_info: Any) -> None:
        """Leave the session (and its idle connections) open for the next call."""


def new_kept_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """A session with Rasa's settings for the endpoint, keeping idle connections briefly."""
    auth = None
    if endpoint.basic_auth:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
    return aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
    )


def kept_session(endpoint: EndpointConfig) -> Any:
    """EndpointConfig.session: the endpoint's kept session on this event loop."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # no loop: a one-off session, as Rasa makes it
        return new_kept_session(endpoint)
    kept = endpoint.__dict__.get(_KEPT)
    if kept is None or kept[0] is not loop or kept[1].closed:
        kept = (loop, new_kept_session(endpoint))
        endpoint.__dict__[_KEPT] = kept
        _SESSIONS[:] = [one for one in _SESSIONS if not one[1].closed]
        _SESSIONS.append(kept)
    return KeptSession(kept[1])


# Every kept (event loop, session), so that shutdown can close them.
_SESSIONS: List[Tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession]] = []


async def close_kept_sessions() -> None:
    """Close every kept session of this event loop (server shutdown)."""
    loop = asyncio.get_running_loop()
    for one in [one for one in _SESSIONS if one[0] is loop]:
        await one[1].close()
        _SESSIONS.remove(one)


def install_kept_sessions() -> None:
    """Make EndpointConfig.session() hand out one kept session per endpoint and loop."""
    if not getattr(EndpointConfig.session, _MARKER, False):
        setattr(kept_session, _MARKER, True)
        EndpointConfig.session = kept_session


def install() -> None:
    """Install the six fixes in this process (idempotent)."""
    install_action_response_validator()
    install_sqlite_tuning()
    install_event_class_lookup()
    install_gc_freeze()
    install_sql_event_queries()
    install_kept_sessions()
