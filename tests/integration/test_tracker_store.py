"""The tracker store (meso/tracker_store.py): Rasa's SQL store, faster, and able to forget.

It is built the way Rasa builds a custom tracker store from endpoints.yml, and must store and
read back exactly what Rasa's own SQLTrackerStore does, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, List

import pytest
import sqlalchemy as sa
import yaml
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from meso.settings import PROJECT_ROOT
from meso.tracker_store import MesoSQLTrackerStore, deserialise_events, forgotten_this_turn


@pytest.fixture(scope="module")
def domain() -> Domain:
    """The project's domain."""
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


def turn(*events: Any) -> DialogueStateTracker:
    """A tracker with an earlier turn and then `events` after a new user message."""
    base = [ActionExecuted("action_listen"), UserUttered("hello"), BotUttered("hi")]
    return DialogueStateTracker.from_events(
        "f", base + [ActionExecuted("action_listen"), UserUttered("forget me"), *events]
    )


def test_forgotten_this_turn() -> None:
    forget_ran = ActionExecuted("action_forget_conversation")
    assert forgotten_this_turn(turn(forget_ran, BotUttered("done"), Restarted()))
    assert not forgotten_this_turn(turn(forget_ran))  # the action failed: no Restarted
    assert not forgotten_this_turn(turn(ActionExecuted("utter_greet"), Restarted()))
    later = turn(forget_ran, Restarted(), ActionExecuted("action_listen"), UserUttered("hi"))
    assert not forgotten_this_turn(later)


def test_events_are_rebuilt_exactly_as_rasa_rebuilds_them() -> None:
    from rasa.shared.core import events as rasa_events

    stored = [
        e.as_dict()
        for e in [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            UserUttered("hi", {"name": "greet", "confidence": 1.0}, [{"entity": "x", "value": 1}]),
            BotUttered("hello", metadata={"utter_action": "utter_greet"}),
            SlotSet("screening_conditions", {"pregnancy": "absent"}),
            Restarted(),
        ]
    ]
    stored.append({"timestamp": 2.0})  # no type at all: skipped by both
    ours = [e.as_dict() for e in deserialise_events(stored)]
    rasa_way = [e.as_dict() for e in rasa_events.deserialise_events(stored)]
    assert ours == rasa_way and len(ours) == 6
    unknown = [{"event": "no_such_event_type", "timestamp": 1.0}]
    with pytest.raises(ValueError, match="Unknown event name"):  # Rasa's own error, both ways
        rasa_events.deserialise_events(unknown)
    with pytest.raises(ValueError, match="Unknown event name"):
        deserialise_events(unknown)


def test_endpoints_yml_names_this_store(tmp_path: Path, domain: Domain) -> None:
    config = read_endpoint_config(str(PROJECT_ROOT / "endpoints.yml"), "tracker_store")
    assert config is not None
    config.kwargs["db"] = str(tmp_path / "tracker.db")  # not the project's own file
    store = TrackerStore.create(config, domain)
    inner = getattr(store, "_tracker_store", store)
    while hasattr(inner, "_tracker_store"):
        inner = inner._tracker_store
    assert isinstance(inner, MesoSQLTrackerStore)
    scale = yaml.safe_load((PROJECT_ROOT / "deploy" / "endpoints.scale.yml").read_text("utf-8"))
    assert scale["tracker_store"]["type"] == "meso.tracker_store.MesoSQLTrackerStore"


async def test_a_forgotten_turn_deletes_every_stored_event_of_the_sender(
    tmp_path: Path, domain: Domain
) -> None:
    store = MesoSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    for sender in ("keep", "f"):
        await store.save(DialogueStateTracker.from_events(sender, [UserUttered("hi")]))
    forget_turn = turn(
        ActionExecuted("action_forget_conversation"), BotUttered("done"), Restarted()
    )
    await store.save(forget_turn)
    assert await store.retrieve_full_tracker("f") is None
    assert await store.retrieve("keep") is not None
    assert store.forget("nobody") == 0


