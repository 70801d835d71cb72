"""Contact, booking and "did you mean" actions, on trackers built from events."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from actions.clinic import ActionBookConsultation, ActionShowContact
from actions.fallback import (
    ActionAnswerAlsoAsked,
    ActionAnswerFollowUp,
    ActionDefaultAskAffirmation,
)
from actions.safety import ActionNotCovered
from meso.settings import clinic_settings
from tests.conftest import responses, user_message


async def test_contact_comes_from_clinic_settings(dispatcher, make_tracker) -> None:
    await ActionShowContact().run(dispatcher, make_tracker([user_message("human?")]), {})
    assert responses(dispatcher) == ["utter_contact"]
    message = dispatcher.messages[0]
    assert message["phone"] == clinic_settings()["phone"]
    assert message["clinic_name"] == clinic_settings()["name"]


async def test_asking_if_it_is_a_bot_and_for_a_person_gets_both(dispatcher, make_tracker) -> None:
    tracker = make_tracker([user_message("r u a bot? i want to speak to an actual human")])
    await ActionShowContact().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_iamabot_brief", "utter_contact"]


async def test_booking_link_comes_from_clinic_settings(dispatcher, make_tracker) -> None:
    await ActionBookConsultation().run(dispatcher, make_tracker([user_message("book")]), {})
    assert responses(dispatcher) == ["utter_booking_offer"]  # the link, or leave details
    assert dispatcher.messages[0]["booking_url"] == clinic_settings()["booking_url"]


async def test_booking_without_link_gives_contact(
    dispatcher, make_tracker, monkeypatch, tmp_path
) -> None:
    clinic = tmp_path / "clinic.yml"
    clinic.write_text("name: No-link clinic\nphone: '01 23'\n", encoding="utf-8")
    monkeypatch.setenv("CLINIC_SETTINGS", str(clinic))  # read by meso.settings when asked
    await ActionBookConsultation().run(dispatcher, make_tracker([user_message("book")]), {})
    assert responses(dispatcher) == ["utter_booking_offer_no_link"]
    assert dispatcher.messages[0]["clinic_name"] == "No-link clinic"


def ambiguous_message() -> dict:
    ranking = [
        {"name": "faq", "confidence": 0.5},
        {"name": "check_eligibility", "confidence": 0.3},
        {"name": "greet", "confidence": 0.2},
    ]
    selector = {
        "faq": {
            "ranking": [
                {"intent_response_key": "faq/pain", "confidence": 0.6},
                {"intent_response_key": "faq/procedure", "confidence": 0.3},
            ]
        }
    }
    return user_message(
        "does the needle thing sting", "nlu_fallback", 0.4, selector, intent_ranking=ranking
    )


async def test_did_you_mean_offers_two_topics_and_something_else(
    dispatcher, make_tracker, domain
) -> None:
    tracker = make_tracker([ambiguous_message()])
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_did_you_mean"]
    buttons = dispatcher.messages[0]["buttons"]
    assert len(buttons) == 3
    pain = domain["responses"]["utter_faq/pain"][0]["metadata"]
    assert buttons[0] == {"title": pain["title"], "payload": pain["question"]}
    assert buttons[1]["payload"] == "/check_eligibility"  # 0.3 beats 0.5 * 0.3 for procedure
    assert buttons[2] == {"title": "Something else", "payload": "/out_of_scope"}


async def test_did_you_mean_without_candidates_asks_to_rephrase(
    dispatcher, make_tracker, domain
) -> None:
    message = user_message("hmm", "nlu_fallback", 0.3, intent_ranking=[{"name": "greet"}])
    await ActionDefaultAskAffirmation().run(dispatcher, make_tracker([message]), domain)
    assert responses(dispatcher) == ["utter_ask_rephrase"]


async def test_a_second_faq_question_gets_its_own_answer(dispatcher, make_tracker, domain) -> None:
    question = domain["responses"]["utter_faq/cost"][0]["metadata"]["question"]
    tracker = make_tracker(
        [user_message("is it like fillers and how much is it", "faq")],
        slots={"also_asked_question": question},
    )
    await ActionAnswerAlsoAsked().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/cost"]


async def test_two_more_questions_get_their_answers_in_order(
    dispatcher, make_tracker, domain
) -> None:
    cost, pain = (
        domain["responses"][f"utter_faq/{t}"][0]["metadata"]["question"] for t in ("cost", "pain")
    )
    tracker = make_tracker(
        [user_message("three things", "faq")], slots={"also_asked_question": f"{cost}\n{pain}"}
    )
    await ActionAnswerAlsoAsked().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/cost", "utter_faq/pain"]


async def test_a_question_answered_earlier_in_the_turn_is_not_answered_twice(
    dispatcher, make_tracker, domain
) -> None:
    # "how much is it? and your opening hours" read as an FAQ: the cost was answered first
    cost, pain = (
        domain["responses"][f"utter_faq/{t}"][0]["metadata"]["question"] for t in ("cost", "pain")
    )
    answered = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq/cost"}}
    tracker = make_tracker(
        [user_message("cost, pain and your hours", "faq"), answered],
        slots={"also_asked_question": f"{cost}\n{pain}"},
    )
    await ActionAnswerAlsoAsked().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/pain"]
    # an answer to an earlier message does not count
    earlier = [answered, user_message("and the cost and the pain?", "faq")]
    dispatcher.messages.clear()
    tracker = make_tracker(earlier, slots={"also_asked_question": f"{cost}\n{pain}"})
    await ActionAnswerAlsoAsked().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/cost", "utter_faq/pain"]


async def test_an_unknown_second_question_is_offered_as_a_button(
    dispatcher, make_tracker, domain
) -> None:
    tracker = make_tracker(
        [user_message("two things", "faq")], slots={"also_asked_question": "not a known question"}
    )
    await ActionAnswerAlsoAsked().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_also_asked"]


def follow_up(text: str, ranking: list, read_as: str | None = None) -> dict:
    """A follow-up message whose topic the classifier is unsure of.

    `read_as`: the router's reading of it (the `follow_up` entity's value), if any.
    """
    best = max(ranking, key=lambda item: item[1])[0]
    message = user_message(
        text,
        "faq",
        response_selector={
            "faq": {
                "response": {"utter_action": f"utter_faq/{best}"},
                "ranking": [
                    {"intent_response_key": f"faq/{key}", "confidence": conf}
                    for key, conf in ranking
                ],
            }
        },
    )
    if read_as is not None:
        message["parse_data"]["entities"] = [{"entity": "follow_up", "value": read_as}]
    return message


def answered(topic: str) -> dict:
    return {"event": "bot", "text": "...", "metadata": {"utter_action": f"utter_faq/{topic}"}}


async def test_a_follow_up_is_read_with_the_topic_before(dispatcher, make_tracker) -> None:
    tracker = make_tracker(
        [user_message("what's in the injections?", "faq"), answered("ingredients"),
         follow_up("and is that picked for each person?",
                   [("contraindications", 0.39), ("ingredients", 0.26), ("procedure", 0.14)])]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/ingredients"]


async def test_a_follow_up_far_from_the_topic_before_gets_its_own_answer(
    dispatcher, make_tracker
) -> None:
    tracker = make_tracker(
        [user_message("what's in the injections?", "faq"), answered("ingredients"),
         follow_up("so how much is that", [("cost", 0.45), ("sessions", 0.3), ("pain", 0.2)])]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/cost"]


async def test_an_unclear_follow_up_gets_only_the_topic_before(dispatcher, make_tracker) -> None:
    tracker = make_tracker(
        [user_message("how many sessions for the hair", "faq"), answered("sessions"),
         follow_up("and how far apart", [("hair_loss", 0.3), ("sessions", 0.2)], "unclear")]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/sessions"]
    dispatcher.messages.clear()
    tracker = make_tracker([follow_up("and how far apart", [("hair_loss", 0.3)], "unclear")])
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_ask_rephrase"]  # no topic before: not a guess


async def test_the_same_for_another_area_gets_the_answer_before(dispatcher, make_tracker) -> None:
    tracker = make_tracker(
        [user_message("is there any downtime after facial mesotherapy?", "faq"),
         answered("recovery"),
         follow_up("Thanks. Is that the same for the body?", [("cellulite_fat", 0.8)], "same_for")]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/recovery"]
    dispatcher.messages.clear()  # nothing before: the classifier's own topic
    tracker = make_tracker([follow_up("is it the same for men?", [("hair_loss", 0.5)], "same_for")])
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/hair_loss"]


async def test_which_one_after_a_comparison_gets_the_comparison(dispatcher, make_tracker) -> None:
    asked = follow_up(
        "Which one has the longer recovery?",
        [("recovery", 0.66), ("vs_liposuction", 0.07)],
        "compare",
    )
    tracker = make_tracker(
        [user_message("lipo or meso?", "faq"), answered("vs_liposuction"), asked]
    )
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/vs_liposuction"]
    dispatcher.messages.clear()  # after anything but a comparison: the classifier's topic
    tracker = make_tracker([user_message("how much?", "faq"), answered("cost"), asked])
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/recovery"]


async def test_how_long_that_lasts_after_the_side_effects_is_not_covered(
    dispatcher, make_tracker
) -> None:
    asked = follow_up(
        "how long do they last", [("results_duration", 0.7), ("side_effects", 0.1)], "lasting"
    )
    tracker = make_tracker(
        [user_message("what are the side effects", "faq"), answered("side_effects"), asked]
    )
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_not_covered"]
    assert "how long after-effects" in dispatcher.messages[0]["subject"]
    dispatcher.messages.clear()  # after the results: the classifier's topic
    tracker = make_tracker([user_message("does it work?", "faq"), answered("results"), asked])
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/results_duration"]


async def test_a_follow_up_naming_another_area_gets_that_areas_answer(
    dispatcher, make_tracker
) -> None:
    asked = follow_up("and the face?", [("benefits", 0.2), ("cellulite_fat", 0.15)])
    tracker = make_tracker(
        [user_message("does it work on cellulite?", "faq"), answered("cellulite_fat"), asked]
    )
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/benefits"]
    dispatcher.messages.clear()  # after another topic, the area is of that topic
    asked = follow_up("and the face?", [("sessions", 0.3), ("benefits", 0.2)])
    tracker = make_tracker([user_message("how many sessions?", "faq"), answered("sessions"), asked])
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/sessions"]


async def test_alcohol_the_evening_before_is_preparation(dispatcher, make_tracker) -> None:
    before = user_message("what do i need to do before my appointment on friday?", "faq")
    wine = user_message("can i still have a glass of wine thursday night?", "not_covered")
    tracker = make_tracker([before, answered("preparation"), wine])
    await ActionNotCovered().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/preparation"]
    dispatcher.messages.clear()  # said of the time after: the articles don't cover it
    after = user_message("and a glass of wine after?", "not_covered")
    tracker = make_tracker([before, answered("preparation"), after])
    await ActionNotCovered().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_not_covered"]
    dispatcher.messages.clear()  # tonight, from someone treated already: after it too
    treated = user_message("had meso on saturday, should I stop aspirin before the next?", "faq")
    tonight = user_message("and a glass of wine tonight?", "not_covered")
    tracker = make_tracker([treated, answered("preparation"), tonight])
    await ActionNotCovered().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_not_covered"]


async def test_only_the_answer_just_before_counts(dispatcher, make_tracker) -> None:
    tracker = make_tracker(
        [user_message("what's in the injections?", "faq"), answered("ingredients"),
         user_message("thanks", "thank"),
         {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_you_are_welcome"}},
         follow_up("and is that for everyone?", [("contraindications", 0.4), ("ingredients", 0.3)])]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/contraindications"]


async def test_playing_a_sign_down_a_turn_later_gets_its_advice_again(
    dispatcher, make_tracker
) -> None:
    warned = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_warning_urgent"}}
    bot = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_iamabot"}}
    tracker = make_tracker(
        [user_message("the skin around it went white", "warning_urgent"), warned,
         user_message("are you a real person?", "bot_challenge"), bot,
         user_message("can u just tell me if its normal, i dont wanna bother the clinic",
                      "nlu_fallback")]
    )  # fmt: skip
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]


async def test_a_general_question_two_turns_after_a_friends_sign_is_no_playing_down(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionAfterEffectsAdvice

    events = [
        user_message("my friend's cheek is oozing pus since her meso", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message("ok I'll tell her, thanks", "thank"),
        _bot("utter_screening_welcome"),
        user_message("is swelling normal after it? only wondering, I've got no swelling", "faq"),
    ]
    await ActionAfterEffectsAdvice().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_expected"]


async def test_out_of_scope_after_a_serious_sign_is_read_with_it(dispatcher, make_tracker) -> None:
    from actions.fallback import ActionOutOfScope

    warned = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_warning_urgent"}}
    again = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_warning_dont_wait"}}
    events = [
        user_message(
            "my mum has a temperature and the shivers since her session", "warning_urgent"
        ),
        warned,
        user_message("she says its just a cold", "faq"),
        again,
        user_message("shes refusing to go to the doctor, what do i tell her", "out_of_scope"),
    ]
    await ActionOutOfScope().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]
    dispatcher.messages.clear()
    await ActionOutOfScope().run(
        dispatcher, make_tracker([user_message("whats the weather", "out_of_scope")]), {}
    )
    assert responses(dispatcher) == ["utter_out_of_scope"]


async def test_an_uncovered_question_right_after_an_emergency_gets_call_now_again(
    dispatcher, make_tracker
) -> None:
    warned = {
        "event": "bot",
        "text": "...",
        "metadata": {"utter_action": "utter_warning_emergency"},
    }
    told = user_message("her lips are swelling and her throat is tight", "warning_emergency")
    asked = user_message("should i just drive her back to the clinic??", "not_covered")
    tracker = make_tracker([told, warned, asked])
    await ActionNotCovered().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_warning_emergency_again"]


def _bot(name: str) -> Dict[str, Any]:
    return {"event": "bot", "text": "...", "metadata": {"utter_action": name}}


async def test_a_lesser_sign_right_after_an_emergency_is_that_emergency(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningSign

    events = [
        user_message("my mother just collapsed after her session", "warning_emergency"),
        _bot("utter_warning_emergency"),
        user_message("she is awake now, says she is fine, only dizzy. normal?", "warning_urgent"),
    ]
    await ActionWarningSign().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_emergency_again"]
    dispatcher.messages.clear()
    # once help has come, a new sign is answered at its own level
    events[-1] = user_message("the paramedics checked her, now she has a fever", "warning_urgent")
    await ActionWarningSign().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_urgent"]


async def test_blaming_the_numbing_cream_after_a_sign_is_waiting(dispatcher, make_tracker) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("a patch on my forehead has gone white-grey and it hurts", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message("Is it maybe just the anaesthetic cream wearing off slowly?", "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]
    for text in (
        "it doesn't hurt though, is it just bruising?",
        "should I put antiseptic on it?",
        "could it just be a bruise?",
    ):
        dispatcher.messages.clear()
        events[-1] = user_message(text, "faq")
        await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
        assert responses(dispatcher) == ["utter_warning_dont_wait"]


async def test_an_off_topic_question_after_a_sign_is_answered_as_off_topic(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    # session 39: the advice was given; a question off the subject gets the off-topic answer
    events = [
        user_message(
            "my client's cheek has gone grey and it's really sore since meso", "warning_urgent"
        ),
        _bot("utter_warning_urgent"),
        user_message("lol while I'm here, which hand cream do you like?", "out_of_scope"),
    ]  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_out_of_scope"]
    dispatcher.messages.clear()
    events[-1] = user_message("haha while I'm here, whats a good hand cream", "out_of_scope")
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_out_of_scope"]
    # not a statement or a request to repeat read as off topic: the advice again
    for text in ("she says it's throbbing now", "Could you repeat what I should do, dear?"):
        dispatcher.messages.clear()
        events[-1] = user_message(text, "out_of_scope")
        await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
        assert responses(dispatcher) == ["utter_warning_dont_wait"], text


async def test_doing_something_instead_after_a_sign_gets_its_advice_and_a_mark(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("my tongue is swelling up fast since the session", "warning_emergency"),
        _bot("utter_warning_emergency"),
        user_message("should I just get a taxi to the clinic?", "faq"),
    ]
    marked = [{"event": "followup", "timestamp": None, "name": "action_warning_reminded"}]
    assert await ActionWarningFollowup().run(dispatcher, make_tracker(events), {}) == marked
    assert responses(dispatcher) == ["utter_warning_emergency_again"]
    events[1] = _bot("utter_warning_urgent")
    for text in (
        "can i just pop it",
        "anything I can put on it in the meantime?",
        "isn't that just a normal bump?",
        "do I really need to ring them? it doesn't even hurt much",
        "is it not just the swelling you get anyway?",
    ):
        dispatcher.messages.clear()
        events[-1] = user_message(text, "faq")
        assert await ActionWarningFollowup().run(dispatcher, make_tracker(events), {}) == marked
        assert responses(dispatcher) == ["utter_warning_dont_wait"], text
    # a medicine meanwhile: don't wait, and the articles say nothing of it
    dispatcher.messages.clear()
    events[-1] = user_message("can I take ibuprofen and see how it goes?", "faq")
    assert await ActionWarningFollowup().run(dispatcher, make_tracker(events), {}) == marked
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_not_covered"]
    # a professional has it in hand: the question is answered, with no mark
    dispatcher.messages.clear()
    events[-1] = user_message(
        "the nurse had a look and said it was fine. is bruising normal?",
        "faq",
        response_selector={"faq": {"response": {"utter_action": "utter_faq/side_effects"}}},
    )
    assert await ActionWarningFollowup().run(dispatcher, make_tracker(events), {}) == []
    assert "utter_warning_dont_wait" not in responses(dispatcher)
    # the clinic picked up: a number for next time is the contacts only
    dispatcher.messages.clear()
    events[-1] = user_message("ok they picked up. do you have a weekend number?", "nlu_fallback")
    assert await ActionWarningFollowup().run(dispatcher, make_tracker(events), {}) == []
    assert responses(dispatcher) == ["utter_contact"]


async def test_whether_a_serious_sign_is_common_gets_the_side_effects_and_the_advice(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("her throat is swelling and she can't breathe", "warning_emergency"),
        _bot("utter_warning_emergency"),
        user_message("is this a common reaction?", "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_faq/side_effects", "utter_warning_emergency_again"]
    dispatcher.messages.clear()
    events[-1] = user_message("ok the ambulance is coming. is this common with meso?", "faq")
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_faq/side_effects"]


async def test_a_condition_question_after_a_sign_gets_the_topic_and_the_condition(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    selector = {"faq": {"response": {"utter_action": "utter_faq/preparation", "confidence": 0.99}}}
    events = [
        user_message("one spot has pus and I feel feverish", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message(
            "ok calling them. for next time, should I skip retinol before?",
            "faq",
            response_selector=selector,
            entities=[{"entity": "condition_asked", "value": "yes"}],
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_faq/preparation", "utter_condition_info"]


async def test_an_uncovered_question_after_the_advice_again_is_read_with_the_sign(
    dispatcher, make_tracker
) -> None:
    events = [
        user_message("spot is red, hot and spreading", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message("the clinic is shut, what do i do", "faq"),
        _bot("utter_warning_dont_wait"),
        user_message("can i just take paracetamol and see how it is tomorrow", "not_covered"),
    ]
    marked = [{"event": "followup", "timestamp": None, "name": "action_warning_reminded"}]
    assert await ActionNotCovered().run(dispatcher, make_tracker(events), {}) == marked
    assert responses(dispatcher) == ["utter_warning_dont_wait"]


async def test_thanks_before_an_uncovered_question_is_welcomed(dispatcher, make_tracker) -> None:
    events = [user_message("Lovely, thank you. Is there an upper age limit at all?", "not_covered")]
    await ActionNotCovered().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_screening_welcome", "utter_not_covered"]


async def test_a_new_question_after_a_general_question_about_a_sign_is_no_waiting(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    selector = {"faq": {"response": {"utter_action": "utter_faq/recovery", "confidence": 0.7}}}
    events = [
        user_message("what if it gets infected, how would I even know?", "after_effects"),
        _bot("utter_faq/side_effects"),
        _bot("utter_warning_if_urgent"),
        user_message(
            "is there any downtime? got a wedding on saturday", "faq", response_selector=selector
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_faq/recovery"]


async def test_after_a_general_question_about_a_sign_nothing_says_dont_wait(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("And is there any risk of infection?", "faq"),
        _bot("utter_faq/side_effects"),
        _bot("utter_warning_if_urgent"),
        user_message("do you know whether it will rain this afternoon?", "out_of_scope"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_out_of_scope"]
    for text, intent, expected in (
        ("no", "deny", "utter_anything_else"),
        ("whats the clinics number", "human_handoff", "utter_contact"),
    ):
        dispatcher.messages.clear()
        events[-1] = user_message(text, intent)
        await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
        assert responses(dispatcher) == [expected]


async def test_a_condition_told_right_after_an_urgent_sign_gets_the_advice_first(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("one spot keeps bleeding, pressing on it for 40 minutes", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message("I'm on rivaroxaban for an old DVT if that matters", "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_condition_info"]
    # playing it down as not worth the bother: don't wait, again
    dispatcher.messages.clear()
    events[-1] = user_message("I've never reacted like this, is it worth bothering them?", "faq")
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]


async def test_asking_what_caused_a_serious_sign_is_waiting(dispatcher, make_tracker) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("suddenly I can't see properly out of my left eye", "warning_emergency"),
        _bot("utter_warning_emergency"),
        user_message("is that from the injection?", "faq"),
    ]
    for text in ("is that from the injection?", "the cream was numbing, could it just be that?"):
        dispatcher.messages.clear()
        events[-1] = user_message(text, "faq")
        await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
        assert responses(dispatcher) == ["utter_warning_emergency_again"], text


@pytest.mark.parametrize(
    ("sign", "text", "intent"),
    [
        # "could that just be the cream?" plays the sign down: its advice again
        ("my lip has gone numb and it's spreading", "could that just be the numbing cream?", "faq"),
        # a medicine told of the person with the sign, "does that matter?": the advice again
        ("dad's scalp won't stop bleeding", "he takes warfarin, does that matter", "faq"),
    ],
)
async def test_a_question_that_plays_a_sign_down_gets_its_advice_again(
    dispatcher, make_tracker, sign, text, intent
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message(sign, "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message(
            text,
            intent,
            response_selector={"faq": {"response": {"utter_action": "utter_faq/procedure"}}},
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher)[0] == "utter_warning_dont_wait"


async def test_when_a_serious_sign_started_gets_its_advice_again(dispatcher, make_tracker) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message(
            "had meso by my eyes and now I can't see out of my right eye", "warning_emergency"
        ),
        _bot("utter_warning_emergency"),
        user_message(
            "it came on in the last 10 minutes",
            "faq",
            response_selector={"faq": {"response": {"utter_action": "utter_faq/results_duration"}}},
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher)[0] == "utter_warning_emergency_again"


async def test_a_sign_told_in_two_messages_is_answered_at_the_level_of_both(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup, ActionWarningSign

    events = [
        user_message("a few lumps since the injections on tuesday", "after_effects"),
        _bot("utter_warning_expected"),
        user_message("firm now. bigger than this morning", "nlu_fallback"),
    ]
    marked = [{"event": "followup", "timestamp": None, "name": "action_warning_reminded"}]
    assert await ActionWarningFollowup().run(dispatcher, make_tracker(events), {}) == marked
    assert responses(dispatcher) == ["utter_warning_urgent"]
    # read as a mild after-effect by itself, the same
    dispatcher.messages.clear()
    events[-1] = user_message("firm now and bigger than this morning", "after_effects")
    await ActionWarningSign().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_urgent"]
    # the two together saying no more than the first: the usual reply
    dispatcher.messages.clear()
    events[-1] = user_message("getting smaller now though", "nlu_fallback")
    assert await ActionWarningFollowup().run(dispatcher, make_tracker(events), {}) != marked
    assert "utter_warning_urgent" not in responses(dispatcher)


async def test_strong_pain_told_right_after_a_serious_sign_gets_its_advice_again(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("the skin went white and grey where she injected", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message("really hurting too", "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]
    # asked as a question about the treatment, it is still answered
    dispatcher.messages.clear()
    events[-1] = user_message(
        "does the treatment itself hurt a lot?",
        "faq",
        response_selector={"faq": {"response": {"utter_action": "utter_faq/pain"}}},
    )
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert "utter_faq/pain" in responses(dispatcher)


async def test_what_a_clinic_says_in_general_is_no_help_come(dispatcher, make_tracker) -> None:
    from actions.safety import ActionWarningFollowup

    side_effects = {"faq": {"response": {"utter_action": "utter_faq/side_effects"}}}
    events = [
        user_message("my sister's scalp has pus since her session and she's got a fever",
                     "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message("but isn't that normal? her clinic said some swelling is normal", "faq",
                     response_selector=side_effects),
    ]  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert "utter_warning_dont_wait" in responses(dispatcher)
    # a question in general, of someone with no sign: answered, no alarm
    dispatcher.messages.clear()
    events[-1] = user_message(
        "do people normally bruise after it? only wondering, I've got no bruises myself",
        "faq",
        response_selector=side_effects,
    )
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_faq/side_effects"]


async def test_stopping_a_blood_thinner_while_it_bleeds_gets_the_advice_and_its_answer(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("one of the injection spots won't stop bleeding", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message("do I leave out my rivaroxaban tonight then?", "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_condition_info"]
    assert dispatcher.messages[1]["condition"] == "Aspirin or blood thinners"


async def test_a_condition_asked_about_after_mild_after_effects_gets_its_answer(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("my sister has a few small bruises from her meso yesterday", "after_effects"),
        _bot("utter_warning_expected"),
        user_message("she takes apixaban too, does that matter for meso?", "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_condition_info"]
    assert dispatcher.messages[0]["condition"] == "Aspirin or blood thinners"


async def test_preparing_for_the_next_session_after_mild_after_effects(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    # session 39: how to bruise less next time is the preparation answer, not the bruise again
    prepare = {"faq": {"response": {"utter_action": "utter_faq/preparation", "confidence": 0.8}}}
    events = [
        user_message("two small bruises since yesterday's session, nothing else", "after_effects"),
        _bot("utter_warning_expected"),
        user_message(
            "anything I should skip before my next session so I bruise less?",
            "faq",
            response_selector=prepare,
        ),
    ]  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_faq/preparation"]


async def test_the_signs_they_do_not_have_still_get_the_advice_again(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    sign = "had meso two days ago and a patch by my nose has gone pale grey and lacy, it hurts"
    events = [
        user_message(sign, "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message(
            "it's not swelling or anything and I can breathe fine",
            "faq",
            response_selector={"faq": {"response": {"utter_action": "utter_faq/side_effects"}}},
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]


async def test_a_sign_told_again_as_old_is_acknowledged_and_not_repeated(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    sessions = {"faq": {"response": {"utter_action": "utter_faq/sessions"}}}
    events = [
        user_message(
            "my face went really swollen and hot after meso and I had a fever", "warning_urgent"
        ),
        _bot("utter_warning_urgent"),
        user_message(
            "oh sorry, I mean that was after my first session last month, the clinic saw me and"
            " it cleared up completely. I'm fine now. how many more sessions do people need?",
            "faq",
            response_selector=sessions,
        ),
    ]
    assert await ActionWarningFollowup().run(dispatcher, make_tracker(events), {}) == []
    assert responses(dispatcher) == ["utter_sign_taken_back", "utter_faq/sessions"]
    # told as something milder: the mild after-effects answer, not the advice again
    dispatcher.messages.clear()
    events[-1] = user_message(
        "sorry, I described that badly, it's not white at all, it's just a small purple bruise"
        " and a bit tender",
        "after_effects",
    )
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher)[0] == "utter_sign_taken_back"
    assert "utter_warning_dont_wait" not in responses(dispatcher)
    # a correction with no sign taken back ("sorry, it's getting worse") is no such thing
    dispatcher.messages.clear()
    events[-1] = user_message("sorry, it's getting worse now", "faq")
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert "utter_sign_taken_back" not in responses(dispatcher)


async def test_after_a_sign_taken_back_asking_for_the_check_starts_it(
    dispatcher, make_tracker
) -> None:
    from actions.names import ACTION_START_SCREENING
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("my whole face swelled up and I could barely breathe", "warning_emergency"),
        _bot("utter_warning_emergency"),
        user_message("sorry, that was years ago from a bee sting, I'm totally fine now", "faq"),
        _bot("utter_sign_taken_back"),
        user_message("ok so am I a good candidate?", "check_eligibility"),
    ]
    started = await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert started == [{"event": "followup", "timestamp": None, "name": ACTION_START_SCREENING}]
    assert responses(dispatcher) == []


async def test_an_uncovered_question_meanwhile_after_an_urgent_sign(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionNotCovered

    events = [
        user_message(
            "there is a hard ball under the skin and it grows every day", "warning_urgent"
        ),
        _bot("utter_warning_urgent"),
        user_message("Ok. Meanwhile can I continue doing sport, running?", "not_covered"),
    ]
    marked = [{"event": "followup", "timestamp": None, "name": "action_warning_reminded"}]
    assert await ActionNotCovered().run(dispatcher, make_tracker(events), {}) == marked
    # don't wait, and the articles don't say
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_not_covered"]
    # after an emergency: only the call
    dispatcher.messages.clear()
    events[1] = _bot("utter_warning_emergency")
    await ActionNotCovered().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_emergency_again"]


async def test_getting_help_as_told_after_an_emergency_is_acknowledged(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message(
            "my lips are swelling really fast after meso this morning", "warning_emergency"
        ),
        _bot("utter_warning_emergency"),
        user_message("ok calling 999 now", "human_handoff"),
    ]
    assert await ActionWarningFollowup().run(dispatcher, make_tracker(events), {}) == []
    assert responses(dispatcher) == ["utter_help_called"]
    dispatcher.messages.clear()
    events[-1] = user_message("this is her friend, ive called an ambulance, thank you", "thank")
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_screening_welcome"]
    # putting it off is no such thing: the advice again
    dispatcher.messages.clear()
    events[-1] = user_message("ok I'll call them tomorrow", "human_handoff")
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert "utter_help_called" not in responses(dispatcher)
    assert "utter_warning_emergency_again" in responses(dispatcher)
    # session 40: refusing to go or to call is no getting help either
    for refusal in (
        "I'm not going to A&E for this, I'll wait and see how it is tomorrow",
        "not calling an ambulance, it's probably nothing",
        "I won't be going to hospital over some swelling",
    ):
        for intent in ("human_handoff", "nlu_fallback"):
            dispatcher.messages.clear()
            events[-1] = user_message(refusal, intent)
            await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
            assert "utter_help_called" not in responses(dispatcher), refusal
            assert "utter_warning_emergency_again" in responses(dispatcher), refusal


@pytest.mark.parametrize(
    ("sign", "level", "text", "topic"),
    [
        # explained away as anything ("probably just X"), with a side effect named
        (
            "an hour after my tummy session my chest feels crushed and my left arm aches",
            "emergency",
            "surely it's only heartburn, swelling is a listed side effect anyway right",
            "utter_faq/side_effects",
        ),
        # one part better, told against the advice
        (
            "the injection site is hot, the red patch keeps spreading and I feel shivery",
            "urgent",
            "the puffiness is going down a bit though",
            "utter_faq/side_effects",
        ),
        # the bleeding told as small, and pressing on
        (
            "one of the needle marks has bled for half an hour and I'm on apixaban",
            "urgent",
            "it's just a dribble really, not pouring. we'll keep pressing on it",
            "utter_faq/results_duration",
        ),
        # will it go away by itself
        (
            "my lips and tongue are swelling up fast after this morning's session",
            "emergency",
            "won't it settle down on its own? I don't want to waste the paramedics' time",
            "utter_faq/results_duration",
        ),
    ],
)
async def test_a_serious_sign_played_down_gets_its_advice_again_not_an_faq(
    dispatcher, make_tracker, sign, level, text, topic
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message(sign, f"warning_{level}"),
        _bot(f"utter_warning_{level}"),
        user_message(text, "faq", response_selector={"faq": {"response": {"utter_action": topic}}}),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    again = "utter_warning_emergency_again" if level == "emergency" else "utter_warning_dont_wait"
    assert responses(dispatcher) == [again]


async def test_plain_words_asked_of_a_first_question_answer_it(dispatcher, make_tracker) -> None:
    def message(text: str, confidence: float, entities: list) -> dict:
        found = user_message(
            text,
            "faq",
            response_selector={
                "faq": {
                    "response": {
                        "utter_action": "utter_faq/how_it_works",
                        "confidence": confidence,
                    }
                }
            },
        )
        found["parse_data"]["entities"] = entities
        return found

    repeat = {"entity": "follow_up", "value": "repeat"}
    text = "Hello. Could you explain in plain english how the injections work?"
    greeted = [repeat, {"entity": "greeted", "value": "yes"}]
    await ActionAnswerFollowUp().run(dispatcher, make_tracker([message(text, 0.97, greeted)]), {})
    assert responses(dispatcher) == ["utter_hello", "utter_faq/how_it_works"]
    # "say that again?" with nothing said before and no topic of its own: rephrase
    dispatcher.messages.clear()
    tracker = make_tracker([message("sorry can you say that again", 0.3, [repeat])])
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_ask_rephrase"]


@pytest.mark.parametrize(
    "sign, level, text, intent, expected",
    [
        # help called off: not without a professional's word
        (
            "her tongue and lips are swelling up fast since the session",
            "emergency",
            "the paramedics are coming. she feels a little better, shall I call it off?",
            "faq",
            ["utter_warning_emergency_again"],
        ),
        # a detail put right: the same sign
        (
            "the lump on his arm is hard and twice the size it was on monday",
            "urgent",
            "oops, it's the right arm, not the left",
            "after_effects",
            ["utter_warning_dont_wait"],
        ),
        # the condition of the one with the sign: the advice first, then the articles' word
        (
            "the needle mark on her scalp has bled for 40 minutes and won't stop",
            "urgent",
            "she takes apixaban, not sure the clinic was told",
            "faq",
            ["utter_warning_dont_wait", "utter_condition_info"],
        ),
        # one part told as less bad
        (
            "his cheek is hot, red and the redness is spreading, and he has a temperature",
            "urgent",
            "he says it's not as painful as this morning though",
            "after_effects",
            ["utter_warning_dont_wait"],
        ),
        # a medicine at hand instead of help
        (
            "pus from two of the spots and she's shivering",
            "urgent",
            "I've got some antibiotics left from my chest infection, could she have those?",
            "faq",
            ["utter_warning_dont_wait", "utter_not_covered"],
        ),
    ],
)
async def test_session_36_after_a_serious_sign(
    dispatcher, make_tracker, sign, level, text, intent, expected
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message(sign, f"warning_{level}"),
        _bot(f"utter_warning_{level}"),
        user_message(
            text,
            intent,
            response_selector={"faq": {"response": {"utter_action": "utter_faq/pain"}}},
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == expected


async def test_driving_to_a_and_e_after_an_urgent_sign_is_no_driving_question(
    dispatcher, make_tracker
) -> None:
    events = [
        user_message("the redness is spreading and hot and I have a fever now", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message(
            "she won't call anyone. should I just drive her to A&E tonight?", "not_covered"
        ),
    ]
    await ActionNotCovered().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]


async def test_a_money_question_gets_what_the_articles_say_of_cost_first(
    dispatcher, make_tracker
) -> None:
    events = [user_message("can I pay for a course in monthly instalments?", "not_covered")]
    await ActionNotCovered().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_faq/cost", "utter_not_covered"]


def test_cancelling_the_next_appointment_after_an_urgent_sign_is_no_calling_off() -> None:
    from actions.safety import CANCELS_HELP

    assert CANCELS_HELP.search("she's a bit better now, should I cancel the ambulance?")
    assert not CANCELS_HELP.search("ok I'll ring them. can I cancel my next appointment?")


async def test_help_arriving_after_an_emergency_is_acknowledged(dispatcher, make_tracker) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("his tongue is swelling and he is wheezing badly", "warning_emergency"),
        _bot("utter_warning_emergency"),
        user_message("right, the paramedics have just arrived", "affirm"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_help_called"]


@pytest.mark.parametrize(
    "level, text",
    [
        ("emergency", "wait, it's his upper lip not the lower one"),
        ("emergency", "he's gone very pale and sleepy now"),
        ("emergency", "how long until the paramedics get here?"),
        ("urgent", "the surgery is shut now, what do we do?"),
        ("urgent", "could I just ask the chemist about it instead?"),
        ("urgent", "the fever is lower now after ibuprofen"),
    ],
)
async def test_session_36_more_of_the_moment_after_a_serious_sign(
    dispatcher, make_tracker, level, text
) -> None:
    from actions.safety import ActionWarningFollowup

    sign = {
        "emergency": "my partner's lips are swelling quickly and he's struggling to breathe",
        "urgent": "there's pus in two of the injection points and a temperature of 38.6",
    }[level]
    events = [
        user_message(sign, f"warning_{level}"),
        _bot(f"utter_warning_{level}"),
        user_message(
            text, "faq", response_selector={"faq": {"response": {"utter_action": "utter_faq/pain"}}}
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    again = "utter_warning_emergency_again" if level == "emergency" else "utter_warning_dont_wait"
    assert responses(dispatcher)[0] == again
    assert "utter_faq/pain" not in responses(dispatcher)


@pytest.mark.parametrize("text", ["haha ok", "wow really?", "urgh fine", "oh i see"])
async def test_a_reaction_alone_is_acknowledged_not_called_off_topic(
    dispatcher, make_tracker, text
) -> None:
    from actions.fallback import ActionOutOfScope
    from meso_nlu.safety import Route, route

    assert route(text, "nlu_fallback") == Route(intent="out_of_scope")
    await ActionOutOfScope().run(dispatcher, make_tracker([user_message(text, "out_of_scope")]), {})
    assert responses(dispatcher) == ["utter_anything_else"]


async def test_a_bruise_beside_a_serious_sign_is_no_bruising_tendency(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("my husband's thigh has a hard lump that is getting bigger", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message("there are some bruises round it too, are they normal?", "after_effects"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert "utter_condition_info" not in responses(dispatcher)
    assert "utter_warning_expected" in responses(dispatcher)


async def test_the_next_session_s_spacing_after_mild_after_effects_is_a_new_question(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    sessions = {"faq": {"response": {"utter_action": "utter_faq/sessions", "confidence": 0.7}}}
    events = [
        user_message("a bit pink and a few small bumps since yesterday's session", "after_effects"),
        _bot("utter_warning_expected"),
        user_message("great. the next one is booked in 10 days, is that normal?", "faq",
                     response_selector=sessions),
    ]  # fmt: skip
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_faq/sessions"]


async def test_help_arrived_and_a_request_for_the_number_gets_the_number(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("his throat is closing up and his lips are huge", "warning_emergency"),
        _bot("utter_warning_emergency"),
        user_message(
            "the paramedics are here and he's ok. what's the clinic's phone number", "human_handoff"
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_contact"]


# --- session 37: the moment after a sign, after mild effects, follow-ups ------------------


@pytest.mark.parametrize(
    "level, text",
    [
        ("emergency", "was it the spicy food??"),
        ("emergency", "i'm allergic to shellfish, could there be fish stuff in it?"),
        ("urgent", "in simple words please, do we go now?"),
        ("urgent", "just tell me yes or no, is it infected"),
        ("urgent", "it's not that serious, it's the cream probably?"),
        # session 42: a cause guessed "in it"; the signs they don't have
        ("emergency", "could it be the hyaluronic acid in it??"),
        ("urgent", "no trouble swallowing or anything though"),
        ("urgent", "no chest problems at all"),
    ],
)
async def test_session_37_a_cause_guessed_or_a_plain_answer_asked_gets_the_advice_again(
    dispatcher, make_tracker, level, text
) -> None:
    from actions.safety import ActionWarningFollowup

    sign = {
        "emergency": "my tongue and lips are swelling up fast since the session",
        "urgent": "the lump on my arm is hard and getting bigger every day and it's hot",
    }[level]
    events = [
        user_message(sign, f"warning_{level}"),
        _bot(f"utter_warning_{level}"),
        user_message(
            text,
            "faq",
            response_selector={"faq": {"response": {"utter_action": "utter_faq/what_is"}}},
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    again = "utter_warning_emergency_again" if level == "emergency" else "utter_warning_dont_wait"
    assert responses(dispatcher)[0] == again
    assert "utter_faq/what_is" not in responses(dispatcher)


async def test_session_37_after_an_urgent_sign_a_cause_the_articles_dont_cover_is_said_so(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message(
            "the redness is spreading up my neck and it's hot, I've a fever", "warning_urgent"
        ),
        _bot("utter_warning_urgent"),
        user_message("was it the steam room that did it?", "not_covered"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_not_covered"]


async def test_session_37_a_sign_over_leaving_a_bruise_gets_the_mild_answer(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("one of the spots keeps bleeding and won't stop", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message(
            "right, it has stopped now. only a little bruise left, that's ok yeah?", "faq"
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert "utter_warning_dont_wait" not in responses(dispatcher)
    assert responses(dispatcher)[0] == "utter_faq/side_effects"


@pytest.mark.parametrize(
    "text",
    [
        "what aftercare should i do now",
        "should I put some cream on them?",
        "am I ok to go back to work on monday like this",
    ],
)
async def test_session_37_aftercare_asked_after_mild_effects_gets_the_recovery_answer(
    dispatcher, make_tracker, text
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message(
            "a couple of tiny bruises and some redness since yesterday's session", "after_effects"
        ),
        _bot("utter_faq/side_effects"),
        _bot("utter_warning_expected"),
        user_message(text, "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_faq/recovery"]


def test_session_37_the_questions_stopped_after_a_sign() -> None:
    from actions.safety import STOPS_THE_QUESTIONS

    assert STOPS_THE_QUESTIONS.search("we're going to A&E, stop the questions please")
    assert STOPS_THE_QUESTIONS.search("ringing them now, can we do the rest of the check later?")
    assert not STOPS_THE_QUESTIONS.search("do I have to stop the aspirin?")


async def test_session_37_an_area_alone_leans_on_a_per_area_answer(
    dispatcher, make_tracker
) -> None:
    tracker = make_tracker(
        [user_message("how many sessions would my thighs need", "faq"), answered("sessions"),
         follow_up("and for my arms? same?", [("cellulite_fat", 0.9)], "same_for")]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/sessions"]
    dispatcher.messages.clear()  # after how long results last: whether it works there
    tracker = make_tracker(
        [user_message("do the results last", "faq"), answered("results_duration"),
         follow_up("and for the tummy?", [("cellulite_fat", 0.9)], "same_for")]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/cellulite_fat"]


async def test_session_37_and_after_asks_the_question_before_of_after(
    dispatcher, make_tracker
) -> None:
    tracker = make_tracker(
        [user_message("is a glass of wine ok the evening before?", "faq"), answered("preparation"),
         follow_up("what about after?", [("recovery", 0.9)], "after")]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_not_covered"]


async def test_moving_a_booking_while_getting_the_sign_seen_is_the_booking(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("my cheek is hot, red and spreading since the session", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message(
            "ok I'll get it checked today. how do I move my friday booking?", "book_consultation"
        ),
    ]
    events_out = await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == []
    assert events_out[0]["name"] == "action_book_consultation"
    # still putting it off: not to wait, and the contacts
    dispatcher.messages.clear()
    events[-1] = user_message("can it wait till my booking on friday?", "book_consultation")
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert "utter_warning_dont_wait" in responses(dispatcher)


def test_the_address_asked_beside_driving_there_is_the_contacts() -> None:
    from meso_nlu.safety import Route, route

    text = "my wife is driving me, what's the clinic's address?"
    assert route(text, "human_handoff", "faq/procedure") in (None, Route(intent="human_handoff"))


async def test_whether_to_call_about_a_sign_gets_the_advice_again(dispatcher, make_tracker) -> None:
    from actions.safety import ActionWarningFollowup

    # session 41: "no temperature though. worth a call still?" after pus: the advice again, not
    # whatever FAQ the classifier half-guessed
    events = [
        user_message("theres pus coming out of two of the injection marks", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message(
            "no temperature though. is it still something to ring about?",
            "faq",
            response_selector={"faq": {"response": {"utter_action": "utter_faq/what_is"}}},
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    sent = responses(dispatcher)
    assert sent and not any(name.startswith("utter_faq/") for name in sent)


async def test_how_common_such_a_sign_is_asked_after_passing_the_advice_on(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    # session 39: the side effects the articles list, then the advice again (no reassurance)
    events = [
        user_message("my client's cheek went grey and blotchy after her meso", "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message("I've told her to ring them. is that sort of thing common?", "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_faq/side_effects", "utter_warning_dont_wait"]


async def test_more_of_an_answer_asked_for(dispatcher, make_tracker) -> None:
    # session 40: "tell me more" right after an answer: the articles say no more, so that
    # answer again, saying so (with the clinic to ask)
    tracker = make_tracker(
        [user_message("how long do results last", "faq"), answered("results_duration"),
         follow_up("tell me more", [("cost", 0.2)], "more")]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_all_the_articles_say", "utter_faq/results_duration"]
    # with no answer just before: what else they would like to know
    dispatcher.messages.clear()
    await ActionAnswerFollowUp().run(
        dispatcher, make_tracker([follow_up("tell me more", [("cost", 0.2)], "more")]), {}
    )
    assert responses(dispatcher) == ["utter_anything_else"]


async def test_a_question_corrected_to_the_other_side_of_a_session(
    dispatcher, make_tracker
) -> None:
    # session 41: "what do I do after?" answered, then "not after - BEFORE": the preparation
    tracker = make_tracker(
        [user_message("what should I do after meso", "faq"), answered("recovery"),
         follow_up("not after - BEFORE. sorry, typo", [("recovery", 0.6)], "other_side")]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/preparation"]
    # and the other way round
    dispatcher.messages.clear()
    tracker = make_tracker(
        [user_message("how do I get ready for it", "faq"), answered("preparation"),
         follow_up("sorry I meant after", [("preparation", 0.5)], "other_side")]
    )  # fmt: skip
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/recovery"]


async def test_go_on_after_an_answer_with_no_check_is_more_of_it(dispatcher, make_tracker) -> None:
    from actions.screening import ActionCarryOn

    events = [
        user_message("what should I do before a session", "faq"),
        answered("preparation"),
        user_message("go on", "continue_check"),
    ]
    assert await ActionCarryOn().run(dispatcher, make_tracker(events), {}) == []
    assert responses(dispatcher) == ["utter_all_the_articles_say", "utter_faq/preparation"]


@pytest.mark.parametrize(
    ("previous", "text", "told"),
    [
        # sent before it was finished: one sentence
        ("the lump is getting", "bigger and harder every day", "the lump is getting bigger"),
        # a word put right with an asterisk
        ("my arm is not getting hotter", "*now getting hotter", "my arm is now getting hotter"),
        ("the redness is spreading", "*isn't spreading, sorry", "the redness isn't spreading."),
        # nothing to put right
        ("my cheek is a bit pink", "thanks", "my cheek is a bit pink. thanks"),
    ],
)
def test_a_sign_told_over_two_messages_is_read_as_one(
    make_tracker, previous: str, text: str, told: str
) -> None:
    from actions.safety import told_together

    events = [
        user_message(previous, "faq"),
        _bot("utter_faq/side_effects"),
        user_message(text, "faq"),
    ]
    assert told_together(make_tracker(events)).startswith(told)


async def test_an_unfinished_sign_then_its_end_gets_the_serious_advice(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("had it on my belly on monday, the bruise is getting", "after_effects"),
        _bot("utter_faq/side_effects"),
        _bot("utter_warning_expected"),
        user_message(
            "bigger and it's gone rock hard",
            "faq",
            response_selector={"faq": {"response": {"utter_action": "utter_faq/pain"}}},
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher)[0] == "utter_warning_urgent"


def test_an_unfinished_mild_sign_is_asked_for_the_rest_not_reassured(dispatcher) -> None:
    from actions.safety import warning_reply

    warning_reply(dispatcher, "and the swelling on my cheek is getting", "expected")
    assert responses(dispatcher) == ["utter_warning_go_on"]
    dispatcher.messages.clear()
    warning_reply(dispatcher, "the swelling on my cheek is going down", "expected")
    assert responses(dispatcher) == ["utter_faq/side_effects", "utter_warning_expected"]


async def test_a_delay_or_a_new_question_after_an_urgent_sign(dispatcher, make_tracker) -> None:
    """Away and unable to get there: still don't wait; "can I cover it?": both answered."""
    from actions.safety import ActionWarningFollowup

    events = [
        user_message(
            "there's a hot red patch spreading from where they injected", "warning_urgent"
        ),
        _bot("utter_warning_urgent"),
        user_message("problem is I'm abroad, can't get back to the clinic till the 20th", "faq"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait"]
    dispatcher.messages.clear()
    events[-1] = user_message("can I cover it with foundation meanwhile?", "faq")
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_warning_dont_wait", "utter_not_covered"]


async def test_yes_or_no_after_an_answer_gets_that_answer_again(dispatcher, make_tracker) -> None:
    """With no check result given, "is that a yes or a no?" asks about the answer before."""
    from actions.screening import ActionRepeatResult

    doubted = user_message(
        "so is that a yes or a no?",
        "ask_result",
        entities=[{"entity": "result_questioned", "value": "yes"}],
    )
    tracker = make_tracker(
        [user_message("will it help my thinning hair", "faq"), answered("hair_loss"), doubted]
    )
    await ActionRepeatResult().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_faq/hair_loss"]


def test_help_at_hand_and_a_notice_doubted_are_read() -> None:
    from actions.safety import HELP_CAME
    from actions.screening import PUSHES_FOR_OK

    assert HELP_CAME.search("phew, the ambulance crew are with him now, can we carry on")
    assert not HELP_CAME.search("I'm with her now, she's still wheezing")
    assert PUSHES_FOR_OK.search("are you sure?? my consultant is happy with my heart")
    assert PUSHES_FOR_OK.search("my GP said it's fine though")
    assert not PUSHES_FOR_OK.search("I'm sure it's nothing")


async def test_are_you_a_bot_right_after_an_emergency_gets_the_call_again(
    dispatcher, make_tracker
) -> None:
    from actions.safety import ActionWarningFollowup

    events = [
        user_message("my tongue is swelling up and it's hard to swallow", "warning_emergency"),
        _bot("utter_warning_emergency"),
        user_message("you're only a bot, is this even serious?", "bot_challenge"),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert responses(dispatcher) == ["utter_iamabot", "utter_warning_emergency_again"]


def _condition_answer(label: str) -> Dict[str, Any]:
    """What the articles say of a condition, as the tracker holds the reply."""
    return {
        "event": "bot",
        "text": f"{label}: the articles say to avoid mesotherapy ...",
        "metadata": {"utter_action": "utter_condition_info"},
    }


async def test_the_answer_about_a_condition_asked_about_again(dispatcher, make_tracker) -> None:
    """ "Where does it say that?" after what the articles say of a condition: that again."""
    repeat = [{"entity": "follow_up", "value": "repeat"}]
    tracker = make_tracker(
        [
            user_message("can someone with psoriasis have it?", "faq"),
            _condition_answer("Eczema or psoriasis"),
            user_message("hmm and where does it actually say that?", "faq", entities=repeat),
        ]
    )
    await ActionAnswerFollowUp().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_condition_info"]
    assert "psoriasis" in dispatcher.messages[0]["condition"].lower()


@pytest.mark.parametrize(
    "text",
    [
        "is it only the product settling in?",
        "could it just be swelling from the needle?",
        "but you told me bumps are normal for a few days",
        "you said the body clears the fat away over time, so isn't that it?",
    ],
)
def test_a_serious_sign_explained_away_by_a_question_or_an_earlier_answer(text: str) -> None:
    """Right after a serious sign these get the advice again, not the FAQ they lean on."""
    from actions.safety import PLAYS_DOWN

    assert PLAYS_DOWN.search(text)


def test_a_new_question_after_a_sign_is_not_explained_away() -> None:
    from actions.safety import PLAYS_DOWN

    for text in ("how many sessions would I need?", "you said 3 to 6 months for a top-up?"):
        assert not PLAYS_DOWN.search(text), text


@pytest.mark.parametrize(
    ("text", "again"),
    [
        # a denial told as relevant to the sign: the advice again, then the condition's answer
        ("oh and I don't take any blood thinners, in case that matters", True),
        ("no aspirin btw", True),
        # a denial alone, told as the next thing: answered without the advice again
        ("I don't take aspirin", False),
    ],
)
async def test_session_46_a_condition_denied_as_relevant_after_a_serious_sign(
    dispatcher, make_tracker, text: str, again: bool
) -> None:
    from actions.safety import ActionWarningFollowup

    sign = "one of the spots has been bleeding for half an hour, pressing doesn't stop it"
    events = [
        user_message(sign, "warning_urgent"),
        _bot("utter_warning_urgent"),
        user_message(
            text,
            "faq",
            response_selector={
                "faq": {"response": {"utter_action": "utter_faq/contraindications"}}
            },
        ),
    ]
    await ActionWarningFollowup().run(dispatcher, make_tracker(events), {})
    assert (responses(dispatcher)[0] == "utter_warning_dont_wait") is again
