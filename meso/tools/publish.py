"""Publish a trained model into the running Rasa server (quality gate first), or roll back.

    make publish                       # the newest model in models/
    make publish MODEL=models/x.tar.gz FORCE=1 MARGIN=2 RASA_URL=http://localhost:5005
    make rollback                      # back to the previously published model
    .venv/bin/python meso/tools/publish.py status

Quality gate: the candidate and the published model are scored on tests/nlu_holdout.yml
(meso/tools/evaluate.py, cached); the candidate is refused when its macro F1 OR its
accuracy is more than MARGIN points (default 2.0) below the published model's. FORCE=1
publishes anyway (and the record says it was forced).

The swap: `PUT /model {"model_file": "<absolute path>"}` on Rasa's HTTP API (the server
runs with `--enable-api --auth-token <token>`; token from $RASA_AUTH_TOKEN or run/auth_token).
Rasa loads the new model next to the old one and swaps it in when it is ready: the server
never stops, messages being processed finish with the old model, messages arriving during
the load wait and are then answered, a model that fails to load leaves the old one in
place, and conversations continue because they live in the tracker store (SQL) and the
lock store is handed over. Then GET /status must report the new model.

Several Rasa servers (deploy/docker-compose.yml, the Helm chart):
- **model server** (`--model-server-dir DIR`, or `$MESO_MODEL_SERVER_DIR`): the servers pull
  the published model from a model server (`models:` in deploy/endpoints.stack.yml). The
  publish puts the model in DIR/current.tar.gz (copied, then renamed into place, so a
  server never reads half a file); every replica loads it at its next pull (10 s), and a
  restarted or added one starts with it. With `--url` (repeatable, or `$RASA_URLS`, comma
  separated) it then waits until each of those servers reports the new model.
- **every replica** (`--url A --url B`, no model server): `PUT /model` on each in turn; the
  model's path must then be the same on every server (a shared volume).

models/published.json records the current model, a stack for rollback and the history.
"""

from __future__ import annotations

import argparse
import fcntl
import getpass
import json
import os
import sys
import tarfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence

import requests

from meso.tools.common import (
    newest_model,
    now,
    project_root,
    read_published,
    rel,
    sha256,
    silence_library_warnings,
)
from meso.tools.common import write_published as save_record

DEFAULT_MARGIN = 2.0
HOLDOUT = "tests/nlu_holdout.yml"
LOAD_TIMEOUT = 600


class PublishError(Exception):
    """A publish or rollback that could not be done (message for the maintainer)."""


def model_id(model: Path) -> Optional[str]:
    """The model_id Rasa stored in the archive's metadata.json."""
    try:
        with tarfile.open(model, "r:gz") as archive:
            member = archive.extractfile("metadata.json")
            return json.load(member).get("model_id") if member else None
    except (OSError, tarfile.TarError, KeyError, ValueError):
        return None


def auth_token(root: Path) -> str:
    """$RASA_AUTH_TOKEN, else run/auth_token (written by meso/tools/serve.py)."""
    token = os.environ.get("RASA_AUTH_TOKEN")
    if token:
        return token
    path = root / "run" / "auth_token"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    raise PublishError(
        "no API token: set RASA_AUTH_TOKEN or start the server with `make run` (run/auth_token)"
    )


SERVER_URLS: List[str] = []
MODEL_SERVER_DIR: Optional[Path] = None
PUBLISHED_NAME = "current.tar.gz"


def server_urls() -> List[str]:
    """--url (repeatable), else $RASA_URLS (comma separated), else $RASA_URL, else 5005."""
    urls = SERVER_URLS or [u for u in os.environ.get("RASA_URLS", "").split(",") if u.strip()]
    if not urls and os.environ.get("RASA_URL"):
        urls = [os.environ["RASA_URL"]]
    if not urls:
        urls = [f"http://localhost:{os.environ.get('RASA_PORT', '5005')}"]
    return [url.strip().rstrip("/") for url in urls]


def server_url() -> str:
    """The first server (status, messages)."""
    return server_urls()[0]


def explicit_urls() -> bool:
    """Whether servers were named (--url, $RASA_URLS or $RASA_URL)."""
    return bool(SERVER_URLS or os.environ.get("RASA_URLS") or os.environ.get("RASA_URL"))


