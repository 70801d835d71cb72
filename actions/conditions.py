"""Find contraindications in a visitor's free text, with clause-scoped negation.

`extract(text)` returns the conditions of knowledge/contraindications.yml the visitor says they
have (`present`) or do not have (`absent`), and any bare answer ("yes", "no", "unsure",
"declined"). Matching uses spaCy over lowercased tokens: the synonyms of the data file as
exact phrases and by lemma (so "bruises easily" matches "bruise easily"), a few patterns for
word order ("my skin is very sensitive"), and an edit-distance-1 fallback for unknown long words
("diabetis"). The spaCy pipeline is loaded lazily on first use and cached.

Rules, kept simple on purpose (see tests/test_conditions.py for examples):
- A clause runs to the next ".", "!", "?", ";", new line, "but", "however", "though",
  "although", "yet", "because", "except", "yes", or to a ",", "-" or "and" that is followed by a
  new subject or verb ("I'm not pregnant, I have diabetes"; "no cancer and have eczema").
- A negation cue ("not", "n't", "no", "never", "without", "nor", "neither", "none",
  "nothing", "free of") earlier in the same clause negates a mention; so does a short reply
  right after it ("diabetes: no", "pregnant? not me"), and "isn't" inside a match ("my skin
  isn't sensitive"). "No, ..." followed by a comma or a new subject is an interjection.
- If a key is affirmed anywhere in the message it is present, even if it is also negated
  elsewhere ("not on warfarin anymore but I take aspirin": aspirin_or_blood_thinners present);
  `absent` only lists keys that are negated and never affirmed.
- Mentions about someone else ("my sister is pregnant", "she has diabetes": the nearest
  person word before the mention in the sentence decides), hypothetical ones ("what if I'm
  pregnant?") and hedged ones ("I might be pregnant", "not sure if I have diabetes") are left
  out; a hedged mention about the visitor turns a missing or "no" answer into "unsure".
- Pregnancy and breastfeeding are about now: "I was pregnant last year" or "I breastfed" is
  left out (not present, not absent). Other conditions count even when in the past ("I had
  cancer", "in remission", "cancer free"): a professional must assess them.
- "stopped", "quit", "came off", "used to" before aspirin, blood thinners, retinol,
  pregnancy or breastfeeding mean absent ("I stopped taking aspirin").
- `answer` is set when the message starts with an answer ("yes", "no, not that I know of",
  "I'd rather not say"); "I am", "I don't", "private" and other weak phrases only count when
  the message is nothing else. A "no" right next to a mention belongs to the mention, not to
  the whole question ("no heart problems" says nothing about cancer): answer None there.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from actions.knowledge import Knowledge, load_knowledge
from actions.settings import SPACY_MODEL_DIR

if TYPE_CHECKING:  # spaCy is imported lazily: it is slow to import
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc

MAX_CHARS = 2000  # only this much of a message is analysed

# --- data classes (the API the form actions use) --------------------------------------------


STATUSES = ("present", "absent", "other_person", "past", "question", "uncertain")
# When a message says several things of one condition, the one that matters for the visitor
# wins: a statement beats a question ("I'm on warfarin, does that count?": present), and a
# hedge or a past condition beats a denial (both must reach a professional).
_STATUS_PRIORITY = {
    s: i
    for i, s in enumerate(["present", "uncertain", "past", "absent", "question", "other_person"])
}


@dataclass(frozen=True)
class Mention:
    """One condition named in the text and what the visitor says of it (see STATUSES)."""

    condition: str
    status: str
    text: str

    @property
    def negated(self) -> bool:
        """Whether the visitor said they do not have it."""
        return self.status == "absent"


@dataclass(frozen=True)
class Extraction:
    """What a message says: condition mentions and a bare yes/no/unsure/declined answer."""

    mentions: Tuple[Mention, ...]
    answer: Optional[str]

    @property
    def statuses(self) -> Dict[str, str]:
        """Condition key -> the status that matters (in order of first mention)."""
        result: Dict[str, str] = {}
        for mention in self.mentions:
            known = result.get(mention.condition)
            if known is None or _STATUS_PRIORITY[mention.status] < _STATUS_PRIORITY[known]:
                result[mention.condition] = mention.status
        return result

    def keys_with(self, status: str) -> Tuple[str, ...]:
        """Condition keys whose status is `status`, in order of mention."""
        return tuple(key for key, value in self.statuses.items() if value == status)

    @property
    def present(self) -> Tuple[str, ...]:
        """Condition keys the visitor affirmed (deduplicated, in order of mention)."""
        return self.keys_with("present")

    @property
    def absent(self) -> Tuple[str, ...]:
        """Condition keys the visitor explicitly denied (and did not also affirm)."""
        return self.keys_with("absent")


# --- word lists ------------------------------------------------------------------------------

_SUBJECTS = frozenset("i im ive id we he she they it my our me you his her their".split())
_SELF = frozenset("i im ive id me myself we us our ourselves".split())
_OTHERS = frozenset(
    """she he her his him hers bf boyf hubs mum mom mother mummy mommy mam dad father
    daddy papa sister brother sis bro sibling wife husband hubby partner boyfriend girlfriend
    fiance fiancé fiancee spouse friend bestie daughter son child kid baby toddler aunt auntie
    aunty uncle cousin niece nephew grandma grandmother granny gran nan nana nanna grandpa
    grandfather grandad granddad grandparent parent family relative colleague coworker
    neighbour neighbor boss client customer people someone somebody anyone anybody everyone
    women men patients gf bff missus wifey madre padre mama mamá mère mutter mate mates
    flatmate roommate housemate person ppl diabetics""".split()
)
# Person words that ask in general ("can cancer patients have it?"): a question, not a finding.
_GENERIC_PERSONS = frozenset(
    """people patients someone somebody anyone anybody everyone women men person ppl
    diabetics ladies individuals persons folks you your youre u ur one""".split()
)
# For pregnancy and breastfeeding, the baby is not whose condition it is ("pumping for my baby").
_BABY_WORDS = frozenset("baby babies newborn infant toddler twins bump".split())
_GENERIC_PLURALS = frozenset(
    "women mothers mums moms people patients ladies girls individuals persons folks".split()
)
_VERB_STARTS = frozenset("have take be get suffer use bruise hate fear need".split())
_SKIP_WORDS = frozenset("also now currently still then too actually really just so".split())
_CLAUSE_WORDS = frozenset(
    """but however though although yet because cos coz cuz whereas except unless while whilst
    yes yeah yep yup""".split()
)
_SOFT_BREAKS = frozenset([",", "-", "–", "—", "(", ")", "/", "and", "&", "+", "plus", "so"])
_NEGATIONS = frozenset(
    "not n't nt no never without nor neither none nothing nobody dont doesnt didnt".split()
)
_POST_NEGATIONS = frozenset("no nope nah not n't never negative none".split())
_POST_NEG_FOLLOW = frozenset("me really anymore currently now at that thanks lately".split())
_POST_YES = frozenset("yes yeah yep yup y definitely correct".split())
_HEDGES = frozenset(
    """maybe might perhaps possibly probably unsure dunno idk may could suspect wonder think
    guess""".split()
)
_HEDGE_PAIRS = frozenset(
    [
        ("not", "sure"),
        ("not", "certain"),
        ("n't", "know"),
        ("not", "know"),
        ("no", "idea"),
        ("n't", "remember"),
        ("not", "remember"),
        ("no", "clue"),
        ("n't", "sure"),
        ("nt", "sure"),
        ("nt", "know"),
        ("nt", "remember"),
    ]
)
_HYPOTHETICAL = frozenset("if whether suppose supposing assuming hypothetically".split())
_PRESENT_MARKERS = frozenset("am 'm m is are 're currently now still".split())
_PAST_MARKERS = frozenset("was were had".split())
_PAST_AFTER = frozenset("ago previously formerly".split())
_TIME_WORDS = frozenset("year month week time summer winter spring autumn fall".split())
_STOP_WORDS = frozenset("stopped quit finished ceased paused".split())
_STOP_PAIRS = frozenset([("gave", "up"), ("came", "off"), ("used", "to"), ("no", "longer")])
_POST_UNSURE = frozenset("unsure dunno idk possibly".split())
_QUESTION_LEAD_IN = frozenset(
    "so and but also um umm ok okay oh hi hey sorry wait well then like".split()
)
_QUESTION_STARTS = frozenset(
    """do does is are am can could would should will shall what whats how which who why
    when any anything""".split()
)
_PAST_BEFORE = frozenset(
    """had was were formerly previously survived beat beaten recovered ex former history
    treated""".split()
)
_PAST_AFTER_RE = re.compile(
    r"\b(ago|free|all clear|in remission|remission|survivor|cured|gone|went away|anymore|"
    r"any more|not now|no more|back in|when i was|as a (baby|kid|child|teen|teenager)|"
    r"years back|previously|clear for|clear since|been clear|totally clear|signed off|"
    r"resolved|finished|stopped|quit|came off|gave up|no longer|weaned)\b"
)
_PAST_ANYWHERE_RE = re.compile(
    r"\b(in remission|remission from|survived|recovered from|history of)\b"
)

# Conditions that are about now (a past one is left out) / that can be stopped (absent).
_CURRENT_ONLY = frozenset({"pregnancy", "breastfeeding"})
_STOPPABLE = frozenset({"pregnancy", "breastfeeding", "aspirin_or_blood_thinners", "retinol"})
# Synonyms matched only exactly, not by lemma ("with children" is not "with child").
_EXACT_ONLY = frozenset({"with child"})
_EXPECTING_NEXT_OK = frozenset(
    "a baby babies twins triplets my our again soon now currently right in and but so".split()
)
_NOT_BREASTFEEDING_NEXT = frozenset(
    """home homes student students school degree job jobs course staff care assistant career
    team background qualification""".split()
)

# --- hand-written patterns where word order or inflection varies -----------------------------


def _lower(*words: str) -> Dict[str, Any]:
    """A Matcher token that is one of these lowercase words."""
    return {"LOWER": {"IN": list(words)}}


def _lemma(*words: str) -> Dict[str, Any]:
    """A Matcher token whose lemma is one of these."""
    return {"LEMMA": {"IN": list(words)}}


def _optional(*words: str) -> Dict[str, Any]:
    """Any number of these lowercase words (or none)."""
    return {"LOWER": {"IN": list(words)}, "OP": "*"}


_NOT = {
    "LOWER": {"IN": ["not", "n't", "nt"]},
    "OP": "?",
}  # "my skin isn't sensitive": see _classify
_ADVERBS = _optional(
    "very",
    "really",
    "quite",
    "so",
    "soo",
    "sooo",
    "soooo",
    "extremely",
    "super",
    "pretty",
    "too",
    "kinda",
    "kind",
    "of",
    "sorta",
    "a",
    "bit",
    "fairly",
    "rather",
    "crazy",
    "insanely",
)
_PATTERNS: Tuple[Tuple[str, List[Dict[str, Any]]], ...] = (
    ("prone_to_bruising", [_lemma("bruise"), _ADVERBS, _lower("easily", "easy", "quickly")]),
    ("prone_to_bruising", [_lemma("bruise"), _ADVERBS, _lower("a"), _lower("lot")]),
    ("prone_to_bruising", [_lower("easily", "easy"), _lemma("bruise")]),
    ("prone_to_bruising", [_lower("prone", "susceptible"), _lower("to"), _lemma("bruise")]),
    (
        "cardiac_disorder",
        [
            _lower("heart", "hart", "cardiac", "cardio"),
            _optional("-", "related", "rhythm"),
            _lemma("problem", "condition", "issue", "disease", "disorder", "trouble", "defect"),
        ],
    ),
    (
        "cardiac_disorder",
        [
            _lemma("problem", "issue", "condition", "trouble"),
            _lower("with"),
            _lower("my", "the"),
            _lower("heart"),
        ],
    ),
    (
        "blood_clotting_disorder",
        [
            {"LOWER": "blood", "OP": "?"},
            _lower("clotting", "clot", "bleeding", "coagulation"),
            _lemma("disorder", "problem", "issue", "condition", "disease", "stuff", "thing"),
        ],
    ),
    ("blood_clotting_disorder", [_lemma("bleed"), _ADVERBS, _lower("easily", "easy", "a")]),
    (
        "aspirin_or_blood_thinners",
        [_lower("blood"), {"LOWER": "-", "OP": "?"}, _lower("thinning", "thinner", "thinners")],
    ),
    (
        "severe_skin_sensitivity",
        [
            _lower("skin"),
            {"LEMMA": "be", "OP": "?"},
            _NOT,
            _ADVERBS,
            _lower("sensitive", "hypersensitive", "reactive"),
        ],
    ),
    (
        "low_pain_tolerance",
        [
            _lemma("scare", "afraid", "terrify", "frighten", "fear", "petrify", "phobic"),
            _lower("of", "by"),
            _optional("the", "all", "any"),
            _lemma("needle", "injection", "jab", "shot", "pain"),
        ],
    ),
    (
        "low_pain_tolerance",
        [
            _lemma("hate", "dislike", "fear", "dread"),
            _optional("the", "all", "any"),
            _lemma("needle", "injection", "jab"),
        ],
    ),
    ("low_pain_tolerance", [_lemma("needle", "injection"), _lemma("scare", "terrify", "frighten")]),
    (
        "low_pain_tolerance",
        [
            _lower("pain"),
            _lemma("tolerance", "threshold"),
            {"LEMMA": "be", "OP": "?"},
            _NOT,
            _ADVERBS,
            _lower("low", "poor", "bad", "terrible", "awful", "zero"),
        ],
    ),
    (
        "low_pain_tolerance",
        [
            _lower("can", "ca", "could"),
            _lower("not", "n't"),
            _optional("really", "even"),
            _lemma("handle", "stand", "take", "tolerate", "bear", "cope", "deal"),
            _optional("with", "the", "any", "much", "a", "lot", "of"),
            _lower("pain", "needles", "needle", "injections"),
        ],
    ),
)

# --- bare answers ----------------------------------------------------------------------------

# phrase (lowercase, apostrophes removed) -> (answer, strong). A strong phrase at the start
# decides the answer whatever follows ("no heart problems"); a weak one only counts when the
# message is nothing else ("I am", "I don't") and names no condition.
_ANSWERS: Dict[str, Tuple[str, bool]] = {}
for _answer, _strong, _phrases in (
    (
        "yes",
        True,
        "yes|yeah|yea|yep|yup|yess|yesss|ya|yah|affirmative|correct|sure|absolutely|"
        "definitely|of course|indeed|thats right|that is right|thats correct|yes please",
    ),
    ("yes", False, "y|i am|i do|i have|true|right|i sure am|i sure do"),
    (
        "no",
        True,
        "no|nope|nah|noo|nooo|nop|none|none of these|none of them|none of those|"
        "no to all 3|no to all three|no to all of those|no to all of them|no to everything|"
        "no to both|none of the 3|none of the three|all no|nope none|no none|none apply|"
        "i dont have any of them|i dont have any of those|i dont have any of these|"
        "dont have any of them|dont have any of those|i dont have any|none of that|"
        "neither|nothing|nothing like that|not that i know of|not as far as i know|not at all|"
        "not really|negative|never|no way|i dont think so|dont think so|no thanks|no thank you|"
        "none of the above|no to all|nothing at all",
    ),
    (
        "no",
        False,
        "n|i dont|dont|im not|i am not|i do not|i have not|i havent|havent|"
        "i dont have|dont have|i havent got|havent got|not me|neither do i",
    ),
    (
        "unsure",
        True,
        "not sure|im not sure|i am not sure|i dont know|i do not know|dont know|"
        "dunno|i dunno|idk|maybe|perhaps|possibly|probably|probably not|no idea|i have no idea|"
        "unsure|i think so|i guess|i guess so|not certain|im not certain|might be|could be|"
        "hard to say|i cant remember|cant remember|i dont remember|dont remember|no clue",
    ),
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
    "um umm uh erm er hmm hm oh ok okay well so ah honestly actually".split()
)
_FILLERS = frozenset(
    """i im ive am do dont does doesnt have havent has got any of those these them that thats
    this things thing really actually honestly currently right now at all the a an so well um
    uh oh ok okay thanks thank you please just sorry either too both is it its are me to be
    honest as far know aware not nothing haha lol and or for certainly afraid unfortunately
    luckily thankfully fortunately take use suffer from with conditions condition problems
    problem issues there again also myself personally""".split()
)
_PAYLOADS = {"affirm": "yes", "deny": "no"}
_MENTION = "qqmentionqq"  # stands for a condition mention in the words of a message
_BREAK = "qqbreakqq"  # stands for punctuation in the words of a message
_MARKERS = frozenset([_MENTION, _BREAK])
_LINK_WORDS = frozenset("a an any real serious known major kind sort of history type".split())

# --- text preparation ------------------------------------------------------------------------

_SCRIPT = re.compile(r"<(script|style)\b.{0,5000}?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^<>]{0,500}>")
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'"})
_FAMILY = re.compile(r"\b(runs?|running) in (my|our|the) family\b|\bin my family\b")
_ALSO_ME = re.compile(
    r"\b(so|as) (do|am|have|did) i\b|\bme too\b|\bi (do|am|have) too\b|\band me\b|\bme as well\b"
)


def _clean(text: str) -> str:
    """The analysable part of a message: no HTML tags or invisible marks, plain apostrophes."""
    text = html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", text[: MAX_CHARS * 4])))
    return _INVISIBLE.sub(" ", text).translate(_APOSTROPHES)[:MAX_CHARS].strip()


def _osa_distance_is_one(word: str, target: str) -> bool:
    """Whether two different words are one edit apart (insert, delete, substitute, swap)."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        i = diff[0]
        return diff == [i, i + 1] and word[i] == target[i + 1] and word[i + 1] == target[i]
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# --- the extractor ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    """A candidate match: token range and condition key."""

    start: int
    end: int
    key: str


