"""Scope of a mention: whose it is, negated, past, a question or a hedge (ConText-like rules)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, FrozenSet, List, Optional, Set, Tuple

if TYPE_CHECKING:  # spaCy is imported lazily: it is slow to import
    from spacy.tokens import Doc

from actions.conditions.answers import (
    _answer_words,
    _bare_answer,
)
from actions.conditions.lexicon import (
    _ALSO_ME,
    _BABY_WORDS,
    _CLAUSE_WORDS,
    _CONTRAST,
    _CURRENT_ONLY,
    _FAMILY,
    _GENERIC_PERSONS,
    _GENERIC_PLURALS,
    _HEDGE_PAIRS,
    _HEDGES,
    _HYPOTHETICAL,
    _NEGATIONS,
    _OTHERS,
    _PAST_AFTER,
    _PAST_AFTER_RE,
    _PAST_ANYWHERE_RE,
    _PAST_BEFORE,
    _PAST_MARKERS,
    _POSSESSED_PERSONS,
    _POSSESSIVES,
    _POST_NEG_FOLLOW,
    _POST_NEGATIONS,
    _POST_UNSURE,
    _POST_YES,
    _PRESENT_MARKERS,
    _QUESTION_LEAD_IN,
    _QUESTION_STARTS,
    _SELF,
    _SKIP_WORDS,
    _SOFT_BREAKS,
    _STOP_PAIRS,
    _STOP_WORDS,
    _STOPPABLE,
    _SUBJECTS,
    _TIME_WORDS,
    _VERB_STARTS,
)
from actions.conditions.model import (
    Mention,
    _Span,
)

# --- clauses and cues ------------------------------------------------------------------------


def _is_hard_break(doc: Doc, i: int) -> bool:
    """Whether token i ends a sentence ("." "!" "?" ";" or a new line)."""
    token = doc[i]
    if token.is_space:
        return "\n" in token.text
    return token.is_punct and any(ch in token.text for ch in ".!?;…")


def _sentence_end(doc: Doc, start: int) -> int:
    """The index of the token that ends the sentence holding `start` (or the doc's end)."""
    end = start
    while end < len(doc) and not _is_hard_break(doc, end):
        end += 1
    return end


def _starts_new_clause(doc: Doc, i: int) -> bool:
    """Whether a soft break at token i is followed by a new subject or verb."""
    j = i + 1
    while j < len(doc) and (doc[j].lower_ in _SKIP_WORDS or doc[j].lower_ in (",", "-")):
        j += 1
    if j >= len(doc):
        return False
    nxt = doc[j]
    return (
        nxt.lower_ in _SUBJECTS
        or nxt.lemma_ in _VERB_STARTS
        or nxt.lower_ in _POST_YES
        or (nxt.lower_ in _QUESTION_STARTS and doc[i].lower_ == ",")  # "I had a question, does"
        # "I'm a baby with pain, and does psoriasis matter?"
        or (
            doc[i].lower_ == ","
            and nxt.lower_ in ("and", "but", "so", "plus")
            and j + 1 < len(doc)
            and doc[j + 1].lower_ in _QUESTION_STARTS
        )
    )


_NOT_KNOWN_YET = frozenset(
    "know sure certain tested checked diagnosed confirmed decided told".split()
)


def _adverb_yet(doc: Doc, i: int) -> bool:
    """Whether token i is "yet" as in "don't know yet" (time), not "yet" as "but"."""
    return doc[i].lower_ == "yet" and i > 0 and doc[i - 1].lower_ in _NOT_KNOWN_YET


def _segments(doc: Doc, mentioned: Set[int]) -> Tuple[List[int], List[int]]:
    """For each token, the index where its clause and its sentence start."""
    clause, sentence = [0] * len(doc), [0] * len(doc)
    clause_start = sentence_start = 0
    for i, token in enumerate(doc):
        if _is_hard_break(doc, i):
            clause_start = sentence_start = i + 1
        elif token.lower_ in _CLAUSE_WORDS and not _adverb_yet(doc, i):
            clause_start = i
        elif token.lower_ in ("i", "im", "we") and i - 1 in mentioned:
            clause_start = i  # "not pregnant i have diabetes"
        elif token.lower_ in _SOFT_BREAKS and _starts_new_clause(doc, i):
            clause_start = i + 1
        clause[i], sentence[i] = clause_start, sentence_start
    return clause, sentence


def _pairs(doc: Doc, start: int, end: int) -> List[Tuple[str, str]]:
    """Adjacent lowercase word pairs in doc[start:end], an intensifier after "not" left out.

    "I'm not really sure about the bruising thing": ("not", "sure").
    """
    words = [t.lower_ for t in doc[start:end]]
    words = [
        w
        for i, w in enumerate(words)
        if not (w in _INTENSIFIERS and i and words[i - 1] in ("not", "n't", "nt"))
    ]
    return list(zip(words, words[1:]))


_INTENSIFIERS = frozenset("really totally entirely completely quite 100% too that so".split())


# Never tested or checked: a hedge in the mention's sentence and at the start of the next.
_NOT_CHECKED = (
    r"never been tested|never been checked|never tested|never checked|havent been tested|"
    r"havent been checked|not been tested|not been checked|never had it checked"
)
# "a bleeding disorder, I'm just not sure which type": unsure of its kind, not of having it
_WHICH_KIND = r" (which|what) (type|kind|sort|form|one|version)s?\b"
_HEDGE_RE = re.compile(
    rf"\b(being tested|getting tested|waiting (for|on)|test results|not diagnosed|undiagnosed|"
    rf"borderline|suspected|might have|may have|could be|no idea(?!{_WHICH_KIND})|"
    rf"dont know(?!{_WHICH_KIND})|"
    r"(couldnt|could nt|could not|cant|ca nt|cannot|can not) (really )?say|hard to say|"
    r"eventually (i am|i m|im|i have|i ve got)|"  # "eventually I am pregnant": "eventuell"
    # "a retinol serum every night, not sure if that matters": unsure of the rule, not of it
    r"(cant|can not|cannot) be (100 ?%? |completely |totally |entirely |fully |a hundred percent )?"
    r"sure|"  # "I don't think I'm pregnant but I can't be 100% sure"
    r"not sure(?! (if|whether) (that|it|this) (matters|is relevant|is important|makes a "
    rf"difference|affects anything|changes anything)|{_WHICH_KIND})|"
    r"do not know|not been diagnosed|never been diagnosed|to be checked|checked for|checking|"
    # "dry patches in winter, never been told its eczema": not named, to discuss
    r"(never|not) been told (its|it is|it s|i have|i ve got|that its|that it is)|"
    # "my doctor keeps an eye on my sugar. never said im diabetic exactly"
    r"(never|not|nt|didnt|did not) (actually |really )?(said|told me|called it)( that)? "
    r"(its|it is|it s|i have|i ve got|im|i m|i am|i was|i 'm)\b|"
    rf"not checked|havent had it checked|never got it checked|{_NOT_CHECKED}|"
    # (a pregnancy's scans are no doubt: "just had my first scan", "the 12 week scan")
    r"running tests|tests to see|to see if|(?<!first )(?<!dating )(?<!week )(?<!baby )"
    r"(?<!booking )(?<!anomaly )(?<!pregnancy )scan|biopsy|not fully gone|carrier|"
    r"testing me|testing for|testing (whether|if)|(test|check|screen) me for|"
    r"(sending|send|sent) me (for|to get)|"  # "they're sending me for an echo"
    r"results (not|arent|are not|havent|have not) (back|in|come)|"
    r"results (are|r) not (back|in)|not back yet|getting an? (echo|ecg|ekg|scan|test|mri)|"
    r"waiting to (hear|see|find out)|been referred|referred (for|to)|referral|"
    r"as far as i know|trying for a baby|trying to conceive|(were|im|we are) trying|ttc|"
    r"(a|some|small|slight|good) chance|chance (that|of)|i guess|i think|i suppose|i reckon|"
    r"not sure how|hard to (say|tell)|ish|"
    # "a doctor heard a heart murmur once but said it's probably nothing", "my doctor wants to
    # rule out pregnancy first": not settled, so to discuss
    r"probably (nothing|fine|harmless|benign|innocent)|(might|may|could) be nothing(?! to)|"
    r"(to|wants to|want to|needs to|need to|"
    r"going to) rule (it )?out)\b"
)

# A clause about another part of one's health: a hedge in it is not about the mention before.
_ANOTHER_SUBJECT = re.compile(
    r"\b(heart|skin|blood|bloods|clotting|pain|sugar|sugars|bruis\w*|aspirin|retinol|"
    r"pregnan\w*|breast\w*|cancer|diabet\w*|eczema|psoriasis|needles)\b"
)


def _until_another_subject(after: str) -> str:
    """The words after a mention up to a clause that speaks of another part of one's health."""
    # "pregnant and my skin has gone crazy (melasma I think?)": a new subject after "and my"
    clauses = re.split(r"(\s?[,;]\s|(?:^|\s)(?:and|but) (?=my\b))", after)
    kept = clauses[:1]  # the rest of the mention's own clause
    for i in range(1, len(clauses) - 1, 2):
        if _ANOTHER_SUBJECT.search(clauses[i + 1]):
            break
        kept += clauses[i : i + 2]
    return "".join(kept)


_DIAGNOSED = re.compile(
    r"(?<!not )(?<!never )(?<!not been )(?<!never been )(?<!nt been )(?<!un)"
    r"\bdiagnosed (with|as)\b|\bdiagnosis of\b"
)
# Care for a condition called one's own: "waiting on an appointment for my eczema"
_CARE_FOR_MY = re.compile(
    r"\b(waiting (for|on)|referred|referral|appointment|specialist|consultant|review|check-?up)"
    r"\b.{0,40}\b(for|about|with|regarding) my\s*$"
)
# Care that follows a diagnosis, not doubt about it.
_FOLLOW_UP = re.compile(
    r"waiting (for|on)|test results|scan|waiting to (hear|see|find out)|been referred|"
    r"referred (for|to)|referral|checking|checked for"
)

# Said in the next sentence, these still hedge the mention before ("I don't think I have a
# clotting disorder? never been tested tho", "pregnant... not as far as I know").
_FOLLOWING_HEDGE_RE = re.compile(
    rf"^\W*(but |tho |though |well |then )?\W*({_NOT_CHECKED}|"
    r"not as far as i know|not that i know|as far as i know|(were|we are|im|i am) trying|"
    # "No I'm not pregnant. well, I could be, we've been trying"
    r"(actually )?i (could|might|may) (be|have)(?! (wrong|mistaken))|"
    r"(we ?'?ve|we have) been trying|"
    # "easy bruising... now and then? honestly couldnt say if its more than normal"
    r"(honestly |really |tbh )?(i )?(couldnt|could nt|could not|cant|ca nt|can not) "
    r"(really )?say|"
    # "my pain tolerance is kind of low? depends on the day"
    r"(it |that )?(depends|varies)( on| a lot| with)?)\b"
)


_TRYING_NEXT = re.compile(r"\b((were|we are|im|i am) trying|(we ?'?ve|we have) been trying)\b")


def _hedge_follows(doc: Doc, sentence_end: int, mentioned: Set[int], key: str) -> bool:
    """Whether the next sentence (from `sentence_end`) opens by hedging and names nothing.

    Trying for a baby hedges a pregnancy only ("not breastfeeding. we're trying for a baby").
    """
    i = sentence_end
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space):
        i += 1
    end = i
    while end < len(doc) and end < i + 10 and not _is_hard_break(doc, end):
        if end in mentioned:
            return False
        end += 1
    following = re.sub(r" (n't|nt)\b", "nt", " ".join(t.lower_ for t in doc[i:end]))
    if key != "pregnancy":
        following = _TRYING_NEXT.sub(" ", following)
    return bool(_FOLLOWING_HEDGE_RE.search(following))


_MODALS = frozenset("could might may".split())
_ASKED_SUBJECTS = frozenset("i you u we".split())


def _hedged(doc: Doc, start: int, end: int) -> bool:
    """Whether doc[start:end] hedges ("maybe", "I think", "not sure", "don't know")."""
    words = [t.lower_ for t in doc[start:end]]
    if any(pair in _HEDGE_PAIRS for pair in _pairs(doc, start, end)):
        return True
    for i, word in enumerate(words):
        if word in _HEDGES and not (word == "think" and i and words[i - 1] in ("not", "n't")):
            if words[i + 1 : i + 2] == ["why"]:
                continue  # "which is probably why I bruise so easily": the cause guessed
            if word in _SHORT_PROBABLY and i < len(words) - 1:
                continue  # "prob pregnant" hedges; "no bleeding prob, no aspirin" names a problem
            if word in _MODALS and words[i + 1 : i + 2] and words[i + 1] in _ASKED_SUBJECTS:
                continue  # "could i have it if im pregnant?": asks, as "can i" does
            if word == "may" and i and words[i - 1] in _BEFORE_A_MONTH:
                continue  # "had my son in may and still breastfeeding": the month
            return True
        if word in ("kind", "sort") and words[i + 1 : i + 2] == ["of"]:
            # "kind of sensitive skin? sometimes"; not "what kind of", "any kind of"
            if not i or words[i - 1] not in _KIND_OF_DETERMINERS:
                return True
    return False


# A modal opening a question with the condition as its subject: "could diabetes be a
# problem?", "so might eczema rule me out?" (not "could be pregnant", nor "could my ...")
_MODAL_OPENS = re.compile(
    r"^\W*((so|and|but|ok|okay|hmm|also|then|well|sorry|quick question)\W+)*"
    r"(could|might|may|would|will|can)( (having|being on|being|taking|a|an|the|any))?\s*$"
)
_BEFORE_A_MONTH = frozenset("in since until till last this next early mid late of end".split())
_SHORT_PROBABLY = frozenset({"prob", "prolly"})  # hedge only just before the mention
_KIND_OF_DETERMINERS = frozenset("what which any every no that this a some the".split())


