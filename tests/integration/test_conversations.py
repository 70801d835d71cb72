"""Conversations through the running servers: what a visitor sees in the REST replies."""

from __future__ import annotations

from typing import Dict

import pytest

from tests.integration.servers import AssistantServers, new_sender, play, texts

pytestmark = [pytest.mark.servers, pytest.mark.model]


def test_two_questions_get_both_answers(servers: AssistantServers) -> None:
    sender = new_sender("two")
    replies = servers.send(sender, "how much does it cost and does it hurt?")
    assert sum("Source:" in (r.get("text") or "") for r in replies) == 2  # two cited answers
    assert not any(r.get("buttons") for r in replies)
    answered = [
        e["metadata"]["utter_action"]
        for e in servers.tracker(sender)["events"]
        if e.get("event") == "bot" and (e.get("metadata") or {}).get("utter_action")
    ]
    assert sorted(answered) == ["utter_faq/cost", "utter_faq/pain"]


def test_thanks_in_front_of_two_questions_gets_welcome_and_both_answers(
    servers: AssistantServers,
) -> None:
    sender = new_sender("thanks-two")
    servers.send(sender, "what is mesotherapy?")
    servers.send(sender, "Thank you. How much does it cost, and does it hurt?")
    answered = [
        e["metadata"]["utter_action"]
        for e in servers.tracker(sender)["events"]
        if e.get("event") == "bot" and (e.get("metadata") or {}).get("utter_action")
    ]
    assert answered[-3] == "utter_screening_welcome"
    assert sorted(answered[-2:]) == ["utter_faq/cost", "utter_faq/pain"]


def test_one_question_gets_one_answer(servers: AssistantServers) -> None:
    replies = servers.send(new_sender("one"), "does mesotherapy hurt much?")
    assert "Source:" in replies[-1]["text"] and not any(r.get("buttons") for r in replies)


def test_a_partly_answered_question_names_only_the_rest(
    servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    # a bare "yes" to "pregnant or breastfeeding?", then "not pregnant": the rest is asked
    visitor = new_sender("partial")
    servers.send(visitor, "am I a good candidate for it?")
    servers.send(visitor, "yes")
    replies = texts(servers.send(visitor, "not pregnant"))
    prefix = domain_responses["utter_ask_screen_pregnancy:partial"].split("{")[0]
    assert replies[-1] == prefix + "breastfeeding?"


def test_asking_about_a_and_e_after_mild_after_effects_gets_the_mild_answer(
    servers: AssistantServers,
) -> None:
    turns = play(
        servers,
        [
            "had meso yesterday, a few tiny red dots and my forehead is slightly puffy",
            "so I don't need to go to hospital?",
        ],
    )
    (asked, _) = turns[1]
    assert "utter_warning_expected" in asked
    assert not any(
        name.startswith(("utter_warning_urgent", "utter_warning_emergency")) for name in asked
    )


def test_after_an_urgent_sign_a_remedy_played_down_gets_dont_wait(
    servers: AssistantServers,
) -> None:
    turns = play(
        servers,
        [
            "the injection area on my thigh is hot and the redness is spreading since yesterday",
            "I took ibuprofen and it feels a bit better, so that's fine right?",
        ],
    )
    (sign, _), (remedy, _) = turns
    assert sign == ["utter_warning_urgent"]
    assert "utter_warning_dont_wait" in remedy


def test_asking_if_it_is_a_person_while_calling_after_a_sign(servers: AssistantServers) -> None:
    turns = play(
        servers,
        [
            "there's pus coming out of one of the injection points since this morning",
            "ringing them now. wait, am I talking to a real person?",
        ],
    )
    (asked, _) = turns[1]
    assert asked == ["utter_iamabot"]
