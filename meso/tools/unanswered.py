"""List what visitors asked that the assistant could not answer, grouped, with a draft FAQ.

    make unanswered                                  # endpoints.yml's tracker store
    make unanswered ENDPOINTS=deploy/endpoints.scale.yml SINCE_DAYS=30

Reads the tracker store named in the endpoints file (`tracker_store:` of type SQL: the
default SQLite tracker.db, or PostgreSQL) and takes every visitor message that
  - was classified nlu_fallback or out_of_scope, or
  - was followed by action_two_stage_fallback, action_default_fallback or the out-of-scope
    answer (action_out_of_scope; utter_out_of_scope in conversations before it).
Health and contact details are never exported: a message sent while a form was active
(the contraindication check's screening_form, the booking request's form collecting a
name, phone, e-mail and time: any loop but the two-stage fallback), or classified
check_eligibility, is skipped; slot values, conversation ids, entities and booking
requests (their own table) are never read into the output; e-mail addresses and phone
numbers in messages are masked.

Similar questions are grouped (TF-IDF on words and character n-grams, agglomerative
clustering on cosine distance) and counted. Writes results/unanswered.md (the groups) and
results/draft_faq.yml: one draft topic per group in the data/faq format, with TODO answer
and source, for a maintainer to finish and copy into data/faq/<topic>.yml.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

from meso.tools.common import (
    database_url,
    is_sql_store,
    now,
    project_root,
    rel,
    silence_library_warnings,
    tracker_store_config,
)

FALLBACK_INTENTS = {"nlu_fallback", "out_of_scope"}
FALLBACK_ACTIONS = {
    "action_two_stage_fallback",
    "action_default_fallback",
    "action_out_of_scope",
    "utter_out_of_scope",
}
SENSITIVE_LOOPS = {"screening_form"}
# Loops whose messages may be exported: the fallback asking "did you mean...?". Every other
# loop is a form, and forms collect health answers or contact details (booking requests).
QUESTION_LOOPS = {"action_two_stage_fallback"}
NOT_AN_ANSWER = {"action_listen", "action_extract_slots", "action_session_start"}
SENSITIVE_INTENTS = {"check_eligibility"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
STOPWORDS = set(
    """
    a an and are can do does for have how i is it me my of on or the to what you your with
    in there any be get will would this that about at we s im if no where when which who
    much many offer possible please tell
    """.split()
)


@dataclass
class Question:
    """One unanswered visitor message (no conversation id, no slots)."""

    text: str
    reason: str
    conversation: int
    timestamp: float


@dataclass
class Group:
    """Similar unanswered questions."""

    questions: List[Question] = field(default_factory=list)
    representative: str = ""
    slug: str = ""

    @property
    def count(self) -> int:
        """How many messages."""
        return len(self.questions)

    @property
    def conversations(self) -> int:
        """How many distinct conversations they came from."""
        return len({q.conversation for q in self.questions})


def mask(text: str) -> str:
    """Mask e-mail addresses and phone numbers; one line, spaces collapsed."""
    text = EMAIL.sub("<email>", text)
    text = PHONE.sub("<phone>", text)
    return " ".join(text.split())


def tracker_store_url(endpoints: Path, root: Path) -> Any:
    """An SQLAlchemy URL for the endpoints file's SQL tracker store (SQLite or PostgreSQL)."""
    try:
        config = tracker_store_config(endpoints)
    except ValueError as error:
        raise SystemExit(str(error)) from None
    if config is None:
        raise SystemExit(
            f"{rel(endpoints, root)} has no tracker_store: conversations are kept in memory "
            "only, there is nothing to read"
        )
    if not is_sql_store(str(config.get("type") or "")):
        raise SystemExit(
            f"{rel(endpoints, root)}: tracker store type {config.get('type')!r} is not supported "
            "(SQL only: SQLite or PostgreSQL)"
        )
    return database_url(config, root)