def _kind_of_inside(doc: Doc, span: _Span) -> bool:
    """Whether the mention's own words hedge it ("skin kind of sensitive", "sorta low")."""
    words = [t.lower_ for t in doc[span.start : span.end]]
    for i, word in enumerate(words):
        if word in ("kinda", "sorta"):
            return True
        if word in ("kind", "sort") and words[i + 1 : i + 2] == ["of"]:
            before = words[i - 1] if i else (doc[span.start - 1].lower_ if span.start else "")
            if before not in _KIND_OF_DETERMINERS:
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
    if word == "negative":  # "negative on the cancer", "negative for diabetes"
        return after is not None and after.lower_ in ("on", "for", "to")
    if word in ("nope", "nah"):  # "nope to cancer, nope to diabetes"
        return after is not None and after.lower_ == "to"
    if word not in _NEGATIONS:
        return False
    if word == "no" and (
        after is None or after.is_punct or after.lower_ in _SUBJECTS or after.lower_ in _TAKING_BACK
    ):
        return False  # "No, I have diabetes", "wait no sorry i am on blood thinners"
    return True


# Words that take an answer back after "no": an interjection, not a negation.
_TAKING_BACK = frozenset("sorry wait oops actually hang sry soz apologies".split())
_LIST_WORDS = frozenset("or nor and either neither".split())
# An article inside a list keeps it one list: "I don't have cancer, diabetes or a heart
# condition" denies all three.
_ARTICLES = frozenset("a an any the some".split())
# Cues in the rest of a sentence that say a condition is over ("cancer, but that was in 2019
# and I've been in remission since").
_REMISSION_NEXT = re.compile(r"^(in )?remission\b")
# A stop told of the next condition named: "... and I stopped taking <aspirin>".
_LEADS_INTO_NEXT = re.compile(
    r"\b((and|but|then|also) )?((i|ive|i ve|i 've|i have) )?(recently |just |already )?"
    r"(stopped|quit|came off|come off|gave up|finished)( (taking|using|on|the|my|with))*\s*$"
)
_PAST_LATER_RE = re.compile(
    r"\b(remission|all clear|cancer free|cured|signed off|that was (in|years|when|back)|"
    # a clinic letter: "Discharged from oncology follow-up 2020, no evidence of recurrence"
    r"no evidence of (recurrence|disease|relapse)|discharged from (oncology|follow|the (clinic|"
    r"oncologist|hospital))|"
    r"(but|it ?'?s|it is) (not|no longer) active|"
    r"(years?|months?|weeks?) ago|(19|20)\d\d and|clear since|clear for|"
    r"went away|gone away|"
    r"cleared up|has resolved|disappeared|"
    r"(has|have|had) (now )?(completely |fully |totally |all )?cleared\b|"
    r"took me off|taken off|long gone|been fine since|"
    r"fine ever since|(all |totally |completely )?(fine|good|ok|okay|well|sorted) now|"
    r"((that|it) ?'?s|that is|it is|all) (done|over) with|behind me|"
    r"(all|treatment|chemo|it ?'?s|its) (done|finished|over) now|"  # "chemo last yr, all done now"
    r"(until|till|up to|up until) (yesterday|last (week|month|night|year)|recently|"
    r"(a|one|two|three|a few|a couple of) (days?|weeks?|months?) ago)|"  # "until yesterday"
    r"(which|that|it) ?('?s|is|was|are) (now |all |long |well )?in the past|"
    r"(it|that|the hole) (closed|healed) (up )?(on its own|by itself|itself|naturally)|"
    r"(fully |completely |all )?(fixed|repaired|corrected) since|"
    r"((that|it) ?'?s|that is) all over|"
    r"(which|that|it) ?('?s|is|was|has) (now |all |long |since )?(gone|over|cured|cleared)|"
    r"(settled|calmed|cleared) (down|up) (completely|totally|now|since)|"
    # "got really sensitive during chemo but it's back to normal now"
    r"\b(it|that|its|it ?'?s|thats|which|which is|everything|all|skin|skins|it has|its been) "
    r"(has |is |s |now |all |gone |been |come |went )*back to normal|but (now )?back to normal)\b"
)


def _negated_before(doc: Doc, start: int, end: int, mentioned: Set[int]) -> bool:
    """Whether a negation cue appears in doc[start:end], after any other mention there.

    "I'm not pregnant anymore, still giving breast milk": the "not" is the pregnancy's, and
    a new mention separated from it by a comma starts its own scope. Lists joined by "or" or
    "nor" keep it ("not pregnant or breastfeeding").
    """
    for i in range(end - 1, start - 1, -1):
        if i in mentioned and i < end:
            # the words between, other mentions left out: "not pregnant, on Xarelto for atrial
            # fibrillation" ("on", "for") ends the "not"; "not on aspirin, warfarin or
            # clopidogrel" (a list of mentions) keeps it
            between = range(i + 1, end)
            words = [
                k
                for k in between
                if not doc[k].is_punct
                and doc[k].lower_ not in _LIST_WORDS
                and doc[k].lower_ not in _ARTICLES
                and k not in mentioned
            ]
            if any(doc[k].lower_ == "," for k in between) and words:
                start = i + 1  # "not pregnant anymore, still giving breast milk"
                break
    cues = [i for i in range(start, end) if _negation_cue(doc, i, mentioned)]
    if not cues:
        return False
    telling = next((i for i in range(cues[-1] + 1, end) if doc[i].lower_ in _TELLING), None)
    if telling is not None and any(doc[i].lower_ in ("my", "about") for i in range(telling, end)):
        # "I didn't tell them about my diabetes": the telling is denied, not the diabetes
        # ("I never said I had diabetes" stays a denial)
        return False
    # "my skin's not sensitive, just the eczema": a contrast after the negation ends its reach
    return not any(_contrast(doc, i) for i in range(cues[-1] + 1, end))


# Verbs of telling: a negation before one denies the telling ("never mentioned my eczema").
_TELLING = frozenset(
    "tell told mention mentioned say said disclose disclosed declare declared inform informed "
    "admit admitted".split()
)


# Said right after a mention, these set it against a negation before it in the list.
_SET_AGAINST_A_LIST = frozenset("though tho myself".split())


def _set_against_a_denial(doc: Doc, sentence_start: int, start: int, mentioned: Set[int]) -> bool:
    """Whether a denied mention, then a comma, come before `start`, with no negation after it.

    "not pregnant, breastfeeding though": the "though" sets it against the denied pregnancy.
    """
    i = start - 1
    while i >= sentence_start and doc[i].lower_ not in (",", ";"):
        if _negation_cue(doc, i, mentioned):
            return False  # "not pregnant, not breastfeeding though"
        i -= 1
    before = range(sentence_start, max(i, sentence_start))
    return any(k in mentioned for k in before) and any(
        _negation_cue(doc, k, mentioned) for k in before
    )


def _contrast(doc: Doc, i: int) -> bool:
    """Whether token i sets what follows against a negation ("none other than", "just").

    "other" only in "other than": "I don't take aspirin or any other blood thinners" denies
    both.
    """
    if doc[i].lower_ == "other":
        return i + 1 < len(doc) and doc[i + 1].lower_ == "than"
    return doc[i].lower_ in _CONTRAST


def _be_not_inside(doc: Doc, span: _Span) -> bool:
    """Whether a mention negates itself ("my skin isn't sensitive", "skin not sensitive").

    A negation that belongs to the synonym ("can't handle pain") does not count: only one
    after "be" or right after the subject of a pattern ("skin", "pain tolerance").
    """
    return any(
        doc[i].lower_ in ("not", "n't", "nt", "never")
        and (
            doc[i - 1].lemma_ == "be"
            or doc[i - 1].lower_ in _NEGATABLE_SUBJECTS
            or doc[i - 1].lower_ in ("'s", "’s", "s")
            # "normal skin, not sensitive", "skin - not sensitive"
            or (doc[i - 1].lower_ in (",", "-", "–", ":", ";") and i - 1 > span.start)
        )
        for i in range(span.start + 1, span.end)
    )


_NEGATABLE_SUBJECTS = frozenset("skin tolerance threshold it its".split())
# Not knowing what the condition is: "not sure what counts as a clotting disorder", "dunno
# what a clotting disorder is" ask what it is (not a doubt about having it).
_UNSURE_WHAT_IT_IS = re.compile(
    r"\b(not sure|unsure|idk|dunno|dont know|do nt know|do not know|no idea|not certain|confused)"
    r"( about| on)? what( exactly)?( (counts|count|would count|qualifies|is classed) as| is| are|"
    r" means)?( an?| the)?\s*$"
)


def _negative_synonym(doc: Doc, span: _Span) -> bool:
    """Whether the mention says its condition with a negation ("not keen on needles")."""
    return doc[span.start].lower_ in ("not", "n't", "nt") and not _be_not_inside(doc, span)


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
    following = " ".join(t.lower_ for t in doc[k : k + 3])
    if _NOT_A_REPLY.match(following):
        return False  # "maybe I bruise easily? never really paid attention": no reply
    return k >= len(doc) or doc[k].is_punct or doc[k].is_space or doc[k].lower_ in _POST_NEG_FOLLOW


# After "never"/"not": what the visitor never did, not an answer about the condition.
# "my skin might be a bit sensitive? not really sure": unsure, said right after it
_NOT_SURE_AFTER = re.compile(
    r"^\W*(\? |\. |, )?(not|nt|n't) (really |totally |100% )?(sure|certain)\b"
    r"(?! (about|if|whether|of|what|how|which)\b)"  # "pregnant, not sure about breastfeeding"
)
# "pregnant... i dont think so?": leaning no, not a no (to discuss with a professional)
_DONT_THINK_SO_AFTER = re.compile(r"^\W*(\W+ )?(i )?(dont|do nt|don't|do n't) think so\b")
_NOT_A_REPLY = re.compile(
    r"(really |actually )?(paid|pay|noticed|notice|thought|think|checked|check|looked|look|"
    r"counted|tested|asked|been (tested|checked)|had it (checked|tested)|"
    r"(that |too |totally |entirely |100% )?(sure|certain))\b"  # "sensitive? not really sure"
)


def _unsure_after(doc: Doc, end: int, mentioned: Set[int]) -> bool:
    """Whether "not sure" / "no idea" / "don't know" follows a mention ("diabetes... not sure").

    Not when it is about the next mention ("pregnant, not sure about breastfeeding").
    """
    j = end
    while j < len(doc) and j < end + 4 and (doc[j].is_punct or doc[j].is_space):
        j += 1
    pair = tuple(t.lower_ for t in doc[j : j + 2])
    if pair not in _HEDGE_PAIRS and pair != ("not", "certain"):
        return False
    following = [t.lower_ for t in doc[j + 2 : j + 4]]
    if following[:1] in (["which"], ["what"]) and re.fullmatch(
        r"(type|kind|sort|form|one|version)s?", "".join(following[1:2])
    ):
        return False  # "diabetes, no idea what type": unsure of its kind, not of having it
    if following[:1] in (["if"], ["whether"]) and following[1:] in (["that"], ["it"], ["this"]):
        return False  # "diabetes. not sure if that matters": unsure of the rule, not of it
    if any(j + 2 <= i <= j + 4 for i in mentioned):
        return False
    rest = " ".join(t.lower_ for t in doc[j + 2 : j + 6])
    return not re.match(r"(about|with|on|regarding) (my |the )?", rest) or not (
        _ANOTHER_SUBJECT.search(rest)
    )  # "no diabetes, not sure about my heart": unsure of the heart


def _stopped(doc: Doc, start: int, end: int) -> bool:
    """Whether doc[start:end] says something was stopped ("I stopped taking", "came off")."""
    if any(t.lower_ in _STOP_WORDS for t in doc[start:end]):
        return True
    return any(pair in _STOP_PAIRS for pair in _pairs(doc, start, end))


def _past(doc: Doc, clause_start: int, span: _Span, clause_end: int) -> bool:
    """Whether a pregnancy/breastfeeding mention is about the past ("I was pregnant")."""
    first = doc[span.start]
    if (
        first.lower_.endswith("ed")
        and not first.lower_.endswith("eed")
        and (first.lower_ != first.lemma_)
    ):
        return True  # "breastfed"; not "feed"
    if first.lower_ in ("gave", "given", "had", "weaned"):
        return True  # "gave birth", "had my baby"
    dated_by = doc[span.start - 1].lower_ if span.start > 0 else ""
    if dated_by in ("since", "after") and first.lower_ in ("having", "expecting"):
        return True  # "dull since having my baby": when, not now
    if any(t.lower_ in ("now", "currently", "still") for t in doc[span.start : span.end + 3]):
        return False  # "had a c-section, breastfeeding now", "had my baby, still feeding"
    for i in range(span.start - 1, clause_start - 1, -1):
        if doc[i].lower_ in _PRESENT_MARKERS:
            return False  # "I'm pregnant, just found out last week"
        if doc[i].lower_ in _PAST_MARKERS:
            return True
    for i in range(span.end, min(clause_end, span.end + 6)):
        word = doc[i].lower_
        if word in _PAST_AFTER:
            return True
        if word == "last" and i + 1 < len(doc) and doc[i + 1].lemma_ in _TIME_WORDS:
            return True
    return False


def _possessed_person(doc: Doc, i: int, sentence_start: int) -> bool:
    """Whether a person word is owned by someone: "my little girl", "our eldest"."""
    if doc[i].lower_ not in _POSSESSED_PERSONS:
        return False
    before = [t.lower_ for t in doc[max(sentence_start, i - 4) : i]]
    return any(word in _POSSESSIVES for word in before)


_PRONOUNS = frozenset("she he her his him hers they them their".split())
_TIME_PREPOSITIONS = frozenset("since after before until till".split())
_DATING_WORDS = frozenset("the my our a little".split())


def _after_time_word(doc: Doc, i: int, sentence_start: int) -> bool:
    """Whether a person word only dates something: "since the baby", "after my son".

    Also the visitor's own childhood: "had eczema as a kid, psoriasis now", "type 1 since i
    was a kid, no cancer".
    """
    j = i - 1
    if j - 1 >= sentence_start and doc[j].lower_ in ("a", "an"):
        if doc[j - 1].lower_ in ("as", "was", "were"):
            return True
    while j >= max(sentence_start, i - 3) and doc[j].lower_ in _DATING_WORDS:
        j -= 1
    return j >= sentence_start and doc[j].lower_ in _TIME_PREPOSITIONS


_CARRYING = frozenset("breastfeeding breastfeed feeding nursing pregnant expecting bf".split())


_CHILD_ADJECTIVES = frozenset("little new baby newborn youngest second third first wee".split())


