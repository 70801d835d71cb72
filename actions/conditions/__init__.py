"""Read the contraindications a visitor's free text names, and what it says of each.

`extract(text)` returns, for each condition of knowledge/contraindications.yml the message
names, a status (`STATUSES`): `present` (the visitor has it now), `absent` (they do not),
`other_person` (someone else's), `past` (over: "had cancer 10 years ago, all clear", "I
stopped taking aspirin"), `question` ("does type 1 diabetes count?", "can people with
psoriasis have it?") or `uncertain` ("maybe prediabetes?", "being tested for a clotting
disorder"); and any bare answer ("yes", "no", "unsure", "declined").

Matching uses spaCy over lowercased tokens: the synonyms of the data file as exact phrases
and by lemma (so "bruises easily" matches "bruise easily"), a few patterns for word order
("my skin is very sensitive"), an edit-distance-1 fallback for unknown long words
("diabetis"), and statements of good health ("my heart is fine", "needles don't bother
me": absent). The spaCy pipeline is loaded lazily on first use and cached.

Scope rules, kept simple on purpose (tests/test_conditions.py has examples):
- a clause runs to the next ".", "!", "?", ";", new line, "but", "because"..., or to a ",",
  "-" or "and" followed by a new subject or verb; a negation cue earlier in the clause
  ("not", "n't", "dont", "no", "never", "free of") negates a mention, and so does a short
  reply right after it ("diabetes: no", "pregnant? not me");
- the nearest person word before a mention in its sentence decides whose it is ("my sister
  is pregnant"); "people", "someone" or "you" make it a question about people in general;
- a statement beats a question about the same condition ("I'm on warfarin, is that ok?":
  present), and what the visitor says after a question decides it ("does retinol matter?
  I use it twice a week": present);
- `answer` is set when the message starts with an answer ("yes", "no, not that I know of",
  "no to all three", "I'd rather not say"); a "no" right next to a mention belongs to it.

The reader is split by concern: `model` (what a message says), `lexicon` (word lists and
patterns), `scope` (whose, negated, past, question, hedge), `answers` (bare answers) and
`extractor` (spaCy matchers and `extract`). `make -s read-messages` shows what it reads.
"""

from actions.conditions.extractor import (
    NOT_NOT,
    _extractor,
    extract,
    preload,
    without_pasted_question,
)
from actions.conditions.model import STATUSES, Extraction, Mention

__all__ = [
    "NOT_NOT",
    "STATUSES",
    "Extraction",
    "Mention",
    "_extractor",
    "extract",
    "preload",
    "without_pasted_question",
]
