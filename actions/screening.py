"""The suitability (contraindication) check: start, read every turn, summarise, stop.

The check is Rasa's `screening_form` with five questions (knowledge/contraindications.yml
`groups`). Its validation (`validate_screening_form`) never rejects a message silently: each
visitor turn inside the check is read whole (`read_turn`) and gets a reply that addresses it,
in this order:

1. what was understood ("Noted: diabetes; not pregnant"), what was left out (someone else's
   condition) and answers to what was asked (a condition question, an FAQ, thanks, a request
   for the clinic's contact or booking link);
2. an `avoid` finding at once, with its source, and the choice to go on or stop;
3. then the form asks the next unknown question (worded by slots, see domain.yml), or, when
   nothing is left, the rule "finish the check" gives the result.

Goodbye or stop end the check from the validation (requested_slot None) with
`screening_end` saying why; `action_summarise_screening` then says what fits. Only
forget-me and emergency or urgent warning signs are handled by rules instead (the form's
slot mappings skip those intents, so the form rejects them and the rules run).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import takewhile
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.clinic import clinic_template_vars
from actions.conditions import NOT_NOT, Extraction, Mention, extract, without_pasted_question
from actions.conditions.answers import answers_in_order, chosen_places
from actions.conditions.evidence import names_a_test
from actions.conditions.figures import plain
from actions.fallback import also_asked_responses, more_of_the_answer
from actions.knowledge import Group, Knowledge, load_knowledge
from actions.names import (
    ACTION_ANSWER_CONDITION_QUESTION,
    ACTION_ANSWER_FOR_SOMEONE_ELSE,
    ACTION_CARRY_ON,
    ACTION_END_AFTER_WARNING,
    ACTION_GOODBYE_AFTER_WARNING,
    ACTION_PAUSE_SCREENING,
    ACTION_REPEAT_RESULT,
    ACTION_RESUME_SCREENING,
    ACTION_START_SCREENING,
    ACTION_SUMMARISE_SCREENING,
    ACTION_WARNING_FOLLOWUP,
    VALIDATE_SCREENING_FORM,
)
from actions.safety import (
    CLEAR_FAQ_TOPIC,
    PAUSED_URGENT,
    PREPARATION,
    advice_again,
    asks_the_cause,
    covered_answers,
    not_covered_reply,
    previous_message,
    serious_warning_lately,
    sign_told_in_pieces,
    told_together,
    warning_reply,
)
from actions.turns import (
    bot_messages,
    bot_responses,
    earlier_user_events,
    faq_confidence,
    faq_response,
    latest_intent,
    message_entity,
    message_text,
    previous_faq,
    responses_just_before,
    responses_this_turn,
    said,
)
from meso.settings import source_titles
from meso_nlu.classifier import question_parts
from meso_nlu.courtesy import BYE, CALLING_FOR_HELP, DELAYS, GREETING_FIRST, THANKS
from meso_nlu.not_covered import subject_of
from meso_nlu.safety import (
    ARE_YOU_SURE,
    ASKS_FOR_NUMBER,
    FOLLOW_UP_ENTITY,
    MORE_REQUEST,
    MORE_VALUE,
    RECAP,
    REPEAT_REQUEST,
    REPEAT_VALUE,
    REQUESTS,
    RESULT_QUESTIONED_ENTITY,
    SOMEONE_ELSE,
)
from meso_nlu.safety import ASKS_SUITABILITY as SUITABILITY_ASKED
from meso_nlu.warning_signs import detect as detect_sign

CONDITIONS_SLOT = "screening_conditions"
RETRIES_SLOT = "screening_retries"
GOING_ON = re.compile(
    r"(?<!not )(?<!nt )(?<!n't )(?<!wont )(?<!won't )(?<!dont want to )(?<!don't want to )"
    r"(?<!not want to )(?<!rather not )(?<!no need to )(?<!mind )(?<!mind about )"
    r"(?<!bother with )(?<!bother going through )(?<!bother asking )(?<!nvm )"
    r"(?<!leave )(?<!skip )(?<!drop )(?<!forget )"  # "I'll leave the rest of the questions"
    # "I don't need the rest of the questions, let's leave it there"
    r"(?<!dont need )(?<!don't need )(?<!do not need )(?<!dont want )(?<!don't want )"
    r"(?<!through )"  # ("go through the rest of it" is read whole, with its own negations)
    r"\b(continue|go on|carry on|keep going|next question|finish (it|this|the (check|questions|"
    r"rest))|(do|see|hear|have|ask) the rest|go through the rest|the rest of (it|the questions)|"
    # "yes go ahead with the rest" (not "go ahead and book me in")
    r"go ahead(?! (and |with )?(the )?(book\w*|appointment|consult\w*))|"
    r"lets (see|do|hear) (them|the others|the other questions))\b"
    r"(?!.{0,20}\b(another time|later|next time|tomorrow|some other time|some time)\b)",
    re.I,
)
# A no that answers the check's question, not "shall we go on?": "fine. no to all three".
NO_TO_ALL = re.compile(
    r"\bno (to )?(all|any|both|either|those|these|them|each)"
    r"( (three|two|of (them|those|these)))?\b|"
    r"\bnone of (them|those|these|the above|that)\b|\b(all|both) (no|nope)\b",
    re.I,
)
PARTIAL_SLOT = "screening_partial"
REMAINING_SLOT = "screening_remaining"
PENDING_SLOT = "screening_pending"  # None, "which", "avoid" or "continue"
TOPIC_SLOT = "screening_topic"  # the condition last talked about ("does that count?")
PREVIOUS_SLOT = "screening_previous"  # the question answered last turn (for corrections)
END_SLOT = "screening_end"  # why the form ended: "complete", "goodbye" or "stopped"
REQUESTED = "requested_slot"
ACTION_LISTEN = "action_listen"
ANSWER_INTENTS = {"affirm": "yes", "deny": "no"}
UNANSWERED_VALUES = ("unsure", "declined", "skipped")
RECORDED = ("present", "absent", "past", "uncertain")  # statuses the check keeps
TO_DISCUSS = ("past", "uncertain")  # kept as "to discuss with a professional"
# A pregnancy or breastfeeding that is over is no reason to discuss: the articles name them
# only while they last (a past cancer or diabetes still is).
OVER_WHEN_PAST = frozenset({"pregnancy", "breastfeeding"})
# Kept under a question's own key: the visitor answered it by naming some of its conditions
# ("I take aspirin" to the bleeding question); the others were not mentioned, and the result
# says so instead of asking the question again.
NAMED_ONLY = "named_only"
# A past condition that leaves another of its question open: a birth told ("had my baby in
# March") does not say whether they breastfeed, an avoid-level condition (decision 0022).
STILL_ASKED_AFTER = {"pregnancy": "breastfeeding"}
RESTART_PATTERN = re.compile(
    r"\b(start (it )?(over|again)|restart|from the (beginning|start|top)|from scratch|"
    r"redo (the |your |that |my )?(questions|check|quiz|screening))\b",
    re.I,
)
CORRECTION_PATTERN = re.compile(
    r"\b(i meant|i mean|meant to say|meant|correction|my (mistake|bad)|scratch that|"
    r"changed my mind|"
    r"misread|misclicked|mis-clicked|wrong button|pressed the wrong|i lied|(answer|one) (from )?"
    # not "bumps from the last one" (the last treatment)
    r"(before|earlier)|(?<!from the )(?<!since the )(?<!after the )(?<!from my )(?<!since my )"
    r"(?<!after my )(previous|last|other) (question|one|answer)|the one before|go back|"
    # "ok then put me down as not sure for that one"
    r"put me down as|mark me (down )?as|change (that|it|my answer) to)\b",
    re.I,
)
# Words around a correction, dropped before reading its answer ("sorry, I meant yes").
CORRECTION_WORDS = re.compile(
    r"\b(sorry|oops|actually|wait|oh|no wait|ah|ok then|okay then|ok|for that one|for that)\b|"
    + CORRECTION_PATTERN.pattern,
    re.I,
)
# "not me. he has type 2 tho": no for the visitor, beside someone else's condition.
NOT_ME = re.compile(
    r"^\W*(not me|not for me|me no|i dont|i don't|nope not me|me personally,? no|"
    r"not me personally|personally,? no)\b",
    re.I,
)
# Beside someone else's condition, the visitor's own health said to be fine.
SELF_FINE = re.compile(
    r"\b(i'?m|i am|im|me) (healthy|fine|ok|okay|all good|all clear|clear|grand)\b|"
    r"\b(but|and) (i|me) (dont|don't|do not|haven't|havent|am not|'m not|m not)\b|"
    # "my husband's got a heart condition, does that matter? I don't"
    r"[.?!]\s*(i|me) (dont|don't|do not|haven't|havent)( though| tho| myself| personally)?\W*$|"
    r"\bnot me\b|\bme,? no\b|\b(me neither|me either|nor me|nor do i|neither do i|me no)\b",
    re.I,
)
# "and no blood stuff", "no heart issues": no to the question's subject, named loosely.
NO_TO_TOPIC = re.compile(
    r"^\W*((and|also|oh|ok|okay|so|um)\W+)?(no|none of the|nothing|no to the) "
    r"(\w+ ){1,2}(stuff|things?|questions?|ones?|issues?|problems?|bits?)\W*$",
    re.I,
)
# "skin no", "heart: nope": the question's subject, then the answer.
TOPIC_THEN_NO = re.compile(
    # (not "not breastfeeding no": that no is the denial's, the rest of the question open)
    r"^\W*((oh|ah|ok|okay|so|um|right)\W+)?(?!(not|no)\b)(the\s+)?[a-z']+(\s+[a-z']+)?"
    r"(\s+(one|question|thing))?[\s,.:;-]+(no|nope|nah|none)\W*$",
    re.I,
)
# "wait, which question are we on?": the pending question again (no retry counted)
WHICH_QUESTION = re.compile(
    r"\b(which|what) question\b|\bwhere (were|are) we\b|\bwhat (was|is) the question\b|"
    r"\b(repeat|say) (the|that) question\b|\blost track\b",
    re.I,
)
# "no, none of the rest": the conditions of questions answered by naming others
REST_IS_NO = re.compile(
    r"\b(none of the (rest|others?)|(the )?rest (is |are )?(a )?(no|not)|not the (rest|others)|"
    r"no to the (rest|others?)|the others? (are |is )?(no|not))\b",
    re.I,
)
# "... all clear since. nothing else": no to the rest of the question
NOTHING_ELSE = re.compile(
    r"\b(nothing else|no others?|none of the others|(thats|that's|that is) (it|all)|"
    r"otherwise (fine|healthy|nothing)|"
    # "no blood thinners, no bruising, nothing like that": after a denial, the rest too
    r"(?<=, )(and )?nothing (like|of) (that|the sort)(?=\W*$))\b",
    re.I,
)
# "no to all three" or "none of them" anywhere in a longer message.
# An opening "no", then one of the question's conditions as the exception: "oh right, no.
# I do take an aspirin most mornings though" (no clotting disorder, no easy bruising).
NO_BUT_ONE = re.compile(
    r"^\W*((oh|ah|um|hmm|well|ok|okay|right)\W+){0,2}(no|nope|nah)\s*[.,;!-]+\s*\S.*"
    r"\b(though|but|except|apart from|only)\b",
    re.I,
)
# A half yes to a bundled question ("kind of"): one of them, in part; which one is asked.
PARTLY_YES = re.compile(
    r"^\W*(kind of|kinda|sort of|sorta|kind of yes|kind of yeah|sort of yes|sort of yeah|"
    r"kinda yeah|sorta yeah|a bit|a little|partly|in a way|sometimes|one of them sort of|ish|"
    # "yes and no" to a bundled question: one of them, not all
    r"yes and no|yes & no|yes n no|yeah and no|yes and no(,| -)? (sort of|kind of|ish))\W*$",
    re.I,
)
NONE_OF_THEM = re.compile(
    r"\b(no to (all|both|everything)( \w+)?|"
    r"none of (them|those|these|that|the (three|3|two|2|above|others?))|"
    r"(dont|don't|do not) have any of (them|those|these|that)|"
    # "I have nothing of these" (word for word from other languages)
    r"(i have |i got |have )?nothing of (them|those|these|this|that)|"
    r"(the )?others? (are )?(no|not)|no to the others?|not the others?|rest (is |are )?no|"
    r"or any of (those|them|these)|(or|nor) anything (like that|else|of the sort|similar)|"
    r"(or|nor) anything(?= *(really|at all|tbh)?\W*$)|"
    # "I am seventy-four years of age, so neither of those applies to me"
    r"(neither|none) of (them|those|these|that|the two|the three) (appl(y|ies)|is true|are true)|"
    r"(that|those|these|they|it) (does not|doesnt|do not|dont) apply|"
    # "my boyfriends on warfarin lol. me, nothing like that"; "same as the last two, no"
    r"\bme,? (nothing|none|no)( like that| of (that|those|them))?(?=\W*$)|"
    r"(same as|like) (before|above|the (last|other|previous) (one|two|ones|questions?))\W+"
    r"(no|nope|nah|none)(?=\W*$))\b",
    re.I,
)
# Answers to "shall we go on?" (after an avoid finding, or the contact or booking details).
GO_ON = re.compile(
    r"\b(go on|carry on|keep going|continue|lets continue|let's continue|next|finish it|"
    r"lets finish|let's finish|go ahead|sure|yes|yeah|yep|ok|okay)\b",
    re.I,
)
# (beside Turn.stops, whose STOP_CHECK also reads "I won't go on")
STOP_HERE = re.compile(
    # not a time ("how long after i stop feeding can i have it?") nor a medicine or a feed
    r"\b((?<!after i )(?<!when i )(?<!once i )(?<!until i )(?<!till i )(?<!before i )(?<!if i )"
    r"stop(?!\s+(feeding|breastfeeding|breast feeding|nursing|pumping|taking|using|my|the "
    r"(aspirin|medic|pill|blood|feed))\b)|"
    r"no point|that's enough|thats enough|enough|end it|no thanks|"
    # not "ok never mind, I'll answer. no": never mind what was said before
    r"never ?mind(?!\W+(i'?ll|i will|ill|let'?s|lets|go on|carry on|continue|i can|i'?m happy))|"
    r"skip (it|the rest)|forget it|leave it|(don'?t|dont|do not) bother)\b",
    re.I,
)
# A request to stop the check in a sentence of its own ("can we stop this, I'll wait"), not
# about a medicine ("can we stop my aspirin?" is a question for a professional).
STOP_CHECK = re.compile(
    r"\b(can we|could we|let'?s|lets|please|pls|i want to|i'd like to|id like to)\s+(just\s+)?"
    r"(stop|end|quit|cancel|pause)\b(?!\s+(taking|using|my|the (aspirin|medic|pill|blood)))"
    r"|\bstop (this|the check|the questions|here)\b(?!\s+(medic|meds|pill|tablet|drug|injection|"
    r"cream|serum|aspirin|retinol|blood))|^\W*(stop|end|quit|cancel)\W*$"
    # "i dont really want to share health stuff with a bot tbh, stop"
    r"|[,.;!]\s*(stop|stop it|stop please|please stop|stop now)[\s.!]*$"
    # "I'll just talk to the clinic, you can stop"
    r"|\b(you can|u can|feel free to|you may|we can) (just )?(stop|end|leave it|cancel)"
    r"( (it|there|now|here|the check|the questions))?( (now|here|there))?[\s.!]*$"
    # "no thats fine ill finish it with the nurse"
    r"|\b(ill|i'll|i will|id rather|i'd rather) (finish|do|go through) (it|this|the rest)\b"
    r"(\s+\w+){0,3}\s+(with|at) (the |my )?(nurse|doctor|clinic|consultation|appointment)\b"
    r"|\b(not|shant|shan't|wont|won't|dont want to|don't want to|rather not|not going to) "
    r"(continue|go on|carry on|keep going|finish)\b"
    # "no need continue the questions, I come back later"
    r"|\bno need (to )?(continue|go on|carry on|keep going|finish)\b"
    # "no thanks, dont need to carry on"
    r"|\b(dont|don't|do not|no) (really )?need (to )?(continue|go on|carry on|keep going|finish|"
    r"do the rest|answer the rest)\b"
    # "I don't need the rest of the questions, let's leave it there", "I don't want to go
    # through the rest of it"
    r"|\b(dont|don't|do not) (really )?(need|want) (to )?(go through |do |answer )?the rest\b"
    r"(?! of (my|his|her|our|their)\b)"
    r"|\b(let'?s|lets) (leave|stop|end) it (there|here)\b"
    # "ok stop there then. what did you note down?", "i'll stop there, ill come back later"
    r"|\b(stop|leave it|end it|finish) (it )?there\b|\b(ill|i'll|i will|we can|we'll|well) "
    r"(stop|leave it|end it)( (it|here|now|for now|for today))?\b(?!\s+(taking|using|my|the))"
    # "actually you know what, stop - I'd rather talk to someone", "oh stop, sorry, gotta go"
    r"|(^|[,.;!?-]\s*)(oh |ok |okay |ah |so |actually |please |pls |no )?(stop|stop it|stop please|"
    r"please stop)\s*([-,.;!]|$)"
    # "ok, I'll leave the questions there for now"; "never mind, we'll come back after the
    # baby's born" (a "never mind" that puts the whole check off)
    r"|\b(leave|stop|end|park|pause) (the|these|your|those) questions (there|here|for now|for "
    r"today)\b|^\W*(never ?mind|nvm|forget it)\b[^?]*\b(come back|another time|some other time|"
    r"later|when)\b"
    # "actually never mind the questions, how much does it cost?", "stop for now"
    r"|\b(never ?mind|nvm) (the|these|those|your|all the) questions\b"
    # "never mind then, I'll leave the rest of the questions"
    r"|\b(leave|skip|drop) the rest of (the|these|those|your) questions\b"
    r"|\bstop (for now|for today|now)\b"
    # "never mind the rest of the questions then", "There's no need to go through the rest of
    # your questions, thank you."
    r"|\b(never ?mind|nvm) (the rest|the remaining|the other)( of)?( the| your)?( questions)?\b"
    r"|\b(dont|don't|do not|no need to) bother (with|going through|answering|asking) (the rest|"
    r"the remaining|the other|any more|anymore)\b"
    r"|\bno need to (go through|do|answer|continue|carry on with|finish) (the rest|the remaining|"
    r"the other|your|the|these|any more|anymore)\b"
    # "oh. never mind then"
    r"|^\W*((oh|ok|okay|ah|well|right|hmm|actually|nah)\W+)*(never ?mind|nvm)( then| that| it)?"
    r"( actually| lol| haha| tbh| sorry)*\W*$"
    # "actually never mind if the diabetes rules it out theres no point"
    r"|\b(never ?mind|nvm)\b[^.!?]{0,60}\b(theres|there's|there is) no point\b"
    # "i'll do a test first. never mind for now"
    r"|\b(never ?mind|nvm) (for now|for the moment|for today|till then|until then)\b"
    # "ok forget it then, thanks anyway"
    r"|\bforget (it|about it|the (check|questions|rest))\b(?! (all|everything))"
    # "ok so probably not for me then. thanks anyway": the visitor's own conclusion
    r"|\b(so|then|probably|guess|clearly|obviously|definitely)\b[^.!?]{0,15}\bnot (really )?"
    r"(for me|an option for me)\b|\bnot for me (then|after all|anyway)\b"
    # "never mind that, I just wanted to know if its surgery"
    r"|\b(never ?mind|nvm)( that| this| it)?\W+(i|im|i'm|i was) (just |only )?(wanted|want|asking|"
    r"wanted to know|curious)\b"
    # "never mind, I'll just ask at the consultation", "I'll do this another time"
    r"|\b(never ?mind|nvm)\b[^.!?]{0,30}\b(ill|i'll|i will|i can|i'd rather|id rather)\s+(just\s+)?"
    r"(ask|do|finish|talk|check|discuss|come back|leave|wait)\b"
    r"|\b(ill|i'll|i will|we can|lets|let's|i can) (do|finish|continue|carry on( with)?) (this|it|"
    r"the rest|the check|the questions) (another time|some other time|later|tomorrow|next time)\b"
    # "ah I don't have time for a quiz rn", "no time for all these questions"
    r"|\b((dont|don't|do not|havent|haven't|have not) (really |have |got )*(the )?time|no time) "
    r"for (a |the |this |these |all (the |these |this )?|your |any )?(quiz|questions|questionnaire|"
    r"check|survey|form)\b"
    # "ugh how many questions are there. never mind, just tell me how long a session takes"
    r"|\b(never ?mind|nvm|forget (it|that))\W+(just )?(tell|answer|give|show) me\b",
    re.I,
)
# Short answers to the open question that name its subject without a full synonym ("the heart
# thing", "bruising, maybe?", "low? yes very low", "not sensitive no"): question -> words.
OPEN_QUESTION_WORDS: Dict[str, Tuple[Tuple[str, re.Pattern[str]], ...]] = {
    "screen_pregnancy": (
        (
            "breastfeeding",
            re.compile(
                r"\b(feeding|nursing|(?<!my )(?<!her )(?<!your )(?<!the )(?<!a )bf)\b", re.I
            ),
        ),
    ),
    "screen_chronic": (
        ("cardiac_disorder", re.compile(r"\b(heart|heartbeat|cardiac)\b", re.I)),
        ("diabetes", re.compile(r"\b(sugar|insulin|diabet\w*)\b", re.I)),
        ("cancer", re.compile(r"\b(cancer|tumou?r|chemo)\b", re.I)),
    ),
    "screen_bleeding": (
        ("prone_to_bruising", re.compile(r"\b(bruis\w*)\b", re.I)),
        # not "a clot in my leg" (an event, not a clotting disorder)
        ("blood_clotting_disorder", re.compile(r"\b((?<!a )(?<!blood )clot\w*|bleed\w*)\b", re.I)),
        ("aspirin_or_blood_thinners", re.compile(r"\b(thinners?|aspirin|meds|medication)\b", re.I)),
    ),
    "screen_skin": (
        (
            "severe_skin_sensitivity",
            re.compile(r"\b(sensitive|sensitivity|reactive|sensible)\b", re.I),
        ),
    ),
    "screen_pain": (
        (
            "low_pain_tolerance",
            # not the reason for a medicine or a pain of its own ("aspirin for period pain")
            re.compile(
                r"\b(low|(?<!period )(?<!back )(?<!joint )(?<!nerve )(?<!chronic )(?<!for )"
                r"(?<!tummy )(?<!stomach )(?<!head )pain(?!\s*(killers?|relief|meds|tablets))|"
                r"needles?|injections?|jabs?|wimp|tolerance)\b",
                re.I,
            ),
        ),
    ),
}
# A pain tolerance told as ordinary, to the pain question.
AVERAGE_TOLERANCE = re.compile(
    r"^\W*(its |it's |it is |mine is |mines |my tolerance is )?(pretty |quite |just |fairly |"
    r"about |probably )?(normal|average|medium|ordinary|standard|moderate|middling|mid)\b"
    r"( (i guess|i think|i suppose|id say|i'd say|probably|tbh|really))?"
    r"(\W*(not low|nothing special))?\W*$",
    re.I,
)
# A high pain tolerance, told first to the pain question ("high, I give jabs all day").
HIGH_TOLERANCE = re.compile(
    r"^\W*((its|it's|it is|mine is|mines|my tolerance is|my pain tolerance is)\s+)?"
    r"((very|pretty|quite|really|super|fairly)\s+)?(high|good|strong|decent)\b(?!\s*\?)"
    r"(?!\s+(and|or)\b)(?!.*\b(low|not|but|though|tho|except|scared|afraid|hate)\b)",
    re.I,
)
SHORT_NO = re.compile(
    r"\b(no|not|nt|never|none|nope|nah|neither|fine|ok|okay|normal|good|decent|great|"
    r"no problem|high|well|alright|cope|manage|dont|don't|do not)\b",
    re.I,
)
QUESTION_OPENING = re.compile(
    r"^\s*(so |and |ok |okay |also |but |um |oh )*(what|whats|how|hows|is|are|does|do|can|"
    r"could|will|would|should|who|when|why|where|which)\b",
    re.I,
)
SHORT_UNSURE = re.compile(
    r"\b(maybe|not sure|unsure|idk|dunno|possibly|perhaps|might|i guess|i think|kind of|kinda|"
    r"sort of|a bit|a little|slightly|somewhat|a tad|dont know|don't know|borderline|"
    r"keeping an eye|keep an eye|sometimes|occasionally|now and then|not loads|not a lot|"
    r"depends|it depends|varies)\b",
    re.I,
)
# The answer before, again: "same", "same again", "ditto" (a no when the last question's
# conditions were all denied).
SAME_AGAIN = re.compile(
    r"^\W*(same|ditto|same again|same as (before|the last( one)?|above|that one)|same answer|"
    r"(the )?same (here|for this one|for that))\W*(thanks|ty|thx|again)?\W*$",
    re.I,
)
# "I'm fine" to a question about conditions: none of them.
I_AM_FINE = re.compile(
    r"^\W*(no\W+)?((im|i am|i'm|i m|id|i'd|i would|ill|i'll|i will|i should) (be )?"
    r"(fine|ok|okay|good|alright|healthy)|fine|all good|"
    r"all fine|healthy)\W*(thanks|thank you|ty|thx)?\W*$",
    re.I,
)
# Asking whether to stop or pause a medicine ("should I just stop the apixaban before?").
STOPS_A_MEDICINE = re.compile(
    r"\b(should|do|must|can|could|shall) i (just |also |first )?(stop|pause|come off|quit|skip|"
    r"hold|leave off|not take)\b",
    re.I,
)
# A question after a lead-in ("lol before that whats the weather like in london today").
OFF_TOPIC_QUESTION = re.compile(r"\b(whats|what's|what is|who won|who is|how is|where is)\b", re.I)
# To the pregnancy question: "I'm a guy".
A_MAN = re.compile(
    r"\b(im|i'm|i am|i m) (a )?(guy|man|bloke|dude|fella|gent|gentleman|male)\b|"
    r"\b(were|we're|we are) (both )?(guys|men|blokes|lads|dudes|fellas|gents|males)\b|"
    # an age past having children, told as the whole answer: "I'm 71."
    r"^\W*((lol|haha|ha|well|um|erm|hun|love|dear)\W+)*(i'?m|im|i am) ([6-9]\d)( years old| yrs?"
    r"( old)?| yo| next (month|week|year))?\W*(lol|haha|ha)?\W*$",
    re.I,
)
# To the pain question: it will be bearable ("so I think I can manage!", "I'd be fine").
CAN_MANAGE = re.compile(
    r"\b(i|id|i'd|ill|i'll|i will|i would|i should) (can |could |will |would |should )?"
    r"(be )?(manage|cope|handle it|deal with it|take it|survive|be fine|be ok|be okay|"
    r"be alright|be all right)\b(?! (not|badly|poorly))|"
    # "my tolerance is fine", "I think I'm fine then, laser was bearable"
    r"\b(my )?tolerance('?s| is) (fine|ok|okay|good|high|decent|alright)\b|"
    r"\b(i'?m|i am) (fine|ok|okay)( then)?\b|\b(was|is|were) (bearable|manageable)\b",
    re.I,
)
DOUBTS_IT = re.compile(
    r"\b(not|dont|don't|never|cant|can't|cannot|doubt|unsure|no idea|hope|hopefully|if)\b", re.I
)
# A request to book inside the check, when the message also says other things ("on blood
# thinners. can I just book an appointment now?") and the classifier was unsure.
ASKS_TO_BOOK = re.compile(
    r"\b(can|could|may) i (just |please )?(book|make an appointment|get an appointment|"
    r"schedule)|\b(book|booking) (me|an? (appointment|consult\w*|session))|"
    r"\bi('d| would|d)? (like|want|wanna) to book\b",
    re.I,
)
# A request for a person inside the check, when the classifier took it for something else.
ASKS_FOR_PERSON = re.compile(
    r"\b(speak|talk|chat)\b.{0,20}\b(person|human|someone|somebody|nurse|doctor|staff|clinic)\b|"
    r"\bhow (do|can|could|would) (i|we) (get in touch|contact (you|them|the clinic|someone)|"
    r"reach (you|them|the clinic|someone))\b",
    re.I,
)


# A message opening on a hedge ("maybe? ...", "kind of? ..."): what it names is uncertain.
HEDGED_OPENING = re.compile(
    r"^\W*(maybe|possibly|perhaps|kind of|kinda|sort of|sorta|not sure|unsure|idk|dunno)\W*[?,.]",
    re.I,
)
# The visitor's own answer to the word they just asked ("sensitive? no", "low? yes very").
NO_AT_THE_END = re.compile(r"[.,;!]\s*(no|nope|nah|not really|so no)\W*$", re.I)
SELF_ANSWER = re.compile(
    r"\s*(?:(no|nope|nah|not really|not at all|definitely not|absolutely not|certainly not|"
    r"never|(?:i )?(?:dont|don't|do not))|(yes|yeah|yep|very))\b",
    re.I,
)


# A message that opens by answering no ("no, and no cancer either").
OPENS_WITH_NO = re.compile(r"^\W*(no|nope|nah|neither|none|not me)\b", re.I)
THATS_ALL = re.compile(r"\b(thats|that's|that is) (all|it)\b", re.I)
# What may come before an opening answer: "ah no", "oh ok no"
SOFT_OPENING = re.compile(r"^\W*((ah|oh|ok|okay|right|hmm+|well|i see)\W+)+", re.I)
# A first answer taken back at once: "yes - wait sorry, ...", "no, actually ...".
ANSWER_TAKEN_BACK = re.compile(
    r"^\W*(yes|yeah|yep|yup|no|nope|nah)\W+(no )?(wait|sorry|actually|oops|hang on|hold on)\b", re.I
)


# An earlier answer referred to ("earlier with the bruising I meant my sister").
# The visitor well, said beside a condition given back to someone else.
FINE_MYSELF = re.compile(r"\b(i'?m|i am|im) (fine|ok|okay|healthy|alright|all right)\b", re.I)
# Someone else's condition told beside the visitor's own ("my mum has it too"): no taking back.
ALSO_MINE = re.compile(r"\b(too|as well|aswell)\s*([.,;!?)]|$)|\b(also|both|me too)\b", re.I)
# Words that put an answer right: "oh wait, my mum has it", "*my dad", "sorry, that's my sister"
# (not "I'll come back once she's weaned": the baby, no correction)
PUT_RIGHT = re.compile(
    r"^\s*\*|\b(wait|sorry|oops|actually|i meant|i mean|my bad|hang on|hold on|not me|"
    r"(that'?s|thats|it'?s|its|that was|it was) (my|her|his|their))\b",
    re.I,
)
# "my mum has breast cancer, not me": a no for the visitor
NOT_ME_TOO = re.compile(r"\bnot (me|mine|myself)\b", re.I)
EARLIER_ANSWER = re.compile(
    r"\b(earlier|before|previous|last (question|one|answer)|when i said)\b|"
    # "sorry no thats him, he has a murmur": the answer just given, taken back at once
    r"^\W*((sorry|oops|wait|no|nope|actually|my bad|hang on)\W+){1,3}(that'?s|thats|that was|"
    r"that is|it'?s|its|it was|it is|i meant) (him|her|them|my \w+)\b",
    re.I,
)
# A denial opening a list of the question's conditions ("no to cancer, diabetes and heart").
LIST_DENIED = re.compile(r"^\W*((ok|okay|ah|oh|well|good)\W+)*(no|none|nope|neither|never)\b", re.I)
# The word comes next in a list whose conditions were all denied ("no cancer, diabetes, heart").
LIST_GOES_ON = re.compile(r"\w[^.!?]*(,|\band|\bor|\bnor|&)\s*(any |no |the )?$", re.I)
# A word that names the question itself: "the bleeding/bruising question", "the heart one".
QUESTION_LABEL = re.compile(r"[\w/ -]{0,25}?\b(question|one|thing|part|bit)\b", re.I)


def open_question_reading(slot: str, text: str, said: Dict[str, str]) -> Dict[str, str]:
    """Statuses a short answer gives the open question's conditions it names by a word."""
    found: Dict[str, str] = {}
    text = plain(text)  # "no, my heart's only broken over my belly": no heart named
    if QUESTION_OPENING.search(text):
        return found  # "what about pain afterwards?" asks, it does not answer
    if slot == "screen_pain" and "low_pain_tolerance" not in said and AVERAGE_TOLERANCE.match(text):
        return {"low_pain_tolerance": "absent"}  # "normal I guess", "average, not low"
    if slot == "screen_pain" and "low_pain_tolerance" not in said and HIGH_TOLERANCE.match(text):
        return {"low_pain_tolerance": "absent"}  # "high, I give jabs all day"
    hedged = bool(HEDGED_OPENING.match(text))  # "maybe? my last blood test said borderline"
    for key, pattern in OPEN_QUESTION_WORDS.get(slot, ()):
        match = pattern.search(text)
        if not match or key in said:
            continue
        # the words of its own clause ("a bit sensitive i guess? not eczema": unsure)
        start = max(text.rfind(c, 0, match.start()) for c in ",.;!?") + 1
        ends = [i for i in (text.find(c, match.end()) for c in ",.;!?") if i >= 0]
        clause = text[start : min(ends) if ends else len(text)]
        if ends and text[min(ends)] == "?" and ASKS.search(clause.strip()):
            found[key] = "question"  # "..., is that what you mean by very sensitive?"
            continue
        if SOMEONE_ELSE.search(clause):
            continue  # "clopidogrel, and my mum bruises terribly but i dont": hers
        sentence_start = max(text.rfind(c, 0, match.start()) for c in ".;!?") + 1
        if (
            said
            and all(status == "absent" for status in said.values())
            and (
                LIST_DENIED.search(text[sentence_start : match.start()])
                # "I don't have nothing of cancer, diabetes, heart": the denied list goes on
                or LIST_GOES_ON.search(text[sentence_start : match.start()])
            )
        ):
            found[key] = "absent"  # "no to cancer, diabetes and heart": the list's "no"
            continue
        if QUESTION_LABEL.match(text, match.end()):
            # "and for the bleeding/bruising question, no to all of it": the word names the
            # question, not a condition; the answer beside it decides
            if NONE_OF_THEM.search(text) or SHORT_NO.search(text):
                found[key] = "absent"
            continue
        answered = ends and text[min(ends)] == "?" and SELF_ANSWER.match(text, min(ends) + 1)
        if answered:  # "sensitive? no. no eczema either": asked and answered in one go
            found[key] = "absent" if answered.group(1) else "present"
            continue
        if ends and text[min(ends)] == "?" and NO_AT_THE_END.search(text):
            # "pain? mate i've had 3 tattoos and a broken leg. no": echoed, then answered last
            found[key] = "absent"
            continue
        single = len(OPEN_QUESTION_WORDS.get(slot, ())) == 1  # "pain... depends on the day"
        if ends and len(clause.split()) == 1:
            # "Bruising, I'm not sure, maybe a bit more since the menopause": the word alone,
            # and what is said of it in the clause after
            following = text[min(ends) + 1 :].lstrip(".…,;!? ")  # "sugar... not sure"
            stops = [i for i in (following.find(c) for c in ".;!?") if i >= 0]
            clause += " " + following[: min(stops) if stops else len(following)]
        # a doubled "not" says it is so: "I'm not NOT sensitive, put it that way"
        before = NOT_NOT.sub("", text[start : match.start()])
        clause = NOT_NOT.sub("", clause)
        denied = WORD_DENIED.search(before)
        if denied and not (hedged or SHORT_UNSURE.search(before[denied.start() :])):
            found[key] = "absent"  # "my skin is thin but I wouldn't say it's sensitive"
        elif hedged or SHORT_UNSURE.search(clause) or (single and SHORT_UNSURE.search(text)):
            found[key] = "uncertain"
        elif SHORT_NO.search(clause) and not re.search(r"\b(yes|yeah|yep|do|very)\b", clause, re.I):
            found[key] = "absent"
        else:
            found[key] = "present"
    return found