def _fed_or_carried(doc: Doc, i: int, mentioned: Set[int]) -> bool:
    """Whether a person word is the one a mention before it feeds or carries.

    "breastfeeding my son", "pregnant with my second": the child, not whose the next is.
    """
    j = i - 1
    while j >= 0 and doc[j].lower_ in _CHILD_ADJECTIVES:
        j -= 1  # "feeding my little one", "breastfeeding our new baby"
    if j < 0 or doc[j].lower_ not in ("my", "our"):
        return False
    j -= 1
    if j >= 0 and doc[j].lower_ == "with":
        j -= 1
    return j >= 0 and j in mentioned and doc[j].lower_ in _CARRYING


def _joined_with_me(doc: Doc, i: int, sentence_start: int) -> bool:
    """Whether a person word is named together with the visitor ("me and my daughter")."""
    j = i - 1
    if j >= sentence_start and doc[j].lower_ in ("my", "our"):
        j -= 1
    return (
        j - 1 >= sentence_start
        and doc[j].lower_ in ("and", "nor", "or", "&")
        and doc[j - 1].lower_ in ("me", "myself", "i")
    )


def _born_to_the_visitor(doc: Doc, i: int) -> bool:
    """Whether a person word is a child the visitor had: "had my youngest 6 years ago"."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in _CHILD_ADJECTIVES:
        j -= 1
    if j < 1 or doc[j].lower_ not in ("my", "our"):
        return False
    before = doc[j - 1].lower_
    # "had my youngest 6 years ago", "weaned my son 2 weeks ago": the visitor's own child
    return before in ("had", "delivered", "weaned", "stopped feeding", "fed") or (
        before == "to" and doc[j - 2].lower_ == "birth"
    )


_ORDINALS = frozenset("first second third last latter former 1st 2nd 3rd".split())
# A visitor's children counted ("two kids"): a time in their life, not whose the condition is.
_CHILDREN = frozenset("kids children kiddos boys girls youngest eldest oldest".split())
# Words before "one" that make it a count of tablets, not a person ("take one aspirin").
_COUNTED_BY = frozenset("take takes took taking have has had use uses pop just only on a".split())


# Whose the condition is, said after it: "the diabetes is my mum's", "that's hers".
_SOMEONE_ELSES = re.compile(
    r"^\W*((stuff|thing|things|one|bit|part)\s+)?(is|was|'s|s|are)\s+(all\s+|only\s+|just\s+)?"
    r"((my|our)\s+(?!own\b)\w+\s?'?s?\b|hers\b|his\b|theirs\b|"
    # "the diabetes is mum's not mine"
    r"(mum|mom|mam|mummy|mommy|mother|dad|daddy|father|husband|hubby|wife|partner|sister|"
    r"brother|son|daughter|nan|nana|gran|granny|grandma|grandad|grandpa|aunt|auntie|uncle|"
    r"friend|boyfriend|girlfriend|fiance|fiancee)\s?'\s?s\b)|"
    # "von Willebrand disease - my sister has it, I was tested and I don't"
    r"^\W*((disease|disorder|condition|problem|issue)\s+)?[-:–—]\s*(my|our)\s+(?!own\b)\w+\s+"
    r"(has|had|have|is on|takes|took|gets|got)\s+(it|that|this|one|them)\b",
    re.I,
)


def _self_described(doc: Doc, i: int, sentence_start: int) -> bool:
    """Whether a person word describes the visitor: "I'm a (breastfeeding) mum"."""
    before = [t.lower_ for t in doc[max(sentence_start, i - 4) : i]]
    for k, word in enumerate(before[:-1]):
        if word in ("am", "'m", "im", "m") and before[k + 1] in ("a", "an"):
            return True
    return False


_RELATIVES = frozenset("who whod who'd whos who's that".split())


def _in_relative_clause_of_another(doc: Doc, i: int, sentence_start: int) -> bool:
    """Whether token i stands in a clause about another person ("my mum who'd come with me").

    Only an object ("me"): "the person who treated me said I have eczema" is the visitor's.
    """
    if doc[i].lower_ not in ("me", "myself", "us"):
        return False
    for k in range(i - 1, max(sentence_start, i - 6) - 1, -1):
        if doc[k].lower_ in _RELATIVES and k > sentence_start:
            person = doc[k - 1]
            return person.lower_ in _OTHERS or person.lemma_ in _OTHERS
    return False


_CARED_FOR = frozenset(
    "lady ladies man men gentleman gent woman women person people patient patients resident "
    "residents client clients girl boy guy chap fella".split()
)
_CARING_VERBS = frozenset("look care nurse support visit help treat work sit".split())


def _cared_for_by_me(doc: Doc, i: int, sentence_start: int) -> bool:
    """Whether "I" at i opens a clause about a person the visitor cares for.

    "the lady I look after has diabetes", "a man I care for is on warfarin": the person's.
    """
    if i == sentence_start or i + 1 >= len(doc) or doc[i].lower_ != "i":
        return False
    person = doc[i - 1]
    return (person.lower_ in _CARED_FOR or person.lemma_ in _CARED_FOR) and (
        doc[i + 1].lemma_ in _CARING_VERBS
    )


_STRANDED = frozenset("with for along to".split())


def _my_clause_about_another(doc: Doc, i: int, sentence_start: int) -> bool:
    """Whether "I" at i is the subject of a clause, ending on a preposition, about a person.

    "my friend who I'm going with had cancer", "the girl i'm booking for has diabetes": the
    friend's, the girl's. Not "my sister who I live with says I have eczema": there a later
    "I" is nearer the mention.
    """
    if doc[i].lower_ != "i":
        return False
    k = i - 1 if i - 1 > sentence_start and doc[i - 1].lower_ in _RELATIVES else i
    if k <= sentence_start:
        return False
    person = doc[k - 1]
    if not (person.lower_ in _OTHERS or person.lemma_ in _OTHERS or person.lower_ in _CARED_FOR):
        return False
    clause = [t.lower_ for t in doc[i + 2 : min(len(doc), i + 5)]]
    return any(word in _STRANDED for word in clause)


def _about_someone_else(
    doc: Doc, sentence_start: int, span: _Span, mentioned: Set[int]
) -> Optional[str]:
    """Whose a mention is: None (the visitor), "generic" (people in general) or "other".

    The nearest person word before the mention in its sentence decides.
    """
    end = _sentence_end(doc, span.end)
    rest = doc[span.end : end].text
    owner = doc[span.end].lower_ if span.end < len(doc) else ""
    said_of_self = any(
        t.lower_ in _SELF or t.lower_ in ("am", "'m", "m")
        for t in doc[max(0, span.start - 2) : span.start]
    )  # "im pregnant mum said no": the visitor's, whatever word follows
    if said_of_self or owner in _PRONOUNS or (span.key in _CURRENT_ONLY and owner in _PARENTS):
        owner = ""  # "feeding her myself", "lactating mother here": not someone else's
    if owner in ("me", "myself"):
        return None  # "diabetic mum, pregnant me"
    if owner in _GENERIC_PLURALS and not said_of_self:
        return "generic"  # "she asks me to ask: pregnant women can do it?": people in general
    if _SOMEONE_ELSES.match(rest):
        if span.start > 0 and doc[span.start - 1].lower_ in ("not", "no", "nor"):
            return None  # "not diabetes, is my mother only": denied as the visitor's own
        return "other"  # "the diabetes is my mum's, not mine"
    if (
        span.key == "breastfeeding"
        and doc[span.end - 1].lower_ == "milk"
        and span.start > 0
        and doc[span.start - 1].lemma_ in ("get", "have", "drink", "take", "on")
    ):
        return None  # "she's still getting breast milk": the baby fed, so the visitor feeds
    if owner in _OTHERS and owner not in _GENERIC_PERSONS and owner not in _BABY_WORDS:
        return "other"  # "diabetic mum", "pregnant wife"
    for i in range(span.start - 1, sentence_start - 1, -1):
        if i in mentioned:
            continue
        word, lemma = doc[i].lower_, doc[i].lemma_
        if word == "mine" and i > 0 and doc[i - 1].lower_ == "of":
            continue  # "a client of mine who is pregnant": the client's
        if word in _SELF and (
            _cared_for_by_me(doc, i, sentence_start)
            or _my_clause_about_another(doc, i, sentence_start)
        ):
            return "other"  # "the lady I look after has diabetes": the lady's
        if word in _SELF and not _in_relative_clause_of_another(doc, i, sentence_start):
            return None
        if span.key in _CURRENT_ONLY and word in _BABY_WORDS:
            continue
        if (
            span.key in _CURRENT_ONLY
            and word in _CHILDREN
            and i > sentence_start
            and (doc[i - 1].like_num or doc[i - 1].lower_ in ("no", "the", "my", "our"))
        ):
            continue  # "I'm 38, two kids, youngest is 2 so finished breastfeeding": hers
        if word == "one" and i == span.start - 1:
            continue  # "one breastfeed a day": how many, not people in general
        if word == "one" and i > sentence_start and doc[i - 1].lower_ in ("day", "number"):
            continue  # "formula fed from day one so no breastfeeding": a time, not people
        if word == "one" and i + 1 < len(doc) and doc[i + 1].lower_ == "of":
            continue  # "one of them might be a blood thinner": one of the tablets
        if word == "one" and i > sentence_start and doc[i - 1].lower_ in _COUNTED_BY:
            continue  # "I take one low-dose aspirin a day": a tablet, not people in general
        if word == "one" and i >= 2 and doc[i - 1].lower_ in _ORDINALS:
            continue  # "the second one, breastfeeding": a choice among the question's
        if word == "one" and i >= 2 and doc[i - 1].lower_ == "the":
            if doc[i - 2].lower_ in ("im", "am", "m", "'m"):
                return None  # "thats him, i'm the one breastfeeding"
            continue  # "she's the one with psoriasis": the person before says whose
        if word in _OTHERS and _self_described(doc, i, sentence_start):
            return None  # "I'm a breastfeeding mum with psoriasis": the visitor
        if word in _PARENTS and i + 1 < len(doc) and doc[i + 1].lower_ == "of":
            if not any(doc[k].lower_ in _POSSESSIVES for k in range(max(0, i - 2), i)):
                return None  # "mum of a newborn, still nursing": the visitor
        if (
            (word in _OTHERS or lemma in _OTHERS)
            and word not in _GENERIC_PERSONS
            and i + 1 < span.start
            and doc[i + 1].lower_ in ("'s", "’s", "s")
            and span.start - i <= 3
        ):
            return "other"  # "since my mother's heart problem scared me": the mother's
        if _after_time_word(doc, i, sentence_start):
            continue  # "a bit dry since the baby but nothing like eczema": when, not whose
        if i > sentence_start and doc[i - 1].lower_ in ("no", "without", "zero", "nor"):
            continue  # "i'm 34, no kids, not pregnant": nobody's
        if _fed_or_carried(doc, i, mentioned):
            continue  # "breastfeeding my son and on aspirin": the son is fed, the aspirin hers
        if span.key in _CURRENT_ONLY and _born_to_the_visitor(doc, i):
            continue  # "had my youngest 6 years ago and stopped feeding her": her own child
        if (
            span.key in _CURRENT_ONLY
            and word in ("she", "he")
            and any(_born_to_the_visitor(doc, k) for k in range(sentence_start, i))
        ):
            continue  # "had my baby in march, she's on formula, never breastfed": the baby
        if _joined_with_me(doc, i, sentence_start):
            return None  # "me and my daughter both bruise easily", "neither me nor my partner"
        owned = _possessed_person(doc, i, sentence_start)
        if not owned and (word in _GENERIC_PERSONS or lemma in _GENERIC_PERSONS):
            return "generic"
        if owned or word in _OTHERS or lemma in _OTHERS:
            return None if _ALSO_ME.search(rest) else "other"  # "my mum has it and so do I"
    if doc[span.end - 1].lower_.endswith(("ics", "iacs")):
        return "generic"  # "what about diabetics, can they have it"
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after in _GENERIC_PLURALS or after in _GENERIC_PERSONS:
        return "generic"  # "pregnant women", "diabetic people"
    return "other" if _FAMILY.search(rest) else None


def _after_lead_in(doc: Doc, start: int, stop: int) -> int:
    """The first token from `start` (before `stop`) that is not punctuation or "so", "ok"..."""
    i = start
    while i < stop and (doc[i].is_punct or doc[i].lower_ in _QUESTION_LEAD_IN):
        i += 1
    return i


# Words that make what follows them part of the question ("can I have it if I'm on ...").
_TIES_TO_THE_QUESTION = frozenset(
    "if when while whilst since because cos coz as that though although even whether".split()
)


def _told_after_the_question(doc: Doc, start: int, end: int) -> bool:
    """Whether a statement of their own starts in doc[start:end], not tied to the question.

    "can i have meso im on blood thinners": asks, then tells; not "can i have it if im on ...".
    """
    for k in range(start, end):
        word = doc[k].lower_
        nxt = doc[k + 1].lower_ if k + 1 < len(doc) else ""
        opens = word == "im" or (word == "i" and nxt in ("'m", "m", "am", "’m"))
        # "can i get meso my skin is super sensitive": a statement about their skin
        opens = opens or (word == "my" and nxt in ("skin", "skins"))
        if opens and k > 0 and doc[k - 1].lower_ not in _TIES_TO_THE_QUESTION:
            return True
    return False


# The reason told, not asked: "which is why i take aspirin", "that's why i bruise".
_SAYS_WHY = re.compile(r"\b(which|that|this|its|it) (is|s|'s) why\b|\bthats why\b")


def _question(doc: Doc, clause_start: int, span: _Span, clause_end: int) -> bool:
    """Whether the mention's clause asks rather than tells ("does type 1 diabetes count?")."""
    i = _after_lead_in(doc, clause_start, span.start)
    lead_in = {t.lower_ for t in doc[clause_start:i]}
    if i == span.start and "about" in lead_in:  # "what about eczema", "how about retinol"
        return True
    if i < len(doc) and doc[i].lower_ in _QUESTION_STARTS and i <= span.start:
        # "do I have diabetes", "is pregnancy a problem"; not "am" + statement ("am pregnant")
        following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        if following in ("nt", "n't", "not"):
            return False  # "dont bruise easy"
        said_why = " ".join(t.lower_ for t in doc[max(0, i - 2) : i + 3])
        if _SAYS_WHY.search(said_why):
            return False  # "my dad had a heart attack, which is why i take a baby aspirin"
        # "am on clopidogrel now", "am pregnant": the subject left out, a statement
        if doc[i].lower_ in ("am", "im") and following not in ("i", "me"):
            return False
        if (
            doc[i].lower_ == "do"
            and following in _EMPHATIC_VERBS
            and not any("?" in t.text for t in doc[span.end : min(clause_end + 1, len(doc))])
        ):
            return False  # "no blood thinners. do bruise easily tho": "I do", the I left out
        return not _told_after_the_question(doc, i + 2, span.start)
    end = clause_end
    asks = any("?" in t.text for t in doc[span.end : min(end + 1, len(doc))])
    told = any(t.lower_ in _SELF for t in doc[clause_start : span.start])
    if asks and not told and span.start == i:
        return True  # "diabetes?" as a whole clause
    if _asked_of_a_future(doc, clause_start, span):
        return True
    sentence_end = _sentence_end(doc, span.end)
    if (
        sentence_end < len(doc)
        and "?" in doc[sentence_end].text
        # not "breastfeeding twins, does that matter?", "ich nehme Xarelto, ist das ein Problem?"
        and not any(t.is_punct for t in doc[span.end : sentence_end])
        and not any(
            t.lower_ in _SELF or t.lower_ in _OTHERS or t.lemma_ in _HOLDING_VERBS
            for t in doc[sentence_start_of(doc, clause_start) : sentence_end]
        )
    ):
        return True  # "la hemofilia es un trastorno de coagulación?": nobody's, asked
    # "can I do it while breastfeeding?": the clause hangs on a question opening its sentence
    if clause_start > sentence_start_of(doc, clause_start) and doc[clause_start].lower_ in (
        _SUBORDINATES
    ):
        j = _after_lead_in(doc, sentence_start_of(doc, clause_start), clause_start)
        return doc[j].lower_ in _QUESTION_STARTS and not told
    return False


