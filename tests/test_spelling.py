"""Typing slips read as the training word they miss (meso_nlu/spelling.py)."""

from __future__ import annotations

import pytest

from meso_nlu.spelling import Speller, osa_distance_is_one

KNOWN = ["permanent", "sessions", "recovery", "results", "session", "cellulite", "the"]


@pytest.mark.parametrize(
    ("slip", "word"),
    [
        ("permanant", "permanent"),  # substituted
        ("sesions", "sessions"),  # a letter left out
        ("recovry", "recovery"),
        ("resluts", "results"),  # two letters swapped
        ("cellullite", "cellulite"),  # one letter too many
    ],
)
def test_a_slip_is_read_as_the_known_word(slip: str, word: str) -> None:
    assert Speller(KNOWN).word(slip) == word


def test_known_short_or_unclear_words_are_left_as_written() -> None:
    speller = Speller([*KNOWN, "sessiony"])
    assert speller.word("the") == "the"  # known
    assert speller.word("thw") == "thw"  # too short to guess
    assert speller.word("sessiona") == "sessiona"  # "session", "sessions", "sessiony": unclear
    assert speller.word("mesotherapy") == "mesotherapy"  # unknown, nothing near
    assert speller.text("is it permanant") == "is it permanent"


def test_a_real_word_is_never_corrected() -> None:
    speller = Speller(["neither", "brother", "permanent"], dictionary=["either", "bother"])
    assert speller.text("not pregnant either") == "not pregnant either"
    assert speller.word("bother") == "bother"
    assert speller.word("permanant") == "permanent"


def test_one_edit() -> None:
    assert osa_distance_is_one("abcd", "abdc")
    assert not osa_distance_is_one("abcd", "abcd")
    assert not osa_distance_is_one("abcd", "badc")