# A negation just before the question's word in its clause ("I wouldn't say it's sensitive",
# "it's not sensitive as such").
WORD_DENIED = re.compile(
    r"(\b(never|isnt|isn't|wouldnt|wouldn't|dont|don't|doesnt|doesn't)\b"
    r"(\W+(?!(but|though|tho|and|although|however)\b)\w+){0,4}|"
    # a bare "not" right before the word contrasts ("it was nerves not pain"): not a denial
    r"\b(not|no)\b(\W+(?!(but|though|tho|and|although|however)\b)\w+){1,4})\W*$",
    re.I,
)


# "I don't take it": a denial of the condition last talked about.
DENIES_TOPIC = re.compile(
    r"\b(dont|don't|do not|never|no longer) (take|use|have|do) (it|that|them|those)\b|"
    # "well I'm not, just asking" after "what if I were pregnant?"
    r"^\W*((well|no|nope|nah|oh|ha|haha|lol)\W+)*(i'?m|i am) not\b(?! (sure|certain|really sure))"
    r"\W*(,|\.|!|$|just asking|only asking|asking for)",
    re.I,
)
# "ah ok, nothing like that. I do take aspirin though" after what a clotting disorder is:
# a no to that condition, when nothing was noted of it yet ("none of those" answers the
# whole question instead).
NOTHING_LIKE_IT = re.compile(
    r"^\W*((ah|oh|ok|okay|right|well|then|so|no|nope|nah)\W+)*(nothing|not anything) "
    r"like (that|this|it)\b",
    re.I,
)
# "hmm im not sure if mine counts then": unsure about the condition just talked about.
UNSURE_IF_MINE = re.compile(
    r"\b(not sure|unsure|dont know|don't know|no idea|not certain)\b.{0,12}\b(if|whether)\b"
    r".{0,6}\b(mine|it|that|this|i do|i have|i am|im)\b.{0,12}\b(counts?|does|is|applies|qualif)",
    re.I,
)
# "I had that with my daughter, it went away": the condition just talked about, told.
HAS_THAT = re.compile(
    r"(?<!can )(?<!could )(?<!should )(?<!would )(?<!will )(?<!when )(?<!if )(?<!do )"
    r"(?<!did )(?<!what )(?<!whether )"
    r"\b(i|ive|i've|i have|i do|i did|i also|i still)\s+(also |still |actually |definitely )?"
    r"(had|have|has|got|get|take|took|use|used to have|do have|did have)\s+(that|it|this|them|"
    r"those|one of those)\b(?!\s+(done|before|at|in your|with you|from you|booked))",
    re.I,
)
MEDICINES = frozenset({"aspirin_or_blood_thinners", "retinol"})
THAT_IS_OVER = re.compile(
    r"\b(had|used to|went away|gone|ago|anymore|any more|no longer|cleared|back then|"
    r"as a (kid|child|baby|teen)|resolved|got better|all clear)\b",
    re.I,
)


