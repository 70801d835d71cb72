"""The visitor's right to be forgotten: "forget me" deletes the conversation.

The action confirms (utter_forgotten) and restarts the conversation. It cannot delete the
stored events itself: the action server does not hold the conversation (the Rasa server
does, and saves it at the end of the turn, which would write deleted rows back), and it
keeps no database credentials. The Rasa server's tracker store (meso/tracker_store.py,
named in endpoints.yml) deletes every stored event of the sender when it saves a turn in
which this action restarted the conversation, whatever channel the message came from.
"""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.names import ACTION_FORGET_CONVERSATION
from actions.turns import message_text
from meso_nlu.courtesy import THANKS


class ActionForgetConversation(Action):
    """Confirm and restart; the Rasa server then deletes the stored conversation."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_FORGET_CONVERSATION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Say the conversation is deleted and restart it (marks it for deletion)."""
        if THANKS.search(message_text(tracker)):  # "ok thanks. please delete what I told you"
            dispatcher.utter_message(response="utter_screening_welcome")
        dispatcher.utter_message(response="utter_forgotten")
        return [Restarted()]