class _Extractor:
    """The spaCy pipeline and the matchers built from the knowledge file."""

    def __init__(self, nlp: Language, knowledge: Knowledge) -> None:
        """Build the phrase, lemma and pattern matchers and the fuzzy word list."""
        from spacy.matcher import Matcher, PhraseMatcher

        self.nlp = nlp
        self.has_lemmas = "lemmatizer" in nlp.pipe_names
        self.phrases: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns: Matcher = Matcher(nlp.vocab)
        self.fuzzy: Dict[str, str] = {}
        for key, condition in knowledge.conditions.items():
            self.phrases.add(key, [nlp.make_doc(s) for s in condition.synonyms])
            lemma_patterns = [p for p in map(self._lemma_pattern, condition.synonyms) if p]
            if lemma_patterns:
                self.patterns.add(key, lemma_patterns)
            for synonym in condition.synonyms:
                if synonym.isalpha() and len(synonym) >= 6:
                    self.fuzzy.setdefault(synonym, key)
        for key, pattern in _PATTERNS:
            self.patterns.add(key, [pattern])
        self.table = self._lookup_table()
        self.known = frozenset(str(v) for v in self.table.values()) if self.table else frozenset()

    def _lemma_pattern(self, synonym: str) -> List[Dict[str, Any]]:
        """A Matcher pattern matching a synonym by lemma (words in -ing stay exact)."""
        if not self.has_lemmas or synonym in _EXACT_ONLY:
            return []
        pattern: List[Dict[str, Any]] = []
        for token in self.nlp(synonym):
            exact = token.lower_.endswith("ing") or not token.lemma_ or token.is_punct
            pattern.append({"LOWER": token.lower_} if exact else {"LEMMA": token.lemma_})
        return pattern if any("LEMMA" in part for part in pattern) else []

    def _lookup_table(self) -> Any:
        """The lemmatizer's lookup table (its words are never fuzzy-matched), or None."""
        if not self.has_lemmas:
            return None
        try:
            lemmatizer: Any = self.nlp.get_pipe("lemmatizer")
            return lemmatizer.lookups.get_table("lemma_lookup")
        except (KeyError, AttributeError, ValueError):
            return None

    def _is_known(self, word: str) -> bool:
        """Whether a word is a known English word or a synonym (so not a misspelling)."""
        in_table = self.table is not None and word in self.table
        return in_table or word in self.known or word in self.fuzzy

    def doc(self, text: str) -> Tuple[Doc, Doc]:
        """The message as written and a lowercased, lemmatized copy with the same tokens."""
        from spacy.tokens import Doc

        doc = self.nlp.make_doc(text)
        words = [token.lower_ for token in doc]
        lowered = Doc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
        for _, component in self.nlp.pipeline:
            lowered = component(lowered)
        if not self.has_lemmas:  # no lemmatizer: each word is its own lemma
            for token in lowered:
                token.lemma_ = token.lower_
        return doc, lowered

    def spans(self, doc: Doc) -> List[_Span]:
        """Non-overlapping condition matches (longest first), merged when adjacent."""
        strings = self.nlp.vocab.strings
        found = [_Span(s, e, strings[m]) for m, s, e in self.phrases(doc)]
        found += [_Span(s, e, strings[m]) for m, s, e in self.patterns(doc)]
        found = [span for span in found if _plausible(doc, span)]
        taken: Set[int] = set()
        chosen: List[_Span] = []
        for span in sorted(found, key=lambda s: (s.start - s.end, s.start)):
            if not taken.intersection(range(span.start, span.end)):
                chosen.append(span)
                taken.update(range(span.start, span.end))
        if self.known:
            chosen += self._fuzzy_spans(doc, taken)
        return _merge(sorted(chosen, key=lambda s: s.start))

    def _fuzzy_spans(self, doc: Doc, taken: Set[int]) -> List[_Span]:
        """Unknown long words one edit away from a one-word synonym ("diabetis")."""
        spans = []
        for token in doc:
            word = token.lower_
            if token.i in taken or len(word) < 6 or not word.isalpha() or self._is_known(word):
                continue
            key = next((k for s, k in self.fuzzy.items() if _osa_distance_is_one(word, s)), None)
            if key:
                spans.append(_Span(token.i, token.i + 1, key))
        return spans


