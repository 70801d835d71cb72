"""Booking requests as whole conversations through the running servers (issue #16).

Each conversation is played over the REST channel; assertions are on the response names,
the slots, and on what the booking store (the tracker store's database) holds afterwards:
exactly the confirmed requests, nothing from the check unless the visitor agreed. The test
stack's clinic settings name no delivery channel, so a saved request is answered
`utter_booking_not_sent` (saved, and the visitor is told to call to be sure).
"""

from __future__ import annotations

from typing import List

import pytest

from meso.booking.store import BookingRequest, BookingStore
from tests.integration.servers import AssistantServers, play

pytestmark = [pytest.mark.servers, pytest.mark.model]


def stored(servers: AssistantServers, sender: str) -> List[BookingRequest]:
    """The requests the booking store holds for one conversation."""
    store = BookingStore(f"sqlite:///{servers.workdir / 'tracker.db'}")
    try:
        return [s.request for s in store.list() if s.request.conversation_id == sender]
    finally:
        store.close()


def test_booking_with_a_day_and_time(servers: AssistantServers) -> None:
    turns = play(
        servers,
        [
            "I'd like to book a consultation",
            "/request_callback",
            "Anna",
            "by phone",
            "07700 900123",
            "thursday afternoon if possible",
            "yes",
            "yes",
        ],
    )
    (offer, _), (start, after_start), (name, _), (channel, _) = turns[:4]
    assert offer == ["utter_booking_offer"]  # the link, or leave details
    assert start == ["utter_booking_intro", "utter_ask_booking_name"]
    assert after_start["_active_loop"] == "booking_form"
    assert name == ["utter_ask_booking_channel"]
    assert channel == ["utter_ask_booking_phone"]
    (phone, _), (when, after_when), (consent, after_consent), (done, after) = turns[4:]
    assert phone == ["utter_ask_booking_time"]
    assert when == ["utter_booking_noted_time", "utter_ask_booking_consent"]  # said back
    assert after_when["booking_time"].startswith("Thursday ")
    assert after_when["booking_time"].endswith(", afternoon")
    assert consent == ["utter_ask_booking_confirm"]
    assert "07700 900123" in after_consent["booking_summary"]
    assert done == ["utter_booking_not_sent"] and after["_active_loop"] is None
    assert after["booking_phone"] is None  # the details leave the slots
    (request,) = stored(servers, after["_sender"])
    assert request.name == "Anna" and request.phone == "+447700900123"
    assert request.preferred_time == after_when["booking_time"]
    assert request.email is None and request.check_summary is None


def test_a_callback_with_a_number(servers: AssistantServers) -> None:
    turns = play(
        servers,
        [
            "can someone call me back on 07700 900123",
            "my name is Sam Jones",
            "no preference",
            "/affirm",
            "/affirm",
        ],
    )
    (start, after_start), (name, _), (skip, _), (_, _), (done, after) = turns
    assert start == ["utter_booking_intro", "utter_ask_booking_name"]
    assert after_start["booking_phone"] == "+447700900123"
    assert name == ["utter_ask_booking_time"]  # the number is known: not asked again
    assert skip == ["utter_ask_booking_consent"]
    assert done == ["utter_booking_not_sent"]
    (request,) = stored(servers, after["_sender"])
    assert request.name == "Sam Jones" and request.phone == "+447700900123"
    assert request.preferred_time is None  # skipped


def test_corrections_in_the_summary(servers: AssistantServers) -> None:
    turns = play(
        servers,
        [
            "please call me back on 07700 900123",
            "Jo",
            "monday morning",
            "yes",
            "no, my number is 07700 900456",
            "change the time to friday",
            "send it",
        ],
    )
    (number, after_number), (when, after_when), (done, after) = turns[4:]
    assert number == ["utter_booking_updated", "utter_ask_booking_confirm"]
    assert "07700 900456" in after_number["booking_summary"]
    assert when[-1] == "utter_ask_booking_confirm"
    assert after_when["booking_time"].startswith("Friday ")
    assert done == ["utter_booking_not_sent"]
    (request,) = stored(servers, after["_sender"])
    assert request.phone == "+447700900456"
    assert (request.preferred_time or "").startswith("Friday ")


def test_a_typo_in_the_number_is_caught(servers: AssistantServers) -> None:
    turns = play(servers, ["can someone ring me", "Jo", "07700 90012"])
    names, slots = turns[-1]
    assert names == ["utter_booking_invalid_phone", "utter_ask_booking_phone"]
    assert slots["booking_phone"] is None


def test_a_cancellation_stores_nothing(servers: AssistantServers) -> None:
    turns = play(
        servers,
        ["just book it for me", "Chris", "07700 900123", "actually don't call me"],
    )
    names, slots = turns[-1]
    assert names == ["utter_booking_cancelled"] and slots["_active_loop"] is None
    assert slots["booking_phone"] is None
    assert stored(servers, slots["_sender"]) == []


def test_consent_refused_stores_nothing(servers: AssistantServers) -> None:
    turns = play(
        servers,
        ["call me back on 07700 900123", "Chris", "tomorrow at 3pm", "no"],
    )
    names, slots = turns[-1]
    assert names == ["utter_booking_no_consent"] and slots["_active_loop"] is None
    assert stored(servers, slots["_sender"]) == []


def test_a_warning_sign_in_the_middle_escalates_and_pauses(servers: AssistantServers) -> None:
    turns = play(
        servers,
        [
            "can someone call me back",
            "Dana",
            "sorry, my lips are swelling up and I can't breathe properly",
        ],
    )
    names, slots = turns[-1]
    assert names == ["utter_warning_emergency", "utter_booking_paused"]
    assert slots["_active_loop"] is None and slots["booking_end"] == "paused"
    assert stored(servers, slots["_sender"]) == []
    # the request can be carried on later, with what was said kept
    ((again, after),) = play(servers, ["/request_callback"], sender=slots["_sender"])
    assert again[0] == "utter_booking_resumed" and after["booking_name"] == "Dana"
    assert again[-1] == "utter_ask_booking_phone"  # "call me back": by phone


def test_a_question_in_the_middle_is_answered_then_asked_again(
    servers: AssistantServers,
) -> None:
    turns = play(servers, ["can someone call me back", "does it hurt?"])
    names, slots = turns[-1]
    assert names == ["utter_faq/pain", "utter_ask_booking_name"]
    assert slots["_active_loop"] == "booking_form"


def test_the_check_is_shared_only_on_an_explicit_yes(servers: AssistantServers) -> None:
    check = ["is it suitable for me?", "no", "I have diabetes", "go on", "no", "no", "no"]
    booking = ["call me back on 07700 900123", "Lee", "no preference", "yes"]
    turns = play(servers, [*check, *booking, "no", "yes"])
    (share, _), (summary, after_summary), (done, after) = turns[-3:]
    assert share == ["utter_ask_booking_share_check"]
    assert summary == ["utter_ask_booking_confirm"]
    assert "not included" in after_summary["booking_summary"]
    assert done == ["utter_booking_not_sent"]
    (request,) = stored(servers, after["_sender"])
    assert request.check_summary is None


def test_yes_to_the_offer_keeps_the_day_asked_for(servers: AssistantServers) -> None:
    turns = play(servers, ["I'd like an appointment on friday morning", "yes please"])
    (offer, _), (start, after) = turns
    assert offer == ["utter_booking_offer"]
    assert start == ["utter_booking_intro", "utter_booking_noted_time", "utter_ask_booking_name"]
    assert after["booking_time"].startswith("Friday ") and after["booking_time"].endswith("morning")
