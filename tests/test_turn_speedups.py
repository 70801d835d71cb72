"""meso/server/turn_speedups.py: the same results as stock Rasa, and undone exactly.

(Named `*_test.py` so pytest's default file patterns collect it.)
"""

from __future__ import annotations

import ast
import contextlib
import copy
import importlib
import inspect
import json
import logging
import random
from typing import Any, Callable, Dict, Iterator, List, Tuple

import numpy as np
import pytest
import structlog
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.domain import Domain
from rasa.shared.core.slots import AnySlot, Slot, TextSlot

from meso.server import hooks, patching, turn_speedups
from meso.tools import serve


@pytest.fixture
def turn_speedups_installed() -> Iterator[List[str]]:
    """The per-turn speed-ups alone, as the launcher installs them, then removed again."""
    try:
        yield hooks.install_turn_speedups()
    finally:
        hooks.uninstall()


# --- slots --------------------------------------------------------------------------------
def test_slot_copies_are_what_copy_copy_made(turn_speedups_installed: List[str]) -> None:
    domain = Domain.load(str(serve.ROOT / "domain.yml"))
    patching.restore_all()
    stock = [copy.copy(slot) for slot in domain.slots]
    turn_speedups.install_fast_slot_copy()
    fast = [copy.copy(slot) for slot in domain.slots]
    assert len(fast) == len(domain.slots) > 0
    for slot, before, after in zip(domain.slots, stock, fast):
        assert type(after) is type(before) is type(slot) and after is not slot
        assert after.__dict__ == before.__dict__ == slot.__dict__
        assert after.mappings is slot.mappings  # shallow, as copy.copy is
        after.value = "changed"
        assert slot.value != "changed"


class _SlottedSlot(TextSlot):
    __slots__ = ("extra",)


class _PickledSlot(AnySlot):
    def __getstate__(self) -> Dict[str, Any]:
        return {**self.__dict__, "name": "from_getstate"}


def test_slot_classes_with_their_own_copy_protocol_are_copied_the_standard_way(
    turn_speedups_installed: List[str],
) -> None:
    slotted = _SlottedSlot("a", mappings=[])
    slotted.extra = 1
    pickled = _PickledSlot("b", mappings=[])
    assert not turn_speedups.is_plain(_SlottedSlot) and not turn_speedups.is_plain(_PickledSlot)
    assert turn_speedups.is_plain(TextSlot)
    assert copy.copy(slotted).extra == 1
    assert copy.copy(pickled).name == "from_getstate"


def test_uninstall_removes_the_slot_copy_and_restores_the_runner() -> None:
    from rasa.core.policies.rule_policy import RulePolicy

    run = DaskGraphRunner.__dict__["run"]
    keys = RulePolicy.__dict__["_get_possible_keys"]
    try:
        lines = hooks.install_turn_speedups()
        assert hooks.install_turn_speedups() == []  # a second install changes nothing
        assert len(lines) == 14 and all(": " in line for line in lines)
        assert "__copy__" in Slot.__dict__ and DaskGraphRunner.__dict__["run"] is not run
        assert "load" in RulePolicy.__dict__
    finally:
        hooks.uninstall()
    assert "__copy__" not in Slot.__dict__ and "load" not in RulePolicy.__dict__
    assert DaskGraphRunner.__dict__["run"] is run
    assert RulePolicy.__dict__["_get_possible_keys"] is keys
    assert patching.installed() == []


def test_json_bodies_read_back_to_what_json_dumps_wrote() -> None:
    import json

    tracker = {
        "sender_id": "a/b",
        "events": [{"event": "user", "text": "Ça va? 😬 </script>", "confidence": 0.1 + 0.2}],
        "slots": {"n": 3, "none": None, "big": 10**20, "nested": {"list": [1.5e-7, True]}},
    }
    assert json.loads(turn_speedups.json_body(tracker)) == tracker
    assert json.loads(turn_speedups.json_body({"nan": float("nan")}))["nan"] != 0  # NaN, as json
    with pytest.raises(TypeError):  # what neither can write fails as before
        turn_speedups.json_body({"when": object()})