# The visitor speaking of themselves, and the replies that said a message was about another
FIRST_PERSON = re.compile(r"\b(i|i'm|im|i've|ive|i'd|my|me|myself)\b", re.I)
ABOUT_SOMEONE_ELSE = frozenset({"utter_about_someone_else", "utter_screening_other_person"})


def condition_answered_before(tracker: Tracker, knowledge: Knowledge) -> Optional[str]:
    """The one condition whose articles' answer was the reply to the message before."""
    just_before = takewhile(lambda message: message[0] <= 1, bot_messages(tracker))
    answered = [
        text.lower()
        for since, name, text in just_before
        if since == 1 and name == "utter_condition_info"
    ]
    keys = [
        key
        for key, condition in knowledge.conditions.items()
        if any(condition.label.lower() in text for text in answered)
    ]
    return keys[0] if len(keys) == 1 else None


def that_condition_told(key: str, text: str, named: Sequence[str] = ()) -> Dict[str, str]:
    """What "I had that" / "I have it" says of the condition just talked about.

    Not when the message named a condition before ("does retinol count? I use it"). Past
    for "had"/"went away" (not for pregnancy or breastfeeding: those are about now),
    present otherwise; nothing for a question ("can I have it?", "do I have that?").
    """
    told = HAS_THAT.search(text)
    lowered = text.lower()
    if not told or any(0 <= lowered.find(w.lower()) < told.start() for w in named if w):
        return {}  # "does retinol count? I use it": "it" is what the message named first
    taken = told.group(3).lower() in ("take", "took", "use")
    if taken != (key in MEDICINES):
        return {}  # "I take it" is a medicine; "I have it" a condition
    if THAT_IS_OVER.search(text):
        return {} if key in ("pregnancy", "breastfeeding") else {key: "past"}
    return {key: "present"}


# The question's words asked about: "depends what you mean by sensitive?", "what do you
# class as sensitive skin?"
MEANING_ASKED = re.compile(
    r"\b(depends (on )?what you mean by|what do you (mean|class|count) (by|as)|"
    r"define|what counts as|how (sensitive|bad|easily) do you mean)\b",
    re.I,
)
# "does that still count?", "is it a problem?": a question about the condition last named.
THAT_QUESTION = re.compile(
    r"\b(does|do|would|will|is|could|can|should|whats|what)\b.{0,30}\b(that|it|this|mine|they)\b"
    r".{0,30}\b(count|matter|apply|problem|issue|ok|okay|fine|affect|difference|rule|bad|"
    r"dangerous|risk|mean|change)|\bshould i (stop|pause|come off|quit|skip)\b|"
    r"\b(stop|pause|come off|quit|skip) (it|that|them|this)\s*\?|"
    r"\b(do|will|would|must|should) i (have to |need to |still )?(stop|pause|come off|quit|skip)"
    r" (it|that|them|this|taking)\b|"
    r"\bwhat (do|should|shall) i do (about|with) (it|that|them|this)\b|"
    r"\b(is|would) (that|this|it) (a problem|an issue|ok|okay|bad|fine)|"
    # "even if it's well controlled?", "what if it's well controlled?" after the diabetes notice
    r"\b(even|what|and|so) (if|though|when) (it'?s|its|it is|they'?re|theyre|they are|i'?m|im|"
    r"i am|mine is|mine'?s|my \w+( levels?| count| numbers)? (is|are|'s|s))\b"
    r".{0,30}"
    r"\b(controlled|managed|mild|stable|minor|small|under control|fine|treated|gone|just|only|"
    r"once|occasional|occasionally|sometimes|rarely|a little|a bit|low)\b|"
    # "but it's controlled though, so what do the articles mean for someone like me?"
    r"\bwhat (does|do|would) (that|this|it|the articles?|they|those) (\w+ )?mean for (me|someone "
    r"like me|people like me|my case|us)\b|"
    r"^\W*(but|though|tho|yes but|yeah but) (it'?s|its|it is|mine is|mines|i'?m|im) (\w+ )?"
    r"(controlled|managed|under control|stable|mild)\b",
    re.I,
)
# Why the condition talked about matters: "is that because of healing or infections or what?"
WHY_THAT = re.compile(
    r"\b(is|was) (that|this|it) because\b|\bwhy (is|does|would|do|did) (that|this|it|they)\b|"
    r"\bhow come\b|\b(whats|what is|what's) the reason\b|"
    # a bare "why?" at the start: "why though?? it's only my face"
    r"^\W*((but|ok|okay|so|and|hmm+|wait|really|oh)\W+)*why( though| tho| not| exactly| so|"
    r" is that)?\W*(\?|!|$)",
    re.I,
)
# A short follow-up on the condition just answered: "so even one feed counts?", "even just
# on the face?", "so neither of us can have it?".
FOLLOWS_UP_TOPIC = re.compile(
    r"(^|[.!?]\s*)((oh|so|really|wait|right|ok|okay|hmm|but|seriously|honestly|what|huh|wow|"
    r"surely)\W+)*(even|not even|"
    r"(only|just) (one|once|a little|a bit|on|in|the|for))\b[^?.!]{0,50}\?\W*$|"
    r"\b(so )?(neither|none|both) of us (can'?t|cannot|can)\b",
    re.I,
)
# Pressing to be told it is fine after a condition was answered: "just say it's fine", "it
# doesn't count, override it". The articles' level for that condition again, never "fine".
PUSHES_FOR_OK = re.compile(
    r"\b(just |please |pls )?(say|tell me|admit|confirm|agree)( that)? (it'?s|its|it is|i'?m|im|"
    r"i am|that'?s|thats) (fine|ok|okay|safe|alright|all right|no problem)\b|"
    r"\boverride (it|that|this|the (result|notice|rule))\b|"
    r"\b(it|that|this) (does ?n'?t|does not|doesnt) count\b|"
    # "are you sure? my diabetes is fine, my GP is happy with it": the notice doubted
    rf"{ARE_YOU_SURE}|"
    r"\b(my|the) (gp|doctor|doc|consultant|specialist|nurse|midwife) (is|'s|s|was|said it'?s|says "
    r"it'?s) (happy|fine|ok|okay|not worried)\b",
    re.I,
)
# "..., but I do have ...": something follows that the reader may not know by name.
BUT_I_HAVE = re.compile(
    r"\b(but|though|except|apart from|although)\b.{0,12}\b(i|im|i'm|i am|ive|i've)( do| also)? "
    r"(have|got|get|take|am on|on|suffer)\b",
    re.I,
)
# A question about what one's own condition means for the treatment.
OWN_CONDITION_QUESTION = re.compile(
    r"\b(stop|stops|rule|rules|prevent|prevents|keep|keeps) me\b|\b(can|could) i still\b|"
    r"\bmean (i|that i) (cant|can't|cannot|shouldnt)\b|\b(affect|matter|count|a problem)\b",
    re.I,
)
# A message that asks something (an FAQ is answered inside the check only then).
ASKS = re.compile(
    r"\?|^\s*(so |and |ok |okay |also |but |hi |hey |um |oh |wait |hmm |btw |actually |quick q |"
    r"one more (q|question),? )*(what|whats|how|hows|is|are|does|"
    r"do|can|could|will|would|should|who|when|why|where|which|tell me|explain|any)\b",
    re.I,
)

SENTENCES = re.compile(r"[.!;]\s+|\n")
# "what about psoriasis on my scalp", "and how about retinol": asks about what it names
WHAT_ABOUT = re.compile(r"^\W*((and|ok|okay|so|but)\W+)?(what|how) about\b", re.I)

LEVEL_TEXT = {
    "avoid": "the articles say people with this should **avoid** mesotherapy.",
    "consult": "the articles say to **discuss this with a professional first**.",
}


# --- the check's state -------------------------------------------------------------------


@dataclass
class CheckState:
    """What the visitor has told the check: question answers and condition statuses."""

    answers: Dict[str, Optional[str]]
    conditions: Dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_tracker(cls, tracker: Tracker, knowledge: Knowledge) -> CheckState:
        """Read the state from the tracker's slots."""
        stored = tracker.get_slot(CONDITIONS_SLOT)
        return cls(
            answers={slot: tracker.get_slot(slot) for slot in knowledge.groups},
            conditions=dict(stored) if isinstance(stored, dict) else {},
        )

    @classmethod
    def empty(cls, knowledge: Knowledge) -> CheckState:
        """A check with nothing known."""
        return cls(answers={slot: None for slot in knowledge.groups})

    def recorded(self) -> Dict[str, str]:
        """The statuses the visitor gave (not the questions answered by naming)."""
        return {key: value for key, value in self.conditions.items() if value in RECORDED}

    def not_mentioned(self, knowledge: Knowledge) -> List[str]:
        """Conditions of questions answered by naming others, never mentioned themselves."""
        return [
            key
            for slot, group in knowledge.groups.items()
            if self.conditions.get(slot) == NAMED_ONLY
            for key in group.conditions
            if key not in self.conditions
        ]

    def with_status(self, *statuses: str) -> List[str]:
        """Condition keys (or whole questions) with one of these statuses."""
        return [key for key, value in self.conditions.items() if value in statuses]

    def undecided(self, knowledge: Knowledge, slot: str) -> List[str]:
        """Conditions of a question's group the visitor has said nothing of yet."""
        if slot in self.conditions:
            return []
        return [key for key in knowledge.groups[slot].conditions if key not in self.conditions]

    def settled(self, knowledge: Knowledge, slot: str) -> bool:
        """Whether the question is answered: nothing of it left undecided."""
        return not self.undecided(knowledge, slot)

    def answer_named_questions(
        self, knowledge: Knowledge, keep_open: Sequence[str] = (), answered: Optional[str] = None
    ) -> None:
        """Mark as answered each question the visitor named some conditions of.

        Had, has or has not: the others are not recorded, and the result lists them (decision
        0011). `keep_open` is a question still being answered ("which one?", "no, but I
        have..."). A question not asked yet that was only denied in passing ("my brother has
        haemophilia but I don't") is still asked, for the rest of it (decision 0023);
        `answered` is the question the message answers.
        """
        for slot, group in knowledge.groups.items():
            if slot in keep_open or self.answers.get(slot) in ("yes", "no", *UNANSWERED_VALUES):
                continue  # (while a question is answered, its slot holds the message's text)
            named = [k for k in group.conditions if self.conditions.get(k) in RECORDED]
            denied_only = all(self.conditions[k] == "absent" for k in named)
            if not named or (denied_only and slot != answered):
                continue  # "... but I don't have haemophilia": bruising and aspirin still asked
            if self.undecided(knowledge, slot) and not self.leaves_open(group):
                self.conditions[slot] = NAMED_ONLY

    def leaves_open(self, group: Group) -> bool:
        """Whether what was said of a question leaves the rest of it to ask.

        "had a baby 4 months ago": a past pregnancy, and whether they breastfeed still asked.
        """
        told = [k for k in group.conditions if k in self.conditions]
        return bool(told) and all(
            self.conditions[k] == "past"
            and STILL_ASKED_AFTER.get(k) in group.conditions
            and STILL_ASKED_AFTER[k] not in self.conditions
            for k in told
        )

    def record(self, statuses: Dict[str, str]) -> Dict[str, str]:
        """Record what a message says; the latest statement wins. Returns what changed.

        A doubt does not undo a condition told as now: "type 2, on metformin", then "I only
        take the metformin" (a medicine alone is only to discuss) keeps the diabetes.
        """
        changed = {}
        for key, status in statuses.items():
            if status == "uncertain" and self.conditions.get(key) == "present":
                continue
            if status in RECORDED and self.conditions.get(key) != status:
                self.conditions[key] = status
                changed[key] = status
        return changed

    def settle_groups(
        self, knowledge: Knowledge, keep_open: Sequence[str] = (), answered: Optional[str] = None
    ) -> Dict[str, Optional[str]]:
        """Answer every question the recorded conditions settle; re-open corrected ones."""
        self.answer_named_questions(knowledge, keep_open, answered)
        filled: Dict[str, Optional[str]] = {}
        for slot, group in knowledge.groups.items():
            current = self.answers.get(slot)
            if current in UNANSWERED_VALUES:
                continue
            value: Optional[str] = None
            if self.settled(knowledge, slot):
                said = [self.conditions.get(k) for k in (*group.conditions, slot)]
                value = "yes" if any(s in ("present", *TO_DISCUSS) for s in said) else "no"
            if value != current:
                filled[slot] = value
                self.answers[slot] = value
        filled.update(dict.fromkeys(self.rest_before_a_clear_result(knowledge)))
        return filled

    def rest_before_a_clear_result(self, knowledge: Knowledge) -> List[str]:
        """Open again questions answered by naming some conditions, before a clear result.

        "not pregnant ... I don't take blood thinners or aspirin, no eczema ...": every
        question answered, nothing found, but a blood clotting disorder (a reason to avoid it)
        never mentioned. Rather than "nothing rules it out", the rest of that question is
        asked ("And does any of this apply to you: ...?"). Returns the questions opened again.
        """
        if any(value is None or value in UNANSWERED_VALUES for value in self.answers.values()):
            return []
        if any(value in ("present", *TO_DISCUSS) for value in self.conditions.values()):
            return []  # the result is not a clear one: it lists what was not mentioned
        reopened = []
        for slot in knowledge.groups:
            if self.conditions.get(slot) != NAMED_ONLY:
                continue
            unmentioned = [k for k in knowledge.groups[slot].conditions if k not in self.conditions]
            if any(knowledge.conditions[key].level == "avoid" for key in unmentioned):
                del self.conditions[slot]
                self.answers[slot] = None
                reopened.append(slot)
        return reopened

    def slot_values(self) -> Dict[str, Any]:
        """The condition statuses as slot values."""
        return {CONDITIONS_SLOT: dict(self.conditions)}


# A condition referred back to: "no, apart from the melanoma thing i told you".
REFERS_BACK = re.compile(
    r"\b(i (already |just )?(told you|mentioned|said|wrote|put)|(like|as) i (said|mentioned|told "
    r"you|wrote)|(already|just) (told|mentioned|said))\b",
    re.I,
)


def as_told_before(state: CheckState, statuses: Dict[str, str], text: str) -> Dict[str, str]:
    """Statuses without a condition only referred back to, told earlier as past or unsure.

    "no, apart from the melanoma thing i told you" after "had a melanoma removed 6 yrs ago,
    all clear since": the melanoma stays as told (past), not a cancer now.
    """
    if not REFERS_BACK.search(text):
        return statuses
    return {
        key: status
        for key, status in statuses.items()
        if not (status == "present" and state.conditions.get(key) in ("past", "uncertain"))
    }


# --- reading a turn ----------------------------------------------------------------------


def source_line(source_ids: Iterable[str]) -> str:
    """The article titles for a list of source ids, quoted and joined."""
    titles = source_titles()
    return "; ".join(f'"{titles[sid]}"' for sid in sorted(set(source_ids)) if sid in titles)


