"""The spaCy matchers and the entry point: `extract(text)`."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Set, Tuple

from actions.knowledge import Knowledge, load_knowledge
from meso.settings import SPACY_MODEL_DIR
from meso_nlu.classifier import PASTED_CHECK_QUESTION
from meso_nlu.courtesy import unaccented
from meso_nlu.spelling import osa_distance, osa_distance_is_one
from meso_nlu.warning_signs import is_english

if TYPE_CHECKING:  # spaCy is imported lazily: it is slow to import
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc

from actions.conditions import evidence, figures, forms
from actions.conditions.answers import (
    _answer_words,
    _bare_answer,
    _payload_answer,
)
from actions.conditions.lexicon import (
    _APOSTROPHES,
    _BOYFRIEND_NEXT,
    _EXACT_ONLY,
    _EXPECTING_BABY_WORDS,
    _EXPECTING_NEXT_OK,
    _FAMILY,
    _INVISIBLE,
    _NOT_BREASTFEEDING_NEXT,
    _NOT_SKIN_NEXT,
    _NURSED_ILLS,
    _OTHERS,
    _PATTERNS,
    _SCRIPT,
    _TAG,
    _ZODIAC_NEXT,
)
from actions.conditions.model import (
    Extraction,
    Mention,
    _Span,
)
from actions.conditions.scope import (
    _CARED_FOR,
    _TRAITS,
    _classify,
    _healthy_overrides,
    _is_hard_break,
    _own_after_question,
    _segments,
    healthy_mentions,
)

MAX_CHARS = 2000  # only this much of a message is analysed
# A reaction of the skin, told as a tendency ("I get rashes from plasters"): no diagnosis.
_REACTIONS = "rash|rashes|hives|welts"
# Named states short of the condition itself: read as uncertain, never as the condition.
# Not the condition itself: a borderline value, or a symptom ("I get palpitations sometimes"),
# told as present: to discuss with a professional (uncertain), never a diagnosis.
_BORDERLINE = re.compile(
    r"^(pre[- ]?diabet\w*|borderline\b|(heart )?palpitations?\b|.*\b(flutter\w*|flips?|skips?)$|"
    rf"heart racing|.*\b({_REACTIONS})\b.*|"
    r"(hba1c|a1c)\b.*(\d|high|higher|raised|elevated|borderline)$|"
    # "my doctor keeps an eye on my sugar": watched, not a diagnosis
    r"(keep|keeps|keeping|kept|monitor\w*|watch\w*|check\w*|track\w*|test\w*)\b.*"
    r"\b(sugar|sugars|glucose)$|"
    r"racing heart|heart skips|bruise sometimes|"
    # "I sometimes find bruises and don't know where they came from": a sign, not a diagnosis
    r"(find|get|notice|have|see)\b.*\bbruises\b.*\b(know|remember|recall)\b|"
    # a raised reading, a heart that may be enlarged, skin only a little sensitive
    r"(blood )?(sugar|sugars|glucose)\b.*\b((bit|little|slightly) high|higher|raised|elevated|"
    r"borderline|came back high)$|"
    r"(heart|hearts|ticker)\b.*\b(might|may|could|possibly|maybe|probably)\b|"
    r".*\b(bit|abit|little|slightly|mildly|somewhat|tad)\s+(sensitive|reactive)$|"
    r"skin (goes|go|going|went|gets|get|getting|got|turns|turn|turning|turned) (red|blotchy|pink|"
    r"itchy)\b.*\b(easily|quickly|fast)$)"
)
_PERIOD = re.compile(r"\bperiods?\b")


# A contraction in capitals ("I DON'T have psoriasis") is one token to the tokenizer, which
# splits only the lowercase and title-case forms ("do" + "n't"): written in lowercase
_CAPITAL_CONTRACTION = re.compile(r"\b[A-Z]+['’][A-Z]+\b")
# Portuguese and Spanish "no", "na" before a place are "in the", not a denial ("psoriase leve
# no couro cabeludo e tomo AAS": on the scalp); read as "em".
_IN_THE_PLACE = re.compile(
    r"\b(no|na|nos|nas|en el|en la) (couro cabeludo|cuero cabelludo|rosto|cara|pescoco|cuello|"
    r"bracos?|brazos?|cotovelos?|codos?|joelhos?|rodillas?|pernas?|piernas?|costas|espalda|"
    r"peito|pecho|barriga|pele|piel|corpo|cuerpo|maos?|manos?|testa|frente|cabeca|cabeza)\b",
    re.I,
)
# A relative clause set apart between a person and what they have ("my sister, who's coming
# with me, has eczema"): left out, so the person stays with the condition. Not one that tells
# a condition itself ("my mum, who has diabetes, ...").
_ASIDE_ABOUT_SOMEONE = re.compile(
    r"(?<=\w),\s*(who|whos|who's|who is|who will|wholl|who'll)\b"
    r"(?![^,]*\b(has|have|had|suffers?|takes?|is on|pregnant|breast\w*|nursing|diabet\w*|eczema|"
    r"psoriasis|cancer|heart|bruis\w*|sensitive|aspirin|thinners?|retinol|pain)\b)"
    r"[^,.;!?]{1,50},",
)
# Hesitation sounds ("pregnant... um maybe?"): nothing said, and no word between a condition
# and its hedge.
_FILLERS = re.compile(r"\b(u+m+|u+h+m*|e+r+m+|e+h*m+|h+m+)\b", re.I)
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")  # "reeeally", "sooo": no English word has 3


# Short misspellings of question words, too short for the one-edit correction below.
_SHORT_TYPO_WORDS = {
    "wat": "what",
    "wot": "what",
    "wut": "what",
    "wht": "what",
    "wen": "when",
    "wats": "whats",
    "wots": "whats",
    "whts": "whats",
    "w": "with",  # "im fine w needles"
    # negations and verbs typed short: "i dnt have diabetes", "i hav eczema"
    "dnt": "dont",
    "dont'": "dont",
    "dosnt": "doesnt",
    "dosent": "doesnt",
    "doesent": "doesnt",
    "didint": "didnt",
    "havnt": "havent",
    "hvnt": "havent",
    "hav": "have",
    "hve": "have",
    "nvr": "never",
    # "no heart probs", "dont rly bruise"
    "probs": "problems",
    "rly": "really",
    "rlly": "really",
}
_NOT_FULLY_SURE = re.compile(
    r"\bnot (100 ?%|100 percent|a hundred percent|totally|completely|entirely|fully|quite) sure\b",
    re.IGNORECASE,
)
_AND_AS_N = re.compile(r"(?<=[a-z]) (n|&) (?=[a-z])", re.IGNORECASE)
_SHORT_TYPOS = re.compile(r"\b(" + "|".join(_SHORT_TYPO_WORDS) + r")\b", re.IGNORECASE)
# "is" typed without its apostrophe after a person or the skin: "my wifes breastfeeding",
# "skins not super sensitive" (not "my sisters are", a plural).
_IS_WITHOUT_APOSTROPHE = re.compile(
    r"\b((?:(?:my|his|her|our|the) (?:wife|husband|partner|mum|mom|mam|dad|sister|brother|"
    r"daughter|son|friend|girlfriend|boyfriend|missus|nan|gran|aunt|auntie|uncle|fiance|fiancee))|"
    r"skin)s (?=(not|nt|never|very|super|really|quite|a bit|so|fine|ok|okay|good|sensitive|"
    r"pregnant|breastfeeding|breast feeding|diabetic|expecting|on)\b)",
    re.IGNORECASE,
)


# A visitor's own echo of a condition, answered at once: "Pregnant?? god no.", "Heart? Fine.",
# "aspirin? sometimes for hangovers". The echo is not a question (no question word before it).
_ECHO = re.compile(
    r"(^|[.!?;,]\s*)(?!(?:is|are|am|do|does|did|can|could|will|would|should|what|how|why|when|"
    r"where|who|which)\b)((?:[a-z'-]+ ){0,2}[a-z'-]+)\?+\s*(?:(?:god|hell|oh|absolutely|definitely|"
    r"def|also|heck|lol|haha)\s+)?(no|nope|nah|never|none|not really|fine|ok|okay|normal|all good|"
    r"yes|yeah|yep|yup|sometimes|occasionally|daily|every day|had it|had that|used to|"
    # "eczema? only as a baby, grew out of it": their history
    r"only as a (?:baby|kid|child|teen|teenager)|as a (?:baby|kid|child)|grew out of it|"
    r"years ago|long ago|in the past)\b"
    r"(?! idea| clue| way\b)"
    # not a "no" that starts a denial of its own: "bruise a bit easily maybe? no clotting problems"
    r"(?! (\w+ )?(clotting|bleeding|problems?|issues?|aspirin|blood|thinners?|diabet\w*|cancer|"
    r"heart|cardiac|eczema|psoriasis|sensitive|bruis\w*|pregnan\w*|breast\w*|pain|retinol)\b)",
    re.IGNORECASE,
)
# An answer led in by naming the question: "to your question - no, not pregnant".
_ANSWER_LEAD_IN = re.compile(
    r"^\W*(to|for|re|regarding|about|answering|answer to) (your|the|ur|yr) (last |previous |"
    r"first |earlier |other |second )?(question|q)\s*[-:,–]+\s*",
    re.IGNORECASE,
)
# The skin of one part of the body is the skin: "the skin on my face is extremely sensitive".
_SKIN_OF_A_PART = re.compile(
    r"\bskin (on|of|around) (my |the |her |his )?(face|scalp|neck|body|hands?|arms?|legs?|"
    r"cheeks?|chest|forehead|belly|tummy)\b",
    re.IGNORECASE,
)
# A word of the body answered without a question mark: "diabetes no, heart no".
_BODY_ANSWERED = re.compile(
    r"(^\s*(?:[-*•]\s*)?|[.!;,/|\n]\s*(?:[-*•]\s*)?|\s[-*•]\s+|\s\(?\d{1,2}[).]\s*)"
    r"(heart|hart|skin|clotting|bruising|bruises)"
    r"\s*[-:–]?\s*(no|"
    r"nope|nah|fine|ok|okay|"
    r"normal|all good)"
    r"\b(?! idea| clue| way\b)",
    re.IGNORECASE,
)
# A word of the body answered "not sure": "no diabetes. heart, not sure tbh"
_BODY_UNSURE = re.compile(
    r"(^\s*|[.!;,/|\n]\s*)(heart|hart|clotting)\s*[-:–,]?\s*(not sure|unsure|dunno|no idea|"
    r"don'?t know|do not know|idk|not certain)\b",
    re.IGNORECASE,
)
_BODY_UNSURE_SAID = {
    "heart": "might have a heart condition",
    "hart": "might have a heart condition",
    "clotting": "might have a clotting disorder",
}
# A bare "clotting" denied beside the check's other words: "no bruising or clotting either"
_CLOTTING_DENIED = re.compile(
    r"\b(no|nor|not|or any|or) clotting\b(?! (disorders?|problems?|issues?|conditions?|things?|"
    r"factors?|tests?|stuff))",
    re.IGNORECASE,
)
# How a body word answered "no" is said in words the reader knows ("bruising - no").
_BODY_FINE = {"bruising": "no easy bruising", "bruises": "no easy bruising", "hart": "heart fine"}
_ECHO_FINE = {"fine", "ok", "okay", "normal", "all good"}
_ECHO_NO = {"no", "nope", "nah", "never", "none", "not really"}
_ECHO_PAST = ("only as", "as a", "grew out", "years ago", "long ago", "in the past")
# Echoes in a word the reader takes for something else: "bruising? not really" answers
# whether they bruise easily (bruising alone is also an after-effect).
_ECHO_ALIASES = {"bruising": "bruise easily", "bruises": "bruise easily", "bruise": "bruise easily"}
_ECHO_BODY = {"heart", "skin", "pain", "blood", "clotting", "needles"}


# A bare "heart" listed beside cancer or diabetes, as the check's own question lists them:
# "no cancer, diabetes, heart", "none of the heart/cancer/diabetes stuff".
_HEART_WORD = re.compile(
    r"\bheart\b(?!\s*-?\s*(condition|problem|disease|issue|trouble|attack|failure|murmur|"
    r"rate|beat|valve|rhythm|surgery|op\b|pill|med|s\b|'s|is\b|fine|ok|okay|normal|all good|"
    r"good|healthy))",  # "heart ok": a word of the body answered, as before
    re.IGNORECASE,
)
_SLASH_BETWEEN_WORDS = re.compile(r"(?<=[a-z])/(?=[a-z])", re.IGNORECASE)
_LIST_JOIN = r"\s*(?:,|/|&|\bor\b|\band\b|\bnor\b)\s*(?:the\s+|a\s+)?"
# (or "no to cancer diabetes heart": the three names of the question, one after another)
_LISTED_BEFORE = re.compile(r"\b(?:cancer|diabetes)(" + _LIST_JOIN + r"|\s+)$", re.IGNORECASE)
_LISTED_AFTER = re.compile("^" + _LIST_JOIN + r"(?:cancer|diabetes)\b", re.IGNORECASE)


# Trying for a baby is no pregnancy, but "so I suppose I could be" after it says which
# condition the doubt is about: "... I could be [pregnant]".
_COULD_BE_PREGNANT = re.compile(
    r"\b(trying (for a baby|for another|for a (second|third|2nd|3rd)|to conceive|to get pregnant)|"
    r"ttc)\b([^.!?]{0,40}?\b(so |and )?(i )?(suppose |guess |think |reckon )?(i )?"
    r"(could|might|may) be)\b(?!\s+(pregnant|preggers|expecting))",
    re.IGNORECASE,
)


# A denial denied: "it's not that I don't bruise easily - I do" says they do.
_NOT_THAT_I_DONT = re.compile(
    r"\b(it[’']?s|its|it is) not (like|that|as if) (i|i[’']?m|im) "
    r"(don[’']?t|dont|do not|never|not) ",
    re.IGNORECASE,
)


# Asking whether it harms a baby: "does it hurt the baby?", "could it affect my baby?"
_HARMS_THE_BABY = re.compile(
    r"\b(hurt|harm|affect|damage|reach|be bad for|be dangerous for|be safe for|get to)s? "
    r"(the|my|a|her|an unborn) (unborn )?(baby|babies|bump|foetus|fetus)\b",
    re.IGNORECASE,
)
_OF_FEEDS = re.compile(r"\b(milk|breast ?feed\w*|feeds?|feeding|nursing|pumping)\b", re.I)
# A denial not claimed: "I wouldn't say I don't bruise easily" is a hedge ("I might").
_WOULDNT_SAY_I_DONT = re.compile(
    r"\b(i|id|i[’']?d) (wouldn[’']?t|wouldnt|would not|couldn[’']?t|couldnt|could not|"
    r"can[’']?t|cant|cannot) (say|claim|swear) (that )?(i|i[’']?m|im) "
    r"(don[’']?t|dont|do not|never|am not|[’']?m not|not) ",
    re.IGNORECASE,
)
# A double "not": "I'm not not breastfeeding, I still do the night feed" says they are.
NOT_NOT = re.compile(r"\bnot not\s+", re.IGNORECASE)


# A medicine or product put first, then denied: "retinol I never use", "aspirin I don't take"
# (read as "I never use retinol").
_OBJECT_FIRST_DENIED = re.compile(
    r"(^|[.,;!?]\s*)([a-z][a-z -]{2,30}?) (i|me) (never|dont|don'?t|do not|didnt|have never|not) "
    r"(use|take|using|taking|used|taken)( it| them| that)?(?=\s*($|[.,;!?]|lol|tbh|haha))",
    re.IGNORECASE,
)
# Not knowing what a condition is ("idk what counts as a clotting disorder"): a question.
_NOT_KNOWING_WHAT = re.compile(
    r"\b(not sure|unsure|idk|dunno|don'?t know|do not know|no idea|not certain|confused)"
    r"( about| on)? what\b",
    re.IGNORECASE,
)
# A question about a condition, then "mine is not": "sensitive skin is problem? mine is not"
_MINE_IS_NOT = re.compile(
    r"\?+\s*(but |and )?mine (is not|isnt|isn't|is n't|arent|aren't|are not|is fine|is ok|"
    r"is okay|is normal|is not sensitive)\b|"
    # "could I have it if I was diabetic? I'm not, just curious"
    r"\?+\s*(but |and )?(i'?m|im|i am) not\s*([,.!;]|$)",
    re.IGNORECASE,
)


def _listed_heart(text: str) -> str:
    """A bare "heart" in a list with cancer or diabetes, written as "heart condition"."""
    text = _SLASH_BETWEEN_WORDS.sub(" / ", text)  # "heart/cancer/diabetes": three words

    def named(match: re.Match[str]) -> str:
        listed = _LISTED_BEFORE.search(text[: match.start()]) or _LISTED_AFTER.match(
            text[match.end() :]
        )
        return f"{match.group(0)} condition " if listed else match.group(0)

    return _HEART_WORD.sub(named, text)


def _echo_answered(match: re.Match[str]) -> str:
    """Rewrite an answered echo in words the reader knows.

    "Heart? Fine." as "heart fine.", "pregnant?? god no" as "pregnant? no", "aspirin?
    sometimes" as "aspirin: sometimes".
    """
    lead, echo, answer = match.group(1), match.group(2), match.group(3)
    echo = _ECHO_ALIASES.get(echo.lower(), echo)
    if answer.lower() in ("had it", "had that", "used to"):
        return f"{lead}had {echo}"  # "cancer? had it, beat it, 2015": their history
    if answer.lower().startswith(_ECHO_PAST):
        return f"{lead}had {echo} {answer}"  # "eczema? only as a baby"
    if answer.lower() in _ECHO_NO and echo.lower() in _ECHO_BODY:
        return f"{lead}{echo} fine"  # "heart? no": a bare word of the body, healthy
    if answer.lower() in _ECHO_NO:
        return f"{lead}{echo}? {answer}"
    if answer.lower() in _ECHO_FINE:
        return f"{lead}{echo} {answer}"
    return f"{lead}{echo}: {answer}"


# After a question about breastfeeding, how old the baby is: "baby is 5 months".
_BABY_AGE = re.compile(
    r"\?\W*((my |the )?(baby|son|daughter|little one|lo|she|he)( is|'s| s)? )?(only |just |about )?"
    r"\d{1,2} ?(wks?|weeks?|months?|mths?)( old)?\W*$",
    re.IGNORECASE,
)
# After a question about pregnancy, how far along the visitor is: "14 wks", "i'm 5 months",
# "... pregnant women can have it, im 20 weeks".
_WEEKS_ALONG = re.compile(
    r"(\?\W*|[,.;!]\W*(but |and |tho |though )?(i'?m |im |i am ))"
    r"(i'?m |im |i am |about |around |nearly |almost )?\d{1,2} ?(wks?|weeks?|months?)"
    r"( along| in| now| pregnant| gone)?\W*$",
    re.IGNORECASE,
)
# A question's condition told as the visitor's own right after it.
_TOLD_AFTER_THE_QUESTION = (("pregnancy", _WEEKS_ALONG), ("breastfeeding", _BABY_AGE))


# The check's own question pasted back with a yes: "Do you have a blood clotting disorder,
# bruise easily, or take aspirin or blood thinners? - yes" (which one is not said), "Do you
# have a low pain tolerance? - bit yeah" (that one). A no denies them all, read as written.
_YES_AFTER_PASTED = re.compile(
    r"(yes|yeah|yep|yup|a bit|bit|i do|i am)\b(?!\s*(not|n'?t)\b)", re.IGNORECASE
)


@lru_cache(maxsize=64)
def _pasted_question(text: str) -> Tuple[int, Tuple[str, ...]]:
    """A check question pasted back: where the visitor's words start, what it names.

    The conditions it names come in order; (0, ()) when no check question is pasted back.
    """
    found = PASTED_CHECK_QUESTION.match(text)
    if found is None:
        return 0, ()
    asked = dict.fromkeys(m.condition for m in _read(_clean(text[: found.end()])).mentions)
    return (found.end(), tuple(asked)) if asked else (0, ())


def without_pasted_question(text: str) -> str:
    """The visitor's own words: a check question pasted back before its answer left out.

    "Do you have cancer, diabetes or a heart condition? - no" asks nothing: its "?" and the
    conditions it names are the check's, not the visitor's.
    """
    return text[_pasted_question(text)[0] :]


def _pasted_yes(text: str) -> Optional[Extraction]:
    """A yes to the check's question pasted back: its one condition, or a bare yes."""
    end, asked = _pasted_question(text)
    if not asked or not _YES_AFTER_PASTED.match(text, end):
        return None
    if len(asked) == 1:
        return Extraction(mentions=(Mention(asked[0], "present", text),), answer="yes")
    return Extraction(mentions=(), answer="yes")


