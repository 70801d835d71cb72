"""The contraindication check's actions, on trackers built from events."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

import pytest
import yaml
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.names import ACTION_START_SCREENING
from actions.privacy import ActionForgetConversation
from actions.safety import ActionGoodbyeAfterWarning, ActionWarningFollowup, ActionWarningSign
from actions.screening import (
    NAMED_ONLY,
    STOP_CHECK,
    ActionAnswerConditionQuestion,
    ActionAnswerForSomeoneElse,
    ActionCarryOn,
    ActionEndAfterWarning,
    ActionRepeatResult,
    ActionStartScreening,
    ActionSummariseScreening,
    ValidateScreeningForm,
)
from tests.conftest import ROOT, TrackerFactory, responses, user_message

FORM = "screening_form"
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
# The mark after the sign's advice given again: the next message is read with the sign too.
REMINDED = FollowupAction("action_warning_reminded")
for _faq in sorted((ROOT / "data" / "faq").glob("*.yml")):  # the FAQ answers, as Rasa sends them
    DOMAIN["responses"].update(yaml.safe_load(_faq.read_text(encoding="utf-8"))["responses"])
GROUP_SLOTS = [
    "screen_pregnancy",
    "screen_chronic",
    "screen_bleeding",
    "screen_skin",
    "screen_pain",
]


def state(slots: Dict[str, Any]) -> Dict[str, str]:
    """The condition statuses the check recorded (not the questions answered by naming)."""
    return {k: v for k, v in (slots.get("screening_conditions") or {}).items() if v != NAMED_ONLY}


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


def said(response: str) -> Dict[str, Any]:
    """A `bot` event of this response, as the tracker holds it."""
    return {"event": "bot", "text": "...", "metadata": {"utter_action": response}}


def faq_topic(name: str, confidence: float = 1.0) -> Dict[str, Any]:
    """The response selector's choice of FAQ answer, as the parse data holds it."""
    return {"faq": {"response": {"utter_action": name, "confidence": confidence}}}


# --- starting the check ---------------------------------------------------------------


async def test_start_resets_and_introduces(dispatcher, make_tracker) -> None:
    slots = await start(dispatcher, make_tracker, "/check_eligibility")
    assert all(slots[s] is None for s in GROUP_SLOTS)
    assert state(slots) == {} and slots["screening_pending"] is None
    assert responses(dispatcher) == ["utter_screening_intro"]


async def test_an_avoid_condition_in_the_opening_is_said_at_once(dispatcher, make_tracker) -> None:
    slots = await start(dispatcher, make_tracker, "I'm pregnant, can I have mesotherapy?")
    assert slots["screen_pregnancy"] == "yes"
    assert state(slots) == {"pregnancy": "present"}
    assert responses(dispatcher) == [
        "utter_screening_intro",
        "utter_screening_noted",
        "utter_screening_avoid_notice",
    ]
    notice = dispatcher.messages[-1]
    assert "What Is Mesotherapy" in notice["sources"]  # with its source
    assert slots["screening_pending"] == "avoid"  # the visitor chooses: go on or stop


async def test_an_avoid_condition_asked_about_is_explained_once(dispatcher, make_tracker) -> None:
    # the answer to "is that a problem?" already gives the articles' words and source: the
    # notice that follows does not repeat them
    slots = await start(dispatcher, make_tracker, "im diabetic on insulin, is that a problem?")
    assert state(slots) == {"diabetes": "present"}
    assert responses(dispatcher) == [
        "utter_screening_intro",
        "utter_screening_noted",
        "utter_condition_info",
        "utter_screening_avoid_notice_explained",
    ]
    assert "diabetes" in dispatcher.messages[-1]["condition"]
    assert slots["screening_pending"] == "avoid"


async def test_conditions_denied_in_the_opening_question_get_no_explanation(
    dispatcher, make_tracker
) -> None:
    # a form pasted before "suitable?": the question is about the visitor, so what the articles
    # say is given for what they have, not for each condition they just said no to
    text = "Cancer: N / Heart: N / [x] eczema / suitable for me?"
    slots = await start(dispatcher, make_tracker, text)
    assert state(slots) == {
        "cancer": "absent",
        "cardiac_disorder": "absent",
        "eczema_or_psoriasis": "present",
    }
    explained = [m["condition"] for m in dispatcher.messages if "condition" in m]
    assert responses(dispatcher).count("utter_condition_info") == 1
    assert explained and all("czema" in c for c in explained)


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to answer the rest, let's leave it there",
        "ok I don't really need the rest",
        "let's stop it here thanks",
        "no, I don't want to go through the rest of it",
    ],
)
def test_not_wanting_the_rest_stops_the_check(text: str) -> None:
    from actions.screening import GOING_ON, STOP_CHECK

    assert STOP_CHECK.search(text) and not GOING_ON.search(text)
    assert not STOP_CHECK.search("I don't need the rest of my tablets till Friday")


async def test_neither_applies_is_a_no(dispatcher, make_tracker) -> None:
    text = "I am seventy-four years of age, so neither of those applies to me."
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", text, "deny")
    assert slots["screen_pregnancy"] == "no"
    assert state(slots) == {"pregnancy": "absent", "breastfeeding": "absent"}


async def test_no_for_me_beside_someone_elses_condition(dispatcher, make_tracker) -> None:
    text = "my boyfriends on warfarin lol. me, nothing like that"
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "deny")
    assert slots["screen_bleeding"] == "no"
    assert state(slots)["prone_to_bruising"] == "absent"
    slots = await validate(dispatcher, make_tracker, "screen_skin", "same as the last two, no")
    assert slots["screen_skin"] == "no"


async def test_how_to_get_in_touch_inside_the_check(dispatcher, make_tracker) -> None:
    text = "ok how do i get in touch to discuss it"
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", text, "nlu_fallback")
    assert responses(dispatcher)[0] == "utter_contact"
    assert slots["screening_pending"] == "continue"


async def test_what_about_a_condition_is_answered_and_noted(dispatcher, make_tracker) -> None:
    text = "what about psoriasis on my scalp"
    topic = {"faq": {"response": {"utter_action": "utter_faq/hair_loss", "confidence": 0.5}}}
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy", text, "faq", response_selector=topic
    )
    assert state(slots)["eczema_or_psoriasis"] == "present"
    assert "utter_condition_info" in responses(dispatcher)
    assert "utter_faq/hair_loss" not in responses(dispatcher)  # the condition's answer says it


async def test_start_with_named_conditions_answers_their_questions(
    dispatcher, make_tracker
) -> None:
    # diabetes answers the second question; "not pregnant", only denied in passing, leaves
    # the first one's rest to ask (after the offer to go on that diabetes brings)
    slots = await start(dispatcher, make_tracker, "I'm not pregnant but I have diabetes")
    assert slots["screen_chronic"] == "yes"
    assert slots["screen_pregnancy"] is None
    assert state(slots) == {"pregnancy": "absent", "diabetes": "present"}


async def test_a_condition_denied_in_passing_leaves_the_rest_of_its_question(
    dispatcher, make_tracker
) -> None:
    # "my brother has haemophilia btw but I don't": bruising and blood thinners still asked
    slots = await start(
        dispatcher, make_tracker, "can I have meso? my brother has haemophilia btw but I don't"
    )
    assert state(slots)["blood_clotting_disorder"] == "absent"
    assert slots["screen_bleeding"] is None
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        "no",
        "deny",
        {**slots, "screen_pregnancy": None},
    )
    slots = await validate(dispatcher, make_tracker, "screen_chronic", "no", "deny", slots)
    assert slots["screen_bleeding"] is None  # asked next, for the rest of it
    assert slots["screening_partial"] is True
    assert "bruising" in slots["screening_remaining"]


async def test_start_with_a_medicine_answers_the_bleeding_question(
    dispatcher, make_tracker
) -> None:
    slots = await start(dispatcher, make_tracker, "I take warfarin, can I get it?")
    assert state(slots) == {"aspirin_or_blood_thinners": "present"}
    assert slots["screen_bleeding"] == "yes"
    dispatcher.messages.clear()
    others = {slot: "no" for slot in GROUP_SLOTS if slot != "screen_bleeding"}
    await summarise(dispatcher, make_tracker, **{**slots, **others})
    unanswered = next(
        m for m in dispatcher.messages if m["response"] == "utter_screening_unanswered"
    )
    # the stricter clotting disorder is named in the result, to mention to the professional
    assert unanswered["topics"] == "a blood clotting disorder, bruising easily"


# --- asking ----------------------------------------------------------------------------


async def test_first_question_is_worded_whole_when_nothing_is_known(
    dispatcher, make_tracker
) -> None:
    slots = await start(dispatcher, make_tracker, "can I have it?")
    assert slots["screening_partial"] is False
    assert slots["screening_remaining"] is None


async def test_after_a_bare_yes_a_denial_leaves_the_rest_to_ask(dispatcher, make_tracker) -> None:
    # "yes" to "pregnant or breastfeeding?", then "not pregnant": breastfeeding is asked
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        "not pregnant",
        "deny",
        slots={"screening_pending": "which"},
    )
    assert slots["screen_pregnancy"] is None
    assert state(slots) == {"pregnancy": "absent"}
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


async def test_a_condition_of_a_later_question_answers_it(dispatcher, make_tracker) -> None:
    # answering the pregnancy question with a medicine: the bleeding question is answered
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy", "no, but I take warfarin", intent="deny"
    )
    assert slots["screen_pregnancy"] == "no"
    assert slots["screen_bleeding"] == "yes"
    assert slots["screening_partial"] is False  # next: the chronic question, nothing known
    assert state(slots) == {
        "pregnancy": "absent",
        "breastfeeding": "absent",
        "aspirin_or_blood_thinners": "present",
    }


async def test_the_checks_question_pasted_back_with_no_asks_nothing(
    dispatcher, make_tracker
) -> None:
    # the visitor copied the chronic question before answering the pregnancy one: its
    # conditions are denied, and not answered as if they were asked about
    text = "Do you have cancer, diabetes or a heart condition? - no"
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", text, "deny")
    assert slots["screen_chronic"] == "no" and slots["screen_pregnancy"] is None
    assert state(slots) == {"cancer": "absent", "diabetes": "absent", "cardiac_disorder": "absent"}
    assert responses(dispatcher) == ["utter_screening_noted"]


async def test_a_question_after_a_pasted_answer_is_answered(dispatcher, make_tracker) -> None:
    text = (
        "Do you have a blood clotting disorder, bruise easily, or take aspirin? - no, does"
        " diabetes count?"
    )
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "deny")
    assert slots["screen_bleeding"] == "no"
    assert responses(dispatcher) == ["utter_screening_noted", "utter_condition_info"]
    assert "diabetes" in dispatcher.messages[-1]["condition"].lower()


async def test_an_opening_no_with_one_exception_denies_the_rest(dispatcher, make_tracker) -> None:
    text = "oh right, no. I do take an aspirin most mornings though"
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "deny")
    assert slots["screen_bleeding"] == "yes"
    assert state(slots) == {
        "aspirin_or_blood_thinners": "present",
        "blood_clotting_disorder": "absent",
        "prone_to_bruising": "absent",
    }
    # without the opening no, the others are not recorded (decision 0011)
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", "I take aspirin daily")
    assert state(slots) == {"aspirin_or_blood_thinners": "present"}


@pytest.mark.parametrize("text", ["normal I guess", "average I guess, not low", "pretty average"])
async def test_an_ordinary_pain_tolerance_is_a_no(dispatcher, make_tracker, text: str) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pain", text, "nlu_fallback")
    assert slots["screen_pain"] == "no"
    assert state(slots) == {"low_pain_tolerance": "absent"}


async def test_restart_and_stop_reset_the_wording(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", "let's start over")
    assert slots["screening_partial"] is False and slots["screening_remaining"] is None
    tracker = make_tracker([], slots={"screening_end": "stopped"})
    events = await ActionSummariseScreening().run(dispatcher, tracker, {})
    stopped = slot_values(events)
    assert stopped["screening_partial"] is False and stopped["screening_remaining"] is None


def test_every_question_has_its_variations() -> None:
    """Whole, partly known (several conditions), which one, after an avoid, to continue."""
    from actions.knowledge import load_knowledge

    knowledge = load_knowledge()
    for slot, group in knowledge.groups.items():
        variations = DOMAIN["responses"][f"utter_ask_{slot}"]
        conditions = [tuple(c["value"] for c in v.get("condition") or []) for v in variations]
        assert conditions.count(()) == 1, slot  # the whole question
        assert ("avoid",) in conditions and ("continue",) in conditions, slot
        if len(group.conditions) > 1:
            assert (True,) in conditions and ("which",) in conditions, slot
            partial = variations[conditions.index((True,))]
            assert "{screening_remaining}" in partial["text"]
            which = variations[conditions.index(("which",))]
            assert len(which["buttons"]) == len(group.conditions) + 2  # + none, not sure


def test_the_which_buttons_list_the_conditions_in_the_questions_order() -> None:
    """A choice by place ("the second one") counts the buttons: they follow the group."""
    from actions.conditions import extract
    from actions.knowledge import load_knowledge

    for slot, group in load_knowledge().groups.items():
        if len(group.conditions) < 2:
            continue
        variations = DOMAIN["responses"][f"utter_ask_{slot}"]
        which = next(v for v in variations if v.get("condition") == [
            {"type": "slot", "name": "screening_pending", "value": "which"}])  # fmt: skip
        named = [extract(b["payload"]).present for b in which["buttons"][: len(group.conditions)]]
        assert [keys[0] for keys in named] == list(group.conditions), slot


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("screen_chronic", "the second one", {"diabetes": "present"}),
        ("screen_pregnancy", "only the second",
         {"pregnancy": "absent", "breastfeeding": "present"}),
        ("screen_skin", "yep both",
         {"eczema_or_psoriasis": "present", "severe_skin_sensitivity": "present"}),
        ("screen_bleeding", "only the first", {"blood_clotting_disorder": "present",
         "prone_to_bruising": "absent", "aspirin_or_blood_thinners": "absent"}),
    ],
)  # fmt: skip
async def test_which_one_answered_by_place(dispatcher, make_tracker, slot, text, expected) -> None:
    slots = await validate(
        dispatcher, make_tracker, slot, text, "nlu_fallback", {"screening_pending": "which"}
    )
    assert state(slots) == expected


async def test_both_to_a_question_of_two(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", "yep both", "affirm")
    assert state(slots) == {"eczema_or_psoriasis": "present", "severe_skin_sensitivity": "present"}
    slots = await validate(dispatcher, make_tracker, "screen_skin", "no to both", "deny")
    assert state(slots) == {"eczema_or_psoriasis": "absent", "severe_skin_sensitivity": "absent"}


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("screen_bleeding", "no, yes, no", {"blood_clotting_disorder": "absent",
         "prone_to_bruising": "present", "aspirin_or_blood_thinners": "absent"}),
        ("screen_pregnancy", "1 no 2 yes", {"pregnancy": "absent", "breastfeeding": "present"}),
        ("screen_chronic", "no no not sure",
         {"cancer": "absent", "diabetes": "absent", "cardiac_disorder": "uncertain"}),
        # the skin question names eczema and psoriasis apart: three answers, two conditions
        ("screen_skin", "no yes no",
         {"eczema_or_psoriasis": "present", "severe_skin_sensitivity": "absent"}),
        # session 45: each answer given to its places
        ("screen_bleeding", "no to 1 and 3, yes to 2", {"blood_clotting_disorder": "absent",
         "prone_to_bruising": "present", "aspirin_or_blood_thinners": "absent"}),
        ("screen_chronic", "yes to the first, no to the rest",
         {"cancer": "present", "diabetes": "absent", "cardiac_disorder": "absent"}),
    ],
)  # fmt: skip
async def test_one_answer_for_each_condition_in_the_questions_order(
    dispatcher, make_tracker, slot, text, expected
) -> None:
    slots = await validate(dispatcher, make_tracker, slot, text, "deny")
    assert state(slots) == expected


async def test_one_answer_for_each_question_still_to_come(dispatcher, make_tracker) -> None:
    """A hurried visitor answers the whole check in one line, in the check's order."""
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", "no, no, yes, no, no")
    # the "yes" of a question of three conditions settles none of them: asked in its turn
    assert state(slots) == {
        "pregnancy": "absent",
        "breastfeeding": "absent",
        "cancer": "absent",
        "diabetes": "absent",
        "cardiac_disorder": "absent",
        "eczema_or_psoriasis": "absent",
        "severe_skin_sensitivity": "absent",
        "low_pain_tolerance": "absent",
    }
    # two questions answered before: the three still to come, and a yes to pain is its own
    answered = {
        "screening_conditions": {
            "pregnancy": "absent",
            "breastfeeding": "absent",
            "screen_pregnancy": "absent",
            "cancer": "absent",
            "diabetes": "absent",
            "cardiac_disorder": "absent",
            "screen_chronic": "absent",
        }
    }
    dispatcher.messages.clear()
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding", "no no yes no", "deny", answered
    )
    # four answers to three questions still to come: not read in order
    assert "low_pain_tolerance" not in state(slots)
    slots = await validate(dispatcher, make_tracker, "screen_skin", "no yes", "deny", answered)
    assert state(slots)["low_pain_tolerance"] == "present"


async def test_numbered_answers_for_each_question_one_naming_a_medicine(
    dispatcher, make_tracker
) -> None:
    """The whole check in one numbered line, one part naming what the visitor takes."""
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        "to save time: 1 no, 2 no, 3 I take clopidogrel, 4 no, 5 no",
    )
    assert state(slots) == {
        "pregnancy": "absent",
        "breastfeeding": "absent",
        "cancer": "absent",
        "diabetes": "absent",
        "cardiac_disorder": "absent",
        "aspirin_or_blood_thinners": "present",
        "eczema_or_psoriasis": "absent",
        "severe_skin_sensitivity": "absent",
        "low_pain_tolerance": "absent",
    }


async def test_numbered_answers_to_one_questions_own_conditions(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", "1 no 2 no 3 yes, aspirin")
    assert state(slots) == {
        "blood_clotting_disorder": "absent",
        "prone_to_bruising": "absent",
        "aspirin_or_blood_thinners": "present",
    }


async def test_a_yes_first_to_the_whole_check_asks_which_one(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", "yes no no no no")
    assert slots["screening_pending"] == "which"
    assert state(slots) == {}


async def test_the_same_answer_for_each_is_the_answer_to_the_question(
    dispatcher, make_tracker
) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_chronic", "no, no, no", "deny")
    assert state(slots) == {"cancer": "absent", "diabetes": "absent", "cardiac_disorder": "absent"}


async def test_a_birth_told_still_asks_about_breastfeeding(dispatcher, make_tracker) -> None:
    # a past pregnancy answers nothing of breastfeeding, an avoid-level condition
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy", "I had my baby in march", "faq"
    )
    assert state(slots) == {"pregnancy": "past"}
    assert slots["screen_pregnancy"] is None  # asked again, for the rest only
    assert slots["screening_partial"] is True
    assert slots["screening_remaining"] == "breastfeeding"
    # a past condition elsewhere still answers its question (decision 0011)
    dispatcher.messages.clear()
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "I had cancer 10 years ago", "faq"
    )
    assert slots["screening_conditions"]["screen_chronic"] == "named_only"


async def test_same_as_before_repeats_a_no(dispatcher, make_tracker) -> None:
    denied = {
        "screening_conditions": {
            "eczema_or_psoriasis": "absent",
            "severe_skin_sensitivity": "absent",
        },
        "screening_previous": "screen_skin",
    }
    slots = await validate(
        dispatcher, make_tracker, "screen_pain", "same again", "nlu_fallback", denied
    )
    assert state(slots)["low_pain_tolerance"] == "absent"
    # after a yes, "same" is no answer: the question is asked again
    said_yes = {
        "screening_conditions": {
            "eczema_or_psoriasis": "present",
            "severe_skin_sensitivity": "absent",
        },
        "screening_previous": "screen_skin",
    }
    dispatcher.messages.clear()
    slots = await validate(
        dispatcher, make_tracker, "screen_pain", "same", "nlu_fallback", said_yes
    )
    assert "low_pain_tolerance" not in state(slots)


async def test_a_place_answers_the_grouped_question_itself(dispatcher, make_tracker) -> None:
    # "only the 2nd one" to "are you pregnant or breastfeeding?", with no "which one?" between
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy", "only the 2nd one", "affirm"
    )
    assert state(slots) == {"pregnancy": "absent", "breastfeeding": "present"}
    assert slots["screening_pending"] == "avoid"  # breastfeeding is said at once
    assert "utter_screening_avoid_notice" in responses(dispatcher)


async def test_a_yes_beside_another_questions_condition_is_that_ones(
    dispatcher, make_tracker
) -> None:
    # to the skin question: the yes is the pain tolerance's, no "which one?" about the skin
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_skin",
        "yes, I'm afraid my pain tolerance is low",
        "affirm",
    )
    assert state(slots) == {"low_pain_tolerance": "present"}
    assert slots["screening_pending"] is None and slots["screen_skin"] is None
    assert responses(dispatcher)[0] == "utter_screening_noted"


async def test_a_sentence_opening_with_perhaps_is_no_answer(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        "Perhaps you had better check me then.",
        "affirm",
    )
    assert state(slots) == {}


async def test_im_not_after_asking_about_a_condition_denies_it(dispatcher, make_tracker) -> None:
    # "what if I were pregnant?" answered; then "well I'm not, just asking"
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        "well I'm not, just asking. not breastfeeding either",
        "deny",
        {"screening_topic": "pregnancy"},
    )
    assert state(slots) == {"pregnancy": "absent", "breastfeeding": "absent"}


async def test_both_of_three_asks_again(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "both", "affirm", {"screening_pending": "which"}
    )
    assert state(slots) == {}


# --- answers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("/affirm", "affirm", None),  # two conditions: "which one?"
        ("/deny", "deny", "no"),
        ("nope", "deny", "no"),
        ("not that I know of", "deny", "no"),
        ("none of these", "deny", "no"),
        ("no to both", "deny", "no"),
        ("for me its a no", "deny", "no"),  # after someone else's condition
        ("in my case, no", "deny", "no"),
        ("not sure", "out_of_scope", "unsure"),
        ("I'd rather not say", "out_of_scope", "declined"),
    ],
)
async def test_bare_answers(dispatcher, make_tracker, text, intent, expected) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", text, intent)
    assert slots["screen_skin"] == expected
    assert slots["screening_retries"] == 0