def join_words(parts: List[str]) -> str:
    """Join words as prose: "a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def status_phrase(knowledge: Knowledge, key: str, status: str) -> str:
    """Plain words for one recorded status ("no diabetes", "cancer in the past")."""
    label = (
        knowledge.conditions[key].label
        if key in knowledge.conditions
        else (f"one of: {knowledge.groups[key].label}")
    )
    bare = re.sub(r"^(a|an) ", "", label)
    return {
        "present": label,
        "absent": f"no {bare}",
        "past": f"{label} in the past (to discuss with a professional)",
        "uncertain": f"{label}, not sure (to discuss with a professional)",
    }[status]


def noted_text(knowledge: Knowledge, statuses: Dict[str, str]) -> str:
    """The statuses a turn recorded, in words ("diabetes; no pregnancy")."""
    return "; ".join(status_phrase(knowledge, key, status) for key, status in statuses.items())


def say_statuses(
    dispatcher: CollectingDispatcher,
    knowledge: Knowledge,
    statuses: Dict[str, str],
    response: str,
) -> bool:
    """Say statuses in words with a response whose `{noted}` they fill, if there are any."""
    if statuses:
        dispatcher.utter_message(response=response, noted=noted_text(knowledge, statuses))
    return bool(statuses)


def say_noted(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, statuses: Dict[str, str]
) -> None:
    """Say what a turn recorded ("Noted: diabetes; no pregnancy"), if anything."""
    say_statuses(dispatcher, knowledge, statuses, "utter_screening_noted")


def reset_values(knowledge: Knowledge) -> Dict[str, Any]:
    """Slot values that clear every answer of the check."""
    values: Dict[str, Any] = {slot: None for slot in knowledge.groups}
    values.update({CONDITIONS_SLOT: {}, RETRIES_SLOT: 0, PENDING_SLOT: None})
    values.update({TOPIC_SLOT: None, PREVIOUS_SLOT: None, END_SLOT: None})
    values.update({PARTIAL_SLOT: False, REMAINING_SLOT: None})
    return values


def next_question_wording(state: CheckState, knowledge: Knowledge) -> Dict[str, Any]:
    """Slots that word the form's next question: whole, or only its still-unknown part.

    The next question is the first unanswered one in the form's order (as Rasa picks it);
    domain.yml's utter_ask_screen_* responses read these slots, so asking needs no action.
    """
    for slot, group in knowledge.groups.items():
        if state.answers.get(slot) is not None:
            continue
        undecided = state.undecided(knowledge, slot)
        if 0 < len(undecided) < len(group.conditions):
            labels = [knowledge.conditions[key].label for key in undecided]
            return {PARTIAL_SLOT: True, REMAINING_SLOT: " or ".join(labels)}
        break
    return {PARTIAL_SLOT: False, REMAINING_SLOT: None}


def condition_info(dispatcher: CollectingDispatcher, knowledge: Knowledge, key: str) -> None:
    """Answer a question about a condition: what the articles say, its level, its source."""
    condition = knowledge.conditions[key]
    dispatcher.utter_message(
        response="utter_condition_info",
        condition=condition.label[:1].upper() + condition.label[1:],
        level_text=LEVEL_TEXT[condition.level],
        explanation=condition.explanation,
        sources=source_line(condition.sources),
    )


def new_avoid_findings(knowledge: Knowledge, changed: Dict[str, str]) -> List[str]:
    """Conditions a turn found present whose level is `avoid`."""
    return [
        key
        for key, status in changed.items()
        if status == "present"
        and key in knowledge.conditions
        and knowledge.conditions[key].level == "avoid"
    ]


def avoid_notice(dispatcher: CollectingDispatcher, knowledge: Knowledge, key: str) -> None:
    """Say at once that the articles say to avoid mesotherapy with this condition.

    When this turn already answered a question about the condition ("I'm diabetic, is that
    a problem?"), its explanation and source were just given: the notice does not repeat them.
    """
    condition = knowledge.conditions[key]
    explained = condition.label[:1].upper() + condition.label[1:]
    if any(
        message.get("response") == "utter_condition_info" and message.get("condition") == explained
        for message in dispatcher.messages
    ):
        dispatcher.utter_message(
            response="utter_screening_avoid_notice_explained",
            condition=re.sub(r"^(a|an) ", "", condition.label),
        )
        return
    dispatcher.utter_message(
        response="utter_screening_avoid_notice",
        condition=re.sub(r"^(a|an) ", "", condition.label),
        explanation=condition.explanation,
        sources=source_line(condition.sources),
    )


@dataclass
class Turn:
    """One visitor message inside the check, read whole."""

    text: str
    intent: str
    extraction: Extraction
    faq: Optional[str]
    not_covered: bool = False  # an FAQ topic, but a detail the articles don't cover
    after_effects: bool = False  # mild after-effects, asked as an FAQ
    also_asked: Tuple[str, ...] = ()  # other FAQ questions' responses ("... and the cost?")
    covered: Tuple[str, ...] = ()  # beside an uncovered question, the answers to the others
    # the condition answered just before, asked about again ("where does it say that?")
    asked_again: Tuple[str, ...] = ()

    @property
    def asks_only_about_a_condition(self) -> bool:
        """One question, and it is about a condition (its knowledge answers it, no FAQ)."""
        asked = "question" in self.extraction.statuses.values() or bool(
            WHAT_ABOUT.match(self.text) and self.extraction.statuses
        )
        return asked and len(question_parts(self.text)) <= 1

    @property
    def stops(self) -> bool:
        """Whether the visitor asks to stop the check ("can we stop this, I'll wait")."""
        if STOP_CHECK.search(self.text):
            return True
        # "how long after I stop feeding can I have it?" asks; the classifier reads "stop"
        # "skip" (this question) is no stop: it is declined, and the check goes on
        return (
            self.intent == "stop"
            and not ASKS.search(self.text)
            and self.extraction.answer != "declined"
        )

    @cached_property
    def answer(self) -> Optional[str]:
        """A bare yes / no / unsure / declined (from the words, else from a button)."""
        taken_back = ANSWER_TAKEN_BACK.match(self.text)
        if taken_back:
            # "yes - wait sorry, I read that as 'any conditions at all'. No, none of those
            # three": the answer after taking the first one back
            rest = self.text[taken_back.end() :]
            if NONE_OF_THEM.search(rest):
                return "no"
            later = extract(rest).answer
            if later in ("yes", "no"):
                return later
        if self.extraction.answer:
            return self.extraction.answer
        if self.correcting:  # "sorry, I meant yes": the answer after the correction words
            rest = CORRECTION_WORDS.sub(" ", self.text).strip(" ,.!-")
            return extract(rest).answer if rest else None
        if NONE_OF_THEM.search(self.text) or TOPIC_THEN_NO.match(self.text):
            return "no"
        if NO_TO_TOPIC.match(self.text) and not self.extraction.statuses:
            return "no"
        if (NOT_ME.match(self.text) or SELF_FINE.search(self.text)) and (
            "other_person" in self.extraction.statuses.values()
        ):
            return "no"  # "my dad has heart failure, I'm healthy"
        return None if self.text else ANSWER_INTENTS.get(self.intent)

    @property
    def correcting(self) -> bool:
        """Whether the message corrects an earlier answer ("sorry, I meant yes")."""
        return bool(CORRECTION_PATTERN.search(self.text))


# An FAQ asked after an answer ("no. what are the side effects btw"): the classifier's
# intent is the answer; the question is answered when FAQs as a whole still score this much.
FAQ_AFTER_ANSWER_CONFIDENCE = 0.1


def asks_after_answer(tracker: Tracker, text: str) -> bool:
    """Whether a message answers first, then asks an FAQ question in a later sentence."""
    parts = re.split(r"[.!;,]\s+|\s+(?:and|but|btw|also)\s+", text, maxsplit=1)
    if len(parts) < 2 or not ASKS.search(parts[1]) or not extract(parts[0]).answer:
        return False
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    confidence = next((r.get("confidence") for r in ranking if r.get("name") == "faq"), None)
    return float(confidence or 0) >= FAQ_AFTER_ANSWER_CONFIDENCE


def read_as(turn: Turn, mentions: Sequence[Mention]) -> Turn:
    """The turn, read as saying these conditions and nothing else (no answer, no FAQ)."""
    return replace(turn, extraction=Extraction(mentions=tuple(mentions), answer=None), faq=None)


# "wait no sorry that was my mum not me", right after a condition was noted: it is someone
# else's after all
THEIRS_AFTER_ALL = re.compile(
    r"\b(that|it|this) (was|is|s)\b.{0,20}\b(my|for my|about my|her|his)\b|"
    r"\bnot (me|mine)\b|\b(i was|i meant|thinking of|talking about|meant) (my|her|his)\b",
    re.I,
)


def theirs_after_all(turn: Turn, topic: Optional[str], state: CheckState) -> Turn:
    """The condition just noted, said to be someone else's after all ("that was my mum")."""
    # "wait sorry, I misread, I meant no. it's my husband who's diabetic": the reader has the
    # husband's diabetes; the correction says the visitor's is not
    only_theirs = turn.extraction.statuses == {topic: "other_person"} and bool(
        CORRECTION_PATTERN.search(turn.text)
    )
    if (
        (turn.extraction.statuses and not only_theirs)
        or not topic
        or state.conditions.get(topic) not in ("present", *TO_DISCUSS)
        or not (
            only_theirs or (THEIRS_AFTER_ALL.search(turn.text) and SOMEONE_ELSE.search(turn.text))
        )
    ):
        return turn
    return read_as(
        turn, [Mention(topic, "absent", turn.text), Mention(topic, "other_person", turn.text)]
    )


def chosen_by_place(turn: Turn, members: Sequence[str]) -> Turn:
    """After "which one applies?", a choice by place ("the second one", "yep both").

    The buttons list the question's conditions in order; "only ..." says the others don't.
    """
    choice = chosen_places(turn.text, len(members))
    if choice is None:
        return turn
    places, only = choice
    named = turn.extraction.statuses
    if named and not all(
        status == "present" and key in members and members.index(key) in places
        for key, status in named.items()
    ):
        return turn  # the words name something else than the place chosen

    mentions = [
        Mention(key, "present" if i in places else "absent", turn.text)
        for i, key in enumerate(members)
        if i in places or only
    ]
    return read_as(turn, mentions)


# The conditions a question names, in its words' order, where they differ from its group's:
# "Do you have eczema, psoriasis or very sensitive skin?" names eczema and psoriasis apart.
QUESTION_ITEMS = {
    "screen_skin": ("eczema_or_psoriasis", "eczema_or_psoriasis", "severe_skin_sensitivity"),
}
_IN_ORDER_STATUS = {"yes": "present", "no": "absent", "unsure": "uncertain"}
_STATUS_WEIGHT = {"absent": 0, "uncertain": 1, "present": 2}


def answered_in_order(turn: Turn, slot: str, members: Sequence[str]) -> Turn:
    """One answer for each condition the question names, in order ("no, yes, no")."""
    items = QUESTION_ITEMS.get(slot, tuple(members))
    answers = None if turn.extraction.statuses else answers_in_order(turn.text, len(items))
    if answers is None:
        return turn
    statuses: Dict[str, str] = {}
    for key, answer in zip(items, answers, strict=True):
        status = _IN_ORDER_STATUS[answer]
        if _STATUS_WEIGHT[status] >= _STATUS_WEIGHT[statuses.get(key, "absent")]:
            statuses[key] = status  # "yes" to eczema, "no" to psoriasis: eczema or psoriasis
    return read_as(turn, [Mention(key, status, turn.text) for key, status in statuses.items()])


def answered_for_each_question(
    turn: Turn, slot: str, state: CheckState, knowledge: Knowledge
) -> Turn:
    """One answer for each question still to come, in the check's order ("no no yes no no").

    Only when the answers are as many as the questions still open from this one and not as
    many as this question's own conditions (then they are this question's, `answered_in_order`).
    A "no" denies a whole question; a "yes" or "not sure" settles only a question of one
    condition (the others' "yes" is asked about when their question comes: "which one?").
    """
    if turn.extraction.statuses:
        return turn
    order = list(knowledge.groups)
    if slot not in order:
        return turn
    open_questions = [
        name for name in order[order.index(slot) :] if state.conditions.get(name) is None
    ]
    own_items = len(QUESTION_ITEMS.get(slot, tuple(knowledge.groups[slot].conditions)))
    if len(open_questions) < 2 or len(open_questions) == own_items:
        return turn
    answers = answers_in_order(turn.text, len(open_questions))
    if answers is None:
        return turn
    members = knowledge.groups[slot].conditions
    if answers[0] != "no" and len(members) > 1:
        # "yes no no no no" to "pregnant or breastfeeding?": which one, first (the rest is
        # asked in turn)
        return replace(turn, extraction=Extraction(mentions=(), answer=answers[0]), faq=None)
    mentions = [
        Mention(key, _IN_ORDER_STATUS[answer], turn.text)
        for name, answer in zip(open_questions, answers, strict=True)
        for key in knowledge.groups[name].conditions
        if answer == "no" or len(knowledge.groups[name].conditions) == 1
    ]
    return read_as(turn, mentions)


# Numbered answers: "1 no, 2 no, 3 I'm on warfarin, 4 no, 5 no"
NUMBERED_PART = re.compile(r"(?:^|[\s,;.])([1-9])\s*[.):-]?\s+(?=\D)")


def answered_by_number(turn: Turn, slot: str, state: CheckState, knowledge: Knowledge) -> Turn:
    """Numbered answers, some naming conditions: each part read on its own.

    As many parts as the open question names conditions ("1 no 2 no 3 yes aspirin" to the
    bleeding question): one for each, in its order. As many as the questions still to come
    ("1 no, 2 no, 3 I'm on warfarin, 4 no, 5 no"): one for each question (a "no" denies it, a
    condition named is read as said). Only when the numbers run 1, 2, 3 ...
    """
    order = list(knowledge.groups)
    if slot not in order or not turn.extraction.statuses:
        return turn
    open_questions = [
        name for name in order[order.index(slot) :] if state.conditions.get(name) is None
    ]
    marks = list(NUMBERED_PART.finditer(turn.text))
    if len(marks) < 2 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return turn
    items = QUESTION_ITEMS.get(slot, tuple(knowledge.groups[slot].conditions))
    if len(marks) == len(items):
        # "1 no 2 no 3 yes aspirin": the open question's own conditions, in its order
        places: List[Tuple[str, ...]] = [(key,) for key in items]
    elif len(marks) == len(open_questions):
        places = [tuple(knowledge.groups[name].conditions) for name in open_questions]
    else:
        return turn
    mentions: List[Mention] = []
    for i, (keys, mark) in enumerate(zip(places, marks, strict=True)):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(turn.text)
        part = extract(turn.text[mark.end() : end])
        status = _IN_ORDER_STATUS.get(part.answer or "")
        if part.mentions:
            mentions.extend(part.mentions)
        elif status is not None and (part.answer == "no" or len(keys) == 1):
            mentions.extend(Mention(key, status, turn.text) for key in keys)
        else:
            return turn  # a part not read: the message is read as a whole
    return read_as(turn, mentions)


def results_do_not_undo(turn: Turn, state: CheckState) -> Turn:
    """A normal result does not undo a condition the visitor told ("my HbA1c is perfect").

    A test said to be normal denies its condition when nothing else was told of it; told
    earlier in the check (a diabetes kept under control), the condition stays.
    """
    kept = tuple(
        m
        for m in turn.extraction.mentions
        if not (
            m.status == "absent"
            and names_a_test(m.text)
            and state.conditions.get(m.condition) in ("present", *TO_DISCUSS)
        )
    )
    if kept == turn.extraction.mentions:
        return turn
    return replace(turn, extraction=Extraction(mentions=kept, answer=turn.extraction.answer))


# An answer taken back because of what it means, right after the avoid notice: "oh. ok then
# no, I'm not breastfeeding 😅", "forget the diabetes thing, just pretend I said no". Not a
# correction of a mistake ("sorry, I misread: no").
FOR_THE_RESULT = re.compile(
    r"\b(ok(ay)? then|then no|fine then|well then|in that case|if (that'?s|thats) the case|"
    r"pretend|let'?s (just )?say|just (say|put|go with|mark)|forget (that|what|i said|the|about|"
    r"it)|never ?mind (that|what i said|the)|ignore (that|what i said|the))\b|[😅🙈😬🤫😉]",
    re.I,
)


def kept_despite_the_notice(
    dispatcher: CollectingDispatcher,
    state: CheckState,
    knowledge: Knowledge,
    statuses: Dict[str, str],
    text: str,
) -> Dict[str, str]:
    """A condition to avoid, denied for the result's sake after its notice, stays as told.

    Said so, and that only a licensed professional can weigh it; a correction of a mistake
    ("sorry, I misread the question, no") changes the answer as anywhere else.
    """
    if not FOR_THE_RESULT.search(text) or CORRECTION_PATTERN.search(text):
        return statuses
    kept = [
        key
        for key, status in statuses.items()
        if status == "absent"
        and state.conditions.get(key) == "present"
        and knowledge.conditions[key].level == "avoid"
    ]
    for key in kept:
        dispatcher.utter_message(
            response="utter_screening_answer_kept", condition=knowledge.conditions[key].label
        )
    return {key: status for key, status in statuses.items() if key not in kept}


def same_as_before(state: CheckState, knowledge: Knowledge, previous: Any) -> Optional[str]:
    """A "same" to a question: "no" when every condition of the question before was denied."""
    if previous not in knowledge.groups:
        return None
    members = knowledge.groups[previous].conditions
    return "no" if all(state.conditions.get(k) == "absent" for k in members) else None


def read_turn(tracker: Tracker, domain: Optional[DomainDict] = None) -> Turn:
    """Read the latest message for the check."""
    text = message_text(tracker)
    intent = latest_intent(tracker)
    # ("no not pregnant. is the consultation free?": what the articles don't cover, not the
    # FAQ the classifier chose for it)
    asked_after = intent != "not_covered" and asks_after_answer(tracker, text)
    faq = faq_response(tracker) if intent == "faq" or asked_after else None
    also_asked = also_asked_responses(domain, tracker, faq)
    not_covered = message_entity(tracker, "not_covered") is not None
    asked_again: Tuple[str, ...] = ()
    if message_entity(tracker, FOLLOW_UP_ENTITY) in (REPEAT_VALUE, MORE_VALUE):
        # "shorter please", "which article says that?", "are you sure?": the answer before
        # (an FAQ, or what the articles say of a condition), not the classifier's topic
        before = previous_faq(tracker)
        answered = None if before else condition_answered_before(tracker, load_knowledge())
        if before or answered:
            faq = before
            asked_again = (answered,) if answered else ()
    return Turn(
        # "how much is it? and your opening hours": the contacts, then the cost
        also_asked=also_asked if faq or intent in REQUESTS else (),
        text=text,
        intent=intent,
        # to the pain question, a fear of needles is its answer ("not a fan of needles")
        extraction=extract(text, as_pain_answer=tracker.get_slot(REQUESTED) == "screen_pain"),
        faq=faq,
        not_covered=not_covered,
        covered=tuple(covered_answers(tracker)) if not_covered else (),
        after_effects=message_entity(tracker, "after_effects") is not None,
        asked_again=asked_again,
    )


# --- actions -----------------------------------------------------------------------------


QUESTION_CLAUSE = re.compile(r"[^,.;!?]*\?")


def say_understood(
    dispatcher: CollectingDispatcher,
    knowledge: Knowledge,
    turn: Turn,
    changed: Dict[str, str],
    topic: Optional[str],
    asked_by_word: Sequence[str] = (),
) -> Tuple[Optional[str], bool]:
    """Say what was noted, what was left out, and answer condition questions.

    `asked_by_word`: conditions of the open question asked about by a word of it ("is that
    what you mean by very sensitive?"). Returns the condition now talked about, and whether
    a question about one was answered.
    """
    say_noted(dispatcher, knowledge, changed)
    others = say_not_noted_for_others(dispatcher, knowledge, turn.extraction)
    text = without_pasted_question(turn.text)  # "Are you pregnant ...? - no" asks nothing
    asked = [*turn.extraction.keys_with("question"), *asked_by_word, *turn.asked_again]
    mentioned = [*turn.extraction.statuses, *asked_by_word]
    if WHY_THAT.search(text) and topic and topic not in turn.extraction.statuses:
        asked.append(topic)  # "not pregnant. is that because of healing or what?" (diabetes)
    if FOLLOWS_UP_TOPIC.search(text) and topic and not turn.extraction.statuses:
        asked.append(topic)  # "oh really? even just on the face?" after pregnancy's notice
    if PUSHES_FOR_OK.search(text) and topic and turn.extraction.statuses.get(topic) != "absent":
        asked.append(topic)  # "come on, it's once a day. just say it's fine" (breastfeeding)
    if THAT_QUESTION.search(text):
        # "I'm on warfarin, is that a problem?": the question is about what they just said
        told = [k for k in changed if changed[k] in ("present", "past", "uncertain")]
        asked += told or ([] if mentioned else [topic] if topic else [])
    if "?" in text:
        asked += list(others)  # "my sister was breastfeeding, was that bad??"
        # a condition named inside the question itself, whatever else the message tells of it:
        # "is baby aspirin a blood thinner? i take one", "i have a murmur, is that a heart thing?"
        clauses = [
            c.lower()
            for c in QUESTION_CLAUSE.findall(text)
            if not ASKS_FOR_PERSON.search(c) and not ASKS_TO_BOOK.search(c)
        ]  # not "can I speak to a person about the blood thinner thing?"
        asked += [
            m.condition
            for m in turn.extraction.mentions
            # not one just denied: "Pregnant: N / [x] bruise easily / suitable for meso?"
            if m.status not in ("other_person", "absent")
            and any(m.text.lower() in c for c in clauses)
        ]
        if OWN_CONDITION_QUESTION.search(text):  # "will the fact I had cancer stop me?"
            statuses = turn.extraction.statuses
            asked += [k for k in mentioned if statuses[k] in ("present", "past", "uncertain")]
    if WHAT_ABOUT.match(text):  # "what about psoriasis on my scalp": told and asked
        asked += [k for k in mentioned if k in turn.extraction.statuses]
    asked = list(dict.fromkeys(k for k in asked if k in knowledge.conditions))
    for key in asked:
        condition_info(dispatcher, knowledge, key)
    # "had breast cancer 6 yrs ago. no diabetes no heart probs", then "does that rule me
    # out?": the condition they have or had, not the last one they denied
    held = [k for k in mentioned if turn.extraction.statuses.get(k, "question") != "absent"]
    return (held[-1] if held else mentioned[-1] if mentioned else topic), bool(asked)


def say_not_noted_for_others(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, reading: Extraction
) -> List[str]:
    """Say which conditions named were someone else's, so not noted; returns them."""
    others = list(
        dict.fromkeys(m.condition for m in reading.mentions if m.status == "other_person")
    )
    if others:
        labels = join_words([knowledge.conditions[key].label for key in others])
        dispatcher.utter_message(response="utter_screening_other_person", conditions=labels)
    return others


class ActionAnswerForSomeoneElse(Action):
    """Whether someone else can have it: the articles' word on their conditions, no check.

    "my husband is diabetic, can he have meso?" gets what the articles say about diabetes,
    with its level and source (or, with no condition named, who should avoid it), and that
    the check only records the health of the person chatting.
    """

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_ANSWER_FOR_SOMEONE_ELSE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Answer for each condition named, then say the check is the visitor's own."""
        knowledge = load_knowledge()
        reading = extract(message_text(tracker))
        if not answer_named_conditions(dispatcher, tracker, reading):
            dispatcher.utter_message(response="utter_faq/contraindications")
        # "my wife has breast cancer, could meso help her?": said back by name, not noted
        if not say_not_noted_for_others(dispatcher, knowledge, reading):
            dispatcher.utter_message(response="utter_about_someone_else")
        return []


def answer_named_conditions(
    dispatcher: CollectingDispatcher, tracker: Tracker, reading: Optional[Extraction] = None
) -> bool:
    """What the articles say of each condition the message names; False if it names none.

    `reading`: the message already read, when the caller has it (it is not read twice).
    """
    knowledge = load_knowledge()
    reading = reading or extract(message_text(tracker))
    named = [
        key
        for key in dict.fromkeys(m.condition for m in reading.mentions)
        if key in knowledge.conditions
    ]
    for key in named:
        condition_info(dispatcher, knowledge, key)
    return bool(named)


CONTRAINDICATIONS = "utter_faq/contraindications"
# How sure the classifier must be of "who should avoid it" for it to come before the answer
# about the condition named (it lists that condition among the others).
CONTRAINDICATIONS_TOPIC = 0.6


def answer_condition_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, reading: Extraction
) -> bool:
    """The FAQ answer when its topic is clear, then the answer for each condition named.

    False when nothing was said (no clear topic and no condition the answers know).
    """
    response = faq_response(tracker)
    clear = CONTRAINDICATIONS_TOPIC if response == CONTRAINDICATIONS else CLEAR_FAQ_TOPIC
    if stops_a_prescribed_thinner(message_text(tracker), reading.mentions):
        response = None  # a prescribed blood thinner: what the articles say of it
    if pauses_before_a_session(message_text(tracker), reading.mentions):
        # "I use retinol every night, when do I stop that?": the preparation answer says it
        dispatcher.utter_message(response=PREPARATION)
        answer_named_conditions(dispatcher, tracker, reading)
        return True
    if response and faq_confidence(tracker) >= clear:
        # "should I stop retinol before?"; "pregnant?": who should avoid it, then pregnancy
        dispatcher.utter_message(response=response)
        answer_named_conditions(dispatcher, tracker, reading)
        return True
    return answer_named_conditions(dispatcher, tracker, reading)