def _pasted_no(text: str) -> Optional[Extraction]:
    """A no to the check's question pasted back, and what follows it read on its own.

    "Are you pregnant or breastfeeding? no. does it hurt?": no pregnancy, no breastfeeding
    (not questions about them); "... - no, does diabetes count though?" asks about diabetes.
    """
    end, asked = _pasted_question(text)
    if not asked:
        return None
    rest = extract(text[end:])
    if rest.answer != "no":
        return None
    told = {m.condition for m in rest.mentions}
    denied = tuple(Mention(key, "absent", text[:end]) for key in asked if key not in told)
    return Extraction(mentions=denied + rest.mentions, answer=None)


# An earlier answer taken back by naming it: "ignore the pregnant bit", "forget what I said
# about the aspirin" (what follows says what is true now).
_IGNORE_THE_X = re.compile(
    r"\b(ignore|forget|disregard|scratch|strike)( the| that| my| what i (said|wrote|put) about"
    r"( the| my)?)( \w+){1,3}? (bit|part|answer|thing|one|comment|bit i said)\b|"
    # "ignore what I said about being pregnant, I'm not": taken back by a denial after it
    r"\b(ignore|forget|disregard) what i (said|wrote|put|told you) (about|re|regarding) "
    r"[^.,;!?]{1,40}(?=\W+(i'?m|i am|im) not\b)",
    re.I,
)


# A word said to the one chatting with ("not pregnant mate no", "pain? mate i've had tattoos"),
# not a mate of theirs: not after "my", "a", "the", "his", "her", "our", "their", "your".
_CALLED_BY_NAME = re.compile(
    r"(?<!\bmy )(?<!\ba )(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\bour )(?<!\btheir )(?<!\byour )"
    r"(?<!\bbest )(?<!\bold )\b(mate|bro|pal|buddy|dude|hun|hon)\b(?!'?s\b)(?= *($|[,.!?]|no\b|"
    r"yes\b|yeah\b|nah\b|i\b|i'|im\b|lol\b))",
    re.I,
)


def _clean(text: str) -> str:
    """The analysable part of a message, cleaned.

    No HTML tags or invisible marks, plain apostrophes, and stretched letters ("reeeally
    sensitive") written once.
    """
    text = html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", text[: MAX_CHARS * 4])))
    # words of the visitor's own language, typed with or without accents ("grávida"): the
    # knowledge file lists them once, unaccented
    text = unaccented(text)
    text = _IN_THE_PLACE.sub(lambda m: f"em {m.group(2)}", text)
    text = _ASIDE_ABOUT_SOMEONE.sub("", text)
    text = _STRETCHED.sub(r"\1", _FILLERS.sub(" ", _INVISIBLE.sub(" ", text)))
    text = _CAPITAL_CONTRACTION.sub(lambda m: m.group(0).lower(), text)
    text = _SHORT_TYPOS.sub(lambda m: _SHORT_TYPO_WORDS[m.group(0).lower()], text)
    text = _IS_WITHOUT_APOSTROPHE.sub(r"\1's ", text)
    text = _NOT_FULLY_SURE.sub("not sure", text)  # "I'm not 100% sure": not sure
    text = _AND_AS_N.sub(" and ", text)  # "sensitive skin n eczema"
    text = _CALLED_BY_NAME.sub(",", text)  # "not pregnant mate no": the visitor speaking to us
    text = _SKIN_OF_A_PART.sub("skin", _ANSWER_LEAD_IN.sub("", text))
    text = _ECHO.sub(_echo_answered, text)
    text = _listed_heart(text)
    text = _IGNORE_THE_X.sub(" ", text)
    text = _NOT_THAT_I_DONT.sub(lambda m: f"{m.group(3)} ", text)
    text = _WOULDNT_SAY_I_DONT.sub("i might ", text)
    text = NOT_NOT.sub("", text)
    text = _OBJECT_FIRST_DENIED.sub(
        lambda m: f"{m.group(1)}{m.group(3)} {m.group(4)} {m.group(5)} {m.group(2)}", text
    )
    text = _COULD_BE_PREGNANT.sub(lambda m: f"{m.group(0)} pregnant", text)
    text = _BODY_ANSWERED.sub(
        lambda m: f"{m.group(1)}{_BODY_FINE.get(m.group(2).lower(), m.group(2) + ' fine')}", text
    )
    text = _BODY_UNSURE.sub(lambda m: f"{m.group(1)}{_BODY_UNSURE_SAID[m.group(2).lower()]}", text)
    text = _CLOTTING_DENIED.sub(lambda m: f"{m.group(1)} clotting disorder", text)
    return text.translate(_APOSTROPHES)[:MAX_CHARS].strip()


def _spelling_words(knowledge: Knowledge) -> frozenset[str]:
    """The words of the synonyms and the hand-written patterns (5 letters or more)."""
    words = {
        w for c in knowledge.conditions.values() for s in c.synonyms for w in unaccented(s).split()
    }
    for _, pattern in _PATTERNS:
        for token in pattern:
            for attr in ("LOWER", "LEMMA"):
                value = token.get(attr)
                if isinstance(value, dict):
                    words.update(value.get("IN", []))
                elif isinstance(value, str):
                    words.add(value)
    return frozenset(w for w in words if len(w) >= 5 and w.isalpha())