async def test_a_bare_no_is_said_back(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_chronic", "no", "deny")
    assert state(slots) == {"cancer": "absent", "diabetes": "absent", "cardiac_disorder": "absent"}
    assert responses(dispatcher) == ["utter_screening_noted"]
    assert dispatcher.messages[0]["noted"] == "no cancer; no diabetes; no heart condition"


async def test_yes_to_a_bundled_question_asks_which_one(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_chronic", "/affirm", "affirm")
    assert slots["screen_chronic"] is None and state(slots) == {}
    assert slots["screening_pending"] == "which"
    which = await validate(
        CollectingDispatcher(),
        make_tracker,
        "screen_chronic",
        "Diabetes",
        "faq",
        slots={"screening_pending": "which"},
    )
    assert state(which) == {"diabetes": "present"}
    assert which["screen_chronic"] == "yes"  # diabetes is the strictest level of the three
    # a consult-level pick answers the question too: the rest is not asked again (a later
    # "yes" to the next question must not land on the clotting disorder)
    picked = await validate(
        CollectingDispatcher(),
        make_tracker,
        "screen_bleeding",
        "i bruise really easily and take a baby aspirin",
        "faq",
        slots={"screening_pending": "which"},
    )
    assert picked["screen_bleeding"] == "yes" and picked["screening_pending"] is None
    assert picked["screening_conditions"]["screen_bleeding"] == NAMED_ONLY


async def test_yes_to_a_one_condition_question_is_that_condition(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pain", "yes", "affirm")
    assert state(slots) == {"low_pain_tolerance": "present"}
    assert slots["screen_pain"] == "yes"


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
    assert state(slots)["eczema_or_psoriasis"] == "present"
    assert state(slots)["diabetes"] == "present"


async def test_a_denied_condition_answers_its_question(dispatcher, make_tracker) -> None:
    # "not pregnant": the check goes on; breastfeeding is not recorded as absent, the result
    # lists it as not answered
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", "I'm not pregnant", "deny")
    assert slots["screen_pregnancy"] == "no"
    assert state(slots) == {"pregnancy": "absent"}
    assert responses(dispatcher) == ["utter_screening_noted"]
    dispatcher.messages.clear()
    others = {slot: "no" for slot in GROUP_SLOTS if slot != "screen_pregnancy"}
    await summarise(dispatcher, make_tracker, **{**slots, **others})
    unanswered = next(
        m for m in dispatcher.messages if m["response"] == "utter_screening_unanswered"
    )
    assert unanswered["topics"] == "breastfeeding"


async def test_naming_one_condition_answers_the_question(dispatcher, make_tracker) -> None:
    """ "I take aspirin" to the bleeding question: noted, and the check goes on; the result
    then says which of that question's conditions were not mentioned."""
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding", "i take aspirin every day", "faq"
    )
    assert state(slots) == {"aspirin_or_blood_thinners": "present"}
    assert slots["screen_bleeding"] == "yes"
    assert responses(dispatcher) == ["utter_screening_noted"]
    dispatcher.messages.clear()
    others = {slot: "no" for slot in GROUP_SLOTS if slot != "screen_bleeding"}
    await summarise(dispatcher, make_tracker, **{**slots, **others})
    assert responses(dispatcher)[0] == "utter_screening_result_consult"
    unanswered = next(
        m for m in dispatcher.messages if m["response"] == "utter_screening_unanswered"
    )
    assert unanswered["topics"] == "a blood clotting disorder, bruising easily"


async def test_no_but_i_do_have_something_else_is_not_a_no_to_all(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "no cancer, but i do have something called POTS",
        "deny",
    )
    assert state(slots) == {"cancer": "absent"}  # diabetes and the heart are asked again
    assert slots["screen_chronic"] is None
    nothing_named = await validate(
        CollectingDispatcher(), make_tracker, "screen_chronic", "no, but i do have POTS", "deny"
    )
    assert state(nothing_named) == {} and nothing_named["screen_chronic"] is None


async def test_conditions_named_for_two_questions_answer_both(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy", "not pregnant, i take aspirin", "deny"
    )
    assert slots["screen_pregnancy"] == "no"
    assert slots["screen_bleeding"] == "yes"
    assert slots["screening_partial"] is False


async def test_a_hedge_about_another_questions_condition_is_that_conditions(
    dispatcher, make_tracker
) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "not sure about bruising, i do seem to get random bruises",
        "faq",
    )
    assert state(slots) == {"prone_to_bruising": "uncertain"}
    assert slots["screen_chronic"] is None  # still to answer: cancer, diabetes, the heart
    assert slots["screen_bleeding"] == "yes"


async def test_my_bf_is_a_boyfriend(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy", "no. my bf has diabetes tho", "deny"
    )
    assert state(slots) == {"pregnancy": "absent", "breastfeeding": "absent"}
    assert "utter_screening_other_person" in responses(dispatcher)


async def test_someone_elses_condition_is_not_recorded(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy", "my sister is pregnant", "faq"
    )
    assert state(slots) == {} and slots["screen_pregnancy"] is None
    assert responses(dispatcher) == ["utter_screening_other_person"]
    assert dispatcher.messages[0]["conditions"] == "pregnancy"


async def test_a_question_is_answered_and_never_a_finding(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "does type 1 diabetes count?", "faq"
    )
    assert state(slots) == {} and slots["screen_chronic"] is None
    assert responses(dispatcher) == ["utter_condition_info"]
    info = dispatcher.messages[0]
    assert info["condition"] == "Diabetes" and "avoid" in info["level_text"]
    assert "Mesotherapy for Face" in info["sources"]
    assert slots["screening_topic"] == "diabetes"


async def test_does_that_count_asks_about_the_last_condition(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_bleeding",
        "it's well controlled, does that still count?",
        "nlu_fallback",
        slots={"screening_topic": "diabetes", "screening_conditions": {"diabetes": "present"}},
    )
    assert responses(dispatcher) == ["utter_condition_info"]
    assert state(slots) == {"diabetes": "present"}  # unchanged


async def test_past_and_hedged_conditions_are_kept_to_discuss(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "had cancer 10 years ago, all clear. maybe prediabetes?",
        "faq",
    )
    assert state(slots) == {"cancer": "past", "diabetes": "uncertain"}
    assert "to discuss with a professional" in dispatcher.messages[0]["noted"]
    # the question is answered; the heart, never mentioned, is named in the result
    assert slots["screen_chronic"] == "yes"
    assert slots["screening_conditions"]["screen_chronic"] == NAMED_ONLY


async def test_a_correction_changes_the_earlier_answer(dispatcher, make_tracker) -> None:
    earlier = {
        "screen_pain": "no",
        "screening_conditions": {"low_pain_tolerance": "absent"},
        "screening_previous": "screen_pain",
    }
    slots = await validate(
        dispatcher, make_tracker, "screen_skin", "sorry, I meant yes", "affirm", slots=earlier
    )
    assert state(slots)["low_pain_tolerance"] == "present"
    assert slots["screen_pain"] == "yes"


async def test_a_correction_naming_a_condition_corrects_the_question_before(
    dispatcher, make_tracker
) -> None:
    earlier = {
        "screen_skin": "no",
        "screening_conditions": {
            "severe_skin_sensitivity": "absent",
            "eczema_or_psoriasis": "absent",
        },
        "screening_previous": "screen_skin",
    }
    slots = await validate(
        dispatcher, make_tracker, "screen_pain", "sorry i meant yes, i get eczema on my arms",
        "affirm", slots=earlier,
    )  # fmt: skip
    assert state(slots)["eczema_or_psoriasis"] == "present"
    assert "low_pain_tolerance" not in state(slots)  # the open question is still open
    assert slots["screen_pain"] is None
    # the corrected question is answered by naming eczema: sensitive skin not mentioned now
    assert slots["screening_conditions"]["screen_skin"] == NAMED_ONLY


async def test_i_had_that_is_the_condition_just_talked_about(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "i had that with my first, it went away after the birth. no cancer or heart stuff",
        "faq",
        slots={"screening_topic": "diabetes"},
    )
    assert state(slots) == {"diabetes": "past", "cancer": "absent", "cardiac_disorder": "absent"}


async def test_it_after_a_condition_named_in_the_message_is_that_condition(
    dispatcher, make_tracker
) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding",
        "does retinol count as a blood thinner? i use it every night", "faq",
        slots={"screening_topic": "pregnancy"},
    )  # fmt: skip
    assert "pregnancy" not in state(slots) and state(slots)["retinol"] == "present"


async def test_a_condition_told_again_is_noted_again(dispatcher, make_tracker) -> None:
    known = {"screening_conditions": {"diabetes": "present"}, "screen_chronic": "yes"}
    await validate(
        dispatcher, make_tracker, "screen_bleeding", "the diabetes, as I mentioned", "faq",
        slots=known,
    )  # fmt: skip
    assert responses(dispatcher)[0] == "utter_screening_noted"
    assert dispatcher.messages[0]["noted"] == "diabetes"


@pytest.mark.parametrize("text", ["can I have that?", "do I have that?"])
async def test_a_question_with_that_is_not_a_statement(dispatcher, make_tracker, text) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        text,
        "faq",
        slots={"screening_topic": "diabetes"},
    )
    assert "diabetes" not in state(slots)


async def test_no_x_or_anything_is_a_no_to_the_whole_question(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", "no eczema or anything", "deny")
    assert state(slots) == {"eczema_or_psoriasis": "absent", "severe_skin_sensitivity": "absent"}
    assert slots["screen_skin"] == "no"


async def test_a_goodbye_that_will_not_continue_ends_the_check(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy",
        "No, I shan't continue. Thank you kindly, goodbye.", "thank",
    )  # fmt: skip
    assert slots["screening_end"] == "goodbye" and slots["requested_slot"] is None


async def test_asking_for_the_full_check_after_an_avoid_finding_goes_on(
    dispatcher, make_tracker
) -> None:
    pending = {"screening_pending": "avoid", "screening_conditions": {"diabetes": "present"}}
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy",
        "I see. Could you go through the full check with me anyway?", "check_eligibility",
        slots=pending,
    )  # fmt: skip
    assert slots.get("screening_end") is None and slots["screening_pending"] is None
    assert responses(dispatcher) == ["utter_screening_in_progress"]  # then the question


async def test_after_the_baby_says_what_the_articles_say_and_what_they_dont(
    dispatcher, make_tracker
) -> None:
    known = {"screening_conditions": {"pregnancy": "present"}, "screening_topic": "pregnancy"}
    await validate(
        dispatcher, make_tracker, "screen_chronic", "ah. can i do it after the baby then?", "faq",
        slots=known, entities=[{"entity": "not_covered", "value": "after_baby"}],
    )  # fmt: skip
    assert responses(dispatcher)[:2] == ["utter_condition_info", "utter_not_covered"]
    assert dispatcher.messages[0]["condition"] == "Pregnancy"


async def test_a_hedged_answer_is_not_taken_for_a_question(dispatcher, make_tracker) -> None:
    selector = {"faq": {"response": {"utter_action": "utter_faq/procedure"}}}
    text = "kind of? needles make me nervous"
    slots = await validate(
        dispatcher, make_tracker, "screen_pain", text, "faq", response_selector=selector
    )
    assert "utter_faq/procedure" not in responses(dispatcher)
    assert state(slots) == {"low_pain_tolerance": "uncertain"}


async def test_an_off_topic_question_gets_its_answer_and_the_question_again(
    dispatcher, make_tracker
) -> None:
    text = "lol random but whats ur fav football team"
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "out_of_scope")
    assert responses(dispatcher) == ["utter_out_of_scope"]
    assert slots["screen_bleeding"] is None and "requested_slot" not in slots


async def test_started_as_a_follow_up_the_check_runs_its_form_next(
    dispatcher, make_tracker
) -> None:
    text = "im thinking of getting it myself. am i suitable? i have psoriasis btw"
    asked = user_message(text, "check_eligibility")
    after = {"event": "action", "name": "action_warning_followup"}
    events = await ActionStartScreening().run(dispatcher, make_tracker([asked, after]), {})
    assert FollowupAction("screening_form") == events[-1]
    assert state(slot_values(events)) == {"eczema_or_psoriasis": "present"}
    # started by its rule, the rule runs the form
    events = await ActionStartScreening().run(dispatcher, make_tracker([asked]), {})
    assert all(e["event"] == "slot" for e in events)


async def test_a_question_asked_beside_the_check_is_answered_before_it(
    dispatcher, make_tracker
) -> None:
    pain = {"entity": "also_asked_question", "value": "does mesotherapy hurt?"}
    asked = user_message("am I ok to have it? and is it painful?", "check_eligibility",
                         entities=[pain])  # fmt: skip
    await ActionStartScreening().run(dispatcher, make_tracker([asked]), DOMAIN)
    assert responses(dispatcher)[:2] == ["utter_faq/pain", "utter_screening_intro"]
    # already answered in this turn (the check started as a follow-up): not again
    dispatcher.messages.clear()
    said = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq/pain"}}
    await ActionStartScreening().run(dispatcher, make_tracker([asked, said]), DOMAIN)
    assert responses(dispatcher)[0] == "utter_screening_intro"


async def test_the_condition_just_answered_told_as_theirs_when_the_check_starts(
    dispatcher, make_tracker
) -> None:
    asked = user_message("is mesotherapy OK for someone with psoriasis?", "faq")
    answer = {
        "event": "bot",
        "text": "**Eczema or psoriasis**: the articles say to discuss this with a professional",
        "metadata": {"utter_action": "utter_condition_info"},
    }
    told = user_message("well I do have it on my scalp. can I have meso for my hair then?", "faq")
    events = await ActionStartScreening().run(dispatcher, make_tracker([asked, answer, told]), {})
    assert state(slot_values(events)) == {"eczema_or_psoriasis": "present"}
    # a question about it ("can I have it?") tells nothing
    told = user_message("ok so can I have it then?", "check_eligibility")
    events = await ActionStartScreening().run(dispatcher, make_tracker([asked, answer, told]), {})
    assert state(slot_values(events)) == {}


async def test_the_condition_told_in_the_question_just_answered_is_noted_when_the_check_starts(
    dispatcher, make_tracker
) -> None:
    # session 41: "I was diagnosed with AF last month, is that from the meso?", answered with
    # what the articles say of heart conditions, then "so can I have my next session?"
    asked = user_message("I was diagnosed with AF last month, is that from the meso?", "faq")
    answer = {
        "event": "bot",
        "text": "**A heart condition**: the articles say people with this should avoid it",
        "metadata": {"utter_action": "utter_condition_info"},
    }
    then = user_message("so can I have my next session?", "check_eligibility")
    events = await ActionStartScreening().run(dispatcher, make_tracker([asked, answer, then]), {})
    assert state(slot_values(events)) == {"cardiac_disorder": "present"}
    # a question about the condition in general told nothing of theirs
    asked = user_message("can people with heart problems have it?", "faq")
    events = await ActionStartScreening().run(dispatcher, make_tracker([asked, answer, then]), {})
    assert state(slot_values(events)) == {}
    # nor someone else's, told without a word of whose ("for my dad. AF. can he?")
    asked = user_message("asking for dad. AF. can he", "faq")
    mine = user_message("and what about me", "check_eligibility")
    events = await ActionStartScreening().run(dispatcher, make_tracker([asked, answer, mine]), {})
    assert state(slot_values(events)) == {}


async def test_thanks_gets_you_are_welcome_and_the_question_again(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", "thanks!", "thank")
    assert responses(dispatcher) == ["utter_screening_welcome"]
    assert slots["screen_skin"] is None and "requested_slot" not in slots


@pytest.mark.parametrize(("text", "intent"), [("bye", "goodbye"), ("ok thanks bye", "thank")])
async def test_goodbye_ends_the_check(dispatcher, make_tracker, text, intent) -> None:
    known = {"screening_conditions": {"diabetes": "present"}}
    slots = await validate(dispatcher, make_tracker, "screen_skin", text, intent, slots=known)
    assert slots["requested_slot"] is None and slots["screening_end"] == "goodbye"
    sent = await summarise(
        dispatcher,
        make_tracker,
        screening_end="goodbye",
        screening_conditions={"diabetes": "present"},
    )
    assert sent[-3:] == [
        "utter_screening_noted_so_far",
        "utter_screening_disclaimer",
        "utter_goodbye",
    ]


async def test_stop_ends_the_check_and_forgets(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", "stop", "stop")
    assert slots["requested_slot"] is None and slots["screening_end"] == "stopped"
    sent = await summarise(dispatcher, make_tracker, screening_end="stopped")
    assert sent == ["utter_screening_stopped"]


@pytest.mark.parametrize("pending", ["continue", "avoid"])
async def test_a_yes_corrected_to_someone_elses_after_the_avoid_notice_goes_on(
    dispatcher, make_tracker, pending
) -> None:
    earlier = {
        "screening_conditions": {
            "diabetes": "present",
            "pregnancy": "absent",
            "screen_chronic": "named_only",
        },
        "screen_chronic": "yes",
        "screen_pregnancy": "no",
        "screening_previous": "screen_chronic",
        "screening_pending": pending,
        "screening_topic": "diabetes",
    }
    text = "wait sorry, I misread, I meant no. it's my husband who's diabetic"
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "deny", slots=earlier)
    assert slots["screening_conditions"]["diabetes"] == "absent"
    assert slots["screening_pending"] is None  # no stop, no "shall we go on?" again
    assert slots["screen_chronic"] is None  # cancer and a heart condition are asked
    assert "utter_screening_other_person" in responses(dispatcher)


async def test_never_mind_for_now_stops_the_check(dispatcher, make_tracker) -> None:
    text = "i'll do a test first. never mind for now"
    slots = await validate(dispatcher, make_tracker, "screen_chronic", text, "out_of_scope")
    assert slots["screening_end"] == "stopped"


async def test_an_earlier_answer_said_later_to_be_someone_elses_is_taken_back(
    dispatcher, make_tracker
) -> None:
    earlier = {
        "screening_conditions": {"prone_to_bruising": "present", "pregnancy": "absent"},
        "screen_bleeding": "yes",
        "screen_pregnancy": "no",
    }
    text = "hmm wait. earlier with the bruising I was thinking of my sister tbh, that's her not me"
    slots = await validate(dispatcher, make_tracker, "screen_pain", text, "deny", slots=earlier)
    assert "prone_to_bruising" not in slots["screening_conditions"]
    assert slots["screen_bleeding"] is None  # asked again, for the visitor
    assert slots["screen_pain"] is None  # "not me" answers nothing of the pain question
    assert responses(dispatcher) == ["utter_screening_other_person"]


@pytest.mark.parametrize(
    ("text", "mine"),
    [
        ("*my dad has heart failure, not me", "absent"),
        ("oh hang on, it's my dad with the heart failure", None),
        ("my dad has heart failure too, let's go on", "present"),
    ],
)
async def test_the_condition_of_a_notice_said_to_be_someone_elses_is_taken_back(
    dispatcher, make_tracker, text: str, mine: Optional[str]
) -> None:
    notice_given = {
        "screening_conditions": {"cardiac_disorder": "present", "pregnancy": "absent"},
        "screen_chronic": "yes",
        "screen_pregnancy": "no",
        "screening_previous": "screen_chronic",
        "screening_pending": "avoid",
    }
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding", text, "faq", slots=notice_given
    )
    assert slots["screening_conditions"].get("cardiac_disorder") == mine
    if mine == "present":  # someone else's as well as the visitor's: nothing taken back
        return
    assert slots["screening_pending"] is None  # no "shall we go on?" about a notice undone
    assert slots["screen_chronic"] is None  # cancer and diabetes are still to be asked
    assert slots.get("screening_end") is None
    assert "utter_screening_other_person" in responses(dispatcher)


async def test_an_answer_naming_an_uncovered_subject_gets_no_uncovered_reply(
    dispatcher, make_tracker
) -> None:
    text = "I had a tattoo done on my ankle at 50 and didn't flinch, so no."
    uncovered = [{"entity": "not_covered", "value": "tattoos"}]
    slots = await validate(dispatcher, make_tracker, "screen_pain", text, "faq", entities=uncovered)
    assert slots["screen_pain"] == "no"
    assert not any("not_covered" in name for name in responses(dispatcher))
    # asked about it, it is answered
    dispatcher.messages.clear()
    text = "no. can I have it if I have a tattoo there?"
    await validate(dispatcher, make_tracker, "screen_pain", text, "faq", entities=uncovered)
    assert any("not_covered" in name for name in responses(dispatcher))


async def test_a_denied_list_that_goes_on_with_a_bare_word_denies_it_too(
    dispatcher, make_tracker
) -> None:
    text = "Not breastfeeding. And I don't have nothing of cancer, diabetes, heart."
    slots = await validate(dispatcher, make_tracker, "screen_chronic", text, "deny")
    assert slots["screen_chronic"] == "no"
    assert slots["screening_conditions"]["cardiac_disorder"] == "absent"
    assert "utter_screening_avoid_notice" not in responses(dispatcher)


async def test_an_faq_question_beside_the_contacts_in_the_check_is_answered_too(
    dispatcher, make_tracker
) -> None:
    question = DOMAIN["responses"]["utter_faq/cost"][0]["metadata"]["question"]
    also = [{"entity": "also_asked_title", "value": "What does it cost?"},
            {"entity": "also_asked_question", "value": question}]  # fmt: skip
    text = "how much does it cost and whats ur opening hours"
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", text, "human_handoff", entities=also
    )
    assert responses(dispatcher) == ["utter_contact", "utter_faq/cost"]
    # the details, as an FAQ is answered: the same question again, no "shall we go on?"
    assert slots.get("screening_pending") != "continue" and slots["screen_chronic"] is None
    # a person asked for: the details, then whether to go on with the check
    dispatcher.messages.clear()
    text = "can I talk to someone at the clinic instead"
    slots = await validate(dispatcher, make_tracker, "screen_chronic", text, "human_handoff")
    assert responses(dispatcher) == ["utter_contact"]
    assert slots["screening_pending"] == "continue"


async def test_booking_in_the_check_then_asks_to_continue(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_skin", "can I book?", "book_consultation"
    )
    assert responses(dispatcher) == ["utter_booking"]
    assert slots["screening_pending"] == "continue"
    go_on = await validate(
        CollectingDispatcher(),
        make_tracker,
        "screen_skin",
        "/affirm",
        "affirm",
        slots={"screening_pending": "continue"},
    )
    assert go_on["screening_pending"] is None and go_on["screen_skin"] is None
    stop = await validate(
        CollectingDispatcher(),
        make_tracker,
        "screen_skin",
        "/stop",
        "stop",
        slots={"screening_pending": "continue"},
    )
    assert stop["screening_end"] == "stopped"


async def test_stopping_after_an_avoid_notice_gives_the_result(dispatcher, make_tracker) -> None:
    known = {"screening_conditions": {"pregnancy": "present"}, "screening_pending": "avoid"}
    slots = await validate(dispatcher, make_tracker, "screen_chronic", "/deny", "deny", slots=known)
    assert slots["screening_end"] == "stopped_here"
    sent = await summarise(dispatcher, make_tracker, **slots)
    assert sent[:2] == ["utter_screening_stopped_here", "utter_screening_result_avoid"]
    assert "utter_screening_unanswered" not in sent


