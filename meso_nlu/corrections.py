"""Corrections typed with an asterisk: "*now getting bigger", "I'm pregnant *not pregnant".

Chat visitors put a word right by sending it again after an asterisk, in the next message or
in the same one. The sign detector, the check's reader and the replies to a sign told in
pieces all read the message with the correction applied.
"""

from __future__ import annotations

import re

from meso_nlu.spelling import osa_distance

# A word put right with an asterisk: "*now getting bigger" after "it's not getting bigger"
STARRED = re.compile(r"^\s*\*+\s*([a-z']+)\b", re.I)
_NEGATABLE = ("is", "was", "are", "does", "do", "did", "has", "have", "can")


def starred_into(previous: str, text: str) -> str:
    """The previous message with the word an asterisk correction puts right replaced.

    The replaced word is the nearest one by spelling (two edits at most, or a word and its
    negation: "is" / "isn't"); the last such word wins. The previous message as it was when
    the message is no such correction or no word is near.
    """
    starred = STARRED.match(text)
    if not starred or not previous:
        return previous
    word = starred.group(1).lower().replace("'", "")
    words = list(re.finditer(r"[a-z']+", previous, re.I))
    for found in reversed(words):
        said_word = found.group(0).lower().replace("'", "")
        if said_word == word:
            continue
        negation = {said_word, word} in ({verb, verb + "nt"} for verb in _NEGATABLE)
        near = negation or (
            min(len(said_word), len(word)) >= 3
            # "*warfarin" after "warf": the word finished
            and (osa_distance(said_word, word, 2) <= 2 or word.startswith(said_word))
        )
        if near:
            return previous[: found.start()] + starred.group(1) + previous[found.end() :]
    return previous


# A correction inside the message: "I'm pregnant *not pregnant, sorry", "my skin is v
# sensitive *isn't, it's fine"
_STARRED_WITHIN = re.compile(r"(?<=\S)\s+\*+(?=[a-z'])", re.I)


def starred_within(text: str) -> str:
    """The message with an asterisk correction inside it applied.

    One word after the asterisk puts that word right in what came before ("*isn't"); more
    words, naming their own subject, replace what came before ("I have cancer *my mum has
    cancer, not me").
    """
    parts = _STARRED_WITHIN.split(text)
    if len(parts) < 2:
        return text
    before, after = parts[0], parts[-1]
    clause = re.split(r"[,.;!?]", after, maxsplit=1)[0].split()
    if not clause:
        return before
    put_right = starred_into(before, "*" + clause[0])
    if len(clause) <= 3 and put_right != before:
        # "*isn't low, it's fine": the word put right, and what it repeats of the rest left out
        rest = after.lstrip()[len(clause[0]) :]
        put_words = put_right.lower().split()
        for word in clause[1:]:
            if word.lower() in put_words and rest.lstrip().lower().startswith(word.lower()):
                rest = rest.lstrip()[len(word) :]
        return put_right + rest
    if len(clause) == 1:
        return f"{before} {after}"  # "*warfarin" after "warf" (finished in starred_into)
    # "..., it's going down already *already going down i mean": the tail said again from
    # its first word; otherwise a new statement in place of the old ("*my mum has it")
    again = [m for m in re.finditer(rf"\b{re.escape(clause[0])}\b", before, re.I)]
    return before[: again[-1].start()] + after if again else after
