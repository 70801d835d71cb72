"""`make check`: bad content is rejected with one clear line naming the file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import List

import pytest

from meso.tools.check import main as check_main
from meso.tools.check import normalise

from .conftest import FIXTURE, MakeRunner


def run_check(project: Path, capsys: pytest.CaptureFixture) -> tuple:
    """Content checks only (no `rasa data validate`): exit code and output lines."""
    code = check_main(["--root", str(project), "--skip-rasa"])
    return code, capsys.readouterr().out.splitlines()


def line_no(path: Path, needle: str) -> int:
    """1-based line of the first line containing needle."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file (must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_content_is_clean(project: Path, capsys: pytest.CaptureFixture) -> None:
    code, out = run_check(project, capsys)
    assert code == 0, out
    assert out[-1] == "make check: OK"


def test_new_faq_file_passes(project: Path, capsys: pytest.CaptureFixture) -> None:
    shutil.copy(FIXTURE / "extra" / "sessions.yml", project / "data" / "faq" / "sessions.yml")
    code, out = run_check(project, capsys)
    assert code == 0, out
    assert "3 FAQ topics" in "\n".join(out)


def test_duplicate_example_names_both_places(project: Path, capsys: pytest.CaptureFixture) -> None:
    new = project / "data" / "faq" / "sessions.yml"
    shutil.copy(FIXTURE / "extra" / "sessions.yml", new)
    edit(new, "      - how many sessions\n", "      - how many sessions\n      - Does it HURT!\n")
    code, out = run_check(project, capsys)
    assert code == 1
    pain = project / "data" / "faq" / "pain.yml"
    expected = (
        f'data/faq/sessions.yml:{line_no(new, "Does it HURT!")}: example "Does it HURT!" is '
        f"also under faq/pain (data/faq/pain.yml:{line_no(pain, '- does it hurt')})"
    )
    assert expected in out


def test_missing_source_line(project: Path, capsys: pytest.CaptureFixture) -> None:
    cost = project / "data" / "faq" / "cost.yml"
    edit(
        cost,
        '        _Source: "What Is Mesotherapy',
        '        Source unknown. "What Is Mesotherapy',
    )
    code, out = run_check(project, capsys)
    assert code == 1
    text_line = line_no(cost, "- text: |") + 1
    assert (
        f"data/faq/cost.yml:{text_line}: utter_faq/cost has no source: end the text with "
        '`_Source: "<article title>"_`' in out
    )


def test_unknown_source_title_and_id(project: Path, capsys: pytest.CaptureFixture) -> None:
    pain = project / "data" / "faq" / "pain.yml"
    edit(
        pain,
        '_Source: "Mesotherapy for Face: Procedure and Benefits for Skin"_',
        '_Source: "Mesotherapy for the Face"_',
    )
    edit(pain, 'sources: ["004"]', 'sources: ["004", "123"]')
    code, out = run_check(project, capsys)
    assert code == 1
    source_line = line_no(pain, "_Source:")
    ids_line = line_no(pain, "sources: [")
    assert (
        f'data/faq/pain.yml:{source_line}: source "Mesotherapy for the Face" is not a title in '
        "knowledge/sources.yml" in out
    )
    assert f'data/faq/pain.yml:{ids_line}: source id "123" is not in knowledge/sources.yml' in out


def test_source_ids_must_match_cited_titles(project: Path, capsys: pytest.CaptureFixture) -> None:
    pain = project / "data" / "faq" / "pain.yml"
    edit(pain, 'sources: ["004"]', 'sources: ["000"]')
    code, out = run_check(project, capsys)
    assert code == 1
    assert any(
        line.startswith(
            f"data/faq/pain.yml:{line_no(pain, 'sources: [')}: metadata.sources ['000']"
            " do not match the cited titles ['004']"
        )
        for line in out
    ), out


def test_unquoted_source_id_gets_a_hint(project: Path, capsys: pytest.CaptureFixture) -> None:
    pain = project / "data" / "faq" / "pain.yml"
    edit(pain, 'sources: ["004"]', "sources: [004]")
    code, out = run_check(project, capsys)
    assert code == 1
    assert any('(quote ids: "000", not 000)' in line for line in out), out


