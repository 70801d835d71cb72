"""What tests, results and fears a visitor tells say about a condition, read after the rest.

The reader's lexicon finds conditions by name. These steps adjust its reading where a
message tells a test or a feeling instead:

- a test the visitor says came back normal ("my ECG and echo were both normal") denies the
  condition it looks for (their words, not our reading of a value: a bare number such as
  "HbA1c 44" stays to discuss with a professional);
- low platelets told as "only 60" is a bleeding tendency, and an INR that is kept at a level
  means a blood thinner is taken;
- "... runs in my family and I tested positive too" is the visitor's own;
- a positive test with weeks counted is a pregnancy;
- fear of needles alone ("terrified of needles") is not a low pain tolerance: the check's
  pain question is still asked (the answer to that question reads it, screening.py);
- a tendency hedged, then backed by what the visitor notices ("I might bruise easily? not
  sure, I do get random bruises") stays uncertain;
- "a little white pill for my blood" may be a blood thinner: to discuss.
"""

from __future__ import annotations

import re
from typing import Callable, List, Optional, Sequence, Tuple

from actions.conditions.model import Extraction, Mention
from actions.conditions.scope import _TRAITS, healthy_mentions


def _with(extraction: Extraction, *added: Mention) -> Extraction:
    """The extraction with these mentions added after its own (the same answer)."""
    return Extraction(mentions=extraction.mentions + added, answer=extraction.answer)


def _only(extraction: Extraction, mentions: Sequence[Mention]) -> Extraction:
    """The extraction with these mentions instead of its own; itself when they are the same."""
    if tuple(mentions) == extraction.mentions:
        return extraction
    return Extraction(mentions=tuple(mentions), answer=extraction.answer)


# The tests that look for a condition, by the condition.
_TESTS = (
    (
        "diabetes",
        r"hba1c|a1c|(blood )?sugars?( levels?| tests?| readings?)?|(blood )?glucose( levels?)?|"
        r"diabetes (test|screen|check)s?",
    ),
    (
        "cardiac_disorder",
        r"ecg|ekg|echo|echocardiogram|heart (scans?|tests?|checks?|monitor)|"
        r"cardiac (tests?|checks?|scans?|work-?up)|stress test",
    ),
    (
        "blood_clotting_disorder",
        r"clotting( (screen|tests?|bloods|studies|results?|profile|factors))?|"
        r"coagulation( \w+)?|platelets?( count)?|bleeding time",
    ),
)
_TEST_NAMES = [(key, re.compile(rf"\b({names})\b", re.I)) for key, names in _TESTS]
# The visitor's own word that the result was normal ("came back normal", "all in range").
_NORMAL = re.compile(
    r"\b(normal|fine|clear|negative|healthy|perfect|all good|ok|okay|"
    r"(with)?in (the )?(normal )?range)\b",
    re.I,
)
_NOT_BEFORE = re.compile(r"\b(not|nt|never|isnt|wasnt|werent|arent|no longer)\W*(\w+\W+)?$", re.I)
_SENTENCE_END = re.compile(r"[.;!?\n]|\b(but|though|although|except)\b", re.I)
# A reading the reader took as "to discuss" (a value, a watch kept on it): the result told
# normal replaces it; a condition said any other way does not change.
_READING = re.compile(r"\b(hba1c|a1c|sugars?|glucose|clotting|platelets?)\b", re.I)


def _said_normal(text: str, name: re.Match[str]) -> bool:
    """Whether the rest of the test's sentence says it was normal, not negated."""
    rest = text[name.end() :]
    stop = _SENTENCE_END.search(rest)
    sentence = rest[: stop.start()] if stop else rest
    for normal in _NORMAL.finditer(sentence):
        if not _NOT_BEFORE.search(sentence[: normal.start()].replace("'", "")):
            return True
    return False


def names_a_test(said: str) -> bool:
    """Whether words name a test (the text of a denial read from a normal result)."""
    return any(names.search(said) for _, names in _TEST_NAMES)


def tests_said_normal(text: str, extraction: Extraction) -> Extraction:
    """Conditions whose test the visitor says was normal read as absent."""
    statuses = extraction.statuses
    mentions: List[Mention] = list(extraction.mentions)
    for key, names in _TEST_NAMES:
        known = statuses.get(key)
        readings = [m for m in mentions if m.condition == key]
        if known not in (None, "uncertain") or any(not _READING.search(m.text) for m in readings):
            continue  # the condition told some other way ("diabetic, sugars normal now")
        found = next((n for n in names.finditer(text) if _said_normal(text, n)), None)
        if found is None:
            continue
        mentions = [m for m in mentions if m.condition != key]
        mentions.append(Mention(key, "absent", found.group(0)))
    return _only(extraction, mentions)


# Platelets told as low ("my platelets are only 60"), an INR kept at a level ("my INR runs
# at about 3", "INR clinic every week": a blood thinner such as warfarin is taken).
_LOW_PLATELETS = re.compile(
    r"\bplatelets?( count)? (is|are|was|were|s|runs?|sits?)? ?(only|just|really low|very low|"
    r"quite low|low|always low)\b",
    re.I,
)
_INR_KEPT = re.compile(
    r"\b(my|the) inr\b(?! (test|check)s? (was|were|came back) (normal|fine))|\binr (clinic|checks?|"
    r"tests?|monitoring|is (checked|monitored)|runs|sits|of \d|at \d|target)\b",
    re.I,
)


def measured_conditions(text: str, extraction: Extraction) -> Extraction:
    """Low platelets and an INR kept at a level, when the message names neither itself."""
    statuses = extraction.statuses
    added: List[Mention] = []
    low = _LOW_PLATELETS.search(text)
    if low and "blood_clotting_disorder" not in statuses:
        added.append(Mention("blood_clotting_disorder", "present", low.group(0)))
    inr = _INR_KEPT.search(text)
    if inr and "aspirin_or_blood_thinners" not in statuses:
        added.append(Mention("aspirin_or_blood_thinners", "present", inr.group(0)))
    return _with(extraction, *added)


# "factor V Leiden runs in my family and I tested positive for it too": the visitor's as well.
_MINE_TOO = re.compile(
    r"(^|[,.;!?]\s*|\band\s+|\bso\s+)(i do|i have|ive got|im|i am|me|mine) (too|as well)\b|"
    r"\bi (tested|test|came back|am|was found|was) "
    r"positive\b|(?<!could )(?<!can )(?<!would )(?<!should )(?<!may )(?<!might )(?<!will )"
    r"\b(i have|i'?ve got|i ve got|i got|i carry) it (too|as well|also)\b|\bso do i\b|"
    r"\band so (have|do) i\b",
    re.I,
)


