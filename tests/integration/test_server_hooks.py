"""The Rasa-server hooks in isolation: action-server fallback and "forget me" deletion."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any, List

import aiohttp
import pytest
import sqlalchemy as sa
from jsonschema import ValidationError
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core import events as rasa_events
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    FollowupAction,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from channels import action_fallback, forget, performance
from scripts import serve
from tests.integration.servers import free_port


@pytest.fixture(scope="module")
def domain() -> Domain:
    """The project's domain."""
    return Domain.load(str(serve.ROOT / "domain.yml"))


def raised_from(cause: BaseException) -> RasaException:
    """A RasaException raised while handling `cause`, as RemoteAction.run raises them."""
    try:
        try:
            raise cause
        except BaseException:
            raise RasaException("Failed to execute custom action") from None
    except RasaException as exc:
        exc.__context__ = cause
        return exc


@pytest.mark.parametrize(
    "error, unreachable",
    [
        (raised_from(aiohttp.ClientConnectionError("refused")), True),
        (raised_from(asyncio.TimeoutError()), True),
        (raised_from(ClientResponseError(502, "Bad Gateway", "")), True),
        (raised_from(ClientResponseError(503, "Unavailable", "")), True),
        (raised_from(ClientResponseError(404, "Not Found", "")), False),
        (RasaException("no endpoint configured"), False),
        (ValueError("bug"), False),
    ],
)
def test_unreachable_detection(error: BaseException, unreachable: bool) -> None:
    assert action_fallback.action_server_unreachable(error) is unreachable


def test_fallbacks_per_action() -> None:
    screening = action_fallback.fallback_for("action_start_screening")
    assert screening is not None and screening.response == "utter_screening_unavailable"
    assert action_fallback.fallback_for("validate_screening_form") is not None
    assert action_fallback.fallback_for("action_summarise_screening") is not None
    forget_fallback = action_fallback.fallback_for("action_forget_conversation")
    assert forget_fallback is not None and isinstance(forget_fallback.events[0], Restarted)
    assert action_fallback.fallback_for("action_unknown") is None
    # a warning sign is answered even without the action server (no clinic numbers then)
    warning = action_fallback.fallback_for("action_warning_sign")
    assert warning is not None and warning.response == "utter_warning_unavailable"
    first = action_fallback.fallback_for("action_start_screening")
    second = action_fallback.fallback_for("action_start_screening")
    assert first is not None and second is not None
    assert first.events[0] is not second.events[0]  # fresh events, fresh timestamps


async def run_unreachable(domain: Domain, name: str) -> List[Any]:
    """Run a custom action against a closed port with the fallback installed."""
    action_fallback.install()
    action = RemoteAction(name, EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook"))
    tracker = DialogueStateTracker.from_events(
        "hooks", [ActionExecuted("action_listen"), UserUttered("is it for me?")], domain.slots
    )
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    return await action.run(CollectingOutputChannel(), nlg, tracker, domain)


async def test_screening_action_unreachable_says_unavailable_and_deactivates(
    domain: Domain,
) -> None:
    events = await run_unreachable(domain, "action_start_screening")
    assert isinstance(events[0], BotUttered)
    assert events[0].text == domain.responses["utter_screening_unavailable"][0]["text"]
    assert events[1:] == [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        FollowupAction("action_listen"),
    ]


async def test_unlisted_action_keeps_rasas_behaviour(domain: Domain) -> None:
    with pytest.raises(RasaException):
        await run_unreachable(domain, "action_not_in_the_list")


async def test_rejection_passes_through(monkeypatch: pytest.MonkeyPatch, domain: Domain) -> None:
    async def reject(*args: Any, **kwargs: Any) -> Any:
        raise ActionExecutionRejection("validate_screening_form")

    monkeypatch.setattr(RemoteAction, "run", reject)
    action_fallback.install()
    with pytest.raises(ActionExecutionRejection):
        await RemoteAction("validate_screening_form", None).run(None, None, None, domain)


def turn(*events: Any) -> DialogueStateTracker:
    """A tracker with an earlier turn and then `events` after a new user message."""
    base = [ActionExecuted("action_listen"), UserUttered("hello"), BotUttered("hi")]
    return DialogueStateTracker.from_events(
        "f", base + [ActionExecuted("action_listen"), UserUttered("forget me"), *events]
    )


def test_forgotten_this_turn() -> None:
    forget_ran = ActionExecuted("action_forget_conversation")
    assert forget.forgotten_this_turn(turn(forget_ran, BotUttered("done"), Restarted()))
    assert not forget.forgotten_this_turn(turn(forget_ran))  # the action failed: no Restarted
    assert not forget.forgotten_this_turn(turn(ActionExecuted("utter_greet"), Restarted()))
    later = turn(forget_ran, Restarted(), ActionExecuted("action_listen"), UserUttered("hi"))
    assert not forget.forgotten_this_turn(later)


async def test_delete_conversation_sql_and_memory(tmp_path: Path, domain: Domain) -> None:
    sql = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    memory = InMemoryTrackerStore(domain)
    for store in (sql, memory):
        for sender in ("keep", "drop"):
            await store.save(
                DialogueStateTracker.from_events(sender, [UserUttered("hi")], domain.slots)
            )
        assert forget.delete_conversation(store, "drop")
        assert await store.retrieve("drop") is None
        assert await store.retrieve("keep") is not None
    assert not forget.delete_conversation(object(), "x")


def test_cached_action_response_validation_keeps_rasas_checks() -> None:
    performance.install()
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [{"event": "restart"}], "responses": []})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"event": "slot", "name": 3}]})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})


