"""The maintainers' loop on a running server: add an FAQ, check, train, evaluate, publish."""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest
import requests

from meso.tools.serve import stop, wait_ready

from .conftest import FIXTURE, RASA, MakeRunner, copy_project, free_port, quiet_env

pytestmark = pytest.mark.servers

SESSIONS_ANSWER = "3 to 15 visits"
QUESTION = "how many sessions will I need"


def say(url: str, sender: str, text: str) -> str:
    """Send a message on the REST channel; the bot's replies, joined."""
    answer = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120
    )
    answer.raise_for_status()
    return "\n".join(m.get("text", "") for m in answer.json())


def status(url: str, token: str) -> Dict[str, Any]:
    """GET /status."""
    return dict(requests.get(f"{url}/status", params={"token": token}, timeout=30).json())


class Traffic(threading.Thread):
    """Visitors chatting all along: every message must be answered."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.halt = threading.Event()
        self.results: List[str] = []

    def run(self) -> None:
        n = 0
        while not self.halt.is_set():
            n += 1
            try:
                reply = say(self.url, f"load-{n % 4}", "hello")
                self.results.append("ok" if reply else "empty reply")
            except requests.RequestException as err:
                self.results.append(f"error: {err}")
            time.sleep(0.05)


def test_add_faq_check_train_evaluate_publish_rollback(
    tmp_path: Path, base_model: Path, make: MakeRunner
) -> None:
    project = copy_project(tmp_path / "project")
    models = project / "models"
    models.mkdir()
    base = models / "base.tar.gz"
    shutil.copy(base_model, base)
    port, token = free_port(), secrets.token_urlsafe(16)
    url = f"http://127.0.0.1:{port}"
    env = {"RASA_AUTH_TOKEN": token, "RASA_URL": url}
    cmd = [
        "nice",
        "-n",
        "10",
        RASA,
        "run",
        "--enable-api",
        f"--auth-token={token}",  # one argument: a token may start with "-"
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
        "--model",
        str(base),
        "--endpoints",
        "endpoints.yml",
        "--credentials",
        "credentials.yml",
    ]
    log = open(tmp_path / "rasa.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        cmd,
        cwd=project,
        env=quiet_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        # 1. a new FAQ file, checked (the server starts meanwhile)
        shutil.copy(FIXTURE / "extra" / "sessions.yml", project / "data" / "faq" / "sessions.yml")
        done = make(project, "check")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "make check: OK" in done.stdout and "rasa data validate: passed" in done.stdout

        # 2. train-fast: a new topic cannot be fine-tuned, so it says so and trains fully
        done = make(project, "train-fast", timeout=900)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert "FINE-TUNING DOES NOT APPLY" in done.stdout
        assert "new responses: utter_faq/sessions" in done.stdout
        assert "Epochs:" in done.stdout  # Rasa's progress bars are shown
        new = max(models.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
        assert new != base

        # 3. the running server's model is published first (nothing published yet: no gate)
        wait_ready(f"{url}/status?token={token}", timeout=300, proc=server)
        done = make(project, "publish", f"MODEL={base}", env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "no published model yet" in done.stdout
        assert "already runs base.tar.gz: nothing to load" in done.stdout
        first = say(url, "visitor-1", QUESTION)
        assert SESSIONS_ANSWER not in first

        # 4. evaluate the new model against the published one
        done = make(project, "evaluate")
        assert done.returncode == 0, done.stdout + done.stderr
        report = project / "results" / "report"
        for name in ("report.md", "report.html", "f1_by_intent.png", "confusion_matrix.png"):
            assert (report / name).stat().st_size > 0, name
        metrics = json.loads((report / "metrics.json").read_text(encoding="utf-8"))
        assert metrics["delta_points"]["per_label_f1"]["faq/sessions"] > 0
        assert metrics["delta_points"]["macro_f1"] > 0
        markdown = (report / "report.md").read_text(encoding="utf-8")
        assert "| faq/sessions |" in markdown and "against the published model" in markdown

        # 5. publish it into the running server while visitors keep chatting
        traffic = Traffic(url)
        traffic.start()
        done = make(project, "publish", env=env)
        after_publish = len(traffic.results) + 5  # visitors served by the new model too
        deadline = time.monotonic() + 60
        while len(traffic.results) < after_publish and time.monotonic() < deadline:
            time.sleep(0.05)
        traffic.halt.set()
        traffic.join(timeout=180)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "the server now runs" in done.stdout
        assert len(traffic.results) >= 5 and set(traffic.results) == {"ok"}, traffic.results
        assert server.poll() is None  # no restart
        assert status(url, token)["model_file"] == new.name
        assert SESSIONS_ANSWER in say(url, "visitor-1", QUESTION)
        tracker = requests.get(
            f"{url}/conversations/visitor-1/tracker", params={"token": token}, timeout=30
        ).json()
        asked = [e["text"] for e in tracker["events"] if e["event"] == "user"]
        assert asked == [QUESTION, QUESTION]  # the conversation survived the swap

        # 6. the gate refuses a worse model; FORCE=1 overrides
        done = make(project, "publish", f"MODEL={base}", env=env)
        assert done.returncode != 0
        assert "REFUSED" in done.stdout and "FORCE=1" in done.stdout
        assert status(url, token)["model_file"] == new.name
        done = make(project, "publish", f"MODEL={base}", "FORCE=1", env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert status(url, token)["model_file"] == base.name
        record = json.loads((models / "published.json").read_text(encoding="utf-8"))
        assert record["current"]["forced"] is True

        # 7. roll back to the previous model
        done = make(project, "rollback", env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert status(url, token)["model_file"] == new.name
        assert SESSIONS_ANSWER in say(url, "visitor-2", QUESTION)
        record = json.loads((models / "published.json").read_text(encoding="utf-8"))
        assert record["current"]["model"] == str(new)
        assert [e["event"] for e in record["history"]] == [
            "publish",
            "publish",
            "publish",
            "rollback",
        ]
    finally:
        stop([server])
        log.close()
