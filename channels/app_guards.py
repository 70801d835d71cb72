"""Guards for the whole Rasa server, installed by the project's channels when they register.

A channel's blueprint is Rasa's public extension point that receives the Sanic app, so
whichever of the project's channels credentials.yml configures installs these once:

- `GET /` says the server is up without naming Rasa's exact version, and `GET /version`
  answers only with the API token (Rasa answers both to anyone);
- a JSON body nested too deep for Python's parser is a 400 on every route, not a 500 with a
  traceback in the log.

The body-size limit is Sanic's (`SANIC_REQUEST_MAX_SIZE`, set by the launcher), the API token
Rasa's own (`--enable-api`, the token added by the launcher in-process).
"""

from __future__ import annotations

import hmac
import json
from typing import Optional

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from meso import settings

UP_TEXT = "Hello from the clinic's assistant: it is up and running."


def has_api_token(request: Request) -> bool:
    """Whether a request carries Rasa's API token (`?token=` or `Authorization: Bearer`)."""
    sent = request.args.get("token") or ""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        sent = header[7:].strip()
    return bool(sent) and hmac.compare_digest(
        sent.encode("utf-8"), settings.auth_token().encode("utf-8")
    )


async def _hide_version(request: Request) -> Optional[HTTPResponse]:
    if request.method not in ("GET", "HEAD"):
        return None
    if request.path == "/":
        return response.text(UP_TEXT)
    if request.path == "/version" and not has_api_token(request):
        return response.json({"error": "not found"}, status=404)
    return None


TOO_DEEP = {"error": "the request body is nested too deeply"}
# Bodies with more brackets than this are parsed once here to see whether Python's parser
# can; below it, no body can be nested deep enough to fail.
BRACKETS_TO_CHECK = 500


def _too_deep(request: Request, exception: Exception) -> HTTPResponse:
    return response.json(TOO_DEEP, status=400)


async def _refuse_deep_json(request: Request) -> Optional[HTTPResponse]:
    """400 for a JSON body nested too deep to parse, before any route.

    Rasa's API routes answer a parser's RecursionError with a 500.
    """
    body = request.body or b""
    if body.count(b"[") + body.count(b"{") <= BRACKETS_TO_CHECK:
        return None
    try:
        json.loads(body)
    except RecursionError:
        return response.json(TOO_DEEP, status=400)
    except ValueError:
        return None  # not JSON (or not this check's business): the route decides
    return None


def install(app: Sanic) -> None:
    """Install the guards on the app once, whichever channel registers first."""
    if getattr(app.ctx, "meso_guards", False):
        return
    app.ctx.meso_guards = True
    app.register_middleware(_hide_version, "request")
    app.register_middleware(_refuse_deep_json, "request")
    app.error_handler.add(RecursionError, _too_deep)
