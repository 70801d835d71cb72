"""Operators' signals: Prometheus metrics of the Rasa server and of the action server.

Served on their own port, `http://<server>:$MESO_METRICS_PORT/metrics` (the launcher starts
it when the variable is set: 9102 in deploy/docker-compose.yml and the Helm chart), so they
never share a route with the visitors' channels and nginx never exposes them. Off when
the variable is unset (`make run`, the tests).

No visitor text, no conversation ids, no slot values: every metric is a count or a time,
and the only labels are the names of the assistant's own actions and HTTP status classes.

The Rasa server's metrics are read from each turn as the tracker store saves it
(meso/tracker_store.py calls `observe_turn` with the turn's new events): Rasa's public
custom-tracker-store extension point sees every turn of every channel, on every server.

- `meso_turns_total`: visitor messages answered; `meso_bot_messages_total`: replies sent;
- `meso_reply_seconds`: from the visitor's message arriving to its turn being stored
  (histogram; NLU, policies, actions and the database included);
- `meso_fallback_turns_total`: turns read as nlu_fallback/out_of_scope or answered by a
  fallback action (the fallback rate is this over `meso_turns_total`);
- `meso_checks_started_total`, `meso_checks_finished_total`: suitability checks started and
  brought to their summary;
- `meso_warning_sign_escalations_total`: emergency and urgent warning signs escalated (the
  replies `utter_warning_emergency` / `utter_warning_urgent`; mild after-effects, answered
  by the same action, are not escalations);
- `meso_conversations_forgotten_total`: "delete my data" requests carried out.

The action server's (meso/server/action_server.py, through rasa_sdk's plugin hook):
`meso_action_requests_total{action, status}` and `meso_action_seconds{action}`.
"""

from __future__ import annotations

import logging
import os
import re
import time
from typing import Any, Iterable, Optional

from prometheus_client import Counter, Histogram, start_http_server

from actions.names import ACTION_START_SCREENING, ACTION_SUMMARISE_SCREENING
from meso.tools.unanswered import FALLBACK_ACTIONS, FALLBACK_INTENTS

logger = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0)
ESCALATION_RESPONSES = frozenset({"utter_warning_emergency", "utter_warning_urgent"})
ACTION_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")

TURNS = Counter("meso_turns", "Visitor messages answered (turns stored)")
BOT_MESSAGES = Counter("meso_bot_messages", "Bot messages sent to visitors")
REPLY_SECONDS = Histogram(
    "meso_reply_seconds",
    "Seconds from a visitor's message arriving to its turn being stored",
    buckets=LATENCY_BUCKETS,
)
FALLBACK_TURNS = Counter("meso_fallback_turns", "Turns read as fallback or answered by one")
CHECKS_STARTED = Counter("meso_checks_started", "Suitability checks started")
CHECKS_FINISHED = Counter("meso_checks_finished", "Suitability checks brought to their summary")
ESCALATIONS = Counter("meso_warning_sign_escalations", "Warning signs escalated")
FORGOTTEN = Counter(
    "meso_conversations_forgotten", "Conversations deleted at the visitor's request"
)

ACTION_REQUESTS = Counter(
    "meso_action_requests", "Action server requests", ["action", "status"]
)  # fmt: skip
ACTION_SECONDS = Histogram(
    "meso_action_seconds", "Seconds the action server took per action", ["action"],
    buckets=LATENCY_BUCKETS,
)  # fmt: skip


def observe_turn(events: Iterable[Any], now: Optional[float] = None) -> None:
    """Count what one stored turn (its new events) did; never raises."""
    try:
        _observe(list(events), time.time() if now is None else now)
    except Exception:  # noqa: BLE001 - metrics must never break a conversation
        logger.exception("metrics: a turn could not be counted")


def _observe(events: list, now: float) -> None:
    # Rasa's classes only here: the action server imports this module without Rasa.
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    fallback = False
    for event in events:
        if isinstance(event, UserUttered):
            TURNS.inc()
            if event.timestamp:
                REPLY_SECONDS.observe(max(0.0, now - float(event.timestamp)))
            if (event.intent or {}).get("name") in FALLBACK_INTENTS:
                fallback = True
        elif isinstance(event, BotUttered):
            BOT_MESSAGES.inc()
            if (event.metadata or {}).get("utter_action") in ESCALATION_RESPONSES:
                ESCALATIONS.inc()
        elif isinstance(event, ActionExecuted):
            name = event.action_name
            if name in FALLBACK_ACTIONS:
                fallback = True
            elif name == ACTION_START_SCREENING:
                CHECKS_STARTED.inc()
            elif name == ACTION_SUMMARISE_SCREENING:
                CHECKS_FINISHED.inc()
    if fallback:
        FALLBACK_TURNS.inc()


def observe_forgotten() -> None:
    """A conversation deleted at the visitor's request."""
    FORGOTTEN.inc()


def observe_action(action: object, status: int, seconds: float) -> None:
    """One action server request (the action's name only when it is one of ours' shape)."""
    name = action if isinstance(action, str) and ACTION_NAME.match(action) else "other"
    ACTION_REQUESTS.labels(action=name, status=f"{status // 100}xx").inc()
    ACTION_SECONDS.labels(action=name).observe(seconds)


def serve_from_environment() -> Optional[int]:
    """Start the /metrics server on $MESO_METRICS_PORT (all interfaces) if set; the port."""
    value = os.environ.get("MESO_METRICS_PORT", "").strip()
    if not value:
        return None
    port = int(value)
    start_http_server(port, addr=os.environ.get("MESO_METRICS_HOST", "0.0.0.0"))
    return port