def place_on_model_server(model: Path, folder: Path) -> Path:
    """Copy a model to folder/current.tar.gz: a temporary file, then renamed into place."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / PUBLISHED_NAME
    partial = folder / f".{PUBLISHED_NAME}.partial"
    with open(model, "rb") as source, open(partial, "wb") as copy:
        while chunk := source.read(1 << 20):
            copy.write(chunk)
        copy.flush()
        os.fsync(copy.fileno())
    os.chmod(partial, 0o644)  # the model server's user reads it
    os.replace(partial, target)
    print(f"==> {model.name} is on the model server ({target}); servers pull it within 10 s")
    return target


def wait_for_model(url: str, token: str, expected: Optional[str], timeout: float) -> Dict[str, Any]:
    """Poll GET /status until the server runs the model with `expected` id."""
    deadline = time.monotonic() + timeout
    status: Dict[str, Any] = {}
    while time.monotonic() < deadline:
        try:
            status = server_status(url, token)
        except PublishError:
            status = {}
        if expected and status.get("model_id") == expected:
            print(f"==> {url} runs it now ({status.get('model_file')})")
            return status
        time.sleep(1.0)
    raise PublishError(f"{url} did not load the published model within {timeout:.0f} s: {status}")


def deliver(root: Path, model: Path) -> Dict[str, Any]:
    """Get the model to the server(s): model server, else PUT /model on each; last status."""
    status: Dict[str, Any] = {}
    if MODEL_SERVER_DIR is not None:
        place_on_model_server(model, MODEL_SERVER_DIR)
        if explicit_urls():
            token = auth_token(root)
            for url in server_urls():
                status = wait_for_model(url, token, model_id(model), LOAD_TIMEOUT)
        return status
    token = auth_token(root)
    for url in server_urls():
        status = swap_model(url, token, model)
    return status


def destination() -> str:
    """Where a publish goes, for the record."""
    if MODEL_SERVER_DIR is not None:
        return f"model server {MODEL_SERVER_DIR}"
    return " ".join(server_urls())


def server_status(url: str, token: str) -> Dict[str, Any]:
    """GET /status: the model the server runs."""
    try:
        answer = requests.get(f"{url}/status", params={"token": token}, timeout=10)
    except requests.RequestException as err:
        raise PublishError(f"no Rasa server at {url} ({err.__class__.__name__})") from err
    if answer.status_code in (401, 403):
        raise PublishError(f"{url} refused the API token (HTTP {answer.status_code})")
    if answer.status_code == 409:
        return {}
    answer.raise_for_status()
    return dict(answer.json())


def swap_model(url: str, token: str, model: Path) -> Dict[str, Any]:
    """PUT /model on the running server, then check GET /status reports the new model."""
    before = server_status(url, token)  # fails early and clearly when there is no server
    expected = model_id(model)
    if expected and before.get("model_id") == expected:
        print(f"==> the server at {url} already runs {model.name}: nothing to load")
        return before
    print(f"==> loading {model.name} into the server at {url} (PUT /model)", flush=True)
    try:
        answer = requests.put(
            f"{url}/model",
            params={"token": token},
            json={"model_file": str(model.resolve())},
            timeout=LOAD_TIMEOUT,
        )
    except requests.RequestException as err:
        raise PublishError(f"PUT /model failed: {err}") from err
    if answer.status_code != 204:
        raise PublishError(
            f"the server did not load the model (HTTP {answer.status_code}): {answer.text[:300]}"
            " -- it keeps running the previous one"
        )
    status = server_status(url, token)
    if status.get("model_file") != model.name and status.get("model_id") != expected:
        raise PublishError(f"after PUT /model the server reports {status}, not {model.name}")
    print(f"==> the server now runs {status.get('model_file')} (model_id {status.get('model_id')})")
    return status


def memory_store_warning(root: Path) -> Optional[str]:
    """A warning when endpoints.yml keeps conversations in memory (lost on a model swap)."""
    import yaml

    path = root / "endpoints.yml"
    try:
        store = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("tracker_store")
    except (OSError, yaml.YAMLError):
        return None
    kind = str((store or {}).get("type") or "").lower().replace("_", "")
    if store and kind not in ("inmemory", "memory"):
        return None
    return (
        "warning: endpoints.yml has no persistent tracker store: after PUT /model Rasa gives "
        "the new model a new, empty in-memory store, so conversations in progress restart. "
        "Use the SQL tracker store (as the default endpoints.yml does)."
    )


@contextmanager
def publish_lock(models_dir: Path) -> Iterator[None]:
    """One publish or rollback at a time (several maintainers share the tree)."""
    models_dir.mkdir(parents=True, exist_ok=True)
    with open(models_dir / ".publish.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def entry_for(model: Path, metrics: Optional[Dict[str, Any]], **extra: Any) -> Dict[str, Any]:
    """What published.json says about one published model."""
    entry: Dict[str, Any] = {
        "model": str(model.resolve()),
        "sha256": sha256(model),
        "model_id": model_id(model),
        "published_at": now(),
        "by": getpass.getuser(),
    }
    if metrics:
        entry["holdout"] = {
            "accuracy": metrics["accuracy"],
            "macro_f1": metrics["macro_f1"],
            "n": metrics["n"],
            "holdout_sha256": metrics["holdout_sha256"],
        }
    entry.update(extra)
    return entry


def gate(new: Dict[str, Any], old: Optional[Dict[str, Any]], margin: float) -> tuple:
    """(passed, lines): refuse when macro F1 or accuracy drop more than `margin` points."""
    if old is None:
        return True, ["no published model yet: nothing to compare with, the gate passes"]
    lines: List[str] = []
    ok = True
    for key, name in (("macro_f1", "macro F1"), ("accuracy", "accuracy")):
        delta = (new[key] - old[key]) * 100
        verdict = "ok"
        if delta < -margin:
            verdict = f"WORSE by more than {margin:g} points"
            ok = False
        lines.append(
            f"{name}: published {old[key] * 100:.1f} -> candidate {new[key] * 100:.1f} "
            f"({delta:+.1f} points) {verdict}"
        )
    drops = []
    for label, values in sorted(new["per_label"].items()):
        before = old["per_label"].get(label)
        if before and values["f1"] < before["f1"] - 0.1:
            drops.append(f"{label} {before['f1'] * 100:.0f}->{values['f1'] * 100:.0f}")
    if drops:
        lines.append("per-intent F1 drops over 10 points: " + ", ".join(drops))
    return ok, lines


def do_publish(
    root: Path,
    models_dir: Path,
    model: Path,
    margin: float,
    force: bool,
    offline: bool,
    holdout: Path,
) -> int:
    """Gate, swap into the server, record."""
    from meso.tools.evaluate import evaluate

    cache = root / "results" / "eval_cache"
    with publish_lock(models_dir):
        record = read_published(models_dir)
        current = record.get("current")
        if current and current.get("sha256") == sha256(model):
            print(f"{rel(model, root)} is already the published model")
            if not offline:
                deliver(root, model)  # loads it only where needed
            return 0
        old_path = Path(current["model"]) if current else None
        if old_path is not None and not old_path.exists():
            print(f"warning: the published model {old_path} is gone: the gate cannot compare")
            old_path = None
        new_metrics: Optional[Dict[str, Any]] = None
        if not holdout.exists():
            print(f"warning: {rel(holdout, root)} is missing: no quality gate")
            passed, lines = True, []
        elif old_path is None:
            # Nothing to compare with: no gate. Scores are recorded if `make evaluate` ran.
            new_metrics = evaluate(model, holdout, cache, cached_only=True)
            passed, lines = gate({}, None, margin)
        else:
            new_metrics = evaluate(model, holdout, cache)
            passed, lines = gate(new_metrics, evaluate(old_path, holdout, cache), margin)
        print(f"==> quality gate (held-out set, margin {margin:g} points)")
        for line in lines:
            print(f"    {line}")
        if not passed and not force:
            print(
                f"REFUSED: {model.name} is worse than the published model "
                f"({old_path.name if old_path else '-'}); see `make evaluate`. "
                "Publish anyway with FORCE=1."
            )
            return 1
        if not passed:
            print("==> FORCE=1: publishing despite the quality gate")
        url = destination()
        warning = memory_store_warning(root)
        if warning:
            print(warning)
        if offline:
            print("==> OFFLINE=1: recorded only; no server was changed")
            status: Dict[str, Any] = {}
        else:
            status = deliver(root, model)
        entry = entry_for(
            model,
            new_metrics,
            forced=bool(force and not passed),
            server=None if offline else url,
            server_model_file=status.get("model_file"),
        )
        record["current"] = entry
        record["stack"].append(entry)
        record["history"].append(dict(entry, event="publish"))
        path = save_record(models_dir, record)
        print(f"==> published {rel(model, root)}; recorded in {rel(path, root)}")
    return 0


def do_rollback(root: Path, models_dir: Path, offline: bool) -> int:
    """Publish again the model published before the current one."""
    with publish_lock(models_dir):
        record = read_published(models_dir)
        stack = record["stack"]
        if len(stack) < 2:
            print("nothing to roll back to: fewer than two models have been published")
            return 1
        target = stack[-2]
        model = Path(target["model"])
        if not model.exists():
            print(f"cannot roll back: {model} no longer exists")
            return 1
        if sha256(model) != target["sha256"]:
            print(f"cannot roll back: {model} changed since it was published (sha256 differs)")
            return 1
        url = destination()
        if not offline:
            deliver(root, model)
        left = stack.pop()
        current = dict(target, restored_at=now(), restored_by=getpass.getuser())
        stack[-1] = current
        record["current"] = current
        record["history"].append(
            {
                "event": "rollback",
                "at": now(),
                "by": getpass.getuser(),
                "from": left["model"],
                "to": target["model"],
                "server": None if offline else url,
            }
        )
        save_record(models_dir, record)
        print(f"==> rolled back from {Path(left['model']).name} to {model.name}")
    return 0


def do_status(root: Path, models_dir: Path) -> int:
    """Print what is published and what the server runs."""
    record = read_published(models_dir)
    current = record.get("current")
    if current:
        holdout = current.get("holdout") or {}
        print(
            f"published: {rel(Path(current['model']), root)} at {current['published_at']}"
            + (
                f" (held-out accuracy {holdout['accuracy'] * 100:.1f}, "
                f"macro F1 {holdout['macro_f1'] * 100:.1f})"
                if holdout
                else ""
            )
        )
        print(
            f"rollback would go to: {rel(Path(record['stack'][-2]['model']), root)}"
            if len(record["stack"]) > 1
            else "rollback: nothing to go back to"
        )
    else:
        print("published: nothing yet")
    try:
        status = server_status(server_url(), auth_token(root))
        print(f"server {server_url()}: {status.get('model_file')}")
    except PublishError as err:
        print(f"server: {err}")
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Publish | rollback | status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["publish", "rollback", "status"])
    parser.add_argument("--root", help="project folder (default: this project)")
    parser.add_argument("--model", help="model archive (default: the newest in models/)")
    parser.add_argument("--models-dir", default="models")
    parser.add_argument("--holdout", default=HOLDOUT)
    parser.add_argument("--margin", type=float, default=DEFAULT_MARGIN)
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--offline", action="store_true", help="record only, no server")
    parser.add_argument(
        "--url",
        action="append",
        help="a Rasa server, repeatable (default $RASA_URLS, $RASA_URL or http://localhost:5005)",
    )
    parser.add_argument(
        "--model-server-dir",
        default=os.environ.get("MESO_MODEL_SERVER_DIR"),
        help="publish to the folder a model server serves (deploy/endpoints.stack.yml)",
    )
    silence_library_warnings()
    args = parser.parse_args(argv)
    global SERVER_URLS, MODEL_SERVER_DIR
    SERVER_URLS = list(args.url or [])
    MODEL_SERVER_DIR = Path(args.model_server_dir).resolve() if args.model_server_dir else None
    root = project_root(args.root)
    models_dir = root / args.models_dir
    try:
        if args.command == "rollback":
            return do_rollback(root, models_dir, args.offline)
        if args.command == "status":
            return do_status(root, models_dir)
        model = Path(args.model) if args.model else newest_model(models_dir)
        if model is not None and not model.is_absolute():
            model = root / model
        if model is None or not model.exists():
            print(f"no model to publish in {rel(models_dir, root)}/: run `make train` first")
            return 2
        return do_publish(
            root,
            models_dir,
            model.resolve(),
            args.margin,
            args.force,
            args.offline,
            root / args.holdout,
        )
    except PublishError as err:
        print(f"ERROR: {err}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