_EMPHATIC_VERBS = frozenset("bruise get have take use suffer react".split())
# Verbs that give a condition to someone: a question without them and without a person asks
_HOLDING_VERBS = frozenset("have take get suffer use be bruise tend".split())
_ENDING = frozenset("stop quit finish wean end".split())
_FUTURE_OPENERS = frozenset("once when whenever after if suppose supposing say".split())
_FUTURE_LEAD_INS = frozenset("what how about and but so then".split())


def _asked_of_a_future(doc: Doc, clause_start: int, span: _Span) -> bool:
    """Whether the mention is asked of a time to come.

    "once the baby's here and I'm breastfeeding, is that also a no?": a sentence opening with
    "once", "if" or "when" and ending in a question mark.
    """
    j = _after_lead_in(doc, sentence_start_of(doc, clause_start), span.start)
    while j < span.start and doc[j].lower_ in _FUTURE_LEAD_INS:
        j += 1  # "what about once the baby's here and I'm breastfeeding, would that be ok?"
    if doc[j].lower_ == "in" and j + 1 < span.start and doc[j + 1].lower_ == "case":
        j += 1  # "in case I get pregnant between sessions, is that a problem?"
    elif j >= span.start or doc[j].lower_ not in _FUTURE_OPENERS:
        return False
    if any(t.lower_ in _PAST_MARKERS or t.lemma_ in _ENDING for t in doc[j : span.start]):
        return False  # "when I had cancer, ...": their history; "if I stop breastfeeding"
    end = span.end
    while end < len(doc) and not (doc[end].text in (".", "!", "\n") or doc[end].is_space):
        if "?" in doc[end].text:
            return True
        end += 1
    return False


# "could that be a ...?", "does that mean i have ...?": asks whether they have it.
_COULD_THAT_BE = re.compile(
    r"\b(could|can|might|would|is|does) (that|this|it|they|these) (be|mean|means)( (i have|im))?"
    r"( (a|an|some|like))?$"
)
_COUNTED_AFTER = re.compile(r"(count|counts|qualify|qualifies|be classed|be considered) as\b")
_COUNTS_AS = re.compile(
    r"\b(count|counts|counted|qualify|qualifies|classed|classified|considered) as( a| an| any)?$"
)
# "all of them except the clotting disorder": the one excepted is the one denied
_ALL_BUT = re.compile(
    r"\b(all|everything|both|each)( of (them|those|these|it|the above))?( three| 3)? "
    r"(except|apart from|"
    r"but not|besides|other than)( for)?( the| a| my| that)?\W*$"
)
# "Define 'very sensitive skin' for me, please": what the words mean, asked without a "?"
_DEFINE = re.compile(
    r"\b(define|definition of|explain|clarify|meaning of|what means|"
    r"what (do|did) (you|they|the articles) mean by|what is meant by|whats meant by)"
    r"( what)?( a| an| the| by)?\W*$"
)
# "what does X mean?", "what is X exactly?": what the word means, asked
_WHAT_BEFORE = re.compile(r"\bwhat (does|do|is|s|'s)( a| an| the| that| this)?\W*$")
_MEANS_AFTER = re.compile(
    r"^\W*(mean|means|meant|stand for|refer to|include|exactly|mean exactly)\b"
)
# "could i have a ...?", "might i be ...?": asks, as "do I have" does (not "i could have")
_COULD_I_HAVE = re.compile(
    r"(^|[,.;!?] |\b(so|and|but|also|then|hmm|wait|um|ok) )(could|can|might|would|may) (i|u|you) "
    r"(have|be|have got|be getting|get)( (a|an|some|like|any))?$"
)
_NAMES_IT = re.compile(
    r"\b(i think |i believe |maybe )?(it s|its|it is|theyre|they are|thats|that s) (called|named)"
    r"( something like)?$"
)
_ASKS_OPINION = re.compile(r"\b(do|would|did|dya|d) (you|u|ya) (think|reckon|say)\b")
_FOUND_OUT = re.compile(
    r"\b(found out|find out|learned|learnt|realised|realized) (that )?(i was|i am|im)$"
)
# "my hearts not great", "heart isn't good": not a denial of it
_NOT_GOOD = re.compile(
    r"^(s |is |are )?(not|nt|isnt|isn't|arent) (great|good|the best|brilliant|right|too good|so "
    r"good|strong|healthy|working (properly|right)|normal)\b"
)


def _sentence_asks(doc: Doc, end: int, sentence_end: int) -> bool:
    """Whether the sentence the mention is in ends with a question mark."""
    return any("?" in t.text for t in doc[end : sentence_end + 1])


# What the treatment does for a condition ("it helps eczema", "good for psoriasis").
_TREATS = re.compile(
    r"\b(helps?|helping|treats?|treating|cures?|curing|improves?|good for|works (for|on)|"
    r"used for|used to treat)( with)?$"
)
_TIMING_QUESTION = re.compile(r"\b(how (long|soon|many \w+)|when) (after|before|once)\b")
# "mum of two", "mother of a newborn": the visitor describing themselves
_PARENTS = frozenset("mum mom mother mummy mommy mam mama dad father".split())
# A medicine the visitor takes now (not "used to take"): whatever else the sentence dates.
_TAKES_NOW = re.compile(
    r"(?<!used to )\b(i|im|i m|i 'm|i’m) (do |still |also |currently )?(take|takes|taking|use|"
    r"using|am on|m on|on)\b"
)
# A device put in for a condition stays: fitted in the past, the condition is present.
_FITTED_DEVICE = re.compile(
    r"\b(pacemaker|stent|stents|defibrillator|icd|valve|valves|valve replacement|insulin pump|"
    r"pump)\b"
)
# "a heart valve operation as a child and was discharged": an operation long over
_OPERATED_LONG_AGO = re.compile(
    r"\b(operation|surgery|op|operated|repair)\b.{0,40}\b(as a (child|kid|baby|toddler|teenager)|"
    r"when i was (little|small|young|a (child|kid|baby|toddler|teenager))|in my childhood|"
    r"discharged)\b"
)
_REMOVED = re.compile(r"\b(removed|taken out|came out|out now)\b")
_HAD_AFTER = re.compile(
    r"^\W*i (had|used to have)\b(?! (it |them )?(removed|out)| (an?|the|my|some)\b)"
)
# A valve repaired is no device in place: dated like any condition ("repaired as a child").
_REPAIRED = re.compile(r"\b(repair|repaired|fixed|corrected|mended)\b")
_ONGOING = re.compile(r"\b(currently|being|undergoing|still|ongoing|on chemo|having chemo)\b")
# Not any more by the time of the treatment, and still now: "I won't be breastfeeding by then,
# I'm stopping next month".
_NOT_BY_THEN = re.compile(r"\b(wo n't|wo nt|wont|won't|will not|will no longer) be\b")
_STOPPING_LATER = re.compile(
    r"\b(stopping|weaning|finishing|giving (it |them )?up|coming off) (it |them |her |him )?"
    r"(next|in|at the end of|by|this|after|soon|before)\b"
)
# Trying for a baby: a doubt about a pregnancy only.
_TRYING = re.compile(r"\b(trying for a baby|trying to conceive|(were|im|we are) trying|ttc)\b")
# Said after a condition: it has gone on until now ("since I was a kid", "all my life").
_ONGOING_AFTER = re.compile(
    # not "none since I was about 10", "not since I was a kid", "clear since I was 12"
    r"(?<!\bnone )(?<!\bnot )(?<!\bnothing )(?<!\bclear )(?<!\bgone )(?<!\bnever )"
    r"\b(since (i was|i were|childhood|birth|forever|my teens|(i was )?(a )?(kid|child|baby|teen))|"
    r"since my (twenties|thirties|forties|fifties|sixties|seventies|20s|30s|40s|50s|60s|70s)|"
    r"all my life|my whole life|(most|much) of my (adult )?life|for as long as i (can )?remember|"
    r"on and off|now and then|"
    r"(for )?the (last|past) (few |couple of |two |three |four |five |six |seven |eight |nine |"
    r"ten |twelve |eighteen |\d+ )?(days|weeks|months|years)|"
    # "I've had diabetes since 2019", "since last spring"
    r"since (19|20)\d\d|since (last )?(january|february|march|april|may|june|july|august|"
    r"september|october|november|december|spring|summer|autumn|winter|year)|"
    r"now n then|flares? up)\b"
)
# Right after the condition, with no sign later that it ended: it has gone on until now
# ("I've had angina for years", "had psoriasis for ages").
_FOR_YEARS_AFTER = re.compile(
    # "psoriasis on my elbows for years": where it is, then how long
    r"^\W*((on|in|around|behind|under|over) (my|both|the|his|her) (\w+ ){1,2})?"
    r"(now )?for (years|ages|decades|yonks|donkey'?s years|a long time|(many|some|several|"
    r"a few|a couple of|\d+|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty) "
    r"years)\b"
)
# Said later in the sentence: it goes on now, whatever was dated before ("treated for lymphoma
# last year, still on maintenance therapy now", "had eczema as a kid and its come back").
_STILL_NOW = re.compile(
    r"\b(still (on|having|getting|in|under|undergoing) (\w+ ){0,2}(therapy|treatment|chemo\w*|"
    r"immunotherapy|radio\w*|tablets|meds|medication)|"
    r"(come|came|coming) back|back again|returned|flared (up )?again|still flares?( up)?|"
    r"(is|its|it is|it's|s) (\w+ )?active again|active again now)\b"
)
_NO_LONGER = re.compile(r"\b(anymore|any more|no longer|not any longer|stopped|quit)\b")
_SUBORDINATES = frozenset("while when during whilst after before since because cos coz cuz".split())


def sentence_start_of(doc: Doc, i: int) -> int:
    """The index where token i's sentence starts."""
    while i > 0 and not _is_hard_break(doc, i - 1):
        i -= 1
    return i


def _after_previous_mention(doc: Doc, clause_start: int, span: _Span, mentioned: Set[int]) -> int:
    """Where the words that belong to a mention start: after an earlier mention and a comma.

    "I stopped retinol a week ago, no eczema": "stopped" and "ago" are the retinol's.
    """
    earlier = [i for i in mentioned if clause_start <= i < span.start]
    if not earlier or not any(t.lower_ == "," for t in doc[max(earlier) + 1 : span.start]):
        return clause_start
    return max(earlier) + 1


# A time since which it has been so: "since my knee op two weeks ago", "since I started
# Eliquis in 2022" (not "fine since", "clear since": over since then).
_SINCE_THEN = re.compile(
    r"(?<!fine )(?<!clear )(?<!nothing )(?<!none )(?<!problems )(?<!free )(?<!well )(?<!ok )"
    r"\bsince (i|my|the|last|we|then|\d|a |an )"
)
_OVER_WORDS = re.compile(
    r"\b(gone|remission|clean|clear|finish\w*|over|fine|cured|free|stopped|quit|no more|better|"
    r"healed|resolved|ended|done|healthy|well|nothing|normal|no problems?|discharged)\b"
)
_KEPT_IN_CHECK = re.compile(
    r"\b(it ?'?s|its|it is|thats|that is|but|though|tho|well|all|totally|fully|very)"
    r" (\w+ )?(controlled|under control|managed|stable|in check)\b"
)
_PAST_VERBS = frozenset("got went was were became had felt turned".split())


def _during_a_past_time(doc: Doc, clause_start: int, span: _Span) -> bool:
    """Whether a mention says when something past happened: "got sensitive during chemo"."""
    if span.start <= clause_start or doc[span.start - 1].lower_ not in ("during", "through"):
        return False
    return any(t.lower_ in _PAST_VERBS for t in doc[clause_start : span.start - 1])


# What was given up for something else: "swapped my retinol for bakuchiol".
_SWAPPED_OUT = re.compile(
    r"\b(swapped|swopped|switched|changed|replaced|traded|ditched|dropped)( it)?( over| out)?"
    r"( from)?( my| the| her| his)?$"
)
_SWAPPED_FOR = frozenset("for to with out and".split())


