"""Check the training content before training: FAQ topics, answers, sources, examples.

    make check                 # or: meso check [--root DIR]

Checks, each error naming the file and line:
  - YAML syntax of domain.yml, data/**/*.yml and knowledge/sources.yml;
  - every FAQ topic (intent faq/<topic>) has an answer utter_faq/<topic>, and vice versa;
  - every answer ends with a `_Source: "<article title>"_` line whose titles are in
    knowledge/sources.yml, and its metadata has a title, a question that is one of the
    topic's examples, and source ids that exist and match the cited titles;
  - every intent (FAQ topic or dialogue intent) has at least MIN_EXAMPLES examples;
  - no example is listed under two intents (case and punctuation are ignored);
  - `rasa data validate` (domain, NLU, stories, rules) passes; its errors are reported.
Exits 1 when there is an error, 0 otherwise (warnings do not fail the check).
Files outside data/ (for example docs/faq_template.yml) are not checked.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from meso.tools.common import project_root, rasa_bin, rel

MIN_EXAMPLES = 20
FAQ_PREFIX = "faq/"
RESPONSE_PREFIX = "utter_faq/"
SOURCE_LINE = re.compile(r"^\s*_?\s*Sources?\s*:\s*(?P<body>.*?)\s*_?\s*$")
QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
ENTITY_MARKUP = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass
class Issue:
    """One finding, tied to a file and a 1-based line."""

    path: Path
    line: int
    message: str
    level: str = "error"

    def render(self, root: Path) -> str:
        """`file:line: message`, with `warning:` in front of warnings."""
        prefix = "warning: " if self.level == "warning" else ""
        return f"{rel(self.path, root)}:{self.line}: {prefix}{self.message}"


@dataclass
class Example:
    """One training example of an intent."""

    text: str
    intent: str
    path: Path
    line: int


@dataclass
class Answer:
    """One variation of a response, with the lines of its parts."""

    key: str
    path: Path
    line: int
    text: str = ""
    text_line: int = 0
    block: bool = False
    metadata: Optional[Dict[str, Any]] = None
    meta_lines: Dict[str, int] = field(default_factory=dict)


@dataclass
class Content:
    """Everything the checks need, read from the project."""

    examples: List[Example] = field(default_factory=list)
    intent_lines: Dict[str, Tuple[Path, int]] = field(default_factory=dict)
    answers: Dict[str, List[Answer]] = field(default_factory=dict)
    response_lines: Dict[str, Tuple[Path, int]] = field(default_factory=dict)
    sources: Dict[str, str] = field(default_factory=dict)
    sources_path: Optional[Path] = None
    issues: List[Issue] = field(default_factory=list)
    yaml_broken: bool = False
    root: Path = Path(".")


def normalise(text: str) -> str:
    """Lower case, entity markup and punctuation removed, spaces collapsed."""
    text = ENTITY_MARKUP.sub(r"\1", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"['’`]", "", text)
    text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    return " ".join(text.split()) or text.strip()


def line_of(node: Any, key: Any = None, value: bool = False) -> int:
    """1-based line of a ruamel node, of one of its keys, or of a key's value."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return 1
    try:
        if key is None:
            return int(lc.line) + 1
        if isinstance(key, int):
            return int(lc.item(key)[0]) + 1
        return int((lc.value(key) if value else lc.key(key))[0]) + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return int(lc.line) + 1


def load_yaml(path: Path, content: Content) -> Optional[Any]:
    """Parse a YAML file keeping line numbers; record a syntax error and return None."""
    yaml = YAML(typ="rt")
    try:
        return yaml.load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = " ".join(str(err.problem or err.context or "invalid YAML").split())
        content.issues.append(Issue(path, line, f"YAML syntax error: {problem}"))
    except (YAMLError, UnicodeDecodeError) as err:
        content.issues.append(Issue(path, 1, f"cannot read YAML: {err}"))
    content.yaml_broken = True
    return None


def block_lines(node: Any, key: str, text: str) -> Tuple[int, bool]:
    """First line of a string value's content: the line after `|`/`>` for block scalars."""
    start = line_of(node, key, value=True)
    style = type(text).__name__
    if style in ("LiteralScalarString", "FoldedScalarString"):
        return start + 1, True
    return start, False


def read_examples(item: Any, intent: str, path: Path, content: Content) -> None:
    """Collect the examples of one `- intent:` entry with their lines."""
    raw = item.get("examples")
    if isinstance(raw, str):
        first, is_block = block_lines(item, "examples", raw)
        for offset, line in enumerate(raw.splitlines()):
            stripped = line.strip()
            if not stripped:
                continue
            if not stripped.startswith("-"):
                where = first + offset if is_block else first
                content.issues.append(
                    Issue(path, where, f'line under {intent} does not start with "- "')
                )
                continue
            where = first + offset if is_block else first
            content.examples.append(Example(stripped[1:].strip(), intent, path, where))
    elif isinstance(raw, list):
        for index, entry in enumerate(raw):
            text = entry.get("text") if isinstance(entry, dict) else entry
            if isinstance(text, str) and text.strip():
                content.examples.append(Example(text.strip(), intent, path, line_of(raw, index)))
    elif raw is None:
        content.issues.append(Issue(path, line_of(item), f"{intent} has no `examples:`"))