def _plausible(doc: Doc, span: _Span) -> bool:
    """Drop known false friends: "expecting to", "nursing student", "skin type 2"."""
    text = doc[span.start : span.end].text
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if text == "expecting":
        return not after or doc[span.end].is_punct or after in _EXPECTING_NEXT_OK
    if text in ("nursing", "oncology"):
        return after not in _NOT_BREASTFEEDING_NEXT and before not in ("in", "of")
    if text.startswith("type"):
        return before not in ("skin", "blood", "hair", "personality")
    if text == "bf":  # "not pregnant or bf" is breastfeeding; "my bf" is a boyfriend
        return before not in ("my", "her", "your", "the", "a", "with", "and")
    return True


def _merge(spans: Sequence[_Span]) -> List[_Span]:
    """Join adjacent matches of the same condition ("type 2" + "diabetes")."""
    merged: List[_Span] = []
    for span in spans:
        if merged and merged[-1].key == span.key and merged[-1].end == span.start:
            merged[-1] = _Span(merged[-1].start, span.end, span.key)
        else:
            merged.append(span)
    return merged


# --- clauses and cues ------------------------------------------------------------------------


def _is_hard_break(doc: Doc, i: int) -> bool:
    """Whether token i ends a sentence ("." "!" "?" ";" or a new line)."""
    token = doc[i]
    if token.is_space:
        return "\n" in token.text
    return token.is_punct and any(ch in token.text for ch in ".!?;…")


