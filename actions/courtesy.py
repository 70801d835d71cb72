"""Thanks and goodbye outside the check, together when a visitor says both ("ok thanks bye")."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from meso_nlu.not_covered import BYE, THANKS


class ActionThanksOrGoodbye(Action):
    """Say you're welcome, goodbye, or both, as the message says."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return "action_thanks_or_goodbye"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        """Answer the thanks and the goodbye the message contains."""
        message = tracker.latest_message or {}
        text = str(message.get("text") or "")
        intent = str((message.get("intent") or {}).get("name") or "")
        leaving = intent == "goodbye" or bool(BYE.search(text))
        if intent == "thank" or THANKS.search(text):
            response = "utter_screening_welcome" if leaving else "utter_you_are_welcome"
            dispatcher.utter_message(response=response)
        if leaving:
            dispatcher.utter_message(response="utter_goodbye")
        return []
