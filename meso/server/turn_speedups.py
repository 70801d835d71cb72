"""Per-turn CPU of the Rasa server where Rasa has no extension point: measured fixes.

Profiled with py-spy on the Rasa server under `make benchmark`'s saturation load (10
conversations, no think time); installed by the launcher (meso/server/hooks.py
`install_turn_speedups`), version-checked and undone like meso/server/speedups.py.

1. **Graphs run in order, without dask.** Rasa runs its NLU and policy graphs (two or
   three graph runs per reply) with `dask.get`, which builds a task graph, orders it and
   schedules every node through its generic executor on every call: about 6% of the
   server's CPU under load, beside the work of the nodes themselves. `SequentialGraphRun`
   runs the same nodes with the same inputs in the order dask ran them the first time it
   saw the same targets and input names (recorded once per runner, so components run in
   exactly dask's order), each node getting its dependencies' `(name, value)` outputs as
   dask passes them; the same results and exceptions come out (RuntimeError still becomes
   Rasa's GraphRunError). A runner that is not a DaskGraphRunner is left alone.
2. **Slots copied without the pickle protocol.** `DialogueStateTracker.__init__` copies
   every slot of the domain with `copy.copy`, and a tracker is built many times per turn
   (from the store, per prediction for each prior state, per action for a temporary
   copy): `copy.copy` goes through `__reduce_ex__` and `copyreg`, about 4 µs a slot, 27
   slots, 5% of the server's CPU. `Slot.__copy__` does what that protocol does for a
   plain object (a new instance of the same class, the same attribute dictionary copied
   shallowly), about four times faster; a slot class with its own `__slots__`, pickling
   or copying methods is copied the standard way.
3. **Rule lookups on the states a rule can see, remembered.** RulePolicy finds the rules
   that apply by filtering all its rule keys against every state of the conversation, newest
   first (`_get_possible_keys`): each prediction, with the text and with the intent, 11% of
   the server's CPU under load, growing with the conversation's length although a state
   older than the longest rule lets every remaining key through. For a policy loaded from a
   model (its lookup no longer changes), `possible_keys` filters against the newest states
   only, as many as the longest rule has, and remembers the answer for those states: the
   same set of keys (a rule never compares a user text when no rule key has one, so the
   text's value is left out of the key when none has).
4. **Dialogue states carried on from the last prediction.** Both policies turn the whole
   conversation into states for every prediction (`Domain.states_for_tracker_history`):
   each prior tracker rebuilt event by event and every one turned into a state, 12% of the
   server's CPU under load, growing with the conversation. The states of a history are a
   function of the domain, the slots' initial values and the applied events alone, so for a
   conversation whose applied events begin with the ones seen last time (compared by type,
   timestamp and name, text, slot or value: a rewind, a restart or another history starts
   afresh), only the new events are applied, to the prior tracker kept from last time, and
   only their states computed, by the same steps as Rasa's loop; callers get copies. The
   applied events and their fingerprints are worked out once per tracker and event list
   (both policies, and RulePolicy more than once, ask in every prediction).
5. **Debug-log arguments built only when debug is logged.** Rasa builds the arguments of its
   structlog debug calls before the call, logged or not: a deep copy of the conversation's
   states in MemoizationPolicy and of each action's events in the processor, and all the
   states formatted as text in RulePolicy, each prediction (about 0.3 ms for the states of
   a 12-turn conversation, growing with it). With structlog filtering debug out (what `rasa
   run` configures below `--debug`), the modules whose `copy` serves only those arguments get
   a `copy` whose `deepcopy` hands the value back, and RulePolicy's states text is left
   empty; with debug logged, both are Rasa's own. A test reads those modules' source to
   check that `copy` and the states text are used in debug-log arguments only.
6. **The empty-domain check without an empty domain.** Rasa's processor asks
   `Domain.is_empty` of every parsed message, which builds a whole empty Domain from a
   dictionary to compare with (1.2% of the event loop under load); the empty domain's data
   is built once and compared the same way.
7. **A tracker copied from its state.** The processor copies the tracker for every action it
   runs, and Rasa's copy replays every event of the conversation (2.8% of the event loop);
   the copy takes the state as it stands (a tracker with `max_event_history` is replayed).
8. **Applied events carried on as the tracker grows.** Rasa folds over every event on each
   `applied_events` call (the session check, both policies, the action server's state); the
   fold goes on from where the last call on the same tracker stopped, when its event deque
   is the same, its earlier events the same, and no new loop is activated.
"""