def _starts_new_clause(doc: Doc, i: int) -> bool:
    """Whether a soft break at token i is followed by a new subject or verb."""
    j = i + 1
    while j < len(doc) and (doc[j].lower_ in _SKIP_WORDS or doc[j].lower_ in (",", "-")):
        j += 1
    if j >= len(doc):
        return False
    nxt = doc[j]
    return nxt.lower_ in _SUBJECTS or nxt.lemma_ in _VERB_STARTS or nxt.lower_ in _POST_YES


def _segments(doc: Doc, mentioned: Set[int]) -> Tuple[List[int], List[int]]:
    """For each token, the index where its clause and its sentence start."""
    clause, sentence = [0] * len(doc), [0] * len(doc)
    clause_start = sentence_start = 0
    for i, token in enumerate(doc):
        if _is_hard_break(doc, i):
            clause_start = sentence_start = i + 1
        elif token.lower_ in _CLAUSE_WORDS:
            clause_start = i
        elif token.lower_ in ("i", "im", "we") and i - 1 in mentioned:
            clause_start = i  # "not pregnant i have diabetes"
        elif token.lower_ in _SOFT_BREAKS and _starts_new_clause(doc, i):
            clause_start = i + 1
        clause[i], sentence[i] = clause_start, sentence_start
    return clause, sentence


