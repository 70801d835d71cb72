"""The booking request in conversation (issue #16): start, read every turn, finish, pause.

`booking_form` asks, in order, only what is still unknown (`required_slots`):

1. a name (`booking_name`);
2. how to be contacted (`booking_channel`: phone or e-mail), unless a number or an address
   was already given; then the number (`booking_phone`, E.164) or the address
   (`booking_email`), validated with what is wrong said plainly;
3. a preferred day and time (`booking_time`: confirmed words, or "skipped");
4. consent to be contacted (`booking_consent`); "no" ends the request, nothing is kept;
5. only when a suitability check was done: "Do you want the team to see what you told me in
   the check?" (`booking_share_check`; only an explicit yes includes it);
6. the summary to confirm (`booking_confirm`).

As in the suitability check (decision 0001), the validation reads every message whole,
whichever question is open: a number, an address, a name or a day given early or as a
correction ("no, my number is ...", "change the time to friday") is applied; cancel ("actually
don't call me", "forget it") and goodbye end the request with nothing sent; thanks, FAQ
questions, the booking link, the clinic's contact and "am I a bot?" are answered, then the
form asks its question again. Forget-me and emergency or urgent warning signs are rules
(data/booking.yml): the form's slot mappings skip those intents. A warning sign pauses the
request (`action_pause_booking`) and offers to carry on later.

`action_finish_booking` saves a confirmed request with `meso.booking.store` (the delivery
side) and says honestly what happened. No function here logs a contact detail.
"""

from __future__ import annotations

import asyncio
import importlib
import re
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional

import phonenumbers
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.booking.reading import (
    EmailReading,
    PhoneReading,
    TimeReading,
    find_email,
    find_name,
    find_phone,
    no_preference,
    read_time,
)
from actions.clinic import clinic_template_vars
from actions.names import (
    ACTION_FINISH_BOOKING,
    ACTION_PAUSE_BOOKING,
    ACTION_START_BOOKING,
    VALIDATE_BOOKING_FORM,
)
from actions.safety import not_covered_reply, warning_reply
from actions.turns import (
    earlier_user_events,
    faq_response,
    latest_intent,
    message_entity,
    message_text,
    said,
)
from meso.settings import clinic_settings
from meso_nlu.courtesy import BYE, THANKS

NAME = "booking_name"
CHANNEL = "booking_channel"  # "phone" or "email": how the visitor wants to be contacted
PHONE = "booking_phone"  # E.164
EMAIL = "booking_email"
TIME = "booking_time"  # confirmed words, or TIME_SKIPPED
CONSENT = "booking_consent"  # "yes" (a "no" ends the request)
SHARE_CHECK = "booking_share_check"  # "yes" or "no"
CONFIRM = "booking_confirm"  # "yes" (the visitor confirmed the summary)
CONTACT = "booking_contact"  # the contact in words, for the questions ("07700 900123")
SUMMARY = "booking_summary"  # the request in words, for the summary to confirm
PENDING = "booking_pending"  # "change": the visitor wants to change something
END = "booking_end"  # confirmed, cancelled, refused, goodbye or paused
REQUESTED = "requested_slot"
TIME_SKIPPED = "skipped"
CHECK_SLOT = "screening_conditions"
FORM_SLOTS = (NAME, CHANNEL, PHONE, EMAIL, TIME, CONSENT, SHARE_CHECK, CONFIRM)
ALL_SLOTS = (*FORM_SLOTS, CONTACT, SUMMARY, PENDING, END)
DEFAULT_COUNTRY = "GB"
# How long the visitor's last turn waits to say "sent" rather than "saved, will be passed on".
SENT_WAIT_SECONDS = 1.5

