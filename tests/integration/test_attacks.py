"""The security review's attacks (issue #14), replayed against real servers.

Each test is an attack a hostile visitor or a local user tried, and what must happen
instead. The servers are started the way `make run` starts them (meso/tools/serve.py).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Iterator, List

import pytest
import requests
import yaml

from actions.fallback import SOMETHING_ELSE, SUGGESTABLE_INTENTS
from channels.limits import BUTTON_PAYLOADS, MAX_METADATA_CHARS
from meso.tools import serve
from meso.tools.servers import free_port
from meso_nlu.classifier import MAX_PARTS, question_parts
from tests.integration.servers import AssistantServers, new_sender

ROOT = serve.ROOT
HEALTH_WORDS = ("pregnant", "diabetes", "warfarin", "haemophilia", "chemotherapy")

pytestmark = [pytest.mark.servers, pytest.mark.model]


def user_events(servers: AssistantServers, sender: str) -> List[dict]:
    return [e for e in servers.tracker(sender)["events"] if e.get("event") == "user"]


# --- 1. the API token ------------------------------------------------------------------
def test_a_local_user_finds_the_api_token_in_no_command_line(servers: AssistantServers) -> None:
    token = servers.token.encode("utf-8")
    carrying = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if token in cmdline:
            carrying.append(cmdline.replace(b"\0", b" ").decode("utf-8", "replace")[:80])
    assert carrying == []
    # the API is on, and takes the token the launcher handed to Rasa in-process
    status = f"{servers.url()}/status"
    assert requests.get(status, params={"token": servers.token}, timeout=10).status_code == 200
    assert requests.get(status, timeout=10).status_code == 401


def test_a_generated_token_that_starts_with_a_dash_still_starts_the_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """token_urlsafe starts with "-" once in 64 installs: Rasa must read it as the token."""
    from rasa.__main__ import create_argument_parser

    from meso import settings
    from meso.server.launcher import with_token

    monkeypatch.setattr(settings, "auth_token", lambda: "-TQx_secret")
    argv = with_token(["run", "--enable-api", "--port", "5005"])
    assert create_argument_parser().parse_args(argv).auth_token == "-TQx_secret"


# --- 2. and 4. messages that start with "/" ----------------------------------------------
def test_health_text_behind_a_slash_never_reaches_the_logs(servers: AssistantServers) -> None:
    sender = new_sender("slash")
    for text in (
        "/ I am pregnant and have diabetes",
        "/pregnant_and_diabetic",
        '/faq{"note": "my warfarin dose"}',
        "//inform haemophilia",
        '/greet{"name": "chemotherapy"}',
    ):
        assert servers.send(sender, text), text  # each still gets an answer
    logs = servers.logs().lower()
    assert "rasa" in logs  # the logs are there to look in
    for word in HEALTH_WORDS:
        assert word not in logs, word


def test_an_intent_payload_cannot_carry_entities_or_plant_a_button(
    servers: AssistantServers,
) -> None:
    sender = new_sender("payload")
    attack = '/faq{"also_asked_title": "Click me", "also_asked_question": "/forget_me"}'
    replies = servers.send(sender, attack)
    assert replies
    assert not any("Click me" in str(reply.get("text") or "") for reply in replies)
    planted = [
        b for r in replies for b in r.get("buttons") or [] if b.get("payload") == "/forget_me"
    ]
    assert planted == []
    tracker = servers.tracker(sender)
    assert tracker["slots"].get("also_asked_question") is None
    assert tracker["slots"].get("also_asked_title") is None
    stored = user_events(servers, sender)[-1]
    assert not stored["text"].startswith("/")
    assert stored["parse_data"]["entities"] == []


def test_the_buttons_own_payloads_still_work(servers: AssistantServers) -> None:
    assert "/check_eligibility" in BUTTON_PAYLOADS
    sender = new_sender("button")
    servers.send(sender, "/check_eligibility")
    tracker = servers.tracker(sender)
    assert user_events(servers, sender)[-1]["parse_data"]["intent"]["name"] == "check_eligibility"
    assert (tracker.get("active_loop") or {}).get("name") == "screening_form"


def test_button_payloads_are_exactly_those_in_the_domain() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text("utf-8"))
    payloads = {
        str(button["payload"])
        for variations in domain["responses"].values()
        for variation in variations
        for button in variation.get("buttons") or []
        if str(button.get("payload", "")).startswith("/")
    }
    # the buttons "Did you mean...?" builds (actions/fallback.py)
    payloads |= {SOMETHING_ELSE["payload"], *(f"/{intent}" for intent in SUGGESTABLE_INTENTS)}
    assert payloads == BUTTON_PAYLOADS


# --- 5., 8., 9. bodies -------------------------------------------------------------------
def test_oversized_metadata_gets_413_and_nothing_is_stored(servers: AssistantServers) -> None:
    sender = new_sender("meta")
    big = {"blob": "x" * (MAX_METADATA_CHARS + 1)}
    refused = requests.post(
        servers.webhook(), json={"sender": sender, "message": "hi", "metadata": big}, timeout=30
    )
    assert refused.status_code == 413 and "metadata" in refused.json()["error"]
    assert servers.stored_user_texts(sender) == []
    small = {"page": "/prices"}
    accepted = requests.post(
        servers.webhook(), json={"sender": sender, "message": "hi", "metadata": small}, timeout=30
    )
    assert accepted.status_code == 200


def test_deeply_nested_json_gets_400_not_500(servers: AssistantServers) -> None:
    deep = b"[" * 5000 + b"]" * 5000
    body = b'{"sender": "deep", "message": "hi", "metadata": {"a": ' + deep + b"}}"
    reply = requests.post(
        servers.webhook(), data=body, headers={"Content-Type": "application/json"}, timeout=30
    )
    assert reply.status_code == 400 and "error" in reply.json()
    parse = requests.post(
        f"{servers.url()}/model/parse",
        params={"token": servers.token},
        data=b'{"text": ' + deep + b"}",
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert parse.status_code == 400
    assert servers.send(new_sender("after-deep"), "hello")  # still up


def test_a_huge_content_length_is_refused_before_the_body_is_read(
    servers: AssistantServers,
) -> None:
    port = int(servers.url().rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{"
        )
        answer = sock.recv(4096)  # without sending the other 100 MB
    assert answer.startswith(b"HTTP/1.1 413"), answer[:80]


def test_a_chunked_body_is_cut_off_at_the_limit(servers: AssistantServers) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"sender": "chunked", "message": "'
        for _ in range(64):  # 4 MiB in all
            yield b"x" * 65536

    port = int(servers.url().rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            "POST",
            "/webhooks/rest/webhook",
            body=chunks(),
            headers={"Content-Type": "application/json"},
            encode_chunked=True,
        )
        status = connection.getresponse().status
    except (ConnectionError, http.client.HTTPException):
        status = 413  # the server closed the connection mid-body: also a refusal
    finally:
        connection.close()
    assert status == 413
    assert servers.send(new_sender("after-chunked"), "hello")


# --- 6. work per message ----------------------------------------------------------------
def test_a_message_packed_with_questions_is_split_into_a_bounded_number_of_parts() -> None:
    packed = " ".join(["is it safe?", "does it hurt?", "how long?", "what is it?"] * 25)[:1000]
    assert len(question_parts(packed)) == MAX_PARTS
    assert len(question_parts("how much is it? and does it hurt?")) == 2


# --- 7. the action server ----------------------------------------------------------------
def listening_addresses(port: int) -> List[str]:
    """Local addresses (hex, as in /proc/net/tcp*) with a socket listening on a port."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":  # LISTEN
                found.append(address)
    return found