def also_the_visitors(text: str, extraction: Extraction) -> Extraction:
    """A relative's condition the visitor says they have too reads as theirs (present)."""
    theirs = [m for m in extraction.mentions if m.status == "other_person"]
    if len(theirs) != 1 or not _MINE_TOO.search(text):
        return extraction
    key = theirs[0].condition
    if key in extraction.statuses and extraction.statuses[key] != "other_person":
        return extraction
    return _with(extraction, Mention(key, "present", theirs[0].text))


# A positive test with the weeks counted: "positive test this morning!! about 5 weeks".
_POSITIVE_TEST = re.compile(
    r"\b(positive (pregnancy |preg )?test|tested positive|test (was|came back|is) positive)\b", re.I
)
_WEEKS = re.compile(r"\b\d{1,2} ?(weeks?|wks?)\b", re.I)


def counted_pregnancy(text: str, extraction: Extraction) -> Extraction:
    """A positive test told with weeks, and nothing else read, is a pregnancy."""
    positive = _POSITIVE_TEST.search(text)
    if extraction.mentions or positive is None or not _WEEKS.search(text):
        return extraction
    return _with(extraction, Mention("pregnancy", "present", positive.group(0)))


# Fear of needles, not pain: "terrified of needles", "needle phobia", "needles scare me".
_NEEDLES = re.compile(r"\b(needles?|injections?|jabs?|shots?|blood tests?)\b", re.I)
_FEAR = re.compile(
    r"\b(scared|afraid|terrified|petrified|frightened|fear|phobi\w*|hate|dislike|dread|freak\w*|"
    r"paranoid|scare|scares|terrify|terrifies|panic\w*|keen|fan|like|faint\w*|pass out|"
    r"passed out)\b",
    re.I,
)
_PAIN_WORDS = re.compile(
    r"\b(pain\w*|hurts?|hurting|tolerance|threshold|wimp\w*|wuss|baby|sook\w*|ouch|feel every)\b",
    re.I,
)


def is_needle_fear(said: str) -> bool:
    """Whether words tell a fear of needles and nothing of pain ("needles scare me")."""
    return bool(_NEEDLES.search(said) and _FEAR.search(said) and not _PAIN_WORDS.search(said))


def needle_fear_only(text: str, extraction: Extraction) -> Extraction:
    """Drop a low pain tolerance read from a fear of needles alone (or its denial).

    Pain told beside it is read as the rest says ("I hate needles, really low pain threshold").
    """
    told = [m for m in extraction.mentions if m.condition == "low_pain_tolerance"]
    if not told or not all(
        m.status in ("present", "uncertain", "absent") and is_needle_fear(m.text) for m in told
    ):
        return extraction  # pain told some other way too: read as the rest says
    others = [m for m in extraction.mentions if m.condition != "low_pain_tolerance"]
    # "Pain also no problem, I am not afraid of needle": the pain told plainly beside it
    plainly = [
        m
        for m in healthy_mentions(text, set())
        if m.condition == "low_pain_tolerance" and not _NEEDLES.search(m.text)
    ]
    return _only(extraction, others + plainly[:1])


# What the visitor notices, told as evidence for a tendency they hedge.
_NOTICED = re.compile(
    r"\b(random|unexplained|odd|for no reason|from nowhere|out of nowhere|from nothing|"
    r"dont know (where|how)|do not know (where|how)|keep finding|find)\b",
    re.I,
)


_DOUBTED = re.compile(
    r"\b(i )?(dont|don't|do not) (really )?know\b(?! (where|how|why|what))|\bnot (really )?sure\b"
    r"(?! (where|how|why|what))|\bmaybe\b|\bpossibly\b|"
    r"\bno idea\b",
    re.I,
)


def hedged_with_evidence(text: str, extraction: Extraction) -> Extraction:
    """A hedged condition backed only by what the visitor notices stays uncertain."""
    mentions = list(extraction.mentions)
    for key in {m.condition for m in mentions}:
        told = [m for m in mentions if m.condition == key]
        hedged = [m for m in told if m.status == "uncertain"]
        present = [m for m in told if m.status == "present"]
        if hedged and present and all(_NOTICED.search(m.text) for m in present):
            mentions = [m for m in mentions if m not in present]
        elif present and all(_NOTICED.search(m.text) for m in present) and _DOUBTED.search(text):
            # "bruising... honestly I don't know, maybe? I do find random bruises on my legs"
            mentions = [
                Mention(m.condition, "uncertain", m.text) if m in present else m for m in mentions
            ]
    return _only(extraction, mentions)


# A status decided from a mention's place: the lowered text, where the mention starts in it
# (found by its words), and the mention; None keeps the status.
_Decide = Callable[[str, int, Mention], Optional[str]]


def _restatus(text: str, extraction: Extraction, decide: _Decide, last: bool = False) -> Extraction:
    """The extraction with each mention's status as `decide` says.

    A mention is found in the text where its words stand first (with `last`, last).
    """
    lowered = text.lower()
    mentions = list(extraction.mentions)
    for i, mention in enumerate(mentions):
        words = mention.text.lower()
        at = lowered.rfind(words) if last else lowered.find(words)
        status = decide(lowered, at, mention) if at >= 0 else None
        if status is not None:
            mentions[i] = Mention(mention.condition, status, mention.text)
    return _only(extraction, mentions)


# A condition looked for and not found: "they thought I might have a heart problem but all
# the tests came back clear", "they tested me for clotting disorders and all was normal".
_LOOKED_FOR = re.compile(
    r"\b(thought|suspected|worried|wondered|checked|tested|screened|investigated|looked)\b", re.I
)
_FOUND_NORMAL = re.compile(
    r"\b(tests?|results?|scans?|bloods|everything|all|it|they)( all)? (came back|were|was|turned "
    r"out|came out|showed|said|found)( all| to be| it was| i was| nothing| it'?s)? "
    r"(clear|normal|fine|"
    r"negative|ok|okay|nothing)\b",
    re.I,
)


def ruled_out_by_tests(text: str, extraction: Extraction) -> Extraction:
    """A condition suspected or tested for, then found normal, reads as absent."""

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        if mention.status not in ("uncertain", "present"):
            return None
        before = _LOOKED_FOR.search(lowered[max(0, at - 60) : at])
        after = _FOUND_NORMAL.search(lowered[at : at + 120])
        if before and after and not re.search(r"[.!?]", lowered[at : at + after.start()]):
            return "absent"
        return None

    return _restatus(text, extraction, decide)


