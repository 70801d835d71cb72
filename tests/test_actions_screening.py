"""The contraindication check's actions, on trackers built from events."""

from __future__ import annotations

import re
from typing import Any, Dict, List

import pytest
import yaml
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import (
    ActionStartScreening,
    ActionStopScreening,
    ActionSummariseScreening,
    ValidateScreeningForm,
)
from tests.conftest import ROOT, TrackerFactory, responses, user_message

FORM = "screening_form"
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
GROUP_SLOTS = [
    "screen_pregnancy",
    "screen_chronic",
    "screen_bleeding",
    "screen_skin",
    "screen_pain",
]


def slot_values(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The last value each slot was set to by a list of events."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def start(dispatcher: CollectingDispatcher, make_tracker: TrackerFactory, text: str) -> Dict:
    tracker = make_tracker([user_message(text, "check_eligibility")])
    return slot_values(await ActionStartScreening().run(dispatcher, tracker, {}))


async def validate(
    dispatcher: CollectingDispatcher,
    make_tracker: TrackerFactory,
    slot: str,
    text: str,
    intent: str = "affirm",
    slots: Dict[str, Any] | None = None,
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
    events = await ValidateScreeningForm().run(dispatcher, tracker, DOMAIN)
    return slot_values(events)


# --- starting the check ---------------------------------------------------------------


async def test_start_resets_and_introduces(dispatcher, make_tracker) -> None:
    slots = await start(dispatcher, make_tracker, "/check_eligibility")
    assert all(slots[s] is None for s in GROUP_SLOTS)
    assert slots["screening_findings"] == [] and slots["screening_denied"] == []
    assert responses(dispatcher) == ["utter_screening_intro"]


async def test_start_keeps_a_condition_named_in_the_question(dispatcher, make_tracker) -> None:
    slots = await start(dispatcher, make_tracker, "I'm pregnant, can I have mesotherapy?")
    assert slots["screen_pregnancy"] == "yes"
    assert slots["screening_findings"] == ["pregnancy"]
    assert responses(dispatcher) == ["utter_screening_intro", "utter_screening_already_known"]


async def test_start_with_negation_asks_only_what_is_unknown(dispatcher, make_tracker) -> None:
    slots = await start(dispatcher, make_tracker, "I'm not pregnant but I have diabetes")
    assert slots["screen_chronic"] == "yes"
    assert slots["screen_pregnancy"] is None  # breastfeeding is still unknown
    assert "pregnancy" in slots["screening_denied"]
    assert slots["screening_findings"] == ["diabetes"]


async def test_start_with_a_medicine_keeps_the_stricter_question_open(
    dispatcher, make_tracker
) -> None:
    slots = await start(dispatcher, make_tracker, "I take warfarin, can I get it?")
    assert slots["screening_findings"] == ["aspirin_or_blood_thinners"]
    # a clotting disorder (avoid) is stricter than blood thinners (consult): still asked
    assert slots["screen_bleeding"] is None


# --- asking ----------------------------------------------------------------------------


async def test_first_question_is_worded_whole_when_nothing_is_known(
    dispatcher, make_tracker
) -> None:
    slots = await start(dispatcher, make_tracker, "can I have it?")
    assert slots["screening_partial"] is False
    assert slots["screening_remaining"] is None


async def test_a_partly_known_question_names_only_the_rest(dispatcher, make_tracker) -> None:
    # pregnancy denied, breastfeeding unknown: the first question asks only about the rest
    slots = await start(dispatcher, make_tracker, "I'm not pregnant, is it ok for me?")
    assert slots["screening_partial"] is True
    assert slots["screening_remaining"] == "breastfeeding"


@pytest.mark.parametrize("text", ["can I have it?", "I'm not pregnant, is it ok for me?"])
async def test_activation_sets_the_first_questions_wording_in_one_call(
    dispatcher, make_tracker, text
) -> None:
    # Rasa validates again in the same turn when the activation call sets no slot
    started = await start(dispatcher, make_tracker, text)
    tracker = make_tracker(
        [user_message(text, "check_eligibility")], slots=started, active_loop=FORM
    )
    events = await ValidateScreeningForm().run(CollectingDispatcher(), tracker, DOMAIN)
    wording = {k: started[k] for k in ("screening_partial", "screening_remaining")}
    assert slot_values(events) == wording


async def test_answer_words_the_next_question(dispatcher, make_tracker) -> None:
    # answering the pregnancy question with a medicine: the bleeding question keeps only
    # what is still unknown
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy", "no, but I take warfarin", intent="deny"
    )
    assert slots["screen_pregnancy"] == "no"
    assert slots["screening_partial"] is False  # next: the chronic question, nothing known
    more = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "no",
        intent="deny",
        slots={"screen_pregnancy": "no", "screening_findings": slots["screening_findings"]},
    )
    assert more["screening_partial"] is True
    assert "clotting" in more["screening_remaining"]
    assert "aspirin" not in more["screening_remaining"]


