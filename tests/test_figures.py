"""Figures of speech and regional words for the conditions (actions/conditions/figures.py)."""

from __future__ import annotations

from typing import Dict

import pytest

from actions.conditions.figures import plain
from actions.reading import read_message

DIAB, PREG, BF, HEART = "diabetes", "pregnancy", "breastfeeding", "cardiac_disorder"
CLOT, PAIN = "blood_clotting_disorder", "low_pain_tolerance"


@pytest.mark.parametrize(
    "text",
    [
        "honestly I'm heartbroken about my thighs",
        "my heart sank when I saw the holiday photos",
        "my heart says yes, my savings say no",
        "my heart skipped a beat when I saw the results on instagram",
        "no to all three, my heart is only broken over my love handles",
        "booking anything here is a pain in the neck",
        "that price would bleed me dry",
        "I'm expecting a delivery this afternoon, can I book for tomorrow?",
        "I've got a terrible sweet tooth",
        "the only thing that bleeds easily in this house is my bank account",
    ],
)
def test_a_figure_of_speech_names_no_condition(text: str) -> None:
    assert read_message(text) == {}


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # the condition itself beside a figure is still read
        ("heartbroken about my arms, and yes I'm diabetic", {DIAB: "present"}),
        (
            "the doctor heard something odd with my heart, I'm waiting on tests",
            {HEART: "uncertain"},
        ),
        ("nothing wrong with my heart", {HEART: "absent"}),
        ("my husband has a heart condition, not me", {HEART: "other_person"}),
        # diabetes as "sugar" (India, Nigeria, the Caribbean), not sugar eaten
        ("I am having sugar since two years, on tablets", {DIAB: "present"}),
        ("my father is having sugar", {DIAB: "other_person"}),
        ("no sugar, no heart problems", {DIAB: "absent", HEART: "absent"}),
        ("I have sugar in my coffee every morning", {}),
        ("I'm having sugar cravings since the diet", {}),
        # pregnancy and a birth in regional words
        ("I am in the family way, third month", {PREG: "present"}),
        ("my sister is carrying, due in spring", {PREG: "other_person"}),
        ("I'm carrying my shopping up the stairs", {}),
        ("I put to bed in January", {PREG: "past"}),
        # Singapore and Malaysia: "already" is "any more"
        ("not breastfeeding already, she drinks formula", {BF: "past"}),
        # Nigerian Pidgin
        ("I no get sugar and I no dey pregnant", {DIAB: "absent", PREG: "absent"}),
        ("wetin be clotting disorder?", {CLOT: "question"}),
        ("pain no be problem", {PAIN: "absent"}),
        # a patient of the heart, said of oneself
        ("I am heart patient since 2019", {HEART: "present"}),
    ],
)
def test_regional_words_for_the_conditions(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


def test_plain_keeps_a_text_without_figures() -> None:
    text = "I take warfarin, is that a problem?"
    assert plain(text) == text


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a couple's condition, whose not said, or said after
        ("one of us has eczema", {"eczema_or_psoriasis": "uncertain"}),
        (
            "one of us is on apixaban - my wife, not me",
            {"aspirin_or_blood_thinners": "other_person"},
        ),
        ("one of us has eczema and it's me", {"eczema_or_psoriasis": "present"}),
        # a couple expecting: the partner's pregnancy, unless the visitor carries
        ("me and the missus are expecting in autumn", {PREG: "other_person"}),
        ("my wife and I are both pregnant, due weeks apart", {PREG: "present"}),
        # someone else's word about the visitor, then the visitor's own
        ("my sister reckons I'm diabetic but I'm not", {DIAB: "absent"}),
        ("my mum says I'm pregnant, I might be", {PREG: "uncertain"}),
        ("I think I bruise easily but I'm not sure", {"prone_to_bruising": "uncertain"}),
        # singular "their" of a partner
        (
            "I'm fine, their skin is the really sensitive one",
            {"severe_skin_sensitivity": "other_person"},
        ),
    ],
)
def test_whose_it_is_in_a_couple(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # an asterisk correction inside the message
        (
            "I'm on clopid *clopidogrel, since my stent",
            {"aspirin_or_blood_thinners": "present", HEART: "present"},
        ),
        ("I have psoriasis *my dad has psoriasis, not me", {"eczema_or_psoriasis": "other_person"}),
        ("my pain tolerance is low *isn't low, it's fine", {PAIN: "absent"}),
        # texting shorthand for a degree
        ("I bruise v easily", {"prone_to_bruising": "present"}),
        ("I have factor V Leiden", {CLOT: "present"}),
        # an earlier "no" told back to put it right
        ("sorry I said no to the diabetes one earlier, forgot I'm type 2", {DIAB: "present"}),
        # a test still to do
        ("could be pregnant, doing a test tonight", {PREG: "uncertain"}),
    ],
)
def test_corrections_and_shorthand_in_one_message(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("I'm after having a baby, so not pregnant now", {PREG: "past"}),  # Irish: just had
        ("yes to the heart one", {HEART: "present"}),
        ("no to the pain one, needles are fine", {PAIN: "absent"}),
        ("can I continue my tretinoin or must I stop?", {"retinol": "present"}),
        ("is it ok for nursing mums?", {BF: "question"}),
        ("I am thyroid patient only, no heart problem", {HEART: "absent"}),
        ("would eczema rule me out? not saying I have it", {"eczema_or_psoriasis": "question"}),
        ("I've got 'the sugar' as my gran calls it", {DIAB: "present"}),
        ("my skin itself isn't sensitive", {"severe_skin_sensitivity": "absent"}),
    ],
)
def test_more_regional_and_spoken_forms(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


SKIN, ECZ, CANCER = "severe_skin_sensitivity", "eczema_or_psoriasis", "cancer"
THINNERS, RETINOL = "aspirin_or_blood_thinners", "retinol"


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a saying around the answer, or for it
        ("cancer - knock on wood, never", {CANCER: "absent"}),
        ("diabetes? fingers crossed, no", {DIAB: "absent"}),
        ("pregnant? if only!", {PREG: "absent"}),
        ("me expecting? chance would be a fine thing", {PREG: "absent"}),
        ("breastfeeding? that ship sailed years ago", {BF: "absent"}),
        ("pregnancy, not that I am, but does it matter?", {PREG: "absent"}),
        # not saying: not known, yet a plain "I'd rather not say" declines (the check)
        ("I'd rather not say if I've got diabetes", {DIAB: "uncertain"}),
        ("whether I'm breastfeeding or not, I'd rather not say", {BF: "uncertain"}),
        ("I'd rather not say", {}),
        # an age or grown children answering the echoed question
        ("pregnant at 61? lol", {PREG: "absent"}),
        ("breastfeeding? my boys are teenagers", {BF: "absent"}),
        ("pregnant? no, I'm 34", {PREG: "absent"}),
        ("breastfeeding? my daughter is 5 months", {BF: "present"}),
        # a condition referred back to alone keeps its earlier answer
        ("only the diabetes I told you about", {}),
        (
            "no heart problems, apart from the diabetes I told you about",
            {HEART: "absent", DIAB: "present"},
        ),
        # a life event, a likeness or a score for the answer
        ("6 weeks postpartum, bottle feeding", {PREG: "past", BF: "absent"}),
        ("my baby still nurses twice a day", {BF: "present"}),
        ("my skin reacts to every single product", {SKIN: "present"}),
        ("my pain threshold is non-existent", {PAIN: "present"}),
        ("pain tolerance maybe 2/10 honestly", {PAIN: "present"}),
        ("my pain tolerance is 9/10", {PAIN: "absent"}),
        ("skin is about 8/10 sensitivity", {SKIN: "present"}),
        # a cancer over, said many ways
        ("in remission 3 years after bowel cancer", {CANCER: "past"}),
        ("the lymphoma has never come back", {CANCER: "past"}),
        ("my oncology team discharged me in 2021", {CANCER: "past"}),
        ("had breast cancer in 2018, every scan since has been clear", {CANCER: "past"}),
        ("a lump was removed, biopsy was benign", {CANCER: "absent"}),
        # stopped a while ago
        ("not taking aspirin for the last 3 weeks", {THINNERS: "past"}),
        ("no tretinoin since friday", {RETINOL: "past"}),
        # in the family, never tested
        ("diabetes runs in our family but I've never been checked", {DIAB: "uncertain"}),
    ],
)
def test_answers_said_by_a_saying_an_event_or_a_number(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("eczema? only as a kid", {ECZ: "past"}),
        ("psoriasis? grew out of it", {ECZ: "past"}),
        ("does it make a difference that I'm on metformin?", {DIAB: "present"}),
        ("does a stent count as a heart problem? mine went in last year", {HEART: "present"}),
        ("does a stent count as a heart problem? mine is fine", {HEART: "absent"}),
        ("do blood thinners include fish oil? I take it every day", {THINNERS: "uncertain"}),
        ("heart - not sure", {HEART: "uncertain"}),
        ("no bruising, no clotting", {"prone_to_bruising": "absent", CLOT: "absent"}),
        ("one of the lads has diabetes", {DIAB: "other_person"}),
        ("one of my bridesmaids is pregnant, I'm not", {PREG: "other_person"}),
        ("I'm not on anything like my dad's warfarin", {THINNERS: "absent"}),
    ],
)
def test_echoes_questions_and_whose_it_is(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses
