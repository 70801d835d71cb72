"""Helpers shared by the maintainers' scripts: paths, models, the published-model record."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, TextIO, Type

import yaml

PUBLISHED_FILE = "published.json"


def exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so `finally` blocks stop the servers a tool started.

    Without it, `kill PID` on a replay or benchmark would leave its Rasa and action servers
    running.
    """

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def silence_library_warnings() -> None:
    """Hide the deprecation chatter TensorFlow, Keras, jax and friends print on import."""
    original = warnings.showwarning
    chatter = (DeprecationWarning, PendingDeprecationWarning, FutureWarning, SyntaxWarning)

    def show(
        message: Any,
        category: Type[Warning],
        filename: str,
        lineno: int,
        file: Optional[TextIO] = None,
        line: Optional[str] = None,
    ) -> None:
        if not issubclass(category, chatter):
            original(message, category, filename, lineno, file, line)

    warnings.showwarning = show


def project_root(value: Optional[str]) -> Path:
    """The project folder: --root, else the current folder (as for Rasa's commands)."""
    return Path(value).resolve() if value else Path.cwd().resolve()


def rel(path: Path, root: Path) -> str:
    """A path relative to the project root when possible (for messages)."""
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def rasa_bin() -> str:
    """The rasa executable next to the running Python (the project's venv)."""
    candidate = Path(sys.executable).with_name("rasa")
    return str(candidate) if candidate.exists() else "rasa"


def sha256(path: Path) -> str:
    """SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def newest_model(models_dir: Path) -> Optional[Path]:
    """The most recently trained model archive in a folder, if any."""
    models = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1].resolve() if models else None


def now() -> str:
    """The current time, ISO 8601 in UTC, to the second."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def read_published(models_dir: Path) -> Dict[str, Any]:
    """models/published.json: {"current": entry|None, "stack": [entries], "history": [events]}."""
    path = models_dir / PUBLISHED_FILE
    if not path.exists():
        return {"current": None, "stack": [], "history": []}
    record = json.loads(path.read_text(encoding="utf-8"))
    record.setdefault("current", None)
    record.setdefault("stack", [])
    record.setdefault("history", [])
    return record


def write_published(models_dir: Path, record: Dict[str, Any]) -> Path:
    """Write models/published.json atomically."""
    models_dir.mkdir(parents=True, exist_ok=True)
    path = models_dir / PUBLISHED_FILE
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def published_model(models_dir: Path) -> Optional[Path]:
    """The model file currently recorded as published, if it still exists."""
    current = read_published(models_dir).get("current")
    if not current:
        return None
    path = Path(current["model"])
    return path if path.exists() else None


def run_streaming(cmd: Sequence[str], cwd: Path, env: Optional[Dict[str, str]] = None) -> tuple:
    """Run a command, copying its output to our stdout as it comes; return (code, output)."""
    full_env = dict(os.environ, **(env or {}))
    full_env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    proc = subprocess.Popen(
        list(cmd), cwd=cwd, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert proc.stdout is not None
    chunks: List[bytes] = []
    while True:
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            break
        chunks.append(chunk)
        sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
    code = proc.wait()
    return code, b"".join(chunks).decode("utf-8", "replace")


# --- the tracker store an endpoints file names (retention, unanswered questions) -------------
ENV_VAR = re.compile(r"\$\{([^}]+)\}")
SQL_STORE_TYPES = {"sql", "meso.tracker_store.mesosqltrackerstore"}


def is_sql_store(store_type: str) -> bool:
    """Whether a tracker store type is Rasa's SQL store or the project's subclass of it."""
    return store_type.strip().lower() in SQL_STORE_TYPES


def expand_env(value: Any) -> Any:
    """Expand ${VAR} in every string of a loaded YAML document (as Rasa does); unset: error."""
    if isinstance(value, dict):
        return {key: expand_env(item) for key, item in value.items()}
    if isinstance(value, list):
        return [expand_env(item) for item in value]
    if isinstance(value, str) and "${" in value:
        missing = [name for name in ENV_VAR.findall(value) if name not in os.environ]
        if missing:
            raise ValueError(f"environment variable(s) not set: {', '.join(missing)}")
        return ENV_VAR.sub(lambda match: os.environ[match.group(1)], value)
    return value


def tracker_store_config(endpoints: Path) -> Optional[Dict[str, Any]]:
    """The tracker_store section of an endpoints file, with ${VAR}s expanded."""
    if not endpoints.exists():
        raise ValueError(f"{endpoints}: no such endpoints file")
    data = yaml.safe_load(endpoints.read_text("utf-8")) or {}
    section = data.get("tracker_store")
    return expand_env(section) if section else None


def database_url(config: Dict[str, Any], base_dir: Path) -> Any:
    """The SQLAlchemy URL of an SQL tracker store, built the way Rasa builds it.

    A relative SQLite path is relative to `base_dir`, the folder the Rasa server runs in.
    """
    import sqlalchemy as sa

    dialect = str(config.get("dialect") or "sqlite")
    host = config.get("url") or config.get("host")
    db = str(config.get("db") or "rasa.db")
    if host and "://" in str(host):
        return sa.engine.make_url(str(host))
    port = int(config["port"]) if config.get("port") not in (None, "") else None
    if dialect.startswith("sqlite") and db != ":memory:" and not Path(db).is_absolute():
        db = str(base_dir / db)
    return sa.engine.URL.create(
        dialect,
        username=config.get("username"),
        password=config.get("password"),
        host=str(host) if host else None,
        port=port,
        database=db,
        query=config.get("query") or {},
    )