async def test_attack_forgotten_text_does_not_linger_in_the_database_files(
    tmp_path: Path, domain: Domain
) -> None:
    """An attacker with the disk after "delete my data" finds the text in no SQLite file:
    not in the write-ahead log (checkpointed and truncated) nor in free pages (secure_delete).
    """
    db = tmp_path / "t.db"
    store = MesoSQLTrackerStore(domain, dialect="sqlite", db=str(db))
    secret = "i have haemophilia and take warfarin"
    first = DialogueStateTracker.from_events("f", [UserUttered(secret)])
    await store.save(first)
    await store.save(DialogueStateTracker.from_events("keep", [UserUttered("hi")]))
    on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("t.db"))
    assert secret.encode() in on_disk  # the check below can fail
    forget_turn = DialogueStateTracker.from_events(
        "f",
        [
            UserUttered(secret),
            ActionExecuted("action_listen"),
            UserUttered("forget me"),
            ActionExecuted("action_forget_conversation"),
            Restarted(),
        ],
    )
    await store.save(forget_turn)
    for path in tmp_path.iterdir():
        assert secret.encode() not in path.read_bytes(), path.name
    assert await store.retrieve("keep") is not None


async def test_a_local_user_cannot_read_the_conversation_database(
    tmp_path: Path, domain: Domain
) -> None:
    db = tmp_path / "private.db"
    store = MesoSQLTrackerStore(domain, dialect="sqlite", db=str(db))
    await store.save(DialogueStateTracker.from_events("p", [UserUttered("I have psoriasis")]))
    files = [p for p in tmp_path.iterdir() if p.name.startswith("private.db")]
    assert len(files) >= 2  # the database and its write-ahead log
    for path in files:
        assert path.stat().st_mode & 0o077 == 0, (path.name, oct(path.stat().st_mode))


async def test_sqlite_file_uses_wal_and_a_pool_of_its_own(tmp_path: Path, domain: Domain) -> None:
    store = MesoSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    assert type(store.engine.pool).__name__ == "QueuePool"
    await store.save(DialogueStateTracker.from_events("x", [UserUttered("hi")], domain.slots))
    with sqlite3.connect(tmp_path / "t.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert await store.retrieve("x") is not None
    memory = MesoSQLTrackerStore(domain, dialect="sqlite", db=":memory:")
    assert type(memory.engine.pool).__name__ != "QueuePool"
    plain = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "other.db"))
    assert type(plain.engine.pool).__name__ != "QueuePool"  # Rasa's own engines untouched
    with plain.engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "delete"


def conversation() -> List[List[Any]]:
    """Two sessions of a conversation, as the turns a server would save one by one."""
    t = 1_700_000_000.0
    parse = {"intent": {"name": "faq", "confidence": 0.9}, "entities": [], "text": "hi"}
    return [
        [ActionExecuted("action_session_start", timestamp=t), SessionStarted(timestamp=t + 1)],
        [
            ActionExecuted("action_listen", timestamp=t + 2),
            UserUttered("hi", parse_data=parse, timestamp=t + 3),
            BotUttered("hello", timestamp=t + 4),
        ],
        [
            SlotSet("screening_partial", True, timestamp=t + 5),
            ActionExecuted("utter_greet", timestamp=t + 6),
        ],
        [ActionExecuted("action_session_start", timestamp=t + 9), SessionStarted(timestamp=t + 10)],
        [UserUttered("again", parse_data=parse, timestamp=t + 11), Restarted(timestamp=t + 12)],
    ]


async def save_turns(store: SQLTrackerStore, sender: str, domain: Domain) -> None:
    """Save each turn, re-reading the tracker first as the Rasa server does."""
    for events in conversation():
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, domain.slots)
        for one in events:
            tracker.update(one)
        await store.save(tracker)


def stored_rows(store: SQLTrackerStore, sender: str) -> List[Any]:
    """Every stored column but the id, in id order."""
    table = store.SQLEvent.__table__
    columns = [c for c in table.c if c.name not in ("id", "sender_id")]
    with store.session_scope() as session:
        query = sa.select(*columns).where(table.c.sender_id == sender).order_by(table.c.id)
        return [tuple(row) for row in session.execute(query)]