def _past_condition(
    doc: Doc, clause_start: int, span: _Span, clause_end: int, mentioned: Set[int]
) -> bool:
    """Whether a mention is of something over ("had cancer 10 years ago", "in remission")."""
    text = doc[span.start : span.end].text
    if any(word in text for word in ("remission", "survivor", "used to")):
        return True
    sentence_end = _sentence_end(doc, span.end)
    after = " ".join(t.lower_ for t in doc[span.end : min(clause_end + 4, sentence_end)])
    if _TOLD_BEFORE.match(after) or _SAID_BEFORE.match(after):
        # "just the eczema i said from when i was little": what follows the telling is the
        # condition's, not a clause of its own
        after = " ".join(t.lower_ for t in doc[span.end : sentence_end])
    following = next((k for k in range(span.end, sentence_end) if k in mentioned), None)
    if following is not None:
        # "diabetic, diet-controlled, and I stopped taking aspirin": the aspirin's stop
        upto = " ".join(t.lower_ for t in doc[span.end : following])
        lead = _LEADS_INTO_NEXT.search(upto)
        if lead is not None and lead.start() < len(after):
            after = upto[: lead.start()]
    own = _after_previous_mention(doc, clause_start, span, mentioned)
    before_words = [t.lower_ for t in doc[max(own, span.start - 6) : span.start]]
    if "diagnosed" in before_words or "diagnosed" in after.split()[:3]:
        return False  # "diagnosed with diabetes 2 years ago": still present
    first_after = after.split()[0] if after.split() else ""
    if _SWAPPED_OUT.search(" ".join(before_words)) and first_after in _SWAPPED_FOR:
        return True  # "swapped my retinol for bakuchiol", "switched from warfarin to ..."
    repaired = "valve" in text.lower() and (
        _REPAIRED.search(after) or _OPERATED_LONG_AGO.search(f"{text.lower()} {after}")
    )
    if _FITTED_DEVICE.search(text) and not _REMOVED.search(after) and not repaired:
        return False  # "had a pacemaker fitted last year": it is still there
    if _TAKES_NOW.search(" ".join(before_words)):
        return False  # "i take a blood thinner, apixaban, since i had a clot ... years back"
    if _ONGOING.search(" ".join(before_words)):
        return False  # "currently being treated for lymphoma"
    rest = " ".join(t.lower_ for t in doc[span.end : sentence_end])
    still = _STILL_NOW.search(rest)
    denied = still and set(rest[: still.start()].split()[-3:]) & _NEGATIONS  # "hasn't come back"
    if still and not denied and not any(span.end <= k < sentence_end for k in mentioned):
        return False  # "... last year, still on maintenance therapy now"
    if _SINCE_THEN.search(after) and not _OVER_WORDS.search(" ".join([*before_words, rest])):
        return False  # "on Clexane since my knee op two weeks ago": since then, still
    if _PAST_AFTER_RE.search(after) or _PAST_ANYWHERE_RE.search(" ".join(before_words)):
        return True
    if _HAD_AFTER.match(after):
        return True  # "cancer I had, leukemia when I was child": told first, then "I had"
    if _ONGOING_AFTER.search(after):
        return False  # "I've had mild eczema on my hands since I was a kid": still there
    if _during_a_past_time(doc, clause_start, span):
        return True  # "my skin got really sensitive during chemo": the chemo is over
    later = [t.lower_ for t in doc[span.end : sentence_end]]
    next_mention = next(
        (
            k
            for k in range(span.end, sentence_end)
            if k in mentioned and doc[k - 1].lower_ not in _SUBORDINATES
        ),
        None,
    )  # "sensitive during chemo but it's settled down now": "during chemo" only says when
    remission_next = next_mention is not None and _REMISSION_NEXT.match(
        " ".join(t.lower_ for t in doc[next_mention : next_mention + 2])
    )  # "cancer, but I'm in remission": the remission is this cancer's, said of it
    if next_mention is not None and not remission_next:
        later = later[: next_mention - span.end]
        # "diabetic, diet-controlled, and I stopped taking aspirin": the stop is the aspirin's
        lead = _LEADS_INTO_NEXT.search(" ".join(later))
        if lead is not None:
            later = " ".join(later)[: lead.start()].split()
    if _KEPT_IN_CHECK.search(" ".join(later)):
        return False  # "I've got AF but it's controlled, my rate is fine now": still there
    if _PAST_LATER_RE.search(" ".join(later)):
        return True
    if _FOR_YEARS_AFTER.match(" ".join(later)):
        return False  # "I've had diabetes for 10 years": still there
    start = span.start - 1
    while start >= max(clause_start, span.start - 4) and start not in mentioned:
        if doc[start].lower_ in _PAST_BEFORE:
            return True
        start -= 1
    return any(pair in _STOP_PAIRS for pair in _pairs(doc, clause_start, span.start))


# What someone or something else said, asked about: "I read on a forum that ...", "my friend's
# clinic said no aspirin for a week before, is that right?" (a rule heard, not their own)
_HEARSAY = re.compile(
    r"\b(i (read|heard|saw|seen)|(read|heard|seen) (online|somewhere|on|in)|"
    r"(clinic|clinics|form|forum|article|website|site|google|online|internet|leaflet|instagram|"
    r"tiktok|blog|reddit|magazine|salon) (said|says|say|told|states?|recommends?|reckons)|"
    r"apparently|supposedly)\b"
)
# The visitor telling of themselves after the hearsay ("I heard about it from a friend, i have")
_OWN_WORDS = re.compile(r"\b(i|im|i'm|ive|my|me)\b")
# Someone named by their age: "my 15 year old", "our 16yo"
_AGED_CHILD = re.compile(
    r"\b(my|our|her|his) \d{1,2} ?(-| )?(year|yr)s? ?(-| )?old\b|\b(my|our) \d{1,2} ?(yo|y/o)\b"
)
# A form's question answered no: "asked if I have a bleeding disorder and I ticked no"
_ASKED_AND_ANSWERED_NO = re.compile(
    r"^,? ?(and|but|so) (i )?(ticked|said|answered|put|wrote|circled|checked|marked) "
    r"(no|none|nope)\b"
)


# What will be, not what is: "i'll be breastfeeding after", "i'm going to start retinol".
_LATER_ON = re.compile(
    r"\b(i ?'?ll|i will|ill|i am going to|im going to|i m going to|i 'm going to|gonna|i plan to|"
    r"planning to|plan on|i want to)( (probably|definitely|also|still))? (be|start|be on|start on|"
    r"go on|begin)( (using|taking))?\s*$"
)
# Intended, not now: "I'm planning to breastfeed", "we'd like to try IVF", "I want to start
# retinol"
_INTENDED = re.compile(
    r"(?<!not )(?<!nt )(?<!n't )\b(planning|plan|plans|hoping|hope|intend|intending|want|wanting|"
    r"would like|'d like|d like|"
    r"wish|wishing)( on| to)( try to| try and)?( start)?\s*$"
)
_IN_CASE = re.compile(
    r"\bin case (i|we|she) (get|fall|become|end up|am|was|were|got|fell|turn out)( to be)?\s*$"
)
# Told, then doubted as out of the ordinary: "i bruise a bit but probably normal for my age".
_DOUBTED_AFTER = re.compile(
    r"^\W*(but|though|tho|although)\s+(its |it s |it 's |thats |that s |that 's |it is |that is )?"
    r"(probably|prob|maybe|possibly|likely|prolly)\s+(just |only )?(normal|nothing|fine|average|"
    r"standard|ok|okay|usual)\b"
)
# A supposed case, asked about: "what if i said yes to diabetes", "hypothetically, if i had
# cancer"; not "if i had cancer years ago, does it count" (a real past told with "if").
_SUPPOSED = re.compile(
    r"\b(hypothetically|hypothetical|in theory|theoretically|what if|wat if|(?<!i )suppose|"
    r"supposing|(?<!i )imagine|let 's say|lets say|let us say)\b|"
    r"(^|[,.!?;] ?|\bso )say i (was|were|had|have|am)\b"  # not "I suppose I could be": a hedge
)
# A supposed case in a question: "could I still be a candidate if I had psoriasis?" (not "is it
# ok if i had a skin cancer cut out years ago": a real past, told by when or how it ended)
_IF_I_HAD = re.compile(
    r"(\b(could|can|would|will|should|do|does|is|are) .*|^\W*((and|but|so|ok|okay|then|what about)"
    r",? )?)\bif i (had|were|was)( (a|an|any|some|really|very|quite))?\s*$"
)
_WHEN_IT_WAS = re.compile(
    r"\b(ago|years?|months?|weeks?|when|as a (kid|child|teen|teenager|baby|toddler|student)|"
    r"back|last|before|since|in \d+|"
    r"removed|cut out|treated|cured|gone|clear|remission|once|used to)\b"
)
# The reason denied: "metformin for the PCOS, not because I'm diabetic".
_NOT_BECAUSE = re.compile(
    r"\bnot (because|cos|coz|cuz|due to|for) (i ('m|m|am|have|'ve got|ve got)|im|(of )?my|of)"
    r"( (a|an|being))?\s*$"
)
# Asked to vouch for it: "confirm diabetes is fine for meso", "just tell me that eczema is ok".
_CONFIRM_IT = re.compile(
    r"(^|[,.!:;]|\b(just|please|pls|plz|you|u|can|could|will|now|then|so|and|bot))\s*"
    r"(confirm|promise|guarantee|tell me|say|agree|admit|swear)( to me| me)?( that)?"
    r"( (the|my|having|being))?\s*$"
)


