"""Word lists and spaCy patterns the reader uses.

The conditions' own synonyms are data: knowledge/contraindications.yml.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Dict, List, Tuple

if TYPE_CHECKING:  # spaCy is imported lazily: it is slow to import
    pass


# --- word lists ------------------------------------------------------------------------------

_SUBJECTS = frozenset("i im ive id we he she they it my our me you his her their".split())
_SELF = frozenset("i im ive id me my mine myself we us our ourselves".split())
_OTHERS = frozenset(
    """she he her his him hers their theirs bf boyf hubs mum mom mother mummy mommy mam dad father
    daddy papa sister brother sis bro sibling wife husband hubby partner boyfriend girlfriend
    fiance fiancé fiancee spouse friend bestie daughter son child kid baby toddler aunt auntie
    aunty uncle cousin niece nephew grandma grandmother granny gran nan nana nanna grandpa
    grandfather grandad granddad grandparent parent family relative colleague coworker
    neighbour neighbor boss client customer people someone somebody anyone anybody everyone
    women men patients gf bff missus wifey madre padre mama mamá mère mutter mate mates
    flatmate roommate housemate person ppl diabetics patient resident residents
    esposo esposa marido mujer hermana hermano hija hijo novio novia amiga amigo abuela abuelo
    tía tia tío tio prima primo mari femme soeur sœur frère frere fille fils copain copine
    amie grand-mère mamie papi buddy pal tita tito lola lolo mae pai irma irmao matka
    ojciec siostra girls ladies guys lads bridesmaids bridesmaid bride groom others""".split()
)  # a few words of Spanish and French for the family ("mi esposo has a heart condition")
# Person words that are someone else's only when owned ("my little girl", "our eldest", "my
# old man"): "I'm a girl with eczema", "a man with diabetes" is the visitor.
_POSSESSED_PERSONS = frozenset(
    """girl girls boy boys lad lass kids children teen teenager grandson granddaughter
    grandkid grandchild stepson stepdaughter stepmum stepmom stepdad twin twins youngest eldest
    oldest one half man lady cat cats dog dogs puppy kitten pet pets horse""".split()
)  # and pets: "my cat has diabetes lol"
_POSSESSIVES = frozenset("my our his her their".split())
# Person words that ask in general ("can cancer patients have it?"): a question, not a finding.
_GENERIC_PERSONS = frozenset(
    """people patients someone somebody anyone anybody everyone women men person ppl
    diabetics ladies individuals persons folks you your youre u ur one""".split()
)
# For pregnancy and breastfeeding, the baby is not whose condition it is ("pumping for my baby").
_BABY_WORDS = frozenset("baby babies newborn infant toddler twins bump child".split())
_GENERIC_PLURALS = frozenset(
    "women mothers mums moms people patients ladies girls individuals persons folks".split()
)
_VERB_STARTS = frozenset("have take be get suffer use bruise hate fear need".split())
_SKIP_WORDS = frozenset("also now currently still then too actually really just so".split())
_CLAUSE_WORDS = frozenset(
    """but however though although yet because cos coz cuz whereas except unless while whilst
    yes yeah yep yup pero ale aber mais""".split()  # "but" in Spanish, Polish, German, French
)
_SOFT_BREAKS = frozenset([",", "-", "–", "—", "(", ")", "/", "and", "&", "+", "plus", "so"])
_NEGATIONS = frozenset(
    """not n't nt no never without nor neither none nothing nobody dont doesnt didnt hardly
    barely pas non nao nie nahi nahin""".split()
    # French, Italian: "je ne suis pas enceinte", "non sono incinta"; Portuguese, Polish,
    # Hindi (accents removed): "não estou grávida", "nie jestem w ciąży", "diabetes nahi"
)
_POST_NEGATIONS = frozenset("no nope nah not n't never negative none nao nahi nahin".split())
_POST_NEG_FOLLOW = frozenset("me really anymore currently now at that thanks lately".split())
_POST_YES = frozenset("yes yeah yep yup y definitely correct".split())
_HEDGES = frozenset(
    """maybe might perhaps possibly probably unsure dunno idk may could suspect wonder think
    guess kinda sorta prob prolly lowkey mite mayb mabye maybee depends""".split()
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
# "my doctor took me off Plavix last year": taken off it
_STOP_PAIRS = frozenset(
    [("gave", "up"), ("came", "off"), ("used", "to"), ("no", "longer"), ("me", "off"),
     ("taken", "off"), ("been", "off"), ("got", "off"), ("went", "off"), ("'m", "off"),
     ("am", "off")]
)  # fmt: skip
_POST_UNSURE = frozenset("unsure dunno idk possibly".split())
_QUESTION_LEAD_IN = frozenset(
    "so and but also um umm erm er uh uhm hmm ok okay oh hi hey sorry wait well then like "
    "btw or only question questions quick q qq random another one more thing hiya hello heya "
    "hullo morning evening afternoon good".split()
)
# Words that end a negation's reach: "not sensitive, just the eczema", "none except aspirin".
_CONTRAST = frozenset("just only except but apart besides other save well".split())
_QUESTION_STARTS = frozenset(
    """do does is are am can could would should will shall what whats how which who why
    when any anything""".split()
)
_PAST_BEFORE = frozenset(
    """had was were formerly previously survived beat beaten recovered ex former history
    treated""".split()
)
_PAST_AFTER_RE = re.compile(
    # "cancer free", not "fragrance-free stuff"
    # "i did have cervical cancer in 2015"
    r"\bin (19|20)\d\d\b(?! and (still|now|ongoing))|"
    r"\b(ago|(?<!fragrance - )(?<!fragrance-)(?<!fragrance )(?<!scent - )(?<!perfume - )"
    r"(?<!oil - )(?<!paraben - )(?<!sugar - )(?<!gluten - )free|"
    r"all clear|in remission|remission|survivor|cured|gone|went away|anymore|in the past|"
    r"any more|not now|no more|back in|when i was|as a (baby|kid|child|teen|teenager)|"
    r"as a (little |young |small )?(girl|boy|toddler)|they fixed|was fixed|got fixed|"
    r"nothing since|fine since|no problems since|used to be|"
    # "I was diabetic, type 2, until I lost four stone"
    r"(?<!still )(?<!be )until (i|my|\d+|last|a|about|around|recently|we|they|it)\b|"
    r"in my (teens|twenties|youth|childhood)|calmed down|settled down|grew out of|outgrew|"
    r"years back|previously|clear for|clear since|been clear|"
    # "psoriasis only on my elbows, face is totally clear": the face's, not the psoriasis
    r"(?<!face is )(?<!face s )(?<!face 's )(?<!rest is )(?<!body is )(?<!scalp is )"
    r"(?<!else is )totally clear|signed off|"
    r"resolved|finished|stopped|quit|came off|gave up|gave (it|them|that) up|no longer|weaned|"
    # a clinic letter's "no evidence of recurrence", "NED"
    r"no evidence of (recurrence|disease|relapse|return)|no recurrence|"
    r"took me off|taken off|"
    r"until (last|recently|a (few|couple of) \w+ ago))\b"
)
_PAST_ANYWHERE_RE = re.compile(
    r"\b(in remission|remission from|survived|recovered from|history of|ever since|"
    r"(years?|months?) (clear|free) of|been (clear|free) of|all clear (of|from)|"
    r"discharged (from|by))\b"
)

# Conditions that are about now (a past one is left out) / that can be stopped (absent).
_CURRENT_ONLY = frozenset({"pregnancy", "breastfeeding"})
_STOPPABLE = frozenset({"pregnancy", "breastfeeding", "aspirin_or_blood_thinners", "retinol"})
# Synonyms matched only exactly, not by lemma ("with children" is not "with child").
_EXACT_ONLY = frozenset({"with child", "weaned"})  # a "wean" is a child in Scots
_EXPECTING_BABY_WORDS = frozenset("baby boy girl little child second third rainbow".split())
_ZODIAC_NEXT = frozenset("season sign star zodiac horoscope moon rising sun".split())
_EXPECTING_NEXT_OK = frozenset(
    "a baby babies twins triplets my our again soon now currently right in and but so no nope "
    "either anymore or nor yet though tho thankfully lol haha obviously".split()
)
# "bf is on warfarin", "bf's got diabetes": a boyfriend doing something, not breastfeeding
_BOYFRIEND_NEXT = frozenset("is 's s has takes said says was had does thinks wants".split())
# "a bit sensitive" alone is the skin; not "very sensitive to pain", "sensitive teeth"
_NOT_SKIN_NEXT = frozenset(
    """to about teeth tooth info information data subject topic question questions stomach
    gut eyes eye person soul guy girl""".split()
)
_NOT_BREASTFEEDING_NEXT = frozenset(
    """home homes student students school degree job jobs course staff care assistant career
    team background qualification""".split()
)
# "nursing a cold", "nursing a hangover": looking after an illness, not breastfeeding; but
# "nursing my baby" is (checked in _plausible with the word after the determiner)
_NURSED_ILLS = frozenset(
    """cold colds hangover injury injuries cough flu bug grudge drink pint cuppa sore wound
    headache migraine broken sprained bad""".split()
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
    "that",
    "kinda",
    "kind",
    "sort",
    "of",
    "sorta",
    "a",
    "bit",
    "fairly",
    "rather",
    "crazy",
    "insanely",
    "mega",
    "hella",
    "ultra",
    "proper",
    "seriously",
    "incredibly",
    "ridiculously",
    "stupidly",
    "particularly",
    "especially",
    "overly",
    "extra",
    "terribly",  # "my skin's terribly sensitive"
    "awfully",
    "horribly",
    "highly",
    "hugely",
    "massively",
    "unbelievably",
    "unusually",
    "abnormally",
    "exceptionally",
    "ever",
    "also",  # "my skin is also extremely sensitive"
    "still",
    "much",  # "I bruise much more easily than I used to"
    "more",
)
_PATTERNS: Tuple[Tuple[str, List[Dict[str, Any]]], ...] = (
    # "T2DM" in capitals is one token, "t2dm" two ("t2", "dm"): the shorthand either way
    ("diabetes", [_lower("t2dm", "t1dm", "dm2", "dm1", "iddm", "niddm", "t2d", "t1d")]),
    ("prone_to_bruising", [_lemma("bruise"), _ADVERBS, _lower("easily", "easy", "quickly")]),
    ("prone_to_bruising", [_lemma("bruise"), _ADVERBS, _lower("a"), _lower("lot")]),
    # "I bruise a bit? not sure if it's more than normal" (present tense: a tendency)
    (
        "prone_to_bruising",
        [
            _lower("i", "she"),
            _optional("do", "does", "definitely", "also", "still"),  # not a hedge: its own
            _lower("bruise", "bruises"),
            _lower("a"),
            _lower("bit", "little"),
        ],
    ),
    ("prone_to_bruising", [_lower("easily", "easy"), _lemma("bruise")]),
    # "i do bruise more on the tablets", "she bruises more than she used to"
    (
        "prone_to_bruising",
        [
            _lower("i", "she", "he"),
            _optional("do", "does", "definitely"),
            _lower("bruise", "bruises"),
            _lower("more"),
        ],
    ),
    (
        "prone_to_bruising",  # "I bruise constantly", "she bruises like a peach"
        [
            _lemma("bruise"),
            _ADVERBS,
            _lower("constantly", "always", "everywhere", "loads", "like", "at"),
            _optional("a", "the", "time", "nothing", "peach", "anything"),
        ],
    ),
    (
        "prone_to_bruising",  # "my gf bruises if u look at her"
        [
            _lemma("bruise"),
            _lower("if", "when", "whenever"),
            _optional("u", "you", "anyone", "someone", "i", "people", "just", "even"),
            _lemma("look", "touch", "breathe", "bump", "knock", "poke", "brush", "tap"),
        ],
    ),
    ("prone_to_bruising", [_lower("prone", "susceptible"), _lower("to"), _lemma("bruise")]),
    (
        "prone_to_bruising",  # "i bruise after every blood test", "bruises from any jab"
        [
            _lemma("bruise"),
            _optional("always", "badly", "loads", "massively", "terribly", "really", "even"),
            _lower("after", "from", "with", "at"),
            _optional(
                "literally",
                "basically",
                "practically",
                "pretty",
                "much",
                "nearly",
                "almost",
                "just",
            ),
            _lower("every", "each", "any", "all"),
            _optional("single", "little", "tiny", "simple"),
            _lemma(
                "blood",
                "injection",
                "jab",
                "needle",
                "vaccine",
                "vaccination",
                "test",
                "draw",
                "time",
                "shot",
                "drip",
                "cannula",
            ),
            _optional("test", "tests", "draw", "draws", "sample", "samples"),
        ],
    ),
    (
        "prone_to_bruising",  # "I sometimes find bruises and don't know where they came from"
        [
            _lemma("find", "get", "notice", "have", "see"),
            _optional("random", "odd", "strange", "little", "big", "new", "these"),
            _lower("bruises"),
            _lower("and"),
            _optional("i"),
            _lower("do", "dont", "did", "didnt", "never", "cant", "ca"),
            _optional("n't", "nt", "not"),
            _lower("know", "remember", "recall"),
            _lower("where", "how", "why", "what"),
        ],
    ),
    (
        "prone_to_bruising",  # "bruises on my arms from the slightest knock"
        [
            _lemma("bruise"),
            _optional("on", "my", "arms", "legs", "arm", "leg", "body", "all", "over"),
            _optional("on", "my", "arms", "legs", "arm", "leg", "body", "all", "over"),
            _optional("on", "my", "arms", "legs", "arm", "leg", "body", "all", "over"),
            _lower("from", "at", "with"),
            _optional("the", "a", "any", "even"),
            _lower("slightest", "smallest", "tiniest", "lightest", "least", "littlest", "gentlest"),
        ],
    ),
    (
        "severe_skin_sensitivity",  # "my skin is dry ... and it is not especially sensitive"
        [
            _lower("it", "its"),
            {"LOWER": {"IN": ["is", "'s", "’s", "s", "was", "has"]}, "OP": "?"},
            _lower("not", "n't", "nt", "never"),
            _optional("especially", "particularly", "very", "overly", "that", "too", "super"),
            _optional("really", "all", "at", "been"),
            _lower("sensitive", "reactive"),
        ],
    ),
    (
        "cardiac_disorder",
        [
            _lower("heart", "hart", "cardiac", "cardio"),
            _optional("-", "related", "rhythm"),
            _lemma(
                "problem",
                "condition",
                "issue",
                "disease",
                "disorder",
                "trouble",
                "defect",
                "complaint",
                "ailment",
            ),
        ],
    ),
    (
        "cardiac_disorder",  # "i have AF", "on warfarin for my AF" (not "tired af")
        [
            _lower("have", "has", "had", "with", "for", "my", "got", "diagnosed"),
            _lower("af", "a-fib"),
        ],
    ),
    (
        "cardiac_disorder",  # "my heart does a weird flutter sometimes" (a symptom: uncertain)
        [
            _lower("heart", "hearts", "heart's"),
            _lower("does", "do", "did", "gives", "gave", "goes", "went"),
            _optional("a", "this", "these", "the"),
            _optional("weird", "funny", "strange", "odd", "little", "wee", "fluttery"),
            _lower("flutter", "flutters", "fluttery", "flip", "flips", "skip", "skips"),
        ],
    ),
    (
        "cardiac_disorder",  # "is a dodgy heart an issue?"
        [
            _lower("dodgy", "bad", "weak", "wonky", "iffy", "leaky", "enlarged", "irregular"),
            _lower("heart", "ticker", "heartbeat"),
        ],
    ),
    (
        "cardiac_disorder",  # "my heart might be a bit enlarged" (hedged: uncertain)
        [
            _lower("heart", "hearts", "ticker"),
            _optional("beats", "beat", "rhythm", "rate", "goes", "might", "may", "could", "is"),
            _optional("be", "s", "'s", "a", "bit", "slightly"),
            _optional("little", "possibly", "maybe", "probably", "been", "was", "is"),
            _lower("enlarged", "irregular", "irregularly", "weak", "weakened"),
        ],
    ),
    (
        "diabetes",  # "my doctor keeps an eye on my sugar": watched, not diagnosed (uncertain)
        [
            _lemma("keep", "monitor", "watch", "check", "track", "test"),
            _optional("an", "a", "close", "eye", "on", "closely"),
            _optional("my", "her", "his", "their", "the"),
            {"LOWER": "blood", "OP": "?"},
            _lower("sugar", "sugars", "glucose"),
        ],
    ),
    (
        "diabetes",  # "HbA1c 48 last month": a reading, not a diagnosis (uncertain)
        [
            _lower("hba1c", "a1c"),
            _optional("is", "was", "of", "at", "came", "back", "s", "'s", "level", "result"),
            {"LIKE_NUM": True},
        ],
    ),
    (
        "diabetes",  # "my hba1c is a bit high": a raised reading (uncertain)
        [
            _lower("hba1c", "a1c"),
            _optional("is", "was", "s", "'s", "level", "result", "came", "back", "a", "bit"),
            _optional("little", "slightly", "quite"),
            _lower("high", "higher", "raised", "elevated", "borderline"),
        ],
    ),
    (
        "diabetes",  # "sugars a bit high lately" (a raised reading: uncertain, extractor.py)
        [
            {"LOWER": "blood", "OP": "?"},
            _lower("sugar", "sugars", "glucose"),
            _optional("level", "levels", "reading", "readings", "is", "are", "s", "'s", "was"),
            _optional("were", "been", "have", "has", "a", "bit", "little", "slightly", "quite"),
            _optional("bit", "little", "always", "running", "on", "the", "came", "come"),
            _optional("back"),  # "my sugar came back borderline once"
            _lower("high", "higher", "raised", "elevated", "borderline"),
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
        "blood_clotting_disorder",  # "my blood seems to take ages to clot"
        [
            _lemma("take"),
            _optional("ages", "forever", "so", "very", "really", "a", "long", "while", "time"),
            _lower("to"),
            _lemma("clot"),
        ],
    ),
    (
        "blood_clotting_disorder",  # "my blood test showed something about clotting"
        [
            _lower("about", "with", "re", "regarding"),
            _optional("my", "the", "blood"),
            _lower("clotting"),
        ],
    ),
    (
        "aspirin_or_blood_thinners",
        [_lower("blood"), {"LOWER": "-", "OP": "?"}, _lower("thinning", "thinner", "thinners")],
    ),
    (
        "aspirin_or_blood_thinners",  # "a tablet for my blood" (not "for my blood pressure")
        [
            _lemma("tablet", "pill", "medication", "medicine", "med", "meds", "injection"),
            _lower("for"),
            _lower("my", "the", "thinning"),
            _lower("blood"),
        ],
    ),
    (
        "aspirin_or_blood_thinners",  # "tablets to stop my blood clotting" (not a disorder)
        [
            _lemma("stop", "prevent"),
            _optional("my", "the", "your", "his", "her", "their"),
            _lower("blood"),
            _optional("from"),
            _lower("clotting", "clots", "clot"),
        ],
    ),
    (
        "aspirin_or_blood_thinners",  # "tablets that thin my blood"
        [
            _lemma("thin"),
            _lower("my", "the", "your", "his", "her", "their", "our"),
            _lower("blood"),
        ],
    ),
    # A late or missed period: read as "not sure" about a pregnancy (actions/conditions/
    # extractor.py), never as a pregnancy
    ("pregnancy", [_lemma("miss"), _optional("my", "a", "the", "last"), _lemma("period")]),
    (
        "pregnancy",
        [
            _lower("period", "periods"),
            {"LEMMA": "be", "OP": "?"},
            {"LOWER": {"IN": ["'s", "s"]}, "OP": "?"},
            _optional(
                "a",
                "few",
                "couple",
                "of",
                "day",
                "days",
                "week",
                "weeks",
                "bit",
                "little",
                "2",
                "3",
                "4",
                "5",
                "two",
                "three",
                "four",
                "five",
                "very",
                "really",
                "so",
            ),
            _lower("late", "overdue"),
        ],
    ),
    (
        "cardiac_disorder",  # "something wrong with my heart"; negated: "never anything wrong"
        [
            _lower("anything", "something"),
            _lower("wrong", "odd", "funny", "weird", "off", "strange", "abnormal", "unusual"),
            _lower("with"),
            _lower("my", "the"),
            _lower("heart", "heartbeat"),
        ],
    ),
    (
        "prone_to_bruising",  # "I go black and blue from the slightest knock"
        [
            _lemma("go", "turn", "end", "get", "be"),
            _optional("up"),
            _lower("black"),
            _lower("and"),
            _lower("blue"),
        ],
    ),
    (
        "severe_skin_sensitivity",  # "my skin goes red and burns with any new product"
        [
            _lower("skin"),
            _lemma("go", "get", "turn"),
            _lower("red", "blotchy", "raw", "itchy", "bumpy"),
            _optional("and", "then"),
            _lemma("burn", "sting", "itch", "react", "flare", "break", "swell"),
        ],
    ),
    (
        "severe_skin_sensitivity",  # "my skin goes red easily with some products" (uncertain)
        [
            _lower("skin"),
            _lemma("go", "get", "turn"),
            _lower("red", "blotchy", "pink", "itchy"),
            _optional("really", "very", "so", "quite"),
            _lower("easily", "quickly", "fast"),
        ],
    ),
    (
        "severe_skin_sensitivity",  # "i get rashes from plasters": a reaction, not a diagnosis
        [
            _lemma("get", "come", "break", "have"),
            _optional("out", "up", "in", "a", "these", "little", "itchy", "red", "horrible"),
            _lemma("rash", "hive", "welt"),
            _lower("from", "with", "to", "after", "off"),
            _optional("some", "certain", "most", "all", "any", "new", "cheap", "the", "my"),
            _lemma(
                "plaster",
                "cream",
                "product",
                "makeup",
                "detergent",
                "powder",
                "jewellery",
                "jewelry",
                "metal",
                "nickel",
                "perfume",
                "fragrance",
                "everything",
                "anything",
                "lotion",
                "moisturiser",
                "moisturizer",
                "soap",
                "sunscreen",
                "suncream",
                "latex",
                "glove",
                "tape",
                "bandage",
                "shampoo",
                "dye",
                "skincare",
                "serum",
            ),
        ],
    ),
    (
        "severe_skin_sensitivity",
        [
            _lower("skin", "skins", "scalp"),  # "my scalp is extremely sensitive"
            # "my skin, though, is", "skin - not sensitive"
            _optional(",", "-", "–", ":", "though", "tho", "however", "too", "also"),
            _optional("used", "to"),  # "my skin used to be really sensitive"
            _optional("might", "may", "could", "can", "must", "would", "as"),
            {
                "LEMMA": {
                    "IN": ["be", "become", "get", "have", "seem", "feel", "turn", "go", "count"]
                },
                "OP": "*",
            },
            _optional("as"),
            {"LOWER": {"IN": ["'s", "’s", "s"]}, "OP": "?"},  # "skin's not very sensitive"
            _NOT,
            _ADVERBS,
            # "my skin has got so dry and sensitive"
            _optional("dry", "oily", "thin", "itchy", "dehydrated", "delicate", "tight", "flaky"),
            _optional("and"),
            _optional("kind", "sort", "kinda", "sorta", "of", "a", "bit", "little"),
            _lower(
                "sensitive", "hypersensitive", "reactive", "sensible"
            ),  # "sensible": a false friend
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
        "low_pain_tolerance",  # "i literally cry at flu jabs", "I faint at blood tests"
        [
            _lemma("cry", "faint", "scream", "panic", "sob", "pass"),
            _optional("out"),
            _lower("at", "over", "during", "for", "with"),
            _optional("the", "a", "any", "my", "every", "all"),
            _optional("flu", "covid", "blood", "tiny", "little", "small", "booster"),
            _lemma("needle", "injection", "jab", "shot", "vaccine", "vaccination", "test"),
        ],
    ),
    (
        "low_pain_tolerance",  # "pain - low-ish maybe?", "pain? low" (not "the pain is low")
        [
            _lower("pain"),
            _lower("-", ":", "?", "??", "–"),
            _optional("pretty", "quite", "very", "really", "a", "bit", "fairly", "kinda"),
            _lower("low", "lowish"),
        ],
    ),
    (
        "low_pain_tolerance",  # "pain tolerance? meh, sorta low i guess" (hedged: uncertain)
        [
            _lower("pain"),
            _lemma("tolerance", "threshold"),
            _lower("-", ":", "?", "??", "–"),
            _optional("meh", "hmm", "um", "erm", "uh"),
            _optional(","),
            _optional("sorta", "kinda", "pretty", "quite", "very", "really", "fairly", "a"),
            _optional("bit", "of"),
            _lower("low", "lowish"),
        ],
    ),
    (
        "low_pain_tolerance",  # "im not great with needles" (a hedge before it: uncertain)
        [  # "I am not at all brave about pain"
            _lower("not", "nt", "n't"),
            _optional("very", "that", "too", "so", "really", "at"),
            _optional("all"),
            _lower("great", "good", "brilliant", "amazing", "fab", "brave", "tough"),
            _lower("with", "about"),
            _optional("the", "any"),
            _lemma("pain", "needle", "injection", "jab"),
        ],
    ),
    (
        "low_pain_tolerance",  # "she's terrible with pain", "a wimp about needles"
        [
            _lower(
                "terrible",
                "bad",
                "awful",
                "rubbish",
                "useless",
                "hopeless",
                "crap",
                "wimp",
                "wuss",
                "chicken",
                "coward",
                "baby",
                "scaredy",
                "sook",  # Australian: "a massive sook with needles"
                "sooky",
                "wean",  # Scots: "a big wean wi needles"
            ),
            _lower("with", "about", "w", "wi"),
            _optional("the", "any"),
            _lemma("pain", "needle", "injection", "jab"),
        ],
    ),
    (
        "low_pain_tolerance",  # "I'm a massive wimp tbh" (a wimp is one about pain)
        [
            _lower("a", "such"),
            _optional("a"),
            _lower("massive", "huge", "big", "real", "complete", "total", "absolute", "right"),
            _lower("wimp", "wuss", "sook"),
        ],
    ),
    (
        "low_pain_tolerance",  # "a total wuss when it comes to pain"
        [
            _lower("wimp", "wuss", "chicken", "coward", "baby", "scaredy", "wimpy", "sook"),
            _lower("when"),
            _lower("it"),
            _lower("comes"),
            _lower("to"),
            _optional("the", "any"),
            _lemma("pain", "needle", "injection", "jab"),
        ],
    ),
    (
        "severe_skin_sensitivity",  # "my skin reacts to every product"
        [
            _lower("skin"),
            _lemma("react", "flare", "break", "burn", "sting"),
            _optional("up", "out", "badly", "easily", "really", "so", "very"),
            _optional("up", "out", "badly", "easily"),  # "reacts really badly to everything"
            _lower("to", "with", "from", "at", "if", "whenever"),
            _optional("everything", "anything", "every", "any", "all", "most"),
        ],
    ),
    (
        "prone_to_bruising",  # "my skin is thin and bruises terribly these days"
        [
            _lower("bruise", "bruises"),
            _optional("so", "really", "very", "quite", "pretty"),
            _lower("terribly", "badly", "horribly", "awfully", "constantly"),
        ],
    ),
    (
        "prone_to_bruising",  # "my skin bruises if you so much as look at it"
        [
            _lower("bruise", "bruises", "marks"),
            _lower("if", "when", "whenever"),
            _lower("you", "u", "i", "anyone", "someone", "somebody"),
            _optional("so", "even", "just"),
            _optional("much", "lightly", "gently"),
            _optional("as"),
            _lemma("look", "touch", "breathe", "brush", "knock", "bump", "tap", "poke", "press"),
        ],
    ),
    (
        "prone_to_bruising",  # "I get bruises from the tiniest bump"
        [
            _lemma("get"),
            _optional(
                "massive",
                "big",
                "huge",
                "nasty",
                "bad",
                "horrible",
                "loads",
                "lots",
                "of",
                "dark",
                "awful",
                "giant",
            ),
            _lemma("bruise"),
            _optional("just", "even"),
            _lower("from", "if", "when", "whenever", "so"),
        ],
    ),
    (
        "severe_skin_sensitivity",  # "maybe a bit sensitive? hard to say"
        [
            _lower("bit", "little", "abit", "quite", "very", "super", "really", "pretty", "so"),
            _lower("sensitive", "reactive"),
        ],
    ),
    (
        "low_pain_tolerance",  # "my tolerance of pain is perfectly adequate": the healthy reading
        [_lemma("tolerance", "threshold"), _lower("of", "for"), _lower("pain")],
    ),
    (
        "low_pain_tolerance",  # "not sure about my pain threshold": unsure, so uncertain
        [
            _lower("about", "of", "on"),
            _optional("my", "the"),
            _lower("pain"),
            _lemma("tolerance", "threshold"),
        ],
    ),
    (
        "low_pain_tolerance",
        [
            _lower("pain"),
            _lemma("tolerance", "threshold"),
            {"LEMMA": "be", "OP": "?"},
            _NOT,
            _optional("probably", "maybe", "possibly", "definitely", "on", "the"),
            _optional("basically", "practically", "virtually", "literally", "like", "pretty"),
            _ADVERBS,
            _lower(
                "low",
                "poor",
                "bad",
                "terrible",
                "awful",
                "zero",
                "rubbish",
                "crap",
                "shocking",
                "pathetic",
                "nil",
                "nonexistent",
                "non-existent",
                "appalling",
                "useless",
            ),
            {"LOWER": "side", "OP": "?"},  # "on the low side"
        ],
    ),
    (
        "low_pain_tolerance",
        [
            _lower("can", "ca", "could", "do", "does"),
            _lower("not", "n't", "nt"),
            _optional("really", "even", "always"),
            _lemma("handle", "stand", "take", "tolerate", "bear", "cope", "deal"),
            _optional("with", "the", "any", "much", "a", "lot", "of", "well", "very", "great"),
            _lower("pain", "needles", "needle", "injections"),
        ],
    ),
    (
        "low_pain_tolerance",  # "I cannot cope with pain", "I struggle with needles"
        [
            _lower("cannot", "cant", "couldnt", "struggle", "struggles", "struggling"),
            _optional("really", "even", "to"),
            _lemma("handle", "stand", "take", "tolerate", "bear", "cope", "deal", "with"),
            _optional("with", "the", "any", "much", "a", "lot", "of", "well"),
            _lower("pain", "needles", "needle", "injections"),
        ],
    ),
)


# --- text preparation ------------------------------------------------------------------------

_SCRIPT = re.compile(r"<(script|style)\b.{0,5000}?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^<>]{0,500}>")
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'"})
_FAMILY = re.compile(
    r"\b(runs?|running) in (my|our|the) ((mum|mom|dad|mother|father)'?s side of (the|my) )?"
    r"family\b|\bin my family\b|"
    # "runs in my mum's side of the family", "on my dad's side"
    r"\b(runs?|running) (in|on|down) (my|our) (mum|mom|dad|mother|father)'?s side\b"
)
_ALSO_ME = re.compile(
    r"\b(so|as) (do|am|have|did) i\b|\bme too\b|\bi (do|am|have) too\b|\band me\b|\bme as well\b"
)
