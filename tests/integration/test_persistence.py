"""A Rasa server restart in the middle of the contraindication check resumes it."""

from __future__ import annotations

from typing import Dict

import pytest

from tests.integration.servers import (
    AssistantServers,
    asks_for,
    loop_state,
    new_sender,
    texts,
    user_texts,
)

pytestmark = [pytest.mark.servers, pytest.mark.model]


def test_check_resumes_after_rasa_server_restart(
    servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    visitor = new_sender("restart")
    started = texts(servers.send(visitor, "/check_eligibility"))
    loop, first = loop_state(servers.tracker(visitor))
    assert loop == "screening_form" and first and asks_for(started, first, domain_responses)

    answered = texts(servers.send(visitor, "no"))
    loop, second = loop_state(servers.tracker(visitor))
    assert loop == "screening_form" and second and second != first
    assert asks_for(answered, second, domain_responses)

    servers.restart_rasa()  # the conversation now lives only in the SQLite tracker store

    resumed = texts(servers.send(visitor, "no"))
    tracker = servers.tracker(visitor)
    loop, third = loop_state(tracker)
    assert tracker["slots"][first] == "no"
    assert tracker["slots"][second] == "no"
    if loop == "screening_form":
        assert third not in (first, second) and asks_for(resumed, str(third), domain_responses)
    else:  # that was the last question: the summary follows
        assert domain_responses["utter_screening_disclaimer"] in resumed
    assert user_texts(tracker) == ["/check_eligibility", "no", "no"]
