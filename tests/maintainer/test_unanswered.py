"""`make unanswered`: grouped fallback questions from the tracker store, never health answers."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Dict, List

import pytest
from ruamel.yaml import YAML

from meso.tools.unanswered import tracker_store_url

from .conftest import MakeRunner

SECRETS = ["diabetes", "pregnant", "blood thinners", "warfarin", "psoriasis", "yes"]


def user(text: str, intent: str, confidence: float = 0.9) -> Any:
    """A UserUttered event as Rasa stores it."""
    from rasa.shared.core.events import UserUttered

    parse = {"intent": {"name": intent, "confidence": confidence}, "entities": [], "text": text}
    return UserUttered(text, parse["intent"], [], parse_data=parse)


def conversations() -> Dict[str, List[Any]]:
    """Three visitors: fallbacks, a contraindication check with health answers, a normal FAQ."""
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet

    listen = ActionExecuted("action_listen")
    start = [ActionExecuted("action_session_start"), SessionStarted(), listen]
    return {
        "visitor-a": start
        + [
            user("do you do laser hair removal", "nlu_fallback", 0.2),
            ActionExecuted("action_two_stage_fallback"),
            ActiveLoop("action_two_stage_fallback"),
            listen,
            user("Laser hair removal price?", "nlu_fallback", 0.3),
            ActionExecuted("action_two_stage_fallback"),
            ActiveLoop(None),
            listen,
            user("can I pay with paypal", "out_of_scope", 0.8),
            ActionExecuted("utter_out_of_scope"),
            listen,
            user("my email is jane.doe@example.com, is there parking", "greet", 0.5),
            ActionExecuted("action_default_fallback"),
            listen,
        ],
        "visitor-b": start
        + [
            user("am I a good candidate?", "check_eligibility", 0.95),
            ActionExecuted("action_start_screening"),
            ActionExecuted("screening_form"),
            ActiveLoop("screening_form"),
            SlotSet("requested_slot", "screen_pregnancy"),
            listen,
            user("I'm pregnant and I have diabetes", "nlu_fallback", 0.2),
            SlotSet("screen_pregnancy", "yes"),
            ActionExecuted("screening_form"),
            listen,
            user("I take warfarin, blood thinners", "out_of_scope", 0.6),
            ActionExecuted("utter_out_of_scope"),
            listen,
            user("psoriasis, yes", "affirm", 0.7),
            ActionExecuted("action_two_stage_fallback"),
            ActionExecuted("screening_form"),
            ActiveLoop(None),
            ActionExecuted("action_summarise_screening"),
            listen,
            user("Do you offer laser hair removal?", "out_of_scope", 0.7),
            ActionExecuted("utter_out_of_scope"),
            listen,
            user("do you take paypal", "nlu_fallback", 0.2),
            ActionExecuted("action_two_stage_fallback"),
            listen,
        ],
        "visitor-c": start
        + [
            user("does it hurt", "faq", 0.98),
            ActionExecuted("utter_faq"),
            listen,
            user("hello", "greet", 0.99),
            ActionExecuted("utter_greet"),
            listen,
            user("/deny", "deny", 1.0),
            ActionExecuted("action_two_stage_fallback"),
            listen,
        ],
    }


def build_tracker_db(path: Path, **store: Any) -> None:
    """Save the conversations with Rasa's own SQL tracker store (the production schema)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_dict(
        {
            "intents": ["greet", "affirm", "deny", "out_of_scope", "check_eligibility", "faq"],
            "slots": {
                "screen_pregnancy": {"type": "text", "mappings": [{"type": "custom"}]},
            },
            "forms": {"screening_form": {"required_slots": ["screen_pregnancy"]}},
        }
    )

    async def save() -> None:
        for sender, events in conversations().items():
            tracker = DialogueStateTracker.from_events(sender, events, domain.slots)
            await tracker_store.save(tracker)

    tracker_store = SQLTrackerStore(domain, **(store or {"dialect": "sqlite", "db": str(path)}))
    asyncio.run(save())
    tracker_store.engine.dispose()


@pytest.fixture
def tracker_project(project: Path) -> Path:
    """The fixture project with a tracker.db holding the three conversations."""
    build_tracker_db(project / "tracker.db")
    return project