async def compare_with_rasas_store(ours: MesoSQLTrackerStore, rasas: SQLTrackerStore) -> None:
    """Both stores, on one database, store and read back the same things."""
    domain = ours.domain
    await save_turns(rasas, "rasa", domain)
    await save_turns(ours, "core", domain)
    assert stored_rows(ours, "core") == stored_rows(rasas, "rasa")
    assert len(stored_rows(ours, "core")) == sum(len(events) for events in conversation())
    for fetch_all in (False, True):
        mine = await ours._retrieve("core", fetch_all)
        theirs = await rasas._retrieve("core", fetch_all)
        assert mine is not None and theirs is not None
        assert [e.as_dict() for e in mine.events] == [e.as_dict() for e in theirs.events]
        assert mine.current_slot_values() == theirs.current_slot_values()
    latest = await ours.retrieve("core")
    assert latest is not None and len(latest.events) == 3  # from the second session_started
    assert await ours._retrieve("nobody", False) is None
    latest.update(BotUttered("new", timestamp=1_700_000_020.0))
    with ours.session_scope() as session:
        mine_new = list(ours._additional_events(session, latest))
        theirs_new = list(rasas._additional_events(session, latest))
    assert mine_new == theirs_new == [latest.events[-1]]


async def test_core_statements_match_rasas_store_on_sqlite(tmp_path: Path, domain: Domain) -> None:
    db = str(tmp_path / "t.db")
    await compare_with_rasas_store(
        MesoSQLTrackerStore(domain, dialect="sqlite", db=db),
        SQLTrackerStore(domain, dialect="sqlite", db=db),
    )


@pytest.mark.scale
async def test_core_statements_match_rasas_store_on_postgresql(
    postgres: Any, domain: Domain
) -> None:
    settings = dict(
        dialect="postgresql", host="127.0.0.1", port=postgres.port,
        db=postgres.database, username=postgres.user, password=postgres.password,
    )  # fmt: skip
    ours = MesoSQLTrackerStore(domain, **settings)
    with ours.session_scope() as session:
        session.execute(sa.text("DELETE FROM events WHERE sender_id IN ('rasa', 'core')"))
        session.commit()
    await compare_with_rasas_store(ours, SQLTrackerStore(domain, **settings))


async def test_a_turns_save_counts_the_stored_events_it_was_read_with(
    tmp_path: Path, domain: Domain
) -> None:
    """Read from the file, a tracker knows its stored events: the turn's save adds the rest.

    A second save of the same tracker, or one whose event list was replaced, counts the rows
    as Rasa does; either way every event is stored once, in order.
    """
    store = MesoSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    await save_turns(store, "kept", domain)
    stored = len(stored_rows(store, "kept"))
    tracker = await store.retrieve("kept")
    assert tracker is not None
    queries: List[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *a: queries.append(a[2]))
    tracker.update(BotUttered("one more", timestamp=1_700_000_030.0))
    await store.save(tracker)
    assert not any("count(" in q.lower() for q in queries)  # the kept count, no query
    assert len(stored_rows(store, "kept")) == stored + 1
    tracker.update(BotUttered("and another", timestamp=1_700_000_031.0))
    await store.save(tracker)  # saved twice: the rows are counted
    assert any("count(" in q.lower() for q in queries)
    assert len(stored_rows(store, "kept")) == stored + 2
    again = await store.retrieve("kept")
    assert again is not None
    again.events = type(again.events)(list(again.events))  # another list: counted again
    again.update(BotUttered("last", timestamp=1_700_000_032.0))
    await store.save(again)
    rows = stored_rows(store, "kept")
    assert len(rows) == stored + 3
    assert [json.loads(r[-1]).get("text") for r in rows[-3:]] == ["one more", "and another", "last"]


async def next_turn(store: MesoSQLTrackerStore, sender: str, text: str) -> DialogueStateTracker:
    """One turn as the Rasa server runs it: read, append the turn's events, save."""
    tracker = await store.retrieve(sender)
    assert tracker is not None
    t = max(event.timestamp for event in tracker.events) + 1
    parse = {"intent": {"name": "faq", "confidence": 0.9}, "entities": [], "text": text}
    for event in (
        UserUttered(text, parse_data=parse, timestamp=t),
        SlotSet("screening_partial", True, timestamp=t + 0.1),
        BotUttered(f"re: {text}", timestamp=t + 0.2),
        ActionExecuted("action_listen", timestamp=t + 0.3),
    ):
        tracker.update(event)
    await store.save(tracker)
    return tracker


