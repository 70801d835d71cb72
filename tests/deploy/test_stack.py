"""The container stack, built and run for real (issue #15).

On a private Docker engine started by the test (tests/deploy/engine.py): the images are
built from deploy/Dockerfile as it is (only the base images' names set, to bases made
here from debootstrap and the host's Python 3.10 and Node.js, since no registry can be
pulled from), deploy/docker-compose.yml is brought up, and then:

- about 20 concurrent conversations go through nginx (the REST channel, paced under
  nginx's per-address limit), each a full suitability check, one a warning sign, one a
  "delete my data"; meanwhile one Rasa server is stopped and started again;
- every request is answered (200), and PostgreSQL holds every turn once, in order, with
  the replies the visitor received; the deleted conversation is gone;
- `meso publish` puts a new model on the model server and both Rasa servers load it;
- /metrics of both Rasa servers and of the action server are scraped;
- the action server shares a network with the Rasa servers only, no container runs as
  root but nginx's and PostgreSQL's, the API is not reachable through nginx, the retention
  job runs;
- then everything is brought down, the engine stopped by its PID and its folder removed.

Skips (with the reason) where containers cannot run: not root, no apt-get, dockerd fails.
The figures (build times, image sizes, stages) go to results/deploy/stack.json.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import yaml

from meso.tools.serve import newest_model
from tests.deploy.engine import ROOT, Engine, EngineUnavailable, Images
from tests.deploy.stack import Stack, metric, model_with_new_id

pytestmark = [pytest.mark.servers, pytest.mark.model]

CONVERSATIONS = 20
CHECK = ["hello", "what is mesotherapy?", "/check_eligibility", "no", "no", "no", "no", "no"]
# asked after the check until the restarted server is back (and twice more)
MORE = ["how long do results last?", "does it hurt?", "how many sessions do I need?"]
WARNING = "had meso yesterday and now my cheek is hot, the redness is spreading and there's pus"
REPORT = ROOT / "results" / "deploy" / "stack.json"


def responses() -> Dict[str, str]:
    """The first text of each response in domain.yml."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text("utf-8"))
    out: Dict[str, str] = {}
    for name, variations in (domain.get("responses") or {}).items():
        plain = [v for v in variations if not v.get("condition")] or variations
        out[name] = str(plain[0].get("text") or "")
    return out


