"""Questions the articles do not answer: which subject a message asks about, if any.

`subject_of(text)` returns the subject of knowledge/not_covered.yml a message names (the
first in file order), or None. The file says why: the nearest FAQ would answer something
else, and an honest "the articles don't cover that" is the better reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Pattern, Tuple

import yaml

from meso.settings import KNOWLEDGE_DIR
from meso_nlu.warning_signs import normalise

_FILE = KNOWLEDGE_DIR / "not_covered.yml"


@dataclass(frozen=True)
class Subject:
    """A subject the articles don't cover, what they say nearby, and how people name it."""

    key: str
    label: str
    related: str
    related_source: str
    patterns: Tuple[Pattern[str], ...]
    unless: Tuple[Pattern[str], ...]
    # The FAQ answer nearest the subject, sent before saying what the articles don't cover
    # (money questions: what the articles say of cost), or "".
    answer_first: str = ""


@lru_cache(maxsize=1)
def subjects(path: Path = _FILE) -> Tuple[Subject, ...]:
    """The subjects of the data file, with compiled patterns."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Subject(
            key=str(item["key"]),
            label=str(item["label"]),
            related=str(item.get("related") or ""),
            related_source=str(item.get("related_source") or ""),
            patterns=tuple(re.compile(p) for p in item["patterns"]),
            unless=tuple(re.compile(p) for p in item.get("unless") or []),
            answer_first=str(item.get("answer_first") or ""),
        )
        for item in data["subjects"]
    )


def subject_of(text: str) -> Optional[Subject]:
    """The first subject the message names that the articles don't cover, or None."""
    normal = normalise(text)
    if normal.lstrip().startswith("/"):
        return None
    for subject in subjects():
        if any(p.search(normal) for p in subject.patterns) and not any(
            p.search(normal) for p in subject.unless
        ):
            return subject
    return None


def subject_named(key: str) -> Optional[Subject]:
    """The subject with this key, or None."""
    return next((subject for subject in subjects() if subject.key == key), None)