async def test_endpoint_sessions_send_json_bodies_by_ujson() -> None:
    from rasa.utils.endpoints import EndpointConfig

    try:
        hooks.install_turn_speedups()
        endpoint = EndpointConfig(
            "http://127.0.0.1:9", basic_auth={"username": "u", "password": "p"}
        )
        async with endpoint.session() as session:
            assert session.json_serialize is turn_speedups.json_body
            assert session.auth is not None and session.timeout.total == 300
    finally:
        hooks.uninstall()
    assert "session" not in [line.split(":")[0].rsplit(".", 1)[-1] for line in patching.installed()]


def test_turn_speedups_install_nothing_on_another_rasa_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import rasa

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    try:
        assert hooks.install_turn_speedups() == []
    finally:
        hooks.uninstall()
    assert "__copy__" not in Slot.__dict__


# --- graphs -------------------------------------------------------------------------------
class _Node:
    """A graph node as Rasa's GraphNode behaves: (name, value) pairs in, (name, value) out."""

    def __init__(self, name: str, calls: List[str], fail: bool = False) -> None:
        self.name, self.calls, self.fail = name, calls, fail

    def __call__(self, *inputs: Tuple[str, Any]) -> Tuple[str, Any]:
        self.calls.append(self.name)
        if self.fail:
            raise RuntimeError("boom")
        return self.name, (self.name, sorted(inputs, key=str))


class _SchemaNode:
    def __init__(self, needs: Dict[str, str]) -> None:
        self.needs = needs


class _Schema:
    def __init__(self, nodes: Dict[str, _SchemaNode], targets: List[str]) -> None:
        self.nodes, self.target_names = nodes, targets

    def minimal_graph_schema(self, targets: List[str]) -> _Schema:
        return self  # every node is needed in these graphs


class _Runner(DaskGraphRunner):
    """A DaskGraphRunner of fake nodes (no model storage, no execution context)."""

    def __init__(self, fail: str = "") -> None:  # the parent's is not called: no model
        self.calls: List[str] = []
        needs = {
            "a": {"x": "__input__"},
            "b": {"x": "__input__"},
            "c": {"one": "a", "two": "b"},
            "d": {"one": "c", "two": "a"},
            "e": {"one": "b"},
        }
        schema = _Schema({k: _SchemaNode(v) for k, v in needs.items()}, ["d", "e"])
        self._graph_schema = schema
        self._execution_context = None
        self._instantiated_nodes = {k: _Node(k, self.calls, fail=k == fail) for k in needs}


def stock_run(runner: _Runner, inputs: Dict[str, Any], targets: Any = None) -> Dict[str, Any]:
    return DaskGraphRunner.run(runner, inputs, targets)


def test_graph_runs_in_dasks_order_give_dasks_results() -> None:
    stock, fast = _Runner(), _Runner()
    for value in ([1, 2], {"three": 3}, [4]):
        expected = stock_run(stock, {"__input__": value})
        assert turn_speedups.run_in_order(fast, {"__input__": value}) == expected
        assert turn_speedups.run_in_order(fast, {"__input__": value}, ["c"]) == stock_run(
            stock, {"__input__": value}, ["c"]
        )
    assert fast.calls == stock.calls  # the same nodes, in the same order, every run
    assert set(turn_speedups._ORDERS[fast]) == {
        (("d", "e"), ("__input__",)),
        (("c",), ("__input__",)),
    }


def test_graph_run_errors_are_rasas() -> None:
    for _ in range(2):  # the recording run (dask) and a run in order
        with pytest.raises(GraphRunError):
            turn_speedups.run_in_order(_Runner(fail="c"), {"__input__": [1]})
    with pytest.raises(GraphRunError, match="clashes with a node name"):
        turn_speedups.run_in_order(_Runner(), {"__input__": "a"})


# --- whole conversations through the trained model ---------------------------------------
SCRIPT = [
    "hello", "what is mesotherapy", "does it hurt??", "how much does it cost",
    "um is it risky at all", "thanks, bye", "hi", "can pregnant women have it",
    "what do you inject x", "who are you?", "can I have it?", "no", "what's the recovery like",
    "thanks", "yes", "diabetes", "does type 1 count?", "carry on", "no", "stop the check",
    "am I a candidate", "nope", "none of those", "I bruise a bit", "my skin is fine",
    "pain is ok", "ok thanks bye",
]  # fmt: skip


