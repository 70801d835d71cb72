"""Warning signs after a treatment: which level a message reports, if any.

`detect(text)` returns the level (`emergency`, `urgent`, `expected` or None) and the signs
found, from the patterns of knowledge/warning_signs.yml (the file says how they are read).
It is deliberately simple and favours recall: it runs on every message, inside the
suitability check or outside it, before any FAQ answer (meso_nlu.safety.SafetyRouter), and a
missed warning sign is worse than a false alarm, whose reply only says who to contact.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, List, Optional, Pattern, Tuple

import yaml

from meso.settings import KNOWLEDGE_DIR
from meso_nlu.corrections import starred_within
from meso_nlu.minilm import MiniLMNotFoundError, find_model_dir
from meso_nlu.spelling import osa_distance

logger = logging.getLogger(__name__)

LEVELS = ("emergency", "urgent", "expected")
_FILE = KNOWLEDGE_DIR / "warning_signs.yml"
MAX_CHARS = 2000  # only this much of a message is read
_CLAUSE_BREAK = re.compile(r"[.,;:!?\n]|\b(but|just|only|except|apart from|although|though)\b")
_SENTENCE_BREAK = re.compile(r"[;!?\n]|(?<!\b\w)\.")  # not the dots of "e.g.", "i.e."
_APOSTROPHES = re.compile(r"['’‘`´]")
NEGATION_WINDOW = 3  # words before a sign that a negation cue may stand in
# A sign taken back further on: "my lips look swollen - oh wait no, sorry, its not my lips,
# its just the bits on my cheeks" (the body part the sign names, denied after it)
_TAKEN_BACK = re.compile(
    r"\b(wait|sorry|actually|oops|no)\b[^.!?]{0,30}\b(its|it is|thats|that is|they are|theyre) not "
    r"(my|the|her|his|their) (\w+)"
)


@dataclass(frozen=True)
class Sign:
    """One kind of warning sign and the patterns that find it."""

    key: str
    level: str
    label: str
    patterns: Tuple[Pattern[str], ...]
    unless: Optional[Pattern[str]] = None
    # What is set aside before the patterns are read: a tendency told beside a report ("I do
    # bruise easily anyway" beside "a couple of small bruises since yesterday's session")
    aside: Optional[Pattern[str]] = None


@dataclass(frozen=True)
class WarningReading:
    """The level a message reports (None: no warning sign) and the signs at that level."""

    level: Optional[str]
    signs: Tuple[str, ...] = ()
    labels: Tuple[str, ...] = ()
    # A question about a sign in general ("can it cause an infection?"): the level that sign
    # would have, with `level` None; its signs and labels are the ones asked about.
    asked: Optional[str] = None


@dataclass(frozen=True)
class _Lexicon:
    signs: Tuple[Sign, ...]
    after_treatment: Pattern[str]
    negations: Pattern[str]
    resolved: Pattern[str]
    hypothetical: Pattern[str]
    hypothetical_after: Pattern[str]
    present: Pattern[str]
    supposed: Pattern[str]
    present_now: Pattern[str]
    spelling: FrozenSet[str]


@lru_cache(maxsize=1)
def lexicon(path: Path = _FILE) -> _Lexicon:
    """The warning-sign patterns, compiled once."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    signs = []
    for item in data["signs"]:
        if item["level"] not in LEVELS:
            raise ValueError(f"{path}: {item['key']}: unknown level {item['level']!r}")
        patterns = tuple(re.compile(p) for p in item["patterns"])
        unless = re.compile(item["unless"]) if item.get("unless") else None
        aside = re.compile(item["aside"]) if item.get("aside") else None
        signs.append(Sign(item["key"], item["level"], item["label"], patterns, unless, aside))
    return _Lexicon(
        signs=tuple(signs),
        after_treatment=re.compile(data["after_treatment"]),
        negations=re.compile(data["negations"]),
        resolved=re.compile(data["resolved"]),
        hypothetical=re.compile(data["hypothetical"]),
        hypothetical_after=re.compile(data["hypothetical_after"]),
        present=re.compile(data["present"]),
        supposed=re.compile(data["supposed"]),
        present_now=re.compile(data["present_now"]),
        spelling=frozenset(w for w in data.get("spelling") or () if len(w) >= _MIN_RESPELT),
    )