@pytest.mark.parametrize(
    "text",
    [
        "how long after i stop breastfeeding i can do it?",
        "how long after i stop feeding can i have it",
    ],
)
async def test_a_question_with_stop_in_it_is_no_stop(dispatcher, make_tracker, text) -> None:
    known = {"screening_conditions": {"breastfeeding": "present"}, "screening_pending": "avoid"}
    slots = await validate(dispatcher, make_tracker, "screen_chronic", text, "stop", slots=known)
    assert slots.get("screening_end") is None
    assert slots["screening_pending"] == "avoid"  # the choice to go on or stop still stands


async def test_a_question_in_a_later_sentence_is_answered(dispatcher, make_tracker) -> None:
    selector = {"faq": {"response": {"utter_action": "utter_faq/results_duration"}}}
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        "not pregnant. wait how long do results last actually",
        "faq",
        response_selector=selector,
    )
    assert state(slots) == {"pregnancy": "absent"}
    assert responses(dispatcher) == ["utter_screening_noted", "utter_faq/results_duration"]


async def test_a_correction_after_which_one_is_read(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        "sorry meant no, misclicked",
        "deny",
        slots={"screening_pending": "which"},
    )
    assert state(slots) == {"pregnancy": "absent", "breastfeeding": "absent"}
    assert slots["screen_pregnancy"] == "no"


async def test_what_to_do_about_a_medicine_just_named_gets_its_answer(
    dispatcher, make_tracker
) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_skin",
        "what do i do about that before treatment, stop it?",
        "faq",
        slots={"screening_topic": "aspirin_or_blood_thinners"},
    )
    assert responses(dispatcher)[0] == "utter_condition_info"
    assert state(slots) == {}


async def test_not_me_beside_someone_elses_condition_is_a_no(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "not me. he has type 2 tho", "deny"
    )
    assert state(slots) == {"cancer": "absent", "diabetes": "absent", "cardiac_disorder": "absent"}
    assert "utter_screening_other_person" in responses(dispatcher)


async def test_asking_what_a_word_of_the_question_means_records_nothing(
    dispatcher, make_tracker
) -> None:
    text = "my skin goes blotchy with some creams, is that what u mean by very sensitive?"
    selector = {"faq": {"response": {"utter_action": "utter_faq/side_effects"}}}
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_skin",
        text,
        "faq",
        slots={"screening_topic": "prone_to_bruising"},  # the condition talked about before
        response_selector=selector,
    )
    assert state(slots) == {} and slots["screen_skin"] is None
    assert responses(dispatcher) == ["utter_condition_info"]  # what the articles say of it
    assert dispatcher.messages[0]["condition"] == "Very sensitive skin"


async def test_unsure_whether_theirs_counts_is_uncertain(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "hmm im not sure if mine counts then. no cancer or diabetes tho",
        "deny",
        slots={"screening_topic": "cardiac_disorder"},  # "does a heart murmur count?" before
    )
    assert state(slots) == {
        "cardiac_disorder": "uncertain",
        "cancer": "absent",
        "diabetes": "absent",
    }


async def test_nothing_else_is_a_no_to_the_rest(dispatcher, make_tracker) -> None:
    text = "had a small skin cancer cut off my back in 2015, all clear since. nothing else"
    slots = await validate(dispatcher, make_tracker, "screen_chronic", text, "faq")
    assert state(slots) == {"cancer": "past", "diabetes": "absent", "cardiac_disorder": "absent"}


async def test_which_question_are_we_on_asks_it_again(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_skin", "wait im confused, which question are we on", "faq"
    )
    assert "utter_screening_help" not in responses(dispatcher)
    assert slots.get("screening_retries", 0) == 0
    answered = await validate(
        CollectingDispatcher(), make_tracker, "screen_skin", "oh the skin one. no", "deny"
    )
    assert state(answered) == {"severe_skin_sensitivity": "absent", "eczema_or_psoriasis": "absent"}


async def test_me_personally_no_is_a_no(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "me personally no, none of that", "deny"
    )
    assert state(slots) == {"cancer": "absent", "diabetes": "absent", "cardiac_disorder": "absent"}


async def test_stop_here_for_another_time_stops(dispatcher, make_tracker) -> None:
    text = "stop here please, ill do the rest another time"
    slots = await validate(dispatcher, make_tracker, "screen_pain", text, "stop")
    assert slots["screening_end"] == "stopped"


@pytest.mark.parametrize(
    "text",
    [
        "never mind the rest of the questions then",
        "There's no need to go through the rest of your questions, thanks",
        "ok so probably not for me then. thanks anyway",
    ],
)
async def test_saying_the_rest_is_not_needed_stops(dispatcher, make_tracker, text) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "faq")
    assert slots["screening_end"] == "stopped"


async def test_a_question_after_oh_no_keeps_the_choice_open(dispatcher, make_tracker) -> None:
    known = {"screening_conditions": {"pregnancy": "present"}, "screening_pending": "avoid"}
    text = "oh no. what about my friend tho, shes got diabetes, can she still have hers?"
    slots = await validate(dispatcher, make_tracker, "screen_chronic", text, "faq", slots=known)
    assert slots.get("screening_end") is None
    assert "utter_screening_other_person" in responses(dispatcher)


async def test_coming_off_the_medicine_just_named_gets_its_answer(dispatcher, make_tracker) -> None:
    await validate(
        dispatcher,
        make_tracker,
        "screen_skin",
        "do i have to come off it before the appointment?",
        "faq",
        slots={"screening_topic": "aspirin_or_blood_thinners"},
    )
    assert responses(dispatcher)[0] == "utter_condition_info"


async def test_none_of_the_rest_is_no_to_what_naming_left_unsaid(dispatcher, make_tracker) -> None:
    told = {
        "screen_pregnancy": "no",
        "screen_chronic": "no",
        "screen_bleeding": "yes",
        "screen_skin": "yes",
        "screening_conditions": {
            "prone_to_bruising": "present",
            "eczema_or_psoriasis": "present",
            "screen_bleeding": NAMED_ONLY,
            "screen_skin": NAMED_ONLY,
        },
    }
    told["screening_previous"] = "screen_bleeding"  # the question answered last
    slots = await validate(
        dispatcher, make_tracker, "screen_pain", "no, none of the rest", "deny", slots=told
    )
    recorded = state(slots)
    assert recorded["blood_clotting_disorder"] == "absent"
    assert recorded["aspirin_or_blood_thinners"] == "absent"
    assert "severe_skin_sensitivity" not in recorded  # of another question: still unanswered
    assert "low_pain_tolerance" not in recorded and slots["screen_pain"] is None  # asked again


async def test_the_subject_then_no_is_a_no(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", "skin no", "deny")
    assert state(slots) == {"severe_skin_sensitivity": "absent", "eczema_or_psoriasis": "absent"}


async def test_an_answer_is_not_taken_for_a_question(dispatcher, make_tracker) -> None:
    selector = {"faq": {"response": {"utter_action": "utter_faq/pain"}}}
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pain",
        "my pain tolerance is fine",
        "faq",
        response_selector=selector,
    )
    assert state(slots) == {"low_pain_tolerance": "absent"}
    assert "utter_faq/pain" not in responses(dispatcher)


async def test_mild_after_effects_in_the_check(dispatcher, make_tracker) -> None:
    selector = {"faq": {"response": {"utter_action": "utter_faq/side_effects"}}}
    entities = [{"entity": "after_effects", "value": "expected"}]
    await validate(
        dispatcher,
        make_tracker,
        "screen_skin",
        "my cheek is a bit red since yesterday's session, is that ok?",
        "faq",
        response_selector=selector,
        entities=entities,
    )
    assert responses(dispatcher) == ["utter_faq/side_effects", "utter_warning_expected"]


async def test_an_answer_beside_mild_after_effects_gets_both(dispatcher, make_tracker) -> None:
    # the classifier's topic for the message was the contraindications list (the router's
    # intent is after_effects): the answer is noted and the after-effects answered
    selector = {"faq": {"response": {"utter_action": "utter_faq/contraindications"}}}
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "Ok then no, I don't have that. Oh, and from a session in another clinic 2 days ago I"
        " still have two small bruises and it is a little tender, normal?",
        "after_effects",
        response_selector=selector,
    )
    assert slots["screen_chronic"] == "no"
    assert "utter_warning_expected" in responses(dispatcher)
    assert "utter_faq/contraindications" not in responses(dispatcher)


async def test_two_questions_in_the_check_get_both_answers(dispatcher, make_tracker) -> None:
    selector = {"faq": {"response": {"utter_action": "utter_faq/vs_fillers"}}}
    entities = [
        {"entity": "also_asked_title", "value": "Cost"},
        {"entity": "also_asked_question", "value": "how much does mesotherapy cost?"},
    ]
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        "is it the same as a filler and how much is it",
        "faq",
        response_selector=selector,
        entities=entities,
    )
    assert responses(dispatcher)[:2] == ["utter_faq/vs_fillers", "utter_faq/cost"]
    assert slots["screen_pregnancy"] is None  # still open: asked again after the answers


async def test_a_general_question_about_infection_in_the_check(dispatcher, make_tracker) -> None:
    # the router's intent for a general question about a sign (meso_nlu/safety.py)
    await validate(
        dispatcher, make_tracker, "screen_skin", "wait, can it cause an infection?", "after_effects"
    )
    # the side-effects answer, then what to do if it ever happens: no "contact us today" alarm
    assert responses(dispatcher) == ["utter_faq/side_effects", "utter_warning_if_urgent"]


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
        slots={"screen_pregnancy": "no", "screening_conditions": {"diabetes": "present"}},
    )
    assert all(slots[s] is None for s in GROUP_SLOTS)
    assert state(slots) == {}
    assert responses(dispatcher) == ["utter_screening_restarted"]


async def test_goodbye_after_a_warning_paused_the_check_urges_then_says_what_was_noted(
    dispatcher, make_tracker
) -> None:
    tracker = make_tracker(
        [], slots={"screening_conditions": {"pregnancy": "absent", "cancer": "past"}}
    )
    assert await ActionEndAfterWarning().run(dispatcher, tracker, {}) == []
    assert responses(dispatcher) == ["utter_goodbye_after_warning", "utter_screening_noted_so_far"]
    assert "cancer in the past" in dispatcher.messages[1]["noted"]


async def test_stop_after_a_warning_paused_the_check_says_back_and_clears(
    dispatcher, make_tracker
) -> None:
    tracker = make_tracker(
        [
            {"event": "action", "name": "action_pause_screening"},
            user_message("ok calling them, stop the questions", "stop"),
        ],
        slots={"screening_conditions": {"diabetes": "present"}, "screen_chronic": "yes"},
    )
    events = await ActionEndAfterWarning().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_screening_stopped_noted"]
    assert slot_values(events)["screening_conditions"] == {}
    assert slot_values(events)["screen_chronic"] is None


async def test_goodbye_after_a_warning_before_any_answer_only_urges(
    dispatcher, make_tracker
) -> None:
    await ActionEndAfterWarning().run(dispatcher, make_tracker([]), {})
    assert responses(dispatcher) == ["utter_goodbye_after_warning"]


# --- the result ----------------------------------------------------------------------------


async def summarise(dispatcher, make_tracker, **slots: Any) -> List[str]:
    await ActionSummariseScreening().run(dispatcher, make_tracker([], slots=slots), {})
    return responses(dispatcher)


async def test_avoid_level_result(dispatcher, make_tracker) -> None:
    sent = await summarise(
        dispatcher,
        make_tracker,
        screening_conditions={"pregnancy": "present", "eczema_or_psoriasis": "present"},
        **dict.fromkeys(GROUP_SLOTS, "no"),
    )
    assert sent[0] == "utter_screening_result_avoid"
    assert sent.count("utter_screening_finding") == 2
    assert sent[-2:] == ["utter_screening_disclaimer", "utter_offer_booking"]
    levels = [m["level_text"] for m in dispatcher.messages if m["response"].endswith("finding")]
    assert "avoid" in levels[0] and "professional" in levels[1]


async def test_a_condition_told_after_the_result_gives_the_result_again(
    dispatcher, make_tracker
) -> None:
    finished = {**dict.fromkeys(GROUP_SLOTS, "no"), "screening_conditions": {"cancer": "absent"}}
    told = user_message("oh wait i forgot i use retinol every nite on my face", "faq")
    tracker = make_tracker([told], slots=finished)
    events = await ActionAnswerConditionQuestion().run(dispatcher, tracker, {})
    sent = responses(dispatcher)
    assert sent[:2] == ["utter_screening_noted", "utter_condition_info"]
    assert "utter_screening_result_consult" in sent
    assert state(slot_values(events)) == {"cancer": "absent", "retinol": "present"}
    # before any check, or with the check still open, nothing is recorded
    dispatcher.messages.clear()
    tracker = make_tracker([told], slots={"screen_pregnancy": "no"})
    assert await ActionAnswerConditionQuestion().run(dispatcher, tracker, {}) == []
    assert responses(dispatcher) == ["utter_condition_info"]


async def test_consult_level_result_names_the_source(dispatcher, make_tracker) -> None:
    sent = await summarise(
        dispatcher, make_tracker, screening_conditions={"aspirin_or_blood_thinners": "present"}
    )
    assert sent[0] == "utter_screening_result_consult"
    finding = next(m for m in dispatcher.messages if m["response"] == "utter_screening_finding")
    assert "What Is Mesotherapy and Can It Improve My Skin" in finding["sources"]
    assert re.search(r"doctor", finding["explanation"], re.I)


async def test_past_conditions_are_to_discuss_never_clear(dispatcher, make_tracker) -> None:
    sent = await summarise(
        dispatcher,
        make_tracker,
        screening_conditions={"cancer": "past", "diabetes": "absent"},
        **dict.fromkeys(GROUP_SLOTS, "no"),
    )
    assert sent[0] == "utter_screening_result_consult"
    assert "utter_screening_result_clear" not in sent
    discuss = next(m for m in dispatcher.messages if m["response"] == "utter_screening_to_discuss")
    assert "in the past" in discuss["said"]


async def test_a_feeding_or_pregnancy_that_is_over_is_said_and_not_to_discuss(
    dispatcher, make_tracker, domain
) -> None:
    sent = await summarise(
        dispatcher,
        make_tracker,
        screening_conditions={"pregnancy": "absent", "breastfeeding": "past"},
        **dict.fromkeys(GROUP_SLOTS, "no"),
    )
    assert sent == [
        "utter_screening_result_clear",
        "utter_screening_over",
        "utter_screening_disclaimer",
        "utter_offer_booking",
    ]
    over = next(m for m in dispatcher.messages if m["response"] == "utter_screening_over")
    assert over["condition"] == "Breastfeeding"
    assert "how long to wait" in domain["responses"]["utter_screening_over"][0]["text"]


@pytest.mark.parametrize(
    ("told", "result"),
    [
        # the visitor's own health that the articles don't name: to discuss, never clear
        ("can I have meso? I have lupus", "utter_screening_result_consult"),
        (
            "I've got epilepsy, well controlled. am I ok to have it?",
            "utter_screening_result_consult",
        ),
        # someone else's, or none: nothing found
        ("my mum has lupus, can I have it myself?", "utter_screening_result_clear"),
        ("can I have meso?", "utter_screening_result_clear"),
        # an everyday condition is no chronic disease of the kind the articles name
        ("can I have it? I get migraines and I have IBS", "utter_screening_result_clear"),
    ],
)
async def test_health_the_articles_dont_name_is_to_discuss(
    dispatcher, make_tracker, told: str, result: str
) -> None:
    events = [
        user_message(told, "check_eligibility"),
        {"event": "action", "name": "action_start_screening"},
        user_message("no", "deny"),
    ]
    tracker = make_tracker(events, slots=dict.fromkeys(GROUP_SLOTS, "no"))
    await ActionSummariseScreening().run(dispatcher, tracker, {})
    sent = responses(dispatcher)
    assert sent[0] == result
    assert ("utter_screening_other_health" in sent) == (result.endswith("consult"))
    assert "utter_screening_result_clear" not in sent or result.endswith("clear")


async def test_health_named_before_an_earlier_check_is_not_carried(
    dispatcher, make_tracker
) -> None:
    events = [
        user_message("can I have it? I have epilepsy", "check_eligibility"),
        {"event": "action", "name": "action_start_screening"},
        user_message("let's do it again from the start", "check_eligibility"),
        {"event": "action", "name": "action_start_screening"},
        user_message("no", "deny"),
    ]
    tracker = make_tracker(events, slots=dict.fromkeys(GROUP_SLOTS, "no"))
    await ActionSummariseScreening().run(dispatcher, tracker, {})
    assert responses(dispatcher)[0] == "utter_screening_result_clear"


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


async def test_stop_forgets_the_answers(dispatcher, make_tracker) -> None:
    tracker = make_tracker(
        [user_message("stop", "stop")],
        slots={
            "screen_pregnancy": "yes",
            "screening_conditions": {"pregnancy": "present"},
            "screening_end": "stopped",
        },
    )
    events = await ActionSummariseScreening().run(dispatcher, tracker, {})
    assert slot_values(events)["screening_conditions"] == {}
    assert slot_values(events)["screen_pregnancy"] is None
    # what they told is said back once, to mention to the professional; nothing is kept
    assert responses(dispatcher) == ["utter_screening_stopped_noted"]
    assert dispatcher.messages[0]["noted"] == "pregnancy"


@pytest.mark.parametrize(
    ("text", "greeted"),
    [
        ("hi, am I a good candidate for this?", True),
        ("Hello! is it suitable for someone like me", True),
        ("good morning, can you check if I can have it", True),
        ("is it suitable for me?", False),
        ("high blood pressure, can I have it?", False),
    ],
)
async def test_a_greeting_before_the_check_is_returned(
    dispatcher, make_tracker, text, greeted
) -> None:
    tracker = make_tracker([user_message(text, "check_eligibility")])
    await ActionStartScreening().run(dispatcher, tracker, DOMAIN)
    assert (responses(dispatcher)[:1] == ["utter_hello"]) == greeted


async def test_slots_reset_at_activation_are_not_taken_as_answers(dispatcher, make_tracker) -> None:
    """At activation Rasa validates the trailing SlotSet events: none is an answer."""
    events = [user_message("is it suitable for me?", "check_eligibility")]
    events += [SlotSet(slot, None) for slot in GROUP_SLOTS]
    tracker = make_tracker(events, active_loop=FORM)
    validated = await ValidateScreeningForm().run(dispatcher, tracker, DOMAIN)
    assert all(value is None for value in slot_values(validated).values())
    assert responses(dispatcher) == []


# --- warning signs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "response"),
    [
        (
            "my lips are swelling and I can't breathe",
            "warning_emergency",
            "utter_warning_emergency",
        ),
        ("it's hot, spreading and there's pus", "warning_urgent", "utter_warning_urgent"),
    ],
)
async def test_warning_signs_give_the_clinics_contacts(
    dispatcher, make_tracker, text, intent, response
) -> None:
    tracker = make_tracker([user_message(text, intent)])
    await ActionWarningSign().run(dispatcher, tracker, {})
    assert responses(dispatcher) == [response]
    message = dispatcher.messages[0]
    assert message["emergency_number"] == "999" and message["urgent_phone"]


async def test_one_more_mild_sign_after_an_urgent_one_is_read_as_mild_whatever_the_topic(
    dispatcher, make_tracker
) -> None:
    lump = "had meso 5 days ago on my tummy and theres a hard lump that seems to be getting bigger"
    text = "its not painful tho. i also have a small bruise next to it, is that normal?"
    tracker = make_tracker(
        [user_message(lump, "warning_urgent"), said("utter_warning_urgent"),
         user_message(text, "faq", response_selector=faq_topic("utter_faq/pain"))]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == [
        "utter_faq/side_effects", "utter_warning_expected", "utter_warning_dont_wait"
    ]  # fmt: skip


async def test_thanks_before_mild_after_effects_gets_a_welcome_first(
    dispatcher, make_tracker
) -> None:
    text = "thanks for the info yesterday! had my session this morning, bit of bruising"
    await ActionWarningSign().run(
        dispatcher, make_tracker([user_message(text, "after_effects")]), {}
    )
    assert responses(dispatcher) == [
        "utter_screening_welcome", "utter_faq/side_effects", "utter_warning_expected"
    ]  # fmt: skip
    # a serious sign gets its advice alone, whatever thanks come with it
    dispatcher.messages.clear()
    text = "thanks. my lips are swelling up fast"
    await ActionWarningSign().run(
        dispatcher, make_tracker([user_message(text, "warning_emergency")]), {}
    )
    assert responses(dispatcher) == ["utter_warning_emergency"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("it's not that bad, i can still talk. can i just take an antihistamine and wait?",
         "check_eligibility"),
        ("no its not so bad, i'll sleep it off", "deny"),
        ("is it ok for me to have more sessions later?", "check_eligibility"),
        # read as "stop" by the classifier
        ("I really don't want to make a fuss and end up in A&E for nothing.", "stop"),
    ],
)  # fmt: skip
async def test_playing_an_emergency_down_gets_the_emergency_advice_again(
    dispatcher, make_tracker, text, intent
) -> None:
    warned = said("utter_warning_emergency")
    tracker = make_tracker(
        [user_message("my lips are swelling and my throat feels tight", "warning_emergency"),
         warned, user_message(text, intent)]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_emergency_again"]


@pytest.mark.parametrize(
    ("sign", "level", "text", "topic", "again"),
    [
        ("my sister fainted at home a couple hours after her meso", "emergency",
         "shes awake now and says shes ok, should we still worry?",
         "utter_faq/contraindications", "utter_warning_emergency_again"),
        ("my left calf is swollen and hot and sore today", "urgent",
         "no chest pain or breathing problems, just the leg. is that still serious?",
         "utter_faq/pain", "utter_warning_dont_wait"),
        ("one hard ball under the skin and it grow every day", "urgent",
         "it not hurt much. is still problem?", "utter_faq/side_effects",
         "utter_warning_dont_wait"),
        ("the redness is spreading and hot", "urgent",
         "it's not painful though, is it still a worry?", "utter_faq/pain",
         "utter_warning_dont_wait"),
        ("one of the spots has a hard lump that's getting bigger", "urgent",
         "can I massage it out?", "utter_faq/pain", "utter_warning_dont_wait"),
    ],
)  # fmt: skip
async def test_asking_whether_a_sign_still_matters_gets_its_advice_not_an_faq(
    dispatcher, make_tracker, sign, level, text, topic, again
) -> None:
    # the classifier's topic for these is an unrelated FAQ: the sign's advice comes instead
    tracker = make_tracker(
        [user_message(sign, f"warning_{level}"), said(f"utter_warning_{level}"),
         user_message(text, "faq", response_selector=faq_topic(topic))]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == [again]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("im sure its fine tho, just a bit of redness right?", "after_effects"),
        ("i dont want to bother the clinic over nothing", "human_handoff"),
    ],
)
async def test_playing_an_urgent_sign_down_gets_dont_wait(
    dispatcher, make_tracker, text, intent
) -> None:
    warned = said("utter_warning_urgent")
    tracker = make_tracker(
        [user_message("the redness is spreading and hot", "warning_urgent"), warned,
         user_message(text, intent)]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher)[0] == "utter_warning_dont_wait"