async def test_restart_and_stop_reset_the_wording(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", "let's start over")
    assert slots["screening_partial"] is False and slots["screening_remaining"] is None
    events = await ActionStopScreening().run(dispatcher, make_tracker([]), {})
    stopped = slot_values(events)
    assert stopped["screening_partial"] is False and stopped["screening_remaining"] is None


def test_partial_wording_exists_for_every_question_with_several_conditions() -> None:
    from actions.knowledge import load_knowledge

    knowledge = load_knowledge()
    for slot, group in knowledge.groups.items():
        variations = DOMAIN["responses"][f"utter_ask_{slot}"]
        conditional = [v for v in variations if v.get("condition")]
        if len(group.conditions) > 1:
            assert len(conditional) == 1, slot
            assert conditional[0]["condition"] == [
                {"type": "slot", "name": "screening_partial", "value": True}
            ]
            assert "{screening_remaining}" in conditional[0]["text"]
            assert any(not v.get("condition") for v in variations), slot


# --- answers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("/affirm", "affirm", "yes"),
        ("/deny", "deny", "no"),
        ("yes", "affirm", "yes"),
        ("nope", "deny", "no"),
        ("not that I know of", "deny", "no"),
        ("none of these", "deny", "no"),
        ("not sure", "out_of_scope", "unsure"),
        ("I'd rather not say", "out_of_scope", "declined"),
    ],
)
async def test_bare_answers(dispatcher, make_tracker, text, intent, expected) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", text, intent)
    assert slots["screen_skin"] == expected
    assert slots["screening_retries"] == 0


async def test_yes_to_a_whole_question_is_recorded_as_that_question(
    dispatcher, make_tracker
) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_chronic", "/affirm", "affirm")
    assert slots["screen_chronic"] == "yes"
    assert slots["screening_findings"] == ["screen_chronic"]


