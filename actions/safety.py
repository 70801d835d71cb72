"""Warning signs after a treatment, and questions the articles don't answer.

The NLU pipeline's last component (meso_nlu.safety.SafetyRouter) sets the intents
`warning_emergency`, `warning_urgent`, `after_effects` and `not_covered`; rules run the
actions below, inside the suitability check too. The replies' contacts (emergency number,
urgent phone) are the clinic's settings (clinic.yml), not medical claims. No reply says a
sign is normal or names a cause: it says who to contact, and how soon.
"""

from __future__ import annotations

import re
from itertools import takewhile
from typing import Any, Dict, List, Optional, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.clinic import clinic_template_vars
from actions.conditions import extract
from actions.names import (
    ACTION_AFTER_EFFECTS_ADVICE,
    ACTION_BOOK_CONSULTATION,
    ACTION_GOODBYE_AFTER_WARNING,
    ACTION_NOT_COVERED,
    ACTION_PAUSE_SCREENING,
    ACTION_RESUME_SCREENING,
    ACTION_START_SCREENING,
    ACTION_WARNING_FOLLOWUP,
    ACTION_WARNING_REMINDED,
    ACTION_WARNING_SIGN,
)
from actions.turns import (
    bot_responses,
    earlier_user_events,
    faq_confidence,
    faq_response,
    latest_intent,
    message_entity,
    message_text,
    previous_faq,
    said,
)
from meso.settings import source_titles
from meso_nlu.classifier import QUESTION_TOPICS, question_parts
from meso_nlu.corrections import starred_into
from meso_nlu.courtesy import CALLING_FOR_HELP, DELAYS, THANKS
from meso_nlu.not_covered import Subject, subject_named, subject_of
from meso_nlu.safety import (
    ASKS_FOR_NUMBER,
    ASKS_IF_BOT,
    ASKS_IF_I_CAN,
    ASKS_SUITABILITY,
    IT_STOPPED,
    LASTING,
    MATTERS,
    SOMEONE_ELSE,
    TREATED_ALREADY,
)
from meso_nlu.warning_signs import WarningReading, detect, unfinished

SIDE_EFFECTS_RESPONSE = "utter_faq/side_effects"
RECOVERY_RESPONSE = "utter_faq/recovery"
# After mild after-effects, how to look after the skin: the recovery answer.
AFTERCARE = re.compile(
    r"\b(after ?care|put (anything|something|any ?thing|cream|a cream|ice|\w+ cream) on (it|them|"
    r"there|my \w+)|what (should|can|do|shall) i (do|use|put on) (for|with|about) (it|them|this|"
    r"aftercare|the (skin|area))|(go|going|get) (back )?(to )?work|back to work|cover (it|them) "
    r"(up|with)|(need|have) to (keep|cover) (it|them))\b",
    re.I,
)
INTENT_LEVELS = {
    "warning_emergency": "emergency",
    "warning_urgent": "urgent",
    "after_effects": "expected",
}


# Thanks opening a message (a serious sign gets its advice alone; mild ones a welcome first)
THANKS_OPENING = re.compile(
    r"^\W*(ok(ay)?\W+|oh\W+|hi\W+|hey\W+)?(thanks|thank you|thx|ty|cheers)\b", re.I
)


# Thanks before a new question ("Lovely, thank you. Is there an age limit?").
# Where the clinic is: "where exactly are you?", "what's the address?"
ASKS_WHERE = re.compile(
    r"\bwhere (exactly )?(are|r) (you|u|they)\b|"
    r"\bwhere(\s+is|'?s) (the|your|ur) (clinic|practice)\b|"
    r"\b(what'?s|whats|what is) (the|your|ur|their) (address|postcode|location)\b",
    re.I,
)
# A sentence that asks: "fish oil is a blood thinner isn't it?"
ASKED_SENTENCE = re.compile(r"[^.!?]*\?")
THANKS_BEFORE = re.compile(
    r"^\W*((lovely|great|perfect|brilliant|brill|ok|okay|cool|super|fab|awesome|amazing|"
    r"excellent|wonderful|nice|ah|oh|right)\W+)?(thanks|thank you|thx|ty|cheers)\b[^?]*?[.!,]\s*\S",
    re.I,
)


def signs_phrase(reading: WarningReading) -> str:
    """The signs found, in plain words ("fever or chills and pus or oozing")."""
    labels = list(reading.labels)
    if len(labels) <= 1:
        return labels[0] if labels else "what you describe"
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def warning_reply(
    dispatcher: CollectingDispatcher, text: str, level: str, faq_answered: bool = False
) -> None:
    """Send the reply for a warning sign at `level` (signs named from the text).

    Mild after-effects get the side-effects answer first, unless the rule for an FAQ
    prediction already sent it (`faq_answered`).
    """
    reading = detect(text)
    details = {**clinic_template_vars(), "signs": signs_phrase(reading)}
    if level == "expected" and unfinished(text):
        # "the bruise is getting" (sent before it was finished): the rest asked for, with what
        # to do now if it is serious; no list of side effects that could reassure too soon
        dispatcher.utter_message(response=GO_ON, **details)
        return
    if level == "expected" and not faq_answered:
        dispatcher.utter_message(response=SIDE_EFFECTS_RESPONSE)
    if level == "expected" and reading.level is None and reading.asked in ("emergency", "urgent"):
        # a question about a sign in general: what to do if it ever happens
        dispatcher.utter_message(response=f"utter_warning_if_{reading.asked}", **details)
        return
    dispatcher.utter_message(response=f"utter_warning_{level}", **details)


def not_covered_reply(
    dispatcher: CollectingDispatcher,
    text: str,
    covered: Sequence[str] = (),
    subject: Optional[Subject] = None,
) -> None:
    """Say the articles don't cover the question, what they say nearby, and who can answer.

    `covered`: the answers to the message's other questions, those the articles do answer,
    sent first. `subject`: what is not covered, when the context says it (else the text's).
    """
    subject = subject or subject_of(text)
    if subject and subject.answer_first and subject.answer_first not in covered:
        # "do you do payment plans?": what the articles say of cost first
        covered = [subject.answer_first, *covered]
    for response in covered:
        dispatcher.utter_message(response=response)
    details = clinic_template_vars()
    label = subject.label if subject else "that"
    related = ""
    if subject and subject.related and not subject.answer_first:
        title = source_titles().get(subject.related_source, "")
        related = f' {subject.related} _(Source: "{title}")_' if title else f" {subject.related}"
    dispatcher.utter_message(
        response="utter_not_covered", subject=label, related=related, **details
    )
    if detect(text).level == "expected":  # "... while the little bumps are still there?"
        dispatcher.utter_message(response="utter_warning_expected", **details)


# The person words are the NLU router's (someone else's health); the visitor's own words here
# include their body ("my face"), which a symptom is told of.
SELF = re.compile(
    r"\b(i|im|i'm|ive|i've|me|my (face|skin|lips?|cheeks?|throat|chest|tongue))\b", re.I
)


def about_someone_else(text: str) -> bool:
    """Whether a message describes someone else's symptoms and none of the visitor's."""
    return bool(SOMEONE_ELSE.search(text)) and not SELF.search(text)


# The visitor asking for themselves after telling another's sign: "while i have you, could I
# have meso myself?"
FOR_MYSELF = re.compile(
    r"\b(myself|me too|for me|while i have you|my own|"
    # "I was thinking of getting it too, for my face. am I a good candidate?"
    r"(getting|having|get|have|try|trying) it (too|as well))\b",
    re.I,
)


def asks_for_themselves_after_anothers_sign(tracker: Tracker) -> bool:
    """Whether the visitor asks if they can have it, after a sign told for someone else."""
    text = message_text(tracker)
    if not (ASKS_SUITABILITY.search(text) and FOR_MYSELF.search(text)):
        return False
    if last_warning(tracker) in EMERGENCY_WARNINGS or WAITING_QUESTION.search(text):
        return False  # "she's being seen tomorrow. could I have it myself?": the call first
    earlier = [said(e) for e in earlier_user_events(tracker)[:3]]
    return any(about_someone_else(told) for told in earlier if detect(told).level)


class ActionWarningSign(Action):
    """Escalate a warning sign after a treatment (or answer mild after-effects)."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_WARNING_SIGN

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Reply at the level the NLU found (urgent when it is not known)."""
        level = INTENT_LEVELS.get(latest_intent(tracker)) or detect(message_text(tracker)).level
        if (
            level == "urgent"
            and last_warning(tracker) == "utter_warning_expected"
            and detect(message_text(tracker), treated=True).level == "expected"
        ):
            # "so I don't need to go to A&E?" right after the mild after-effects answer: asked
            # of those after-effects, not a need for care told
            level = "expected"
        in_pieces = sign_told_in_pieces(tracker) if level in (None, "expected") else None
        if in_pieces is not None:  # "lumps day 3" / "hard. bigger than yday, still swollen"
            warning_reply(dispatcher, told_together(tracker), in_pieces)
            return []
        if (
            level in ("emergency", "urgent")
            and serious_warning_lately(tracker, turns=2)
            and HELP_CAME.search(message_text(tracker))
            and told_before(tracker)
        ):
            # "ambulance has taken him, they think it was just a faint. what are the normal
            # side effects?": help came for the sign just told; its question is answered
            response = faq_response(tracker)
            if response and faq_confidence(tracker) >= COVERED_QUESTION_TOPIC:
                dispatcher.utter_message(response=response)
            else:
                dispatcher.utter_message(response=HELP_CALLED, **clinic_template_vars())
            return []
        if (
            level != "emergency"
            and last_warning(tracker) in EMERGENCY_WARNINGS
            and serious_warning_lately(tracker, turns=2)
            and not HELP_CAME.search(message_text(tracker))
        ):
            # "she is awake now, says she is fine, only dizzy": a lesser sign right after an
            # emergency is told of the same emergency; its advice again
            advice_again(dispatcher, tracker)
            return []
        if (level or "urgent") == "expected" and THANKS_OPENING.match(message_text(tracker)):
            # "thanks for the info yesterday! had my session, bit of bruising": welcome first
            dispatcher.utter_message(response="utter_screening_welcome")
        warning_reply(dispatcher, message_text(tracker), level or "urgent")
        if level == "expected":
            # "one small bruise, probably because I take fish oil. fish oil is a blood thinner
            # isn't it?": the mild sign, then what the articles say of the condition asked about
            from actions.screening import answer_named_conditions  # it imports this module

            asked = " ".join(ASKED_SENTENCE.findall(message_text(tracker)))
            reading = extract(asked) if asked else None
            if reading is not None and any(s != "other_person" for s in reading.statuses.values()):
                answer_named_conditions(dispatcher, tracker, reading)
        return []


# A sign told unfinished: the rest asked for.
GO_ON = "utter_warning_go_on"
# The check paused by an urgent sign, its question shown again (ActionPauseScreening).
PAUSED_URGENT = "utter_screening_paused_urgent"


