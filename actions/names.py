"""The custom actions' names, in one place.

The actions return them from `name()`, and the Rasa server's code (the tracker store, the
action-server fallback) refers to them.

domain.yml lists the same names; tests/test_actions_dialogue.py checks the two agree.
"""

ACTION_SHOW_CONTACT = "action_show_contact"
ACTION_BOOK_CONSULTATION = "action_book_consultation"
ACTION_FORGET_CONVERSATION = "action_forget_conversation"
ACTION_ASK_AFFIRMATION = "action_default_ask_affirmation"
ACTION_ANSWER_ALSO_ASKED = "action_answer_also_asked"
ACTION_ANSWER_FOLLOW_UP = "action_answer_follow_up"
ACTION_OUT_OF_SCOPE = "action_out_of_scope"
ACTION_WARNING_SIGN = "action_warning_sign"
ACTION_PAUSE_SCREENING = "action_pause_screening"
ACTION_END_AFTER_WARNING = "action_end_after_warning"
ACTION_NOT_COVERED = "action_not_covered"
ACTION_AFTER_EFFECTS_ADVICE = "action_after_effects_advice"
ACTION_WARNING_FOLLOWUP = "action_warning_followup"
ACTION_WARNING_REMINDED = "action_warning_reminded"
ACTION_GOODBYE_AFTER_WARNING = "action_goodbye_after_warning"
ACTION_START_SCREENING = "action_start_screening"
ACTION_ANSWER_FOR_SOMEONE_ELSE = "action_answer_for_someone_else"
ACTION_ANSWER_CONDITION_QUESTION = "action_answer_condition_question"
ACTION_RESUME_SCREENING = "action_resume_screening"
ACTION_CARRY_ON = "action_carry_on"
ACTION_SUMMARISE_SCREENING = "action_summarise_screening"
ACTION_REPEAT_RESULT = "action_repeat_result"
VALIDATE_SCREENING_FORM = "validate_screening_form"
ACTION_START_BOOKING = "action_start_booking"
VALIDATE_BOOKING_FORM = "validate_booking_form"
ACTION_FINISH_BOOKING = "action_finish_booking"
ACTION_PAUSE_BOOKING = "action_pause_booking"