from __future__ import annotations

import copy
import json
import logging
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Hashable,
    List,
    Optional,
    Sequence,
    Set,
    Tuple,
    TypeVar,
)

import aiohttp
import dask
import structlog
import ujson
from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.constants import DEFAULT_SENDER_ID
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

from meso.server import patching

logger = logging.getLogger(__name__)
E = TypeVar("E", bound=Event)

# --- 1. graphs run in dask's order without dask ---------------------------------------------
OrderKey = Tuple[Tuple[str, ...], Tuple[str, ...]]
# runner -> (targets, input names) -> node names in the order dask ran them
_ORDERS: weakref.WeakKeyDictionary[DaskGraphRunner, Dict[OrderKey, List[str]]] = (
    weakref.WeakKeyDictionary()
)


class _Recorder:
    """A graph node that notes its name in `order` when dask calls it."""

    def __init__(self, name: str, node: Callable[..., Any], order: List[str]) -> None:
        self.name, self.node, self.order = name, node, order

    def __call__(self, *args: Any) -> Any:
        self.order.append(self.name)
        return self.node(*args)


def run_in_order(
    runner: DaskGraphRunner,
    inputs: Optional[Dict[str, Any]] = None,
    targets: Optional[List[str]] = None,
) -> Dict[str, Any]:
    """DaskGraphRunner.run: the first call per (targets, inputs) through dask, then in order."""
    run_targets = targets if targets else runner._graph_schema.target_names
    schema = runner._graph_schema.minimal_graph_schema(run_targets)
    values: Dict[str, Any] = {}
    if inputs:
        for input_name, input_value in inputs.items():
            if isinstance(input_value, str) and input_value in schema.nodes:
                raise GraphRunError(
                    f"Input value '{input_value}' clashes with a node name. Make sure "
                    f"that none of the input names passed to the `run` method are the "
                    f"same as node names in the graph schema."
                )
            values[input_name] = (input_name, input_value)
    if any(isinstance(value, str) for value in (inputs or {}).values()):
        return DaskGraphRunner.run(runner, inputs, targets)  # dask may read a string as a key
    key: OrderKey = (tuple(run_targets), tuple(sorted(values)))
    orders = _ORDERS.setdefault(runner, {})
    order = orders.get(key)
    nodes = runner._instantiated_nodes
    if order is None:
        recorded: List[str] = []
        run_graph: Dict[str, Any] = {
            name: (_Recorder(name, nodes[name], recorded), *node.needs.values())
            for name, node in schema.nodes.items()
        }
        run_graph.update(values)
        try:
            result = dict(dask.get(run_graph, run_targets))
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e
        if sorted(recorded) == sorted(schema.nodes):  # every node ran once: keep the order
            orders[key] = recorded
        return result
    try:
        for name in order:
            needs = schema.nodes[name].needs.values()
            # dask hands a node its dependencies' outputs; a name that is no key stays as is
            values[name] = nodes[name](*[values.get(need, need) for need in needs])
        return dict(values[target] for target in run_targets)
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e


def install_sequential_graph_runs() -> None:
    """Run Rasa's graphs in dask's recorded order without dask's scheduler."""

    def run(
        self: DaskGraphRunner,
        inputs: Optional[Dict[str, Any]] = None,
        targets: Optional[List[str]] = None,
    ) -> Dict[str, Any]:
        """DaskGraphRunner.run, each node in dask's order without dask's per-call scheduling."""
        return run_in_order(self, inputs, targets)

    patching.replace(
        DaskGraphRunner, "run", run, "graph nodes run in dask's recorded order, without dask"
    )


# --- 2. slots copied as copy.copy copies a plain object -------------------------------------
_COPY_PROTOCOL = (
    "__reduce__", "__reduce_ex__", "__getstate__", "__setstate__", "__getnewargs__",
    "__getnewargs_ex__",
)  # fmt: skip
_PLAIN: Dict[type, bool] = {}