async def test_sqlite_tracker_store_uses_wal_and_a_pool(tmp_path: Path, domain: Domain) -> None:
    performance.install()
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    assert type(store.engine.pool).__name__ == "QueuePool"
    await store.save(DialogueStateTracker.from_events("x", [UserUttered("hi")], domain.slots))
    with sqlite3.connect(tmp_path / "t.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert await store.retrieve("x") is not None
    memory = SQLTrackerStore(domain, dialect="sqlite", db=":memory:")
    assert type(memory.engine.pool).__name__ != "QueuePool"


def test_event_class_lookup_gives_rasas_classes_and_errors() -> None:
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

    walk = {cls.type_name: cls for cls in reversed(all_subclasses(Event))}
    performance.install()
    assert getattr(Event.resolve_by_type, "_meso_performance", False)
    for name, cls in walk.items():
        assert Event.resolve_by_type(name) is cls
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("topic") is None  # Rasa's backwards compatibility
    assert Event.resolve_by_type("no_such_event", ActionExecuted) is ActionExecuted
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    events = [UserUttered("hi"), SlotSet("x", 1), ActionExecuted("action_listen")]
    assert Event.from_parameters(events[1].as_dict()) == events[1]
    assert [type(e) for e in rasa_events.deserialise_events([e.as_dict() for e in events])] == [
        UserUttered,
        SlotSet,
        ActionExecuted,
    ]


def test_event_class_lookup_sees_subclasses_defined_later() -> None:
    from rasa.shared.core.events import Event

    performance.install()

    class LateEvent(Event):
        type_name = "meso_late_event_for_test"

        def as_story_string(self) -> None:
            return None

        def __eq__(self, other: Any) -> bool:
            return isinstance(other, LateEvent)

    assert Event.resolve_by_type("meso_late_event_for_test") is LateEvent


async def test_agent_loader_freezes_long_lived_objects_after_the_swap() -> None:
    import gc

    import rasa.core.agent

    performance.install()
    assert getattr(rasa.core.agent.load_agent, "_meso_performance", False)
    swapped: List[str] = []

    async def fake_load_agent(name: str) -> str:
        return name

    loader = performance.freezing_after(fake_load_agent)
    gc.unfreeze()
    try:
        swapped.append(await loader("model-1"))  # the caller swaps the agent in, then ...
        assert gc.get_freeze_count() == 0
        await asyncio.sleep(0)  # ... the loop runs the freeze
        assert swapped == ["model-1"]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def _sample_events() -> List[Any]:
    from rasa.shared.core.events import (
        ActionExecutionRejected,
        ActiveLoop,
        AllSlotsReset,
        BotUttered,
        ConversationPaused,
        ConversationResumed,
        EntitiesAdded,
        LoopInterrupted,
        ReminderCancelled,
        ReminderScheduled,
        SessionStarted,
        UserUtteranceReverted,
    )

    events = [
        UserUttered(
            "does it hurt?",
            {"name": "faq", "confidence": 0.9},
            parse_data={
                "intent": {"name": "faq", "confidence": 0.9},
                "intent_ranking": [{"name": "faq", "confidence": 0.9}],
                "entities": [],
                "response_selector": {
                    "all_retrieval_intents": ["faq"],
                    "faq": {"response": {"utter_action": "utter_faq/pain"}, "ranking": []},
                },
            },
        ),
        ActionExecuted("utter_greet", policy="RulePolicy", confidence=1.0),
        SlotSet("screen_pain", "no"),
        SlotSet("screening_conditions", {"diabetes": "present"}),
        BotUttered("hello", {"buttons": []}, {"utter_action": "utter_greet"}),
        ActiveLoop(None),
        ActiveLoop("screening_form"),
        FollowupAction("action_listen"),
        Restarted(),
        SessionStarted(),
        AllSlotsReset(),
        ConversationPaused(),
        ConversationResumed(),
        UserUtteranceReverted(),
        LoopInterrupted(True),
        ActionExecutionRejected("validate_screening_form"),
        EntitiesAdded([{"entity": "x", "value": "y"}]),
        ReminderScheduled("greet", datetime_now()),
        ReminderCancelled(name="r1"),
    ]
    return [e.as_dict() for e in events]


def datetime_now() -> Any:
    import datetime

    return datetime.datetime(2026, 1, 1)


def _invalid_variants(event: dict) -> List[Any]:
    return [
        {**event, "event": "no_such_event"},
        {k: v for k, v in event.items() if k != "event"},
        {**event, "timestamp": "yesterday"},
        {**event, "metadata": ["not", "an", "object"]},
        {**event, "event": 3},
        "not an object",
    ]


def test_fast_action_response_validation_gives_the_complete_schemas_verdicts() -> None:
    schema = RemoteAction.action_response_format_spec()
    validator = performance.ActionResponseValidator(schema)
    events = _sample_events()
    responses: List[Any] = [{"events": [e], "responses": []} for e in events]
    responses.append({"events": events, "responses": [{"text": "hi"}]})
    for event in events:
        responses += [{"events": [bad]} for bad in _invalid_variants(event)]
    responses += [
        {"events": [{"event": "slot", "name": 3, "value": 1}]},
        {"events": [{"event": "slot", "name": "x"}]},  # no value
        {"events": [{"event": "user", "parse_data": {"intent": "not an object"}}]},
        {"events": [{"event": "user", "parse_data": {"response_selector": {"faq": []}}}]},
        {"events": [{"event": "entities"}]},  # no entities
        {"events": "not a list"},
        {"events": [], "responses": "not a list"},
        {"events": [], "responses": ["not an object"]},
        {},
        [],
    ]
    for result in responses:
        assert validator.is_valid_fast(result) == validator.complete.is_valid(result), result
        if not validator.complete.is_valid(result):
            with pytest.raises(ValidationError) as fast_error:
                validator.validate(result)
            with pytest.raises(ValidationError) as rasa_error:
                validator.complete.validate(result)
            assert fast_error.value.message == rasa_error.value.message
    valid = sum(validator.complete.is_valid(r) for r in responses)
    assert valid >= len(events) + 1 and len(responses) - valid >= 5 * len(events)  # both kinds


def _conversation(domain: Domain) -> List[List[Any]]:
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


async def _save_turns(store: SQLTrackerStore, sender: str, domain: Domain, fast: bool) -> None:
    """Save each turn, re-reading the tracker first as the Rasa server does."""
    retrieve = SQLTrackerStore._retrieve if fast else SQLTrackerStore._retrieve.__wrapped__
    save = SQLTrackerStore.save if fast else SQLTrackerStore.save.__wrapped__
    for turn in _conversation(domain):
        tracker = await retrieve(store, sender, False)
        if tracker is None:
            tracker = DialogueStateTracker(sender, domain.slots)
        for one in turn:
            tracker.update(one)
        await save(store, tracker)


def _stored_rows(store: SQLTrackerStore, sender: str) -> List[Any]:
    """Every stored column but the id, in id order."""
    table = store.SQLEvent.__table__
    columns = [c for c in table.c if c.name not in ("id", "sender_id")]
    with store.session_scope() as session:
        query = sa.select(*columns).where(table.c.sender_id == sender).order_by(table.c.id)
        return [tuple(row) for row in session.execute(query)]


async def _compare_sql_queries(store: SQLTrackerStore, domain: Domain) -> None:
    """Rasa's ORM code and the Core statements store and read back the same things."""
    performance.install()
    await _save_turns(store, "rasa", domain, fast=False)
    await _save_turns(store, "core", domain, fast=True)
    assert _stored_rows(store, "core") == _stored_rows(store, "rasa")
    assert len(_stored_rows(store, "core")) == sum(len(turn) for turn in _conversation(domain))
    for fetch_all in (False, True):
        ours = await SQLTrackerStore._retrieve(store, "core", fetch_all)
        rasas = await SQLTrackerStore._retrieve.__wrapped__(store, "core", fetch_all)
        assert ours is not None and rasas is not None
        assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in rasas.events]
        assert ours.current_slot_values() == rasas.current_slot_values()
    latest = await store.retrieve("core")
    assert latest is not None and len(latest.events) == 3  # from the second session_started
    assert await SQLTrackerStore._retrieve(store, "nobody", False) is None
    latest.update(BotUttered("new", timestamp=1_700_000_020.0))
    with store.session_scope() as session:
        ours_new = list(SQLTrackerStore._additional_events(store, session, latest))
        rasas_new = list(SQLTrackerStore._additional_events.__wrapped__(store, session, latest))
    assert ours_new == rasas_new == [latest.events[-1]]