def comparable(event: Any) -> Dict[str, Any]:
    """An event's dictionary without what differs between runs (time, random ids)."""
    data = dict(event.as_dict())
    data.pop("timestamp", None)
    data.pop("message_id", None)
    if "parse_data" in data:
        data["parse_data"] = {k: v for k, v in data["parse_data"].items() if k != "message_id"}
    return data


@pytest.mark.model
async def test_conversations_give_the_same_replies_and_events() -> None:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.tracker_store import InMemoryTrackerStore

    model = serve.published_or_newest_model()
    if model is None:
        pytest.skip("no trained model in models/")
    agent = Agent.load(str(model))

    async def conversations() -> List[Any]:
        random.seed(3)  # responses with several wordings are drawn at random
        np.random.seed(3)
        store = InMemoryTrackerStore(agent.domain)
        agent.tracker_store = agent.processor.tracker_store = store
        seen: List[Any] = []
        for number in range(2):
            sender = f"perf-{number}"
            for text in SCRIPT:
                channel = CollectingOutputChannel()
                await agent.handle_message(UserMessage(text, channel, sender))
                seen.append((text, channel.messages))
            tracker = await store.retrieve_full_tracker(sender)
            assert tracker is not None
            seen.append([comparable(event) for event in tracker.events])
        return seen

    await conversations()  # sentence embeddings cached for both runs alike
    stock = await conversations()
    try:
        assert len(hooks.install_turn_speedups()) == 14
        fast = await conversations()
        with structlog_filtering(logging.INFO):  # as `rasa run` logs: no debug-log copies
            again = await conversations()
    finally:
        hooks.uninstall()
    assert fast == stock and again == stock


@pytest.mark.model
async def test_remembered_rule_lookups_are_the_stock_keys() -> None:
    """Every rule lookup of whole conversations, the check's included, against stock Rasa's."""
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.core.tracker_store import InMemoryTrackerStore

    model = serve.published_or_newest_model()
    if model is None:
        pytest.skip("no trained model in models/")
    stock = turn_speedups._STOCK_POSSIBLE_KEYS
    compared: List[int] = []
    try:
        hooks.install_turn_speedups()
        agent = Agent.load(str(model))  # its RulePolicy loaded through the hook: read-only
        remembered = RulePolicy._get_possible_keys

        def checked(self: RulePolicy, lookup: Dict[str, str], states: List[Any]) -> Any:
            fast = remembered(self, lookup, states)
            assert fast == stock(self, lookup, states), states[-4:]
            compared.append(len(states))
            return fast

        RulePolicy._get_possible_keys = checked
        agent.tracker_store = agent.processor.tracker_store = InMemoryTrackerStore(agent.domain)
        for number in range(2):
            for text in SCRIPT:
                await agent.handle_message(
                    UserMessage(text, CollectingOutputChannel(), f"rules-{number}")
                )
        nodes = agent.processor.graph_runner._instantiated_nodes.values()
        policies = [n._component for n in nodes if isinstance(n._component, RulePolicy)]
        memos = [memo for p in policies for _, memo in p.__dict__["_meso_lookup_memos"].values()]
        assert memos and all(0 < len(memo.answers) < len(compared) for memo in memos)
    finally:
        hooks.uninstall()
    assert RulePolicy._get_possible_keys is stock
    assert len(compared) > 100 and max(compared) > 20  # long conversations were compared


# --- dialogue states carried on -------------------------------------------------------------
def _history() -> List[Any]:
    """A conversation with what makes states hard: hidden rule turns, a loop, slots, a rewind
    (the visitor's message taken back), a bot action undone, and a restart."""
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionReverted,
        ActiveLoop,
        Restarted,
        SlotSet,
        UserUtteranceReverted,
        UserUttered,
    )

    def said(text: str, intent: str) -> List[Any]:
        return [ActionExecuted("action_listen"), UserUttered(text, {"name": intent})]

    return [
        *said("hi", "greet"),
        ActionExecuted("utter_hello"),
        *said("can I have it", "check_eligibility"),
        ActionExecuted("action_start_screening", hide_rule_turn=True),
        ActionExecuted("screening_form", hide_rule_turn=True),
        ActiveLoop("screening_form"),
        SlotSet("requested_slot", "screen_pregnancy"),
        *said("no", "deny"),
        ActionExecuted("screening_form"),
        SlotSet("screen_pregnancy", "no"),
        SlotSet("requested_slot", "screen_conditions"),
        *said("what was that", "nlu_fallback"),
        UserUtteranceReverted(),
        *said("diabetes", "inform"),
        ActionExecuted("utter_hello"),
        ActionReverted(),
        ActionExecuted("screening_form"),
        SlotSet("screen_conditions", ["diabetes"]),
        ActiveLoop(None),
        *said("thanks", "thanks"),
        ActionExecuted("utter_noworries", hide_rule_turn=True),
        Restarted(),
        *said("hello again", "greet"),
        ActionExecuted("utter_hello"),
    ]


