"""What the latest visitor message says, as the actions read it from the tracker."""

from __future__ import annotations

from itertools import takewhile
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

from rasa_sdk import Tracker


def message_text(tracker: Tracker) -> str:
    """The latest message's text, or '' for a button payload such as "/affirm"."""
    text = str((tracker.latest_message or {}).get("text") or "")
    return "" if text.startswith("/") else text


def latest_intent(tracker: Tracker) -> str:
    """The latest message's intent name."""
    return str(((tracker.latest_message or {}).get("intent") or {}).get("name") or "")


def faq_response(tracker: Tracker) -> Optional[str]:
    """The retrieval response (e.g. "utter_faq/pain") chosen for the latest message."""
    selector = (tracker.latest_message or {}).get("response_selector") or {}
    for key in ("faq", "default"):
        response = (selector.get(key) or {}).get("response") or {}
        name = response.get("utter_action")
        if name:
            return str(name)
    return None


def faq_confidence(tracker: Tracker) -> float:
    """How sure the classifier is of the latest message's FAQ topic (0 when none)."""
    selector = (tracker.latest_message or {}).get("response_selector") or {}
    response = (selector.get("faq") or {}).get("response") or {}
    return float(response.get("confidence") or 0.0)


def message_entity(tracker: Tracker, name: str) -> Optional[str]:
    """The value of an entity of the latest message, or None."""
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == name:
            return str(entity.get("value") or "")
    return None


def said(event: Dict[str, Any]) -> str:
    """What the visitor said in a `user` event, as the assistant read it.

    That is the text the NLU pipeline read (`parse_data`), without instructions to a program,
    code or markup (meso_nlu/instructions.py); the event's own text is the message as typed.
    """
    read = (event.get("parse_data") or {}).get("text")
    return str(event.get("text") if read is None else read or "")


def earlier_user_events(tracker: Tracker) -> List[Dict[str, Any]]:
    """The visitor's messages before the latest one (their `user` events), latest first."""
    users = [event for event in tracker.events or [] if event.get("event") == "user"]
    return users[-2::-1]


def bot_messages(tracker: Tracker) -> Iterator[Tuple[int, str, str]]:
    """The bot's messages, latest first: (visitor messages since, response name, text).

    A response to the latest message's predecessor comes with 1, the one before with 2...
    """
    messages = 0
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            messages += 1
        elif event.get("event") == "bot":
            name = str((event.get("metadata") or {}).get("utter_action") or "")
            yield messages, name, str(event.get("text") or "")


def bot_responses(tracker: Tracker) -> Iterator[Tuple[int, str]]:
    """`bot_messages` without their texts: (visitor messages since, response name)."""
    return ((since, name) for since, name, _ in bot_messages(tracker))


def responses_this_turn(tracker: Tracker) -> Set[str]:
    """The bot's responses sent since the latest message (earlier actions of this turn)."""
    return {
        name for _, name in takewhile(lambda response: response[0] == 0, bot_responses(tracker))
    }


def responses_just_before(tracker: Tracker) -> List[str]:
    """The bot's responses to the message before the latest one, latest first."""
    just_before = takewhile(lambda response: response[0] <= 1, bot_responses(tracker))
    return [name for since, name in just_before if since == 1]


def previous_faq(tracker: Tracker) -> Optional[str]:
    """The FAQ answer sent before the latest message ("utter_faq/ingredients"), if any.

    Only the answer to the message just before counts.
    """
    return next((n for n in responses_just_before(tracker) if n.startswith("utter_faq/")), None)