def _deletions(word: str) -> Set[str]:
    """The word and every form of it with one letter left out."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _deletion_index(words: frozenset[str]) -> Dict[str, Set[str]]:
    """Each one-letter-deleted form -> the words it comes from.

    Two words one edit apart (insert, delete, substitute, swap) share a form, so a
    misspelling is compared only with these few words, not with the whole vocabulary.
    """
    index: Dict[str, Set[str]] = {}
    for word in words:
        for key in _deletions(word):
            index.setdefault(key, set()).add(word)
    return index


def _one_edit_away(word: str, index: Dict[str, Set[str]]) -> Set[str]:
    """The indexed words one edit away from `word` (see _deletion_index)."""
    candidates = set().union(*(index.get(key, ()) for key in _deletions(word)))
    return {known for known in candidates if osa_distance_is_one(word, known)}


# Words after "oncology" that make it a place of work ("oncology nurse", "oncology ward").
_WORKPLACE_NEXT = frozenset("nurse nurses ward wards department unit doctor doctors".split())
# Something the check does not ask about, then its own question denied at the end.
_BUT_NONE_OF_THEM = re.compile(
    r"\b(but|otherwise|apart from that|other than that)\W+(none|nothing|no|neither) of "
    r"(those|them|these|the (three|3|two|2|ones|things|conditions)|what you (listed|said|"
    r"mentioned))( (you|u) (listed|mentioned|said|named|asked about))?\W*$",
    re.I,
)
# Shorthand that is only a condition in capitals ("AF, paroxysmal"; "af" is also slang).
_CAPITALS = {"AF": "afib", "A-fib": "afib"}

# A first name told as the subject ("Lou's breastfeeding tho", "Sarah has diabetes"): read as
# a friend. Only a capitalised word that is no English word the lemmatizer knows (nor any of
# its inflections: "Skin's fine" is skin), followed by a verb, in a message not typed in
# capitals throughout.
_NAME_VERBS = frozenset("'s ’s s is has takes took was had uses gets got does".split())
_NOT_NAMES = frozenset(
    """i it its that this there here what who where when why how which everything nothing
    something anything everyone nobody somebody all both one none neither either yes yeah yep
    no nope nah ok okay hi hey hello thanks thank so and but also just then well god lord
    christmas easter gp derm doc dr mr mrs ms miss nhs meso mesotherapy botox lipo hubby wifey
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)
_INFLECTIONS = ("", "s", "es", "ed", "d", "ing")

# The clitic "'s" (is, has, us): matched by lemma only where a synonym has it itself.
_CLITIC_S = ("'s", "’s", "s")


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
        self.synonym_words: Dict[str, Set[str]] = {}  # a synonym's word -> its conditions
        for key, condition in knowledge.conditions.items():
            # messages are read without accents (`_clean`), so the synonyms are matched so too
            synonyms = list(dict.fromkeys(map(unaccented, condition.synonyms)))
            self.phrases.add(key, [nlp.make_doc(s) for s in synonyms])
            lemma_patterns = [p for p in map(self._lemma_pattern, synonyms) if p]
            if lemma_patterns:
                self.patterns.add(key, lemma_patterns)
            for synonym in synonyms:
                if synonym.isalpha() and len(synonym) >= 6:
                    self.fuzzy.setdefault(synonym, key)
                for word in synonym.split():
                    self.synonym_words.setdefault(word, set()).add(key)
        for key, pattern in _PATTERNS:
            self.patterns.add(key, [pattern])
        self.table = self._lookup_table()
        self.known = frozenset(str(v) for v in self.table.values()) if self.table else frozenset()
        self.spelling = _spelling_words(knowledge)
        self.spelling_index = _deletion_index(self.spelling)
        self.fuzzy_index = _deletion_index(frozenset(self.fuzzy))
        self.fuzzy_order = {synonym: i for i, synonym in enumerate(self.fuzzy)}

    def _lemma_pattern(self, synonym: str) -> List[Dict[str, Any]]:
        """A Matcher pattern matching a synonym by lemma (words in -ing stay exact)."""
        if not self.has_lemmas or synonym in _EXACT_ONLY:
            return []
        pattern: List[Dict[str, Any]] = []
        for token in self.nlp(synonym):
            exact = token.lower_.endswith("ing") or not token.lemma_ or token.is_punct
            if exact:
                pattern.append({"LOWER": token.lower_})
            elif token.lower_ in _CLITIC_S:
                pattern.append({"LEMMA": token.lemma_})
            else:  # "'s" is "is" or "has": "it's my son" is no "had my son"
                pattern.append({"LEMMA": token.lemma_, "LOWER": {"NOT_IN": list(_CLITIC_S)}})
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

    def _names(self, doc: Doc) -> List[int]:
        """Where first names stand as a subject ("Lou's on aspirin"): see _NAME_VERBS."""
        letters = [t.text for t in doc if t.is_alpha]
        if sum(w[0].isupper() for w in letters) * 2 >= len(letters):
            return []  # Typed In Capitals Throughout: no word stands out as a name
        found = []
        for token in doc[:-1]:
            word, lower = token.text, token.lower_
            if (
                len(word) < 2
                or not word.isalpha()
                or not word[0].isupper()
                or not word[1:].islower()
                or doc[token.i + 1].lower_ not in _NAME_VERBS
                or lower in _NOT_NAMES
                or lower in _OTHERS
                or lower in self.synonym_words
                or lower in self.known
                or (self.table is not None and any(lower + e in self.table for e in _INFLECTIONS))
            ):
                continue
            found.append(token.i)
        return found

    def _corrected(self, word: str) -> str:
        """A misspelt word of the conditions' vocabulary, spelt right ("bruize" -> "bruise").

        Only unknown words of 5 letters or more, one edit away from exactly one word that
        the synonyms and patterns use ("realy" -> "really"); any other word is kept.
        """
        if len(word) < 5 or not word.isalpha() or self._is_known(word) or word in self.spelling:
            return word
        near = _one_edit_away(word, self.spelling_index)
        if not near and word.endswith("in"):  # "breast feadin": "feading", one from "feeding"
            near = _one_edit_away(word + "g", self.spelling_index)
        if not near and len(word) >= 8 and not is_english(word):
            # spelt by ear, two edits from one word of the same first letter: "diabeetik" (not
            # an English word: "different" is no "differin")
            near = {
                known
                for known in self.synonym_words
                if known[:1] == word[:1] and osa_distance(word, known, 2) <= 2
            }
        if len(near) > 1:
            # "bruse": "bruise" (a synonym's word) rather than "brush" (a pattern's); "exema":
            # "excema" or "exzema", both eczema's, so either
            own = {w for w in near if w in self.synonym_words}
            conditions = {key for w in own for key in self.synonym_words[w]}
            near = {min(own)} if own and len(conditions) == 1 else near
        return near.pop() if len(near) == 1 else word

    def doc(self, text: str) -> Tuple[Doc, Doc]:
        """The message as written and a lowercased, lemmatized copy with the same tokens."""
        from spacy.tokens import Doc

        doc = self.nlp.make_doc(text)
        words = [self._corrected(_CAPITALS.get(token.text, token.lower_)) for token in doc]
        for i in self._names(doc):
            words[i] = "friend"
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
            near = _one_edit_away(word, self.fuzzy_index)
            if near:  # the first such synonym in the knowledge file's order
                synonym = min(near, key=self.fuzzy_order.__getitem__)
                spans.append(_Span(token.i, token.i + 1, self.fuzzy[synonym]))
        return spans


def _plausible(doc: Doc, span: _Span) -> bool:
    """Drop known false friends: "expecting to", "nursing student", "skin type 2"."""
    text = doc[span.start : span.end].text
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if text == "expecting":
        if after in ("a", "an"):  # "expecting a baby", not "expecting a call back"
            following = doc[span.end + 1].lower_ if span.end + 1 < len(doc) else ""
            return following in _EXPECTING_BABY_WORDS
        if after in ("her", "his", "their"):  # "she's expecting her first baby"
            following = doc[span.end + 1].lower_ if span.end + 1 < len(doc) else ""
            return following in _EXPECTING_BABY_WORDS | {"first", "1st", "2nd", "3rd", "twins"}
        if after == "at":  # "not expecting at my age", not "expecting at three"
            following = doc[span.end + 1].lower_ if span.end + 1 < len(doc) else ""
            return following in ("my", "all", "the", "this", "present", "our", "her")
        return not after or doc[span.end].is_punct or after in _EXPECTING_NEXT_OK
    if text == "cancer" and (after in _ZODIAC_NEXT or "♋" in doc.text):
        return False  # "cancer season", "I'm a cancer ♋": the star sign
    if text.endswith(" sensitive") and span.key == "severe_skin_sensitivity":
        # "a bit sensitive", "skin is super sensitive to everything"; not "sensitive to pain"
        skin = any(t.lower_ == "skin" for t in doc[max(0, span.start - 3) : span.start])
        return skin or after not in _NOT_SKIN_NEXT
    if text == "nursing" and after in ("a", "an", "my", "his", "her", "the"):
        following = doc[span.end + 1].lower_ if span.end + 1 < len(doc) else ""
        return following not in _NURSED_ILLS  # "nursing a cold"; "nursing my son" stays
    if text in ("nursing", "oncology"):
        # not "a nurse on oncology", "I work in oncology", "an oncology nurse"
        return after not in _NOT_BREASTFEEDING_NEXT | _WORKPLACE_NEXT and before not in (
            "in",
            "of",
            "on",
            "at",
            "for",
        )
    if text.startswith("type"):
        # not "skin type 2", nor "type 1 von Willebrand disease", "von Willebrand type 1",
        # "EDS type 3" (their own types)
        earlier = {t.lower_ for t in doc[max(0, span.start - 3) : span.start]}
        if earlier & _TYPED_OTHERS:
            return False
        return before not in ("skin", "blood", "hair", "personality") and after not in (
            "von",
            "vwd",
            "vwf",
            "willebrand",
            "willebrands",
            "haemophilia",
            "hemophilia",
        )
    if text.endswith("blood") and after in ("pressure", "sugar", "sugars", "test", "tests"):
        return False  # "tablets for my blood pressure": not a blood thinner
    if text == "bf":  # "not pregnant or bf" is breastfeeding; "my bf", "bf is on" a boyfriend
        return before not in ("my", "her", "your", "the", "a", "with", "and") and after not in (
            _BOYFRIEND_NEXT
        )
    return True


# Conditions with types of their own, named just before "type 1".
_TYPED_OTHERS = frozenset(
    "willebrand willebrands willebrand's vwd haemophilia hemophilia eds ehlers danlos "
    "neurofibromatosis nf sma".split()
)


_NOT_ME = re.compile(
    r"(?:\b(?:but|and|though|tho|while|whereas)|,) (i|me|im|i m|ive|i ve)\b( \w+){0,6} "
    r"(dont|do not|don't|havent|haven't|have not|am not|not|never did|never had|never|didnt)"
    r"\b(?! know)|"
    r"\bnot me\b|\bi (dont|do not|don't)( have it)?\W*$|"
    # "He also takes rivaroxaban, but I take nothing like that myself"
    r"(?:\b(?:but|and|though|tho|while|whereas)|,) (i|me|im|i m)\b( \w+){0,3} (nothing|none)\b|"
    r"\bnothing like that (for )?(me|myself)\b"
)


# After a denial: someone else has it ("..., but my mother and my sister both do").
_THEY_DO = re.compile(
    # "no diabetes here, but my mum has it", "I don't have cancer, my sister does"
    r"^\W*((here|in me|for me|myself|personally)\b\W*)?"
    r"((but|though|tho|although|whereas|while)\W+|(?<=, )|(?<=^, ))(my|our) (?P<first>\w+)"
    r"( and (my |our )?(?P<second>\w+))? "
    r"(both |also |all |does|do|has|have|is|are|did|had|was|were)"
)

# what may follow "but my mum has" when it stands for the condition just denied
_SAID_OF_IT = frozenset(
    ", . ; ! ? - ( ) it too also one ones them that so though tho and but lol haha"
    " do does did has have had is are was were".split()
)


# After a condition: it is someone else's ("the heart thing is him", "... is my dad's", "yes
# diabetes, my mum has it").
_RELATIVE = (
    r"(husband|wife|partner|dad|father|mum|mom|mother|son|daughter|sister|brother|boyfriend|"
    r"girlfriend|friend|nan|gran|grandma|grandad|aunt|uncle|grandfather|grandmother|grandpa|"
    r"granny|nanna|cousin|niece|nephew|stepdad|stepmum|stepmom|flatmate|colleague)"
)
_IS_THEIRS = re.compile(
    r"^(thing|things|stuff|one|problem|problems|issue|condition|bit )?\s*(is|was|s|are|were) "
    rf"(all |only |just )?(him|her|them|his|hers|theirs|(my|our) {_RELATIVE}s?)\b|"
    # "the heart thing is mum not me"
    r"^(thing|things|stuff|one|problem|problems|issue|condition|bit )?\s*(is|was|s|are|were) "
    rf"(all |only |just )?{_RELATIVE}s?('?s)?\b(?=\W*($|not (me|mine)\b|,))|"
    rf"^\W*(my|our) {_RELATIVE} (has|had|does|did|is on|takes|gets) (it|that|them|this|one)\b"
    r"(?! (too|as well|also))|"
    # a list's owner after a dash, colon or bracket: "prostate ca - dad, not me", "breast
    # cancer (my mum)", "diabetes: my husband"
    rf"^\s*[-:(–—]\s*(my |our |his |her )?{_RELATIVE}s?('?s)?\b"
    r"(?=\s*(\)|,|;|\.|$|not (me|mine)\b|only\b))"
)


# An earlier answer named, then taken back: "i said diabetes earlier but actually i don't have
# it", "scratch the diabetes, thats my dad".
_TAKEN_BACK_LEAD = re.compile(
    r"\b(i (said|put|typed|wrote|ticked|clicked|mentioned|told you)|scratch|ignore|forget|"
    r"cross out|delete|strike)\b( (yes|no) (to|for))?( (the|my|about|that|what i said about))?\W*$"
)
_TAKEN_BACK_REST = re.compile(
    r"\bi (actually )?(do nt|do n't|dont|do not|don't) (actually )?(have|take|get) "
    r"(it|that|one|them)\b|"
    r"\b(it|that|thats|that 's|its|it 's|this) (was|is|'s|s)? ?(actually |really )?"
    r"(my|our|her|his) (?P<person>\w+)|"
    r"\b(was|is) (a )?(mistake|wrong|typo)\b|\bnot me\b"
)


