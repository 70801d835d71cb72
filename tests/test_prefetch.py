"""channels/prefetch.py: the sentence embedding is computed off the event loop, first."""

from __future__ import annotations

import threading
from typing import List, Sequence

import pytest

from channels import prefetch
from meso_nlu import minilm


class FakeEncoder:
    """Records which thread embedded which texts."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: List[tuple] = []
        self.fail = fail

    def encode(self, texts: Sequence[str]) -> None:
        if self.fail:
            raise RuntimeError("broken")
        self.calls.append((threading.current_thread().name, list(texts)))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("does it hurt?", True), ("  /check_eligibility", False), ("   ", False), ("", False)],
)
def test_wants_embedding(text: str, wanted: bool) -> None:
    assert prefetch.wants_embedding(text) is wanted


async def test_warm_embeds_in_the_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeEncoder()
    monkeypatch.setattr(minilm, "loaded_encoder", lambda: fake)
    await prefetch.warm("does it hurt?")
    await prefetch.warm("/greet")
    assert len(fake.calls) == 1
    thread, texts = fake.calls[0]
    assert texts == ["does it hurt?"]
    assert thread.startswith("meso-embed") and thread != threading.current_thread().name


async def test_warm_without_a_loaded_encoder_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    scheduled: List[str] = []

    def no_pool() -> None:
        scheduled.append("worker")
        raise AssertionError("nothing should run in the worker thread")

    monkeypatch.setattr(minilm, "loaded_encoder", lambda: None)
    monkeypatch.setattr(prefetch, "_pool", no_pool)
    monkeypatch.setattr(minilm, "get_encoder", no_pool)  # and no encoder is loaded for it
    await prefetch.warm("does it hurt?")
    assert scheduled == []


async def test_a_failing_encoder_is_only_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(minilm, "loaded_encoder", lambda: FakeEncoder(fail=True))
    await prefetch.warm("does it hurt?")
    assert "prefetch.embedding.failed: RuntimeError" in caplog.text
    assert "does it hurt" not in caplog.text  # never the visitor's words


async def test_warm_fills_the_real_encoders_cache() -> None:
    encoder = minilm.get_encoder()
    text = "is a prefetched question cached?"
    encoder._cache.pop(text, None)
    await prefetch.warm(text)
    assert text in encoder._cache


def test_a_message_with_two_questions_also_embeds_each() -> None:
    text = "how much does it cost? and does it hurt"
    assert prefetch.texts_to_embed(text) == [text, "how much does it cost", "does it hurt"]
    assert prefetch.texts_to_embed("does it hurt") == ["does it hurt"]
