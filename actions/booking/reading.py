"""What a visitor's message says for a booking request: contact details, a day and time, a name.

Pure functions, no Rasa: the form's validation (actions/booking/form.py) calls them on every
message, whichever question is open, so a number or a day given early or as a correction
("no, my number is ...", "change the time to friday") is read wherever it comes.

- Phone numbers: `phonenumbers` (Google's libphonenumber) in the clinic's country
  (`country` in clinic.yml, default GB), normalised to E.164. A number of the wrong length
  for that country is refused with what is wrong ("too short").
- E-mail addresses: `email-validator` without DNS look-ups (no network in a turn); the
  library's reason is given ("no domain after the @").
- Days and times: our patterns only *find* the words that name a day ("thursday", "4
  December", "tomorrow") and a part of the day ("afternoon", "3pm"); `dateparser` turns the
  day into a date. A date is only given back when it can't be wrong: the weekday the visitor
  named must be the date's weekday, and it must lie within the next six months; anything
  else ("after 5 on weekdays", "next friday") is kept in the visitor's own words
  (docs/decisions/0008-booking-conversation.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import List, Optional, Tuple

import dateparser
import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

# --- contact details ---------------------------------------------------------------------

# Something that looks like a phone number: 5 digits or more, with the usual separators.
NUMBER_LIKE = re.compile(r"(?<![\w@.])\+?\(?\d[\d\s().-]{3,}\d(?![\w@])")
EMAIL_LIKE = re.compile(r"[^\s,;:<>()\[\]\"']*@[^\s,;:<>()\[\]\"']*")
# An address typed without the @ ("anna.smith.gmail.com", "anna at gmail dot com").
EMAIL_WITHOUT_AT = re.compile(
    r"\b[\w.+-]+(\s+at\s+|\.)(gmail|googlemail|hotmail|outlook|yahoo|icloud|live|aol|"
    r"proton(mail)?|btinternet|sky)\b",
    re.I,
)


@dataclass(frozen=True)
class PhoneReading:
    """A phone number found in a message: E.164 when it is usable, else what is wrong."""

    raw: str
    e164: Optional[str] = None
    problem: Optional[str] = None


@dataclass(frozen=True)
class EmailReading:
    """An e-mail address found in a message: normalised when usable, else what is wrong."""

    raw: str
    address: Optional[str] = None
    problem: Optional[str] = None


def expected_length(region: str, national: str) -> Optional[int]:
    """How many digits a national number like this one has in `region` (mobile or landline)."""
    mobile = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    fixed = phonenumbers.example_number_for_type(region, PhoneNumberType.FIXED_LINE)
    for example in (mobile, fixed):
        if example is None:
            continue
        digits = phonenumbers.national_significant_number(example)
        if digits[:1] == national[:1]:
            return len(digits)
    example = fixed or mobile
    return len(phonenumbers.national_significant_number(example)) if example else None


def check_phone(raw: str, region: str) -> PhoneReading:
    """Read one number written in `region`'s format (or international with +)."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return PhoneReading(raw, problem="it doesn't look like a phone number")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.is_valid_number(number):
        return PhoneReading(raw, e164=e164)
    national = phonenumbers.national_significant_number(number)
    number_region = phonenumbers.region_code_for_country_code(number.country_code or 0)
    expected = expected_length(number_region if number_region != "ZZ" else region, national)
    if expected and len(national) < expected:
        return PhoneReading(raw, problem="it seems too short (a digit may be missing)")
    if expected and len(national) > expected:
        return PhoneReading(raw, problem="it seems too long (a digit may be doubled)")
    if phonenumbers.is_possible_number(number):
        # the right length for the country but not an allocated range (e.g. Ofcom's numbers
        # for drama, 07700 900xxx): kept, the team will see it as written
        return PhoneReading(raw, e164=e164)
    return PhoneReading(raw, problem="it doesn't look like a phone number from here")


def find_phone(text: str, region: str) -> Optional[PhoneReading]:
    """The phone number in a message (the last one given), or what is wrong with it."""
    found = [
        check_phone(match.raw_string, region)
        for match in PhoneNumberMatcher(text, region, leniency=Leniency.POSSIBLE)
    ]
    usable = [reading for reading in found if reading.e164]
    if usable:
        return usable[-1]
    candidates = [m.group(0).strip() for m in NUMBER_LIKE.finditer(text)]
    candidates = [c for c in candidates if len(re.sub(r"\D", "", c)) >= 5 and not is_date(c)]
    if candidates:
        return check_phone(candidates[-1], region)
    return found[-1] if found else None


