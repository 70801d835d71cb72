"""Measured fixes to the Rasa server's per-message overhead where Rasa has no extension point.

Profiled on the reference 2-core VM (`make benchmark`, cProfile of Agent.handle_message); the
tracker store's own fixes are in meso/tracker_store.py, a public extension point.

1. Every custom action call validated the action server's response with
   `jsonschema.validate()`, which first re-validates Rasa's (large, constant) events
   schema against the JSON-Schema meta-schema: tens of ms per call. The validator is
   compiled once (a check turn went from about 200 to 70 ms), and each returned event is
   checked against its own type's schema instead of all of them in turn
   (ActionResponseValidator: same verdicts and errors; 1.7 ms per call down to ~0.2).

2. Python's full garbage collections walk every object in the process: with the model,
   TensorFlow (imported by Rasa) and SQLAlchemy that is over half a million objects, and
   each full collection stopped the server for 300-360 ms, four times during one
   `make benchmark` run (replies waiting behind it). Almost all of those objects live as
   long as the model. `rasa.core.agent.load_agent` (the server's start and PUT /model) is
   wrapped: once a model is loaded and the previous one released, it collects once, then
   moves every surviving object out of the collector's sight (`gc.freeze()`), so later
   collections look only at what the conversations allocate. A new model unfreezes,
   collects the old one and freezes again.

Two earlier patches were dropped when they moved here, because `make benchmark` showed no
end-to-end gain from them (docs/decisions/0004-extension-points.md): a dictionary for
`Event.resolve_by_type` and kept HTTP sessions to the action server.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Any, Awaitable, Callable, Dict

import rasa.core.agent
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from meso.server import patching

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

    patching.replace(
        RemoteAction,
        "_validate_action_result",
        _validate_action_result,
        "action server responses checked by a validator compiled once",
    )


# --- 2. garbage collector: the loaded model is frozen out of full collections --------------
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

    return load_agent


def install_gc_freeze() -> None:
    """After each model load (and the release of the previous model), freeze what lives."""
    patching.replace(
        rasa.core.agent,
        "load_agent",
        freezing_after(rasa.core.agent.load_agent),
        "gc.freeze() of the loaded model",
    )
