"""The intent classifier and FAQ response selector (meso_nlu/classifier.py), on small data."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

import numpy as np
import pytest
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from meso_nlu import minilm
from meso_nlu.classifier import (
    IntentTopicClassifier,
    LinearScorer,
    asked_instead,
    lemma_text,
    question_parts,
)

EXAMPLES = {
    "greet": ["hello", "hi there", "good morning", "hey", "hiya, anyone around?"],
    "goodbye": ["bye", "goodbye", "see you later", "that's all, bye", "cheers, bye for now"],
    "human_handoff": [
        "what are your opening hours",
        "whats your phone number",
        "when are you open",
        "can I speak to someone",
        "how do I contact the clinic",
    ],
    "faq/pain": [
        "does it hurt",
        "is mesotherapy painful",
        "will the injections hurt",
        "how painful are the needles",
        "is it sore afterwards",
    ],
    "faq/cost": [
        "how much does it cost",
        "what is the price",
        "is mesotherapy expensive",
        "how much is one session",
        "what do you charge",
    ],
    "faq/sessions": [
        "how many sessions do I need",
        "how many treatments will it take",
        "how often do I have to come",
        "number of sessions needed",
        "how many visits is a course",
    ],
}
RESPONSES = {
    "utter_faq/pain": [
        {
            "text": "Numbing cream first.",
            "metadata": {"title": "Does it hurt?", "question": "does mesotherapy hurt?"},
        }
    ],
    "utter_faq/cost": [
        {
            "text": "Ask the clinic.",
            "metadata": {"title": "What does it cost?", "question": "how much is mesotherapy?"},
        }
    ],
    "utter_faq/sessions": [
        {
            "text": "3 to 15 visits.",
            "metadata": {"title": "How many sessions?", "question": "how many sessions?"},
        }
    ],
}


def tokenized(text: str, **data: Any) -> Message:
    message = Message(data={TEXT: text, **data})
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    message.set(TOKENS_NAMES[TEXT], tokenizer.tokenize(message, TEXT))
    return message


def training_data() -> TrainingData:
    examples: List[Message] = []
    for label, texts in EXAMPLES.items():
        intent, _, topic = label.partition("/")
        for text in texts:
            data: Dict[str, Any] = {"intent": intent}
            if topic:
                data["intent_response_key"] = label
            examples.append(tokenized(text, **data))
    return TrainingData(examples, responses=RESPONSES)


def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


@pytest.fixture(scope="module")
def storage(tmp_path_factory: pytest.TempPathFactory) -> LocalModelStorage:
    return LocalModelStorage(tmp_path_factory.mktemp("model"))


@pytest.fixture(scope="module")
def trained(storage: LocalModelStorage) -> IntentTopicClassifier:
    """Trained, persisted, and loaded back as the server would."""
    resource = Resource("classifier")
    config = IntentTopicClassifier.get_default_config()
    IntentTopicClassifier.create(config, storage, resource, context()).train(training_data())
    return IntentTopicClassifier.load(config, storage, resource, context())


def parse(classifier: IntentTopicClassifier, text: str) -> Message:
    message = tokenized(text)
    classifier.process([message])
    return message


def test_faq_question_gets_the_retrieval_intent_and_rasas_selector_output(
    trained: IntentTopicClassifier,
) -> None:
    message = parse(trained, "do the injections hurt a lot?")
    assert message.get("intent")["name"] == "faq"
    selector = message.get("response_selector")
    assert selector["all_retrieval_intents"] == ["faq"]
    response = selector["faq"]["response"]
    assert response["intent_response_key"] == "faq/pain"
    assert response["utter_action"] == "utter_faq/pain"
    assert response["responses"] == []  # the answer text comes from the domain
    ranking = selector["faq"]["ranking"]
    keys = [r["intent_response_key"] for r in ranking]
    assert keys[0] == "faq/pain" and sorted(keys) == ["faq/cost", "faq/pain", "faq/sessions"]
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_intent_ranking_gives_faq_the_sum_of_its_topics(trained: IntentTopicClassifier) -> None:
    message = parse(trained, "what's the price of a session")
    ranking = {r["name"]: r["confidence"] for r in message.get("intent_ranking")}
    assert set(ranking) == {"greet", "goodbye", "human_handoff", "faq"}
    assert sum(ranking.values()) == pytest.approx(1.0)
    assert message.get("intent") == {"name": "faq", "confidence": ranking["faq"]}
    assert message.get("response_selector")["faq"]["response"]["intent_response_key"] == (
        "faq/cost"
    )


@pytest.mark.parametrize(("text", "intent"), [("hey hello", "greet"), ("ok bye then", "goodbye")])
def test_dialogue_intents(trained: IntentTopicClassifier, text: str, intent: str) -> None:
    assert parse(trained, text).get("intent")["name"] == intent


def test_linear_scorer_gives_scikit_learns_probabilities(trained: IntentTopicClassifier) -> None:
    assert trained.regression is not None and trained._scorer is not None
    assert trained._scorer.weights.flags["C_CONTIGUOUS"]
    texts = ["does it hurt", "how much is it and how many sessions", "hi", "zzzz"]
    features = trained._features(texts, texts)
    expected = trained.regression.predict_proba(features)
    np.testing.assert_allclose(trained._scorer.probabilities(features), expected, rtol=1e-12)
    blocks = trained._blocks(texts, texts)  # the same, block by block
    assert [type(block) for block in blocks] == [sp.csr_matrix, sp.csr_matrix, np.ndarray]
    np.testing.assert_allclose(trained._scorer.block_probabilities(blocks), expected, rtol=1e-12)
    with pytest.raises(ValueError, match="features"):
        trained._scorer.block_probabilities(blocks[:2])  # a block missing: never a silent score


def test_linear_scorer_leaves_binary_and_one_vs_rest_models_to_scikit_learn() -> None:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [2.0, 1.0], [1.0, 2.0]])
    assert LinearScorer.of(LogisticRegression().fit(x, [0, 1, 0, 1, 0, 1])) is None
    three = [0, 1, 2, 0, 1, 2]
    assert LinearScorer.of(LogisticRegression(multi_class="ovr").fit(x, three)) is None
    assert LinearScorer.of(LogisticRegression(solver="liblinear").fit(x, three)) is None
    assert LinearScorer.of(LogisticRegression().fit(x, three)) is not None
    assert LinearScorer.of(LogisticRegression()) is None  # not fitted


def test_loading_warms_the_shared_encoder(trained: IntentTopicClassifier) -> None:
    assert minilm.loaded_encoder() is trained.encoder


def test_features_use_lemmas_chars_and_the_embedding(trained: IntentTopicClassifier) -> None:
    assert trained.lemma_vectorizer is not None and trained.char_vectorizer is not None
    width = (
        len(trained.lemma_vectorizer.vocabulary_)
        + len(trained.char_vectorizer.vocabulary_)
        + minilm.EMBEDDING_DIM
    )
    assert trained._features(["does it hurt"], ["do it hurt"]).shape == (1, width)


def test_lemma_text_uses_the_tokenizers_lemmas() -> None:
    message = Message(data={TEXT: "Injections Hurt"})
    message.set(
        TOKENS_NAMES[TEXT],
        [Token("Injections", 0, lemma="injection"), Token("Hurt", 11, lemma="hurt")],
    )
    assert lemma_text(message) == "injection hurt"
    assert lemma_text(message, (11, 15)) == "hurt"  # the tokens inside a span
    assert lemma_text(Message(data={TEXT: "No Tokens"})) == "no tokens"


def test_untrained_component_leaves_messages_alone(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    config = IntentTopicClassifier.get_default_config()
    loaded = IntentTopicClassifier.load(config, storage, Resource("none"), context())
    message = parse(loaded, "hello")
    assert message.get("intent") is None
    one_label = TrainingData([tokenized("hi", intent="greet")])
    created = IntentTopicClassifier.create(config, storage, Resource("one"), context())
    created.train(one_label)
    assert created.regression is None


@pytest.mark.parametrize(
    "bad",
    [
        {"C": 0},
        {"max_length": 0},
        {"max_length": 600},
        {"ranking_length": 0},
        {"also_asked_threshold": 1.5},
        {"question_part_min": -0.1},
    ],
)
def test_invalid_config_is_refused(bad: Dict[str, Any]) -> None:
    with pytest.raises(InvalidConfigException):
        IntentTopicClassifier.validate_config({**IntentTopicClassifier.get_default_config(), **bad})


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("how much does it cost and does it hurt?", ["how much does it cost", "does it hurt"]),
        ("what is it? how many sessions", ["what is it", "how many sessions"]),
        ("hi, how much is it", ["how much is it"]),
        ("does it hurt", ["does it hurt"]),
        # context is not a question; two-word parts are too short to classify
        ("my hair keeps falling out, would it help", ["would it help"]),
        ("fillers and lipo, which is better", ["which is better"]),
        # a lead-in ending in a colon is not part of the first question
        (
            "Couple of questions: does it hurt, and how many sessions would I need?",
            ["does it hurt", "how many sessions would I need"],
        ),
        ("hw many sesh do u need + how much is it", ["hw many sesh do u need", "how much is it"]),
        # "n" for "and" before a question word
        (
            "does it hurt n how many sessions wud i need",
            ["does it hurt", "how many sessions wud i need"],
        ),
        ("salt n pepper hair, does it help", ["does it help"]),
        # a two-word part with its own question mark asks
        (
            "how is it different from fillers? and from lipo?",
            ["how is it different from fillers", "from lipo"],
        ),
        # topics listed with "+", a greeting in front
        ("hey price + sessions + does it hurt", ["price", "sessions", "does it hurt"]),
        # numbered questions
        (
            "a few things: 1) how deep do the needles go 2) is it painful 3) how long does it last",
            ["how deep do the needles go", "is it painful", "how long does it last"],
        ),
        ("", []),
    ],
)
def test_question_parts(text: str, parts: List[str]) -> None:
    assert [text[start:end] for start, end in question_parts(text)] == parts


def test_two_questions_answer_one_and_name_the_other(trained: IntentTopicClassifier) -> None:
    message = parse(trained, "how much is one session? and will the injections hurt")
    answered = message.get("response_selector")["faq"]["response"]["intent_response_key"]
    other = "faq/pain" if answered == "faq/cost" else "faq/cost"
    title, question = {
        "faq/pain": ("Does it hurt?", "does mesotherapy hurt?"),
        "faq/cost": ("What does it cost?", "how much is mesotherapy?"),
    }[other]
    entities = {e["entity"]: e for e in message.get("entities")}
    assert entities["also_asked_title"]["value"] == title
    assert entities["also_asked_question"]["value"] == question
    start, end = entities["also_asked_title"]["start"], entities["also_asked_title"]["end"]
    assert message.get(TEXT)[start:end] in ("how much is one session", "will the injections hurt")
    # and each question's own topic, for the parse data (actions/safety.py reads it)
    topics = [part["topic"] for part in message.get("question_topics")]
    assert sorted(topics) == ["faq/cost", "faq/pain"]


def test_three_questions_name_both_others_in_the_order_asked(
    trained: IntentTopicClassifier,
) -> None:
    message = parse(
        trained, "how much is one session? will the injections hurt? how many sessions will I need"
    )
    answered = message.get("response_selector")["faq"]["response"]["intent_response_key"]
    entities = {e["entity"]: e for e in message.get("entities")}
    questions = entities["also_asked_question"]["value"].split("\n")
    canonical = {
        "faq/cost": "how much is mesotherapy?",
        "faq/pain": "does mesotherapy hurt?",
        "faq/sessions": "how many sessions?",
    }
    asked_order = ["faq/cost", "faq/pain", "faq/sessions"]
    assert questions == [canonical[t] for t in asked_order if t != answered]


def test_a_question_beside_a_request_for_the_contacts_is_named_even_if_it_is_the_best(
    trained: IntentTopicClassifier,
) -> None:
    # the router answers "whats ur opening hours" with the contacts; the cost comes after
    message = parse(trained, "how much is one session and whats ur opening hours")
    entities = {e["entity"]: e for e in message.get("entities")}
    assert entities["also_asked_question"]["value"] == "how much is mesotherapy?"


def test_before_and_after_in_one_question_names_the_other_of_the_pair(
    trained: IntentTopicClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    buttons = {
        **trained.buttons,
        "faq/preparation": ("How do I prepare?", "how do I prepare for mesotherapy?"),
        "faq/recovery": ("What about recovery?", "what is recovery like?"),
    }
    monkeypatch.setattr(trained, "buttons", buttons)
    for text, best, other in (
        ("what do i do before and after", "faq/recovery", "how do I prepare for mesotherapy?"),
        ("any tips for after n before?", "faq/preparation", "what is recovery like?"),
    ):
        message = tokenized(text)
        message.set("response_selector", {"faq": {"response": {"intent_response_key": best}}})
        assert trained._before_and_after(message, text)
        entities = {e["entity"]: e["value"] for e in message.get("entities")}
        assert entities["also_asked_question"] == other
    # another topic, or no "before and after": nothing added
    message = tokenized("what do i do before and after")
    message.set("response_selector", {"faq": {"response": {"intent_response_key": "faq/cost"}}})
    assert not trained._before_and_after(message, "what do i do before and after")
    message.set("response_selector", {"faq": {"response": {"intent_response_key": "faq/recovery"}}})
    assert not trained._before_and_after(message, "what do i do after")


@pytest.mark.parametrize(
    "text",
    [
        "does it hurt a lot",  # one question
        "is mesotherapy painful? will the injections hurt",  # two parts, one topic
        "hello there, how are you doing today",  # not an FAQ
    ],
)
def test_no_second_topic(trained: IntentTopicClassifier, text: str) -> None:
    assert not parse(trained, text).get("entities")


def test_the_lean_tfidf_gives_the_vectorizers_numbers() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from meso_nlu.classifier import tfidf

    texts = ["how much does it cost", "does it hurt?", "meso for hair loss", "is it safe"] * 3
    probe = ["how much is meso", "", "zzz", "émoji 😬 hurt", "does it hurt for hair"]
    for vectorizer in (
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
    ):
        vectorizer.fit(texts)
        expected, lean = vectorizer.transform(probe), tfidf(vectorizer, probe)
        assert lean.shape == expected.shape and lean.dtype == expected.dtype
        assert abs(lean - expected).max() < 1e-12


def test_the_lean_tfidf_reads_the_weights_of_a_refitted_vectorizer() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from meso_nlu.classifier import tfidf

    vectorizer = TfidfVectorizer(sublinear_tf=True)
    vectorizer.fit(["cost cost", "hair loss", "cost of hair"])
    tfidf(vectorizer, ["cost hair"])  # the weights are kept after this call
    vectorizer.fit(["cost", "cost", "cost", "hair loss"])
    expected, lean = vectorizer.transform(["cost hair"]), tfidf(vectorizer, ["cost hair"])
    assert abs(lean - expected).max() < 1e-12


def test_how_it_works_on_cellulite_or_hair_is_that_areas_answer(
    trained: IntentTopicClassifier,
) -> None:
    topics = {"faq/how_it_works": 0.7, "faq/cellulite_fat": 0.2, "faq/hair_loss": 0.1}
    for text, best in (
        ("how does it work on cellulite?", "faq/cellulite_fat"),
        ("how does it work on the scalp", "faq/hair_loss"),
        ("how does it get rid of the fat, where does it go", "faq/how_it_works"),
        ("how does it work exactly", "faq/how_it_works"),
    ):
        message = tokenized(text)
        trained._set_response(message, topics, "faq")
        response = message.get("response_selector")["faq"]["response"]
        assert response["intent_response_key"] == best, text
        ranking = message.get("response_selector")["faq"]["ranking"]
        assert ranking[0]["intent_response_key"] == best


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # a question taken back: only the one asked instead is classified
        (
            "is it painful? actually scratch that, what happens on the day, step by step?",
            "what happens on the day, step by step?",
        ),
        (
            "how long does the appointment... no sorry, I mean how long do the results last?",
            "how long do the results last?",
        ),
        # the check's own question pasted back: the visitor's words start at the answer
        ("Are you pregnant or breastfeeding? - no. does it hurt?", "no. does it hurt?"),
        ("do you have a booking link? no? ok how much is it", None),
        # nothing asked after the correction, or nothing before it: the whole message
        ("is it painful? sorry I meant to say thanks", None),
        ("sorry I meant, how long does it last?", None),
        ("is it painful and what happens on the day?", None),
    ],
)
def test_a_question_taken_back_for_another(text: str, asked: Optional[str]) -> None:
    start = asked_instead(text)
    assert (text[start:] if start else None) == asked


def never_config(config: Dict[str, Any], storage: LocalModelStorage) -> IntentTopicClassifier:
    """The classifier that never reads a question apart from its message."""
    return IntentTopicClassifier.load(
        {**config, "question_part_below": 0.0}, storage, Resource("classifier"), context()
    )


def test_a_statement_then_one_question_read_as_unclear_is_read_by_its_question(
    storage: LocalModelStorage, trained: IntentTopicClassifier
) -> None:
    """The question alone decides, but only when the whole reads as unclear."""
    text = "so my sister says hello and the weather is grim here. do the injections hurt a lot?"
    config = IntentTopicClassifier.get_default_config()
    always = IntentTopicClassifier.load(
        {**config, "question_part_below": 1.01, "question_part_min": 0.0},
        storage,
        Resource("classifier"),
        context(),
    )
    message = parse(always, text)
    assert message.get("intent")["name"] == "faq"
    assert message.get("response_selector")["faq"]["response"]["intent_response_key"] == "faq/pain"
    # a question that points back at the statement: the whole message
    back = "my sister says hello and the weather is grim here. does that hurt a lot?"
    assert parse(always, back).get("intent") == parse(never_config(config, storage), back).get(
        "intent"
    )
    whole = parse(always, "do the injections hurt a lot?")  # no statement before it
    assert whole.get("intent") == parse(trained, "do the injections hurt a lot?").get("intent")
    never = never_config(config, storage)
    part = parse(always, "do the injections hurt a lot?").get("intent")["confidence"]
    assert parse(never, text).get("intent")["confidence"] != pytest.approx(part)
    # a question read as something other than a question ("would that stop her?" as "stop"):
    # the whole message's reading stays
    bye = "my sister says hello and the weather is grim here. ok so bye then?"
    assert parse(always, "ok so bye then?").get("intent")["name"] == "goodbye"
    assert parse(always, bye).get("intent") == parse(never, bye).get("intent")
    anything = IntentTopicClassifier.load(
        {**config, "question_part_below": 1.01, "question_part_min": 0.0,
         "question_part_intents": ["goodbye"]},
        storage, Resource("classifier"), context(),
    )  # fmt: skip
    assert parse(anything, bye).get("intent")["name"] == "goodbye"
    # a topic whose answer rests on the statement ("I'm 16, can I have it?"): never alone
    rests = IntentTopicClassifier.load(
        {**config, "question_part_below": 1.01, "question_part_min": 0.0,
         "question_part_not_alone": ["faq/pain"]},
        storage, Resource("classifier"), context(),
    )  # fmt: skip
    assert parse(rests, text).get("intent") == parse(never, text).get("intent")


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # session 41: questions set out as a list, each item a question however short
        ("a few questions:\n- cost?\n- is it painful", ["cost", "is it painful"]),
        ("recovery / results / side effects", ["recovery", "results", "side effects"]),
        ("1) what's in it\n2) how long does it last", ["what's in it", "how long does it last"]),
        # a line that asks nothing is no part; "Sir/Madam" is no list
        ("Dear Sir/Madam,\nmy skin is dull\nhow does it work?", ["how does it work"]),
    ],
)
def test_question_parts_of_a_list(text: str, parts: List[str]) -> None:
    assert [text[start:end] for start, end in question_parts(text)] == parts


def test_a_list_of_questions_lowers_the_bar_for_each_item() -> None:
    from meso_nlu.classifier import is_a_list

    assert is_a_list("- cost?\n- sessions?") and is_a_list("price / sessions / pain")
    assert not is_a_list("Dear Sir/Madam, how much is it?") and not is_a_list("- cost?")