def is_date(text: str) -> bool:
    """Whether digits are a date rather than a number ("4/12", "4.12.2026")."""
    return bool(re.fullmatch(r"\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?", text.strip()))


EMAIL_PROBLEMS = (
    (re.compile(r"must have an @-sign", re.I), "it has no @"),
    (
        re.compile(r"after the @-sign is not valid. It should have a period", re.I),
        "the part after the @ is missing its ending (like .com or .co.uk)",
    ),
    (re.compile(r"something after the @-sign", re.I), "there is nothing after the @"),
    (re.compile(r"something before the @-sign", re.I), "there is nothing before the @"),
)


def check_email(raw: str) -> EmailReading:
    """Read one e-mail address, syntax only (no DNS look-up in a conversation turn)."""
    candidate = raw.strip().strip(".!?")
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError as error:
        reason = str(error)
        for pattern, plain in EMAIL_PROBLEMS:
            if pattern.search(reason):
                return EmailReading(raw, problem=plain)
        return EmailReading(raw, problem="it doesn't look like a complete e-mail address")
    return EmailReading(raw, address=result.normalized)


def find_email(text: str) -> Optional[EmailReading]:
    """The e-mail address in a message (the last one given), or what is wrong with it."""
    found = [check_email(m.group(0)) for m in EMAIL_LIKE.finditer(text) if m.group(0) != "@"]
    usable = [reading for reading in found if reading.address]
    if usable:
        return usable[-1]
    if found:
        return found[-1]
    missing_at = EMAIL_WITHOUT_AT.search(text)
    if missing_at:
        return EmailReading(missing_at.group(0), problem="it has no @")
    return None


# --- days and times ------------------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_WORDS = {
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "weds": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
    **{day: day for day in WEEKDAYS},
}
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
WEEKDAY = re.compile(
    r"\b(?P<modifier>this|coming|next|on)?\s*(?P<day>"
    + "|".join(sorted(WEEKDAY_WORDS, key=len, reverse=True))
    + r")\b(?!\s*week)",
    re.I,
)
RELATIVE_DAY = re.compile(r"\b(the day after tomorrow|day after tomorrow|tomorrow|today)\b", re.I)
DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({MONTHS})\b|"
    rf"\b({MONTHS})\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\b|"
    r"\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b|"
    r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b",
    re.I,
)
# Parts of the day, in the order they are looked for: phrase -> how it is said back.
PARTS_OF_DAY: Tuple[Tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(first thing|early (in the )?morning)\b", re.I), "early morning"),
    (re.compile(r"\b(after lunch)\b", re.I), "afternoon"),
    (re.compile(r"\b(lunch ?time|lunch|midday|noon)\b", re.I), "lunchtime"),
    (re.compile(r"\b(late afternoon)\b", re.I), "late afternoon"),
    (re.compile(r"\b(mornings?|am)\b", re.I), "morning"),
    (re.compile(r"\b(afternoons?|pm)\b", re.I), "afternoon"),
    (re.compile(r"\b(evenings?|tonight)\b", re.I), "evening"),
    (re.compile(r"\b(after work)\b", re.I), "after work"),
)
CLOCK = re.compile(
    r"\b(?P<prep>at|around|about|by|after|before|from)?\s*"
    r"(?P<hour>\d{1,2})(?:[:.](?P<minutes>\d{2}))?\s*(?P<suffix>am|pm|a\.m\.|p\.m\.|o'?clock)\b|"
    r"\b(?P<prep2>at|around|about|after|before|from)\s+(?P<hour2>\d{1,2})(?:[:.](?P<minutes2>\d{2}))?"
    r"\b(?!\s*(?:st|nd|rd|th|/|of|" + MONTHS + r")\b)",
    re.I,
)
NO_PREFERENCE = re.compile(
    r"\b(no preference|any ?time|whenever|any day|flexible|doesn'?t matter|does not matter|"
    r"don'?t mind|do not mind|not fussed|no particular|skip( it| this| that)?|not sure yet|"
    r"whatever suits|whatever works|up to (you|them)|either is fine|any is fine)\b",
    re.I,
)
# Words that say the message is about when (kept in the visitor's words when no date is read).
TIME_WORDS = re.compile(
    rf"\b(weekdays?|weekends?|week|mornings?|afternoons?|evenings?|lunch\w*|noon|midday|"
    rf"tonight|today|tomorrow|asap|as soon as possible|soon|after work|before work|"
    rf"{'|'.join(WEEKDAY_WORDS)}|{MONTHS}|\d{{1,2}}\s*(am|pm)|o'?clock)\b|\b(at|after|before|"
    r"around|from|by)\s+\d{1,2}\b",
    re.I,
)
FILLER = re.compile(
    r"^\s*((can|could) (someone|you|the team) |please )?(call|ring|phone|contact|e-?mail) me"
    r"( back)?( on| at)?\s*|"
    r"^\s*(ideally|preferably|maybe|probably|i'?d prefer|i would prefer|i prefer|i'?m free|"
    r"i am free|it would be|would be|how about|what about|could (it|we) be|can (it|we) be|"
    r"(please )?(change|move) (the )?(time|day|date|it) to|change it|make it|actually|"
    r"no,?|sorry,?|ok,?|okay,?|well,?|um+,?|er+,?|instead,?)\s*|"
    r"\s*(if possible|if that'?s ok(ay)?|if you can|please|pls|thanks|thank you|instead|"
    r"would be (great|good|best|ideal|perfect)|works( best)?( for me)?|suits me|is best|"
    r"is good|is better|ideally|preferably|[.!?]+)\s*$",
    re.I,
)
MAX_KEPT_WORDS = 80
# Other words about when, left after the day and part of the day are read: then the whole
# message is kept in the visitor's words ("thursday or friday afternoon").
OTHER_WHEN = re.compile(
    rf"\b(weekdays?|weekends?|week|today|tomorrow|tonight|{'|'.join(WEEKDAY_WORDS)}|or|"
    r"except|not|until|till|between)\b|\d",
    re.I,
)