def read_responses(responses: Any, path: Path, content: Content) -> None:
    """Collect the FAQ answers (utter_faq/...) of a `responses:` mapping."""
    if not isinstance(responses, dict):
        return
    for key, variations in responses.items():
        key = str(key)
        if key not in content.response_lines:
            content.response_lines[key] = (path, line_of(responses, key))
        if not key.startswith(RESPONSE_PREFIX):
            continue
        answers = content.answers.setdefault(key, [])
        if not isinstance(variations, list) or not variations:
            answers.append(Answer(key, path, line_of(responses, key)))
            continue
        for index, variation in enumerate(variations):
            answer = Answer(key, path, line_of(variations, index))
            if isinstance(variation, dict):
                text = variation.get("text")
                if isinstance(text, str):
                    answer.text = text
                    answer.text_line, answer.block = block_lines(variation, "text", text)
                metadata = variation.get("metadata")
                if isinstance(metadata, dict):
                    answer.metadata = dict(metadata)
                    answer.meta_lines = {str(k): line_of(metadata, k, value=True) for k in metadata}
                    answer.meta_lines[""] = line_of(variation, "metadata")
            answers.append(answer)


def read_training_file(path: Path, content: Content) -> None:
    """Read `nlu:` and `responses:` of one training-data or domain file."""
    data = load_yaml(path, content)
    if data is None:
        return
    if not isinstance(data, dict):
        content.issues.append(Issue(path, 1, "expected a mapping at the top of the file"))
        return
    nlu = data.get("nlu") or []
    if isinstance(nlu, list):
        for index, item in enumerate(nlu):
            if not isinstance(item, dict) or "intent" not in item:
                continue
            intent = str(item["intent"])
            content.intent_lines.setdefault(intent, (path, line_of(nlu, index)))
            read_examples(item, intent, path, content)
    read_responses(data.get("responses"), path, content)


def read_sources(path: Path, content: Content) -> None:
    """knowledge/sources.yml: id -> title."""
    content.sources_path = path
    if not path.exists():
        content.issues.append(Issue(path, 1, "knowledge/sources.yml is missing"))
        return
    data = load_yaml(path, content)
    if not isinstance(data, dict):
        return
    for source_id, entry in (data.get("sources") or {}).items():
        title = entry.get("title") if isinstance(entry, dict) else None
        if title:
            content.sources[str(source_id)] = str(title)


