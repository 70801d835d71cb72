"""Compute a message's sentence embedding in a worker thread before Rasa parses it.

The Rasa server handles every conversation on one event loop, and its NLU pipeline runs on
that loop synchronously. The largest single piece of work in a parse is the MiniLM sentence
embedding of a new text (about 12 ms on the reference 2-core VM, mostly matrix products that
release the GIL), so the channels compute it first in one worker thread, awaiting the
result: meanwhile the loop serves other conversations, and the second core does the
arithmetic. The encoder keeps the embedding in its cache (meso_nlu/minilm.py) and the
classifier finds it there when the model parses the message; the parse itself is unchanged
(same text, same vector). Nothing happens when the loaded model uses no encoder, for intent
payloads ("/check_eligibility": Rasa does not run the NLU model on them) or for texts the
cache already holds; a failure here only means the parse computes the embedding itself.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import List, Optional

from meso_nlu import minilm
from meso_nlu.classifier import question_parts
from meso_nlu.shorthand import expand_shorthand

logger = logging.getLogger(__name__)

_POOL: Optional[ThreadPoolExecutor] = None


def _pool() -> ThreadPoolExecutor:
    """One worker: two at once would compete with the event loop for the second core."""
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="meso-embed")
    return _POOL


def wants_embedding(text: str) -> bool:
    """Whether Rasa's NLU model will embed this text (not empty, not an intent payload)."""
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("/")


def texts_to_embed(text: str) -> List[str]:
    """The message, plus its question-like parts when it has several (the classifier reads each)."""
    spans = question_parts(text)
    parts = [text[start:end] for start, end in spans] if len(spans) > 1 else []
    return [expand_shorthand(t) for t in (text, *parts)]  # as the classifier embeds them


async def warm(text: str) -> None:
    """Compute the embeddings of `text` (as Rasa will parse it) off the event loop."""
    encoder = minilm.loaded_encoder()
    if encoder is None or not wants_embedding(text):
        return
    try:
        texts = texts_to_embed(text)
        await asyncio.get_running_loop().run_in_executor(_pool(), encoder.encode, texts)
    except Exception as exc:  # noqa: BLE001 - the parse computes it again if needed
        logger.warning("prefetch.embedding.failed: %s", type(exc).__name__)