@pytest.mark.parametrize(
    ("sign", "level", "text", "intent"),
    [
        ("numb patch spreading round to my side", "urgent", "not sore tho so its fine yeah",
         "faq"),
        ("the lump is hard and getting bigger", "urgent", "its firm. no pain really", "faq"),
        ("the pain gets worse every day", "urgent", "i'll tough it out, high pain threshold",
         "faq"),
        ("he fainted on the sofa after his session", "emergency",
         "he's coming round, could it just be nerves?", "faq"),
        ("his chest hurts and he's clammy", "emergency", "he has a heart problem already, is "
         "that related?", "faq"),
        ("my chest is tight and i feel faint", "emergency",
         "nah im fine, i'll sit down and eat something", "faq"),
        ("her tongue is swelling up", "emergency", "she carries an epipen, should we use it?",
         "not_covered"),
    ],
)  # fmt: skip
async def test_a_serious_sign_played_down_or_explained_away_gets_its_advice_again(
    dispatcher, make_tracker, sign, level, text, intent
) -> None:
    tracker = make_tracker(
        [user_message(sign, f"warning_{level}"), said(f"utter_warning_{level}"),
         user_message(text, intent)]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher)[0] in (
        "utter_warning_dont_wait",
        "utter_warning_emergency_again",
    ), responses(dispatcher)


async def test_a_mild_sign_told_as_strong_beside_a_serious_one_is_not_called_expected(
    dispatcher, make_tracker
) -> None:
    tracker = make_tracker(
        [user_message("the skin next to it went white and bluish", "warning_urgent"),
         said("utter_warning_urgent"),
         user_message("she says it stings a lot too", "after_effects")]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]


async def test_a_stop_after_a_sign_paused_the_check_says_it_back_in_the_same_action(
    dispatcher, make_tracker
) -> None:
    # no follow-up action (after it, no rule would know what comes next)
    events = [
        user_message("the spot is greyish blue and cold", "warning_urgent"),
        said("utter_warning_urgent"),
        {"event": "action", "name": "action_pause_screening"},
        said("utter_screening_paused"),
        user_message("can it wait till tomorrow?", "faq"),
        said("utter_warning_dont_wait"),
        user_message("stop the questions for now please", "stop"),
    ]
    result = await ActionWarningFollowup().run(
        dispatcher,
        make_tracker(events, slots={"screening_conditions": {"pregnancy": "absent"}}),
        {},
    )
    assert responses(dispatcher) == ["utter_screening_stopped_noted"]
    assert not any(e.get("event") == "followup" for e in result)


async def test_a_plain_stop_right_after_a_sign_is_no_alarm_again(dispatcher, make_tracker) -> None:
    warned = said("utter_warning_urgent")
    tracker = make_tracker(
        [user_message("the redness is spreading and hot", "warning_urgent"), warned,
         user_message("stop", "stop")]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_anything_else"]


async def test_a_general_question_once_help_came_is_answered(dispatcher, make_tracker) -> None:
    warned = said("utter_warning_emergency")
    asked = user_message(
        "shes ok now, ambulance came. is swelling normal after meso generally?",
        "faq",
        response_selector=faq_topic("utter_faq/side_effects"),
    )
    tracker = make_tracker(
        [user_message("her face is swelling and she cant breathe", "warning_emergency"), warned,
         asked]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/side_effects"]


async def test_asking_for_oneself_once_someone_else_is_being_seen_starts_the_check(
    dispatcher, make_tracker
) -> None:
    warned = said("utter_warning_emergency")
    asked = user_message(
        "ok she's being seen now. different question, could I have it myself?",
        "check_eligibility",
    )
    tracker = make_tracker(
        [user_message("my sister's lips are swelling up fast and she's wheezing",
                      "warning_emergency"), warned, asked]
    )  # fmt: skip
    events = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert events == [FollowupAction(ACTION_START_SCREENING)] and responses(dispatcher) == []
    # seen later, not now: the advice again
    dispatcher.messages.clear()
    later = user_message("she's being seen tomorrow. could I have it myself?", "check_eligibility")
    tracker = make_tracker(
        [user_message("my sister's lips are swelling up fast", "warning_emergency"), warned, later]
    )
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert "utter_warning_emergency_again" in responses(dispatcher)


async def test_thanks_once_the_hospital_has_seen_them_is_only_welcomed(
    dispatcher, make_tracker
) -> None:
    warned = said("utter_warning_emergency")
    back = user_message(
        "hi it's me from last night. hospital checked me and said I did the right thing "
        "coming in, I'm ok now. just wanted to say thanks",
        "check_eligibility",  # what the classifier made of it
    )
    tracker = make_tracker(
        [user_message("i cant see out of my left eye", "warning_emergency"), warned, back]
    )
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_screening_welcome"]


async def test_asking_for_oneself_after_questions_for_someone_else_starts_the_check(
    dispatcher, make_tracker
) -> None:
    theirs: Dict[str, Any] = {
        "screening_conditions": {}
    }  # a resident's conditions: none of the visitor's
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy",
        "Myself, I'm 40 and healthy. Could I have it? Is it suitable for me?",
        "check_eligibility", slots=theirs,
    )  # fmt: skip
    assert responses(dispatcher) == ["utter_screening_intro"]  # then the first question
    assert slots.get("screening_end") is None


async def test_a_mild_sign_beside_a_question_about_a_condition_gets_both_answers(
    dispatcher, make_tracker
) -> None:
    text = (
        "had my session yesterday and I've got one small bruise, probably because I take fish "
        "oil. fish oil is a blood thinner isn't it?"
    )
    tracker = make_tracker([user_message(text, "after_effects")])
    await ActionWarningSign().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher)[-1] == "utter_condition_info"
    assert "utter_warning_expected" in responses(dispatcher)


async def test_calling_as_told_with_one_more_question_gets_it_answered(
    dispatcher, make_tracker
) -> None:
    warned = said("utter_warning_urgent")
    scar = {"faq": {"response": {"utter_action": "utter_faq/side_effects", "confidence": 0.9}}}
    asked = user_message(
        "ok im going to ring the clinic. one more thing, will this leave a scar?",
        "faq",
        response_selector=scar,
    )
    tracker = make_tracker([user_message("a hard lump", "warning_urgent"), warned, asked])
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/side_effects"]
    # calling only tomorrow: don't wait, then the answer
    dispatcher.messages.clear()
    asked = user_message(
        "ok ill ring them first thing. will this leave a scar?", "faq", response_selector=scar
    )
    tracker = make_tracker([user_message("a hard lump", "warning_urgent"), warned, asked])
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_faq/side_effects"]


async def test_a_mild_sign_elsewhere_once_the_serious_one_is_seen_to(
    dispatcher, make_tracker
) -> None:
    text = "ok will do. the rest of my scalp is just a bit pink and itchy which i assume is normal"
    tracker = make_tracker(
        [user_message("pus and a fever", "warning_urgent"), said("utter_warning_urgent"),
         user_message(text, "after_effects")]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher)[-1] == "utter_warning_dont_wait"  # the serious one: today
    assert "utter_warning_expected" in responses(dispatcher)
    # the same words of the serious sign itself: don't wait, only
    dispatcher.messages.clear()
    text = "ok will do. its just a bit pink and itchy which i assume is normal"
    tracker = make_tracker(
        [user_message("pus and a fever", "warning_urgent"), said("utter_warning_urgent"),
         user_message(text, "after_effects")]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]
    # one more sign, said as such ("also"): the mild answer, then the serious one's again
    dispatcher.messages.clear()
    text = "also its a bit itchy around my chin is that normal"
    tracker = make_tracker(
        [user_message("a hard lump getting bigger", "warning_urgent"),
         said("utter_warning_urgent"), user_message(text, "after_effects")]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert "utter_warning_expected" in responses(dispatcher)
    assert responses(dispatcher)[-1] == "utter_warning_dont_wait"


async def test_a_clear_new_question_after_mild_after_effects(dispatcher, make_tracker) -> None:
    asked = user_message(
        "How long should I wait until the next session?",
        "faq",
        response_selector=faq_topic("utter_faq/sessions", 0.95),
    )
    tracker = make_tracker(
        [user_message("slight bruises", "after_effects"), said("utter_warning_expected"), asked]
    )
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/sessions"]


async def test_a_condition_asked_about_beside_the_mild_sign_named_again(
    dispatcher, make_tracker
) -> None:
    asked_about = [{"entity": "condition_asked", "value": "yes", "start": 0, "end": 5}]
    asked = user_message(
        "would my fish oil and aspirin be why the bruises came up?",
        "faq",
        entities=asked_about,
        response_selector=faq_topic("utter_faq/side_effects", 0.9),
    )
    tracker = make_tracker(
        [
            user_message("a few small bruises", "after_effects"),
            said("utter_warning_expected"),
            asked,
        ]
    )
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert "utter_condition_info" in responses(dispatcher)
    assert "utter_warning_expected" not in responses(dispatcher)


async def test_asking_for_the_check_after_mild_after_effects_starts_it(
    dispatcher, make_tracker
) -> None:
    answered = said("utter_warning_expected")
    asked = user_message("im thinking of getting it myself. am i suitable?", "check_eligibility")
    tracker = make_tracker([user_message("she's a bit red", "after_effects"), answered, asked])
    events = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert events == [FollowupAction("action_start_screening")]
    assert responses(dispatcher) == []
    # the same asked as an FAQ the router marks as about the visitor
    own = [{"entity": "own_condition", "value": "yes", "start": 0, "end": 5}]
    asked = user_message("also am i even ok to keep doing it", "faq", entities=own)
    tracker = make_tracker([user_message("a few small bruises", "after_effects"), answered, asked])
    events = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert events == [FollowupAction("action_start_screening")]
    assert responses(dispatcher) == []
    # asking whether to wait is about the sign: when to contact the clinic, again
    asked = user_message("is it ok for me to wait and see?", "check_eligibility")
    tracker = make_tracker([user_message("a bit red", "after_effects"), answered, asked])
    assert await ActionWarningFollowup().run(dispatcher, tracker, {}) == []
    assert responses(dispatcher) == ["utter_warning_expected"]


async def test_calling_tomorrow_with_an_uncovered_question(dispatcher, make_tracker) -> None:
    text = "ok ill ring them first thing. one more question, can i still wear makeup?"
    asked = user_message(text, "check_eligibility")  # "can i still ..." reads like the check
    tracker = make_tracker(
        [user_message("spreading and hot", "warning_urgent"), said("utter_warning_urgent"), asked]
    )
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_not_covered"]


async def test_a_question_the_articles_dont_answer_after_mild_after_effects(
    dispatcher, make_tracker
) -> None:
    answered = said("utter_warning_expected")
    asked = user_message("can i go to the gym tmrw", "not_covered")
    tracker = make_tracker([user_message("a bit red and itchy", "after_effects"), answered, asked])
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_not_covered"]


async def test_feeling_better_alone_after_an_emergency_is_no_reason_to_wait(
    dispatcher, make_tracker
) -> None:
    warned = said("utter_warning_emergency")
    asked = user_message(
        "im ok now i think, prob just didnt eat. i dont need an ambulance do i",
        "faq",
        response_selector=faq_topic("utter_faq/recovery"),
    )
    tracker = make_tracker([user_message("i fainted", "warning_emergency"), warned, asked])
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_emergency_again"]


async def test_whether_someone_else_can_have_it_answers_for_their_conditions(
    dispatcher, make_tracker
) -> None:
    text = "my husband is diabetic and on warfarin, can he have meso?"
    tracker = make_tracker([user_message(text, "faq", entities=[OTHER])])
    assert await ActionAnswerForSomeoneElse().run(dispatcher, tracker, {}) == []  # no check
    assert responses(dispatcher) == [
        "utter_condition_info",
        "utter_condition_info",
        "utter_screening_other_person",  # said back as not noted, by name
    ]
    assert [m["condition"] for m in dispatcher.messages[:2]] == [
        "Diabetes",
        "Aspirin or blood thinners",
    ]
    assert dispatcher.messages[2]["conditions"] == "diabetes and aspirin or blood thinners"
    # no condition named: who should avoid it, from the articles
    dispatcher.messages.clear()
    tracker = make_tracker([user_message("can my mum have it?", "faq", entities=[OTHER])])
    await ActionAnswerForSomeoneElse().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/contraindications", "utter_about_someone_else"]


OTHER = {"entity": "other_condition", "value": "yes"}


async def test_a_question_about_a_prescribed_medicine_gets_its_own_answer(
    dispatcher, make_tracker
) -> None:
    asked = user_message(
        "should i stop the rivaroxaban before my next session?",
        "faq",
        response_selector=faq_topic("utter_faq/preparation", 0.97),
        entities=[ASKED],
    )
    events = await ActionAnswerConditionQuestion().run(dispatcher, make_tracker([asked]), {})
    assert events == []  # nothing recorded: no check is running
    # a prescribed blood thinner: its own answer only (ask your doctor, never stop it
    # yourself), not the preparation list about pausing aspirin
    assert responses(dispatcher) == ["utter_condition_info"]
    assert dispatcher.messages[-1]["condition"] == "Aspirin or blood thinners"
    # aspirin itself: the preparation answer (pausing it may be asked), then its own answer
    dispatcher.messages.clear()
    asked = user_message(
        "should i stop the aspirin before?",
        "faq",
        response_selector=faq_topic("utter_faq/preparation", 0.97),
        entities=[ASKED],
    )
    await ActionAnswerConditionQuestion().run(dispatcher, make_tracker([asked]), {})
    assert responses(dispatcher) == ["utter_faq/preparation", "utter_condition_info"]
    # the same right after mild bruises were told (the after-effects answer before it)
    dispatcher.messages.clear()
    bruises = user_message(
        "couple of small bruises on my belly after yesterday's session. normal?", "after_effects"
    )
    asked = user_message(
        "should i stop the aspirin before next time",
        "faq",
        response_selector=faq_topic("utter_faq/preparation", 0.97),
        entities=[ASKED],
    )
    tracker = make_tracker([bruises, said("utter_warning_expected"), asked])
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/preparation", "utter_condition_info"]
    # an unsure topic: only the condition's answer
    dispatcher.messages.clear()
    asked = user_message(
        "is retinol a problem? i use it most nights",
        "faq",
        response_selector=faq_topic("utter_faq/benefits", 0.33),
        entities=[ASKED],
    )
    await ActionAnswerConditionQuestion().run(dispatcher, make_tracker([asked]), {})
    assert responses(dispatcher) == ["utter_condition_info"]


ASKED = {"entity": "condition_asked", "value": "yes"}


async def test_a_one_word_condition_question_gets_who_should_avoid_it_and_its_answer(
    dispatcher, make_tracker
) -> None:
    asked = user_message(
        "pregnant?",
        "faq",
        response_selector=faq_topic("utter_faq/contraindications", 0.7),
        entities=[ASKED],
    )
    await ActionAnswerConditionQuestion().run(dispatcher, make_tracker([asked]), {})
    assert responses(dispatcher) == ["utter_faq/contraindications", "utter_condition_info"]
    assert dispatcher.messages[-1]["condition"] == "Pregnancy"


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("my dad has heart failure, I'm healthy", "no"),
        ("my son has eczema. not me", "no"),
        ("my sister is pregnant", None),
        # no to the question's subject, named loosely
        ("and no blood stuff", "no"),
    ],
)
def test_someone_elses_condition_and_the_visitors_own_health(text: str, answer) -> None:
    from actions.conditions import extract
    from actions.screening import Turn

    assert Turn(text=text, intent="faq", extraction=extract(text), faq=None).answer == answer


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("screen_skin", "sensitive? no. no eczema either", {"severe_skin_sensitivity": "absent"}),
        ("screen_pain", "low? yes very low", {"low_pain_tolerance": "present"}),
        ("screen_bleeding", "clopidogrel, and my mum bruises terribly but i dont", {}),
        ("screen_bleeding", "bruising? i dont", {"prone_to_bruising": "absent"}),
        # a hedge opening the message; a clot (an event) is no clotting disorder
        (
            "screen_chronic",
            "maybe? my last blood test said borderline sugar, doc's keeping an eye on it",
            {"diabetes": "uncertain"},
        ),
        ("screen_bleeding", "i had a clot in my leg a few years back", {}),
    ],
)
def test_a_short_answer_naming_the_question_by_a_word(slot: str, text: str, expected) -> None:
    from actions.screening import open_question_reading

    found = open_question_reading(slot, text, {})
    assert {k: v for k, v in found.items() if k in expected or v == "present"} == expected


async def test_thanks_after_an_urgent_sign_is_welcomed_then_told_not_to_wait(
    dispatcher, make_tracker
) -> None:
    warned = said("utter_warning_urgent")
    tracker = make_tracker(
        [user_message("fever and the redness is spreading", "warning_urgent"), warned,
         user_message("ok i'll ring them. thank you", "human_handoff")]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher)[:2] == ["utter_screening_welcome", "utter_warning_dont_wait"]


async def test_what_is_normal_for_an_faq_after_an_urgent_sign_is_answered(
    dispatcher, make_tracker
) -> None:
    warned = said("utter_warning_urgent")
    asked = user_message(
        "ok. how many sessions is normal for tummy fat anyway",
        "faq",
        response_selector=faq_topic("utter_faq/sessions"),
    )
    tracker = make_tracker([user_message("pus and a fever", "warning_urgent"), warned, asked])
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/sessions"]


PAUSED = {"event": "action", "name": "action_pause_screening"}  # a sign paused the check


async def test_calling_as_told_and_none_of_those_answers_the_paused_question(
    dispatcher, make_tracker
) -> None:
    from actions.screening import ActionResumeScreening

    events = [
        user_message("my face is hot and theres pus coming out of one of the spots", "faq"),
        said("utter_warning_urgent"),
        PAUSED,
        said("utter_screening_paused"),
        user_message("ok ill ring them after this. anyway no i dont have any of those", "faq"),
    ]
    tracker = make_tracker(events, slots={"screen_pregnancy": "no"})
    followup = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert [(e["event"], e["name"]) for e in followup] == [("followup", "action_resume_screening")]
    resumed = await ActionResumeScreening().run(dispatcher, tracker, {})
    # "after this": don't wait, first; then the no answers the open question (and only it)
    assert responses(dispatcher) == [
        "utter_warning_dont_wait",
        "utter_screening_resumed",
        "utter_screening_noted",
    ]
    assert slot_values(resumed)["screen_chronic"] == "no"
    assert slot_values(resumed).get("screen_bleeding") is None


async def test_answering_the_paused_check_goes_on_with_it(dispatcher, make_tracker) -> None:
    from actions.screening import ActionResumeScreening

    warned = said("utter_warning_urgent")
    paused = said("utter_screening_paused")
    events = [
        user_message("one spot has gone white and kinda grey since my last session", "faq"),
        warned,
        PAUSED,
        paused,
        user_message("no eczema, skin's not sensitive", "faq"),
    ]
    known = {"screen_pregnancy": "no", "screen_chronic": "no", "screen_bleeding": "no"}
    tracker = make_tracker(events, slots=known)
    followup = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert [(e["event"], e["name"]) for e in followup] == [("followup", "action_resume_screening")]
    resumed = await ActionResumeScreening().run(dispatcher, tracker, {})
    # nothing said of the sign since: its advice once more, then the check goes on
    assert responses(dispatcher) == [
        "utter_warning_dont_wait",
        "utter_screening_resumed",
        "utter_screening_noted",
    ]
    assert slot_values(resumed)["screen_skin"] == "no"
    assert (resumed[-1]["event"], resumed[-1]["name"]) == ("followup", "screening_form")
    # a question, or a new sign, is read with the sign as before
    dispatcher.messages.clear()
    events[-1] = user_message("is eczema a problem?", "faq")
    read_with_the_sign = await ActionWarningFollowup().run(
        dispatcher, make_tracker(events, slots=known), {}
    )
    assert responses(dispatcher)[0] == "utter_warning_dont_wait"
    assert read_with_the_sign == [REMINDED]  # the next message is read with the sign too


async def test_a_new_mild_after_effect_after_an_urgent_sign_gets_its_answer(
    dispatcher, make_tracker
) -> None:
    warned = said("utter_warning_urgent")
    tracker = make_tracker(
        [user_message("there's pus and I have a fever", "warning_urgent"), warned,
         user_message("my cheek is a little red since my session this morning", "after_effects")]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/side_effects", "utter_warning_expected"]


async def test_one_more_mild_sign_after_the_after_effects_answer_is_read_with_it(
    dispatcher, make_tracker
) -> None:
    told = said("utter_warning_expected")
    tracker = make_tracker(
        [user_message("little bumps and a bit red since yesterday's session", "faq"), told,
         user_message("ok. it itches a bit too", "faq")]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/side_effects", "utter_warning_expected"]


async def test_how_long_a_mild_sign_lasts_is_not_covered(dispatcher, make_tracker) -> None:
    told = said("utter_warning_expected")
    asked = user_message(
        "how long will that last",
        "faq",
        response_selector=faq_topic("utter_faq/results_duration"),
    )
    tracker = make_tracker([user_message("slight bruise on my jaw", "faq"), told, asked])
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_not_covered"]
    assert "bruising or redness" in dispatcher.messages[0]["subject"]


async def test_a_new_question_after_the_after_effects_answer_is_answered(
    dispatcher, make_tracker
) -> None:
    told = said("utter_warning_expected")
    asked = user_message(
        "how much does a session cost?",
        "faq",
        response_selector=faq_topic("utter_faq/cost"),
    )
    tracker = make_tracker([user_message("a bit red since my session", "faq"), told, asked])
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/cost"]


async def test_is_that_normal_after_mild_effects_is_not_told_to_hurry(
    dispatcher, make_tracker
) -> None:
    told = said("utter_warning_expected")
    tracker = make_tracker(
        [user_message("a bit red since my session", "faq"), told,
         user_message("should i see a doctor?", "faq")]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_expected"]


async def test_thanks_leaves_the_offer_to_go_on_open(dispatcher, make_tracker) -> None:
    pending = {"screening_pending": "continue"}
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "thanks so much", "thank", slots=pending
    )
    assert responses(dispatcher) == ["utter_screening_welcome"]
    assert slots["screening_pending"] == "continue"


async def test_keep_going_never_reads_as_leaving(dispatcher, make_tracker) -> None:
    pending = {"screening_pending": "continue"}
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "keep going", "goodbye", slots=pending
    )
    assert slots.get("screening_end") is None
    assert slots["screening_pending"] is None and slots["screen_chronic"] is None


async def test_finish_it_anyway_after_an_avoid_finding_goes_on(dispatcher, make_tracker) -> None:
    pending = {"screening_pending": "avoid", "screening_conditions": {"pregnancy": "present"}}
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "oh dear. lets finish it anyway",
        "stop",
        slots=pending,
    )
    assert slots.get("screening_end") is None  # not stopped: the question is asked again
    assert slots["screening_pending"] is None