_MIN_RESPELT = 5  # shorter words have too many neighbours ("sore" / "sure", "numb" / "dumb")
_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _english_words() -> FrozenSet[str]:
    """Whole words of the sentence encoder's vocabulary: real words, never respelt."""
    try:
        vocabulary = find_model_dir() / "vocab.txt"
    except MiniLMNotFoundError as error:  # without it nothing is respelt ("never" -> "fever")
        logger.warning("Warning signs are read as typed only: %s", error)
        return frozenset()
    words = vocabulary.read_text(encoding="utf-8").split()
    return frozenset(w for w in words if w.isalpha())


# Endings of English words whose stem is in the vocabulary ("injections", "swelled")
_ENDINGS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "est")


def _is_english(word: str, english: FrozenSet[str]) -> bool:
    """A word of the vocabulary, or one of its inflections ("injections": "injection")."""
    if word in english:
        return True
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if stem in english or stem + "e" in english:
                return True
            if (
                ending in ("ed", "ing", "er", "est")
                and stem[-1:] == stem[-2:-1]
                and stem[:-1] in english
            ):
                return True  # "swelled", "stopping": a doubled last letter
    return False


def is_english(word: str) -> bool:
    """Whether a lowercased word is English (the encoder's vocabulary or an inflection of it)."""
    return _is_english(word, _english_words())


@lru_cache(maxsize=8192)
def _respelt_word(word: str) -> str:
    """The sign word a misspelt word stands for ("numbnes" -> "numbness"), or the word."""
    lex, english = lexicon(), _english_words()
    if (
        len(word) < _MIN_RESPELT
        or not english
        or _is_english(word, english)
        or word in lex.spelling
    ):
        return word
    limit = 2 if len(word) >= 8 else 1
    near: List[Tuple[int, str]] = []
    for known in lex.spelling:
        if limit == 2 and known[0] != word[0]:
            continue
        distance = osa_distance(word, known, limit)
        if distance <= limit:
            near.append((distance, known))
    closest = [known for distance, known in near if distance == min(near)[0]] if near else []
    return closest[0] if len(closest) == 1 else word


def respelt(normal: str) -> str:
    """A normalised message with its misspelt sign words spelt right (see `spelling`)."""
    return _LETTERS.sub(lambda word: _respelt_word(word.group(0)), normal)


# Scots words the sign words stand beside: "ah cannae see oot ma left eye", "the day efter"
_SCOTS = (
    (re.compile(r"\bcannae\b"), "cant"),
    (re.compile(r"\b(do|did|does|is|was|could|would|should)nae\b"), r"\1nt"),
    (re.compile(r"\bnae\b"), "no"),
    (re.compile(r"\boot\b"), "out"),
    (re.compile(r"\befter\b"), "after"),
    (re.compile(r"\bah (cant|can|am|have|had|dont|feel|think)\b"), r"i \1"),
    (
        re.compile(
            r"\bma ((left |right )?eyes?|face|lips?|mooth|throat|tongue|cheeks?|chest|heid|head|"
            r"skin|arm|legs?|neck|chin|jaw|forehead|belly|tummy)\b"
        ),
        r"my \1",
    ),
    (re.compile(r"\bmooth\b"), "mouth"),
    (re.compile(r"\bheid\b"), "head"),
)


# A size told twice, then and now: "it was 1cm yesterday now its like 3cm"
_SIZE = r"(\d+(?:\.\d+)?)\s?(cm|mm|centimet\w*|millimet\w*)\b"
_SIZES_THEN_NOW = re.compile(
    _SIZE + r"([^.!?]{0,40}?)\bnow( its| it s| it is| is| its about| about| like| nearly| almost|"
    r" over| around)*\s+" + _SIZE
)


def _millimetres(number: str, unit: str) -> float:
    return float(number) * (1 if unit.startswith("m") else 10)


def _grown_by_numbers(text: str) -> str:
    """Sizes told then and now, the second larger: said as "getting bigger" after them."""

    def said(match: re.Match[str]) -> str:
        then = _millimetres(match.group(1), match.group(2))
        now = _millimetres(match.group(5), match.group(6))
        return f"{match.group(0)} getting bigger" if now > then else match.group(0)

    return _SIZES_THEN_NOW.sub(said, text)