def is_plain(cls: type) -> bool:
    """Whether copy.copy copies `cls` as a plain object (new instance, shallow __dict__)."""
    plain = _PLAIN.get(cls)
    if plain is None:
        plain = (
            not any(
                name in klass.__dict__
                for klass in cls.__mro__
                if klass is not object
                for name in _COPY_PROTOCOL
            )
            and not any(klass.__dict__.get("__slots__") for klass in cls.__mro__)
            and all(klass.__dict__.get("__copy__", slot_copy) is slot_copy for klass in cls.__mro__)
        )
        _PLAIN[cls] = plain
    return plain


def slot_copy(self: Slot) -> Slot:
    """copy.copy(slot): what the pickle protocol does for a plain object, directly."""
    cls = type(self)
    if not is_plain(cls):
        reductor = self.__reduce_ex__(4)
        return copy._reconstruct(self, None, *reductor)  # type: ignore[attr-defined]
    new: Slot = cls.__new__(cls)  # type: ignore[call-overload]
    new.__dict__.update(self.__dict__)
    return new


def install_fast_slot_copy() -> None:
    """Copy slots (every tracker built copies all of them) without the pickle protocol."""
    _PLAIN.clear()
    patching.replace(
        Slot, "__copy__", slot_copy, "slots copied without the pickle protocol", add=True
    )


# --- 3. rule lookups on the newest states, remembered ----------------------------------------
_READ_ONLY = "_meso_rules_read_only"  # set on a RulePolicy built by `load` (from a model)
_MEMO_LIMIT = 20_000  # distinct state windows remembered per lookup before starting afresh


class _LookupMemo:
    """What one read-only rule lookup needs: its longest rule, text use, and answers so far."""

    def __init__(self, policy: RulePolicy, lookup: Dict[str, str]) -> None:
        rule_states = [policy._rule_key_to_state(key) for key in lookup]
        self.window = max((len(states) for states in rule_states), default=0)
        self.compares_text = any(
            "text" in (state.get("user") or {}) for states in rule_states for state in states
        )
        self.answers: Dict[Hashable, FrozenSet[str]] = {}


def _frozen(state: Dict[str, Any], keep_text: bool) -> Hashable:
    """A state (sub-states of feature -> value) as a hashable key, in a canonical order."""
    parts = []
    for kind in sorted(state):
        sub = state[kind]
        if not keep_text and kind == "user" and "text" in sub:
            sub = dict(sub, text="")  # its presence stays in the key, its words do not
        parts.append((kind, tuple(sorted(sub.items()))))
    return tuple(parts)


def possible_keys(self: RulePolicy, lookup: Dict[str, str], states: List[Any]) -> Set[str]:
    """RulePolicy._get_possible_keys: the same keys, from the newest states, remembered.

    Rasa's `_is_rule_applicable` passes every key at a state older than the key's rule, so
    the states beyond the longest rule change nothing; `lookup` must not change after the
    first call, which holds for a policy loaded from a model (only those are remembered).
    """
    if not getattr(self, _READ_ONLY, False):
        return _STOCK_POSSIBLE_KEYS(self, lookup, states)
    memos: Dict[int, Tuple[Dict[str, str], _LookupMemo]] = self.__dict__.setdefault(
        "_meso_lookup_memos", {}
    )
    entry = memos.get(id(lookup))
    if entry is None or entry[0] is not lookup:
        entry = memos[id(lookup)] = (lookup, _LookupMemo(self, lookup))
    memo = entry[1]
    window = states[-memo.window :] if memo.window else []
    try:
        key: Optional[Hashable] = tuple(_frozen(state, memo.compares_text) for state in window)
        hash(key)
    except TypeError:  # an unhashable feature value: answer without remembering
        key = None
    if key is not None:
        found = memo.answers.get(key)
        if found is not None:
            return set(found)
    keys = set(lookup)
    for index, state in enumerate(reversed(window)):
        keys = {rule for rule in keys if self._is_rule_applicable(rule, index, state)}
        if not keys:
            break
    if key is not None:
        if len(memo.answers) >= _MEMO_LIMIT:
            memo.answers.clear()
        memo.answers[key] = frozenset(keys)
    return keys


