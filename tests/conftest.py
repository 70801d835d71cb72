"""Shared fixtures: the real domain, a dispatcher, and trackers built from events."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """The project's real domain.yml, plus the FAQ responses kept in data/faq/."""
    data = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for path in sorted((ROOT / "data" / "faq").glob("*.yml")):
        data.setdefault("responses", {}).update(
            yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}
        )
    return data


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    """A dispatcher that collects what actions send."""
    return CollectingDispatcher()


def user_message(
    text: str,
    intent: str = "",
    confidence: float = 1.0,
    response_selector: Optional[Dict[str, Any]] = None,
    intent_ranking: Optional[List[Dict[str, Any]]] = None,
    entities: Optional[List[Dict[str, Any]]] = None,
) -> Dict[str, Any]:
    """A `user` event as Rasa sends it to the action server."""
    parse = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": intent_ranking or [{"name": intent, "confidence": confidence}],
        "entities": list(entities or []),
    }
    if response_selector is not None:
        parse["response_selector"] = response_selector
    return {"event": "user", "text": text, "parse_data": parse}


TrackerFactory = Callable[..., Tracker]


@pytest.fixture
def make_tracker(domain: Dict[str, Any]) -> TrackerFactory:
    """Build a Tracker from slots and events; the latest message comes from the last user event."""

    def build(
        events: Optional[List[Dict[str, Any]]] = None,
        slots: Optional[Dict[str, Any]] = None,
        active_loop: Optional[str] = None,
        sender_id: str = "test-visitor",
    ) -> Tracker:
        events = list(events or [])
        all_slots = {name: None for name in domain.get("slots", {})}
        all_slots.update(slots or {})
        latest: Dict[str, Any] = next(
            (e["parse_data"] for e in reversed(events) if e["event"] == "user"), {}
        )
        return Tracker(
            sender_id=sender_id,
            slots=all_slots,
            latest_message=latest,
            events=events,
            paused=False,
            followup_action=None,
            active_loop={"name": active_loop} if active_loop else {},
            latest_action_name=next(  # the action run last, as Rasa sends it
                (e["name"] for e in reversed(events) if e["event"] == "action"), "action_listen"
            ),
        )

    return build


def responses(dispatcher: CollectingDispatcher) -> List[str]:
    """Names of the responses an action sent, in order."""
    return [m.get("response") or "" for m in dispatcher.messages]