# A denial at the end of a reason: "im 71 love, no chance of either".
_NO_CHANCE = re.compile(
    r"\b(no chance|not a chance|fat chance|no way|zero chance)( of (either|both|that|them|it|"
    r"any of (them|those|that)))?( (lol|haha|mate|love|hun|x+))?\W*$",
    re.I,
)
# A no, then doubted: "i don't think so? we've been trying so maybe", "no... could be though".
_NO_THEN_DOUBT = re.compile(
    r"\b((so|but|though|tho) (maybe|possibly|perhaps)|could be (early|though|tho)|"
    r"might be (though|tho)|"
    r"(could|might) (actually )?be\W*$|not 100 ?%?( sure)?|cant be sure|can ?not be sure)\b",
    re.I,
)
# Said, then corrected at once: "i have psoriasis - wait no thats my brother".
_CORRECTING = re.compile(
    r"^\W*((wait|sorry|oops|actually|hang on|hold on|no|nope|scratch that|my bad|soz|sry|"
    r"ah|oh)\W+){1,3}"
)


def _taken_back(doc: Doc, span: _Span, sentence_start: int) -> Optional[str]:
    """How the message takes back an earlier answer about the mention, if it does.

    "absent" ("i said diabetes, but i don't have it"), "other_person" ("... it was my dad"),
    or None (nothing taken back).
    """
    lead = " ".join(t.lower_ for t in doc[sentence_start : span.start])
    rest = _rest_of_sentence(doc, span.end)
    if not (_TAKEN_BACK_LEAD.search(lead) or _CORRECTING.match(rest)):
        return None
    for found in _TAKEN_BACK_REST.finditer(rest):
        person = found.group("person")
        if person is None:
            return "absent"
        if person in _OTHERS or person.rstrip("s") in _OTHERS:
            return "other_person"
    return None


def _they_do(rest: str) -> bool:
    """Whether `rest` opens with someone else having it ("but my mum does")."""
    found = _THEY_DO.search(rest)
    if found is None:
        return False
    after = rest[found.end() :].split()
    if after and after[0] not in _SAID_OF_IT:
        return False  # "no heart probs but my mum had cancer": hers is another condition
    return all(
        word is None or word in _OTHERS or word.rstrip("s") in _OTHERS
        for word in (found.group("first"), found.group("second"))
    )


def _rest_of_sentence(doc: Doc, end: int) -> str:
    """The lowered words from `end` to the end of its sentence."""
    stop = end
    while stop < len(doc) and not _is_hard_break(doc, stop):
        stop += 1
    return " ".join(t.lower_ for t in doc[end:stop])


def _denied_for_self(doc: Doc, end: int, mentioned: Set[int]) -> bool:
    """Whether the rest of the sentence says the visitor doesn't have it ("but I don't")."""
    stop = end
    while stop < len(doc) and stop not in mentioned and not _is_hard_break(doc, stop):
        stop += 1
    rest = " ".join(t.lower_ for t in doc[end:stop])
    rest = re.sub(r" (n't|nt)\b", "nt", rest).replace(" 'm", "m")
    return bool(_NOT_ME.search(rest))


def _without_borrowed_remission(doc: Doc, spans: Sequence[_Span]) -> List[_Span]:
    """Drop "in remission" as cancer when its sentence names another condition before it.

    "My psoriasis has been in remission for years": the remission is the psoriasis's.
    """
    kept: List[_Span] = []
    for span in spans:
        words = doc[span.start : span.end].text.lower()
        borrowed = words in ("in remission", "remission") and any(
            other.key != span.key
            and other.end <= span.start
            and not any(_is_hard_break(doc, i) for i in range(other.end, span.start))
            for other in spans
        )
        if not borrowed:
            kept.append(span)
    return kept


def _without_labels(doc: Doc, spans: Sequence[_Span]) -> List[_Span]:
    """Drop a condition named as a label when what follows says it again.

    "diabetes - she has type 1 but i dont": the label is not the visitor's diabetes; the
    sentence after it decides.
    """
    kept: List[_Span] = []
    for k, span in enumerate(spans):
        following = spans[k + 1] if k + 1 < len(spans) else None
        label = (
            following is not None
            and following.key == span.key
            and span.end < len(doc)
            and doc[span.end].text in ("-", ":", "–", "—")
            and not any(_is_hard_break(doc, i) for i in range(span.end, following.start))
        )
        if not label:
            kept.append(span)
    return kept


# A condition spoken of as a subject the visitor knows or works with, not as theirs: "I know a
# bit about clotting", "I read a lot about eczema", "I work with diabetes patients".
_KNOWS_ABOUT = re.compile(
    r"\b(know|knows|knew|read|reading|learn\w*|heard|studied|study|studying|research\w*|"
    r"informed|an expert|expert|teach|taught) (\w+ ){0,3}(about|on) (\w+ ){0,2}$"
)
_WORKS_WITH = re.compile(r"\b(work|works|working|worked|volunteer\w*) (with|on|in) (\w+ ){0,2}$")
_PEOPLE_AFTER = re.compile(
    r"^\W*(patients?|people|clients?|sufferers|kids|children|families|charity|charities|ward|"
    r"clinic|unit|nurse|research)\b"
)


# A condition referred back to: "the cancer I've told you about" says nothing new of it.
_TOLD_BEFORE_AFTER = re.compile(
    r"^\s*(thing |stuff |one |issue |history |business |bit )?(that |which )?"
    r"(i ?'?ve|i have|i|ive) (already |just )?(told you|mentioned|said|told|"
    r"spoke|wrote|talked)( about| of)?\b"
)


_NOT_MINE_AFTER = re.compile(
    r"[^.!?;]*?\b(i|me)\b[^.!?;]{0,12}?\b(do ?n'?t|do not|never|have ?n'?t|have not)"
    r"( \w+)? (have|had|got) (it|that|one|them)\b|[^.!?;]*?\bnot (me|mine)\b",
    re.IGNORECASE,
)


def _without_knowledge(doc: Doc, spans: Sequence[_Span]) -> Tuple[List[_Span], Set[_Span]]:
    """Drop a condition named as a subject known or worked with ("I read about eczema").

    Also one referred back to ("the cancer I've told you about"): nothing new is told of it.
    Returns the spans kept, and those of them known about and denied for the visitor ("I
    know about clotting from my brother, I don't have it myself"): the visitor's "no".
    """
    kept: List[_Span] = []
    denied: Set[_Span] = set()
    for span in spans:
        start, end = doc[span.start].idx, doc[span.end - 1].idx + len(doc[span.end - 1])
        before = re.split(r"[.!?;,]", doc.text[max(0, start - 60) : start])[-1]
        if doc[span.start].text in ("about", "on"):  # "what about clotting" is a match itself
            before += f"{doc[span.start].text} "
        asks = re.search(r"\b(you|u|ya)\b", before)  # "do you know about diabetes?" asks
        told = _TOLD_BEFORE_AFTER.match(doc.text[end : end + 60])
        referred_back = (
            told is not None
            and before.strip() in ("the", "my", "just the", "only the")
            and not re.split(r"[.!?]", doc.text[end + told.end() :])[0].strip(" ,")
        )  # not "the aspirin I mentioned, yes": a yes to it
        known = _KNOWS_ABOUT.search(before) or (
            _WORKS_WITH.search(before) and _PEOPLE_AFTER.match(doc.text[end : end + 20])
        )
        if known and not asks and _NOT_MINE_AFTER.match(doc.text[end : end + 80]):
            denied.add(span)
            kept.append(span)
        elif asks or not (referred_back or known):
            kept.append(span)
    return kept, denied


def _merge(spans: Sequence[_Span]) -> List[_Span]:
    """Join adjacent matches of the same condition ("type 2" + "diabetes")."""
    merged: List[_Span] = []
    for span in spans:
        if merged and merged[-1].key == span.key and merged[-1].end == span.start:
            merged[-1] = _Span(merged[-1].start, span.end, span.key)
        else:
            merged.append(span)
    return merged


def _hedged_again(mentions: List[Mention], sentences: List[int]) -> List[Mention]:
    """A condition told, then doubted in the same sentence: uncertain.

    "I get palpitations, not sure if that's a heart thing".
    """
    result = list(mentions)
    for i, told in enumerate(mentions):
        if told.status != "present":
            continue
        if any(
            later.condition == told.condition
            and later.status == "uncertain"
            and sentences[j] == sentences[i]
            for j, later in enumerate(mentions[i + 1 :], start=i + 1)
        ):
            result[i] = Mention(told.condition, "uncertain", told.text)
        elif (_MEASURED.search(told.text) or told.condition in _TRAITS) and any(
            earlier.condition == told.condition
            and earlier.status == "uncertain"
            and sentences[j] == sentences[i]
            for j, earlier in enumerate(mentions[:i])
        ):
            # "maybe I have diabetes, my sugar was high in the last blood test": the reading
            # is why they wonder, not a diagnosis; "not sure if I count as low pain tolerance,
            # I hate needles": what they wonder about
            result[i] = Mention(told.condition, "uncertain", told.text)
    return result


_MEASURED = re.compile(r"\b(sugars?|glucose|hba1c|levels?|readings?|results?)\b", re.I)


_TREATMENT_WORDS = re.compile(r"\b(chemo\w*|radiotherapy|radiation|biopsy|oncology)\b")
_OPENING_NOW = re.compile(r"^\W*now\b")
_NOW_AGAIN = re.compile(r"\b(now|currently|still|again|ongoing|undergoing|at the moment)\b")


def _treatment_of_a_past_condition(
    mentions: List[Mention], starts: List[int], said: Dict[int, str]
) -> List[Mention]:
    """A treatment named after a past condition in the same sentence is that past's.

    "I had breast cancer nine years ago, the operation and the radiotherapy and all that";
    not "had cancer years ago but im on chemo again now".
    """
    result = list(mentions)
    for j, later in enumerate(mentions):
        if later.status != "present" or not _TREATMENT_WORDS.search(later.text.lower()):
            continue
        if _NOW_AGAIN.search(_OPENING_NOW.sub("", said[starts[j]])):  # not "now, I ought to"
            continue
        # "... 6 years ago, all clear now. needles freak me out after all the chemo cannulas":
        # a later sentence looking back at that treatment
        looks_back = re.search(
            rf"\b(after|during|from|since|through|because of) (all )?(the|my|that) "
            rf"{re.escape(later.text.lower())}",
            said[starts[j]],
        )
        if any(
            earlier.condition == later.condition
            and earlier.status == "past"
            and (starts[i] == starts[j] or looks_back)
            for i, earlier in enumerate(mentions[:j])
        ):
            result[j] = Mention(later.condition, "past", later.text)
    return result


_OPENING_HEDGE = re.compile(
    r"^\W*((honestly|hmm+|um+|well|tbh|to be honest|erm)\W+)?"  # "Honestly, I'm not sure."
    r"((maybe|possibly|perhaps|could be|kind of|kinda|sort of|sorta)\W*\?|"
    r"((i'?m |im |i am |i m )?not sure|unsure|dunno|idk|i dont know|"
    r"i don't know|no idea)\b\W*[?.!,]|not sure about( the| my)? \w+( tbh| honestly| to be honest| "
    r"really)?\W*[,.;]|"
    # "not sure if i have a clotting problem, my nose bleeds a lot"
    r"(not sure|unsure|dont know|don't know|no idea) (if|whether) (i have|ive got|i've got|i've|"
    r"ive|im|i'm|i am|i)( got| get| have)?( a| an| any| the)?( \w+){1,3}\W*[,.;])",
    re.I,
)
_UNDIAGNOSED = re.compile(
    r"\b(nothing|not|never|wasnt|isnt|hasnt been|havent been|not yet|no) (been )?(officially |"
    r"properly |formally |actually )?(diagnosed|confirmed)\b|\bundiagnosed\b|"
    r"\bno (official |formal |actual )?diagnosis\b"
)


def _sentences_said(starts: List[int], sentence: Sequence[int], doc: Doc) -> Dict[int, str]:
    """The lowercased words of each sentence a mention stands in, by its first token."""
    return {
        start: " ".join(t.lower_ for t in doc if sentence[t.i] == start) for start in set(starts)
    }


def _undiagnosed(mentions: List[Mention], starts: List[int], said: Dict[int, str]) -> List[Mention]:
    """A condition told in a sentence that says nothing was diagnosed: uncertain.

    "doc said palpitations but nothing diagnosed": to discuss, not a finding.
    """
    return [
        Mention(m.condition, "uncertain", m.text)
        if m.status == "present"
        and m.condition not in _NOT_DIAGNOSED_THINGS
        and _UNDIAGNOSED.search(said[start])
        else m
        for m, start in zip(mentions, starts)
    ]


# What one takes or uses is not diagnosed: "put me on a retinol cream and thinks I might have
# a bit of psoriasis, not confirmed yet" leaves the retinol told.
_NOT_DIAGNOSED_THINGS = frozenset({"retinol", "aspirin_or_blood_thinners"})


# --- entry point -----------------------------------------------------------------------------