# A medicine the visitor can't take ("allergic to aspirin so I never take it"), one taken in
# the last days ("a couple of Disprin for headaches this week"), and one started in place of
# another ("stopped the aspirin when I started on warfarin").
_MEDICINES = frozenset({"aspirin_or_blood_thinners", "retinol"})
_NEVER_TAKES = re.compile(
    r"^[^.!?]{0,40}?\b(so |and |which is why |that'?s why |thats why )?(i|we) (never|dont|don't|do "
    r"not|cant|can't|cannot|can not|couldnt|couldn't) (ever )?(take|use|have|touch|go near) "
    r"(it|them|that|any|those)\b",
    re.I,
)
_ALLERGIC_TO = re.compile(r"\b(allergic|allergy|intolerant|sensitive) to\W+(\w+\W+){0,2}$", re.I)
_LATELY = re.compile(
    r"\b(this week|today|yesterday|last night|this morning|the other day|over the weekend|"
    r"(a couple of|a few|two|three|2|3) days ago|recently|these days)\b",
    re.I,
)
_STARTED_ON = re.compile(
    r"\b(started|starting|start|put me|put|switched me|switched|moved me|moved)( me)? (on|onto|to) "
    r"(\w+ ){0,2}$",
    re.I,
)
_STOPPED_WORDS = re.compile(
    r"\b(stopped|quit|finished|came off|gave up|no longer|not any more|not anymore|took me off|"
    r"until|till|up to|up until)\b",
    re.I,
)


def medicine_taken_or_not(text: str, extraction: Extraction) -> Extraction:
    """Medicines read by whether they are taken now (see above)."""

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        if mention.condition not in _MEDICINES:
            return None
        before, after = lowered[max(0, at - 50) : at], lowered[at + len(mention.text) :]
        if (
            mention.status == "present"
            and _ALLERGIC_TO.search(before)
            and (_NEVER_TAKES.search(after) or not after.strip(" .!"))
        ):
            return "absent"
        if mention.status == "past" and (
            _STARTED_ON.search(before)
            or (_LATELY.search(after[:60]) and not _STOPPED_WORDS.search(lowered))
        ):
            return "present"
        return None

    return _restatus(text, extraction, decide)


# A condition referred to as a subject to raise, not told: "I'll mention the diabetes thing at
# the consult" (what it is was said before).
_TO_RAISE = re.compile(
    r"\b(mention|bring up|raise|flag|ask (them |her |him |the \w+ )?about|tell (them|her|him|the "
    r"\w+) about|discuss) the\W+(\w+\W+){0,2}$",
    re.I,
)
_REFERRED = re.compile(r"^\W*(thing|bit|stuff|issue|side of things|question|one)\b", re.I)


def raised_not_told(text: str, extraction: Extraction) -> Extraction:
    """Drop a condition named only as a subject to raise with the clinic (see above)."""
    lowered = text.lower()
    kept = []
    for mention in extraction.mentions:
        at = lowered.find(mention.text.lower())
        after = lowered[at + len(mention.text) :] if at >= 0 else ""
        if at >= 0 and _TO_RAISE.search(lowered[max(0, at - 40) : at]) and _REFERRED.match(after):
            continue
        kept.append(mention)
    return _only(extraction, kept)


# A pregnancy named as the cause or the time of something: "melasma from the pregnancy", "my
# hair fell out after the pregnancy" (over; a pregnancy now is told some other way).
_PREGNANCY_AS_TIME = re.compile(
    r"\b(from|after|since|during|through|with) (the|my|each|both|all my|her|our) ((last|first|"
    r"second|third|previous|other|two|2|three|3) )?$|"
    r"\bin (the|my|each|her|our) (last|first|second|third|previous|other) $",
    re.I,
)
_PREGNANT_NOW = re.compile(
    r"\b(this|current|still|now|currently|ongoing|at the moment)\b[^.!?]{0,20}$", re.I
)


def pregnancy_as_a_time(text: str, extraction: Extraction) -> Extraction:
    """A pregnancy named as a cause or time reads as over (see above)."""

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        if mention.condition != "pregnancy" or mention.status != "present":
            return None
        before = lowered[max(0, at - 40) : at]
        if _PREGNANCY_AS_TIME.search(before) and not _PREGNANT_NOW.search(before):
            return "past"
        return None

    return _restatus(text, extraction, decide)


# A condition only suspected: "being investigated for lupus and a possible clotting problem".
_ONLY_SUSPECTED = re.compile(
    r"\b(possible|possibly|suspected|query|a query of|investigated for|investigating|"
    r"being (tested|checked) for|getting (tested|checked) for|under investigation for)\b"
    r"(\W+(?!(and|but|i|im|i'm|definitely|also)\b)\w+){0,4}\W*$",
    re.I,
)


def only_suspected(text: str, extraction: Extraction) -> Extraction:
    """A condition said to be possible or under investigation reads as not sure."""

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        suspected = mention.status == "present" and _ONLY_SUSPECTED.search(lowered[:at])
        return "uncertain" if suspected else None

    return _restatus(text, extraction, decide)


# "I take a little white pill in the morning for my blood" (not blood pressure or sugar).
_PILL_FOR_BLOOD = re.compile(
    r"\b(pills?|tablets?|medicines?|meds|medication|something)\b[^.!?]{0,30}\bfor my blood\b"
    r"(?! (pressure|sugars?|count|levels?|tests?))",
    re.I,
)


def _told_unnamed(
    extraction: Extraction, key: str, status: str, found: Optional[re.Match[str]]
) -> Extraction:
    """The extraction with `key` told by words that don't name it, unless already read."""
    if found is None or key in extraction.statuses:
        return extraction
    return _with(extraction, Mention(key, status, found.group(0)))


def unnamed_blood_medicine(text: str, extraction: Extraction) -> Extraction:
    """A medicine "for my blood" whose name the visitor doesn't give: maybe a thinner."""
    found = _PILL_FOR_BLOOD.search(text)
    return _told_unnamed(extraction, "aspirin_or_blood_thinners", "uncertain", found)


# Feeding that ended a while ago, with no birth told: "youngest is 2 and I stopped feeding
# ages ago" (a breastfeeding that is over).
_FEEDING_ENDED_AGO = re.compile(
    r"\b(stopped|quit|finished|gave up|done) (breast|chest)?[ -]?feeding\b[^.!?]{0,20}"
    r"\b((ages|years?|months?|a while|a long time|long) ago|last (year|month|summer|spring|"
    r"autumn|winter)|in (19|20)\d\d)\b",
    re.I,
)


_STILL_FEEDING = re.compile(r"\bstill (breast|chest)?[ -]?feed", re.I)


def feeding_ended(text: str, extraction: Extraction) -> Extraction:
    """A feeding said to have ended some time ago is a breastfeeding that is over."""
    found = _FEEDING_ENDED_AGO.search(text)
    if found is None or "breastfeeding" in extraction.statuses or _STILL_FEEDING.search(text):
        return extraction
    over = Mention("breastfeeding", "past", found.group(0))
    return _with(extraction, over)


