"""`make -s read-messages`: what the check reads, one JSON line per visitor message."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

from actions.conditions import extract
from actions.reading import main, read_message

ROOT = Path(__file__).resolve().parents[1]


def test_one_json_line_per_message_with_statuses() -> None:
    lines = "i dont take aspirin\n\nmy sister is pregnant\nmaybe prediabetes?\n"
    out = io.StringIO()
    main(io.StringIO(lines), out)
    readings = [json.loads(line) for line in out.getvalue().splitlines()]
    assert readings == [
        {"text": "i dont take aspirin", "conditions": {"aspirin_or_blood_thinners": "absent"}},
        {"text": "my sister is pregnant", "conditions": {"pregnancy": "other_person"}},
        {"text": "maybe prediabetes?", "conditions": {"diabetes": "uncertain"}},
    ]


def test_someone_elses_condition_denied_for_the_visitor_reads_as_theirs() -> None:
    # whose condition the message names; the check itself also notes the visitor's "no"
    assert read_message("my brother has a bleeding disorder, not me") == {
        "blood_clotting_disorder": "other_person"
    }
    assert extract("my brother has a bleeding disorder, not me").statuses == {
        "blood_clotting_disorder": "absent"
    }


def test_the_make_target_reads_standard_input() -> None:
    result = subprocess.run(
        ["make", "-s", "read-messages"],
        input="had cancer 10 years ago, all clear\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    assert json.loads(result.stdout) == {
        "text": "had cancer 10 years ago, all clear",
        "conditions": {"cancer": "past"},
    }
