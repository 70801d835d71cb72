"""Scoring, the quality gate and the published-model record, without models."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest

from meso.tools.common import read_published, write_published
from meso.tools.evaluate import compare, predicted_label, score
from meso.tools.publish import gate

from .conftest import MakeRunner


def test_retrieval_intent_resolves_to_the_topic() -> None:
    parse: Dict[str, Any] = {
        "intent": {"name": "faq", "confidence": 0.9},
        "response_selector": {
            "faq": {"response": {"intent_response_key": "faq/pain", "confidence": 0.8}}
        },
    }
    assert predicted_label(parse) == "faq/pain"
    assert predicted_label({"intent": {"name": "greet"}}) == "greet"
    assert predicted_label({"intent": {"name": "nlu_fallback"}}) == "nlu_fallback"


def test_score_counts_fallback_as_out_of_scope() -> None:
    expected = ["greet", "greet", "out_of_scope", "faq/pain", "faq/pain", "faq/contraindications"]
    predicted = ["greet", "faq/pain", "nlu_fallback", "faq/pain", "faq/cost", "check_eligibility"]
    result = score(expected, predicted)
    assert result["accuracy"] == pytest.approx(4 / 6, abs=1e-4)
    assert result["per_label"]["out_of_scope"]["f1"] == 1.0
    assert result["per_label"]["faq/contraindications"]["recall"] == 1.0
    assert result["per_label"]["greet"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": pytest.approx(0.6667, abs=1e-4),
        "support": 2,
    }
    assert {"expected": "faq/pain", "predicted": "faq/cost", "count": 1} in result["confusions"]


def metrics(accuracy: float, macro_f1: float, pain: float = 1.0) -> Dict[str, Any]:
    """A minimal evaluation result."""
    return {
        "accuracy": accuracy,
        "macro_f1": macro_f1,
        "per_label": {"faq/pain": {"f1": pain}, "greet": {"f1": 1.0}},
    }


def test_gate_margin_is_two_points_on_macro_f1_or_accuracy() -> None:
    published = metrics(0.90, 0.88)
    assert gate(metrics(0.885, 0.865), published, 2.0)[0]  # -1.5 points: fine
    assert not gate(metrics(0.90, 0.855), published, 2.0)[0]  # macro F1 -2.5
    assert not gate(metrics(0.875, 0.90), published, 2.0)[0]  # accuracy -2.5
    passed, lines = gate(metrics(0.95, 0.95, pain=0.5), published, 2.0)
    assert passed and "faq/pain 100->50" in lines[-1]
    assert gate(metrics(0.1, 0.1), None, 2.0)[0]  # nothing published yet
    assert compare(metrics(0.9, 0.8), metrics(0.85, 0.9))["macro_f1"] == -10.0


def test_published_record_roundtrip(tmp_path: Path) -> None:
    assert read_published(tmp_path) == {"current": None, "stack": [], "history": []}
    write_published(tmp_path, {"current": {"model": "m"}, "stack": [], "history": []})
    assert read_published(tmp_path)["current"] == {"model": "m"}


def test_rollback_without_history_says_so(project: Path, make: MakeRunner) -> None:
    done = make(project, "rollback", "OFFLINE=1")
    assert done.returncode != 0
    assert "nothing to roll back to" in done.stdout


def test_make_help_lists_the_maintainer_targets(project: Path, make: MakeRunner) -> None:
    out = make(project, "help").stdout
    for target in ("check", "train-fast", "evaluate", "publish", "rollback", "unanswered"):
        assert f"make {target} " in out, target
    dry = make(project, "-n", "publish", "FORCE=1", "MODEL=models/x.tar.gz").stdout
    assert "meso publish --model models/x.tar.gz" in dry and "--force" in dry


def test_publish_warns_when_conversations_live_in_memory(tmp_path: Path) -> None:
    from meso.tools.publish import memory_store_warning

    (tmp_path / "endpoints.yml").write_text("lock_store:\n  type: in_memory\n")
    assert "conversations in progress restart" in str(memory_store_warning(tmp_path))
    (tmp_path / "endpoints.yml").write_text("tracker_store:\n  type: SQL\n  db: tracker.db\n")
    assert memory_store_warning(tmp_path) is None