# A pain tolerance told in plain words the lexicon's phrases miss: "my tolerance for
# injections is basically zero", "my pain tolerance has been rubbish lately", "I can barely
# handle a jab", "I feel every little prick way more than other people"; and a high one:
# "I'm pretty tough, I didn't even flinch at my last blood test".
_NOT = r"(?!(not|never|nt|isnt|wasnt)\b)"
_LOW_TOLERANCE = re.compile(
    r"\b(pain )?(tolerance|threshold) (for|of|to) (pain|injections?|needles?|jabs?) "
    rf"(is|has been|s been|was) ({_NOT}\w+ ){{0,2}}(zero|nil|non-?existent|low|lowish|rubbish|"
    r"terrible|awful|bad|poor|shocking|pathetic|crap|minimal)\b|"
    rf"\bpain (tolerance|threshold) (has been|s been|gets|got|has got|is getting) ({_NOT}\w+ )?"
    r"(zero|low|lower|lowish|rubbish|terrible|awful|bad|worse|poor|shocking|pathetic|crap)\b|"
    r"\bpain (tolerance|threshold)( is|s) (\w+ )?lowish\b|"
    r"\b(can|could) (barely|hardly|only just) (handle|take|cope with|stand|bear|manage) "
    r"(a |the |any |an )?(jabs?|needles?|injections?|pain|blood tests?)\b|"
    r"\bfeel (every|each) (little |tiny |single )?(prick|jab|needle|scratch)\b|"
    r"\b(everything|it all) hurts (way |much |a lot |so much )?more\b",
    re.I,
)
_HIGH_TOLERANCE = re.compile(
    r"\b(didnt|did not|dont|don't|never|didn't) (even )?flinch\b|"
    r"\b(im|i am|i'm) (pretty|quite|really|very|fairly) tough\b|"
    r"\b(the )?pain (itself )?(is|was|s|has been) (totally |completely |absolutely |perfectly |"
    r"really )?(fine|ok|okay|no problem|not a problem|not the problem|manageable|bearable)\b|"
    # "I don't have any trouble with pain", "my pain tolerance is perfectly ordinary"
    r"\b(dont|don't|do not|never) (have|had|get|got) (any |much |a )?(trouble|problems?|issues?|"
    r"bother) with (pain|needles?|injections?|jabs?)\b|"
    r"\bpain (tolerance|threshold)('?s| is| has always been) (perfectly |quite |pretty |fairly |"
    r"very |just |always been )?(ordinary|normal|average|fine|ok|okay|good|high|decent)\b",
    re.I,
)
# "I'm a wimp", "im such a baby": a low pain tolerance, said of oneself (not "he's a wuss")
_OWN_WIMP = re.compile(
    r"\b(i'?m|im|i am) (a |such a )(\w+ )?(wimp|wuss|sook|baby|scaredy.?cat)\b(?! about (the )?"
    r"(cost|price|money))",
    re.I,
)
# To the pain question: "after a year of needles a few more won't bother me", "needles are my
# life now" (elsewhere needles are a fear, not a pain tolerance: `needle_fear_only`).
_NEEDLES_NO_BOTHER = re.compile(
    r"\b(few more|needles?|injections?|jabs?|pain|it|that|they|them)( \w+)? (wont|won'?t|will not|"
    r"doesnt|doesn'?t|dont|don'?t|never) (bother|faze|fuss|scare|worry|trouble) me\b|"
    r"\b(needles?|injections?|jabs?) (are|is) (my life|nothing( to me)?|no bother|no problem|"
    r"a walk in the park|old hat)\b|\bused to (needles?|injections?|jabs?|pain)\b|"
    # "I've had worse", "after labour nothing scares me", "I can take it"
    r"\b(i'?ve|ive|i have) had (much |way |far )?worse\b|"
    r"\bnothing (\w+ )?(scares|bothers|fazes|frightens) me\b|"
    r"\bi can (take|handle|cope with) (it|that|a bit of pain|a little pain|pain)\b",
    re.I,
)


def needles_no_bother(text: str, extraction: Extraction) -> Extraction:
    """To the pain question, needles that don't bother the visitor: no low pain tolerance."""
    found = _NEEDLES_NO_BOTHER.search(text)
    return _told_unnamed(extraction, "low_pain_tolerance", "absent", found)


# "dunno how I am with pain tbh": not known, said as such
_UNKNOWN_TOLERANCE = re.compile(
    r"\b(dunno|dont know|don't know|do not know|not sure|no idea|unsure|never know) (how|what) "
    r"(i am|i'm|im|i'd be|id be|i would be|i'll be|i will be|i cope|i handle|i deal|my \w+ is)"
    r"( \w+){0,2} (with )?(pain|needles?|injections?|jabs?)\b",
    re.I,
)
_SOFTENED = re.compile(
    r"\?|\b(maybe|probably|i think|hard to (know|say|tell)|not sure|i guess|kind of|sort of)\b",
    re.I,
)


def pain_told_plainly(text: str, extraction: Extraction) -> Extraction:
    """A pain tolerance told in plain words, when nothing else read it (hedged: uncertain)."""
    if "low_pain_tolerance" in extraction.statuses:
        return extraction
    own = _OWN_WIMP.search(text)
    if own is not None:
        return _with(extraction, Mention("low_pain_tolerance", "present", own.group(0)))
    unknown = _UNKNOWN_TOLERANCE.search(text)
    if unknown is not None:
        return _with(extraction, Mention("low_pain_tolerance", "uncertain", unknown.group(0)))
    low = _LOW_TOLERANCE.search(text)
    high = None if low else _HIGH_TOLERANCE.search(text)
    found = low or high
    if found is None:
        return extraction
    status = "present" if low else "absent"
    if low and _SOFTENED.search(text):
        status = "uncertain"
    told = Mention("low_pain_tolerance", status, found.group(0))
    return _with(extraction, told)


# A pregnancy told by what happened: "I had a miscarriage in march" (over), "got a faint
# positive this morning!!" (now). A bare "positive test" stays unread (covid, strep...).
_PREGNANCY_LOST = re.compile(
    r"\b(miscarriage|miscarried|mmc|chemical pregnancy|ectopic( pregnancy)?|"
    r"lost (the|my|our|a) (baby|pregnancy))\b",
    re.I,
)
_PREGNANCY_NOW = re.compile(
    r"\b(faint (positive|line)|bfp|positive (pregnancy|preg|hpt) test|pregnancy test (was|is|came "
    r"back) positive)\b",
    re.I,
)


_EARLIER_PREGNANCY = re.compile(
    r"\b(last|previous|earlier|first|older|other|(lost|lose) (a|the|my))\W+(\w+\W+)?pregnanc", re.I
)


