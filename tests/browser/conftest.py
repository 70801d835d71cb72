"""Servers and a headless Chromium for the widget's browser tests.

One set of servers for the whole session, started with meso/tools/serve.py's helpers exactly
as `make run` starts them (custom channels from credentials.yml, CORS from the clinic
settings): an action server, a Rasa server with the newest model in models/, the demo page
on an allowed origin and the same page on an origin that is NOT allowed. Everything uses
free ports on 127.0.0.1 and a temporary folder (clinic settings copy, tracker database,
logs), and is stopped at the end.

Chromium is Debian's (`chromium` on PATH), driven by Python Playwright through
executable_path: `playwright install` is never needed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, NoReturn

import pytest
import yaml

from meso.tools import serve
from meso.tools.servers import stored_user_texts

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

ROOT = serve.ROOT
SCREENSHOTS = ROOT / "tests" / "output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 375, "height": 740}


def missing(reason: str) -> NoReturn:
    """Skip when something the tests need is missing; fail instead on CI ($CI set)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (the browser tests must run on CI)")
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port that is free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Stack:
    """URLs and files of the running servers."""

    rasa_url: str
    demo_url: str
    bad_demo_url: str
    clinic_file: Path
    workdir: Path

    @property
    def demo_origin(self) -> str:
        return self.demo_url.rstrip("/")

    @property
    def bad_origin(self) -> str:
        return self.bad_demo_url.rstrip("/")

    def user_texts(self, sender_id: str) -> List[str]:
        """What a conversation's visitor said, as stored in the tracker database."""
        return stored_user_texts(self.workdir / "tracker.db", sender_id)


def _test_endpoints(workdir: Path, action_port: int) -> Path:
    """endpoints.yml with this session's action server and a throw-away tracker database."""
    endpoints: Dict[str, Any] = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"] = {"url": f"http://127.0.0.1:{action_port}/webhook"}
    store = endpoints.get("tracker_store") or {}
    if store.get("dialect") == "sqlite" or not store:
        endpoints["tracker_store"] = {
            "type": store.get("type") or "SQL",
            "dialect": "sqlite",
            "db": str(workdir / "tracker.db"),
        }
    endpoints["lock_store"] = {"type": "in_memory"}
    path = workdir / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    return path


def _start_demo(port: int, rasa_url: str, log: Path) -> subprocess.Popen:
    """The demo page server (`meso demo`), as `make run` starts it."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "meso",
            "demo",
            "--port",
            str(port),
            "--rasa",
            rasa_url,
            "--quiet",
        ],
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        missing("Debian's chromium is not installed (scripts/install_test_deps.sh)")
    return path


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    model = serve.newest_model(ROOT / "models")
    if model is None:
        missing("no trained model in models/: run `make train` first (`make test` does)")
    if not (ROOT / "widget" / "dist" / "widget.js").is_file():
        pytest.fail("widget/dist/widget.js is missing: run `make install` to build the widget")
    workdir = tmp_path_factory.mktemp("widget-stack")
    ports: List[int] = []
    while len(ports) < 4:
        port = free_port()
        if port not in ports:
            ports.append(port)
    action_port, rasa_port, demo_port, bad_port = ports
    demo_origins = [f"http://localhost:{demo_port}", f"http://127.0.0.1:{demo_port}"]

    settings = yaml.safe_load((ROOT / "clinic.yml").read_text(encoding="utf-8")) or {}
    settings["allowed_origins"] = demo_origins
    clinic_file = workdir / "clinic.yml"
    clinic_file.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    endpoints = _test_endpoints(workdir, action_port)
    rasa_url = f"http://localhost:{rasa_port}"

    procs: List[subprocess.Popen] = []
    try:
        with pytest.MonkeyPatch.context() as patch:
            # read at start by meso/tools/serve.py (--cors), channels/widget.py and
            # meso/settings.py; the children keep it, this process does not
            patch.setenv("CLINIC_SETTINGS", str(clinic_file))
            procs.append(serve.start_action_server(action_port, log=workdir / "actions.log"))
            procs.append(
                serve.start_rasa_server(
                    rasa_port,
                    model,
                    action_port=action_port,
                    endpoints=endpoints,
                    log=workdir / "rasa.log",
                    enable_api=False,
                )
            )
        procs.append(_start_demo(demo_port, rasa_url, workdir / "demo.log"))
        procs.append(_start_demo(bad_port, rasa_url, workdir / "demo-bad.log"))
        serve.wait_ready(f"http://127.0.0.1:{action_port}/health", proc=procs[0])
        serve.wait_ready(f"http://127.0.0.1:{rasa_port}/", timeout=300, proc=procs[1])
        serve.wait_ready(f"http://127.0.0.1:{demo_port}/", proc=procs[2])
        serve.wait_ready(f"http://127.0.0.1:{bad_port}/", proc=procs[3])
    except (RuntimeError, TimeoutError) as error:
        serve.stop(procs)
        logs = "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}"
            for log in sorted(workdir.glob("*.log"))
        )
        pytest.fail(f"servers did not start: {error}\n{logs}")
    try:
        yield Stack(
            rasa_url=rasa_url,
            demo_url=f"http://localhost:{demo_port}/",
            bad_demo_url=f"http://localhost:{bad_port}/",
            clinic_file=clinic_file,
            workdir=workdir,
        )
    finally:
        serve.stop(procs)


@pytest.fixture(scope="package")  # closes Playwright (and its event loop) after tests/browser
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
