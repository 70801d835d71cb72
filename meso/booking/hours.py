"""The clinic's opening hours, machine-readable, and when the team can be in touch.

`clinic.yml` keeps the display text (`opening_hours: "Mon-Fri 9:00-18:00"`) and, for the
assistant's promises, a structured form read here:

    timezone: "Europe/London"            # IANA name; UTC when not set
    opening_hours_by_day:                # mon..sun: "HH:MM-HH:MM", several with ",", or closed
      mon: "09:00-18:00"
      sat: "10:00-13:00"
      sun: closed                        # a day not listed is closed too
    closed_dates: ["2026-12-25"]         # optional: holidays

`next_contact_promise(now, settings)` turns them into the words of "the team will contact
you ...": "today" while the clinic is open (and at least `LEAD` before it closes), "this
afternoon" before it opens, "tomorrow morning", "on Monday morning" (a Saturday), and
"within opening hours" when the structured form is missing.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Dict, List, Mapping, Optional, Set, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEAD = timedelta(minutes=30)  # "today" only with at least this much of the day's hours left
LOOK_AHEAD_DAYS = 21
FALLBACK = "within opening hours"
_RANGE = re.compile(r"^\s*(\d{1,2})[:.h]?(\d{2})?\s*[-\u2013]\s*(\d{1,2})[:.h]?(\d{2})?\s*$")

Range = Tuple[time, time]


def clinic_timezone(settings: Mapping[str, Any]) -> tzinfo:
    """The clinic's time zone (`timezone`, an IANA name), else UTC."""
    name = str(settings.get("timezone") or "").strip()
    if not name:
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"clinic settings: unknown timezone {name!r}") from error


def parse_ranges(value: Any) -> List[Range]:
    """'09:00-13:00, 14:00-18:00' (or a list of such) -> time ranges; closed -> []."""
    if value in (None, "", False) or str(value).strip().lower() in ("closed", "none", "-"):
        return []
    parts = value if isinstance(value, list) else str(value).split(",")
    ranges: List[Range] = []
    for part in parts:
        match = _RANGE.match(str(part))
        if not match:
            raise ValueError(f"opening hours: cannot read {part!r} (want HH:MM-HH:MM)")
        h1, m1, h2, m2 = (int(g or 0) for g in match.groups())
        start = time(h1, m1)
        end = time(23, 59, 59) if (h2, m2) == (24, 0) else time(h2, m2)
        if end <= start:
            raise ValueError(f"opening hours: {part!r} ends before it starts")
        ranges.append((start, end))
    return sorted(ranges)


def weekly_hours(settings: Mapping[str, Any]) -> Optional[Dict[int, List[Range]]]:
    """Opening ranges by weekday (0 = Monday) from `opening_hours_by_day`, or None."""
    raw = settings.get("opening_hours_by_day")
    if not isinstance(raw, Mapping) or not raw:
        return None
    by_day: Dict[int, List[Range]] = {day: [] for day in range(7)}
    for key, value in raw.items():
        name = str(key).strip().lower()[:3]
        if name not in DAYS:
            raise ValueError(f"opening_hours_by_day: unknown day {key!r} (mon..sun)")
        by_day[DAYS.index(name)] = parse_ranges(value)
    return by_day


def closed_dates(settings: Mapping[str, Any]) -> Set[date]:
    """Holidays (`closed_dates`, ISO dates)."""
    return {date.fromisoformat(str(day)) for day in settings.get("closed_dates") or []}


def part_of_day(start: time) -> str:
    """The part of the day an opening time falls in: morning, afternoon or evening."""
    if start.hour < 12:
        return "morning"
    return "afternoon" if start.hour < 17 else "evening"


def local_time(now: datetime, zone: tzinfo) -> datetime:
    """`now` in the clinic's zone (a naive `now` is this machine's local time)."""
    return now.astimezone(zone)


def next_contact_promise(now: datetime, settings: Mapping[str, Any]) -> str:
    """When the team can be in touch, in words that follow "the team will contact you".

    `now`: an aware datetime, or a naive one in this machine's local time (`datetime.now()`).

    "today" (open now, at least 30 minutes before closing), "this afternoon" (opens later
    today), "tomorrow morning", "on Monday morning", "on Tuesday 6 January morning" (more
    than a week ahead, after holidays); "within opening hours" without structured hours.
    """
    try:
        hours = weekly_hours(settings)
        zone = clinic_timezone(settings)
        holidays = closed_dates(settings)
    except ValueError:
        return FALLBACK
    if not hours or not any(hours.values()):
        return FALLBACK
    local = local_time(now, zone)
    for offset in range(LOOK_AHEAD_DAYS):
        day = local.date() + timedelta(days=offset)
        if day in holidays:
            continue
        for start, end in hours[day.weekday()]:
            if offset == 0:
                opens = datetime.combine(day, start, zone)
                closes = datetime.combine(day, end, zone)
                if opens <= local and local + LEAD <= closes:
                    return "today"
                if local < opens:
                    return f"this {part_of_day(start)}"
                continue
            when = part_of_day(start)
            if offset == 1:
                return f"tomorrow {when}"
            if offset < 7:
                return f"on {DAY_NAMES[day.weekday()]} {when}"
            return f"on {DAY_NAMES[day.weekday()]} {day.day} {day:%B} {when}"
    return FALLBACK
