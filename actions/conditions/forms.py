"""Forms and notes pasted into the chat, read as the sentences they stand for.

Visitors paste what they filled in or were given elsewhere: a pre-treatment form ("Pregnant:
N", "[x] bruise easily", "[ ] eczema"), a GP summary ("Cardiac: NAD", "FHx: mother breast
ca"), a list typed on a phone. `as_sentences` writes each field's answer the way a visitor
would say it, before the reader (`extractor.extract`) reads the message:

- a ticked box is the item with a "yes", an empty box "no" and the item: "[x] bruise easily"
  -> "bruise easily: yes.", "[ ] eczema" -> "no eczema.";
- a field answered with a letter or a clinical "nothing" is a yes or a no: "Pregnant: N",
  "Cardiac: NAD", "Pregnant: N/A (male)" -> "no pregnant ...", "Diabetes: Y" -> "diabetes:
  yes";
- a family-history field is the family's: "FHx: mother breast ca" -> "in my family: mother
  breast ca";
- in a list of answers, "bruising yes" is the check's easy bruising: "bruise easily: yes".

Anything else is left as typed, so ordinary sentences read exactly as before.
"""

from __future__ import annotations

import re
from typing import Optional

# "[ ] eczema", "[x] psoriasis (elbows, knees)", "☐ diabetes", "☑ bruise easily": the box and
# the item after it, up to the next box, line or sentence end
_BOX = re.compile(
    r"(?:\[\s*(?P<mark>[xX✓✔*/])?\s*\]|(?P<empty>☐)|(?P<ticked>[☑☒✅]))[ \t]*"
    r"(?P<item>(?:(?![ \t]/[ \t])[^\[\]☐☑☒✅\n.;?|])+)"
)
# "Pregnant: N", "Cardiac: NAD", "Breastfeeding - no", "Pregnant: N/A (male)": a short label
# and a one-word answer, at the end of the field
# ("no" and "yes" are left as typed: the reader knows "diabetes: no")
_NO_VALUES = r"n/a|na|n|none|nil|nad|neg|negative|denies|denied|✗|✘|❌"
_YES_VALUES = r"y|positive|pos|✓|✔|✅"
_FIELD = re.compile(
    r"(?im)(?P<label>\b[a-z][a-z' /&]{1,30}?)[ \t]*(?::|=|[ \t]-)[ \t]*"
    rf"(?:(?P<no>{_NO_VALUES})|(?P<yes>{_YES_VALUES}))"
    r"(?=[ \t]*(?:$|[.,;(|?]|/[ \t]))"
)
# "bruising yes, the rest no": in a list of answers, "bruising" is the check's easy bruising
_BRUISING_ANSWERED = re.compile(
    r"(?i)\bbruising\s*[:=-]?\s*(?:(?P<yes>yes|yep|yeah|y)|(?P<no>no|nope|nah|n))\b"
    r"(?=\s*(?:$|[.,;(|]|/\s))"
)
# a bar, or a slash with spaces around it, between two fields of a form typed on one line
_FIELD_BREAK = re.compile(r"[ \t]*(?:\||[ \t]/[ \t])[ \t]*")
# "pregnant/breastfeeding - no", "cancer/diabetes/heart: no": one "no" for every item joined
_JOINED_NO = re.compile(
    r"(?im)(?P<items>\b[a-z][a-z']*(?: [a-z][a-z']*)?(?:/[a-z][a-z']*(?: [a-z][a-z']*)?)+)"
    r"[ \t]*(?::|=|[ \t]-)"
    r"[ \t]*(?:no|nope|nah|none|n|neither|none of (?:them|those|these))\b"
    r"(?=[ \t]*(?:$|[.,;(|]|/\s))"
)
# "Pain tolerance - average", "pain tolerance: high lol": the pain question answered
_PAIN_FIELD = re.compile(
    r"(?i)\bpain(?: tolerance| threshold)?[ \t]*(?::|=|[ \t]-)[ \t]*"
    r"(?:(?P<fine>high|good|fine|ok|okay|normal|average|decent|medium|alright|all right|not bad)|"
    r"(?P<low>low|poor|bad|terrible|awful|very low|rubbish|non[- ]?existent))\b"
)
# "FHx:", "FH:", "Family history:", "Fam hx -": what follows is the family's
_FAMILY_FIELD = re.compile(r"(?im)\b(?:fhx|fh|fam(?:ily)?\.?\s*(?:hx|history))\s*[:\-]\s*")


