"""Start the assistant: action server, Rasa server (REST + socket.io) and the demo page.

Used by `make run` and by the tests that need running servers. Stops everything it
started on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import yaml

from meso import settings
from meso.settings import PROJECT_ROOT
from meso.tools.common import newest_model, published_model, rasa_bin

ROOT = PROJECT_ROOT
RUN_DIR = settings.RUN_DIR


def meso_command() -> List[str]:
    """How to run `meso` with this Python (the project's venv)."""
    return [sys.executable, "-m", "meso"]


def published_or_newest_model(models_dir: Path = ROOT / "models") -> Optional[Path]:
    """The model `make publish` recorded (models/published.json), else the newest."""
    return published_model(models_dir) or newest_model(models_dir)


def ensure_model() -> Path:
    """Return the published (else newest) model, training one first when none exists."""
    model = published_or_newest_model()
    if model is None:
        print("==> no trained model yet: training one (a few minutes)", flush=True)
        subprocess.run([rasa_bin(), "train", "--out", "models"], cwd=ROOT, check=True)
        model = newest_model(ROOT / "models")
    assert model is not None
    return model


def start_action_server(
    port: int, log: Optional[Path] = None, extra_env: Optional[Dict[str, str]] = None
) -> subprocess.Popen:
    """Start the action server (`meso actions`: rasa_sdk, reader loaded at start) on a port."""
    cmd = [*meso_command(), "actions", "--port", str(port), "--actions", "actions"]
    return _spawn(cmd, log, extra_env)


def endpoints_for(endpoints: Path, action_port: int) -> Path:
    """The endpoints file, or a copy under run/ pointing at another action server port."""
    config = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    url = f"http://127.0.0.1:{action_port}/webhook"
    current = str((config.get("action_endpoint") or {}).get("url") or "")
    if current in ("", url) or "${" in current or action_port == 5055:
        return endpoints  # already right, or filled from $ACTION_ENDPOINT_URL
    config["action_endpoint"] = {"url": url}
    RUN_DIR.mkdir(exist_ok=True)
    copy = RUN_DIR / f"endpoints.{action_port}.yml"
    copy.write_text(yaml.safe_dump(config), encoding="utf-8")
    return copy


def start_rasa_server(
    port: int,
    model: Path,
    action_port: int = 5055,
    endpoints: Path = ROOT / "endpoints.yml",
    extra_env: Optional[Dict[str, str]] = None,
    log: Optional[Path] = None,
    enable_api: bool = True,
    credentials: Path = ROOT / "credentials.yml",
) -> subprocess.Popen:
    """Start `meso rasa run` (hooks, REST + socket.io + widget) on a port, API only with a token."""
    cmd = [
        *meso_command(),
        "rasa",
        "run",
        "--port",
        str(port),
        "--model",
        str(model),
        "--endpoints",
        str(endpoints_for(endpoints, action_port)),
        "--credentials",
        str(credentials),
    ]
    if enable_api:
        # the launcher adds the token inside the process: never on a command line, where
        # any local user could read it in /proc/<pid>/cmdline
        cmd += ["--enable-api"]
    # an address, not "localhost": Rasa opens a new HTTP session per action call, and each
    # would resolve the name again (in a thread) and try ::1 first, where nothing listens
    env = {"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook"}
    env.update(extra_env or {})
    return _spawn(cmd, log, env)


def _spawn(
    cmd: Sequence[str], log: Optional[Path], env: Optional[Dict[str, str]] = None
) -> subprocess.Popen:
    """Start a child process in its own process group, logging to a file or the terminal."""
    full_env = dict(os.environ, **(env or {}))
    full_env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # Memory: TensorFlow's oneDNN kernels and glibc's per-thread malloc arenas cost the Rasa
    # server ~130 MB of RSS (1.30 -> 1.17 GB measured, same replies): see `make benchmark`.
    full_env.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    full_env.setdefault("MALLOC_ARENA_MAX", "2")
    # One TensorFlow thread per sentence embedding: it runs beside the event loop (channels/
    # prefetch.py), so the two cores are the loop's and the embedding's, not both TF's.
    full_env.setdefault("TF_NUM_INTRAOP_THREADS", "1")
    out = open(log, "ab") if log else None  # noqa: SIM115 - closed when the child exits
    return subprocess.Popen(
        list(cmd),
        cwd=ROOT,
        env=full_env,
        stdout=out,
        stderr=subprocess.STDOUT if out else None,
        start_new_session=True,
    )


def wait_ready(url: str, timeout: float = 180.0, proc: Optional[subprocess.Popen] = None) -> None:
    """Wait until a URL answers 200, failing early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} not ready after {timeout:.0f}s")


def stop(procs: Sequence[subprocess.Popen]) -> None:
    """Stop child processes (and their children) gracefully, then forcefully."""
    for proc in procs:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for proc in procs:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Run the whole assistant until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("RASA_PORT", 5005)))
    parser.add_argument("--action-port", type=int, default=5055)
    parser.add_argument("--demo-port", type=int, default=8000)
    args = parser.parse_args(argv)

    model = ensure_model()
    procs: List[subprocess.Popen] = []

    def shutdown(*_: object) -> None:
        stop(procs)
        sys.exit(0)

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    procs.append(start_action_server(args.action_port))
    wait_ready(f"http://127.0.0.1:{args.action_port}/health", proc=procs[-1])
    procs.append(start_rasa_server(args.port, model, action_port=args.action_port))
    wait_ready(f"http://localhost:{args.port}/", proc=procs[-1])
    demo = ROOT / "demo"
    if demo.is_dir():
        procs.append(
            _spawn(
                [
                    *meso_command(),
                    "demo",
                    "--port",
                    str(args.demo_port),
                    "--rasa",
                    f"http://localhost:{args.port}",
                    "--quiet",
                ],
                None,
            )
        )
    print(
        f"\n==> The assistant is running (model {model.name}).\n"
        f"    Chat in the browser:  http://localhost:{args.demo_port}/\n"
        f"    Chat in the terminal: make chat   (in another terminal)\n"
        f"    REST channel:         POST http://localhost:{args.port}/webhooks/rest/webhook\n"
        f"    Stop with Ctrl-C.\n",
        flush=True,
    )
    while all(proc.poll() is None for proc in procs):
        time.sleep(1)
    stop(procs)
    sys.exit("a server stopped unexpectedly")


if __name__ == "__main__":
    main()
