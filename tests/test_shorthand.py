"""Text-message shorthand is written out before the classifier reads a message."""

from __future__ import annotations

import pytest

from meso_nlu.shorthand import expand_shorthand


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        ("wat do i do b4 the appt", "what do i do before the appointment"),
        ("how long r the sessions thx", "how long are the sessions thanks"),
        ("hi cn i hv meso", "hi can i have meso"),
        # "4" is "for" only after "good"; a number stays a number
        ("hey whats meso gd 4? face?", "hey whats meso good for? face?"),
        ("is it good 4 cellulite", "is it good for cellulite"),
        ("do i need 4 sessions", "do i need 4 sessions"),
        # the treatment's name misspelled; "hare" only as hair
        ("hey can I have mezzo done on my face", "hey can I have meso done on my face"),
        ("does it work for hare loss", "does it work for hair loss"),
        ("a hare in the garden", "a hare in the garden"),
        # spelt by ear (session 41)
        ("cud i hav it if im on asprin", "could i have it if im on asprin"),
        ("wat can go rong after a seshun", "what can go wrong after a session"),
        ("Shud I worry", "should I worry"),
        # whole words only, in any case
        ("Ur clinic", "your clinic"),
        ("urgent", "urgent"),
        ("don't", "don't"),
    ],
)
def test_shorthand_is_written_out(text: str, expanded: str) -> None:
    assert expand_shorthand(text) == expanded


def test_topic_words_are_left_as_typed_when_asked() -> None:
    assert expand_shorthand("does it work on moobs, cud u say") == (
        "does it work on chest fat, could you say"
    )
    assert expand_shorthand("does it work on moobs, cud u say", topic_words=False) == (
        "does it work on moobs, could you say"
    )
