"""Throw-away servers for the integration tests: Rasa + action servers, PostgreSQL, Redis.

Everything listens on 127.0.0.1 on free ports, keeps its data in a temporary folder and
is stopped by the fixtures in conftest.py. The Rasa and action servers are started with
scripts/serve.py's helpers, so the tests run them exactly as `make run` does (custom
channels from credentials.yml, CORS from clinic.yml, HTTP API only with a token).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import requests

from scripts import serve

ROOT = serve.ROOT
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_port(port: int, timeout: float = 30.0, proc: Optional[subprocess.Popen] = None) -> None:
    """Wait until something accepts TCP connections on a loopback port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process for port {port} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listening on port {port} after {timeout:.0f}s")


class AssistantServers:
    """One action server and one or more Rasa servers sharing an endpoints file."""

    def __init__(
        self,
        model: Path,
        workdir: Path,
        endpoints: Path,
        rasa_servers: int = 1,
        extra_env: Optional[Dict[str, str]] = None,
    ) -> None:
        self.model = model
        self.workdir = workdir
        self.endpoints = endpoints
        self.extra_env = dict(extra_env or {})
        self.extra_env.setdefault("RASA_TELEMETRY_ENABLED", "false")
        self.action_port = free_port()
        self.rasa_ports = [free_port() for _ in range(rasa_servers)]
        self.action_proc: Optional[subprocess.Popen] = None
        self.rasa_procs: List[Optional[subprocess.Popen]] = [None] * rasa_servers
        self.token = serve.auth_token()
        self.http = requests.Session()

    # --- logs ---------------------------------------------------------------------------
    def action_log(self) -> Path:
        """The action server's log file (appended across restarts)."""
        return self.workdir / "actions.log"

    def rasa_log(self, index: int = 0) -> Path:
        """A Rasa server's log file (appended across restarts)."""
        return self.workdir / f"rasa-{index}.log"

    def logs(self) -> str:
        """Every server log so far, as text."""
        paths = [self.action_log()] + [self.rasa_log(i) for i in range(len(self.rasa_ports))]
        return "\n".join(p.read_text("utf-8", "replace") for p in paths if p.exists())

    # --- processes ----------------------------------------------------------------------
    def start_action(self) -> None:
        """Start the action server and wait for /health."""
        self.action_proc = serve.start_action_server(self.action_port, log=self.action_log())
        serve.wait_ready(
            f"http://127.0.0.1:{self.action_port}/health", timeout=120, proc=self.action_proc
        )

    def stop_action(self) -> None:
        """Stop the action server."""
        if self.action_proc is not None:
            serve.stop([self.action_proc])
            self.action_proc = None

    def launch_rasa(self, index: int = 0) -> None:
        """Start one Rasa server without waiting for it."""
        self.rasa_procs[index] = serve.start_rasa_server(
            self.rasa_ports[index],
            self.model,
            action_port=self.action_port,
            endpoints=self.endpoints,
            extra_env=self.extra_env,
            log=self.rasa_log(index),
        )

    def wait_rasa(self, index: int = 0) -> None:
        """Wait until a Rasa server answers on its REST channel."""
        serve.wait_ready(
            f"{self.url(index)}/webhooks/rest/", timeout=300, proc=self.rasa_procs[index]
        )

    def stop_rasa(self, index: int = 0) -> None:
        """Stop one Rasa server."""
        proc = self.rasa_procs[index]
        if proc is not None:
            serve.stop([proc])
            self.rasa_procs[index] = None

    def restart_rasa(self, index: int = 0) -> None:
        """Stop a Rasa server and start it again on the same port."""
        self.stop_rasa(index)
        self.launch_rasa(index)
        self.wait_rasa(index)

    def start(self) -> None:
        """Start the action server, then every Rasa server (in parallel)."""
        self.start_action()
        for index in range(len(self.rasa_ports)):
            self.launch_rasa(index)
        for index in range(len(self.rasa_ports)):
            self.wait_rasa(index)

    def ensure_running(self) -> None:
        """Restart whatever a previous test left stopped."""
        if self.action_proc is None or self.action_proc.poll() is not None:
            self.start_action()
        for index, proc in enumerate(self.rasa_procs):
            if proc is None or proc.poll() is not None:
                self.launch_rasa(index)
                self.wait_rasa(index)

    def close(self) -> None:
        """Stop every server."""
        serve.stop([p for p in [self.action_proc, *self.rasa_procs] if p is not None])
        self.action_proc = None
        self.rasa_procs = [None] * len(self.rasa_procs)
        self.http.close()

    def stored_user_texts(self, sender: str) -> List[str]:
        """The visitor's messages in the SQLite tracker store (all sessions), in order."""
        import json
        import sqlite3

        with sqlite3.connect(self.workdir / "tracker.db") as db:
            rows = db.execute(
                "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
                (sender,),
            ).fetchall()
        return [json.loads(row[0]).get("text") or "" for row in rows]

    # --- HTTP ---------------------------------------------------------------------------
    def url(self, index: int = 0) -> str:
        """Base URL of a Rasa server."""
        return f"http://127.0.0.1:{self.rasa_ports[index]}"

    def webhook(self, index: int = 0) -> str:
        """The REST channel's webhook URL."""
        return f"{self.url(index)}/webhooks/rest/webhook"

    def send(self, sender: str, text: str, index: int = 0) -> List[Dict[str, Any]]:
        """Send a message over the REST channel and return the bot's messages."""
        response = requests.post(
            self.webhook(index), json={"sender": sender, "message": text}, timeout=TIMEOUT
        )
        response.raise_for_status()
        return list(response.json())

    def tracker(self, sender: str, index: int = 0) -> Dict[str, Any]:
        """A conversation's tracker from the HTTP API (with the token)."""
        response = self.http.get(
            f"{self.url(index)}/conversations/{requests.utils.quote(sender, safe='')}/tracker",
            params={"token": self.token},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        return dict(response.json())


def new_sender(prefix: str) -> str:
    """A fresh conversation id."""
    return f"{prefix}-{secrets.token_hex(6)}"


def texts(messages: Sequence[Dict[str, Any]]) -> List[str]:
    """The text of each bot message."""
    return [str(m.get("text") or "") for m in messages]


def user_texts(tracker: Dict[str, Any]) -> List[str]:
    """The visitor's messages stored in a tracker, in order."""
    return [e.get("text") or "" for e in tracker["events"] if e["event"] == "user"]


def bot_actions(tracker: Dict[str, Any]) -> List[str]:
    """The response names (utter_action) of the bot messages stored in a tracker."""
    return [
        str((e.get("metadata") or {}).get("utter_action") or "")
        for e in tracker["events"]
        if e["event"] == "bot"
    ]


def loop_state(tracker: Dict[str, Any]) -> Tuple[Optional[str], Optional[str]]:
    """The active loop's name and the requested slot of a tracker."""
    return (tracker.get("active_loop") or {}).get("name"), tracker["slots"].get("requested_slot")


def asks_for(replies: Sequence[str], slot: str, responses: Dict[str, str]) -> bool:
    """Whether the last bot message asks the check's question for `slot` (whole or rest)."""
    if not replies:
        return False
    whole = responses[f"utter_ask_{slot}"]
    partial = responses.get(f"utter_ask_{slot}:partial")
    return replies[-1] == whole or bool(partial and replies[-1].startswith(partial.split("{")[0]))


def write_endpoints(path: Path, tracker_db: Path) -> Path:
    """An endpoints file like endpoints.yml, with the tracker store in a temporary folder."""
    path.write_text(
        "action_endpoint:\n"
        "  url: ${ACTION_ENDPOINT_URL}\n"
        "tracker_store:\n"
        "  type: SQL\n"
        '  dialect: "sqlite"\n'
        f'  db: "{tracker_db}"\n'
        "lock_store:\n"
        '  type: "in_memory"\n',
        encoding="utf-8",
    )
    return path


def parallel(function: Any, items: Sequence[Any], workers: int) -> List[Any]:
    """Apply a function to items with a bounded thread pool, keeping the order."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, items))


class PostgresServer:
    """A throw-away PostgreSQL cluster (Debian's binaries) on a loopback port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.user = "rasa"
        self.password = secrets.token_urlsafe(16)
        self.database = "rasa"
        self.dir = Path(tempfile.mkdtemp(prefix="meso-pg-"))
        self.data = self.dir / "data"
        self.as_user: List[str] = []
        if os.geteuid() == 0:  # postgres refuses to run as root
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        """Run a PostgreSQL program as the cluster's owner."""
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        """initdb, start on 127.0.0.1 with password authentication, create the database."""
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password, encoding="utf-8")
        if self.as_user:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", self.user,
            f"--pwfile={pwfile}", "--auth=scram-sha-256", "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        pwfile.unlink()
        options = f"-h 127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "pg.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip
        import psycopg2

        conn = psycopg2.connect(
            host="127.0.0.1", port=self.port, user=self.user,
            password=self.password, dbname="postgres",
        )  # fmt: skip
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {self.database}")
        conn.close()

    def connect(self) -> Any:
        """A psycopg2 connection to the test database."""
        import psycopg2

        return psycopg2.connect(
            host="127.0.0.1", port=self.port, user=self.user,
            password=self.password, dbname=self.database,
        )  # fmt: skip

    def url(self) -> str:
        """SQLAlchemy URL of the test database."""
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{self.database}"

    def env(self) -> Dict[str, str]:
        """The DB_* variables deploy/endpoints.scale.yml reads."""
        return {
            "DB_HOST": "127.0.0.1",
            "DB_PORT": str(self.port),
            "DB_NAME": self.database,
            "DB_USER": self.user,
            "DB_PASSWORD": self.password,
        }

    def stop(self) -> None:
        """Stop the cluster and delete its files."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


class RedisServer:
    """A throw-away Redis (no persistence) on a loopback port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: Optional[subprocess.Popen] = None

    def start(self) -> None:
        """Start redis-server in the foreground of a child process."""
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        wait_port(self.port, proc=self.proc)

    def env(self) -> Dict[str, str]:
        """The REDIS_* variables deploy/endpoints.scale.yml reads."""
        return {
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(self.port),
            "REDIS_DB": "1",
            "REDIS_PASSWORD": "",
        }

    def stop(self) -> None:
        """Stop redis-server."""
        if self.proc is not None:
            serve.stop([self.proc])
            self.proc = None
