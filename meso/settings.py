"""Every setting, read in one place.

The actions, the channels, the launcher, retention, the unanswered-questions report and the
deployment all read their settings here.

- **The clinic's settings**: `clinic.yml` in the project, or the file `$CLINIC_SETTINGS`
  names (read when asked, so a process started with it set uses it everywhere).
- **Web origins** allowed to embed the widget: `allowed_origins` there, parsed once here
  for both Rasa's `--cors` and the socket.io channel (exact `scheme://host[:port]`,
  surrounding spaces and a trailing slash removed, never `*`).
- **Retention**: `--days`, else `$RETENTION_DAYS`, else `retention_days` there, else 30.
- **Files**: the knowledge folder (`$MESO_KNOWLEDGE_DIR`), the offline spaCy pipeline
  (`$MESO_SPACY_MODEL`), the message length cap (`$MAX_MESSAGE_CHARS`).
- **Secrets** (docs/security-and-privacy.md), never on a command line: the HTTP API token
  (`$RASA_AUTH_TOKEN`), the key that signs the widget's conversation ids
  (`$MESO_SESSION_SECRET`); each, when its variable is unset, generated once into a file
  only its owner can read under `run/` (`$MESO_RUN_DIR`). The action server's shared
  secret (`$MESO_ACTION_SECRET`, scale-out) has no default.
- **REST channel**: `$MESO_REST_REQUIRES_TOKEN` (or `rest_requires_token` in the clinic
  settings) makes it refuse requests without the API token; the deployment sets it.
- **Booking requests** (meso/booking/): kept in the tracker store's database, the one the
  endpoints file `$MESO_ENDPOINTS` (else endpoints.yml) names, or `$MESO_BOOKING_DB_URL`;
  delivered as `booking:` in the clinic settings says; the SMTP password and the webhook's
  signing key only from `$MESO_SMTP_PASSWORD` and `$MESO_WEBHOOK_SECRET`.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = Path(os.environ.get("MESO_KNOWLEDGE_DIR", PROJECT_ROOT / "knowledge"))
CONTRAINDICATIONS_FILE = KNOWLEDGE_DIR / "contraindications.yml"
SOURCES_FILE = KNOWLEDGE_DIR / "sources.yml"
SPACY_MODEL_DIR = Path(
    os.environ.get("MESO_SPACY_MODEL", PROJECT_ROOT / "spacy_model" / "en_meso_lookup")
)
MAX_MESSAGE_CHARS = int(os.environ.get("MAX_MESSAGE_CHARS", "1000"))
RUN_DIR = Path(os.environ.get("MESO_RUN_DIR") or PROJECT_ROOT / "run")
DEFAULT_RETENTION_DAYS = 30

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

_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+$")


def read_yaml(path: Path) -> Dict[str, Any]:
    """Read a YAML mapping from a file (an empty file gives an empty mapping)."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def clinic_file() -> Path:
    """The clinic settings file: $CLINIC_SETTINGS, else clinic.yml in the project."""
    return Path(os.environ.get("CLINIC_SETTINGS") or PROJECT_ROOT / "clinic.yml")


def read_clinic_file(path: Optional[Path] = None) -> Dict[str, Any]:
    """The clinic settings file as written (empty when there is no file)."""
    path = path or clinic_file()
    return read_yaml(path) if path.exists() else {}


def clinic_settings(path: Optional[Path] = None) -> Dict[str, Any]:
    """The clinic settings merged over safe defaults (cached per file)."""
    return dict(_clinic_settings(str(path or clinic_file())))


@lru_cache(maxsize=4)
def _clinic_settings(path: str) -> Dict[str, Any]:
    settings = dict(CLINIC_DEFAULTS)
    settings.update({k: v for k, v in read_clinic_file(Path(path)).items() if v not in (None, "")})
    if not settings["urgent_phone"]:
        settings["urgent_phone"] = settings["phone"]
    return settings


def parse_origins(values: Any) -> List[str]:
    """Web origins from a setting: exact `scheme://host[:port]`, never '*', no duplicates."""
    if isinstance(values, str):
        values = [values]
    origins: List[str] = []
    for origin in values or []:
        value = str(origin).strip().rstrip("/")
        if _ORIGIN.match(value):
            if value not in origins:
                origins.append(value)
        else:
            logger.warning("Ignoring allowed_origins entry %r (want scheme://host[:port])", origin)
    return origins


def allowed_origins(path: Optional[Path] = None) -> List[str]:
    """The web origins allowed to embed the widget (clinic settings `allowed_origins`)."""
    return parse_origins(read_clinic_file(path).get("allowed_origins"))