_SAYS_SENSITIVE = re.compile(r"sensiti?v|sentitiv|sensible|reactive|\b(every|any|all|most)")
_DESCRIBES_PATCHES = re.compile(r"scaly|flaky")


def _descriptions_of_named_skin_conditions(mentions: List[Mention]) -> List[Mention]:
    """Skin described in everyday words gives way to eczema or psoriasis named.

    "my skin flares up with itchy red patches, doctor said its eczema": the flare is the
    eczema's, not very sensitive skin (sensitive skin said in words stays: "sensitive skin
    and eczema"). "possibly a bit of psoriasis? dry scaly patches": the named one's doubt
    decides, not the patches.
    """
    named = [
        m
        for m in mentions
        if m.condition == "eczema_or_psoriasis" and not _DESCRIBES_PATCHES.search(m.text.lower())
    ]
    if not any(m.status in ("present", "past", "uncertain") for m in named):
        return mentions
    return [
        m
        for m in mentions
        if not (
            m.condition == "severe_skin_sensitivity"
            and m.status == "present"
            and not _SAYS_SENSITIVE.search(m.text.lower())
        )
        and not (m.condition == "eczema_or_psoriasis" and m not in named)
    ]


# Words after a mention that keep it open ("or breastfeeding? not sure").
# A last sentence that is only a doubt: "... sometimes. honestly no idea"
_DOUBT_LAST = re.compile(
    r"[.!?]\s*(honestly |tbh |to be honest |really |i have |i've )?(no idea|not sure|idk|dunno|"
    r"no clue|who knows|not really sure|can't say|cant say)( really| tbh| honestly| to be honest)?"
    r"\W*$",
    re.IGNORECASE,
)
_SOFTLY = re.compile(
    r"\b(sometimes|occasionally|now and (then|again)|here and there|a bit|a little|kind of|"
    r"kinda|sort of|sorta|i guess|i think|probably|random)\b",
    re.IGNORECASE,
)
_DOUBT_AFTER = frozenset("? sure maybe think idk dunno might possibly".split())

# The visitor asks whether they have a condition: "do I have a clotting disorder?"
_ASKS_IF_I_HAVE = re.compile(
    r"\b(do|could|might|can|would) i (have|be|count as( having)?)\b"
    r"(?! to| (it|this|that|meso\w*|the (treatment|injections?|procedure)|a session|one|some)\b)|"
    r"\bhave i got\b|"
    r"\bam i\b(?! (on|taking|allowed|able|ok|okay|fine|suitable))"
)


# The visitor doubts whether they have it: "I'm not sure if I have a clotting disorder, my nose
# bleeds a lot" (the nosebleeds are why they wonder: uncertain).
_UNSURE_IF_I_HAVE = re.compile(
    r"\b(not sure|unsure|dont know|do not know|no idea|wonder|wondering|not certain) "
    r"(if|whether) (i|ive|im|i have|i am)\b"
)
_CONTRAST_WORDS = re.compile(r"\b(but|though|tho|however|although)\b")


def _evidence_for_own_question(text: str, mentions: List[Mention]) -> List[Mention]:
    """What a visitor tells beside asking or doubting whether they have it is evidence.

    "do I have a clotting disorder? my nose bleeds a lot": still a question (only a
    professional can say); "is baby aspirin a blood thinner? i take a 75mg one" is not asked
    about themselves and keeps its finding.
    """
    lowered = text.lower().replace("'", "")
    asked: Dict[str, str] = {}
    for m in mentions:
        if m.status not in ("question", "uncertain") or m.condition in asked:
            continue
        at = lowered.find(m.text.lower().replace("'", ""))
        clause = re.split(r"[,.;!?]", lowered[:at])[-1] if at >= 0 else ""
        pattern = _ASKS_IF_I_HAVE if m.status == "question" else _UNSURE_IF_I_HAVE
        if pattern.search(clause):
            asked[m.condition] = m.status
    contrasted = _CONTRAST_WORDS.search(lowered)
    return [
        Mention(m.condition, asked[m.condition], m.text)
        if m.condition in asked
        and m.status == "present"
        and not (asked[m.condition] == "uncertain" and contrasted)
        else m
        for m in mentions
    ]


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
        try:  # the same lookup lemmatizer as meso/tools/build_spacy_model.py, if available
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.initialize()
        except Exception:  # noqa: BLE001 - no lookup tables: match exact words only
            nlp = spacy.blank("en")
    return _Extractor(nlp, load_knowledge())


# A correction further into the message: what follows it replaces what came before
# ("pregnant. sorry, no, not pregnant - I meant breastfeeding", "I have diabetes - sorry, I
# mean my mum does", "I'm on aspirin - no wait, sorry, I stopped taking it months ago").
_CORRECTION = re.compile(
    r"(?:^|[\s.,;:!?-])(no wait|wait no|wait|sorry|oops|i mean|i meant|scratch that|my bad|"
    r"correction|actually no|no actually|actually yeah|actually yes|actually yep|"
    r"well,? i was|jk|j/k|just kidding|just joking|only joking|kidding)\b",
    re.I,
)
_NO_BEFORE_CORRECTION = re.compile(r"[\s,.;:!-]+(oh\s+)?(no|nope|nah|oh)\W*$", re.I)
# What the correction says of the condition told before it, without naming it again.
_ANOTHER_HAS_IT = re.compile(
    r"\b(my|our) (\w+ )?(mum|mom|mother|mam|dad|father|sister|brother|wife|husband|partner|"
    r"daughter|son|friend|aunt|auntie|uncle|gran|granny|nan|nana|grandma|grandmother|grandad|"
    r"grandpa|grandfather|cousin|boyfriend|girlfriend|fiance|fiancee|mate|colleague|flatmate|"
    r"client|niece|nephew)\b|\bnot (me|mine)\b|\b(her|his|their) (details|answers?|info)\b",
    re.I,
)
# The visitor's own no after a correction that gave the condition to someone else.
_I_DONT_AFTER = re.compile(
    r"\b(i|im|i'm) (dont|don't|do not|am not|'m not|not|never) (take|have|use|on|get|suffer)"
    r"( \w+)?( anything| any| it| them| that| one)?\b|\bnot me\b|\bme no\b|"
    # "She had cancer. Me nothing."
    r"\bme (nothing|none|neither)\b|\b(nothing|none) (for|of) me\b",
    re.I,
)
# A correction that says yes after all: "scratch that, I do".
_I_DO_AFTER = re.compile(
    r"^\W*(\w+\W+){0,4}?(i (do|am|have|did)|i'?m|yes (i )?(do|am|have))\W*($|[,.;!]\s*(i'?m|im|i "
    r"(get|have|bruise)|its|it's|they|loads|covered))",
    re.I,
)
# An earlier answer retold: "earlier I said I was pregnant" (reported, not past).
_SAID_EARLIER = re.compile(
    r"\b(i )?(said|told you|wrote|typed|answered|put) (that )?(i was|i had|i am|im|i have)\b", re.I
)
_GAVE_IT_UP = re.compile(
    r"(?<!never )(?<!not )(?<!nt )(?<!didnt )(?<!havent )(?<!hasnt )\b(stopped|quit|came off|"
    r"come off|finished|no longer|not any ?more)\b|"
    # "I'm on aspirin, oh no sorry, that was last month", "I'm breastfeeding, well, I was
    # until last week"
    r"\b(that|it) was (last|a|an|\d+|in|back|years|months|weeks|ages)\b|"
    r"\bi was (until|till|up to)\b",
    re.I,
)
# A correction that says yes after a no: "no i dont bruise easily... actually yeah i kinda
# do", "no, I'm not pregnant... actually wait, I am, only 8 weeks".
_YES_AFTER = re.compile(
    r"^\W*(actually|wait|hang on|hmm|oh|sorry)\W+((actually|wait|hang on)\W+)?(yeah|yes|yep|yup|"
    r"i (kinda |kind of |sort of |actually |really |do )?(do|am|have|bruise|get)|i'?m)\b(?! not)",
    re.I,
)
# A correction that says no after a yes: "yes I'm pregnant, sorry I meant no", "yeah kinda
# low pain tolerance, actually no its fine".
_NO_AFTER = re.compile(
    r"^\W*(sorry|wait|oops|actually|my bad|jk|j/k|just kidding|just joking|only joking|kidding)?"
    r"\W*((i )?(meant|mean)\W+|actually\W+|wait\W+)?"
    r"(no|nope|nah)\b(?! (idea|clue|sorry|wait))|"
    r"^\W*(actually no|no actually|wait no|no wait)\W+((its|it's|it is|im|i'm|i am|thats|"
    r"that's) (fine|ok|okay|good|not)|not really|i (dont|don't|do not|am not|'m not))|"
    # "I'm pregnant lol jk, I'm not"
    r"^\W*(jk|j/k|just kidding|just joking|only joking|kidding)\W+((lol|haha|jk|j/k)\W+)*"
    r"(i'?m not|im not|i am not|i (dont|don't|do not)|not really|none|no|nope|nah)\b",
    re.I,
)


# An answer given to a question named by a word of it: "and no to the bruising question".
_TO_THE_QUESTION = re.compile(
    r"(?:^|[.!?,;]\s*|\b(?:and|but|also|oh|ok|okay)\s+)(yes|yeah|yep|no|nope|nah) to (?:the|your) "
    r"(?:\w+[ -]){0,3}(?:question|one|q|bit)\b",
    re.I,
)


# Diabetes medicines taken for something else ("metformin for my PCOS"): the medicine says
# nothing of diabetes, and a denial of diabetes beside it stands.
_DIABETES_MEDICINE = re.compile(r"(metform\w*|glucophage|glycomet)", re.I)  # "metformina"
_DIABETES_CUES = re.compile(
    r"\b(t[12]|t[12]dm|type ?(1|2|one|two)|hba1c|a1c|sugars?|glucose|insulin|diabet\w*)\b", re.I
)
_FOR_SOMETHING_ELSE = re.compile(
    r"\b(for|because of|due to|treat\w*) (my |the |her )?(pcos|pcod|polycystic|ovar\w*|weight|"
    r"fertility|insulin resistance|periods?|hormones?|acne|ageing|aging|longevity)\b",
    re.I,
)


def _without_medicines_for_something_else(text: str, extraction: Extraction) -> Extraction:
    """Drop a diabetes medicine read as diabetes when it is taken for something else."""
    told = [m for m in extraction.mentions if _DIABETES_MEDICINE.fullmatch(m.text)]
    if not told:
        return extraction
    denied = any(m.condition == "diabetes" and m.status == "absent" for m in extraction.mentions)
    if not denied and not _FOR_SOMETHING_ELSE.search(text):
        named = any(
            m.condition == "diabetes" and not _DIABETES_MEDICINE.fullmatch(m.text)
            for m in extraction.mentions
        )
        if named or _DIABETES_CUES.search(text):
            # "type 2 diabetic, on metformin", "T2 on metformin", "my HbA1c came back 48 and
            # the GP put me on metformin": the diabetes is told
            return extraction
        # "I take metformin" alone: it is also taken for PCOS or prediabetes, so the reader
        # doesn't conclude diabetes from it; to discuss
        return Extraction(
            mentions=tuple(
                Mention(m.condition, "uncertain", m.text)
                if m in told and m.status == "present"
                else m
                for m in extraction.mentions
            ),
            answer=extraction.answer,
        )
    kept = tuple(m for m in extraction.mentions if m not in told)
    return Extraction(mentions=kept, answer=extraction.answer)


# Trying to conceive, not yet tested: a "no" to the pregnancy question is not sure.
_TRYING = re.compile(
    r"\b(trying (for a baby|to conceive|for another|for number \w+)|ttc|(havent|haven't|have not|"
    r"not) (yet )?(tested|done a test|taken a test))\b",
    re.I,
)
_UNTESTED = re.compile(
    r"\b(havent|haven't|have not|not|didnt|didn't|did not) (yet )?(tested|done a test|taken a test|"
    r"done a pregnancy test|taken a pregnancy test|had a test|checked)\b(?! (positive|negative))",
    re.I,
)
# A pregnancy test still to do: "got a test in my bag, doing it in a min", "about to test".
_TEST_TO_DO = re.compile(
    r"\b(doing|do|taking|take|gonna do|going to do|will do|ill do|i'll do) (it|a test|the test|"
    r"a pregnancy test)( in a (min|minute|sec|second|bit|moment|few)| later| tonight| tomorrow|"
    r" in the morning| when i get home| after work)\b|\babout to (do|take) (a|the) "
    r"(pregnancy )?test\b|\b(test|tests) (is |are )?(in my bag|at home|waiting)\b",
    re.I,
)
_BEEN_TRYING = re.compile(
    r"\b(we'?ve|we have|we'?re|we are|i'?ve|i have) (been )?trying( for a while| for ages)?"
    r"\s*([.!?,;]|$)",
    re.I,
)
_THINKS_NOT = re.compile(
    r"\b((i )?(don'?t|do not|dont) think|probably not|i doubt|not that i know( of)?|"
    r"as far as i know)\b",
    re.I,
)
# A pregnancy planned, not now: "I'd like to get pregnant next year", "hoping to fall
# pregnant soon".
_PLANNING = re.compile(
    r"\b(like|want|wanting|hoping|hope|plan|planning|plans|intend|intending|going|gonna|"
    r"try|trying|wish|wishing) to (get|fall|become|be) pregnant\b(?! (now|already))",
    re.I,
)
# Not knowing one's own pain tolerance: uncertain ("not sure what my pain tolerance is like").
_UNSURE_OF_TOLERANCE = re.compile(
    # "pain? not sure", "Regarding pain, I do not know"
    r"(^|[.!?;,]\s*)((regarding|as for|as to|about|concerning|re|with regard to) (the )?)?"
    r"pain\s*[?:,–-]+\s*(i\s+)?(am\s+)?(not sure|unsure|dont know|don't know|do not know|"
    r"no idea|dunno|idk|not certain)\b|"
    r"\b(not (really )?sure|unsure|no idea|(do ?n'?t|dont|do not) (really )?know|not certain) "
    r"(what|how|if|whether) (my |the )?pain (tolerance|threshold)\b|"
    # "idk my pain tolerance honestly"
    r"\b(idk|dunno|(do ?n'?t|do not) (really )?know|no idea)( about| of)? my pain (tolerance|"
    r"threshold)\b|"
    # "a bit nervous about the pain, not sure how I'll cope", "not sure about pain"
    r"\bpain\b.{0,40}\b(not (really )?sure|unsure|(do ?n'?t|do not) (really )?know|no idea) "
    r"(how|if) (i'?ll|i will|i'?d|i would|i can|i could) (cope|manage|handle|deal|take)\b|"
    r"\b(not (really )?sure|unsure|idk|dunno|no idea) about (the |my )?pain\b",
    re.I,
)


