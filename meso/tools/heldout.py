"""Score held-out sets written outside the project: conversations, warnings, conditions.

Never train on these sets; they measure the product.

    meso heldout conversations FILE [--report OUT]
    meso heldout warnings FILE [--report OUT]
    meso heldout conditions FILE [--report OUT]

Conversations and warning signs are replayed through real servers (action server + Rasa
server on loopback, newest model, throw-away SQLite store) over the REST channel; each visitor
turn is judged by the tags its `expect:` list names (all must hold) and its `forbid:` list
(none may hold). A turn's tags are read from the bot messages of that turn (their response
names, `utter_action`) and the check's state after it. Condition statements are read
in process by the same code as `make read-messages`.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

import yaml

from meso.settings import PROJECT_ROOT
from meso.tools import serve
from meso.tools.common import exit_cleanly_on_sigterm
from meso.tools.servers import AssistantServers, new_sender, write_endpoints

ROOT = PROJECT_ROOT

# Response name -> the tag (or tags) a bot message of that name shows.
RESPONSE_TAGS: Dict[str, Any] = {
    "utter_greet": "greet",
    "utter_hello": "greet",
    "utter_you_are_welcome": "thanks",
    "utter_screening_welcome": "thanks",
    "utter_goodbye": "goodbye",
    "utter_goodbye_after_warning": "goodbye",
    "utter_iamabot": "bot",
    "utter_iamabot_brief": "bot",  # then the contacts
    "utter_contact": "contact",
    "utter_booking": "booking",
    "utter_booking_offer_no_link": "booking",
    "utter_booking_intro": "booking",
    "utter_booking_intro_no_link": "booking",
    "utter_booking_offer": "booking",
    "utter_forgotten": "forget",
    "utter_out_of_scope": "out_of_scope",
    "utter_not_covered": "not_covered",
    "utter_warning_emergency": "emergency",
    "utter_warning_urgent": "urgent",
    "utter_warning_dont_wait": "urgent",
    "utter_warning_emergency_again": "emergency",
    "utter_warning_expected": "after_effects",
    "utter_screening_intro": "check_start",
    "utter_screening_restarted": "check_start",  # "start again": the check starts anew
    "utter_screening_result_avoid": "result:avoid",
    "utter_screening_result_consult": "result:consult",
    "utter_screening_result_clear": "result:clear",
    "utter_screening_noted_so_far": "noted_so_far",
    "utter_screening_recap": "noted_so_far",  # asked for mid-check: the check goes on
    "utter_screening_recap_nothing": "noted_so_far",
    "utter_screening_stopped": "check_stopped",
    "utter_screening_stopped_here": ("check_stopped", "noted_so_far"),  # then the result
    "utter_screening_stopped_noted": ("check_stopped", "noted_so_far"),
}
# A goodbye's summary ends the check too ("Before you go, here is what you told me").
IMPLIED_TAGS = {"utter_screening_noted_so_far": "check_stopped"}
NOTED_RESPONSES = {"utter_screening_noted", "utter_screening_already_known"}
OTHER_PERSON_RESPONSES = {"utter_screening_other_person"}
HARMFUL_MISSES = {"emergency", "urgent"}


def condition_labels() -> Dict[str, str]:
    """Condition key -> its label in the knowledge file (to find it in a bot message)."""
    data = yaml.safe_load((ROOT / "knowledge" / "contraindications.yml").read_text("utf-8"))
    return {
        key: re.sub(r"^(a|an) ", "", str(value["label"]))
        for key, value in data["conditions"].items()
    }


def check_state(slots: Dict[str, Any]) -> Dict[str, str]:
    """Condition key -> status the check holds (new slot, or the older findings/denied lists)."""
    state = slots.get("screening_conditions")
    if isinstance(state, dict):
        return {str(k): str(v) for k, v in state.items()}
    result = {key: "absent" for key in slots.get("screening_denied") or []}
    result.update({key: "present" for key in slots.get("screening_findings") or []})
    return result


def turn_tags(bot_events: List[Dict[str, Any]], slots: Dict[str, Any]) -> Set[str]:
    """Every tag a turn's bot messages and the state after it satisfy."""
    labels = condition_labels()
    tags: Set[str] = set()
    names = [str((e.get("metadata") or {}).get("utter_action") or "") for e in bot_events]
    texts = [str(e.get("text") or "") for e in bot_events]
    for name in names:
        if name.startswith("utter_faq/"):
            tags.add("faq:" + name.split("/", 1)[1])
        found = RESPONSE_TAGS.get(name, ())
        tags.update((found,) if isinstance(found, str) else found)
        if name.startswith("utter_ask_screen_"):
            # the question's variation depends on what the check waits for
            pending = slots.get("screening_pending")
            waiting = {
                "which": "ask_which",
                "continue": "continue_offer",
                "avoid": "continue_offer",
            }
            tags.add(waiting.get(str(pending), "ask_next"))
    tags.update(IMPLIED_TAGS[name] for name in names if name in IMPLIED_TAGS)
    state = check_state(slots)
    if any(n in NOTED_RESPONSES for n in names):
        tags.update(f"noted:{key}={status}" for key, status in state.items())
    for name, said in zip(names, texts):  # every message (one response can come twice)
        text = said.lower()
        for key, label in labels.items():
            if label.lower() not in text:
                continue
            if name in OTHER_PERSON_RESPONSES:
                tags.add(f"noted:{key}=other_person")
            if name == "utter_condition_info":
                tags.add(f"condition_info:{key}")
            if name in ("utter_screening_avoid_notice", "utter_screening_avoid_notice_explained"):
                tags.add(f"avoid_notice:{key}")
    return tags