def retention_days(cli_days: Optional[int] = None, path: Optional[Path] = None) -> int:
    """The retention period: --days, $RETENTION_DAYS, `retention_days`, else 30 days."""
    if cli_days is not None:
        days = int(cli_days)
    elif os.environ.get("RETENTION_DAYS"):
        days = int(os.environ["RETENTION_DAYS"])
    else:
        days = int(read_clinic_file(path).get("retention_days") or DEFAULT_RETENTION_DAYS)
    if days < 1:
        raise ValueError("the retention period must be at least 1 day")
    return days


@lru_cache(maxsize=1)
def source_titles() -> Dict[str, str]:
    """Map of source id (e.g. "000") to the article title that answers cite."""
    sources = read_yaml(SOURCES_FILE).get("sources", {})
    return {str(key): str(value["title"]) for key, value in sources.items()}


def _generated_secret(file_name: str) -> str:
    """A secret kept in run/FILE (mode 0600), generated the first time."""
    return _secret_file(RUN_DIR / file_name)


@lru_cache(maxsize=8)
def _secret_file(path: Path) -> str:
    """A secret file's content, created first when missing; read once per process.

    The session key is needed for every widget id checked, the token for every token checked.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # created with 0600 from the start: never readable by others, even for a moment
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(32))
    path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def auth_token() -> str:
    """The token of Rasa's HTTP API: $RASA_AUTH_TOKEN, else run/auth_token."""
    return os.environ.get("RASA_AUTH_TOKEN") or _generated_secret("auth_token")


def session_secret() -> bytes:
    """The key signing the widget's conversation ids: $MESO_SESSION_SECRET, else run/."""
    value = os.environ.get("MESO_SESSION_SECRET") or _generated_secret("session_secret")
    return value.encode("utf-8")


def action_secret() -> Optional[str]:
    """The secret the Rasa server sends the action server (scale-out), if set."""
    return os.environ.get("MESO_ACTION_SECRET") or None


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def rest_requires_token(path: Optional[Path] = None) -> bool:
    """Whether the REST channel refuses requests without the API token."""
    if os.environ.get("MESO_REST_REQUIRES_TOKEN") is not None:
        return _truthy(os.environ["MESO_REST_REQUIRES_TOKEN"])
    return _truthy(clinic_settings(path).get("rest_requires_token", False))


def endpoints_file() -> Path:
    """The endpoints file the servers use: $MESO_ENDPOINTS, else endpoints.yml here."""
    return Path(os.environ.get("MESO_ENDPOINTS") or PROJECT_ROOT / "endpoints.yml")


def booking_database_url() -> Any:
    """Where booking requests are kept: $MESO_BOOKING_DB_URL, else the tracker store's DB.

    The tracker store is read from the endpoints file (${VAR}s expanded from the
    environment, as Rasa does; a relative SQLite path is relative to the project). Raises
    ValueError when it is not an SQL store (requests must survive a restart).
    """
    from meso.tools.common import database_url, is_sql_store, tracker_store_config

    if os.environ.get("MESO_BOOKING_DB_URL"):
        return os.environ["MESO_BOOKING_DB_URL"]
    path = endpoints_file()
    config = tracker_store_config(path)
    if not config or not is_sql_store(str(config.get("type") or "")):
        raise ValueError(
            f"{path}: booking requests need an SQL tracker store (SQLite or PostgreSQL)"
        )
    return database_url(config, PROJECT_ROOT)


def booking_settings(path: Optional[Path] = None) -> Dict[str, Any]:
    """The `booking:` section of the clinic settings (channels, retries), or {}."""
    section = clinic_settings(path).get("booking") or {}
    if not isinstance(section, dict):
        raise ValueError("clinic settings: `booking` must be a mapping")
    return section


def smtp_password() -> Optional[str]:
    """The SMTP password for booking e-mails ($MESO_SMTP_PASSWORD), never from clinic.yml."""
    return os.environ.get("MESO_SMTP_PASSWORD") or None


def webhook_secret() -> Optional[bytes]:
    """The key that signs booking webhooks ($MESO_WEBHOOK_SECRET), never from clinic.yml."""
    value = os.environ.get("MESO_WEBHOOK_SECRET")
    return value.encode("utf-8") if value else None


def booking_worker_enabled() -> bool:
    """Whether the action server delivers booking requests ($MESO_BOOKING_WORKER, default on)."""
    return _truthy(os.environ.get("MESO_BOOKING_WORKER", "true"))
