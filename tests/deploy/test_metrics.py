"""meso/metrics.py: what one stored turn counts, and the Grafana dashboard's metric names."""

from __future__ import annotations

import json
import re
from pathlib import Path

from prometheus_client import REGISTRY, generate_latest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from actions.names import ACTION_START_SCREENING, ACTION_SUMMARISE_SCREENING, ACTION_WARNING_SIGN
from meso import metrics

ROOT = Path(__file__).resolve().parents[2]


def value(name: str) -> float:
    return float(REGISTRY.get_sample_value(name) or 0.0)


def test_a_turn_is_counted_without_its_text() -> None:
    before = {
        name: value(name)
        for name in (
            "meso_turns_total", "meso_bot_messages_total", "meso_fallback_turns_total",
            "meso_checks_started_total", "meso_checks_finished_total",
            "meso_warning_sign_escalations_total", "meso_reply_seconds_count",
        )
    }  # fmt: skip
    secret_words = "my cheek is hot and there is pus"
    turn = [
        UserUttered(secret_words, {"name": "nlu_fallback", "confidence": 0.2}, timestamp=100.0),
        ActionExecuted(ACTION_START_SCREENING),
        ActionExecuted(ACTION_WARNING_SIGN),
        BotUttered(
            "please call the clinic today", metadata={"utter_action": "utter_warning_urgent"}
        ),
        ActionExecuted(ACTION_WARNING_SIGN),  # mild after-effects: the same action, no escalation
        BotUttered("second message", metadata={"utter_action": "utter_warning_expected"}),
        ActionExecuted(ACTION_SUMMARISE_SCREENING),
        ActionExecuted("action_listen"),
    ]
    metrics.observe_turn(turn, now=100.4)
    assert value("meso_turns_total") == before["meso_turns_total"] + 1
    assert value("meso_bot_messages_total") == before["meso_bot_messages_total"] + 2
    assert value("meso_fallback_turns_total") == before["meso_fallback_turns_total"] + 1
    assert value("meso_checks_started_total") == before["meso_checks_started_total"] + 1
    assert value("meso_checks_finished_total") == before["meso_checks_finished_total"] + 1
    assert (
        value("meso_warning_sign_escalations_total")
        == before["meso_warning_sign_escalations_total"] + 1
    )
    assert value("meso_reply_seconds_count") == before["meso_reply_seconds_count"] + 1
    text = generate_latest(REGISTRY).decode()
    assert "cheek" not in text and "clinic today" not in text
    metrics.observe_turn([object()])  # anything odd is ignored, never raised


def test_action_names_are_bounded() -> None:
    metrics.observe_action("action_start_screening", 200, 0.01)
    metrics.observe_action("DROP TABLE; my name is Ann", 500, 0.01)
    metrics.observe_action(None, 400, 0.01)
    text = generate_latest(REGISTRY).decode()
    assert 'action="other",status="5xx"' in text and "Ann" not in text


def test_dashboard_uses_the_metrics_that_exist() -> None:
    dashboard = json.loads((ROOT / "deploy" / "grafana-dashboard.json").read_text("utf-8"))
    exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    used = {m for e in exprs for m in re.findall(r"\b(meso_[a-z_]+)", e)}
    text = generate_latest(REGISTRY).decode()
    for name in used:
        assert re.search(rf"^{name}[{{ ]", text, re.M), name