def normalise(text: str) -> str:
    """Lowercase, apostrophes removed ("can't" -> "cant"), white space folded, Scots words.

    Sizes told then and now, the second larger, are said as "getting bigger" too.
    """
    text = _APOSTROPHES.sub("", (text or "")[:MAX_CHARS].lower())
    for pattern, plain in _SCOTS:
        text = pattern.sub(plain, text)
    return _grown_by_numbers(re.sub(r"[ \t]+", " ", text))


def _negated(text: str, start: int, lex: _Lexicon) -> bool:
    """Whether a negation cue stands in the clause just before position `start`."""
    before = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    words = clause.split()[-NEGATION_WINDOW:]
    return bool(lex.negations.search(" ".join(words)))


# "I thought my lips were swelling but no, it's just the skin around them": feared, then not
_THOUGHT = re.compile(
    r"\b(i|we) (first |at first )?(thought|was worried|were worried|feared)"
    r"( that| my| her| his| the)*"
    r"\s*$"
)
_BUT_NO = re.compile(
    r"^\W*(but|then) (no|nope|not|its not|it is not|it isnt|it wasnt|they arent)\b"
)


# "my skin is killing me, joking, it's just a bit tender": said as a joke, then told plainly
_JOKING_THEN = re.compile(
    r"^[^.!?]{0,12}?\b(joking|jk|kidding|just kidding|only joking|lol jk)\b\W+"
    r"(its|it is|theyre|they are|im|i am)? ?(just|only) (a (bit|little|touch)|slightly|mildly|"
    r"a few|some|tiny|small)\b"
)


def _taken_back(text: str, match: re.Match[str]) -> bool:
    """Whether the message later denies the body part the sign was told of."""
    thought = _THOUGHT.search(text[max(0, match.start() - 40) : match.start()])
    if thought and _BUT_NO.match(text[match.end() :]):
        return True
    words = set(re.findall(r"\w+", match.group(0)))
    return any(
        back.group(4) in words or back.group(4).rstrip("s") in words
        for back in _TAKEN_BACK.finditer(text, match.end())
    )


def _resolved(
    text: str, end: int, lex: _Lexicon, gone_only: bool = False, lost_is_the_sign: bool = False
) -> bool:
    """Whether the rest of the sign's sentence says it is over ("... but it stopped").

    `gone_only`: only a sign said to be gone counts (a mild after-effect "settling" or a
    little bleeding that "stopped" is still the after-effect answered). `lost_is_the_sign`:
    "gone" or "disappeared" is the sign itself ("my vision went blurry and half of it has
    disappeared"), not its end.
    """
    rest = text[end:]
    stop = _SENTENCE_BREAK.search(rest)
    sentence = rest[: stop.start()] if stop else rest
    found = (_GONE if gone_only else lex.resolved).search(sentence)
    if not found or (lost_is_the_sign and found.group(0).startswith(("gone", "disappeared"))):
        return False
    previous = sentence[: found.start()].split()[-1:]  # "hasnt gone": not over
    return not (previous and lex.negations.search(previous[0]))


_GONE = re.compile(
    r"\b(gone (now|away|completely)|all gone|(was|were|is|are|re|s) (all )?gone|went away|"
    r"cleared up|disappeared|healed|faded away|"
    # "they went in 3 days" (not "red where they went in")
    r"(it|they) went (in|within|after) (\d+|a|an|one|two|three|four|five|a few|a couple|about)\b|"
    r"(checked|looked at) (it |them )?and said (it |they )?(was|were) (fine|normal|ok|okay))\b"
)


# bleeding told as stopped soon, with nothing after saying it came back
_STOPPED_SOON = re.compile(
    r"\b(it|that|the bleeding|bleeding) (had |has |soon |quickly )?stopped (within|after|in) "
    r"(a (few|couple of|couple|minute)|\d+|one|two|three|five|ten|a) ?(\w+ )?(sec|secs|seconds|"
    r"min|mins|minutes)\b(?![^.!?]{0,40}\b(but|again|then|started|restarted)\b)"
)


