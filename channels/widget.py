"""The website chat widget's channel: socket.io with origin checks, plus the widget's routes.

Registered in credentials.yml as ``channels.widget.WidgetSocketIOInput`` (same settings as
Rasa's ``socketio`` channel). Compared with Rasa's own ``SocketIOInput`` it

- accepts socket.io connections only from the web origins in the clinic settings
  (``allowed_origins`` in clinic.yml, or the file named by $CLINIC_SETTINGS), read when the
  server starts. Rasa's channel creates ``AsyncServer(cors_allowed_origins=[])``, which makes
  engine.io skip the Origin check entirely; here engine.io gets the list, so a handshake
  from any other origin is answered ``400`` without an Access-Control-Allow-Origin header.
  The socket.io route marks its requests as CORS-handled so that sanic-cors (Rasa's
  ``--cors``) does not add a second Access-Control-Allow-Origin header (browsers reject
  a response that has two);
- applies the message limits shared by all channels (``channels.limits.message_problem``):
  a message that is too long, not text, or malformed gets a clear reply and never reaches
  Rasa; malformed events never crash the handler;
- awaits ``enter_room``, which is a coroutine in the python-socketio version Rasa 3.6
  installs (Rasa's channel does not await it, so its session persistence silently fails);
- issues the conversation ids and signs them (``channels/session_ids.py``): a
  ``session_request`` keeps a conversation only with an id this server issued, else starts a
  new one, so an id cannot be made up or guessed to read or steer another visitor's
  conversation; each socket's id is kept on the server, so a socket cannot post into another
  conversation by naming its id in a message;
- reads a message that starts with ``/`` as an intent payload only when it is one of the
  assistant's own buttons (``channels.limits.as_visitor_text``);
- emits ``bot_turn_done`` after the assistant has answered a message (the widget hides its
  typing indicator then) and ``conversation_forgotten`` after the "forget me" confirmation
  (the widget then clears the copy of the conversation kept in the browser);
- serves the widget: ``GET /widget/widget.js`` (the bundle built by ``npm run build`` in
  widget/) and ``GET /widget/config.json`` (the clinic's public settings, read from the
  clinic settings file at every request, so edits apply at the next page load).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, NamedTuple, Optional
from urllib.parse import urlsplit

import rasa.core.channels.channel
import yaml
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels import app_guards, prefetch, session_ids
from channels.limits import (
    MAX_METADATA_CHARS,
    as_visitor_text,
    message_problem,
)
from channels.session_ids import new_session_id
from meso import settings
from meso.settings import MAX_MESSAGE_CHARS

try:  # the flag sanic-cors sets on a request once its CORS headers are decided
    from sanic_cors.core import SANIC_CORS_EVALUATED
except ImportError:  # pragma: no cover - sanic-cors is a Rasa dependency
    SANIC_CORS_EVALUATED = "_sanic_cors_e"

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
WIDGET_BUNDLE = ROOT / "widget" / "dist" / "widget.js"
BOT_TURN_DONE_EVT = "bot_turn_done"
FORGOTTEN_EVT = "conversation_forgotten"
# Responses after which the server has deleted the conversation (meso/tracker_store.py):
# the widget then also forgets the messages it kept in the visitor's browser.
FORGET_RESPONSES = frozenset({"utter_forgotten"})
SORRY_ERROR = "Sorry, something went wrong on my side. Please try again in a moment."

# Clinic settings the widget may show; everything else in clinic.yml stays on the server.
PUBLIC_TEXT_FIELDS = (
    "name",
    "assistant_name",
    "welcome",
    "phone",
    "email",
    "address",
    "opening_hours",
    # safety routing: shown in the widget's footer, so a visitor in trouble sees them at once
    "emergency_number",
    "urgent_phone",
)
PUBLIC_URL_FIELDS = ("booking_url", "logo_url")
COLOR_FIELDS = ("primary", "primary_text", "background", "bot_bubble", "user_bubble")
_COLOR = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/deg-]{1,60}\))$"
)


def _public_url(value: Any) -> Optional[str]:
    """An absolute http(s) URL, or None (no javascript:, data: or relative URLs)."""
    if not isinstance(value, str) or not value.strip():
        return None
    parts = urlsplit(value.strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return value.strip()
    return None


def public_config(settings: Dict[str, Any]) -> Dict[str, Any]:
    """The part of the clinic settings the widget needs, with values checked."""
    config: Dict[str, Any] = {}
    for key in PUBLIC_TEXT_FIELDS:
        value = settings.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip()
            if text:
                config[key] = text
    for key in PUBLIC_URL_FIELDS:
        url = _public_url(settings.get(key))
        if url:
            config[key] = url
    raw_colors = settings.get("colors")
    colors: Dict[str, Any] = raw_colors if isinstance(raw_colors, dict) else {}
    config["colors"] = {
        key: str(colors[key]).strip()
        for key in COLOR_FIELDS
        if isinstance(colors.get(key), str) and _COLOR.match(str(colors[key]).strip())
    }
    config["max_message_chars"] = MAX_MESSAGE_CHARS
    return config


def _metadata(value: Any) -> Dict[str, Any]:
    """Client metadata when it is a small JSON object (or its JSON text), else nothing."""
    if isinstance(value, str):
        if len(value) > MAX_METADATA_CHARS:
            return {}
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    if not isinstance(value, dict):
        return {}
    try:
        if len(json.dumps(value)) > MAX_METADATA_CHARS:
            return {}
    except (TypeError, ValueError):
        return {}
    return value


class _Bundle(NamedTuple):
    etag: str
    raw: bytes
    gzipped: bytes


@lru_cache(maxsize=2)
def _read_bundle(path: Path, mtime_ns: int, size: int) -> _Bundle:
    raw = path.read_bytes()
    # weak: the same tag covers the plain and the gzip-encoded body
    etag = 'W/"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
    return _Bundle(etag, raw, gzip.compress(raw, compresslevel=9, mtime=0))


def _bundle() -> _Bundle:
    """The built widget (re-read when the file changes, e.g. after `npm run build`)."""
    stat = WIDGET_BUNDLE.stat()
    return _read_bundle(WIDGET_BUNDLE, stat.st_mtime_ns, stat.st_size)


class WidgetOutput(SocketIOOutput):
    """Rasa's socket.io output, plus the "conversation forgotten" signal for the widget."""

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        """Send a bot message; after a "forget me" confirmation, tell the widget."""
        forgotten = message.get("utter_action") in FORGET_RESPONSES
        await super().send_response(recipient_id, message)
        if forgotten:
            await self.sio.emit(FORGOTTEN_EVT, room=recipient_id)

    async def send_custom_json(
        self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any
    ) -> None:
        """Custom payloads as the event's data (Rasa's version passes them as keywords)."""
        await self._send_message(recipient_id, json_message)


