"""Guards for the whole Rasa server, installed by the project's channels when they register.

A channel's blueprint is Rasa's public extension point that receives the Sanic app, so
whichever of the project's channels credentials.yml configures installs these once:

- `GET /` says the server is up without naming Rasa's exact version, and `GET /version`
  answers only with the API token (Rasa answers both to anyone).

The body-size limit is Sanic's (`SANIC_REQUEST_MAX_SIZE`, set by the launcher), the API token
Rasa's own (`--enable-api`, the token added by the launcher in-process).
"""

from __future__ import annotations

import hmac
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


def install(app: Sanic) -> None:
    """Install the guards on the app once, whichever channel registers first."""
    if getattr(app.ctx, "meso_guards", False):
        return
    app.ctx.meso_guards = True
    app.register_middleware(_hide_version, "request")