def read_statements(store: MesoSQLTrackerStore) -> List[str]:
    """The SQL statements the store runs from now on."""
    statements: List[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    return statements


async def test_a_saved_turn_is_handed_to_the_next_turn_without_reading_its_rows(
    tmp_path: Path, domain: Domain
) -> None:
    """The tracker saved last is the next turn's, once, when the file holds just its events.

    It is the same conversation a fresh read gives (the second store reads the rows).
    """
    db = str(tmp_path / "t.db")
    store = MesoSQLTrackerStore(domain, dialect="sqlite", db=db)
    other = MesoSQLTrackerStore(domain, dialect="sqlite", db=db, kept_conversations=0)
    await save_turns(store, "kept", domain)
    saved = await next_turn(store, "kept", "first")
    statements = read_statements(store)
    handed = await store.retrieve("kept")
    assert handed is saved
    assert len(statements) == 1 and "max(" in statements[0].lower()  # one aggregate query
    fresh = await other.retrieve("kept")
    assert fresh is not None and fresh is not handed
    assert [e.as_dict() for e in handed.events] == [e.as_dict() for e in fresh.events]
    assert handed.current_state() == fresh.current_state()
    again = await store.retrieve("kept")  # handed once: a second read reads the rows
    assert again is not None and again is not handed
    assert [e.as_dict() for e in again.events] == [e.as_dict() for e in fresh.events]
    assert await store.retrieve_full_tracker("kept") is not handed


async def test_a_kept_conversation_changed_elsewhere_is_read_from_the_file(
    tmp_path: Path, domain: Domain
) -> None:
    """Another server's turn, a turn that failed before its save, a deletion: rows are read."""
    db = str(tmp_path / "t.db")
    store = MesoSQLTrackerStore(domain, dialect="sqlite", db=db)
    other = MesoSQLTrackerStore(domain, dialect="sqlite", db=db, kept_conversations=0)
    await save_turns(store, "kept", domain)
    await next_turn(store, "kept", "mine")
    await next_turn(other, "kept", "another server's")  # the file has moved on
    read = await store.retrieve("kept")
    assert read is not None and read.latest_message.text == "another server's"

    failed = await next_turn(store, "kept", "saved")
    assert await store.retrieve("kept") is failed
    failed.update(BotUttered("never saved", timestamp=1_800_000_000.0))  # the turn failed
    read, fresh = await store.retrieve("kept"), await other.retrieve("kept")
    assert read is not None and fresh is not None and read is not failed
    assert [e.as_dict() for e in read.events] == [e.as_dict() for e in fresh.events]

    await next_turn(store, "kept", "then forgotten")
    assert other.forget("kept") > 0  # deleted by another server
    assert await store.retrieve("kept") is None
    await save_turns(store, "mine", domain)
    await next_turn(store, "mine", "one")
    store.forget("mine")
    assert await store.retrieve("mine") is None


async def test_what_is_kept_is_bounded_and_dropped_with_a_new_domain(
    tmp_path: Path, domain: Domain
) -> None:
    """The latest conversations only; a new model's domain drops them; 0 keeps none."""
    store = MesoSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    store.kept_conversations = 2
    turns = {}
    for sender in ("a", "b", "c"):
        await save_turns(store, sender, domain)
        turns[sender] = await next_turn(store, sender, "hello")
    assert await store.retrieve("a") is not turns["a"]  # the oldest was let go
    assert await store.retrieve("c") is turns["c"]
    store.domain = domain  # a model swap sets the domain again
    assert await store.retrieve("b") is not turns["b"]

    none = MesoSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "n.db"))
    none.kept_conversations = 0
    await save_turns(none, "a", domain)
    saved = await next_turn(none, "a", "hello")
    assert await none.retrieve("a") is not saved


async def test_a_turn_that_starts_a_new_session_is_not_kept(tmp_path: Path, domain: Domain) -> None:
    """A read returns the latest session only: such a turn's tracker holds two."""
    store = MesoSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    await save_turns(store, "s", domain)
    tracker = await store.retrieve("s")
    assert tracker is not None
    t = max(event.timestamp for event in tracker.events) + 1
    tracker.update(ActionExecuted("action_session_start", timestamp=t))
    tracker.update(SessionStarted(timestamp=t + 1))
    tracker.update(ActionExecuted("action_listen", timestamp=t + 2))
    await store.save(tracker)
    read = await store.retrieve("s")
    assert read is not None and read is not tracker
    assert [type(e) for e in read.events] == [SessionStarted, ActionExecuted]
