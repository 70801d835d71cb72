"""FAQ turns that need an action: "Did you mean...?" and the second of two questions.

"Did you mean...?" answers a message of low confidence; the second answer follows the first
when a message asks two FAQ questions at once.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.clinic import clinic_template_vars
from actions.knowledge import load_knowledge
from actions.names import (
    ACTION_ANSWER_ALSO_ASKED,
    ACTION_ANSWER_FOLLOW_UP,
    ACTION_ASK_AFFIRMATION,
    ACTION_OUT_OF_SCOPE,
)
from actions.safety import (
    SIDE_EFFECTS_RESPONSE,
    advice_again,
    not_covered_reply,
    played_down_lately,
    previous_message,
)
from actions.turns import (
    faq_response,
    message_entity,
    message_text,
    previous_faq,
    responses_just_before,
    responses_this_turn,
)
from meso_nlu.classifier import ALSO_ASKED_QUESTION, also_asked_lines
from meso_nlu.not_covered import subject_named, subject_of
from meso_nlu.safety import (
    AFTER_VALUE,
    AREA_FOLLOW_UP,
    COMPARING_VALUE,
    ESTIMATE_VALUE,
    FOLLOW_UP_ENTITY,
    LASTING_VALUE,
    MORE_VALUE,
    OTHER_SIDE_VALUE,
    REACTION_ONLY,
    REPEAT_VALUE,
    SAME_FOR,
    SAME_FOR_VALUE,
    UNCLEAR_FOLLOW_UP,
    side_meant,
)

# Dialogue intents worth suggesting, with their button title. Others (greet, affirm, ...)
# are never offered: "Did you mean 'yes'?" helps nobody.
SUGGESTABLE_INTENTS: Dict[str, str] = {
    "check_eligibility": "Is it suitable for me?",
    "book_consultation": "Book a consultation",
    "human_handoff": "Talk to a person",
}
SOMETHING_ELSE = {"title": "Something else", "payload": "/out_of_scope"}
MAX_SUGGESTIONS = 2


def response_metadata(variations: List[Dict[str, Any]]) -> Dict[str, Any]:
    """An FAQ answer's metadata (title, canonical question, sources): its first variation's."""
    return (variations[0].get("metadata") or {}) if variations else {}


def faq_button(domain: DomainDict, response_key: str) -> Optional[Dict[str, str]]:
    """A button for an FAQ topic: its title and a question the model knows, from metadata."""
    metadata = response_metadata((domain.get("responses") or {}).get(f"utter_{response_key}") or [])
    if not metadata.get("title") or not metadata.get("question"):
        return None
    return {"title": str(metadata["title"]), "payload": str(metadata["question"])}


def ranked_candidates(parse: Dict[str, Any]) -> List[Tuple[float, str]]:
    """(score, key) for each intent or FAQ topic, best first; FAQ keys look like faq/pain."""
    candidates: List[Tuple[float, str]] = []
    for ranked in parse.get("intent_ranking") or []:
        intent, confidence = ranked.get("name"), float(ranked.get("confidence") or 0.0)
        if intent == "faq":
            selector = (parse.get("response_selector") or {}).get("faq") or {}
            for topic in selector.get("ranking") or []:
                key = topic.get("intent_response_key")
                if key:
                    candidates.append((confidence * float(topic.get("confidence") or 0.0), key))
        elif intent in SUGGESTABLE_INTENTS:
            candidates.append((confidence, intent))
    return sorted(candidates, key=lambda item: item[0], reverse=True)


def suggestion_buttons(parse: Dict[str, Any], domain: DomainDict) -> List[Dict[str, str]]:
    """Buttons for the most likely topics, at most MAX_SUGGESTIONS."""
    buttons: List[Dict[str, str]] = []
    for _, key in ranked_candidates(parse):
        if key in SUGGESTABLE_INTENTS:
            button: Optional[Dict[str, str]] = {
                "title": SUGGESTABLE_INTENTS[key],
                "payload": f"/{key}",
            }
        else:
            button = faq_button(domain, key)
        if button and button not in buttons:
            buttons.append(button)
        if len(buttons) == MAX_SUGGESTIONS:
            break
    return buttons


class ActionDefaultAskAffirmation(Action):
    """Ask "Did you mean...?" with buttons for the two most likely topics."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_ASK_AFFIRMATION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Offer the likely topics, or ask to rephrase when there are none.

        Shortly after an emergency or urgent sign, an unclear message that plays it down or
        asks whether it can wait ("can you just tell me if it's normal, I don't want to
        bother the clinic") gets that sign's advice again instead.
        """
        if played_down_lately(tracker):
            advice_again(dispatcher, tracker)
            return []
        buttons = suggestion_buttons(tracker.latest_message or {}, domain)
        if not buttons:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons + [SOMETHING_ELSE])
        return []


def faq_response_for_question(domain: DomainDict, question: str) -> Optional[str]:
    """The FAQ response whose canonical question (its metadata) is `question`, if any."""
    for name, variations in (domain.get("responses") or {}).items():
        if (
            name.startswith("utter_faq/")
            and response_metadata(variations).get("question") == question
        ):
            return str(name)
    return None


def also_asked_responses(
    domain: Optional[DomainDict], tracker: Tracker, first: Optional[str]
) -> Tuple[str, ...]:
    """The responses to the latest message's other FAQ questions, once each, not `first`."""
    if not domain:
        return ()
    questions = also_asked_lines(message_entity(tracker, ALSO_ASKED_QUESTION))
    found = [faq_response_for_question(domain, question) for question in questions]
    return tuple(dict.fromkeys(r for r in found if r and r != first))


class ActionAnswerAlsoAsked(Action):
    """The answer to a message's second FAQ question ("is it like fillers and how much is it?").

    The classifier (meso_nlu/classifier.py) names the second topic's canonical question in
    the slot `also_asked_question`; the first topic's answer has just been given.
    """

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_ANSWER_ALSO_ASKED

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Send the second topic's answer; offer it as a button when it cannot be found."""
        questions = also_asked_lines(tracker.get_slot("also_asked_question"))
        titles = also_asked_lines(tracker.get_slot("also_asked_title"))
        sent = responses_this_turn(tracker)
        for number, question in enumerate(questions):
            response = faq_response_for_question(domain, question)
            if response in sent:  # already answered in this turn
                continue
            if response:
                dispatcher.utter_message(response=response)
            else:  # offered as a button
                title = titles[number] if number < len(titles) else question
                dispatcher.utter_message(
                    response="utter_also_asked",
                    also_asked_title=title,
                    also_asked_question=question,
                )
        return []


# The answers that compare mesotherapy with another treatment ("which one ...?" follows them).
COMPARISONS = frozenset({"utter_faq/vs_fillers", "utter_faq/vs_liposuction"})
# What mesotherapy does, by area: a follow-up naming another area ("and the face?" after the
# cellulite answer) is about what it does there.
AREAS = {
    "utter_faq/benefits": re.compile(r"\b(face|facial|wrinkles?|cheeks?|forehead)\b", re.I),
    "utter_faq/hair_loss": re.compile(r"\b(hair|scalp|bald\w*|hairline)\b", re.I),
    "utter_faq/cellulite_fat": re.compile(
        r"\b(body|cellulite|fat|tummy|belly|stomach|thighs?|hips?|arms?|love handles)\b",
        re.I,
    ),
}
# Answers an area asked alone leans on ("and for my belly?" after the sessions: how many there)
PER_AREA_TOPICS = frozenset({"utter_faq/sessions", "utter_faq/cost", "utter_faq/pain"})
# "before" in a question, to ask it again of after ("the night before" -> "the night after")
BEFORE_WORDS = re.compile(r"\b(before|beforehand|prior to|ahead of|in advance)\b", re.I)
# How likely, at least, the topic before must still be for a follow-up to be read with it.
FOLLOW_UP_MIN_CONFIDENCE = 0.1


AFTER_EFFECTS_DURATION = "after_effects_duration"  # knowledge/not_covered.yml


def after_side_effects(tracker: Tracker) -> bool:
    """Whether the answer just before listed side effects or told of after-effects."""
    return any(
        name == SIDE_EFFECTS_RESPONSE or name.startswith("utter_warning_")
        for name in responses_just_before(tracker)
    )


# The answer for each side of a session, when the visitor corrects before/after
SIDES = {"before": "utter_faq/preparation", "after": "utter_faq/recovery"}


def follow_up_response(tracker: Tracker) -> Optional[str]:
    """The FAQ answer for a follow-up: the topic before when it is still a likely one."""
    chosen = faq_response(tracker)
    reading = message_entity(tracker, FOLLOW_UP_ENTITY)  # how the router read the follow-up
    if reading == UNCLEAR_FOLLOW_UP:
        chosen = None  # the classifier was unsure of any topic: only the topic before answers
    before = previous_faq(tracker)
    if reading == MORE_VALUE:
        return before  # "tell me more" after an answer: that answer (no answer: None)
    if reading == REPEAT_VALUE and not before:
        # "can you say that again?" with no answer just before: rephrase; "could you tell me,
        # in plain terms, how mesotherapy works?": a question of its own, in plain words
        return chosen if faq_confidence(tracker) >= REPEAT_OWN_QUESTION_CONFIDENCE else None
    if reading == OTHER_SIDE_VALUE:
        # "what do you do after?", then "not after - BEFORE": the preparation, and the other
        # way round (another answer before: that answer again)
        side = side_meant(message_text(tracker))
        return SIDES.get(side or "", before) if before in SIDES.values() else before or chosen
    if not before or before == chosen:
        return chosen
    named = [topic for topic, words in AREAS.items() if words.search(message_text(tracker))]
    if before in AREAS and len(named) == 1 and named[0] != before:
        # "does it work on cellulite?" then "and the face?": what it does for the face
        return named[0]
    text = message_text(tracker)
    if (
        reading == SAME_FOR_VALUE
        and AREA_FOLLOW_UP.match(text)
        and not SAME_FOR.search(text)
        and before not in PER_AREA_TOPICS
    ):
        # "and for the belly?" after how long results last: whether it works there (the
        # classifier's topic); after the sessions, the cost or the pain, that answer again
        return chosen
    if reading in (ESTIMATE_VALUE, REPEAT_VALUE, SAME_FOR_VALUE):
        # "just give me a number" after the cost answer, "can you say that again?", "is that
        # the same for the body?" (the articles tell no area apart there): that answer again
        return before
    if reading == COMPARING_VALUE:
        # "Which one has the longer recovery?" right after a comparison: the comparison
        return before if before in COMPARISONS else chosen
    selector = ((tracker.latest_message or {}).get("response_selector") or {}).get("faq") or {}
    for ranked in selector.get("ranking") or []:
        key = f"utter_{ranked.get('intent_response_key')}"
        if key == before and float(ranked.get("confidence") or 0) >= FOLLOW_UP_MIN_CONFIDENCE:
            return before
    return chosen


# How sure the classifier must be of a topic for "in plain terms, how does it work?" with no
# answer before to be that topic's question (not "say that again").
REPEAT_OWN_QUESTION_CONFIDENCE = 0.8


def faq_confidence(tracker: Tracker) -> float:
    """The response selector's confidence in its FAQ topic for the latest message."""
    selector = ((tracker.latest_message or {}).get("response_selector") or {}).get("faq") or {}
    return float((selector.get("response") or {}).get("confidence") or 0.0)


class ActionAnswerFollowUp(Action):
    """Answer a follow-up of an unsure topic with the topic before, when it fits.

    "what's in the injections?" then "and is that picked for each person?": the classifier
    is unsure of the second alone (it leans on the first); if the first topic is still a
    likely one, its answer is given again, else the classifier's best topic.
    """

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_ANSWER_FOLLOW_UP

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Send the chosen FAQ answer (or ask to rephrase when there is none)."""
        if message_entity(tracker, FOLLOW_UP_ENTITY) == LASTING_VALUE and after_side_effects(
            tracker
        ):
            # "how many days does that usually last?": the articles don't say
            not_covered_reply(
                dispatcher, message_text(tracker), subject=subject_named(AFTER_EFFECTS_DURATION)
            )
            return []
        if message_entity(tracker, FOLLOW_UP_ENTITY) == AFTER_VALUE:
            # "can i drink the night before" then "and after?": the question asked again of the
            # days after; what the articles don't cover is said so
            asked_after = BEFORE_WORDS.sub("after", previous_message(tracker))
            subject = subject_of(asked_after) if asked_after.strip() else None
            if subject is not None:
                not_covered_reply(dispatcher, asked_after, subject=subject)
                return []
        if message_entity(tracker, FOLLOW_UP_ENTITY) in (REPEAT_VALUE, MORE_VALUE) and not (
            previous_faq(tracker)
        ):
            # "are you sure?", "which article says that?" after what the articles say of a
            # condition: that answer again, with its source
            from actions.screening import condition_answered_before, condition_info

            knowledge = load_knowledge()
            answered = condition_answered_before(tracker, knowledge)
            if answered:
                condition_info(dispatcher, knowledge, answered)
                return []
        response = follow_up_response(tracker)
        if message_entity(tracker, FOLLOW_UP_ENTITY) == MORE_VALUE:
            more_of_the_answer(dispatcher, response)
            return []
        if response and message_entity(tracker, "greeted"):
            dispatcher.utter_message(response="utter_hello")  # "Good afternoon. In plain terms"
        dispatcher.utter_message(response=response or "utter_ask_rephrase")
        return []


def more_of_the_answer(dispatcher: CollectingDispatcher, answer: Optional[str]) -> None:
    """More of an FAQ answer, asked for: that answer again, saying the articles say no more.

    With no answer just before ("tell me more" out of the blue): what else to tell.
    """
    if answer is None:
        dispatcher.utter_message(response="utter_anything_else")
        return
    dispatcher.utter_message(response="utter_all_the_articles_say", **clinic_template_vars())
    dispatcher.utter_message(response=answer)


class ActionOutOfScope(Action):
    """An off-topic message; a turn or two after a serious sign, read with that sign.

    "shes refusing to go to the doctor, what do i tell her" two messages after a mother's
    fever gets "please don't wait" again, not "I can only help with mesotherapy".
    """

    def name(self) -> str:
        """Name of the action in the domain."""
        return ACTION_OUT_OF_SCOPE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """The sign's advice again, or the out-of-scope answer."""
        if played_down_lately(tracker):
            advice_again(dispatcher, tracker)
        elif REACTION_ONLY.match(message_text(tracker)):
            # "lol ok", "omg really?" after an answer: no "I can only help with mesotherapy"
            dispatcher.utter_message(response="utter_anything_else")
        else:
            dispatcher.utter_message(response="utter_out_of_scope")
        return []