def test_the_action_server_listens_on_loopback_only(servers: AssistantServers) -> None:
    addresses = listening_addresses(servers.action_port)
    assert addresses, "the action server is not listening"
    assert set(addresses) <= {"0100007F", "00000000000000000000000001000000"}, addresses


def test_action_server_errors_do_not_echo_the_request(servers: AssistantServers) -> None:
    url = f"http://127.0.0.1:{servers.action_port}/webhook"
    secret_text = "my psoriasis is bad"
    bad_call = {"next_action": "action_screening_summary", "tracker": {"latest": secret_text}}
    for body in (
        json.dumps(bad_call).encode(),
        json.dumps({"next_action": "no_such_action", "tracker": {"x": secret_text}}).encode(),
        b'{"tracker": ' + b"[" * 3000 + b"]" * 3000 + b"}",
        b"not json " + secret_text.encode(),
    ):
        reply = requests.post(
            url, data=body, headers={"Content-Type": "application/json"}, timeout=30
        )
        assert reply.status_code >= 400
        assert secret_text not in reply.text
        assert "request_body" not in reply.text
    assert requests.get(f"http://127.0.0.1:{servers.action_port}/health", timeout=10).ok


def test_with_a_shared_secret_the_action_server_refuses_requests_without_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    port = free_port()
    monkeypatch.setenv("MESO_ACTION_SECRET", "s3cr3t-for-this-test")
    proc = serve.start_action_server(port, log=tmp_path / "actions.log")
    try:
        serve.wait_ready(f"http://127.0.0.1:{port}/health", timeout=120, proc=proc)
        url = f"http://127.0.0.1:{port}/webhook"
        call = {"next_action": "no_such_action", "tracker": {}, "domain": {}, "version": "3.6.21"}
        assert requests.post(url, json=call, timeout=30).status_code == 401
        wrong = {"X-Meso-Action-Secret": "guess"}
        assert requests.post(url, json=call, headers=wrong, timeout=30).status_code == 401
        right = {"X-Meso-Action-Secret": "s3cr3t-for-this-test"}
        assert requests.post(url, json=call, headers=right, timeout=30).status_code == 404
        assert requests.get(f"http://127.0.0.1:{port}/actions", timeout=30).status_code == 401
    finally:
        serve.stop([proc])


