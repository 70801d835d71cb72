"""The contraindication check: start, ask, understand free text, summarise, stop."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conditions import Extraction, extract
from actions.knowledge import Knowledge, load_knowledge
from actions.settings import source_titles

FORM_NAME = "screening_form"
FINDINGS_SLOT = "screening_findings"
DENIED_SLOT = "screening_denied"
RETRIES_SLOT = "screening_retries"
PARTIAL_SLOT = "screening_partial"
REMAINING_SLOT = "screening_remaining"
ANSWER_INTENTS = {"affirm": "yes", "deny": "no"}
UNANSWERED_VALUES = ("unsure", "declined", "skipped")
RESTART_PATTERN = re.compile(
    r"\b(start (it )?(over|again)|restart|from the (beginning|start))\b", re.I
)
LEVEL_TEXT = {
    "avoid": "the articles say people with this should **avoid** mesotherapy.",
    "consult": "the articles say to **discuss this with a professional first**.",
}


@dataclass
class ScreeningState:
    """What the visitor has told the check so far (mirrors the screening slots)."""

    answers: Dict[str, Optional[str]]
    findings: List[str] = field(default_factory=list)
    denied: List[str] = field(default_factory=list)

    @classmethod
    def from_tracker(cls, tracker: Tracker, knowledge: Knowledge) -> ScreeningState:
        """Read the state from the tracker's slots."""
        return cls(
            answers={slot: tracker.get_slot(slot) for slot in knowledge.groups},
            findings=list(tracker.get_slot(FINDINGS_SLOT) or []),
            denied=list(tracker.get_slot(DENIED_SLOT) or []),
        )

    def undecided(self, knowledge: Knowledge, slot: str) -> List[str]:
        """Conditions of a question's group the visitor has neither confirmed nor denied."""
        return [
            key
            for key in knowledge.groups[slot].conditions
            if key not in self.findings and key not in self.denied
        ]

    def settled(self, knowledge: Knowledge, slot: str) -> bool:
        """Whether the question can be skipped: nothing left that could change its level."""
        undecided = self.undecided(knowledge, slot)
        if not undecided:
            return True
        present = [key for key in knowledge.groups[slot].conditions if key in self.findings]
        if not present:
            return False
        return knowledge.strictest_level(present) == knowledge.strictest_level(
            knowledge.groups[slot].conditions
        )

    def apply(self, extraction: Extraction) -> None:
        """Record the conditions a message confirms or denies."""
        for key in extraction.present:
            if key not in self.findings:
                self.findings.append(key)
            if key in self.denied:
                self.denied.remove(key)
        for key in extraction.absent:
            if key not in self.denied and key not in self.findings:
                self.denied.append(key)

    def settle_groups(self, knowledge: Knowledge) -> Dict[str, str]:
        """Fill every unanswered question that the recorded conditions settle."""
        filled: Dict[str, str] = {}
        for slot in knowledge.groups:
            if self.answers.get(slot) is None and self.settled(knowledge, slot):
                present = any(key in self.findings for key in knowledge.groups[slot].conditions)
                filled[slot] = "yes" if present else "no"
                self.answers[slot] = filled[slot]
        return filled

    def slot_events(self) -> Dict[str, Any]:
        """The findings and denials as slot values."""
        return {FINDINGS_SLOT: list(self.findings), DENIED_SLOT: list(self.denied)}


def message_text(tracker: Tracker) -> str:
    """The latest user message's text, or '' for a button payload such as "/affirm"."""
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("/") else text


