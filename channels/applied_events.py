"""Rasa's `DialogueStateTracker.applied_events`, with the event types looked up once per class.

Every policy prediction turns the conversation into dialogue states, and each time Rasa
first works out which events still apply (`applied_events`: restarts, reverted turns and
the repeated runs of a form undo earlier events). It asks `isinstance(event, ...)` a dozen
times per event, and each event class derives from `abc.ABC`, so every negative answer
goes through `ABCMeta.__instancecheck__` in Python. For the contraindication check, whose
form runs on every turn, this was 43% of a prediction late in a conversation (cProfile on
the reference VM: 1.2 million isinstance calls for 200 predictions on a 129-event tracker).

`applied_events` below is the same algorithm, step for step (the same three helpers,
the same order of tests), with each event's class mapped once to the answers of those
tests (`EventKind`, the same `issubclass` answers that `isinstance` gives: Rasa's event
classes register no virtual subclasses). tests/integration/test_server_hooks.py checks
that it returns the very same event objects as Rasa's on thousands of random event
sequences built from every event type involved. A tracker class that overrides one of
Rasa's helpers keeps Rasa's own method. install() is called by
channels.performance.install() and is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Type

from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    DefinePrevUserUtteredFeaturization,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

_MARKER = "_meso_applied_events"
HELPERS = (
    "_undo_till_previous",
    "_first_loop_execution_or_unhappy_path",
    "_is_within_unhappy_path",
    "_undo_till_previous_loop_execution",
)


@dataclass(frozen=True)
class EventKind:
    """What Rasa's applied_events asks about an event's class."""

    resets: bool  # Restarted or SessionStarted: forget everything before
    action_reverted: bool
    user_reverted: bool
    action_executed: bool
    active_loop: bool
    user_uttered: bool
    rejected: bool  # ActionExecutionRejected
    featurization: bool  # DefinePrevUserUtteredFeaturization

    @classmethod
    def of(cls, event_class: Type[Event]) -> EventKind:
        """The answers for one event class."""
        return cls(
            resets=issubclass(event_class, (Restarted, SessionStarted)),
            action_reverted=issubclass(event_class, ActionReverted),
            user_reverted=issubclass(event_class, UserUtteranceReverted),
            action_executed=issubclass(event_class, ActionExecuted),
            active_loop=issubclass(event_class, ActiveLoop),
            user_uttered=issubclass(event_class, UserUttered),
            rejected=issubclass(event_class, ActionExecutionRejected),
            featurization=issubclass(event_class, DefinePrevUserUtteredFeaturization),
        )


_KINDS: Dict[type, EventKind] = {}


def kind(event: Any) -> EventKind:
    """The EventKind of an event's class (computed once per class)."""
    found = _KINDS.get(type(event))
    if found is None:
        found = _KINDS[type(event)] = EventKind.of(type(event))
    return found


def _undo_till_previous(wanted: Callable[[EventKind], bool], done: List[Event]) -> None:
    """Drop events from the end up to and including the latest one of the wanted kind."""
    while done:
        dropped = done.pop()
        if wanted(kind(dropped)):
            break


def _first_loop_execution_or_unhappy_path(loop_name: str, done: List[Event]) -> bool:
    """Rasa's test: the loop runs for the first time, or after an unhappy path."""
    next_action: Optional[str] = None
    for event in reversed(done):
        event_kind = kind(event)
        if event_kind.active_loop and event.name is None:
            return True
        if (event_kind.rejected and event.action_name == loop_name) or (
            event_kind.user_uttered and next_action is not None and next_action != loop_name
        ):
            return True
        if event_kind.action_executed:
            if event.action_name == loop_name:
                return False
            next_action = event.action_name
    return True


def _undo_till_previous_loop_execution(loop_name: str, done: List[Event]) -> None:
    """Drop the turns since the loop's previous run, keeping the other events."""
    offset = 0
    for event in reversed(done[:]):
        event_kind = kind(event)
        if event_kind.action_executed and event.action_name == loop_name:
            break
        if event_kind.action_executed or event_kind.user_uttered or event_kind.featurization:
            del done[-1 - offset]
        else:
            offset += 1


def applied_events(tracker: DialogueStateTracker) -> List[Event]:
    """The events that apply to the tracker: without reverted or undone ones."""
    events = list(tracker.events)
    kinds = [kind(event) for event in events]
    loop_names = {
        event.name
        for event, event_kind in zip(events, kinds)
        if event_kind.active_loop and event.name
    }
    done: List[Event] = []
    for event, event_kind in zip(events, kinds):
        if event_kind.resets:
            done = []
        elif event_kind.action_reverted:
            _undo_till_previous(lambda k: k.action_executed, done)
        elif event_kind.user_reverted:
            _undo_till_previous(lambda k: k.user_uttered, done)
            _undo_till_previous(lambda k: k.action_executed, done)
        elif (
            event_kind.action_executed
            and event.action_name in loop_names
            and not _first_loop_execution_or_unhappy_path(event.action_name, done)
        ):
            _undo_till_previous_loop_execution(event.action_name, done)
        else:
            done.append(event)
    return done


def install() -> None:
    """Replace DialogueStateTracker.applied_events (idempotent)."""
    original = DialogueStateTracker.applied_events
    if getattr(original, _MARKER, False):
        return

    def fast_applied_events(self: DialogueStateTracker) -> List[Event]:
        """Returns all actions that should be applied - w/o reverted events."""
        if type(self) is not DialogueStateTracker and any(
            getattr(type(self), name) is not getattr(DialogueStateTracker, name) for name in HELPERS
        ):
            return original(self)  # a subclass with its own rules
        return applied_events(self)

    setattr(fast_applied_events, _MARKER, True)
    setattr(fast_applied_events, "__wrapped__", original)  # noqa: B010 - for tests (mypy)
    DialogueStateTracker.applied_events = fast_applied_events