async def test_a_question_about_ones_own_condition_is_answered(dispatcher, make_tracker) -> None:
    known = {"screening_conditions": {"cancer": "past"}}
    await validate(
        dispatcher,
        make_tracker,
        "screen_bleeding",
        "will the fact that i had cancer stop me from having it?",
        "faq",
        slots=known,
    )
    assert "utter_condition_info" in responses(dispatcher)
    info = next(m for m in dispatcher.messages if m["response"] == "utter_condition_info")
    assert info["condition"] == "Cancer"


async def test_yes_lets_keep_going_is_not_a_yes_to_the_question(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", "yes lets keep going")
    assert slots["screening_pending"] is None  # not "which one applies to you?"
    assert slots["screen_bleeding"] is None and state(slots) == {}


async def test_thanks_with_forget_me_is_answered_before_deleting(dispatcher, make_tracker) -> None:
    tracker = make_tracker([user_message("ok thanks. please delete what i told you", "forget_me")])
    events = await ActionForgetConversation().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_screening_welcome", "utter_forgotten"]
    assert [e["event"] for e in events] == ["restart"]


async def test_are_you_a_real_person_is_answered_not_routed(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_skin", "are you a real person btw?", "bot_challenge"
    )
    assert responses(dispatcher) == ["utter_iamabot"]
    assert slots["screening_pending"] is None


@pytest.mark.parametrize(
    ("slot", "text", "key", "replies"),
    [
        ("screen_bleeding", "is baby aspirin a blood thinner? i take a 75mg one every morning",
         "aspirin_or_blood_thinners", ["utter_screening_noted", "utter_condition_info"]),
        ("screen_chronic", "no cancer. i have a heart murmur though, is that a cardiac disorder??",
         "cardiac_disorder",
         ["utter_screening_noted", "utter_condition_info",
          "utter_screening_avoid_notice_explained"]),
    ],
)  # fmt: skip
async def test_a_condition_named_in_a_question_is_noted_and_answered(
    dispatcher, make_tracker, slot, text, key, replies
) -> None:
    slots = await validate(dispatcher, make_tracker, slot, text, "faq")
    assert responses(dispatcher)[: len(replies)] == replies
    assert state(slots)[key] == "present"


async def test_why_the_condition_talked_about_matters_is_answered(dispatcher, make_tracker) -> None:
    text = "hmm ok. not pregnant. is that because of healing or infections or what?"
    topic = {"screening_topic": "diabetes", "screening_conditions": {"diabetes": "present"}}
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", text, "faq", slots=topic)
    assert responses(dispatcher)[:2] == ["utter_screening_noted", "utter_condition_info"]
    assert dispatcher.messages[1]["condition"] == "Diabetes"
    assert state(slots)["pregnancy"] == "absent"


async def test_asking_for_a_person_in_other_words_gives_the_contact(
    dispatcher, make_tracker
) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_bleeding",
        "can I speak to an actual person about the blood thinner thing? I'm on warfarin",
        "faq",
        response_selector=faq_topic("utter_faq/contraindications"),
    )
    assert responses(dispatcher) == ["utter_screening_noted", "utter_contact"]
    assert slots["screening_pending"] == "continue"


@pytest.mark.parametrize(
    ("text", "stops"),
    [
        ("can we stop this, I'd rather wait for my scan", True),
        ("let's stop here please", True),
        ("please stop the questions", True),
        ("can we stop my aspirin before the treatment?", False),
        ("should I stop taking aspirin first?", False),
        ("I want to stop using retinol", False),
        ("no, I'd rather not continue", True),
        ("I won't go on with this", True),
        ("no, no need continue the questions, I come back later. spasibo", True),
        ("stop", True),
        ("how long after i stop feeding can i have it", False),
        ("I must stop this medicine before?", False),
        ("i dont really want to share health stuff with a bot tbh, stop", True),
        ("no thats fine ill finish it with the nurse", True),
        ("do i stop this cream before the session?", False),
        # set ZU, ZV, ZW: stops said in passing
        ("actually never mind, I'll just ask at the consultation", True),
        ("oh stop, sorry, my lunch break's over. I'll do this another time", True),
        ("actually you know what, stop - I'd rather just talk to someone at the clinic", True),
        ("does it stop hair loss?", False),
        ("actually never mind the questions, how much does it cost?", True),
        ("ok I'll do a test first. stop for now", True),
    ],
)
def test_a_request_to_stop_the_check_is_read_from_the_words(text: str, stops: bool) -> None:
    from actions.conditions import extract
    from actions.screening import Turn

    assert Turn(text=text, intent="faq", extraction=extract(text), faq=None).stops is stops


async def test_a_covered_question_beside_an_uncovered_one_is_answered_too(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionNotCovered

    text = "was it invented in france? and can i have champagne the evening after my session?"
    split = text.index("?") + 1
    parts = [
        {"start": 0, "end": split, "topic": "faq/history"},
        {"start": split + 1, "end": len(text), "topic": "faq/recovery"},
    ]
    message = user_message(text, "faq", entities=[{"entity": "not_covered", "value": "alcohol"}])
    message["parse_data"]["question_topics"] = parts
    await ActionNotCovered().run(dispatcher, make_tracker([message]), {})
    # the history answer; the drink afterwards is not covered (not the recovery answer)
    assert responses(dispatcher) == ["utter_faq/history", "utter_not_covered"]


async def test_an_uncovered_subject_said_beside_a_covered_question(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionNotCovered

    text = "my daughter is 16 and wants it for her acne, does it actually help?"
    topic = {"faq": {"response": {"utter_action": "utter_faq/benefits", "confidence": 0.98}}}
    uncovered = {"entity": "not_covered", "value": "age"}
    message = user_message(text, "faq", response_selector=topic, entities=[uncovered])
    await ActionNotCovered().run(dispatcher, make_tracker([message]), {})
    # the question is answered; her age is what the articles don't cover
    assert responses(dispatcher) == ["utter_faq/benefits", "utter_not_covered"]
    # asked about the subject itself: only that it is not covered
    dispatcher.messages.clear()
    text = "whats the minimum age for it?"
    message = user_message(text, "faq", response_selector=topic, entities=[uncovered])
    await ActionNotCovered().run(dispatcher, make_tracker([message]), {})
    assert responses(dispatcher) == ["utter_not_covered"]


async def test_continue_is_never_a_stop(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", "continue", "stop")
    assert slots.get("screening_end") is None
    assert slots.get("requested_slot", "still asking") is not None  # the check goes on


async def test_a_booking_request_with_a_condition_gets_the_details_then_the_offer(
    dispatcher, make_tracker
) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding",
        "on blood thinners (rivaroxaban). can i just book an appointment now?", "nlu_fallback",
    )  # fmt: skip
    assert state(slots)["aspirin_or_blood_thinners"] == "present"
    assert responses(dispatcher)[-1] in ("utter_booking", "utter_contact")
    assert slots["screening_pending"] == "continue"


async def test_a_question_after_the_answer_is_answered(dispatcher, make_tracker) -> None:
    await validate(
        dispatcher, make_tracker, "screen_chronic",
        "none of those for me. will it get rid of my dark spots btw", "faq",
        response_selector=faq_topic("utter_faq/benefits"),
    )  # fmt: skip
    assert "utter_faq/benefits" in responses(dispatcher)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("im fine", "absent"),
        ("depends on the day, maybe?", "uncertain"),
        ("I've had two children without an epidural, so I think I can manage!", "absent"),
        ("OK, with the numbing cream I think I'd be fine.", "absent"),
        ("not sure i can cope", "uncertain"),
    ],
)
async def test_plain_answers_to_the_pain_question(dispatcher, make_tracker, text, status) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pain", text, "nlu_fallback")
    assert state(slots) == {"low_pain_tolerance": status}


async def test_a_named_word_then_a_doubt_in_the_next_clause(dispatcher, make_tracker) -> None:
    text = "No clotting problems or blood thinners. Bruising, I'm not sure, maybe a bit more"
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "nlu_fallback")
    assert state(slots)["prone_to_bruising"] == "uncertain"


async def test_what_counts_as_a_condition_after_mild_after_effects(
    dispatcher, make_tracker
) -> None:
    asked = user_message(
        "What exactly counts as being 'prone to bruising'?",
        "faq",
        response_selector=faq_topic("utter_faq/side_effects", 0.6),
        entities=[ASKED],
    )
    tracker = make_tracker(
        [
            user_message("a few small bruises", "after_effects"),
            said("utter_warning_expected"),
            asked,
        ]
    )
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_condition_info"]


async def test_im_fine_to_shall_we_go_on_is_not_a_stop(dispatcher, make_tracker) -> None:
    pending = {"screening_pending": "avoid", "screening_conditions": {"pregnancy": "present"}}
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "im fine", "affirm", slots=pending
    )
    assert slots.get("screening_end") is None


async def test_resuming_a_paused_check_keeps_its_answers(dispatcher, make_tracker) -> None:
    from actions.screening import ActionResumeScreening

    known = {
        "screen_pregnancy": "no",
        "screening_conditions": {"pregnancy": "absent", "breastfeeding": "absent"},
    }
    tracker = make_tracker(
        [user_message("ok ill ring them. carry on", "continue_check")], slots=known
    )
    events = await ActionResumeScreening().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_screening_resumed"]
    values = slot_values(events)
    assert "screen_pregnancy" not in values and "screening_conditions" not in values  # kept
    assert values["screening_end"] is None
    # thanks said with it is welcomed first
    dispatcher.messages.clear()
    tracker = make_tracker(
        [user_message("thanks. carry on with the questions tho", "continue_check")], slots=known
    )
    await ActionResumeScreening().run(dispatcher, tracker, DOMAIN)
    # (no sign in this conversation: no advice)
    assert responses(dispatcher) == ["utter_screening_welcome", "utter_screening_resumed"]


async def test_after_an_emergency_sign_the_check_does_not_go_on(dispatcher, make_tracker) -> None:
    from actions.screening import ActionResumeScreening

    warned = said("utter_warning_emergency")
    tracker = make_tracker(
        [user_message("my lips are swelling and im wheezy", "warning_emergency"), warned,
         user_message("ok but can we finish the questions first", "continue_check")],
        slots={"screen_pregnancy": "no"},
    )  # fmt: skip
    events = await ActionResumeScreening().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_warning_emergency_again", "utter_screening_paused"]
    assert [(e["event"], e.get("name")) for e in events] == [("followup", "action_listen")]
    # once help is called (someone else's emergency, staff on the phone), it goes on
    dispatcher.messages.clear()
    tracker = make_tracker(
        [user_message("my friend just fainted in the waiting room", "warning_emergency"), warned,
         user_message("staff are calling an ambulance. sorry. ok where were we",
                      "continue_check")],
        slots={"screen_pregnancy": "no"},
    )  # fmt: skip
    await ActionResumeScreening().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_screening_resumed"]


async def test_playing_a_sign_down_as_mild_two_turns_later_gets_its_advice(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionAfterEffectsAdvice

    warned = said("utter_warning_emergency")
    again = said("utter_warning_emergency_again")
    tracker = make_tracker(
        [user_message("my lips and tongue are swelling", "warning_emergency"), warned,
         user_message("can it wait until tomorrow?", "faq"), again,
         user_message("my friend had swelling after hers and she was fine", "after_effects")]
    )  # fmt: skip
    await ActionAfterEffectsAdvice().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_emergency_again"]


async def test_an_answer_beside_an_urgent_sign_is_kept_when_the_check_pauses(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionPauseScreening

    text = "no. oh btw theres a hard lump where they injected last time and its getting bigger"
    tracker = make_tracker(
        [user_message(text, "warning_urgent")],
        slots={"requested_slot": "screen_chronic"},
        active_loop=FORM,
    )
    events = await ActionPauseScreening().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_screening_noted", "utter_screening_paused"]
    values = slot_values(events)
    assert values["screen_chronic"] == "no" and values["requested_slot"] is None
    assert values["screening_conditions"] == {
        "cancer": "absent",
        "diabetes": "absent",
        "cardiac_disorder": "absent",
    }


async def test_a_condition_told_before_an_urgent_sign_is_kept_when_the_check_pauses(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionPauseScreening

    text = "not pregnant. also been feverish with chills since my last session"
    tracker = make_tracker(
        [user_message(text, "warning_urgent")],
        slots={"requested_slot": "screen_pregnancy"},
        active_loop=FORM,
    )
    events = await ActionPauseScreening().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_screening_noted", "utter_screening_paused"]
    assert state(slot_values(events)) == {"pregnancy": "absent"}


async def test_asking_to_go_on_with_a_paused_check_goes_on_with_it(
    dispatcher, make_tracker
) -> None:
    paused = {"event": "action", "name": "action_pause_screening"}
    text = "ok i called them. can we go on with the check"
    tracker = make_tracker([paused, user_message(text, "check_eligibility")])
    events = await ActionStartScreening().run(dispatcher, tracker, DOMAIN)
    assert events == [{"event": "followup", "timestamp": None, "name": "action_resume_screening"}]
    # once it has gone on (or was started again), asking for the check starts a new one
    resumed = {"event": "action", "name": "action_resume_screening"}
    tracker = make_tracker([paused, resumed, user_message(text, "check_eligibility")])
    events = await ActionStartScreening().run(dispatcher, tracker, DOMAIN)
    assert "utter_screening_intro" in responses(dispatcher)
    # the next answer read as a new request goes on too; "start again" starts again
    tracker = make_tracker([paused, user_message("I'm on Xarelto", "check_eligibility")])
    events = await ActionStartScreening().run(dispatcher, tracker, DOMAIN)
    assert events == [{"event": "followup", "timestamp": None, "name": "action_resume_screening"}]
    dispatcher.messages.clear()
    tracker = make_tracker([paused, user_message("can we start again", "check_eligibility")])
    await ActionStartScreening().run(dispatcher, tracker, DOMAIN)
    assert "utter_screening_intro" in responses(dispatcher)


async def test_asking_for_the_clinic_while_an_urgent_sign_paused_the_check_offers_to_go_on(
    dispatcher, make_tracker
) -> None:
    lump = "no. tho one of the injection spots on my chin has gone hard and its getting bigger"
    events = [
        user_message(lump, "warning_urgent"), said("utter_warning_urgent"),
        {"event": "action", "name": "action_pause_screening"}, said("utter_screening_paused"),
        user_message("ok whats their number", "human_handoff"),
    ]  # fmt: skip
    slots = {"screen_pregnancy": "no", "screen_chronic": "no", "screen_bleeding": "no"}
    tracker = make_tracker(events, slots=slots)
    replies = await ActionWarningFollowup().run(dispatcher, tracker, DOMAIN)
    # don't wait, the contacts, then the check at its next question, asking whether to go on
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_contact"]
    assert slot_values(replies)["screening_pending"] == "continue"
    assert replies[-1] == {"event": "followup", "timestamp": None, "name": "screening_form"}
    # after an emergency the check waits: no offer
    dispatcher.messages.clear()
    events[1] = said("utter_warning_emergency")
    tracker = make_tracker(events, slots=slots)
    assert await ActionWarningFollowup().run(dispatcher, tracker, DOMAIN) == [REMINDED]
    # with no check paused (a sign told outside the check): the contacts, no check offered
    dispatcher.messages.clear()
    events[1] = said("utter_warning_urgent")
    tracker = make_tracker([*events[:2], events[-1]])
    assert await ActionWarningFollowup().run(dispatcher, tracker, DOMAIN) == [REMINDED]
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_contact"]


async def test_waiting_to_see_after_a_serious_sign_is_no_goodbye(dispatcher, make_tracker) -> None:
    events = [
        user_message("I felt really faint after my session and now I've got chest pain",
                     "warning_emergency"),
        said("utter_warning_emergency"),
        user_message("I'll just sit down for a bit and see how it goes", "goodbye"),
    ]  # fmt: skip
    await ActionGoodbyeAfterWarning().run(dispatcher, make_tracker(events), DOMAIN)
    assert responses(dispatcher) == ["utter_warning_emergency_again"]
    for text in ("prob nothing, gonna sleep it off", "it's probably fine, night"):
        dispatcher.messages.clear()
        events[-1] = user_message(text, "goodbye")
        await ActionGoodbyeAfterWarning().run(dispatcher, make_tracker(events), DOMAIN)
        assert responses(dispatcher) == ["utter_warning_emergency_again"], text
    dispatcher.messages.clear()
    events[-1] = user_message("ok will do, bye", "goodbye")
    await ActionGoodbyeAfterWarning().run(dispatcher, make_tracker(events), DOMAIN)
    assert responses(dispatcher) == ["utter_goodbye_after_warning"]


async def test_goodbye_later_while_a_sign_paused_the_check_says_what_was_noted(
    dispatcher, make_tracker
) -> None:
    paused = {"event": "action", "name": "action_pause_screening"}
    events = [
        said("utter_warning_urgent"), paused,
        user_message("ok thanks", "thank"), said("utter_screening_welcome"),
        user_message("bye", "goodbye"),
    ]  # fmt: skip
    tracker = make_tracker(events, slots={"screening_conditions": {"pregnancy": "absent"}})
    await ActionGoodbyeAfterWarning().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_goodbye_after_warning", "utter_screening_noted_so_far"]
    # once said back, the pause is over: a later goodbye is only a goodbye
    dispatcher.messages.clear()
    ended = {"event": "action", "name": "action_goodbye_after_warning"}
    tracker = make_tracker([*events, ended, user_message("bye", "goodbye")])
    await ActionGoodbyeAfterWarning().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_goodbye_after_warning"]


async def test_someone_elses_condition_and_me_neither_is_no_for_the_visitor(
    dispatcher, make_tracker
) -> None:
    text = "my husband has psoriasis lol but no, me neither"
    slots = await validate(dispatcher, make_tracker, "screen_skin", text, "deny")
    assert state(slots) == {"eczema_or_psoriasis": "absent", "severe_skin_sensitivity": "absent"}


async def test_bumps_from_the_last_one_is_no_correction(dispatcher, make_tracker) -> None:
    # "the last one" is the last treatment: the "no" answers the question asked now
    text = "no. oh and i have a bit of redness and tiny bumps from the last one, normal?"
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", text, "faq",
        slots={
            "screening_previous": "screen_pregnancy", "screen_pregnancy": "no",
            "screening_conditions": {"pregnancy": "absent", "breastfeeding": "absent"},
        },
    )  # fmt: skip
    assert slots["screen_chronic"] == "no" and state(slots)["pregnancy"] == "absent"


async def test_a_question_beside_stopping_after_an_avoid_notice_is_answered(
    dispatcher, make_tracker
) -> None:
    known = {"screening_conditions": {"pregnancy": "present"}, "screening_pending": "avoid"}
    text = "no, stop there. how long do results last, for later on?"
    topic = faq_topic("utter_faq/results_duration", 0.9)
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", text, "stop", slots=known,
        response_selector=topic,
    )  # fmt: skip
    assert slots["screening_end"] == "stopped_here"
    assert responses(dispatcher) == ["utter_faq/results_duration"]  # then the result


@pytest.mark.parametrize(
    ("text", "pending", "end"),
    [
        ("ok stop there then. what did you note down?", "avoid", "stopped_here"),
        ("i'll stop there then, ill come back after the baby", None, "stopped"),
        ("ok we can leave it there for now", "continue", "stopped"),
    ],
)
async def test_stopping_there_ends_the_check_even_with_a_question_or_an_ok(
    dispatcher, make_tracker, text, pending, end
) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_skin", text, "stop",
        slots={"screening_pending": pending, "screen_pregnancy": "no"},
    )  # fmt: skip
    assert slots["screening_end"] == end and slots["requested_slot"] is None


@pytest.mark.parametrize(
    ("slot", "text", "intent", "expected"),
    [
        ("screen_skin", "skip", "stop", "declined"),  # this question, not the check
        ("screen_pain", "ok then no im fine", "deny", "no"),
        ("screen_pain", "id be fine", "out_of_scope", "no"),
    ],
)
async def test_short_answers_seen_in_held_out_sets(
    dispatcher, make_tracker, slot, text, intent, expected
) -> None:
    slots = await validate(dispatcher, make_tracker, slot, text, intent)
    assert slots[slot] == expected and slots.get("screening_end") is None


def chronic_answered_by(key: str) -> Dict[str, Any]:
    """Slots after "no" (pregnancy), then "yes" and `key` to the chronic question, with the
    avoid notice's offer to go on pending."""
    return {
        "screen_pregnancy": "no",
        "screen_chronic": "yes",
        "screening_pending": "avoid",
        "screening_previous": "screen_chronic",
        "screening_conditions": {"pregnancy": "absent", "breastfeeding": "absent",
                                 key: "present", "screen_chronic": "named_only"},
    }  # fmt: skip


async def test_taking_back_the_condition_that_answered_a_question_asks_it_again(
    dispatcher, make_tracker
) -> None:
    # "yes" -> "diabetes" -> "wait no, I was thinking of my husband": cancer and a heart
    # condition were never answered
    told = chronic_answered_by("diabetes")
    text = "wait no sorry i was thinking of my husband, hes the diabetic not me"
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "deny", told)
    assert state(slots)["diabetes"] == "absent"
    assert slots["screen_chronic"] is None
    assert slots["screening_remaining"] == "cancer or a heart condition"


async def test_the_condition_just_noted_said_to_be_someone_elses_after_all(
    dispatcher, make_tracker
) -> None:
    told = {**chronic_answered_by("cancer"), "screening_topic": "cancer"}
    text = "wait no sorry that was my mum not me"
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "deny", told)
    assert state(slots)["cancer"] == "absent" and slots["screening_pending"] is None
    assert responses(dispatcher) == ["utter_screening_noted", "utter_screening_other_person"]
    assert slots["screening_remaining"] == "diabetes or a heart condition"


async def test_a_grey_hair_question_is_not_a_warning_sign() -> None:
    from meso_nlu.warning_signs import detect

    assert detect("can it help with thinning hair? and does it turn grey hair back").level is None
    assert detect("the skin where they injected has turned grey").level == "urgent"


