"""knowledge/contraindications.yml agrees with the binding spec and the loader validates it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Dict

import pytest
import yaml

from actions.knowledge import LEVEL_ORDER, Knowledge, load_knowledge, strictest_level
from meso.settings import CONTRAINDICATIONS_FILE, SOURCES_FILE

SPEC_FILE = CONTRAINDICATIONS_FILE.parent / "spec" / "contraindications.yml"
FORM_SLOTS = ["screen_pregnancy", "screen_chronic", "screen_bleeding", "screen_skin", "screen_pain"]


@pytest.fixture(scope="module")
def spec() -> Dict[str, Any]:
    """The binding spec's contraindications (in the repository; all scalars as strings)."""
    # BaseLoader keeps "000" and "004" as written (safe_load would read them as numbers).
    data = yaml.load(SPEC_FILE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return data["contraindications"]


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


def test_same_keys_as_the_spec(spec: Dict[str, Any], knowledge: Knowledge) -> None:
    assert list(knowledge.conditions) == list(spec)


def test_same_level_and_sources_as_the_spec(spec: Dict[str, Any], knowledge: Knowledge) -> None:
    for key, entry in spec.items():
        condition = knowledge.conditions[key]
        assert condition.level == entry["level"], key
        assert list(condition.sources) == list(entry["source"]), key


def test_groups_are_the_form_questions(knowledge: Knowledge) -> None:
    assert list(knowledge.groups) == FORM_SLOTS
    domain = yaml.safe_load((CONTRAINDICATIONS_FILE.parents[1] / "domain.yml").read_text())
    assert sorted(domain["forms"]["screening_form"]["required_slots"]) == sorted(FORM_SLOTS)


def test_every_group_condition_exists(knowledge: Knowledge) -> None:
    for slot, group in knowledge.groups.items():
        assert group.conditions, slot
        for key in group.conditions:
            assert knowledge.conditions[key].group == slot


def test_every_condition_but_retinol_is_in_exactly_one_group(knowledge: Knowledge) -> None:
    for key, condition in knowledge.conditions.items():
        owners = [slot for slot, group in knowledge.groups.items() if key in group.conditions]
        assert owners == ([] if key == "retinol" else [condition.group]), key
    assert knowledge.conditions["retinol"].group is None


def test_every_source_exists(knowledge: Knowledge) -> None:
    known = set(yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))["sources"])
    for condition in knowledge.conditions.values():
        assert set(condition.sources) <= known, condition.key


def test_no_explanation_says_safe(knowledge: Knowledge) -> None:
    for condition in knowledge.conditions.values():
        assert not re.search(r"safe", condition.explanation, re.IGNORECASE), condition.key
        assert condition.label and condition.explanation.endswith("."), condition.key


def test_aspirin_explanation_never_says_to_stop_on_your_own(knowledge: Knowledge) -> None:
    text = knowledge.conditions["aspirin_or_blood_thinners"].explanation.lower()
    assert "doctor" in text
    assert "never stop" in text
    without_warning = text.replace("never stop", "")
    assert not re.search(r"\bstop(ping)?\b", without_warning)
    assert not re.search(r"\b(you should|must|need to) (stop|pause)\b", text)
    assert "may ask you to pause aspirin" in text


def test_retinol_explanation_mentions_pausing(knowledge: Knowledge) -> None:
    text = knowledge.conditions["retinol"].explanation.lower()
    assert "pausing retinol" in text and "a few days before" in text and "irritation" in text


def test_synonyms_are_lowercase_and_exclude_the_rejected_ones(knowledge: Knowledge) -> None:
    everything = {s for c in knowledge.conditions.values() for s in c.synonyms}
    assert all(s == s.lower() for s in everything)
    assert not {"ibuprofen", "trying to conceive", "hurt"} & everything


def test_strictest_level(knowledge: Knowledge) -> None:
    assert LEVEL_ORDER == {"avoid": 2, "consult": 1}
    assert knowledge.strictest_level(["retinol", "cancer"]) == "avoid"
    assert knowledge.strictest_level(["retinol", "prone_to_bruising"]) == "consult"
    assert knowledge.strictest_level([]) is None
    assert strictest_level(["consult", "avoid", "consult"]) == "avoid"


def test_helpers(knowledge: Knowledge) -> None:
    assert [c.key for c in knowledge.conditions_of("screen_pregnancy")] == [
        "pregnancy",
        "breastfeeding",
    ]
    assert knowledge.group_of("diabetes") == "screen_chronic"
    assert knowledge.group("screen_pain").label == "a low pain tolerance"
    assert knowledge.condition("cancer").sources == ("004",)


def test_loader_is_cached() -> None:
    assert load_knowledge() is load_knowledge()


# --- broken copies -----------------------------------------------------------------------------


def _raw() -> Dict[str, Any]:
    return yaml.safe_load(CONTRAINDICATIONS_FILE.read_text(encoding="utf-8"))


def _unknown_level(d: Dict[str, Any]) -> None:
    d["conditions"]["cancer"]["level"] = "forbidden"


def _unknown_group(d: Dict[str, Any]) -> None:
    d["conditions"]["cancer"]["group"] = "screen_nonsense"


def _group_lists_missing_condition(d: Dict[str, Any]) -> None:
    d["groups"]["screen_chronic"]["conditions"].append("gout")


def _unknown_source(d: Dict[str, Any]) -> None:
    d["conditions"]["diabetes"]["sources"] = ["004", "999"]


def _numeric_source(d: Dict[str, Any]) -> None:
    d["conditions"]["diabetes"]["sources"] = [4]


def _missing_field(d: Dict[str, Any]) -> None:
    del d["conditions"]["retinol"]["explanation"]


def _misspelt_field(d: Dict[str, Any]) -> None:
    d["conditions"]["retinol"]["synonym"] = d["conditions"]["retinol"].pop("synonyms")


def _group_mismatch(d: Dict[str, Any]) -> None:
    d["conditions"]["cancer"]["group"] = "screen_skin"


def _duplicate_synonym(d: Dict[str, Any]) -> None:
    d["conditions"]["cancer"]["synonyms"].append("diabetes")


def _no_conditions(d: Dict[str, Any]) -> None:
    d["conditions"] = None


BREAKAGES: Dict[str, Callable[[Dict[str, Any]], None]] = {
    "level": _unknown_level,
    "screen_nonsense": _unknown_group,
    "gout": _group_lists_missing_condition,
    "999": _unknown_source,
    "sources": _numeric_source,
    "explanation": _missing_field,
    "synonym": _misspelt_field,
    "screen_skin": _group_mismatch,
    "'diabetes'": _duplicate_synonym,
    "conditions": _no_conditions,
}


@pytest.mark.parametrize("needle", sorted(BREAKAGES))
def test_loader_rejects_a_broken_copy(tmp_path: Path, needle: str) -> None:
    data = _raw()
    BREAKAGES[needle](data)
    broken = tmp_path / "contraindications.yml"
    broken.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_knowledge(broken)
    assert str(broken) in str(error.value)
    assert needle in str(error.value)


def test_loader_rejects_invalid_yaml(tmp_path: Path) -> None:
    broken = tmp_path / "contraindications.yml"
    broken.write_text("groups: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="contraindications.yml"):
        load_knowledge(broken)


def test_an_intact_copy_loads(tmp_path: Path) -> None:
    copy = tmp_path / "contraindications.yml"
    copy.write_text(CONTRAINDICATIONS_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_knowledge(copy).conditions == load_knowledge().conditions
