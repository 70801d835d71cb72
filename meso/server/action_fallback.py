"""Reply when the action server cannot be reached, instead of going silent.

Rasa's processor swallows a failing custom action ("Bot will continue, but the actions
events are lost"), so a visitor who starts the contraindication check while the action
server is down gets no answer at all. Rasa 3.6 has no hook for this, so install() wraps
`rasa.core.actions.action.RemoteAction.run`, the one place every custom action call of
the Rasa server goes through (including the form's validate_screening_form calls). When
the call fails because the action server is unreachable (connection refused or reset,
timeout, HTTP 5xx from it or from a proxy in front of it, an invalid action endpoint URL),
the wrapper renders a fallback response with the Rasa server's own NLG (domain.yml) and
returns events that leave the conversation consistent:

- actions of the contraindication check: utter_screening_unavailable, the form is
  deactivated (ActiveLoop(None), requested_slot None) and the bot listens
  (FollowupAction(action_listen)), so the visitor gets the message once per turn and
  can ask FAQs (retrieval responses, no action server needed) or start again later;
- the booking request's actions: utter_booking_unavailable (it may not have been sent:
  contact the clinic directly), the form is deactivated as for the check;
- contact details / booking link / a question the articles don't cover:
  utter_contact_unavailable;
- a warning sign after a treatment: utter_warning_unavailable, which still says to call
  the emergency number or see a doctor today (the clinic's numbers need the action server);
- the "did you mean...?" step of the fallback: utter_ask_rephrase;
- "forget me": utter_forgotten and Restarted(), exactly what the action returns; the
  tracker store then deletes the conversation itself (meso/tracker_store.py), so a privacy
  request never depends on the action server.

Any other failure (a 400 rejection, a malformed response, an action not listed here)
keeps Rasa's behaviour. install() is called by the launcher (meso/server/hooks.py).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any, List, Optional

import aiohttp
from rasa.core.actions.action import (
    ActionExecutionRejection,
    RemoteAction,
    create_bot_utterance,
)
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.events import ActiveLoop, Event, FollowupAction, Restarted, SlotSet

from actions import names
from meso.server import patching

logger = logging.getLogger(__name__)

SCREENING_ACTIONS = frozenset(
    {
        names.ACTION_START_SCREENING,
        names.VALIDATE_SCREENING_FORM,
        names.ACTION_SUMMARISE_SCREENING,
        names.ACTION_PAUSE_SCREENING,
    }
)
# The booking request (actions/booking/): the form ends, the visitor is told plainly that
# the request may not have been sent and to contact the clinic directly.
BOOKING_ACTIONS = frozenset(
    {
        names.ACTION_START_BOOKING,
        names.VALIDATE_BOOKING_FORM,
        names.ACTION_FINISH_BOOKING,
        names.ACTION_PAUSE_BOOKING,
    }
)
CONTACT_ACTIONS = frozenset(
    {names.ACTION_SHOW_CONTACT, names.ACTION_BOOK_CONSULTATION, names.ACTION_NOT_COVERED}
)
# A warning sign is never left unanswered: without the clinic's numbers (they come from the
# action server), the reply still says to call the emergency number or see a doctor today.
WARNING_ACTIONS = frozenset(
    {names.ACTION_WARNING_SIGN, names.ACTION_AFTER_EFFECTS_ADVICE, names.ACTION_WARNING_FOLLOWUP}
)


@dataclass(frozen=True)
class Fallback:
    """What to say, and which events to return, when an action cannot run."""

    response: str
    events: List[Event] = field(default_factory=list)


def fallback_for(action_name: str) -> Optional[Fallback]:
    """The fallback for a custom action, or None to keep Rasa's behaviour.

    Events are created on each call: their timestamps order the tracker store's rows.
    """
    if action_name in SCREENING_ACTIONS:
        return Fallback(
            "utter_screening_unavailable",
            [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), FollowupAction(ACTION_LISTEN_NAME)],
        )
    if action_name in BOOKING_ACTIONS:
        return Fallback(
            "utter_booking_unavailable",
            [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), FollowupAction(ACTION_LISTEN_NAME)],
        )
    if action_name in CONTACT_ACTIONS:
        return Fallback("utter_contact_unavailable")
    if action_name in WARNING_ACTIONS:
        return Fallback("utter_warning_unavailable")
    if action_name == names.ACTION_ASK_AFFIRMATION:
        return Fallback("utter_ask_rephrase")
    if action_name == names.ACTION_FORGET_CONVERSATION:
        return Fallback("utter_forgotten", [Restarted()])
    return None


def action_server_unreachable(exc: BaseException) -> bool:
    """Whether an error (or one it was raised from) means the action server is unreachable."""
    seen = set()
    current: Optional[BaseException] = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(
            current, (aiohttp.ClientConnectionError, aiohttp.InvalidURL, asyncio.TimeoutError)
        ):
            return True
        status = getattr(current, "status", None)
        if isinstance(current, aiohttp.ClientError) and isinstance(status, int) and status >= 500:
            return True
        current = current.__cause__ or current.__context__
    return False


async def fallback_events(
    fallback: Fallback, output_channel: Any, nlg: Any, tracker: Any
) -> List[Event]:
    """The fallback response as a bot message (sent by the processor) plus its events."""
    events: List[Event] = []
    draft = await nlg.generate(fallback.response, tracker, output_channel.name())
    if draft:
        draft["utter_action"] = fallback.response
        events.append(create_bot_utterance(draft))
    return events + fallback.events


def install() -> None:
    """Wrap RemoteAction.run (once per process; meso.server.patching can undo it)."""
    original = RemoteAction.run

    async def run(
        self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> List[Event]:
        """RemoteAction.run, with a fallback reply when the action server is unreachable."""
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except Exception as exc:
            fallback = fallback_for(self.name())
            if fallback is None or not action_server_unreachable(exc):
                raise
            logger.warning(
                "Action server unreachable for '%s': replying with '%s'.",
                self.name(),
                fallback.response,
            )
            return await fallback_events(fallback, output_channel, nlg, tracker)

    patching.replace(RemoteAction, "run", run, "a reply when the action server is unreachable")
