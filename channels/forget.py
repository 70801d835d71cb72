"""Forget a conversation: the Rasa server deletes the visitor's stored events on request.

The visitor says "forget me" -> rule -> action_forget_conversation (actions/privacy.py),
which utters utter_forgotten and returns Restarted(). The deletion itself happens here,
in the Rasa server, because only the Rasa server can do it safely:

- the Rasa server holds the conversation in memory while it processes a message and
  saves it at the end of the turn; SQLTrackerStore.save() appends every in-memory event
  that is not yet stored, so rows deleted by the action server during the turn would be
  written straight back a moment later;
- the Rasa server holds the conversation's lock (in memory, or Redis when scaled out)
  for the whole turn, so no other server can write to it at the same time;
- the action server keeps no database credentials (least privilege).

install() wraps `MessageProcessor.save_tracker`: when the turn being saved ran
action_forget_conversation and that action restarted the conversation, every stored
event of the sender (all sessions) is deleted instead of saving; the next message
starts a new conversation. It works with every input channel (REST, socket.io) and with
the SQL (SQLite, PostgreSQL), in-memory, Redis and Mongo tracker stores; with another
store it logs an error and saves as usual. install() is called when
channels.rest.SafeRestInput starts (credentials.yml) and is idempotent.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import ActionExecuted, Restarted, UserUttered

logger = logging.getLogger(__name__)

FORGET_ACTION = "action_forget_conversation"
_MARKER = "_meso_forget"


def forgotten_this_turn(tracker: Any) -> bool:
    """Whether the latest turn ran the forget action and it restarted the conversation."""
    restarted = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, Restarted):
            restarted = True
        elif isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return restarted
    return False


def innermost_store(store: Any) -> Any:
    """The actual tracker store inside Rasa's fail-safe / awaitable wrappers."""
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store


def delete_conversation(store: Any, sender_id: str) -> bool:
    """Delete every stored event of a sender; False when the store is not supported."""
    store = innermost_store(store)
    if hasattr(store, "SQLEvent") and hasattr(store, "session_scope"):
        with store.session_scope() as session:
            session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender_id).delete(
                synchronize_session=False
            )
            session.commit()
        return True
    if hasattr(store, "store") and isinstance(store.store, dict):  # InMemoryTrackerStore
        store.store.pop(sender_id, None)
        return True
    if hasattr(store, "red") and hasattr(store, "key_prefix"):  # RedisTrackerStore
        store.red.delete(store.key_prefix + sender_id)
        return True
    if hasattr(store, "conversations"):  # MongoTrackerStore
        store.conversations.delete_one({"sender_id": sender_id})
        return True
    return False


def install() -> None:
    """Wrap MessageProcessor.save_tracker once per process."""
    original = MessageProcessor.save_tracker
    if getattr(original, _MARKER, False):
        return

    async def save_tracker(self: MessageProcessor, tracker: Any) -> None:
        """Save the tracker, or delete the whole conversation when it was forgotten."""
        if forgotten_this_turn(tracker):
            if delete_conversation(self.tracker_store, tracker.sender_id):
                logger.info("Deleted a conversation at the visitor's request.")
                return
            logger.error(
                "Cannot delete a conversation from a %s: saved it instead.",
                type(innermost_store(self.tracker_store)).__name__,
            )
        await original(self, tracker)

    setattr(save_tracker, _MARKER, True)
    MessageProcessor.save_tracker = save_tracker