_STOCK_POSSIBLE_KEYS: Callable[..., Set[str]] = RulePolicy._get_possible_keys


def install_rule_lookup_memo() -> None:
    """RulePolicy: rule lookups on the newest states, remembered for policies from a model."""
    stock_load = RulePolicy.load.__func__

    def load(cls: type, *args: Any, **kwargs: Any) -> RulePolicy:
        """RulePolicy.load (a trained policy, read only from now on), marked read-only."""
        policy = stock_load(cls, *args, **kwargs)
        setattr(policy, _READ_ONLY, True)
        return policy

    patching.replace(
        RulePolicy,
        "load",
        classmethod(load),
        "loaded rule policies marked read-only (their rule lookups are remembered)",
        add=True,
    )
    patching.replace(
        RulePolicy,
        "_get_possible_keys",
        possible_keys,
        "rule lookups on the newest states a rule can see, remembered",
    )


# --- 4. dialogue states carried on from the last prediction ----------------------------------
_HISTORIES_LIMIT = 1_000  # conversations whose states are kept, the least recent dropped first
State = Dict[str, Dict[str, Any]]


@dataclass
class _History:
    """One conversation's states so far, for one set of arguments, and where they stopped."""

    domain: Domain
    slots: List[Tuple[str, Any]]  # the slots' names and initial values (the history's start)
    rule_only_data: Optional[Dict[str, Any]]
    prior: DialogueStateTracker  # the prior tracker after the events seen so far
    seen: List[Hashable] = field(default_factory=list)  # those events' fingerprints
    states: List[State] = field(default_factory=list)  # one per action executed so far
    last_ml_action: Optional[Dict[str, Any]] = None  # Rasa's loop variables, as they stand
    hidden: bool = False


_HISTORIES: OrderedDict[Tuple[Any, ...], _History] = OrderedDict()


def _fingerprint(event: Event) -> Hashable:
    """What tells two events of one conversation apart, cheaply (not their whole content)."""
    if isinstance(event, SlotSet):
        value = event.value
        if not isinstance(value, (str, int, float, bool, type(None))):
            value = repr(value)
        return (SlotSet, event.timestamp, event.key, value)
    if isinstance(event, UserUttered):
        return (UserUttered, event.timestamp, event.text, event.intent_name)
    if isinstance(event, ActionExecuted):
        return (ActionExecuted, event.timestamp, event.action_name, event.action_text)
    return (type(event), event.timestamp, getattr(event, "name", None))


def _step(
    domain: Domain,
    history: _History,
    prior: DialogueStateTracker,
    hide: bool,
    omit_unset_slots: bool,
    ignore_rule_only_turns: bool,
) -> Optional[State]:
    """One pass of Rasa's loop in `states_for_tracker_history`: the state at `prior`, if any.

    Updates the history's loop variables; the caller appends the state it returns.
    """
    if ignore_rule_only_turns:
        if not history.hidden:
            history.last_ml_action = domain._get_prev_action_sub_state(prior)
        if not prior.followup_action and not prior.latest_action_name == prior.active_loop_name:
            history.hidden = hide
        if history.hidden:
            return None
    state = domain.get_active_state(prior, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, history.rule_only_data)
        if history.states:
            domain._substitute_rule_only_user_input(state, history.states[-1])
        if history.last_ml_action:
            state["prev_action"] = history.last_ml_action
    return domain._clean_state(state)


def _copied(state: State) -> State:
    return {kind: dict(sub) for kind, sub in state.items()}


_APPLIED = "_meso_applied_events"  # a tracker's applied events, kept on the tracker itself


def _grown_from(events: Any, kept: Any, count: int, last: Optional[Event]) -> bool:
    """Whether `events` is the deque `kept` with its first `count` events as they were.

    Rasa's trackers only ever append to their event deque: it is the same object, at least
    as long, and its event at `count` - 1 is still `last` (held by the caller, so that no new
    event can take its id).
    """
    return events is kept and count <= len(events) and (count == 0 or events[count - 1] is last)


