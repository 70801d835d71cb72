"""The held-out sets in eval/heldout/ measure the product: none of their texts is trained on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Set

import yaml

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "eval" / "heldout"


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def training_examples() -> Set[str]:
    """Every NLU example line in data/ (intents and FAQ topics)."""
    found: Set[str] = set()
    for path in (ROOT / "data").rglob("*.yml"):
        for item in (yaml.safe_load(path.read_text("utf-8")) or {}).get("nlu") or []:
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    found.add(_normal(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:])))
    return found


def heldout_texts() -> Iterator[str]:
    """Every visitor text of every held-out set."""
    for folder in sorted(p for p in HELDOUT.iterdir() if p.is_dir()):
        conversations = yaml.safe_load((folder / "conversations.yml").read_text("utf-8"))
        for conversation in conversations["conversations"]:
            yield from (str(turn["user"]) for turn in conversation["turns"])
        signs = yaml.safe_load((folder / "warning_signs.yml").read_text("utf-8"))
        yield from (str(item["text"]) for item in signs["messages"])
        statements = yaml.safe_load((folder / "conditions.yml").read_text("utf-8"))
        yield from (str(item["text"]) for item in statements["statements"])


def test_no_heldout_text_is_a_training_example() -> None:
    examples = training_examples()
    assert len(examples) > 500  # the reader found the training data
    texts = [_normal(text) for text in heldout_texts()]
    assert len(texts) > 1000
    # short everyday questions ("how does it work", "what are your opening hours", "and how
    # many of those would I need?": a sessions example since c1a9c61, written again by ZZ40's
    # writer, who never saw the repository) are everyone's words and do turn up in both; a
    # longer text in both would be a copy
    leaked = [text for text in texts if len(text.split()) > 7 and text in examples]
    assert leaked == []