def pregnancy_events(text: str, extraction: Extraction) -> Extraction:
    """A pregnancy lost or an earlier one (past), a positive test just taken (present).

    Only where nothing read the pregnancy, or read it as now from the word "pregnancy" of
    an earlier one ("the gestational diabetes from my last pregnancy").
    """
    told = [m for m in extraction.mentions if m.condition == "pregnancy"]
    if (
        told
        and all(m.status == "present" and "pregnanc" in m.text.lower() for m in told)
        and _EARLIER_PREGNANCY.search(text)
    ):
        others = [m for m in extraction.mentions if m.condition != "pregnancy"]
        return _only(extraction, [*others, *(Mention(m.condition, "past", m.text) for m in told)])
    if "pregnancy" in extraction.statuses:
        return extraction
    now = _PREGNANCY_NOW.search(text)
    if now:
        return _with(extraction, Mention("pregnancy", "present", now.group(0)))
    lost = _PREGNANCY_LOST.search(text)
    if lost:
        return _with(extraction, Mention("pregnancy", "past", lost.group(0)))
    return extraction


# Breastfeeding told by the feeds or the milk: pumping, expressing or donating milk, combi or
# mixed feeding, "she still has one breastfeed in the morning", "I'm feeding my 7 month old".
_MILK_GIVEN = re.compile(
    r"\b((i|im|i am|i'm|we) (still |now |just |only |exclusively )?(pump|pumping|express|"
    r"expressing)\b|(pump|pumping|expressing|donating)\W+(\w+\W+){0,2}(breast ?)?milk|"
    r"(pump|pumping|expressing) for (my|our|the) (\w+ )?(baby|babe|newborn|son|daughter|twins)|"
    r"(combi|combination|mixed)[ -]?(feed|feeding|fed)|"
    r"(has|have|gets|get|takes|does|do) (still )?(one|a|two|three|\d) (breast ?)?feeds?\b|"
    r"(i'?m|i am) (still )?feeding (my|our|the) (\w+[ -]){0,2}(baby|babe|newborn|son|daughter|"
    r"little one|boy|girl|old)\b(?!\W+(\w+\W+){0,3}(formula|bottle)))",
    re.I,
)
_NOT_MILK = re.compile(
    r"\b(formula only|only formula|exclusively formula|bottle ?fed only)\b", re.I
)
_DIRECTLY = re.compile(r"\b(directly|from the breast|at the breast|latch\w*)\b", re.I)


def milk_given(text: str, extraction: Extraction) -> Extraction:
    """Pumping, combi feeding or the baby's feeds told: the visitor breastfeeds.

    Read where nothing else was, or over the baby read as the one "breastfeeding" ("she
    still has one breastfeed"), or over a denial of feeding at the breast only ("not
    breastfeeding directly but I pump").
    """
    found = _MILK_GIVEN.search(text)
    if found is None or _NOT_MILK.search(text):
        return extraction
    told = [m for m in extraction.mentions if m.condition == "breastfeeding"]
    statuses = {m.status for m in told}
    if statuses and not (
        statuses <= {"other_person"} or (statuses <= {"absent"} and _DIRECTLY.search(text))
    ):
        return extraction
    others = [m for m in extraction.mentions if m.condition != "breastfeeding"]
    return _only(extraction, [*others, Mention("breastfeeding", "present", found.group(0))])


# Gestational diabetes ends with the pregnancy: told with no pregnancy now ("just the
# gestational diabetes I told you about"), it is over; told as now ("I have gestational
# diabetes"), the visitor is pregnant.
_NOW_IN_PREGNANCY = re.compile(
    r"\b((i have|i've got|ive got|i got|diagnosed with|i'm|im|i am) (\w+ )?gestational|"
    r"(this|current) pregnancy|currently|at the moment|right now)\b",
    re.I,
)


def gestational_diabetes(text: str, extraction: Extraction) -> Extraction:
    """Gestational diabetes: over unless told as now, and then a pregnancy too."""
    told = [
        m
        for m in extraction.mentions
        if m.condition == "diabetes" and m.status == "present" and "gestational" in text.lower()
    ]
    if not told:
        return extraction
    if _NOW_IN_PREGNANCY.search(text):
        if "pregnancy" in extraction.statuses:
            return extraction
        return _with(extraction, Mention("pregnancy", "present", "gestational"))
    if extraction.statuses.get("pregnancy") == "present":
        return extraction
    over = [Mention(m.condition, "past", m.text) if m in told else m for m in extraction.mentions]
    return _only(extraction, over)


# Words that name a condition only near it: "pre-cancerous cells" (to discuss, not cancer),
# a biopsy awaited for a condition the message names ("might be psoriasis, waiting on the
# biopsy result": the psoriasis's, not a cancer).
_PRE_CANCEROUS = re.compile(r"\bpre[ -]?cancerous\b", re.I)


def near_words(text: str, extraction: Extraction) -> Extraction:
    """Pre-cancerous is to discuss; a biopsy for another named condition is not cancer."""
    mentions = list(extraction.mentions)
    if _PRE_CANCEROUS.search(text):
        mentions = [
            Mention(m.condition, "uncertain", m.text)
            if m.condition == "cancer" and m.status == "present" and m.text.lower() == "cancerous"
            else m
            for m in mentions
        ]
    if any(m.condition != "cancer" for m in mentions):
        mentions = [
            m
            for m in mentions
            if not (
                m.condition == "cancer" and "biopsy" in m.text.lower() and m.status != "present"
            )
        ]
    return _only(extraction, mentions)


# "I might have a bleeding disorder, my GP is running tests because my gums bleed a lot":
# the signs given as the reason for the doubt are not a finding of their own.
_REASON = re.compile(r"\b(because|cause|cos|coz|since|as|so|tests?|testing|checking)\b", re.I)


def doubt_with_reasons(text: str, extraction: Extraction) -> Extraction:
    """A condition hedged, then backed by a reason or tests: it stays uncertain."""
    mentions = list(extraction.mentions)
    lowered = text.lower()
    for hedged in [m for m in mentions if m.status == "uncertain"]:
        at = lowered.find(hedged.text.lower())
        for present in [m for m in mentions if m.condition == hedged.condition]:
            if present.status != "present":
                continue
            later = lowered.find(present.text.lower(), at + 1)
            if at >= 0 and later > at and _REASON.search(lowered[at:later]):
                mentions.remove(present)
    return _only(extraction, mentions)


# The check's question echoed and answered at once: "pregnant? no lol, baby is 8 weeks",
# "breastfeeding?? yep". Only a condition named nearly alone before the question mark.
_ECHO_ANSWER = re.compile(
    r"^\s*\?+\s*(?P<no>no|nope|nah|never|not me)\b(?! (idea|clue|way))|"
    r"^\s*\?+\s*(?P<yes>yes|yep|yeah|yup)\b(?! or)",
    re.I,
)