def _applied_and_fingerprints(
    tracker: DialogueStateTracker,
) -> Tuple[List[Event], List[Hashable]]:
    """The tracker's applied events and their fingerprints, worked out once per event list.

    Both policies ask for the states of the same tracker in every prediction (RulePolicy
    more than once), and Rasa's `applied_events` walks the whole conversation each time.
    The answer is kept on the tracker with what it was worked out from: the event deque
    itself, its length and its last event (held, so that no new event can take its id).
    Rasa's trackers only ever append to that deque, so any change shows in those three.
    """
    raw = tracker.events
    last = raw[-1] if raw else None
    kept = tracker.__dict__.get(_APPLIED)
    if kept is not None and kept[1] == len(raw) and _grown_from(raw, kept[0], kept[1], kept[2]):
        return kept[3], kept[4]
    events = tracker.applied_events()
    seen = [_fingerprint(event) for event in events]
    tracker.__dict__[_APPLIED] = (raw, len(raw), last, events, seen)
    return events, seen


def states_for_tracker_history(
    self: Domain,
    tracker: DialogueStateTracker,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: Optional[Dict[str, Any]] = None,
) -> List[State]:
    """Domain.states_for_tracker_history: the same states, the known part carried on."""
    events, seen = _applied_and_fingerprints(tracker)
    slots = [(slot.name, slot.initial_value) for slot in tracker.slots.values()]
    key = (tracker.sender_id, tracker.is_rule_tracker, omit_unset_slots, ignore_rule_only_turns)
    history = _HISTORIES.get(key)
    if (
        history is None
        or history.domain is not self
        or history.rule_only_data != rule_only_data
        or history.slots != slots
        or (history.seen is not seen and seen[: len(history.seen)] != history.seen)
    ):
        # the prior tracker keeps no event list: a state reads the tracker's slots, latest
        # message, action and loop, never its past events
        prior = DialogueStateTracker(
            tracker.sender_id, tracker.slots.values(), 1, is_rule_tracker=tracker.is_rule_tracker
        )
        history = _History(self, slots, copy.deepcopy(rule_only_data), prior)
    _HISTORIES[key] = history
    _HISTORIES.move_to_end(key)
    if len(_HISTORIES) > _HISTORIES_LIMIT:
        _HISTORIES.popitem(last=False)
    for event in events[len(history.seen) :]:
        if isinstance(event, ActionExecuted):
            state = _step(
                self,
                history,
                history.prior,
                event.hide_rule_turn,
                omit_unset_slots,
                ignore_rule_only_turns,
            )
            if state is not None:
                history.states.append(state)
        history.prior.update(event)
    history.seen = seen
    # the state after the last event, from a copy of the loop variables (the next call goes
    # on from before it)
    last = _History(
        self,
        slots,
        history.rule_only_data,
        history.prior,
        [],
        history.states,
        history.last_ml_action,
        history.hidden,
    )
    final = _step(self, last, history.prior, False, omit_unset_slots, ignore_rule_only_turns)
    states = [_copied(state) for state in history.states]
    if final is not None:
        states.append(_copied(final))  # it may share a sub-state with the one before
    return states


_STOCK_STATES: Callable[..., List[State]] = Domain.states_for_tracker_history


def install_incremental_states() -> None:
    """Domain.states_for_tracker_history carried on from the last call for a conversation."""
    patching.replace(
        Domain,
        "states_for_tracker_history",
        states_for_tracker_history,
        "dialogue states carried on from the conversation's last prediction",
    )


# --- 6. "is the domain empty?" without building an empty domain ----------------------------
_EMPTY_DOMAIN_DATA: List[Dict[str, Any]] = []  # Domain.empty().as_dict(), built once


def domain_is_empty(self: Domain) -> bool:
    """Domain.is_empty: the same comparison, with the empty domain's data built only once.

    Rasa's processor asks it of every parsed message (`_check_for_unseen_features`), and
    Rasa builds a whole empty Domain from a dictionary each time to compare with.
    """
    if not _EMPTY_DOMAIN_DATA:
        _EMPTY_DOMAIN_DATA.append(copy.deepcopy(Domain.empty().as_dict()))
    return bool(self.as_dict() == _EMPTY_DOMAIN_DATA[0])