@dataclass(frozen=True)
class TimeReading:
    """A preferred day and time: `words` is what is said back and stored."""

    words: str
    date: Optional[datetime] = None  # set only when a single calendar day was read
    has_day: bool = False  # a day was named (a date, a weekday, "weekdays"...)


def format_day(day: datetime, now: datetime) -> str:
    """A date in plain words: "Thursday 4 December" (with the year when it is not this one)."""
    words = f"{day:%A} {day.day} {day:%B}"
    return f"{words} {day.year}" if day.year != now.year else words


def part_of_day(text: str) -> Optional[str]:
    """The part of the day or the clock time named ("afternoon", "3pm", "after 5")."""
    clock = CLOCK.search(text)
    if clock:
        prep = (clock.group("prep") or clock.group("prep2") or "").lower()
        hour = clock.group("hour") or clock.group("hour2")
        minutes = clock.group("minutes") or clock.group("minutes2")
        suffix = (clock.group("suffix") or "").lower().replace(".", "")
        if int(hour) <= 24 and (not minutes or int(minutes) < 60):
            time = hour + (f":{minutes}" if minutes else "")
            if suffix in ("am", "pm"):
                time += suffix
            elif suffix:
                time += " o'clock"
            return f"{prep} {time}".strip() if prep and (prep != "at" or not suffix) else time
    for pattern, said in PARTS_OF_DAY:
        if pattern.search(text):
            return said
    return None


def read_date(
    text: str, now: datetime, date_order: str
) -> Tuple[Optional[datetime], str, List[str]]:
    """One calendar day named in the text, the words naming it, and the parts that named it.

    The words are '' when no day is named. The date is None when a day is named but no
    single date can be given without a guess ("next friday": this week's or next week's?).
    """
    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": now.replace(hour=12, minute=0, second=0, microsecond=0),
        "DATE_ORDER": date_order,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    relative = RELATIVE_DAY.search(text)
    explicit = DAY_MONTH.search(text)
    weekday = WEEKDAY.search(text)
    named = WEEKDAY_WORDS[weekday.group("day").lower()] if weekday else None
    if explicit and is_clock_like(explicit.group(0)):
        explicit = None  # "5.30" is a time
    used = [m.group(0) for m in (explicit, relative, weekday) if m is not None]
    if explicit:
        phrase = explicit.group(0)
    elif relative:
        phrase = relative.group(0)
    elif weekday and named:
        if (weekday.group("modifier") or "").lower() == "next":
            return None, f"next {named.capitalize()}", used
        phrase = named
    else:
        return None, "", []
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    if parsed is None:
        return None, phrase, used
    today = now.date()
    if parsed.date() > today + timedelta(days=300):
        same_day_this_year = parsed.replace(year=today.year)
        if same_day_this_year.date() == today:
            parsed = same_day_this_year  # "1 December" said on 1 December
    if named and named != WEEKDAYS[parsed.weekday()]:
        return None, phrase, used  # "Friday 3 December" when the 3rd is a Thursday: no guess
    if parsed.date() < today or parsed.date() > today + timedelta(days=183):
        return None, phrase, used
    return parsed, phrase, used