async def test_sql_core_statements_match_rasas_orm_on_sqlite(
    tmp_path: Path, domain: Domain
) -> None:
    await _compare_sql_queries(
        SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db")), domain
    )


async def test_sql_core_statements_match_rasas_orm_on_postgresql(
    postgres: Any, domain: Domain
) -> None:
    store = SQLTrackerStore(
        domain, dialect="postgresql", host="127.0.0.1", port=postgres.port,
        db=postgres.database, username=postgres.user, password=postgres.password,
    )  # fmt: skip
    with store.session_scope() as session:
        session.execute(sa.text("DELETE FROM events WHERE sender_id IN ('rasa', 'core')"))
        session.commit()
    await _compare_sql_queries(store, domain)


async def _start_echo_server(port: int, peers: List[Any]) -> Any:
    """A local HTTP server answering POST / with the request's auth header and a token."""
    from aiohttp import web

    async def answer(request: Any) -> Any:
        peers.append(request.transport.get_extra_info("peername"))
        return web.json_response(
            {"auth": request.headers.get("Authorization"), "x": request.headers.get("X-Clinic")}
        )

    app = web.Application()
    app.router.add_post("/", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


async def test_endpoint_calls_reuse_one_connection_and_survive_a_restart() -> None:
    performance.install()
    port, peers = free_port(), []
    endpoint = EndpointConfig(
        url=f"http://127.0.0.1:{port}/",
        headers={"X-Clinic": "demo"},
        basic_auth={"username": "u", "password": "p"},
    )
    runner = await _start_echo_server(port, peers)
    try:
        replies = [await endpoint.request(json={"n": n}) for n in range(3)]
        assert replies[0] == {"auth": aiohttp.BasicAuth("u", "p").encode(), "x": "demo"}
        assert len(set(peers)) == 1  # one connection for the three calls
    finally:
        await runner.cleanup()
    runner = await _start_echo_server(port, peers)  # restarted: the closed one is not reused
    try:
        assert (await endpoint.request(json={}))["x"] == "demo"
        assert len(set(peers)) == 2
    finally:
        await runner.cleanup()
    try:
        with pytest.raises(aiohttp.ClientConnectorError):  # down: connecting fails, as before
            await endpoint.request(json={})
    finally:
        await performance.close_kept_sessions()
    assert endpoint.__dict__[performance._KEPT][1].closed


def test_kept_sessions_drop_idle_connections_before_the_action_server_does() -> None:
    from sanic.config import DEFAULT_CONFIG

    assert performance.KEEPALIVE_SECONDS < DEFAULT_CONFIG["KEEP_ALIVE_TIMEOUT"]