def install_fast_empty_domain_check() -> None:
    """Domain.is_empty compared with an empty domain's data built once."""
    patching.replace(
        Domain, "is_empty", domain_is_empty, "empty-domain check against data built once"
    )


# --- 7. a tracker copied from its state, not replayed ----------------------------------------
def tracker_copy(self: DialogueStateTracker) -> DialogueStateTracker:
    """DialogueStateTracker.copy: the same tracker, its state copied instead of replayed.

    Rasa's `copy` builds an empty tracker and applies every event of the conversation again
    (the processor copies the tracker for every action it runs: 2.8% of the event loop under
    load, growing with the conversation). A tracker's state changes only through the events
    it applies, so the copy takes that state as it stands: the same events (one list of the
    same event objects), each slot copied as `init_copy` copies it with the value and whether
    it was set, the latest message, bot utterance and action, the active loop (its own copy:
    Rasa changes it in place), the follow-up action and the pause. What `init_copy` does not
    carry over (the sender's source, the model and assistant ids) stays unset, as in Rasa's.
    A tracker keeping only its newest events (`max_event_history`) is replayed, as Rasa does:
    its replay sees fewer events than its state came from.
    """
    if self._max_event_history is not None:
        return _STOCK_COPY(self)
    new = DialogueStateTracker(
        self.sender_id or DEFAULT_SENDER_ID,
        (),
        self._max_event_history,
        is_rule_tracker=self.is_rule_tracker,
    )
    new.slots = {slot.name: copy.copy(slot) for slot in self.slots.values()}
    new.events = new._create_events(list(self.events))
    new._paused = self._paused
    new.followup_action = self.followup_action
    new.latest_action = None if self.latest_action is None else dict(self.latest_action)
    # an event of the conversation, or the empty one `_reset` made (each tracker its own)
    new.latest_message = _latest(self.latest_message, new.events, UserUttered.empty)
    new.latest_bot_utterance = _latest(self.latest_bot_utterance, new.events, BotUttered.empty)
    new.active_loop = None if self.active_loop is None else copy.copy(self.active_loop)
    return new


def _latest(event: Optional[E], events: Sequence[Event], empty: Callable[[], E]) -> Optional[E]:
    """The same event when it is one of the conversation's, else a new empty one."""
    if event is None or any(one is event for one in reversed(events)):
        return event
    return empty()


_STOCK_COPY: Callable[[DialogueStateTracker], DialogueStateTracker] = DialogueStateTracker.copy


def install_state_copies() -> None:
    """DialogueStateTracker.copy from the tracker's state instead of a replay of its events."""
    patching.replace(
        DialogueStateTracker, "copy", tracker_copy, "trackers copied from their state, not replayed"
    )


# --- 8. applied events carried on as the tracker grows ---------------------------------------
_FOLD = "_meso_applied_fold"  # on a tracker: its applied events, as far as its events went


@dataclass
class _Fold:
    """Rasa's `applied_events` fold over a tracker's events, as far as `count` events."""

    events: Any  # the tracker's event deque the fold was made over
    count: int
    last: Optional[Event]  # events[count - 1], held so that no new event takes its id
    loops: FrozenSet[str]  # the loop names `applied_events` found among the events
    applied: List[Event]


def applied_events(self: DialogueStateTracker) -> List[Event]:
    """DialogueStateTracker.applied_events: the same list, carried on from the last call.

    Rasa folds over every event of the conversation on each call (the session check, both
    policies in every prediction, the action server's tracker state). The fold depends on
    the events seen so far and on the names of the loops activated anywhere in the
    conversation; Rasa's trackers only append to their event deque. So when the deque is the
    one the last call folded, its events up to there are the same objects, and the new
    events activate no loop the fold did not know, the fold goes on from where it stopped;
    otherwise it is made afresh, as Rasa makes it. Callers get a new list each time.
    """
    events = self.events
    count = len(events)
    kept: Optional[_Fold] = self.__dict__.get(_FOLD)
    if kept is not None and _grown_from(events, kept.events, kept.count, kept.last):
        new = [events[i] for i in range(kept.count, count)]
        if not any(isinstance(e, ActiveLoop) and e.name and e.name not in kept.loops for e in new):
            applied = list(kept.applied)
            _fold(self, applied, new, kept.loops)
            self.__dict__[_FOLD] = _Fold(events, count, events[-1] if count else None,
                                         kept.loops, applied)  # fmt: skip
            return list(applied)
    loops = frozenset(e.name for e in events if isinstance(e, ActiveLoop) and e.name)
    applied = []
    _fold(self, applied, list(events), loops)
    self.__dict__[_FOLD] = _Fold(events, count, events[-1] if count else None, loops, applied)
    return list(applied)