def echoed_answer(text: str, extraction: Extraction) -> Extraction:
    """A condition asked back and answered in the same breath is that answer."""
    lowered = text.lower()
    mentions = list(extraction.mentions)
    for i, m in enumerate(mentions):
        at = lowered.find(m.text.lower())
        if m.status != "question" or at < 0:
            continue
        clause = re.split(r"[,.;!?]", lowered[:at])[-1].split()
        answer = _ECHO_ANSWER.match(lowered[at + len(m.text) :])
        if answer is None or len(clause) > 2:
            continue
        mentions[i] = Mention(m.condition, "absent" if answer.group("no") else "present", m.text)
    return _only(extraction, mentions)


# Whose it is, put right in the same message: "wait I said he was on aspirin - it's me",
# "we're both on blood thinners... well actually just him, I'm not on anything".
_ITS_ME = re.compile(
    r"\b(it'?s|it is|its|that'?s|thats|it was) (actually |really )?(me|mine|my own)\b|"
    r"\bactually (it'?s |its )?me\b"
    # not who has the treatment ("my wife's breastfeeding but it's me who wants it done")
    r"(?!\W*(who|having|getting|that|wanting|doing|booking|the one|for the))",
    re.I,
)
# Putting an earlier word right: "wait I said he was...", "sorry, I meant", "actually".
_PUTTING_RIGHT = re.compile(
    r"\b(wait|sorry|oops|actually|i said|i meant|my bad|hang on|correction|no no)\b", re.I
)
_ONLY_THEM = re.compile(
    r"\b(actually|sorry|wait|no|well)\W+((it'?s|its|it is|thats|that'?s) )?(just|only) "
    r"(him|her|them|my (husband|wife|partner|boyfriend|girlfriend|mum|mom|dad|son|daughter|"
    r"sister|brother|friend))\b",
    re.I,
)


def whose_put_right(text: str, extraction: Extraction) -> Extraction:
    """One condition told as another's then "it's me" (or as both, then "just him")."""
    keys = {m.condition for m in extraction.mentions}
    if len(keys) != 1:
        return extraction
    (key,) = keys
    first = extraction.mentions[0]
    at = text.lower().find(first.text.lower())
    after = text[at + len(first.text) :] if at >= 0 else ""
    status = extraction.statuses.get(key)
    if status == "other_person" and _ITS_ME.search(after) and _PUTTING_RIGHT.search(text):
        return _only(extraction, [Mention(key, "present", first.text)])
    if status == "present" and _ONLY_THEM.search(after):
        return _only(extraction, [Mention(key, "other_person", first.text)])
    return extraction


# A tendency told by what a medicine does: "I have been bruising more since the tablets".
_BRUISING_MORE = re.compile(
    r"\b(i'?ve been|i have been|i'?m|i am|i)\s+(\w+\s+)?(bruising|bruise)\s+(a lot |so much |way )?"
    r"more\b[^.!?]{0,20}\b(since|on|with|because of)\s+(the|my|these|those|starting|i started)\b",
    re.I,
)


# Bruises the visitor can't account for: "I sometimes find bruises and have no idea where
# they came from" (with "maybe?" before it: not sure).
_BRUISES_UNEXPLAINED = re.compile(
    r"\b(find|finding|get|getting|notice|noticing|spot|have|wake up with)( \w+){0,2} bruises?"
    r"\b[^.!?]{0,40}\b"
    r"(no idea|dont know|don'?t know|do not know|not sure|never know|can'?t remember|cant "
    r"remember) (where|how|why|when)\b",
    re.I,
)


def bruising_more(text: str, extraction: Extraction) -> Extraction:
    """Bruising more since a medicine was started is a tendency to bruise, now.

    So are bruises the visitor finds without knowing where from (hedged: not sure).
    """
    if "prone_to_bruising" in extraction.statuses:
        return extraction
    found = _BRUISING_MORE.search(text)
    if found is not None:
        return _with(extraction, Mention("prone_to_bruising", "present", found.group(0)))
    found = _BRUISES_UNEXPLAINED.search(text)
    if found is None:
        return extraction
    status = "uncertain" if _SOFTENED.search(text) else "present"
    return _with(extraction, Mention("prone_to_bruising", status, found.group(0)))


_Step = Callable[[str, Extraction], Extraction]
# Every step, in the order they read a message (later steps see the earlier ones' readings).


# A cancer whose treatment is over: "done with radiotherapy for my cancer", "my oncologist
# said there's no evidence of disease" (not while a treatment goes on).
_TREATMENT_OVER = re.compile(
    r"\b((done|finished|through|over) with (my |the |all (my |the |of (my |the )?)?)?(chemo\w*|"
    r"radio\w*|radiation|treatment)|finished (my |the )?(chemo\w*|radio\w*|radiation|treatment)|"
    r"no (evidence|sign|signs|trace) of (the )?(disease|cancer|it)|\bned\b)",
    re.I,
)
_STILL_TREATED = re.compile(
    r"\b(still|currently|at the moment|ongoing|start(ing|s)? (chemo|radio)|tamoxifen|letrozole|"
    r"anastrozole|herceptin|hormone therapy|maintenance)\b",
    re.I,
)


def treatment_over(text: str, extraction: Extraction) -> Extraction:
    """A cancer told with its treatment over reads as over (see above)."""
    if not _TREATMENT_OVER.search(text) or _STILL_TREATED.search(text):
        return extraction

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        return "past" if mention.condition == "cancer" and mention.status == "present" else None

    return _restatus(text, extraction, decide)


# "baby is 3 months and still breastfed": feeding that goes on, though told in the past tense.
_STILL_FED = re.compile(r"\b(still|currently|now) (being |exclusively |mostly )?$", re.I)


def still_fed(text: str, extraction: Extraction) -> Extraction:
    """A breastfeeding told with "still" reads as now (see above)."""

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        if mention.condition != "breastfeeding" or mention.status not in ("past", "other_person"):
            return None
        if mention.status == "other_person" and not re.search(r"fed\b", mention.text.lower()):
            return None  # "my son is still breastfed" is fed by the visitor; "my daughter's
            # still breastfeeding the baby" is hers
        return "present" if _STILL_FED.search(lowered[max(0, at - 25) : at]) else None

    return _restatus(text, extraction, decide)


