"""Text-message shorthand written out before the classifier reads a message.

Visitors on phones write "wat do i do b4 the appt" or "how long r the sessions thx". The
classifier's character n-grams and sentence embedding were learned on words ("before",
"appointment"): the shorthand is replaced word by word, the same way at training and at
parse time (meso_nlu/classifier.py) and when the channels compute the embedding ahead
(channels/prefetch.py), so the encoder's cache still holds what the classifier asks for.
Only the classifier reads the expanded text; the check's reader and the safety patterns keep
the visitor's own words.
"""

from __future__ import annotations

import re

SHORTHAND = {
    "u": "you",
    "ya": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "plss": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "tnx": "thanks",
    "b4": "before",
    "appt": "appointment",
    "appts": "appointments",
    "apt": "appointment",
    "abt": "about",
    "bc": "because",
    "bcos": "because",
    "cuz": "because",
    "coz": "because",
    "wat": "what",
    "wot": "what",
    "wut": "what",
    "wats": "whats",
    "wots": "whats",
    "idk": "i dont know",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmoz": "tomorrow",
    "2moro": "tomorrow",
    "2day": "today",
    "rn": "right now",
    "ppl": "people",
    "sth": "something",
    "smth": "something",
    "tho": "though",
    "wanna": "want to",
    "cn": "can",  # "hi cn i hv meso"
    "hv": "have",
    "gonna": "going to",
    "dunno": "dont know",
    "mins": "minutes",
    "hrs": "hours",
    "wk": "week",
    "wks": "weeks",
    "yr": "year",
    "yrs": "years",
    "sideeffects": "side effects",
    "sideefects": "side effects",
    "sideffects": "side effects",
    "aftereffects": "after effects",
    "gd": "good",
    # the treatment's name misspelled or misheard ("can I have mezzo done on my face")
    "mezzo": "meso",
    "mezo": "meso",
    "messo": "meso",
    "mezzotherapy": "mesotherapy",
    "mezotherapy": "mesotherapy",
    "messotherapy": "mesotherapy",
    "mesotherepy": "mesotherapy",
    "mesoterapy": "mesotherapy",
    "mesotherapie": "mesotherapy",
    "mesotheraphy": "mesotherapy",
    "mesothrapy": "mesotherapy",
    "moobs": "chest fat",  # "does it work on moobs"
    # spelt by ear (session 41): "cud i hav it", "wud i be alowed", "how mutch is one seshun"
    "cud": "could",
    "wud": "would",
    "shud": "should",
    "hav": "have",
    "mutch": "much",
    "seshun": "session",
    "seshuns": "sessions",
    "sesh": "session",
    "seshion": "session",
    "rong": "wrong",
    "ment": "meant",
    "enuf": "enough",
    "wen": "when",
    "needels": "needles",
    "needls": "needles",
    "therepy": "therapy",
    "mesotharapy": "mesotherapy",
    "mesotherapi": "mesotherapy",
    # world Englishes (session 42): "ok tq", "tanks well well", "abeg", "aright"
    "tq": "thank you",
    "tqvm": "thank you very much",
    "tanks": "thanks",
    "abeg": "please",
    "aright": "alright",
    "likkle": "little",
}
# "does it work for hare loss": the homophone, only before what hair does
_HARE = re.compile(r"(?<![\w'])hare (loss|fall|thinning|growth|line)(?![\w'])", re.I)
# "whats meso gd 4?": "4" is "for" only after "good" ("4 sessions" stays a number)
_GOOD_FOR = re.compile(r"(?<![\w'])(gd|good) 4(?![\w'])", re.I)
_WORD = re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, SHORTHAND)) + r")(?![\w'])", re.I)


# Words the classifier reads as a topic's words, which the safety router reads as typed ("does
# it work on moobs": the classifier's fat answer, not "the articles don't name the chest")
TOPIC_WORDS = frozenset({"moobs"})


def expand_shorthand(text: str, topic_words: bool = True) -> str:
    """The text with shorthand written out: "b4 the appt" -> "before the appointment".

    `topic_words`: also the words of TOPIC_WORDS (the classifier's reading).
    """
    text = _GOOD_FOR.sub("good for", text)
    text = _HARE.sub(lambda m: "hair " + m.group(1), text)

    def written_out(match: re.Match[str]) -> str:
        word = match.group(1)
        if not topic_words and word.lower() in TOPIC_WORDS:
            return word
        return SHORTHAND[word.lower()]

    return _WORD.sub(written_out, text)
