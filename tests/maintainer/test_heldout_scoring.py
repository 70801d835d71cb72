"""How `meso heldout` judges a turn: the tags its bot messages and the check's state show."""

from __future__ import annotations

from typing import Any, Dict, List

from meso.tools.heldout import turn_tags


def bot(name: str, text: str = "") -> Dict[str, Any]:
    """A bot event as the tracker stores it (the response name in its metadata)."""
    return {"event": "bot", "text": text, "metadata": {"utter_action": name}}


def tags(events: List[Dict[str, Any]], **slots: Any) -> set[str]:
    return turn_tags(events, slots)


def test_faq_answers_and_warnings_are_tagged_by_response_name() -> None:
    assert tags([bot("utter_faq/side_effects"), bot("utter_warning_urgent")]) == {
        "faq:side_effects",
        "urgent",
    }


def test_every_message_of_a_response_counts_when_it_comes_twice() -> None:
    """Two avoid notices in one turn: both conditions are read from their own message."""
    events = [
        bot("utter_screening_avoid_notice", "... chronic diseases such as diabetes ..."),
        bot("utter_screening_avoid_notice", "... lists cardiac disorders ... a heart condition"),
    ]
    found = tags(events)
    assert {"avoid_notice:diabetes", "avoid_notice:cardiac_disorder"} <= found


def test_a_summary_at_goodbye_or_stop_ends_the_check() -> None:
    goodbye = [bot("utter_screening_noted_so_far"), bot("utter_goodbye")]
    assert {"noted_so_far", "check_stopped", "goodbye"} <= tags(goodbye)
    stop = [bot("utter_screening_stopped_noted", "Okay, I've stopped the check. ...")]
    assert {"noted_so_far", "check_stopped"} <= tags(stop)
    assert tags([bot("utter_screening_stopped")]) == {"check_stopped"}  # nothing was told


def test_noted_statuses_come_from_the_checks_state_after_the_turn() -> None:
    found = tags(
        [bot("utter_screening_noted", "Noted: diabetes.")],
        screening_conditions={"diabetes": "present", "pregnancy": "absent"},
    )
    assert {"noted:diabetes=present", "noted:pregnancy=absent"} <= found
    assert not any(
        t.startswith("noted:")
        for t in tags([bot("utter_greet")], screening_conditions={"diabetes": "present"})
    )


def test_sigterm_becomes_a_clean_exit() -> None:
    """`kill PID` on a replay runs its `finally` blocks, which stop the servers it started."""
    import os
    import signal

    import pytest

    from meso.tools.common import exit_cleanly_on_sigterm

    previous = signal.getsignal(signal.SIGTERM)
    try:
        exit_cleanly_on_sigterm()
        with pytest.raises(SystemExit) as stopped:
            os.kill(os.getpid(), signal.SIGTERM)
        assert stopped.value.code == 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)