def load_yaml(path: Path, key: str) -> List[Dict[str, Any]]:
    """The list under `key` of a held-out YAML file."""
    return list((yaml.safe_load(path.read_text("utf-8")) or {}).get(key) or [])


class Replayer:
    """Servers for a replay, and one REST conversation at a time."""

    def __init__(self) -> None:
        model = serve.newest_model(ROOT / "models")
        if model is None:
            raise SystemExit("no model in models/: run `make train` first")
        self.tmp = tempfile.TemporaryDirectory(prefix="heldout-")
        work = Path(self.tmp.name)
        endpoints = write_endpoints(work / "endpoints.yml", work / "tracker.db")
        self.servers = AssistantServers(model, work, endpoints)
        self.servers.start()

    def close(self) -> None:
        """Stop the servers and remove their files."""
        self.servers.close()
        self.tmp.cleanup()

    def turn(self, sender: str, text: str, seen: int) -> Tuple[Set[str], List[str], int]:
        """Send one message: (tags, bot texts, events seen so far)."""
        replies = self.servers.send(sender, text)
        tracker = self.servers.tracker(sender)
        if len(tracker["events"]) < seen:  # "delete my data" removed the conversation
            texts = [str(r.get("text") or "") for r in replies]
            deleted = any(t.startswith("Done: I've deleted") for t in texts)
            tags = {"forget"} if deleted else set()
            if any(t.startswith("You're welcome") for t in texts):  # thanked before deleting
                tags.add("thanks")
            return tags, texts, len(tracker["events"])
        events = tracker["events"][seen:]
        bots = [e for e in events if e["event"] == "bot"]
        return (
            turn_tags(bots, tracker["slots"]),
            [str(e.get("text")) for e in bots],
            len(tracker["events"]),
        )


def score_conversations(
    path: Path, report: Optional[Path], replies: bool = False
) -> Dict[str, Any]:
    """Replay every conversation; a turn is handled well when it meets expect and forbid.

    `replies`: the report shows every turn's tags and replies, not only those of the misses.
    """
    conversations = load_yaml(path, "conversations")
    replayer = Replayer()
    lines: List[str] = []
    good = turns = harmful = 0
    misses: Counter[str] = Counter()
    try:
        for conversation in conversations:
            sender, seen = new_sender("heldout"), 0
            lines.append(f"## {conversation.get('name')}")
            for turn in conversation["turns"]:
                tags, bot_texts, seen = replayer.turn(sender, str(turn["user"]), seen)
                expect = set(turn.get("expect") or [])
                forbid = set(turn.get("forbid") or [])
                missing, wrong = expect - tags, forbid & tags
                ok = not missing and not wrong
                turns += 1
                good += ok
                if missing & HARMFUL_MISSES or wrong:
                    harmful += 1
                misses.update(t.split("=")[0] for t in missing)
                mark = "ok " if ok else "BAD"
                lines.append(f"- {mark} user: {turn['user']}")
                if not ok:
                    lines.append(f"    missing {sorted(missing)} forbidden {sorted(wrong)}")
                if not ok or replies:
                    lines.append(f"    got {sorted(tags)}")
                    lines += [f"    bot: {t[:160]!r}" for t in bot_texts]
    finally:
        replayer.close()
    summary = {
        "conversations": len(conversations),
        "turns": turns,
        "handled_well": good,
        "share_well": round(good / max(turns, 1), 3),
        "harmful": harmful,
        "missed_tags": dict(misses.most_common()),
    }
    write_report(report, lines, summary)
    return summary