@pytest.mark.parametrize(
    ("omit_unset_slots", "ignore_rule_only_turns", "rule_only_data"),
    [
        (False, False, None),
        (False, True, {"slots": ["requested_slot"], "loops": ["screening_form"]}),
        (True, True, None),
    ],
)
def test_carried_on_states_are_the_stock_states(
    turn_speedups_installed: List[str],
    omit_unset_slots: bool,
    ignore_rule_only_turns: bool,
    rule_only_data: Any,
) -> None:
    """After each event of a conversation, and for a second conversation beside it."""
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load("domain.yml")
    stock = turn_speedups._STOCK_STATES
    events = _history()
    options = dict(
        omit_unset_slots=omit_unset_slots,
        ignore_rule_only_turns=ignore_rule_only_turns,
        rule_only_data=rule_only_data,
    )
    compared = 0
    for end in range(1, len(events) + 1):
        for sender, history in (("a", events[:end]), ("b", events[: max(1, end // 2)])):
            tracker = DialogueStateTracker.from_events(sender, history, domain.slots)
            expected = stock(domain, tracker, **options)
            assert domain.states_for_tracker_history(tracker, **options) == expected, end
            compared += 1
    # a caller changing the states it got changes nothing for the next caller
    tracker = DialogueStateTracker.from_events("a", events, domain.slots)
    for state in domain.states_for_tracker_history(tracker, **options):
        state.clear()
    assert domain.states_for_tracker_history(tracker, **options) == stock(
        domain, tracker, **options
    )
    assert compared == 2 * len(events)


def test_another_domain_or_history_is_not_carried_on(turn_speedups_installed: List[str]) -> None:
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load("domain.yml")
    first = [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet"})]
    tracker = DialogueStateTracker.from_events("c", first, domain.slots)
    domain.states_for_tracker_history(tracker)
    # the same sender, another history of the same length: stock states, not the last ones
    other = [ActionExecuted("action_listen"), UserUttered("bye", {"name": "goodbye"})]
    tracker = DialogueStateTracker.from_events("c", other, domain.slots)
    assert domain.states_for_tracker_history(tracker) == turn_speedups._STOCK_STATES(
        domain, tracker
    )
    assert domain.states_for_tracker_history(tracker)[-1]["user"]["intent"] == "goodbye"
    # a slot set to another value at the same moment is another history
    moment = 1_700_000_000.0
    for value in ("no", "yes"):
        events = [*other, SlotSet("screen_pregnancy", value, timestamp=moment)]
        tracker = DialogueStateTracker.from_events("c", events, domain.slots)
        states = domain.states_for_tracker_history(tracker)
        assert states == turn_speedups._STOCK_STATES(domain, tracker)
    # another domain (a new model swapped in): afresh
    again = Domain.load("domain.yml")
    assert again.states_for_tracker_history(tracker) == turn_speedups._STOCK_STATES(again, tracker)


async def compared_in_conversations(
    owner: Any, name: str, compare: Callable[..., int], sender: str
) -> List[int]:
    """Run two conversations of SCRIPT through the model with the speed-ups installed, every
    call of `owner.name` checked by `compare(fast, self, *args)` (it asserts and returns a
    size); the sizes compared. The speed-ups and `owner.name` are restored after."""
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.tracker_store import InMemoryTrackerStore

    model = serve.published_or_newest_model()
    if model is None:
        pytest.skip("no trained model in models/")
    stock = getattr(owner, name)
    compared: List[int] = []
    try:
        hooks.install_turn_speedups()
        fast_one = getattr(owner, name)

        def checked(self: Any, *args: Any, **kwargs: Any) -> Any:
            fast = fast_one(self, *args, **kwargs)
            compared.append(compare(fast, self, *args, **kwargs))
            return fast

        setattr(owner, name, checked)
        agent = Agent.load(str(model))
        agent.tracker_store = agent.processor.tracker_store = InMemoryTrackerStore(agent.domain)
        for number in range(2):
            for text in SCRIPT:
                await agent.handle_message(
                    UserMessage(text, CollectingOutputChannel(), f"{sender}-{number}")
                )
    finally:
        hooks.uninstall()
    assert getattr(owner, name) is stock
    return compared


@pytest.mark.model
async def test_carried_on_states_of_whole_conversations_are_the_stock_states() -> None:
    """Every dialogue-state computation of two conversations through the trained model."""

    def compare(fast: Any, domain: Domain, tracker: Any, *args: Any, **kwargs: Any) -> int:
        assert fast == turn_speedups._STOCK_STATES(domain, tracker, *args, **kwargs)
        return len(fast)

    compared = await compared_in_conversations(
        Domain, "states_for_tracker_history", compare, "states"
    )
    assert len(compared) > 100 and max(compared) > 20  # long conversations were compared


def test_rule_policies_not_loaded_from_a_model_are_not_remembered() -> None:
    """A policy being trained (its lookup still changing) gets stock Rasa's lookups."""
    from rasa.core.policies.rule_policy import RulePolicy

    policy = RulePolicy.__new__(RulePolicy)
    state = {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}
    lookup = {json.dumps([state]): "utter_greet"}
    try:
        hooks.install_turn_speedups()
        assert policy._get_possible_keys(lookup, [state]) == set(lookup)
        lookup.clear()  # a lookup that changes is read afresh
        assert policy._get_possible_keys(lookup, [state]) == set()
        assert "_meso_lookup_memos" not in policy.__dict__
    finally:
        hooks.uninstall()


# --- debug-log arguments ---------------------------------------------------------------------
@contextlib.contextmanager
def structlog_filtering(level: int) -> Iterator[None]:
    """structlog configured as `rasa run` does (a filtering logger at `level`), then restored."""
    saved = structlog.get_config()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(level))
    try:
        yield
    finally:
        structlog.configure(**saved)


def debug_log_arguments(tree: ast.AST) -> List[ast.AST]:
    """The argument expressions of every `structlogger.debug(...)` call in a module."""
    found: List[ast.AST] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "debug"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "structlogger"
        ):
            found += [*node.args, *(keyword.value for keyword in node.keywords)]
    return found


def inside(node: ast.AST, roots: List[ast.AST]) -> bool:
    """Whether `node` is one of `roots` or within one of them."""
    return any(node is child for root in roots for child in ast.walk(root))


@pytest.mark.parametrize("module_name", turn_speedups.LOG_ONLY_COPY_MODULES)
def test_those_modules_deep_copy_only_for_their_debug_log(module_name: str) -> None:
    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    arguments = debug_log_arguments(tree)
    uses = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "copy"
    ]
    assert uses, f"{module_name} no longer uses copy: take it off the list"
    for use in uses:
        assert use.attr == "deepcopy", f"{module_name}:{use.lineno} copy.{use.attr}"
        assert inside(use, arguments), f"{module_name}:{use.lineno} deepcopy outside a debug log"


def test_the_states_text_is_read_by_rule_policys_debug_log_only() -> None:
    tree = ast.parse(inspect.getsource(importlib.import_module("rasa.core.policies.rule_policy")))
    arguments = debug_log_arguments(tree)
    assigned = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and node.value.func.attr == "format_tracker_states"
    ]
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "format_tracker_states"
    ]
    assert len(assigned) == len(calls) == 1  # one call, its value kept in one name
    (target,) = assigned[0].targets
    assert isinstance(target, ast.Name)
    reads = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id == target.id and isinstance(node.ctx, ast.Load)
    ]
    assert reads and all(inside(read, arguments) for read in reads)