# A medicine or product only planned: "my doctor wants to put me on blood thinners but I
# haven't started them yet", "I'll be starting retinol after my treatment, I'm not using it now"
_PLANNED_ONLY = re.compile(
    r"\b(wants? to|going to|gonna|will|'ll|ll|might|may|plans? to|planning to|would have|"
    r"(is|are|'s|s) (starting|putting)) "
    r"(put me on|start( me on)?|be starting|be putting me on|prescribe|need|been on|me on)\b",
    re.I,
)
_NOT_STARTED = re.compile(
    r"\b((havent|haven't|have not|not|didnt|didn't|did not) (yet )?(started|begun|begin|start)"
    r"|((im|i'm|i am) )?not (using|taking|on) (it|them|any|anything)( yet| now| at the moment)?"
    r"|not (yet )?(using|taking) (it|them) (yet|now)"
    r"|(refused|declined|turned down|said no to) (it|them|to take (it|them))"
    r"|turned (it|them) down)\b",
    re.I,
)
# A start still to come: "my GP is starting me on warfarin in two weeks", "the apixaban
# starts on the 14th", "I'll be on blood thinners after my op in January"
_STARTS_LATER = re.compile(
    r"\b((is|are|'s|s|will be|'ll be|ll be) (starting|putting) me on|"
    r"(will|'ll|ll) (start|put) me on|starts|begins|kicks in)\b.{0,60}"
    r"\b(in (a|an|one|two|three|four|a couple of|a few|\d+) "
    r"(days?|weeks?|months?|wks?)|next (week|month|year|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)|on the \d+(st|nd|rd|th)?|tomorrow|from (monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|next)|after (my|the) (op|operation|surgery|procedure))\b",
    re.I,
)
_PLANNABLE = ("aspirin_or_blood_thinners", "retinol")


def _planned_only(text: str, extraction: Extraction) -> Extraction:
    """A medicine or product named as planned, not taken now.

    Absent when said not started; to discuss with a professional when its start is still
    to come ("my GP is starting me on warfarin in two weeks").
    """
    later = _STARTS_LATER.search(text)
    olds: Tuple[str, ...]
    if (later or _PLANNED_ONLY.search(text)) and _NOT_STARTED.search(text):
        olds, new = ("present", "uncertain"), "absent"  # "I might need them, I'm not on any"
    elif later:
        olds, new = ("present",), "uncertain"
    else:
        return extraction
    for key in _PLANNABLE:
        if extraction.statuses.get(key) in olds:
            extraction = _restatus(extraction, key, extraction.statuses[key], new)
    return extraction


# Told by someone else, and doubted: "my mum keeps saying I bruise easily but I've never
# noticed it myself" is to discuss, not a finding.
_HEARSAY = re.compile(
    r"\b(keeps? saying|always says?|says|said|tells me|told me|thinks|reckons)( that)? (i|im|i'm)\b"
    r".{0,80}\b(but|though|tho)\b.{0,20}\b(i'?ve|i have|i)( really)? (never|not|dont|don't|do not|"
    r"havent|haven't)( really| ever)? (noticed|notice|seen|see|agree|think so|believe)\b",
    re.I,
)


# A birth without pain relief told as a pain tolerance: "i gave birth with no epidural so i
# think i'm fine", "I had three children without so much as a paracetamol"
_BIRTH_WITHOUT_PAIN_RELIEF = re.compile(
    r"\b(gave birth|given birth|had (my |a |the |\w+ )?(baby|babies|kids|children|son|daughter|"
    r"twins|boys|girls)|(two|three|four|five|\d) (kids|children|babies)|"
    r"(\d+ (hours?|hrs?) (of )?|a )?(labour|labor)|(went|been) through labou?r)\b.{0,40}(\bwithout|"
    r"\bwith no|\bno|\bnot even|\bw/o|\bw/out)( so much as)?( an?| any)? (epidural|pain ?relief|"
    r"pain ?killers?|gas and air|drugs|paracetamol|meds)\b",
    re.I,
)


_DOUBTED_BESIDE = re.compile(
    r"\b(don'?t know|do not know|not sure|no idea|unsure|dunno|idk)\b|\bbut i (still|do)\b", re.I
)


def _birth_told_as_pain_tolerance(text: str, extraction: Extraction) -> Extraction:
    """A birth without pain relief: no low pain tolerance, and no pregnancy to record.

    Not when the visitor doubts it beside ("honestly I don't know. I did labour with no
    epidural but I still shake when I see a syringe").
    """
    if not _BIRTH_WITHOUT_PAIN_RELIEF.search(text) or _DOUBTED_BESIDE.search(text):
        return extraction
    kept = tuple(
        m for m in extraction.mentions if not (m.condition == "pregnancy" and m.status != "present")
    )
    if "low_pain_tolerance" not in extraction.statuses:
        kept += (Mention("low_pain_tolerance", "absent", "pain tolerance"),)
    return Extraction(mentions=kept, answer=extraction.answer)


# "I'm not, but we're planning to try for a baby later this year": a no now, a plan later
_NO_BUT_PLANNING = re.compile(
    r"^\W*(no|nope|nah|(i'?m|im|i am) not)\b[^.!?]{0,6}\b(but|though|tho|although)\b.{0,60}"
    r"\b(plan|planning|plans|hoping|hope|want|wanting|thinking of|thinking about|going|intend|"
    r"intending) (to )?(try|trying|start|starting|have|having|get|getting)\b",
    re.I,
)


# An earlier answer said to be someone else's, by a bare word: "hmm wait. earlier with the
# bruising I was thinking of my sister tbh, that's her not me"
_EARLIER_ANSWER = re.compile(
    r"\b(earlier|before|previous|last (question|one|answer)|when i said|the (\w+ )?(one|question|"
    r"answer))\b",
    re.I,
)
_THEIRS_NOT_MINE = re.compile(
    r"\b(thinking of|talking about|answering for|meant) (my|our)\b|"
    r"\b(thats|that's|that is|its|it's|it was|that was) (my \w+|her|his|their|hers|him)\b|"
    r"\bnot (me|mine)\b",
    re.I,
)
_BARE_WORDS = (
    ("prone_to_bruising", re.compile(r"\bbruis\w*", re.I)),
    ("blood_clotting_disorder", re.compile(r"\bclotting\b", re.I)),
    (
        "severe_skin_sensitivity",
        re.compile(r"\bsensitive skin\b|\bthe skin (one|question)\b", re.I),
    ),
    ("low_pain_tolerance", re.compile(r"\bpain\b", re.I)),
    ("cardiac_disorder", re.compile(r"\bheart\b", re.I)),
)


def _earlier_answer_of_another(text: str, extraction: Extraction) -> Extraction:
    """A bare word for an earlier answer, said to be someone else's: other_person."""
    if extraction.mentions or not (_EARLIER_ANSWER.search(text) and _THEIRS_NOT_MINE.search(text)):
        return extraction
    theirs = tuple(
        Mention(key, "other_person", word.group(0))
        for key, pattern in _BARE_WORDS
        for word in [pattern.search(text)]
        if word
    )
    return Extraction(mentions=theirs, answer=None) if theirs else extraction


# "I'm 34 weeks, would it be ok to do my tummy after the birth?": weeks along
_WEEKS_PREGNANT = re.compile(
    r"\b(?P<who>i'?m|im|i am|she'?s|shes|she is|my (wife|partner|girlfriend|sister|daughter|friend)"
    r"(?:'s| is)) (now )?(about |around |nearly |almost )?\d{1,2} ?(wks?|weeks?)\b"
    r"(?! (ago|since|after|post|out|into|in to|from|of|off|sober|clean|old))",
    re.I,
)


# A clinic letter saying a cancer is over, in any sentence after it: "Diagnosis: L breast ca
# 2015, WLE + radiotherapy. Discharged from oncology follow-up 2020, no evidence of recurrence."
_CANCER_OVER = re.compile(
    r"\b(no evidence of (recurrence|disease|relapse)|discharged from (oncology|the oncologist|"
    r"(cancer|oncology) follow[- ]?up)|in (complete |full )?remission|"
    # "finished radiotherapy in January and my last scan was clear"
    r"(last|latest|recent|follow[- ]?up|all my) (scans?|checks?|mammograms?) (was|were|came back|"
    r"have been|has been) (all )?(clear|fine|normal|good))\b",
    re.I,
)
_CANCER_NOW = re.compile(
    r"\b(recurrence (found|confirmed|diagnosed)|(has|it's|it is|cancer is) (come )?back|"
    r"(currently|still|now) (on|having|in|under) (chemo|treatment|radiotherapy|oncology)|"
    r"metasta|active treatment)",
    re.I,
)


def _letter_says_over(text: str, extraction: Extraction) -> Extraction:
    """A cancer read as present, which a later sentence of a clinic letter says is over."""
    if extraction.statuses.get("cancer") not in ("present", "uncertain") or _CANCER_NOW.search(
        text
    ):
        return extraction
    first = min(
        (text.lower().find(m.text.lower()) for m in extraction.mentions if m.condition == "cancer"),
        default=-1,
    )
    if first < 0 or not _CANCER_OVER.search(text, first):
        return extraction
    for status in ("present", "uncertain"):  # (a scan awaited read it as uncertain)
        extraction = _restatus(extraction, "cancer", status, "past")
    return extraction


def _weeks_along(text: str, extraction: Extraction) -> Extraction:
    """Weeks along, with no other word for the pregnancy: pregnant (hers: "she's 30 weeks")."""
    weeks = _WEEKS_PREGNANT.search(text)
    if "pregnancy" in extraction.statuses or weeks is None:
        return extraction
    own = weeks.group("who").lower().replace("'", "") in ("im", "i am")
    told = Mention("pregnancy", "present" if own else "other_person", weeks.group(0))
    return Extraction(mentions=extraction.mentions + (told,), answer=extraction.answer)


# A pregnancy test's result: "my pregnancy test was negative this morning" (not pregnant),
# "test came back positive" (pregnant).
_TEST_RESULT = re.compile(
    r"\b(pregnancy|preg|pg|hpt)? ?tests?( this morning| today| yesterday)?( was| is| came back|"
    r"( has)? came up| showed| were| said|s)?( a)? (negative|neg|positive|pos)\b|"
    r"\b(negative|positive|neg|pos) (pregnancy|preg) test\b",
    re.I,
)


# A test done, negative, naming no other kind of test: "did a test last week, negative"
_DID_A_TEST_NEGATIVE = re.compile(
    r"\b(did|done|took|taken|had|do) (a|the|another) (pregnancy |preg |home )?test\b"
    r"[^.!?]{0,25}?\b(negative|neg|not pregnant|bfn)\b",
    re.I,
)
_OTHER_TESTS = re.compile(
    r"\b(covid|lateral flow|pcr|blood|sugar|glucose|hba1c|a1c|clotting|inr|platelet|allergy|"
    r"patch|skin|smear|biopsy|scan|ecg|urine|std|sti|drug|eye|hearing|driving)\b",
    re.I,
)


def _pregnancy_test(text: str, extraction: Extraction) -> Extraction:
    """A pregnancy test's result says whether the visitor is pregnant."""
    done = _DID_A_TEST_NEGATIVE.search(text)
    if "pregnancy" not in extraction.statuses and done and not _OTHER_TESTS.search(text):
        # "ok fair. did a test last week, negative. and not breastfeeding"
        negative = Mention("pregnancy", "absent", done.group(0))
        return Extraction(mentions=extraction.mentions + (negative,), answer=extraction.answer)
    result = _TEST_RESULT.search(text)
    if result is None or "pregnancy" not in extraction.statuses:
        return extraction
    status = "absent" if re.search(r"neg", result.group(0), re.I) else "present"
    return Extraction(
        mentions=tuple(
            Mention("pregnancy", status, m.text) if m.condition == "pregnancy" else m
            for m in extraction.mentions
        ),
        answer=extraction.answer,
    )


