"""Fixtures for the maintainers' loop: a tiny Rasa project, its trained model, make, ports."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Callable, Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixture"
VENV = ROOT / ".venv"
RASA = str(VENV / "bin" / "rasa")


def quiet_env(extra: Dict[str, str] | None = None) -> Dict[str, str]:
    """Environment for child processes: no telemetry, quiet TensorFlow, our own Rasa cache."""
    env = dict(os.environ)
    env.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONDONTWRITEBYTECODE": "1",
            "MPLBACKEND": "Agg",
        }
    )
    env.update(extra or {})
    return env


@pytest.fixture(scope="session")
def rasa_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A training cache of our own, so the tests never evict the lead's cached components."""
    return tmp_path_factory.mktemp("rasa-cache")


def copy_project(dest: Path) -> Path:
    """A copy of the fixture project with the real Makefile (which runs the venv's `meso`)."""
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns("extra", "__pycache__"))
    shutil.copy(ROOT / "Makefile", dest / "Makefile")
    (dest / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "faq_template.yml", dest / "docs" / "faq_template.yml")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project (no model)."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def base_model(tmp_path_factory: pytest.TempPathFactory, rasa_cache: Path) -> Path:
    """The fixture project's model, trained once per session (tiny config, niced)."""
    work = copy_project(tmp_path_factory.mktemp("base") / "project")
    out = work / "models"
    cmd = ["nice", "-n", "10", RASA, "train", "--out", str(out), "--fixed-model-name", "base"]
    proc = subprocess.run(
        cmd,
        cwd=work,
        env=quiet_env({"RASA_CACHE_DIRECTORY": str(rasa_cache)}),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out / "base.tar.gz"


MakeRunner = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def make(rasa_cache: Path) -> MakeRunner:
    """Run `make <target> VAR=value ...` in a project with the real venv, niced."""

    def run(project: Path, *args: str, env: Dict[str, str] | None = None, timeout: int = 600):
        cmd: List[str] = ["nice", "-n", "10", "make", "--no-print-directory", "-C", str(project)]
        cmd += [f"VENV={VENV}", *args]
        return subprocess.run(
            cmd,
            env=quiet_env({"RASA_CACHE_DIRECTORY": str(rasa_cache), **(env or {})}),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
