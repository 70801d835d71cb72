"""Privacy: health answers stay out of the logs, retention deletes old events, "forget me"."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from meso import settings
from meso.tools import serve
from meso.tracker_store import MesoSQLTrackerStore
from tests.integration.servers import (
    AssistantServers,
    PostgresServer,
    free_port,
    new_sender,
    texts,
    user_texts,
)

ROOT = serve.ROOT
DAY = 86400.0
HEALTH_ANSWER = "I have diabetes and take warfarin"


# --- logs ---------------------------------------------------------------------------
@pytest.mark.servers
@pytest.mark.model
def test_health_answers_never_appear_in_logs(
    servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    visitor = new_sender("logs")
    servers.send(visitor, "/check_eligibility")
    servers.send(visitor, "no")
    servers.send(visitor, HEALTH_ANSWER)
    for _ in range(5):  # answer whatever is left until the summary
        if (servers.tracker(visitor).get("active_loop") or {}).get("name") is None:
            break
        servers.send(visitor, "no")
    assert HEALTH_ANSWER in user_texts(servers.tracker(visitor))  # it went through Rasa

    logs = servers.logs()
    assert "Rasa server is up and running" in logs  # the logs were written, at INFO
    assert "Action endpoint is up and running" in logs
    for secret in (HEALTH_ANSWER, "warfarin"):
        assert secret.lower() not in logs.lower(), f"{secret!r} found in the server logs"


# --- forget me ----------------------------------------------------------------------
def stored_rows(servers: AssistantServers, visitor: str) -> int:
    """How many events of a conversation the SQLite tracker store holds."""
    with sqlite3.connect(servers.workdir / "tracker.db") as db:
        query = "SELECT count(*) FROM events WHERE sender_id = ?"
        return int(db.execute(query, (visitor,)).fetchone()[0])


@pytest.mark.servers
@pytest.mark.model
def test_forget_me_deletes_the_stored_conversation(
    servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    visitor = new_sender("forget")
    servers.send(visitor, "hello")
    servers.send(visitor, "/check_eligibility")
    servers.send(visitor, HEALTH_ANSWER)
    assert stored_rows(servers, visitor) > 5

    reply = servers.send(visitor, "delete my data")  # during the check
    assert domain_responses["utter_forgotten"] in texts(reply)
    assert stored_rows(servers, visitor) == 0
    assert user_texts(servers.tracker(visitor)) == []

    servers.send(visitor, "what is mesotherapy?")
    assert user_texts(servers.tracker(visitor)) == ["what is mesotherapy?"]
    with sqlite3.connect(servers.workdir / "tracker.db") as db:
        data = " ".join(r[0] for r in db.execute("SELECT data FROM events WHERE sender_id = ?",
                                                 (visitor,)))  # fmt: skip
    assert "warfarin" not in data and "hello" not in data


@pytest.fixture(scope="module")
def widget_only_server(_servers: AssistantServers, workdir: Path) -> Iterator[str]:
    """A second Rasa server on the same store whose credentials name only the widget channel.

    Nothing of the REST channel runs in it: the deletion must not depend on a channel.
    """
    credentials = workdir / "credentials.widget-only.yml"
    config = yaml.safe_load((serve.ROOT / "credentials.yml").read_text("utf-8"))
    widget = {k: v for k, v in config.items() if k.endswith("WidgetSocketIOInput")}
    assert len(widget) == 1 and len(config) > 1
    credentials.write_text(yaml.safe_dump(widget), encoding="utf-8")
    port = free_port()
    proc = serve.start_rasa_server(
        port,
        _servers.model,
        action_port=_servers.action_port,
        endpoints=_servers.endpoints,
        log=workdir / "rasa-widget-only.log",
        enable_api=False,
        credentials=credentials,
    )
    try:
        serve.wait_ready(f"http://127.0.0.1:{port}/", timeout=300, proc=proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        serve.stop([proc])


async def forget_over_socketio(
    url: str, servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    """Chat over socket.io, say "delete my data", and check the stored rows are gone."""
    import socketio

    replies: asyncio.Queue[str] = asyncio.Queue()
    confirmed: asyncio.Queue[Any] = asyncio.Queue()
    client = socketio.AsyncClient(reconnection=False)

    @client.on("bot_uttered")
    async def bot_uttered(data: Dict[str, Any]) -> None:
        """Collect the bot's messages."""
        await replies.put(str(data.get("text") or ""))

    @client.on("session_confirm")
    async def session_confirm(data: Any) -> None:
        """The server accepted the session."""
        await confirmed.put(data)

    await client.connect(
        url,
        headers={"Origin": settings.allowed_origins()[0]},
        transports=["polling"],  # the websocket client needs a newer aiohttp than Rasa pins
        wait_timeout=30,
    )
    try:
        await client.emit("session_request", {})
        visitor = str(await asyncio.wait_for(confirmed.get(), timeout=30))  # issued, signed
        await client.emit("user_uttered", {"message": "hello", "session_id": visitor})
        await asyncio.wait_for(replies.get(), timeout=60)
        assert stored_rows(servers, visitor) > 0

        await client.emit("user_uttered", {"message": "delete my data", "session_id": visitor})
        forgotten = domain_responses["utter_forgotten"]
        while (await asyncio.wait_for(replies.get(), timeout=60)) != forgotten:
            pass
        deadline = time.monotonic() + 10  # the rows go when the turn is saved, after the reply
        while stored_rows(servers, visitor) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert stored_rows(servers, visitor) == 0
    finally:
        await client.disconnect()