# A hedge inside what was told ("my skin might be sensitive?") or closing its sentence ("i
# bruise a bit easier than most ppl maybe"): not sure.
_HEDGED_INSIDE = re.compile(r"\b(might|may|could) (be|have)\b|\b(maybe|possibly|perhaps)\b", re.I)
_HEDGE_CLOSES = re.compile(
    r"^[^.!?;]{0,40}?\b(maybe|possibly|perhaps|i think|i guess|i suppose|not sure)\W*$", re.I
)


def hedged_told(text: str, extraction: Extraction) -> Extraction:
    """A condition told with a hedge inside it, or closing its sentence, reads as not sure."""
    if len(extraction.mentions) != len({m.condition for m in extraction.mentions}):
        return extraction

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        if mention.status != "present":
            return None
        after = lowered[at + len(mention.text) :]
        sentence = re.split(r"[.!?;]", after, maxsplit=1)[0]
        later = any(
            other.text.lower() in sentence for other in extraction.mentions if other != mention
        )
        closes = _HEDGE_CLOSES.match(sentence) and not later
        return "uncertain" if _HEDGED_INSIDE.search(mention.text) or closes else None

    return _restatus(text, extraction, decide)


# "not pregnant, but my partner is, we're expecting in May": the partner's pregnancy.
# "my wife and I are expecting", "the wife is 5 months along" too
_PARTNER_IS = re.compile(
    r"\b(my|our|the) (partner|wife|girlfriend|gf|missus|mrs|fiancee|fiance|other half)('?s| is|"
    r" and (i|me)\b)|\b(me|i) (and|&) (my|the) (partner|wife|girlfriend|gf|missus|mrs|fiancee|"
    r"fiance|other half)\b",
    re.I,
)
_WE_EXPECT = re.compile(r"\b(we'?re|we are|were|are|(and|&) (i|me)'?re) (\w+ )?$", re.I)


# "we're both pregnant", "I'm the one carrying this time": the visitor's own as well
_CARRYING_TOO = re.compile(r"\bboth\b|\b(i'?m|i am|im) the one\b", re.I)


def expecting_together(text: str, extraction: Extraction) -> Extraction:
    """A "we're expecting" beside a partner who is: the partner's pregnancy (see above)."""
    if not _PARTNER_IS.search(text) or _CARRYING_TOO.search(text):
        return extraction

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        ours = _WE_EXPECT.search(lowered[max(0, at - 20) : at])
        return "other_person" if mention.condition == "pregnancy" and ours else None

    return _restatus(text, extraction, decide)


# "one of us has diabetes": a couple's, not said whose; "..., my husband, not me" says it.
_ONE_OF_US = re.compile(r"\b(one|either|some) of (us|the two of us|us two)( \w+){0,2}$", re.I)
_WHOSE_AFTER = re.compile(
    r"^[^.!?]{0,40}?\b(?P<other>not me|not mine|(my|the) (husband|wife|partner|boyfriend|"
    r"girlfriend|fiance|fiancee|other half|hubby|missus|mrs)\b(?! and (i|me)\b)|\b(he|she|they)"
    r"( is|'s| has| does)\b)|\b(?P<mine>(it'?s|its|that'?s|thats) me|me,? not (him|her|them))\b",
    re.I,
)


def one_of_us(text: str, extraction: Extraction) -> Extraction:
    """A condition of "one of us": whose it is said after, else not known (to discuss)."""

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        if not _ONE_OF_US.search(lowered[max(0, at - 30) : at].rstrip()):
            return None
        whose = _WHOSE_AFTER.search(lowered[at + len(mention.text) :])
        if whose is None:
            return "uncertain"
        return "present" if whose.group("mine") else "other_person"

    return _restatus(text, extraction, decide)


# Someone else's word about the visitor, then the visitor's own denial: "my mum thinks I'm
# pregnant lol, I'm not", "my wife reckons I've got a low pain threshold but I'm fine".
_THEY_SAY_I = re.compile(
    r"(?<!\bi )\b(thinks|reckons|says|said|claims|believes|swears|insists|jokes)( that)? "
    r"(i'?m|i am|im|i have|i'?ve got|ive got|i've|i)( \w+){0,2}$",
    re.I,
)
_BUT_I_AM_NOT = re.compile(
    r"^[^.!?]{0,40}?\b((i'?m not|i am not|im not|i'?m really not)(?! (sure|certain|100))|"
    r"(i don'?t|i do not|i dont)(?! (really )?(know|think|remember|notice|mind))|"
    r"i'?m (totally |honestly |actually )?(fine|ok|okay|good)( with (it|them|needles|pain))?|"
    r"(honestly|actually|really),? i'?m (fine|ok|okay))\b",
    re.I,
)


_MAYBE_AFTER = re.compile(
    r"^[^.!?]{0,30}?\b(i might|i may|might be|may be|maybe|could be|not sure|possibly)\b", re.I
)


def denied_after_hearsay(text: str, extraction: Extraction) -> Extraction:
    """What someone else says the visitor has, then denied by the visitor: absent."""

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        if mention.status not in ("present", "uncertain", "other_person"):
            return None
        if not _THEY_SAY_I.search(lowered[max(0, at - 40) : at].rstrip()):
            return None
        after = lowered[at + len(mention.text) :]
        if _BUT_I_AM_NOT.search(after):
            return "absent"
        return "uncertain" if _MAYBE_AFTER.search(after) else None  # "..., I might be"

    return _restatus(text, extraction, decide)


# "there might be something going on with my heart, they're doing tests": a heart condition
# not known yet (a heart condition the lexicon names is read there).
_HEART_UNNAMED = re.compile(
    r"\b(something|anything|a problem|problems|an issue|issues) (going on |wrong |up |funny "
    r")?with my heart\b",
    re.I,
)
_NOT_KNOWN_YET = re.compile(
    r"\b(might|may|could|maybe|possibly|tests?|testing|checking|checked|investigat\w*|"
    r"not sure|don'?t know|dont know|wondering)\b",
    re.I,
)


def heart_unnamed(text: str, extraction: Extraction) -> Extraction:
    """Something going on with the heart, not known yet: a heart condition to discuss."""
    found = _HEART_UNNAMED.search(text)
    if found is not None and (
        not _NOT_KNOWN_YET.search(text)
        or re.search(r"\b(no|not|nothing|never)\b", text[: found.start()], re.I)
    ):
        return extraction  # known ("my heart is fine") or denied ("nothing wrong with ...")
    return _told_unnamed(extraction, "cardiac_disorder", "uncertain", found)


# Blood sugars kept under control are a diabetes: "even if my sugars are well controlled?".
_SUGARS_CONTROLLED = re.compile(
    r"\b(my|his|her) (blood )?(sugars?|glucose|hba1c|a1c)( levels?)? (are|is|have been|s|has been|"
    r"being|r)? ?(well |very |really |pretty |nicely |tightly |fully )?(controlled|managed|under "
    r"control|kept in check)\b",
    re.I,
)


