"""Bare answers to the check's questions: "yes", "no, not that I know of", "I'd rather not say"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

if TYPE_CHECKING:  # spaCy is imported lazily: it is slow to import
    pass


# --- bare answers ----------------------------------------------------------------------------

# Answers by emoji: thumbs, the "no" gesture (🙅, any skin tone or gender), a cross, a tick.
_EMOJI_ANSWERS = {
    "👍": "yes",
    "✅": "yes",
    "✔": "yes",
    "👎": "no",
    "🙅": "no",
    "❌": "no",
    "✖": "no",
}

# phrase (lowercase, apostrophes removed) -> (answer, strong). A strong phrase at the start
# decides the answer whatever follows ("no heart problems"); a weak one only counts when the
# message is nothing else ("I am", "I don't") and names no condition.
_ANSWERS: Dict[str, Tuple[str, bool]] = {}
for _answer, _strong, _phrases in (
    (
        "yes",
        True,
        "yes|yeah|yea|yep|yup|yess|yesss|ya|yah|ye|yeh|yee|yh|affirmative|correct|sure|absolutely|"
        "definitely|of course|indeed|thats right|that is right|thats correct|yes please|"
        "its a yes|thats a yes|a yes|def|defo|deffo|ya def|yeah def|yes def",
    ),
    ("yes", False, "y|i am|i do|i have|true|right|i sure am|i sure do"),
    # "a bit yeah", "bit yes": a yes, said modestly
    ("yes", True, "a bit yeah|a bit yes|bit yeah|bit yes|a little yes|a little yeah"),
    (
        "no",
        True,
        "no|nope|nah|noo|nooo|nop|none|none of these|none of them|none of those|"
        "no to all 3|no to all three|no to all of those|no to all of them|no to everything|"
        "no to both|none of the 3|none of the three|all no|nope none|no none|none apply|"
        "i dont have any of them|i dont have any of those|i dont have any of these|"
        "dont have any of them|dont have any of those|i dont have any|none of that|"
        "neither|nothing|nothing like that|not that i know of|not as far as i know|not at all|"
        "not really|not rly|not rlly|nah not really|nah not rly|negative|never|no way|"
        "i dont think so|dont think so|no thanks|no thank you|"
        "not particularly|not especially|not massively|not hugely|not overly|"
        "none of the above|no to all|nothing at all|its a no|thats a no|a no|a no from me|"
        "0 of those|0 of them|0 of these|zero of those|zero of them|none of em|"
        "no from me|a hard no|hard no|a big no|big no|certainly not|definitely not|"
        "def not|defo not|deffo not|def no|defo no|"
        "absolutely not|of course not|me no|me none|none for me|nothing for me|none here|"
        "me nothing|me neither|for me nothing|"
        # "hypothyroid on levothyroxine, but none of the three you listed"
        "none of the three you listed|none of the 3 you listed|none of the ones you listed|"
        "none of those you listed|none of the ones you mentioned|none of the three you mentioned|"
        "none of what you listed|none of the things you listed|none of the three you said",
    ),
    (
        "no",
        False,
        "n|i dont|dont|im not|i am not|i do not|i have not|i havent|havent|"
        "i dont have|dont have|i havent got|havent got|not me|neither do i|"
        # to the pain question: "I'll cope", "I can handle it"
        "ill cope|i will cope|ill manage|i will manage|ill live|ill survive|i can cope|"
        "i can handle it|i can take it|i can manage|ill be fine|i will be fine",
    ),
    (
        "unsure",
        True,
        "not sure|im not sure|i am not sure|i dont know|i do not know|dont know|"
        "i dont even know|dont even know|i dont really know|dont really know|"
        "dunno|i dunno|idk|maybe|perhaps|possibly|probably|probably not|no idea|i have no idea|"
        "unsure|i think so|i guess|i guess so|not certain|im not certain|might be|could be|"
        "i might be|i could be|i may be|"
        "hard to say|i cant remember|cant remember|i dont remember|dont remember|no clue|"
        "depends|it depends|depends on the day|sometimes|kind of|kinda|sort of|"
        "not really sure|not rly sure|im not really sure|i couldnt tell you|couldnt tell you|"
        "i honestly couldnt tell you|i couldnt say|couldnt say|i cant say|cant say|"
        "hard to tell|who knows|sorta|sort of yeah|kinda yeah|meh|kind of yes|"
        # "medium? idk" (to the pain question): in between, not told either way
        "medium|middling|in between|somewhere in between|in the middle|so so|moderate",
    ),
    # "a bit" (to the pain question): some, not told either way; weak, as it also describes
    # ("no. oh and i have a bit of redness")
    ("unsure", False, "a bit|a little|a little bit|a wee bit|slightly|somewhat|a tad|a touch"),
    (
        "declined",
        True,
        "id rather not say|i would rather not say|rather not say|rather not|"
        "id rather not|prefer not to say|i prefer not to say|id prefer not to say|"
        "i would prefer not to say|none of your business|skip|no comment|i dont want to say|"
        "i dont want to answer|dont want to say|not telling|thats private|its private",
    ),
    ("declined", False, "private|pass"),
):
    for _phrase in _phrases.split("|"):
        _ANSWERS[_phrase] = (_answer, _strong)
_NOT_ANSWERS = frozenset(["never mind", "nevermind", "no problem", "no worries"])
_LONGEST_ANSWER = max(len(phrase.split()) for phrase in _ANSWERS)
_INTERJECTIONS = frozenset(
    "um umm uh erm er eh hmm hm oh ok okay well so ah honestly actually lol haha hah ha hehe then "
    "omg ugh lmao welp aw aww goodness gosh god heavens lord golly blimey crikey "
    "sorry soz sry oops whoops".split()  # "sorry, no": an apology before the answer
)
# An acknowledgement that ends its own sentence ("oh right. no to all 3") is not an answer.
_ACKNOWLEDGEMENTS = frozenset(
    "right alright cool great thanks ty fine gotcha nice interesting understood".split()
)
_FILLERS = frozenset(
    """i im ive am do dont does doesnt have havent has got any of those these them that thats
    this things thing really actually honestly currently right now at all the a an so well um
    uh oh ok okay thanks thank you please just sorry either too both is it its are me to be
    honest as far know aware not nothing haha lol and or for certainly afraid unfortunately
    luckily thankfully fortunately take use suffer from with conditions condition problems
    problem issues there again also myself personally""".split()
)
# Whose answer it is, said first: "for me its a no" (after someone else's condition).
_OWN_LEADS = (("as", "for", "me"), ("for", "me"), ("in", "my", "case"), ("me", "personally"))
_PAYLOADS = {"affirm": "yes", "deny": "no"}
_MENTION = "qqmentionqq"  # stands for a condition mention in the words of a message
_BREAK = "qqbreakqq"  # stands for punctuation in the words of a message
_MARKERS = frozenset([_MENTION, _BREAK])
_LINK_WORDS = frozenset("a an any real serious known major kind sort of history type".split())


# --- bare answers ----------------------------------------------------------------------------


def _answer_words(text: str, mentions: Sequence[Tuple[int, int]]) -> List[str]:
    """Lowercase words of a message without apostrophes, each mention replaced by a marker."""
    parts, last = [], 0
    for start, end in mentions:
        parts += [text[last:start], f" {_MENTION} "]
        last = end
    plain = "".join([*parts, text[last:]])
    for emoji, word in _EMOJI_ANSWERS.items():
        plain = plain.replace(emoji, f" {word} ")
    plain = re.sub(r"[,.;:!?…]+", f" {_BREAK} ", plain.lower().replace("'", ""))
    return re.findall(r"[^\W_]+", plain)


def _resolve(answers: Sequence[str], named_conditions: bool) -> Optional[str]:
    """One answer from several ("no, I don't know" -> unsure; "yes I am" -> yes)."""
    kinds = set(answers)
    if "declined" in kinds:
        return "declined"
    if "yes" in kinds and "no" in kinds:  # "no to pregnancy, yes to diabetes": see the mentions
        return None if named_conditions else "unsure"
    if "yes" in kinds:
        return "yes"
    return "unsure" if "unsure" in kinds else "no"


def _phrase_at(words: Sequence[str], i: int) -> Optional[Tuple[str, bool, int]]:
    """The longest answer phrase starting at word i: (answer, strong, length), or None."""
    for size in range(min(_LONGEST_ANSWER, len(words) - i), 0, -1):
        found = _ANSWERS.get(" ".join(words[i : i + size]))
        if found:
            return found[0], found[1], size
    return None


def _belongs_to_mention(words: Sequence[str], start: int, end: int) -> bool:
    """Whether words[start:end] sit right next to a mention ("no real heart problems")."""
    before = start - 1
    while before >= 0 and words[before] == _BREAK:
        before -= 1
    after = end
    while after < len(words) and words[after] in _LINK_WORDS:
        after += 1
    return (before >= 0 and words[before] == _MENTION) or (
        after < len(words) and words[after] == _MENTION
    )


def _bare_answer(words: Sequence[str], named_conditions: bool) -> Optional[str]:
    """The bare answer a message starts with, or None (see _ANSWERS for strong/weak).

    A "no" right before or after a mention belongs to it ("no heart problems", "diabetes:
    no") and is not an answer to the whole question.
    """
    if [w for w in words if w not in _TRAILING] == ["bit"]:
        return "unsure"  # "bit" (a bit), alone
    i = 0
    while (
        i < len(words)
        and (
            words[i] in _INTERJECTIONS
            or words[i] in _MARKERS
            # "oh right. no to all 3", "oh right sorry, no none of those"
            or (
                words[i] in _ACKNOWLEDGEMENTS
                and (words[i + 1 : i + 2] == [_BREAK] or words[i + 1 : i + 2] == ["sorry"])
            )
            or (words[i] in ("me", "myself", "personally") and words[i + 1 : i + 2] == [_BREAK])
        )
    ):
        i += 1
    for lead in _OWN_LEADS:  # "for me its a no", "in my case, yes"
        if words[i : i + len(lead)] == list(lead):
            i += len(lead)
            while i < len(words) and words[i] == _BREAK:
                i += 1
            break
    if words[i : i + 1] == ["nevermind"] or " ".join(words[i : i + 2]) in _NOT_ANSWERS:
        return None
    found: List[str] = []
    first_strong: Optional[bool] = None
    any_strong = False  # "not me, no": a weak phrase confirmed by a strong one
    while i < len(words):
        phrase = _phrase_at(words, i)
        if phrase is None:
            if not found or (words[i] not in _FILLERS and words[i] not in _MARKERS):
                break  # only interjections may come before the first answer phrase
            i += 1
            continue
        answer, strong, size = phrase
        if (
            not found
            and words[i] in _SENTENCE_ADVERBS
            and words[i + size : i + size + 1]
            and (words[i + size] in _CLAUSE_SUBJECTS)
        ):
            return None  # "Perhaps you had better check me properly then": no answer
        if not (answer == "no" and _belongs_to_mention(words, i, i + size)):
            if first_strong is None or strong:  # later weak phrases count as fillers
                found.append(answer)
            first_strong = strong if first_strong is None else first_strong
            any_strong = any_strong or strong
        i += size
    if not found:
        return _closing_answer(words) if not named_conditions else None
    if not any_strong and (i < len(words) or named_conditions):
        # "I am long past all that, so no": not "I am" (a weak yes), the closing answer
        return _closing_answer(words) if not named_conditions else None
    return _resolve(found, named_conditions)


# "maybe", "perhaps" opening a sentence of its own ("perhaps you should ...") answer nothing.
_SENTENCE_ADVERBS = frozenset("maybe perhaps probably possibly".split())
_CLAUSE_SUBJECTS = frozenset("you we they it its that this the your ill id lets".split())

_TRAILING = frozenset([_BREAK, "lol", "haha", "x", "xx"])
# A denial of one's own closing a message after someone else's condition was told.
_CLOSING_NO = frozenset(["i dont", "i do not", "but i dont", "i dont though", "i dont myself"])
_AFTERWORDS = frozenset("probably definitely surely tbh honestly really".split())


def _closing_answer(words: Sequence[str]) -> Optional[str]:
    """A strong answer that ends the message after "so" or a sentence of its own.

    "I'm a guy lol so no", "Well, at my age that is rather unlikely! No.", "ha, at 62?
    definitely not".
    """
    end = len(words)
    while end and (words[end - 1] in _TRAILING or words[end - 1] in _AFTERWORDS):
        end -= 1  # "... so... yes probably": the answer, hedged by a word after it
    for size in range(min(_LONGEST_ANSWER, end - 1), 0, -1):
        if words[end - size - 1] not in ("so", "then", _BREAK):
            continue
        found = _ANSWERS.get(" ".join(words[end - size : end]))
        if found and found[1] and found[0] in ("yes", "no"):
            return found[0]
        if words[end - size - 1] == _BREAK and " ".join(words[end - size : end]) in _CLOSING_NO:
            return "no"  # "my husband's got a heart condition, does that matter? I don't"
    return None


def _payload_answer(text: str) -> Optional[str]:
    """The answer of a button payload ("/affirm" -> yes, "/deny" -> no)."""
    match = re.match(r"/(\w+)", text)
    return _PAYLOADS.get(match.group(1)) if match else None


# --- a choice among the conditions of a question, by place ("the second one") -----------------

_PLACES = (
    (0, r"first|1st|number one|option (one|1)|top one|the 1|1"),
    (1, r"second|2nd|number two|option (two|2)|the 2|2"),
    (2, r"third|3rd|number three|option (three|3)|the 3|3"),
)
_PLACE_RE = [(i, re.compile(rf"\b({words})\b")) for i, words in _PLACES]
_LAST = re.compile(r"\b(last|bottom)( one)?\b")
_MIDDLE = re.compile(r"\bmiddle( one)?\b")
_EVERY = re.compile(r"\b(both|all( of them| three| 3)?|the lot)\b")
_ONLY = re.compile(r"\b(only|just)\b")
# What else a message may say beside the choice ("yep both", "only the second one pls").
_CHOICE_WORDS = frozenset(
    """yes yeah yep yup ya ye sure ok okay um uh oh well the one ones and & plus
    only just both all of them three lot first second third last middle bottom top number
    option 1st 2nd 3rd 1 2 3 pls please thanks ty lol haha i guess think its it is thats that
    one applies apply to me for""".split()
)


# "..., no to the rest", "the others no": the places not chosen are a no
_REST_NO = re.compile(
    r"\W*\b(and )?(no|nope|not) (to )?(the|all the) (rest|others|other ones?|other two)\b|"
    r"\W*\b(and )?(the )?(rest|others|other ones?|other two) (are )?(a )?(no|nope|not)\b"
)
# a reason after the choice: "2nd one lol, she's 3 months old"; "(baby aspirin)"
_ASIDE = re.compile(r"\([^)]*\)")
_NEGATED = re.compile(r"\b(no|not|nope|never|neither|nor|isn'?t|don'?t|doesn'?t|wasn'?t)\b|n't\b")


def chosen_places(text: str, count: int) -> Optional[Tuple[List[int], bool]]:
    """The places (0-based) a reply to "which one applies?" picks among `count`, and "only".

    "the second one" -> ([1], False); "only the first" -> ([0], True); "yep both" (of two)
    -> ([0, 1], False); "yes to the first one, no to the rest" -> ([0], True); "2nd one lol,
    she's 3 months old" -> ([1], False) (a reason after the choice, with no "no" in it). None
    when the message says anything else, or "both" of three.
    """
    lowered = _ASIDE.sub(" ", text.lower())
    rest_no = _REST_NO.search(lowered)
    if rest_no:
        lowered = lowered[: rest_no.start()] + " " + lowered[rest_no.end() :]
    lowered = re.sub(r"\byes to\b", " ", lowered)
    choice = _chosen_places(lowered, count)
    if choice is None:
        parts = re.split(r"[,.;!]|\s-\s", lowered, maxsplit=1)
        if len(parts) == 2 and parts[1].strip() and not _NEGATED.search(parts[1]):
            choice = _chosen_places(parts[0], count)
    if choice is None:
        return None
    places, only = choice
    return places, only or bool(rest_no)


def _chosen_places(text: str, count: int) -> Optional[Tuple[List[int], bool]]:
    """`chosen_places` of a reply made only of choice words."""
    words = re.findall(r"[a-z0-9&]+", text.lower())
    if not words or len(words) > 8 or any(w not in _CHOICE_WORDS for w in words):
        return None
    lowered = " ".join(words)
    places = sorted(
        {i for i, pattern in _PLACE_RE if i < count and pattern.search(lowered)}
        | ({count - 1} if _LAST.search(lowered) else set())
        | ({1} if count == 3 and _MIDDLE.search(lowered) else set())
    )
    if _EVERY.search(lowered) and not places:
        if "both" in words and count != 2:
            return None  # "both" of three: which two?
        places = list(range(count))
    if not places:
        return None
    return places, bool(_ONLY.search(lowered))


# --- one answer for each condition of a question, in its order ("no, yes, no") ------------------

# "no to 1 and 3, yes to 2", "yes for the first, no for the others": each place's answer
_BY_PLACE_PART = re.compile(
    r"^\s*(?P<answer>yes|yeah|yep|yup|no|nope|nah)\s+(to|for|on)\s+(the\s+)?"
    r"(?P<places>(first|second|third|last|1st|2nd|3rd|[123]|rest|others|other ones?|other two)"
    r"(\s*(,|and|&|\+)\s*(the\s+)?(first|second|third|last|1st|2nd|3rd|[123]))*)"
    r"(\s+(one|ones|question|questions))?\s*$"
)


def answers_by_place(text: str, count: int) -> Optional[List[str]]:
    """One answer for each of `count` conditions, given by their places, or None.

    "no to 1 and 3, yes to 2" -> ["no", "yes", "no"]; "yes to the first, no to the rest" ->
    ["yes", "no", "no"]. Every place must get exactly one answer, and the answers must differ.
    """
    lowered = text.lower().strip(" .!")
    parts = [
        part.strip(" ,;.!")
        for part in re.split(
            r"[,;.!]?\s*\b(?=(?:yes|yeah|yep|yup|no|nope|nah)\s+(?:to|for|on)\b)", lowered
        )
        if part.strip(" ,;.!")
    ]
    if len(parts) < 2:
        return None
    given: Dict[int, str] = {}
    rest: Optional[str] = None
    for part in parts:
        found = _BY_PLACE_PART.match(part)
        if found is None:
            return None
        answer = "yes" if found.group("answer").startswith("y") else "no"
        for word in re.findall(
            r"first|second|third|last|1st|2nd|3rd|[123]|rest|others?", found.group("places")
        ):
            if word in ("rest", "others", "other"):
                rest = answer
                continue
            place = (  # the places' words of "the second one"
                count - 1
                if word == "last"
                else next(i for i, pattern in _PLACE_RE if pattern.fullmatch(word))
            )
            if place >= count or given.get(place, answer) != answer:
                return None
            given[place] = answer
    for place in range(count):
        if place not in given and rest is not None:
            given[place] = rest
    if sorted(given) != list(range(count)) or len(set(given.values())) < 2:
        return None
    return [given[place] for place in range(count)]


_IN_ORDER_FILLERS = frozenset(["1", "2", "3", "a", "b", "c", "and", "then", _BREAK])


def answers_in_order(text: str, count: int) -> Optional[List[str]]:
    """One answer for each of `count` conditions, in the question's order, or None.

    "no, yes, no" -> ["no", "yes", "no"]; "1 no 2 yes" -> ["no", "yes"]. Only replies made of
    answer phrases (the bare answers' own), with answers that differ (a plain "no no" is a no
    to the whole question).
    """
    placed = answers_by_place(text, count)
    if placed is not None:
        return placed
    words = _answer_words(text, [])
    answers: List[str] = []
    i = 0
    while i < len(words):
        if words[i] in _IN_ORDER_FILLERS:
            i += 1
            continue
        found = _phrase_at(words, i)
        if found is None or found[0] not in ("yes", "no", "unsure"):
            return None
        answers.append(found[0])
        i += found[2]
    if len(answers) != count or len(set(answers)) < 2:
        return None
    return answers