def test_deep_copies_and_states_text_are_rasas_when_debug_is_logged(
    turn_speedups_installed: List[str],
) -> None:
    from rasa.core.policies import memoization
    from rasa.core.policies.policy import Policy
    from rasa.core.policies.rule_policy import RulePolicy

    states: List[Dict[str, Any]] = [
        {"user": {"intent": "greet"}, "prev_action": {"action_name": "action_listen"}}
    ]
    with structlog_filtering(logging.DEBUG):
        assert turn_speedups.debug_logged()
        copied = memoization.copy.deepcopy(states)
        assert copied == states and copied is not states and copied[0] is not states[0]
        assert RulePolicy.format_tracker_states(states) == Policy.format_tracker_states(states)
        assert "user intent: greet" in RulePolicy.format_tracker_states(states)
    with structlog_filtering(logging.INFO):
        assert not turn_speedups.debug_logged()
        assert memoization.copy.deepcopy(states) is states
        assert RulePolicy.format_tracker_states(states) == ""
        assert memoization.copy.copy is copy.copy  # the rest of the module is the real one


def test_uninstall_gives_the_modules_their_copy_back(turn_speedups_installed: List[str]) -> None:
    from rasa.core.policies.rule_policy import RulePolicy

    hooks.uninstall()
    for name in turn_speedups.LOG_ONLY_COPY_MODULES:
        assert importlib.import_module(name).copy is copy
    assert "format_tracker_states" not in RulePolicy.__dict__


