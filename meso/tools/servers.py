"""Servers for a maintainer's tool or a test: an action server and Rasa servers on loopback.

Started with meso/tools/serve.py's helpers, so they run exactly as `make run` runs them
(the launcher and its hooks, custom channels from credentials.yml, CORS from the clinic
settings, HTTP API only with a token), on free ports, with their logs and a throw-away
SQLite tracker store in a folder of the caller's.
"""

from __future__ import annotations

import secrets
import socket
import subprocess
import time
from pathlib import Path
from typing import Any, Dict, List, Optional
from urllib.parse import quote

import requests

from meso import settings
from meso.tools import serve

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
        self.token = settings.auth_token()
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
        # booking requests are kept in the tracker store's database: the same endpoints file
        env = {"MESO_ENDPOINTS": str(self.endpoints), **self.extra_env}
        self.action_proc = serve.start_action_server(
            self.action_port, log=self.action_log(), extra_env=env
        )
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
        return stored_user_texts(self.workdir / "tracker.db", sender)

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
            f"{self.url(index)}/conversations/{quote(sender, safe='')}/tracker",
            params={"token": self.token},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        return dict(response.json())


def stored_user_texts(database: Path, sender: str) -> List[str]:
    """A conversation's visitor messages in an SQLite tracker store (all sessions), in order."""
    import json
    import sqlite3

    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (sender,),
        ).fetchall()
    return [json.loads(row[0]).get("text") or "" for row in rows]


def new_sender(prefix: str) -> str:
    """A fresh conversation id."""
    return f"{prefix}-{secrets.token_hex(6)}"


def write_endpoints(path: Path, tracker_db: Path) -> Path:
    """An endpoints file like endpoints.yml, with the tracker store in a temporary folder."""
    path.write_text(
        "action_endpoint:\n"
        "  url: ${ACTION_ENDPOINT_URL}\n"
        "tracker_store:\n"
        "  type: meso.tracker_store.MesoSQLTrackerStore\n"
        '  dialect: "sqlite"\n'
        f'  db: "{tracker_db}"\n'
        "lock_store:\n"
        '  type: "in_memory"\n',
        encoding="utf-8",
    )
    return path