def read_events(url: Any, since: Optional[float]) -> Iterable[tuple]:
    """(sender_id, type_name, timestamp, data) from the events table, in order."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    query = "SELECT sender_id, type_name, timestamp, data FROM events"
    params: Dict[str, Any] = {}
    if since is not None:
        query += " WHERE timestamp >= :since"
        params["since"] = since
    query += " ORDER BY sender_id, id"
    try:
        with engine.connect() as connection:
            for row in connection.execute(sa.text(query), params):
                yield row[0], row[1], row[2], row[3]
    except sa.exc.OperationalError as err:
        raise SystemExit(f"cannot read the tracker store: {err.orig}") from err
    finally:
        engine.dispose()


def unanswered(events: Iterable[tuple]) -> List[Question]:
    """The unanswered, non-sensitive visitor messages (see the module docstring)."""
    found: List[Question] = []
    conversations: Dict[str, int] = {}
    sender = None
    active_loop: Optional[str] = None
    pending: Optional[Question] = None
    for sender_id, kind, timestamp, raw in events:
        if sender_id != sender:
            sender, active_loop, pending = sender_id, None, None
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            continue
        if kind == "active_loop":
            active_loop = data.get("name")
        elif kind in ("restart", "session_started"):
            active_loop, pending = None, None
        elif kind == "user":
            pending = None
            parse = data.get("parse_data") or {}
            intent = (parse.get("intent") or {}).get("name") or ""
            text = data.get("text") or ""
            in_form = active_loop is not None and active_loop not in QUESTION_LOOPS
            if in_form or active_loop in SENSITIVE_LOOPS or intent in SENSITIVE_INTENTS:
                continue
            if not text.strip() or text.startswith("/"):
                continue  # button payloads, not questions
            number = conversations.setdefault(sender_id, len(conversations))
            question = Question(mask(text), "", number, float(timestamp or 0))
            if intent in FALLBACK_INTENTS:
                question.reason = intent
                found.append(question)
            else:
                pending = question
        elif kind == "action":
            name = data.get("name")
            if name in NOT_AN_ANSWER or pending is None:
                continue
            if name in FALLBACK_ACTIONS:
                pending.reason = name
                found.append(pending)
            pending = None
    return found


def stems(text: str) -> List[str]:
    """Content words, lightly stemmed (parking/park, injections/injection)."""
    out = []
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in STOPWORDS:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        out.append(word)
    return out


def group_questions(questions: List[Question], threshold: float) -> List[Group]:
    """Group similar questions (cosine distance below `threshold`), largest group first."""
    if not questions:
        return []
    texts = [q.text.lower() for q in questions]
    distinct = sorted(set(texts))
    if len(distinct) == 1:
        groups = [Group(list(questions), questions[0].text)]
    else:
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion

        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(tokenizer=stems, ngram_range=(1, 2), sublinear_tf=True)),
                (
                    "chars",
                    TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
                ),
            ]
        )
        matrix = features.fit_transform(distinct).toarray()
        try:
            clustering = AgglomerativeClustering(
                n_clusters=None, distance_threshold=threshold, metric="cosine", linkage="average"
            )
        except TypeError:  # scikit-learn < 1.2 calls it `affinity`
            clustering = AgglomerativeClustering(
                n_clusters=None,
                distance_threshold=threshold,
                affinity="cosine",
                linkage="average",
            )
        labels = clustering.fit_predict(matrix)
        by_text = dict(zip(distinct, labels, strict=True))
        members: Dict[int, List[Question]] = defaultdict(list)
        for question, text in zip(questions, texts, strict=True):
            members[int(by_text[text])].append(question)
        groups = []
        for label, group_questions_ in members.items():
            rows = [i for i, t in enumerate(distinct) if by_text[t] == label]
            centre = matrix[rows].mean(axis=0)
            best = max(rows, key=lambda i: float(matrix[i] @ centre))
            counts = Counter(q.text.lower() for q in group_questions_)
            top = max(counts.values())
            representative = (
                distinct[best] if counts[distinct[best]] == top else (counts.most_common(1)[0][0])
            )
            original = next(q.text for q in group_questions_ if q.text.lower() == representative)
            groups.append(Group(group_questions_, original))
    groups.sort(key=lambda g: (-g.count, -g.conversations, g.representative))
    used: set = set()
    for group in groups:
        group.slug = slug_for(group, used)
    return groups


def slug_for(group: Group, used: set) -> str:
    """A topic name from the group's most frequent content words, unique in the draft."""
    words: Counter = Counter()
    for question in group.questions:
        for word in re.findall(r"[a-z]+", re.sub(r"<\w+>", " ", question.text.lower())):
            if word not in STOPWORDS and len(word) > 2 and word not in ("mesotherapy", "meso"):
                words[word] += 1
    base = "_".join(w for w, _ in words.most_common(3)) or "topic"
    slug, n = f"todo_{base}", 2
    while slug in used:
        slug, n = f"todo_{base}_{n}", n + 1
    used.add(slug)
    return slug


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def draft_yaml(groups: Sequence[Group], max_topics: int, source: str) -> str:
    """The draft FAQ file (data/faq format, several topics, TODO answers and sources)."""
    lines = [
        "# DRAFT FAQ topics from questions the assistant could not answer",
        f"# (meso/tools/unanswered.py, {now()}, from {source}).",
        "# For each topic worth answering: copy it into data/faq/<topic>.yml (one topic per",
        "# file, see docs/faq_template.yml), rename the topic, write the answer from the",
        "# articles, cite the source title and ids, add examples up to 20, run `make check`.",
        "# Groups that are really outside mesotherapy belong under out_of_scope in data/nlu.yml.",
        "# `make check` refuses this file as it is (TODO, too few examples): keep it out of data/.",
        'version: "3.1"',
        "nlu:",
    ]
    chosen = list(groups)[:max_topics]
    if not chosen:
        return "\n".join(lines[:-1] + ["nlu: []", "responses: {}"]) + "\n"
    for group in chosen:
        lines.append(f"  # {group.count} message(s) in {group.conversations} conversation(s)")
        lines.append(f"  - intent: faq/{group.slug}")
        lines.append("    examples: |")
        seen = set()
        for question in group.questions:
            key = question.text.lower()
            if key not in seen:
                seen.add(key)
                lines.append(f"      - {question.text}")
    lines.append("responses:")
    for group in chosen:
        lines += [
            f"  utter_faq/{group.slug}:",
            "    - text: |",
            "        TODO: write the answer from the articles (or move these examples to",
            "        out_of_scope in data/nlu.yml).",
            "",
            '        _Source: "TODO article title from knowledge/sources.yml"_',
            "      metadata:",
            '        title: "TODO short button title"',
            f"        question: {q(group.representative)}",
            '        sources: ["TODO"]',
        ]
    return "\n".join(lines) + "\n"