async def test_no_denies_every_condition_of_the_question(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_chronic", "no", "deny")
    assert set(slots["screening_denied"]) == {"cancer", "diabetes", "cardiac_disorder"}


async def test_free_text_fills_several_questions(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        "no, but I have psoriasis and I'm diabetic",
        "check_eligibility",
    )
    assert slots["screen_pregnancy"] == "no"
    assert slots["screen_chronic"] == "yes"
    assert "eczema_or_psoriasis" in slots["screening_findings"]
    assert "diabetes" in slots["screening_findings"]


async def test_partial_answer_asks_the_rest(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", "I'm not pregnant", "deny")
    assert slots["screen_pregnancy"] is None
    assert slots["screening_denied"] == ["pregnancy"]
    assert responses(dispatcher) == []


async def test_unexpected_answer_is_reasked_once_with_help(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pain", "purple", "out_of_scope")
    assert slots["screen_pain"] is None
    assert slots["screening_retries"] == 1
    assert responses(dispatcher) == ["utter_screening_help"]


async def test_second_unexpected_answer_skips_the_question(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pain",
        "banana",
        "out_of_scope",
        slots={"screening_retries": 1},
    )
    assert slots["screen_pain"] == "skipped"
    assert slots["screening_retries"] == 0
    assert responses(dispatcher) == ["utter_screening_skipped"]


async def test_faq_in_the_middle_is_answered_and_the_question_kept(
    dispatcher, make_tracker
) -> None:
    selector = {"faq": {"response": {"utter_action": "utter_faq/pain"}}}
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_skin",
        "does it hurt?",
        "faq",
        response_selector=selector,
    )
    assert slots["screen_skin"] is None
    assert "screening_retries" not in slots or slots["screening_retries"] in (0, None)
    assert responses(dispatcher) == ["utter_faq/pain"]


async def test_restart_in_the_middle_clears_the_answers(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_skin",
        "can we start over?",
        "check_eligibility",
        slots={"screen_pregnancy": "no", "screening_findings": ["diabetes"]},
    )
    assert all(slots[s] is None for s in GROUP_SLOTS)
    assert slots["screening_findings"] == []
    assert responses(dispatcher) == ["utter_screening_restarted"]


# --- the result ----------------------------------------------------------------------------


async def summarise(dispatcher, make_tracker, **slots: Any) -> List[str]:
    await ActionSummariseScreening().run(dispatcher, make_tracker([], slots=slots), {})
    return responses(dispatcher)


async def test_avoid_level_result(dispatcher, make_tracker) -> None:
    sent = await summarise(
        dispatcher,
        make_tracker,
        screening_findings=["pregnancy", "eczema_or_psoriasis"],
        **dict.fromkeys(GROUP_SLOTS, "no"),
    )
    assert sent[0] == "utter_screening_result_avoid"
    assert sent.count("utter_screening_finding") == 2
    assert sent[-2:] == ["utter_screening_disclaimer", "utter_offer_booking"]
    levels = [m["level_text"] for m in dispatcher.messages if m["response"].endswith("finding")]
    assert "avoid" in levels[0] and "professional" in levels[1]


async def test_consult_level_result_names_the_source(dispatcher, make_tracker) -> None:
    sent = await summarise(
        dispatcher, make_tracker, screening_findings=["aspirin_or_blood_thinners"]
    )
    assert sent[0] == "utter_screening_result_consult"
    finding = next(m for m in dispatcher.messages if m["response"] == "utter_screening_finding")
    assert "What Is Mesotherapy and Can It Improve My Skin" in finding["sources"]
    assert re.search(r"doctor", finding["explanation"], re.I)


async def test_nothing_found_never_says_safe(dispatcher, make_tracker, domain) -> None:
    sent = await summarise(dispatcher, make_tracker, **dict.fromkeys(GROUP_SLOTS, "no"))
    assert sent == [
        "utter_screening_result_clear",
        "utter_screening_disclaimer",
        "utter_offer_booking",
    ]
    for name in sent:
        text = domain["responses"][name][0]["text"]
        assert not re.search(r"\bsafe\b", text, re.I)


async def test_unanswered_questions_are_listed(dispatcher, make_tracker) -> None:
    sent = await summarise(
        dispatcher,
        make_tracker,
        screen_pregnancy="declined",
        screen_skin="skipped",
        screen_pain="unsure",
    )
    assert "utter_screening_unanswered" in sent
    topics = next(m for m in dispatcher.messages if m["response"] == "utter_screening_unanswered")
    assert "pregnancy" in topics["topics"] and "pain" in topics["topics"]


async def test_yes_to_a_whole_question_reports_every_level(dispatcher, make_tracker) -> None:
    sent = await summarise(dispatcher, make_tracker, screening_findings=["screen_bleeding"])
    assert sent[0] == "utter_screening_result_avoid"  # a clotting disorder is an avoid
    finding = next(m for m in dispatcher.messages if m["response"] == "utter_screening_finding")
    assert "clotting" in finding["explanation"] and "aspirin" in finding["explanation"].lower()


async def test_stop_deactivates_and_forgets(dispatcher, make_tracker) -> None:
    tracker = make_tracker(
        [user_message("never mind", "stop")],
        slots={"screen_pregnancy": "yes", "screening_findings": ["pregnancy"]},
        active_loop=FORM,
    )
    events = await ActionStopScreening().run(dispatcher, tracker, {})
    assert ActiveLoop(None) in events
    assert slot_values(events)["screening_findings"] == []
    assert slot_values(events)["screen_pregnancy"] is None
    assert responses(dispatcher) == ["utter_screening_stopped"]


async def test_slots_reset_at_activation_are_not_taken_as_answers(dispatcher, make_tracker) -> None:
    """At activation Rasa validates the trailing SlotSet events: none is an answer."""
    events = [user_message("is it suitable for me?", "check_eligibility")]
    events += [SlotSet(slot, None) for slot in GROUP_SLOTS]
    tracker = make_tracker(events, active_loop=FORM)
    validated = await ValidateScreeningForm().run(dispatcher, tracker, DOMAIN)
    assert all(value is None for value in slot_values(validated).values())
    assert responses(dispatcher) == []
