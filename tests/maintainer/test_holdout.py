"""Held-out questions (tests/nlu_holdout.yml, tests/nlu_probe.yml): never training or dev data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import List, Tuple

import pytest
import yaml

from meso.tools.check import load_content, normalise

from .conftest import ROOT

HOLDOUT = ROOT / "tests" / "nlu_holdout.yml"
# An independent probe of unseen wording (written from topics.yml and the seeds only).
PROBE = ROOT / "tests" / "nlu_probe.yml"
HELD_OUT_FILES = [HOLDOUT, PROBE]
DEV = ROOT.parent / "shared" / "eval" / "dev_questions.yml"
PER_LABEL = 3


def holdout(path: Path = HOLDOUT) -> List[Tuple[str, str]]:
    """(text, label) pairs of a held-out file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = []
    for item in data["nlu"]:
        for line in item["examples"].splitlines():
            if line.strip().startswith("-"):
                pairs.append((line.strip()[1:].strip(), item["intent"]))
    return pairs


def test_every_intent_and_topic_has_held_out_questions() -> None:
    content = load_content(ROOT)
    trained = {e.intent for e in content.examples}
    counts = Counter(label for _, label in holdout())
    missing = sorted(label for label in trained if counts[label] < PER_LABEL)
    assert not missing, f"add {PER_LABEL} held-out phrasings to tests/nlu_holdout.yml for {missing}"


@pytest.mark.parametrize("path", HELD_OUT_FILES, ids=lambda p: p.name)
def test_held_out_labels_are_trained(path: Path) -> None:
    trained = {e.intent for e in load_content(ROOT).examples}
    unknown = sorted({label for _, label in holdout(path)} - trained)
    assert not unknown, f"held-out labels with no training data: {unknown}"


@pytest.mark.parametrize("path", HELD_OUT_FILES, ids=lambda p: p.name)
def test_held_out_questions_are_not_training_examples(path: Path) -> None:
    content = load_content(ROOT)
    trained = {normalise(e.text) for e in content.examples}
    leaked = [text for text, _ in holdout(path) if normalise(text) in trained]
    assert not leaked, f"these held-out questions are also training examples: {leaked}"


@pytest.mark.parametrize("path", HELD_OUT_FILES, ids=lambda p: p.name)
def test_held_out_questions_are_not_from_the_dev_set(path: Path) -> None:
    if not DEV.exists():
        pytest.skip("no shared evaluation set here")
    dev = {
        normalise(m["text"]) for m in yaml.safe_load(DEV.read_text(encoding="utf-8"))["messages"]
    }
    overlap = sum(normalise(text) in dev for text, _ in holdout(path))
    assert overlap == 0, f"{overlap} held-out question(s) appear in the shared dev set"


def test_fixture_holdout_is_rasa_nlu_data() -> None:
    from meso.tools.evaluate import load_holdout

    pairs = load_holdout(Path(__file__).parent / "fixture" / "tests" / "nlu_holdout.yml")
    assert ("how many sessions will I need", "faq/sessions") in pairs
    assert len(load_holdout(HOLDOUT)) == len(holdout())
