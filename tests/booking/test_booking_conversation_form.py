"""The booking request's actions, on trackers built from events; the store is a fake."""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking.form import (
    ActionFinishBooking,
    ActionPauseBooking,
    ActionStartBooking,
    ValidateBookingForm,
)
from tests.conftest import ROOT, TrackerFactory, responses, user_message

FORM = "booking_form"
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
DETAILS = {
    "booking_name": "Anna",
    "booking_phone": "+447700900123",
    "booking_channel": "phone",
    "booking_time": "Thursday 3 December, afternoon",
    "booking_consent": "yes",
}


def slot_values(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The last value each slot was set to by a list of events."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@dataclass
class FakeStore:
    """Stands in for meso.booking.store.BookingStore: keeps what it is given."""

    saved: List[Any] = field(default_factory=list)
    fail: bool = False
    sent_status: Optional[str] = "pending"

    def add(self, request: Any) -> None:
        if self.fail:
            raise FakeStoreError("database is locked")
        self.saved.append(request)

    def wait_until_sent(self, request_id: str, timeout: float = 2.0) -> Optional[str]:
        return self.sent_status


class FakeStoreError(Exception):
    """Stands in for BookingStoreError."""


@dataclass
class FakeRequest:
    request_id: str
    conversation_id: str
    name: str
    phone: Optional[str]
    email: Optional[str]
    preferred_time: Optional[str]
    check_summary: Optional[List[str]]
    created_at: float


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> FakeStore:
    """A fake booking store, put where the actions import it from."""
    fake = FakeStore()
    module = types.ModuleType("meso.booking.store")
    module.BookingRequest = FakeRequest  # type: ignore[attr-defined]
    module.BookingStoreError = FakeStoreError  # type: ignore[attr-defined]
    module.BookingStore = types.SimpleNamespace(from_settings=lambda: fake)  # type: ignore
    module.next_contact_promise = lambda now, settings: "on Monday morning"  # type: ignore
    module.delivery_configured = lambda settings: True  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "meso.booking.store", module)
    return fake


async def validate(
    dispatcher: CollectingDispatcher,
    make_tracker: TrackerFactory,
    slot: str,
    text: str,
    intent: str = "",
    slots: Optional[Dict[str, Any]] = None,
    **parse: Any,
) -> Dict[str, Any]:
    """Run the form validation as Rasa does after the visitor answered question `slot`."""
    current = dict(slots or {})
    current.update({"requested_slot": slot, slot: text})
    tracker = make_tracker(
        [user_message(text, intent, **parse), SlotSet(slot, text)],
        slots=current,
        active_loop=FORM,
    )
    return slot_values(await ValidateBookingForm().run(dispatcher, tracker, DOMAIN))


async def finish(
    dispatcher: CollectingDispatcher, make_tracker: TrackerFactory, slots: Dict[str, Any]
) -> Dict[str, Any]:
    tracker = make_tracker([user_message("/affirm", "affirm")], slots=slots)
    return slot_values(await ActionFinishBooking().run(dispatcher, tracker, DOMAIN))


# --- starting -------------------------------------------------------------------------------


async def test_a_callback_with_a_number_keeps_the_number(dispatcher, make_tracker) -> None:
    tracker = make_tracker(
        [user_message("can someone call me back on 07700 900123", "request_callback")]
    )
    slots = slot_values(await ActionStartBooking().run(dispatcher, tracker, DOMAIN))
    assert responses(dispatcher) == ["utter_booking_intro"]
    assert slots["booking_phone"] == "+447700900123" and slots["booking_channel"] == "phone"
    assert slots["booking_contact"] == "by phone on 07700 900123"


async def test_a_day_and_time_in_the_opening_is_kept(dispatcher, make_tracker) -> None:
    tracker = make_tracker([user_message("thursday afternoon if possible", "request_callback")])
    slots = slot_values(await ActionStartBooking().run(dispatcher, tracker, DOMAIN))
    assert slots["booking_time"] and slots["booking_time"].startswith("Thursday")
    assert slots["booking_time"].endswith(", afternoon")