async def test_a_mild_bruise_after_a_treatment_is_not_bruising_easily(
    dispatcher, make_tracker
) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding",
        "btw i still have a tiny faint bruise on my cheek from last time, is that normal?", "faq",
        entities=[{"entity": "after_effects", "value": "expected"}],
    )  # fmt: skip
    assert "prone_to_bruising" not in state(slots)


@pytest.mark.parametrize(
    "text",
    [
        "my skin is so sensitive now and its going white",
        "the spot is bleeding and wont stop",
    ],
)
async def test_a_sign_inside_the_check_is_not_read_as_a_condition(
    dispatcher, make_tracker, text
) -> None:
    from actions.safety import ActionPauseScreening

    tracker = make_tracker(
        [user_message(text, "warning_urgent")],
        slots={"requested_slot": "screen_bleeding"},
        active_loop=FORM,
    )
    events = await ActionPauseScreening().run(dispatcher, tracker, DOMAIN)
    # contact the clinic first; the check may go on meanwhile: its question again
    assert responses(dispatcher) == ["utter_screening_paused_urgent", "utter_ask_screen_bleeding"]
    assert "screening_conditions" not in slot_values(events)


@pytest.mark.parametrize(
    ("last", "goodbye"),
    [
        ("utter_warning_urgent", "utter_goodbye_after_warning"),
        ("utter_warning_emergency", "utter_goodbye_after_warning"),
        ("utter_warning_expected", "utter_goodbye"),  # nothing to do straight away
    ],
)
async def test_goodbye_after_a_warning_reply_fits_its_level(
    dispatcher, make_tracker, last, goodbye
) -> None:
    from actions.safety import ActionGoodbyeAfterWarning

    warned = said(last)
    tracker = make_tracker([user_message("a sign", "faq"), warned, user_message("bye", "goodbye")])
    await ActionGoodbyeAfterWarning().run(dispatcher, tracker, {})
    assert responses(dispatcher) == [goodbye]


async def test_after_mild_after_effects_a_course_question_is_answered(
    dispatcher, make_tracker, domain
) -> None:
    # "how long should I wait before my next session" is about the course, not about waiting
    # to see; the message's second question is answered too
    aftercare = domain["responses"]["utter_faq/recovery"][0]["metadata"]["question"]
    tracker = make_tracker(
        [user_message("bit of redness since my session yesterday", "after_effects"),
         said("utter_faq/side_effects"), said("utter_warning_expected"),
         user_message("great. how long should i wait before my next session, and what aftercare?",
                      "faq", response_selector=faq_topic("utter_faq/sessions", 0.8),
                      entities=[{"entity": "also_asked_question", "value": aftercare}])]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/sessions", "utter_faq/recovery"]


async def test_after_mild_after_effects_an_uncovered_question_says_so(
    dispatcher, make_tracker, domain
) -> None:
    tracker = make_tracker(
        [user_message("bit of redness since my session yesterday", "after_effects"),
         said("utter_faq/side_effects"), said("utter_warning_expected"),
         user_message("can i go swimming while the little bumps are still there?", "faq",
                      response_selector=faq_topic("utter_faq/recovery", 0.8))]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_not_covered", "utter_warning_expected"]


async def test_the_pain_word_asked_back_and_denied(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pain", "low? not at all", "deny")
    assert state(slots) == {"low_pain_tolerance": "absent"}


async def test_after_a_general_question_about_a_sign_nothing_is_waiting(
    dispatcher, make_tracker
) -> None:
    # "can it cause a fever?" was answered with what to do if it ever happens: the next
    # question ("is bruising normal?") is a question, not a serious sign played down
    tracker = make_tracker(
        [user_message("can it cause a fever?", "after_effects"),
         said("utter_faq/side_effects"), said("utter_warning_if_urgent"),
         user_message("is bruising normal afterwards?", "faq",
                      response_selector=faq_topic("utter_faq/side_effects"))]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert "utter_warning_dont_wait" not in responses(dispatcher)
    assert responses(dispatcher)[0] == "utter_faq/side_effects"


async def test_a_stop_beside_a_request_for_the_clinic_or_a_question_answers_it_too(
    dispatcher, make_tracker
) -> None:
    text = "stop - I'd rather just talk to someone at the clinic. what's your phone number?"
    tracker = make_tracker(
        [user_message(text, "human_handoff")], slots={"screening_end": "stopped"}
    )
    await ActionSummariseScreening().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_screening_stopped", "utter_contact"]
    dispatcher.messages.clear()
    text = "never mind, stop the questions. I only want know about cellulite, it really help?"
    selector = {"faq": {"response": {"utter_action": "utter_faq/cellulite_fat", "confidence": 0.9}}}
    tracker = make_tracker(
        [user_message(text, "stop", response_selector=selector)],
        slots={"screening_end": "stopped"},
    )
    await ActionSummariseScreening().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_screening_stopped", "utter_faq/cellulite_fat"]
    dispatcher.messages.clear()
    tracker = make_tracker(
        [user_message("stop", "stop", response_selector=selector)],
        slots={"screening_end": "stopped"},
    )
    await ActionSummariseScreening().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_screening_stopped"]


def test_nothing_of_these_is_none_of_them() -> None:
    from actions.screening import NONE_OF_THEM

    assert NONE_OF_THEM.search("my mother has diabetes, not me. I have nothing of these")
    assert not NONE_OF_THEM.search("nothing else to add")


def test_the_rest_of_a_question_is_asked_before_a_clear_result() -> None:
    from actions.knowledge import load_knowledge
    from actions.screening import NAMED_ONLY, CheckState

    knowledge = load_knowledge()
    named_one = {key: "absent" for key in knowledge.conditions}
    for key in ("blood_clotting_disorder", "prone_to_bruising", "retinol"):
        named_one.pop(key)
    named_one["screen_bleeding"] = NAMED_ONLY  # "I don't take blood thinners or aspirin"
    state = CheckState(answers=dict.fromkeys(knowledge.groups, "no"), conditions=named_one)
    assert state.rest_before_a_clear_result(knowledge) == ["screen_bleeding"]
    assert state.answers["screen_bleeding"] is None
    assert "screen_bleeding" not in state.conditions
    # with a finding the result is no clear one: it names what was not mentioned
    found = {**named_one, "aspirin_or_blood_thinners": "present"}
    state = CheckState(answers=dict.fromkeys(knowledge.groups, "no"), conditions=found)
    assert state.rest_before_a_clear_result(knowledge) == []


def test_a_word_naming_the_question_is_no_finding() -> None:
    from actions.screening import open_question_reading

    text = "and for the bleeding/bruising question, no to all of it"
    found = open_question_reading("screen_bleeding", text, {})
    assert set(found.values()) <= {"absent"}
    assert open_question_reading("screen_bleeding", "the bruising one", {}) == {}


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes - wait sorry, I read that as any conditions at all. No, none of those three", "no"),
        ("no wait, yes I do", "yes"),
        ("yes", "yes"),
    ],
)
def test_a_first_answer_taken_back_at_once(text: str, answer: str) -> None:
    from actions.conditions import extract
    from actions.screening import Turn

    assert Turn(text=text, intent="affirm", extraction=extract(text), faq=None).answer == answer


async def test_none_of_another_questions_conditions_leaves_the_open_one_open(
    dispatcher, make_tracker
) -> None:
    text = "I don't have cancer or diabetes or anything"
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", text, "deny")
    conditions = slots["screening_conditions"]
    assert conditions.get("cancer") == "absent" and conditions.get("diabetes") == "absent"
    assert "pregnancy" not in conditions and "breastfeeding" not in conditions
    assert slots["screen_pregnancy"] is None
    # a message that opens with the answer still answers the open question
    dispatcher.messages.clear()
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy", "no, and no cancer either", "deny"
    )
    assert slots["screening_conditions"].get("pregnancy") == "absent"


async def test_put_me_down_as_not_sure_for_the_question_before(dispatcher, make_tracker) -> None:
    earlier = {
        "screen_pain": "no",
        "screening_conditions": {"low_pain_tolerance": "absent"},
        "screening_previous": "screen_pain",
    }
    text = "ok then put me down as not sure for that one"
    slots = await validate(dispatcher, make_tracker, "screen_skin", text, "affirm", slots=earlier)
    assert state(slots)["low_pain_tolerance"] == "uncertain"


def test_set_zz3_answers() -> None:
    from actions.conditions import extract
    from actions.screening import open_question_reading

    trying = "i dont think so? we've been trying for a baby so maybe, havent tested"
    assert extract(trying).answer == "unsure"
    assert extract("no, not pregnant").answer == "no"
    depends = open_question_reading("screen_pain", "pain... depends on the day honestly", {})
    assert depends == {"low_pain_tolerance": "uncertain"}


@pytest.mark.parametrize(
    "asked", ["even if it's well controlled?", "and what if it's under control?"]
)
async def test_after_the_diabetes_notice_even_if_controlled_and_forget_it(
    dispatcher, make_tracker, asked
) -> None:
    notice = {
        "screening_pending": "continue",
        "screening_topic": "diabetes",
        "screening_conditions": {"diabetes": "present"},
        "screen_chronic": "yes",
    }
    await validate(dispatcher, make_tracker, "screen_bleeding", asked, "faq", slots=notice)
    assert "utter_condition_info" in responses(dispatcher)
    assert dispatcher.messages[responses(dispatcher).index("utter_condition_info")][
        "condition"
    ].startswith("Diabetes")
    dispatcher.messages.clear()
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding", "ok forget it then, thanks anyway", "thank",
        slots=notice,
    )  # fmt: skip
    assert slots["screening_end"] == "stopped"


async def test_a_list_denied_takes_in_the_question_word_at_its_end(
    dispatcher, make_tracker
) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "ok good. no to cancer, diabetes and heart",
        "deny",
    )  # fmt: skip
    assert state(slots) == {"cancer": "absent", "diabetes": "absent", "cardiac_disorder": "absent"}


async def test_a_man_to_the_pregnancy_question_is_a_no(dispatcher, make_tracker) -> None:
    text = "oh you mean me lol. no, I'm a guy"
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", text, "nlu_fallback")
    assert slots["screen_pregnancy"] == "no"
    assert state(slots) == {"pregnancy": "absent", "breastfeeding": "absent"}


async def test_no_to_all_after_shall_we_go_on_goes_on_with_the_answer(
    dispatcher, make_tracker
) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "ok fine. no to all of them",
        "deny",
        slots={"screening_pending": "continue"},
    )
    assert slots.get("screening_end") is None
    assert slots["screen_chronic"] == "no" and slots["screening_pending"] is None


async def test_going_on_after_a_stop_starts_the_check_again(dispatcher, make_tracker) -> None:
    events = [
        user_message("stop then", "stop"),
        said("utter_screening_stopped_noted"),
        user_message("can we finish it anyway", "continue_check"),
    ]
    sent = await ActionCarryOn().run(dispatcher, make_tracker(events), {})
    assert sent == [FollowupAction("action_start_screening")] and responses(dispatcher) == []
    nothing = CollectingDispatcher()
    alone = [user_message("carry on", "continue_check")]
    assert await ActionCarryOn().run(nothing, make_tracker(alone), {}) == []
    assert responses(nothing) == ["utter_anything_else"]


async def test_going_on_with_a_check_left_without_its_result_resumes_it(
    dispatcher, make_tracker
) -> None:
    events = [
        user_message("am I suitable?", "check_eligibility"),
        said("utter_screening_intro"),
        said("utter_ask_screen_pregnancy"),
        user_message("sorry got to go, bye", "goodbye"),
        said("utter_goodbye"),
        user_message("back now, can we do the rest of the questions", "continue_check"),
    ]
    sent = await ActionCarryOn().run(dispatcher, make_tracker(events), {})
    assert sent == [FollowupAction("action_resume_screening")]
    # a check that gave its result is over: nothing to go on with
    events[3:5] = [user_message("no", "deny"), said("utter_screening_result_clear")]
    nothing = CollectingDispatcher()
    assert await ActionCarryOn().run(nothing, make_tracker(events), {}) == []
    assert responses(nothing) == ["utter_anything_else"]


async def test_a_stop_after_a_sign_with_the_number_asked_gives_it(dispatcher, make_tracker) -> None:
    events = [
        {"event": "action", "name": "action_pause_screening"},
        user_message("what's the number? and stop the questions for now", "stop"),
    ]
    await ActionEndAfterWarning().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher)[0] == "utter_contact"
    assert "utter_screening_stopped" in responses(dispatcher)


async def test_that_after_a_past_condition_and_denials_is_the_past_one(
    dispatcher, make_tracker
) -> None:
    text = "had breast cancer years ago, in remission. no diabetes, no heart problems"
    slots = await validate(dispatcher, make_tracker, "screen_chronic", text, "inform")
    assert slots["screening_topic"] == "cancer"


@pytest.mark.parametrize(
    "text",
    [
        "actually nvm, i'll do a test first lol",
        "ok actually never mind lol",
        "oh. I didn't realise. no, don't bother with the rest of the questions",
        "actually never mind if the diabetes rules it out theres no point",
        "never mind, we'll come back once the baby is here",
        "ok, I'll leave the questions there for now",
        # session 38: no time for the questions, or "just tell me" another thing
        "sorry, I haven't got time for the questionnaire. where are you based?",
        "no time for all these questions",
        "forget it, just tell me what the recovery is like",
    ],
)
def test_ways_of_stopping_the_check(text: str) -> None:
    assert STOP_CHECK.search(text)
    assert not STOP_CHECK.search("never mind, is there no point in sunscreen?")


async def test_a_question_about_a_medicine_leaves_a_partly_asked_question_open(
    dispatcher, make_tracker
) -> None:
    # the bleeding question asked for its rest (a clotting disorder denied in passing): a
    # question about clopidogrel answers nothing; "yes, I take that" then answers it
    slots = {
        "screen_pregnancy": "no",
        "screen_chronic": "no",
        "screening_partial": True,
        "screening_conditions": {"blood_clotting_disorder": "absent", "pregnancy": "absent"},
    }
    asked = await validate(
        dispatcher, make_tracker, "screen_bleeding",
        "does clopidogrel count as a blood thinner?", "faq", slots,
    )  # fmt: skip
    assert responses(dispatcher) == ["utter_condition_info"]
    assert asked["screen_bleeding"] is None and asked["screening_partial"] is True
    dispatcher.messages.clear()
    slots.update(asked)
    answered = await validate(
        dispatcher, make_tracker, "screen_bleeding", "right, then yes, I take that", "affirm", slots
    )
    assert answered["screen_bleeding"] == "yes" and answered["screening_pending"] is None
    assert state(answered)["aspirin_or_blood_thinners"] == "present"


async def test_a_yes_to_the_condition_just_asked_about_is_not_the_open_questions(
    dispatcher, make_tracker
) -> None:
    # the skin question open, "does clopidogrel count as a blood thinner?" answered, then
    # "right, then yes, I take that": the blood thinner is noted; the skin question stays
    slots = {
        "screen_pregnancy": "no",
        "screen_chronic": "no",
        "screen_bleeding": "no",
        "screening_topic": "aspirin_or_blood_thinners",
        "screening_conditions": {
            "blood_clotting_disorder": "absent",
            "screen_bleeding": NAMED_ONLY,
        },
    }
    slots = await validate(
        dispatcher, make_tracker, "screen_skin", "right, then yes, I take that", "affirm", slots
    )
    assert state(slots)["aspirin_or_blood_thinners"] == "present"
    assert slots["screen_skin"] is None and slots["screening_pending"] is None


def test_waiting_till_a_medicine_is_finished_stops_the_check() -> None:
    assert STOP_CHECK.search("actually never mind, I'll wait till I've finished the roaccutane")


async def test_where_the_clinic_is_beside_an_uncovered_subject_gets_the_contacts(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionNotCovered

    tracker = make_tracker(
        [user_message("where exactly are you? and is there parking", "not_covered")]
    )
    await ActionNotCovered().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher)[-1] == "utter_contact"


async def test_a_question_the_articles_dont_cover_read_as_the_check_is_answered_in_it(
    dispatcher, make_tracker
) -> None:
    # "is there an age limit?" reads like "can I have it": what the articles don't cover, and
    # the question stays open (asked again by the form)
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "is there an age limit? I'm 62",
        "check_eligibility",
    )  # fmt: skip
    assert slots["screen_chronic"] is None
    assert responses(dispatcher) == ["utter_not_covered"]
    assert "age" in dispatcher.messages[0]["subject"]


async def test_pressing_to_be_told_it_is_fine_gets_the_conditions_answer_again(
    dispatcher, make_tracker
) -> None:
    text = "come on, it's once a day. just say it's fine"
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", text, "faq",
        slots={"screening_topic": "breastfeeding"},
        response_selector=faq_topic("utter_faq/results_duration"),
    )  # fmt: skip
    assert responses(dispatcher) == ["utter_condition_info"]
    assert "breastfeeding" in dispatcher.messages[0]["condition"].lower()
    assert slots["screen_chronic"] is None


@pytest.mark.parametrize(
    ("sign", "text", "topic", "expected"),
    [
        # a question about what the sign is: the advice again, then the answer
        ("there is a hard lump in my cheek and it grows bigger every day",
         "is this like filler effect? they said meso is not filler", "utter_faq/vs_fillers",
         ["utter_warning_dont_wait", "utter_faq/vs_fillers"]),
        # what caused it, asked: the advice again, then the answer
        ("a scratched spot has been bleeding for half an hour and won't stop",
         "could the vitamins they injected be what's causing this?", "utter_faq/ingredients",
         ["utter_warning_dont_wait", "utter_faq/ingredients"]),
        # whether it is one of the side effects: the list, and the advice again; whether it
        # is one of the normal ones: the advice alone
        ("a patch by my nostril went white and now it's going blue at the edge",
         "is that one of the side effects the articles mention?", "utter_faq/side_effects",
         ["utter_faq/side_effects", "utter_warning_dont_wait"]),
        ("a patch by my nostril went white and now it's going blue at the edge",
         "is that one of the normal side effects?", "utter_faq/side_effects",
         ["utter_warning_dont_wait"]),
        # played down by the person it happens to, read as an FAQ: the advice again
        ("my mum's cheek is hot and the redness is spreading down her neck",
         "she keeps saying she's fine and doesn't want a fuss", "utter_faq/contraindications",
         ["utter_warning_dont_wait"]),
        # more of the same sign: the advice again only
        ("one of the injection spots keeps bleeding, its been 40 min",
         "ive been pressing on it the whole time", "utter_faq/procedure",
         ["utter_warning_dont_wait"]),
        # what the sign is, asked: never diagnosed, the advice again only
        ("my chin has gone numb and the numbness is spreading to my lip",
         "could it be nerve damage?", "utter_faq/pain", ["utter_warning_dont_wait"]),
        # asked how to get there instead of calling, or explained away: the advice again
        ("the patch on my cheek went grey and it's getting bigger",
         "maybe it's just a bruise?", "utter_faq/side_effects", ["utter_warning_dont_wait"]),
        ("the patch on my cheek went grey and it's getting bigger",
         "should i get a taxi there?", "utter_faq/procedure", ["utter_warning_dont_wait"]),
    ],
)  # fmt: skip
async def test_right_after_an_urgent_sign(
    dispatcher, make_tracker, sign: str, text: str, topic: str, expected: List[str]
) -> None:
    said_next = user_message(text, "faq", response_selector=faq_topic(topic))
    tracker = make_tracker(
        [user_message(sign, "warning_urgent"), said("utter_warning_urgent"), said_next]
    )
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == expected


async def test_a_booking_request_right_after_an_urgent_sign(dispatcher, make_tracker) -> None:
    sign = user_message("the redness is spreading from the spots and it's hot", "warning_urgent")
    later = user_message(
        "I'm booked in next week anyway, can it wait till then?", "book_consultation"
    )
    tracker = make_tracker([sign, said("utter_warning_urgent"), later])
    events = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_contact"]
    assert FollowupAction("action_warning_reminded") in events
    # help has come: the booking
    dispatcher.messages.clear()
    seen = user_message("the GP checked me and it's settling. can I book my next session?",
                        "book_consultation")  # fmt: skip
    tracker = make_tracker([sign, said("utter_warning_urgent"), seen])
    events = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert events == [FollowupAction("action_book_consultation")]
    assert responses(dispatcher) == []
    # asked without waiting: don't wait, then the booking asked for
    dispatcher.messages.clear()
    follow_up = user_message("ok. can i book a follow up", "book_consultation")
    tracker = make_tracker([sign, said("utter_warning_urgent"), follow_up])
    events = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]
    assert events == [FollowupAction("action_book_consultation")]


async def test_stopping_the_medicine_just_named_is_answered_for_that_medicine(
    dispatcher, make_tracker
) -> None:
    asked = user_message("I take apixaban. should I just stop it for a week before my meso?", "faq")
    again = user_message("you're not answering. yes or no, can I stop it myself?", "faq")
    tracker = make_tracker([asked, said("utter_condition_info"), again])
    await ActionAnswerConditionQuestion().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_condition_info"]
    assert "blood thinner" in dispatcher.messages[0]["condition"].lower()
    # nothing named before: asked to say it again
    dispatcher.messages.clear()
    tracker = make_tracker([user_message("can I stop it myself?", "faq")])
    await ActionAnswerConditionQuestion().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_ask_rephrase"]


async def test_the_pain_question_echoed_then_answered_no_is_a_no(dispatcher, make_tracker) -> None:
    text = "pain? mate i've had 3 tattoos and a broken leg. no"
    slots = await validate(dispatcher, make_tracker, "screen_pain", text, "faq")
    assert slots["screening_conditions"]["low_pain_tolerance"] == "absent"


async def test_how_long_to_wait_after_breastfeeding_is_not_covered_inside_the_check(
    dispatcher, make_tracker
) -> None:
    told = {"screen_pregnancy": "yes", "screening_conditions": {"breastfeeding": "present"}}
    text = "oh. how long after I stop breastfeeding could I have it?"
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", text, "check_eligibility", slots=told
    )
    # what the articles say of breastfeeding, that they give no waiting time; the question
    # stays open (the form asks it again)
    assert responses(dispatcher) == ["utter_condition_info", "utter_not_covered"]
    assert slots.get("screen_chronic") is None and slots.get("screening_end") is None


async def test_mild_signs_elsewhere_asked_about_after_a_serious_one_get_both_answers(
    dispatcher, make_tracker
) -> None:
    tracker = make_tracker(
        [user_message("one spot keeps bleeding, we've pressed for half an hour", "warning_urgent"),
         said("utter_warning_urgent"),
         user_message("is it normal that the other spots are a bit red and tender?", "faq",
                      response_selector=faq_topic("utter_faq/side_effects"))]
    )  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    said_now = responses(dispatcher)
    assert "utter_warning_expected" in said_now and said_now[-1] == "utter_warning_dont_wait"


