"""Security: the HTTP API needs the token, CORS only for configured origins, no secrets."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
import requests

from meso import settings
from meso.tools import serve
from tests.integration.servers import AssistantServers, new_sender

ROOT = serve.ROOT


@pytest.mark.servers
@pytest.mark.model
def test_http_api_requires_the_token(servers: AssistantServers) -> None:
    status = f"{servers.url()}/status"
    assert requests.get(status, timeout=10).status_code == 401
    assert requests.get(status, params={"token": "wrong"}, timeout=10).status_code == 401
    assert requests.get(status, params={"token": servers.token}, timeout=10).status_code == 200

    visitor = new_sender("api")
    servers.send(visitor, "hello")
    tracker = f"{servers.url()}/conversations/{visitor}/tracker"
    assert requests.get(tracker, timeout=10).status_code == 401
    assert requests.get(tracker, params={"token": "wrong"}, timeout=10).status_code == 401
    events = f"{servers.url()}/conversations/{visitor}/tracker/events"
    assert requests.post(events, json=[], timeout=10).status_code == 401
    parse = f"{servers.url()}/model/parse"
    assert requests.post(parse, json={"text": "hi"}, timeout=10).status_code == 401
    allowed = requests.get(tracker, params={"token": servers.token}, timeout=10)
    assert allowed.status_code == 200 and allowed.json()["sender_id"] == visitor


@pytest.mark.servers
@pytest.mark.model
def test_cors_only_for_configured_origins(servers: AssistantServers) -> None:
    origins = settings.allowed_origins()
    assert origins, "clinic.yml allows no origin: the widget could not be embedded"
    webhook = servers.webhook()
    for origin in origins:
        preflight = requests.options(
            webhook,
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
            timeout=10,
        )
        assert preflight.headers.get("Access-Control-Allow-Origin") == origin
        got = requests.get(f"{servers.url()}/", headers={"Origin": origin}, timeout=10)
        assert got.headers.get("Access-Control-Allow-Origin") == origin

    for origin in ["https://evil.example", "null", f"{origins[0]}.evil.example"]:
        preflight = requests.options(
            webhook,
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
            timeout=10,
        )
        assert "Access-Control-Allow-Origin" not in preflight.headers
        got = requests.get(f"{servers.url()}/", headers={"Origin": origin}, timeout=10)
        assert "Access-Control-Allow-Origin" not in got.headers
        posted = requests.post(
            webhook,
            json={"sender": new_sender("cors"), "message": "hello"},
            headers={"Origin": origin},
            timeout=30,
        )
        assert "Access-Control-Allow-Origin" not in posted.headers


# --- secrets --------------------------------------------------------------------------
SECRET_WORDS = r"(?:password|passwd|secret|api[_-]?key|auth[_-]?token|access[_-]?token)"
SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{30,}"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "Stripe / OpenAI style key": re.compile(
        r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|\bsk-[A-Za-z0-9]{32,}"
    ),
    "JWT": re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
    "credentials in a URL": re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s:/@'\"]+:([^\s@/'\"${}]{4,})@"),
    "secret assigned a literal": re.compile(
        rf"(?i)\b[\w-]*{SECRET_WORDS}[\w-]*\s*[:=]\s*[\"']([^\"'\s]{{8,}})[\"']"
    ),
    "secret in YAML": re.compile(
        rf"(?i)^\s*[\w-]*{SECRET_WORDS}[\w-]*:\s+([^\s\"'#${{}}\[\](),]{{6,}})\s*(?:#.*)?$"
    ),
    "secret in an env file": re.compile(
        rf"(?i)^(?:export\s+)?[A-Z_]*{SECRET_WORDS}[A-Z_]*=([^\s\"'$]{{6,}})$"
    ),
}
PLACEHOLDER = re.compile(r"(?i)^\$\{[^}]+\}$|change[-_]?me|example|placeholder|dummy|x{6,}|<[^>]+>")
SECRET_FILES = re.compile(
    r"(^|/)(\.env|.*\.pem|.*\.key|id_rsa.*|.*\.p12|.*\.pfx|tracker\.db|.*\.sqlite|auth_token)$"
)
SKIP_SUFFIXES = (".tar.gz", ".png", ".jpg", ".ico", ".woff", ".woff2", ".lock")


def repository_files() -> List[Path]:
    """Files tracked by git plus new files not ignored (what the next commit can contain)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip
    return [ROOT / name for name in sorted(set(listed.split("\0"))) if name]


def secret_findings(path: Path, text: str) -> Iterator[Tuple[str, int, str]]:
    """(kind, line number, line) for each likely secret in a file's text."""
    for number, line in enumerate(text.splitlines(), 1):
        for kind, pattern in SECRET_PATTERNS.items():
            match = pattern.search(line)
            if not match:
                continue
            value = match.group(1) if pattern.groups else match.group(0)
            if PLACEHOLDER.search(value):
                continue
            yield kind, number, line.strip()[:120]


def test_secret_detector_catches_samples() -> None:
    # "§" keeps this file itself from matching; it is removed before checking
    samples = {
        'DB_PASS§WORD = "hunter2hunter2"': "secret assigned a literal",
        "  pass§word: s3cr3t-Passw0rd": "secret in YAML",
        "REDIS_PASS§WORD=s3cr3t-Passw0rd": "secret in an env file",
        "url: postgresql:/§/rasa:realpassword@db:5432/rasa": "credentials in a URL",
        "key = 'AK§IAIOSFODNN7REALKEY'": "AWS access key",
        "-----BEGIN OPENSSH PRIV§ATE KEY-----": "private key",
    }
    for sample, kind in samples.items():
        line = sample.replace("§", "")
        assert [k for k, _, _ in secret_findings(Path("x"), line)] == [kind], line
    placeholders = [
        'password: "${DB_PASSWORD}"',
        "POSTGRES_PASSWORD=change-me",
        "self.password = password",
        "password: Optional[str] = None,",
        'token = os.environ.get("RASA_AUTH_TOKEN")',
    ]
    assert not [k for s in placeholders for k, _, _ in secret_findings(Path("x"), s)]


def test_no_secrets_in_repository_files() -> None:
    files = repository_files()
    assert files, "git ls-files found nothing"
    bad_names = [str(p.relative_to(ROOT)) for p in files if SECRET_FILES.search(p.name)]
    assert not bad_names, f"files that should never be committed: {bad_names}"
    findings = []
    for path in files:
        if path.name.endswith(SKIP_SUFFIXES) or not path.is_file():
            continue
        if path.stat().st_size > 2_000_000:
            continue
        text = path.read_text("utf-8", errors="ignore")
        for kind, number, line in secret_findings(path, text):
            findings.append(f"{path.relative_to(ROOT)}:{number}: {kind}: {line}")
    assert not findings, "likely secrets in the repository:\n" + "\n".join(findings)


def test_secrets_come_from_the_environment() -> None:
    scale = (ROOT / "deploy" / "endpoints.scale.yml").read_text("utf-8")
    for key in ("password", "username", "url", "db", "port"):
        assert re.search(rf"^\s+{key}: \$\{{\w+\}}$", scale, re.M), key
    compose = (ROOT / "deploy" / "docker-compose.yml").read_text("utf-8")
    assert "${RASA_AUTH_TOKEN:?" in compose and "${POSTGRES_PASSWORD:?" in compose
    for path in ("deploy/.env", ".env", "run/auth_token", "tracker.db"):
        ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert ignored.returncode == 0, f"{path} is not git-ignored"
