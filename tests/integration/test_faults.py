"""Action server outage: FAQs keep working, the check says it is unavailable, then resumes.

One outage for the whole module (stopping and starting the action server costs seconds):
the `outage` fixture puts a visitor in the middle of the check, then stops the action
server; the tests below run during the outage, in file order, and the last one starts
the action server again and continues that visitor's check.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Dict, Iterator

import pytest

from tests.integration.servers import (
    AssistantServers,
    asks_for,
    bot_actions,
    loop_state,
    new_sender,
    texts,
)

pytestmark = [pytest.mark.servers, pytest.mark.model]


@pytest.fixture(scope="module")
def outage(_servers: AssistantServers) -> Iterator[Dict[str, Any]]:
    """Two visitors in the middle of the check, then the action server stopped."""
    _servers.ensure_running()
    lost = new_sender("lost")
    _servers.send(lost, "/check_eligibility")
    assert loop_state(_servers.tracker(lost))[0] == "screening_form"
    visitor = new_sender("midcheck")
    _servers.send(visitor, "/check_eligibility")
    first = loop_state(_servers.tracker(visitor))[1]
    _servers.send(visitor, "no")
    loop, second = loop_state(_servers.tracker(visitor))
    assert loop == "screening_form" and second not in (None, first)
    _servers.stop_action()
    try:
        yield {"visitor": visitor, "answered": [first, second], "lost": lost}
    finally:
        _servers.ensure_running()


def test_action_server_down_faq_answered_and_check_unavailable(
    outage: Dict[str, Any], _servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    servers = _servers
    visitor = new_sender("down")
    faq = servers.send(visitor, "What is mesotherapy?")
    assert faq and all(texts(faq)), faq
    assert any(a.startswith("utter_faq") for a in bot_actions(servers.tracker(visitor)))

    check = servers.send(visitor, "/check_eligibility")
    assert texts(check) == [domain_responses["utter_screening_unavailable"]]  # once, only
    assert loop_state(servers.tracker(visitor)) == (None, None)

    again = servers.send(visitor, "What is mesotherapy?")
    assert again and all(texts(again))


def test_answer_during_outage_says_unavailable_and_leaves_the_form(
    outage: Dict[str, Any], _servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    servers = _servers
    visitor = outage["lost"]
    reply = servers.send(visitor, "no")
    assert texts(reply) == [domain_responses["utter_screening_unavailable"]]
    assert loop_state(servers.tracker(visitor)) == (None, None)


def test_forget_me_works_during_outage(
    outage: Dict[str, Any], _servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    servers = _servers
    visitor = new_sender("forgetdown")
    servers.send(visitor, "hello")
    reply = servers.send(visitor, "delete my data")
    assert texts(reply) == [domain_responses["utter_forgotten"]]
    with sqlite3.connect(servers.workdir / "tracker.db") as db:
        query = "SELECT count(*) FROM events WHERE sender_id = ?"
        assert db.execute(query, (visitor,)).fetchone()[0] == 0


def test_check_continues_after_action_server_restart(
    outage: Dict[str, Any], _servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    servers = _servers
    servers.start_action()  # back after the outage
    visitor = outage["visitor"]
    first, second = outage["answered"]
    assert loop_state(servers.tracker(visitor)) == ("screening_form", second)

    reply = texts(servers.send(visitor, "no"))
    tracker = servers.tracker(visitor)
    loop, third = loop_state(tracker)
    assert tracker["slots"][first] == "no" and tracker["slots"][second] == "no"
    if loop == "screening_form":
        assert third not in (first, second) and asks_for(reply, str(third), domain_responses)
    else:  # that was the last question: the summary follows
        assert domain_responses["utter_screening_disclaimer"] in reply