@pytest.mark.parametrize("text", ["kind of", "sort of yeah", "kinda", "yes and no"])
async def test_a_half_yes_to_a_bundled_question_asks_which_one(
    dispatcher, make_tracker, text
) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_chronic", text, "affirm")
    assert slots["screening_pending"] == "which" and state(slots) == {}


async def test_a_half_yes_to_a_single_question_is_not_sure(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pain", "kind of", "affirm")
    assert state(slots) == {"low_pain_tolerance": "uncertain"}


async def test_a_yes_taken_back_at_once_is_the_no_after_it(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding", "yes - oh wait, no, none of those", "affirm"
    )
    assert state(slots) == {
        "blood_clotting_disorder": "absent",
        "prone_to_bruising": "absent",
        "aspirin_or_blood_thinners": "absent",
    }


@pytest.mark.parametrize("text", ["ok skip it then", "never mind, leave it", "nah dont bother"])
async def test_never_mind_to_the_offer_to_go_on_stops(dispatcher, make_tracker, text) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", text, "affirm",
        slots={"screening_pending": "continue"},
    )  # fmt: skip
    assert slots["screening_end"] == "stopped"


async def test_never_mind_the_offer_with_a_question_answers_it(dispatcher, make_tracker) -> None:
    selector = {"faq": {"response": {"utter_action": "utter_faq/side_effects", "confidence": 0.9}}}
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "never mind the rest, I'll ask my doctor. what are the side effects though?",
        "faq",
        slots={"screening_pending": "continue"},
        response_selector=selector,
    )
    assert slots["screening_end"] == "stopped"
    assert "utter_faq/side_effects" in responses(dispatcher)


async def test_never_mind_then_an_answer_to_the_offer_goes_on(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "oh never mind, I'll carry on. no", "deny",
        slots={"screening_pending": "continue"},
    )  # fmt: skip
    assert slots.get("screening_end") != "stopped"


# --- session 32: going on with a check a sign paused, a few messages later ---------------


def _paused_at_the_chronic_question() -> List[Dict[str, Any]]:
    """A check at its second question, paused by an urgent sign."""
    return [
        user_message("the spot on my jaw is hot and the redness is spreading", "warning_urgent"),
        said("utter_warning_urgent"),
        PAUSED,
        said("utter_screening_paused"),
    ]


async def test_a_bare_no_a_few_messages_after_the_pause_answers_the_paused_question(
    dispatcher, make_tracker
) -> None:
    from actions.screening import ActionResumeScreening

    events = [
        *_paused_at_the_chronic_question(),
        user_message("ok il ring them. whats the number", "human_handoff"),
        said("utter_warning_dont_wait"),
        said("utter_contact"),
        user_message("none", "deny"),
    ]
    tracker = make_tracker(events, slots={"screen_pregnancy": "no"})
    followup = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert [(e["event"], e["name"]) for e in followup] == [("followup", "action_resume_screening")]
    resumed = await ActionResumeScreening().run(dispatcher, tracker, {})
    # they said they'd ring: no advice again; the no answers the open question
    assert responses(dispatcher) == ["utter_screening_resumed", "utter_screening_noted"]
    assert slot_values(resumed)["screen_chronic"] == "no"


async def test_a_bare_no_right_after_the_signs_advice_is_not_read_as_the_checks_answer(
    dispatcher, make_tracker
) -> None:
    # "no" straight after "please contact the clinic today" may answer the advice
    events = [*_paused_at_the_chronic_question(), user_message("no", "deny")]
    tracker = make_tracker(events, slots={"screen_pregnancy": "no"})
    followup = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert ("followup", "action_resume_screening") not in [
        (e.get("event"), e.get("name")) for e in followup
    ]


def _paused_with_the_question_shown() -> List[Dict[str, Any]]:
    """A check at its second question, paused by an urgent sign, the question shown again."""
    return [
        user_message("the spot on my jaw is hot and the redness is spreading", "warning_urgent"),
        said("utter_warning_urgent"),
        PAUSED,
        said("utter_screening_paused_urgent"),
        said("utter_ask_screen_chronic"),
    ]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("no", "deny"),
        ("ok I'll phone them in a minute. to answer your question: no", "human_handoff"),
        ("nope, none of them", "deny"),
    ],
)
async def test_the_question_shown_with_the_pause_is_answered_at_once(
    dispatcher, make_tracker, text, intent
) -> None:
    # session 39: after an urgent sign the check's question is shown again, so a plain answer
    # right after it is that question's answer (the check goes on)
    events = [*_paused_with_the_question_shown(), user_message(text, intent)]
    tracker = make_tracker(events, slots={"screen_pregnancy": "no"})
    followup = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert [(e["event"], e["name"]) for e in followup] == [("followup", "action_resume_screening")]


async def test_a_greeting_on_coming_back_to_a_paused_check_is_answered(
    dispatcher, make_tracker
) -> None:
    from actions.screening import ActionResumeScreening

    events = [
        *_paused_at_the_chronic_question(),
        user_message("ok I rang them", "human_handoff"),
        said("utter_help_called"),
        user_message("hello again, I'm back. can we go on with the check?", "continue_check"),
    ]
    tracker = make_tracker(events, slots={"screen_pregnancy": "no"})
    await ActionResumeScreening().run(dispatcher, tracker, {})
    assert responses(dispatcher)[:2] == ["utter_hello", "utter_screening_resumed"]


async def test_a_question_right_after_the_question_shown_again_is_no_answer(
    dispatcher, make_tracker
) -> None:
    events = [*_paused_with_the_question_shown(), user_message("should I go to A&E?", "faq")]
    tracker = make_tracker(events, slots={"screen_pregnancy": "no"})
    followup = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert ("followup", "action_resume_screening") not in [
        (e.get("event"), e.get("name")) for e in followup
    ]


async def test_a_check_stopped_after_the_sign_is_not_taken_up_by_a_later_no(
    dispatcher, make_tracker
) -> None:
    events = [
        *_paused_at_the_chronic_question(),
        user_message("stop, ill sort the skin thing out first", "stop"),
        {"event": "action", "name": "action_end_after_warning"},
        said("utter_screening_stopped"),
        user_message("no", "deny"),
    ]
    tracker = make_tracker(events, slots={"screen_pregnancy": "no"})
    followup = await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert ("followup", "action_resume_screening") not in [
        (e.get("event"), e.get("name")) for e in followup
    ]


async def test_a_sign_that_will_not_stop_is_no_wish_to_stop(dispatcher, make_tracker) -> None:
    tracker = make_tracker(
        [
            user_message(
                "on eliquis and one spot is still bleeding after 20 mins", "warning_urgent"
            ),
            said("utter_warning_urgent"),
            user_message("it's not gushing, it just won't stop", "stop"),
        ]
    )
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]


async def test_the_result_after_a_sign_told_during_the_check_says_to_have_it_seen_first(
    dispatcher, make_tracker
) -> None:
    answered = {slot: "no" for slot in ("screen_pregnancy", "screen_chronic", "screen_bleeding",
                                        "screen_skin", "screen_pain")}  # fmt: skip
    events = [
        said("utter_screening_intro"),
        *_paused_at_the_chronic_question(),
        user_message("ok I'll call them. carry on", "continue_check"),
        said("utter_screening_resumed"),
        user_message("no", "deny"),
    ]
    await ActionSummariseScreening().run(dispatcher, make_tracker(events, slots=answered), {})
    assert responses(dispatcher)[0] == "utter_screening_result_clear"
    assert "utter_screening_sign_first" in responses(dispatcher)
    # no sign since the check started: no such line
    dispatcher.messages.clear()
    events = [*_paused_at_the_chronic_question(), said("utter_screening_intro")]
    await ActionSummariseScreening().run(dispatcher, make_tracker(events, slots=answered), {})
    assert "utter_screening_sign_first" not in responses(dispatcher)


@pytest.mark.parametrize(
    ("text", "stops"),
    [
        ("stop here please", True),
        ("no, stop it", True),
        # a time or a feed, not a wish to stop the check
        ("oh. how long after i stop feeding could i have it", False),
        ("and once i stop breastfeeding?", False),
    ],
)
def test_a_stop_at_the_offer_to_go_on_is_a_wish_to_stop(text: str, stops: bool) -> None:
    from actions.screening import STOP_HERE

    assert bool(STOP_HERE.search(text)) is stops


async def test_asking_whether_a_named_sign_is_a_normal_side_effect_gets_the_list_and_advice(
    dispatcher, make_tracker
) -> None:
    tracker = make_tracker(
        [
            user_message("theres pus coming out and i feel feverish", "warning_urgent"),
            said("utter_warning_urgent"),
            user_message("is an abscess a known side effect then??", "after_effects"),
        ]
    )
    await ActionWarningFollowup().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/side_effects", "utter_warning_dont_wait"]


async def test_asking_to_come_off_a_prescribed_blood_thinner_gets_no_preparation_list(
    dispatcher, make_tracker
) -> None:
    text = "the tablets are blood thinners. should I come off them for a week before?"
    await validate(
        dispatcher, make_tracker, "screen_bleeding", text, "faq",
        response_selector=faq_topic("utter_faq/preparation"),
    )  # fmt: skip
    assert "utter_faq/preparation" not in responses(dispatcher)
    assert "utter_condition_info" in responses(dispatcher)
    # aspirin itself: the preparation list says what providers may ask
    dispatcher.messages.clear()
    text = "I take aspirin, should I stop it before?"
    await validate(
        dispatcher, make_tracker, "screen_bleeding", text, "faq",
        response_selector=faq_topic("utter_faq/preparation"),
    )  # fmt: skip
    assert "utter_faq/preparation" in responses(dispatcher)


async def test_a_stop_with_a_goodbye_says_goodbye_too(dispatcher, make_tracker) -> None:
    tracker = make_tracker(
        [user_message("never mind, I'll ask my haematologist. bye", "stop")],
        slots={"screening_end": "stopped", "screen_pregnancy": "no"},
    )
    await ActionSummariseScreening().run(dispatcher, tracker, {})
    assert responses(dispatcher)[-1] == "utter_goodbye"


def test_leaving_the_rest_of_the_questions_stops_the_check() -> None:
    from actions.screening import GOING_ON, STOP_CHECK

    assert STOP_CHECK.search("never mind then, I'll leave the rest of the questions")
    assert not GOING_ON.search("never mind then, I'll leave the rest of the questions")
    assert not STOP_CHECK.search("I'll answer the rest of the questions")
    assert GOING_ON.search("I'll answer the rest of the questions")


async def test_answers_soon_after_a_goodbye_take_the_check_up_where_it_was_left(
    dispatcher, make_tracker
) -> None:
    left = [
        user_message("ugh work call, bye", "goodbye"),
        said("utter_screening_noted_so_far"),
        said("utter_goodbye"),
    ]
    text = "back! sorry. none of those, no cancer diabetes or heart problems"
    tracker = make_tracker([*left, user_message(text, "faq")], slots={"screen_pregnancy": "no"})
    events = await ActionStartScreening().run(dispatcher, tracker, {})
    assert [(e["event"], e["name"]) for e in events] == [("followup", "action_resume_screening")]
    # asked to start again, it starts again
    tracker = make_tracker([*left, user_message("can we start over", "check_eligibility")])
    events = await ActionStartScreening().run(dispatcher, tracker, {})
    assert ("followup", "action_resume_screening") not in [
        (e.get("event"), e.get("name")) for e in events
    ]


async def test_after_an_emergency_playing_it_down_with_a_question_gets_only_the_call(
    dispatcher, make_tracker
) -> None:
    events = [
        user_message("my chest feels tight and it hurts to breathe in", "warning_emergency"),
        said("utter_warning_emergency"),
        user_message("prob just nerves? is that a common side effect", "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_emergency_again"]


async def test_going_on_with_conditions_told_notes_them(dispatcher, make_tracker) -> None:
    from actions.screening import ActionResumeScreening

    events = [
        *_paused_at_the_chronic_question(),
        user_message(
            "ok I'll ring them. back to the questions - no cancer, no diabetes, heart's fine",
            "continue_check",
        ),
    ]
    tracker = make_tracker(events, slots={"screen_pregnancy": "no"})
    resumed = await ActionResumeScreening().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_screening_resumed", "utter_screening_noted"]
    assert slot_values(resumed)["screening_conditions"]["cancer"] == "absent"


async def test_an_urgent_sign_played_down_as_a_normal_side_effect_gets_only_the_advice(
    dispatcher, make_tracker
) -> None:
    events = [
        user_message("the area is hot and the redness is spreading", "warning_urgent"),
        said("utter_warning_urgent"),
        user_message("but swelling is a known side effect isn't it? I'm being silly", "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("not a fan of needles tbh", "present"),
        ("needles terrify me", "present"),
        ("injections don't scare me", "absent"),
    ],
)
async def test_to_the_pain_question_a_fear_of_needles_is_the_answer(
    dispatcher, make_tracker, text: str, status: str
) -> None:
    from actions.knowledge import load_knowledge

    # every question but the pain one answered no
    groups = load_knowledge().groups
    denied = {
        name: "absent" for slot in groups if slot != "screen_pain"
        for name in (slot, *groups[slot].conditions)
    }  # fmt: skip
    answered = {"screening_conditions": denied}
    slots = await validate(dispatcher, make_tracker, "screen_pain", text, "nlu_fallback", answered)
    assert state(slots)["low_pain_tolerance"] == status


async def replies_after_a_sign(
    dispatcher, make_tracker, sign: Tuple[str, str], message: Tuple[str, str]
) -> List[str]:
    """The follow-up's responses to `message` (text, intent) right after a sign (text,
    intent) got its warning."""
    level = sign[1].replace("warning_", "")
    told = [user_message(*sign), said(f"utter_warning_{level}"), user_message(*message)]
    await ActionWarningFollowup().run(dispatcher, make_tracker(told), {})
    return responses(dispatcher)


async def test_a_subject_not_covered_right_after_an_emergency_gets_the_call_again(
    dispatcher, make_tracker
) -> None:
    replies = await replies_after_a_sign(
        dispatcher,
        make_tracker,
        ("i fainted twice since the session", "warning_emergency"),
        ("i'm on my own at home and can't drive", "not_covered"),
    )
    assert replies == ["utter_warning_emergency_again"]


async def test_a_normal_result_does_not_undo_a_condition_told_earlier(
    dispatcher, make_tracker
) -> None:
    told = {
        "screening_conditions": {
            "pregnancy": "absent",
            "breastfeeding": "absent",
            "screen_pregnancy": "absent",
            "diabetes": "present",
        }
    }
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "my a1c is perfect, so that's fine", "faq", told
    )
    assert state(slots).get("diabetes") == "present"


async def test_a_subject_not_covered_while_waiting_after_an_urgent_sign_gets_both(
    dispatcher, make_tracker
) -> None:
    replies = await replies_after_a_sign(
        dispatcher,
        make_tracker,
        ("the lump keeps growing and it's hard", "warning_urgent"),
        ("ok. meanwhile can I keep going to the gym?", "not_covered"),
    )
    assert replies == ["utter_warning_dont_wait", "utter_not_covered"]


async def test_help_come_for_the_same_sign_answers_the_question_asked(
    dispatcher, make_tracker
) -> None:
    side_effects = {
        "faq": {"response": {"utter_action": "utter_faq/side_effects", "confidence": 0.95}}
    }
    told = [
        user_message("my dad collapsed in the waiting room after his session", "warning_emergency"),
        said("utter_warning_emergency"),
        user_message(
            "the paramedics have taken him in, they say he only fainted. which side effects"
            " are usual?",
            "warning_emergency",
            response_selector=side_effects,
        ),
    ]
    await ActionWarningSign().run(dispatcher, make_tracker(told), {})
    assert responses(dispatcher) == ["utter_faq/side_effects"]


async def test_help_come_and_a_new_mild_sign_of_ones_own_is_answered_as_mild(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionAfterEffectsAdvice

    told = [
        user_message("her tongue is swelling and she can't swallow", "warning_emergency"),
        said("utter_warning_emergency"),
        user_message("they kept her in overnight and she's ok now", "thank"),
        said("utter_screening_welcome"),
        user_message(
            "i've got a little redness myself where they injected, is that normal?", "faq"
        ),
        said("utter_faq/side_effects"),
    ]
    await ActionAfterEffectsAdvice().run(dispatcher, make_tracker(told), {})
    assert responses(dispatcher) == ["utter_warning_expected"]


async def test_pain_said_to_be_normal_after_a_pain_sign_is_not_waited_on(
    dispatcher, make_tracker
) -> None:
    pain = {"faq": {"response": {"utter_action": "utter_faq/pain", "confidence": 0.9}}}
    told = [
        user_message("the pain is getting worse every day, it's unbearable now", "warning_urgent"),
        said("utter_warning_urgent"),
        user_message(
            "but isn't pain normal after it? they told me to expect soreness",
            "faq",
            response_selector=pain,
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(told), {})
    assert responses(dispatcher)[0] == "utter_warning_dont_wait"


async def test_a_named_answer_after_which_one_asks_the_next_question_plainly(
    dispatcher, make_tracker
) -> None:
    asked_which = {
        "screening_conditions": {"pregnancy": "absent", "breastfeeding": "absent"},
        "screen_pregnancy": "no",
        "screen_chronic": "no",
        "screening_pending": "which",
    }
    text = "oh sorry, I meant yes because I take aspirin now and then. I don't bruise much"
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "faq", asked_which)
    assert state(slots)["aspirin_or_blood_thinners"] == "present"
    assert slots.get("screening_pending") is None  # the next question, not "which one?"


async def test_a_condition_taken_back_at_once_as_someone_elses_with_i_am_fine_is_a_no(
    dispatcher, make_tracker
) -> None:
    earlier = {
        "screening_conditions": {
            "pregnancy": "absent",
            "breastfeeding": "absent",
            "diabetes": "present",
        },
        "screen_pregnancy": "no",
        "screen_chronic": "yes",
    }
    text = "oops no, that's my husband, he's the diabetic. I'm fine"
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "faq", earlier)
    assert state(slots)["diabetes"] == "absent"


async def test_someone_else_calling_then_back_to_me_answers_the_question(
    dispatcher, make_tracker
) -> None:
    earlier = {
        "screening_conditions": {"pregnancy": "absent", "breastfeeding": "absent"},
        "screen_pregnancy": "no",
    }
    text = "right, she's phoning them now. back to me - no"
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", text, "human_handoff", earlier
    )
    assert slots["screen_chronic"] == "no"
    assert "utter_contact" not in responses(dispatcher)


def test_not_needing_to_carry_on_stops_the_check() -> None:
    from actions.screening import STOP_CHECK

    assert STOP_CHECK.search("thanks but I don't need to continue")
    assert not STOP_CHECK.search("do I need to continue my aspirin?")


async def test_a_late_medicine_for_a_pain_is_no_answer_to_the_pain_question(
    dispatcher, make_tracker
) -> None:
    earlier = {
        "screening_conditions": {"pregnancy": "absent", "breastfeeding": "absent"},
        "screen_pregnancy": "no",
    }
    text = "oh, one thing from before: I take aspirin for back pain now and then"
    slots = await validate(dispatcher, make_tracker, "screen_pain", text, "faq", earlier)
    assert state(slots)["aspirin_or_blood_thinners"] == "present"
    assert "low_pain_tolerance" not in state(slots)
    assert slots["screen_pain"] is None  # the pain question is still to be answered


async def test_nothing_like_that_after_what_a_condition_means_is_a_no_to_it(
    dispatcher, make_tracker
) -> None:
    earlier = {
        "screening_conditions": {"pregnancy": "absent", "breastfeeding": "absent"},
        "screen_pregnancy": "no",
        "screen_chronic": "no",
        "screening_topic": "blood_clotting_disorder",  # its meaning was just asked
    }
    text = "oh right, nothing like that. I bruise easily though"
    slots = await validate(dispatcher, make_tracker, "screen_bleeding", text, "faq", earlier)
    noted = state(slots)
    assert noted["blood_clotting_disorder"] == "absent"
    assert noted["prone_to_bruising"] == "present"


async def test_a_short_follow_up_on_the_condition_just_answered_gets_its_answer(
    dispatcher, make_tracker
) -> None:
    earlier = {
        "screening_conditions": {"breastfeeding": "present", "pregnancy": "absent"},
        "screen_pregnancy": "yes",
        "screening_topic": "breastfeeding",
        "screening_pending": "continue",
    }
    text = "hmm, even once a day at bedtime?"
    await validate(dispatcher, make_tracker, "screen_chronic", text, "faq", earlier)
    assert "utter_condition_info" in responses(dispatcher)


async def test_answers_right_after_the_result_update_it_instead_of_a_new_check(
    dispatcher, make_tracker
) -> None:
    from actions.screening import ActionStartScreening

    finished = {
        **dict.fromkeys(GROUP_SLOTS, "no"),
        "screen_bleeding": "yes",
        "screening_conditions": {"prone_to_bruising": "present", "screen_bleeding": "named_only"},
    }
    told = [
        said("utter_screening_result_consult"),
        said("utter_screening_unanswered"),
        user_message(
            "ah ok. I don't have a clotting disorder and I'm not on blood thinners", "faq"
        ),
    ]
    events = await ActionStartScreening().run(dispatcher, make_tracker(told, slots=finished), {})
    assert responses(dispatcher) == ["utter_screening_noted"]  # no new check begins
    noted = state(slot_values(events))
    assert noted["blood_clotting_disorder"] == "absent"
    assert noted["aspirin_or_blood_thinners"] == "absent"


async def test_none_of_those_after_a_condition_answered_keeps_it(dispatcher, make_tracker) -> None:
    earlier = {
        "screening_conditions": {"breastfeeding": "present", "pregnancy": "absent"},
        "screen_pregnancy": "yes",
        "screening_topic": "breastfeeding",  # its answer was just given again
    }
    slots = await validate(dispatcher, make_tracker, "screen_chronic", "no none of those", "deny",
                           earlier)  # fmt: skip
    assert state(slots)["breastfeeding"] == "present"
    assert state(slots)["diabetes"] == "absent"


async def test_what_caused_an_emergency_asked_while_calling_gets_the_call_again(
    dispatcher, make_tracker
) -> None:
    replies = await replies_after_a_sign(
        dispatcher,
        make_tracker,
        ("his throat is closing up and his lips are huge", "warning_emergency"),
        ("ringing an ambulance now. what is he allergic to in it?", "faq"),
    )
    assert replies == ["utter_warning_emergency_again"]