@pytest.fixture(scope="module")
def report() -> Iterator[Dict[str, Any]]:
    """Figures of the run, written to results/deploy/stack.json at the end."""
    figures: Dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    started = time.monotonic()
    yield figures
    figures["total_seconds"] = round(time.monotonic() - started, 1)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """Temporary files of the run (env file, model-server folder, publish record)."""
    path = Path(tempfile.mkdtemp(prefix="meso-stack-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def model() -> Path:
    """The newest trained model (`make test` trains one first)."""
    found = newest_model(ROOT / "models")
    if found is None:
        pytest.skip("no trained model in models/ (run `make train`; `make test` trains first)")
    return found


@pytest.fixture(scope="module")
def engine(report: Dict[str, Any]) -> Iterator[Engine]:
    """A private Docker engine, stopped by its PID at the end."""
    started = time.monotonic()
    # MESO_STACK_ENGINE=/path/docker.sock: reuse a running engine (development only)
    engine = Engine(attach=os.environ.get("MESO_STACK_ENGINE"))
    try:
        engine.start()
    except EngineUnavailable as err:
        pytest.skip(f"this machine cannot run containers: {err}")
    report["engine_start_seconds"] = round(time.monotonic() - started, 1)
    try:
        yield engine
    finally:
        pid = engine.proc.pid if engine.proc else None
        engine.stop()
        report["engine_stopped_pid"] = pid


@pytest.fixture(scope="module")
def images(engine: Engine, report: Dict[str, Any]) -> Images:
    """Every image, built on the empty engine (nothing cached)."""
    images = Images(engine)
    images.all()
    report["build_seconds"] = images.seconds
    report["image_bytes"] = images.sizes()
    report["image_mb"] = {k: round(v / 1e6) for k, v in report["image_bytes"].items()}
    return images


@pytest.fixture(scope="module")
def stack(
    engine: Engine, images: Images, workdir: Path, model: Path, report: Dict[str, Any]
) -> Iterator[Stack]:
    """The compose stack, up and healthy; brought down (volumes and all) at the end."""
    stack = Stack(engine, images, workdir)
    # the first model, published as a clinic's IT would before `up`
    stack.publish(model, workdir / "models", urls=[])
    started = time.monotonic()
    try:
        stack.compose("up", "-d", "--no-build", timeout=1200)
        stack.wait_healthy(["postgres", "redis", "action-server", "rasa-1", "rasa-2"])
        deadline = time.monotonic() + 60
        while stack.http("GET", "/health")[0] != 200:
            assert time.monotonic() < deadline, "nginx does not answer"
            time.sleep(0.5)
        report["up_to_healthy_seconds"] = round(time.monotonic() - started, 1)
        yield stack
    finally:
        stack.compose("down", "-v", "--remove-orphans", "--timeout", "20", check=False)
        leftovers = engine.docker("ps", "-aq").stdout.decode().split()
        report["containers_left_after_down"] = len(leftovers)


def test_stack(stack: Stack, engine: Engine, workdir: Path, model: Path, report: Dict[str, Any]):
    texts = responses()
    rasa_edge = {s: stack.address(s) for s in ("rasa-1", "rasa-2")}

    # --- the front door: only nginx is published; the widget and the channels through it ---
    published = engine.docker("ps", "--format", "{{.Names}} {{.Ports}}").stdout.decode()
    exposed = [line.split()[0] for line in published.splitlines() if "->" in line]
    assert len(exposed) == 1 and "nginx" in exposed[0], published
    status, body = stack.http("GET", "/widget/widget.js")
    assert status == 200 and len(body) > 10_000
    assert stack.http("GET", f"/status?token={stack.token}")[0] == 404  # Rasa's API: not here
    assert stack.http("POST", "/webhooks/rest/webhook", {"sender": "x", "message": "hi"})[0] == 401

    # --- 20 conversations + a warning sign, with one Rasa server restarted meanwhile ---
    visitors = [f"stack-{i:02d}-{time.time_ns() % 10**8}" for i in range(CONVERSATIONS)]
    sent: Dict[str, List[str]] = {v: [] for v in visitors}
    received: Dict[str, List[List[str]]] = {v: [] for v in visitors}
    restarted = threading.Event()
    errors: List[str] = []

    def say(visitor: str, text: str) -> None:
        sent[visitor].append(text)
        received[visitor].append([str(m.get("text") or "") for m in stack.say(visitor, text)])

    def converse(visitor: str) -> None:
        try:
            for text in CHECK:
                say(visitor, text)
            extra = 0
            while extra < 2 and len(sent[visitor]) < len(CHECK) + 40:
                say(visitor, MORE[len(sent[visitor]) % len(MORE)])
                if restarted.is_set():
                    extra += 1
                else:
                    time.sleep(2.0)
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(f"{visitor}: {err}")

    def restart_one_server() -> None:
        try:
            while stack.requests < 60:
                time.sleep(0.2)
            t0 = time.monotonic()
            stack.compose("stop", "-t", "30", "rasa-1")
            report["rasa_1_stopped_after_requests"] = stack.requests
            stack.compose("start", "rasa-1")
            stack.wait_healthy(["rasa-1"], timeout=600)
            report["rasa_1_restart_seconds"] = round(time.monotonic() - t0, 1)
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(f"restart: {err}")
        finally:
            restarted.set()

    started = time.monotonic()
    threads = [threading.Thread(target=converse, args=(v,)) for v in visitors]
    threads.append(threading.Thread(target=restart_one_server))
    for thread in threads:
        thread.start()
    warned = "stack-warning-" + visitors[0][-8:]
    say_warning = stack.say(warned, WARNING)
    for thread in threads:
        thread.join()
    report["conversation_seconds"] = round(time.monotonic() - started, 1)
    report["requests"] = stack.requests
    report["retried_after_429"] = stack.retried_429
    assert not errors, errors
    assert any("999" in str(m.get("text")) or "today" in str(m.get("text")) for m in say_warning)
    assert rasa_edge["rasa-1"] == stack.address("rasa-1"), "rasa-1 came back on a new address"

    # --- PostgreSQL: every turn once, in order, as the visitor received it ---
    forgotten = visitors[0]
    reply = [str(m.get("text") or "") for m in stack.say(forgotten, "delete my data")]
    assert texts["utter_forgotten"] in reply
    events = stack.events()
    by_sender: Dict[str, List[Dict[str, Any]]] = {}
    for event in events:
        by_sender.setdefault(event["sender_id"], []).append(event)
    assert forgotten not in by_sender, "the deleted conversation is still stored"
    for visitor in visitors[1:]:
        stored = by_sender[visitor]
        assert [e["text"] for e in stored if e["event"] == "user"] == sent[visitor]
        assert [e["event"] for e in stored].count("session_started") == 1
        stamps = [e["timestamp"] for e in stored]
        assert stamps == sorted(stamps)
        turns: List[List[str]] = []
        for event in stored:
            if event["event"] == "user":
                turns.append([])
            elif event["event"] == "bot" and turns:
                turns[-1].append(event.get("text") or "")
        joined = ["\n\n".join(t.strip() for t in turn) for turn in turns]
        assert joined == ["\n\n".join(t.strip() for t in turn) for turn in received[visitor]]
        # the whole check ran: its summary came
        assert any(texts["utter_screening_disclaimer"] in turn for turn in received[visitor])
    report["stored_events"] = len(events)

    # --- a new model, published once, loaded by both servers (model server) ---
    new_model = workdir / "models" / "stack-test-new.tar.gz"
    new_id = model_with_new_id(model, new_model)
    t0 = time.monotonic()
    output = stack.publish(
        new_model, workdir / "models", urls=[f"http://{ip}:5005" for ip in rasa_edge.values()]
    )
    report["publish_seconds"] = round(time.monotonic() - t0, 1)
    for service in ("rasa-1", "rasa-2"):
        assert stack.status(service)["model_id"] == new_id, output
    assert stack.say(visitors[1], "what is mesotherapy?")  # conversations carry on

    # --- operators' signals: /metrics, without visitor text or ids ---
    scraped = {s: stack.metrics(s) for s in ("rasa-1", "rasa-2")}
    total = {
        name: sum(metric(text, name) for text in scraped.values())
        for name in (
            "meso_turns_total", "meso_checks_started_total", "meso_checks_finished_total",
            "meso_warning_sign_escalations_total", "meso_conversations_forgotten_total",
            "meso_reply_seconds_count", "meso_bot_messages_total", "meso_fallback_turns_total",
        )
    }  # fmt: skip
    # rasa-1's counters restarted with it: together at least the turns after the restart
    assert metric(scraped["rasa-1"], "meso_turns_total") > 0, (
        "rasa-1 got no traffic after it came back"
    )
    assert total["meso_checks_finished_total"] >= 1 and total["meso_reply_seconds_count"] > 0
    assert metric(scraped["rasa-2"], "meso_checks_started_total") >= 1
    assert total["meso_warning_sign_escalations_total"] >= 1
    assert total["meso_conversations_forgotten_total"] == 1
    actions = stack.exec(
        "action-server", "python", "-c",
        "import urllib.request;print(urllib.request.urlopen('http://127.0.0.1:9102/metrics').read().decode())",
    )  # fmt: skip
    assert 'meso_action_requests_total{action="action_start_screening",status="2xx"}' in actions
    for text in [*scraped.values(), actions]:
        assert "mesotherapy" not in text and "stack-" not in text and "pus" not in text
    report["metrics_totals"] = total

    # --- isolation and hardening ---
    # the action server: a connection from the Rasa servers only (to any of its addresses)
    assert stack.exec("nginx", "getent", "hosts", "action-server", check=False) == ""
    networks = stack.inspect("action-server")["NetworkSettings"]["Networks"]
    targets = [n["IPAddress"] for n in networks.values()]
    for service in ("nginx", "redis", "model-server", "booking-delivery", "rasa-1"):
        reached = [ip for ip in targets if stack.reaches(service, ip, 5055)]
        assert bool(reached) == (service == "rasa-1"), (service, reached)
    for service in ("rasa-1", "rasa-2", "action-server"):
        assert stack.exec(service, "id", "-u").strip() == "10001"
    config = json.dumps(stack.inspect("rasa-1")["Config"].get("Labels") or {})
    image_env = engine.docker(
        "image", "inspect", "-f", "{{json .Config.Env}}", "meso-assistant:stack-test"
    )
    for secret in stack.secrets:
        assert secret not in image_env.stdout.decode() and secret not in config
    # no model, no env file, no database inside the image
    listing = stack.exec(
        "rasa-1", "sh", "-c", "ls -A /app/models; ls /app/deploy/.env /app/*.db 2>&1 || true"
    )
    assert listing.count("No such file") == 2 and ".tar.gz" not in listing, listing

    # --- the retention job ---
    done = stack.compose("run", "--rm", "retention", timeout=300)
    assert done.returncode == 0