def _fold(
    tracker: DialogueStateTracker, applied: List[Event], events: List[Event], loops: FrozenSet[str]
) -> None:
    """Rasa's loop in `applied_events`, over `events`, onto `applied` (in place)."""
    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loops
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


_STOCK_APPLIED: Callable[[DialogueStateTracker], List[Event]] = DialogueStateTracker.applied_events


def install_applied_events_carried_on() -> None:
    """DialogueStateTracker.applied_events carried on from its last call on the tracker."""
    patching.replace(
        DialogueStateTracker,
        "applied_events",
        applied_events,
        "applied events carried on as the tracker grows",
    )


# --- request bodies to the action server, serialised by ujson --------------------------------
def json_body(value: Any) -> str:
    """`json.dumps(value)` by ujson (the same JSON text, read back to the same values).

    Every custom action call sends the whole tracker (all its events) to the action server;
    aiohttp's default `json.dumps` took 7% of the Rasa server's CPU under load. Anything ujson
    refuses (NaN, an unknown type) goes to `json.dumps`, as before.
    """
    try:
        return str(ujson.dumps(value, ensure_ascii=False, escape_forward_slashes=False))
    except (TypeError, OverflowError, ValueError):
        return json.dumps(value)


def install_fast_json_bodies() -> None:
    """EndpointConfig sessions that serialise JSON bodies with ujson."""

    def session(self: EndpointConfig) -> aiohttp.ClientSession:
        """EndpointConfig.session (Rasa 3.6's headers, auth and timeout), with ujson bodies."""
        auth = None
        if self.basic_auth:
            auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
        return aiohttp.ClientSession(
            headers=self.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            json_serialize=json_body,
        )

    patching.replace(EndpointConfig, "session", session, "JSON request bodies by ujson")


# --- 5. debug-log arguments built only when debug is logged ----------------------------------
# Rasa modules whose `copy.deepcopy` calls only build arguments of structlog debug calls
# (tests/test_turn_speedups.py reads their source to check it).
LOG_ONLY_COPY_MODULES = (
    "rasa.core.processor",
    "rasa.core.policies.memoization",
    "rasa.core.policies.rule_policy",
    "rasa.core.actions.forms",
)


def debug_logged() -> bool:
    """Whether structlog's configured loggers log debug (its filtering loggers' nop says not)."""
    wrapper = structlog.get_config().get("wrapper_class")
    return getattr(getattr(wrapper, "debug", None), "__name__", "") != "_nop"


class LogOnlyCopy:
    """The `copy` module for a module that deep-copies only for its debug log."""

    def __getattr__(self, name: str) -> Any:
        """Everything else is the `copy` module's."""
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value: Any, memo: Optional[Dict[int, Any]] = None) -> Any:
        """`copy.deepcopy` when debug is logged; else the value itself, which no log reads."""
        if debug_logged():
            return copy.deepcopy(value, memo)
        return value


def states_text(states: List[Dict[str, Any]]) -> str:
    """Policy.format_tracker_states when debug is logged (its only reader); else ''."""
    if debug_logged():
        return str(Policy.format_tracker_states(states))
    return ""


def install_log_only_arguments() -> None:
    """Debug-log arguments of Rasa's hot path built only when debug is logged."""
    import importlib

    for name in LOG_ONLY_COPY_MODULES:
        patching.replace(
            importlib.import_module(name),
            "copy",
            LogOnlyCopy(),
            "deep copies for the debug log made only when debug is logged",
        )
    patching.replace(
        RulePolicy,
        "format_tracker_states",
        staticmethod(states_text),
        "the states text for the debug log made only when debug is logged",
        add=True,
    )
