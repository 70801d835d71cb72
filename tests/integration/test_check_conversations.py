"""Whole conversations through the running servers: every turn of the check gets a reply
that addresses it, and warning signs are escalated on any turn (issue: the suitability
check and after-treatment safety). Assertions are on response names and slots."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from tests.integration.servers import AssistantServers, play

pytestmark = [pytest.mark.servers, pytest.mark.model]


def conditions(slots: Dict[str, Any]) -> Dict[str, str]:
    return dict(slots.get("screening_conditions") or {})


def test_questions_thanks_and_corrections_inside_the_check(servers: AssistantServers) -> None:
    turns = play(
        servers,
        [
            "is it suitable for me?",
            "thanks",
            "no",
            "yes",
            "diabetes",
            "go on",
            "does type 1 diabetes count?",
        ],
    )
    (start, _), (thanks, _), (no, after_no), (yes, after_yes), (which, after_which) = turns[:5]
    assert start[0] == "utter_screening_intro" and start[-1] == "utter_ask_screen_pregnancy"
    assert thanks == ["utter_screening_welcome", "utter_ask_screen_pregnancy"]
    assert no == ["utter_screening_noted", "utter_ask_screen_chronic"]
    assert conditions(after_no) == {"pregnancy": "absent", "breastfeeding": "absent"}
    assert yes == ["utter_ask_screen_chronic"] and after_yes["screening_pending"] == "which"
    # an avoid finding is said at once with its source; the visitor chooses to go on
    assert which[:2] == ["utter_screening_noted", "utter_screening_avoid_notice"]
    assert after_which["screening_pending"] == "avoid"
    (go_on, _), (question, after_question) = turns[5:]
    assert go_on == ["utter_ask_screen_bleeding"]
    assert question[0] == "utter_condition_info"  # answered, and not a finding
    assert conditions(after_question)["diabetes"] == "present"


def test_someone_elses_condition_and_a_goodbye(servers: AssistantServers) -> None:
    turns = play(
        servers,
        [
            "am I a good candidate?",
            "my sister is pregnant, is that a problem?",
            "I am not pregnant myself. bye!",
        ],
    )
    (_, _), (other, after_other), (bye, after_bye) = turns
    assert other[:2] == ["utter_screening_other_person", "utter_condition_info"]
    assert conditions(after_other) == {}
    assert "utter_screening_noted_so_far" in bye and bye[-1] == "utter_goodbye"
    assert after_bye["requested_slot"] is None


def test_the_result_comes_when_the_last_item_is_known(servers: AssistantServers) -> None:
    turns = play(
        servers,
        [
            "I'm not pregnant or breastfeeding, can I have mesotherapy?",
            "had cancer 10 years ago, all clear. no diabetes or heart problems",
            "no to all three",
            "no eczema, skin is fine",
            "needles don't bother me. how many sessions would I need?",
        ],
    )
    names, slots = turns[-1]
    assert "utter_faq/sessions" in names  # the question is answered...
    assert "utter_screening_result_consult" in names  # ...and the result still comes
    assert "utter_screening_result_clear" not in names
    assert conditions(slots)["cancer"] == "past"


def test_booking_in_the_check_asks_whether_to_continue(servers: AssistantServers) -> None:
    turns = play(servers, ["is it suitable for me", "can I book a consultation?", "stop"])
    (_, _), (booking, after_booking), (stop, after_stop) = turns
    assert booking[0] == "utter_booking" and after_booking["screening_pending"] == "continue"
    assert stop == ["utter_screening_stopped"] and after_stop["requested_slot"] is None


@pytest.mark.parametrize(
    ("message", "reply"),
    [
        ("had meso yesterday, my lips are swelling and I can't breathe", "utter_warning_emergency"),
        (
            "the lump from my session keeps growing and it hurts more every day",
            "utter_warning_urgent",
        ),
    ],
)
def test_warning_signs_are_escalated_before_any_faq(
    servers: AssistantServers, message: str, reply: str
) -> None:
    ((names, _),) = play(servers, [message])
    assert names == [reply]


def test_a_question_about_a_sign_in_general_gets_the_answer_and_what_to_do(
    servers: AssistantServers,
) -> None:
    ((names, _),) = play(servers, ["what if it gets red and hot and there's pus?"])
    assert names == ["utter_faq/side_effects", "utter_warning_if_urgent"]


def test_a_warning_sign_inside_the_check_pauses_it(servers: AssistantServers) -> None:
    turns = play(servers, ["is it suitable for me?", "sorry, my throat feels tight and swollen"])
    names, slots = turns[-1]
    assert names == ["utter_warning_emergency", "utter_screening_paused"]
    assert slots["requested_slot"] is None


def test_the_clinic_asked_for_after_an_urgent_sign_then_the_check_goes_on(
    servers: AssistantServers,
) -> None:
    turns = play(
        servers,
        [
            "is it suitable for me?",
            "not pregnant, not breastfeeding",
            "no. tho one of the injection spots on my chin has gone hard and its getting bigger",
            "ok whats their number",
            "yes continue",
            "no thats it for now, bye",
        ],
    )
    (_, paused), (contact, offered), (going_on, asked), (leaving, _) = turns[2:]
    assert paused["requested_slot"] is None
    assert contact[:2] == ["utter_warning_dont_wait", "utter_contact"]
    assert offered["screening_pending"] == "continue"  # "shall we go on?" at the next question
    assert going_on[-1] == "utter_ask_screen_bleeding" and asked["screening_pending"] is None
    assert asked["screening_conditions"]["cancer"] == "absent"  # the "no" told beside the sign
    assert leaving == [
        "utter_screening_noted_so_far", "utter_screening_disclaimer", "utter_goodbye_after_warning"
    ]  # fmt: skip


def test_mild_after_effects_get_the_answer_and_when_to_call(servers: AssistantServers) -> None:
    ((names, _),) = play(servers, ["my cheek is a little red and itchy since my session"])
    assert names[-1] == "utter_warning_expected"
    assert "utter_faq/side_effects" in names


@pytest.mark.parametrize(
    "message",
    [
        "can I fly the day after?",
        "can I drink alcohol after the treatment?",
        "I'm 16, can I have it?",
    ],
)
def test_questions_the_articles_do_not_answer_say_so(
    servers: AssistantServers, message: str
) -> None:
    ((names, _),) = play(servers, [message])
    assert names[0] == "utter_not_covered"
    assert not any(name.startswith("utter_faq/") for name in names)


def test_own_condition_in_a_question_answers_then_starts_the_check(
    servers: AssistantServers,
) -> None:
    ((names, slots),) = play(
        servers, ["I'm not pregnant or breastfeeding, can I have mesotherapy?"]
    )
    assert names[0] == "utter_faq/contraindications"
    assert "utter_screening_intro" in names and names[-1] == "utter_ask_screen_chronic"
    assert conditions(slots) == {"pregnancy": "absent", "breastfeeding": "absent"}


def test_an_answer_and_a_question_in_one_message(servers: AssistantServers) -> None:
    turns = play(servers, ["is it suitable for me?", "no. what are the side effects btw?"])
    names, slots = turns[-1]
    assert names == [
        "utter_screening_noted",
        "utter_faq/side_effects",
        "utter_ask_screen_chronic",
    ]
    assert conditions(slots) == {"pregnancy": "absent", "breastfeeding": "absent"}


def test_thanks_with_a_question_gets_both(servers: AssistantServers) -> None:
    ((names, _),) = play(servers, ["thanks! what should I do before my appointment?"])
    assert names == ["utter_screening_welcome", "utter_faq/preparation"]


def test_is_it_suitable_for_me_with_a_topic_answers_then_checks(
    servers: AssistantServers,
) -> None:
    ((names, slots),) = play(
        servers, ["is mesotherapy suitable for me? thinking about the cellulite on my thighs"]
    )
    assert names[0].startswith("utter_faq/")
    assert "utter_screening_intro" in names and slots["requested_slot"] == "screen_pregnancy"


def test_the_message_after_a_warning_sign_is_read_with_it(servers: AssistantServers) -> None:
    turns = play(
        servers,
        ["my lips are swelling and I can't breathe properly", "should I just call the clinic?"],
    )
    # the routing again, then the details asked for
    assert turns[-1][0] == ["utter_warning_emergency_again", "utter_contact"]
    turns = play(
        servers,
        ["it's hot, red and spreading and there's pus", "can it wait till monday?"],
    )
    assert turns[-1][0] == ["utter_warning_dont_wait"]
    # each advice given again keeps the next message read with the sign; a new question
    # answered as anywhere ends that
    turns = play(
        servers,
        [
            "a spot on my cheek has yellow pus in it and i feel feverish",
            "it doesn't hurt much though",
            "can i just squeeze it",
            "anything to put on it in the meantime?",
            "ok ringing the out of hours line now, thanks",
            "how many sessions do people usually need?",
        ],
    )
    assert [names[0] for names, _ in turns[1:4]] == ["utter_warning_dont_wait"] * 3
    assert turns[4][0] == ["utter_screening_welcome"]
    assert turns[5][0] == ["utter_faq/sessions"]


def test_whether_someone_else_can_have_it_starts_no_check(servers: AssistantServers) -> None:
    turns = play(
        servers,
        [
            "my husband is diabetic, can he have meso?",
            "ok and what about me, am I suitable?",
        ],
    )
    (other, after_other), (mine, after_mine) = turns
    assert other == ["utter_condition_info", "utter_screening_other_person"]  # said back by name
    assert not after_other.get("requested_slot")  # his health is not the visitor's check
    assert "utter_screening_intro" in mine and after_mine["requested_slot"] == "screen_pregnancy"


def test_going_on_after_a_sign_once_help_is_on_the_way(servers: AssistantServers) -> None:
    turns = play(
        servers,
        [
            "can you check if I'm suitable?",
            "no",
            "the spot from my last session is red and hot and there's pus coming out",
            "ok will call them. carry on with the questions",
        ],
    )
    (sign, _), (going_on, slots) = turns[2:]
    assert sign[0] == "utter_warning_urgent"
    assert (
        going_on[-1] == "utter_ask_screen_chronic" and slots["requested_slot"] == "screen_chronic"
    )
    # a turn later, after the advice again, "carry on" still goes on; "stop" says back what
    # was noted
    turns = play(
        servers,
        [
            "is it suitable for me?",
            "no",
            "the spot on my cheek is hot, red and spreading since yesterday",
            "can it wait till monday?",
            "ok I'll ring them. carry on",
            "no",
        ],
    )
    (waiting, _), (going_on, _), (answer, slots) = turns[3:]
    assert waiting == ["utter_warning_dont_wait"]
    assert going_on == ["utter_screening_resumed", "utter_ask_screen_chronic"]
    assert answer[-1] == "utter_ask_screen_bleeding" and slots["_active_loop"] == "screening_form"
    turns = play(
        servers,
        [
            "can I have mesotherapy?",
            "no",
            "one spot from monday's session has gone greyish blue and feels cold",
            "can it wait till tomorrow?",
            "stop the questions for now please",
        ],
    )
    assert turns[-1][0] == ["utter_screening_stopped_noted"]


def test_someone_elses_urgent_sign_inside_the_check_then_the_check_goes_on(
    servers: AssistantServers,
) -> None:
    turns = play(
        servers,
        [
            "is mesotherapy suitable for me?",
            "not pregnant. my husband had it monday and now hes got a fever and pus, is that ok?",
        ],
    )
    names, slots = turns[-1]
    assert names[0] == "utter_warning_urgent" and "utter_screening_back_to_you" in names
    # what the message says of the visitor is noted, and the next question is asked
    assert "utter_screening_noted" in names and names[-1] == "utter_ask_screen_chronic"
    assert conditions(slots)["pregnancy"] == "absent"
    assert slots["_active_loop"] == "screening_form"


def test_a_question_about_a_prescribed_medicine_outside_the_check(
    servers: AssistantServers,
) -> None:
    ((names, slots),) = play(servers, ["should i stop the rivaroxaban before my next session?"])
    # a prescribed blood thinner: its own answer (ask your doctor, never stop it yourself),
    # not the preparation list about pausing aspirin (decision 0018)
    assert names == ["utter_condition_info"]
    assert not slots.get("screening_conditions")  # nothing recorded outside the check


def test_asking_for_the_next_question_after_a_sign_goes_on_after_dont_wait(
    servers: AssistantServers,
) -> None:
    turns = play(
        servers,
        [
            "can you check if I'm still suitable?",
            "no",
            "none. btw the spot on my cheek keeps bleeding and wont stop",
            "ok i'll call them in a bit. whats the next question",
            "no",
        ],
    )
    (going_on, _), (answer, slots) = turns[3:]
    assert going_on[0] == "utter_warning_dont_wait"  # "in a bit": please don't wait
    assert going_on[-1] == "utter_ask_screen_bleeding"
    assert answer[-1] == "utter_ask_screen_skin" and slots["_active_loop"] == "screening_form"


def test_the_result_asked_for_again(servers: AssistantServers) -> None:
    turns = play(
        servers,
        ["what was the result again?", "am I suitable?", "no", "no", "no", "no", "no"],
    )
    (none_yet, _) = turns[0]
    assert none_yet == ["utter_no_result_yet"]
    (result, _) = turns[-1]
    assert "utter_screening_result_clear" in result
    ((again, _),) = play(
        servers, ["sorry what was the result again?"], sender=turns[-1][1]["_sender"]
    )
    assert again[0] == "utter_screening_result_clear" and again[-1] == "utter_offer_booking"


def test_a_check_left_with_a_goodbye_goes_on_later_with_what_it_was_told(
    servers: AssistantServers,
) -> None:
    turns = play(
        servers,
        [
            "could I have it?",
            "no",
            "sorry, have to dash, bye",
            "hello, it's me again",
            "can we finish the questions?",
        ],
    )
    (_, _), (no, _), (bye, _), (hello, _), (again, after_again) = turns
    assert no[-1] == "utter_ask_screen_chronic" and bye[-1] == "utter_goodbye"
    assert hello == ["utter_greet"]
    # the first answer is kept: the question after it comes next
    assert again == ["utter_screening_resumed", "utter_ask_screen_chronic"]
    assert conditions(after_again) == {"pregnancy": "absent", "breastfeeding": "absent"}


def test_a_medicine_named_alone_answers_the_question_it_belongs_to(
    servers: AssistantServers,
) -> None:
    turns = play(servers, ["am I suitable for mesotherapy?", "no", "no", "apixaban"])
    (_, _), (_, _), (second_no, _), (medicine, after_medicine) = turns
    assert second_no[-1] == "utter_ask_screen_bleeding"
    assert medicine[0] == "utter_screening_noted" and medicine[-1] == "utter_ask_screen_skin"
    assert conditions(after_medicine)["aspirin_or_blood_thinners"] == "present"


def test_a_question_asked_with_the_check_is_answered_before_it(servers: AssistantServers) -> None:
    ((start, _),) = play(servers, ["Can I have it? is it suitable for me? and does it hurt??"])
    assert start[:2] == ["utter_faq/pain", "utter_screening_intro"]
    assert start[-1] == "utter_ask_screen_pregnancy"
    assert "utter_faq/contraindications" not in start


def test_a_check_paused_by_an_urgent_sign_goes_on_with_later_plain_answers(
    servers: AssistantServers,
) -> None:
    turns = play(
        servers,
        [
            "am i ok to have meso?",
            "no",
            "oh and the spot on my chin from last time is red and hot and it's spreading",
            "ok will ring them. what's the number?",
            "none of those",
            "nope",
            "skin's fine",
            "pain is ok",
        ],
    )
    (sign, paused) = turns[2]
    # contact the clinic first; the check's question shown again, to go on meanwhile
    assert sign == [
        "utter_warning_urgent",
        "utter_screening_paused_urgent",
        "utter_ask_screen_chronic",
    ]
    assert paused["requested_slot"] is None
    # a few messages later, plain answers take the check up where it was left
    (going_on, after) = turns[4]
    assert going_on[0] == "utter_screening_resumed"
    assert going_on[-1] == "utter_ask_screen_bleeding"
    assert conditions(after)["cancer"] == "absent"
    (result, _) = turns[-1]
    assert "utter_screening_result_clear" in result
    # whatever the result, the sign is to be seen to first
    assert "utter_screening_sign_first" in result


def test_a_plain_answer_right_after_an_urgent_sign_answers_the_question_shown_again(
    servers: AssistantServers,
) -> None:
    turns = play(
        servers,
        [
            "could I have meso?",
            "not pregnant",
            "wait, last week's injection spot has pus in it and it's throbbing",
            "no",
        ],
    )
    (going_on, after) = turns[3]
    assert "utter_screening_resumed" in going_on
    assert going_on[-1] == "utter_ask_screen_bleeding"
    assert conditions(after)["diabetes"] == "absent"


def test_the_whole_check_in_one_numbered_line_gives_the_result(servers: AssistantServers) -> None:
    turns = play(
        servers, ["can I have mesotherapy?", "1 no, 2 no, 3 I take clopidogrel, 4 no, 5 no"]
    )
    (answers, after) = turns[1]
    assert "utter_screening_result_consult" in answers
    assert conditions(after)["aspirin_or_blood_thinners"] == "present"
    assert conditions(after)["low_pain_tolerance"] == "absent"


def test_a_fear_of_needles_told_early_leaves_the_pain_question_to_ask(
    servers: AssistantServers,
) -> None:
    turns = play(
        servers,
        [
            "I'm petrified of needles, would meso suit me?",
            "no",
            "no",
            "no",
            "no",
            "not a fan of needles",
        ],
    )
    (start, after_start) = turns[0]
    assert "low_pain_tolerance" not in conditions(after_start)
    (skin_no, _) = turns[4]
    assert skin_no[-1] == "utter_ask_screen_pain"
    # to the pain question itself, the same fear is its answer
    (pain, after_pain) = turns[5]
    assert conditions(after_pain)["low_pain_tolerance"] == "present"
    assert "utter_screening_result_consult" in pain
