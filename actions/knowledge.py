"""Typed, validated access to knowledge/contraindications.yml (conditions and form groups)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Set, Tuple

import yaml

from meso.settings import CONTRAINDICATIONS_FILE, SOURCES_FILE, read_yaml

LEVEL_ORDER: Dict[str, int] = {"avoid": 2, "consult": 1}

_CONDITION_FIELDS = {"label", "level", "sources", "group", "explanation", "synonyms"}
_GROUP_FIELDS = {"label", "conditions"}


@dataclass(frozen=True)
class Condition:
    """One contraindication: how strict it is, where it comes from, and how people say it."""

    key: str
    label: str
    level: str
    sources: Tuple[str, ...]
    group: Optional[str]
    explanation: str
    synonyms: Tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """One yes/no question of the screening form (keyed by its slot) and what it covers."""

    slot: str
    label: str
    conditions: Tuple[str, ...]


@dataclass(frozen=True)
class Knowledge:
    """All conditions and groups of the data file, keyed by condition key and slot name."""

    conditions: Dict[str, Condition]
    groups: Dict[str, Group]

    def condition(self, key: str) -> Condition:
        """The condition with this key (KeyError if unknown)."""
        return self.conditions[key]

    def group(self, slot: str) -> Group:
        """The group asked by this slot (KeyError if unknown)."""
        return self.groups[slot]

    def conditions_of(self, slot: str) -> Tuple[Condition, ...]:
        """The conditions a group's question covers, in file order."""
        return tuple(self.conditions[key] for key in self.groups[slot].conditions)

    def group_of(self, key: str) -> Optional[str]:
        """The slot whose question covers this condition (None if no question asks it)."""
        return self.conditions[key].group

    def strictest_level(self, keys: Iterable[str]) -> Optional[str]:
        """The strictest level ("avoid" before "consult") among these condition keys."""
        return strictest_level(self.conditions[key].level for key in keys)


def strictest_level(levels: Iterable[str]) -> Optional[str]:
    """The strictest of some levels by LEVEL_ORDER, or None if there are none."""
    found = [level for level in levels if level in LEVEL_ORDER]
    return max(found, key=LEVEL_ORDER.__getitem__) if found else None


def _fail(path: Path, where: str, problem: str) -> ValueError:
    """A ValueError naming the file, the bad key and the problem."""
    return ValueError(f"{path}: {where}: {problem}")


def _text(path: Path, where: str, value: Any) -> str:
    """A required non-empty string field."""
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, "expected a non-empty string")
    return " ".join(value.split())


