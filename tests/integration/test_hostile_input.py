"""Hostile input against the running server: clear 4xx or a sensible reply, never a crash."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest
import requests

from channels.limits import MAX_MESSAGE_CHARS, MAX_SENDER_CHARS, TOO_LONG_REPLY
from channels.rest import EMPTY_REPLY, MAX_BODY_BYTES
from tests.integration.servers import (
    AssistantServers,
    new_sender,
    parallel,
    texts,
    user_texts,
)

pytestmark = [pytest.mark.servers, pytest.mark.model]

JSON = {"Content-Type": "application/json"}

BAD_BODIES = {
    "malformed json": b'{"sender": "x", "message": "hi"',
    "empty body": b"",
    "json array": b'["hi"]',
    "json string": b'"hi"',
    "json null": b"null",
    "invalid utf-8 bytes": b'{"sender": "x", "message": "caf\xe9 \xff\xfe"}',
    "lone surrogate": b'{"sender": "x", "message": "\\ud800 hi"}',
    "missing message": json.dumps({"sender": "x"}).encode(),
    "null message": json.dumps({"sender": "x", "message": None}).encode(),
    "number message": json.dumps({"sender": "x", "message": 42}).encode(),
    "boolean message": json.dumps({"sender": "x", "message": True}).encode(),
    "list message": json.dumps({"sender": "x", "message": ["hi"]}).encode(),
    "object message": json.dumps({"sender": "x", "message": {"text": "hi"}}).encode(),
    "missing sender": json.dumps({"message": "hi"}).encode(),
    "number sender": json.dumps({"sender": 123, "message": "hi"}).encode(),
    "list sender": json.dumps({"sender": ["x"], "message": "hi"}).encode(),
    "empty sender": json.dumps({"sender": "", "message": "hi"}).encode(),
    "blank sender": json.dumps({"sender": "  ", "message": "hi"}).encode(),
    "long sender": json.dumps({"sender": "s" * (MAX_SENDER_CHARS + 1), "message": "hi"}).encode(),
    "huge sender": json.dumps({"sender": "s" * 100_000, "message": "hi"}).encode(),
    "nul in sender": json.dumps({"sender": "a\u0000b", "message": "hi"}).encode(),
    "newline in sender": json.dumps({"sender": "a\nb", "message": "hi"}).encode(),
    "metadata not an object": json.dumps(
        {"sender": "x", "message": "hi", "metadata": "x"}
    ).encode(),
}

ODD_TEXTS = {
    "emoji": "💉😊 does mesotherapy hurt? 🙏🏽 👩‍⚕️",
    "arabic (rtl)": "ما هو الميزوثيرابي؟",
    "hebrew (rtl) mixed": "מה זה mesotherapy? \u202eevil\u202c",
    "zero width": "what\u200b is\u200d meso\ufefftherapy",
    "html": "<b>what</b> is <i>mesotherapy</i>?<br><img src=x onerror=alert(1)>",
    "script": "<script>alert('x')</script> how many sessions do I need?",
    "sql": "'; DROP TABLE events; -- does it hurt?",
    "template": "{{7*7}} ${jndi:ldap://x} {clinic_name} %s %n",
    "only punctuation": "?!?!...",
    "max length": "a" * MAX_MESSAGE_CHARS,
}


def post_raw(servers: AssistantServers, body: bytes) -> requests.Response:
    """POST raw bytes to the REST webhook."""
    return requests.post(servers.webhook(), data=body, headers=JSON, timeout=60)


def assert_up(servers: AssistantServers) -> None:
    """The server answers its root route and a normal message."""
    assert requests.get(servers.url(), timeout=10).status_code == 200
    assert servers.send(new_sender("alive"), "hello")


@pytest.mark.parametrize("body", list(BAD_BODIES.values()), ids=list(BAD_BODIES))
def test_invalid_requests_get_a_json_400(servers: AssistantServers, body: bytes) -> None:
    response = post_raw(servers, body)
    assert response.status_code == 400, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    assert isinstance(response.json()["error"], str) and response.json()["error"]


def test_oversized_body_gets_413(servers: AssistantServers) -> None:
    body = json.dumps({"sender": "x", "message": "a" * (MAX_BODY_BYTES + 10)}).encode()
    response = post_raw(servers, body)
    assert response.status_code == 413
    assert "error" in response.json()
    assert_up(servers)


@pytest.mark.parametrize("text", ["", " ", "  \n\t  ", "\u3000"], ids=repr)
def test_empty_and_blank_messages_get_a_hint_and_are_not_stored(
    servers: AssistantServers, text: str
) -> None:
    visitor = new_sender("empty")
    assert texts(servers.send(visitor, text)) == [EMPTY_REPLY]
    assert user_texts(servers.tracker(visitor)) == []


@pytest.mark.parametrize("size", [MAX_MESSAGE_CHARS + 1, 100 * 1024], ids=["limit+1", "100KB"])
def test_too_long_messages_get_the_limit_message_and_are_not_stored(
    servers: AssistantServers, size: int
) -> None:
    visitor = new_sender("long")
    reply = servers.send(visitor, "x" * size)
    assert reply == [{"recipient_id": visitor, "text": TOO_LONG_REPLY}]
    assert user_texts(servers.tracker(visitor)) == []


@pytest.mark.parametrize("text", list(ODD_TEXTS.values()), ids=list(ODD_TEXTS))
def test_unusual_text_gets_a_reply_and_is_stored_verbatim(
    servers: AssistantServers, text: str
) -> None:
    visitor = new_sender("odd")
    reply = servers.send(visitor, text)
    assert reply and all(texts(reply)), reply
    assert not any("<script" in t.lower() or "onerror" in t.lower() for t in texts(reply))
    assert user_texts(servers.tracker(visitor)) == [text]


def test_control_characters_are_dropped_from_messages(servers: AssistantServers) -> None:
    visitor = new_sender("ctrl")
    assert servers.send(visitor, "does it\u0000 hurt?\u0007")
    assert user_texts(servers.tracker(visitor)) == ["does it hurt?"]


def test_sender_ids_with_unicode_and_max_length_work(servers: AssistantServers) -> None:
    for visitor in ["ü-名前-🙂-" + new_sender("u"), "s" * MAX_SENDER_CHARS]:
        assert servers.send(visitor, "hello")
        assert servers.stored_user_texts(visitor) == ["hello"]


def test_wrong_method_and_content_type(servers: AssistantServers) -> None:
    assert requests.get(servers.webhook(), timeout=10).status_code in (404, 405)
    form = requests.post(servers.webhook(), data={"sender": "x", "message": "hi"}, timeout=10)
    assert form.status_code == 400
    assert_up(servers)


BURST_MESSAGES = [
    "hello",
    "what is mesotherapy?",
    "does it hurt?",
    "how many sessions do I need?",
    "what are the side effects?",
    "is it better than fillers?",
    "thanks",
    "are you a bot?",
    "how much does it cost?",
    "bye",
]


def test_burst_of_1000_messages_keeps_server_up_and_trackers_consistent(
    servers: AssistantServers,
) -> None:
    visitors = [new_sender(f"burst{i}") for i in range(100)]

    def conversation(visitor: str) -> List[int]:
        """Send one visitor's 10 messages in order; the HTTP status of each."""
        statuses = []
        for text in BURST_MESSAGES:
            response = requests.post(
                servers.webhook(), json={"sender": visitor, "message": text}, timeout=120
            )
            statuses.append(response.status_code)
            if response.status_code == 200:
                assert response.json(), f"no reply to {text!r}"
        return statuses

    statuses = parallel(conversation, visitors, workers=25)  # 100 x 10 = 1,000 messages
    assert all(code == 200 for codes in statuses for code in codes)
    assert_up(servers)
    for visitor in visitors:
        assert user_texts(servers.tracker(visitor)) == BURST_MESSAGES


