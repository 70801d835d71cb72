"""Conversations through the running servers: what a visitor sees in the REST replies."""

from __future__ import annotations

from typing import Dict

import pytest
import yaml

from tests.integration.servers import AssistantServers, new_sender, texts

pytestmark = [pytest.mark.servers, pytest.mark.model]


def faq_buttons() -> Dict[str, str]:
    """Canonical question -> button title, from every FAQ answer's metadata."""
    from meso.tools.serve import ROOT

    buttons = {}
    for path in sorted((ROOT / "data" / "faq").glob("*.yml")):
        for variations in (yaml.safe_load(path.read_text("utf-8")).get("responses") or {}).values():
            metadata = variations[0].get("metadata") or {}
            buttons[metadata["question"]] = metadata["title"]
    return buttons


def test_two_questions_get_an_answer_and_a_button_for_the_other(
    servers: AssistantServers,
) -> None:
    replies = servers.send(new_sender("two"), "how much does it cost and does it hurt?")
    *answer_bubbles, offer = replies  # Rasa sends an answer's paragraphs as separate bubbles
    answer = {"text": "\n".join(b.get("text") or "" for b in answer_bubbles)}
    assert "Source:" in answer["text"]
    buttons = offer.get("buttons") or []
    assert len(buttons) == 1
    button = buttons[0]
    assert faq_buttons()[button["payload"]] == button["title"]
    assert button["title"] in offer["text"]
    answered_cost = "cost" in answer["text"].lower() or "price" in answer["text"].lower()
    assert ("hurt" in button["title"].lower()) == answered_cost  # the other question
    # the button's question is understood on its own: one answer, no second offer
    follow = servers.send(new_sender("two-follow"), button["payload"])
    assert "Source:" in follow[-1]["text"] and not any(r.get("buttons") for r in follow)


def test_one_question_gets_one_answer(servers: AssistantServers) -> None:
    replies = servers.send(new_sender("one"), "does mesotherapy hurt much?")
    assert "Source:" in replies[-1]["text"] and not any(r.get("buttons") for r in replies)


def test_a_partly_answered_question_names_only_the_rest(
    servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    visitor = new_sender("partial")
    started = texts(servers.send(visitor, "I'm not pregnant, am I a good candidate for it?"))
    prefix = domain_responses["utter_ask_screen_pregnancy:partial"].split("{")[0]
    assert started[-1] == prefix + "breastfeeding?"