def is_clock_like(text: str) -> bool:
    """Whether a d.m match is really a clock time ("5.30")."""
    return bool(re.fullmatch(r"\d{1,2}\.\d{2}", text.strip()))


def kept_words(text: str) -> str:
    """The visitor's own words for when, without the fillers around them."""
    words = " ".join(text.split())
    for _ in range(4):
        stripped = FILLER.sub("", words).strip(" ,.")
        if stripped == words:
            break
        words = stripped
    return words[:MAX_KEPT_WORDS]


def read_time(text: str, now: datetime, date_order: str = "DMY") -> Optional[TimeReading]:
    """The preferred day and time in a message, or None when it names no day or time."""
    text = without_contacts(text)
    if not (TIME_WORDS.search(text) or DAY_MONTH.search(text)):
        return None
    sentences = [part for part in re.split(r"(?<=[.?!;])\s+", text) if TIME_WORDS.search(part)]
    if sentences:
        text = " ".join(sentences)  # "call me back on ...? thursday afternoon if possible"
    date, phrase, used = read_date(text, now, date_order)
    rest = text
    for words in used:
        rest = rest.replace(words, " ")
    part = part_of_day(rest)
    if date is not None:
        said = format_day(date, now)
        if date.date() == now.date():
            said = f"today ({said})"
        if not OTHER_WHEN.search(CLOCK.sub(" ", remove_parts(rest))):
            return TimeReading(f"{said}, {part}" if part else said, date=date, has_day=True)
    kept = kept_words(text)
    if not kept:
        return None
    return TimeReading(kept, has_day=bool(phrase) or bool(re.search(r"\bweek", text, re.I)))


def without_contacts(text: str) -> str:
    """The text without phone numbers (7 digits or more) and e-mail addresses."""
    text = EMAIL_LIKE.sub(" ", text)
    return NUMBER_LIKE.sub(
        lambda m: " " if len(re.sub(r"\D", "", m.group(0))) >= 7 else m.group(0), text
    )


def remove_parts(text: str) -> str:
    """The text without its parts of the day."""
    for pattern, _ in PARTS_OF_DAY:
        text = pattern.sub(" ", text)
    return text


def no_preference(text: str) -> bool:
    """Whether the visitor says any time suits them (the time is skipped)."""
    return bool(NO_PREFERENCE.search(text))


# --- names ----------------------------------------------------------------------------------

NAME_INTRO = re.compile(
    r"\b(?:my name is|my name's|my names|name's|name is|the name is|this is|call me|i'm called|"
    r"im called|i am called|it's|its)\s+(?P<name>[^\d,.;!?@]+)",
    re.I,
)
I_AM = re.compile(r"\b(?i:i'm|i am|im)\s+(?P<name>[A-Z][^\d,.;!?@]*)")
NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*\.?$")
NOT_NAMES = frozenset(
    """
    yes yeah yep no nope ok okay sure thanks thank you hi hello hey please sorry not sure
    unsure free available interested pregnant breastfeeding happy fine good great here back
    looking wondering just a an the and or but on at in for to with me my mine it this that
    phone email e-mail mail call ring text number morning afternoon evening today tomorrow
    monday tuesday wednesday thursday friday saturday sunday weekend weekdays anytime any time
    book booking appointment consultation cancel stop change wrong actually what how why when
    where who which is are do does can could would should will mesotherapy meso rather say
    thx ty ta cheers bye byee goodbye cya later night goodnight
    """.split()
)
MAX_NAME_WORDS = 4


def clean_name(candidate: str) -> Optional[str]:
    """A name from words the visitor typed, or None when they are not a name."""
    words = candidate.strip(" .,!?:;'\"").split()
    while words and words[-1].lower() in ("please", "thanks", "thank", "you", "pls", "here"):
        words.pop()
    if not words or len(words) > MAX_NAME_WORDS:
        return None
    if not all(NAME_WORD.match(word) for word in words):
        return None
    if any(word.lower().strip(".") in NOT_NAMES for word in words):
        return None
    if all(word.islower() or word.isupper() for word in words):
        words = [word[:1].upper() + word[1:].lower() for word in words]
    return " ".join(words)


def find_name(text: str, asked: bool) -> Optional[str]:
    """The visitor's name: said with "my name is ..." anywhere, or the answer when asked."""
    for pattern in (NAME_INTRO, I_AM):
        match = pattern.search(text)
        if match:
            words: List[str] = []
            for word in match.group("name").split():
                if word.lower() in NOT_NAMES or not NAME_WORD.match(word):
                    break
                words.append(word)
            name = clean_name(" ".join(words)) if words else None
            if name:
                return name
    if asked:
        return clean_name(text)
    return None
