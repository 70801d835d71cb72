"""NLU quality gate: train on 80% of our own examples, score the held-out 20%.

The split is stratified per intent (FAQ topics count as their own labels, faq/<topic>)
and seeded, so every run measures the same thing. The suite fails when the held-out
intent accuracy (FAQ topics resolved through the response selector) is below THRESHOLD,
or when any single label scores below LABEL_FLOOR. Writes results/nlu_quality.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
THRESHOLD = 0.88  # held-out accuracy the suite demands
LABEL_FLOOR = 0.6  # no label may fall below this recall
SEED = 42


def load_examples() -> Tuple[object, List[Tuple[str, str]]]:
    """All NLU training data under data/, and (text, label) pairs."""
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "data")]
    )
    data = importer.get_nlu_data()
    pairs = [
        (ex.get("text"), ex.get("intent_response_key") or ex.get("intent"))
        for ex in data.intent_examples
    ]
    return data, pairs


def predicted_label(parse: Dict) -> str:
    """The label a parse result stands for (faq/<topic> for retrieval intents)."""
    intent = (parse.get("intent") or {}).get("name") or ""
    selector = (parse.get("response_selector") or {}).get(intent) or {}
    return (selector.get("response") or {}).get("intent_response_key") or intent


def label_ok(expected: str, predicted: str) -> bool:
    """Whether a prediction counts as right (fallback is right for out_of_scope)."""
    if expected == "out_of_scope" and predicted == "nlu_fallback":
        return True
    return expected == predicted


async def score(model_dir: Path, pairs: List[Tuple[str, str]]) -> List[Tuple[str, str, str]]:
    """Parse each held-out text with the trained model."""
    from rasa.core.agent import Agent

    model = sorted(model_dir.glob("*.tar.gz"))[-1]
    agent = Agent.load(str(model))
    results = []
    for text, label in pairs:
        parse = await agent.parse_message(text)
        results.append((text, label, predicted_label(parse)))
    return results


def main() -> None:
    """Split, train, score, report, and exit non-zero below the threshold."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--out", default=str(ROOT / "results" / "nlu_quality.json"))
    args = parser.parse_args()

    from rasa.model_training import train_nlu

    data, _ = load_examples()
    train, test = data.train_test_split(train_frac=0.8, random_seed=SEED)
    with tempfile.TemporaryDirectory() as tmp:
        train_file = Path(tmp) / "train.yml"
        train_file.write_text(train.nlu_as_yaml(), encoding="utf-8")
        print(f"==> training an NLU model on {len(train.intent_examples)} examples", flush=True)
        train_nlu(
            config=str(ROOT / "config.yml"),
            nlu_data=str(train_file),
            output=str(Path(tmp) / "models"),
            domain=str(ROOT / "domain.yml"),
        )
        pairs = [
            (ex.get("text"), ex.get("intent_response_key") or ex.get("intent"))
            for ex in test.intent_examples
        ]
        results = asyncio.run(score(Path(tmp) / "models", pairs))

    per_label: Dict[str, Counter] = defaultdict(Counter)
    for _, expected, predicted in results:
        per_label[expected]["ok" if label_ok(expected, predicted) else "miss"] += 1
    accuracy = sum(label_ok(e, p) for _, e, p in results) / len(results)
    weak = {
        label: c["ok"] / (c["ok"] + c["miss"])
        for label, c in per_label.items()
        if c["ok"] / (c["ok"] + c["miss"]) < LABEL_FLOOR
    }
    for text, expected, predicted in results:
        if not label_ok(expected, predicted):
            print(f"  miss: {text!r} expected {expected}, got {predicted}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(
        json.dumps(
            {"accuracy": accuracy, "n": len(results), "threshold": args.threshold, "weak": weak},
            indent=2,
        ),
        encoding="utf-8",
    )
    print(
        f"held-out accuracy={accuracy:.3f} on n={len(results)} "
        f"(threshold {args.threshold}, per-label floor {LABEL_FLOOR})"
    )
    if accuracy < args.threshold or weak:
        sys.exit(f"NLU quality gate failed: accuracy {accuracy:.3f}, weak labels {weak}")


if __name__ == "__main__":
    main()