class WidgetBlueprint(Blueprint):
    """Blueprint that attaches the socket.io server and the widget routes to the app root."""

    def __init__(
        self,
        sio: AsyncServer,
        socketio_path: str,
        origins: List[str],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Create the blueprint; `origins` get CORS headers on the widget routes."""
        super().__init__(*args, **kwargs)
        self.ctx.sio = sio
        self.ctx.socketio_path = socketio_path
        self.ctx.origins = origins

    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        """Add the socket.io endpoint and /widget/* at the root of the app, then the blueprint."""
        sio: AsyncServer = self.ctx.sio

        async def widget_socketio(request: Request) -> Any:
            # engine.io checks the Origin and writes the CORS headers itself
            setattr(request.ctx, SANIC_CORS_EVALUATED, "1")
            return await sio.handle_request(request)

        async def widget_js(request: Request) -> HTTPResponse:
            if not WIDGET_BUNDLE.is_file():
                resp = response.text(
                    "The chat widget is not built: run `make install` "
                    "(or `npm ci && npm run build` in widget/).",
                    status=404,
                )
                return self._cors(request, resp)
            bundle = _bundle()
            headers = {
                "Cache-Control": "no-cache",
                "ETag": bundle.etag,
                "X-Content-Type-Options": "nosniff",
                "Vary": "Accept-Encoding",
            }
            if_none_match = request.headers.get("if-none-match", "")
            if bundle.etag in (tag.strip() for tag in if_none_match.split(",")):
                return self._cors(request, HTTPResponse(status=304, headers=headers))
            body = bundle.raw
            if "gzip" in request.headers.get("accept-encoding", ""):
                body = bundle.gzipped
                headers["Content-Encoding"] = "gzip"
            resp = response.raw(
                body, headers=headers, content_type="application/javascript; charset=utf-8"
            )
            return self._cors(request, resp)

        async def widget_config(request: Request) -> HTTPResponse:
            try:
                config = public_config(settings.read_clinic_file())
            except (OSError, ValueError, yaml.YAMLError) as error:
                logger.error("Cannot read the clinic settings for the widget: %s", error)
                resp = response.json({"error": "clinic settings unavailable"}, status=500)
                return self._cors(request, resp)
            resp = response.json(
                config, headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
            )
            return self._cors(request, resp)

        app_guards.install(app)
        path = "/" + self.ctx.socketio_path.strip("/") + "/"
        app.add_route(
            widget_socketio, path, methods=["GET", "POST", "OPTIONS"], name="widget_socketio"
        )
        app.add_route(widget_js, "/widget/widget.js", methods=["GET"], name="widget_js")
        app.add_route(widget_config, "/widget/config.json", methods=["GET"], name="widget_config")
        try:
            app.enable_websocket()
        except AttributeError:  # pragma: no cover - older Sanic
            pass
        super().register(app, options)

    def _cors(self, request: Request, resp: HTTPResponse) -> HTTPResponse:
        """CORS headers for the configured origins only (and none from sanic-cors)."""
        setattr(request.ctx, SANIC_CORS_EVALUATED, "1")
        origin = request.headers.get("origin")
        vary = resp.headers.get("Vary")
        resp.headers["Vary"] = f"{vary}, Origin" if vary else "Origin"
        if origin and origin in self.ctx.origins:
            resp.headers["Access-Control-Allow-Origin"] = origin
        return resp


class WidgetSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel, restricted to the clinic's origins and the message limits."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Same settings as Rasa's socketio channel (credentials.yml)."""
        super().__init__(*args, **kwargs)
        self.origins: List[str] = []

    def get_output_channel(self) -> Optional[OutputChannel]:
        """The output for messages sent from outside a turn (e.g. the HTTP API)."""
        if self.sio is None:
            return super().get_output_channel()
        return WidgetOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The socket.io server (origin-checked) and the widget routes."""
        self.origins = settings.allowed_origins()
        if not self.origins:
            logger.warning(
                "No allowed_origins in %s: the chat widget will accept no web page.",
                settings.clinic_file(),
            )
        # A list (even an empty one would disable the check, hence the placeholder) makes
        # engine.io refuse handshakes whose Origin header is not in it.
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=self.origins or ["null-origin-placeholder"],
            cors_credentials=False,
        )
        blueprint = WidgetBlueprint(
            sio, self.socketio_path or "/socket.io", self.origins, "socketio_webhook", __name__
        )
        self.sio = sio
        namespace = self.namespace

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=namespace)
        async def connect(sid: str, environ: Dict, auth: Optional[Dict] = None) -> bool:
            if not self.jwt_key:
                logger.debug("Widget socket %s connected.", sid)
                return True
            token = auth.get("token") if isinstance(auth, dict) else None
            payload = None
            if isinstance(token, str) and token:
                payload = rasa.core.channels.channel.decode_bearer_token(
                    token, self.jwt_key, self.jwt_algorithm
                )
            return bool(payload)

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: str, *_: Any) -> None:
            logger.debug("Widget socket %s disconnected.", sid)

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            # only an id this server issued: a made-up or another visitor's guessed id
            # gets a new conversation (channels/session_ids.py)
            session_id = requested if session_ids.is_signed(requested) else new_session_id()
            await self._join(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            try:
                await self._handle_message(sid, data, on_new_message)
            except Exception:  # never let one bad event break the socket
                logger.exception("Widget socket %s: error while handling a message", sid)
                await self._reply(sid, SORRY_ERROR)

        return blueprint

    async def _session_of(self, sid: str) -> Optional[str]:
        """The conversation id a socket joined with `session_request`, if any."""
        assert self.sio is not None
        try:
            session = await self.sio.get_session(sid, namespace=self.namespace)
        except KeyError:
            return None
        value = session.get("session_id") if isinstance(session, dict) else None
        return value if isinstance(value, str) else None

    async def _join(self, sid: str, session_id: str) -> None:
        """Attach a socket to a conversation (leaving the one it was in)."""
        assert self.sio is not None
        previous = await self._session_of(sid)
        if self.session_persistence:
            if previous and previous != session_id:
                await self.sio.leave_room(sid, previous, namespace=self.namespace)
            await self.sio.enter_room(sid, session_id, namespace=self.namespace)
        await self.sio.save_session(sid, {"session_id": session_id}, namespace=self.namespace)

    async def _recipient(self, sid: str) -> str:
        """Where replies go: the conversation's room (all its tabs) or this socket."""
        if self.session_persistence:
            return await self._session_of(sid) or sid
        return sid

    async def _reply(self, sid: str, text: str) -> None:
        """Answer a socket directly, without involving Rasa."""
        assert self.sio is not None
        room = await self._recipient(sid)
        namespace = self.namespace
        await self.sio.emit(self.bot_message_evt, {"text": text}, room=room, namespace=namespace)
        await self.sio.emit(BOT_TURN_DONE_EVT, room=room, namespace=namespace)

    async def _handle_message(
        self,
        sid: str,
        data: Any,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        assert self.sio is not None
        if not isinstance(data, dict):
            await self._reply(sid, message_problem(None) or SORRY_ERROR)
            return
        text = data.get("message")
        problem = message_problem(text)
        if problem:
            await self._reply(sid, problem)
            return
        assert isinstance(text, str)
        text = as_visitor_text(text)
        if not text.strip():
            return

        if self.session_persistence:
            sender_id = await self._session_of(sid)
            if sender_id is None:
                # a client that skipped `session_request`: only with an id the server issued
                proposed = data.get("session_id")
                if not session_ids.is_signed(proposed):
                    logger.warning("Widget socket %s sent a message without a session.", sid)
                    await self._reply(sid, SORRY_ERROR)
                    return
                await self._join(sid, proposed)
                sender_id = proposed
        else:
            sender_id = sid

        output_channel = WidgetOutput(self.sio, self.bot_message_evt)
        message = UserMessage(
            text,
            output_channel,
            sender_id,
            input_channel=self.name(),
            metadata=_metadata(data.get(self.metadata_key)),
        )
        try:
            await prefetch.warm(message.text)
            await on_new_message(message)
        finally:
            await self.sio.emit(BOT_TURN_DONE_EVT, room=sender_id, namespace=self.namespace)