def _classify(doc: Doc, span: _Span, bounds: Tuple[int, int, int], mentioned: Set[int]) -> str:
    """The mention's status: one of STATUSES."""
    clause_start, sentence_start, clause_end = bounds
    lead = " ".join(t.lower_ for t in doc[sentence_start : span.start])
    heard = _HEARSAY.search(lead)
    if (
        heard
        and not _OWN_WORDS.search(lead, heard.end())
        and _sentence_asks(doc, span.end, _sentence_end(doc, span.end))
    ):
        return "question"  # "I read on a forum that breastfeeding mums can't have it, true?"
    if _ASKED_AND_ANSWERED_NO.match(" ".join(t.lower_ for t in doc[span.end : span.end + 8])):
        return "absent"  # "the form asked if I have a bleeding disorder and I ticked no"
    whose = _about_someone_else(doc, sentence_start, span, mentioned)
    if whose is None and _AGED_CHILD.search(lead):
        whose = "other"  # "my 15 year old bruises really easily"
    if whose == "generic":
        return "question"
    if whose == "other":
        return "other_person"
    if _NOT_BECAUSE.search(lead):
        return "absent"  # "I take metformin for the PCOS, not because I'm diabetic"
    if _LATER_ON.search(lead) and span.key in _STOPPABLE:
        return "question"  # "i'll be breastfeeding after too, does that matter": not now
    if _INTENDED.search(lead) or _IN_CASE.search(lead):
        return "question"  # "I'm planning to breastfeed", "in case I fall pregnant": not now
    if (
        _IF_I_HAD.search(lead)
        and _sentence_asks(doc, span.end, _sentence_end(doc, span.end))
        and not _WHEN_IT_WAS.search(
            " ".join(t.lower_ for t in doc[span.end : _sentence_end(doc, span.end)])
        )
    ):
        return "question"  # "could I still be a candidate if I had psoriasis?"
    if _SUPPOSED.search(lead) or _CONFIRM_IT.search(lead):
        # "what if i say yes to the cancer one, hypothetically", "confirm diabetes is fine"
        return "question"
    if _ALL_BUT.search(" ".join(t.lower_ for t in doc[sentence_start : span.start])):
        return "absent"  # "all of them except the clotting disorder"
    if _UNSURE_WHAT_IT_IS.search(" ".join(t.lower_ for t in doc[sentence_start : span.start])):
        return "question"  # "idk what counts as a clotting disorder tbh": what it is, asked
    if (
        _reply_after(doc, span.end, _HEDGES | _POST_UNSURE)
        or _unsure_after(doc, span.end, mentioned)
        or _NOT_SURE_AFTER.match(" ".join(t.lower_ for t in doc[span.end : span.end + 6]))
        or _DONT_THINK_SO_AFTER.match(" ".join(t.lower_ for t in doc[span.end : span.end + 8]))
    ):
        return "uncertain"  # "clotting disorder - maybe?", "diabetes... not sure"
    if _DOUBTED_AFTER.match(" ".join(t.lower_ for t in doc[span.end : span.end + 8])):
        return "uncertain"  # "i do bruise a bit but probably normal for my age"
    if [t.lower_ for t in doc[span.end : span.end + 2]] in (["-", "ish"], ["ish"]):
        return "uncertain"  # "i bruise easily-ish"
    if _kind_of_inside(doc, span):
        return "uncertain"  # "skin kind of sensitive? like some moisturisers sting a bit"
    if _reply_after(doc, span.end, _POST_YES):
        return "present"
    if _reply_after(doc, span.end, _SET_AGAINST_A_LIST) and _set_against_a_denial(
        doc, sentence_start, span.start, mentioned
    ):
        return "present"  # "not pregnant, breastfeeding though", "..., feeding her myself"
    if _NO_MORE_AFTER.match(" ".join(t.lower_ for t in doc[span.end : span.end + 5])):
        return "past"  # "used to be on warfarin, not anymore"
    if _HISTORY_AFTER.match(" ".join(t.lower_ for t in doc[span.end : span.end + 2])) and not any(
        t.lower_ in ("no", "not", "nt", "n't", "never", "without", "nor")
        for t in doc[max(clause_start, span.start - 3) : span.start]
    ):
        return "past"  # "just the cancer history" (not "no cardiac history")
    if _reply_after(doc, span.end, _POST_NEGATIONS) and not _negative_synonym(doc, span):
        return "absent"  # (not "I'm not keen on pain, no": the "no" agrees with the "not")
    if _after_lead_in(doc, clause_start, span.start) == _list_start(
        doc, span.start, mentioned
    ) and _reply_after(doc, _list_end(doc, span.end, mentioned), _POST_NEGATIONS):
        return "absent"  # "cancer, diabetes: no", "eczema/psoriasis no": the whole list's no
    next_words = " ".join(t.lower_ for t in doc[span.end : span.end + 8])
    if _NOT_AFTER.match(next_words) or _EXCLAIMED_NO.match(next_words):
        return "absent"  # "Pregnant I am not", "i'm pregnant - no sorry, i'm not"
    if _RULED_OUT_AFTER.match(next_words):
        return "absent"  # "pregnancy has been ruled out"
    states = (
        _CURRENT_ONLY | _TRAITS if doc[max(0, span.start - 1)].lower_ != "my" else _CURRENT_ONLY
    )
    if span.key in states and (
        _NOT_AN_ISSUE.match(next_words)
        or _NOT_AN_ISSUE.match(_after_the_list(doc, span.end, mentioned))
    ):
        # "went through the menopause years ago so pregnancy's not an issue", "I'm 66, so
        # pregnancy and breastfeeding aren't an issue for me"
        return "absent"
    if _SINCE_STARTED.search(" ".join(t.lower_ for t in doc[max(0, span.start - 6) : span.start])):
        return "present"  # "I've bruised easily ever since I started my blood thinners"
    sentence_end = _sentence_end(doc, span.end)
    later_mention = any(span.end <= i < sentence_end for i in mentioned)
    before = " ".join(t.lower_ for t in doc[clause_start : span.start])
    if _PROBABLY_WHY.search(before) and not _negated_before(
        doc, clause_start, span.start, mentioned
    ):
        return "present"  # "I take aspirin, which is probably why I bruise so easily"
    after = "" if later_mention else " ".join(t.lower_ for t in doc[span.end : sentence_end])
    after = _until_another_subject(after)  # "no diabetes, heart ok I think"
    following = " ".join(t.lower_ for t in doc[span.end : span.end + 3])
    asks_if_it_is = (
        _COULD_THAT_BE.search(before)  # "i bruise from nothing, could that be a bleeding disorder?"
        or _COUNTS_AS.search(before)  # "does prediabetes count as diabetes?"
        or _COUNTED_AFTER.match(following)  # "could palpitations count as a heart condition?"
        or _COULD_I_HAVE.search(before)  # "could i have a clotting disorder without knowing?"
    )
    if asks_if_it_is and _sentence_asks(doc, span.end, sentence_end):
        return "question"
    if _DEFINE.search(before):
        return "question"
    if _WHAT_BEFORE.search(before) and _MEANS_AFTER.match(following):
        return "question"  # "what does very sensitive skin mean? I have some rosacea"
    if _FOUND_OUT.search(before):
        return "present"  # "when i found out i was pregnant": now
    if _SWITCHED_TO.search(before):
        return "present"  # "I was switched to apixaban two years ago": taken since
    if _TESTED_FOR.search(before) and _CLEAR_RESULT.search(after):
        return "absent"  # "I was tested for diabetes last year and the result was normal"
    if _BEING_TESTED.search(before) or _NO_RESULT_YET.search(after):
        return "uncertain"  # "they're doing tests for a heart murmur, no results yet"
    if _FIXED.search(after):
        return "past"  # "surgery as a kid for a hole in the heart, fully fixed now"
    if _SINCE_THE.search(before) and _EVENT.search(doc[span.start : span.end].text.lower()):
        return "past"  # "aspirin daily since the heart attack": when, an event over
    if _SINCE_BARE.search(before) and _BIRTH.search(doc[span.start : span.end].text.lower()):
        return "past"  # "super sensitive since giving birth": the pregnancy is over
    if _NOT_GOOD.match(after):
        return "present"  # "my hearts not great"
    # "I do bruise rather easily, though I think that may be my age": a guess at the cause
    told = _CAUSE_GUESS.sub(" ", after)
    window = re.sub(r" (n't|nt)\b", "nt", f"{before} | {told}")  # "do nt know" -> "dont know"
    if span.key != "pregnancy":  # "not breastfeeding, but we're trying for a baby": no doubt
        window = _TRYING.sub(" ", window)
    diagnosed = bool(_DIAGNOSED.search(before) or _CARE_FOR_MY.search(before)) and all(
        _FOLLOW_UP.fullmatch(m.group(0)) for m in _HEDGE_RE.finditer(window)
    )  # "diagnosed with a heart problem, waiting to see cardiology": known, not a hedge;
    # "waiting on a specialist appointment for my eczema": care for one's own, known
    if _ASKS_OPINION.search(before) and _sentence_asks(doc, span.end, sentence_end):
        return "question"  # "do you think my skin is too sensitive for it?": not a hedge
    # "on a blood thinner, i think its called apixaban": unsure of a name, not of taking it
    known = diagnosed or bool(_NAMES_IT.search(before))
    # "the heart's fine as far as I know, apart from the diabetes I told you about": the
    # exception and the earlier telling are not hedged by the doubt before them
    known = known or bool(_EXCEPT_FOR.search(before) or _TOLD_BEFORE.match(after))
    own = _after_previous_mention(doc, clause_start, span, mentioned)
    if own > clause_start and not _hedged(doc, own, span.start):
        # "might be pregnant, not breastfeeding": the doubt is the pregnancy's, the no its own
        known = known or _negated_before(doc, own, span.start, mentioned)
    first = _list_start(doc, span.start, mentioned)
    if (
        first > clause_start
        and doc[first - 1].lower_ in ("no", "without", "zero", "nor")
        and any(t.is_punct for t in doc[sentence_start : first - 1])
        and not _HEDGE_RE.search(told)
    ):
        # "like i said sensitive-ish, no eczema or psoriasis": the doubt is the sensitivity's
        known = True
    wonders = _WONDERS_IF.search(before)
    if wonders and not _OWN_AFTER_IF.search(before, wonders.end()):
        # "I wonder if diabetes is a problem": asked; not "I wonder if I'm pregnant"
        return "question"
    if _MODAL_OPENS.match(before) and _sentence_asks(doc, span.end, sentence_end):
        return "question"  # "could diabetes be a problem?": a question opens, no hedge
    if not known and (_hedged(doc, clause_start, span.start) or _HEDGE_RE.search(window)):
        borderline_only = not _hedged(doc, clause_start, span.start) and all(
            m.group(0) == "borderline" for m in _HEDGE_RE.finditer(window)
        )
        if borderline_only and _past_condition(doc, clause_start, span, clause_end, mentioned):
            return "past"  # "had borderline diabetes years ago, it's gone now"
        return "uncertain"
    if not later_mention and _hedge_follows(doc, sentence_end, mentioned, span.key):
        return "uncertain"
    if any(t.lower_ in _HYPOTHETICAL for t in doc[clause_start : span.start]):
        return "question"
    if _TREATS.search(before):
        return "question"  # "I read it actually helps eczema": what it does, not theirs
    if _TIMING_QUESTION.search(before):
        return "question"  # "how long after weaning can I have it?"
    if _question(doc, clause_start, span, clause_end):
        return "question"
    if _SAID_NO_TO.search(before) and _BUT_I_DO.match(
        " ".join(t.lower_ for t in doc[span.end : span.end + 10])
    ):
        return "present"  # the earlier no corrected in the same breath
    if (
        span.key in _STOPPABLE
        and _NOT_BY_THEN.search(before)
        and _STOPPING_LATER.search(doc.text.lower())
    ):
        return "present"  # "I won't be breastfeeding by then, I'm stopping next month": now, yes
    if _negated_before(doc, clause_start, span.start, mentioned) or _be_not_inside(doc, span):
        own = _after_previous_mention(doc, clause_start, span, mentioned)
        cues = [i for i in range(own, span.start) if doc[i].lower_ in _NEGATIONS]
        own = cues[-1] if cues else own  # "stopped, and no bruising": not this one's "stopped"
        stop = min(clause_end + 3, len(doc), sentence_end)  # not the next sentence's "stopped"
        stop = next((i for i in range(span.end, stop) if i in mentioned), stop)  # not the next's
        # nor past a comma: "not pregnant, stopped breastfeeding last year"
        stop = next((i for i in range(span.end, stop) if doc[i].text in (",", ";")), stop)
        over = " ".join(t.lower_ for t in doc[own:stop])
        if _NO_LONGER.search(over) or _STOPPED_IT_AFTER.match(
            " ".join(t.lower_ for t in doc[span.end : span.end + 6])
        ):
            return "past"  # "not breastfeeding anymore", "not on aspirin now, I stopped it"
        next_at = next((i for i in range(span.end, sentence_end) if i in mentioned), None)
        upto = min(span.end + 6, len(doc) if next_at is None else next_at)
        said = " ".join(t.lower_ for t in doc[span.end : upto])  # up to the next mention
        maybe = _MAYBE_AFTER_ALL.match(said)
        if maybe and not (upto == next_at and not said[maybe.end() :].strip()):
            # "not really sensitive, well maybe a bit idk"; not "not breastfeeding, but I might
            # be pregnant" (the doubt is the next mention's)
            return "uncertain"
        return "absent"
    if _stopped(doc, max(clause_start, span.start - 6), span.start):
        return "past"  # "I stopped my low-dose aspirin last year"
    if span.key in _CURRENT_ONLY and _past(doc, clause_start, span, clause_end):
        return "past"
    if _past_condition(doc, clause_start, span, clause_end, mentioned):
        return "past"
    return "present"


# A denial taken half back: "not really sensitive, well maybe a bit".
_MAYBE_AFTER_ALL = re.compile(
    r"^\W*(\W+ )?(well|but|tho|though|or|then again|hmm)\W+(\W+ )?(i )?(maybe|possibly|perhaps|"
    r"might be|could be|kind of|kinda|sort of|a bit|a little|slightly)\b(?! that| i\b)"
)
_PROBABLY_WHY = re.compile(
    r"\b(which|that|thats|this|it) ('s |s |is )?(probably|maybe|likely|prob|perhaps|i think|"
    r"i guess|i suppose|possibly) why\b"
)
_EXCEPT_FOR = re.compile(
    r"\b(apart from|except( for)?|besides|other than|aside from)( the| my| that| this)?\s*$"
)
_TOLD_BEFORE = re.compile(r"^\s*(that |which )?i (told you about|mentioned|talked about)\b")
_SAID_BEFORE = re.compile(r"^\s*(that |which )?i (said|told you|put|wrote)\b")
_WONDERS_IF = re.compile(r"\b(wonder|wondering|wondered) (if|whether)\b")
_OWN_AFTER_IF = re.compile(r"\b(i|im|ive|id|i m|i 've|i 'm|me)\b")
# An event named to date something else: "I've taken aspirin since the heart attack".
_SINCE_THE = re.compile(r"\b(since|after|following|before) (the|my|that|this)\s*$")
_SINCE_BARE = re.compile(r"\b(since|ever since)\s*$")  # not "how long after giving birth?"
_BIRTH = re.compile(r"\b(birth|delivery|labou?r|had (the|my) baby|having (the|my) baby)\b")
_EVENT = re.compile(
    r"\b(attack|surgery|operation|op|bypass|stroke|chemo\w*|radio\w*|birth|delivery|labou?r)\b"
)


# After a mention: a negation put last ("Pregnant I am not") or the mention taken back at
# once ("i'm pregnant - no sorry, i'm not, misread the question").
_NOT_AFTER = re.compile(
    r"^\W*((no|nope|oops|sorry|wait|actually|my bad|scratch that)\W+){0,3}"
    r"(i am|i 'm|i m|im|i’m) (not|nt)\b(?! (sure|certain|really sure|100))"
    # the "not" ends there: not "easy bruising. I'm not pregnant" (of what follows)
    r"(?=\W*$|\s*[.,;!?-]| (at all|anymore|any more|really|actually|now|either|no)\b)"
)
# Traits that "aren't an issue" for the visitor are no trait: "skin sensitivity isnt an issue"
# (not "my sensitive skin isn't an issue", which says it is there).
_TRAITS = frozenset({"severe_skin_sensitivity", "low_pain_tolerance", "prone_to_bruising"})
# A state that is no question at all: "pregnancy's not an issue lol" (not "my diabetes isn't
# a problem, it's well controlled", which has it).
_NOT_AN_ISSUE = re.compile(
    r"^\W*(('s|s|is|are|'re|would be|will be) ((certainly|definitely|obviously|clearly|really|"
    r"of course) )?(not|nt|never|no longer)|isnt|is n't|arent|are n't|wo n't be|wont be) (an? )?"
    r"(issue|issues|problem|problems|concern|concerns|factor|worry|possibility)\b|"
    r"^\W*('s|s|is|are) out of the question\b|"
    # "pregnancy isn't on the cards"
    r"^\W*(('s|s|is|are|'re) (certainly |definitely |obviously |really )?(not|nt)|isnt|is n't|"
    r"arent|are n't) (on|in) the cards\b"
)
# "Pregnant! Goodness me, no": an exclamation, then the answer
_EXCLAIMED_NO = re.compile(
    r"^\W*((goodness|gosh|heavens|good heavens|good lord|lord|god|oh|ha|haha|hah|lol|lmao|"
    r"crikey|blimey|dear|oh dear|my|oh my|chance|fat chance|me)\W+){1,3}"
    r"(no|nope|nah|definitely not|certainly not|hardly|not likely)\b|"
    # "pregnant? no chance, im 58", "on warfarin? not a chance"
    r"^\W*(no|not a|zero|fat|nae|some) (chance|way|hope|danger)\b(?! (to|i)\b)"
)
_RULED_OUT_AFTER = re.compile(
    r"^\W*((has|have|had|was|were|is|s|'s) (been |now been |since been )?|got )"
    r"(ruled out|excluded)\b"
)
# A medicine started, and since then: "ever since I started my blood thinners".
_SINCE_STARTED = re.compile(
    r"\bsince (i|she|he|they) (started|began|went on|got put on|was put on)( taking| using| on)?"
    r"( my| the| a| her| his)?( daily| new)?\s*$"
)


_LIST_JOINS = frozenset(("and", "or", "nor", ",", "&", "/"))


def _list_end(doc: Doc, end: int, mentioned: Set[int]) -> int:
    """Where a list of conditions that starts with the mention ending at `end` ends."""
    i = end
    while i + 1 < len(doc) and doc[i].lower_ in _LIST_JOINS and i + 1 in mentioned:
        i += 1
        while i < len(doc) and i in mentioned:
            i += 1
    return i


def _list_start(doc: Doc, start: int, mentioned: Set[int]) -> int:
    """Where a list of conditions that ends with the mention starting at `start` starts."""
    i = start
    while i >= 2 and doc[i - 1].lower_ in _LIST_JOINS and i - 2 in mentioned:
        i -= 2
        while i > 0 and i - 1 in mentioned:
            i -= 1
    return i


def _after_the_list(doc: Doc, end: int, mentioned: Set[int]) -> str:
    """The words after a list of conditions that starts with this one ("X and Y aren't")."""
    i = _list_end(doc, end, mentioned)
    return " ".join(t.lower_ for t in doc[i : i + 8]) if i > end else ""