def latest_intent(tracker: Tracker) -> str:
    """The latest user message's intent name."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def faq_response(tracker: Tracker) -> Optional[str]:
    """The retrieval response (e.g. "utter_faq/pain") chosen for the latest message."""
    selector = (tracker.latest_message or {}).get("response_selector") or {}
    for key in ("faq", "default"):
        response = (selector.get(key) or {}).get("response") or {}
        name = response.get("utter_action")
        if name:
            return str(name)
    return None


def source_line(source_ids: Iterable[str]) -> str:
    """The article titles for a list of source ids, quoted and joined."""
    titles = source_titles()
    return "; ".join(f'"{titles[sid]}"' for sid in sorted(set(source_ids)) if sid in titles)


def reset_events(knowledge: Knowledge) -> List[EventType]:
    """Slot events that clear every answer of the check."""
    events: List[EventType] = [SlotSet(slot, None) for slot in knowledge.groups]
    events += [SlotSet(FINDINGS_SLOT, []), SlotSet(DENIED_SLOT, []), SlotSet(RETRIES_SLOT, 0)]
    events += [SlotSet(PARTIAL_SLOT, False), SlotSet(REMAINING_SLOT, None)]  # whole question
    return events


def noted_summary(state: ScreeningState, knowledge: Knowledge) -> str:
    """Plain words for what a message already told the check."""
    parts = [knowledge.conditions[key].label for key in state.findings]
    parts += [f"no {knowledge.conditions[key].label}" for key in state.denied]
    return ", ".join(parts)


def next_question_wording(state: ScreeningState, knowledge: Knowledge) -> Dict[str, Any]:
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


class ActionStartScreening(Action):
    """Start (or restart) the check, keeping what the opening message already says."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return "action_start_screening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Reset the check and record conditions named in the opening message."""
        knowledge = load_knowledge()
        state = ScreeningState(answers={slot: None for slot in knowledge.groups})
        state.apply(extract(message_text(tracker)))
        events = reset_events(knowledge)
        events += [SlotSet(slot, value) for slot, value in state.settle_groups(knowledge).items()]
        events += [SlotSet(slot, value) for slot, value in state.slot_events().items()]
        wording = next_question_wording(state, knowledge)
        events += [SlotSet(slot, value) for slot, value in wording.items()]
        dispatcher.utter_message(response="utter_screening_intro")
        if state.findings or state.denied:
            dispatcher.utter_message(
                response="utter_screening_already_known", noted=noted_summary(state, knowledge)
            )
        return events


class ValidateScreeningForm(FormValidationAction):
    """Understand each answer of the check: yes/no, free text, FAQs, or nothing usable."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return "validate_screening_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Validate the latest answer; when the form activates, word its first question."""
        events = await super().run(dispatcher, tracker, domain)
        activating = tracker.get_slot("requested_slot") is None
        if activating and not any(event.get("event") == "slot" for event in events):
            # Rasa validates when the form activates and, when that call sets no slot, calls
            # again in the same turn (FormAction.do). The first question's wording is what
            # this call can set (what action_start_screening set): one call instead of two.
            knowledge = load_knowledge()
            wording = next_question_wording(
                ScreeningState.from_tracker(tracker, knowledge), knowledge
            )
            events += [SlotSet(slot, value) for slot, value in wording.items()]
        return events

    async def validate_screen_pregnancy(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Understand the answer about pregnancy and breastfeeding."""
        return self.interpret(dispatcher, tracker, "screen_pregnancy", value)

    async def validate_screen_chronic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Understand the answer about cancer, diabetes and heart disorders."""
        return self.interpret(dispatcher, tracker, "screen_chronic", value)

    async def validate_screen_bleeding(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Understand the answer about clotting, bruising and blood thinners."""
        return self.interpret(dispatcher, tracker, "screen_bleeding", value)

    async def validate_screen_skin(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Understand the answer about eczema, psoriasis and skin sensitivity."""
        return self.interpret(dispatcher, tracker, "screen_skin", value)

    async def validate_screen_pain(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Understand the answer about pain tolerance."""
        return self.interpret(dispatcher, tracker, "screen_pain", value)

    def interpret(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, value: Any
    ) -> Dict[str, Any]:
        """Slot updates for the latest answer to the question `slot`."""
        if value is None or tracker.get_slot("requested_slot") != slot:
            return {}  # not an answer to this question (e.g. slots reset at activation)
        knowledge = load_knowledge()
        state = ScreeningState.from_tracker(tracker, knowledge)
        state.answers[slot] = None
        text = message_text(tracker)
        if RESTART_PATTERN.search(text):
            dispatcher.utter_message(response="utter_screening_restarted")
            return {event["name"]: event["value"] for event in reset_events(knowledge)}
        extraction = extract(text)
        answer = extraction.answer or (None if text else ANSWER_INTENTS.get(latest_intent(tracker)))
        state.apply(extraction)
        if answer == "yes" and slot not in state.findings and state.undecided(knowledge, slot):
            if not any(key in state.findings for key in knowledge.groups[slot].conditions):
                state.findings.append(slot)  # "yes" to the question as a whole
        elif answer == "no":
            state.denied.extend(state.undecided(knowledge, slot))
        updates: Dict[str, Any] = {}
        updates.update(state.settle_groups(knowledge))
        if state.answers[slot] is None:
            updates.update(self.unsettled(dispatcher, tracker, slot, answer, extraction))
        if updates.get(slot) is not None:
            updates[RETRIES_SLOT] = 0
        updates.update(state.slot_events())
        state.answers.update({key: updates[key] for key in knowledge.groups if key in updates})
        updates.update(next_question_wording(state, knowledge))
        return updates

    def unsettled(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str,
        answer: Optional[str],
        extraction: Extraction,
    ) -> Dict[str, Any]:
        """Updates when the answer did not settle the question."""
        if answer in ("yes", "unsure", "declined"):
            return {slot: answer}
        if extraction.mentions:
            return {slot: None}  # part of the question answered: ask the rest
        response = faq_response(tracker) if latest_intent(tracker) == "faq" else None
        if response:
            dispatcher.utter_message(response=response)
            return {slot: None}
        if not tracker.get_slot(RETRIES_SLOT):
            dispatcher.utter_message(response="utter_screening_help")
            return {slot: None, RETRIES_SLOT: 1}
        dispatcher.utter_message(response="utter_screening_skipped")
        return {slot: "skipped", RETRIES_SLOT: 0}


class ActionSummariseScreening(Action):
    """Give the result of the check: each finding with its level and source."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return "action_summarise_screening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Send the result, the disclaimer and the booking offer."""
        knowledge = load_knowledge()
        state = ScreeningState.from_tracker(tracker, knowledge)
        findings = [self.describe(knowledge, key) for key in state.findings]
        levels = {finding["level"] for finding in findings}
        if "avoid" in levels:
            dispatcher.utter_message(response="utter_screening_result_avoid")
        elif "consult" in levels:
            dispatcher.utter_message(response="utter_screening_result_consult")
        else:
            dispatcher.utter_message(response="utter_screening_result_clear")
        for finding in findings:
            dispatcher.utter_message(response="utter_screening_finding", **finding["vars"])
        unanswered = [
            knowledge.groups[slot].label
            for slot, value in state.answers.items()
            if value in UNANSWERED_VALUES
        ]
        if unanswered:
            dispatcher.utter_message(
                response="utter_screening_unanswered", topics=", ".join(unanswered)
            )
        dispatcher.utter_message(response="utter_screening_disclaimer")
        dispatcher.utter_message(response="utter_offer_booking")
        return []

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


class ActionStopScreening(Action):
    """Stop the check at the visitor's request and drop its answers."""

    def name(self) -> str:
        """Name of the action in the domain."""
        return "action_stop_screening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Deactivate the form and clear the answers."""
        dispatcher.utter_message(response="utter_screening_stopped")
        events: List[EventType] = [ActiveLoop(None), SlotSet("requested_slot", None)]
        return events + reset_events(load_knowledge())