# After a birth, "feeding" is breastfeeding: "had a baby last yr, not feeding anymore".
_FEEDING_ENDED = re.compile(
    r"\b((not|no longer|stopped|quit|finished|done|gave up) (breast|chest)?[ -]?feeding)\b"
    r"( (him|her|them|the baby))?( (anymore|any more|now))?",
    re.I,
)
_NOT_PREGNANT_NOW = re.compile(
    r"\b(not|n't|nt) (currently |now )?pregnant\b(?! (yet|again|any ?more|now))", re.I
)  # "not pregnant anymore, had the baby in May": the pregnancy told as over (past)


def _after_a_birth(text: str, extraction: Extraction) -> Extraction:
    """A past pregnancy (a birth) told with a plain "not pregnant" and feeding that ended.

    "had a baby last yr, not feeding anymore n not pregnant": pregnant no, breastfeeding over.
    """
    if extraction.statuses.get("pregnancy") != "past":
        return extraction
    mentions = extraction.mentions
    if _NOT_PREGNANT_NOW.search(text):
        mentions = tuple(
            Mention("pregnancy", "absent", m.text) if m.condition == "pregnancy" else m
            for m in mentions
        )
    ended = _FEEDING_ENDED.search(text)
    if ended and "breastfeeding" not in extraction.statuses:
        over = ended.group(2).lower() != "not" or bool(ended.group(7))
        mentions += (Mention("breastfeeding", "past" if over else "absent", ended.group(0)),)
    return Extraction(mentions=mentions, answer=extraction.answer)


# A pregnancy told by when it began ("stopped retinol when i got pregnant"): whether it is over
# is said by what follows, a birth or weeks now.
_PREGNANCY_BEGAN = re.compile(
    r"\b(when|since|after|once) (i|we) (got|fell|found out (i was|im|i'm|i am))( pregnant)\b|"
    # told in a story: "had 2 sessions last spring, then got pregnant" ("baby is 5 months now")
    r"\b((and )?then|later|i) (got|fell) pregnant\b",
    re.I,
)
_BORN_SINCE = re.compile(
    r"\b(baby|son|daughter|little one|lo|she|he)( is|'s| s|s)? (\d+|one|two|three|four|five|six|"
    r"a few|few) (weeks?|wks?|months?|mo|m)\b|"
    r"\bhad (the|my|our|a|her|him) (little |baby )?(baby|boy|girl|son|daughter|twins)\b|"
    r"\b(gave|given) birth\b|\bwas born\b|\bpost ?partum\b|\b(since|after) the birth\b",
    re.I,
)
_ALONG_NOW = re.compile(
    r"\b(i'?m|im|i am) (\d+|\w+) (weeks?|wks?|months?)\b(?! ago)|"
    r"\b\d+ weeks (now|along|pregnant)\b|"
    r"\bdue (in|on|next|this)\b|\btrimester\b",
    re.I,
)


# A reading or a watch kept on it, not the condition: "HbA1c 44", "my GP checks my sugar".
_A_READING = re.compile(
    rf"^(hba1c|a1c|keep|kept|monitor|watch|check|track|test)|\b({_REACTIONS})\b", re.I
)


def _without_readings_beside_the_condition(doc: Doc, spans: Sequence[_Span]) -> List[_Span]:
    """Without the spans of a reading or a reaction when the condition itself is named too.

    "my skin is super sensitive, I get rashes from most creams": the sensitive skin, told as
    it is (the rashes would read "not sure" and make the whole not sure).
    """
    readings = [s for s in spans if _A_READING.search(doc[s.start : s.end].text)]
    named = {s.key for s in spans if s not in readings}
    return [s for s in spans if not (s in readings and s.key in named)]


def _pregnancy_by_its_start(text: str, extraction: Extraction) -> Extraction:
    """A pregnancy told by when it began, read by what follows: over after a birth, else now.

    "swapped my retinol when i got pregnant, baby's 3 months now": past; "stopped retinol when
    i got pregnant, im 20 weeks now": present.
    """
    status = extraction.statuses.get("pregnancy")
    if status not in ("present", "past") or not _PREGNANCY_BEGAN.search(text):
        return extraction
    if status == "present" and _BORN_SINCE.search(text):
        return _restatus(extraction, "pregnancy", "present", "past")
    if status == "past" and _ALONG_NOW.search(text) and not _BORN_SINCE.search(text):
        return _restatus(extraction, "pregnancy", "past", "present")
    return extraction


# A yes qualified at once by what it was: "heart condition, yes - well, I had a small valve
# repair as a kid, fine now" (the story says the yes is of something over)
_YES_QUALIFIED = re.compile(
    r"\b(yes|yeah|yep|yup|ya|yh)\b\W{0,4}(well|but|though|i mean|technically|sort of|kind of)\b",
    re.I,
)


# "I don't think I'm pregnant but I can't completely rule it out": a doubt
_CANT_RULE_OUT = re.compile(
    r"\bi (can'?t|cannot|can not|couldn'?t|could not) (completely |totally |fully |100% |really )?"
    r"rule (it|that|this) out\b",
    re.I,
)
# "I answered yes to the cancer one by mistake, I've never had cancer": the later word counts
_BY_MISTAKE = re.compile(r"\b(by mistake|by accident|mistakenly|accidentally|wrongly)\b", re.I)


def _doubts_and_mistakes(text: str, extraction: Extraction) -> Extraction:
    """A condition that cannot be ruled out (a doubt); an answer given by mistake (the later)."""
    statuses = extraction.statuses
    if _CANT_RULE_OUT.search(text) and len(statuses) == 1:
        ((key, status),) = statuses.items()
        if status in ("absent", "present"):
            extraction = _restatus(extraction, key, status, "uncertain")
    if _BY_MISTAKE.search(text):
        for key in statuses:
            told = [m.status for m in extraction.mentions if m.condition == key]
            if len(set(told)) > 1:
                for status in set(told) - {told[-1]}:
                    extraction = _restatus(extraction, key, status, told[-1])
    return extraction


def _yes_then_over(text: str, extraction: Extraction) -> Extraction:
    """A condition answered yes, then told as over in the words that qualify the yes."""
    if not _YES_QUALIFIED.search(text):
        return extraction
    for key, status in extraction.statuses.items():
        told = [m.status for m in extraction.mentions if m.condition == key]
        if status == "present" and told[-1] == "past":
            extraction = _restatus(extraction, key, "present", "past")
    return extraction


def _restatus(extraction: Extraction, key: str, old: str, new: str) -> Extraction:
    """The extraction with the mentions of `key` read as `old` read as `new` instead."""
    return Extraction(
        mentions=tuple(
            Mention(m.condition, new, m.text) if m.condition == key and m.status == old else m
            for m in extraction.mentions
        ),
        answer=extraction.answer,
    )


def _flipped(before: Extraction, after_text: str) -> Optional[Tuple[Mention, ...]]:
    """The earlier mentions with a plain yes or no after a correction, or None."""
    if _ANOTHER_HAS_IT.search(after_text):
        return None  # "Yes I have a heart condition - sorry, no, it's my dad who does"
    flip: Tuple[str, ...]
    if _YES_AFTER.search(after_text):
        flip, to = ("absent",), "present"
    elif _NO_AFTER.search(after_text) and not _GAVE_IT_UP.search(after_text):
        flip, to = ("present", "uncertain"), "absent"
    else:
        return None
    if not any(m.status in flip for m in before.mentions):
        return None
    return tuple(
        Mention(m.condition, to, m.text) if m.status in flip else m for m in before.mentions
    )


# "no. oh and actually about the pregnancy question, we're trying": the no answers the open
# question; the doubt is an earlier question's, told by name
_OTHER_QUESTION = re.compile(
    r"\b(about|on|for|re|regarding|back to) (the|your|that) (\w+ )?(question|one)\b", re.I
)
# "cancer, diabetes, heart problems, none of those except diabetes": the list denied but for
# the one excepted
_NONE_EXCEPT = re.compile(
    r"\b(none|neither|nothing|no) (of (those|these|them|the above|that|it) )?(except|apart from|"
    r"besides|other than|save|but)( for)?\b",
    re.I,
)


def _none_but(text: str, extraction: Extraction) -> Extraction:
    """The mentions listed before "none of those except X" read as denied, X as told."""
    found = _NONE_EXCEPT.search(text)
    if found is None or not extraction.mentions:
        return extraction
    excepted = {m.condition for m in _read(text[found.end() :]).mentions}
    for key in {m.condition for m in _read(text[: found.start()]).mentions} - excepted:
        extraction = _restatus(extraction, key, "present", "absent")
    return extraction


# "the sugar one", "the heart one please": a choice named by its word (the "one" is no person)
_THE_X_ONE = re.compile(
    r"^(\W*(its |it s |thats |that s )?(the|that) (\w+\W+){1,3}?)ones?\b(\W*(pls|please)?\W*)$",
    re.I,
)


# A question that takes the condition as given: "does it matter that I take aspirin now and
# then?" tells it ("if I take aspirin" would only ask).
_GIVEN_IN_QUESTION = re.compile(
    r"\b(matter|matters|problem|issue|ok|okay|affect \w+|count|concern|bad|difference)\b"
    r"[^?.!]{0,15}"
    r"\bthat (i|im|i'm|i am) (take|have|use|am on|'m on|m on|on|get|suffer from|bruise)\b",
    re.I,
)
# A question about a condition, then "mine ...": "does a pacemaker count? mine was fitted in
# 2019", "does eczema count? I have it"
_MINE_TOO = re.compile(
    r"\?+\s*(but |and |well |because |cause |cos )?(mine (was|is|got|has|went|came|needs)|"
    r"i (have|'ve got|ve got|"
    r"got) (one|it|that|them))\b(?! (not|n'?t|fine|ok|okay|normal)\b)",
    re.I,
)


# Whether the condition takes in something the visitor has: "does eczema include dry patches?
# I get them every winter" (what they have is not known to be eczema: not known)
_DOES_IT_TAKE_IN = re.compile(
    r"\b(does|do|would|will|could|can|is|are)( (the|a|an))? (?P<condition>[\w' -]{3,30}?) "
    r"(include|includes|cover|covers|take in|takes in)\b[^?]*\?",
    re.I,
)


def _given_in_question(text: str, extraction: Extraction) -> Extraction:
    """A condition asked about but told as the visitor's own in the question: present."""
    takes_in = _DOES_IT_TAKE_IN.search(text)
    if takes_in is not None:
        asked = takes_in.group("condition").lower()
        for mention in extraction.mentions:
            if mention.status == "present" and mention.text.lower() in asked:
                extraction = _restatus(extraction, mention.condition, "present", "uncertain")
    mine = _MINE_TOO.search(text)
    if mine is not None:
        told = text[: mine.start()].lower()  # the condition asked about, then "mine ..."
        for mention in extraction.mentions:
            if mention.status == "question" and mention.text.lower() in told:
                extraction = _restatus(extraction, mention.condition, "question", "present")
    found = _GIVEN_IN_QUESTION.search(text)
    if found is None:
        return extraction
    told = text[found.start(3) :].lower()
    for mention in extraction.mentions:
        if mention.status == "question" and mention.text.lower() in told:
            extraction = _restatus(extraction, mention.condition, "question", "present")
    return extraction


# Turning back to the visitor's own check after something else: the rest is their answer.
_BACK_TO_ME = re.compile(
    r"\b(back to me|back to my (own )?(check|questions)|as for me|anyway)\b\W+(?P<rest>\w.*)$",
    re.I,
)


def extract(text: str, as_pain_answer: bool = False) -> Extraction:
    """Condition mentions (negated or not) and any bare answer in a visitor's message.

    A pregnancy told with a test still to do ("pregnant I mean, doing a test in a min") is
    not known yet: uncertain, whatever the rest of the reading.
    """
    whole = _extract(text, as_pain_answer)
    if whole.statuses.get("pregnancy") == "present" and _TEST_TO_DO.search(text or ""):
        whole = _restatus(whole, "pregnancy", "present", "uncertain")
    return whole