async def test_a_number_and_a_day_in_one_question(dispatcher, make_tracker) -> None:
    text = "can someone call me back on 07700 900123? thursday afternoon if possible"
    tracker = make_tracker([user_message(text, "request_callback")])
    slots = slot_values(await ActionStartBooking().run(dispatcher, tracker, DOMAIN))
    assert slots["booking_phone"] == "+447700900123"
    assert slots["booking_time"].startswith("Thursday ")


async def test_a_day_asked_for_before_the_offer_is_kept(dispatcher, make_tracker) -> None:
    tracker = make_tracker(
        [
            user_message("I'd like an appointment on friday morning", "book_consultation"),
            user_message("/request_callback", "request_callback"),
        ]
    )
    slots = slot_values(await ActionStartBooking().run(dispatcher, tracker, DOMAIN))
    assert re.fullmatch(r"Friday \d+ \w+, morning", slots["booking_time"])
    assert responses(dispatcher) == ["utter_booking_intro", "utter_booking_noted_time"]


async def test_the_first_question_is_the_name(dispatcher, make_tracker) -> None:
    tracker = make_tracker([user_message("just book it for me", "request_callback")])
    slots = slot_values(await ActionStartBooking().run(dispatcher, tracker, DOMAIN))
    tracker = make_tracker([user_message("just book it for me", "request_callback")], slots)
    events = await ValidateBookingForm().run(dispatcher, tracker, DOMAIN)
    assert slot_values(events)["requested_slot"] == "booking_name"


async def test_resuming_after_a_pause_keeps_the_details(dispatcher, make_tracker) -> None:
    paused = {**DETAILS, "booking_end": "paused"}
    tracker = make_tracker([user_message("/request_callback", "request_callback")], paused)
    slots = slot_values(await ActionStartBooking().run(dispatcher, tracker, DOMAIN))
    assert responses(dispatcher) == ["utter_booking_resumed"]
    assert slots["booking_phone"] == "+447700900123" and slots["booking_end"] is None


# --- the questions, in order ----------------------------------------------------------------


async def test_name_then_how_to_contact(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "booking_name", "anna smith", "nlu_fallback")
    assert slots["booking_name"] == "Anna Smith"
    assert slots["requested_slot"] == "booking_channel"


async def test_email_is_asked_when_chosen(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "booking_channel", "by e-mail", slots={"booking_name": "Anna"}
    )
    assert slots["booking_channel"] == "email" and slots["requested_slot"] == "booking_email"


async def test_an_email_without_a_domain_is_refused_with_the_reason(
    dispatcher, make_tracker
) -> None:
    before = {"booking_name": "Anna", "booking_channel": "email"}
    slots = await validate(dispatcher, make_tracker, "booking_email", "anna@gmail", slots=before)
    assert responses(dispatcher) == ["utter_booking_invalid_email"]
    assert "ending" in dispatcher.messages[0]["problem"]
    assert slots["booking_email"] is None and slots["requested_slot"] == "booking_email"


async def test_a_short_number_is_refused_with_the_reason(dispatcher, make_tracker) -> None:
    before = {"booking_name": "Anna", "booking_channel": "phone"}
    slots = await validate(dispatcher, make_tracker, "booking_phone", "07700 90012", slots=before)
    assert responses(dispatcher) == ["utter_booking_invalid_phone"]
    assert "too short" in dispatcher.messages[0]["problem"]
    assert slots["requested_slot"] == "booking_phone"


async def test_a_good_number_moves_on_to_the_time(dispatcher, make_tracker) -> None:
    before = {"booking_name": "Anna", "booking_channel": "phone"}
    slots = await validate(dispatcher, make_tracker, "booking_phone", "07700 900123", slots=before)
    assert slots["booking_phone"] == "+447700900123"
    assert slots["requested_slot"] == "booking_time"


