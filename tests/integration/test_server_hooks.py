"""The Rasa server's hooks in isolation: installed by the launcher only, and undone exactly.

The action-server fallback (meso/server/action_fallback.py) and the speed-ups without an
extension point (meso/server/speedups.py). Every test that installs them restores Rasa.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from typing import Any, Iterator, List

import aiohttp
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
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
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from meso.server import action_fallback, hooks, patching, speedups
from meso.tools import serve
from tests.integration.servers import free_port


@pytest.fixture
def installed() -> Iterator[List[str]]:
    """The hooks, installed as the launcher installs them, then removed again."""
    try:
        yield hooks.install()
    finally:
        hooks.uninstall()


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
    """Run a custom action against a closed port (the test installed the hooks)."""
    action = RemoteAction(name, EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook"))
    tracker = DialogueStateTracker.from_events(
        "hooks", [ActionExecuted("action_listen"), UserUttered("is it for me?")], domain.slots
    )
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    return await action.run(CollectingOutputChannel(), nlg, tracker, domain)


async def test_screening_action_unreachable_says_unavailable_and_deactivates(
    domain: Domain, installed: List[str]
) -> None:
    events = await run_unreachable(domain, "action_start_screening")
    assert isinstance(events[0], BotUttered)
    assert events[0].text == domain.responses["utter_screening_unavailable"][0]["text"]
    assert events[1:] == [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        FollowupAction("action_listen"),
    ]


async def test_unlisted_action_keeps_rasas_behaviour(domain: Domain, installed: List[str]) -> None:
    with pytest.raises(RasaException):
        await run_unreachable(domain, "action_not_in_the_list")


async def test_rejection_passes_through(monkeypatch: pytest.MonkeyPatch, domain: Domain) -> None:
    async def reject(*args: Any, **kwargs: Any) -> Any:
        raise ActionExecutionRejection("validate_screening_form")

    monkeypatch.setattr(RemoteAction, "run", reject)
    action_fallback.install()
    try:
        with pytest.raises(ActionExecutionRejection):
            await RemoteAction("validate_screening_form", None).run(None, None, None, domain)
    finally:
        hooks.uninstall()


def test_cached_action_response_validation_keeps_rasas_checks(installed: List[str]) -> None:
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [{"event": "restart"}], "responses": []})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"event": "slot", "name": 3}]})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})


async def test_agent_loader_freezes_long_lived_objects_after_the_swap(
    installed: List[str],
) -> None:
    import gc

    assert any("rasa.core.agent.load_agent" in line for line in installed)
    swapped: List[str] = []

    async def fake_load_agent(name: str) -> str:
        return name

    loader = speedups.freezing_after(fake_load_agent)
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
    validator = speedups.ActionResponseValidator(schema)
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


def test_importing_the_project_patches_nothing() -> None:
    """A fresh interpreter that imports every module of the project sees stock Rasa."""
    code = """
import importlib, pkgutil
import rasa.core.agent
from rasa.core.actions.action import RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.utils.endpoints import EndpointConfig
import actions, channels, meso, meso_nlu
owners = [RemoteAction, MessageProcessor, SQLTrackerStore, Event, EndpointConfig]
before = {o: dict(vars(o)) for o in owners}
load_agent = rasa.core.agent.load_agent
for package in (actions, channels, meso, meso_nlu):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name != "meso.__main__":
            importlib.import_module(info.name)
assert rasa.core.agent.load_agent is load_agent
for owner in owners:
    assert dict(vars(owner)) == before[owner], owner
print("stock")
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=serve.ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and done.stdout.strip().endswith("stock"), done.stderr[-2000:]


def test_install_says_what_it_replaced_and_uninstall_restores_rasa() -> None:
    originals = {
        "run": RemoteAction.__dict__["run"],
        "validate": RemoteAction.__dict__["_validate_action_result"],
    }
    import rasa.core.agent

    load_agent = rasa.core.agent.load_agent
    try:
        lines = hooks.install()
        assert hooks.install() == lines  # a second install changes nothing
        assert len(lines) == 3 and all(": " in line for line in lines)
        assert RemoteAction.__dict__["run"] is not originals["run"]
    finally:
        hooks.uninstall()
    assert RemoteAction.__dict__["run"] is originals["run"]
    assert RemoteAction.__dict__["_validate_action_result"] is originals["validate"]
    assert rasa.core.agent.load_agent is load_agent
    assert patching.installed() == []


def test_hooks_install_nothing_on_another_rasa_version(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import rasa

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    try:
        assert hooks.install() == []
    finally:
        hooks.uninstall()
    assert "written for Rasa 3.6.21, this is Rasa 3.7.0" in caplog.text
    assert patching.installed() == []


def test_hooks_are_written_for_the_installed_rasa() -> None:
    import rasa

    assert rasa.__version__ == hooks.WRITTEN_FOR_RASA
