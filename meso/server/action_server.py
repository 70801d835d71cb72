"""The action server's guards, attached through rasa_sdk's plugin hook.

rasa_sdk's public extension point (`rasa_sdk.plugin`, a pluggy hook called with the Sanic
app before it runs) carries them; `meso actions` registers this module with it.

- **Shared secret** (scale-out): when `$MESO_ACTION_SECRET` is set, every request but the
  health check must carry it in `X-Meso-Action-Secret` (the Rasa servers send it: the
  `headers` of `action_endpoint` in deploy/endpoints.scale.yml), else 401. Compared in
  constant time.
- **Errors**: rasa_sdk's own handler answers an exception with a 500 that echoes the request
  body (a visitor's tracker); here errors say what went wrong, never what was sent. A body
  that is not JSON, or nested too deep for the parser, gets a 400.
- **Metrics**: each `/webhook` request is counted and timed by action name and status
  class (meso/metrics.py; served on `$MESO_METRICS_PORT` by the launcher).
- Where it listens (loopback unless `$MESO_ACTION_HOST`) is the launcher's (launcher.py).
- **Booking requests** (meso/booking/): the delivery worker runs as a background task of
  the server's loop, started after the server starts and stopped before it stops
  (`$MESO_BOOKING_WORKER=false` leaves it out, e.g. for a dedicated `meso requests deliver`).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import sys
import time
from typing import Any, Optional

import pluggy
from sanic import Sanic, response
from sanic.exceptions import InvalidUsage, SanicException
from sanic.request import Request
from sanic.response import BaseHTTPResponse, HTTPResponse

from meso import metrics, settings

logger = logging.getLogger(__name__)

AUTH_HEADER_NAME = "X-Meso-Action-Secret"
OPEN_PATHS = frozenset({"/health"})
hookimpl = pluggy.HookimplMarker("rasa_sdk")


def secret_problem(request: Request, secret: Optional[str]) -> Optional[HTTPResponse]:
    """A 401 for a request without the shared secret, when one is configured."""
    if not secret or request.path in OPEN_PATHS:
        return None
    sent = request.headers.get(AUTH_HEADER_NAME, "")
    if hmac.compare_digest(sent.encode("utf-8"), secret.encode("utf-8")):
        return None
    return response.json({"error": "unauthorised"}, status=401)


def error_reply(request: Request, exception: Exception) -> HTTPResponse:
    """An error as JSON, without the request body."""
    if isinstance(exception, (RecursionError, ValueError, InvalidUsage)):
        return response.json({"error": "the request body must be valid JSON"}, status=400)
    if isinstance(exception, SanicException):
        status = int(getattr(exception, "status_code", 500) or 500)
        return response.json({"error": str(exception) or "error"}, status=status)
    logger.error("action server error: %s (request body not logged)", type(exception).__name__)
    return response.json({"error": "the action server could not run this action"}, status=500)


@hookimpl
def attach_sanic_app_extensions(app: Sanic) -> None:
    """Add the secret check and replace rasa_sdk's error handler (called by rasa_sdk)."""
    secret = settings.action_secret()

    async def require_secret(request: Request) -> Optional[HTTPResponse]:
        return secret_problem(request, secret)

    async def start_clock(request: Request) -> None:
        request.ctx.meso_started = time.perf_counter()

    async def count_action(request: Request, reply: BaseHTTPResponse) -> None:
        started = getattr(request.ctx, "meso_started", None)
        if started is None or request.path != "/webhook":
            return
        try:  # the action's name only (parsed by rasa_sdk already); never the tracker
            action = (request.json or {}).get("next_action")
        except Exception:  # noqa: BLE001 - a body that is not JSON has no action name
            action = None
        metrics.observe_action(action, int(reply.status), time.perf_counter() - started)

    app.register_middleware(require_secret, "request")
    app.register_middleware(start_clock, "request")
    app.register_middleware(count_action, "response")
    app.error_handler.add(Exception, error_reply)
    if settings.booking_worker_enabled():
        app.register_listener(start_booking_worker, "after_server_start")
        app.register_listener(stop_booking_worker, "before_server_stop")
    logger.info(
        "action server guards: shared secret %s, errors without request bodies",
        "required" if secret else "not configured (listening on loopback only)",
    )


async def start_booking_worker(app: Sanic, loop: Any) -> None:
    """Start delivering booking requests in the background (not if the settings are wrong)."""
    from meso.booking.delivery import DeliveryWorker
    from meso.booking.store import BookingStoreError

    try:
        worker = DeliveryWorker.from_settings()
    except (ValueError, BookingStoreError) as error:
        logger.error("booking requests will not be delivered: %s", error)
        return
    app.ctx.booking_stop = asyncio.Event()
    app.ctx.booking_task = loop.create_task(worker.run(app.ctx.booking_stop))


async def stop_booking_worker(app: Sanic, loop: Any) -> None:
    """Let the worker finish the request it is sending, then stop it."""
    task = getattr(app.ctx, "booking_task", None)
    if task is None:
        return
    app.ctx.booking_stop.set()
    try:
        await asyncio.wait_for(task, timeout=30)
    except asyncio.TimeoutError:
        logger.warning("booking: delivery worker did not stop in time")


def register() -> None:
    """Register this module with rasa_sdk's plugin manager (once)."""
    from rasa_sdk.plugin import plugin_manager

    manager = plugin_manager()
    module: Any = sys.modules[__name__]
    if not manager.is_registered(module):
        manager.register(module)