async def test_the_day_is_said_back_at_once(dispatcher, make_tracker) -> None:
    before = {k: DETAILS[k] for k in ("booking_name", "booking_phone", "booking_channel")}
    slots = await validate(dispatcher, make_tracker, "booking_time", "thursday pm", slots=before)
    assert responses(dispatcher) == ["utter_booking_noted_time"]
    assert dispatcher.messages[0]["time"] == slots["booking_time"]
    assert re.fullmatch(r"Thursday \d+ \w+, afternoon", slots["booking_time"])


async def test_the_time_can_be_skipped(dispatcher, make_tracker) -> None:
    before = {k: DETAILS[k] for k in ("booking_name", "booking_phone", "booking_channel")}
    slots = await validate(dispatcher, make_tracker, "booking_time", "no preference", slots=before)
    assert slots["booking_time"] == "skipped" and slots["requested_slot"] == "booking_consent"
    assert "no preference" in slots["booking_summary"]


async def test_no_day_or_time_gets_help(dispatcher, make_tracker) -> None:
    before = {k: DETAILS[k] for k in ("booking_name", "booking_phone", "booking_channel")}
    slots = await validate(dispatcher, make_tracker, "booking_time", "hmm", slots=before)
    assert responses(dispatcher) == ["utter_booking_help_time"]
    assert slots["requested_slot"] == "booking_time"


async def test_without_a_check_the_summary_comes_after_consent(dispatcher, make_tracker) -> None:
    before = {k: v for k, v in DETAILS.items() if k != "booking_consent"}
    slots = await validate(
        dispatcher, make_tracker, "booking_consent", "/affirm", "affirm", slots=before
    )
    assert slots["booking_consent"] == "yes" and slots["requested_slot"] == "booking_confirm"
    assert "From the suitability check" not in slots["booking_summary"]


async def test_after_a_check_sharing_is_asked_and_defaults_to_no(dispatcher, make_tracker) -> None:
    before: Dict[str, Any] = {**DETAILS, "screening_conditions": {"diabetes": "present"}}
    slots = await validate(dispatcher, make_tracker, "booking_share_check", "hmm ok", slots=before)
    assert slots["booking_share_check"] == "no"
    assert "not included" in slots["booking_summary"]
    before["booking_consent"] = None
    slots = await validate(
        dispatcher, make_tracker, "booking_consent", "/affirm", "affirm", slots=before
    )
    assert slots["requested_slot"] == "booking_share_check"


# --- corrections, cancel, consent refused ---------------------------------------------------


async def test_a_new_number_in_the_summary_replaces_the_old_one(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "booking_confirm", "no, my number is 07700 900456", slots=DETAILS
    )
    assert slots["booking_phone"] == "+447700900456"
    assert slots["requested_slot"] == "booking_confirm"  # the summary again, updated
    assert "07700 900456" in slots["booking_summary"]
    assert "utter_booking_updated" in responses(dispatcher)


async def test_change_the_time_in_the_summary(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "booking_confirm", "change the time to friday", slots=DETAILS
    )
    assert slots["booking_time"].startswith("Friday")
    assert slots["requested_slot"] == "booking_confirm"


async def test_change_something_asks_what(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "booking_confirm", "I want to change something", slots=DETAILS
    )
    assert slots["booking_pending"] == "change" and slots["requested_slot"] == "booking_confirm"
    slots = await validate(
        dispatcher,
        make_tracker,
        "booking_confirm",
        "change the time",
        slots={**DETAILS, "booking_pending": "change"},
    )
    assert slots["booking_time"] is None and slots["requested_slot"] == "booking_time"


async def test_email_instead_of_a_call(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "booking_confirm",
        "actually don't call me, email me at anna@example.com instead",
        slots=DETAILS,
    )
    assert slots["booking_phone"] is None and slots["booking_email"] == "anna@example.com"
    assert slots["booking_channel"] == "email"


@pytest.mark.parametrize(
    ("slot", "text", "intent"),
    [
        ("booking_time", "actually don't call me", "stop"),
        ("booking_name", "forget it", "stop"),
        ("booking_confirm", "/stop", "stop"),
        ("booking_phone", "never mind, I'll book online myself", "book_consultation"),
    ],
)
async def test_cancel_at_any_point_ends_the_request(
    dispatcher, make_tracker, slot: str, text: str, intent: str
) -> None:
    slots = await validate(dispatcher, make_tracker, slot, text, intent, slots=DETAILS)
    assert slots["booking_end"] == "cancelled" and slots["requested_slot"] is None


