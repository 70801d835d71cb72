"""REST channel that validates what it receives before Rasa sees it.

Registered in credentials.yml as `channels.rest.SafeRestInput` in place of `rest:`; its
name is still "rest", so the URL stays POST /webhooks/rest/webhook with the same body
({"sender": "...", "message": "...", "metadata": {...}}) and the same reply (a JSON list
of bot messages). Differences from Rasa's stock RestInput, which passes anything through:

- 400 with {"error": "..."} for a body that is not UTF-8 JSON, not a JSON object, a
  missing or non-string `message`, a missing, empty, non-string, over-long (> 128
  characters) or control-character `sender`, text that is not valid Unicode (lone
  surrogates), or a non-object `metadata`; 413 for a body over 1 MiB or `metadata` over
  channels/limits.MAX_METADATA_CHARS characters of JSON (it is stored with every event).
- A message starting with `/` reaches Rasa as an intent payload only when it is exactly
  one the assistant's buttons send; any other is read as plain text (channels/limits.py).
- An empty or blank message, or one that channels/limits.message_problem() refuses (too
  long), gets a clear reply (200) and is never sent to Rasa or stored.
- Access (`check_access`): the API token when the settings require it (the deployment
  does), and never a widget conversation without it: 401 / 403.
- Errors are logged without the visitor's text (it may be health information).
- Before Rasa parses a message, channels/prefetch.py computes its sentence embedding in a
  worker thread.

The channel installs nothing in Rasa: forget-me deletion is the tracker store's
(meso/tracker_store.py), the server hooks are the launcher's (meso/server/hooks.py).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Optional, Tuple, Union

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from channels import app_guards, prefetch, session_ids
from channels.limits import (
    MAX_METADATA_CHARS,
    MAX_SENDER_CHARS,
    as_visitor_text,
    message_problem,
)
from meso import settings

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
EMPTY_REPLY = "It looks like your message was empty. What would you like to know about mesotherapy?"
# C0 control characters other than tab and newlines, and DEL: dropped from messages.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class BadRequest(Exception):
    """A request the channel refuses, with its HTTP status and a reason for the client."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def is_unicode_text(value: str) -> bool:
    """Whether a string can be encoded as UTF-8 (no lone surrogates from JSON escapes)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_body(raw: bytes) -> Dict[str, Any]:
    """The request body as a JSON object, or BadRequest."""
    if len(raw) > MAX_BODY_BYTES:
        raise BadRequest(f"request body larger than {MAX_BODY_BYTES} bytes", status=413)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest("request body must be UTF-8 encoded JSON") from exc
    try:
        body = json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep
        raise BadRequest("request body must be valid JSON") from exc
    if not isinstance(body, dict):
        raise BadRequest("request body must be a JSON object")
    return body


def validated_sender(body: Dict[str, Any]) -> str:
    """The `sender` field, or BadRequest when it is missing or unusable."""
    sender = body.get("sender")
    if sender is None:
        raise BadRequest("'sender' is required")
    if not isinstance(sender, str):
        raise BadRequest("'sender' must be a string")
    if not sender.strip():
        raise BadRequest("'sender' must not be empty")
    if len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f"'sender' must be at most {MAX_SENDER_CHARS} characters")
    if not is_unicode_text(sender) or any(
        unicodedata.category(char) in ("Cc", "Cs") for char in sender
    ):
        raise BadRequest("'sender' must be printable text")
    return sender


def validated_message(body: Dict[str, Any]) -> str:
    """The `message` field without control characters, or BadRequest."""
    message = body.get("message")
    if message is None:
        raise BadRequest("'message' is required")
    if not isinstance(message, str):
        raise BadRequest("'message' must be a string")
    if not is_unicode_text(message):
        raise BadRequest("'message' must be valid Unicode text")
    return as_visitor_text(CONTROL_CHARS.sub("", message))


def validated_metadata(body: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The optional `metadata` object, or BadRequest."""
    metadata = body.get("metadata")
    if metadata is None:
        return None
    if not isinstance(metadata, dict):
        raise BadRequest("'metadata' must be a JSON object")
    if len(json.dumps(metadata)) > MAX_METADATA_CHARS:
        raise BadRequest(f"'metadata' must be at most {MAX_METADATA_CHARS} characters of JSON", 413)
    return metadata


def check_access(request: Request, sender: str) -> None:
    """BadRequest (401/403) when this request may not speak in this conversation.

    The REST channel is for trusted programs (tests, `make chat`, integrations): with
    `$MESO_REST_REQUIRES_TOKEN` (set by the deployment) every request needs the API token;
    and without the token it never reaches a conversation the widget's server issued
    (channels/session_ids.py), so knowing a visitor's id is not enough to read or steer it.
    """
    if app_guards.has_api_token(request):
        return
    if settings.rest_requires_token():
        raise BadRequest("this channel needs the API token (Authorization: Bearer ...)", 401)
    if session_ids.looks_signed(sender):
        raise BadRequest("this conversation belongs to the website chat", 403)


def error_response(reason: str, status: int = 400) -> HTTPResponse:
    """A JSON error reply."""
    return response.json({"error": reason}, status=status)


def local_reply(sender: str, text: str) -> HTTPResponse:
    """A reply given by the channel itself, in the REST channel's format."""
    return response.json([{"recipient_id": sender, "text": text}])


class GuardedBlueprint(Blueprint):
    """A blueprint that installs the server-wide guards (channels/app_guards.py)."""

    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        """Install the guards on the app, then register the routes."""
        app_guards.install(app)
        super().register(app, options)


class SafeRestInput(RestInput):
    """Rasa's REST channel with input validation and a message length cap."""

    @classmethod
    def name(cls) -> str:
        """Channel name: "rest", so the URL stays /webhooks/rest/webhook."""
        return "rest"

    def parse_request(self, request: Request) -> Tuple[str, str, Optional[Dict[str, Any]]]:
        """Sender, message text and metadata of a request, or BadRequest."""
        body = parse_body(request.body or b"")
        return validated_sender(body), validated_message(body), validated_metadata(body)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """The /webhooks/rest/ routes: a health check and the validated webhook."""
        webhook = GuardedBlueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            """Channel health check."""
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Union[ResponseStream, HTTPResponse]:
            """Validate a message, then hand it to Rasa and return the bot's replies."""
            try:
                sender, text, metadata = self.parse_request(request)
                check_access(request, sender)
            except BadRequest as refused:
                return error_response(refused.reason, refused.status)
            if not text.strip():
                return local_reply(sender, EMPTY_REPLY)
            problem = message_problem(text)
            if problem:
                return local_reply(sender, problem)
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(on_new_message, text, sender, self.name(), metadata),
                    content_type="text/event-stream",
                )
            return await self.handle(on_new_message, sender, text, metadata)

        return webhook

    async def handle(
        self,
        on_new_message: OnNewMessage,
        sender: str,
        text: str,
        metadata: Optional[Dict[str, Any]],
    ) -> HTTPResponse:
        """Run a message through Rasa and return the collected bot messages."""
        collector = CollectingOutputChannel()
        message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
        try:
            await prefetch.warm(message.text)
            await on_new_message(message)
        except CancelledError:
            logger.error("rest.message.timeout (message text not logged)")
            return error_response("the assistant took too long to answer", 503)
        except Exception as exc:  # noqa: BLE001 - reported to the client, server stays up
            logger.error("rest.message.failure: %s (message text not logged)", type(exc).__name__)
            logger.debug("rest.message.failure traceback", exc_info=True)
            return error_response("the assistant could not process this message", 500)
        return response.json(collector.messages)