def test_topic_without_answer_and_answer_without_topic(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    sessions = project / "data" / "faq" / "sessions.yml"
    text = (FIXTURE / "extra" / "sessions.yml").read_text(encoding="utf-8")
    sessions.write_text(text.split("responses:")[0], encoding="utf-8")
    orphan = project / "data" / "faq" / "parking.yml"
    orphan.write_text(
        'version: "3.1"\nresponses:\n  utter_faq/parking:\n    - text: |\n        Park here.\n\n'
        '        _Source: "What Is Mesotherapy and Can It Improve My Skin"_\n'
        '      metadata:\n        title: "Parking"\n        question: "where do I park"\n'
        '        sources: ["000"]\n',
        encoding="utf-8",
    )
    code, out = run_check(project, capsys)
    assert code == 1
    intent_line = line_no(sessions, "- intent: faq/sessions")
    assert (
        f"data/faq/sessions.yml:{intent_line}: FAQ topic faq/sessions has no answer "
        "utter_faq/sessions" in out
    )
    assert (
        "data/faq/parking.yml:3: answer utter_faq/parking has no examples (no intent faq/parking)"
        in out
    )


def test_yaml_syntax_error_names_the_line(project: Path, capsys: pytest.CaptureFixture) -> None:
    broken = project / "data" / "faq" / "broken.yml"
    broken.write_text(
        'version: "3.1"\nnlu:\n  - intent: faq/broken\n    examples: |\n      - hi\n'
        'responses:\n  utter_faq/broken:\n    - text: "unclosed\n      metadata: {\n',
        encoding="utf-8",
    )
    code, out = run_check(project, capsys)
    assert code == 1
    assert any(
        re.match(r"data/faq/broken\.yml:(8|9|10): YAML syntax error: ", line) for line in out
    )
    assert "rasa data validate: skipped" not in "\n".join(out)  # --skip-rasa


def test_too_few_examples_states_the_number(project: Path, capsys: pytest.CaptureFixture) -> None:
    cost = project / "data" / "faq" / "cost.yml"
    text = cost.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("      - ")][:]
    examples = [line for line in text.splitlines() if line.startswith("      - ")]
    head = kept[: kept.index("    examples: |") + 1]
    cost.write_text(
        "\n".join(head + examples[:12] + kept[kept.index("    examples: |") + 1 :]) + "\n",
        encoding="utf-8",
    )
    code, out = run_check(project, capsys)
    assert code == 1
    assert (
        f"data/faq/cost.yml:{line_no(cost, '- intent: faq/cost')}: faq/cost has 12 distinct "
        "examples; at least 20 are needed" in out
    )


def test_question_must_be_an_example(project: Path, capsys: pytest.CaptureFixture) -> None:
    cost = project / "data" / "faq" / "cost.yml"
    edit(cost, 'question: "how much does mesotherapy cost?"', 'question: "what is the cost"')
    code, out = run_check(project, capsys)
    assert code == 1
    assert (
        f'data/faq/cost.yml:{line_no(cost, "question:")}: metadata.question "what is the cost" '
        "is not one of the examples of faq/cost" in out
    )


def test_template_is_ignored_and_works_when_filled(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    code, out = run_check(project, capsys)
    assert code == 0, out  # docs/faq_template.yml is in the project but never read
    template = (project / "docs" / "faq_template.yml").read_text(encoding="utf-8")
    examples = [f"      - how do I look after my skin in week {n}" for n in range(1, 21)]
    filled = (
        template.replace("faq/<topic>", "faq/aftercare")
        .replace("utter_faq/<topic>", "utter_faq/aftercare")
        .replace(
            'question: "<the main question, as a visitor would type it>"',
            'question: "how do I look after my skin in week 1"',
        )
        .replace('title: "TODO short button title"', 'title: "Aftercare"')
        .replace("TODO: the answer", "The answer")
    )
    filled = re.sub(r"(      - <[^\n]*\n)+", "\n".join(examples) + "\n", filled)
    (project / "data" / "faq" / "aftercare.yml").write_text(filled, encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 0, out


def test_normalise_ignores_case_and_punctuation() -> None:
    assert normalise("Does it HURT?!") == normalise("does it hurt")
    assert normalise("what's the price") == normalise("Whats the price")
    assert normalise("[botox](treatment) price") == "botox price"


def test_make_check_reports_rasa_validate_errors(project: Path, make: MakeRunner) -> None:
    rules = project / "data" / "rules.yml"
    rules.write_text(
        rules.read_text(encoding="utf-8")
        + "  - rule: broken\n    steps:\n      - intent: greet\n      - action: utter_nowhere\n",
        encoding="utf-8",
    )
    done = make(project, "check")
    out: List[str] = done.stdout.splitlines()
    assert done.returncode != 0, done.stdout + done.stderr
    expected = f"data/rules.yml:{line_no(rules, 'utter_nowhere')}: rasa data validate: "
    assert any(line.startswith(expected) and "utter_nowhere" in line for line in out), out
    assert "make check: FAILED with 1 error(s)" in out
