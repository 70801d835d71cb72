"""Configuration in one place: file locations and the clinic settings."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = Path(os.environ.get("MESO_KNOWLEDGE_DIR", PROJECT_ROOT / "knowledge"))
CONTRAINDICATIONS_FILE = KNOWLEDGE_DIR / "contraindications.yml"
SOURCES_FILE = KNOWLEDGE_DIR / "sources.yml"
SPACY_MODEL_DIR = Path(
    os.environ.get("MESO_SPACY_MODEL", PROJECT_ROOT / "spacy_model" / "en_meso_lookup")
)
CLINIC_FILE = Path(os.environ.get("CLINIC_SETTINGS", PROJECT_ROOT / "clinic.yml"))

CLINIC_DEFAULTS: Dict[str, Any] = {
    "name": "the clinic",
    "phone": "(phone number not set)",
    "email": "(email not set)",
    "opening_hours": "(opening hours not set)",
    "booking_url": "",
    # Safety routing (actions/safety.py): the number to call in an emergency, and the line
    # for urgent problems after a treatment (the clinic's phone when not set).
    "emergency_number": "your local emergency number",
    "urgent_phone": "",
}


def read_yaml(path: Path) -> Dict[str, Any]:
    """Read a YAML mapping from a file (an empty file gives an empty mapping)."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


@lru_cache(maxsize=1)
def clinic_settings() -> Dict[str, Any]:
    """The clinic settings (clinic.yml) merged over safe defaults."""
    settings = dict(CLINIC_DEFAULTS)
    if CLINIC_FILE.exists():
        settings.update({k: v for k, v in read_yaml(CLINIC_FILE).items() if v not in (None, "")})
    if not settings["urgent_phone"]:
        settings["urgent_phone"] = settings["phone"]
    return settings


@lru_cache(maxsize=1)
def source_titles() -> Dict[str, str]:
    """Map of source id (e.g. "000") to the article title that answers cite."""
    sources = read_yaml(SOURCES_FILE).get("sources", {})
    return {str(key): str(value["title"]) for key, value in sources.items()}