YES = re.compile(
    r"^\W*(yes|yeah|yea|yep|yup|sure|ok|okay|please do|go ahead|go for it|send( it)?|"
    r"that'?s (right|correct|fine|it)|correct|all good|looks (good|right|fine)|perfect|"
    r"absolutely|of course|fine|i agree|agreed|i consent|y|yes please)\b",
    re.I,
)
NO = re.compile(
    r"^\W*(no|nope|nah|not really|no thanks|no thank you|don'?t|do not|i'?d rather not|"
    r"rather not|i don'?t agree|n)\b",
    re.I,
)
CANCEL = re.compile(
    r"\b((don'?t|do not|dont|no need to|pls don'?t) (call|ring|phone|contact|email|e-mail|text|"
    r"bother) me|cancel|never ?mind|forget (it|about it|that|the (request|booking|call))|"
    r"scrap (it|that)|i'?ll (call|ring|phone|book|do it) (myself|later|online)|"
    r"i'?ll book (it )?myself|not interested|no longer (need|want)|changed my mind)\b|"
    r"^\W*stop\W*$",
    re.I,
)
EMAIL_WORDS = re.compile(r"\b(e-?mail|mail|inbox)\b", re.I)
PHONE_WORDS = re.compile(
    r"\b(phone|call|ring|mobile|number|text|whatsapp|landline|cell|phone number)\b", re.I
)
CHANGE = re.compile(
    r"\b(change|wrong|correct|fix|edit|update|not right|mistake|typo|different)\b", re.I
)
CHANGE_WHAT = (
    (TIME, re.compile(r"\b(time|day|date|when)\b", re.I)),
    (NAME, re.compile(r"\b(name)\b", re.I)),
    (PHONE, re.compile(r"\b(number|phone|contact|e-?mail|address|details)\b", re.I)),
)
ASKS = re.compile(
    r"\?|^\s*(what|whats|how|hows|is|are|does|do|can|could|will|would|should|who|when|why|"
    r"where|which|tell me|explain)\b",
    re.I,
)
START_OVER = re.compile(r"\b(start (it )?(over|again)|from the (beginning|start))\b", re.I)


def clinic_country() -> str:
    """The clinic's country (ISO 3166 code, clinic.yml `country`): how local numbers read."""
    return str(clinic_settings().get("country") or DEFAULT_COUNTRY).upper()


def date_order(country: str) -> str:
    """How the clinic's visitors write numeric dates ("4/12"): month first only in the US."""
    return "MDY" if country in ("US", "PH") else "DMY"


def now_local() -> datetime:
    """The current time (naive, the server's local time, as the opening hours are)."""
    return datetime.now()