def sugars_controlled(text: str, extraction: Extraction) -> Extraction:
    """Sugars told as controlled, with no diabetes named: a diabetes (see above)."""
    found = _SUGARS_CONTROLLED.search(text)
    whose = "present" if found and found.group(1).lower() == "my" else "other_person"
    return _told_unnamed(extraction, "diabetes", whose, found)


# A degree told, then asked whether it counts: "my skin's fairly sensitive, is that what you
# mean by very sensitive?", "I bruise quite a lot, would that count?"
_DOES_IT_COUNT = re.compile(
    r"\b((does|do|would|will|could|might) (that|this|it|mine|that one) (count|qualify)|"
    r"(is|would) (that|this|it|mine) (what you mean|what u mean|what they mean|the kind you mean|"
    r"considered|classed|counted|enough|too much|severe|bad enough)|"
    r"(does|do|would) (that|this|it) (make|mean) (me|it|mine) (a |an )?(very|too|severe|low))\b",
    re.I,
)


def degree_asked(text: str, extraction: Extraction) -> Extraction:
    """A trait told in some degree and asked whether it counts: not known (to discuss)."""
    if not _DOES_IT_COUNT.search(text):
        return extraction
    return _restatus(
        text,
        extraction,
        lambda lowered, at, m: (
            "uncertain" if m.condition in _TRAITS and m.status == "present" else None
        ),
    )


_YET = re.compile(
    r"\b(yet|pretty sure|i think|(don'?t|do not|dont) think|not sure|probably|borderline|"
    r"pre-?diabet\w*)\b",
    re.I,
)
_SUGAR_READING = re.compile(r"\b(hba1c|a1c|sugars?|glucose)\b", re.I)


def reading_beside_a_denial(text: str, extraction: Extraction) -> Extraction:
    """A test reading beside the condition denied by name: the denial.

    "my blood sugar came back a bit high once but I'm not diabetic": the visitor knows the
    result and says what it means; not "I'm not sure I'm diabetic, my sugars are high".
    """
    if _YET.search(text):
        return extraction  # "my sugars are high, not diabetic yet", "pretty sure": to discuss
    mentions = list(extraction.mentions)
    for key in {m.condition for m in mentions}:
        own = [m for m in mentions if m.condition == key]
        readings = [m for m in own if _SUGAR_READING.search(m.text)]
        denials = [m for m in own if m.status == "absent" and not _READING.search(m.text)]
        if readings and denials and len(readings) + len(denials) == len(own):
            mentions = [m for m in mentions if m not in readings]
    return _only(extraction, mentions)


# A worry about a condition in general, not one's own: "so I worry about heart stuff" (after
# a husband's heart attack); not "I worry about my diabetes" (theirs, named as theirs).
_WORRIED_ABOUT = re.compile(
    r"\b(i|i'?m|im|i am|we|we'?re|were|we are)( \w+)? (worry|worried|worrying|concerned|nervous|"
    r"anxious|paranoid|fret|fretting)( \w+)? (about|over|of|for) (the |any |all |that |this )?"
    r"((kind|sort) of |\w+ like )?$",
    re.I,
)


def worry_in_general(text: str, extraction: Extraction) -> Extraction:
    """A condition named as a worry, with nothing saying it is the visitor's: a question."""

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        if mention.status != "present":
            return None
        clause = re.split(r"[.,;!?]", lowered[max(0, at - 60) : at])[-1]
        return "question" if _WORRIED_ABOUT.search(clause) else None

    # where it is named last: "my mum has diabetes so I worry about diabetes"
    return _restatus(text, extraction, decide, last=True)


# Tests still to come after a denial: "I don't think I have a heart condition, but they're
# running tests on my heart next month" (not known yet: to discuss).
_TESTS_PENDING_AFTER = re.compile(
    r"\b(but|though|tho|although|however|except)\b[^.!?]{0,40}\b(running|doing|having|booked "
    r"(in )?for|waiting (for|on)|getting|sending me for|referred (me )?for|due (for|a)|going for)\b"
    r"[^.!?]{0,25}\b(tests?|scans?|checks?|investigations?|ecg|echo|bloods?|biopsy|results?)\b",
    re.I,
)


_SOMEONE_ELSES = re.compile(
    r"\b(my (mum|mom|mother|dad|father|husband|wife|partner|boyfriend|girlfriend|sister|brother|"
    r"son|daughter|friend|aunt|uncle|nan|nana|gran|granny|grandma|grandad|grandpa|cousin|kid|"
    r"child)|she|he|her|his)\b",
    re.I,
)


def denied_before_tests(text: str, extraction: Extraction) -> Extraction:
    """One condition denied, then tests for it still to come: uncertain."""
    if len(extraction.mentions) != 1 or extraction.mentions[0].status != "absent":
        return extraction

    def decide(lowered: str, at: int, mention: Mention) -> Optional[str]:
        pending = _TESTS_PENDING_AFTER.search(lowered, at + len(mention.text))
        if pending is None or _SOMEONE_ELSES.search(pending.group(0)):
            return None  # not "I don't have diabetes but my mum is having tests"
        return "uncertain"

    return _restatus(text, extraction, decide)


_STEPS: Tuple[_Step, ...] = (
    tests_said_normal,
    measured_conditions,
    also_the_visitors,
    counted_pregnancy,
    needle_fear_only,
    hedged_with_evidence,
    unnamed_blood_medicine,
    feeding_ended,
    pregnancy_events,
    milk_given,
    gestational_diabetes,
    near_words,
    doubt_with_reasons,
    echoed_answer,
    whose_put_right,
    bruising_more,
    pain_told_plainly,
    ruled_out_by_tests,
    only_suspected,
    medicine_taken_or_not,
    raised_not_told,
    pregnancy_as_a_time,
    treatment_over,
    still_fed,
    hedged_told,
    expecting_together,
    one_of_us,
    denied_after_hearsay,
    heart_unnamed,
    sugars_controlled,
    needles_no_bother,
    degree_asked,
    reading_beside_a_denial,
    worry_in_general,
    denied_before_tests,
)


def read(text: str, extraction: Extraction, as_pain_answer: bool = False) -> Extraction:
    """The lexicon's reading adjusted by every step, in order.

    `as_pain_answer`: the message answers the check's pain question, where a fear of needles
    is the answer, so it is not set aside (`needle_fear_only` is skipped), and needles that
    don't bother the visitor answer it too (`needles_no_bother`, read only there).
    """
    for step in _STEPS:
        if as_pain_answer and step is needle_fear_only:
            continue
        if not as_pain_answer and step is needles_no_bother:
            continue  # "injections don't scare me" told by the way is no pain answer
        extraction = step(text, extraction)
    return extraction