async def test_consent_refused_ends_the_request(dispatcher, make_tracker) -> None:
    before = {k: v for k, v in DETAILS.items() if k != "booking_consent"}
    slots = await validate(dispatcher, make_tracker, "booking_consent", "no", "deny", slots=before)
    assert slots["booking_end"] == "refused" and slots["requested_slot"] is None


async def test_goodbye_ends_the_request(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "booking_time", "bye", "goodbye", DETAILS)
    assert slots["booking_end"] == "goodbye"


@pytest.mark.parametrize("text", ["thx bye", "ta, cheers, bye", "Thanks! Goodnight"])
async def test_thanks_and_goodbye_when_the_name_is_asked_is_no_name(
    dispatcher, make_tracker, text: str
) -> None:
    slots = await validate(dispatcher, make_tracker, "booking_name", text, "goodbye")
    assert slots["booking_end"] == "goodbye" and not slots.get("booking_name")


# --- questions in the middle ----------------------------------------------------------------


async def test_an_faq_in_the_middle_is_answered_and_the_question_asked_again(
    dispatcher, make_tracker
) -> None:
    selector = {"faq": {"response": {"utter_action": "utter_faq/pain"}}}
    before = {k: DETAILS[k] for k in ("booking_name", "booking_phone", "booking_channel")}
    slots = await validate(
        dispatcher,
        make_tracker,
        "booking_time",
        "does it hurt?",
        "faq",
        slots=before,
        response_selector=selector,
    )
    assert responses(dispatcher) == ["utter_faq/pain"]
    assert slots["booking_time"] is None and slots["requested_slot"] == "booking_time"


async def test_an_off_topic_question_in_the_middle_gets_its_answer_not_a_name_error(
    dispatcher, make_tracker
) -> None:
    slots = await validate(
        dispatcher, make_tracker, "booking_name", "who won the match last nite lol", "out_of_scope"
    )
    assert responses(dispatcher) == ["utter_out_of_scope"]
    assert slots["booking_name"] is None and slots["requested_slot"] == "booking_name"


async def test_an_answer_read_as_an_faq_is_not_answered_as_one(dispatcher, make_tracker) -> None:
    selector = {"faq": {"response": {"utter_action": "utter_faq/recovery"}}}
    before = {k: DETAILS[k] for k in ("booking_name", "booking_phone", "booking_channel")}
    slots = await validate(
        dispatcher,
        make_tracker,
        "booking_time",
        "after my session would be best",
        "faq",
        slots=before,
        response_selector=selector,
    )
    assert responses(dispatcher) == ["utter_booking_help_time"]
    assert slots["requested_slot"] == "booking_time"


async def test_thanks_with_an_answer_gets_both(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "booking_name", "thanks, it's Jo", "thank")
    assert responses(dispatcher) == ["utter_screening_welcome"]
    assert slots["booking_name"] == "Jo"


# --- the end --------------------------------------------------------------------------------


async def test_confirming_saves_the_request(dispatcher, make_tracker, store: FakeStore) -> None:
    slots = await validate(
        dispatcher, make_tracker, "booking_confirm", "/affirm", "affirm", slots=DETAILS
    )
    assert slots["booking_end"] == "confirmed" and slots["requested_slot"] is None
    after = await finish(dispatcher, make_tracker, {**DETAILS, **slots})
    assert responses(dispatcher) == ["utter_booking_saved"]
    assert dispatcher.messages[0]["promise"] == "on Monday morning"
    (saved,) = store.saved
    assert saved.phone == "+447700900123" and saved.email is None and saved.name == "Anna"
    assert saved.preferred_time == "Thursday 3 December, afternoon"
    assert saved.check_summary is None  # no check done
    assert after["booking_phone"] is None  # the details leave the conversation's slots


