"""`make -s read-messages`: what the check reads, one JSON line per visitor message."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

from actions.reading import main

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