def _pairs(doc: Doc, start: int, end: int) -> List[Tuple[str, str]]:
    """Adjacent lowercase word pairs in doc[start:end]."""
    return [(doc[i].lower_, doc[i + 1].lower_) for i in range(start, end - 1)]


_HEDGE_RE = re.compile(
    r"\b(being tested|getting tested|waiting (for|on)|test results|not diagnosed|undiagnosed|"
    r"borderline|suspected|might have|may have|could be|not sure|no idea|dont know|"
    r"do not know|not been diagnosed|never been diagnosed|to be checked|checked for|checking|"
    r"never had it checked|not checked|never checked|running tests|tests to see|to see if|"
    r"scan|biopsy|not fully gone|not sure)\b"
)


def _hedged(doc: Doc, start: int, end: int) -> bool:
    """Whether doc[start:end] hedges ("maybe", "I think", "not sure", "don't know")."""
    words = [t.lower_ for t in doc[start:end]]
    if any(pair in _HEDGE_PAIRS for pair in _pairs(doc, start, end)):
        return True
    for i, word in enumerate(words):
        if word in _HEDGES and not (word == "think" and i and words[i - 1] in ("not", "n't")):
            return True
    return False


def _negation_cue(doc: Doc, i: int, mentioned: Set[int]) -> bool:
    """Whether token i negates what follows it in its clause."""
    word = doc[i].lower_
    after = doc[i + 1] if i + 1 < len(doc) else None
    if i in mentioned:
        return False
    if word == "free":
        return after is not None and after.lower_ in ("of", "from")
    if word not in _NEGATIONS:
        return False
    if word == "no" and (after is None or after.is_punct or after.lower_ in _SUBJECTS):
        return False  # "No, I have diabetes": an interjection, not a negation
    return True


def _negated_before(doc: Doc, start: int, end: int, mentioned: Set[int]) -> bool:
    """Whether a negation cue appears in doc[start:end]."""
    return any(_negation_cue(doc, i, mentioned) for i in range(start, end))


def _be_not_inside(doc: Doc, span: _Span) -> bool:
    """Whether a mention negates itself ("my skin isn't sensitive", "skin not sensitive").

    A negation that belongs to the synonym ("can't handle pain") does not count: only one
    after "be" or right after the subject of a pattern ("skin", "pain tolerance").
    """
    return any(
        doc[i].lower_ in ("not", "n't", "nt", "never")
        and (doc[i - 1].lemma_ == "be" or doc[i - 1].lower_ in _NEGATABLE_SUBJECTS)
        for i in range(span.start + 1, span.end)
    )


_NEGATABLE_SUBJECTS = frozenset("skin tolerance threshold".split())


def _reply_after(doc: Doc, end: int, words: FrozenSet[str]) -> bool:
    """Whether a short reply from `words` follows a mention ("diabetes: no", "pregnant? yes")."""
    j = end
    while (
        j < len(doc)
        and j < end + 4
        and (doc[j].is_punct or doc[j].is_space or doc[j].lower_ in ("also", "too", "and", "that"))
    ):
        j += 1
    if j >= len(doc) or doc[j].lower_ not in words:
        return False
    k = j + 1
    return k >= len(doc) or doc[k].is_punct or doc[k].is_space or doc[k].lower_ in _POST_NEG_FOLLOW