def _extract(text: str, as_pain_answer: bool = False) -> Extraction:
    """Condition mentions (negated or not) and any bare answer in a visitor's message.

    A correction later in the message wins over what it corrects (see `_CORRECTION`).
    `as_pain_answer`: the message answers the check's pain question, where a fear of
    needles is the answer (elsewhere it is set aside: `evidence.needle_fear_only`).
    """
    pasted = _pasted_yes(text or "") or _pasted_no(text or "")
    if pasted is not None:
        return pasted
    text = forms.as_sentences(text or "")  # "Pregnant: N", "[x] bruise easily", "FHx: ..."
    text = figures.plain(text)  # "heartbroken about my belly", "I am having sugar"
    cleaned = _THE_X_ONE.sub(r"\1", _clean(text or ""))
    whole = _without_medicines_for_something_else(text or "", _read(cleaned))
    if whole.answer is None and not whole.mentions and _NO_BUT_PLANNING.search(text or ""):
        whole = Extraction(mentions=(), answer="no")
    if (
        whole.answer == "no"
        and _TRYING.search(text or "")
        and not _OTHER_QUESTION.search(text or "")
    ):
        # "i dont think so? we've been trying for a baby so maybe, havent tested": not sure
        whole = Extraction(mentions=whole.mentions, answer="unsure")
    if (
        whole.statuses.get("pregnancy") == "absent"
        and (_TRYING.search(text or "") or _BEEN_TRYING.search(text or ""))
        and _THINKS_NOT.search(text or "")
    ):
        # "I don't think I'm pregnant but we've been trying": not known
        whole = _restatus(whole, "pregnancy", "absent", "uncertain")
    if whole.statuses.get("pregnancy") == "absent" and _UNTESTED.search(text or ""):
        # "I'm pretty sure I'm not pregnant but I haven't done a test": not known
        whole = _restatus(whole, "pregnancy", "absent", "uncertain")
    if whole.statuses.get("pregnancy") == "present" and _PLANNING.search(text or ""):
        # "I'd like to get pregnant next year": not pregnant now, to discuss with a professional
        whole = _restatus(whole, "pregnancy", "present", "uncertain")
    whole = _planned_only(text or "", whole)
    whole = _none_but(cleaned, whole)
    whole = _birth_told_as_pain_tolerance(text or "", whole)
    whole = _earlier_answer_of_another(text or "", whole)
    whole = _weeks_along(text or "", whole)
    whole = _letter_says_over(text or "", whole)
    whole = _yes_then_over(text or "", whole)
    whole = _doubts_and_mistakes(text or "", whole)
    whole = _pregnancy_test(text or "", whole)
    whole = _pregnancy_by_its_start(text or "", _after_a_birth(text or "", whole))
    whole = _given_in_question(text or "", whole)
    # the evidence is read without a double "not" ("I'm not not a wimp": a wimp)
    whole = evidence.read(NOT_NOT.sub("", text or ""), whole, as_pain_answer)
    back = _BACK_TO_ME.search(text or "") if whole.answer is None and not whole.mentions else None
    if back:
        # "ok he's ringing them. back to me - yes": what follows answers the check's question
        whole = Extraction(mentions=(), answer=extract(back.group("rest"), as_pain_answer).answer)
    if (
        whole.answer == "unsure"
        and "question" in whole.statuses.values()
        and _NOT_KNOWING_WHAT.search(text or "")
    ):
        # "idk what counts as a clotting disorder tbh": what it is, asked; no "not sure" answer
        whole = Extraction(mentions=whole.mentions, answer=None)
    if _MINE_IS_NOT.search(text or "") and len(whole.statuses) == 1:
        # "sensitive skin is problem? mine is not, I only ask": asked, then denied as theirs
        (key,) = whole.statuses
        for old in ("present", "question"):
            whole = _restatus(whole, key, old, "absent")
    if _HEARSAY.search(text or "") or (
        _DOUBT_LAST.search(text or "") and _SOFTLY.search(text or "") and len(whole.statuses) == 1
    ):
        # "hmm well I do get random bruises sometimes. honestly no idea": the last sentence
        # doubts the one condition told softly (not "I have diabetes. not sure": of something)
        for key in [k for k, status in whole.statuses.items() if status == "present"]:
            whole = _restatus(whole, key, "present", "uncertain")
    harms = _HARMS_THE_BABY.search(text or "")
    if not whole.statuses and harms is not None:
        # "what happens if I am, does it hurt the baby?": a question about pregnancy (or, said
        # of milk or feeds, breastfeeding), not the pain of the injections
        key = "breastfeeding" if _OF_FEEDS.search(text or "") else "pregnancy"
        asked = Mention(key, "question", harms.group(0))
        whole = Extraction(mentions=(asked,), answer=whole.answer)
    if "low_pain_tolerance" not in whole.statuses and _UNSURE_OF_TOLERANCE.search(text or ""):
        unsure = Mention("low_pain_tolerance", "uncertain", "pain tolerance")
        whole = Extraction(mentions=whole.mentions + (unsure,), answer=whole.answer)
    # the corrections after some words ("yes - oh wait no", not a message opening on "sorry")
    markers = [m for m in _CORRECTION.finditer(cleaned) if cleaned[: m.start()].strip()]
    marker = markers[0] if markers else None
    if marker is not None and not whole.mentions and whole.answer in ("yes", "no"):
        # "yes - oh wait no misread, none of those": the answer after the correction
        starts = [marker.start()] + [m.end() for m in markers]  # "wait no ...", "i mean no"
        for start in starts:
            corrected = _read(cleaned[start:].strip())
            if not corrected.mentions and corrected.answer in ("yes", "no", "unsure"):
                return Extraction(mentions=(), answer=corrected.answer)
    if marker is None or not whole.mentions:
        return whole
    # "I'm on warfarin, no sorry, ...": the "no" belongs to the correction
    before = _read(_NO_BEFORE_CORRECTION.sub("", cleaned[: marker.start()]).strip())
    if not before.mentions:
        return whole
    after_text = cleaned[marker.start() :]
    after = _read(after_text.strip())
    if _GAVE_IT_UP.search(after_text):
        # "I'm on aspirin, oh no sorry, that was last month, I'm not taking anything now":
        # taken before, not now
        after = Extraction(
            mentions=tuple(
                Mention(m.condition, "past", m.text)
                if m.status == "absent" and before.statuses.get(m.condition) == "present"
                else m
                for m in after.mentions
            ),
            answer=after.answer,
        )
    told_again = {m.condition for m in after.mentions}
    if not told_again and before.statuses:
        flip = _flipped(before, after_text)
        if flip is not None:
            return Extraction(mentions=flip, answer=whole.answer)
    if not told_again and _I_DO_AFTER.search(after_text) and before.statuses:
        # "I don't bruise easily - hang on, scratch that, I do, I'm covered in them": the
        # earlier denial taken back
        flipped = tuple(
            Mention(m.condition, "present", m.text) if m.status == "absent" else m
            for m in before.mentions
        )
        return Extraction(mentions=flipped, answer=whole.answer)
    if not told_again and not (
        _ANOTHER_HAS_IT.search(after_text) or _GAVE_IT_UP.search(after_text)
    ):
        return whole  # "i'm breastfeeding - oops no, i'm not": read whole
    kept: List[Mention] = []
    said_before = bool(_SAID_EARLIER.search(cleaned[: marker.start()]))
    for mention in before.mentions:
        if mention.condition in told_again:
            if (
                mention.status in ("present", "past")
                and after.statuses.get(mention.condition) == "absent"
                and _ANOTHER_HAS_IT.search(after_text)
            ):
                # "i have psoriasis - wait no thats my brother, my skins fine": his, and the
                # visitor's own is denied
                kept.append(Mention(mention.condition, "other_person", mention.text))
            continue
        if said_before and mention.status == "past":
            # "earlier I said I was pregnant, I meant my partner is": what was said, not when
            mention = Mention(mention.condition, "present", mention.text)
        if mention.status in ("present", "past") and _ANOTHER_HAS_IT.search(after_text):
            mention = Mention(mention.condition, "other_person", mention.text)
        elif mention.status == "present" and _GAVE_IT_UP.search(after_text):
            mention = Mention(mention.condition, "past", mention.text)
        kept.append(mention)
    answer = whole.answer
    if (
        answer == "yes"
        and any(m.status == "other_person" for m in (*kept, *after.mentions))
        and _I_DONT_AFTER.search(after_text)
    ):
        # "yes I take aspirin... wait no, that's my dad. I don't take anything": a no
        answer = "no"
    return Extraction(mentions=tuple(kept) + after.mentions, answer=answer)


def _read(cleaned: str) -> Extraction:
    """`extract` without corrections: a cleaned message (`_clean`) read as a whole."""
    if not cleaned:
        return Extraction(mentions=(), answer=None)
    if re.match(r"/\w", cleaned):  # a button payload such as "/affirm"
        return Extraction(mentions=(), answer=_payload_answer(cleaned))
    extractor = _extractor()
    doc, lowered = extractor.doc(cleaned)
    spans = _without_borrowed_remission(lowered, extractor.spans(lowered))
    spans, known_not_had = _without_knowledge(lowered, _without_labels(lowered, spans))
    spans = _without_readings_beside_the_condition(lowered, spans)
    mentioned = {i for span in spans for i in range(span.start, span.end)}
    clause, sentence = _segments(lowered, mentioned)
    mentions: List[Mention] = []
    theirs: List[Mention] = []
    for span in spans:
        clause_end = next(
            (i for i in range(span.end, len(lowered)) if clause[i] > clause[span.start]),
            len(lowered),
        )
        bounds = (clause[span.start], sentence[span.start], clause_end)
        status = _classify(lowered, span, bounds, mentioned)
        taken_back = (
            _taken_back(lowered, span, sentence[span.start]) if status == "present" else None
        )
        if span in known_not_had:
            status = "absent"
        elif status == "present" and _IS_THEIRS.match(_rest_of_sentence(lowered, span.end)):
            # "no, the heart thing is him not me": said to be someone else's
            status = "other_person"
        elif taken_back:
            # "i said diabetes earlier but actually i don't have it, it was my dad"
            if taken_back == "other_person":
                theirs.append(Mention(span.key, "other_person", doc[span.start : span.end].text))
            status = "absent"
        if status == "other_person" and _denied_for_self(lowered, span.end, mentioned):
            status = "absent"  # "my dad has a heart condition but I don't"
            before = {
                word
                for t in lowered[sentence[span.start] : span.start]
                for word in (t.lower_, t.lemma_)  # "my sisters pregnant, not me"
            }
            rest = _rest_of_sentence(lowered, span.end)
            if before & (_OTHERS | _CARED_FOR) or _IS_THEIRS.match(rest) or _FAMILY.search(rest):
                # not "haemophilia runs in my family but i dont have it"; "the heart thing is
                # him, not me" is his
                theirs.append(Mention(span.key, "other_person", doc[span.start : span.end].text))
        elif status == "absent" and _they_do(_rest_of_sentence(lowered, span.end)):
            # "I don't have diabetes, but my mother and my sister both do"
            theirs.append(Mention(span.key, "other_person", doc[span.start : span.end].text))
        lead = [t.lower_ for t in lowered[sentence[span.start] : span.start] if not t.is_punct]
        doubted = {t.lower_ for t in lowered[span.end : span.end + 4]} & _DOUBT_AFTER
        if (
            lead in (["or"], ["nor"], ["or", "any"])
            and status == "present"
            and not doubted  # not "or breastfeeding? not sure"
            and mentions
            and mentions[-1].status == "absent"
        ):
            status = "absent"  # "definitely not pregnant at 64. or breastfeeding"
        said = doc[span.start : span.end].text.lower()
        just_before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
        if just_before[-1:] == ["pre"] or just_before == ["pre", "-"]:
            said = "pre" + said  # "pre-diabetes" split by the tokenizer: borderline
        if (status == "present" and _BORDERLINE.match(said)) or (
            status in ("present", "past") and _PERIOD.search(said)
        ):
            status = "uncertain"  # "prediabetic", "my period is late": not known, to discuss
        mentions.append(Mention(span.key, status, doc[span.start : span.end].text))
    starts = [sentence[span.start] for span in spans]  # each mention's sentence
    by_sentence = _sentences_said(starts, sentence, lowered)
    mentions = _hedged_again(mentions, starts)
    mentions = _treatment_of_a_past_condition(mentions, starts, by_sentence)
    mentions = _undiagnosed(mentions, starts, by_sentence)
    hedged = any(m.status == "uncertain" for m in mentions)
    mentions = _healthy_overrides(cleaned, _own_after_question(cleaned, mentions))
    # "can I have it while preg? 14 wks", "... while breastfeeding? baby is 5 months": the
    # question's condition told as the visitor's own
    told_after = {key for key, told in _TOLD_AFTER_THE_QUESTION if told.search(cleaned)}
    mentions = [
        Mention(m.condition, "present", m.text)
        if m.status == "question" and m.condition in told_after
        else m
        for m in mentions
    ]
    mentions = _descriptions_of_named_skin_conditions(mentions)
    mentions = _evidence_for_own_question(cleaned, mentions)
    mentions += healthy_mentions(cleaned, {span.key for span in spans})
    mentions += theirs  # the other person's too: the check says it is not recorded
    places = [(doc[s.start].idx, doc[s.end - 1].idx + len(doc[s.end - 1])) for s in spans]
    answer = _bare_answer(_answer_words(cleaned, places), named_conditions=bool(spans))
    if answer is None and not spans and _BUT_NONE_OF_THEM.search(cleaned):
        answer = "no"  # "hypothyroid on levothyroxine, but none of the three you listed"
    if answer is None and not spans and _NO_CHANCE.search(cleaned):
        answer = "no"  # "im 71 love, no chance of either"
    to_the_question = _TO_THE_QUESTION.search(cleaned) if answer is None and not spans else None
    if to_the_question:
        # "ok will ring them. and no to the bruising question": the answer to the question
        # asked, named by a word of it
        answer = "yes" if to_the_question.group(1) in ("yes", "yeah", "yep") else "no"
    if (
        hedged
        and answer in (None, "no")
        and not (answer == "no" and _OTHER_QUESTION.search(cleaned))
    ):
        answer = "unsure"  # (a doubt told of another question by name leaves the "no")
    if answer == "no" and not spans and _NO_THEN_DOUBT.search(cleaned):
        answer = "unsure"  # "i don't think so? we've been trying so maybe, could be early days"
    opening = _OPENING_HEDGE.match(cleaned) if answer == "unsure" else None
    if opening:
        # "maybe? i do get random bruises i cant explain": what follows explains the doubt; a
        # doubt that names a condition is that one's ("not sure if i have eczema, but i have
        # psoriasis": the psoriasis is told)
        doubted = {m.condition for m in mentions if m.text.lower() in opening.group(0).lower()}
        mentions = [
            Mention(m.condition, "uncertain", m.text)
            if m.status == "present" and (not doubted or m.condition in doubted)
            else m
            for m in mentions
        ]
    return Extraction(mentions=tuple(mentions), answer=answer)