def test_make_unanswered_groups_and_drafts(tracker_project: Path, make: MakeRunner) -> None:
    done = make(tracker_project, "unanswered")
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "6 unanswered message(s) in 3 group(s)" in out, out
    report = (tracker_project / "results" / "unanswered.md").read_text(encoding="utf-8")
    draft_text = (tracker_project / "results" / "draft_faq.yml").read_text(encoding="utf-8")

    # laser hair removal: 3 messages from 2 conversations, one group, the largest
    first = [line for line in out.splitlines() if "×" in line][0]
    assert first.lstrip().startswith("3× in   2 conversation(s)") and "laser" in first.lower()
    assert "paypal" in report.lower() and "<email>" in report and "jane.doe" not in report

    # the contraindication check's answers and slot values never leave the tracker store
    exported = (out + report + draft_text).lower()
    for secret in SECRETS:
        assert secret not in exported, secret
    assert "am i a good candidate" not in exported
    assert "does it hurt" not in exported and "/deny" not in exported

    # the draft is in the data/faq format, with TODOs a maintainer must fill in
    draft = YAML(typ="rt").load(draft_text)
    intents = [item["intent"] for item in draft["nlu"]]
    assert all(intent.startswith("faq/todo_") for intent in intents)
    laser = next(i for i in draft["nlu"] if "laser" in i["intent"])
    assert len([e for e in laser["examples"].splitlines() if e.strip()]) == 3
    response = draft["responses"]["utter_" + laser["intent"]][0]
    assert "TODO" in response["text"] and '_Source: "TODO' in response["text"]
    assert response["metadata"]["sources"] == ["TODO"]
    assert response["metadata"]["question"].lower() in laser["examples"].lower()


def test_draft_is_refused_by_check_until_done(tracker_project: Path, make: MakeRunner) -> None:
    from meso.tools.check import main as check_main

    assert make(tracker_project, "unanswered").returncode == 0
    draft = tracker_project / "results" / "draft_faq.yml"
    (tracker_project / "data" / "faq" / "draft.yml").write_text(
        draft.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert check_main(["--root", str(tracker_project), "--skip-rasa"]) == 1


def test_endpoints_postgres_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DB_PASSWORD", "s3cret")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: db.internal\n  port: 5433\n"
        "  db: rasa\n  username: rasa\n  password: ${DB_PASSWORD}\n",
        encoding="utf-8",
    )
    url = tracker_store_url(endpoints, tmp_path)
    assert str(url).startswith("postgresql://rasa:") and "@db.internal:5433/rasa" in str(url)


def test_endpoints_sqlite_relative_to_project(tmp_path: Path) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: tracker.db\n")
    assert str(tracker_store_url(endpoints, tmp_path)) == f"sqlite:///{tmp_path / 'tracker.db'}"


def test_in_memory_tracker_store_is_explained(tmp_path: Path) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("lock_store:\n  type: in_memory\n")
    with pytest.raises(SystemExit, match="no tracker_store"):
        tracker_store_url(endpoints, tmp_path)


@pytest.mark.scale
def test_unanswered_reads_postgresql(project: Path, make: MakeRunner) -> None:
    from tests.integration.servers import PG_BIN, PostgresServer

    if not (PG_BIN / "postgres").exists():
        pytest.skip(f"PostgreSQL not installed in {PG_BIN} (scripts/install_test_deps.sh)")
    server = PostgresServer()
    try:
        server.start()
        build_tracker_db(
            project / "unused.db",
            dialect="postgresql",
            host="127.0.0.1",
            port=server.port,
            db=server.database,
            username=server.user,
            password=server.password,
        )
        endpoints = project / "endpoints.pg.yml"
        endpoints.write_text(
            "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: ${DB_HOST}\n"
            "  port: ${DB_PORT}\n  db: ${DB_NAME}\n  username: ${DB_USER}\n"
            "  password: ${DB_PASSWORD}\n",
            encoding="utf-8",
        )
        done = make(project, "unanswered", "ENDPOINTS=endpoints.pg.yml", env=server.env())
        assert done.returncode == 0, done.stdout + done.stderr
        assert "6 unanswered message(s) in 3 group(s)" in done.stdout
        assert server.password not in done.stdout + done.stderr
        exported = (project / "results" / "draft_faq.yml").read_text(encoding="utf-8").lower()
        assert not any(secret in exported for secret in SECRETS)
    finally:
        server.stop()