def phone_words(e164: str) -> str:
    """A stored number as the visitor would write it (national format at home)."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    home = phonenumbers.country_code_for_region(clinic_country())
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def contact_words(slots: Dict[str, Any]) -> Optional[str]:
    """How the team will contact the visitor, in words ("by phone on 07700 900123")."""
    parts = []
    if slots.get(PHONE):
        parts.append(f"by phone on {phone_words(str(slots[PHONE]))}")
    if slots.get(EMAIL):
        parts.append(f"by e-mail at {slots[EMAIL]}")
    if len(parts) == 2 and slots.get(CHANNEL) == "email":
        parts.reverse()
    return " or ".join(parts) or None


def check_findings(tracker: Tracker) -> List[str]:
    """What the visitor told the suitability check, one phrase per condition ([] if no check)."""
    stored = tracker.get_slot(CHECK_SLOT)
    if not isinstance(stored, dict) or not stored:
        return []
    from actions.knowledge import load_knowledge
    from actions.screening import status_phrase

    knowledge = load_knowledge()
    return [
        status_phrase(knowledge, key, status)
        for key, status in stored.items()
        if (key in knowledge.conditions or key in knowledge.groups)
        and status in ("present", "absent", "past", "uncertain")
    ]


def summary_text(slots: Dict[str, Any], findings: List[str]) -> str:
    """The request in words, as the visitor confirms it (markdown list)."""
    when = slots.get(TIME)
    lines = [
        f"- **Name:** {slots.get(NAME) or '-'}",
        f"- **Contact:** {contact_words(slots) or '-'}",
        f"- **Preferred time:** {'no preference' if when in (None, TIME_SKIPPED) else when}",
    ]
    if findings:
        shared = slots.get(SHARE_CHECK) == "yes"
        lines.append(
            "- **From the suitability check:** "
            + ("; ".join(findings) if shared else "not included")
        )
    return "\n".join(lines)


@dataclass
class BookingTurn:
    """One visitor message inside the booking request, read whole."""

    text: str
    intent: str
    phone: Optional[PhoneReading]
    email: Optional[EmailReading]
    time: Optional[TimeReading]

    @classmethod
    def read(cls, tracker: Tracker) -> BookingTurn:
        """Read the latest message for the request."""
        text = message_text(tracker)
        return cls(
            text=text,
            intent=latest_intent(tracker),
            phone=find_phone(text, clinic_country()) if text else None,
            email=find_email(text) if text else None,
            time=read_time(text, now_local(), date_order(clinic_country())) if text else None,
        )

    @classmethod
    def read_text(cls, text: str, intent: str) -> BookingTurn:
        """Read a text as if it were the latest message."""
        country = clinic_country()
        return cls(
            text=text,
            intent=intent,
            phone=find_phone(text, country) if text else None,
            email=find_email(text) if text else None,
            time=read_time(text, now_local(), date_order(country)) if text else None,
        )

    @property
    def yes(self) -> bool:
        """A plain yes (words or button)."""
        if self.text:
            return bool(YES.search(self.text)) and not NO.search(self.text)
        return self.intent == "affirm"

    @property
    def no(self) -> bool:
        """A plain no (words or button)."""
        if self.text:
            return bool(NO.search(self.text))
        return self.intent == "deny"

    @property
    def cancels(self) -> bool:
        """Whether the visitor calls the request off ("actually don't call me")."""
        if not self.text:
            return self.intent == "stop"
        return bool(CANCEL.search(self.text)) or (
            self.intent == "stop" and not (self.phone or self.email or self.time)
        )

    @property
    def leaving(self) -> bool:
        """Whether the visitor says goodbye."""
        return self.intent == "goodbye" or (
            bool(BYE.search(self.text)) and self.intent not in ("faq", "book_consultation")
        )

    @property
    def asks(self) -> bool:
        """Whether the message asks something."""
        return bool(ASKS.search(self.text))


def apply_contact(
    dispatcher: CollectingDispatcher,
    turn: BookingTurn,
    slots: Dict[str, Any],
    requested: Optional[str],
) -> Dict[str, Any]:
    """Slot updates for a number or an address in the message; says what is wrong with one."""
    updates: Dict[str, Any] = {}
    text = turn.text
    if turn.phone and turn.phone.e164:
        if slots.get(PHONE) != turn.phone.e164:
            updates[PHONE] = turn.phone.e164
        if not slots.get(EMAIL) or slots.get(CHANNEL) != "email" or PHONE_WORDS.search(text):
            updates[CHANNEL] = "phone"
    elif turn.phone and turn.phone.problem and requested != TIME:
        dispatcher.utter_message(response="utter_booking_invalid_phone", problem=turn.phone.problem)
        updates["_problem"] = True
    if turn.email and turn.email.address:
        if slots.get(EMAIL) != turn.email.address:
            updates[EMAIL] = turn.email.address
        if not (turn.phone and turn.phone.e164):
            updates[CHANNEL] = "email"
    elif turn.email and turn.email.problem:
        dispatcher.utter_message(response="utter_booking_invalid_email", problem=turn.email.problem)
        updates["_problem"] = True
    dont_call = re.search(r"\b(don'?t|do not|dont) (call|ring|phone)\b", text, re.I)
    if dont_call and (EMAIL_WORDS.search(text) or updates.get(EMAIL)):
        # "don't call me, e-mail me instead": the number is dropped
        updates.update({PHONE: None, CHANNEL: "email"})
    if re.search(r"\b(don'?t|do not|dont) (e-?mail|mail)\b", text, re.I) and (
        PHONE_WORDS.search(text) or updates.get(PHONE)
    ):
        updates.update({EMAIL: None, CHANNEL: "phone"})
    return updates


def channel_choice(text: str) -> Optional[str]:
    """The way to be contacted a message names ("by e-mail", "call me")."""
    if EMAIL_WORDS.search(text) and not re.search(r"\b(don'?t|not) (e-?mail|mail)", text, re.I):
        return "email"
    if PHONE_WORDS.search(text):
        return "phone"
    return None


def answer_other_things(
    dispatcher: CollectingDispatcher, tracker: Tracker, turn: BookingTurn
) -> bool:
    """Reply to a question or request inside the booking; whether there was one."""
    intent = turn.intent
    details = clinic_template_vars()
    if intent == "faq":
        if not turn.asks:
            return False  # an answer the classifier took for a question ("after my session")
        if message_entity(tracker, "after_effects") is not None:
            warning_reply(dispatcher, turn.text, "expected")
        elif message_entity(tracker, "not_covered") is not None:
            not_covered_reply(dispatcher, turn.text)
        else:
            response = faq_response(tracker)
            if not response:
                return False
            dispatcher.utter_message(response=response)
        return True
    if intent == "not_covered":
        not_covered_reply(dispatcher, turn.text)
    elif intent == "after_effects":
        warning_reply(dispatcher, turn.text, "expected")
    elif intent == "bot_challenge":
        dispatcher.utter_message(response="utter_iamabot")
    elif intent == "human_handoff":
        dispatcher.utter_message(response="utter_contact", **details)
    elif intent == "book_consultation" and details["booking_url"] and turn.asks:
        dispatcher.utter_message(response="utter_booking", **details)
    elif intent == "check_eligibility":
        dispatcher.utter_message(response="utter_booking_check_later")
    elif intent == "out_of_scope" and turn.asks:
        dispatcher.utter_message(response="utter_out_of_scope")  # "who won the match lol"
    else:
        return False
    return True


def read_contact_and_time(
    dispatcher: CollectingDispatcher,
    turn: BookingTurn,
    slots: Dict[str, Any],
    requested: Optional[str],
) -> Dict[str, Any]:
    """Updates for what any message may give: contact details, a name, a day and time."""
    updates = apply_contact(dispatcher, turn, slots, requested)
    name = find_name(turn.text, asked=requested == NAME) if turn.text else None
    if name is None and requested == NAME and turn.text:
        for part in re.split(r"[,;]|\band\b|\bon\b", turn.text):
            name = find_name(part, asked=True)
            if name:
                break
    if name and name != slots.get(NAME):
        updates[NAME] = name
    reading = turn.time
    about_booking = turn.intent in ("request_callback", "book_consultation")
    said_when = requested == TIME or (
        reading is not None and reading.has_day and (about_booking or not turn.asks)
    )
    if reading is not None and said_when and not (requested == NAME and name == turn.text):
        if reading.words != slots.get(TIME):
            updates[TIME] = reading.words
    elif requested == TIME and turn.text and no_preference(turn.text):
        updates[TIME] = TIME_SKIPPED
    return updates


class ValidateBookingForm(FormValidationAction):
    """Read each message of the booking request whole (see the module doc)."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return VALIDATE_BOOKING_FORM

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        """What is still to ask, in order; nothing once the request ended."""
        if tracker.get_slot(END):
            return []
        raw = str((tracker.latest_message or {}).get("text") or "")

        def known(name: str) -> bool:
            # the open question's slot holds the message itself until it is validated
            value = tracker.get_slot(name)
            unread = name == tracker.get_slot(REQUESTED) and value == raw
            return bool(value) and not unread

        slots = [NAME]
        if not known(PHONE) and not known(EMAIL):
            channel = tracker.get_slot(CHANNEL)
            slots.append({"phone": PHONE, "email": EMAIL}.get(str(channel), CHANNEL))
        slots += [TIME, CONSENT]
        if check_findings(tracker):
            slots.append(SHARE_CHECK)
        slots.append(CONFIRM)
        return slots

    async def validate_booking_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while the name is asked."""
        return self.interpret(dispatcher, tracker, NAME, value)

    async def validate_booking_channel(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while phone or e-mail is asked."""
        return self.interpret(dispatcher, tracker, CHANNEL, value)

    async def validate_booking_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while the phone number is asked."""
        return self.interpret(dispatcher, tracker, PHONE, value)

    async def validate_booking_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while the e-mail address is asked."""
        return self.interpret(dispatcher, tracker, EMAIL, value)

    async def validate_booking_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while the preferred day and time are asked."""
        return self.interpret(dispatcher, tracker, TIME, value)

    async def validate_booking_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while consent to be contacted is asked."""
        return self.interpret(dispatcher, tracker, CONSENT, value)

    async def validate_booking_share_check(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while sharing the check's answers is asked."""
        return self.interpret(dispatcher, tracker, SHARE_CHECK, value)

    async def validate_booking_confirm(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while the summary is to be confirmed."""
        return self.interpret(dispatcher, tracker, CONFIRM, value)

    def interpret(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, value: Any
    ) -> Dict[str, Any]:
        """Slot updates for the latest message, read while the question `slot` is open."""
        if value is None or tracker.get_slot(REQUESTED) != slot:
            return {}  # not an answer to this question (e.g. slots set when starting)
        slots = {name: tracker.get_slot(name) for name in ALL_SLOTS}
        slots[slot] = None  # the message itself, not an earlier answer
        turn = BookingTurn.read(tracker)
        updates: Dict[str, Any] = {slot: None, PENDING: None}
        if turn.text and THANKS.search(turn.text) or turn.intent == "thank":
            dispatcher.utter_message(response="utter_screening_welcome")
        if START_OVER.search(turn.text):
            dispatcher.utter_message(response="utter_booking_restarted")
            return {**{name: None for name in ALL_SLOTS}, **self.summary({}, tracker)}
        found = read_contact_and_time(dispatcher, turn, slots, slot)
        problem = bool(found.pop("_problem", False))
        gives_details = any(found.get(k) for k in (PHONE, EMAIL, TIME, NAME))
        if turn.leaving and not gives_details:
            return {slot: None, END: "goodbye", REQUESTED: None}  # "thx bye" is no name
        if turn.cancels and not gives_details and not (slot == CONSENT and turn.no):
            return {slot: None, END: "cancelled", REQUESTED: None}
        updates.update(found)
        understood = gives_details or problem or CHANNEL in found
        understood = self.answer(dispatcher, turn, slot, slots, updates) or understood
        if not understood and answer_other_things(dispatcher, tracker, turn):
            understood = True
        if updates.get(END):
            return {**updates, REQUESTED: None}
        said_time = found.get(TIME) not in (None, TIME_SKIPPED) and slot != CONFIRM
        if said_time:  # the day and time said back in plain words at once
            dispatcher.utter_message(response="utter_booking_noted_time", time=found[TIME])
        changed = [k for k in (NAME, PHONE, EMAIL, TIME) if k in found and slots.get(k)]
        if changed and not (said_time and changed == [TIME]):
            dispatcher.utter_message(response="utter_booking_updated")
        if not understood and not (turn.intent == "thank" or THANKS.search(turn.text)):
            dispatcher.utter_message(response=f"utter_booking_help_{slot.split('_', 1)[1]}")
        merged = {**slots, **updates}
        if any(k in found for k in (NAME, PHONE, EMAIL, TIME)) and slot != CONFIRM:
            updates[CONFIRM] = None
        if slot == CONFIRM and any(k in found for k in (NAME, PHONE, EMAIL, TIME)):
            updates[CONFIRM] = None
        updates.update(self.summary(merged, tracker))
        return updates

    @staticmethod
    def answer(
        dispatcher: CollectingDispatcher,
        turn: BookingTurn,
        slot: str,
        slots: Dict[str, Any],
        updates: Dict[str, Any],
    ) -> bool:
        """Apply the answer to the open question; whether the message answered it."""
        if slot == CHANNEL:
            choice = channel_choice(turn.text) if turn.text else None
            if choice and not updates.get(CHANNEL):
                updates[CHANNEL] = choice
            return bool(choice)
        if slot == PHONE:
            if not updates.get(PHONE) and channel_choice(turn.text) == "email":
                updates[CHANNEL] = "email"
                return True
            return bool(updates.get(PHONE))
        if slot == EMAIL:
            if not updates.get(EMAIL) and channel_choice(turn.text) == "phone":
                updates[CHANNEL] = "phone"
                return True
            return bool(updates.get(EMAIL))
        if slot == NAME:
            return bool(updates.get(NAME))
        if slot == TIME:
            return bool(updates.get(TIME))
        if slot == CONSENT:
            if turn.yes:
                updates[CONSENT] = "yes"
            elif turn.no or turn.cancels:
                updates[END] = "refused"
            return turn.yes or turn.no
        if slot == SHARE_CHECK:
            if turn.yes:
                updates[SHARE_CHECK] = "yes"
                return True
            if turn.no or not (turn.asks or turn.intent in ("faq", "bot_challenge")):
                updates[SHARE_CHECK] = "no"  # only an explicit yes shares the check
                return True
            return False
        if slot == CONFIRM:
            return ValidateBookingForm.answer_confirm(turn, slots, updates)
        return False

    @staticmethod
    def answer_confirm(turn: BookingTurn, slots: Dict[str, Any], updates: Dict[str, Any]) -> bool:
        """The answer to the summary: send it, change something, or a correction."""
        corrected = any(k in updates for k in (NAME, PHONE, EMAIL, TIME))
        if corrected:
            return True
        if turn.yes and not CHANGE.search(turn.text):
            updates[CONFIRM] = "yes"
            updates[END] = "confirmed"
            return True
        wants = [slot for slot, pattern in CHANGE_WHAT if pattern.search(turn.text)]
        if wants and (CHANGE.search(turn.text) or slots.get(PENDING) == "change"):
            for slot in wants[:1]:
                if slot == PHONE:
                    updates.update({PHONE: None, EMAIL: None, CHANNEL: None})
                else:
                    updates[slot] = None
            return True
        if turn.no or CHANGE.search(turn.text):
            updates[PENDING] = "change"
            return True
        return False

    @staticmethod
    def summary(slots: Dict[str, Any], tracker: Tracker) -> Dict[str, Any]:
        """The words the questions show: the contact and the whole request."""
        return {
            CONTACT: contact_words(slots),
            SUMMARY: summary_text(slots, check_findings(tracker)),
        }


class ActionStartBooking(Action):
    """Start (or carry on with) a booking request, keeping what the opening message says."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_START_BOOKING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Introduce the request and read the opening message ("call me on 07700 900123")."""
        details = clinic_template_vars()
        if tracker.get_slot(END) == "paused":
            slots = {name: tracker.get_slot(name) for name in ALL_SLOTS}
            slots[END] = None
            dispatcher.utter_message(response="utter_booking_resumed")
        else:
            slots = {name: None for name in ALL_SLOTS}
            dispatcher.utter_message(
                response="utter_booking_intro"
                if details["booking_url"]
                else "utter_booking_intro_no_link",
                **details,
            )
            turn = BookingTurn.read(tracker)
            earlier = booking_request_before(tracker)
            if earlier:  # "an appointment on friday morning" -> the offer -> "leave my details"
                turn = BookingTurn.read_text(f"{earlier}. {turn.text}".strip(" ."), turn.intent)
            found = read_contact_and_time(dispatcher, turn, slots, None)
            found.pop("_problem", None)
            if turn.time is not None and TIME not in found and turn.intent != "faq":
                found[TIME] = turn.time.words  # "thursday afternoon if possible"
            choice = channel_choice(turn.text) if turn.text else None
            if choice and not found.get(CHANNEL):
                found[CHANNEL] = choice
            slots.update(found)
            if found.get(TIME):
                dispatcher.utter_message(response="utter_booking_noted_time", time=found[TIME])
        slots.update(ValidateBookingForm.summary(slots, tracker))
        return [SlotSet(name, value) for name, value in slots.items()]


def booking_request_before(tracker: Tracker) -> str:
    """The visitor's previous message when it asked to book and got the offer, else ''.

    "I'd like an appointment on friday morning" gets the link and the offer; the day it
    named is kept when the visitor then chooses to leave details.
    """
    earlier = earlier_user_events(tracker)
    if not earlier:
        return ""
    previous = earlier[0]
    intent = ((previous.get("parse_data") or {}).get("intent") or {}).get("name")
    text = said(previous)
    if intent != "book_consultation" or text.startswith("/"):
        return ""
    return text


def cleared() -> List[EventType]:
    """Events that forget the request's details in the conversation."""
    return [SlotSet(name, None) for name in ALL_SLOTS]


class ActionFinishBooking(Action):
    """The end of the request: save a confirmed one, or say that nothing was sent."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_FINISH_BOOKING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Send what fits how the request ended, then clear its details from the slots."""
        details = clinic_template_vars()
        end = tracker.get_slot(END)
        if end == "confirmed" and tracker.get_slot(CONFIRM) == "yes":
            await self.save(dispatcher, tracker, details)
        elif end == "refused":
            dispatcher.utter_message(response="utter_booking_no_consent", **details)
        elif end == "goodbye":
            dispatcher.utter_message(response="utter_booking_cancelled")
            dispatcher.utter_message(response="utter_goodbye")
        else:
            dispatcher.utter_message(response="utter_booking_cancelled")
        return cleared()

    async def save(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, details: Dict[str, Any]
    ) -> None:
        """Save the request for delivery, and tell the visitor honestly what happened."""
        when = tracker.get_slot(TIME)
        share = tracker.get_slot(SHARE_CHECK) == "yes"
        findings = check_findings(tracker) if share else []
        try:
            store = importlib.import_module("meso.booking.store")
        except ImportError:
            dispatcher.utter_message(response="utter_booking_not_saved", **details)
            return
        request = store.BookingRequest(
            request_id=uuid.uuid4().hex,
            conversation_id=tracker.sender_id,
            name=str(tracker.get_slot(NAME) or ""),
            phone=tracker.get_slot(PHONE) or None,
            email=tracker.get_slot(EMAIL) or None,
            preferred_time=None if when in (None, TIME_SKIPPED) else str(when),
            check_summary=findings or None,
            created_at=time.time(),
        )
        loop = asyncio.get_running_loop()
        try:
            requests = store.BookingStore.from_settings()
            await loop.run_in_executor(None, requests.add, request)
        except (store.BookingStoreError, OSError, ValueError):
            dispatcher.utter_message(response="utter_booking_not_saved", **details)
            return
        settings = clinic_settings()
        if not store.delivery_configured(settings):
            dispatcher.utter_message(response="utter_booking_not_sent", **details)
            return
        channel = "e-mail" if tracker.get_slot(CHANNEL) == "email" else "phone"
        if not tracker.get_slot(PHONE):
            channel = "e-mail"
        elif not tracker.get_slot(EMAIL):
            channel = "phone"
        try:  # the action server's worker usually sends it within tens of milliseconds
            status = await loop.run_in_executor(
                None, requests.wait_until_sent, request.request_id, SENT_WAIT_SECONDS
            )
        except (store.BookingStoreError, AttributeError):
            status = None
        dispatcher.utter_message(
            response="utter_booking_sent" if status == "delivered" else "utter_booking_saved",
            name=request.name,
            promise=store.next_contact_promise(now_local(), settings),
            channel=channel,
            **details,
        )


class ActionPauseBooking(Action):
    """After an emergency or urgent sign inside the request: stop asking, keep it unsent."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_PAUSE_BOOKING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Deactivate the form; the details stay so the request can be carried on later."""
        dispatcher.utter_message(response="utter_booking_paused")
        return [SlotSet(END, "paused"), ActiveLoop(None), SlotSet(REQUESTED, None)]