class ActionPauseScreening(Action):
    """After an emergency or urgent sign inside the check: stop asking, keep nothing open."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_PAUSE_SCREENING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Deactivate the form and say how to come back to the check.

        When an urgent sign is someone else's ("not pregnant. my husband has a fever and
        pus"), the check goes on at once (action_resume_screening notes what the message says
        of the visitor, then the form asks its next question).
        """
        # "no. oh btw there's a hard lump...": the answer is kept for when the check goes on
        from actions.screening import answers_beside_a_sign  # the check imports this module

        kept = answers_beside_a_sign(dispatcher, tracker, domain)
        paused: List[EventType] = [*kept, ActiveLoop(None), SlotSet("requested_slot", None)]
        if latest_intent(tracker) != "warning_emergency" and about_someone_else(
            message_text(tracker)
        ):
            return [*paused, FollowupAction(ACTION_RESUME_SCREENING)]
        if STOPS_THE_QUESTIONS.search(message_text(tracker)) or STOPS_NOW.match(
            message_text(tracker)
        ):
            # "actually stop, I'll deal with the pus thing first": the check ends (said back)
            from actions.screening import stop_after_warning

            return [*paused, *stop_after_warning(dispatcher, tracker)]
        asked = tracker.get_slot("requested_slot")
        answered_now = any(e.get("event") == "slot" and e.get("name") == asked for e in kept)
        if latest_intent(tracker) == "warning_urgent" and asked and not answered_now:
            # an urgent sign: contact the clinic first; the check may go on meanwhile, so its
            # question is shown again and a plain answer to it goes on (answers_the_paused_check)
            dispatcher.utter_message(response=PAUSED_URGENT)
            dispatcher.utter_message(response=f"utter_ask_{asked}")
            return paused
        dispatcher.utter_message(response="utter_screening_paused")
        return paused


def covered_answers(tracker: Tracker) -> List[str]:
    """FAQ answers for the message's other questions, those the articles do answer.

    "Was it invented in France? And can I have champagne the evening after?": the history
    answer, beside "the articles don't cover alcohol afterwards".
    """
    text = message_text(tracker)
    parts = (tracker.latest_message or {}).get(QUESTION_TOPICS) or []
    answers: List[str] = []
    for part in parts:
        question = text[int(part.get("start") or 0) : int(part.get("end") or 0)]
        topic = part.get("topic")
        if topic and question and subject_of(question) is None and detect(question).level is None:
            response = f"utter_{topic}"
            if response not in answers:
                answers.append(response)
    asked = question_parts(text)
    chosen = faq_response(tracker)
    if (
        not answers
        and chosen
        and asked
        and faq_confidence(tracker) >= COVERED_QUESTION_TOPIC
        and all(subject_of(text[start:end]) is None for start, end in asked)
    ):
        # "my daughter is 16 and wants it for her acne, does it actually help?": the question
        # is the FAQ's; the uncovered subject is said beside it
        answers.append(chosen)
    return answers


CLEAR_FAQ_TOPIC = 0.9
# A question of its own beside an uncovered subject ("beach trip this weekend, anything i shud
# do for my skin after the treatment?"): its FAQ answer too, when the topic is this likely.
COVERED_QUESTION_TOPIC = 0.8


def asks_what_is_not_covered(tracker: Tracker) -> bool:
    """Whether the latest message asks something the articles don't cover."""
    return latest_intent(tracker) == "not_covered" or (
        message_entity(tracker, "not_covered") is not None
    )


PREPARATION = "utter_faq/preparation"
# A question put anywhere in a message: "lol while I have you, whats a good cuticle oil".
ASKS_OFF_TOPIC = re.compile(
    r"\b(whats|what's|what is|which|where (can|do|is)|who|recommend\w*|any good)\b", re.I
)
# The next session, prepared for: "anything to avoid before next time?".
BEFORE_NEXT_TIME = re.compile(
    r"\b(before|for|ahead of) (the |my |her |his |their )?next (time|session|treatment|one|"
    r"appointment|round)\b",
    re.I,
)
# "and can I have a glass of wine tonight?" from someone treated on Friday: after it.
TONIGHT = re.compile(r"\b(tonight|today|this (evening|afternoon)|right now|now)\b", re.I)


def treated_already(tracker: Tracker) -> bool:
    """Whether the visitor said earlier in the conversation that they had a treatment."""
    return any(TREATED_ALREADY.search(said(event)) for event in earlier_user_events(tracker))


# Words that place a question after the treatment ("a drink after?", "the night after").
AFTER_WORDS = re.compile(r"\b(after|afterwards|post|since|following|later that)\b", re.I)