def test_applied_events_are_worked_out_again_when_the_tracker_changes(
    turn_speedups_installed: List[str],
) -> None:
    """Kept per tracker and event list: an appended event, a new tracker or a replaced list
    each give Rasa's applied events again, and the states stay the stock states."""
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load("domain.yml")
    events = _history()
    tracker = DialogueStateTracker.from_events("kept", events[:4], domain.slots)
    first, seen = turn_speedups._applied_and_fingerprints(tracker)
    again, seen_again = turn_speedups._applied_and_fingerprints(tracker)
    assert again is first and seen_again is seen  # asked twice of one tracker: worked out once
    for event in events[4:]:
        tracker.update(event)
        applied, _ = turn_speedups._applied_and_fingerprints(tracker)
        assert applied == tracker.applied_events()
        assert domain.states_for_tracker_history(tracker) == turn_speedups._STOCK_STATES(
            domain, tracker
        )
    # the same number of events with another last one (a list replaced): worked out again
    tracker.events.pop()
    tracker.events.append(ActionExecuted("utter_goodbye"))
    applied, _ = turn_speedups._applied_and_fingerprints(tracker)
    assert applied[-1].action_name == "utter_goodbye"
    replaced = [ActionExecuted("action_listen"), UserUttered("bye", {"name": "goodbye"})]
    tracker.events = type(tracker.events)(replaced)
    assert turn_speedups._applied_and_fingerprints(tracker)[0] == replaced


def test_the_empty_domain_check_is_rasas(turn_speedups_installed: List[str]) -> None:
    assert Domain.is_empty is turn_speedups.domain_is_empty
    assert Domain.empty().is_empty()
    assert Domain.from_dict({}).is_empty()
    assert not Domain.load("domain.yml").is_empty()
    assert not Domain.from_dict({"intents": ["greet"]}).is_empty()


# --- trackers copied from their state -------------------------------------------------------
def tracker_state(tracker: Any) -> Dict[str, Any]:
    """Everything a tracker holds, slot by slot (value and whether it was set)."""
    return {
        "events": list(tracker.events),
        "slots": {
            name: (type(slot), slot.value, slot.has_been_set, slot.__dict__)
            for name, slot in tracker.slots.items()
        },
        "others": {
            name: getattr(tracker, name)
            for name in (
                "sender_id",
                "sender_source",
                "is_rule_tracker",
                "_max_event_history",
                "_paused",
                "followup_action",
                "latest_action",
                "latest_bot_utterance",
                "active_loop",
                "model_id",
                "assistant_id",
            )  # fmt: skip
        },
        "latest_message": tracker.latest_message,
        "maxlen": tracker.events.maxlen,
    }


def assert_same_copy(fast: Any, stock: Any, original: Any) -> None:
    assert tracker_state(fast) == tracker_state(stock)
    for name in ("latest_message", "latest_bot_utterance"):
        event = getattr(stock, name)
        if any(event is one for one in stock.events):
            assert getattr(fast, name) is event  # the same event object
        else:  # the empty one, each tracker its own
            assert getattr(fast, name) is not getattr(original, name)
    assert all(a is b for a, b in zip(fast.events, stock.events, strict=True))
    assert fast.events is not original.events
    assert fast.active_loop is None or fast.active_loop is not original.active_loop
    assert all(fast.slots[name] is not slot for name, slot in original.slots.items())