def medicine_talked_about(tracker: Tracker, turns: int = 3) -> Extraction:
    """The medicine named in the visitor's last few messages, as asked about ("stop it?")."""
    for earlier in earlier_user_events(tracker)[:turns]:
        said_before = said(earlier)
        named = [m for m in extract(said_before).mentions if m.condition in MEDICINES]
        if named:
            return Extraction(
                mentions=tuple(Mention(m.condition, "question", m.text) for m in named),
                answer=None,
            )
    return Extraction(mentions=(), answer=None)


class ActionAnswerConditionQuestion(Action):
    """A question about one of the check's conditions, outside the check.

    "should i stop the rivaroxaban before my next session?": what the articles say about
    blood thinners, with its level and source (never to stop a prescribed medicine), rather
    than only the general preparation answer. Nothing is recorded: no check is running.
    """

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_ANSWER_CONDITION_QUESTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """The FAQ answer when its topic is clear, then the answer for each condition named."""
        if message_entity(tracker, "greeted"):
            dispatcher.utter_message(response="utter_hello")  # "hello, quick question first..."
        response = faq_response(tracker)
        text = message_text(tracker)
        knowledge = load_knowledge()
        state = CheckState.from_tracker(tracker, knowledge)
        reading = extract(text)
        if not reading.mentions and STOPS_A_MEDICINE.search(text):
            reading = medicine_talked_about(tracker)  # "can I stop it myself?"
        late = self.told_after_the_result(tracker, state, reading)
        say_noted(dispatcher, knowledge, late)
        if not answer_condition_question(dispatcher, tracker, reading):
            dispatcher.utter_message(response=response or "utter_ask_rephrase")
        if not late:
            return []
        # "oh wait i forgot i use retinol every nite" after the result: the result again, with it
        ActionSummariseScreening().result(
            dispatcher, knowledge, state, other_health=other_health_told(tracker)
        )
        return [SlotSet(slot, value) for slot, value in state.slot_values().items()]

    @staticmethod
    def told_after_the_result(
        tracker: Tracker, state: CheckState, reading: Extraction
    ) -> Dict[str, str]:
        """The visitor's own conditions told after the check's result, recorded in `state`."""
        finished = not (tracker.active_loop or {}).get("name") and all(
            value is not None for value in state.answers.values()
        )
        if not finished:
            return {}
        told = {
            key: status
            for key, status in reading.statuses.items()
            if status in ("present", "uncertain", "past")
        }
        return state.record(told) if told else {}


ENDS_A_PAUSE = frozenset(
    {
        ACTION_START_SCREENING,
        ACTION_RESUME_SCREENING,
        ACTION_SUMMARISE_SCREENING,
        ACTION_END_AFTER_WARNING,
        ACTION_GOODBYE_AFTER_WARNING,
    }
)


def offer_to_go_on(tracker: Tracker) -> List[EventType]:
    """Open a check that a sign paused again at its next question, asking whether to go on.

    The form asks "shall we go on?" (screening_pending "continue"), as after a request for a
    person inside the check; a yes goes on, a goodbye or stop says back what was noted.
    """
    knowledge = load_knowledge()
    state = CheckState.from_tracker(tracker, knowledge)
    values: Dict[str, Any] = {PENDING_SLOT: "continue", END_SLOT: None, RETRIES_SLOT: 0}
    values.update(next_question_wording(state, knowledge))
    return [
        *(SlotSet(slot, value) for slot, value in values.items()),
        FollowupAction("screening_form"),
    ]


def paused_check(tracker: Tracker) -> bool:
    """Whether a warning sign paused the check, not started, gone on with or ended since."""
    for event in reversed(tracker.events or []):
        if event.get("event") != "action":
            continue
        name = event.get("name")
        if name == ACTION_PAUSE_SCREENING:
            return True
        if name in ENDS_A_PAUSE:
            return False
    return False


# Thanks opening the message that starts the check ("thanks, really helpful. can I have it?").
THANKED_FIRST = re.compile(
    r"^\W*((ok|okay|great|perfect|brilliant|lovely|awesome|cool|right)\W+)?(thanks|thank you|"
    r"thank u|thx|ty|cheers|ta)\b",
    re.I,
)
THANKED_ALREADY = frozenset({"utter_screening_welcome", "utter_you_are_welcome"})