def _unsure_after(doc: Doc, end: int, mentioned: Set[int]) -> bool:
    """Whether "not sure" / "no idea" / "don't know" follows a mention ("diabetes... not sure").

    Not when it is about the next mention ("pregnant, not sure about breastfeeding").
    """
    j = end
    while j < len(doc) and j < end + 4 and (doc[j].is_punct or doc[j].is_space):
        j += 1
    pair = tuple(t.lower_ for t in doc[j : j + 2])
    if pair not in _HEDGE_PAIRS and pair not in (("not", "certain"), ("i", "think")):
        return False
    return not any(j + 2 <= i <= j + 4 for i in mentioned)


def _stopped(doc: Doc, start: int, end: int) -> bool:
    """Whether doc[start:end] says something was stopped ("I stopped taking", "came off")."""
    if any(t.lower_ in _STOP_WORDS for t in doc[start:end]):
        return True
    return any(pair in _STOP_PAIRS for pair in _pairs(doc, start, end))


def _past(doc: Doc, clause_start: int, span: _Span, clause_end: int) -> bool:
    """Whether a pregnancy/breastfeeding mention is about the past ("I was pregnant")."""
    first = doc[span.start]
    if first.lower_.endswith("ed") and first.lower_ != first.lemma_:
        return True  # "breastfed"
    if first.lower_ in ("gave", "given", "had", "weaned"):
        return True  # "gave birth", "had my baby"
    for i in range(span.start - 1, clause_start - 1, -1):
        if doc[i].lower_ in _PRESENT_MARKERS:
            break
        if doc[i].lower_ in _PAST_MARKERS:
            return True
    for i in range(span.end, min(clause_end, span.end + 6)):
        word = doc[i].lower_
        if word in _PAST_AFTER:
            return True
        if word == "last" and i + 1 < len(doc) and doc[i + 1].lemma_ in _TIME_WORDS:
            return True
    return False


def _about_someone_else(
    doc: Doc, sentence_start: int, span: _Span, mentioned: Set[int]
) -> Optional[str]:
    """Whose a mention is: None (the visitor), "generic" (people in general) or "other".

    The nearest person word before the mention in its sentence decides.
    """
    end = span.end
    while end < len(doc) and not _is_hard_break(doc, end):
        end += 1
    rest = doc[span.end : end].text
    for i in range(span.start - 1, sentence_start - 1, -1):
        if i in mentioned:
            continue
        word, lemma = doc[i].lower_, doc[i].lemma_
        if word in _SELF:
            return None
        if span.key in _CURRENT_ONLY and word in _BABY_WORDS:
            continue
        if word in _GENERIC_PERSONS or lemma in _GENERIC_PERSONS:
            return "generic"
        if word in _OTHERS or lemma in _OTHERS:
            return None if _ALSO_ME.search(rest) else "other"  # "my mum has it and so do I"
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after in _GENERIC_PLURALS or after in _GENERIC_PERSONS:
        return "generic"  # "pregnant women", "diabetic people"
    return "other" if _FAMILY.search(rest) else None


def _question(doc: Doc, clause_start: int, span: _Span, clause_end: int) -> bool:
    """Whether the mention's clause asks rather than tells ("does type 1 diabetes count?")."""
    i = clause_start
    while i < span.start and (doc[i].is_punct or doc[i].lower_ in _QUESTION_LEAD_IN):
        i += 1
    lead_in = {t.lower_ for t in doc[clause_start:i]}
    if i == span.start and "about" in lead_in:  # "what about eczema", "how about retinol"
        return True
    own = any(t.lower_ == "my" for t in doc[max(clause_start, span.start - 2) : span.start])
    if own:
        return False  # "should I stop my retinol?": it is theirs
    if i < len(doc) and doc[i].lower_ in _QUESTION_STARTS and i <= span.start:
        # "do I have diabetes", "is pregnancy a problem"; not "am" + statement ("am pregnant")
        following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        if following in ("nt", "n't", "not"):
            return False  # "dont bruise easy"
        return not (doc[i].lower_ in ("am", "im") and i + 1 == span.start)
    end = clause_end
    asks = any("?" in t.text for t in doc[span.end : min(end + 1, len(doc))])
    told = any(t.lower_ in _SELF for t in doc[clause_start : span.start])
    if asks and not told and span.start == i:
        return True  # "diabetes?" as a whole clause
    # "can I do it while breastfeeding?": the clause hangs on a question opening its sentence
    if clause_start > sentence_start_of(doc, clause_start) and doc[clause_start].lower_ in (
        _SUBORDINATES
    ):
        j = sentence_start_of(doc, clause_start)
        while j < clause_start and (doc[j].is_punct or doc[j].lower_ in _QUESTION_LEAD_IN):
            j += 1
        return doc[j].lower_ in _QUESTION_STARTS and not told
    return False


_NO_LONGER = re.compile(r"\b(anymore|any more|no longer|not any longer|stopped|quit)\b")
_SUBORDINATES = frozenset("while when during whilst after before since".split())


def sentence_start_of(doc: Doc, i: int) -> int:
    """The index where token i's sentence starts."""
    while i > 0 and not _is_hard_break(doc, i - 1):
        i -= 1
    return i


