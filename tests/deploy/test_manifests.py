"""The Kubernetes chart and the Dockerfiles, validated offline with tools from PyPI.

- `helm lint --strict` and `helm template` of deploy/helm/meso-assistant through
  helm-python-sdk (Helm's Go SDK, no cluster), every rendered manifest checked against the
  Kubernetes schemas (kubernetes-validate, strict: unknown fields are errors) for the
  oldest version the chart supports and the newest the tool knows;
- what the topology needs: Deployments with replicas and probes, non-root and read-only
  containers, the action server reachable only from the Rasa pods, an Ingress exposing
  only the visitors' routes, the retention CronJob, no secret value in the manifests;
- hadolint on deploy/Dockerfile (no warning allowed) and on the test's own image files.

The tools live in .venv-tools (deploy/requirements-tools.lock, `make deploy-tools`, which
`make test` runs): kubernetes-validate needs a jsonschema that Rasa's pins refuse.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / ".venv-tools" / "bin"
CHART = ROOT / "deploy" / "helm" / "meso-assistant"
VALIDATE = Path(__file__).resolve().parent / "validate_chart.py"
K8S_VERSIONS = ["1.25.0", "1.37.0"]


@pytest.fixture(scope="module")
def tools() -> Path:
    if not (TOOLS / "python").exists() or not (TOOLS / "hadolint").exists():
        pytest.skip("the validation tools are not installed: run `make deploy-tools`")
    return TOOLS


def render(tools: Path, tmp_path: Path, values: Dict[str, Any]) -> Dict[str, Any]:
    path = tmp_path / "values.json"
    path.write_text(json.dumps(values), "utf-8")
    done = subprocess.run(
        [str(tools / "python"), str(VALIDATE), str(CHART), str(path), *K8S_VERSIONS],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.stdout, done.stderr[-3000:]
    return dict(json.loads(done.stdout))


def by_kind(documents: List[Dict[str, Any]], kind: str) -> List[Dict[str, Any]]:
    return [d for d in documents if d["kind"] == kind]


def test_chart_lints_renders_and_validates(tools: Path, tmp_path: Path) -> None:
    clinic = (ROOT / "clinic.yml").read_text("utf-8")
    report = render(tools, tmp_path, {"clinicSettings": clinic, "existingSecret": "meso-secrets"})
    assert report["errors"] == []
    docs = report["documents"]
    kinds = sorted(d["kind"] for d in docs)
    assert kinds == sorted(
        ["ConfigMap", "CronJob", "Deployment", "Deployment", "Deployment", "Ingress",
         "NetworkPolicy", "PodDisruptionBudget", "Service", "Service"]
    )  # fmt: skip
    deployments = {d["metadata"]["name"]: d for d in by_kind(docs, "Deployment")}
    assert set(deployments) == {
        "meso-meso-assistant-rasa", "meso-meso-assistant-action",
        "meso-meso-assistant-booking-delivery",
    }  # fmt: skip
    for name, deployment in deployments.items():
        spec = deployment["spec"]["template"]["spec"]
        # booking delivery: a worker, one replica; the servers: two or more
        assert deployment["spec"]["replicas"] >= (1 if "booking" in name else 2)
        assert spec["securityContext"]["runAsNonRoot"] is True
        (container,) = spec["containers"]
        assert container["readinessProbe"] and container["livenessProbe"]
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        env = {e["name"]: e for e in container["env"]}
        for key, item in env.items():  # secrets only by reference
            if key.endswith(("SECRET", "PASSWORD", "AUTH_TOKEN")):
                assert "valueFrom" in item, key
    rasa = deployments["meso-meso-assistant-rasa"]["spec"]["template"]["spec"]["containers"][0]
    assert "deploy/endpoints.stack.yml" in " ".join(rasa["command"])
    # the action server: reachable from the Rasa pods only (and Prometheus, metrics port)
    (policy,) = by_kind(docs, "NetworkPolicy")
    rules = policy["spec"]["ingress"]
    assert (
        rules[0]["from"][0]["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "rasa"
    )
    assert rules[0]["ports"] == [{"protocol": "TCP", "port": 5055}]
    assert [p["port"] for p in rules[1]["ports"]] == [9102]
    (ingress,) = by_kind(docs, "Ingress")
    paths = [p["path"] for p in ingress["spec"]["rules"][0]["http"]["paths"]]
    assert paths == ["/webhooks/", "/socket.io/", "/widget/"]
    (cron,) = by_kind(docs, "CronJob")
    job = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    assert job["command"][:2] == ["meso", "retention"]
    (config,) = by_kind(docs, "ConfigMap")
    assert config["data"]["clinic.yml"].strip() == clinic.strip()


def test_chart_with_its_own_secret_and_tls(tools: Path, tmp_path: Path) -> None:
    values = {
        "clinicSettings": "clinic_name: Test\n",
        "secrets": {
            "create": True, "rasaAuthToken": "t0k", "sessionSecret": "s3s",
            "actionSecret": "a5t", "dbPassword": "pw", "redisPassword": "",
        },
        "ingress": {"tlsSecret": "chat-tls"},
        "rasa": {"replicas": 3},
    }  # fmt: skip
    report = render(tools, tmp_path, values)
    assert report["errors"] == []
    (secret,) = by_kind(report["documents"], "Secret")
    assert secret["stringData"]["RASA_AUTH_TOKEN"] == "t0k"
    (ingress,) = by_kind(report["documents"], "Ingress")
    assert ingress["spec"]["tls"][0]["secretName"] == "chat-tls"


def test_chart_refuses_missing_settings_or_secrets(tools: Path, tmp_path: Path) -> None:
    report = render(tools, tmp_path, {"existingSecret": "s"})
    assert any("clinicSettings is required" in e for e in report["errors"]), report["errors"]
    report = render(tools, tmp_path, {"clinicSettings": "x: 1\n"})
    assert any("existingSecret" in e for e in report["errors"]), report["errors"]


def test_dockerfiles_pass_hadolint(tools: Path) -> None:
    done = subprocess.run(
        [str(tools / "hadolint"), "--no-color", "--failure-threshold", "warning",
         str(ROOT / "deploy" / "Dockerfile")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    # the test's stand-in images: Debian's current bookworm packages, unpinned on purpose
    images = sorted((Path(__file__).resolve().parent / "images").glob("*.Dockerfile"))
    done = subprocess.run(
        [str(tools / "hadolint"), "--no-color", "--failure-threshold", "warning",
         "--ignore", "DL3008", *map(str, images)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_both_ignore_files_keep_the_same_things_out() -> None:
    def entries(path: Path) -> List[str]:
        lines = path.read_text("utf-8").splitlines()
        return [line for line in lines if line.strip() and not line.startswith("#")]

    legacy = entries(ROOT / ".dockerignore")
    assert legacy == entries(ROOT / "deploy" / "Dockerfile.dockerignore")
    assert {".venv*", "models", ".env", "deploy/.env", "*.db"} <= set(legacy)
