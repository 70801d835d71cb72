"""`make train-fast`: when Rasa's fine-tuning applies, and why not (against a real model)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from meso.tools.train import finetune_blockers

from .conftest import FIXTURE, MakeRunner

pytestmark = pytest.mark.servers  # needs the session's trained fixture model


def test_unchanged_project_can_be_fine_tuned(project: Path, base_model: Path) -> None:
    assert finetune_blockers(project, base_model) == []


def test_edited_examples_answers_and_epochs_can_be_fine_tuned(
    project: Path, base_model: Path
) -> None:
    pain = project / "data" / "faq" / "pain.yml"
    text = pain.read_text(encoding="utf-8")
    text = text.replace("      - is it sore\n", "      - is it sore\n      - will it ache\n")
    text = text.replace("An anaesthetic (numbing) cream", "A numbing cream")
    pain.write_text(text, encoding="utf-8")
    config = project / "config.yml"
    config.write_text(config.read_text().replace("epochs: 20", "epochs: 5"), encoding="utf-8")
    assert finetune_blockers(project, base_model) == []


def test_new_faq_topic_needs_a_full_training(project: Path, base_model: Path) -> None:
    shutil.copy(FIXTURE / "extra" / "sessions.yml", project / "data" / "faq" / "sessions.yml")
    blockers = finetune_blockers(project, base_model)
    assert len(blockers) == 1
    assert "new responses: utter_faq/sessions" in blockers[0]
    assert "a new FAQ topic always needs a full training" in blockers[0]


def test_changed_pipeline_needs_a_full_training(project: Path, base_model: Path) -> None:
    config = project / "config.yml"
    config.write_text(config.read_text().replace("max_ngram: 4", "max_ngram: 5"))
    assert finetune_blockers(project, base_model) == [
        "config.yml changed in more than the `epochs` settings"
    ]


def test_new_dialogue_intent_needs_a_full_training(project: Path, base_model: Path) -> None:
    domain = project / "domain.yml"
    domain.write_text(domain.read_text().replace("  - faq\n", "  - faq\n  - thank\n"))
    nlu = project / "data" / "nlu.yml"
    examples = "".join(f"      - thanks a lot number {n}\n" for n in range(20))
    nlu.write_text(nlu.read_text() + f"\n  - intent: thank\n    examples: |\n{examples}")
    blockers = finetune_blockers(project, base_model)
    assert any("new intents: thank" in b for b in blockers), blockers
    assert any("NLU labels changed" in b for b in blockers), blockers


def test_make_train_fast_fine_tunes_when_it_applies(
    project: Path, base_model: Path, make: MakeRunner
) -> None:
    models = project / "models"
    models.mkdir()
    shutil.copy(base_model, models / "base.tar.gz")
    pain = project / "data" / "faq" / "pain.yml"
    pain.write_text(
        pain.read_text(encoding="utf-8").replace(
            "      - is it sore\n", "      - is it sore\n      - will it ache\n"
        ),
        encoding="utf-8",
    )
    done = make(project, "train-fast", "EPOCH_FRACTION=0.25", timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "fine-tuning models/base.tar.gz for 0.25 of the configured epochs" in done.stdout
    assert "Epochs:" in done.stdout and "10/10" in done.stdout  # 40 epochs x 0.25
    assert "fine-tuned model saved" in done.stdout
    assert len(list(models.glob("*.tar.gz"))) == 2
