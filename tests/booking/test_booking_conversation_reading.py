"""Reading a booking request's details: phone numbers, e-mail addresses, days and names."""

from __future__ import annotations

from datetime import datetime

import pytest

from actions.booking.reading import find_email, find_name, find_phone, no_preference, read_time

TUESDAY = datetime(2026, 12, 1, 10, 0)  # Tuesday 1 December 2026


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("can someone call me back on 07700 900123", "+447700900123"),
        ("my number's +44 7700 900123", "+447700900123"),
        ("07700-900-123", "+447700900123"),
        ("ring me on 020 7946 0018 thanks", "+442079460018"),
    ],
)
def test_numbers_are_read_in_the_clinics_country(text: str, e164: str) -> None:
    reading = find_phone(text, "GB")
    assert reading is not None and reading.e164 == e164 and reading.problem is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("my number is 07700 90012", "too short"),
        ("0770 090012", "too short"),
        ("0770090012345", "too long"),
    ],
)
def test_a_number_of_the_wrong_length_says_what_is_wrong(text: str, problem: str) -> None:
    reading = find_phone(text, "GB")
    assert reading is not None and reading.e164 is None
    assert problem in (reading.problem or "")


def test_dates_are_not_read_as_numbers() -> None:
    assert find_phone("4/12", "GB") is None
    assert find_phone("thursday afternoon", "GB") is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("anna@gmail", "missing its ending"),
        ("my email is anna@", "nothing after the @"),
        ("anna.smith.gmail.com", "no @"),
    ],
)
def test_email_typos_say_what_is_wrong(text: str, problem: str) -> None:
    reading = find_email(text)
    assert reading is not None and reading.address is None
    assert problem in (reading.problem or "")


def test_a_complete_email_is_normalised() -> None:
    reading = find_email("it's Anna.Smith@Example.co.uk please")
    assert reading is not None and reading.address == "Anna.Smith@example.co.uk"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("thursday afternoon if possible", "Thursday 3 December, afternoon"),
        ("Thursday", "Thursday 3 December"),
        ("thurs am", "Thursday 3 December, morning"),
        ("tomorrow at 3pm", "Wednesday 2 December, 3pm"),
        ("4 December", "Friday 4 December"),
        ("4/12", "Friday 4 December"),  # day first in the UK
        ("change the time to friday", "Friday 4 December"),
        ("I'm free on wednesday after lunch", "Wednesday 2 December, afternoon"),
        ("Monday 7 December around 2pm please", "Monday 7 December, around 2pm"),
        ("1 december", "today (Tuesday 1 December)"),
        (
            "call me back on 07700 900123? thursday afternoon if possible",
            "Thursday 3 December, afternoon",
        ),
    ],
)
def test_a_day_is_confirmed_back_as_a_date(text: str, words: str) -> None:
    reading = read_time(text, TUESDAY)
    assert reading is not None and reading.words == words and reading.date is not None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("after 5 on weekdays", "after 5 on weekdays"),
        ("next friday morning", "next friday morning"),  # this week's or next week's?
        ("Friday 3 December", "Friday 3 December"),  # the 3rd is a Thursday: no guess
        ("thursday or friday afternoon", "thursday or friday afternoon"),
        ("call me on 07700 900123 after 5 on weekdays", "after 5 on weekdays"),
    ],
)
def test_a_day_that_could_be_guessed_wrong_is_kept_in_the_visitors_words(
    text: str, words: str
) -> None:
    reading = read_time(text, TUESDAY)
    assert reading is not None and reading.words == words and reading.date is None


def test_the_month_first_order_reads_american_dates() -> None:
    reading = read_time("12/4", TUESDAY, "MDY")
    assert reading is not None and reading.words == "Friday 4 December"


def test_no_time_words_is_no_time() -> None:
    assert read_time("Anna Smith", TUESDAY) is None
    assert read_time("just book it for me", TUESDAY) is None
    assert no_preference("any time is fine") and no_preference("no preference")


@pytest.mark.parametrize(
    ("text", "asked", "name"),
    [
        ("my name is Anna Smith", False, "Anna Smith"),
        ("Hi I'm Sarah, can someone call me back", False, "Sarah"),
        ("anna", True, "Anna"),
        ("it's Jo", True, "Jo"),
        ("i'm free on thursday", False, None),
        ("I'm pregnant", False, None),
        ("what do you need it for?", True, None),
        ("yes", True, None),
        ("call me back on 07700 900123", False, None),
    ],
)
def test_names(text: str, asked: bool, name: str | None) -> None:
    assert find_name(text, asked) == name
