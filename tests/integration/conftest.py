"""Fixtures for the integration tests: one shared server set per session, started lazily.

- `servers`: action server + Rasa server, SQLite tracker store in a temporary folder,
  in-memory lock store (as endpoints.yml), newest model in models/.
- `postgres`, `redis_server`: throw-away PostgreSQL and Redis on loopback ports.
Tests that need no servers (secrets, retention on SQLite) do not start any.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Dict, Iterator

import pytest
import yaml

from meso.tools import serve
from tests.integration.servers import (
    PG_BIN,
    REDIS_SERVER,
    AssistantServers,
    PostgresServer,
    RedisServer,
    write_endpoints,
)

ROOT = serve.ROOT


@pytest.fixture(scope="session", autouse=True)
def _test_environment() -> Iterator[None]:
    """A private API token and session key, and Rasa's default log level, for every server
    the tests start."""
    names = ("RASA_AUTH_TOKEN", "MESO_SESSION_SECRET", "LOG_LEVEL", "LOG_LEVEL_LIBRARIES")
    saved = {k: os.environ.get(k) for k in names}
    os.environ["RASA_AUTH_TOKEN"] = secrets.token_urlsafe(24)
    os.environ["MESO_SESSION_SECRET"] = secrets.token_urlsafe(24)
    os.environ.pop("LOG_LEVEL", None)
    os.environ.pop("LOG_LEVEL_LIBRARIES", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def model() -> Path:
    """The newest trained model ($MESO_TEST_MODEL overrides), or skip."""
    override = os.environ.get("MESO_TEST_MODEL")
    if override:
        return Path(override)
    newest = serve.newest_model(ROOT / "models")
    if newest is None:
        pytest.skip("no trained model in models/ (run `make train`; `make test` trains first)")
    return newest


@pytest.fixture(scope="session")
def domain_responses() -> Dict[str, str]:
    """The first unconditional text of each response in domain.yml; `<name>:partial` for
    the conditional variation of a question of the check (asking only what is unknown)."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text("utf-8"))
    texts: Dict[str, str] = {}
    for name, variations in (domain.get("responses") or {}).items():
        plain = [v for v in variations if not v.get("condition")] or variations
        texts[name] = str(plain[0].get("text") or "")
        for variation in variations:
            if variation.get("condition"):
                texts[f"{name}:partial"] = str(variation.get("text") or "")
    return texts


@pytest.fixture(scope="session")
def workdir() -> Iterator[Path]:
    """A temporary folder for the session's databases and logs."""
    path = Path(tempfile.mkdtemp(prefix="meso-it-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def _servers(model: Path, workdir: Path) -> Iterator[AssistantServers]:
    """The session's action + Rasa server (SQLite tracker store in a temporary folder)."""
    folder = workdir / "stack"
    folder.mkdir()
    endpoints = write_endpoints(folder / "endpoints.yml", folder / "tracker.db")
    stack = AssistantServers(model, folder, endpoints)
    try:
        stack.start()
        yield stack
    finally:
        stack.close()


@pytest.fixture
def servers(_servers: AssistantServers) -> AssistantServers:
    """The shared servers, restarted first if a previous test left one stopped."""
    _servers.ensure_running()
    return _servers


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A throw-away PostgreSQL cluster on a loopback port."""
    if not (PG_BIN / "postgres").exists():
        pytest.skip(f"PostgreSQL not installed in {PG_BIN} (scripts/install_test_deps.sh)")
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A throw-away Redis on a loopback port."""
    if not Path(REDIS_SERVER).exists():
        pytest.skip("redis-server not installed (scripts/install_test_deps.sh)")
    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()
