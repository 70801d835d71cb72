"""Scale-out: two Rasa servers share PostgreSQL (tracker store) and Redis (lock store).

20 concurrent conversations alternate turn by turn between server A and server B (the
same sender id on both), then the `events` table must hold every turn once, in order,
with the bot's replies exactly as the visitor received them.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import redis

from meso.tools import serve
from tests.integration.servers import (
    AssistantServers,
    PostgresServer,
    RedisServer,
    new_sender,
    parallel,
    texts,
)

pytestmark = [pytest.mark.scale, pytest.mark.servers, pytest.mark.model]

CONVERSATIONS = 20
QUESTIONS = {f"utter_ask_screen_{s}" for s in ("pregnancy", "chronic", "bleeding", "skin", "pain")}


TURNS = [
    "hello",
    "what is mesotherapy?",
    "/check_eligibility",
    "no",
    "no",
    "no",
    "no",
    "no",
]


@pytest.fixture(scope="module")
def scaled(
    model: Path, workdir: Path, postgres: PostgresServer, redis_server: RedisServer
) -> Iterator[AssistantServers]:
    """Two Rasa servers and one action server on deploy/endpoints.scale.yml."""
    folder = workdir / "scale"
    folder.mkdir()
    stack = AssistantServers(
        model,
        folder,
        serve.ROOT / "deploy" / "endpoints.scale.yml",
        rasa_servers=2,
        # the action server requires the secret, the Rasa servers send it (endpoints file)
        extra_env={
            **postgres.env(),
            **redis_server.env(),
            "MESO_ACTION_SECRET": secrets.token_urlsafe(16),
        },
    )
    try:
        stack.start()
        yield stack
    finally:
        stack.close()


def stored_events(postgres: PostgresServer, visitor: str) -> List[Dict[str, Any]]:
    """A conversation's rows of the `events` table, in insertion (id) order."""
    with postgres.connect() as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT id, type_name, timestamp, data FROM events WHERE sender_id = %s ORDER BY id",
            (visitor,),
        )
        rows = cursor.fetchall()
    return [
        {"id": row[0], "type": row[1], "timestamp": row[2], **json.loads(row[3])} for row in rows
    ]


def joined(turns: List[List[str]]) -> List[str]:
    """Each turn's bot text, paragraphs re-joined."""
    return ["\n\n".join(text.strip() for text in turn) for turn in turns]


def turn_diff(stored: List[List[str]], received: List[List[str]]) -> str:
    """The turns whose stored and received bot messages differ, shortened."""
    lines = []
    for number, (mine, theirs) in enumerate(zip(stored, received, strict=False)):
        if mine != theirs:
            lines.append(f"turn {number} ({TURNS[number]!r}): stored {[t[:50] for t in mine]}")
            lines.append(f"{'':>{len(str(number)) + 5}} received {[t[:50] for t in theirs]}")
    return "\n".join(lines) or f"{len(stored)} stored turns, {len(received)} received"


def test_conversations_alternating_between_servers_are_stored_once_in_order(
    scaled: AssistantServers,
    postgres: PostgresServer,
    redis_server: RedisServer,
    domain_responses: Dict[str, str],
) -> None:
    visitors = [new_sender(f"scale{i}") for i in range(CONVERSATIONS)]

    def converse(visitor: str) -> List[List[str]]:
        """All turns of one conversation, alternating servers; the replies of each turn."""
        first = visitors.index(visitor) % 2  # half start on A, half on B
        return [
            texts(scaled.send(visitor, text, index=(first + turn) % 2))
            for turn, text in enumerate(TURNS)
        ]

    replies = dict(zip(visitors, parallel(converse, visitors, workers=CONVERSATIONS), strict=True))

    for visitor in visitors:
        received = replies[visitor]
        # the check's state moved between the servers: answers given alternately to A and
        # B led from its first question (turn 3) to its summary
        questions = {text for name, text in domain_responses.items() if name in QUESTIONS}
        assert questions & set(received[2]), received[2]
        summary = [
            i
            for i, turn in enumerate(received)
            if domain_responses["utter_screening_disclaimer"] in turn
        ]
        assert summary and summary[0] > 3, received

        events = stored_events(postgres, visitor)
        users = [e for e in events if e["type"] == "user"]
        assert [e["text"] for e in users] == TURNS  # every turn once, in order
        assert [e["type"] for e in events].count("session_started") == 1
        stamps = [e["timestamp"] for e in events]
        assert stamps == sorted(stamps)  # insertion order is conversation order

        # the bot messages stored for each turn are exactly the ones the visitor got (the
        # REST channel sends each paragraph of a message without buttons separately)
        stored_turns: List[List[str]] = []
        for event in events:
            if event["type"] == "user":
                stored_turns.append([])
            elif event["type"] == "bot" and stored_turns:
                stored_turns[-1].append(event.get("text") or "")
        assert joined(stored_turns) == joined(received), turn_diff(stored_turns, received)
        assert events[-1]["type"] == "action" and events[-1]["name"] == "action_listen"

    # "forget me" on the other server deletes the whole conversation from PostgreSQL
    forgotten = visitors[0]
    reply = texts(scaled.send(forgotten, "delete my data", index=len(TURNS) % 2))
    assert domain_responses["utter_forgotten"] in reply
    assert stored_events(postgres, forgotten) == []
    assert len(stored_events(postgres, visitors[1])) > len(TURNS)

    # both servers and Redis did the work
    logs = [scaled.rasa_log(i).read_text("utf-8", "replace") for i in (0, 1)]
    assert all("Rasa server is up and running" in log for log in logs)
    stats = redis.Redis(host="127.0.0.1", port=redis_server.port).info("stats")
    assert stats["total_commands_processed"] >= CONVERSATIONS * len(TURNS)
