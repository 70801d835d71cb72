"""The free-text condition extractor (actions/conditions/): matching, negation, answers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

from actions.conditions import Extraction, Mention, extract, without_pasted_question
from actions.conditions.evidence import is_needle_fear
from actions.conditions.extractor import _BORDERLINE, _DIABETES_MEDICINE
from actions.knowledge import load_knowledge
from actions.reading import read_message

PREG, BF = "pregnancy", "breastfeeding"
CANCER, DIAB, HEART = "cancer", "diabetes", "cardiac_disorder"
CLOT, BRUISE, ASPIRIN = "blood_clotting_disorder", "prone_to_bruising", "aspirin_or_blood_thinners"
SKIN, ECZEMA, PAIN, RETINOL = (
    "severe_skin_sensitivity",
    "eczema_or_psoriasis",
    "low_pain_tolerance",
    "retinol",
)

Keys = Tuple[str, ...]

# (message, the status of each condition it names): past conditions, other people's,
# questions and hedges are never findings (actions/conditions/, STATUSES).
STATUS_CASES: Tuple[Tuple[str, Dict[str, str]], ...] = (
    # session 39: a claim taken back as a joke; a condition supposed in a question; a test
    # still running; a doubt that covers what follows it; a reason denied; skin described
    ("I have diabetes haha jk, I don't", {DIAB: "absent"}),
    ("breastfeeding lol just kidding i'm not", {BF: "absent"}),
    ("would it be a problem if I had eczema?", {ECZEMA: "question"}),
    ("is it ok if I had cancer ten years ago?", {CANCER: "past"}),
    ("the doctors are testing whether it's a clotting disorder", {CLOT: "uncertain"}),
    ("I get palpitations, might be nothing", {HEART: "uncertain"}),
    ("I'm diabetic and it might be nothing to worry about", {DIAB: "present"}),
    (
        "not sure if I count as bruising easily, I get the odd bruise from nothing",
        {BRUISE: "uncertain"},
    ),
    ("I'm on metformin for weight, not because I'm diabetic", {DIAB: "absent"}),
    ("my skin has become so oily and sensitive lately", {SKIN: "present"}),
    ("my skin is dry and not sensitive at all", {SKIN: "absent"}),
    ("the eczema has fully cleared", {ECZEMA: "past"}),
    # session 37: words of other languages, read without their accents; "but" in them
    ("não tenho diabetes", {DIAB: "absent"}),
    ("cancer não, diabetes também não", {CANCER: "absent", DIAB: "absent"}),
    ("nie jestem w ciąży ale karmię piersią", {PREG: "absent", BF: "present"}),
    ("estou amamentando", {BF: "present"}),
    ("my sister is hamil", {PREG: "other_person"}),
    ("I take Adiro 100 for my heart", {ASPIRIN: "present", HEART: "present"}),
    ("on Marevan since my DVT", {ASPIRIN: "present"}),
    # session 38: aspirin as Brazil and Portugal write it; a hesitation before a hedge; whose
    # the condition is, told with a relative's name alone
    ("tomo AAS 100 todo dia", {ASPIRIN: "present"}),
    ("eczema na pele e tomo AAS", {ECZEMA: "present", ASPIRIN: "present"}),  # "na": "in the"
    ("I'm on AAS for bodybuilding", {}),  # in English, anabolic steroids
    ("diabetic... erm, maybe? never been tested", {DIAB: "uncertain"}),
    ("the cancer is dad's, not mine", {CANCER: "other_person"}),
    ("and like I said, pain is my weakness", {PAIN: "present"}),
    (
        "not pregnant; my cousin, who is booked with me, has psoriasis",
        {PREG: "absent", ECZEMA: "other_person"},
    ),
    ("I have psoríase on my elbows", {ECZEMA: "present"}),
    # session 37: pain told plainly beside needles; "not sure" of pain
    ("pain is also no problem, and I'm not scared of a needle", {PAIN: "absent"}),
    ("pain? not sure", {PAIN: "uncertain"}),
    ("Regarding the pain, I don't know", {PAIN: "uncertain"}),
    ("pain has never bothered me", {PAIN: "absent"}),
    ("my pain tolerance is weak", {PAIN: "present"}),
    # session 37: the skin of one part, a degree asked, what a word means
    ("the skin on my neck is super sensitive", {SKIN: "present"}),
    ("my skin is fairly sensitive, would that count?", {SKIN: "uncertain"}),
    ("what does very sensitive skin mean? I get some acne", {SKIN: "uncertain"}),
    ("what does nursing mean here", {BF: "question"}),
    # session 37: whose: people in general after "me", a possessive person, a lead-in
    ("my husband asked me to ask: diabetic people can have it?", {DIAB: "question"}),
    (
        "i take a baby aspirin since my dad's heart attack",
        {ASPIRIN: "present", HEART: "other_person"},
    ),
    ("to your question: no, not pregnant", {PREG: "absent"}),
    ("metformina for my PCOS, I don't have diabetes", {DIAB: "absent"}),
    ("I had heart surgery on a valve as a baby and was discharged", {HEART: "past"}),
    ("my workout buddy is on blood thinners", {ASPIRIN: "other_person"}),
    ("el eczema es contagioso?", {ECZEMA: "question"}),  # nobody's, asked in one clause
    ("eczema on my hands, is that a problem?", {ECZEMA: "present"}),
    # an article inside a denied list keeps the list denied
    (
        "i dont have diabetes, cancer or a heart problem",
        {DIAB: "absent", CANCER: "absent", HEART: "absent"},
    ),
    ("no diabetes, no cancer and no heart", {DIAB: "absent", CANCER: "absent", HEART: "absent"}),
    ("i barely bruise at all", {BRUISE: "absent"}),
    # a "no" that takes an answer back is no negation; a yes or no after a correction wins
    ("no sorry, i do take blood thinners", {ASPIRIN: "present"}),
    ("i dont have eczema... actually yeah i sort of do", {ECZEMA: "present"}),
    ("yes breastfeeding, sorry i meant no", {BF: "absent"}),
    ("kinda low pain tolerance, actually no its fine", {PAIN: "absent"}),
    ("Yes I have diabetes - sorry, no, it's my brother who does", {DIAB: "other_person"}),
    ("I'm on warfarin, no sorry, that was years ago, I'm not on anything now", {ASPIRIN: "past"}),
    ("I'm breastfeeding, well I was until a month ago", {BF: "past"}),
    # a denial taken half back; a guessed cause; a question that says they take it
    ("not really sensitive, well maybe a little", {SKIN: "uncertain"}),
    (
        "i'm on warfarin, thats probably why i bruise easily",
        {ASPIRIN: "present", BRUISE: "present"},
    ),
    ("can I carry on taking my warfarin", {ASPIRIN: "present"}),
    ("should I stop my warfarin before?", {ASPIRIN: "question"}),
    ("could i get meso my skin is really sensitive", {SKIN: "present"}),
    ("could i get meso if my skin is really sensitive", {SKIN: "question"}),
    ("does psoriasis matter, asking for my husband", {ECZEMA: "other_person"}),
    ("treatment for breast cancer 5 years ago, all done now", {CANCER: "past"}),
    ("scared of the pain tbh, dont know if i can handle it", {PAIN: "uncertain"}),
    ("totally fine w needles", {PAIN: "absent"}),
    # used until lately: over
    ("I was on aspirin till last week, no clotting problems", {ASPIRIN: "past", CLOT: "absent"}),
    # a pregnancy planned is not one now: to discuss, never a finding
    ("we're hoping to fall pregnant next year", {PREG: "uncertain"}),
    # a question after a lead-in ("question:", "quick q"), and a second one after "or only"
    ("question: diabetes type 2 also is counting? or only type 1?", {DIAB: "question"}),
    ("quick question: does eczema count?", {ECZEMA: "question"}),
    ("one more thing, i have diabetes", {DIAB: "present"}),
    # the visitor as a parent; a condition since a year; a device fitted in the past
    ("mum of a newborn, still nursing", {BF: "present"}),
    ("my mum of 70 has diabetes", {DIAB: "other_person"}),
    ("diabeties type 2 since 2019", {DIAB: "present"}),
    ("had a pacemaker fitted last year", {HEART: "present"}),
    ("i had a pacemaker but it was removed", {HEART: "past"}),
    ("had breast cancer in 2015, all clear since 2019", {CANCER: "past"}),
    # misspellings one edit from a synonym's word ("bruse" rather than a pattern's "brush")
    ("i have exema on my arms", {ECZEMA: "present"}),
    ("diabetis type 1 since i was 12 and i bruse realy easy", {DIAB: "present", BRUISE: "present"}),
    # a symptom is not the condition: to discuss; a birth is a pregnancy over
    ("not sure if I have a heart problem, I get palpitations sometimes", {HEART: "uncertain"}),
    ("I have heart palpitations", {HEART: "uncertain"}),
    ("gave birth 3 weeks ago, bottle feeding", {PREG: "past", BF: "absent"}),
    ("had a c-section, breastfeeding now", {BF: "present"}),
    ("my husband had a heart bypass last year", {HEART: "other_person"}),
    ("on warfarin for my heart", {ASPIRIN: "present", HEART: "present"}),
    # set ZZ59-62: pain told in plain words, a family's side, "expecting her first"
    ("spent years in the army, I can put up with a bit of pain", {PAIN: "absent"}),
    ("to be fair I'm not very brave with injections", {PAIN: "present"}),
    ("no clue how I'd cope with the needles, never had a jab in my face", {PAIN: "uncertain"}),
    ("my niece is expecting her first in june", {PREG: "other_person"}),
    ("she's expecting her test results", {}),
    ("von willebrand runs on my dad's side", {CLOT: "other_person"}),
    ("I've had eczema behind my knees for ages", {ECZEMA: "present"}),
    ("I do get the odd random bruise on my legs. honestly who knows", {BRUISE: "uncertain"}),
    # sets ZB and ZC: other spellings and brands, "runs in my family but i dont", a birth and
    # still feeding, "20 weeks gone", a fluttery heart, "kind of", "i'm the one ..."
    ("No tengo diabetes, but my heart has arritmia", {DIAB: "absent", HEART: "present"}),
    ("I take Marcumar for the blood", {ASPIRIN: "present"}),
    ("haemophilia runs in my family but i dont have it", {CLOT: "absent"}),
    ("maybe i bruise a bit easier than most people? not sure", {BRUISE: "uncertain"}),
    ("had my baby in jan and still feeding her myself", {PREG: "past", BF: "present"}),
    ("i'm 20 weeks gone", {PREG: "present"}),
    ("my heart sometimes does a funny fluttery thing, never got it checked", {HEART: "uncertain"}),
    ("maybe? i get the odd bruise from nowhere", {BRUISE: "uncertain"}),
    ("kind of sensitive skin? sometimes", {SKIN: "uncertain"}),
    # a fear of injections alone, hedged: set aside (as the pain question's answer, "kind of?")
    ("kind of? i hate injections but i cope", {}),
    ("i bruise sometimes, not loads", {BRUISE: "uncertain"}),
    ("not pregnant, stopped breastfeeding last year", {PREG: "absent", BF: "past"}),
    (
        "i take a blood thinner, apixaban, since i had a clot in my leg a few years back",
        {ASPIRIN: "present"},
    ),
    ("i used to take warfarin years ago", {ASPIRIN: "past"}),
    ("what kind of heart condition counts?", {HEART: "question"}),
    ("no, not any kind of heart condition", {HEART: "absent"}),
    (
        "my husband is on blood thinners but thats him, i'm the one breastfeeding",
        {ASPIRIN: "other_person", BF: "present"},
    ),
    ("My heart is sound and I am not diabetic.", {HEART: "absent", DIAB: "absent"}),
    (
        "I have had two children and a hip replacement, so I should think I can manage a few "
        "small needles.",
        {PAIN: "absent"},
    ),
    # slang for a heart condition, bruising and skin; "bf" doing something is a boyfriend,
    # and ", im not on anything" denies it for the visitor
    ("is a dodgy heart an issue?", {HEART: "question"}),
    ("i have von willebrand and bruise constantly", {CLOT: "present", BRUISE: "present"}),
    ("my gf bruises if u look at her", {BRUISE: "other_person"}),
    ("my sisters skin is mega sensitive", {SKIN: "other_person"}),
    ("bf is on warfarin, im not on anything", {ASPIRIN: "absent"}),
    ("not pregnant or bf", {PREG: "absent", BF: "absent"}),
    ("my mum has diabetes, i dont", {DIAB: "absent"}),
    # "a bit sensitive" alone is the skin; unsure of a pain threshold; "am on" tells
    ("maybe a bit sensitive? hard to say really", {SKIN: "uncertain"}),
    ("im very sensitive to pain", {PAIN: "present"}),
    # "well" ends a negation's reach; a heart complaint; a healthy tolerance of pain
    ("nope not on anything, well i do bruise really easily", {BRUISE: "present"}),
    ("I do not have diabetes, nor any heart complaint.", {DIAB: "absent", HEART: "absent"}),
    ("My tolerance of pain is perfectly adequate, thank you.", {PAIN: "absent"}),
    ("no, ive had 3 kids, pain is nothing lol", {PAIN: "absent"}),
    (
        "I have psoriasis and my skin is super sensitive to everything",
        {ECZEMA: "present", SKIN: "present"},
    ),
    ("not sure about my pain threshold", {PAIN: "uncertain"}),
    ("had a mini stroke years ago and am on clopidogrel now", {ASPIRIN: "present"}),
    # slang and short names; "not really sure" after it
    ("up the duff with twins lol", {PREG: "present"}),
    ("on warfarin for my AF", {ASPIRIN: "present", HEART: "present"}),
    ("im tired af", {}),
    ("my skin might be a bit sensitive? not really sure", {SKIN: "uncertain"}),
    # a doubt first, then what makes them wonder: uncertain
    ("not sure, my blood seems to take ages to clot sometimes", {CLOT: "uncertain"}),
    ("maybe? i do get random bruises i cant explain", {BRUISE: "uncertain"}),
    ("maybe, i take aspirin sometimes", {ASPIRIN: "present"}),
    # told, in a sentence that says nothing was diagnosed: to discuss
    ("doc said palpitations but nothing diagnosed", {HEART: "uncertain"}),
    # fixed as a child, "nothing since"; "used to be"; plain words for sugar trouble
    (
        "I had an operation on my heart as a little girl, a hole they fixed, nothing since. "
        "no cancer and no sugar trouble",
        {HEART: "past", CANCER: "absent", DIAB: "absent"},
    ),
    (
        "my blood sugar used to be high but i lost weight and my gp says im not diabetic anymore",
        {DIAB: "past"},
    ),
    ("my skin very sensible, always red and burning with any cream", {SKIN: "present"}),
    # an answered echo of a bare word; "not great" is no denial; "found out I was"; "could
    # that be ...?" asks
    ("pregnant? no. diabetic? yes. heart? no", {PREG: "absent", DIAB: "present", HEART: "absent"}),
    (
        "dont have diabetes or cancer but my hearts not great",
        {DIAB: "absent", CANCER: "absent", HEART: "present"},
    ),
    ("gave up retinol when i found out i was pregnant", {RETINOL: "past", PREG: "present"}),
    (
        "i get bruises from nothing, could that be a bleeding disorder?",
        {BRUISE: "present", CLOT: "question"},
    ),
    # the visitor's own echo of a condition, answered at once
    ("pregnant?? god no. diabetes yes", {PREG: "absent", DIAB: "present"}),
    (
        "Pregnant? No. Breastfeeding? Also no. Heart? Fine.",
        {PREG: "absent", BF: "absent", HEART: "absent"},
    ),
    ("hemophilia? no. aspirin? sometimes for hangovers", {CLOT: "absent", ASPIRIN: "present"}),
    # what they never did is not an answer; "seem to" hedges
    ("hmm not sure, maybe i bruise easily? never really paid attention", {BRUISE: "uncertain"}),
    ("not sure about bruising, i do seem to get random bruises", {BRUISE: "uncertain"}),
    # what the treatment does for a condition is not theirs
    ("i read it actually helps eczema tho?? confused", {ECZEMA: "question"}),
    # whether something else is the condition: "it" is that thing
    ("is ibuprofen a blood thinner? i take it for period cramps", {ASPIRIN: "question"}),
    ("does warfarin count as a blood thinner? i take it daily", {ASPIRIN: "present"}),
    # how far along, after asking about pregnancy
    ("can i have meso while preg? 14 wks", {PREG: "present"}),
    ("how long after birth? 6 weeks", {}),
    # plain words for a low tolerance, and for an ordinary one
    ("pain... honestly im a total baby w needles", {PAIN: "present"}),
    ("pain tolerance is average i guess", {PAIN: "absent"}),
    ("not sure how i handle pain, never had needles in my face", {PAIN: "uncertain"}),
    ("got high cholesterol, and my legs bruise at the slightest touch", {BRUISE: "present"}),
    (
        "none of those, no clotting problems, no bruising, no aspirin",
        {CLOT: "absent", BRUISE: "absent", ASPIRIN: "absent"},
    ),
    # something over, "ever since": past
    (
        "Breast cancer survivor, 5 yrs clear, and I've bruised easily ever since chemo",
        {CANCER: "past", BRUISE: "present"},
    ),
    ("not preg, no heart stuff", {PREG: "absent", HEART: "absent"}),
    # misspelt words of the conditions' vocabulary, one edit away ("bruize", "realy")
    ("i bruize realy easily", {BRUISE: "present"}),
    # someone else's, when a person word is owned ("my little girl"), not "I'm a girl with"
    ("my little girl has eczema", {"eczema_or_psoriasis": "other_person"}),
    ("I'm a 17 year old girl with eczema", {"eczema_or_psoriasis": "present"}),
    ("my little one has psoriasis", {"eczema_or_psoriasis": "other_person"}),
    # told, then doubted in the same sentence
    ("i get palpitations, not sure if thats a heart thing", {"cardiac_disorder": "uncertain"}),
    # "if I'm on metformin" asks; it does not tell
    ("do I count as diabetic if I'm on metformin?", {"diabetes": "question"}),
    ("is diabetes a problem? i take metformin for it", {"diabetes": "present"}),
    ("does diabetes count? i take vitamins", {"diabetes": "question"}),
    # a borderline condition that is over is past; a diagnosis followed by care is known
    ("had borderline diabetes years ago but it's gone now", {"diabetes": "past"}),
    (
        "diagnosed with a heart problem last month, waiting to see a cardiologist",
        {"cardiac_disorder": "present"},
    ),
    ("never been diagnosed with diabetes, waiting for results", {"diabetes": "uncertain"}),
    # a birth is not a pregnancy
    ("had my baby in march, not feeding her myself", {PREG: "past", BF: "absent"}),
    # asked of a time to come
    (
        "once the baby's here and i'm breastfeeding, is that a no too?",
        {"breastfeeding": "question"},
    ),
    ("when i had cancer, did that matter?", {"cancer": "past"}),
    # a past cue of the next sentence, or a hedge of another subject, is not this one's
    ("not pregnant. stopped breastfeeding like 2 months ago", {PREG: "absent", BF: "past"}),
    ("no diabetes, heart ok as far as i know", {DIAB: "absent", HEART: "absent"}),
    ("no diabetes, not sure about my heart", {DIAB: "absent"}),
    ("diabetes - not sure about it", {DIAB: "uncertain"}),
    # a question of a sentence with "because"
    ("is that because it gets into the breast milk?", {BF: "question"}),
    ("I am neither expecting a child nor nursing one", {PREG: "absent", BF: "absent"}),
    ("i'm 20 weeks along with my second", {PREG: "present"}),
    ("i used retinol for years but gave it up in the summer", {"retinol": "past"}),
    ("i hate pain, i cried at my ear piercing", {"low_pain_tolerance": "present"}),
    # pain in plain words
    ("nah i dont mind pain", {"low_pain_tolerance": "absent"}),
    ("i don't mind needles", {"low_pain_tolerance": "absent"}),
    ("asprin every morning", {ASPIRIN: "present"}),
    # plain words: blood thinned, black and blue, skin that goes red and stings
    ("my heart pills also thin the blood", {ASPIRIN: "present", HEART: "present"}),
    ("one knock and i end up black and blue", {BRUISE: "present"}),
    ("my skin turns red and stings with most creams", {SKIN: "present"}),
    # hedges after the condition, or as a chance
    ("i have psoriasis i think", {ECZEMA: "uncertain"}),
    ("there's a small chance i'm pregnant", {PREG: "uncertain"}),
    # over: a doctor took them off it; an operation as a child, fine since
    ("was on warfarin till the doctor took me off it", {ASPIRIN: "past"}),
    ("had a heart operation as a baby, been fine since", {HEART: "past"}),
    # a question, then the visitor's own past, beside a plain answer about another condition
    (
        "does psoriasis matter? i had it as a teen, long gone. skin not sensitive",
        {ECZEMA: "past", SKIN: "absent"},
    ),
    # more plain words: expressing milk, skin that has become sensitive, clotting named alone
    ("still expressing milk for the twins", {BF: "present"}),
    ("lately my skin has become really sensitive", {SKIN: "present"}),
    ("the nurse said something about my clotting, no idea what", {CLOT: "uncertain"}),
    ("my cousin has hemofilia", {CLOT: "other_person"}),
    # a question, then one's own statement: "put me on it"
    ("can i have it on warfarin? the gp put me on it last year", {ASPIRIN: "present"}),
    # over: "until last year"; hedged: "-ish", "hard to say", "not known yet"
    ("was on retinol until last year", {RETINOL: "past"}),
    ("psoriasis-ish? hard to say", {ECZEMA: "uncertain"}),
    ("biopsy done, don't know yet if it's cancer", {CANCER: "uncertain"}),
    ("not pregnant yet i do have diabetes", {PREG: "absent", DIAB: "present"}),
    # people in general, also with a misspelt question word; "one of them" is a tablet
    ("wat about asthmatics and diabetics, can they have it", {DIAB: "question"}),
    ("i take 3 pills, i think one of them is a blood thinner", {ASPIRIN: "uncertain"}),
    # two conditions asked about, then "I use it": the first one, the question's subject
    (
        "is retinol a blood thinner? i use it nightly",
        {RETINOL: "present", ASPIRIN: "question"},
    ),
    # coping with pain: the negation makes the condition, without it the opposite
    ("honestly i cant cope with needles", {PAIN: "present"}),
    ("i dont cope well with the pain", {PAIN: "present"}),
    ("i deal with pain fine", {PAIN: "absent"}),
    ("no, i cope with pain ok", {PAIN: "absent"}),
    ("not sure i could cope with needles", {PAIN: "uncertain"}),
    ("im a total wuss with pain", {PAIN: "present"}),
    ("i handle needles well", {PAIN: "absent"}),
    ("my skin, though, is really sensitive", {SKIN: "present"}),
    ("never had anything wrong with my heart", {HEART: "absent"}),
    ("i think theres something wrong with my heart", {HEART: "uncertain"}),
    ("the gp heard something funny with my heartbeat, waiting on an echo", {HEART: "uncertain"}),
    ("i get huge bruises even from tiny knocks", {BRUISE: "present"}),
    ("on a pill for my blood, no idea if thats a thinner", {ASPIRIN: "uncertain"}),
    ("on tablets for my blood pressure", {}),  # not a blood thinner
    ("my eczema was bad in my twenties but it settled down", {ECZEMA: "past"}),
    ("not sure my skin would count as very sensitive", {SKIN: "uncertain"}),
    ("pain threshold is maybe on the low side, not sure", {PAIN: "uncertain"}),
    ("came off warfarin, and no clotting problems", {ASPIRIN: "past", CLOT: "absent"}),
    ("does psoriasis count? ive got it on my knees", {ECZEMA: "present"}),
    ("never been on thinners", {ASPIRIN: "absent"}),
    ("pain threshold is pretty high", {PAIN: "absent"}),
    ("needles are not a problem", {PAIN: "absent"}),
    # a late or missed period: not sure about a pregnancy, never a pregnancy
    ("no i dont think so, though my period's a week late", {PREG: "uncertain"}),
    ("i missed my last period", {PREG: "uncertain"}),
    # good health in plain words; one's own history inside a question
    ("no skin problems at all", {SKIN: "absent", ECZEMA: "absent"}),
    ("is breastfeeding an issue if i stopped 3 weeks ago", {BF: "past"}),
    # "no meds" about another condition's treatment is no answer about blood thinners
    ("type 2 diabetic, diet controlled so no meds", {DIAB: "present"}),
    # now, though a time word follows: "found out", "currently being treated"
    ("im pregnant! only found out last month", {PREG: "present"}),
    ("i am currently being treated for breast cancer", {CANCER: "present"}),
    # tests still pending: not known yet
    ("the gp is testing me for a bleeding disorder, no results back yet", {CLOT: "uncertain"}),
    ("getting an ecg next week for my heart condition", {HEART: "uncertain"}),
    # the remission is the psoriasis's, not a cancer
    ("eczema has been in remission since i was a teen", {ECZEMA: "past"}),
    # blood tests are not clotting; the heart, pain and skin in plain words
    ("my bloods came back normal, not diabetic", {DIAB: "absent"}),
    ("nothing wrong with my heart as far as the doctor says", {HEART: "absent"}),
    ("i can handle pain no problem", {PAIN: "absent"}),
    ("my husband is hopeless with needles", {PAIN: "other_person"}),
    ("im rubbish with pain tbh", {PAIN: "present"}),
    ("my skin isnt especially sensitive", {SKIN: "absent"}),
    ("skin used to be super sensitive when i was younger", {SKIN: "past"}),
    ("i get bruises if anyone even touches me", {BRUISE: "present"}),
    ("i dont really bruise", {BRUISE: "absent"}),
    ("pso on my elbows", {ECZEMA: "present"}),
    # someone else's, and the visitor says they don't have it: absent for the visitor
    ("my mum has a clotting disorder but i dont", {CLOT: "absent"}),
    # "anymore" belongs to the mention it follows, not to the one before
    ("not expecting, and not nursing anymore", {PREG: "absent", BF: "past"}),
    # asking when, not saying
    ("how soon after i stop breastfeeding could i book in?", {BF: "question"}),
    ("my skin flares up with most creams", {SKIN: "present"}),
    ("injections dont really scare me", {}),  # set aside, as above
    # a hedge opening the next sentence still hedges the mention
    ("I don't have a bleeding disorder I think? never been tested though", {CLOT: "uncertain"}),
    ("pregnant? not as far as i know, we're trying though", {PREG: "uncertain"}),
    ("no clotting disorder. as far as i know anyway", {CLOT: "uncertain"}),
    ("i have type 2 diabetes. not sure if that matters", {DIAB: "present"}),
    # a bottle-fed baby: not breastfeeding
    ("my little one is formula fed", {BF: "absent"}),
    ("im giving our daughter formula, feeding her formula since week two", {BF: "absent"}),
    ("I'm feeding my baby, breastfed only", {BF: "present"}),
    # someone "of mine" is theirs, not the visitor's
    ("a friend of mine is pregnant and wants to come too", {PREG: "other_person"}),
    # false friends: waiting for a call, a star sign
    ("i'm expecting a reply from the clinic", {}),
    ("cancer season is my favourite", {}),
    # everyday words for conditions
    ("my heart probs were sorted years ago", {HEART: "past"}),
    ("i bruise loads, always have", {BRUISE: "present"}),
    ("honestly a wimp when it comes to pain", {PAIN: "present"}),
    ("still waiting on my biopsy results", {CANCER: "uncertain"}),
    # a contrast word ends a negation's reach
    ("no heart trouble, only some psoriasis on my knees", {HEART: "absent", ECZEMA: "present"}),
    ("I take nothing except a daily aspirin", {ASPIRIN: "present"}),
    ("not diabetic just prone to bruising", {DIAB: "absent", BRUISE: "present"}),
    ("no cancer but also no heart problems", {CANCER: "absent", HEART: "absent"}),
    ("my skin's not that sensitive", {SKIN: "absent"}),
    # a hesitation before a question is still a question
    ("uhm, what counts as a heart condition?", {HEART: "question"}),
    ("hmm what counts as very sensitive skin?", {SKIN: "question"}),
    # the visitor's own history inside a question is past, never present
    ("is it ok if I had a tumour removed?", {CANCER: "past"}),
    ("does my old gestational diabetes matter? it cleared up after the birth", {DIAB: "past"}),
    ("I had a question, is pregnancy a problem?", {PREG: "question"}),
    # what belongs to one mention stays with it
    ("quit retinol last month, no psoriasis though", {RETINOL: "past", ECZEMA: "absent"}),
    ("my skin is sooo sensitive", {SKIN: "present"}),
    ("a doctor once heard a heart murmur, never had it checked", {HEART: "uncertain"}),
    ("I'm a total wimp with needles", {PAIN: "present"}),
    ("I had breast cancer", {CANCER: "past"}),
    ("in remission from lymphoma", {CANCER: "past"}),
    ("finished chemo last year", {CANCER: "past"}),
    ("I'm a cancer survivor", {CANCER: "past"}),
    ("I've had two tumors removed", {CANCER: "past"}),
    ("I had cancer 10 years ago, all clear now", {CANCER: "past"}),
    ("I'm in remission", {CANCER: "past"}),
    ("I've had heart issues", {HEART: "past"}),
    ("I stopped taking aspirin", {ASPIRIN: "past"}),
    ("I used to breastfeed", {BF: "past"}),
    ("I have a high pain tolerance", {PAIN: "absent"}),
    ("needles don't bother me and my heart is fine", {PAIN: "absent", HEART: "absent"}),
    ("i dont take aspirin", {ASPIRIN: "absent"}),
    ("do I have a clotting disorder??", {CLOT: "question"}),
    ("does type 1 diabetes count?", {DIAB: "question"}),
    ("can people with psoriasis have it?", {ECZEMA: "question"}),
    ("what about retinol", {RETINOL: "question"}),
    ("my sister is pregnant", {PREG: "other_person"}),
    ("my husband is on warfarin", {ASPIRIN: "other_person"}),
    ("maybe prediabetes?", {DIAB: "uncertain"}),
    ("I might be pregnant", {PREG: "uncertain"}),
    ("being tested for a clotting disorder next week", {CLOT: "uncertain"}),
    ("I'm on warfarin, is that ok?", {ASPIRIN: "present"}),
    # a question about "my X" asks: a question is never a finding (told apart: "I'm on ...")
    ("should I stop my retinol before?", {RETINOL: "question"}),
    ("does my diabetes rule me out?", {DIAB: "question"}),
    # a question even with "my" (held-out writers read "would my psoriasis stop me?" both
    # ways; a question is never a finding); wondering whether it matters is a question too
    ("I wonder if eczema would be a problem", {ECZEMA: "question"}),
    ("I wonder if I'm pregnant", {PREG: "uncertain"}),
    # a list of conditions denied together, and a condition ruled out
    ("I'm 70, so pregnancy and breastfeeding aren't a concern", {PREG: "absent", BF: "absent"}),
    ("pregnancy has been ruled out", {PREG: "absent"}),
    ("cancer? had a biopsy but it came back benign", {CANCER: "absent"}),
    ("nothing with my heart", {HEART: "absent"}),
    ("pain is nothing to me", {PAIN: "absent"}),
    ("I'm not feeding anyone", {BF: "absent"}),
    # someone else's: "she's the one with", "my twin", "my dad takes it" after a question
    ("she's the one with diabetes", {DIAB: "other_person"}),
    ("my twin has eczema", {ECZEMA: "other_person"}),
    ("does aspirin matter? my dad takes it", {ASPIRIN: "other_person"}),
    # a medicine taken since it started; emphatic "do" with the I left out
    (
        "I've bruised easily ever since I started on blood thinners",
        {BRUISE: "present", ASPIRIN: "present"},
    ),
    ("no thinners. do bruise easily though", {ASPIRIN: "absent", BRUISE: "present"}),
    ("my skin's horribly sensitive", {SKIN: "present"}),
    # hedges: "-ish", "depends", "probably harmless", a doctor still to rule it out
    ("i bruise easily-ish", {BRUISE: "uncertain"}),
    ("my pain tolerance is sort of low? depends on my mood", {PAIN: "uncertain"}),
    ("the gp heard a heart murmur and said it's probably harmless", {HEART: "uncertain"}),
    ("my doctor needs to rule out pregnancy first", {PREG: "uncertain"}),
    # a sign that only makes a pregnancy possible: to discuss, never a finding
    ("im 3 days late, haven't done a test", {PREG: "uncertain"}),
    # the visitor's own answer after asking about a condition
    ("does psoriasis matter? I don't have it, just asking", {ECZEMA: "absent"}),
    ("does psoriasis rule it out? I had it as a teenager", {ECZEMA: "past"}),
    ("not at all, a few small needles won't trouble me", {PAIN: "absent"}),
    # "kind of" inside the condition's own words
    ("skin sort of sensitive? some creams sting", {SKIN: "uncertain"}),
    ("I'm 20 minutes late for work", {}),
    ("my eczema is bad, is that a problem?", {ECZEMA: "present"}),
    ("no cancer no heart problems", {CANCER: "absent", HEART: "absent"}),
    ("I'm pregnant, not sure about breastfeeding", {PREG: "present", BF: "uncertain"}),
    # everyday words, degrees and doubts (session 15)
    ("pregnant... i dont think so? we've been trying", {PREG: "uncertain"}),
    ("skins a bit dry since the baby but nothing like eczema", {ECZEMA: "absent"}),
    ("after my son i get eczema", {ECZEMA: "present"}),
    ("my son has eczema", {ECZEMA: "other_person"}),
    ("my skin is a bit sensitive", {SKIN: "uncertain"}),
    ("my skin is very sensitive", {SKIN: "present"}),
    ("I've had mild eczema on my hands since I was a kid", {ECZEMA: "present"}),
    ("had eczema as a kid, grew out of it", {ECZEMA: "past"}),
    ("red scaly bits on my elbows, flares up now n then", {ECZEMA: "present"}),
    ("possibly a bit of psoriasis? dry scaly patches on my elbows", {ECZEMA: "uncertain"}),
    ("my skin flares up with itchy red patches, doctor said its eczema", {ECZEMA: "present"}),
    ("i have sensitive skin and eczema", {SKIN: "present", ECZEMA: "present"}),
    ("no blood problems", {CLOT: "absent"}),
    ("the big C got me last year, still on treatment", {CANCER: "present"}),
    ("sugars a bit high lately, the nurse is keeping an eye on it", {DIAB: "uncertain"}),
    ("blood sugar is fine", {DIAB: "absent"}),
    ("my doctor said my heart might be a bit enlarged", {HEART: "uncertain"}),
    ("had my son in may and im still breastfeeding him", {PREG: "past", BF: "present"}),
    ("does having had cancer rule you out?", {CANCER: "question"}),
    ("do you think my skin is too sensitive for it?", {SKIN: "question"}),
    (
        "i dont think so? my skin goes red easily with some products but ive never had eczema",
        {SKIN: "uncertain", ECZEMA: "absent"},
    ),
    (
        "Now I ought to say I had breast cancer nine years ago, the operation and the "
        "radiotherapy and all that, and I have been clear ever since.",
        {CANCER: "past"},
    ),
    ("had cancer years ago but im on chemo again now", {CANCER: "present"}),
    ("I do seem to get bruises on my arms from the slightest knock", {BRUISE: "present"}),
    ("my skin is dry but it is not especially sensitive", {SKIN: "absent"}),
    ("diabetic mum, pregnant me", {DIAB: "other_person", PREG: "present"}),
    ("im pregnant mum said no", {PREG: "present"}),
    ("I am sugar patient since 2015, taking Glycomet 500", {DIAB: "present"}),
    ("borderline sugar, not on tablets", {DIAB: "uncertain"}),
    ("daily ecosprin 75 mg", {ASPIRIN: "present"}),
    ("pain I can bear", {PAIN: "absent"}),
    ("and pain isnt a problem for me", {PAIN: "absent"}),
    ("maybe? im not great with needles", {PAIN: "uncertain"}),
    ("I do seem to bruise rather easily these days", {BRUISE: "present"}),
    ("not sure about bruising, i do seem to get random bruises", {BRUISE: "uncertain"}),
    (
        "does diabetes include prediabetes? i might have that, doctor mentioned it",
        {DIAB: "uncertain"},
    ),
    # "as a kid" dates a condition; "no kids" is nobody's; the child fed is not the owner
    ("had eczema as a kid, psoriasis now", {ECZEMA: "present"}),
    ("i'm 34, no kids, not pregnant", {PREG: "absent"}),
    (
        "breastfeeding my son and on low dose aspirin",
        {BF: "present", ASPIRIN: "present"},
    ),
    # unsure of a medicine's name, not of taking it; an irregular beat, undiagnosed
    (
        "Im on a blood thinner, i think its called apixaban? and my heart beats irregular "
        "sometimes but nothing diagnosed",
        {ASPIRIN: "present", HEART: "uncertain"},
    ),
    # "could I have ...?" asks, as "do I have ...?" does; "I could have" hedges
    ("could i have a clotting disorder without knowing?", {CLOT: "question"}),
    ("could i have it if im pregnant?", {PREG: "question"}),
    ("i could have diabetes", {DIAB: "uncertain"}),
    ("Hiya, can I have mesotherapy while breastfeeding?", {BF: "question"}),
    # skin that flares with everything is sensitive, beside a named psoriasis
    (
        "suffer with psoriasis on my scalp and my skin flares up with everything",
        {ECZEMA: "present", SKIN: "present"},
    ),
    ("no eczema, no psoriasis, skin's pretty tough actually", {ECZEMA: "absent", SKIN: "absent"}),
    # echoes and labels answered: bruising asked back, a body word, a label then the owner
    ("bruising? not really", {BRUISE: "absent"}),
    ("diabetes no, heart no", {DIAB: "absent", HEART: "absent"}),
    ("diabetes - she has type 1 but i dont", {DIAB: "absent"}),
    ("pain - low-ish maybe?", {PAIN: "uncertain"}),
    ("not sure about clotting tbh, i bleed a lot when i cut myself", {CLOT: "uncertain"}),
    # "negative on" denies; "could X count as ...?" asks; tough skin says nothing of eczema
    ("negative on the cancer, but i do have a bad heart", {CANCER: "absent", HEART: "present"}),
    ("could palpitations count as a heart condition?", {HEART: "question"}),
    # a doubt naming a condition covers what explains it, not another condition told after
    ("not sure if i have a clotting problem, my nose bleeds a lot", {CLOT: "uncertain"}),
    (
        "not sure if i have eczema, i do take aspirin though",
        {ECZEMA: "uncertain", ASPIRIN: "present"},
    ),
    (
        "pain doesnt bother me and my skin is tough as leather",
        {PAIN: "absent", SKIN: "absent"},
    ),
    # session 17: a count of tablets is not people in general; a negation put last; a
    # mention taken back at once; an earlier no corrected; "nothing like that" for oneself
    ("i take one baby aspirin every morning", {ASPIRIN: "present"}),
    ("diabetic I am not, and my heart is fine", {DIAB: "absent", HEART: "absent"}),
    ("i'm breastfeeding - oops no, i'm not", {BF: "absent"}),
    ("i said no to blood thinners but actually i am on apixaban", {ASPIRIN: "present"}),
    ("she takes warfarin, but i take nothing like that", {ASPIRIN: "absent"}),
    # a medicine taken "ever since" an event years ago is taken now; "fine now" is over
    ("im on clopidogrel ever since my stent 3 years ago", {ASPIRIN: "present", HEART: "present"}),
    ("had heart surgery in 2019, all good now", {HEART: "past"}),
    # health said in other words; a question about oneself beside its evidence stays asked
    ("no diabetes, my sugar levels have always been fine", {DIAB: "absent"}),
    ("i do well with pain", {PAIN: "absent"}),
    ("skin is oily but not sensitive", {SKIN: "absent"}),
    ("bruises if you so much as touch me", {BRUISE: "present"}),
    ("could i have a bleeding disorder? my gums bleed a lot", {CLOT: "question"}),
    ("wats a clotting disorder?", {CLOT: "question"}),
    ("low pain tolerance? honestly couldnt tell you", {PAIN: "uncertain"}),
    # negations typed short; "or X" continuing a denial; a cold nursed; the heart as a ticker
    ("i dnt have cancer or diabetes", {CANCER: "absent", DIAB: "absent"}),
    ("not pregnant, im 58. or breastfeeding", {PREG: "absent", BF: "absent"}),
    ("nursing a bad cough this week", {}),
    ("on thinners since my ticker started playing up", {ASPIRIN: "present", HEART: "present"}),
    # treatment going on now, or a condition come back, whatever was dated before
    ("had breast cancer in 2021, still on hormone therapy", {CANCER: "present"}),
    ("psoriasis as a teenager and its come back lately", {ECZEMA: "present"}),
    ("eczema as a child, cleared up and never came back", {ECZEMA: "past"}),
    ("only psoriasis, my skin is not otherwise sensitive", {ECZEMA: "present", SKIN: "absent"}),
    # the family's, never the visitor's; a body word answered; tough with needles
    ("psoriasis runs in my family but ive never had it", {ECZEMA: "absent"}),
    ("bruising - nope", {BRUISE: "absent"}),
    ("im quite tough with needles", {PAIN: "absent"}),
    ("really sensitve skin n psoriasis", {SKIN: "present", ECZEMA: "present"}),
    # session 18 (sets ZU, ZW): word-for-word translations, corrections, medicines for
    # something else, answered echoes of history
    ("I have the sugar since 10 years", {"diabetes": "present"}),
    ("I am with baby, 3 month", {"pregnancy": "present"}),
    ("my blood is thin from pills", {"aspirin_or_blood_thinners": "present"}),
    (
        "I am not with baby but I give milk to my son",
        {"pregnancy": "absent", "breastfeeding": "present"},
    ),
    ("does the solution have sugar in it?", {}),
    ("I take metformin but only for PCOS, I don't have diabetes", {"diabetes": "absent"}),
    ("I'm on metformin for my pcos", {}),
    # metformin alone says no diagnosis (it is also taken for PCOS or prediabetes): to discuss
    ("I take metformin", {"diabetes": "uncertain"}),
    ("on metformin, does that matter?", {"diabetes": "uncertain"}),
    ("type 2, on metformin", {"diabetes": "present"}),
    ("my a1c was high so the GP started me on metformin", {"diabetes": "present"}),
    # tested for and found normal; only suspected
    (
        "they checked me for a heart condition after some dizzy spells, the results were all fine",
        {"cardiac_disorder": "absent"},
    ),
    ("they're testing me for a possible bleeding disorder", {CLOT: "uncertain"}),
    # medicines by whether they are taken now
    ("aspirin makes me wheeze so I never take it", {"aspirin_or_blood_thinners": "absent"}),
    ("took two aspirin for a migraine yesterday", {"aspirin_or_blood_thinners": "present"}),
    ("came off clopidogrel and they started me on apixaban", {ASPIRIN: "present"}),
    ("five years clear of bowel cancer", {"cancer": "past"}),
    ("had a lymphoma, been discharged from the oncology clinic since 2019", {"cancer": "past"}),
    ("no heart trouble, the old ticker is fine", {"cardiac_disorder": "absent"}),
    ("no idea how I'd be with needles", {"low_pain_tolerance": "uncertain"}),
    ("never had any trouble with injections", {"low_pain_tolerance": "absent"}),
    ("three kids, the last one weaned a year ago, not pregnant", {BF: "past", PREG: "absent"}),
    ("I have diabetes - sorry, I mean my mum does. I'm fine", {"diabetes": "other_person"}),
    (
        "pregnant. sorry, no, not pregnant - I meant breastfeeding",
        {"pregnancy": "absent", "breastfeeding": "present"},
    ),
    (
        "I'm on aspirin - no wait, sorry, I stopped taking it months ago",
        {"aspirin_or_blood_thinners": "past"},
    ),
    ("I'm on aspirin, sorry, my doctor has me on it", {"aspirin_or_blood_thinners": "present"}),
    ("cancer? had it, beat it, 2015.", {"cancer": "past"}),
    ("not sure what my pain tolerance is like honestly", {"low_pain_tolerance": "uncertain"}),
    ("I use a retinol serum every night, not sure if that matters", {"retinol": "present"}),
    (
        "I'm still feeding my little one at night, otherwise not pregnant",
        {"breastfeeding": "present", "pregnancy": "absent"},
    ),
    (
        "I'm breastfeeding, mostly pumping now, but she's still getting breast milk",
        {"breastfeeding": "present"},
    ),
    (
        "what about once the baby's here and I'm breastfeeding, would that be alright?",
        {"breastfeeding": "question"},
    ),
    # set ZV: a time, not a pregnancy; over and done with; the odd bruise; a mum herself
    ("my skin's been so dull since having my baby", {"pregnancy": "past"}),
    ("I'm having my baby in May", {"pregnancy": "present"}),
    (
        "no diabetes. just the cancer I mentioned, and that's done with",
        {"diabetes": "absent", "cancer": "past"},
    ),
    (
        "what counts as bruising easily? I get the odd bruise like everyone",
        {"prone_to_bruising": "absent"},
    ),
    (
        "what counts as bruising easily? I get bruises all the time",
        {"prone_to_bruising": "present"},
    ),
    (
        "I'm a breastfeeding mum with psoriasis",
        {"breastfeeding": "present", "eczema_or_psoriasis": "present"},
    ),
    ("my sister is a mum with psoriasis", {"eczema_or_psoriasis": "other_person"}),
    # set ZY: a state out of the question, questions with the treated area, a fitted valve,
    # fragrance-free is no remission, a doubt in the next sentence
    (
        "went through the menopause years ago so pregnancy's not an issue lol",
        {"pregnancy": "absent"},
    ),
    ("my diabetes isn't a problem, it's well controlled", {"diabetes": "present"}),
    ("what if I'm breastfeeding, can I still have it on my legs?", {"breastfeeding": "question"}),
    (
        "does psoriasis on the scalp matter if I'm having it done on my face?",
        {"eczema_or_psoriasis": "question"},
    ),
    ("does eczema matter? I have it on my hands", {"eczema_or_psoriasis": "present"}),
    (
        "had a heart valve replaced, I'm on warfarin for life",
        {"cardiac_disorder": "present", "aspirin_or_blood_thinners": "present"},
    ),
    (
        "my skin reacts to everything, even fragrance-free stuff brings me out in a rash",
        {"severe_skin_sensitivity": "present"},
    ),
    ("I'm 5 years cancer-free", {"cancer": "past"}),
    ("No I'm not pregnant. well, I could be, we've been trying", {"pregnancy": "uncertain"}),
    # sets ZZ, ZZ2: whose it is said after it, how old the baby is, a symptom after a question
    ("no, like I said the diabetes is my mum's, not mine", {"diabetes": "other_person"}),
    ("my diabetes is mine, type 2", {"diabetes": "present"}),
    (
        "can I have meso on my face while breastfeeding? baby is 5 months",
        {"breastfeeding": "present"},
    ),
    ("can I have it while breastfeeding?", {"breastfeeding": "question"}),
    (
        "what counts as a heart condition? I get palpitations sometimes",
        {"cardiac_disorder": "uncertain"},
    ),
    ("what counts as a heart condition? I have AF", {"cardiac_disorder": "present"}),
    # set ZZ3: a year dates it, a statement after a question about another condition
    (
        "no heart issues, no diabetes, but i did have cervical cancer in 2015",
        {"cardiac_disorder": "absent", "diabetes": "absent", "cancer": "past"},
    ),
    ("diagnosed with diabetes in 2015", {"diabetes": "present"}),
    (
        "is it ok with psoriasis? also i have a really low pain tolerance",
        {"eczema_or_psoriasis": "question", "low_pain_tolerance": "present"},
    ),
    (
        "sorry, no blood issues and no aspirin",
        {"blood_clotting_disorder": "absent", "aspirin_or_blood_thinners": "absent"},
    ),
    # "which is in the past", "not anymore", stopped, switched to, tested and normal
    (
        "Apart from the cancer I mentioned, which is in the past, I have no diabetes",
        {CANCER: "past", DIAB: "absent"},
    ),
    ("used to be on warfarin, not anymore", {ASPIRIN: "past"}),
    ("I stopped my low-dose aspirin last year on my doctor's advice.", {ASPIRIN: "past"}),
    (
        "I used to be on warfarin, but I was switched to apixaban two years ago.",
        {ASPIRIN: "present"},
    ),
    ("I was tested for diabetes last year and the result was normal.", {DIAB: "absent"}),
    ("I was tested for diabetes and it came back positive", {DIAB: "present"}),
    ("I have had psoriasis on my elbows for most of my life", {ECZEMA: "present"}),
    ("I'm 68, so pregnancy is certainly not an issue.", {PREG: "absent"}),
    # someone else's, with the apostrophe left out or the denial first
    ("I don't have diabetes, but my skin is sensitive", {DIAB: "absent", SKIN: "present"}),
    # a doubt that is another condition's, a guess at the cause, a pregnancy never tested
    ("might be preg, def not bf", {PREG: "uncertain", BF: "absent"}),
    ("no diabetes, maybe eczema", {DIAB: "absent", ECZEMA: "uncertain"}),
    ("I do bruise rather easily, though I think that may be my age.", {BRUISE: "present"}),
    ("I sometimes find bruises I can't explain", {BRUISE: "present"}),
    ("I'm pretty sure I'm not pregnant but I haven't done a test", {PREG: "uncertain"}),
    ("not pregnant, tested negative", {PREG: "absent"}),
    ("not pregnant. breastfeeding, no, stopped last year", {PREG: "absent", BF: "past"}),
    ("After two labours I would say my pain tolerance is perfectly reasonable.", {PAIN: "absent"}),
    (
        "I'm 44, not pregnant, on Xarelto for atrial fibrillation",
        {PREG: "absent", ASPIRIN: "present", HEART: "present"},
    ),
    ("not on aspirin, warfarin or clopidogrel", {ASPIRIN: "absent"}),
    ("can I have it if I'm on aspirin? I take 75mg a day", {ASPIRIN: "present"}),
    ("nope, the heart stuff is all my dad", {HEART: "other_person"}),
    ("cancer I had, leukemia when I was child. no diabetes", {CANCER: "past", DIAB: "absent"}),
    (
        "I'm breastfeeding, and my mum who'd come with me has diabetes",
        {BF: "present", DIAB: "other_person"},
    ),
    ("I make blue spots very easy, only from touching the table", {BRUISE: "present"}),
    ("I have neurodermitis since I was small, now it is on the arms", {ECZEMA: "present"}),
    ("earlier I said I was pregnant, I meant my partner is. I'm not", {PREG: "other_person"}),
    ("I do have type 1 diabetes, I've had an insulin pump for years", {DIAB: "present"}),
    (
        "Honestly, I'm not sure. I do find the odd bruise without remembering how I got it",
        {BRUISE: "uncertain"},
    ),
    ("I don't think I'm pregnant but I can't be 100% sure", {PREG: "uncertain"}),
    ("my skins not sensitive at all", {SKIN: "absent"}),
    ("I'm not on aspirin now, I stopped it 5 days before like the leaflet said", {ASPIRIN: "past"}),
    (
        "I don't bruise easily - hang on, scratch that, I do, I'm covered in them",
        {BRUISE: "present"},
    ),
    (
        "my heart stent last year, and my pain tolerance is rubbish",
        {HEART: "present", PAIN: "present"},
    ),
    # a question, then their own statement, not tied to it
    ("can i have meso im on blood thinners", {ASPIRIN: "present"}),
    ("can i have meso if im on blood thinners", {ASPIRIN: "question"}),
    # an exclamation, then the answer; "not on the cards"
    (
        "Pregnant! Goodness me, no, that ship sailed a long time ago, and no breastfeeding either",
        {PREG: "absent", BF: "absent"},
    ),
    ("I'm 63, so pregnancy isn't on the cards", {PREG: "absent"}),
    # "since my thirties ... still flares up": ongoing
    ("I've had psoriasis since my thirties, it still flares up every winter", {ECZEMA: "present"}),
    # everyday words
    ("I get bruises without knowing how", {BRUISE: "present"}),
    ("my pain threshold has been very low since my shingles", {PAIN: "present"}),
    ("i dont like pain, i cry with vaccine", {PAIN: "present"}),
    ("no aspirin, no problem of clotting", {ASPIRIN: "absent", CLOT: "absent"}),
    ("I'm due in August, so would it have to be after that?", {PREG: "present"}),
    # "prob" hedges just before a mention, not as "problem"
    ("prob pregnant lol, and yes still bf my 1st", {PREG: "uncertain", BF: "present"}),
    ("no bleeding prob, no aspirin", {ASPIRIN: "absent"}),
    ("idk my pain tolerance honestly", {PAIN: "uncertain"}),
    # planned, not started: not taken now
    (
        "my doctor wants to put me on blood thinners but I haven't started them yet",
        {ASPIRIN: "absent"},
    ),
    ("I'll be starting retinol after my treatment, I'm not using it now", {RETINOL: "absent"}),
    ("I'm on blood thinners and my doctor wants to start me on another", {ASPIRIN: "present"}),
    # a birth without pain relief is told as a pain tolerance, not a pregnancy
    ("i gave birth with no epidural so i think i'm fine lol", {PAIN: "absent"}),
    ("I gave birth last month and I'm breastfeeding", {PREG: "past", BF: "present"}),
    # an exception, told before, is not hedged by a doubt before it
    (
        "No cancer, and the heart's fine as far as I know, apart from the diabetes I told you "
        "about.",
        {CANCER: "absent", HEART: "absent", DIAB: "present"},
    ),
    (
        "no heart problems as far as i know, apart from maybe diabetes",
        {HEART: "absent", DIAB: "uncertain"},
    ),
    # weeks along; an easy bruiser; taken off a medicine; a hedge on "the sensitive side"
    ("I'm 34 weeks, would it be ok to do my tummy after the birth?", {PREG: "present"}),
    ("I'm 6 weeks post op", {}),
    ("easy bruiser here, always have been", {BRUISE: "present"}),
    ("my doctor took me off Plavix last year", {ASPIRIN: "past"}),
    ("my skin might be on the sensitive side, hard to say", {SKIN: "uncertain"}),
    # told by someone else and doubted: to discuss
    ("my mum keeps saying I bruise easily but I've never noticed it myself", {BRUISE: "uncertain"}),
    ("my sister says i bruise easily and she's right", {BRUISE: "present"}),
    # a child the visitor had is not whose the feeding is; "may" the month hedges nothing
    ("neither, had my youngest 6 years ago and stopped feeding her long ago", {BF: "past"}),
    ("my sister had her baby and is breastfeeding", {BF: "other_person"}),
    ("had my son in may, still breastfeeding", {PREG: "past", BF: "present"}),
    ("I might be pregnant, in may", {PREG: "uncertain"}),
    # "though" / "myself" right after a mention sets it against the denial before it
    ("not pregnant, breastfeeding though", {PREG: "absent", BF: "present"}),
    ("not pregnant, feeding her myself", {PREG: "absent", BF: "present"}),
    ("not pregnant, not breastfeeding though", {PREG: "absent", BF: "absent"}),
    ("not pregnant, breastfeeding", {PREG: "absent", BF: "absent"}),
    ("had my baby in march, she's on formula, never breastfed", {PREG: "past", BF: "absent"}),
    # a no after a whole list answers every member; "nope to" denies like "no to"
    ("cancer, diabetes: no", {CANCER: "absent", DIAB: "absent"}),
    ("eczema/psoriasis no", {ECZEMA: "absent"}),
    ("I have cancer, diabetes no", {CANCER: "present", DIAB: "absent"}),
    ("cancer, diabetes, heart no", {CANCER: "absent", DIAB: "absent", HEART: "absent"}),
    (
        "nope to cancer, nope to diabetes, heart - yes, I have angina",
        {CANCER: "absent", DIAB: "absent", HEART: "present"},
    ),
    ("nope, I have diabetes", {DIAB: "present"}),
    # a bare "heart" listed with cancer or diabetes is the heart condition of the question
    (
        "none of the heart/cancer/diabetes stuff",
        {HEART: "absent", CANCER: "absent", DIAB: "absent"},
    ),
    ("no cancer, diabetes, heart", {CANCER: "absent", DIAB: "absent", HEART: "absent"}),
    ("my heart and lungs are fine", {}),
    # had for a length of time up to now: still there
    ("I've had angina for years", {HEART: "present"}),
    ("I've had diabetes for 10 years", {DIAB: "present"}),
    ("I had cancer for two years, all clear since 2015", {CANCER: "past"}),
    # a test to come, a borderline reading: to discuss
    ("my GP wants to test me for diabetes next week", {DIAB: "uncertain"}),
    ("pretty sure I'm not diabetic but my sugar came back borderline once", {DIAB: "uncertain"}),
    ("I'm a total wuss when it comes to pain", {PAIN: "present"}),
    ("my psoriasis cleared up, no patches for 2 years", {ECZEMA: "past"}),
    # a denial taken back as a maybe, the next condition told apart
    (
        "i don't think I'm pregnant but I could be and I'm on blood thinners",
        {PREG: "uncertain", ASPIRIN: "present"},
    ),
    ("not pregnant, but it could be that I bruise easily", {PREG: "absent", BRUISE: "uncertain"}),
    ("I feed him myself", {BF: "present"}),
    # a choice among the question's conditions is no person in general
    ("the second one brest feeding my baby is 5 months old", {BF: "present"}),
    # trying for a baby: only a doubt about a pregnancy, and only when said
    ("not breastfeeding, but we have been trying for a baby", {BF: "absent"}),
    ("we're trying to conceive so I might be", {PREG: "uncertain"}),
    ("we're trying for a baby", {}),
    # "not really sure" is unsure; bruises they can't explain are a tendency
    (
        "not really sure about the bruising thing I find bruises and don't know where from",
        {BRUISE: "uncertain"},
    ),
    ("I get bruises and dont know how", {BRUISE: "uncertain"}),  # a sign: to discuss
    # a family word in Spanish; the visitor named together with someone else
    ("mi esposo has a heart condition, he wants it for his hair", {HEART: "other_person"}),
    ("Me and my daughter both bruise really easily", {BRUISE: "present"}),
    ("Neither me nor my partner has any heart problems", {HEART: "absent"}),
    # ongoing since a date or for the last months
    ("I've had diabetes since 2019", {DIAB: "present"}),
    ("I've had psoriasis for the last six months", {ECZEMA: "present"}),
    ("had cancer, all clear since 2019", {CANCER: "past"}),
    # not by the time of the treatment, and so still now
    ("I won't be breastfeeding by then, I'm stopping next month", {BF: "present"}),
    ("I won't be breastfeeding, I stopped last month", {BF: "absent"}),
    # a doubt right before the next mention is that one's
    ("not breastfeeding, but I might be pregnant", {BF: "absent", PREG: "uncertain"}),
    ("not pregnant, well I might be", {PREG: "uncertain"}),
    # a denial denied
    ("it's not that I don't bruise easily - I do", {BRUISE: "present"}),
    (
        "maybe I bruise easily? I sometimes find bruises and don't know where from",
        {BRUISE: "uncertain"},
    ),
    # a joke taken back: "jk" corrects like "sorry"
    ("yes pregnant w triplets 🙄 jk no", {PREG: "absent"}),
    # a patient, a resident or a person the visitor cares for is someone else
    ("I'm a nurse asking for a patient with haemophilia", {CLOT: "other_person"}),
    (
        "I'm a carer, the lady I look after has diabetes and a heart condition",
        {DIAB: "other_person", HEART: "other_person"},
    ),
    ("I'm a patient of yours and I have eczema", {ECZEMA: "present"}),
    # a pregnancy test's result
    ("my pregnancy test was negative this morning", {PREG: "absent"}),
    ("did a pregnancy test, it came back positive", {PREG: "present"}),
    # doubting whether one has it: the evidence told beside the doubt stays a doubt
    ("I'm not sure if I have a clotting disorder, my nose bleeds a lot", {CLOT: "uncertain"}),
    # over: "which is gone", "settled down completely now", a time "during chemo" that ended
    ("just the cancer I told you about, which is gone", {CANCER: "past"}),
    (
        "my skin got really sensitive during chemo but it's settled down completely now",
        {SKIN: "past", CANCER: "past"},
    ),
    ("my skin gets really sensitive during chemo", {SKIN: "present", CANCER: "present"}),
    # kept in check is still there
    ("I've got AF but it's controlled, my rate is fine now", {HEART: "present"}),
    ("I had AF years ago, it's gone now", {HEART: "past"}),
    # after a birth: a plain "not pregnant" is a no; feeding that ended is breastfeeding over
    ("had a baby last yr, not feeding anymore n not pregnant", {PREG: "absent", BF: "past"}),
    ("not pregnant anymore, had the baby in may", {PREG: "past"}),
    # pain told in everyday words
    ("i literally cry at flu jabs lol", {PAIN: "present"}),
    ("nah i've got 4 tattoos, needles r nothing", {PAIN: "absent"}),
    (
        "no sensitive skin, no eczema, no pain issues lol",
        {SKIN: "absent", ECZEMA: "absent", PAIN: "absent"},
    ),
    ("honestly after labour I can handle anything", {PAIN: "absent"}),
    ("i gave birth w/o an epidural so no lol", {PAIN: "absent"}),
    # "I'll cope" with the pain; since a time, still so
    (
        "skin's fine. pain - I've given birth, I'll cope lol",
        {SKIN: "absent", ECZEMA: "absent", PAIN: "absent", PREG: "past"},
    ),
    ("I've been on Clexane injections since my knee op two weeks ago", {ASPIRIN: "present"}),
    (
        "I've bruised really easily since I started Eliquis in 2022",
        {BRUISE: "present", ASPIRIN: "present"},
    ),
    ("I've been in remission from leukaemia since 2012", {CANCER: "past"}),
    ("cancer I had, leukemia when I was child, since 20 years I am healthy", {CANCER: "past"}),
    # a heart symptom is no diagnosis
    ("my heart does a weird flutter sometimes, never got it checked", {HEART: "uncertain"}),
    # session 25: a second language, clinicians' shorthand, corrections and choices
    ("No, I'm quite tolerant to pain", {PAIN: "absent"}),
    ("No, I support pain well", {PAIN: "absent"}),
    ("I cannot bear pain well", {PAIN: "present"}),
    ("I'm tougher than I look", {PAIN: "absent"}),
    (
        "My skin is also extremely sensitive, it reacts to every cream. And pain is ok for me",
        {SKIN: "present", PAIN: "absent"},
    ),
    ("Relevant hx - T2DM, diet-controlled, HbA1c 44 last month.", {DIAB: "present"}),
    ("the sugar one", {DIAB: "present"}),
    ("Define 'very sensitive skin' for me, please.", {SKIN: "question"}),
    (
        "my skin got really sensitive during chemo but it's back to normal now",
        {SKIN: "past", CANCER: "past"},
    ),
    ("my skin is very sensitive and my periods are back to normal", {SKIN: "present"}),
    (
        "all of them except the clotting disorder. I bruise like a peach",
        {CLOT: "absent", BRUISE: "present"},
    ),
    (
        "I bruise a bit? not sure if it's more than normal. no clotting problems or aspirin",
        {BRUISE: "uncertain", CLOT: "absent", ASPIRIN: "absent"},
    ),
    (
        "cancer, diabetes, heart problems, none of those except diabetes",
        {CANCER: "absent", DIAB: "present", HEART: "absent"},
    ),
    ("I bruise much more easily than I used to", {BRUISE: "present"}),
    ("Every day I take acetylsalicylic acid 100 mg for prevention", {ASPIRIN: "present"}),
    ("My skin is extremely sensible, it reacts on every cream", {SKIN: "present"}),
    ("Estoy embarazada, 4 months, is it a problem?", {PREG: "present"}),
    ("does having diabetes rule me out?", {DIAB: "question"}),
)
# (message, present, absent, answer)
CASES: Tuple[Tuple[str, Keys, Keys, Optional[str]], ...] = (
    # --- each condition, synonyms, inflections, misspellings ---------------------------------
    ("I'm pregnant", (PREG,), (), None),
    ("I am 20 weeks pregnant", (PREG,), (), None),
    ("We're expecting a baby in May", (PREG,), (), None),
    ("I'm expecting", (PREG,), (), None),
    ("expecting twins!", (PREG,), (), None),
    ("I'm pregnet", (PREG,), (), None),
    ("im pregant lol", (PREG,), (), None),
    ("I'm pregnnat", (PREG,), (), None),  # fuzzy: one swap away from "pregnant"
    ("I AM PREGNANT", (PREG,), (), None),
    ("I'm breastfeeding", (BF,), (), None),
    ("still breast-feeding my 1 year old", (BF,), (), None),
    ("I'm nursing", (BF,), (), None),
    ("lactating mother here", (BF,), (), None),
    ("I breastfeed my son", (BF,), (), None),
    ("pregnant and breastfeeding", (PREG, BF), (), None),
    ("I have cancer", (CANCER,), (), None),
    ("I have cancr", (CANCER,), (), None),
    ("I'm diabetic", (DIAB,), (), None),
    ("type 2 diabetes", (DIAB,), (), None),
    ("I have type 1", (DIAB,), (), None),
    ("I'm on insulin", (DIAB,), (), None),
    ("I have diabeetis", (DIAB,), (), None),  # fuzzy
    ("my blood sugar is high", (DIAB,), (), None),
    ("I have a heart condition", (HEART,), (), None),
    ("heart problems", (HEART,), (), None),
    ("I have a pacemaker", (HEART,), (), None),
    ("arrhythmia", (HEART,), (), None),
    ("I have hart problems", (HEART,), (), None),
    ("some problems with my heart", (HEART,), (), None),
    ("I have a blood clotting disorder", (CLOT,), (), None),
    ("I'm a haemophiliac", (CLOT,), (), None),
    ("hemophilia", (CLOT,), (), None),
    ("My blood doesn't clot properly", (CLOT,), (), None),
    ("von Willebrand disease", (CLOT,), (), None),
    ("I have a bleeding disorder", (CLOT,), (), None),
    ("I bruise easily", (BRUISE,), (), None),
    ("I get bruises really easily", (BRUISE,), (), None),
    ("bruising easily", (BRUISE,), (), None),
    ("I'm prone to bruising", (BRUISE,), (), None),
    ("I bruise a lot", (BRUISE,), (), None),
    ("I take aspirin every day", (ASPIRIN,), (), None),
    ("I'm on blood thinners", (ASPIRIN,), (), None),
    ("I take Warfarin", (ASPIRIN,), (), None),
    ("eliquis", (ASPIRIN,), (), None),
    ("asprin daily", (ASPIRIN,), (), None),
    ("I take ibuprofen", (), (), None),  # NSAIDs are not in the sources
    ("I have very sensitive skin", (SKIN,), (), None),
    ("my skin is really sensitive", (SKIN,), (), None),
    ("my skin reacts to everything", (SKIN,), (), None),
    ("I have eczema", (ECZEMA,), (), None),
    ("exzema on my hands", (ECZEMA,), (), None),
    ("Psoriasis", (ECZEMA,), (), None),
    ("dermatitis", (ECZEMA,), (), None),
    ("I have a low pain tolerance", (PAIN,), (), None),
    # a fear of needles alone is not a pain tolerance (the pain question reads it as a yes)
    ("I'm scared of needles", (), (), None),
    ("I hate needles!!!", (), (), None),
    ("needles terrify me", (), (), None),
    ("I can't handle pain", (PAIN,), (), None),
    ("my pain threshold is very low", (PAIN,), (), None),
    ("it doesn't hurt me much", (), (), None),
    ("I use retinol every night", (RETINOL,), (), None),
    ("tretinoin cream", (RETINOL,), (), None),
    # --- negation ----------------------------------------------------------------------------
    ("I'm not pregnant", (), (PREG,), None),
    ("no heart problems", (), (HEART,), None),  # says nothing about cancer
    ("I don't have diabetes or cancer", (), (DIAB, CANCER), None),
    ("neither pregnant nor breastfeeding", (), (PREG, BF), None),
    ("I've never been pregnant", (), (PREG,), None),
    ("without any bleeding disorder", (), (CLOT,), None),
    ("I haven't got eczema", (), (ECZEMA,), None),
    ("I'm free of cancer", (), (CANCER,), None),
    ("I don't bruise easily", (), (BRUISE,), None),
    # needles denied as a fear: set aside like the fear (the pain question reads it as a no)
    ("I'm not scared of needles", (), (), None),
    ("I don’t have diabetes", (), (DIAB,), None),  # curly apostrophe
    ("Pregnant? No.", (), (PREG,), None),
    ("diabetes: no", (), (DIAB,), None),
    ("pregnant? not me", (), (PREG,), None),
    ("not on any blood thinners, no aspirin", (), (ASPIRIN,), None),
    ("I don't think I'm pregnant", (), (PREG,), None),
    ("my skin isn't sensitive", (), (SKIN,), None),
    ("my pain tolerance is not low at all", (), (PAIN,), None),
    # --- several conditions, affirmed and negated --------------------------------------------
    ("I'm not pregnant but I have diabetes", (DIAB,), (PREG,), None),
    ("I'm not pregnant, I have diabetes", (DIAB,), (PREG,), None),
    ("i'm not pregnant i have diabetes", (DIAB,), (PREG,), None),
    ("I'm diabetic and not pregnant", (DIAB,), (PREG,), None),
    ("I'm not pregnant and have diabetes", (DIAB,), (PREG,), None),
    ("I don't have cancer and I have eczema", (ECZEMA,), (CANCER,), None),
    ("I don't have a clotting disorder but I do bruise easily", (BRUISE,), (CLOT,), None),
    ("I'm not on warfarin anymore but I take aspirin", (ASPIRIN,), (), None),
    ("I have a heart condition and I'm pregnant", (HEART, PREG), (), None),
    ("I'm pregnant, have diabetes and take aspirin", (PREG, DIAB, ASPIRIN), (), None),
    ("Not pregnant. Not breastfeeding.", (), (PREG, BF), None),
    ("Yes, I'm pregnant", (PREG,), (), "yes"),
    ("yes diabetes", (DIAB,), (), "yes"),
    ("No, but I bruise easily", (BRUISE,), (), "no"),
    ("No, I have diabetes", (DIAB,), (), "no"),
    ("nope, no diabetes or heart problems", (), (DIAB, HEART), "no"),
    ("no real heart problems", (), (HEART,), None),
    ("No, no diabetes", (), (DIAB,), "no"),
    ("no to pregnancy, yes to diabetes", (DIAB,), (PREG,), None),
    ("no eczema but psoriasis yes", (ECZEMA,), (), None),
    ("I'm pregnant, not sure about breastfeeding", (PREG,), (), "unsure"),
    ("Maybe, I bruise easily sometimes", (BRUISE,), (), "unsure"),
    # --- other people ------------------------------------------------------------------------
    ("My sister is pregnant", (), (), None),
    ("my mum has diabetes", (), (), None),
    ("She bruises easily", (), (), None),
    ("his heart condition worries me", (), (), None),
    ("my husband is diabetic but I'm not", (), (DIAB,), None),  # his; the visitor's is denied
    ("My wife is pregnant but I have diabetes", (DIAB,), (), None),
    ("I have eczema, my daughter has psoriasis", (ECZEMA,), (), None),
    ("My mum has diabetes and so do I", (DIAB,), (), None),
    ("my doctor says I have diabetes", (DIAB,), (), None),
    ("Can people with diabetes have it?", (), (), None),
    ("Can pregnant women have mesotherapy?", (), (), None),
    ("I'm a pregnant woman", (PREG,), (), None),
    ("diabetes runs in my family", (), (), None),
    ("family history of heart disease", (), (), None),
    ("I have diabetes, it runs in my family", (DIAB,), (), None),
    # --- past pregnancy / breastfeeding (not current), past cancer (still reported) ----------
    ("I was pregnant last year", (), (), None),
    ("I had a baby last year", (), (), None),
    ("I breastfed my kids years ago", (), (), None),
    ("I was pregnant last year and now I'm breastfeeding", (BF,), (), None),
    # --- hedged and hypothetical -------------------------------------------------------------
    ("I might be pregnant", (), (), "unsure"),
    ("I don't know if I have diabetes", (), (), "unsure"),
    ("not sure if my skin counts as very sensitive", (), (), "unsure"),
    ("What if I'm pregnant?", (), (), None),
    ("Am I a good candidate if I have eczema?", (), (), None),
    # --- bare answers ------------------------------------------------------------------------
    ("yes", (), (), "yes"),
    ("ah right. no to all three", (), (), "no"),
    ("I'm male so no", (), (), "no"),
    # a closing answer after a story ("so no", or a sentence of its own)
    ("Well, at my age that is rather unlikely! No.", (), (), "no"),
    ("I am long past all that, so no.", (), (), "no"),
    ("not me, no", (), (), "no"),
    ("me? no, none of those", (), (), "no"),
    ("cool, thanks. nope", (), (), "no"),
    ("Yes!", (), (), "yes"),
    ("yeah", (), (), "yes"),
    ("yep", (), (), "yes"),
    ("Y", (), (), "yes"),
    ("sure", (), (), "yes"),
    ("correct", (), (), "yes"),
    ("I am", (), (), "yes"),
    ("I do", (), (), "yes"),
    ("yes I am", (), (), "yes"),
    ("/affirm", (), (), "yes"),
    ("👍", (), (), "yes"),
    ("no", (), (), "no"),
    ("NO.", (), (), "no"),
    ("nope", (), (), "no"),
    ("nah", (), (), "no"),
    ("n", (), (), "no"),
    ("none", (), (), "no"),
    ("none of these", (), (), "no"),
    ("None of them", (), (), "no"),
    ("not that I know of", (), (), "no"),
    ("nothing like that", (), (), "no"),
    ("neither", (), (), "no"),
    ("I don't", (), (), "no"),
    ("I'm not", (), (), "no"),
    ("I don't think so", (), (), "no"),
    ("no, not that I know of", (), (), "no"),
    ("nope none", (), (), "no"),
    ("Haven't got any of those", (), (), "no"),
    ("/deny", (), (), "no"),
    ("not sure", (), (), "unsure"),
    ("I don't know", (), (), "unsure"),
    ("dunno", (), (), "unsure"),
    ("medium? idk", (), (), "unsure"),  # to the pain question: in between
    ("maybe", (), (), "unsure"),
    ("no idea", (), (), "unsure"),
    ("unsure", (), (), "unsure"),
    ("I think so?", (), (), "unsure"),
    ("um, not sure", (), (), "unsure"),
    ("no... I don't know", (), (), "unsure"),
    ("yes no", (), (), "unsure"),
    ("I'd rather not say", (), (), "declined"),
    ("I’d rather not say", (), (), "declined"),
    ("prefer not to say", (), (), "declined"),
    ("private", (), (), "declined"),
    ("none of your business", (), (), "declined"),
    ("skip", (), (), "declined"),
    # --- nothing found / unrelated -----------------------------------------------------------
    ("what is mesotherapy?", (), (), None),
    ("how much does it cost", (), (), None),
    ("the weather is nice", (), (), None),
    ("Does it hurt?", (), (), None),
    ("I want to cancel my appointment", (), (), None),
    ("I'm a dancer", (), (), None),
    ("I wasn't expecting that", (), (), None),
    ("I work in nursing", (), (), None),
    ("my skin type 2 is oily", (), (), None),
    ("we are trying to conceive", (), (), None),
    ("I have a question", (), (), None),
    ("never mind", (), (), None),
    ("no problem", (), (), None),
    ("no problems", (), (), "no"),
    ("/greet", (), (), None),
    # --- hostile input -----------------------------------------------------------------------
    ("", (), (), None),
    ("   \n\t ", (), (), None),
    ("😀😀😀", (), (), None),
    ("<script>alert('pregnant')</script>", (), (), None),
    ("<b>I'm pregnant</b>", (PREG,), (), None),
    ("I&#39;m on aspirin", (ASPIRIN,), (), None),
    ("אני בהריון", (), (), None),
    ("مرحبا، هل العلاج آمن؟", (), (), None),
    ("\u202eI have eczema\u202c", (ECZEMA,), (), None),
    ("' OR 1=1; DROP TABLE users; --", (), (), None),
    ("x" * 100_000, (), (), None),
)


@pytest.mark.parametrize(("text", "present", "absent", "answer"), CASES, ids=range(len(CASES)))
def test_extract(text: str, present: Keys, absent: Keys, answer: Optional[str]) -> None:
    result = extract(text)
    assert (result.present, result.absent, result.answer) == (present, absent, answer)


def _synonyms() -> list:
    knowledge = load_knowledge()
    return [(s, c.key) for c in knowledge.conditions.values() for s in c.synonyms]


@pytest.mark.parametrize(("synonym", "key"), _synonyms())
def test_every_synonym_is_found_on_its_own(synonym: str, key: str) -> None:
    result = extract(synonym)
    if is_needle_fear(synonym):
        # a fear of needles alone is set aside (the check's pain question still asked); as
        # the answer to that question it is read as a yes (test_actions_screening.py)
        assert result.statuses == {}
        return
    # found, and as the visitor's own (a past one such as "in remission" is still theirs;
    # a borderline state such as "prediabetic" or a symptom such as "palpitations" is
    # uncertain: not the condition itself)
    assert list(result.statuses) == [key]
    borderline = bool(_BORDERLINE.match(synonym))  # the reader's list of such states
    # a medicine also taken for other things ("metformin": PCOS, prediabetes) is to discuss
    borderline = borderline or bool(_DIABETES_MEDICINE.fullmatch(synonym))
    expected = ("uncertain",) if borderline else ("present", "past")
    assert result.statuses[key] in expected


@pytest.mark.parametrize("key", sorted(load_knowledge().conditions))
def test_every_label_can_be_denied(key: str) -> None:
    label = load_knowledge().conditions[key].label
    for text in (f"no {label}", f"I don't have {label}"):
        result = extract(text)
        assert (result.present, result.absent, result.answer) == ((), (key,), None), text


@pytest.mark.parametrize(("text", "statuses"), STATUS_CASES, ids=range(len(STATUS_CASES)))
def test_statuses(text: str, statuses: Dict[str, str]) -> None:
    assert extract(text).statuses == statuses


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("my sisters pregnant, not me", PREG),  # the apostrophe left out
        ("I don't have diabetes, but my mother and my sister both do.", DIAB),
        ("no diabetes but my mum does", DIAB),
        # session 39: the other person after a comma, or after "here" / "in me"
        ("I haven't got diabetes, my brother does", DIAB),
        ("no heart trouble in me, but my dad has one", HEART),
        ("not on warfarin myself, my husband is", ASPIRIN),
    ],
)
def test_someone_elses_beside_the_visitors_denial(text: str, key: str) -> None:
    # the visitor's own "no", and the other person's condition, told as not recorded
    readings = {(m.condition, m.status) for m in extract(text).mentions}
    assert readings == {(key, "absent"), (key, "other_person")}


@pytest.mark.parametrize(
    "text",
    ["no heart probs but my mum had cancer", "no heart problems, though my dad has diabetes"],
)
def test_a_relatives_other_condition_is_not_given_the_visitors_denied_one(text: str) -> None:
    # the mum had cancer, not a heart condition: only the visitor's "no" is read of the heart
    heart = {m.status for m in extract(text).mentions if m.condition == HEART}
    assert heart == {"absent"}


def test_mention_keeps_the_words_as_written() -> None:
    assert extract("I have Type 2 Diabetes").mentions == (
        Mention(condition=DIAB, status="present", text="Type 2 Diabetes"),
    )


def test_negated_mention_is_marked() -> None:
    assert extract("no eczema").mentions == (Mention(ECZEMA, "absent", "eczema"),)


def test_a_statement_beats_a_question_and_present_wins() -> None:
    result = Extraction(
        mentions=(
            Mention(ASPIRIN, "absent", "warfarin"),
            Mention(DIAB, "question", "diabetes"),
            Mention(ASPIRIN, "present", "aspirin"),
            Mention(DIAB, "present", "diabetic"),
            Mention(PREG, "absent", "pregnant"),
            Mention(PREG, "other_person", "pregnancy"),
        ),
        answer=None,
    )
    assert result.present == (ASPIRIN, DIAB)  # in order of first mention
    assert result.absent == (PREG,)
    assert result.statuses == {ASPIRIN: "present", DIAB: "present", PREG: "absent"}


def test_long_input_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    from actions.conditions import extractor as module

    reader = module._extractor()
    analysed: List[int] = []
    original = reader.doc

    def doc(text: str) -> Any:
        analysed.append(len(text))
        return original(text)

    monkeypatch.setattr(reader, "doc", doc)
    result = extract("I have diabetes. " * 6000 + "I am pregnant")
    assert analysed and max(analysed) <= module.MAX_CHARS  # bounded work, whatever the length
    assert result.present == (DIAB,)  # the pregnancy is beyond the analysed 2,000 characters


def test_import_does_no_work() -> None:
    # importing neither imports spaCy nor reads a file, so the action server starts fast
    code = (
        "import sys, actions.conditions as c, actions.knowledge as k\n"
        "assert 'spacy' not in sys.modules\n"
        "assert c._extractor.cache_info().currsize == 0\n"
        "assert k.load_knowledge.cache_info().currsize == 0\n"
    )
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, timeout=60)


def test_a_yes_given_to_someone_else_then_denied_is_a_no() -> None:
    reading = extract("yes I'm on warfarin... wait no, that's my mum's. I don't take anything")
    assert reading.statuses == {ASPIRIN: "other_person"} and reading.answer == "no"


def test_not_particularly_is_a_no() -> None:
    assert extract("Not particularly.").answer == "no"
    assert extract("not especially, no").answer == "no"


def test_no_now_with_a_plan_for_later_is_a_no() -> None:
    text = "I'm not, but we're planning to try for a baby later this year"
    assert extract(text).answer == "no"
    # trying now is no plain no (the check asks again, or reads it as unsure)
    assert extract("I'm not but we are trying for a baby").answer != "no"


def test_a_bare_word_for_an_earlier_answer_said_to_be_someone_elses() -> None:
    text = "hmm wait. earlier with the bruising I was thinking of my sister tbh, that's her not me"
    assert extract(text).statuses == {BRUISE: "other_person"}
    assert extract("the heart one before, that was my dad not me").statuses == {
        HEART: "other_person"
    }
    # an earlier question referred to, but no one else named: nothing read from a bare word
    assert extract("earlier you asked about pain, what did you mean?").statuses == {}


def test_a_yes_taken_back_for_a_mothers_condition_with_me_nothing_is_a_no() -> None:
    reading = extract(
        "Yes cancer... no sorry, I misread, I thought you ask about my mother. She had cancer."
        " Me nothing."
    )
    assert reading.statuses == {CANCER: "other_person"} and reading.answer == "no"


def test_a_doubt_told_of_another_question_by_name_leaves_the_no() -> None:
    told = extract(
        "no. oh and actually about the pregnancy question, we're trying and my period is late,"
        " so maybe?"
    )
    assert told.statuses == {PREG: "uncertain"} and told.answer == "no"
    assert extract("i dont think so? we've been trying for a baby so maybe").answer == "unsure"


def test_the_checks_question_pasted_back_with_its_answer_is_the_answer() -> None:
    pasted = extract(
        "Do you have a blood clotting disorder, bruise easily, or take aspirin or blood"
        " thinners? - yes"
    )
    assert pasted.statuses == {} and pasted.answer == "yes"
    told = extract("Do you have a low pain tolerance? - bit yeah")
    assert told.statuses == {"low_pain_tolerance": "present"} and told.answer == "yes"
    # "I am not" is no yes: the pasted question's conditions are denied
    assert extract("Are you pregnant or breastfeeding? - i am not").statuses == {
        PREG: "absent",
        "breastfeeding": "absent",
    }
    # a question to the clinic is no pasted question
    assert extract("do you have a booking link? I have eczema").statuses == {ECZEMA: "present"}


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # an earlier answer taken back by naming it
        ("ah ignore the pregnant bit, my period came this morning so definitely not pregnant",
         {PREG: "absent"}),
        ("forget what I said about the aspirin, I stopped it last month",
         {"aspirin_or_blood_thinners": "past"}),
        ("ignore what I said about being pregnant, I'm not pregnant", {PREG: "absent"}),
        # a medicine for someone else's heart: their heart condition too
        ("He's on blood thinners for his heart, does that matter?",
         {"aspirin_or_blood_thinners": "other_person", "cardiac_disorder": "other_person"}),
        # unsure of its kind, not of having it
        ("I've got a bleeding disorder, I'm just not sure which type",
         {"blood_clotting_disorder": "present"}),
        ("diabetes, no idea what type", {"diabetes": "present"}),
        ("I might have a bleeding disorder, not sure", {"blood_clotting_disorder": "uncertain"}),
        # a question that takes the condition as given tells it; "if I take" only asks
        ("does it matter that I take aspirin now and then for headaches?",
         {"aspirin_or_blood_thinners": "present"}),
        ("does it matter if I take aspirin?", {"aspirin_or_blood_thinners": "question"}),
        ("is it ok that my mum has diabetes?", {"diabetes": "other_person"}),
        # "I'm not" of what follows it, not of the condition told before
        ("easy bruising. I'm not pregnant", {"prone_to_bruising": "present", PREG: "absent"}),
        ("eczema. I'm not on anything", {ECZEMA: "present", "aspirin_or_blood_thinners": "absent"}),
        ("i'm pregnant - no sorry, i'm not", {PREG: "absent"}),
        # a history told after the name; a medicine told by what it does
        ("No diabetes, no heart problems. Just the cancer history, like I said.",
         {"diabetes": "absent", "cardiac_disorder": "absent", "cancer": "past"}),
        ("DCIS in 2015, treated, in remission since. No cardiac history.",
         {"cancer": "past", "cardiac_disorder": "absent"}),
        ("I'm on tablets to stop my blood clotting since my DVT. is that a clotting disorder?",
         {"aspirin_or_blood_thinners": "present", "blood_clotting_disorder": "question"}),
        ("do I need to stop my acne cream? it's the vitamin A one", {"retinol": "present"}),
        # a "no" after a hedged question that starts a denial of its own is that one's
        ("dunno, I bruise a bit easily maybe? no clotting problems and no aspirin",
         {"prone_to_bruising": "uncertain", "blood_clotting_disorder": "absent",
          "aspirin_or_blood_thinners": "absent"}),
        ("is eczema ok? no I dont have it, no diabetes either",
         {ECZEMA: "absent", "diabetes": "absent"}),
    ],
)  # fmt: skip
def test_answers_taken_back_kinds_and_given_conditions(text: str, statuses: dict) -> None:
    assert extract(text).statuses == statuses


def test_the_checks_question_pasted_back_with_no_denies_what_it_names() -> None:
    # not questions about them: what follows the answer is read on its own
    told = extract("Are you pregnant or breastfeeding? no. does it hurt?")
    assert told.statuses == {PREG: "absent", "breastfeeding": "absent"}
    asked = extract(
        "Do you have very sensitive skin, eczema or psoriasis? - no, does diabetes count?"
    )
    assert asked.statuses == {
        "severe_skin_sensitivity": "absent",
        ECZEMA: "absent",
        "diabetes": "question",
    }
    told = extract("Do you have very sensitive skin, eczema or psoriasis? no, except mild eczema")
    assert told.statuses == {"severe_skin_sensitivity": "absent", ECZEMA: "present"}
    # the visitor's own words are the message when no check question was pasted
    assert (
        without_pasted_question("do you do it on the neck? no wait")
        == "do you do it on the neck? no wait"
    )
    assert without_pasted_question("Are you pregnant? - no") == "no"


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # known about or worked with, not had
        ("I read a lot about clotting disorders", {}),
        ("I work with diabetes patients", {}),
        ("My grandson is a haemophiliac, you see, so I know a bit about clotting.",
         {"blood_clotting_disorder": "other_person"}),
        ("do you know about diabetes?", {"diabetes": "question"}),
        # words as voice typing hears them
        ("I have so rice is on my elbows", {ECZEMA: "present"}),
        ("no ex ma no so rice is nothing like that", {ECZEMA: "absent"}),
        ("I take an as pirin most mornings", {"aspirin_or_blood_thinners": "present"}),
        ("my mum has die a beaties", {"diabetes": "other_person"}),
        ("I use a re tin all serum", {"retinol": "present"}),
        # said to be someone else's; a word said to the one chatting with, not a mate
        ("no, the heart thing is him not me", {"cardiac_disorder": "absent"}),
        ("not pregnant mate no", {"pregnancy": "absent"}),
        ("my mate is pregnant", {"pregnancy": "other_person"}),
        # shorthand in capitals, "bruise more", a skin cancer's initials
        ("AF, paroxysmal. No cancer or diabetes",
         {"cardiac_disorder": "present", "cancer": "absent", "diabetes": "absent"}),
        ("tired af tbh", {}),
        ("no bleeding disorder. i do bruise more on the tablets",
         {"blood_clotting_disorder": "absent", "prone_to_bruising": "present"}),
        ("had a BCC removed two years ago, all clear since", {"cancer": "past"}),
        ("I'm not a bruiser and pain doesn't bother me",
         {"prone_to_bruising": "absent", "low_pain_tolerance": "absent"}),
        ("might be a bit soft with pain, hard to say", {"low_pain_tolerance": "uncertain"}),
        ("I have type 1 von Willebrand disease", {"blood_clotting_disorder": "present"}),
        ("I had eczema as a child, none since I was about 10", {ECZEMA: "past"}),
        # oncology as a place of work
        ("I'm a staff nurse on oncology. I had Hodgkin lymphoma 8 years ago, in remission since",
         {"cancer": "past"}),
        ("I'm an oncology nurse", {}),
        # ... and denied for the visitor: their "no"
        ("I know a bit about clotting from my brother, I don't have it myself",
         {"blood_clotting_disorder": "absent"}),
        ("i know about psoriasis from my sister, not me though", {ECZEMA: "absent"}),
        # referred back: nothing new told of it
        ("No diabetes and no heart problems. The cancer I've told you about.",
         {"diabetes": "absent", "cardiac_disorder": "absent"}),
        ("the aspirin I mentioned, yes", {"aspirin_or_blood_thinners": "present"}),
        # over: "until I lost weight", "off the metformin"
        ("I was diabetic until I lost weight, and I've been off the metformin for two years.",
         {"diabetes": "past"}),
        ("I'm diabetic and will be until I die", {"diabetes": "present"}),
        ("I'm off the warfarin since March", {"aspirin_or_blood_thinners": "past"}),
        # pain told in other words
        ("I'm not especially bothered by pain, I've had both hips done.",
         {"low_pain_tolerance": "absent"}),
        ("I was in the navy, I can take a jab.", {"low_pain_tolerance": "absent"}),
        ("pain I can support, no problem", {"low_pain_tolerance": "absent"}),
        ("I'm not keen on pain, no.", {"low_pain_tolerance": "present"}),
        ("I have very low pain limit, even the dentist is horror for me",
         {"low_pain_tolerance": "present"}),
        # not knowing what it is asks what it is
        ("idk what counts as a clotting disorder tbh", {"blood_clotting_disorder": "question"}),
        ("dunno what a clotting disorder is", {"blood_clotting_disorder": "question"}),
        ("I don't know what kind of diabetes I have", {"diabetes": "uncertain"}),
        # a product put first, then denied; a question, then "mine is not"
        ("retinol I never use", {"retinol": "absent"}),
        ("aspirin I don't take", {"aspirin_or_blood_thinners": "absent"}),
        # not a denial put after its own object ("... and I don't take any meds")
        ("no blood disorders and I don't take any meds.",
         {"blood_clotting_disorder": "absent", "aspirin_or_blood_thinners": "absent"}),
        ("sensitive skin is problem? mine is not, I only ask",
         {"severe_skin_sensitivity": "absent"}),
        ("is eczema a problem? mine is mild", {ECZEMA: "present"}),
        ("only the eczema, the skin on face is not sensitive",
         {ECZEMA: "present", "severe_skin_sensitivity": "absent"}),
        ("Well, I am certainly not expecting at my age, and I am not breastfeeding either!",
         {PREG: "absent", "breastfeeding": "absent"}),
        ("the blood medicine like I say. and yes, bruises I get easy since I take it.",
         {"prone_to_bruising": "present"}),
        ("me not pregnant, and not diabetes, is my mother only",
         {PREG: "absent", "diabetes": "absent"}),
        ("the diabetes is my mum's, not mine", {"diabetes": "other_person"}),
        # hedges in other words
        ("I don't think I bruise easily but I'm not 100% sure", {"prone_to_bruising": "uncertain"}),
        ("pain tolerance? meh, sorta low i guess", {"low_pain_tolerance": "uncertain"}),
        ("pain tolerance: pretty low", {"low_pain_tolerance": "present"}),
        ("no heart probs but my mum had cancer",
         {"cardiac_disorder": "absent", "cancer": "other_person"}),
    ],
)  # fmt: skip
def test_session_27_readings(text: str, statuses: dict) -> None:
    assert extract(text).statuses == statuses


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("not rly", "no"),
        ("nah not rly", "no"),
        ("sorta", "unsure"),
        ("meh", "unsure"),
        ("def not", "no"),
        ("defo", "yes"),
        ("ya def", "yes"),
    ],
)
def test_short_answers_typed_late_at_night(text: str, answer: str) -> None:
    assert extract(text).answer == answer


def test_not_knowing_what_a_condition_is_is_no_unsure_answer() -> None:
    asked = extract("idk what counts as a clotting disorder tbh")
    assert asked.statuses == {"blood_clotting_disorder": "question"} and asked.answer is None
    told = extract("I do bruise a fair bit on it, the backs of my hands are purple half the time")
    assert told.statuses == {"prone_to_bruising": "present"}


@pytest.mark.parametrize(
    "text",
    [
        "hypothyroid on levothyroxine, but none of the three you listed",
        "I have hypothyroidism, but none of those",
    ],
)
def test_something_not_asked_about_then_none_of_those_is_a_no(text: str) -> None:
    result = extract(text)
    assert (result.statuses, result.answer) == ({}, "no")


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a rule read or heard elsewhere, asked about; a form's question ticked no
        ("saw on instagram that pregnant women can't get it, is that so?", {PREG: "question"}),
        ("I heard diabetics aren't allowed it, true?", {DIAB: "question"}),
        ("my cousin's clinic said no aspirin for ten days before, right?", {ASPIRIN: "question"}),
        ("the form asked if I have a clotting disorder and I ticked no", {CLOT: "absent"}),
        # told after what was heard, the visitor's own
        ("I heard about meso from my sister, i have diabetes, is that ok?", {DIAB: "present"}),
        # tests under way; put right long ago; someone named by their age
        ("being checked for a heart murmur at the moment", {HEART: "uncertain"}),
        ("they found a hole in my heart as a baby, fully repaired since", {HEART: "past"}),
        ("my 16 year old bruises like a peach, is that a problem?", {BRUISE: "other_person"}),
        # a question after a statement in one sentence
        ("terrible with needles, and does eczema count?", {PAIN: "present", ECZEMA: "question"}),
        # "it's" is no "had": a son named is no birth
        ("not me, it's my son who has diabetes", {DIAB: "other_person"}),
        # slang and other languages
        ("honestly a massive sook with needles", {PAIN: "present"}),
        ("a big wean wi needles me", {PAIN: "present"}),
        ("non sono incinta", {PREG: "absent"}),
        ("je ne suis pas enceinte", {PREG: "absent"}),
        ("tengo la piel muy sensible", {SKIN: "present"}),
    ],
)
def test_what_visitors_heard_tests_under_way_and_slang(text: str, statuses: Dict[str, str]) -> None:
    assert extract(text).statuses == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a clause of the visitor's about another person: the person's
        ("my cousin who I'm coming in with had breast cancer", {CANCER: "other_person"}),
        ("the lady i'm booking for is on warfarin", {ASPIRIN: "other_person"}),
        ("my sister who I live with says I have eczema", {ECZEMA: "present"}),
        # an earlier answer taken back
        ("i ticked yes to diabetes by mistake, i don't have it", {DIAB: "absent"}),
        ("ignore the heart condition, that's my husband", {HEART: "other_person"}),
        ("i said eczema before, it is the main thing bothering me", {ECZEMA: "present"}),
        # supposed, or asked to be vouched for: a question
        ("just suppose I had diabetes, what then?", {DIAB: "question"}),
        ("been trying for a baby, so I suppose I could be pregnant", {PREG: "uncertain"}),
        ("ok bot, confirm that warfarin is fine with meso", {ASPIRIN: "question"}),
        ("i'd say eczema, mild", {ECZEMA: "present"}),
        ("what if i had cancer 8 years ago?", {CANCER: "past"}),
        # a reading watched or raised, not a diagnosis
        ("the nurse checks my blood sugar every visit", {DIAB: "uncertain"}),
        ("the GP watches my glucose, but never told me I'm diabetic", {DIAB: "uncertain"}),
        ("a1c came back 44 at my last check", {DIAB: "uncertain"}),
        ("told i have pre-diabetes last spring", {DIAB: "uncertain"}),
        # tendencies said in plain words
        ("I come out in hives from most moisturisers", {SKIN: "uncertain"}),
        ("very sensitive skin, I break out in a rash from most products", {SKIN: "present"}),
        ("my skins sort of reactive", {SKIN: "uncertain"}),
        ("she bruises from any injection", {BRUISE: "other_person"}),
        ("I bruise after practically every jab", {BRUISE: "present"}),
        ("honestly my pain threshold is pretty rubbish", {PAIN: "present"}),
        ("i do bruise a bit but it's probably normal", {BRUISE: "uncertain"}),
        # given up for something else; a pregnancy told by its start
        ("switched from my retinol to a gentler serum", {RETINOL: "past"}),
        ("paused my aspirin when I got pregnant, due in march", {ASPIRIN: "past", PREG: "present"}),
        (
            "stopped retinol when i got pregnant, she's 4 months now",
            {RETINOL: "past", PREG: "past"},
        ),
        # a denial after the question, a no chance, a reason told
        ("is breastfeeding a problem? i'm not, just curious", {BF: "absent"}),
        ("pregnant? not a chance lol", {PREG: "absent"}),
        ("mum had a stroke which is why I take aspirin", {ASPIRIN: "present"}),
        # a doubt elsewhere in the sentence is not a denied condition's
        ("skin sensitive-ish, but no psoriasis", {SKIN: "uncertain", ECZEMA: "absent"}),
        # the face clear, the elbows not
        ("eczema on my hands only, the face is totally clear", {ECZEMA: "present"}),
    ],
)
def test_session_31_readings(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


def test_a_no_then_doubted_is_unsure() -> None:
    assert extract("no i don't think so, but maybe, could be early days").answer == "unsure"
    assert extract("nope, but we're trying").answer == "no"


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a contraction in capitals is still a negation
        ("I DON'T have eczema, I said that", {ECZEMA: "absent"}),
        ("NO I'M NOT PREGNANT", {PREG: "absent"}),
        ("oops i meant I DON’T take blood thinners", {ASPIRIN: "absent"}),
        # slang hedges and plain words for a low tolerance, breast pumping
        ("lowkey eczema on my elbows", {ECZEMA: "uncertain"}),
        ("honestly my pain tolerance is pathetic", {PAIN: "present"}),
        ("dunno about my pain, I've never had anything like this done", {PAIN: "uncertain"}),
        ("I'm pumping for my newborn at the moment", {BF: "present"}),
        # a clotting problem told by what the blood does, hedged or not
        ("they think my blood may not clot well, waiting on results", {CLOT: "uncertain"}),
        ("my blood does not clot well", {CLOT: "present"}),
        # "still pumping" of milk, not of a heart
        ("I'm still pumping so maybe not yet", {BF: "present"}),
        ("my heart is still pumping away fine", {}),
        # a cancer told, then said to be over in the same breath
        ("breast cancer, but I'm in remission now", {CANCER: "past"}),
        ("cancer but it's not active anymore", {CANCER: "past"}),
        # the telling denied, not the condition
        ("I never mentioned my psoriasis to the nurse", {ECZEMA: "present"}),
        ("I didn't say I was pregnant", {PREG: "absent"}),
        # a medicine taken now, started long ago
        ("I do take warfarin, the GP started me on it years ago", {ASPIRIN: "present"}),
        # another condition's own type
        ("von Willebrand type 1, mild", {CLOT: "present"}),
        # someone else's, said after the word; a denial not claimed; a double "not"
        ("yes heart condition, my dad has it", {HEART: "other_person"}),
        ("eczema, my sister has it too", {ECZEMA: "present"}),
        ("I wouldn't say I don't have sensitive skin", {SKIN: "uncertain"}),
        ("not not pregnant, just early days", {PREG: "present"}),
        # whether it harms a baby: a question of pregnancy, or of breastfeeding when fed
        ("and if I was, would it hurt the baby?", {PREG: "question"}),
        ("could it affect my baby through the milk?", {BF: "question"}),
        # the question's three names one after another, denied
        ("and no to cancer diabetes heart", {CANCER: "absent", DIAB: "absent", HEART: "absent"}),
    ],
)
def test_session_32_readings(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a test the visitor says was normal denies what it looks for; a bare value does not
        ("had an ECG at work last year, it was normal", {HEART: "absent"}),
        ("my a1c came back fine in the summer", {DIAB: "absent"}),
        ("coagulation tests before my surgery were all in range", {CLOT: "absent"}),
        ("a1c 52 at the last check", {DIAB: "uncertain"}),
        ("my echo wasn't normal", {}),
        # low platelets told by a word, an INR kept at a level
        ("platelet count is always low, they monitor it", {CLOT: "present"}),
        ("I go to the INR clinic every fortnight", {ASPIRIN: "present"}),
        # a relative's condition the visitor has as well
        ("thrombophilia is in the family and I was found positive", {CLOT: "present"}),
        # a positive test counted in weeks
        ("test was positive on sunday, 6 weeks or so", {PREG: "present"}),
        ("neg preg test this week", {PREG: "absent"}),
        # creams only prescribed for psoriasis or eczema
        ("I put Protopic on my eyelids when they flare", {ECZEMA: "present"}),
        # fear of needles is not a pain tolerance; pain said beside it is
        ("petrified of needles, always have been", {}),
        ("needles scare me and my pain threshold is low", {PAIN: "present"}),
        ("I'm afraid of needles but not sure if my pain tolerance is low", {PAIN: "uncertain"}),
        # a hedged tendency backed by what the visitor notices stays a hedge
        ("maybe I bruise easily? I find bruises for no reason sometimes", {BRUISE: "uncertain"}),
        # an unnamed medicine for the blood, not for blood pressure
        ("there's a tablet I take for my blood, can't think of the name", {ASPIRIN: "uncertain"}),
        ("just a tablet for my blood pressure", {}),
        # a feed still given
        ("my son is 10 months, I still do the night feeds", {BF: "present"}),
        # a condition said to be a relative's, with no "my"
        ("the diabetes is dad, not me", {DIAB: "other_person"}),
        # a treatment looked back on after a cancer said to be over
        (
            "had lymphoma 8 years ago, all clear. I get anxious after all the chemo",
            {CANCER: "past"},
        ),
    ],
)
def test_session_33_readings(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("my youngest is 3, I finished breastfeeding years ago", {BF: "past"}),
        ("not pregnant and I gave up feeding last summer", {PREG: "absent", BF: "past"}),
    ],
)
def test_session_33_feeding_that_ended(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("honestly my tolerance for needles is pretty much nil", {PAIN: "present"}),
        ("my pain threshold has got worse since the accident", {PAIN: "present"}),
        ("I can hardly stand a blood test", {PAIN: "present"}),
        ("I swear I feel every single jab", {PAIN: "present"}),
        ("pain threshold is lowish I suppose?", {PAIN: "uncertain"}),
        ("I never flinch at injections", {PAIN: "absent"}),
        ("the pain was no problem last time, I'm quite tough", {PAIN: "absent"}),
        ("my pain threshold has not been bad", {}),
    ],
)
def test_session_33_pain_told_plainly(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


def test_coming_with_me_too_is_not_the_visitors_condition() -> None:
    text = "my sister is coming with me too but she has psoriasis, so she can't?"
    assert read_message(text) == {ECZEMA: "other_person"}


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a first name as the subject is someone else; a capitalised word the lemmatizer
        # knows ("Skin's") is not a name
        ("not on anything myself. Priya's on warfarin though", {ASPIRIN: "other_person"}),
        ("Maddie has type 1 diabetes", {DIAB: "other_person"}),
        ("Skin's really sensitive lately", {SKIN: "present"}),
        ("I Am Diabetic", {DIAB: "present"}),
        # whose it is, put right in the same message
        ("hang on, I said my partner was on aspirin, actually it's me", {ASPIRIN: "present"}),
        ("we both take blood thinners, well actually only him", {ASPIRIN: "other_person"}),
        # who has the treatment is no putting right
        ("my partner is diabetic but it's me getting the treatment", {DIAB: "other_person"}),
        # trying for a baby hedges a pregnancy only
        ("no breastfeeding. we're trying for our second though", {BF: "absent"}),
        ("bottle fed from day one, so no breastfeeding", {BF: "absent"}),
        # a pregnancy told by what happened
        ("I lost a pregnancy in the spring", {PREG: "past"}),
        ("there was a faint line on the test today", {PREG: "present"}),
        ("I bruise easily ever since giving birth", {BRUISE: "present", PREG: "past"}),
        ("how soon after giving birth could I book in?", {PREG: "question"}),
        # breastfeeding told by the milk or the feeds
        ("I express milk for my son twice a day", {BF: "present"}),
        ("we do mixed feeding at the moment", {BF: "present"}),
        ("the baby still gets one feed from me at bedtime", {BF: "present"}),
        ("my blood is pumping just fine", {}),
        # gestational diabetes ends with the pregnancy
        ("only the gestational diabetes from my last pregnancy", {DIAB: "past", PREG: "past"}),
        ("I've got gestational diabetes", {DIAB: "present", PREG: "present"}),
        # near words
        ("a pre-cancerous patch was frozen off my cheek", {CANCER: "uncertain"}),
        ("a cancerous lump was taken out of my arm in 2015", {CANCER: "past"}),
        ("it could be eczema, they're sending off a biopsy", {ECZEMA: "uncertain"}),
        (
            "I may have a clotting problem, they're testing because I bleed a lot",
            {CLOT: "uncertain"},
        ),
        # asked, then told
        ("is retinol a problem? we both use it at night", {RETINOL: "present"}),
        ("do blood thinners matter? I came off them last year", {ASPIRIN: "past"}),
        ("breastfeeding? nope, she's on solids", {BF: "absent"}),
        ("diabetic? yes, type 2", {DIAB: "present"}),
    ],
)
def test_session_34_readings(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    "text, statuses",
    [
        # a trait that "isn't an issue" is no trait (one said as "my" trait stays)
        ("easy bruising is not an issue for me", {BRUISE: "absent"}),
        ("my sensitive skin isnt a problem, it's mild", {SKIN: "present"}),
        # "is" typed without its apostrophe
        ("my girlfriends pregnant, I'm the one asking", {PREG: "other_person"}),
        ("skins not that sensitive except the psoriasis", {SKIN: "absent", ECZEMA: "present"}),
        # a cancer whose treatment is over, unless a treatment goes on
        ("bowel cancer, finished my chemo two years back", {CANCER: "past"}),
        ("lymphoma, and my last scans show no evidence of disease", {CANCER: "past"}),
        ("I have breast cancer and I'm still on chemo", {CANCER: "present"}),
        # feeding that goes on
        ("my son is 6 months and still breastfed at night", {BF: "present"}),
        # a hedge inside or closing what was told
        ("my skin could be sensitive? not sure", {SKIN: "uncertain"}),
        ("I get bruises easier than my friends perhaps", {BRUISE: "uncertain"}),
        ("I take aspirin, perhaps twice a week", {ASPIRIN: "present"}),
        # the partner's pregnancy
        ("I'm not pregnant but my wife is, we're expecting twins", {PREG: "other_person"}),
        # a heart not known yet, a scalp, sugars under control, pain told as no bother
        ("could be something wrong with my heart, they're checking it", {HEART: "uncertain"}),
        ("my scalp is super sensitive, most shampoos sting", {SKIN: "present"}),
        ("my blood sugars are well managed", {DIAB: "present"}),
        ("dads sugars are under control", {}),
        ("im a wimp", {PAIN: "present"}),
        ("pain's fine for me, my brother is a wuss though", {PAIN: "absent"}),
        ("my sister's still breastfeeding her twins", {BF: "other_person"}),
        # asked what counts, then a symptom: to discuss
        ("what counts as very sensitive skin? mine gets blotchy in the sun", {SKIN: "uncertain"}),
    ],
)
def test_session_36_readings(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


def test_needles_that_dont_bother_the_visitor_answer_only_the_pain_question() -> None:
    from actions.conditions import extract

    text = "after two years of drips and blood tests, a few more won't bother me"
    assert extract(text, as_pain_answer=True).statuses == {PAIN: "absent"}
    assert extract(text).statuses == {}  # told by the way: no pain answer


@pytest.mark.parametrize(
    "text, answer", [("🙅", "no"), ("🙅🏽‍♂️", "no"), ("❌", "no"), ("✅", "yes")]
)
def test_answers_by_emoji(text: str, answer: str) -> None:
    assert extract(text).answer == answer


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # session 39: an apology or "oh right" before the answer is no answer of its own
        ("sorry, no", "no"),
        ("oops yes", "yes"),
        ("oh right sorry, none of those", "no"),
        ("oh right", "yes"),  # alone, "right" still agrees
    ],
)
def test_an_apology_before_the_answer(text: str, answer: str) -> None:
    assert extract(text).answer == answer


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # session 40: forms and notes pasted into the chat, read as the sentences they stand for
        ("Breastfeeding: N", {BF: "absent"}),
        ("Heart: NAD\nDiabetes: nil", {HEART: "absent", DIAB: "absent"}),
        ("pregnant - n/a, I'm a man", {PREG: "absent"}),
        ("Diabetes: Y", {DIAB: "present"}),
        ("[ ] psoriasis\n[x] bruise easily", {ECZEMA: "absent", BRUISE: "present"}),
        ("☐ cancer ☑ sensitive skin", {CANCER: "absent", SKIN: "present"}),
        ("Family history: dad bowel ca", {CANCER: "other_person"}),
        ("lung cancer (my uncle)", {CANCER: "other_person"}),
        ("heart condition - my wife, not me", {HEART: "other_person"}),
        ("valve replacement 2019, on warfarin", {HEART: "present", ASPIRIN: "present"}),
        ("I'm not on blood thinners, my dad is (warfarin)", {ASPIRIN: "other_person"}),
        # a clinic letter saying it is over, in a later sentence
        (
            "Bowel ca 2012, surgery + chemo. Discharged from oncology 2017.",
            {CANCER: "past"},
        ),
        ("Breast ca 2019. Currently on chemo again, recurrence confirmed.", {CANCER: "present"}),
        # answers listed with "yes"/"no" after each item
        ("blood thinners no, bruising yes", {ASPIRIN: "absent", BRUISE: "present"}),
        ("bruising no", {BRUISE: "absent"}),
        # their own history, asked about; a stop that belongs to the next condition named
        ("does it matter that I used to have psoriasis?", {ECZEMA: "past"}),
        (
            "I have eczema on my hands and I came off aspirin in June",
            {ECZEMA: "present", ASPIRIN: "past"},
        ),
        # bruises the visitor can't account for
        ("I keep finding bruises on my shins and don't know how", {BRUISE: "present"}),
        ("possibly? I get bruises and have no idea where from", {BRUISE: "uncertain"}),
    ],
)
def test_forms_letters_and_listed_answers(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # session 41: a form typed on one line, its fields parted by a bar or a spaced slash;
        # one field's "no" does not carry over to the next
        ("Diabetes: N | Eczema: Y", {DIAB: "absent", ECZEMA: "present"}),
        (
            "breastfeeding - n / heart - nad / [x] sensitive skin",
            {BF: "absent", HEART: "absent", SKIN: "present"},
        ),
        ("Pregnant: N/A / Cancer: N", {PREG: "absent", CANCER: "absent"}),
        # the question after the last box is not part of the box's item
        ("[ ] cancer / [x] eczema / can I book?", {CANCER: "absent", ECZEMA: "present"}),
    ],
)
def test_a_form_on_one_line(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # session 41: a hedge spelt by ear
        ("i mite have eczema, never been checked", {ECZEMA: "uncertain"}),
        ("mayb diabetic? waiting on bloods", {DIAB: "uncertain"}),
        # a pregnancy told in a story and then a birth: over
        ("did two sessions, then I got pregnant. she's 4 months old now", {PREG: "past"}),
        ("and then fell pregnant, had our little girl in March", {PREG: "past"}),
        ("I just got pregnant!", {PREG: "present"}),
        # a repair as a child is no device in place; a yes qualified at once by a past story
        ("valve repair when I was little, discharged years ago", {HEART: "past"}),
        ("the heart one, yes, but I had a hole in the heart fixed as a baby", {HEART: "past"}),
        (
            "heart, yes, well I had surgery as a kid and now I have an arrhythmia",
            {HEART: "present"},
        ),
        # a list handed to someone else, then one's own
        (
            "my dad's got:\n- angina\n- type 1 diabetes\nI have psoriasis",
            {HEART: "other_person", DIAB: "other_person", ECZEMA: "present"},
        ),
        (
            "her conditions:\n1. breast cancer\n2. eczema",
            {CANCER: "other_person", ECZEMA: "other_person"},
        ),
        # each item's owner after a dash
        (
            "1. Diabetes - my grandmother\n2. Heart disease - my cousin",
            {DIAB: "other_person", HEART: "other_person"},
        ),
    ],
)
def test_hedges_by_ear_stories_and_lists_of_another(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # session 41: conditions spelt by ear; a dropped "g"; two slips in a long word
        ("im still breast feedin", {BF: "present"}),
        ("my mum is diabeetik", {DIAB: "other_person"}),
        ("i think i have sorryasis", {ECZEMA: "uncertain"}),
        ("my skin reacts so badly to everything", {SKIN: "present"}),
    ],
)
def test_conditions_spelt_by_ear(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # session 41: answers set out on one line or in a list
        (
            "1) pregnant - no 2) cancer - no 3) heart - yes, AF",
            {PREG: "absent", CANCER: "absent", HEART: "present"},
        ),
        ("Notes:\n- Heart: no\n- Skin: fine", {HEART: "absent", SKIN: "absent", ECZEMA: "absent"}),
        ("diabetes - no / bruising - yes", {DIAB: "absent", BRUISE: "present"}),
        # a cancer whose follow-up scans are clear is over
        ("had chemo for bowel cancer, my latest scans have been clear", {CANCER: "past"}),
        # a doubt that cannot be ruled out; a yes given by mistake, then the truth
        ("probably not breastfeeding... well I can't totally rule it out", {BF: "uncertain"}),
        ("I clicked yes for diabetes by accident, I'm not diabetic", {DIAB: "absent"}),
    ],
)
def test_listed_answers_clear_scans_doubts_and_mistakes(
    text: str, statuses: Dict[str, str]
) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # session 41: one "no" for every condition joined by a slash (they were read as present)
        ("pregnant/breastfeeding: no", {PREG: "absent", BF: "absent"}),
        ("2) cancer/heart - nope", {CANCER: "absent", HEART: "absent"}),
        ("eczema/psoriasis - none", {ECZEMA: "absent"}),
        # a "yes" to joined conditions says nothing of which: both, as before
        ("pregnant/breastfeeding - yes", {PREG: "present", BF: "present"}),
        # the pain question answered in a form
        ("Pain tolerance - average", {PAIN: "absent"}),
        ("pain threshold: very low / pregnant: no", {PAIN: "present", PREG: "absent"}),
    ],
)
def test_joined_answers_and_pain_in_a_form(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    "text", ["I've had much worse", "honestly nothing really scares me", "I can take it"]
)
def test_toughness_answers_the_pain_question(text: str) -> None:
    assert extract(text, as_pain_answer=True).statuses == {PAIN: "absent"}


def test_none_of_them_by_number() -> None:
    assert extract("0 of them").answer == "no"


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        # session 40: a reason after the choice; "no to the rest"; a doubt after it is no choice
        ("the first one lol, my son is 2 months", ([0], False)),
        ("yes to the second one, no to the rest", ([1], True)),
        ("the 2nd one, I don't think so though", None),
        ("first one, but not really", None),
    ],
)
def test_a_choice_by_place_with_more_said(text: str, choice: Any) -> None:
    from actions.conditions.answers import chosen_places

    assert chosen_places(text, 2) == choice


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # session 44: plans and starts to come are not conditions now
        ("I'm hoping to breastfeed this time round", {BF: "question"}),
        (
            "we'd like to try for a baby, in case I fall pregnant mid-course is it bad?",
            {PREG: "question"},
        ),
        (
            "my GP is putting me on apixaban next month, not taking anything yet",
            {ASPIRIN: "absent"},
        ),
        ("the consultant is starting me on clopidogrel in three weeks", {ASPIRIN: "uncertain"}),
        ("I might need warfarin one day but I'm not on it", {ASPIRIN: "absent"}),
        ("I would have been on aspirin but I turned it down", {ASPIRIN: "absent"}),
        ("I'm on rivaroxaban and starting aspirin next week as well", {ASPIRIN: "present"}),
        # supposed, with "if I had" after a question word or opening the sentence
        ("would I still be allowed if I had a heart condition?", {HEART: "question"}),
        ("so if I had really sensitive skin, would it sting more?", {SKIN: "question"}),
        ("could I still have it if I had eczema as a teenager?", {ECZEMA: "past"}),
        # the earlier words referred to; an earlier question's condition given to someone
        ("I had cancer years ago, all clear, I believe I said so", {CANCER: "past"}),
        ("I did say I had psoriasis, it's flaring on my knees now", {ECZEMA: "present"}),
        ("about the heart one, my dad has it, I don't", {HEART: "other_person"}),
        (
            "no to all the questions you asked, pregnant, diabetes, eczema, all no",
            {PREG: "absent", DIAB: "absent", ECZEMA: "absent"},
        ),
        # a cause given is no doubt; a denial by who one is; a yes with what it counts
        ("I bruise loads but I reckon that's just from the gym", {BRUISE: "present"}),
        ("I'm not the kind of person who bruises easily", {BRUISE: "absent"}),
        ("yes if a spot of psoriasis on my elbow counts", {ECZEMA: "present"}),
        ("depends what you mean by sensitive skin, soap stings sometimes", {SKIN: "uncertain"}),
        ("I'm sensitive to nearly all skincare", {SKIN: "present"}),
        # a reading beside the condition denied by name; a diabetes reversed; a test to come
        ("my glucose was a little high last year but I'm not diabetic", {DIAB: "absent"}),
        ("my type 2 diabetes is reversed now, no tablets", {DIAB: "past"}),
        ("I'm booked in for bloods next week to check for diabetes", {DIAB: "uncertain"}),
        # a pregnancy hoped for and doubted; a partner due; the end of feeding still to come
        ("probably not pregnant, we have been trying though", {PREG: "uncertain"}),
        ("my girlfriend is due in August", {PREG: "other_person"}),
        ("I'll book once I've finished breastfeeding, he's 4 months", {BF: "present"}),
        (
            "yes to the breastfeeding one, he's 9 weeks old, not pregnant though",
            {BF: "present", PREG: "absent"},
        ),
    ],
)
def test_session_44_readings(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses", "answer"),
    [
        # session 44: a test done, negative, with no other kind named; "only if you count X"
        ("took a test on friday - negative!", {PREG: "absent"}, None),
        ("had a covid test, negative", {}, None),
        ("only if you count my asthma", {}, "no"),
        ("only if you count the psoriasis on my scalp", {ECZEMA: "present"}, None),
    ],
)
def test_session_44_tests_and_counted_answers(
    text: str, statuses: Dict[str, str], answer: Optional[str]
) -> None:
    extraction = extract(text)
    assert extraction.statuses == statuses
    if answer is not None:
        assert extraction.answer == answer


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # session 45: a denial set after a comma or a dash inside the phrase
        ("oily skin, not sensitive", {SKIN: "absent"}),
        ("skin - not sensitive at all", {SKIN: "absent"}),
        # an opinion denied ("can't say", "wouldn't say") reads the plain way round
        ("I wouldn't really say my skin is sensitive", {SKIN: "absent"}),
        ("can't say I've ever had cancer", {CANCER: "absent"}),
        ("honestly I can't say I bruise easily", {BRUISE: "absent"}),
        ("couldn't say needles bother me", {PAIN: "absent"}),
        ("I can't say I'm good with needles", {PAIN: "present"}),
        ("I can't say whether I'm pregnant", {PREG: "uncertain"}),
        # bruising told as ordinary
        ("my bruising? I bruise like any normal person", {BRUISE: "absent"}),
        ("I bruise no more than most people", {BRUISE: "absent"}),
        ("I bruise like a peach", {BRUISE: "present"}),
        # a worry in general is no condition of one's own; one named as theirs is
        ("since my dad's stroke I worry about heart problems", {HEART: "question"}),
        ("I worry about my diabetes before anything like this", {DIAB: "present"}),
    ],
)
def test_session_45_readings(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a modal opening a question with the condition as its subject: asked, no doubt
        ("so might eczema rule me out?", {ECZEMA: "question"}),
        ("could blood thinners be an issue?", {ASPIRIN: "question"}),
        ("could be pregnant, not sure", {PREG: "uncertain"}),
        # "not that I have it": the condition asked about, denied
        ("is psoriasis a problem? not that I've got it", {ECZEMA: "absent"}),
        ("do blood thinners count? not that I'm on any", {ASPIRIN: "absent"}),
    ],
)
def test_session_45_questions_and_asides(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


def test_a_doubled_not_is_read_through_as_a_pain_answer() -> None:
    extraction = extract("I'm not not a coward with needles, put it that way", as_pain_answer=True)
    assert extraction.statuses == {PAIN: "present"}


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a heart called dodgy; a pain threshold told in a cleft
        ("no diabetes, just my heart is a bit iffy", {DIAB: "absent", HEART: "present"}),
        ("it's my pain tolerance that's terrible", {PAIN: "present"}),
        # bruising named alone as the one told
        ("no thinners, nothing apart from some bruising", {ASPIRIN: "absent", BRUISE: "present"}),
        ("clotting no, bruising yeah", {CLOT: "absent", BRUISE: "present"}),
        # a list, then answers by place
        ("pregnant, breastfeeding: yes to 2, no to 1", {PREG: "absent", BF: "present"}),
        # a denial, then tests still to come for it; not someone else's tests
        ("not diabetic as far as I know but I'm booked in for bloods next week",
         {DIAB: "uncertain"}),
        ("I'm not diabetic but my dad is having tests", {DIAB: "absent"}),
        # never told or diagnosed, with nothing else said of it: a no; with signs or a doubt
        # beside it, to discuss
        ("I've never been told I have a heart condition", {HEART: "absent"}),
        ("never been diagnosed with diabetes but my sugars run high", {DIAB: "uncertain"}),
        # the visitor's own child weaned: the feeding over, the pregnancy theirs to deny
        ("weaned my daughter last month, not pregnant either", {BF: "past", PREG: "absent"}),
    ],
)  # fmt: skip
def test_session_45_plain_words_lists_and_pending_tests(
    text: str, statuses: Dict[str, str]
) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # irony taken back: the clause said is the one denied
        ("oh sure, I'm definitely pregnant 😂 ...not", {PREG: "absent"}),
        ("yep breastfeeding quadruplets 🙄 obviously not", {BF: "absent"}),
        ("as if I was pregnant at my age lol", {PREG: "absent"}),
        ("needles? yeah right I have a low pain tolerance 🤣", {PAIN: "absent"}),
        # not irony: a "not" that goes on, a "yeah right," agreeing, a plain yes with a laugh
        ("I think I'm pregnant... not certain yet", {PREG: "uncertain"}),
        ("yeah right, I'm on warfarin so does that rule me out?", {ASPIRIN: "present"}),
        ("yes I'm diabetic haha", {DIAB: "present"}),
        # jokes and likenesses that answer
        ("the only thing I'm expecting with is a pizza delivery", {PREG: "absent"}),
        ("no cancer, no heart trouble, and I clot just fine", {CANCER: "absent", HEART: "absent",
                                                               CLOT: "absent"}),
        ("bruising? like an apple in a fruit bowl", {BRUISE: "present"}),
        ("I scream over every paper cut", {PAIN: "present"}),
        ("pain? total baby about it", {PAIN: "present"}),
        ("my feelings are very sensitive, but my skin, not at all", {SKIN: "absent"}),
        ("my skin is about as sensitive as a crocodile's back", {SKIN: "absent"}),
        ("my face breaks out if I even walk past a perfume counter", {SKIN: "present"}),
        ("pain threshold - excellent, I've had two kids", {PAIN: "absent"}),
        ("cancer in 2015, all clear now, take that cancer", {CANCER: "past"}),
        # a pet's condition is not the visitor's; "could I have it too" asks about the treatment
        ("our dog has diabetes, is that a problem for me?", {DIAB: "other_person"}),
        ("my sister has eczema, could I have it too?", {ECZEMA: "other_person"}),
        ("my dad has eczema, I've got it as well", {ECZEMA: "present"}),
    ],
)  # fmt: skip
def test_session_46_jokes_irony_and_pets(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a tag question asks
        ("I'm on citalopram, but that isn't a thinner... it's not a blood thinner, is it?",
         {ASPIRIN: "question"}),
        ("the rash on my elbows, it's not psoriasis is it?", {ECZEMA: "question"}),
        # a statement with a question after it is still told
        ("I'm not breastfeeding, is that ok?", {BF: "absent"}),
    ],
)  # fmt: skip
def test_session_46_tag_questions(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize("text", ["honestly I don't even know any more", "i dont really know"])
def test_session_46_not_knowing_is_unsure(text: str) -> None:
    assert extract(text).answer == "unsure"


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # a pregnancy's routine scan is no doubt about it; a scan awaited for a condition is
        ("11 weeks pregnant, we had the dating scan on Monday", {PREG: "present"}),
        ("I might have a heart problem, they're booking me a scan", {HEART: "uncertain"}),
        # a birth by caesarean is a pregnancy over
        ("I've had a caesarean 6 weeks ago, formula feeding", {PREG: "past", BF: "absent"}),
        # a stent that is not the heart's
        ("they put a stent in my ureter, heart's all fine", {HEART: "absent"}),
        ("I've got two stents since my heart attack", {HEART: "present"}),
    ],
)  # fmt: skip
def test_session_46_procedures(text: str, statuses: Dict[str, str]) -> None:
    assert read_message(text) == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # sureness below a hundred per cent is a doubt
        ("not breastfeeding, I'd say 80% certain", {BF: "uncertain"}),
        ("100% sure I'm not pregnant", {PREG: "absent"}),
        # an answer taken back at once: what is said instead, "it" as the medicine before
        ("I came off warfarin... hang on, no, I still take it at night", {ASPIRIN: "present"}),
        ("no eczema, oh wait, actually I have a bit on my hands", {ECZEMA: "present"}),
    ],
)  # fmt: skip
def test_session_46_sureness_and_answers_taken_back_at_once(
    text: str, statuses: Dict[str, str]
) -> None:
    assert read_message(text) == statuses