@pytest.mark.parametrize(
    ("slot", "text", "intent", "expected"),
    [
        # "a bit" to the pain question: some, not told either way
        ("screen_pain", "a little bit", "affirm", "unsure"),
        # the answer closing a story, hedged by a word after it
        ("screen_pain", "I went white at my last jab so... yes definitely", "faq", "yes"),
        # the question named by a word of it
        ("screen_bleeding", "ok sorry. and no to the bleeding question", "faq", "no"),
    ],
)
async def test_answers_told_in_other_words(
    dispatcher, make_tracker, slot, text, intent, expected
) -> None:
    slots = await validate(dispatcher, make_tracker, slot, text, intent)
    assert slots[slot] == expected


async def test_the_questions_word_denied_in_its_clause_is_no(dispatcher, make_tracker) -> None:
    text = "my skin's a bit dry but I wouldn't call it sensitive. no psoriasis"
    slots = await validate(dispatcher, make_tracker, "screen_skin", text, "faq")
    assert state(slots) == {"eczema_or_psoriasis": "absent", "severe_skin_sensitivity": "absent"}


async def test_a_contrast_with_the_questions_word_is_no_denial(dispatcher, make_tracker) -> None:
    text = "so-so? I fainted at my flu jab but I reckon that was the heat not pain"
    slots = await validate(dispatcher, make_tracker, "screen_pain", text, "faq")
    assert state(slots)["low_pain_tolerance"] != "absent"


async def test_yes_go_ahead_asks_the_question_again(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_chronic", "yes go ahead", "affirm")
    assert slots["screen_chronic"] is None


async def test_someone_elses_condition_then_i_dont_answers_the_question(
    dispatcher, make_tracker
) -> None:
    text = "my brother has type 1 diabetes, is that relevant? I don't"
    slots = await validate(dispatcher, make_tracker, "screen_chronic", text, "faq")
    assert slots["screen_chronic"] == "no"


async def test_a_medicine_alone_does_not_undo_a_condition_told_before(
    dispatcher, make_tracker
) -> None:
    # diabetes told with the first question; metformin alone later is only to discuss
    text = "none of those, I just take my metformin"
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding", text, "deny",
        slots={
            "screening_previous": "screen_chronic", "screen_chronic": "yes",
            "screening_conditions": {"diabetes": "present", "cancer": "absent"},
        },
    )  # fmt: skip
    assert state(slots)["diabetes"] == "present"


async def test_not_sure_is_listed_to_discuss_not_as_unanswered(dispatcher, make_tracker) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pain", "hmm not sure really", "faq")
    assert state(slots)["low_pain_tolerance"] == "uncertain"
    dispatcher.messages.clear()
    others = {slot: "no" for slot in GROUP_SLOTS if slot != "screen_pain"}
    await summarise(dispatcher, make_tracker, **{**others, **slots})
    sent = responses(dispatcher)
    assert "utter_screening_to_discuss" in sent and "utter_screening_unanswered" not in sent


async def test_an_uncovered_question_after_an_answer_is_said_to_be_uncovered(
    dispatcher, make_tracker
) -> None:
    text = "no, neither of those. do you take card payments in instalments?"
    selector = faq_topic("utter_faq/contraindications", 0.9)
    ranking = [{"name": "not_covered", "confidence": 1.0}, {"name": "faq", "confidence": 0.95}]
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        text,
        "not_covered",
        response_selector=selector,
        intent_ranking=ranking,
    )
    assert slots["screen_pregnancy"] == "no"
    assert responses(dispatcher)[-2:] == ["utter_faq/cost", "utter_not_covered"]


@pytest.mark.parametrize(
    "text", ["not breastfeeding no", "not pregnant, no", "not expecting, nope"]
)
async def test_a_no_beside_one_denied_condition_leaves_the_other_open(
    dispatcher, make_tracker, text: str
) -> None:
    # the "no" is that denial's: the other of the bundled question is asked for at the end
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", text, "deny")
    said = state(slots)
    assert list(said.values()) == ["absent"] and len(said) == 1
    # a plain "no" still answers the whole question
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", "no, neither", "deny")
    assert state(slots) == {"pregnancy": "absent", "breastfeeding": "absent"}


# session 38: the result questioned just after it
QUESTIONED = [{"entity": "result_questioned", "value": "yes"}]


async def question_the_result(
    dispatcher, make_tracker, text: str, before: List[Dict[str, Any]], slots: Dict[str, Any]
) -> List[Any]:
    asked = user_message(
        text,
        "ask_result",
        entities=QUESTIONED,
        intent_ranking=[
            {"name": "ask_result", "confidence": 1.0},
            {"name": "faq", "confidence": 0.6},
        ],
        response_selector={
            "faq": {"response": {"utter_action": "utter_faq/what_is", "confidence": 0.6}}
        },
    )
    tracker = make_tracker([*before, asked], slots=slots)
    return await ActionRepeatResult().run(dispatcher, tracker, {})


AFTER_AVOID = {
    **dict.fromkeys(GROUP_SLOTS, "no"),
    "screen_pregnancy": "yes",
    "screening_conditions": {"breastfeeding": "present", "eczema_or_psoriasis": "uncertain"},
}


async def test_a_result_questioned_is_explained_by_its_findings(dispatcher, make_tracker) -> None:
    before = [said("utter_screening_result_avoid"), said("utter_offer_booking")]
    await question_the_result(
        dispatcher, make_tracker, "what does that mean?? is that a no?", before, AFTER_AVOID
    )
    infos = [m["condition"] for m in dispatcher.messages if m["response"] == "utter_condition_info"]
    assert infos == ["Breastfeeding", "Eczema or psoriasis"]  # the one to avoid first
    assert responses(dispatcher)[-1] == "utter_result_meaning"


async def test_an_answer_to_avoid_denied_after_the_result_is_kept(dispatcher, make_tracker) -> None:
    before = [said("utter_screening_result_avoid")]
    text = "ok then no, I'm not breastfeeding"
    events = await question_the_result(dispatcher, make_tracker, text, before, AFTER_AVOID)
    assert responses(dispatcher)[0] == "utter_screening_answer_kept"
    infos = [m["condition"] for m in dispatcher.messages if m["response"] == "utter_condition_info"]
    assert infos == ["Breastfeeding"]  # the condition named, not every finding
    assert not any(isinstance(e, SlotSet) or e.get("event") == "slot" for e in events)


async def test_a_result_questioned_with_no_result_lately_is_read_as_classified(
    dispatcher, make_tracker
) -> None:
    await question_the_result(dispatcher, make_tracker, "why not?", [], {})
    assert responses(dispatcher) == ["utter_faq/what_is"]


async def test_the_answers_so_far_questioned_mid_check_are_explained(
    dispatcher, make_tracker
) -> None:
    so_far = {"screen_pregnancy": "no", "screening_conditions": {"eczema_or_psoriasis": "present"}}
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "so I can't?", "ask_result",
        slots=so_far, entities=QUESTIONED,
    )  # fmt: skip
    assert responses(dispatcher) == ["utter_condition_info"]
    assert slots["screen_chronic"] is None  # the question is asked again
    dispatcher.messages.clear()
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", "so I can't?",
                           "ask_result", entities=QUESTIONED)  # fmt: skip
    assert responses(dispatcher) == ["utter_screening_in_progress"]
    assert slots["screen_pregnancy"] is None


def test_an_faq_told_to_tell_beside_a_stop_is_answered() -> None:
    from rasa_sdk import Tracker

    from actions.screening import answer_beside_a_stop

    text = "how many more are there. never mind, just tell me how long the results last"
    message = user_message(
        text,
        "faq",
        response_selector={
            "faq": {"response": {"utter_action": "utter_faq/results_duration", "confidence": 0.47}}
        },
    )["parse_data"]
    dispatcher = CollectingDispatcher()
    answer_beside_a_stop(dispatcher, Tracker("v", {}, message, [], False, None, {}, ""))
    assert responses(dispatcher) == ["utter_faq/results_duration"]


@pytest.mark.parametrize(
    "text, status",
    [
        ("high, I'm a nurse, I give injections all day", "absent"),
        ("pretty good tbh", "absent"),
        ("high? no, it's really low", "present"),
    ],
)
async def test_a_high_tolerance_told_first_to_the_pain_question(
    dispatcher, make_tracker, text: str, status: str
) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pain", text, "nlu_fallback")
    assert state(slots)["low_pain_tolerance"] == status


async def test_thanks_opening_the_start_of_the_check_is_answered(dispatcher, make_tracker) -> None:
    slots = await start(
        dispatcher, make_tracker, "thanks, very clear. I take Xarelto, could I have it?"
    )
    assert responses(dispatcher)[:2] == ["utter_screening_welcome", "utter_screening_intro"]
    assert state(slots) == {"aspirin_or_blood_thinners": "present"}


async def test_a_new_condition_told_as_questioning_the_result_is_noted(
    dispatcher, make_tracker
) -> None:
    finished = {**dict.fromkeys(GROUP_SLOTS, "no"), "screening_conditions": {"cancer": "absent"}}
    before = [said("utter_screening_result_clear")]
    events = await question_the_result(
        dispatcher, make_tracker, "but my eczema is only mild", before, finished
    )
    assert [e.get("name") for e in events] == ["action_answer_condition_question"]


async def test_a_yes_or_no_asked_right_after_a_sign_is_read_with_the_sign(
    dispatcher, make_tracker
) -> None:
    before = [said("utter_faq/side_effects"), said("utter_warning_expected")]
    events = await question_the_result(
        dispatcher, make_tracker, "so is that a yes or a no, is it normal?", before, {}
    )
    assert [e.get("name") for e in events] == ["action_warning_followup"]


async def test_the_result_asked_for_inside_the_check(dispatcher, make_tracker) -> None:
    # session 39: after an avoid notice, "what's my result?" stops there with the result;
    # before the last answer otherwise, what the answers so far mean and the question again
    notice = {
        "screening_pending": "continue",
        "screening_topic": "cardiac_disorder",
        "screening_conditions": {"cardiac_disorder": "present"},
        "screen_chronic": "yes",
    }
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding", "so what's my result now?", "ask_result",
        slots=notice,
    )  # fmt: skip
    assert slots["screening_end"] == "stopped"
    dispatcher.messages.clear()
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding", "what's my result?", "ask_result",
        slots={"screen_chronic": "no", "screening_conditions": {"diabetes": "absent"}},
    )  # fmt: skip
    assert slots["screen_bleeding"] is None
    assert "utter_screening_help" not in responses(dispatcher)
    assert responses(dispatcher)  # what the answers so far mean


# --- session 40: choices with a reason or "no to the rest"; a doubt beside a no; "that's all"


@pytest.mark.parametrize(
    ("slot", "text", "pending", "expected"),
    [
        # a reason after the choice, to "which one?"
        ("screen_pregnancy", "the 2nd one haha, my son is 5 weeks old", "which",
         {"breastfeeding": "present"}),
        # to the question itself: the others are a no
        ("screen_chronic", "yes to the middle one, no to the rest", None,
         {"cancer": "absent", "diabetes": "present", "cardiac_disorder": "absent"}),
        ("screen_bleeding", "yes to the last one (daily aspirin), no to the others", None,
         {"blood_clotting_disorder": "absent", "prone_to_bruising": "absent",
          "aspirin_or_blood_thinners": "present"}),
    ],
)  # fmt: skip
async def test_a_choice_by_place_with_more_said(
    dispatcher, make_tracker, slot, text, pending, expected
) -> None:
    slots = await validate(
        dispatcher, make_tracker, slot, text, "nlu_fallback", {"screening_pending": pending}
    )
    assert state(slots) == expected


async def test_a_doubt_beside_a_no_is_the_other_conditions(dispatcher, make_tracker) -> None:
    # "not sure, could be, testing at the weekend. not breastfeeding": pregnancy unsure
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_pregnancy",
        "not sure, could be, testing at the weekend. definitely not breastfeeding",
        "deny",
    )
    assert state(slots) == {"pregnancy": "uncertain", "breastfeeding": "absent"}


async def test_an_opening_no_after_asking_what_a_condition_is(dispatcher, make_tracker) -> None:
    # "what counts as a clotting disorder?" answered; then "oh no. no thinners either, but I
    # do bruise easily": the no is the clotting disorder's
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_bleeding",
        "oh no. no thinners either, but I do bruise easily",
        "deny",
        {"screening_topic": "blood_clotting_disorder"},
    )
    assert state(slots) == {
        "blood_clotting_disorder": "absent",
        "aspirin_or_blood_thinners": "absent",
        "prone_to_bruising": "present",
    }


async def test_a_condition_then_thats_all_is_no_goodbye(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher,
        make_tracker,
        "screen_chronic",
        "just the diabetes, that's all",
        "goodbye",
        {"screening_pending": "which"},
    )
    assert slots.get("screening_end") is None
    assert state(slots)["diabetes"] == "present"
    # a goodbye of its own still ends it
    dispatcher.messages.clear()
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "diabetes, that's all, bye", "goodbye"
    )
    assert slots.get("screening_end") == "goodbye"


async def test_nothing_like_that_after_denials_is_the_rest_too(dispatcher, make_tracker) -> None:
    # session 40: the clotting disorder is not asked again at the end
    slots = await validate(
        dispatcher, make_tracker, "screen_bleeding", "no thinners, no bruising, nothing like that"
    )
    assert state(slots) == {
        "blood_clotting_disorder": "absent",
        "prone_to_bruising": "absent",
        "aspirin_or_blood_thinners": "absent",
    }


async def test_a_figure_of_speech_in_an_answer_names_no_condition(dispatcher, make_tracker) -> None:
    text = "no to all three, my heart is only broken over my love handles haha"
    slots = await validate(dispatcher, make_tracker, "screen_chronic", text, "deny")
    assert slots["screen_chronic"] == "no"
    assert slots["screening_conditions"]["cardiac_disorder"] == "absent"
    assert "utter_screening_avoid_notice" not in responses(dispatcher)


async def test_a_sign_told_over_two_messages_inside_the_check_is_escalated(
    dispatcher, make_tracker
) -> None:
    first, second = "oh and the spot on my chin has gone", "black and kind of blue round the edge"
    slots = {"requested_slot": "screen_bleeding", "screen_bleeding": second}
    tracker = make_tracker(
        [
            user_message(first, "after_effects"),
            said("utter_warning_expected"),
            user_message(second, "nlu_fallback"),
            SlotSet("screen_bleeding", second),
        ],
        slots=slots,
        active_loop=FORM,
    )
    values = slot_values(await ValidateScreeningForm().run(dispatcher, tracker, DOMAIN))
    assert responses(dispatcher)[0] == "utter_warning_urgent"
    assert values["screen_bleeding"] is None  # the question is asked again after the advice


async def test_the_cause_of_a_sign_asked_inside_the_check_gets_its_advice_again(
    dispatcher, make_tracker
) -> None:
    text = "could that be from the numbing cream?"
    slots = {"requested_slot": "screen_skin", "screen_skin": text}
    tracker = make_tracker(
        [
            user_message("my cheek has gone hot and the redness is spreading", "warning_urgent"),
            said("utter_warning_urgent"),
            user_message(text, "faq"),
            SlotSet("screen_skin", text),
        ],
        slots=slots,
        active_loop=FORM,
    )
    values = slot_values(await ValidateScreeningForm().run(dispatcher, tracker, DOMAIN))
    assert responses(dispatcher)[0] == "utter_warning_dont_wait"
    assert values["screen_skin"] is None  # the question again, after the advice


async def test_the_baby_named_after_a_feeding_notice_takes_nothing_back(
    dispatcher, make_tracker
) -> None:
    notice_given = {
        "screening_conditions": {"breastfeeding": "present", "pregnancy": "absent"},
        "screen_pregnancy": "yes",
        "screening_previous": "screen_pregnancy",
        "screening_pending": "avoid",
    }
    text = "ok let's leave it there, I'll be back when he's weaned"
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", text, "stop", slots=notice_given
    )
    assert slots["screening_conditions"]["breastfeeding"] == "present"
    assert "utter_screening_other_person" not in responses(dispatcher)


async def test_what_was_noted_asked_mid_check_is_said_back_and_the_question_asked_again(
    dispatcher, make_tracker
) -> None:
    so_far = {"screen_pregnancy": "no", "screening_conditions": {"pregnancy": "absent"}}
    slots = await validate(
        dispatcher, make_tracker, "screen_chronic", "hang on, what have you written down so far?",
        "ask_result", slots=so_far,
    )  # fmt: skip
    assert responses(dispatcher) == ["utter_screening_recap"]
    assert "no pregnancy" in dispatcher.messages[0]["noted"]
    assert slots["screen_chronic"] is None and slots.get("screening_end") is None
    dispatcher.messages.clear()
    slots = await validate(
        dispatcher, make_tracker, "screen_pregnancy", "remind me what I told you", "ask_result"
    )
    assert responses(dispatcher) == ["utter_screening_recap_nothing"]
    assert slots["screen_pregnancy"] is None


async def test_what_was_noted_asked_after_the_result_comes_before_the_result_again(
    dispatcher, make_tracker
) -> None:
    asked = user_message("what have you got down for me?", "ask_result")
    events = await ActionRepeatResult().run(
        dispatcher, make_tracker([asked], slots=AFTER_AVOID), {}
    )
    assert not events
    assert responses(dispatcher)[0] == "utter_screening_recap"
    assert "utter_screening_result_avoid" in responses(dispatcher)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("should I also pause my retinol?", True),
        ("I'll come off the retinol before then, how many days do I need?", True),
        ("I use retinol every night", False),
    ],
)
def test_session_44_pausing_before_a_session(text: str, asks: bool) -> None:
    from actions.conditions import extract
    from actions.screening import pauses_before_a_session

    assert pauses_before_a_session(text, extract(text).mentions) == asks


def test_session_44_follow_ups_on_the_condition_talked_about() -> None:
    from actions.screening import FOLLOWS_UP_TOPIC, THAT_QUESTION

    assert THAT_QUESTION.search("and what if my sugar levels are well managed?")
    assert FOLLOWS_UP_TOPIC.search("honestly, even for just a single feed?")


@pytest.mark.parametrize(
    "text",
    ["I'd rather ring the clinic myself, you can stop now", "ok you can end it there."],
)
async def test_session_44_you_can_stop_ends_the_check(dispatcher, make_tracker, text) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_skin", text, "human_handoff")
    assert slots["screening_end"] == "stopped" and slots["requested_slot"] is None


def test_session_44_you_can_stop_a_medicine_is_no_stop() -> None:
    from actions.screening import STOP_CHECK

    assert not STOP_CHECK.search("you can stop aspirin before, right?")


@pytest.mark.parametrize(
    ("text", "answered"), [("I'm 68.", True), ("im 74 lol", True), ("I'm 32", False)]
)
async def test_session_44_an_age_past_children_answers_the_pregnancy_question(
    dispatcher, make_tracker, text, answered
) -> None:
    slots = await validate(dispatcher, make_tracker, "screen_pregnancy", text, "inform")
    assert (slots.get("screen_pregnancy") == "no") == answered


async def test_session_44_what_a_question_means_is_answered_and_asked_again(
    dispatcher, make_tracker
) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_skin",
        "depends what you mean by sensitive?? soap stings me sometimes. no psoriasis though",
        "inform",
    )  # fmt: skip
    assert responses(dispatcher) == ["utter_screening_noted", "utter_condition_info"]
    assert slots["screen_skin"] is None  # asked again
    assert state(slots) == {"eczema_or_psoriasis": "absent"}


async def test_a_doubled_not_to_the_skin_question_says_it_is_so(dispatcher, make_tracker) -> None:
    slots = await validate(
        dispatcher, make_tracker, "screen_skin", "I'm not NOT sensitive, let's say that", "deny"
    )
    assert state(slots) == {"severe_skin_sensitivity": "present"}
    slots = await validate(dispatcher, make_tracker, "screen_skin", "not sensitive", "deny")
    assert state(slots) == {"severe_skin_sensitivity": "absent"}


async def test_the_condition_answered_in_the_check_asked_about_again(
    dispatcher, make_tracker
) -> None:
    """Inside the check, "are you sure?" after what the articles say of diabetes: again."""
    from actions.screening import ValidateScreeningForm

    text = "hmm are you sure about that?"
    tracker = make_tracker(
        [
            user_message("does type 2 diabetes count?", "faq"),
            {
                "event": "bot",
                "text": "Diabetes: the articles say to avoid mesotherapy ...",
                "metadata": {"utter_action": "utter_condition_info"},
            },
            user_message(text, "faq", entities=[{"entity": "follow_up", "value": "repeat"}],
                         response_selector=faq_topic("utter_faq/history")),
            SlotSet("screen_chronic", text),
        ],
        slots={"requested_slot": "screen_chronic", "screen_chronic": text},
        active_loop=FORM,
    )  # fmt: skip
    await ValidateScreeningForm().run(dispatcher, tracker, DOMAIN)
    names = responses(dispatcher)
    assert "utter_condition_info" in names and "utter_faq/history" not in names


async def test_a_stop_with_nothing_paused_asks_what_else_and_one_after_a_pause_ends_it(
    dispatcher, make_tracker
) -> None:
    """The stop rule when no check is running: a check a sign paused is said back, cleared."""
    await ActionEndAfterWarning().run(dispatcher, make_tracker([user_message("stop", "stop")]), {})
    assert responses(dispatcher) == ["utter_anything_else"]
    paused = [
        {"event": "action", "name": "action_pause_screening"},
        user_message("my brother's taking me to A&E, no more questions", "stop"),
    ]
    after = CollectingDispatcher()
    await ActionEndAfterWarning().run(after, make_tracker(paused), {})
    assert "utter_screening_stopped" in responses(after)
    # a stop soon after a serious sign, the check paused by the reply that repeated it
    lately = [
        user_message("my lips are swelling up since the session", "warning_emergency"),
        said("utter_warning_emergency"),
        user_message("a friend's taking me in now, stop the questions", "stop"),
    ]
    soon = CollectingDispatcher()
    await ActionEndAfterWarning().run(soon, make_tracker(lately), {})
    assert "utter_screening_stopped" in responses(soon)


@pytest.mark.parametrize(
    "text", ["ok stop, I need to sort this weeping spot out first", "never mind the questions"]
)
async def test_a_stop_told_with_an_urgent_sign_ends_the_check(
    dispatcher, make_tracker, text
) -> None:
    from actions.safety import PAUSED_URGENT, ActionPauseScreening

    tracker = make_tracker(
        [user_message(text, "warning_urgent")],
        slots={"requested_slot": "screen_chronic"},
        active_loop=FORM,
    )
    events = await ActionPauseScreening().run(dispatcher, tracker, DOMAIN)
    assert "utter_screening_stopped" in responses(dispatcher)
    assert PAUSED_URGENT not in responses(dispatcher)
    assert slot_values(events)["requested_slot"] is None
