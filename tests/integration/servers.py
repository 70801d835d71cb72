"""Throw-away servers for the integration tests: Rasa + action servers, PostgreSQL, Redis.

Everything listens on 127.0.0.1 on free ports, keeps its data in a temporary folder and
is stopped by the fixtures in conftest.py. The Rasa and action servers are started with
meso/tools/serve.py's helpers, so the tests run them exactly as `make run` does (custom
channels from credentials.yml, CORS from clinic.yml, HTTP API only with a token).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from meso.tools import serve
from meso.tools.servers import (  # noqa: F401 - the tests' helpers
    TIMEOUT,
    AssistantServers,
    free_port,
    new_sender,
    wait_port,
    write_endpoints,
)

ROOT = serve.ROOT
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


Turn = Tuple[List[str], Dict[str, Any]]


def play(
    servers: AssistantServers, turns: Sequence[str], sender: str = "", prefix: str = "play"
) -> List[Turn]:
    """Send each message; for each turn, the response names sent and the slots after it.

    The slots also carry `_sender` and `_active_loop`; `sender` continues a conversation.
    """
    seen = len(servers.tracker(sender)["events"]) if sender else 0
    sender, result = sender or new_sender(prefix), []
    for text in turns:
        servers.send(sender, text)
        tracker = servers.tracker(sender)
        events = tracker["events"][seen:]
        seen = len(tracker["events"])
        names = [
            str((e.get("metadata") or {}).get("utter_action") or "")
            for e in events
            if e["event"] == "bot"
        ]
        slots = dict(tracker["slots"])
        slots["_sender"] = sender
        slots["_active_loop"] = (tracker.get("active_loop") or {}).get("name")
        result.append((names, slots))
    return result


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