def _past_condition(
    doc: Doc, clause_start: int, span: _Span, clause_end: int, mentioned: Set[int]
) -> bool:
    """Whether a mention is of something over ("had cancer 10 years ago", "in remission")."""
    text = doc[span.start : span.end].text
    if any(word in text for word in ("remission", "survivor")):
        return True
    sentence_end = span.end
    while sentence_end < len(doc) and not _is_hard_break(doc, sentence_end):
        sentence_end += 1
    after = " ".join(t.lower_ for t in doc[span.end : min(clause_end + 4, sentence_end)])
    before_words = [t.lower_ for t in doc[max(clause_start, span.start - 6) : span.start]]
    if "diagnosed" in before_words or "diagnosed" in after.split()[:3]:
        return False  # "diagnosed with diabetes 2 years ago": still present
    if _PAST_AFTER_RE.search(after) or _PAST_ANYWHERE_RE.search(" ".join(before_words)):
        return True
    start = span.start - 1
    while start >= max(clause_start, span.start - 4) and start not in mentioned:
        if doc[start].lower_ in _PAST_BEFORE:
            return True
        start -= 1
    return any(pair in _STOP_PAIRS for pair in _pairs(doc, clause_start, span.start))


def _classify(doc: Doc, span: _Span, bounds: Tuple[int, int, int], mentioned: Set[int]) -> str:
    """The mention's status: one of STATUSES."""
    clause_start, sentence_start, clause_end = bounds
    whose = _about_someone_else(doc, sentence_start, span, mentioned)
    if whose == "generic":
        return "question"
    if whose == "other":
        return "other_person"
    if _reply_after(doc, span.end, _HEDGES | _POST_UNSURE) or _unsure_after(
        doc, span.end, mentioned
    ):
        return "uncertain"  # "clotting disorder - maybe?", "diabetes... not sure"
    if _reply_after(doc, span.end, _POST_YES):
        return "present"
    if _reply_after(doc, span.end, _POST_NEGATIONS):
        return "absent"
    sentence_end = span.end
    while sentence_end < len(doc) and not _is_hard_break(doc, sentence_end):
        sentence_end += 1
    later_mention = any(span.end <= i < sentence_end for i in mentioned)
    before = " ".join(t.lower_ for t in doc[clause_start : span.start])
    after = "" if later_mention else " ".join(t.lower_ for t in doc[span.end : sentence_end])
    window = re.sub(r" (n't|nt)\b", "nt", f"{before} | {after}")  # "do nt know" -> "dont know"
    if _hedged(doc, clause_start, span.start) or _HEDGE_RE.search(window):
        return "uncertain"
    if any(t.lower_ in _HYPOTHETICAL for t in doc[clause_start : span.start]):
        return "question"
    if _question(doc, clause_start, span, clause_end):
        return "question"
    if _negated_before(doc, clause_start, span.start, mentioned) or _be_not_inside(doc, span):
        over = " ".join(t.lower_ for t in doc[clause_start : min(clause_end + 3, len(doc))])
        if _NO_LONGER.search(over):
            return "past"  # "not breastfeeding anymore", "no longer on retinol"
        return "absent"
    if _stopped(doc, max(clause_start, span.start - 4), span.start):
        return "past"
    if span.key in _CURRENT_ONLY and _past(doc, clause_start, span, clause_end):
        return "past"
    if _past_condition(doc, clause_start, span, clause_end, mentioned):
        return "past"
    return "present"


# --- bare answers ----------------------------------------------------------------------------


def _answer_words(text: str, mentions: Sequence[Tuple[int, int]]) -> List[str]:
    """Lowercase words of a message without apostrophes, each mention replaced by a marker."""
    parts, last = [], 0
    for start, end in mentions:
        parts += [text[last:start], f" {_MENTION} "]
        last = end
    plain = "".join([*parts, text[last:]]).replace("👍", " yes ").replace("👎", " no ")
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
    i = 0
    while i < len(words) and (words[i] in _INTERJECTIONS or words[i] in _MARKERS):
        i += 1
    if words[i : i + 1] == ["nevermind"] or " ".join(words[i : i + 2]) in _NOT_ANSWERS:
        return None
    found: List[str] = []
    first_strong: Optional[bool] = None
    while i < len(words):
        phrase = _phrase_at(words, i)
        if phrase is None:
            if not found or (words[i] not in _FILLERS and words[i] not in _MARKERS):
                break  # only interjections may come before the first answer phrase
            i += 1
            continue
        answer, strong, size = phrase
        if not (answer == "no" and _belongs_to_mention(words, i, i + size)):
            if first_strong is None or strong:  # later weak phrases count as fillers
                found.append(answer)
            first_strong = strong if first_strong is None else first_strong
        i += size
    if not found or (not first_strong and (i < len(words) or named_conditions)):
        return None
    return _resolve(found, named_conditions)


def _payload_answer(text: str) -> Optional[str]:
    """The answer of a button payload ("/affirm" -> yes, "/deny" -> no)."""
    match = re.match(r"/(\w+)", text)
    return _PAYLOADS.get(match.group(1)) if match else None


# --- "can I if I'm on aspirin? I take one a day": a question, then a statement ------------

_OWN_STATEMENT = re.compile(
    r"\b(i (use|take|have|get|am on|m on)|im on|mine (is|reacts|gets)|i (do|am)\b(?! not))"
    r"|\bthe \w+ i (take|use)\b|\b\w+ i (take|use)\b"
)


_TAIL_HEDGE = re.compile(r"\b(dont know if|not sure if|no idea if|might be|maybe|idk)\b")


def _own_after_question(text: str, mentions: List[Mention]) -> List[Mention]:
    """What the visitor says after asking about a condition decides its status.

    "can I if I'm on aspirin? I take one a day": present; "... ? dont know if I am":
    uncertain; "pregnant? breastfeeding? nope none of those": absent for each.
    """
    if not mentions or not all(m.status == "question" for m in mentions):
        return mentions
    lowered = text.lower().replace("'", "")
    tail = lowered.rsplit("?", 1)[1] if "?" in lowered else ""
    tail_answer = _bare_answer(_answer_words(tail, []), named_conditions=False) if tail else None
    if tail_answer in ("yes", "no") and "?" in lowered:
        status = "present" if tail_answer == "yes" else "absent"
        return [Mention(m.condition, status, m.text) for m in mentions]
    if len({m.condition for m in mentions}) != 1:
        return mentions
    first = mentions[0]
    start = max(lowered.find(first.text.lower().replace("'", "")), 0)
    if _TAIL_HEDGE.search(lowered[start:]):
        return [Mention(m.condition, "uncertain", m.text) for m in mentions]
    if not _OWN_STATEMENT.search(lowered[start:]):
        return mentions
    return [Mention(m.condition, "present", m.text) for m in mentions]


