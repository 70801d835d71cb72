"""Clinic contact and booking: details come from clinic.yml, never from the responses."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.names import ACTION_BOOK_CONSULTATION, ACTION_SHOW_CONTACT
from meso.settings import clinic_settings
from meso_nlu.safety import ASKS_IF_BOT


def clinic_template_vars() -> Dict[str, Any]:
    """The clinic details that responses may use as {placeholders}."""
    settings = clinic_settings()
    return {
        "clinic_name": settings["name"],
        "phone": settings["phone"],
        "email": settings["email"],
        "opening_hours": settings["opening_hours"],
        "booking_url": settings["booking_url"],
        "emergency_number": settings["emergency_number"],
        "urgent_phone": settings["urgent_phone"],
    }


class ActionShowContact(Action):
    """Give the clinic's contact details (the "talk to a person" hand-off)."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_SHOW_CONTACT

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        """Send the contact details (first that this is a bot, when the visitor asked)."""
        if ASKS_IF_BOT.search(tracker.latest_message.get("text") or ""):
            # "hello is this a bot or can i talk to someone real": both answered
            dispatcher.utter_message(response="utter_iamabot_brief")
        dispatcher.utter_message(response="utter_contact", **clinic_template_vars())
        return []


class ActionBookConsultation(Action):
    """Offer both ways to book: the link (or the phone), or leaving details for a call back.

    Leaving details starts the booking request (actions/booking/).
    """

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_BOOK_CONSULTATION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        """Send the booking link and the offer to leave details."""
        details = clinic_template_vars()
        if details["booking_url"]:
            dispatcher.utter_message(response="utter_booking_offer", **details)
        else:
            dispatcher.utter_message(response="utter_booking_offer_no_link", **details)
        return []