def training_files(root: Path) -> List[Path]:
    """The domain file(s) and every YAML file under data/."""
    files: List[Path] = []
    domain = root / "domain.yml"
    if domain.is_file():
        files.append(domain)
    elif (root / "domain").is_dir():
        files += sorted((root / "domain").rglob("*.yml"))
    data = root / "data"
    files += sorted(p for p in data.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
    return files


def load_content(root: Path) -> Content:
    """Read everything the checks look at."""
    content = Content(root=root)
    for path in training_files(root):
        read_training_file(path, content)
    read_sources(root / "knowledge" / "sources.yml", content)
    return content


def check_topics(content: Content) -> None:
    """Every faq/<topic> has utter_faq/<topic> and every utter_faq/<topic> has examples."""
    intents = {e.intent for e in content.examples} | set(content.intent_lines)
    for intent in sorted(i for i in intents if i.startswith(FAQ_PREFIX)):
        topic = intent[len(FAQ_PREFIX) :]
        if RESPONSE_PREFIX + topic not in content.response_lines:
            path, line = content.intent_lines[intent]
            content.issues.append(
                Issue(path, line, f"FAQ topic {intent} has no answer {RESPONSE_PREFIX}{topic}")
            )
        path, _ = content.intent_lines[intent]
        if path.parent.name == "faq" and path.stem != topic:
            content.issues.append(
                Issue(
                    path,
                    content.intent_lines[intent][1],
                    f"topic {intent} is in {path.name}; keep one topic per file named {topic}.yml",
                    "warning",
                )
            )
    for key in sorted(content.answers):
        topic = key[len(RESPONSE_PREFIX) :]
        if FAQ_PREFIX + topic not in intents:
            path, line = content.response_lines[key]
            content.issues.append(
                Issue(path, line, f"answer {key} has no examples (no intent {FAQ_PREFIX}{topic})")
            )


def source_line(answer: Answer) -> Tuple[Optional[str], int]:
    """The body of the answer's `_Source: ..._` line and its file line."""
    found: Tuple[Optional[str], int] = (None, answer.text_line or answer.line)
    for offset, line in enumerate(answer.text.splitlines()):
        match = SOURCE_LINE.match(line)
        if match and line.strip().lstrip("_").lower().startswith("source"):
            where = answer.text_line + offset if answer.block else answer.text_line
            found = (match.group("body"), where)
    return found


def check_answer(answer: Answer, content: Content, examples: Dict[str, Dict[str, Example]]) -> None:
    """Source line, metadata (title, question, sources) of one FAQ answer."""
    issues = content.issues
    path = answer.path
    topic_intent = FAQ_PREFIX + answer.key[len(RESPONSE_PREFIX) :]
    if not answer.text.strip():
        issues.append(Issue(path, answer.line, f"{answer.key} has no `text:`"))
        return
    if "TODO" in answer.text:
        issues.append(Issue(path, answer.text_line, f"{answer.key}: the answer still says TODO"))
    body, where = source_line(answer)
    cited_ids: Dict[str, str] = {}
    if body is None:
        issues.append(
            Issue(
                path,
                answer.text_line,
                f'{answer.key} has no source: end the text with `_Source: "<article title>"_`',
            )
        )
    else:
        titles = QUOTED.findall(body)
        if not titles:
            issues.append(Issue(path, where, 'the Source line names no "quoted" article title'))
        by_title = {title: source_id for source_id, title in content.sources.items()}
        for title in titles:
            if title in by_title:
                cited_ids[by_title[title]] = title
            else:
                issues.append(
                    Issue(path, where, f'source "{title}" is not a title in knowledge/sources.yml')
                )
    metadata = answer.metadata
    if metadata is None:
        issues.append(
            Issue(path, answer.line, f"{answer.key} has no `metadata:` (title, question, sources)")
        )
        return
    meta_line = answer.meta_lines.get("", answer.line)
    for key in ("title", "question", "sources"):
        value = metadata.get(key)
        if value is None or (isinstance(value, (str, list)) and not value):
            issues.append(Issue(path, meta_line, f"{answer.key}: metadata has no `{key}`"))
        elif isinstance(value, str) and "TODO" in value:
            issues.append(
                Issue(path, answer.meta_lines.get(key, meta_line), f"metadata.{key} is TODO")
            )
    question = metadata.get("question")
    if isinstance(question, str) and question.strip() and "TODO" not in question:
        if topic_intent in examples and normalise(question) not in examples.get(topic_intent, {}):
            issues.append(
                Issue(
                    path,
                    answer.meta_lines.get("question", meta_line),
                    f'metadata.question "{question}" is not one of the examples of {topic_intent}',
                )
            )
    ids = metadata.get("sources")
    if ids is None:
        return
    ids_line = answer.meta_lines.get("sources", meta_line)
    ids = ids if isinstance(ids, list) else [ids]
    listed = set()
    for source_id in ids:
        if str(source_id) not in content.sources:
            hint = ' (quote ids: "000", not 000)' if isinstance(source_id, int) else ""
            issues.append(
                Issue(
                    path,
                    ids_line,
                    f'source id "{source_id}" is not in knowledge/sources.yml{hint}',
                )
            )
        else:
            listed.add(str(source_id))
    known_ids = {str(i) for i in ids if str(i) in content.sources}
    if body is not None and cited_ids and known_ids and known_ids != set(cited_ids):
        issues.append(
            Issue(
                path,
                ids_line,
                f"metadata.sources {sorted(known_ids)} do not match the cited titles "
                f"{sorted(cited_ids)} ({'; '.join(sorted(cited_ids.values()))})",
            )
        )


def check_examples(content: Content, min_examples: int) -> Dict[str, Dict[str, Example]]:
    """Enough examples per intent, and no example under two intents; returns the index."""
    by_intent: Dict[str, Dict[str, Example]] = defaultdict(dict)
    seen: Dict[str, Example] = {}
    for example in content.examples:
        norm = normalise(example.text)
        first = seen.get(norm)
        if first is None:
            seen[norm] = example
        elif first.intent != example.intent:
            content.issues.append(
                Issue(
                    example.path,
                    example.line,
                    f'example "{example.text}" is also under {first.intent} '
                    f"({rel(first.path, content.root)}:{first.line})",
                )
            )
        elif first is not example:
            content.issues.append(
                Issue(
                    example.path,
                    example.line,
                    f'example "{example.text}" is listed twice under {example.intent} '
                    f"(line {first.line})",
                    "warning",
                )
            )
        by_intent[example.intent].setdefault(norm, example)
    for intent, (path, line) in sorted(content.intent_lines.items()):
        count = len(by_intent.get(intent, {}))
        if count < min_examples:
            content.issues.append(
                Issue(
                    path,
                    line,
                    f"{intent} has {count} distinct examples; at least {min_examples} are needed",
                )
            )
    return by_intent


def check_content(root: Path, min_examples: int = MIN_EXAMPLES) -> Content:
    """Run every content check (not `rasa data validate`) and return the findings."""
    content = load_content(root)
    examples = check_examples(content, min_examples)
    check_topics(content)
    for key in sorted(content.answers):
        for answer in content.answers[key]:
            check_answer(answer, content, examples)
    return content


RASA_NOISE = ("DeprecationWarning", "setParseAction", "parseString", "resetCache")
# Warnings `rasa data validate --fail-on-warnings` itself does not fail on, and that are
# expected here: responses used only by actions, and the retrieval intent `faq` that every
# data/faq/<topic>.yml file declares again.
RASA_BENIGN = (
    re.compile(r"is not used in any story or rule"),
    re.compile(r"duplicated intents have been found across multiple domain files: faq$"),
)


def rasa_validate(root: Path) -> Tuple[int, List[str], int]:
    """Run `rasa data validate --fail-on-warnings`: exit code, findings, benign warnings."""
    cmd = [
        rasa_bin(),
        "data",
        "validate",
        "--fail-on-warnings",
        "--data",
        "data",
        "--domain",
        "domain.yml" if (root / "domain.yml").exists() else "domain",
        "--config",
        "config.yml",
    ]
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "\n", proc.stdout + "\n" + proc.stderr)
    findings: List[str] = []
    benign = 0
    lines = [line for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        if any(noise in line for noise in RASA_NOISE):
            continue
        message = ""
        if "UserWarning:" in line:
            message = line.split("UserWarning:", 1)[1].strip()
            follow = lines[index + 1] if index + 1 < len(lines) else ""
            if follow.startswith("  ") and "More info" not in follow:
                message += " " + follow.strip()
        elif " ERROR " in line:
            message = line.split(" ERROR ", 1)[1].strip()
            message = re.sub(r"^[\w.]+\s+-\s+", "", message)
        elif re.match(r"^[A-Z]\w*(Exception|Error):", line):
            message = line.strip()
        if not message:
            continue
        if any(pattern.search(message) for pattern in RASA_BENIGN):
            benign += 1
        elif message not in findings:
            findings.append(message)
    if proc.returncode != 0 and not findings:
        findings.append(" / ".join(lines[-3:]) or f"exit code {proc.returncode}")
    return proc.returncode, findings, benign


def locate(message: str, root: Path) -> str:
    """`file:line: ` of the first training-data line naming what a Rasa message quotes."""
    for name in re.findall(r"'([^'\s]+)'", message):
        pattern = re.compile(rf"(^|[\s:\-\[,]){re.escape(name)}(\s*$|[\s:,\]])")
        for path in training_files(root):
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for number, line in enumerate(lines, start=1):
                if pattern.search(line):
                    return f"{rel(path, root)}:{number}: "
    return ""


def report(issues: Iterable[Issue], root: Path) -> List[str]:
    """Sorted `file:line: message` lines."""
    ordered = sorted(issues, key=lambda i: (rel(i.path, root), i.line, i.message))
    return [issue.render(root) for issue in ordered]


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Check the content; print one line per finding; exit 1 on errors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", help="project folder (default: this project)")
    parser.add_argument("--min-examples", type=int, default=MIN_EXAMPLES)
    parser.add_argument(
        "--skip-rasa", action="store_true", help="do not run `rasa data validate` (faster)"
    )
    args = parser.parse_args(argv)
    root = project_root(args.root)

    content = check_content(root, args.min_examples)
    for line in report(content.issues, root):
        print(line)
    errors = sum(1 for i in content.issues if i.level == "error")
    warnings = len(content.issues) - errors
    topics = len({e.intent for e in content.examples if e.intent.startswith(FAQ_PREFIX)})
    print(
        f"==> content: {errors} error(s), {warnings} warning(s); {topics} FAQ topics, "
        f"{len(content.examples)} examples (at least {args.min_examples} per intent)",
        flush=True,
    )

    if args.skip_rasa:
        pass
    elif content.yaml_broken:
        print("==> rasa data validate: skipped until the YAML errors above are fixed")
    else:
        print("==> rasa data validate ...", flush=True)
        code, findings, benign = rasa_validate(root)
        label = "rasa data validate" if code else "rasa data validate: warning"
        for message in findings:
            print(f"{locate(message, root)}{label}: {message}")
        if code != 0:
            errors += len(findings)
        note = f" ({benign} expected warnings not shown)" if benign else ""
        print(f"==> rasa data validate: {'FAILED' if code else 'passed'}{note}")

    if errors:
        print(f"make check: FAILED with {errors} error(s)")
        return 1
    print("make check: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