async def test_a_request_sent_at_once_says_sent(dispatcher, make_tracker, store: FakeStore) -> None:
    store.sent_status = "delivered"
    await finish(
        dispatcher, make_tracker, {**DETAILS, "booking_confirm": "yes", "booking_end": "confirmed"}
    )
    assert responses(dispatcher) == ["utter_booking_sent"]
    assert dispatcher.messages[0]["channel"] == "phone"


async def test_the_check_is_sent_only_after_an_explicit_yes(
    dispatcher, make_tracker, store: FakeStore
) -> None:
    check = {"screening_conditions": {"diabetes": "present", "pregnancy": "absent"}}
    done = {**DETAILS, **check, "booking_confirm": "yes", "booking_end": "confirmed"}
    await finish(dispatcher, make_tracker, {**done, "booking_share_check": "no"})
    await finish(dispatcher, make_tracker, {**done, "booking_share_check": "yes"})
    first, second = store.saved
    assert first.check_summary is None
    assert second.check_summary == ["diabetes", "no pregnancy"]


@pytest.mark.parametrize("end", ["cancelled", "refused", "goodbye"])
async def test_nothing_is_stored_unless_confirmed(
    dispatcher, make_tracker, store: FakeStore, end: str
) -> None:
    await finish(dispatcher, make_tracker, {**DETAILS, "booking_end": end})
    assert store.saved == []
    expected = {
        "cancelled": ["utter_booking_cancelled"],
        "refused": ["utter_booking_no_consent"],
        "goodbye": ["utter_booking_cancelled", "utter_goodbye"],
    }[end]
    assert responses(dispatcher) == expected


async def test_a_failed_save_is_said_plainly(dispatcher, make_tracker, store: FakeStore) -> None:
    store.fail = True
    done = {**DETAILS, "booking_confirm": "yes", "booking_end": "confirmed"}
    await finish(dispatcher, make_tracker, done)
    assert responses(dispatcher) == ["utter_booking_not_saved"]
    assert dispatcher.messages[0]["booking_url"] and dispatcher.messages[0]["phone"]


async def test_no_delivery_channel_is_said_plainly(
    dispatcher, make_tracker, store: FakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.modules["meso.booking.store"], "delivery_configured", lambda s: False)
    done = {**DETAILS, "booking_confirm": "yes", "booking_end": "confirmed"}
    await finish(dispatcher, make_tracker, done)
    assert responses(dispatcher) == ["utter_booking_not_sent"]
    assert len(store.saved) == 1


async def test_a_warning_sign_pauses_the_request(dispatcher, make_tracker) -> None:
    tracker = make_tracker([user_message("my lips are swelling", "warning_emergency")], DETAILS)
    events = await ActionPauseBooking().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_booking_paused"]
    assert slot_values(events) == {"booking_end": "paused", "requested_slot": None}
    assert {"event": "active_loop", "name": None} in [
        {k: e.get(k) for k in ("event", "name")} for e in events if e["event"] == "active_loop"
    ]


async def test_a_call_back_request_inside_the_check_gets_the_booking_link(
    dispatcher, make_tracker
) -> None:
    from actions.screening import ValidateScreeningForm

    tracker = make_tracker(
        [
            user_message("can someone call me back", "request_callback"),
            SlotSet("screen_skin", "can someone call me back"),
        ],
        slots={"requested_slot": "screen_skin", "screen_skin": "can someone call me back"},
        active_loop="screening_form",
    )
    events = await ValidateScreeningForm().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_booking"]
    assert slot_values(events)["screening_pending"] == "continue"


@pytest.mark.parametrize(
    "action",
    ["action_start_booking", "validate_booking_form", "action_finish_booking"],
)
def test_with_the_action_server_down_the_request_ends_plainly(action: str) -> None:
    from rasa.shared.core.events import ActiveLoop

    from meso.server.action_fallback import fallback_for

    fallback = fallback_for(action)
    assert fallback is not None and fallback.response == "utter_booking_unavailable"
    assert ActiveLoop(None) in fallback.events
    assert "utter_booking_unavailable" in DOMAIN["responses"]