class ActionStartScreening(Action):
    """Start (or restart) the check, keeping what the opening message already says."""

    @staticmethod
    def answered_after_the_result(
        dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Optional[List[EventType]]:
        """Answers told right after the result: noted, then the result again (by the form).

        "oh right. no clotting disorder, and no aspirin" answers what the result said was not
        answered; it is no new check. None when the message is not that (no result just
        given, a restart, a new question whether they can have it, or nothing of their own
        told).
        """
        text = message_text(tracker)
        if (
            not result_given_lately(tracker, turns=1)
            or RESTART_PATTERN.search(text)
            or SUITABILITY_ASKED.search(text)
        ):
            return None
        knowledge = load_knowledge()
        state = CheckState.from_tracker(tracker, knowledge)
        told = {k: v for k, v in extract(text).statuses.items() if v in RECORDED}
        if not told or set(told.values()) != {"absent"}:
            return None  # a condition told late is answered as such (its notice, its result)
        state.record(told)
        say_noted(dispatcher, knowledge, told)  # said back, even what was known already
        # every question answered: the form that follows this action ends at once and its
        # summary gives the result again, with these answers
        return [SlotSet(slot, value) for slot, value in state.slot_values().items()]

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_START_SCREENING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Reset the check and record conditions named in the opening message."""
        if (paused_check(tracker) or left_with_a_goodbye(tracker)) and not RESTART_PATTERN.search(
            message_text(tracker)
        ):
            # "ok i called them. can we go on with the check", or simply the next answer ("I'm
            # on Xarelto", "back! sorry. none of those, no cancer"): the paused check, or the
            # one left with a goodbye, goes on, keeping its answers
            return [FollowupAction(ACTION_RESUME_SCREENING)]
        late = self.answered_after_the_result(dispatcher, tracker)
        if late is not None:
            return late
        knowledge = load_knowledge()
        state = CheckState.empty(knowledge)
        turn = Turn(
            message_text(tracker), latest_intent(tracker), extract(message_text(tracker)), None
        )
        sent = responses_this_turn(tracker)
        if GREETING_FIRST.match(turn.text):  # "hi, am I a good candidate?"
            dispatcher.utter_message(response="utter_hello")
        elif THANKED_FIRST.match(turn.text) and not sent & THANKED_ALREADY:
            # "thanks thats really helpful. I'm on warfarin btw, can I still have it?"
            dispatcher.utter_message(response="utter_screening_welcome")
        for response in also_asked_responses(domain, tracker, CONTRAINDICATIONS):
            # "can I have it? is it suitable for me? and does it hurt??": that answer first
            # (who should avoid it is what the check itself goes through)
            if response not in sent:
                dispatcher.utter_message(response=response)
        if subject_of(turn.text) is not None:  # "I'm 16, can I have it?"
            not_covered_reply(dispatcher, turn.text)
        asked_before = condition_answered_before(tracker, knowledge)
        if asked_before and asked_before not in turn.extraction.statuses:
            # "is it OK for someone with psoriasis?", then "well I do have it on my scalp. can
            # I have meso for my hair then?": the condition just answered is theirs
            told = that_condition_told(asked_before, turn.text)
            earlier_text = previous_message(tracker)
            if (
                not told
                and FIRST_PERSON.search(earlier_text)
                and not ABOUT_SOMEONE_ELSE.intersection(responses_just_before(tracker))
            ):
                # "I got diagnosed with an arrhythmia last week, could meso have caused it?",
                # answered, then "so can I do session 4?": the condition they told is theirs
                # (not "asking 4 mum. diabetic. can she", then "wat about me")
                earlier = extract(earlier_text).statuses.get(asked_before)
                told = (
                    {asked_before: earlier} if earlier in ("present", "past", "uncertain") else {}
                )
            label = knowledge.conditions[asked_before].label
            mentions = tuple(Mention(key, status, label) for key, status in told.items())
            extraction = Extraction(turn.extraction.mentions + mentions, turn.extraction.answer)
            turn = replace(turn, extraction=extraction)
        statuses = set(turn.extraction.statuses.values())
        if (
            statuses
            and statuses <= {"other_person", "question"}
            and latest_intent(tracker) != "faq"
        ):
            # "my wife is pregnant, can she have it?": the articles' answer comes first
            dispatcher.utter_message(response="utter_faq/contraindications")
        dispatcher.utter_message(response="utter_screening_intro")
        changed = state.record(turn.extraction.statuses)
        values = reset_values(knowledge)
        values[TOPIC_SLOT], _ = say_understood(dispatcher, knowledge, turn, changed, None)
        values.update(state.settle_groups(knowledge))
        values.update(state.slot_values())
        values.update(next_question_wording(state, knowledge))
        avoid = new_avoid_findings(knowledge, changed)
        if avoid and any(value is None for value in state.answers.values()):
            for key in avoid:
                avoid_notice(dispatcher, knowledge, key)
            values.update({PENDING_SLOT: "avoid", PARTIAL_SLOT: False, REMAINING_SLOT: None})
        events: List[EventType] = [SlotSet(slot, value) for slot, value in values.items()]
        if tracker.latest_action_name != ACTION_LISTEN:
            # run as another action's follow-up ("am i suitable?" right after the answer to
            # a friend's redness), where no rule for the check's start applies: the form next
            events.append(FollowupAction("screening_form"))
        return events


SENTENCE_END = re.compile(r"[.!?;\n]+|\b(?:but|and|oh|btw|also)\b")


def answers_beside_a_sign(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> List[EventType]:
    """Read the answer in a message that also reports a warning sign, inside the check.

    "no. oh btw there's a hard lump where they injected": the "no" answers the open
    question, so the check, when it goes on, does not ask it again. Only answers and
    conditions are kept (with "Noted: ..."), nothing else of the reading.
    """
    slot = tracker.get_slot(REQUESTED)
    knowledge = load_knowledge()
    if slot not in knowledge.groups or latest_intent(tracker) == "warning_emergency":
        return []  # an emergency: its advice alone
    # only the words before the sign: "my skin is so sensitive now" in the report itself is
    # a symptom, not the condition the check asks about
    before = SENTENCE_END.split(message_text(tracker), maxsplit=1)[0]
    if detect_sign(before).level is not None:
        return []
    extraction = extract(before)
    answer = extraction.answer
    state = CheckState.from_tracker(tracker, knowledge)
    undecided = state.undecided(knowledge, slot)
    statuses = extraction.statuses
    # only denials: a condition told present beside a sign may be the sign ("my skin is so
    # sensitive now and its going white")
    told = bool(statuses) and all(status == "absent" for status in statuses.values())
    if not told and (
        statuses or not (answer in ("no", "unsure") or (answer == "yes" and len(undecided) == 1))
    ):
        return []  # a question or someone else's condition beside a sign: asked again later
    earlier = dict(state.conditions)
    filled: Dict[str, Any] = {}
    if told:  # "not pregnant. also been feverish with chills since my last session"
        state.record(statuses)
    elif answer is not None:
        filled = ValidateScreeningForm.apply_answer(state, knowledge, slot, answer)
    changed = {k: v for k, v in state.conditions.items() if earlier.get(k) != v}
    say_noted(dispatcher, knowledge, changed)
    settled = state.settle_groups(knowledge, answered=slot)
    values = {**state.answers, **filled, **settled, **state.slot_values()}
    return [SlotSet(name, value) for name, value in values.items()]


# The check stopped at the visitor's word ("stop then"): "can we finish it anyway?" a turn
# or two later starts it again.
STOPPED_RESPONSES = frozenset(
    {"utter_screening_stopped", "utter_screening_stopped_noted", "utter_screening_stopped_here"}
)


# How many turns after the check was stopped "carry on" still starts it again ("No." - the
# result - a question - "you may as well finish the questions").
CARRY_ON_TURNS = 5


class ActionCarryOn(Action):
    """Carry on with no paused check: a check stopped lately starts again, else nothing."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_CARRY_ON

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Start the check again after a stop; with no check to go on with, ask what else."""
        recent = takewhile(lambda response: response[0] <= CARRY_ON_TURNS, bot_responses(tracker))
        if any(name in STOPPED_RESPONSES for _, name in recent):
            return [FollowupAction(ACTION_START_SCREENING)]
        if unfinished_check(tracker):
            # "hi its me again. can we finish the questions": a check left without its result
            # (a goodbye, a page closed) goes on where it was, with what it was told; the
            # question open when it was left (filled with the goodbye) is asked again
            left_open = [
                SlotSet(slot, None)
                for slot in load_knowledge().groups
                if tracker.get_slot(slot) is not None
                and tracker.get_slot(slot) not in ("yes", "no", *UNANSWERED_VALUES)
            ]
            return [*left_open, FollowupAction(ACTION_RESUME_SCREENING)]
        answered = previous_faq(tracker)
        if answered and MORE_REQUEST.match(message_text(tracker)):
            more_of_the_answer(dispatcher, answered)  # "go on" right after an FAQ answer
            return []
        dispatcher.utter_message(response="utter_anything_else")
        return []


def unfinished_check(tracker: Tracker) -> bool:
    """Whether the latest check of the conversation was left without its result."""
    for _, name in bot_responses(tracker):
        if name in RESULTS or name in STOPPED_RESPONSES:
            return False
        if name == "utter_screening_intro":
            return True
    return False


class ActionResumeScreening(Action):
    """Go on with a check that a warning sign paused, keeping what the visitor told it."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_RESUME_SCREENING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Say so; the form then asks the first question still open.

        When the visitor simply answered the paused check ("no eczema, skin's not
        sensitive"), what the answer says is noted first. The form follows this action in
        every case ("carry on" right after the sign, or a turn or two later).
        """
        from actions.safety import EMERGENCY_WARNINGS, HELP_CAME, advice_again, last_warning

        text = message_text(tracker)
        help_arranged = bool(CALLING_FOR_HELP.search(text) or HELP_CAME.search(text))
        if last_warning(tracker) in EMERGENCY_WARNINGS and not help_arranged:
            # after an emergency sign the check waits: call now, again, and nothing else; once
            # help is called or has come ("staff are calling an ambulance. ok where were we")
            # it goes on
            advice_again(dispatcher, tracker)
            dispatcher.utter_message(response="utter_screening_paused")
            return [FollowupAction(ACTION_LISTEN)]
        knowledge = load_knowledge()
        state = CheckState.from_tracker(tracker, knowledge)
        extraction = extract(text)
        answered = (
            latest_intent(tracker) != "continue_check"
            or bool(NO_AFTER_GOING_ON.search(text))  # "ok back to the questions, no"
            # "ok I'll call them. anyway the question - no blood thinners, no clotting problems"
            or bool(extraction.statuses)
        )
        if latest_intent(tracker) == "warning_urgent":  # someone else's sign: ActionPauseScreening
            dispatcher.utter_message(response="utter_screening_back_to_you")
        else:
            if GREETING_FIRST.match(text):  # "hi again, made it home. can we finish the check?"
                dispatcher.utter_message(response="utter_hello")
            if THANKS.search(text):  # "thanks. carry on with the questions tho"
                dispatcher.utter_message(response="utter_screening_welcome")
            if sign_during_the_check(tracker) and (
                DELAYS.search(text) or not acknowledged_since_the_pause(tracker)
            ):
                # "ok i'll call them in a bit. whats the next question", or the check simply
                # answered ("none of those") with nothing said of the sign: don't wait, first
                advice_again(dispatcher, tracker)
            dispatcher.utter_message(response="utter_screening_resumed")
        values: Dict[str, Any] = {PENDING_SLOT: None, END_SLOT: None, RETRIES_SLOT: 0}
        if answered:
            changed = read_resumed_answer(state, knowledge, text, extraction)
            say_noted(dispatcher, knowledge, changed)
            values.update(state.settle_groups(knowledge))
            values.update(state.slot_values())
        values.update(next_question_wording(state, knowledge))
        events: List[EventType] = [SlotSet(slot, value) for slot, value in values.items()]
        return [*events, FollowupAction("screening_form")]


def read_resumed_answer(
    state: CheckState, knowledge: Knowledge, text: str, extraction: Extraction
) -> Dict[str, str]:
    """Record what an answer to the paused check says; the conditions it changed.

    Conditions told ("no eczema, skin's not sensitive"), or a bare no to the open question
    ("ok ill ring them after this. anyway no i dont have any of those").
    """
    earlier = dict(state.conditions)
    state.record(extraction.statuses)
    open_slot = next((name for name, value in state.answers.items() if value is None), None)
    bare_no = not extraction.statuses and Turn(text, "", extraction, None).answer == "no"
    if open_slot is not None and bare_no:
        ValidateScreeningForm.apply_answer(state, knowledge, open_slot, "no")
    return {key: value for key, value in state.conditions.items() if earlier.get(key) != value}


# The next answer after a word to go on ("ok back to the questions, no", "carry on. none")
NO_AFTER_GOING_ON = re.compile(
    r"[\s,.;:!-](no|nope|nah|none|none of (them|those|these)|no to (all|both)( of (them|those))?)"
    r"\W*$",
    re.I,
)
# How many messages after the pause an answer to the paused check is still read as one:
# "ok il ring them. whats the number", then "none of those", "no", "skin's fine".
PAUSED_ANSWER_TURNS = 4
# A bare no, short: "no", "nope none", "no to all"
BARE_ANSWER_WORDS = 4


def stops_a_prescribed_thinner(text: str, mentions: Sequence[Mention]) -> bool:
    """Whether the message asks about stopping a blood thinner other than aspirin it names.

    "should I just stop the apixaban for a few days before?": what the articles say of blood
    thinners (ask your doctor, never stop it yourself), not the preparation list about
    pausing aspirin.
    """
    thinners = [m.text.lower() for m in mentions if m.condition == "aspirin_or_blood_thinners"]
    return bool(STOPS_A_MEDICINE.search(text)) and any("aspirin" not in said for said in thinners)


# Pausing a medicine before a session: "when do I stop that?" (of retinol), "do I need to
# stop the aspirin before the appointment?", "can I take a couple of aspirin beforehand?"
PAUSE_BEFORE = re.compile(
    r"\b(when|how long before|how many days before|how soon before)\b.{0,30}\b(stop|pause|"
    r"come off|quit|leave off)\b|\b(do|will|would|does) (i|she|he|we|they) (need|have) to (stop|"
    r"pause|come off)\b|"
    r"\b(stop|stopping|pause|pausing|take|taking|come off|coming off|quit|leave off)\b.{0,30}"
    r"\b(before (the|my|a|each|every|your|it|then|that)\b|beforehand)|"
    # "should I also stop my retinol?", "how many days do I need?" (without it)
    r"\b(should|shall|must|do) (i|we) (also |still |just |first |then )?(stop|pause|come off|"
    r"quit|leave off)\b|\bhow (many days|long)( do i need| before| beforehand)\b",
    re.I,
)


def pauses_before_a_session(text: str, mentions: Sequence[Mention]) -> bool:
    """Whether the message asks about pausing retinol or aspirin before a session.

    The preparation answer says it (not for a prescribed blood thinner:
    `stops_a_prescribed_thinner`).
    """
    named = [
        m
        for m in mentions
        if m.condition == "retinol"
        or (m.condition == "aspirin_or_blood_thinners" and "aspirin" in m.text.lower())
    ]
    return (
        bool(named)
        and bool(PAUSE_BEFORE.search(text))
        and not stops_a_prescribed_thinner(text, mentions)
    )


def answers_the_paused_check(tracker: Tracker) -> bool:
    """Whether the message just answers the check a warning sign paused lately.

    Conditions told ("no eczema, skin's not sensitive"), "none of those", or, once the
    visitor has written about something else in between (the sign, the number), a bare no:
    no question, no sign. Right after the sign's advice a bare "no" may answer the advice
    ("no, I'm not going to A&E"), so it is not read as the check's answer then; unless the
    pause showed the check's question again (an urgent sign, `PAUSED_URGENT`): then a plain
    answer right after it is that question's.
    """
    paused, how = next(
        (
            (turn, name)
            for turn, name in bot_responses(tracker)
            if name in ("utter_screening_paused", PAUSED_URGENT)
        ),
        (None, ""),
    )
    text = message_text(tracker)
    if (
        paused is None
        or paused > PAUSED_ANSWER_TURNS
        or not paused_check(tracker)
        or detect_sign(text).level is not None
    ):
        return False
    # the question shown again with the pause (an urgent sign): a plain answer is its answer
    asked_again = how == PAUSED_URGENT and paused == 1
    extraction = extract(text)
    if "?" in text and not (asked_again and extraction.answer == "unsure"):
        return False  # (not "not sure, maybe? I hate needles" to the question shown again)
    statuses = extraction.statuses
    if not statuses and NONE_OF_THEM.search(text):
        return True  # "ok ill ring them after this. anyway no i dont have any of those"
    if not statuses:
        if extraction.answer is not None and TO_THE_QUESTION.search(text):
            return True  # "ok will ring them. and no to the bruising question"
        bare_no = extraction.answer == "no" and len(text.split()) <= BARE_ANSWER_WORDS
        return bare_no and (paused > 1 or asked_again)
    return all(status in RECORDED for status in statuses.values())


# An answer given to the check's question by name ("and no to the bruising question").
TO_THE_QUESTION = re.compile(
    r"\b(yes|yeah|yep|no|nope|nah) to (the|your) (\w+[ -]){0,3}(question|one|q|bit)\b|"
    # "ok I'll ring them. but to answer your question: no"
    r"\b(to answer|answering|as for|back to) (the|your) (\w+ )?(question|q)\W+(yes|yeah|yep|no|"
    r"nope|nah)\b",
    re.I,
)
# How many messages after a goodbye that left the check its answers still go on with it.
LEFT_TURNS = 6
# The check's results, one per level.
RESULTS = frozenset(
    {
        "utter_screening_result_avoid",
        "utter_screening_result_consult",
        "utter_screening_result_clear",
    }
)
# Responses after which a check left with a goodbye is no longer taken up again.
ENDS_A_LEAVING = (
    STOPPED_RESPONSES
    | RESULTS
    | {"utter_screening_intro", "utter_screening_restarted", "utter_screening_resumed"}
)


def left_with_a_goodbye(tracker: Tracker) -> bool:
    """Whether a goodbye left the check lately, its answers said back and kept.

    "ugh work call, bye", then "back! sorry. none of those, no cancer": it goes on.
    """
    for since, name in bot_responses(tracker):
        if since > LEFT_TURNS or name in ENDS_A_LEAVING:
            return False
        if name == "utter_screening_noted_so_far":
            return True
    return False


def sign_during_the_check(tracker: Tracker) -> bool:
    """Whether an emergency or urgent sign was answered since the check last started."""
    from actions.safety import SERIOUS_WARNINGS, SIGN_TAKEN_BACK

    for _, name in bot_responses(tracker):
        if name in SERIOUS_WARNINGS:
            return True
        if name in ("utter_screening_intro", "utter_screening_restarted", SIGN_TAKEN_BACK):
            return False
    return False


def acknowledged_since_the_pause(tracker: Tracker) -> bool:
    """Whether the visitor has said, since the sign paused the check, that help is in hand.

    "ok il ring them", "will do", "the ambulance came": the sign's advice need not be
    repeated when the check goes on.
    """
    from actions.safety import HELP_CAME, WILL_DO

    texts: List[str] = []
    for event in reversed(tracker.events or []):
        if event.get("event") == "action" and event.get("name") == ACTION_PAUSE_SCREENING:
            break
        if event.get("event") == "user":
            texts.append(said(event))
    return any(
        CALLING_FOR_HELP.search(text) or HELP_CAME.search(text) or WILL_DO.search(text)
        for text in texts
    )


def with_the_check_state(
    updates: Dict[str, Any], state: CheckState, knowledge: Knowledge
) -> Dict[str, Any]:
    """A turn's slot updates completed with the check's state and the next question's wording.

    Group answers already in `updates` win; with a choice pending (go on? which one?) no
    question wording is set.
    """
    updates.update(state.slot_values())
    for group_slot, group_answer in state.answers.items():
        updates.setdefault(group_slot, group_answer)
    if updates.get(PENDING_SLOT):
        updates.update({PARTIAL_SLOT: False, REMAINING_SLOT: None})
    else:
        updates.update(next_question_wording(state, knowledge))
    return updates


class ValidateScreeningForm(FormValidationAction):
    """Read each message of the check whole and reply to all of it (see the module doc)."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return VALIDATE_SCREENING_FORM

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Validate the latest answer; when the form activates, word its first question."""
        events = await super().run(dispatcher, tracker, domain)
        activating = tracker.get_slot(REQUESTED) is None
        if activating and not any(event.get("event") == "slot" for event in events):
            # Rasa validates when the form activates and, when that call sets no slot, calls
            # again in the same turn (FormAction.do). The first question's wording is what
            # this call can set (what action_start_screening set): one call instead of two.
            knowledge = load_knowledge()
            wording = next_question_wording(CheckState.from_tracker(tracker, knowledge), knowledge)
            events += [SlotSet(slot, value) for slot, value in wording.items()]
        return events

    async def validate_screen_pregnancy(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while the pregnancy and breastfeeding question is open."""
        return self.interpret(dispatcher, tracker, "screen_pregnancy", value, domain)

    async def validate_screen_chronic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while the cancer, diabetes and heart question is open."""
        return self.interpret(dispatcher, tracker, "screen_chronic", value, domain)

    async def validate_screen_bleeding(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while the clotting, bruising and blood thinners question is open."""
        return self.interpret(dispatcher, tracker, "screen_bleeding", value, domain)

    async def validate_screen_skin(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while the eczema, psoriasis and skin question is open."""
        return self.interpret(dispatcher, tracker, "screen_skin", value, domain)

    async def validate_screen_pain(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Read a turn while the pain tolerance question is open."""
        return self.interpret(dispatcher, tracker, "screen_pain", value, domain)

    def interpret(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str,
        value: Any,
        domain: Optional[DomainDict] = None,
    ) -> Dict[str, Any]:
        """Slot updates for the latest message, read while the question `slot` is open."""
        if value is None or tracker.get_slot(REQUESTED) != slot:
            return {}  # not an answer to this question (e.g. slots reset at activation)
        knowledge = load_knowledge()
        state = CheckState.from_tracker(tracker, knowledge)
        turn = read_turn(tracker, domain)
        pending = tracker.get_slot(PENDING_SLOT)
        if pending in ("which", None):
            # "the second one" after "which one?"; "yep both", "only the 2nd one" to the
            # question itself (chosen_places reads only replies made of such words)
            turn = chosen_by_place(turn, knowledge.groups[slot].conditions)
        if not pending:  # "no, yes, no": one answer for each condition asked about, in order
            turn = answered_in_order(turn, slot, knowledge.groups[slot].conditions)
            # "no no yes no no": one answer for each question still to come
            turn = answered_for_each_question(turn, slot, state, knowledge)
            turn = answered_by_number(turn, slot, state, knowledge)
        turn = theirs_after_all(turn, tracker.get_slot(TOPIC_SLOT), state)
        turn = results_do_not_undo(turn, state)
        if RESTART_PATTERN.search(turn.text):
            dispatcher.utter_message(response="utter_screening_restarted")
            return reset_values(knowledge)
        thanked = turn.intent == "thank" or bool(THANKS.search(turn.text))
        if thanked:
            dispatcher.utter_message(response="utter_screening_welcome")
        asks_result = turn.intent == "ask_result"  # "so what's my result now?"
        if (
            (
                message_entity(tracker, RESULT_QUESTIONED_ENTITY) is not None
                or (asks_result and pending not in ("avoid", "continue"))
            )
            and turn.answer is None
            and not turn.extraction.statuses
        ):
            # "so I can't?", "what's my result?" in the middle of the check: what the answers
            # so far mean, then the question again (or the offer to go on); "what have you got
            # down for me?": what was noted
            if asks_result and RECAP.search(turn.text):
                say_recap(dispatcher, knowledge, state.recorded())
            else:
                explain_the_findings(dispatcher, knowledge, state, under_way=True)
            asked_again: Dict[str, Any] = {slot: None, PENDING_SLOT: pending, RETRIES_SLOT: 0}
            return with_the_check_state(asked_again, state, knowledge)
        meant = MEANING_ASKED.search(turn.text) if not pending else None
        asked_meaning = [
            key
            for key, status in turn.extraction.statuses.items()
            if meant and status == "uncertain" and key in knowledge.groups[slot].conditions
        ]
        if asked_meaning:
            # "depends what you mean by sensitive? ... no eczema though": what the articles
            # say of it, the rest noted, then the same question again
            told = {k: v for k, v in turn.extraction.statuses.items() if k not in asked_meaning}
            say_noted(dispatcher, knowledge, state.record(told))
            for key in asked_meaning:
                condition_info(dispatcher, knowledge, key)
            asked_again = {slot: None, PENDING_SLOT: None, RETRIES_SLOT: 0}
            return with_the_check_state(asked_again, state, knowledge)
        going_on = (
            bool(GOING_ON.search(turn.text))
            or turn.intent == "continue_check"
            or (
                # "could you go through the full check with me anyway?" after an avoid finding
                turn.intent == "check_eligibility" and pending in ("avoid", "continue")
            )
        )
        # "the AF, that's all": only that one (a goodbye only with a goodbye of its own)
        named_then_all = bool(
            turn.extraction.statuses
            and THATS_ALL.search(turn.text)
            and not BYE.search(THATS_ALL.sub(" ", turn.text))
        )
        leaving = (
            not going_on
            and not named_then_all
            and (
                turn.intent == "goodbye"
                or (
                    bool(BYE.search(turn.text))
                    and turn.intent
                    not in ("faq", "book_consultation", "human_handoff", "bot_challenge")
                )
            )
        )
        stopping = turn.stops and not going_on  # "continue" reads like "stop" to the classifier
        if leaving or (stopping and pending not in ("avoid", "continue")):
            state.record(turn.extraction.statuses)
            end = "goodbye" if leaving else "stopped"
            return {**state.slot_values(), END_SLOT: end, REQUESTED: None, PENDING_SLOT: None}

        updates: Dict[str, Any] = {PENDING_SLOT: None}
        answered_slot = slot
        answer = turn.answer
        if answer is None and not pending and I_AM_FINE.match(turn.text):
            answer = "no"  # "I'm fine" to "do you have ...?" (not to "shall we go on?")
        if answer is None and not pending and SAME_AGAIN.match(turn.text):
            answer = same_as_before(state, knowledge, tracker.get_slot(PREVIOUS_SLOT))
        if (
            answer is None
            and not pending
            and slot == "screen_pregnancy"
            and A_MAN.search(turn.text)
        ):
            answer = "no"  # "oh you mean me lol. no, I'm a guy"
        if (
            answer is None
            and not pending
            and slot == "screen_pain"
            and not turn.extraction.statuses
            and CAN_MANAGE.search(turn.text)
            and not DOUBTS_IT.search(turn.text)
        ):
            answer = "no"  # "I've had two children without an epidural, so I can manage!"
        named = {k for k, v in turn.extraction.statuses.items() if v in RECORDED}
        topic_before = tracker.get_slot(TOPIC_SLOT)  # the condition last talked about
        told_of_topic = (
            that_condition_told(topic_before, turn.text, [m.text for m in turn.extraction.mentions])
            if topic_before in knowledge.conditions
            else {}
        )
        if not named:
            # "does clopidogrel count as a blood thinner?" then "right, then yes, I take that":
            # the yes is the blood thinner's, not the open question's
            named = set(told_of_topic)
        # the answer beside conditions of other questions only is theirs, not the open one's
        named_elsewhere = (
            bool(named)
            and not named & set(knowledge.groups[slot].conditions)
            and pending != "which"
        )
        if named_elsewhere and answer == "yes" and not turn.correcting:
            # "yes, I'm afraid my pain tolerance is very low" to the skin question: the yes is
            # the pain's; the skin question is asked again, not "which one?"
            answer = None
        if named_elsewhere and answer == "no" and not OPENS_WITH_NO.match(turn.text):
            # "I don't have cancer or diabetes or anything" to the pregnancy question: the
            # "or anything" is of cancer and diabetes; the pregnancy question is still open
            answer = None
        previous = tracker.get_slot(PREVIOUS_SLOT)
        if answer and turn.correcting and previous in knowledge.groups:
            # "sorry, I meant yes" (and "..., I get eczema on my arms"): the question before
            corrects_previous = not named or named <= set(knowledge.groups[previous].conditions)
            if corrects_previous:
                answered_slot = str(previous)
                self.reopen(state, knowledge, answered_slot)
        rest = (
            [
                k
                for k in state.not_mentioned(knowledge)
                if k in knowledge.groups[previous].conditions
            ]
            if REST_IS_NO.search(turn.text) and previous in knowledge.groups
            else []
        )  # of the question answered last, by naming some of it
        if rest:  # "no, none of the rest": of the questions answered by naming some of them
            for key in rest:
                state.conditions[key] = "absent"
            answer = None  # the question asked now is asked again
        names_conditions = bool(named)
        chose = False
        if going_on and answer == "yes" and not names_conditions and pending != "which":
            answer, chose = None, True  # "yes let's keep going": ask the question (again)
        statuses = dict(turn.extraction.statuses)
        mild_sign = turn.after_effects or turn.intent == "after_effects"  # "a faint bruise"
        if not mild_sign and (
            not any(v in RECORDED for v in statuses.values()) or not turn.extraction.answer
        ):
            statuses.update(open_question_reading(answered_slot, turn.text, statuses))
        if topic_before not in statuses:
            statuses.update(told_of_topic)
        late = self.withdraw_theirs(
            state, knowledge, statuses, turn.text, answered_slot, pending in ("avoid", "continue")
        )
        if late:
            answer = None  # "earlier with the bruising I meant my sister": the open question stays
        before_turn = dict(state.conditions)
        statuses = as_told_before(state, statuses, turn.text)
        if pending in ("avoid", "continue"):
            statuses = kept_despite_the_notice(dispatcher, state, knowledge, statuses, turn.text)
        changed = state.record(statuses)
        reopened = late + self.reopen_withdrawn(state, knowledge, before_turn, changed)
        changed.update({key: "absent" for key in rest})
        no_to_all = answer == "no" and bool(NO_TO_ALL.search(turn.text))
        if (
            pending in ("avoid", "continue")
            and (not changed or going_on)
            and not no_to_all
            and not late  # the condition of the notice taken back: its question again
        ):
            # ("fine. no to all three" to "shall we go on?": going on, with the answer)
            stop_here = bool(STOP_HERE.search(turn.text)) and not ASKS.search(turn.text)
            asks_too = "?" in turn.text  # "oh no. what about my friend, can she have it?"
            # ("so what's my result now then?" to the offer: stopping here, the result)
            stop_here = stop_here or asks_result
            if not going_on and ((answer == "no" and not asks_too) or turn.stops or stop_here):
                if (turn.stops or stop_here) and asks_too:
                    # "no, stop there. how long do results last?", "never mind the questions,
                    # who should avoid it in general, though?"
                    answer_beside_a_stop(dispatcher, tracker)
                return self.end_early(state, pending)
            if going_on or answer == "yes" or turn.intent == "affirm" or GO_ON.search(turn.text):
                answer, chose = None, True  # "go on": ask the question again
            else:
                updates[PENDING_SLOT] = pending  # still to choose (after any answer below)
        mentioned_here = set(statuses)
        group_members = set(knowledge.groups[answered_slot].conditions)
        if topic_before in knowledge.conditions and topic_before not in mentioned_here:
            if (
                DENIES_TOPIC.search(turn.text)
                or (NOTHING_LIKE_IT.search(turn.text) and topic_before not in state.conditions)
                or (
                    # "ah no. not on blood thinners either, but I bruise": after "what's a
                    # clotting disorder?", the opening no is to the clotting disorder
                    OPENS_WITH_NO.match(SOFT_OPENING.sub("", turn.text))
                    and topic_before in group_members
                    and topic_before not in state.conditions
                    and bool(mentioned_here & group_members)
                )
            ):  # "no I don't take it" (aspirin, just asked about)
                changed.update(state.record({topic_before: "absent"}))
            elif UNSURE_IF_MINE.search(turn.text):  # "not sure if mine counts then"
                changed.update(state.record({topic_before: "uncertain"}))
                mentioned_here.add(topic_before)
                statuses[topic_before] = "uncertain"
        said_in_group = {
            statuses[k]
            for k in mentioned_here & group_members
            if statuses[k] in RECORDED  # not someone else's, not a question
        }
        hedged_elsewhere = any(
            statuses[k] == "uncertain" for k in mentioned_here - group_members if k in statuses
        )
        if answer == "unsure" and not said_in_group and hedged_elsewhere:
            answer = None  # "maybe prediabetes?" to the pregnancy question: the diabetes' hedge
        if not answer and said_in_group == {"absent"} and NONE_OF_THEM.search(turn.text):
            answer = "no"  # "no eczema or anything like that": no to the whole question
        # "no, but I have POTS": the "but" names nothing the reader knows ("no, but I take
        # warfarin" is a no here and warfarin for its own question)
        but_has = (
            answer == "no"
            and bool(BUT_I_HAVE.search(turn.text))
            and not (mentioned_here - group_members)
        )
        rest_denied = (  # "no cancer, but I do have AF": not a no to the whole question
            answer == "no"
            and (said_in_group <= {"absent"} or NONE_OF_THEM.search(turn.text))
            and not but_has
        )
        if (
            answer == "unsure"
            and not said_in_group
            and PARTLY_YES.match(turn.text)
            and len(state.undecided(knowledge, answered_slot)) > 1
        ):
            answer = "yes"  # "kind of" to "cancer, diabetes or a heart condition?": which one
        if answer and (rest_denied or (not said_in_group and not but_has)):
            before = dict(state.conditions)
            updates.update(self.apply_answer(state, knowledge, answered_slot, answer))
            changed.update({k: v for k, v in state.conditions.items() if before.get(k) != v})
        elif answer == "unsure" and said_in_group == {"absent"}:
            # "not sure yet, might be, test tomorrow. not breastfeeding": the doubt is the
            # other one's (the ones still undecided)
            changed.update(
                state.record(
                    {key: "uncertain" for key in state.undecided(knowledge, answered_slot)}
                )
            )
        elif pending == "which" and answer == "yes":
            updates[PENDING_SLOT] = "which"
        if said_in_group and (
            NOTHING_ELSE.search(turn.text)
            or (said_in_group == {"present"} and NO_BUT_ONE.search(turn.text))
        ):
            for key in state.undecided(knowledge, answered_slot):  # "..., nothing else"
                state.conditions[key] = "absent"
                changed[key] = "absent"
        reported = said_in_group - {"absent"}  # "I take aspirin", not only "I'm not pregnant"
        if reported and not rest_denied:
            # the question is answered (also after "which one?", or corrected): no asking again
            group = knowledge.groups[answered_slot]
            if state.undecided(knowledge, answered_slot) and not state.leaves_open(group):
                state.conditions[answered_slot] = NAMED_ONLY
            if updates.get(PENDING_SLOT) == "which":
                updates[PENDING_SLOT] = None  # "sorry I meant yes, I take aspirin": chosen
        # still being answered: "which one?" after a bare yes, or "no, but I have ..."
        still_open = (
            bool(BUT_I_HAVE.search(turn.text)) and not mentioned_here - group_members
        ) or (not reported and "which" in (pending, updates.get(PENDING_SLOT)))
        restated = {  # "the diabetes, as I mentioned": noted again, so they see it is known
            k: v
            for k, v in statuses.items()
            if v in RECORDED and k not in changed and state.conditions.get(k) == v
        }
        by_word = [k for k, v in statuses.items() if v == "question"]
        topic, informed = say_understood(
            dispatcher,
            knowledge,
            turn,
            {**changed, **restated},
            tracker.get_slot(TOPIC_SLOT),
            [k for k in by_word if k not in turn.extraction.statuses],
        )
        updates[TOPIC_SLOT] = topic
        denied_here = any(
            statuses.get(k) == "absent" for k in knowledge.groups[answered_slot].conditions
        )  # "I'm not pregnant" to the pregnancy question answers it; a question about a
        # medicine beside an earlier "I don't" does not
        filled = state.settle_groups(
            knowledge,
            [*reopened, *([answered_slot] if still_open else [])],
            answered_slot if denied_here else None,
        )
        updates.update(filled)
        understood = bool(changed or answer or mentioned_here or chose or informed)
        understood = understood or bool(updates.get(PENDING_SLOT))
        in_pieces = sign_told_in_pieces(tracker) if not (answer or changed) else None
        if in_pieces in ("urgent", "emergency"):
            # "one of the spots has gone" / "white and grey around it": a sign told over two
            # messages, escalated; the question is asked again after its advice
            warning_reply(dispatcher, told_together(tracker), in_pieces)
            understood = True
        elif (
            not (answer or changed)
            and asks_the_cause(turn.text)
            and serious_warning_lately(tracker, turns=1)
        ):
            # "is that from the needle?" right after a sign told inside the check: no
            # diagnosis, the sign's advice again, then the question
            advice_again(dispatcher, tracker)
            asked_again = {slot: None, PENDING_SLOT: pending, RETRIES_SLOT: 0}
            return with_the_check_state(asked_again, state, knowledge)
        other = self.answer_other_things(
            dispatcher,
            turn,
            mentioned_here,
            topic_before,
            asked_by_word=bool(by_word),
            nothing_told=not state.recorded()
            and all(v is None for k, v in state.answers.items() if k != slot),
        )
        if other == "continue":
            updates[PENDING_SLOT] = "continue"
        understood = understood or other is not None or thanked
        understood = understood or bool(WHICH_QUESTION.search(turn.text))
        if thanked and pending and not (changed or answer or mentioned_here or other or chose):
            updates[PENDING_SLOT] = pending  # "ok thanks": the offer to go on still stands
        if answered_slot in filled or answered_slot in updates or changed:
            updates[PREVIOUS_SLOT] = answered_slot
        if not understood:
            updates.update(self.not_understood(dispatcher, tracker, slot))
        else:
            updates[RETRIES_SLOT] = 0
            if state.answers.get(slot) is None and slot not in updates:
                updates[slot] = None
        new_avoid = new_avoid_findings(knowledge, changed)
        if new_avoid and any(value is None for value in state.answers.values()):
            for key in new_avoid:
                avoid_notice(dispatcher, knowledge, key)
            updates[PENDING_SLOT] = "avoid"
        with_the_check_state(updates, state, knowledge)
        if updates.get(PENDING_SLOT) == "which" and state.answers.get(answered_slot) is None:
            updates[REQUESTED] = answered_slot
        return updates

    @staticmethod
    def reopen_withdrawn(
        state: CheckState, knowledge: Knowledge, before: Dict[str, str], changed: Dict[str, str]
    ) -> List[str]:
        """Ask a question again when the one condition that answered it is taken back.

        "yes" -> "diabetes" -> "wait no, that's my husband, not me": cancer and a heart
        condition were never answered, so the question is asked again for them. Returns the
        questions opened again.
        """
        reopened: List[str] = []
        for key, status in changed.items():
            if status != "absent" or before.get(key) != "present":
                continue
            slot = knowledge.conditions[key].group
            if slot is None or state.conditions.get(slot) != NAMED_ONLY:
                continue
            members = knowledge.groups[slot].conditions
            if not any(state.conditions.get(m) in ("present", *TO_DISCUSS) for m in members):
                del state.conditions[slot]
                state.answers[slot] = None
                reopened.append(slot)
        return reopened

    @staticmethod
    def withdraw_theirs(
        state: CheckState,
        knowledge: Knowledge,
        statuses: Dict[str, str],
        text: str,
        open_slot: str,
        after_notice: bool = False,
    ) -> List[str]:
        """Take back an earlier answer now said to be someone else's; ask its question again.

        "hmm wait. earlier with the bruising I was thinking of my sister, that's her not me":
        the visitor's bruising is no longer noted, and the question that noted it is open
        again. Returns the questions opened again.

        `after_notice`: the message answers the notice of a condition to avoid ("shall we go
        on?"), so a condition noted as the visitor's and now told as someone else's ("oh wait,
        my mum has breast cancer, not me", "*my mum has it") is the one just noted, taken back.
        """
        taken_back = after_notice and bool(PUT_RIGHT.search(text)) and not ALSO_MINE.search(text)
        if not (EARLIER_ANSWER.search(text) or taken_back):
            return []
        reopened: List[str] = []
        for key, status in statuses.items():
            slot = knowledge.conditions[key].group if key in knowledge.conditions else None
            if (
                status != "other_person"
                or slot is None
                or (slot == open_slot and not after_notice)
                or state.conditions.get(key) not in ("present", *TO_DISCUSS)
            ):
                continue
            fine = bool(FINE_MYSELF.search(text) or (after_notice and NOT_ME_TOO.search(text)))
            if fine and not after_notice:
                state.conditions[key] = "absent"  # "sorry no thats him ... I'm fine": a no
                continue
            if fine:
                state.conditions[key] = "absent"  # the notice's question goes on (the rest)
            else:
                del state.conditions[key]
            members = knowledge.groups[slot].conditions
            if not any(state.conditions.get(m) in ("present", *TO_DISCUSS) for m in members):
                state.conditions.pop(slot, None)  # its "named only" mark
                state.answers[slot] = None
                reopened.append(slot)
        return reopened

    @staticmethod
    def reopen(state: CheckState, knowledge: Knowledge, slot: str) -> None:
        """Forget an earlier answer to a question, before its correction is applied."""
        state.answers[slot] = None
        for key in (*knowledge.groups[slot].conditions, slot):
            state.conditions.pop(key, None)

    @staticmethod
    def apply_answer(
        state: CheckState, knowledge: Knowledge, slot: str, answer: str
    ) -> Dict[str, Any]:
        """Apply a bare answer to question `slot`; a bundled "yes" asks which one."""
        undecided = state.undecided(knowledge, slot)
        if answer == "no":
            for key in undecided:
                state.conditions[key] = "absent"
            return {}
        if answer == "yes":
            if len(undecided) == 1:
                state.conditions[undecided[0]] = "present"
                return {}
            if undecided:
                return {PENDING_SLOT: "which"}
            return {}
        state.answers[slot] = answer  # unsure or declined: a professional will ask
        if answer == "unsure":
            for key in undecided:
                state.conditions[key] = "uncertain"
            state.answers[slot] = answer
        return {slot: answer}

    @staticmethod
    def answer_other_things(
        dispatcher: CollectingDispatcher,
        turn: Turn,
        mentioned: Set[str],
        topic: Optional[str] = None,
        asked_by_word: bool = False,
        nothing_told: bool = False,
    ) -> Optional[str]:
        """Reply to what else the message asks or says.

        `nothing_told`: the visitor has said nothing of their own health yet (the check began
        with someone else's), so asking whether they can have it starts it for them.

        Returns None when it says nothing else, "continue" when the visitor is then asked
        whether to go on with the check, and "answered" otherwise.
        """
        intent = turn.intent
        # "none of those. will it get rid of my dark spots btw": a question after the answer
        # "kind of? needles make me nervous": the opening hedge answers, it does not ask
        said = HEDGED_OPENING.sub("", without_pasted_question(turn.text))
        asks = any(ASKS.search(part) for part in SENTENCES.split(said)) or bool(
            question_parts(said)
        )  # "not pregnant. wait how long do results last actually": the second sentence asks
        if intent == "bot_challenge":
            dispatcher.utter_message(response="utter_iamabot")
            return "answered"
        # request_callback: a call-back request (actions/booking/), answered as booking here
        booking = intent in ("book_consultation", "request_callback") or bool(
            ASKS_TO_BOOK.search(turn.text)
        )
        if (
            intent == "human_handoff"
            and CALLING_FOR_HELP.search(turn.text)
            and (mentioned or turn.answer)
        ):
            return None  # "ok we'll call them now. sorry back to me, no cancer ...": answers
        if intent == "human_handoff" or booking or ASKS_FOR_PERSON.search(turn.text):
            details = clinic_template_vars()
            use_booking = booking and details["booking_url"]
            dispatcher.utter_message(
                response="utter_booking" if use_booking else "utter_contact", **details
            )
            for response in turn.also_asked:  # "can I book? and what do I do before?"
                dispatcher.utter_message(response=response)
            if not booking and not ASKS_FOR_PERSON.search(turn.text):
                # "whats the address of the clinic", "sorry whats ur phone number": the details,
                # as an FAQ is answered, then the same question again
                return "answered"
            return "continue"
        if (
            (turn.not_covered or intent == "not_covered")
            and not asks
            and (mentioned or turn.answer)
        ):
            # "I had a tattoo done on my ankle and didn't flinch, so no": an answer that names
            # a subject the articles don't cover, asking nothing about it
            return None
        if (intent == "faq" and turn.after_effects) or (intent == "after_effects" and asks):
            # "ok then no, I don't have that. oh, and I still have two small bruises from a
            # session elsewhere, normal?": the answer, and the mild after-effects answer
            warning_reply(dispatcher, turn.text, "expected")
        elif intent == "faq" and turn.not_covered:
            subject = subject_of(turn.text)
            if subject and subject.key == "after_baby" and topic in ("pregnancy", "breastfeeding"):
                # "can I have it after the baby then?": what the articles say of it, first
                condition_info(dispatcher, load_knowledge(), topic)
            not_covered_reply(dispatcher, turn.text, turn.covered)
        elif turn.faq and (intent == "faq" or turn.answer):
            if PUSHES_FOR_OK.search(turn.text):
                return "answered"  # "just say it's fine": the condition's answer, no FAQ
            if not asks and (mentioned or turn.answer):
                return None  # an answer the classifier took for a question ("pain is ok")
            if pauses_before_a_session(turn.text, turn.extraction.mentions):
                # "when should I stop the retinol then?": the preparation answer says when
                dispatcher.utter_message(response=PREPARATION)
                return "answered"
            if turn.asks_only_about_a_condition or (
                asked_by_word and len(question_parts(turn.text)) <= 1
            ):
                return "answered"  # "does it count if I had X?": the condition's answer says it
            if turn.faq == PREPARATION and stops_a_prescribed_thinner(
                turn.text, turn.extraction.mentions
            ):
                # "the meds are blood thinners. should I come off them for a week?": what the
                # articles say of blood thinners (never stop a prescribed medicine yourself),
                # not the preparation list about pausing aspirin
                return "answered"
            if turn.faq != "utter_faq/contraindications" or not mentioned:
                dispatcher.utter_message(response=turn.faq)
            for response in turn.also_asked:  # "is it like a filler and how much is it?"
                dispatcher.utter_message(response=response)
        elif intent == "not_covered":
            not_covered_reply(dispatcher, turn.text)
        elif intent == "after_effects":
            if mentioned and not asks and detect_sign(turn.text).level is None:
                # "I bruise a bit easily, and I might have some kind of clotting thing" to the
                # bleeding question: a tendency told, no after-effect of a treatment
                return None
            warning_reply(dispatcher, turn.text, "expected")
        elif intent == "bot_challenge":
            dispatcher.utter_message(response="utter_iamabot")
        elif intent == "check_eligibility":
            waited = subject_of(turn.text) if asks else None
            if waited is not None and waited.key == "after_baby":
                # "how long after I stop breastfeeding could I have it?": the articles give no
                # waiting time (beside what they say of breastfeeding), then the check goes on
                not_covered_reply(dispatcher, turn.text)
                return "answered"
            if mentioned or turn.answer:
                return None
            if waited is not None:
                # "is there an age limit? I'm 62": what the articles don't cover, then the
                # check goes on
                not_covered_reply(dispatcher, turn.text)
                return "answered"
            # "Myself, I'm 40 and healthy. Is it suitable for me?" after questions for a
            # resident: the check, for them, from its start
            response = "utter_screening_intro" if nothing_told else "utter_screening_in_progress"
            dispatcher.utter_message(response=response)
        elif (
            intent == "out_of_scope"
            and (asks or OFF_TOPIC_QUESTION.search(turn.text))
            and not (mentioned or turn.answer)
        ):
            dispatcher.utter_message(response="utter_out_of_scope")  # "whats ur fav team"
        elif intent not in ("thank", "greet"):
            return None
        return "answered"

    @staticmethod
    def end_early(state: CheckState, pending: str) -> Dict[str, Any]:
        """End after an avoid notice ("stop here": the result so far) or a continue offer."""
        if pending == "continue":
            return {END_SLOT: "stopped", REQUESTED: None, PENDING_SLOT: None}
        skipped = {slot: "skipped" for slot, value in state.answers.items() if value is None}
        return {
            **skipped,
            **state.slot_values(),
            END_SLOT: "stopped_here",
            REQUESTED: None,
            PENDING_SLOT: None,
        }

    @staticmethod
    def not_understood(
        dispatcher: CollectingDispatcher, tracker: Tracker, slot: str
    ) -> Dict[str, Any]:
        """Help once, then skip the question (it is listed as unanswered in the result)."""
        if not tracker.get_slot(RETRIES_SLOT):
            dispatcher.utter_message(response="utter_screening_help")
            return {slot: None, RETRIES_SLOT: 1}
        dispatcher.utter_message(response="utter_screening_skipped")
        return {slot: "skipped", RETRIES_SLOT: 0}


def say_noted_so_far(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, recorded: Dict[str, str]
) -> bool:
    """Before a goodbye: what the check noted, to mention to the professional (if anything)."""
    return say_statuses(dispatcher, knowledge, recorded, "utter_screening_noted_so_far")


def say_recap(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, recorded: Dict[str, str]
) -> None:
    """What the check has noted so far, asked for in the middle of it."""
    if not say_statuses(dispatcher, knowledge, recorded, "utter_screening_recap"):
        dispatcher.utter_message(response="utter_screening_recap_nothing")


def stopped(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, recorded: Dict[str, str]
) -> List[EventType]:
    """The check stopped: what the visitor told is said back once, then every answer cleared."""
    if recorded:  # to mention to the professional
        dispatcher.utter_message(
            response="utter_screening_stopped_noted", noted=noted_text(knowledge, recorded)
        )
    else:
        dispatcher.utter_message(response="utter_screening_stopped")
    return [SlotSet(k, v) for k, v in reset_values(knowledge).items()]


# How sure the classifier must be of an FAQ topic asked beside a stop ("stop the questions.
# I only want to know about cellulite, does it really help?") to answer it.
STOP_QUESTION_CONFIDENCE = 0.45  # the FallbackClassifier threshold (config.yml)


TELL_ME = re.compile(
    r"\b(tell|show|give|explain( to)?) me (how|what|why|when|where|which|if|the|a)\b", re.I
)


def answer_beside_a_stop(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """What a message that stops the check also asks: the clinic's contacts, or an FAQ."""
    text = message_text(tracker)
    if (
        latest_intent(tracker) == "human_handoff"
        or ASKS_FOR_PERSON.search(text)
        or ASKS_FOR_NUMBER.search(text)
    ):
        dispatcher.utter_message(response="utter_contact", **clinic_template_vars())
        return
    response = faq_response(tracker)
    asked = [(a, b) for a, b in question_parts(text) if not STOP_CHECK.search(text[a:b])]
    told_to_tell = bool(TELL_ME.search(text))  # "never mind, just tell me how long it takes"
    if response and (asked or told_to_tell) and faq_confidence(tracker) >= STOP_QUESTION_CONFIDENCE:
        dispatcher.utter_message(response=response)
    elif BYE.search(text):  # "never mind, I'll ask my haematologist. bye"
        dispatcher.utter_message(response="utter_goodbye")


def stop_after_warning(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """A stop after a warning sign paused the check: what it noted, said back, then cleared."""
    knowledge = load_knowledge()
    recorded = CheckState.from_tracker(tracker, knowledge).recorded()
    if ASKS_FOR_NUMBER.search(message_text(tracker)):
        # "what's the number? and stop the questions for now": the contacts as well
        dispatcher.utter_message(response="utter_contact", **clinic_template_vars())
    return stopped(dispatcher, knowledge, recorded)


class ActionEndAfterWarning(Action):
    """Goodbye or stop after a warning sign paused the check.

    Goodbye: "please do it straight away", then what the check noted (to mention to the
    professional). Stop: the check ends as a stop inside it does (said back, then cleared).
    """

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_END_AFTER_WARNING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Urge contact again (goodbye) or end the check (stop), saying what it noted."""
        if latest_intent(tracker) == "stop":
            if not paused_check(tracker) and not serious_warning_lately(tracker, turns=3):
                # nothing running, no sign lately: "anything else?"
                dispatcher.utter_message(response="utter_anything_else")
                return []
            return stop_after_warning(dispatcher, tracker)
        knowledge = load_knowledge()
        recorded = CheckState.from_tracker(tracker, knowledge).recorded()
        dispatcher.utter_message(response="utter_goodbye_after_warning")
        say_noted_so_far(dispatcher, knowledge, recorded)
        return []


class ActionSummariseScreening(Action):
    """End the check: the result, or what was noted before a goodbye, or the stop."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_SUMMARISE_SCREENING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Send what fits how the check ended, then clear its working slots."""
        knowledge = load_knowledge()
        state = CheckState.from_tracker(tracker, knowledge)
        end = tracker.get_slot(END_SLOT) or "complete"
        cleanup = [SlotSet(END_SLOT, None), SlotSet(PENDING_SLOT, None)]
        if end == "stopped":
            events = stopped(dispatcher, knowledge, state.recorded())
            answer_beside_a_stop(dispatcher, tracker)
            return events
        if end == "goodbye":
            if say_noted_so_far(dispatcher, knowledge, state.recorded()):
                dispatcher.utter_message(response="utter_screening_disclaimer")
            # a goodbye soon after a serious sign: do it straight away, not "come back any time"
            serious = serious_warning_lately(tracker, turns=4)
            dispatcher.utter_message(
                response="utter_goodbye_after_warning" if serious else "utter_goodbye"
            )
            return cleanup
        if end == "stopped_here":
            dispatcher.utter_message(response="utter_screening_stopped_here")
        self.result(
            dispatcher,
            knowledge,
            state,
            end,
            sign_first=sign_during_the_check(tracker),
            other_health=other_health_told(tracker),
        )
        return cleanup

    def result(
        self,
        dispatcher: CollectingDispatcher,
        knowledge: Knowledge,
        state: CheckState,
        end_reason: str = "complete",
        sign_first: bool = False,
        other_health: bool = False,
    ) -> None:
        """The result: level, each finding with its source, what to discuss, what is open.

        `sign_first`: a serious sign after a treatment was told during the check; it is to be
        seen to before any further treatment, whatever the result. `other_health`: the visitor
        told a health condition of their own that the articles don't name (lupus, epilepsy):
        the articles list chronic diseases "such as" cancer and diabetes, so it is to discuss
        with a professional, never a clear result.
        """
        findings = [self.describe(knowledge, key) for key in state.with_status("present")]
        over = [key for key in state.with_status("past") if key in OVER_WHEN_PAST]
        to_discuss = [key for key in state.with_status(*TO_DISCUSS) if key not in over]
        discuss = [self.describe(knowledge, key) for key in to_discuss]
        levels = {finding["level"] for finding in findings}
        if "avoid" in levels:
            dispatcher.utter_message(response="utter_screening_result_avoid")
        elif "consult" in levels or discuss or other_health:
            dispatcher.utter_message(response="utter_screening_result_consult")
        else:
            dispatcher.utter_message(response="utter_screening_result_clear")
        for finding in findings:
            dispatcher.utter_message(response="utter_screening_finding", **finding["vars"])
        for key, finding in zip(to_discuss, discuss):
            dispatcher.utter_message(
                response="utter_screening_to_discuss",
                said=status_phrase(knowledge, key, state.conditions[key]),
                **finding["vars"],
            )
        if other_health:
            dispatcher.utter_message(
                response="utter_screening_other_health", sources=source_line(["004"])
            )
        for key in over:
            label = knowledge.conditions[key].label
            dispatcher.utter_message(
                response="utter_screening_over",
                condition=label[:1].upper() + label[1:],
                **clinic_template_vars(),
            )
        unanswered = [
            knowledge.groups[slot].label
            for slot, value in state.answers.items()
            if value in UNANSWERED_VALUES
            and slot not in state.conditions
            # "not sure" to the pain question: already listed as to discuss, not unanswered
            and not all(k in state.conditions for k in knowledge.groups[slot].conditions)
        ]
        unanswered += [knowledge.conditions[key].label for key in state.not_mentioned(knowledge)]
        if end_reason == "stopped_here":
            unanswered = []  # the visitor chose to stop: the result says what is known
        if unanswered:
            dispatcher.utter_message(
                response="utter_screening_unanswered", topics=", ".join(unanswered)
            )
        if sign_first:
            dispatcher.utter_message(response="utter_screening_sign_first")
        dispatcher.utter_message(response="utter_screening_disclaimer")
        dispatcher.utter_message(response="utter_offer_booking")

    @staticmethod
    def describe(knowledge: Knowledge, key: str) -> Dict[str, Any]:
        """Level and template variables for one finding (a condition or a whole question)."""
        if key in knowledge.conditions:
            condition = knowledge.conditions[key]
            level, label = condition.level, condition.label
            explanation, sources = condition.explanation, list(condition.sources)
        else:
            members = [knowledge.conditions[k] for k in knowledge.groups[key].conditions]
            level = knowledge.strictest_level(c.key for c in members) or "consult"
            label = f"one of: {knowledge.groups[key].label}"
            explanation = " ".join(
                f"{c.label.capitalize()}: {LEVEL_TEXT[c.level]}" for c in members
            )
            sources = [sid for c in members for sid in c.sources]
        return {
            "level": level,
            "vars": {
                "condition": label[:1].upper() + label[1:],
                "level_text": LEVEL_TEXT[level].capitalize(),
                "explanation": explanation,
                "sources": source_line(sources),
            },
        }


SAFE_WORD = re.compile(r"\bsafe\b", re.I)


def other_health_told(tracker: Tracker) -> bool:
    """Whether the visitor told a health condition of their own the articles don't name.

    Read in their messages from the one that started the check: "can I have it? I have
    lupus", "I've got epilepsy, well controlled", "does RA count? I have it" (not "my mum has
    lupus").
    """
    started = False
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == ACTION_START_SCREENING:
            started = True
        elif event.get("event") == "user":
            if any(own_other_health(part) for part in CLAUSES.split(str(event.get("text") or ""))):
                return True
            if started:
                return False
    return False


def own_other_health(clause: str) -> bool:
    """Whether a clause tells the visitor's own chronic disease that the articles don't name."""
    return (
        bool(CHRONIC_UNNAMED.search(clause))
        and bool(FIRST_PERSON.search(clause))
        and not SOMEONE_ELSE.search(clause)
    )


# Chronic diseases the articles don't name, as serious as those they name "such as" cancer
# and diabetes may be (not migraines, asthma, hay fever, IBS or a thyroid on tablets)
CHRONIC_UNNAMED = re.compile(
    r"\b(lupus|sle|rheumatoid|(rheumatoid |psoriatic )?arthritis|\bra\b|epilep\w*|seizures?|"
    r"kidney (disease|failure|problems?)|renal (disease|failure)|liver (disease|problems?|failure)|"
    r"cirrhosis|hepatitis|hep [abc]|hiv|crohn'?s|colitis|copd|emphysema|multiple sclerosis|"
    r"autoimmune|sjogren'?s|scleroderma|sickle cell|myasthenia)\b",
    re.I,
)


CLAUSES = re.compile(r"[.!?;,]+|\s(?:but|and)\s")


def result_given_lately(tracker: Tracker, turns: int = 4) -> bool:
    """Whether the check's result was given within the visitor's last few messages."""
    recent = takewhile(lambda response: response[0] <= turns, bot_responses(tracker))
    return any(name in RESULTS for _, name in recent)


def explain_the_result(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    knowledge: Knowledge,
    state: CheckState,
    told: Dict[str, str],
) -> None:
    """What the articles say of the findings the result rests on, and what it means.

    `told`: the statuses the message reads. The conditions it names come first ("AF isn't
    really a heart condition, is it?"); a condition to avoid denied for the result's sake
    stays as told (and is said to).
    """
    # (said when kept; nothing new is recorded after the result)
    kept_despite_the_notice(dispatcher, state, knowledge, told, message_text(tracker))
    named = [key for key in told if key in knowledge.conditions and key in state.conditions]
    explain_the_findings(dispatcher, knowledge, state, named)
    dispatcher.utter_message(response="utter_result_meaning")


def explain_the_findings(
    dispatcher: CollectingDispatcher,
    knowledge: Knowledge,
    state: CheckState,
    named: Sequence[str] = (),
    under_way: bool = False,
) -> None:
    """What the articles say of the conditions named, else of the findings so far.

    Those to avoid first, at most three; a pregnancy or breastfeeding told as over is no
    finding. With none, that the check is still under way.
    """
    over = [key for key in state.with_status("past") if key in OVER_WHEN_PAST]
    findings = sorted(
        (key for key in state.with_status("present", *TO_DISCUSS) if key not in over),
        key=lambda key: knowledge.conditions[key].level != "avoid",
    )
    keys = [key for key in (list(named) or findings) if key in knowledge.conditions][:3]
    for key in keys:
        condition_info(dispatcher, knowledge, key)
    if not keys and under_way:
        dispatcher.utter_message(response="utter_screening_in_progress")


def read_as_it_was(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """A message that sounded like a question about a result, with none given: as classified.

    The check when it was asked for, or the FAQ question answered; otherwise there is no
    result to talk about yet.
    """
    if any(name.startswith("utter_warning_") for name in responses_just_before(tracker)):
        # "so is that a yes or no, is it normal?" right after the answer to a sign: read with it
        return [FollowupAction(ACTION_WARNING_FOLLOWUP)]
    before = previous_faq(tracker)
    if before and REPEAT_REQUEST.search(message_text(tracker)):
        dispatcher.utter_message(response=before)  # "is that a yes or a no?" after an answer
        return []
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    classified = ranking[1].get("name") if len(ranking) > 1 else None
    if classified == "check_eligibility":
        return [FollowupAction(ACTION_START_SCREENING)]
    response = faq_response(tracker)
    if classified == "faq" and response:
        dispatcher.utter_message(response=response)
        return []
    dispatcher.utter_message(response="utter_no_result_yet")
    return []


class ActionRepeatResult(Action):
    """The check's result once more ("sorry what was the result again?"), from its slots."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_REPEAT_RESULT

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """The result as the check gave it, or that there is none yet."""
        knowledge = load_knowledge()
        state = CheckState.from_tracker(tracker, knowledge)
        if message_entity(tracker, RESULT_QUESTIONED_ENTITY) is not None:
            if not result_given_lately(tracker):
                return read_as_it_was(dispatcher, tracker)
            told = extract(message_text(tracker)).statuses
            if any(
                status in ("present", "uncertain", "past") and state.conditions.get(key) != status
                for key, status in told.items()
            ):
                # "but my eczema is really mild" never told before: a condition told late,
                # noted with its answer and the result again
                return [FollowupAction(ACTION_ANSWER_CONDITION_QUESTION)]
            explain_the_result(dispatcher, tracker, knowledge, state, told)
            return []
        asks_if_safe = bool(SAFE_WORD.search(message_text(tracker)))
        if not any(value is not None for value in state.answers.values()):
            if asks_if_safe:  # "so it's safe for me then?" before any check: the check
                return [FollowupAction(ACTION_START_SCREENING)]
            dispatcher.utter_message(response="utter_no_result_yet")
            return []
        if asks_if_safe:  # no "safe": the side effects the articles list, then the result
            dispatcher.utter_message(response="utter_faq/side_effects")
        if RECAP.search(message_text(tracker)):
            say_recap(dispatcher, knowledge, state.recorded())  # "what have you got down?"
        ActionSummariseScreening().result(
            dispatcher, knowledge, state, other_health=other_health_told(tracker)
        )
        return []