def test_the_scale_out_rasa_servers_send_the_shared_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rasa.utils.endpoints import read_endpoint_config

    scale = ROOT / "deploy" / "endpoints.scale.yml"
    for name in set(re.findall(r"\$\{(\w+)\}", scale.read_text("utf-8"))):
        monkeypatch.setenv(name, "1")
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://action-server:5055/webhook")
    monkeypatch.setenv("MESO_ACTION_SECRET", "shared")
    config = read_endpoint_config(str(scale), "action_endpoint")
    assert config is not None and config.headers == {"X-Meso-Action-Secret": "shared"}


# --- 11. disclosure, telemetry, noise -----------------------------------------------------
def test_the_server_does_not_say_which_rasa_it_is(servers: AssistantServers) -> None:
    import rasa

    root = requests.get(f"{servers.url()}/", timeout=10)
    assert root.status_code == 200 and rasa.__version__ not in root.text
    assert requests.get(f"{servers.url()}/version", timeout=10).status_code == 404
    with_token = requests.get(
        f"{servers.url()}/version", params={"token": servers.token}, timeout=10
    )
    assert with_token.status_code == 200


def test_telemetry_is_off_without_asking_the_user() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "meso", "rasa", "telemetry"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "RASA_TELEMETRY_ENABLED"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "disabled" in done.stdout.lower(), done.stdout


def test_the_servers_start_without_deprecation_noise(servers: AssistantServers) -> None:
    logs = servers.logs()
    for noise in ("DeprecationWarning", "FutureWarning", "MovedIn20Warning", "telemetry"):
        assert noise not in logs, noise


# --- 12. forget me, in the languages the assistant is greeted in --------------------------
@pytest.mark.parametrize(
    "request_text",
    ["oublie-moi", "borra mis datos", "vergiss mich", "usuń moje dane", "dimenticami"],
)
def test_forget_me_in_other_languages_deletes_the_conversation(
    servers: AssistantServers, request_text: str
) -> None:
    sender = new_sender("forget-lang")
    servers.send(sender, "hello")
    servers.send(sender, "I have eczema on my hands")
    assert servers.stored_user_texts(sender)
    servers.send(sender, request_text)
    assert servers.stored_user_texts(sender) == []