def test_concurrent_messages_of_one_conversation_are_all_stored_once(
    servers: AssistantServers,
) -> None:
    visitor = new_sender("same")
    messages = [f"does it hurt? ({n})" for n in range(5)]

    def send(text: str) -> Dict[str, Any]:
        """Send one message, return its status."""
        response = requests.post(
            servers.webhook(), json={"sender": visitor, "message": text}, timeout=120
        )
        return {"status": response.status_code, "reply": response.json()}

    results = parallel(send, messages, workers=len(messages))
    assert all(r["status"] == 200 and r["reply"] for r in results)
    tracker = servers.tracker(visitor)
    assert sorted(user_texts(tracker)) == sorted(messages)
    kinds = [e["event"] for e in tracker["events"] if e["event"] in ("user", "bot")]
    # every message is answered before the next one is handled (the lock serialises them)
    assert kinds[0] == "user" and kinds[-1] == "bot"
    assert "user" not in [kinds[i + 1] for i, k in enumerate(kinds[:-1]) if k == "user"]


def test_stream_mode_still_works(servers: AssistantServers) -> None:
    response = requests.post(
        servers.webhook(),
        params={"stream": "true"},
        json={"sender": new_sender("stream"), "message": "hello"},
        timeout=60,
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/event-stream")
    lines = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    assert lines and all(line.get("text") for line in lines)