def _stopped_soon(text: str, end: int) -> bool:
    """Whether the rest of a bleeding's sentence says it stopped within minutes."""
    rest = text[end:]
    stop = _SENTENCE_BREAK.search(rest)
    return bool(_STOPPED_SOON.search(rest[: stop.start()] if stop else rest))


_HEARSAY = re.compile(r"\b(said|says|told me|tells me|reckons)\b")
# asked after what someone else said of theirs: "... is that normal?"
_IS_THAT_NORMAL = re.compile(r"\b(is|was|are) (that|this|it|they) (normal|usual|ok|okay|bad)\b")


# "is it normal to have a hard lump there?" then the next sentence tells it now: a report
_IS_IT_NORMAL_TO_HAVE = re.compile(r"\bis it (normal|ok|okay|usual|common) (to|for)\b")
_GOES_ON_NOW = re.compile(
    r"^\W*(its|it s|it is|it has|its been|they|theyre|they are|theyve|they have|this|that|"
    r"the \w+)\b[^.!?;]{0,40}\b(now|since|still|getting (bigger|worse|harder|larger|redder|"
    r"hotter)|keeps|growing|spreading|grown|spread|doubled)\b"
)


def _hypothetical(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether the sentence of a sign asks about it in general ("can it cause X?")."""
    breaks = list(_SENTENCE_BREAK.finditer(text[:start]))
    sentence_start = breaks[-1].end() if breaks else 0
    stop = _SENTENCE_BREAK.search(text, end)
    sentence_end = stop.start() if stop else len(text)
    before = lex.hypothetical.search(text[sentence_start:start]) or lex.supposed.search(
        text[sentence_start:end]
    )  # "if my lips swelled up ...": the supposition takes in the sign's own words
    if before:
        # the present is read from the question's own clause on: "i fainted once years ago,
        # will i faint during meso?" asks; "what if my lips swell now" reports
        breaks = list(_CLAUSE_BREAK.finditer(text, sentence_start, sentence_start + before.start()))
        clause_start = breaks[-1].end() if breaks else sentence_start
        if _HEARSAY.search(before.group(0)):
            # "... I've got type 2 diabetes and my friend said she had little bumps after":
            # what was said, read from the saying on (a message typed without full stops)
            clause_start = sentence_start + before.start()
        # "hypothetically if my throat swelled up": only a time now makes it a report
        # ("what should I do if my lips swell up?": the supposition follows the question word)
        # the longer of the two: "what if one of them started bleeding" takes in "started"
        supposed = max(
            (
                found
                for found in (
                    lex.supposed.search(before.group(0)),
                    lex.supposed.search(text[sentence_start:end]),
                )
                if found
            ),
            key=lambda found: len(found.group(0)),
            default=None,
        )
        present = lex.present_now if supposed else lex.present
        said = text[clause_start:sentence_end]
        if _HEARSAY.search(before.group(0)) and (
            lex.hypothetical_after.search(text[end:]) or _IS_THAT_NORMAL.search(text, end)
        ):
            # "my friend said she got a fever after hers, is that common": her own words ("she
            # got") place it in her past, asked about, not in the visitor's present
            said = said.replace(before.group(0), " ")
        if supposed:  # the supposition's own verb is no time now: "if my lips started swelling"
            said = said.replace(supposed.group(0), " ")
        if _IS_IT_NORMAL_TO_HAVE.search(before.group(0)) and _GOES_ON_NOW.match(
            text[sentence_end:]
        ):
            return False  # "is it normal to have a hard lump? its been getting bigger since"
        return not present.search(said)
    cue = lex.hypothetical_after.search(text[end:sentence_end])
    if not cue and stop is not None:
        # the question may follow in a sentence of its own: "my friend ended up with an
        # infection. can that happen to anyone?"
        following = _SENTENCE_BREAK.search(text, stop.end())
        cue = lex.hypothetical_after.search(
            text[stop.end() : following.start() if following else len(text)]
        )
    if not cue:
        return False
    # the present is read from the sign's own clause on: "my friend got a fever two years
    # ago, is fever a side effect?" asks; "I have a fever, is that a side effect?" reports
    breaks = list(_CLAUSE_BREAK.finditer(text, sentence_start, start))
    clause_start = breaks[-1].end() if breaks else sentence_start
    return not lex.present.search(text[clause_start:sentence_end])


def _told_by_another(text: str, start: int, lex: _Lexicon) -> bool:
    """Whether the sign's sentence tells it as someone else said ("my friend said she had")."""
    breaks = list(_SENTENCE_BREAK.finditer(text[:start]))
    cue = lex.hypothetical.search(text[breaks[-1].end() if breaks else 0 : start])
    return bool(cue and _HEARSAY.search(cue.group(0)))


def _found(sign: Sign, text: str, lex: _Lexicon) -> Optional[str]:
    """How a message speaks of a sign: "reported", "asked" or None (not at all).

    Reported: matched, not negated, not said to be over. Asked: only in a general question.
    """
    if sign.unless is not None and sign.unless.search(text):
        return None
    if sign.aside is not None:  # blanked out, so positions stay those of the message
        text = sign.aside.sub(lambda told: " " * len(told.group(0)), text)
    asked = False
    for pattern in sign.patterns:
        for match in pattern.finditer(text):
            if _negated(text, match.start(), lex) or _taken_back(text, match):
                continue
            if sign.level != "emergency" and _JOKING_THEN.match(text[match.end() :]):
                # "my skin is killing me, joking, it's just a bit tender": the plain words
                # after the joke are read (never for an emergency sign)
                continue
            if sign.key != "bleeding" and _resolved(
                text,
                match.end(),
                lex,
                gone_only=sign.level == "expected",
                lost_is_the_sign=sign.key == "vision",
            ):
                continue  # "a couple of little bruises after my last session, they're gone now"
            if sign.key == "bleeding" and _stopped_soon(text, match.end()):
                continue  # "... pressed on it and it stopped within a few minutes"
            hearsay = sign.level == "expected" and _told_by_another(text, match.start(), lex)
            if (sign.level != "expected" or hearsay) and _hypothetical(
                text, match.start(), match.end(), lex
            ):
                asked = True  # (a mild sign only when someone else told of theirs)
                continue
            return "reported"
    return "asked" if asked else None


# Asking whether emergency care is needed ("do I need A&E??"), beside mild after-effects only:
# the mild answer (it says when to contact the clinic), not a report of needing care. Not
# with a swelling told without a word making it mild (swelling can be the start of something
# worse).
_ASKS_IF_CARE_NEEDED = re.compile(
    r"\b((do|should|must|would) (i|we|she|he|they) (need|have to|go|call|ring|head)|"
    r"(i|we|she|he|they) (dont|do not|wont) (need|have) to (go|call|ring|head))\b"
    r"[^.!?]{0,30}\b(a ?& ?e|a and e|hospital|ambulance|emergency room|urgent care|999|911|112)"
    r"\b[^.!?]{0,30}(\?|$)"
)
_SWELLING = re.compile(r"\b(swell\w*|swollen|puff\w*)\b")
_MILDLY = re.compile(
    r"\b(a (little |tiny )?bit|slightly|a little|little|mild|mildly|a touch|just the)( \w+)?\s*$"
)


def _unqualified_swelling(text: str) -> bool:
    """Whether a swelling is told without a word making it mild ("a bit puffy" is mild)."""
    return any(not _MILDLY.search(text[: m.start()]) for m in _SWELLING.finditer(text))


def _only_asks_if_care_needed(found: List[Sign], text: str, treated: bool) -> bool:
    """Whether the one serious sign is asking if A&E is needed, beside mild after-effects.

    `treated`: the mild after-effects were told just before ("so I don't need A&E?").
    """
    serious = [sign.key for sign in found if sign.level != "expected"]
    return (
        serious == ["seeking_care"]
        and (len(found) > 1 or treated)
        and bool(_ASKS_IF_CARE_NEEDED.search(text))
        and not _unqualified_swelling(text)
    )


_SESSION = r"(meso\w*|session|appointment|appt|treatment|booking|injections?|jabs?)"
_DAY = r"(mon|tues|wednes|thurs|fri|satur|sun)day"
# A treatment still to come: "my meso is booked tomorrow", "I can't make my appointment",
# "how do I rebook?", "can I still come?".
_TREATMENT_TO_COME = re.compile(
    rf"\b{_SESSION}( is| s)? (booked |scheduled |planned |on )?(in )?(for )?(tomorrow|tonight|"
    rf"later today|this (afternoon|evening|week)|next \w+|on {_DAY}|{_DAY}|"
    r"in (\w+ ){1,3}?(days?|weeks?|months?))\b|"
    rf"\b(booked|booking) (in )?(for )?(tomorrow|next|on {_DAY}|{_DAY})\b|"
    r"\b(cant|cannot|can not|wont be able to|unable to|not able to) (make|come|attend|go)\b|"
    rf"\b(move|rebook|reschedule|postpone|cancel|change|push back) (my|the|our|her|his|"
    rf"tomorrows|\w+days) {_SESSION}\b|\b(rebook|reschedule|postpone)\b|"
    r"\bcan i still (come|have it|go ahead|do it|get it|have my|go)\b|"
    rf"\bbefore (my|the|her|his) (first |next )?{_SESSION}\b"
)
# A treatment had: "had meso yesterday", "since my session", "2 days after".
_TREATMENT_HAD = re.compile(
    # "after abdominal meso on Monday", "since my thigh meso"
    rf"\b(had|did|since|from)( (?!next\b)[\w'-]+){{0,3}} {_SESSION}\b|"
    # ("what to watch for after my session next week": one to come)
    rf"\bafter( (?!next\b)[\w'-]+){{0,3}} {_SESSION}\b(?! (is |s )?(booked |scheduled |"
    r"planned )?(next|tomorrow|tonight|later today|in \w+ days|coming up))|"
    # ("I've got meso booked tomorrow", "got my session on friday": one to come)
    rf"\bgot( my| the| a| her| his| our| their)?( first| last| \w+s)? {_SESSION}\b(?! (booked|"
    rf"scheduled|planned|tomorrow|tonight|next|coming up|on {_DAY}|{_DAY}|in \w+ days))|"
    rf"\b{_SESSION} (yesterday|this morning|last (night|week)|\d+ (days?|hours?) "
    r"ago|on (mon|tues|wednes|thurs|fri|satur|sun)day (and|but|now))\b|\bdays? (after|since)\b|"
    r"\b(injection|needle) (sites?|points?|spots?|marks?)\b|\b(treated|injected)\b"
)


def _fever_before_a_treatment(found: List[Sign], text: str) -> bool:
    """Whether the only serious sign is a fever told before a treatment, none had.

    "I've got a cold and my temp is 38.2, my meso is tomorrow, can I still come?", "my
    daughter has a fever so I can't make my meso tomorrow": an illness, not a sign after a
    treatment (not_covered: ask the clinic; or the rebooking asked).
    """
    serious = {sign.key for sign in found if sign.level != "expected"}
    return serious == {"fever"} and _only_a_treatment_to_come(text)


def _only_a_treatment_to_come(text: str) -> bool:
    """Whether the message speaks of a treatment still to come and of none had."""
    return bool(_TREATMENT_TO_COME.search(text)) and not _TREATMENT_HAD.search(text)


# A sign feared for a treatment to come: "I'm nervous I'll faint with the needles", "scared
# I might bleed loads"
_FEARED = re.compile(
    r"\b(nervous|worried|scared|afraid|anxious|terrified|frightened|petrified|worry|fear|"
    r"panicking|panicky)( that)? (i|ill|i will|i might|i may|i could|id|i would|im going to|"
    r"i am going to|i ?ll|it will|itll|it might|it could) (\w+ ){0,2}?(faint|pass out|collapse|"
    r"bleed|bruise|swell|react|black out|keel over|have a reaction)\b"
)


def _only_feared_before_a_treatment(found: List[Sign], text: str, lex: _Lexicon) -> bool:
    """Whether the serious signs are only feared, for a treatment to come, none had.

    "I'm having meso in two weeks and I'm nervous I'll faint with the needles, does that
    happen?": a worry about the treatment, asked, not a sign after one. Not when a serious
    sign is told beside the fear ("scared I'll faint, my throat is closing up").
    """
    if not (_FEARED.search(text) and _only_a_treatment_to_come(text)):
        return False
    blanked = _FEARED.sub(lambda feared: " " * len(feared.group(0)), text)
    return not any(
        sign.level != "expected" and _found(sign, blanked, lex) == "reported" for sign in found
    )


# How serious a reading is: a report of the most serious level first, then a question
_SERIOUSNESS = {"emergency": 4, "urgent": 3, "expected": 2}


def _seriousness(reading: WarningReading) -> int:
    return _SERIOUSNESS.get(reading.level or "", 1 if reading.asked else 0)


# A message sent before it was finished: "the bruise is getting", "my cheek has gone",
# "it's kind of" (the next message goes on with its sentence).
UNFINISHED = re.compile(
    r"(^|\s)(is|are|was|were|getting|(has|have|had) (gone|got|gotten)|has|have|had|my|the|a|an|"
    r"and|or|but|feels|"
    r"feel|looks|look|been|very|really|of|to|with|like|its|it'?s|more|kind of|sort of|kinda|"
    r"turning|becoming|quite|pretty|which|where)\s*(\.{3}|…|-)?\s*$",
    re.I,
)


_ASKS = re.compile(
    r"^\W*(what|how|why|when|where|who|which|is|are|can|could|should|would|will|do|does|did|"
    r"if)\b",
    re.I,
)


# "... marks I don't remember getting": a word that ends its sentence after such a verb
_ENDS_AS_AN_OBJECT = re.compile(
    r"\b(remember|recall|mind|avoid|enjoy|stop|stopped|keep|kept|without|from|since)\s+"
    r"(getting|feeling|looking|turning|becoming)\s*$",
    re.I,
)


def unfinished(text: str) -> bool:
    """Whether the message was sent before it was finished (not a question ending on "like")."""
    return (
        bool(UNFINISHED.search(text))
        and "?" not in text
        and not _ASKS.match(text)
        and not _ENDS_AS_AN_OBJECT.search(text)
    )


def detect(text: str, treated: bool = False) -> WarningReading:
    """The most serious level of warning sign a message reports, and those signs.

    `treated`: the conversation already places the visitor after a treatment (the message
    follows the after-effects answer), so mild signs need no word saying so ("it itches a
    little too"). The message is read as typed and, if it has misspelt sign words, respelt
    ("feaver", "numbnes"); the more serious reading counts.
    """
    normal = normalise(starred_within(text))  # "is going down *isn't going down"
    if not normal.strip() or normal.lstrip().startswith("/"):
        return WarningReading(None)
    reading = _detect(normal, treated)
    again = respelt(normal)
    if again != normal:
        other = _detect(again, treated)
        if _seriousness(other) > _seriousness(reading):
            return other
    return reading


def _detect(normal: str, treated: bool) -> WarningReading:
    """`detect` of a normalised message."""
    lex = lexicon()
    spoken = [(sign, _found(sign, normal, lex)) for sign in lex.signs]
    found: List[Sign] = [sign for sign, how in spoken if how == "reported"]
    if not treated and _fever_before_a_treatment(found, normal):
        found = []  # an illness before a treatment: no sign after one, mild ones neither
    if not treated and _only_feared_before_a_treatment(found, normal, lex):
        feared = [sign for sign in found if sign.level != "expected"]
        spoken += [(sign, "asked") for sign in feared]  # a worry asked about
        found = [sign for sign in found if sign.level == "expected"]
    if _only_asks_if_care_needed(found, normal, treated):
        found = [sign for sign in found if sign.level == "expected"] or [
            sign for sign in lex.signs if sign.key == "mild_after_effects"
        ]
    asked: List[Sign] = [sign for sign, how in spoken if how == "asked"]
    if asked and not any(sign.level != "expected" for sign in found):
        # "what if it gets red and there's pus?": a question, even with a mild word in it
        top = next(level for level in LEVELS if any(s.level == level for s in asked))
        at_top = [sign for sign in asked if sign.level == top]
        return WarningReading(
            None, tuple(s.key for s in at_top), tuple(s.label for s in at_top), asked=top
        )
    for level in LEVELS:
        at_level = [sign for sign in found if sign.level == level]
        if not at_level:
            continue
        if level == "expected" and not treated and not lex.after_treatment.search(normal):
            return WarningReading(None)
        return WarningReading(
            level, tuple(s.key for s in at_level), tuple(s.label for s in at_level)
        )
    return WarningReading(None)