def score_warnings(path: Path, report: Optional[Path]) -> Dict[str, Any]:
    """Route each message as the first of a conversation, and check its level."""
    messages = load_yaml(path, "messages")
    replayer = Replayer()
    wanted = {"emergency": "emergency", "urgent": "urgent", "expected": "after_effects"}
    per_level: Dict[str, List[int]] = {}
    lines: List[str] = []
    try:
        for item in messages:
            level = str(item["level"])
            tags, bot_texts, _ = replayer.turn(new_sender("warn"), str(item["text"]), 0)
            escalated = tags & {"emergency", "urgent"}
            if level == "none":
                ok = not escalated
            elif level == "expected":
                ok = "after_effects" in tags or "faq:side_effects" in tags or bool(escalated)
            elif level == "urgent":
                ok = bool(escalated)  # emergency routing for an urgent sign is not a miss
            else:
                ok = wanted[level] in tags
            per_level.setdefault(level, [0, 0])
            per_level[level][0] += ok
            per_level[level][1] += 1
            if not ok:
                lines.append(f"- BAD [{level}] {item['text']}\n    got {sorted(tags)}")
    finally:
        replayer.close()
    summary: Dict[str, Any] = {
        level: f"{n}/{total}" for level, (n, total) in sorted(per_level.items())
    }
    escal = [per_level.get(k, [0, 0]) for k in ("emergency", "urgent")]
    summary["escalation_recall"] = round(
        sum(n for n, _ in escal) / max(sum(t for _, t in escal), 1), 3
    )
    write_report(report, lines, summary)
    return summary


def score_conditions(path: Path, report: Optional[Path]) -> Dict[str, Any]:
    """Gold readings of condition statements against the check's reader."""
    from actions.reading import read_message

    statements = load_yaml(path, "statements")
    right = total = unsafe = exact = 0
    by_status: Dict[str, List[int]] = {}
    lines: List[str] = []
    for item in statements:
        gold = {str(k): str(v) for k, v in (item.get("conditions") or {}).items()}
        got = read_message(str(item["text"]))
        for key, status in gold.items():
            ok = got.get(key) == status
            right += ok
            total += 1
            by_status.setdefault(status, [0, 0])
            by_status[status][0] += ok
            by_status[status][1] += 1
            if status in ("question", "other_person") and got.get(key) == "present":
                unsafe += 1
        extra = {k: v for k, v in got.items() if k not in gold}
        exact += got == gold
        if got != gold:
            lines.append(f"- {item['text']}\n    gold {gold}\n    got  {got}")
        total += len(extra)  # a reading the gold does not have is a wrong reading
    summary = {
        "statements": len(statements),
        "gold_readings": sum(len(i.get("conditions") or {}) for i in statements),
        "readings_right": right,
        "accuracy_over_gold_and_extra": round(right / max(total, 1), 3),
        "recall_of_gold": round(right / max(sum(n for _, n in by_status.values()), 1), 3),
        "statements_exact": f"{exact}/{len(statements)}",
        "question_or_other_read_as_present": unsafe,
        "by_status": {k: f"{n}/{t}" for k, (n, t) in sorted(by_status.items())},
    }
    write_report(report, lines, summary)
    return summary


def write_report(report: Optional[Path], lines: Iterable[str], summary: Dict[str, Any]) -> None:
    """Write the per-item report (if asked) and print the summary as JSON."""
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        body = "\n".join(lines)
        report.write_text(f"{json.dumps(summary, indent=2)}\n\n{body}\n", encoding="utf-8")
    print(json.dumps(summary, indent=2))


def main(argv: Optional[List[str]] = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=["conversations", "warnings", "conditions"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--report", type=Path, default=None)
    parser.add_argument(
        "--replies",
        action="store_true",
        help="conversations: report every turn's tags and replies, not only the misses'",
    )
    args = parser.parse_args(argv)
    exit_cleanly_on_sigterm()  # "kill PID" stops the replay's servers too
    if args.kind == "conversations":
        score_conversations(args.file, args.report, replies=args.replies)
    elif args.kind == "warnings":
        score_warnings(args.file, args.report)
    else:
        score_conditions(args.file, args.report)


if __name__ == "__main__":
    main()