# --- statements of good health ("my heart is fine", "needles don't bother me") ---------------

_OK = r"(fine|ok|okay|good|great|healthy|normal|perfect|grand|alright|all right|no problem)"
_HEALTHY: Tuple[Tuple[Tuple[str, ...], re.Pattern[str]], ...] = (
    (
        ("cardiac_disorder",),
        re.compile(rf"\bheart( is|s| has been)? (\w+ )?{_OK}\b"),
    ),
    (
        ("blood_clotting_disorder",),
        re.compile(rf"\b(blood|clotting|blood clotting)( is|s| has been)? (\w+ )?{_OK}\b"),
    ),
    (
        ("severe_skin_sensitivity", "eczema_or_psoriasis"),
        re.compile(
            rf"\bskin( is|s| has been)? (\w+ )?{_OK}\b|\b(normal|healthy|tough|good) skin\b"
        ),
    ),
    (
        ("low_pain_tolerance",),
        re.compile(
            rf"\b(pain|needles?|injections?|jabs?)( tolerance| threshold)?( is| are|s)? "
            rf"(\w+ )?{_OK}\b|\b{_OK} with (pain|needles|injections|jabs)\b|"
            r"\b(pain|needles?|injections?) (dont|doesnt|do not|does not|never) "
            r"(bother|scare|worry|frighten) me\b|\bhigh pain (tolerance|threshold)\b|"
            r"\bnot (scared|afraid|bothered|worried) (of|by|about) (needles|pain|injections)\b"
        ),
    ),
    (("prone_to_bruising",), re.compile(r"\b(dont|do not|never|rarely|hardly) bruise\b")),
    (
        ("aspirin_or_blood_thinners",),
        re.compile(
            r"\b(not on any|not on|no|not taking any|dont take any|do not take any) "
            r"(meds|medication|medications|medicine|medicines|tablets|pills)\b"
        ),
    ),
)


def _healthy_mentions(text: str, named: Set[str]) -> List[Mention]:
    """Absent readings from statements of good health, for conditions not named otherwise."""
    lowered = text.lower().replace("'", "")
    found: List[Mention] = []
    for keys, pattern in _HEALTHY:
        match = pattern.search(lowered)
        if match:
            found += [Mention(key, "absent", match.group(0)) for key in keys if key not in named]
    return found


def _healthy_overrides(text: str, mentions: List[Mention]) -> List[Mention]:
    """A mention inside a statement of good health is absent ("my blood clotting is fine")."""
    lowered = text.lower().replace("'", "")
    result = []
    for mention in mentions:
        words = mention.text.lower().replace("'", "")
        inside = any(
            mention.condition in keys and (m := pattern.search(lowered)) and words in m.group(0)
            for keys, pattern in _HEALTHY
        )
        result.append(Mention(mention.condition, "absent", mention.text) if inside else mention)
    return result


# --- entry point -----------------------------------------------------------------------------


def preload() -> None:
    """Load the spaCy pipeline and build the matchers now (importing spaCy takes seconds)."""
    _extractor()


@lru_cache(maxsize=1)
def _extractor() -> _Extractor:
    """The cached extractor over the project's spaCy pipeline (blank English if missing)."""
    import spacy

    if SPACY_MODEL_DIR.exists():
        nlp = spacy.load(SPACY_MODEL_DIR)
    else:
        nlp = spacy.blank("en")
        try:  # the same lookup lemmatizer as scripts/build_spacy_model.py, if available
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.initialize()
        except Exception:  # noqa: BLE001 - no lookup tables: match exact words only
            nlp = spacy.blank("en")
    return _Extractor(nlp, load_knowledge())


def extract(text: str) -> Extraction:
    """Condition mentions (negated or not) and any bare answer in a visitor's message."""
    cleaned = _clean(text or "")
    if not cleaned:
        return Extraction(mentions=(), answer=None)
    if re.match(r"/\w", cleaned):  # a button payload such as "/affirm"
        return Extraction(mentions=(), answer=_payload_answer(cleaned))
    extractor = _extractor()
    doc, lowered = extractor.doc(cleaned)
    spans = extractor.spans(lowered)
    mentioned = {i for span in spans for i in range(span.start, span.end)}
    clause, sentence = _segments(lowered, mentioned)
    mentions: List[Mention] = []
    hedged = False
    for span in spans:
        clause_end = next(
            (i for i in range(span.end, len(lowered)) if clause[i] > clause[span.start]),
            len(lowered),
        )
        bounds = (clause[span.start], sentence[span.start], clause_end)
        status = _classify(lowered, span, bounds, mentioned)
        hedged = hedged or status == "uncertain"
        mentions.append(Mention(span.key, status, doc[span.start : span.end].text))
    mentions = _healthy_overrides(cleaned, _own_after_question(cleaned, mentions))
    mentions += _healthy_mentions(cleaned, {span.key for span in spans})
    places = [(doc[s.start].idx, doc[s.end - 1].idx + len(doc[s.end - 1])) for s in spans]
    answer = _bare_answer(_answer_words(cleaned, places), named_conditions=bool(spans))
    if hedged and answer in (None, "no"):
        answer = "unsure"
    return Extraction(mentions=tuple(mentions), answer=answer)