def markdown(groups: Sequence[Group], total: int, source: str) -> str:
    """results/unanswered.md: the groups, largest first."""
    out = [
        "# Unanswered questions",
        "",
        f"_{now()}, {source}: {total} message(s) in {len(groups)} group(s); "
        "the contraindication check's answers are never included._",
        "",
    ]
    for group in groups:
        reasons = Counter(q.reason for q in group.questions)
        why = ", ".join(f"{r} {c}" for r, c in reasons.most_common())
        out.append(
            f"## {group.count}× “{group.representative}” "
            f"({group.conversations} conversation(s); {why}) → faq/{group.slug}"
        )
        seen = set()
        for question in group.questions:
            if question.text.lower() not in seen:
                seen.add(question.text.lower())
                out.append(f"- {question.text}")
        out.append("")
    return "\n".join(out)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Read the tracker store, group the unanswered questions, write the draft."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", help="project folder (default: this project)")
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--since-days", type=float, default=None)
    parser.add_argument("--threshold", type=float, default=0.85, help="cosine distance")
    parser.add_argument("--max-topics", type=int, default=30)
    parser.add_argument("--out", default="results")
    silence_library_warnings()
    args = parser.parse_args(argv)
    root = project_root(args.root)
    endpoints = Path(args.endpoints)
    endpoints = endpoints if endpoints.is_absolute() else root / endpoints

    url = tracker_store_url(endpoints, root)
    since = time.time() - args.since_days * 86400 if args.since_days else None
    questions = unanswered(read_events(url, since))
    groups = group_questions(questions, args.threshold)
    source = f"the tracker store of {rel(endpoints, root)}"
    out = root / args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "unanswered.md").write_text(markdown(groups, len(questions), source), encoding="utf-8")
    draft = out / "draft_faq.yml"
    draft.write_text(draft_yaml(groups, args.max_topics, source), encoding="utf-8")

    print(f"==> {len(questions)} unanswered message(s) in {len(groups)} group(s)")
    for group in groups:
        print(
            f"{group.count:4d}× in {group.conversations:3d} conversation(s)  "
            f"{group.representative!r}  -> faq/{group.slug}"
        )
    print(f"==> {rel(out / 'unanswered.md', root)} and the draft {rel(draft, root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
