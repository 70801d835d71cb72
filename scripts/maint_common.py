"""Helpers shared by the maintainers' scripts: paths, models, the published-model record."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, TextIO, Type

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED_FILE = "published.json"


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
    """The project folder: --root, else the folder this script belongs to."""
    return Path(value).resolve() if value else ROOT


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