@pytest.mark.parametrize("max_event_history", [None, 5])
def test_copies_are_rasas_replayed_copies(
    turn_speedups_installed: List[str], max_event_history: Any
) -> None:
    """After each event of a conversation with loops, rewinds and a restart."""
    from rasa.shared.core.events import LoopInterrupted
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load("domain.yml")
    events = _history()
    events.insert(9, LoopInterrupted(True))  # the active loop changed in place
    for end in range(len(events) + 1):
        tracker = DialogueStateTracker.from_events(
            "copied", events[:end], domain.slots, max_event_history
        )
        tracker.model_id = "a-model"
        tracker.sender_source = "a-file"
        fast = tracker.copy()
        assert_same_copy(fast, turn_speedups._STOCK_COPY(tracker), tracker)
        # the copy goes on by itself: what happens to it leaves the original as it was
        before = tracker_state(tracker)
        fast.update(LoopInterrupted(False))
        fast.update(events[min(end, len(events) - 1)])
        assert tracker_state(tracker) == before


@pytest.mark.model
async def test_copies_inside_whole_conversations_are_rasas() -> None:
    """Every tracker copy the processor makes in two conversations through the model."""
    from rasa.shared.core.trackers import DialogueStateTracker

    def compare(fast: Any, tracker: Any) -> int:
        assert_same_copy(fast, turn_speedups._STOCK_COPY(tracker), tracker)
        return len(tracker.events)

    compared = await compared_in_conversations(DialogueStateTracker, "copy", compare, "copies")
    assert len(compared) > 50 and max(compared) > 100  # long conversations were compared


# --- applied events carried on ------------------------------------------------------------
def test_applied_events_carried_on_are_rasas_after_every_event(
    turn_speedups_installed: List[str],
) -> None:
    """One tracker growing event by event, and a new tracker at every length, with loops
    activated late, rejected, interrupted, rewound and restarted."""
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionExecutionRejected,
        ActiveLoop,
        LoopInterrupted,
        SlotSet,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load("domain.yml")
    events = _history()
    events[8:8] = [
        ActionExecutionRejected("screening_form"),
        LoopInterrupted(True),
        ActionExecuted("utter_faq"),
        ActionExecuted("screening_form"),
    ]
    events += [  # a second loop, activated only now: the fold is made afresh
        ActionExecuted("booking_form"),
        ActiveLoop("booking_form"),
        SlotSet("requested_slot", "booking_name"),
        ActionExecuted("action_listen"),
        UserUttered("Sam", {"name": "inform"}),
        ActionExecuted("booking_form"),
        ActiveLoop(None),
    ]
    stock = turn_speedups._STOCK_APPLIED
    growing = DialogueStateTracker("grows", domain.slots)
    for end, event in enumerate(events, start=1):
        growing.update(event)
        assert growing.applied_events() == stock(growing), end
        assert growing.applied_events() == stock(growing), end  # asked twice: the same
        fresh = DialogueStateTracker.from_events("fresh", events[:end], domain.slots)
        assert fresh.applied_events() == stock(fresh), end
    # callers get their own list
    mine = growing.applied_events()
    mine.clear()
    assert growing.applied_events() == stock(growing)
    # a replaced event list, or one shortened and grown again, is folded afresh
    growing.events = type(growing.events)(events[:5])
    assert growing.applied_events() == stock(growing)
    growing.events.pop()
    growing.events.append(ActionExecuted("utter_goodbye"))
    assert growing.applied_events() == stock(growing)


@pytest.mark.model
async def test_applied_events_of_whole_conversations_are_rasas() -> None:
    """Every applied-events call of two conversations through the trained model."""
    from rasa.shared.core.trackers import DialogueStateTracker

    def compare(fast: Any, tracker: Any) -> int:
        assert fast == turn_speedups._STOCK_APPLIED(tracker)
        return len(tracker.events)

    compared = await compared_in_conversations(
        DialogueStateTracker, "applied_events", compare, "applied"
    )
    assert len(compared) > 100 and max(compared) > 100
