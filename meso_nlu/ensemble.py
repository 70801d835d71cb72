"""An NLU component that blends DIET + ResponseSelector with a TF-IDF logistic regression.

DIET (intents) and the ResponseSelector (FAQ topics) are neural models trained on sparse
features; a word + character n-gram TF-IDF logistic regression makes different mistakes on
short, typo-ridden questions. This component trains the regression on the same examples with
flat labels (`greet`, `faq/pain`, ...), then, for each message, averages the two models'
probabilities for every flat label and rewrites the intent, the intent ranking and the
response selector's choice from the blend. It runs after the ResponseSelector and before the
FallbackClassifier, so low blended confidence still leads to "Did you mean...?".
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline

logger = logging.getLogger(__name__)
MODEL_FILE = "tfidf_ensemble.joblib"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfEnsembleClassifier(GraphComponent):
    """Blend the neural intent/response predictions with a TF-IDF logistic regression."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Weight of the neural models in the blend, the regression's C, the FAQ intent.

        `use_embeddings` appends the MiniLM sentence embedding, times `embedding_weight`, to
        the regression's TF-IDF features (meso_nlu/sentence_featurizer.py).
        """
        return {
            "neural_weight": 0.5,
            "C": 10.0,
            "retrieval_intent": "faq",
            "ranking_length": 10,
            "use_embeddings": False,
            "embedding_weight": 1.0,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Optional[Pipeline] = None,
        responses: Optional[Dict[str, List[Dict[str, Any]]]] = None,
    ) -> None:
        """Keep the configuration and, once trained or loaded, the regression."""
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model
        self.responses = responses or {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TfidfEnsembleClassifier:
        """Create an untrained component."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the regression on flat labels and persist it."""
        examples = [
            (ex.get("text"), ex.get("intent_response_key") or ex.get("intent"))
            for ex in training_data.intent_examples
            if ex.get("text")
        ]
        if len({label for _, label in examples}) < 2:
            logger.warning("TfidfEnsembleClassifier needs two labels or more; not trained.")
            return self._resource
        texts, labels = zip(*examples)
        features: List[Tuple[str, Any]] = [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        ]
        if self.config["use_embeddings"]:
            from meso_nlu.sentence_featurizer import MiniLMVectorizer

            features.append(("minilm", MiniLMVectorizer(float(self.config["embedding_weight"]))))
        self.model = make_pipeline(
            FeatureUnion(features),
            LogisticRegression(max_iter=3000, C=float(self.config["C"])),
        )
        self.model.fit(list(texts), list(labels))
        self.responses = dict(training_data.responses)
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump({"model": self.model, "responses": self.responses}, directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TfidfEnsembleClassifier:
        """Load the persisted regression (an untrained component if there is none)."""
        try:
            with model_storage.read_from(resource) as directory:
                saved = joblib.load(Path(directory) / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            return cls(config, model_storage, resource)
        model = saved["model"]
        regression = model.steps[-1][1]
        # float32 weights: half the memory (classes x n-gram vocabulary), same predictions.
        regression.coef_ = regression.coef_.astype(np.float32)
        return cls(config, model_storage, resource, model, saved["responses"])

    def process(self, messages: List[Message]) -> List[Message]:
        """Rewrite intent and FAQ choice of each message from the blended probabilities."""
        if self.model is None:
            return messages
        texts = [message.get("text") or "" for message in messages]
        probabilities = self.model.predict_proba(texts)
        for message, row in zip(messages, probabilities):
            lr = dict(zip(self.model.classes_, row))
            self._blend(message, lr)
        return messages

    def _neural(self, message: Message) -> Dict[str, float]:
        """Flat-label probabilities of DIET and the response selector."""
        faq = self.config["retrieval_intent"]
        scores = {r["name"]: float(r["confidence"]) for r in message.get("intent_ranking") or []}
        faq_confidence = scores.pop(faq, 0.0)
        selector = (message.get("response_selector") or {}).get(faq) or {}
        for ranked in selector.get("ranking") or []:
            key = ranked.get("intent_response_key")
            if key:
                scores[key] = faq_confidence * float(ranked.get("confidence") or 0.0)
        return scores

    def _blend(self, message: Message, lr: Dict[str, float]) -> None:
        """Set intent, intent ranking and response selector from the blend."""
        weight = float(self.config["neural_weight"])
        neural = self._neural(message)
        labels = set(lr) | set(neural)
        blended = {
            label: weight * neural.get(label, 0.0) + (1 - weight) * lr.get(label, 0.0)
            for label in labels
        }
        faq = self.config["retrieval_intent"]
        prefix = f"{faq}/"
        topics = {k: v for k, v in blended.items() if k.startswith(prefix)}
        intents = {k: v for k, v in blended.items() if not k.startswith(prefix)}
        intents[faq] = sum(topics.values())
        ranking = sorted(intents.items(), key=lambda item: item[1], reverse=True)
        length = int(self.config["ranking_length"])
        top_name, top_confidence = ranking[0]
        message.set("intent", {"name": top_name, "confidence": top_confidence}, add_to_output=True)
        message.set(
            "intent_ranking",
            [{"name": name, "confidence": conf} for name, conf in ranking[:length]],
            add_to_output=True,
        )
        if topics:
            self._set_response(message, topics, faq)

    def _set_response(self, message: Message, topics: Dict[str, float], faq: str) -> None:
        """Point the response selector at the best blended FAQ topic."""
        total = sum(topics.values()) or 1.0
        ranked: List[Tuple[str, float]] = sorted(
            ((key, value / total) for key, value in topics.items()),
            key=lambda item: item[1],
            reverse=True,
        )
        best, confidence = ranked[0]
        utter = f"utter_{best}"
        selector = dict(message.get("response_selector") or {})
        selector[faq] = {
            "response": {
                "responses": self.responses.get(utter) or [{"text": best}],
                "confidence": float(np.float64(confidence)),
                "intent_response_key": best,
                "utter_action": utter,
            },
            "ranking": [
                {"confidence": conf, "intent_response_key": key}
                for key, conf in ranked[: int(self.config["ranking_length"])]
            ],
        }
        message.set("response_selector", selector, add_to_output=True)