def _box(match: re.Match[str]) -> str:
    item = match.group("item").strip(" \t,")
    if not item:
        return match.group(0)
    ticked = match.group("mark") or match.group("ticked")
    return f" {item}: yes. " if ticked else f" no {item}. "


# A label that names an organ or a system stands for its condition ("Heart: NAD").
_LABEL_CONDITIONS = {
    "heart": "heart condition",
    "clotting": "clotting disorder",
    "bleeding": "bleeding disorder",
}


def _field(match: re.Match[str]) -> str:
    label = match.group("label").strip()
    label = _LABEL_CONDITIONS.get(label.lower(), label)
    return f"{label}: yes" if match.group("yes") else f"no {label}"


# "he's got:", "my mum has:", "her conditions:": a line that hands the list below it to
# someone else (the subject named), up to the first line that is no item of the list
_LIST_OF_ANOTHER = re.compile(
    r"(?im)^(?P<lead>.*?\b(?P<who>he|she|they|his|her|their|(?:my|our|his|her) (?:husband|wife|"
    r"partner|mum|mom|"
    r"mother|dad|father|son|daughter|sister|brother|friend|nan|gran|grandma|grandad|boyfriend|"
    r"girlfriend|aunt|uncle))(?:'s| s| has| have| is| are)?\b[^\n:]{0,30}):[ \t]*$"
)
_SUBJECT = {"his": "he", "her": "she", "their": "they"}
_ITEM = re.compile(r"^(?P<bullet>[ \t]*(?:[-*•·]|\d{1,2}[.)]))[ \t]+(?P<item>\S.*)$")


def _items_of_another(text: str) -> str:
    """A list handed to someone else, each item said of them: "- a stent" -> "- he has a stent"."""
    if "\n" not in text or not _LIST_OF_ANOTHER.search(text):
        return text
    lines = text.split("\n")
    who: Optional[str] = None
    for number, line in enumerate(lines):
        lead = _LIST_OF_ANOTHER.match(line)
        if lead:
            who = lead.group("who")
            who = _SUBJECT.get(who.lower(), who)  # "her conditions:" -> "- she has ..."
            continue
        item = _ITEM.match(line) if who else None
        if item is None:
            who = None
            continue
        lines[number] = f"{item.group('bullet')} {who} has {item.group('item')}"
    return "\n".join(lines)


# "1) cancer - no 2) diabetes - no 3) heart - yes": numbered answers on one line
_NUMBER_IN_A_LINE = re.compile(r"(?<=[^\s.,;:!?])[ \t]+(?=\(?\d{1,2}\)[ \t])")


def as_sentences(text: str) -> str:
    """The message with form fields, boxes and family-history labels written as sentences."""
    text = _items_of_another(text)
    if len(_NUMBER_IN_A_LINE.findall(text)) >= 1 and re.match(r"\s*\(?1\)", text):
        text = _NUMBER_IN_A_LINE.sub(". ", text)  # each answer ends where the next begins
    if not any(mark in text for mark in ":[☐☑☒✅=-,") and "bruising" not in text.lower():
        return text
    text = _FAMILY_FIELD.sub("in my family: ", text)
    text = _PAIN_FIELD.sub(
        lambda m: "my pain tolerance is fine" if m.group("fine") else "I have a low pain tolerance",
        text,
    )
    text = _JOINED_NO.sub(
        lambda m: (
            ". ".join(
                "no " + _LABEL_CONDITIONS.get(item.strip().lower(), item.strip())
                for item in m.group("items").split("/")
            )
            + "."
        ),
        text,
    )
    text = _BRUISING_ANSWERED.sub(
        lambda m: "bruise easily: yes" if m.group("yes") else "bruise easily: no", text
    )
    written = _FIELD.sub(_field, _BOX.sub(_box, text))
    if written == text:
        return text
    # "Pregnant: N / Breastfeeding: Y | [x] eczema": between fields, a bar or a spaced slash
    # ends the field as a full stop would (a "no" does not carry over to the next field)
    return _FIELD_BREAK.sub(". ", written)
