"""The compose stack (deploy/docker-compose.yml) on a private engine, for tests/deploy/.

`Stack` runs docker-compose with a generated env file (fresh secrets, the local images, a
free loopback port for nginx, a temporary model-server folder) and offers what the stack
test needs: containers' addresses, health, `psql` in the PostgreSQL container, a paced
client for nginx (the visitors' side) and `meso publish` against the model server.
"""

from __future__ import annotations

import gzip
import io
import json
import secrets
import subprocess
import tarfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from tests.deploy.engine import ROOT, Engine, Images, free_port, run

COMPOSE_FILE = ROOT / "deploy" / "docker-compose.yml"
MESO = ROOT / ".venv" / "bin" / "meso"


class Pacer:
    """Keeps a client under nginx's per-address limit (deploy/nginx.conf: 5 requests/s)."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second
        self.next = time.monotonic()
        self.lock = threading.Lock()

    def wait(self) -> None:
        """Block until this caller's slot."""
        with self.lock:
            slot = max(self.next, time.monotonic())
            self.next = slot + self.interval
        delay = slot - time.monotonic()
        if delay > 0:
            time.sleep(delay)


class Stack:
    """One compose project on an engine."""

    def __init__(self, engine: Engine, images: Images, workdir: Path) -> None:
        self.engine = engine
        self.project = f"mesotest{secrets.token_hex(3)}"
        self.port = free_port()
        self.token = secrets.token_urlsafe(24)
        self.model_dir = workdir / "published"
        self.model_dir.mkdir(parents=True)
        self.env_file = workdir / "stack.env"
        values = {
            "RASA_AUTH_TOKEN": self.token,
            "POSTGRES_DB": "rasa",
            "POSTGRES_USER": "rasa",
            "POSTGRES_PASSWORD": secrets.token_urlsafe(18),
            "REDIS_PASSWORD": secrets.token_urlsafe(18),
            "MESO_SESSION_SECRET": secrets.token_urlsafe(24),
            "MESO_ACTION_SECRET": secrets.token_urlsafe(24),
            "PUBLIC_ADDRESS": "127.0.0.1",
            "PUBLIC_PORT": str(self.port),
            "MODEL_DIR": str(self.model_dir),
            "RETENTION_DAYS": "30",
            **images.compose_env(),
        }
        self.pg_password = values["POSTGRES_PASSWORD"]
        self.secrets = [values[k] for k in values if "PASSWORD" in k or "SECRET" in k]
        self.secrets.append(self.token)
        self.env_file.write_text("".join(f"{k}={v}\n" for k, v in values.items()), "utf-8")
        self.env_file.chmod(0o600)
        self.base = f"http://127.0.0.1:{self.port}"
        self.pacer = Pacer(4.0)
        self.requests = 0
        self.retried_429 = 0

    # --- compose and containers ---
    def compose(
        self, *args: str, timeout: float = 900, check: bool = True
    ) -> subprocess.CompletedProcess:
        """docker-compose for this project."""
        command = ["docker-compose", "-p", self.project, "-f", str(COMPOSE_FILE)]
        command += ["--env-file", str(self.env_file), *args]
        return run(command, env=self.engine.env, timeout=timeout, check=check)

    def container(self, service: str) -> str:
        """The container id of a service."""
        cid = self.compose("ps", "-q", service).stdout.decode().strip()
        assert cid, f"no container for {service}"
        return cid

    def inspect(self, service: str) -> Dict[str, Any]:
        """docker inspect of a service's container."""
        out = self.engine.docker("inspect", self.container(service)).stdout
        return dict(json.loads(out)[0])

    def address(self, service: str, network: str = "edge") -> str:
        """A service's IP address on one of the project's networks."""
        networks = self.inspect(service)["NetworkSettings"]["Networks"]
        return str(networks[f"{self.project}_{network}"]["IPAddress"])

    def health(self, service: str) -> str:
        """healthy / starting / unhealthy / (none) / not running."""
        state = self.inspect(service)["State"]
        if not state.get("Running"):
            return "not running"
        return str((state.get("Health") or {}).get("Status") or "(none)")

    def wait_healthy(self, services: List[str], timeout: float = 600) -> float:
        """Poll the services' health checks; seconds waited."""
        started = time.monotonic()
        deadline = started + timeout
        while True:
            states = {s: self.health(s) for s in services}
            if all(v == "healthy" for v in states.values()):
                return time.monotonic() - started
            if time.monotonic() > deadline:
                logs = self.compose("logs", "--tail=40", *services, check=False).stdout
                raise AssertionError(f"not healthy: {states}\n{logs.decode()[-6000:]}")
            time.sleep(1.0)

    def exec(
        self, service: str, *command: str, check: bool = True, env: Optional[Dict[str, str]] = None
    ) -> str:
        """A command inside a service's container; its output."""
        options = [f"--env={key}={value}" for key, value in (env or {}).items()]
        done = self.engine.docker("exec", *options, self.container(service), *command, check=check)
        return str(done.stdout.decode("utf-8", "replace"))

    def reaches(self, service: str, address: str, port: int) -> bool:
        """Whether a service's container can open a TCP connection to address:port."""
        probe = f"exec 3<>/dev/tcp/{address}/{port}"
        done = self.engine.docker(
            "exec", self.container(service), "timeout", "3", "bash", "-c", probe, check=False
        )
        return done.returncode == 0

    def psql(self, sql: str) -> List[str]:
        """Rows of a query in the PostgreSQL container (one line each)."""
        out = self.exec(
            "postgres", "psql", "-U", "rasa", "-d", "rasa", "-At", "-c", sql,
            env={"PGPASSWORD": self.pg_password},
        )  # fmt: skip
        return [line for line in out.splitlines() if line]

    def events(self) -> List[Dict[str, Any]]:
        """Every stored event, in id order."""
        rows = self.psql(
            "SELECT row_to_json(e) FROM (SELECT id, sender_id, type_name, timestamp, data "
            "FROM events ORDER BY id) e"
        )
        parsed = [json.loads(row) for row in rows]
        return [
            {**json.loads(r["data"]), "id": r["id"], "sender_id": r["sender_id"]} for r in parsed
        ]

    # --- the visitors' side, through nginx ---
    def http(
        self, method: str, path: str, body: Optional[Dict[str, Any]] = None, token: bool = False
    ) -> Tuple[int, bytes]:
        """One request to nginx; (status, body)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=120) as reply:
                return int(reply.status), reply.read()
        except urllib.error.HTTPError as err:
            return int(err.code), err.read()

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        """A visitor's message through nginx (REST channel, paced); the bot's messages."""
        for _ in range(20):
            self.pacer.wait()
            status, body = self.http(
                "POST", "/webhooks/rest/webhook", {"sender": sender, "message": text}, token=True
            )
            self.requests += 1
            if status != 429:
                break
            self.retried_429 += 1  # refused by nginx before any server saw it: safe to resend
            time.sleep(0.5)
        assert status == 200, f"{status} for a message: {body[:300]!r}"
        return list(json.loads(body))

    # --- operators' side ---
    def metrics(self, service: str) -> str:
        """The /metrics text of a Rasa server (its address on the edge network)."""
        url = f"http://{self.address(service)}:9102/metrics"
        with urllib.request.urlopen(url, timeout=10) as reply:
            return str(reply.read().decode())

    def status(self, service: str) -> Dict[str, Any]:
        """GET /status of a Rasa server (API with the token; not exposed by nginx)."""
        url = f"http://{self.address(service)}:5005/status?token={self.token}"
        with urllib.request.urlopen(url, timeout=10) as reply:
            return dict(json.loads(reply.read()))

    def publish(self, model: Path, models_dir: Path, urls: List[str]) -> str:
        """`meso publish` to the model server folder (and wait for the named servers)."""
        command = [
            str(MESO), "publish", "--model", str(model), "--models-dir", str(models_dir),
            "--model-server-dir", str(self.model_dir),
            # the quality gate is tested elsewhere: no held-out set here
            "--holdout", str(models_dir / "no-holdout.yml"),
        ]  # fmt: skip
        for url in urls:
            command += ["--url", url]
        env = {**self.engine.env, "RASA_AUTH_TOKEN": self.token}
        env.pop("RASA_URL", None)
        env.pop("RASA_URLS", None)
        done = run(command, env=env, timeout=600)
        return str(done.stdout.decode())


def metric(text: str, name: str) -> float:
    """The value of an unlabelled sample in Prometheus text."""
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} not in the metrics")


def model_with_new_id(source: Path, target: Path) -> str:
    """A copy of a model archive with a new model_id (a different model for Rasa); the id."""
    new_id = secrets.token_hex(16)
    with tarfile.open(source, "r:gz") as archive:
        members = [(m, archive.extractfile(m)) for m in archive.getmembers()]
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w") as out:
            for member, handle in members:
                content = handle.read() if handle else None
                if member.name == "metadata.json" and content is not None:
                    meta = json.loads(content)
                    meta["model_id"] = new_id
                    content = json.dumps(meta).encode()
                    member.size = len(content)
                out.addfile(member, io.BytesIO(content) if content is not None else None)
    target.write_bytes(gzip.compress(buffer.getvalue(), compresslevel=1))
    return new_id