# A reply that says it is over: "used to be on warfarin, not anymore".
_NO_MORE_AFTER = re.compile(
    r"^\W*(\W+ )?((not|no|nt) (any ?more|any longer)|no (more|longer)|"
    r"(no|nope|not now)\W+(i )?(stopped|quit|finished|gave up|weaned))\b"
)  # "breastfeeding, no, stopped last year"
_HISTORY_AFTER = re.compile(r"^\s*history\b")  # "just the cancer history, like I said"
# A guess at why, after a condition told: not a doubt about having it.
_CAUSE_GUESS = re.compile(
    r"\b((though|tho|but|and|which) )?((i think|i guess|i suppose|probably|maybe|perhaps) )?"
    r"(that|it|this) ('s|s|is|may be|might be|could be|must be|'s probably|is probably) (just )?"
    r"(my age|age|(down to|due to|because of|from) (my )?"
    r"(age|getting older|genetics|the \w+|my \w+)|"
    r"genetic|hereditary|in the family)\b.*$"
)
_STOPPED_IT_AFTER = re.compile(
    r"^\W*(now\W+)?(\W+ )?i (stopped|quit|came off|gave up|paused) (it|them|taking it)\b"
)
# A medicine changed to: taken since, whenever the change was.
_SWITCHED_TO = re.compile(r"\b(switched|changed|moved|swapped|put) (me )?(over )?(on)?to\s*$")
# Tested for it, and the test found nothing: not theirs.
_TESTED_FOR = re.compile(r"\b(tested|checked|screened) for\s*$")
# Tests under way, not a finding: "they're doing tests for a heart murmur"
_BEING_TESTED = re.compile(
    r"\b((doing|running|having|getting|booked( in)? for|waiting (for|on)|awaiting) (some |more )?"
    r"(tests?|scans?|investigations?|bloods?|blood tests?|results?)|being (tested|checked|"
    r"investigated|assessed)) (for|on|about)( a| an| the| my)?\s*$"
)
_NO_RESULT_YET = re.compile(
    r"\b(no (results?|diagnosis|answer) yet|(waiting|wait) (for|on) (the )?(results?|diagnosis)|"
    r"not (been )?diagnosed yet|results? (are )?(not back|pending))\b"
)
# Put right, over: "fully fixed now", "repaired when I was a baby"
_FIXED = re.compile(
    r"\b((fully|completely|totally|all|properly) (fixed|repaired|corrected|cured|resolved)|"
    r"(fixed|repaired|corrected|cured) (now|years ago|as a (kid|child|baby)|when i was))\b"
)
_CLEAR_RESULT = re.compile(r"\b(normal|negative|clear|fine|nothing|all good|no sign)\b")
# An earlier no taken back: "I said no to aspirin before but actually I take it daily".
_SAID_NO_TO = re.compile(r"\b(said|answered|put|clicked|pressed) no (to|for)( the)?\s*$")
_BUT_I_DO = re.compile(
    r"^\W*(\w+\W+){0,3}(but|actually)\W+(actually |in fact |really )?(i|im|i 'm) "
    r"(do|take|have|use|am|m|'m|on|am on|'m on|m on)\b(?! not| nt)"
)


# --- "can I if I'm on aspirin? I take one a day": a question, then a statement ------------

_OWN_STATEMENT = re.compile(
    r"\b(?<!can )(?<!could )(?<!should )(?<!would )(?<!will )(?<!when )(?<!before )(?<!if )"
    r"(?<!whether )"
    r"(i (use|take|have|get|am on|m on)|im on|ive got|i got|mine (is|reacts|gets)|"
    r"we (both |all |each )?(use|take|have|are on|re on)\b|"
    r"my skin (is|s|reacts|gets|goes)\b(?! (not|fine|ok|normal))|"
    r"i (do|am)\b(?! not))"
    r"|\bthe \w+ i (take|use)\b|\b\w+ i (take|use)\b|\b(put|started|has|have|had) me on\b"
    # where the condition is, not where the treatment goes ("can I have it on my legs?")
    r"|\b(?<!it )(?<!done )(?<!meso )(?<!mesotherapy )(?<!injections )"
    r"on my (knees|elbows|hands|arms|legs|face|scalp|back)\b"
)


# The visitor's own history inside a question ("if I had", "having had", "since I had").
_OWN_HISTORY = re.compile(
    r"\b(if i had|since i had|i had|ive had|i have had|my old|my previous|my past|"
    r"i used to (have|get|take|be|suffer)|"
    r"i (stopped|quit|finished|weaned)|ive (stopped|quit|finished|weaned))\b"
)
# "is ibuprofen a ...", "does X count as a ...": whether something else is the condition.
_IS_IT_A = re.compile(
    r"\b(is|are|does|do|would|could|will)( \w+){1,3} (an?|count as( an?)?|classed as( an?)?|"
    r"considered( an?)?|like( an?)?)\s*$"
)
_TAIL_HEDGE = re.compile(
    r"\b(dont know if|not sure if|no idea if|might be|maybe|idk|i (might|may|could) (have|be)|"
    r"(honestly |really )?(couldnt|could not|cant|cannot) (tell you|say)|hard to say|"
    r"i think i (have|am|do|might)|possibly|probably)\b"
)


# Symptoms short of a condition, told after asking about it.
_SYMPTOM_ONLY = re.compile(
    r"\b(palpitations?|flutter\w*|racing heart|heart (races|skips)|skips? a beat|dizzy spells?|"
    r"random bruises|odd bruises?|nosebleeds?|nose bleeds?|"
    # "what counts as very sensitive skin? mine gets red in the wind"
    r"(gets?|goes|turns?) (a bit |a little |quite |really |very |so )?(red|pink|blotchy|flushed|"
    r"itchy|dry|tight)|stings?|tingles?|"
    # "what does very sensitive skin mean? I have some rosacea": a skin condition the articles
    # don't name, to discuss
    r"rosacea|dermatitis|acne|hives|urticaria|vitiligo|keloids?)\b"
)


_ASKING_FOR_ANOTHER = re.compile(
    r"\b(asking|ask|enquiring|inquiring|checking|question) (for|on behalf of) (my|our) (\w+ )?"
    r"(mum|mom|mother|mam|dad|father|sister|brother|wife|husband|partner|daughter|son|friend|"
    r"aunt|auntie|uncle|gran|granny|nan|nana|grandma|grandmother|grandad|grandpa|cousin|"
    r"boyfriend|girlfriend|fiance|fiancee|mate|colleague|niece|nephew|client|kid|child)\b"
)


def _still_taking(lowered: str, mention: str) -> bool:
    """Whether a question says the visitor takes or uses what it names."""
    return bool(
        re.search(
            r"\b((keep|continue|carry on|go on) (taking|using|on)|still (take|use|be on)|stay on) "
            rf"(my |the |taking my )?{re.escape(mention)}\b",
            lowered,
        )
    )


def _own_after_question(
    text: str, mentions: List[Mention], bare_answer: bool = True
) -> List[Mention]:
    """What the visitor says after asking about a condition decides its status.

    "can I if I'm on aspirin? I take one a day": present; "... ? dont know if I am":
    uncertain; "pregnant? breastfeeding? nope none of those": absent for each.
    """
    asked = [m for m in mentions if m.status == "question"]
    if not asked:
        return mentions
    lowered = text.lower().replace("'", "")
    if _ASKING_FOR_ANOTHER.search(lowered) and not _ALSO_ME.search(lowered):
        # "is it ok with eczema asking for my daughter she has it bad": hers
        return [Mention(m.condition, "other_person", m.text) for m in mentions]
    taken = [_still_taking(lowered, m.text.lower().replace("'", "")) for m in mentions]
    if any(t and m.status == "question" for m, t in zip(mentions, taken)):
        # "can i keep taking my aspirin": a question that says they take it ("should I stop
        # my aspirin before?" stays a question)
        return [
            Mention(m.condition, "present", m.text) if t else m for m, t in zip(mentions, taken)
        ]
    tail = lowered.rsplit("?", 1)[1] if "?" in lowered else ""
    told = [m for m in mentions if m.status in ("present", "uncertain")]
    if told and any(m.text.lower().replace("'", "") in tail for m in told):
        # "is it ok with psoriasis? also i have a really low pain tolerance": what follows the
        # question is about the pain, not the psoriasis
        return mentions
    if len(asked) < len(mentions):  # "is eczema a problem? i had it as a kid. skin is fine"
        # a bare "no" after the question that starts a denial of another condition is that
        # one's: "I bruise a bit easily maybe? no clotting problems"
        others = [m.text.lower().replace("'", "") for m in mentions if m.status != "question"]
        bare = not any(
            re.match(rf"\W*(no|nope|nah|not|never)\W+(any |a |an )?{re.escape(other)}", tail)
            for other in others
        )
        decided = {m.condition: m for m in _own_after_question(text, asked, bare)}
        return [decided.get(m.condition, m) if m.status == "question" else m for m in mentions]
    tail_answer = _bare_answer(_answer_words(tail, []), named_conditions=False) if tail else None
    if tail_answer in ("yes", "no") and "?" in lowered and bare_answer:
        status = "present" if tail_answer == "yes" else "absent"
        return [Mention(m.condition, status, m.text) for m in mentions]
    if len({m.condition for m in mentions}) != 1:
        # "does retinol count as a blood thinner? i use it every night": "it" is the first
        tail_own = _OWN_STATEMENT.search(tail) and re.search(r"\bit\b", tail)
        if not tail_own:
            return mentions
        subject = mentions[0].condition
        return [
            Mention(m.condition, "present", m.text) if m.condition == subject else m
            for m in mentions
        ]
    first = mentions[0]
    start = max(lowered.find(first.text.lower().replace("'", "")), 0)
    clause = re.split(r"[,.;!?]", lowered[:start])[-1]  # the words just before the mention
    if _IS_IT_A.search(clause):
        return mentions  # "is ibuprofen a blood thinner? i take it": "it" is the ibuprofen
    if _SUPPOSED.search(lowered[:start]) and not _PAST_LATER_RE.search(lowered[start:]):
        return mentions  # "what if i had cancer?": supposed, not their history
    if _IF_I_HAD.search(lowered[:start]) and not _WHEN_IT_WAS.search(lowered[start:]):
        return mentions  # "could I still be a candidate if I had psoriasis?": supposed
    if _OWN_HISTORY.search(clause) or (
        _OWN_HISTORY.search(lowered) and _PAST_LATER_RE.search(lowered[start:])
    ):
        # "does it count if I had skin cancer removed years ago?": their history, asked about
        return [Mention(m.condition, "past", m.text) for m in mentions]
    if _DENIED_AFTER.search(tail):
        return [Mention(m.condition, "absent", m.text) for m in mentions]  # "I don't have it"
    if _HAD_IT_AFTER.search(tail):
        return [Mention(m.condition, "past", m.text) for m in mentions]  # "I had it as a kid"
    if (
        _ANOTHER_TAKES_IT.search(tail)
        and not _OWN_STATEMENT.search(tail)
        and not _ALSO_ME.search(tail)
    ):
        # "do blood thinners matter? my mother takes them and she wants to come with me"
        return [Mention(m.condition, "other_person", m.text) for m in mentions]
    if _TAIL_HEDGE.search(lowered[start:]):
        return [Mention(m.condition, "uncertain", m.text) for m in mentions]
    if tail and any(first.condition in keys and pattern.search(tail) for keys, pattern in _HEALTHY):
        # "cancer? had a scare but it was benign": a statement of good health after it
        return [Mention(m.condition, "absent", m.text) for m in mentions]
    if not _states_own(lowered[start:], mentions):
        return mentions
    if any(
        first.condition in keys and pattern.search(tail or lowered[start:])
        for keys, pattern in _HEALTHY
    ):
        # "what counts as bruising easily? I get the odd bruise like everyone": healthy
        return [Mention(m.condition, "absent", m.text) for m in mentions]
    if _SYMPTOM_ONLY.search(lowered[start:]):
        # "what counts as a heart condition? I get palpitations sometimes": a symptom, not
        # the condition: to discuss with a professional, never a finding
        return [Mention(m.condition, "uncertain", m.text) for m in mentions]
    return [Mention(m.condition, "present", m.text) for m in mentions]


# After a question about a condition, the visitor's own answer: "Does eczema matter? I don't
# have it, just curious" (absent), "does eczema rule it out? I had it as a kid" (past).
_DENIED_AFTER = re.compile(
    r"^\W*((but|and|tho|though|well|just so you know)\W+)?(i|im|i m) (dont|do not|never|havent|"
    r"have not|am not|m not|not) (have|had|take|taken|use|used|get|got|on|suffer from|been)"
    r"( it| them| that| any| one| those| this)?\b(?! (yet|until|till|before))|"
    # "does breastfeeding matter? im not, just wondering for later"
    r"^\W*((but|and|tho|though|well)\W+)?(i'?m|im|i m|i am) not\b(?! (sure|certain|yet|until|till))"
)
_HAD_IT_AFTER = re.compile(
    r"^\W*((but|and|tho|though|well)\W+)?i (had|used to have|used to get) (it|them|that|one|"
    r"this)\b[^.!?]{0,30}\b(as a (kid|child|teen|teenager|baby)|when i was (a )?(kid|child|"
    r"little|young|younger|teen|teenager)|years ago|ages ago|long ago|in the past|once)\b|"
    # "does aspirin matter? I stopped taking it last month"
    r"^\W*((but|and|tho|though|well)\W+)?i (stopped|quit|came off|gave up) (taking |using )?"
    r"(it|them|that|those)\b[^.!?]{0,20}\b(ago|last|in (19|20)\d\d|in (jan|feb|mar|apr|may|"
    r"jun|jul|aug|sep|oct|nov|dec)\w*)\b"
)
# After a question about a condition, another person's: "my mother takes them".
_ANOTHER_TAKES_IT = re.compile(
    r"\b(my|our) (\w+ )?("
    + "|".join(
        sorted(w for w in _OTHERS | _POSSESSED_PERSONS if w.isalpha() and w not in _GENERIC_PERSONS)
    )
    + r") (takes?|has|have|is on|uses?|gets?|had|is) (them|it|that|those|these|one)\b"
)


# After "I take", "I'm on", "I have": what makes it a statement about the asked condition.
_OWN_OBJECTS = frozenset("it them one that this those these a an the some daily every each".split())