def _strings(path: Path, where: str, value: Any, lower: bool = False) -> Tuple[str, ...]:
    """A required non-empty list of non-empty strings (deduplicated, optionally lowercased)."""
    if not isinstance(value, list) or not value:
        raise _fail(path, where, "expected a non-empty list")
    items: List[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _fail(path, where, f"expected quoted strings, got {item!r}")
        text = " ".join(item.split())
        text = text.lower() if lower else text
        if text not in items:
            items.append(text)
    return tuple(items)


def _mapping(
    path: Path, where: str, value: Any, fields: Optional[Set[str]] = None
) -> Mapping[Any, Any]:
    """A required mapping, optionally limited to known fields."""
    if not isinstance(value, dict) or not value:
        raise _fail(path, where, "expected a non-empty mapping")
    if fields is not None:
        unknown = sorted(str(key) for key in set(value) - fields)
        if unknown:
            expected = ", ".join(sorted(fields))
            raise _fail(path, f"{where}.{unknown[0]}", f"unknown field (expected {expected})")
    return value


def _known_sources() -> Set[str]:
    """The source ids listed in knowledge/sources.yml."""
    try:
        return {str(key) for key in (read_yaml(SOURCES_FILE).get("sources") or {})}
    except (OSError, ValueError, yaml.YAMLError) as error:
        raise ValueError(f"{SOURCES_FILE}: cannot read the source list: {error}") from error


def _parse_condition(path: Path, key: str, raw: Any, sources: Set[str]) -> Condition:
    """One validated Condition from its raw mapping."""
    where = f"conditions.{key}"
    data = _mapping(path, where, raw, _CONDITION_FIELDS)
    missing = sorted(_CONDITION_FIELDS - set(data))
    if missing:
        raise _fail(path, f"{where}.{missing[0]}", "missing field")
    level = data["level"]
    if level not in LEVEL_ORDER:
        raise _fail(path, f"{where}.level", f"unknown level {level!r} (expected avoid|consult)")
    ids = _strings(path, f"{where}.sources", data["sources"])
    for source in ids:
        if source not in sources:
            raise _fail(path, f"{where}.sources", f"source id {source!r} not in {SOURCES_FILE}")
    group = data["group"]
    if group is not None and not isinstance(group, str):
        raise _fail(path, f"{where}.group", "expected a slot name or null")
    return Condition(
        key=key,
        label=_text(path, f"{where}.label", data["label"]),
        level=level,
        sources=ids,
        group=group,
        explanation=_text(path, f"{where}.explanation", data["explanation"]),
        synonyms=_strings(path, f"{where}.synonyms", data["synonyms"], lower=True),
    )


def _parse_group(path: Path, slot: str, raw: Any) -> Group:
    """One validated Group from its raw mapping (condition keys checked later)."""
    where = f"groups.{slot}"
    data = _mapping(path, where, raw, _GROUP_FIELDS)
    if "conditions" not in data:
        raise _fail(path, f"{where}.conditions", "missing field")
    return Group(
        slot=slot,
        label=_text(path, f"{where}.label", data.get("label")),
        conditions=_strings(path, f"{where}.conditions", data["conditions"]),
    )


def _check_links(path: Path, knowledge: Knowledge) -> None:
    """Groups and conditions must point at each other consistently; synonyms must be unique."""
    owner: Dict[str, str] = {}
    for key, condition in knowledge.conditions.items():
        where = f"conditions.{key}"
        if condition.group is not None and condition.group not in knowledge.groups:
            raise _fail(path, f"{where}.group", f"unknown group {condition.group!r}")
        if condition.group is not None and key not in knowledge.groups[condition.group].conditions:
            raise _fail(path, f"{where}.group", f"groups.{condition.group} does not list {key!r}")
        for synonym in condition.synonyms:
            if owner.setdefault(synonym, key) != key:
                raise _fail(path, f"{where}.synonyms", f"{synonym!r} is also in {owner[synonym]!r}")
    for slot, group in knowledge.groups.items():
        for key in group.conditions:
            if key not in knowledge.conditions:
                raise _fail(path, f"groups.{slot}.conditions", f"unknown condition {key!r}")
            if knowledge.conditions[key].group != slot:
                raise _fail(
                    path,
                    f"groups.{slot}.conditions",
                    f"lists {key!r}, whose group is {knowledge.conditions[key].group!r}",
                )


@lru_cache(maxsize=8)
def load_knowledge(path: Path = CONTRAINDICATIONS_FILE) -> Knowledge:
    """Read and validate the contraindications file (cached; ValueError on any problem)."""
    path = Path(path)
    try:
        data = read_yaml(path)
    except (OSError, ValueError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: cannot read: {error}") from error
    sources = _known_sources()
    raw_groups = _mapping(path, "groups", data.get("groups"))
    raw_conditions = _mapping(path, "conditions", data.get("conditions"))
    groups = {str(slot): _parse_group(path, str(slot), raw) for slot, raw in raw_groups.items()}
    conditions = {
        str(key): _parse_condition(path, str(key), raw, sources)
        for key, raw in raw_conditions.items()
    }
    knowledge = Knowledge(conditions=conditions, groups=groups)
    _check_links(path, knowledge)
    return knowledge
