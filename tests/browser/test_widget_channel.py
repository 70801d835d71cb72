"""The widget's socket.io channel (channels/widget.py) spoken to directly, without a browser.

The clients are python-socketio's asyncio clients, each test's coroutine run on its own
event loop in a worker thread: the session's sync Playwright keeps a loop in this thread.
"""

from __future__ import annotations

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable, Dict, List, TypeVar

import pytest
import socketio
from websockets.exceptions import InvalidStatusCode
from websockets.legacy.client import connect as ws_connect
from websockets.typing import Origin

from channels.limits import MAX_MESSAGE_CHARS, TOO_LONG_REPLY, message_problem
from channels.session_ids import is_signed
from channels.widget import public_config
from tests.browser.conftest import Stack

NOT_TEXT = message_problem(None)
T = TypeVar("T")


def run(scenario: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine function to completion on a fresh event loop in another thread."""

    async def main() -> T:
        return await scenario()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, main()).result(timeout=300)


class Visitor:
    """A socket.io client that records the bot's messages and turn ends."""

    def __init__(self) -> None:
        self.client = socketio.AsyncClient(reconnection=False)
        self.messages: List[Dict[str, Any]] = []
        self.session_ids: List[str] = []
        self.turns: asyncio.Queue[None] = asyncio.Queue()
        self.confirmed = asyncio.Event()
        self.client.on("bot_uttered", self._on_message)
        self.client.on("bot_turn_done", self._on_turn_done)
        self.client.on("session_confirm", self._on_confirm)

    async def _on_message(self, data: Dict[str, Any]) -> None:
        self.messages.append(data)

    async def _on_turn_done(self, *_: Any) -> None:
        self.turns.put_nowait(None)

    async def _on_confirm(self, session_id: Any) -> None:
        self.session_ids.append(session_id)
        self.confirmed.set()

    async def connect(self, url: str, origin: str) -> None:
        # polling: the client's websocket transport needs a newer aiohttp than Rasa's
        await self.client.connect(url, headers={"Origin": origin}, transports=["polling"])

    async def close(self) -> None:
        # abort: a polling client would otherwise wait for its pending long-poll (~25 s)
        await self.client.eio.disconnect(abort=True)

    async def start_session(self, data: Any) -> str:
        self.confirmed.clear()
        await self.client.emit("session_request", data)
        await asyncio.wait_for(self.confirmed.wait(), 10)
        return self.session_ids[-1]

    async def say(self, data: Any) -> List[Dict[str, Any]]:
        """Send a user_uttered event; the bot messages of the turn it causes."""
        start = len(self.messages)
        await self.client.emit("user_uttered", data)
        await asyncio.wait_for(self.turns.get(), 60)
        return self.messages[start:]


async def connected_visitor(stack: Stack) -> Visitor:
    visitor = Visitor()
    await visitor.connect(stack.rasa_url, stack.demo_origin)
    return visitor


@pytest.mark.servers
def test_malformed_events_get_clear_replies(stack: Stack) -> None:
    async def scenario() -> None:
        visitor = await connected_visitor(stack)
        try:
            session_id = await visitor.start_session({"session_id": f"pytest-{uuid.uuid4().hex}"})
            cases = [
                (42, NOT_TEXT),
                ("just a string", NOT_TEXT),
                ([1, 2, 3], NOT_TEXT),
                ({"message": 7, "session_id": session_id}, NOT_TEXT),
                ({"message": None, "session_id": session_id}, NOT_TEXT),
                ({"message": {"text": "hi"}, "session_id": session_id}, NOT_TEXT),
                (
                    {"message": "x" * (MAX_MESSAGE_CHARS + 1), "session_id": session_id},
                    TOO_LONG_REPLY,
                ),
            ]
            for data, expected in cases:
                replies = await visitor.say(data)
                assert [reply.get("text") for reply in replies] == [expected], data
            # malformed metadata is dropped, not fatal; the server still answers normally
            replies = await visitor.say(
                {"message": "hello", "session_id": session_id, "metadata": "{not json"}
            )
            assert replies and all(isinstance(reply.get("text"), str) for reply in replies)
        finally:
            await visitor.close()

    run(scenario)


@pytest.mark.servers
def test_session_ids_are_issued_and_signed_by_the_server(stack: Stack) -> None:
    async def scenario() -> None:
        visitor = await connected_visitor(stack)
        try:
            mine = await visitor.start_session(None)
            assert is_signed(mine)
            # after a reload the widget offers its id again and keeps its conversation
            assert await visitor.start_session({"session_id": mine}) == mine
            forged = "0" * 32 + "." + "0" * 32
            for bad in (
                5,
                "x",
                {"session_id": f"pytest-{uuid.uuid4().hex}"},  # made up: not issued here
                {"session_id": forged},
                {"session_id": mine[:-1] + ("0" if mine[-1] != "0" else "1")},
                {"session_id": "../../etc/passwd"},
                {"session_id": "a" * 500},
            ):
                given = await visitor.start_session(bad)
                assert is_signed(given) and given != mine, bad
        finally:
            await visitor.close()

    run(scenario)


@pytest.mark.servers
def test_attack_a_guessed_or_stolen_looking_id_never_reaches_another_conversation(
    stack: Stack,
) -> None:
    """A second socket naming a victim's id, forged or in a message, gets its own
    conversation: it never receives the victim's replies nor posts into the victim's."""

    async def scenario() -> None:
        victim, attacker = await connected_visitor(stack), await connected_visitor(stack)
        try:
            victim_id = await victim.start_session(None)
            assert await victim.say({"message": "hello", "session_id": victim_id})
            victim_seen = len(victim.messages)
            # unsigned forms of the id (what a guess looks like) get a new conversation
            raw = victim_id.split(".")[0]
            for guess in (raw, raw + ".", raw + "." + "f" * 32):
                assert await attacker.start_session({"session_id": guess}) != victim_id
            # a message that names the victim's id goes to the attacker's own conversation
            replies = await attacker.say({"message": "hello again", "session_id": victim_id})
            assert replies
            await asyncio.sleep(0)  # let any misrouted emit arrive before looking
            assert len(victim.messages) == victim_seen
            assert stack.user_texts(victim_id) == ["hello"]
        finally:
            await victim.close()
            await attacker.close()

    run(scenario)


@pytest.mark.servers
def test_other_origins_cannot_connect(stack: Stack) -> None:
    async def scenario() -> None:
        intruder = socketio.AsyncClient(reconnection=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await intruder.connect(
                stack.rasa_url, headers={"Origin": stack.bad_origin}, transports=["polling"]
            )
        assert not intruder.connected

        url = stack.rasa_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        with pytest.raises(InvalidStatusCode) as refused:
            async with ws_connect(url, origin=Origin(stack.bad_origin)):
                pass
        assert refused.value.status_code == 400
        async with ws_connect(url, origin=Origin(stack.demo_origin)) as socket:
            handshake = await asyncio.wait_for(socket.recv(), 10)
            assert str(handshake).startswith("0{")  # engine.io "open" packet

    run(scenario)


def test_public_config_keeps_only_public_checked_fields() -> None:
    config = public_config(
        {
            "name": "Clinic",
            "assistant_name": "Lumi",
            "welcome": "Hi",
            "emergency_number": "999",
            "urgent_phone": "+44 20 0000 0001",
            "booking_url": "javascript:alert(1)",
            "logo_url": "https://example.test/logo.png",
            "allowed_origins": ["http://localhost:8000"],
            "smtp_password": "secret",
            "colors": {"primary": "#123456", "background": "red; } body { display:none"},
        }
    )
    assert config["name"] == "Clinic"
    # the safety routing is shown by the widget too
    assert config["emergency_number"] == "999" and config["urgent_phone"] == "+44 20 0000 0001"
    assert config["logo_url"] == "https://example.test/logo.png"
    assert "booking_url" not in config
    assert "allowed_origins" not in config and "smtp_password" not in config
    assert config["colors"] == {"primary": "#123456"}
    assert config["max_message_chars"] == MAX_MESSAGE_CHARS