def _states_own(text: str, mentions: List[Mention]) -> bool:
    """Whether the text says the visitor has the asked condition ("... I take one a day").

    Not when what they have or take is something else: "do I count as diabetic if I'm on
    metformin?" is still a question.
    """
    named = {m.text.lower().replace("'", "").split()[0] for m in mentions if m.text.strip()}
    for match in _OWN_STATEMENT.finditer(text):
        if not re.search(
            r"\b(use|take|have|am on|m on|im on|ive got|i got|me on)$", match.group(0)
        ):
            return True  # "mine reacts", "I do": nothing follows that could be another thing
        following = re.match(r"\W*(\w+)", text[match.end() :])
        word = following.group(1) if following else ""
        if not word or word in named or word in _OWN_OBJECTS or word[:1].isdigit():
            return True  # "... I take 75mg a day": a dose of it
    return False


# --- statements of good health ("my heart is fine", "needles don't bother me") ---------------

_OK = (
    r"(fine|ok|okay|good|great|healthy|normal|perfect|grand|alright|all right|no problem|sound|"
    r"strong)"
)
_NOT_NEG = r"(?!(not|nt|isnt|never|no) )"  # "my hearts not great" is no statement of health
_HEALTHY: Tuple[Tuple[Tuple[str, ...], re.Pattern[str]], ...] = (
    (
        ("cardiac_disorder",),
        re.compile(
            rf"\b(heart|ticker)( is|s| has been)? {_NOT_NEG}(\w+ )?{_OK}\b|"
            r"\b(nothing|not anything) (wrong |the matter )?with (my|the) heart\b|"
            r"\bno (problems?|issues?|trouble) with (my|the) heart\b|"
            # "no cancer no diabetes no heart": the question's words, denied one by one
            r"\bno \w+(,| and| or)? no \w+(,| and| or)? no heart\b(?![- ](rate|beat|burn|shaped))"
        ),
    ),
    (
        ("diabetes",),
        re.compile(
            r"\b(blood )?(sugar|sugars|glucose)( levels?| readings?)?"
            rf"( is| are|s| has| have| was| were)?( always| usually| all| generally| been)"
            rf"{{0,3}} {_NOT_NEG}(\w+ )?{_OK}\b"
        ),
    ),
    (
        ("blood_clotting_disorder",),
        # not "my bloods are normal" (blood tests)
        re.compile(
            rf"\b(clotting|blood clotting)( is|s| has been)? {_NOT_NEG}(\w+ )?{_OK}\b|"
            rf"\bblood( is| has been) {_NOT_NEG}(\w+ )?{_OK}\b"
        ),
    ),
    (
        ("severe_skin_sensitivity", "eczema_or_psoriasis"),
        re.compile(
            rf"\bskin( is|s| has been)? {_NOT_NEG}(\w+ )?{_OK}\b|"
            r"\b(normal|healthy|tough|good) skin\b|"
            r"\bno skin (issues?|problems?|conditions?|trouble|stuff)\b"
        ),
    ),
    (
        ("severe_skin_sensitivity",),  # "skin's pretty tough": not sensitive (eczema unsaid)
        re.compile(
            r"\bskin( is|s)? (pretty |quite |very |really |fairly )?(tough|resilient|hardy)\b|"
            # "My skin's dry but not sensitive"
            r"\bskin( is|s)? (\w+ )?(\w+ )?(but|and|though) (its |it is )?(not|isnt|never) "
            r"(very |that |too |overly |particularly |especially |really )?sensitive\b|"
            # "just the eczema, my skin isnt otherwise sensitive"
            r"\bskin( is|s)? (not|isnt|is not|never) (very |that |too |overly |particularly )?"
            r"sensitive\b|"  # "my skins not sensitive at all"
            # "the skin on face is not sensitive"
            r"\bskin (on|of) (my |the |your )?\w+( is|s)? (not|isnt|is not|never) "
            r"(very |that |too |overly |particularly )?sensitive\b|"
            r"\bskin( is|s)? (not|isnt|is not) (otherwise|else|generally|usually|really|very|that|"
            r"too|overly|particularly|especially) sensitive\b"
        ),
    ),
    (
        ("low_pain_tolerance",),
        re.compile(
            rf"\b(pain|needles?|injections?|jabs?)( tolerance| threshold)?( is| are|s)? "
            rf"{_NOT_NEG}(\w+ )?{_OK}\b|\b{_OK} with (pain|needles|injections|jabs)\b|"
            r"\b(pain|needles?|injections?) (dont|doesnt|do not|does not|never|wont|will not) "
            r"(really |much |usually |at all )?(bother|scare|worry|frighten|trouble) me\b|"
            r"\b(high|good|decent|normal|average|ok|okay|fine) pain (tolerance|threshold)\b|"
            r"\b(pain|needles|injections) (i|we) (can|could) (bear|handle|take|tolerate|manage|"
            r"stand|support)\b|\bi (can|could) (bear|tolerate|stand) (the |a bit of |some )?pain\b|"
            # "I was in the navy, I can take a jab", "I can take pain, no problem"
            r"\bi (can|could) (take|handle|stand|manage|support|put up with) (a |the |some |any )?"
            r"(few |little |bit of |couple of )?"
            r"(pain|jabs?|needles?|injections?)\b(?! (badly|poorly|very badly))|"
            r"\bpain (tolerance|threshold)( is|s)? (\w+ )?(high|good|decent|normal|average|"
            r"medium|ok|okay|fine|reasonable|fair|alright|not bad)\b|"
            r"\b(tolerance|threshold) (of|for) pain( is|s)? (\w+ )?(high|good|decent|normal|"
            r"average|medium|ok|okay|fine|adequate|reasonable)\b|"
            r"\b(pain|needles?|injections?|jabs?)( for me| to me)?( is|s| are| r|re) (nothing|"
            r"no bother|no problem|not a problem)\b|"
            r"\bno (pain|needle) (issues?|problems?|worries|trouble)\b|"
            # "I'm tougher than I look", "tough as old boots"
            r"\b(im|i am|i m) (\w+ )?(tougher than i look|tough as (old )?boots|tough as nails|"
            r"hard as nails)\b|"
            # "I'm quite tolerant to pain", "I support pain well" (a second language)
            r"\b(?<!not )(?<!nt )(?<!in)(?<!non )(quite |very |pretty |fairly |really )?"
            r"tolerant (to|of|with) "
            r"(the )?(pain|needles|injections)\b|"
            r"\b(?<!dont )(?<!not )(?<!nt )(?<!cant )(?<!cannot )(?<!never )"
            r"(support|endure|bear|tolerate|take|handle|stand) (the )?(pain|needles|injections) "
            r"(very |quite |pretty |really )?(well|good|fine|ok|okay|easily)\b|"
            r"\b(i|ill|i will) (can|could)? ?(handle|take|bear|tolerate|stand) (anything|"
            r"everything|any pain)\b|"
            # "pain - I've given birth, I'll cope lol"
            r"\bpain\b[^.!?]{0,40}\b(ill|i will|i can|i could|id|i would) (cope|manage|be fine|"
            r"be ok|be okay|survive|live)\b(?! (badly|poorly|not))|"
            r"\b(?<!how )(i|id|ill|i would|i will) (deal|cope|handle|manage) (with )?(the )?"
            r"(pain|needles|injections)\b(?! (badly|poorly|terribly|horribly|awful|not))|"
            r"\b(pain|needles|injections)( is| are|s)? (not|never|isnt|arent|aint) "
            r"(really )?(an? )?(issue|problem|concern|bother)\b|"
            r"\bnot (especially |particularly |really |too |that |very |overly )?(scared|afraid|"
            r"bothered|worried|fussed) (of|by|about) (the )?(needles?|pain|injections?)\b|"
            # "pain's never bothered me", "needles have never scared me"
            r"\b(pain|needles?|injections?)( has| have|s)? (never|not) (really |ever |much )?"
            r"(bothered|scared|worried|troubled|fazed) me\b|"
            r"\b(can|could) (deal|cope|handle|manage)( with)? (the |a bit of |some |a few |a "
            r"couple of |a little )?(small |tiny |little |fine )?(pain|needles|injections)\b|"
            rf"\b(cope|deal|manage|do) {_NOT_NEG}(\w+ )?{_OK} with (the )?"
            r"(pain|needles|injections)\b|"
            rf"\b(cope|deal|manage|handle) (with )?(the )?(pain|needles|injections) (\w+ )?"
            rf"({_OK}|well)\b|"
            r"\b(cope|deal|manage|do) (really |very |pretty |quite )?well with (the )?"
            r"(pain|needles|injections)\b|"
            r"\b(pretty |quite |very |really |fairly )?(tough|good|brave|fine) (with|about) "
            r"(the )?(pain|needles|injections)\b|"
            r"\b(pain|needles|injections) (also |too |either |then )?(no|not a) (prob|probs|"
            r"problem|problems|bother|issue|biggie|big deal)\b|"
            r"\b(i )?(dont|do not|never) (really |much )?(mind|care about) (the )?"
            r"(a bit of |some )?(pain|needles|injections|jabs)\b"
        ),
    ),
    (
        ("prone_to_bruising",),
        re.compile(
            r"\b(dont|do not|never|rarely|hardly)( really| ever| usually)? bruise\b|"
            r"\bno (easy |unusual )?bruis(ing|es)\b|"
            # "I get the odd bruise like everyone"
            r"\b(the |an )?odd bruise\b[^.!?]{0,30}\b(like|same as|as much as) (everyone|everybody|"
            r"anyone|anybody|most people|the next person)\b|"
            r"\bbruises? (like|as much as|the same as) "
            r"(everyone|everybody|anyone|anybody|most people|normal people)\b"
        ),
    ),
    (
        ("cancer",),  # "cancer? had a scare but it was benign"
        re.compile(
            r"\b(scare|lump|biopsy|mole|growth|cyst)\b[^.!?]{0,40}\b(was|were|turned out|came back)"
            r" (to be |as )?(benign|fine|nothing|clear|negative|harmless)\b"
        ),
    ),
    (
        ("breastfeeding",),
        re.compile(
            r"\b(formula|bottle)[ -]?(fed|feed|feeding|feeds)\b|\bon formula\b|"
            # "I'm feeding my baby formula now": the baby's milk is formula
            r"\bfeeding (my|our|the|her|him|them) (\w+[ -]){0,3}?(on )?formula\b|"
            r"\bnot (breast|chest)?[ -]?feeding (anyone|anybody|a baby|any babies)\b"
        ),
    ),
    (
        ("aspirin_or_blood_thinners",),
        re.compile(
            r"\b((not on any|not on|no|not taking any|dont take any|do not take any) "
            r"(meds|medication|medications|medicine|medicines|tablets|pills)|"
            r"(im|i am|i m) not (on|taking) anything)\b"
            # "controlled by diet, I don't take any tablets for it": that condition's treatment
            r"(?! (for|to treat|to control|to manage) )"
        ),
    ),
)


# Signs that only make a condition possible: "I'm 5 days late, haven't tested yet" (a
# pregnancy the visitor doesn't know of yet): to discuss, never a finding.
_POSSIBLE: Tuple[Tuple[str, re.Pattern[str]], ...] = (
    (
        "pregnancy",
        re.compile(
            r"\b(?<!not )(?<!never )((\d+|a few|few|couple of|a couple of|a|one|two|three) "
            r"(days?|weeks?) late|(my )?periods? (is|are|s) late|late period|"
            r"missed (my|a|one) period|(my )?period (hasnt|has not|didnt|did not) (come|started))\b"
        ),
    ),
    (
        # "I honestly don't know how I'd be with pain": not told either way, to discuss
        "low_pain_tolerance",
        re.compile(
            r"\b(dont|do not|never|no idea|no clue|not sure|unsure) (really )?(know )?how "
            r"(i|id|ill|i would|i will|i might|i d|i ll) (would |will |might )?"
            r"(be|cope|do|react|manage|get on|deal|handle|take|tolerate)"
            r"( with)? (the |a bit of |some )?(pain|needles|injections|jabs)\b"
        ),
    ),
)


def healthy_mentions(text: str, named: Set[str]) -> List[Mention]:
    """Absent readings from statements of good health, for conditions not named otherwise.

    Also uncertain readings from signs that only make a condition possible (`_POSSIBLE`).
    """
    lowered = text.lower().replace("'", "")
    found: List[Mention] = [
        Mention(key, "uncertain", match.group(0))
        for key, pattern in _POSSIBLE
        if key not in named and (match := pattern.search(lowered))
    ]
    for keys, pattern in _HEALTHY:
        match = pattern.search(lowered)
        if not match or _medicines_of_another_condition(lowered, match, keys):
            continue
        doubted = _HEALTH_DOUBTED.search(lowered[max(0, match.start() - 30) : match.start()])
        if doubted and doubted.group(1) in ("if", "whether", "hope", "hopefully", "wonder"):
            continue  # "can I have it if my heart is fine?": no statement of good health
        hedged = (
            _HEALTH_HEDGED.search(lowered[match.start() : match.end() + 30])
            or _MAYBE_AFTER_ALL.match(  # "my pain threshold is probably average? not sure what
                lowered[match.end() : match.end() + 30]  # counts as low", "skin not sensitive,
            )
        )  # well maybe a little"
        status = "uncertain" if doubted or hedged else "absent"  # "not sure I can cope ..."
        found += [Mention(key, status, match.group(0)) for key in keys if key not in named]
    return found


_HEALTH_HEDGED = re.compile(
    r"\b(not sure|unsure|no idea|dunno|idk)(?! (about|if|whether|of|with|regarding|on) )"
)
_HEALTH_DOUBTED = re.compile(
    r"\b(not sure|unsure|dont know|do not know|no idea|doubt|wonder|if|whether|hope|hopefully)"
    r"( \w+){0,3} ?$"
)
_OTHER_TREATMENT = re.compile(
    r"\b(diabet\w*|sugars?|insulin|metformin|cancer|chemo\w*|tumou?r|heart|thyroid|eczema|"
    r"psoriasis)\b"
)


def _medicines_of_another_condition(
    lowered: str, match: re.Match[str], keys: Tuple[str, ...]
) -> bool:
    """Whether "no meds" speaks of another condition's treatment, not of blood thinners.

    "reversed my diabetes with diet, no meds" says nothing about aspirin.
    """
    if keys != ("aspirin_or_blood_thinners",):
        return False
    start = max(lowered.rfind(mark, 0, match.start()) for mark in ".!?")
    ends = [i for i in (lowered.find(mark, match.end()) for mark in ".!?") if i >= 0]
    return bool(_OTHER_TREATMENT.search(lowered[start + 1 : min(ends, default=len(lowered))]))


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