@pytest.mark.servers
@pytest.mark.model
async def test_forget_me_over_the_widget_channel_deletes_the_conversation(
    servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    """The deletion is done by the Rasa server, whatever the channel (here socket.io)."""
    await forget_over_socketio(servers.url(), servers, domain_responses)


@pytest.mark.servers
@pytest.mark.model
async def test_forget_me_works_with_only_the_widget_channel_configured(
    widget_only_server: str, servers: AssistantServers, domain_responses: Dict[str, str]
) -> None:
    """No REST channel in credentials.yml: "delete my data" still deletes the data."""
    await forget_over_socketio(widget_only_server, servers, domain_responses)


# --- retention ------------------------------------------------------------------------
def conversation(sender: str, start: float, texts_: List[str]) -> DialogueStateTracker:
    """A stored-looking conversation whose events happened at `start`."""
    events: List[Event] = [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start),
        ActionExecuted("action_listen", timestamp=start),
    ]
    for offset, text in enumerate(texts_, 1):
        events += [
            UserUttered(text, timestamp=start + offset),
            BotUttered("ok", timestamp=start + offset + 0.1),
            ActionExecuted("action_listen", timestamp=start + offset + 0.2),
        ]
    return DialogueStateTracker.from_events(sender, events)


async def fill_store(store: SQLTrackerStore, prefix: str) -> Dict[str, str]:
    """Save an old, a recent and a mixed conversation; their sender ids."""
    now = time.time()
    ids = {kind: f"{prefix}-{kind}-{os.getpid()}" for kind in ("old", "recent", "mixed")}
    await store.save(conversation(ids["old"], now - 40 * DAY, ["my old answer"]))
    await store.save(conversation(ids["recent"], now - DAY, ["my recent answer"]))
    mixed = conversation(ids["mixed"], now - 40 * DAY, ["old part"])
    for event in conversation(ids["mixed"], now - 2 * DAY, ["new part"]).events:
        mixed.update(event)
    await store.save(mixed)
    return ids


async def check_retention(store: SQLTrackerStore, ids: Dict[str, str]) -> None:
    """What is left after a 30-day retention run."""
    assert await store.retrieve_full_tracker(ids["old"]) is None
    recent = await store.retrieve_full_tracker(ids["recent"])
    assert recent is not None and [e.text for e in recent.events if isinstance(e, UserUttered)] == [
        "my recent answer"
    ]
    mixed = await store.retrieve_full_tracker(ids["mixed"])
    assert mixed is not None
    assert [e.text for e in mixed.events if isinstance(e, UserUttered)] == ["new part"]
    latest = await store.retrieve(ids["mixed"])
    assert latest is not None and latest.latest_message.text == "new part"


def run_retention(endpoints: Path, env: Dict[str, str], *args: str) -> str:
    """Run `meso retention` as `make retention` does; its output."""
    done = subprocess.run(
        [sys.executable, "-m", "meso", "retention", "--endpoints", str(endpoints),
         *args],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_retention_on_sqlite(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    ids = await fill_store(store, "ret")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{db}"\n')

    dry = run_retention(endpoints, {"RETENTION_DAYS": "30"}, "--dry-run")
    assert "would delete 12 events older than 30 days" in dry
    assert await store.retrieve_full_tracker(ids["old"]) is not None

    out = run_retention(endpoints, {"RETENTION_DAYS": "30"})
    assert re.search(r"deleted 12 events older than 30 days .*1 conversations entirely, 1 in part",
                     out), out  # fmt: skip
    await check_retention(store, ids)
    assert "deleted 0 events" in run_retention(endpoints, {"RETENTION_DAYS": "30"})
    # nor does the deleted text linger in the database's free pages or write-ahead log
    for path in tmp_path.iterdir():
        content = path.read_bytes()
        assert b"my old answer" not in content and b"old part" not in content, path.name


@pytest.mark.scale
async def test_retention_on_postgresql(postgres: PostgresServer) -> None:
    store = SQLTrackerStore(
        Domain.empty(), dialect="postgresql", host="127.0.0.1", port=postgres.port,
        db=postgres.database, username=postgres.user, password=postgres.password,
    )  # fmt: skip
    ids = await fill_store(store, "pgret")
    out = run_retention(
        ROOT / "deploy" / "endpoints.scale.yml", {**postgres.env(), "RETENTION_DAYS": "30"}
    )
    assert "deleted" in out and postgres.password not in out
    await check_retention(store, ids)


def test_retention_days_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clinic = tmp_path / "clinic.yml"
    clinic.write_text("name: x\n")
    monkeypatch.delenv("RETENTION_DAYS", raising=False)
    assert settings.retention_days(None, clinic) == 30
    clinic.write_text("retention_days: 90\n")
    assert settings.retention_days(None, clinic) == 90
    monkeypatch.setenv("CLINIC_SETTINGS", str(clinic))
    assert settings.retention_days() == 90
    monkeypatch.setenv("RETENTION_DAYS", "7")
    assert settings.retention_days(None, clinic) == 7
    assert settings.retention_days(14, clinic) == 14
    with pytest.raises(ValueError):
        settings.retention_days(0, clinic)


async def test_retention_honours_clinic_settings_file(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = MesoSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    await fill_store(store, "clinic")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{db}"\n')
    clinic = tmp_path / "clinic.yml"
    clinic.write_text("name: Test clinic\nretention_days: 7\n")
    env = {"CLINIC_SETTINGS": str(clinic), "RETENTION_DAYS": ""}
    assert "would delete 12 events older than 7 days" in run_retention(endpoints, env, "--dry-run")