def answer_not_covered(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The answers to the message's covered questions, then what the articles don't cover."""
    not_covered_reply(dispatcher, message_text(tracker), covered_answers(tracker))


class ActionNotCovered(Action):
    """Say honestly that the articles don't answer the question, and offer the clinic."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_NOT_COVERED

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Answer the message's covered questions, then say what the articles don't cover."""
        text = message_text(tracker)
        if (
            serious_warning_lately(tracker, turns=1)
            and (last_warning(tracker) in EMERGENCY_WARNINGS or WAITING_QUESTION.search(text))
            and not HELP_CAME.search(text)
        ):
            # "should i just drive her back to the clinic??" right after her lips swelled,
            # "can i just take paracetamol and see how it is tomorrow": the sign's advice
            # again, not "the articles don't cover driving"; the next message is read with it
            advice_again(dispatcher, tracker)
            subject = subject_of(text)
            if (
                subject is not None
                and last_warning(tracker) not in EMERGENCY_WARNINGS
                and not (PUTS_OFF.search(text) or DELAYS.search(text))
                and not GETTING_THERE.search(text)  # "can i just drive him to a&e tonight"
            ):
                # "meanwhile can I continue doing sport?" after a growing lump: don't wait,
                # and the articles don't say (after an emergency, or "can i just take
                # paracetamol and see how it is tomorrow": only the advice)
                not_covered_reply(dispatcher, text, subject=subject)
            return [FollowupAction(ACTION_WARNING_REMINDED)]
        subject = subject_of(text)
        if (
            subject is not None
            and subject.key == "alcohol_after"
            and previous_faq(tracker) == PREPARATION
            and not AFTER_WORDS.search(text)
            and not (TONIGHT.search(text) and treated_already(tracker))
        ):
            # "what do i need to do before my appointment on friday?", then "can i still have
            # a glass of wine thursday night?": the evening before, which preparation answers
            dispatcher.utter_message(response=PREPARATION)
            return []
        if THANKS_BEFORE.match(text):
            # "Lovely, thank you. Is there an upper age limit at all?": welcome, then the answer
            dispatcher.utter_message(response="utter_screening_welcome")
        answer_not_covered(dispatcher, tracker)
        if ASKS_WHERE.search(text) or ASKS_FOR_NUMBER.search(text):
            # "where exactly are you? and is there parking": the contacts too
            dispatcher.utter_message(response="utter_contact", **clinic_template_vars())
        return []


class ActionAfterEffectsAdvice(Action):
    """After the FAQ answer to mild after-effects: when to contact the clinic."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_AFTER_EFFECTS_ADVICE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Send when to contact the clinic (the FAQ answer came just before).

        A turn or two after an emergency or urgent sign, mild words that play it down ("my
        friend had swelling after hers and she was fine") get that sign's advice again.
        """
        if played_down_lately(tracker):
            advice_again(dispatcher, tracker)
        else:
            warning_reply(dispatcher, message_text(tracker), "expected", faq_answered=True)
        return []


# Days named in an off-topic message after mild after-effects ("the weather next weekend"):
# no question about waiting.
DAYS = frozenset(
    ("today", "tonight", "tomorrow", "weekend")
    + ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)
# "Can it wait till Monday?", "do I need to go today?": asked right after a warning sign;
# and playing it down ("it's not that bad, can I just take an antihistamine?").
# Asking whether to call about the sign: "no fever though. is it still something to call
# about?", "worth a call?", "should I still ring them?"
ASKS_WHETHER_TO_CALL = re.compile(
    r"\b((is|it'?s|its) ((it|this|that) )?(still )?(something|anything) (to|i should|worth|"
    r"we should) (call|ring|phone)|worth (a )?(call|calling|ringing|phoning|ring)|should (i|we) "
    r"(still |really |actually )?(call|ring|phone)|do (i|we) (still |really )?(need to )?(call|"
    r"ring|phone))\b",
    re.I,
)
WAITING_QUESTION = re.compile(
    # "I'm away though, can't get to the clinic for a week": the advice is still not to wait
    r"\b(can'?t|cant|cannot|can not|won'?t|wont|wouldn'?t) (get|go|make it|be able to get|come) "
    r"(in )?(to|into) (the clinic|them|a doctor|the doctor|a gp|my gp|the gp|anyone|a hospital|"
    r"hospital|a&e)\b|\b(away|abroad|on holiday|travelling|traveling|out of (the )?(country|town))"
    r"\b[^.!?]{0,40}\b(can'?t|cant|cannot|no way|not back)\b|"
    # "it's not hot or red though, does it still need looking at?"
    r"\b(does|do|will|would) (it|this|that|i|she|he) (still |really |actually |even )?need "
    r"(looking at|checking|seeing|to be (seen|checked|looked at))\b|"
    r"\b(wait|today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"weekend|go in|go to|should i go|need to go|see someone|see a doctor|is it serious|"
    r"is it bad|how urgent|emergency|normal|call|ring|phone|not that bad|not so bad|"
    r"(just|can i) (take|have|use) (an? |some )?(antihistamines?|piriton|benadryl|"
    r"cetirizine|ibuprofen|paracetamol|painkillers?|ice)|antihistamines?|sleep it off|"
    r"can still (talk|breathe|swallow)|see how it goes|ride it out|leave it|"
    r"(im|i am) sure (its|it is|it'?s) (fine|nothing|ok)|"
    r"(its|it is) (probably|prob) (fine|nothing)|"
    r"just a (bit|little|touch) of|bother (the clinic|them|anyone|you|the doctor)|over nothing|"
    # "I'll be fine", "I'll live" after a serious sign: playing it down
    r"\b(i'?ll|i will|ill) (be (fine|ok|okay|alright|all right)|cope|manage|live|survive)\b|"
    # "I don't want to be a pain, they're probably busy"
    r"(dont|don'?t|do not) want to (be a (pain|nuisance|bother|burden)|cause (a )?fuss)|"
    r"(they'?re|they are|theyre|they must be|they'?ll be|they will be) (probably |so |really |"
    r"very |too |likely |always )?(busy|swamped|rushed off their feet)"
    r"(?=\s*([,.!?;]|$|and\b|so\b|but\b|anyway|tho|though|lol))|"
    r"overreact\w*|(make|making) a fuss|fuss over|waste (their|your|anyone'?s|a&e'?s|\w+'s) time|"
    # "will it come back on its own?", "surely it settles by itself"
    r"(come back|go away|clear up|settle( down)?|get better|heal( up)?|pass|wear off|go down|"
    r"sort (it|itself) out) (on (its|it'?s|their) own|by (itself|themselves))|"
    r"(just|prob|probably|prolly|only|maybe|its|it's|it is) (just |only )?(nerves|anxiety|"
    r"anxious|panic\w*|stress|in my head|nothing)|(be|being) dramatic|"
    r"(its|it's|it is|thats|that's) (normal|nothing)( right| tho| though)?\b|"
    # "maybe from stress? she was nervous", "probably fine?", "my friend had it and was fine"
    r"(from|because of|due to) (the )?(stress|nerves|anxiety|being nervous)|nervous|"
    r"(probably|prob|prolly|likely|surely|must be) (fine|nothing|ok|okay|normal)|"
    # "is it really worth bothering them?"
    r"worth (bothering|calling|ringing|phoning|troubling|contacting|disturbing)|"
    # "its probably just tiredness, can you just answer about the price"
    r"(probably|prob|prolly|maybe|likely|surely) (just|only) \w+|"
    r"(doesnt|doesn't|does not|dont|don't) (really |even )?hurt (much|that much|a lot|too much)|"
    # "it's not painful though, is it still a worry?", "it not hurt much. is still problem?"
    r"(it|its|it's|it is) not (really |even )?(hurt\w*|painful|sore)\b|"
    r"still (an? )?(problem|worry|concern|issue)|should (i|we|she|he) (still )?(be )?(worried|"
    r"worry|concerned)|is (it|that|this) (still )?(an? )?(serious|worry|problem|concern|issue|"
    r"dangerous)|"
    # "do I really need to call? it doesn't even hurt that much"
    r"(do|should|must) (i|we|she|he) (really |actually |even |honestly )?(need|have) to (call|ring|"
    r"phone|go|see|bother)|"
    r"(was|were) (fine|ok|okay|alright|all right)|"
    # "he is on warfarin, does that matter"
    r"(does|would|will) (that|it|this) (matter|make (a|any) difference|change anything)|"
    # "im ok now i think. prob just didnt eat. i dont need an ambulance do i"
    r"(dont|don't|do not|wont|won't|no) (really )?(need|have) (to|an?|the) (call|ring|go|see|"
    r"ambulance|doctor|hospital)|ambulance|(im|i'm|i am|feeling|i feel) (ok|okay|fine|better|"
    r"alright|all right) now|(didnt|didn't|did not|havent|haven't) eaten?|low blood sugar|"
    r"refus\w* to (go|call|see|ring)|won'?t (go|call|see|ring|phone)|"
    r"doesn'?t want to (go|call|see|ring)|"
    # "the clinic is closed, what now?", "how long will they take?" (the ambulance), "can I
    # take him to the pharmacy instead?"
    r"what (now|do i do|should i do|do we do|should we do|can i do|can we do)\b|"
    r"(clinic|surgery|gp|doctors?)('?s| is| are) (closed|shut)|"
    r"how long (will|until|till|til|before) (they|the ambulance|the paramedics|help|someone)\b|"
    r"\b(pharmacy|pharmacist|chemist)\b|"
    # "we have some leftover antibiotics, can she take those"
    r"antibiotics?|(can|could|should|shall) (i|we|she|he|they) (just )?(take|give (her|him|them))"
    r" (those|these|them|that|one|some|it)\b|"
    # "she says it's just because she skipped lunch and hates needles, she wants to go home"
    r"skipped (her |his |my )?(lunch|breakfast|dinner|a meal|meals|food)|"
    r"(wants?|wanna|want to|just want to) (to )?go home|(hates?|scared of|afraid of) needles|"
    # "I'm not ringing them, they were rude last time"
    r"(not|never|nt) (be )?(ringing|calling|phoning|going to (ring|call|phone|go))|"
    # "is that still serious?", "shes awake now and says shes ok, should we still worry?"
    r"still (worry|worried|serious|bad|urgent|an emergency|need to|have to|go|call)|"
    r"(is|was) (that|it|this) (still |honestly |really |actually |even )?(serious|bad|dangerous|"
    r"urgent|an emergency)|"
    r"should (i|we|she|he|they) (still )?(worry|be worried|be concerned)|"
    r"(shes|hes|she'?s|he'?s|she is|he is|they are|theyre|they're) (ok|okay|fine|better|alright|"
    r"all right|awake|up|conscious|breathing) now|"
    r"says (shes|hes|she'?s|he'?s|she is|he is|its|it'?s|it is|they are|theyre) (ok|okay|fine|"
    r"better|alright|all right)|"
    # "it doesn't hurt though, is it just bruising?", "should I just put antiseptic cream on it?"
    r"(doesnt|doesn't|does not|dont|don't) (really |even )?hurt (though|tho|at all)|"
    r"(is it|its|it's|it is|probably|maybe|prob) (not )?(just |only )(a |some |the )?(bruis\w*|"
    r"bruise|swelling|redness|a reaction|an allergy|irritation|normal)|"
    # "could it just be that still?" (the numbing cream), "is that from the injection?"
    r"(could|might|can) (it|this|that) (just |only )?be (that|this|the (cream|numbing\w*|"
    r"anaesthetic|anesthetic))\b|"
    r"(is|was|are) (that|this|it|they) (from|because of|due to|caused by) (the |my )?"
    r"(injections?|treatment|meso\w*|session|needles?)\b|"
    # "could it just be a bruise?"
    r"(could|might|can|would) (it|this|that|they) (just |only )?be (just |only )?"
    r"(a |an |some |the )?"
    r"(bruis\w*|swelling|redness|reaction|allergy|allergic reaction|irritation|normal)|"
    r"(put|use|apply|try|rub) (some |a bit of |an? )?(antiseptic|savlon|sudocrem|germolene|"
    r"antibiotic|aloe|arnica|hydrocortisone|steroid|e45|vaseline|ointment|cream|plaster|ice)|"
    # "maybe is because of the numbing cream?", "just the anaesthetic cream wearing off?"
    r"(because of|from|due to|just|maybe|probably|only) (just |only )?(from )?(the )?(numbing|"
    r"anaesthetic|anesthetic|anaesthesia|anesthesia)|wearing off|wear off|"
    # "anything I should put on it in the meantime?", "isn't it just one of the normal bumps?"
    r"in the meantime|meanwhile|(until|till|til) (then|tomorrow|monday|the morning)|"
    r"(isnt|isn't|is not) (it|that|this) (just|only)|surely (its|it's|it is|thats|that's)|"
    r"and see\b|"
    # "should I just drive myself back?", "can i just squeeze it", "should I just give her
    # that and see?": doing something instead of what the advice said
    # "can I massage it out?", "should I squeeze it?": doing something to it instead
    # "should i drive myself back to the clinic?", "can my husband drive me to a&e?": getting
    # there, asked instead of calling
    r"(should|shall|can|could|do|would) (i|we|she|he|they|my \w+) (\w+ )?(drive|get a taxi|take a "
    r"taxi|get an uber|take an uber|get the bus|take the bus|walk)\b|"
    r"(should|shall|can|could) (i|we|she|he|they) (massage|squeeze|pop|rub|press|pick|drain|"
    r"lance|burst|scratch) (it|them|that|this)\b|"
    r"(should|shall|can|could) (i|we|she|he|they) (not )?(just|simply) (?!ask|check|say|confirm|"
    r"get (the|your|a|their) (number|address|hours))\w+)\b",
    re.I,
)


# Right after a serious sign, the sign played down or explained away: "not painful tho so its
# fine right", "nah its fine ill sit down and eat something", "could it just be nerves from the
# needles?", "no external bleeding, vision's fine", "ill tough it out". The advice again.
# What a serious sign is explained away as ("could it just be nerves?", "it might just be the
# numbing cream"), asked either way round.
_EXPLAINED_AS = (
    r"nerves|anxiety|panic|stress|hunger|tiredness|normal|nothing|the \w+|sunburn\w*|sun ?burn|"
    r"heat rash|an? (allergy|cold|spot|pimple|bite|insect bite|bug bite|virus)|hay ?fever|flu|"
    r"dehydration|hormones|my period"
)
PLAYS_DOWN = re.compile(
    r"\b((it'?s|it s|it is|that'?s|that s|i'?m|i m|she'?s|she s|he'?s|he s) (all |totally |just |"
    r"probably |prob |surely )?(fine|ok|okay|alright|nothing)\b(?! now)|"
    # "she keeps saying she's fine and doesn't want a fuss"
    r"(doesn'?t|does not|don'?t|do not|dont) want (a |any )?fuss|"
    r"(tough|ride|wait|sit|sleep) it out|(no|not|nt|isnt|isn'?t) (really |that |very |even )?"
    r"(painful|sore|hurting|tender)|no (real |actual )?pain( really| at all)?\b|"
    r"(there'?s|theres|there is) no pain|"
    # "its only a trickle, not gushing. we'll just keep pressing"
    r"(only|just) a (trickle|dribble|drop|few drops|little|tiny bit|bit)\b|not (gushing|pouring|"
    r"spurting|pumping)\b|(we'?ll|we will|she'?ll|he'?ll) (just )?keep (pressing|pressure|an eye)|"
    r"(i'?ll|ill|i will|gonna|going to) (just )?(keep pressing|sit down|lie down|have a lie down|"
    r"eat|sleep|rest|keep an eye|take (a |some )?(paracetamol|ibuprofen|painkillers?|tablets?))|"
    r"(vision|eyesight|breathing|sight)('?s| is) (fine|ok|okay|normal|good)|"
    r"no (external |outside |other )?bleeding|"
    rf"(could|might|may|would|can) (it|this|that) (just |only |simply )?(be|been) (\w+ )?"
    rf"({_EXPLAINED_AS})|"
    # "tbh it might just be the numbing cream"
    rf"(it|this|that|its|it s) (could|might|may|must) (just |only |simply )?(be|been) (\w+ )?"
    rf"({_EXPLAINED_AS}|a bruise)|"
    r"(is|could) (it|this|that) (be )?(related|connected|linked)\b|"
    # "its just a small patch tho, maybe its a bruise?": explained away as something mild
    r"(maybe|probably|prob|perhaps|surely|bet) (it'?s|it s|it is|its|that'?s|thats|this is) "
    r"(just |only )?(a |an )?(bruise|bruising|nothing|normal|fine|allergy|the cream|the numbing)\b|"
    r"(it'?s|it s|its|it is) (just|only) (a )?(small|little|tiny) (patch|bit|spot|area)\b|"
    # "it's probably just anxiety right?", "prob just nerves?", "I'm overreacting"
    r"(over ?reacting|being (silly|dramatic|paranoid)|making a fuss)|"
    # "it's not serious na, it is the anaesthesia cream probably?"
    r"(it'?s|it s|its|it is|that'?s|thats) not (that |so |very |too )?serious|"
    r"(it'?s|it s|its|it is) (just |only )?(the|from the) \w+( \w+)? (probably|prob|prolly|surely|"
    r"maybe|i think|right)\b|"
    # "it's probably just indigestion though isn't it": explained away as anything
    r"(probably|prob|prolly|surely|maybe|likely) (just|only) (a |an |some |the |my )?\w+|"
    # "the swelling is actually going down though": one part better, told against the advice
    r"(swelling|redness|it|its|it'?s|lump|bump|pain|puffiness|that)('?s| s| is| has)? (\w+ )?"
    r"(going|gone|"
    r"coming|come) down\b|(getting|got|feels?|feeling|looks?|looking) (a bit |a little |slightly |"
    r"much |loads )?better\b|(settling|settled|easing|eased|improving|improved)\b|"
    # "his temp is down a bit now after paracetamol"
    r"(temp|temperature|fever|pain|swelling|redness|bleeding)('?s| is| has)? (\w+ )?(down|lower|"
    r"less|dropped|gone down)\b|"
    # "she says its less sore than yesterday tho"
    r"(less|not as|not so) (\w+ )?(sore|painful|swollen|red|hot|tender|bad|angry|puffy)\b|"
    rf"((it'?s|it s|its|it is|that'?s|thats) )?(probably|prob|prolly|surely|maybe) (just |only )?"
    rf"({_EXPLAINED_AS})\b|"
    r"(should|shall|can|could) (i|we|she|he|they) (use|give|inject) (it|his|her|my|their|the) ?|"
    # "is it just the fat dissolving?": explained away by a question
    r"(is|was|isn'?t|isnt|could|might) (it|this|that) (just|only|simply) (be )?(the |a |an |some |"
    r"my )?\w+|"
    # "you said bruising is common?", "you said the lymph system takes it away": an earlier
    # answer leaned on against the sign
    r"you (said|say|told me|mentioned|wrote)\b[^.!?]{0,60}\b(normal|common|expected|usual|fine|"
    r"nothing to worry|goes? (away|down)|(takes?|clears?) (\w+ ){0,2}(up|away)|settles?|"
    r"break(s)? down|dissolv\w*|get rid of)\b)",
    re.I,
)
# More about the sign just told: when it started, how fast it goes.
SIGN_DETAIL = re.compile(
    r"\b(came on|started|begun|began|kicked in|happened|in the (last|past) (\d+|few|couple|ten|"
    r"five|twenty|thirty) (minutes?|mins?|hours?|hrs?)|(\d+|few|ten|five|twenty|thirty) "
    r"(minutes?|mins?) ago|an hour ago|just now|suddenly|all of a sudden|out of nowhere|"
    r"getting worse|worse (now|and worse)|spreading|keeps? (growing|spreading|getting)|"
    # "ive been pressing on it the whole time" (bleeding)
    r"(been )?(pressing|pressed|holding pressure) on it|the whole time|all this time|non ?stop|"
    # "the cream was only on for half an hour and it's been 4 hours now"
    r"(its|it's|it has|it s) been (\d+|a few|several|two|three|four|five|six|many) "
    r"(hours?|hrs?|days?)( now)?)\b",
    re.I,
)
# Right after a serious sign, a question about what it is: "is this like filler effect?",
# "could that be from the cocktail?" (the sign is still to be seen to).
ABOUT_THIS_SIGN = re.compile(
    r"^\W*(so |but |and |hmm |um )?(is|could|might|would|can) (this|that) (be )?(like|a|an|the|"
    r"because|from|due to|caused by|related|normal|part of)\b",
    re.I,
)
# What the sign is, asked right after it ("is it nerve damage??", "could this be an
# infection?"): never diagnosed; the sign's advice again.
NAMES_THE_SIGN = re.compile(
    r"^\W*(so |but |and |hmm |um |oh god |omg )?(is|could|might|would|can|will) (it|this|that) "
    r"(be |have been |mean )?(a |an )?(nerve damage|nerve|damaged? nerves?|infection|infected|"
    r"allerg\w*|(allergic )?reaction|necrosis|a blood clot|clot|sepsis|serious|dangerous|"
    r"permanent|something serious|an emergency)\b",
    re.I,
)
# What caused the sign, asked right after it ("would aspirin cause that? I took some
# yesterday"): the sign's advice again, then the question answered.
CAUSED_IT = re.compile(
    r"\b(would|could|did|does|do|can|might|may|is) (\w+ ){0,3}(cause|causes|caused|causing|"
    r"make|made|be behind|be why|explain) (that|this|it|the (bleeding|bruising|swelling|lump|"
    r"redness|pain|rash))\b|\b(is|was) (that|this|it) (because of|from|due to|caused by)\b|"
    r"\bwhat'?s (causing|behind) (that|this|it)\b|\bwhat (caused|is causing|could cause) "
    r"(that|this|it)\b",
    re.I,
)
# A cause guessed at, right after a sign: "is it the coffee??", "could it be the sauna that
# did it?", "im allergic to nuts, could there be nut stuff in it?"
CAUSE_GUESSED = re.compile(
    r"^\W*(so |but |and |hmm |um |or )?(is|was|could|might|would) (it|this|that) (be )?(the|from "
    r"the|because of the|cos of the|due to the|my) \w+( \w+)?( that did it| that caused it| in "
    r"(it|them|the (injections?|cocktail|solution|mix)))?\W*$|"
    r"\b(could|can|might|would|is|are) (there|it have) (be )?(any |some )?\w+ (stuff |things? |"
    r"bits? )?in (it|the (injection|cocktail|solution|mix))\b|"
    r"\b(that|which) (did|caused|started) (it|this|that)\b|\b(is|was) (that|this|it) why\b",
    re.I,
)


def asks_the_cause(text: str) -> bool:
    """Whether the message asks or guesses what caused a sign ("is that from the needle?")."""
    return bool(CAUSED_IT.search(text) or CAUSE_GUESSED.search(text) or REACTING.search(text))


# Asked to be told plainly, or told what it is: "what does that mean in plain english, like
# do i go now?", "can you just tell me if it is infection or not, yes or no"
ASKS_PLAINLY = re.compile(
    r"\b(what does (that|this|it) mean|what do (you|u) mean|in plain english|plain english|"
    r"(i )?(dont|don't|do not) (understand|get it)|explain (that|it|this)|(so |like )?(do|should|"
    r"must) (i|we|she|he) (go|call|ring|phone)( now| today| tonight)?\b|yes or no|"
    r"(tell|say|let) (me|us) (if|whether|what) (it|this|that)|give (me|us) (the|a) diagnos\w*|"
    r"diagnos(e|is) (it|this|me|her|him))",
    re.I,
)
# Something added in passing: "btw", "by the way", "if that matters", "fyi"
BY_THE_WAY = re.compile(r"\b(btw|by the way|fyi|if (that|it) (matters|helps)|in case)\b", re.I)
# A message that opens with a stop: "actually stop, I'll deal with that first", "never mind"
STOPS_NOW = re.compile(
    r"^\W*((actually|ok|okay|oh|um|erm|no|wait|sorry)\W+)*(stop|never ?mind|nvm|forget it)\b"
    r"(?! (taking|using|it|them|my|the (tablets?|pills?|meds|medication|aspirin)))",
    re.I,
)
# The check given up for now after a sign: "stop the questions pls", "can we finish the
# questions another time?"
STOPS_THE_QUESTIONS = re.compile(
    r"\b(stop|pause|skip|leave|drop|forget) (the|these|those|your|all the|with the) "
    r"(questions|check|quiz)\b|\bno more questions\b|"
    r"\b(finish|do|continue|carry on with|go on with|complete) (the |these |this |your )?(rest of "
    r"(the |these |your )?)?(questions|check|quiz)( \w+)? (another time|later|some other time|"
    r"tomorrow|next time)\b",
    re.I,
)
# What someone is reacting to, asked during an emergency: "is it something in the injection
# she's reacting to??"
REACTING = re.compile(r"\b(reacting|reacted|reaction|allergic|allergy) to\b", re.I)
# Right after a serious sign, the signs they don't have: "it's not swelling or anything and I
# can breathe fine" (told, not asked: the sign they do have still needs its advice).
SIGNS_DENIED = re.compile(
    r"\b((it'?s|its|it is|theres|there'?s|there is) )?(not|no|nt|n't) (really |any )?"
    r"(swelling|swollen|bleeding|spreading|hot|oozing|pus|fever|temperature|itchy|throbbing)\b|"
    r"\b(i )?can (still )?breathe (fine|ok|okay|normally|alright|properly)\b|"
    r"\bbreathing('s| is)? (fine|ok|okay|normal)\b|"
    # "no breathing problems or anything", "no trouble swallowing"
    r"\bno (breathing|breath|chest|throat|swallowing) (problems?|issues?|trouble|difficult\w*)\b|"
    r"\bno (trouble|problems?|difficulty|issues?) (with )?(breathing|swallowing)\b",
    re.I,
)
# Right after a serious sign, the sign told again as old or as something milder: "sorry, I
# should explain, that was years ago from a bee sting, I'm totally fine now", "sorry, I
# described that badly, it's not white at all, it's just a small purple bruise". Both a
# correction and what it corrects to are needed; a new serious sign in it is read as such.
CLARIFIES = re.compile(
    r"\b(sorry|oops|my bad|i should (explain|clarify|have said)|let me (explain|clarify)|"
    r"to (be clear|clarify)|i (mean|meant)|described (that|it|this) (badly|wrong\w*)|"
    r"correction|i misspoke)\b",
    re.I,
)
OLD_OR_MILDER = re.compile(
    r"\b((that|it|this) (was|happened) (\w+ ){0,4}(years?|months?|weeks?|ages) ago|"
    r"(that|it) was (last|after my first|at my first|after my last|after my previous) \w+|"
    r"last (month|year|summer|winter|spring|autumn|time)|years ago|"
    r"(cleared|healed) up( completely| fully)?|"
    r"(totally|completely|perfectly|all) (fine|better|good|"
    r"healed) now|i'?m (totally |completely |perfectly |absolutely )?fine now|"
    r"have ?n'?t had (it|meso\w*|the treatment|any treatment) yet|not had (it|meso\w*) yet|"
    r"(it'?s|its|it is) not (\w+ ){0,2}at all|"
    r"just an? (small|little|tiny|normal|ordinary) (\w+ )?(bruise|bump|mark|spot))\b",
    re.I,
)
# Right after a serious sign, whether it is common: the side effects the articles list.
ASKS_HOW_COMMON = re.compile(
    r"\b(is|are) (this|that|it|these|they) (a |an )?(common|usual|rare|known|frequent|typical)\b|"
    # "is that kind of thing common with meso?"
    r"\b(is|are) (that|this) (kind|sort|type) of (thing|reaction|stuff) (common|usual|rare|known|"
    r"typical)\b|"
    # "is infection one of the known side effects?", "is this one of the side effects they
    # talk about?" (not "one of the normal side effects": is it normal, the advice alone)
    r"\bone of the (?!normal )(\w+ ){0,2}side ?effects\b|"
    r"\bhow (common|rare|often|likely) (is|are|does) (this|that|it)\b|"
    r"\b(does|do) (this|that|it) happen (often|a lot|to (other|many|lots of) (people|patients))\b|"
    # "is infection a normal side effect then??": the side effects the articles list (it is not
    # among them), and the advice again
    r"\b(is|are) (an? )?(?!(this|that|it|these|they|the|my|your|its|any|some|a|an)\b)\w+( \w+)? "
    r"(a |an )?(normal|common|usual|known|typical) side ?effects?\b",
    re.I,
)
# After the answer to mild after-effects: how long they last, which the articles don't say.
HOW_LONG_IT_LASTS = LASTING  # "how long will that last?" of the bruise
# Waiting for the next session of a course, not waiting to see about a sign.
NEXT_SESSION_WAIT = re.compile(
    r"\b(wait|leave it|gap)\b.{0,30}\b(next|another|second|following) (session|treatment|"
    r"appointment|one|round)\b|"
    # "my next session is in a week, is that normal spacing?"
    r"\b(next|another|second|following) (session|treatment|appointment|one)\b.{0,40}\b(spacing|"
    r"spaced|apart|gap|normal|too soon|too early|ok)\b",
    re.I,
)
# A message that opens as a question ("how long till the red goes away").
QUESTION_START = re.compile(
    r"^\W*(how|what|whats|when|where|why|which|who|can|could|would|should|will|is|are|do|does|"
    r"may|might)\b",
    re.I,
)


def answer_also_asked(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: Optional[DomainDict]
) -> None:
    """The answers to a message's other FAQ questions, after the first one's."""
    from actions.fallback import also_asked_responses  # it imports this module

    for response in also_asked_responses(domain, tracker, faq_response(tracker)):
        dispatcher.utter_message(response=response)


# Words that only say the visitor will call, or ask what is usual: with an FAQ question
# ("ok. how many sessions is normal for tummy fat?"), the question is new.
CALL_WORDS = frozenset({"call", "ring", "phone", "normal"})
# Help has come ("shes ok now, ambulance came"): a question after it is a new one, not a
# reason to wait. Feeling better alone is not ("im ok now i think, i dont need an ambulance
# do i": the emergency advice again).
HELP_CAME = re.compile(
    r"\b(ambulance|paramedics?|doctor|gp|nurse) (came|arrived|has been|have been|was here|"
    r"were here|saw (her|him|me|us|them)|checked (her|him|me|them))|"
    # "ok they're here", "the ambulance is here now", "paramedics have just arrived"
    r"\b(they|theyre|they'?re|the ambulance|ambulance|the paramedics|paramedics)( are| is|'s|s)?"
    r"( now| just)? (here|arrived|have arrived|has arrived|have just arrived|outside)\b|"
    r"\b(in|at) (the )?hospital now\b|"
    # "the paramedics are with her", "the ambulance crew are seeing to him"
    r"\b(the )?(ambulance( crew)?|paramedics?|doctors?|nurses?|crew)( are| is|'re|'s| s)?( now| "
    r"already| still)? (with|seeing to|looking after|treating|helping) (her|him|me|them|us)\b|"
    # "spent it in A&E, they gave me steroids and adrenaline and it's all settled now"
    r"\bspent (it|the night|last night|the evening|hours|the day|the morning) (in|at) (the )?"
    r"(hospital|a ?& ?e|er|urgent care|casualty)\b|"
    # "ambulance has taken him", "they're keeping her in overnight"
    r"\b(ambulance|paramedics?|they) (has |have |just )?(taken|took) (her|him|me|them|us)\b|"
    r"\b(keeping|kept) (her|him|me|them) in\b|\bstaying in (overnight|hospital)\b|"
    r"\b(they|(the )?(doctors?|nurses?|hospital|paramedics?)) gave (me|her|him|us) (some )?"
    r"(steroids|adrenaline|an? (epipen|injection|jab|drip)|antibiotics|antihistamines?)\b|"
    # "back from hospital, it was an allergic reaction", "he's been checked at the hospital"
    r"\bback (home )?from (the )?(hospital|a ?& ?e|er|urgent care|the doctors?|the gp)\b|"
    r"\b(been|was|were|got|get) (checked|seen|looked at|treated|examined)( over| out)? (at|in|by) "
    r"(the |a |my |our )?(hospital|a ?& ?e|er|urgent care|doctor|gp|nurse|paramedics?)\b|"
    # "the nurse had a look and said it was fine", "the hospital said it was an allergic
    # reaction", "ok they picked up": a professional has it in hand
    r"\b(the )?(hospital|a ?& ?e|er|doctor|doc|gp|nurse|paramedics?|clinic|pharmacist|out of "
    r"hours( line| service)?) (said|says|told (me|us|her|him)|had a look|looked at|checked|"
    r"examined|treated|sorted|gave (her|him|me|us))\b"
    # not what they say of after-effects in general ("the clinic told him some redness is normal")
    r"(?!( that)? (some|a bit of|a little|a few|mild|slight|minor) )|"
    r"\b(they|the clinic|someone|the nurse|the doctor) (picked up|answered)\b|"
    # "ok she's being seen now", "he's with the paramedics" (not "being seen tomorrow")
    r"\b(she|he|i|they|we)('?s|'?m|'?re| is| am| are) (now )?(being (seen|looked at|treated|"
    r"checked)|with (a |the )?(doctor|gp|nurse|paramedics?|ambulance (crew|team)))\b"
    r"(?!\s+(tomorrow|later|on|at|in|next|this (afternoon|evening)))",
    re.I,
)
# Doing as advised, in the visitor's words: "ok I'll get the arm looked at today".
GETTING_IT_SEEN = re.compile(
    r"\b(i'?ll|ill|i will|im going to|i'm going to|gonna|going to) (go and |go )?(get|have) (it|"
    r"this|that|them|the \w+|my \w+|her \w+|his \w+) (looked at|checked( out)?|seen( to)?)\b",
    re.I,
)
# Agreeing to get the sign seen ("ok will do", "ill call them"), and a sign somewhere else
# ("the rest of my scalp", "the other cheek"): the mild one is answered as mild.
WILL_DO = re.compile(r"\b(will do|i will|on it|ok ill|okay ill|i'll do that|doing that)\b", re.I)
# A mild-sounding sign told as strong ("stinging a lot", "really itchy").
STRONGLY = re.compile(
    r"\b(a lot|so much|loads|like crazy|really bad(ly)?|badly|terribl[ey]|severe(ly)?|"
    r"unbearabl[ey]|intense(ly)?|very (bad|painful|sore))\b",
    re.I,
)
# A general question beside a sign told: "just asking, I've got no bruises now"
JUST_ASKING = re.compile(r"\b(just|only) (asking|wondering|curious)\b|\bin general\b", re.I)
NONE_MYSELF = re.compile(
    r"\b(i'?ve|i have|i'?ve got|i got|ive got) no \w+|\b(its|it'?s|it is) not (for )?me\b", re.I
)
# "hurts a lot" right after a serious sign: more of it, told as a statement
PAIN_NOW = re.compile(r"\b(hurts?|hurting|painful|sore|aches?|aching|throbb\w*|pain|agony)\b", re.I)
ONE_MORE_SIGN = re.compile(r"\b(also|too|as well|plus|another thing)\b", re.I)
OTHER_PLACE = re.compile(
    r"\b(the rest of|the other|elsewhere|other (spots?|areas?|places?|side|parts?)|everywhere "
    r"else|apart from (that|this|it))\b",
    re.I,
)
# FAQ topics that a waiting word keeps about the sign ("is that normal after it?").
ABOUT_THE_SIGN = frozenset({SIDE_EFFECTS_RESPONSE, RECOVERY_RESPONSE, "utter_faq/pain"})


# Getting help now or done ("calling them now", "I've rung them"), not only meant ("I'll ring").
DONE_NOW = re.compile(
    r"\b(now|right now|called|rang|phoned|rung|already|on (its|their) way)\b", re.I
)
# Help called off or about to be: "she says she's a bit better, should i cancel it?" (the
# ambulance). The advice again: don't.
CANCELS_HELP = re.compile(
    r"\b(cancel (it|them|the (ambulance|paramedics|call|999|911|112|doctor))|call off|"
    r"call (it|them|the \w+) off|send (it|them|the \w+) (away|back)|"
    r"turn (it|them) away|tell (them|the \w+) not to come|"
    r"(dont|don't|do not) need (it|them|the (ambulance|paramedics)) (any ?more|now|after all))\b",
    re.I,
)
# A detail of the sign put right: "sorry its her left thigh not right", "correction, its his
# LEFT eye" (the same sign, the advice again).
PUTS_RIGHT = re.compile(
    r"\b(sorry|correction|i meant|i mean|no wait|wait|oops|my bad|actually)\b[^?]*\b(left|right|"
    r"other|top|bottom|upper|lower)\b|\b(left|right|other) (one|side|\w+),? not (the )?(left|"
    r"right|other)\b|"
    # "hang on, it's her top lip not the bottom"
    r"\b(its|it'?s|it is) (the |her |his |my |their )?(left|right|other|top|bottom|upper|lower)\b"
    r"[^?]*\bnot (the |her |his |my |their )?(left|right|other|top|bottom|upper|lower)\b",
    re.I,
)
# Help refused by the one with the sign: "he wont ring anyone".
REFUSES_HELP = re.compile(
    r"\b(wont|won'?t|will not|refuses to|refusing to|doesnt want to|doesn'?t want to) (ring|call|"
    r"phone|go|see)\b",
    re.I,
)
# Getting to care as advised: "can i just drive him to a&e" (no question of driving after a
# treatment).
GETTING_THERE = re.compile(
    r"\b(drive|take|get|bring|walk) (him|her|them|me|myself|us) (\w+ )?(to|into|down to) "
    r"(the )?(a ?& ?e|a and e|hospital|doctors?|gp|urgent care|er|emergency|walk.?in|clinic)\b",
    re.I,
)
# Said when the visitor is getting help as told ("ok calling 999 now").
HELP_CALLED = "utter_help_called"
# Said when a sign is told again as old or milder (`CLARIFIES`): the sign before it is over.
SIGN_TAKEN_BACK = "utter_sign_taken_back"


def last_warning(tracker: Tracker) -> str:
    """The response name of the latest warning-sign reply in the conversation, or ''.

    '' too when the visitor took that sign back since ("sorry, that was years ago").
    """
    names = (n for _, n in bot_responses(tracker))
    found = next((n for n in names if n.startswith("utter_warning_") or n == SIGN_TAKEN_BACK), "")
    return "" if found == SIGN_TAKEN_BACK else found


def serious_warning_lately(tracker: Tracker, turns: int = 3) -> bool:
    """Whether an emergency or urgent sign was answered within the visitor's last turns."""
    recent = takewhile(lambda response: response[0] <= turns, bot_responses(tracker))
    names = takewhile(lambda name: name != SIGN_TAKEN_BACK, (name for _, name in recent))
    return any(name in SERIOUS_WARNINGS for name in names)


# A sign that goes on ("it just won't stop", "still hasn't stopped"): not a wish to stop.
STILL_GOING = re.compile(
    r"\b(wont|won't|will not|doesnt|doesn't|does not|isnt|isn't|is not|hasnt|hasn't|has not|"
    r"cant|can't|cannot|not) (\w+ )?stop(ping|ped)?\b(?! (it|the check|the questions|now|here))",
    re.I,
)
# Putting the call off ("... and see how it is tomorrow"): the advice alone answers it.
PUTS_OFF = re.compile(r"\b(wait|see how|see if|sleep on it)\b", re.I)
# "it's probably nothing, I'll sleep it off": not a goodbye to wish well
SLEEP_IT_OFF = re.compile(r"\b(sleep|walk|shake) it off\b|\bprobably nothing\b", re.I)
# A medicine a visitor may take for a sign meanwhile: not covered, said beside its advice.
REMEDY_SUBJECTS = frozenset({"other_medicines"})
# Everyday life while a sign is seen to ("can I wear makeup meanwhile?", "drink tonight?"):
# answered after the advice not to wait.
EVERYDAY_SUBJECTS = frozenset(
    {"makeup", "alcohol_after", "exercise", "sun_beach", "flying", "hair_washing", "shaving",
     "caffeine", "what_to_wear", "sleeping", "touching_face"}
)  # fmt: skip


LEVEL_RANKS = {"expected": 1, "urgent": 2, "emergency": 3}


def sign_told_in_pieces(tracker: Tracker) -> Optional[str]:
    """The level of a sign told over the visitor's last two messages, when higher than either.

    "lumps day 3", then "hard. bigger than yday": a hard, growing lump, urgent, though each
    message alone tells only a mild after-effect or nothing. None when the two together say
    no more than the worse of them alone.
    """
    previous, text = previous_message(tracker), message_text(tracker)
    if not previous:
        return None
    together = detect(told_together(tracker), treated=True).level
    alone = max(
        LEVEL_RANKS.get(detect(previous, treated=True).level or "", 0),
        LEVEL_RANKS.get(detect(text, treated=True).level or "", 0),
    )
    return together if LEVEL_RANKS.get(together or "", 0) > alone else None


def told_before(tracker: Tracker, messages: int = 3) -> bool:
    """Whether the signs the latest message tells were all told in the few messages before.

    "ambulance has taken him, they think it was just a faint" after fainting: the same sign,
    help come; "the paramedics checked her, now she has a fever": a new one.
    """
    signs = set(detect(message_text(tracker)).signs)
    earlier: set[str] = set()
    for event in earlier_user_events(tracker)[:messages]:
        earlier.update(detect(said(event)).signs)
    return bool(signs) and signs <= earlier


def previous_message(tracker: Tracker) -> str:
    """The visitor's message before the latest one ('' when there is none)."""
    earlier = earlier_user_events(tracker)
    return said(earlier[0]).rstrip() if earlier else ""


def told_together(tracker: Tracker) -> str:
    """The visitor's last two messages as one text (the signs they name, for the reply).

    A previous message sent unfinished ("the bruise is getting") goes on into the next
    ("bigger and hard"): one sentence; otherwise two.
    """
    previous, text = previous_message(tracker), message_text(tracker)
    previous = starred_into(previous, text)
    joint = " " if unfinished(previous) else ". "
    return f"{previous}{joint}{text}"


def played_down_lately(tracker: Tracker) -> bool:
    """Whether the message plays down or asks to wait with a serious sign told lately."""
    text = message_text(tracker)
    if JUST_ASKING.search(text) and NONE_MYSELF.search(text):
        return False  # "is it normal to bruise after? just asking, I've got no bruises now"
    if HELP_CAME.search(text) or HELP_CAME.search(previous_message(tracker)):
        return False  # "paramedics gave her adrenaline", then "my side is a bit red, normal?"
    return serious_warning_lately(tracker) and bool(WAITING_QUESTION.search(text))


EMERGENCY_WARNINGS = frozenset({"utter_warning_emergency", "utter_warning_emergency_again"})
SERIOUS_WARNINGS = EMERGENCY_WARNINGS | {"utter_warning_urgent", "utter_warning_dont_wait"}
# The advice of an emergency or urgent sign given again (`advice_again`).
REPEATED_ADVICE = frozenset({"utter_warning_emergency_again", "utter_warning_dont_wait"})


def advice_again(
    dispatcher: CollectingDispatcher, tracker: Tracker, with_contact: bool = False
) -> None:
    """The last warning-sign advice once more, at its level, and the contacts if asked.

    Emergency: call now, again; urgent: don't wait; mild after-effects: when to contact
    the clinic.
    """
    details = clinic_template_vars()
    last = last_warning(tracker)
    if last == "utter_warning_expected":
        again = last
    elif last.startswith("utter_warning_if_"):
        again = "utter_anything_else"  # after a general question nothing was reported
    elif last in EMERGENCY_WARNINGS:
        again = "utter_warning_emergency_again"
    else:
        again = "utter_warning_dont_wait"
    dispatcher.utter_message(response=again, **details)
    if with_contact:
        dispatcher.utter_message(response="utter_contact", **details)


def told_a_mild_sign(tracker: Tracker) -> bool:
    """Whether the NLU found mild after-effects in the latest message (intent or entity)."""
    return latest_intent(tracker) == "after_effects" or (
        message_entity(tracker, "after_effects") is not None
    )


def answered_as_anywhere(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: Optional[DomainDict] = None
) -> bool:
    """Answer a new question as anywhere else (not covered, or its FAQ); False if unclear."""
    from actions.screening import answer_condition_question  # it imports this module

    response = faq_response(tracker)
    if asks_what_is_not_covered(tracker):
        answer_not_covered(dispatcher, tracker)
    elif message_entity(tracker, "condition_asked") is not None and answer_condition_question(
        dispatcher, tracker, extract(message_text(tracker))
    ):
        # "What exactly counts as being 'prone to bruising'?": what the articles say of it;
        # "and for next time, should I skip retinol before?": the preparation answer too
        pass
    elif latest_intent(tracker) == "faq" and response:
        dispatcher.utter_message(response=response)
        answer_also_asked(dispatcher, tracker, domain)  # "... and what aftercare?"
    else:
        return False
    return True


class ActionWarningFollowup(Action):
    """The message after an emergency or urgent sign: a question about it, or a new one."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_WARNING_FOLLOWUP

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """The reply (`reply`), marked when it gave the sign's advice again.

        The mark (`ActionWarningReminded`) has the next message read with the sign too: "can
        i just squeeze it" two turns on.
        """
        events = await self.reply(dispatcher, tracker, domain)
        reminded = any(m.get("response") in REPEATED_ADVICE for m in dispatcher.messages)
        # "the bruise is getting" (sent unfinished): its end comes next, read with it
        reminded = reminded or bool(unfinished(message_text(tracker)))
        if reminded and not any(e.get("event") == "followup" for e in events):
            events.append(FollowupAction(ACTION_WARNING_REMINDED))
        return events

    async def reply(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Repeat not to wait when it asks about waiting; otherwise answer the FAQ asked."""
        from actions.screening import (  # it imports this module
            answer_named_conditions,
            answers_the_paused_check,
            offer_to_go_on,
            paused_check,
            stop_after_warning,
        )

        if answers_the_paused_check(tracker):  # "no eczema, skin's not sensitive": go on
            return [FollowupAction(ACTION_RESUME_SCREENING)]
        if asks_for_themselves_after_anothers_sign(tracker):
            # "while i have you, could I have meso myself? for my belly fat" after his wife's
            # sign (its advice given): the topic asked, then the visitor's own check
            response = faq_response(tracker)
            if (
                latest_intent(tracker) == "faq"
                and response
                and faq_confidence(tracker) >= CLEAR_FAQ_TOPIC
            ):
                dispatcher.utter_message(response=response)
            return [FollowupAction(ACTION_START_SCREENING)]
        text = message_text(tracker)
        if STOPS_THE_QUESTIONS.search(text) and paused_check(tracker):
            # "my husband is driving me to the ER now, stop the questions pls": help on its
            # way is acknowledged, then the check said back and ended
            if (
                CALLING_FOR_HELP.search(text)
                or HELP_CAME.search(text)
                or GETTING_THERE.search(text)
            ):
                dispatcher.utter_message(response=HELP_CALLED, **clinic_template_vars())
            return stop_after_warning(dispatcher, tracker)
        if CANCELS_HELP.search(text) and last_warning(tracker) in SERIOUS_WARNINGS:
            # "ambulance on its way. she says shes feeling a bit better already, should i
            # cancel it?": not without a professional's word; the advice again
            advice_again(dispatcher, tracker)
            return []
        if (ASKS_IF_BOT.search(text) or latest_intent(tracker) == "bot_challenge") and last_warning(
            tracker
        ) in SERIOUS_WARNINGS:
            # "ok calling them. sorry, are you an actual person?": said, and the sign's advice
            # again unless help is being called
            dispatcher.utter_message(response="utter_iamabot")
            if not (CALLING_FOR_HELP.search(text) or HELP_CAME.search(text)):
                advice_again(dispatcher, tracker)
            return []
        if latest_intent(tracker) == "stop":
            if STILL_GOING.search(text) and serious_warning_lately(tracker):
                # "it's not gushing, it just won't stop" after bleeding: the sign goes on, no
                # wish to stop anything; its advice again
                advice_again(dispatcher, tracker)
                return []
            if WAITING_QUESTION.search(text):
                # "I really don't want to make a fuss and end up in A&E for nothing": not
                # waiting is the answer, not "anything else?"
                advice_again(dispatcher, tracker)
                return []
            if paused_check(tracker):  # the check is said back, then cleared
                return stop_after_warning(dispatcher, tracker)
            dispatcher.utter_message(response="utter_anything_else")
            return []
        if latest_intent(tracker) == "continue_check":
            # "ok I'll ring them. carry on" a turn or two after the sign: the paused check goes
            # on (its resume says "don't wait" first when the call is put off)
            if paused_check(tracker):
                return [FollowupAction(ACTION_RESUME_SCREENING)]
            dispatcher.utter_message(response="utter_anything_else")  # no check to go on with
            return []
        # "ok they picked up. do you have a weekend number for next time?" (read as unclear)
        asks_contact = latest_intent(tracker) == "human_handoff" or (
            latest_intent(tracker) in ("nlu_fallback", "out_of_scope")
            and bool(ASKS_FOR_NUMBER.search(text))
        )
        help_came = bool(HELP_CAME.search(text))
        if latest_intent(tracker) == "book_consultation":
            # "I've got an appointment next week anyway, can it wait till then?": don't wait,
            # and the contacts; "ok. can i book a follow up": don't wait, then the booking;
            # once help has come ("the GP checked me. can I book my next session?") the booking
            seen_to = bool(GETTING_IT_SEEN.search(text))  # "I'll get it looked at today"
            if WAITING_QUESTION.search(text) and not (help_came or seen_to):
                asks_contact = True
            else:
                if not (help_came or seen_to or CALLING_FOR_HELP.search(text)):
                    advice_again(dispatcher, tracker)  # not "calling them now. and book me in"
                return [FollowupAction(ACTION_BOOK_CONSULTATION)]
        thanked = bool(THANKS.search(text))
        if thanked:  # "ok I'll ring them. thank you"
            dispatcher.utter_message(response="utter_screening_welcome")
        if (
            CALLING_FOR_HELP.search(text)
            and latest_intent(tracker) in ("human_handoff", "thank")
            and "?" not in text
            and not DELAYS.search(text)
            and not ASKS_FOR_NUMBER.search(text)
            and (last_warning(tracker) in EMERGENCY_WARNINGS or DONE_NOW.search(text))
        ):
            # "ok calling 999 now", "ive called an ambulance": doing as told, not a request
            # for the clinic's number (and no "call 999 now" again)
            if not thanked:
                dispatcher.utter_message(response=HELP_CALLED, **clinic_template_vars())
            return []
        warned = last_warning(tracker)
        in_pieces = sign_told_in_pieces(tracker) if warned else None
        if in_pieces is not None and in_pieces != "expected" and not asks_contact:
            # "lumps day 3", then "hard. bigger than yday": the sign the two messages tell
            # together; the next message is read with it
            warning_reply(dispatcher, told_together(tracker), in_pieces)
            return [FollowupAction(ACTION_WARNING_REMINDED)]
        if not warned:
            # the sign was taken back a turn before ("sorry, that was years ago"): this
            # message is read as anywhere else
            if latest_intent(tracker) == "check_eligibility":
                return [FollowupAction(ACTION_START_SCREENING)]
            if not answered_as_anywhere(dispatcher, tracker, domain):
                dispatcher.utter_message(response="utter_anything_else")
            return []
        # the message's own signs, read once for every branch below
        serious_now = detect(text).level in ("emergency", "urgent")
        treated_level = detect(text, treated=True).level  # read as after a treatment
        mild_here = told_a_mild_sign(tracker) or treated_level == "expected"
        if (
            IT_STOPPED.search(text)
            and mild_here
            and not serious_now
            and warned not in EMERGENCY_WARNINGS
        ):
            # "ok its stopped now after pressing for ages. theres just a small bruise there now,
            # thats normal right?" after bleeding: what is left is a mild after-effect
            warning_reply(dispatcher, text, "expected")
            return []
        if CLARIFIES.search(text) and OLD_OR_MILDER.search(text) and not serious_now:
            # "sorry, I mean that was after my first session last month, it cleared up
            # completely. how many more sessions do people need?": no advice again; what they
            # describe now, or their question
            dispatcher.utter_message(response=SIGN_TAKEN_BACK, **clinic_template_vars())
            if treated_level == "expected":
                warning_reply(dispatcher, text, "expected")
            else:
                answered_as_anywhere(dispatcher, tracker, domain)
            return []
        if warned == "utter_warning_expected" or warned.startswith("utter_warning_if_"):
            # after mild after-effects, or after a general question ("can it cause a fever?"):
            # nothing serious was reported, so "is bruising normal afterwards?" is no waiting
            return self.after_mild(dispatcher, tracker, text, asks_contact, domain)
        subject = subject_of(text)
        if (
            PUTS_RIGHT.search(text)
            and serious_warning_lately(tracker, turns=1)
            and not serious_now
            and not help_came
        ):
            # "sorry correction, its his LEFT eye not right": the same sign, its advice again
            advice_again(dispatcher, tracker)
            return []
        named = extract(text)  # the message read once, for every branch below
        # "I'm not on thinners or anything btw, if that matters": a denial told as relevant
        told_as_relevant = bool(MATTERS.search(text) or BY_THE_WAY.search(text))
        told = ("present", "other_person", "uncertain", *(("absent",) if told_as_relevant else ()))
        if (
            named.mentions
            and all(m.status in told for m in named.mentions)
            and serious_warning_lately(tracker, turns=2)
            and not (serious_now or asks_contact or help_came or CALLING_FOR_HELP.search(text))
            and latest_intent(tracker) != "check_eligibility"
            # "he also has bruises like someone grabbed him": a mild sign, not a tendency
            and not mild_here
        ):
            # "He is on warfarin, I don't know if the clinic knew that", "oh and he's got type 1
            # diabetes if that matters??" after a sign told for him: the advice again first,
            # then what the articles say of it
            advice_again(dispatcher, tracker)
            answer_named_conditions(dispatcher, tracker, named)
            return []
        if ASKS_HOW_COMMON.search(text) and latest_intent(tracker) in ("faq", "after_effects"):
            # "ok ambulance is coming. is this a common thing with meso??": the side effects
            # the articles list, and the advice again unless help is on its way
            help_in_hand = bool(CALLING_FOR_HELP.search(text) or help_came)
            played_down = PLAYS_DOWN.search(text)
            if help_in_hand or not played_down:
                # (played down, "it's probably just anxiety right? what are the normal side
                # effects", "redness is normal right? I'm overreacting": the advice alone, no
                # list that could reassure)
                dispatcher.utter_message(response=SIDE_EFFECTS_RESPONSE)
            if not help_in_hand:
                advice_again(dispatcher, tracker)
            return []
        if (
            CALLING_FOR_HELP.search(text)
            and (CAUSED_IT.search(text) or REACTING.search(text))
            and last_warning(tracker) in EMERGENCY_WARNINGS
            and serious_warning_lately(tracker, turns=1)
        ):
            # "ok calling 999 now. is it something in the injection she's reacting to??": the
            # cause is for the emergency team to find; the call again, no ingredients list
            advice_again(dispatcher, tracker)
            return []
        if (
            CALLING_FOR_HELP.search(text)
            and (latest_intent(tracker) in ("faq", "not_covered") or subject is not None)
            and not GETTING_THERE.search(text)
            and not REFUSES_HELP.search(text)
        ):
            # "ok im going to ring the clinic. one more thing, will this leave a scar?": doing
            # as told, and a question: answered ("first thing" tomorrow: don't wait, first)
            if DELAYS.search(text):
                advice_again(dispatcher, tracker)
            if subject is not None:  # "... can i still wear makeup?" (read as "can I have it")
                not_covered_reply(dispatcher, text)
                return []
            from actions.screening import (  # it imports this module
                CONTRAINDICATIONS,
                answer_condition_question,
            )

            if faq_response(tracker) == CONTRAINDICATIONS:
                # "the ambulance is coming. she has diabetes btw, can diabetics even have it?":
                # who should avoid it, then what the articles say of that condition (the
                # message is read only for that topic)
                if named.mentions and answer_condition_question(dispatcher, tracker, named):
                    return []
            if answered_as_anywhere(dispatcher, tracker):
                return []
        waiting = (
            WAITING_QUESTION.search(text)
            or PLAYS_DOWN.search(text)
            or (ASKS_PLAINLY.search(text) if serious_warning_lately(tracker, turns=2) else None)
        )
        if (
            waiting
            and latest_intent(tracker) == "faq"
            and waiting.group(0).lower() in CALL_WORDS
            and faq_response(tracker) not in ABOUT_THE_SIGN
            and not ASKS_WHETHER_TO_CALL.search(text)  # "is it still something to call about?"
        ):
            waiting = None  # "ok I'll ring them. does it work on cellulite?": a new question
        if help_came and thanked and "?" not in text:
            # "hospital checked me and said I'm ok now. just wanted to say thanks": welcomed
            return []
        if (
            help_came
            and not asks_contact  # "she's fine now. whats the clinic number so we can tell them"
            and "?" not in text
            and not QUESTION_START.match(text)
            and latest_intent(tracker) not in ("faq", "check_eligibility", "not_covered")
            and treated_level is None
        ):
            # "ok they're here" (the paramedics): follow their advice, no "call now" again
            dispatcher.utter_message(response=HELP_CALLED, **clinic_template_vars())
            return []
        if waiting and help_came:
            waiting = None  # "shes ok now, ambulance came. is swelling normal generally?"
        if waiting and JUST_ASKING.search(text) and NONE_MYSELF.search(text):
            # "is it normal to bruise after it? just asking, I've got no bruises now" after a
            # friend's sign: a question of their own, in general
            waiting = None
        if help_came and not waiting and latest_intent(tracker) == "check_eligibility":
            # "ok she's being seen now. different question, could I have it myself?": help
            # has it in hand, so the question is new: the check
            return [FollowupAction(ACTION_START_SCREENING)]
        if help_came and asks_contact:
            # "ok they picked up. do you have a weekend number for next time?": the contacts
            dispatcher.utter_message(response="utter_contact", **clinic_template_vars())
            return []
        # "its not painful tho. i also have a small bruise next to it, is that normal?"
        if mild_here and STRONGLY.search(text) and not help_came:
            # "she says its stinging a lot too" beside skin gone white and blue: no mild
            # after-effect said as expected beside it, the serious one's advice again
            advice_again(dispatcher, tracker)
            return []
        if mild_here and (
            (WILL_DO.search(text) and OTHER_PLACE.search(text))
            or ONE_MORE_SIGN.search(text)
            # "is it normal that his scalp is a bit red and tender around the other spots?"
            or (OTHER_PLACE.search(text) and "?" in text)
        ):
            # "ok will do. the rest of my scalp is just a bit pink and itchy which i assume is
            # normal", "also its a bit itchy around my chin is that normal": a mild sign
            # besides the serious one, answered, and the serious one's advice again
            warning_reply(dispatcher, text, "expected")
            if not help_came:  # "it has stopped now, the clinic said keep an eye on it. ..."
                advice_again(dispatcher, tracker)
            return []
        # right after a warning sign, "is it ok for me?" is about that sign first
        if waiting or asks_contact or latest_intent(tracker) == "check_eligibility":
            advice_again(dispatcher, tracker, with_contact=asks_contact)
            if (
                subject is not None
                and (
                    subject.key in REMEDY_SUBJECTS
                    or latest_intent(tracker) == "not_covered"
                    # "can I put makeup over it meanwhile?": not waiting, and the question of
                    # everyday life the articles don't cover (not "get a taxi there?")
                    or (
                        subject.key in EVERYDAY_SUBJECTS
                        and "?" in text
                        and bool(ASKS_IF_I_CAN.search(text))
                    )
                )
                and last_warning(tracker) not in EMERGENCY_WARNINGS
                and not GETTING_THERE.search(text)
            ):
                # "can I take paracetamol for it?" after an urgent sign: don't wait, and the
                # articles say nothing of painkillers (not after an emergency: only the call)
                not_covered_reply(dispatcher, text, subject=subject)
            if not asks_contact and any(s != "other_person" for s in named.statuses.values()):
                # "should I skip my apixaban tonight?" while it bleeds: don't wait, and what the
                # articles say of blood thinners (never stop a prescribed medicine yourself)
                answer_named_conditions(dispatcher, tracker, named)
            if (
                asks_contact
                and not waiting
                and last_warning(tracker) not in EMERGENCY_WARNINGS
                and paused_check(tracker)
            ):
                # "ok whats their number" with a check paused by an urgent sign: the contacts,
                # then whether to go on with it, as a request for a person inside the check
                return offer_to_go_on(tracker)
            return []
        if (
            (
                SIGN_DETAIL.search(text)
                or SIGNS_DENIED.search(text)
                or (PAIN_NOW.search(text) and STRONGLY.search(text))
            )
            and "?" not in text
            and not QUESTION_START.match(text)
            and serious_warning_lately(tracker, turns=1)
        ):
            # "it came on in the last 10 minutes" right after sight loss: more of the same
            # sign, not a question about how long results last
            advice_again(dispatcher, tracker)
            return []
        if (
            NAMES_THE_SIGN.match(text)
            and serious_warning_lately(tracker, turns=1)
            and not (help_came or CALLING_FOR_HELP.search(text))
        ):
            # "is it nerve damage??" right after spreading numbness: no diagnosis, the sign's
            # advice again (a professional has to see it)
            advice_again(dispatcher, tracker)
            return []
        if (
            (ABOUT_THIS_SIGN.match(text) or asks_the_cause(text))
            and serious_warning_lately(tracker, turns=1)
            and not (help_came or CALLING_FOR_HELP.search(text))
        ):
            # "is this like filler effect? they said meso is not filler" right after a hard
            # growing lump: the sign's advice again, then the question answered; after an
            # emergency ("is it the coffee??", "im allergic to nuts, could there be nut stuff
            # in it?") the call alone: the cause is for the emergency team to find
            advice_again(dispatcher, tracker)
            if last_warning(tracker) not in EMERGENCY_WARNINGS:
                answered_as_anywhere(dispatcher, tracker, domain)
            return []
        if "present" in named.statuses.values() and not asks_contact:
            # "I'm on rivaroxaban for an old DVT if that matters" after bleeding that won't
            # stop: the sign's advice again first, then what the articles say of it
            advice_again(dispatcher, tracker)
            answer_named_conditions(dispatcher, tracker, named)
            return []
        if (
            latest_intent(tracker) == "not_covered"
            and last_warning(tracker) in EMERGENCY_WARNINGS
            and serious_warning_lately(tracker, turns=1)
            and not help_came
        ):
            # "im alone at home, cant drive" right after fainting: the call again, not what the
            # articles don't cover (after an urgent sign such a question is answered)
            advice_again(dispatcher, tracker)
            return []
        if (
            last_warning(tracker) in EMERGENCY_WARNINGS
            and serious_warning_lately(tracker, turns=1)
            and "?" not in text
            and not QUESTION_START.match(text)
            and not (help_came or CALLING_FOR_HELP.search(text) or thanked)
        ):
            # "she's gone really quiet now" right after an emergency: a statement is no FAQ
            # question; the call again
            advice_again(dispatcher, tracker)
            return []
        if told_a_mild_sign(tracker) or (help_came and mild_here and "?" not in text):
            # a new, mild after-effect (not playing the sign down); or what is left once help
            # came ("nurse said press for 10 min, it's stopped. just a small bruise now")
            warning_reply(dispatcher, text, "expected")
        elif (
            latest_intent(tracker) == "out_of_scope"
            and ASKS_OFF_TOPIC.search(text)  # (not "could you repeat what I should do?")
            and not serious_now
            and treated_level is None
        ):
            # "lol while I have you, whats a good cuticle oil": a question off the subject,
            # answered as such (the sign's advice was given)
            dispatcher.utter_message(response="utter_out_of_scope")
        elif not answered_as_anywhere(dispatcher, tracker):
            advice_again(dispatcher, tracker)  # unclear, right after a sign: its advice again
        return []

    @staticmethod
    def after_mild(
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        text: str,
        asks_contact: bool,
        domain: Optional[DomainDict] = None,
    ) -> List[Dict[str, Any]]:
        """The message after the mild after-effects answer.

        One more mild sign ("it itches a little too") is read with it; asking about it
        repeats when to contact the clinic; any other question is answered as anywhere else.
        """
        asks_for_the_check = latest_intent(tracker) == "check_eligibility" or (
            latest_intent(tracker) == "faq" and message_entity(tracker, "own_condition") is not None
        )  # "also am i even ok to keep doing it"
        if (
            asks_for_the_check
            and not told_a_mild_sign(tracker)
            and not WAITING_QUESTION.search(text)
            and subject_of(text) is None  # "I took a cetirizine, was that alright to take?"
        ):
            # "im thinking of getting it myself. am i suitable?" after a friend's redness: the
            # check, not when to contact the clinic again
            return [FollowupAction(ACTION_START_SCREENING)]
        if (
            BEFORE_NEXT_TIME.search(text)
            and faq_response(tracker) == PREPARATION
            and answered_as_anywhere(dispatcher, tracker, domain)
        ):
            # "anything she should avoid before next time to cut down the bruising?": how to
            # prepare for the next session, not the bruise again
            return []
        mild_again = told_a_mild_sign(tracker) or detect(text, treated=True).level == "expected"
        # "how long should I wait before my next session?" asks about the course, not the sign
        waiting = WAITING_QUESTION.search(NEXT_SESSION_WAIT.sub(" ", text)) or ASKS_PLAINLY.search(
            text
        )  # "what do you mean a day or two, its day 2 now. so is it fine or not"
        named = extract(text)
        if (
            named.statuses
            # "does the aspirin make the bruising more likely?": the bruise named again, and
            # a question about the condition
            and (not mild_again or message_entity(tracker, "condition_asked") is not None)
            and not asks_contact
            and ("?" in text or QUESTION_START.match(text))
        ):
            # "she's also on warfarin btw, is that a problem for meso?" after a friend's
            # bruises: what the articles say of it (a condition named is the question); "should
            # i stop the aspirin before next time": the preparation answer with it
            from actions.screening import answer_condition_question, answer_named_conditions

            if message_entity(tracker, "condition_asked") is not None:
                answer_condition_question(dispatcher, tracker, named)
            else:
                answer_named_conditions(dispatcher, tracker, named)
            return []
        if last_warning(tracker).startswith("utter_warning_if_") and not mild_again:
            # after a general question ("what if it gets infected?") nothing was reported:
            # "is there any downtime? got a wedding on saturday" is a new question
            waiting = None
            if not asks_contact and answered_as_anywhere(dispatcher, tracker, domain):
                return []
            if asks_contact:
                dispatcher.utter_message(response="utter_contact", **clinic_template_vars())
                return []
        subject = subject_of(text)
        if (
            latest_intent(tracker) == "out_of_scope"
            and waiting
            and waiting.group(0).lower() in DAYS
        ):
            waiting = None  # "what's the weather looking like next weekend": a day, no wait
        if latest_intent(tracker) == "out_of_scope" and not (mild_again or waiting or subject):
            # "do you know whether it will rain this afternoon?", "who won the game last nite"
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        if HOW_LONG_IT_LASTS.search(text):  # "how long will that last?" of the bruise
            not_covered_reply(dispatcher, text, subject=subject_named("after_effects_duration"))
        elif subject is not None and ("?" in text or QUESTION_START.match(text)):
            # "could I go swimming while the bumps are still there?", "HOW LONG TILL THE RED
            # GOES AWAY": what the articles don't say, even with the sign named again
            not_covered_reply(dispatcher, text, subject=subject)
        elif (
            AFTERCARE.search(text)
            and not mild_again
            and (
                latest_intent(tracker) != "faq"
                or faq_response(tracker) in (None, *ABOUT_THE_SIGN, PREPARATION)
            )
        ):
            # "ok what should i do for aftercare then", "do i need to put anything on it", "can
            # i go to work tomorrow like this?": what the articles say of the days after
            dispatcher.utter_message(response=RECOVERY_RESPONSE)
        elif mild_again:
            warning_reply(dispatcher, text, "expected")
        elif asks_what_is_not_covered(tracker):  # "can i go to the gym tmrw"
            answer_not_covered(dispatcher, tracker)
        elif (
            latest_intent(tracker) == "faq"
            and (faq_response(tracker) not in ABOUT_THE_SIGN or not waiting)
            and faq_confidence(tracker) >= CLEAR_FAQ_TOPIC
        ):
            # "How long should I wait until the next session?", "what aftercare should I do
            # meanwhile?": new questions, not waiting; a second question answered too
            dispatcher.utter_message(response=faq_response(tracker))
            answer_also_asked(dispatcher, tracker, domain)
        elif asks_contact or waiting:
            advice_again(dispatcher, tracker, with_contact=asks_contact)
        elif not answered_as_anywhere(dispatcher, tracker, domain):
            advice_again(dispatcher, tracker)  # unclear: when to contact the clinic, again
        return []


class ActionWarningReminded(Action):
    """A mark in the conversation: the sign's advice was just given again.

    It says nothing. The rules read the message after it as the message right after the
    sign's own answer, so each new "can I just wait?" is read with the sign, and the first
    new question answered as anywhere ends that.
    """

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_WARNING_REMINDED

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Nothing: the mark is the action itself."""
        return []


class ActionGoodbyeAfterWarning(Action):
    """Goodbye after a warning-sign reply, in the tone of its level.

    After an emergency or urgent sign: "please do it straight away". After mild
    after-effects there is nothing to do straight away: the usual goodbye.
    """

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_GOODBYE_AFTER_WARNING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Send the goodbye that fits the last warning-sign reply."""
        from actions.screening import ActionEndAfterWarning, paused_check

        if paused_check(tracker):  # what the paused check noted, to mention, then goodbye
            return await ActionEndAfterWarning().run(dispatcher, tracker, domain)
        mild = last_warning(tracker) in ("utter_warning_expected", "")
        text = message_text(tracker)
        bare = text.replace("'", "").replace("’", "")
        puts_off = PUTS_OFF.search(text) or PLAYS_DOWN.search(bare) or SLEEP_IT_OFF.search(text)
        if not mild and puts_off and not CALLING_FOR_HELP.search(text):
            # "I'll just sit down for a bit and see how it goes" after chest pain: not a
            # goodbye to wish well, a wait: the advice again
            advice_again(dispatcher, tracker)
            return []
        dispatcher.utter_message(
            response="utter_goodbye" if mild else "utter_goodbye_after_warning"
        )
        return []
