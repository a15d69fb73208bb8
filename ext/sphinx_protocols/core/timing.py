"""When a report is due, read from the words a protocol uses, so it can go in a calendar.

Protocols write timings as people say them: "October", "Q2", "autumn", "annually in October",
"6-monthly", "three a year", "within 2 weeks of the meeting", "at each meeting", "19 June 2019".
:func:`parse` turns one into a :class:`Timing`; :func:`occurrences` gives its dates in a year.

Conventions (the guide states them): quarters are calendar quarters (Q1 is January to March);
seasons are the meteorological ones (autumn is September to November); "quarterly" means once in
each quarter, "6-monthly" once in each half year, "three a year" once in each third, and
"annually" once in the year with no month set. A report is due by the last day of its window.
Timings with no month, or tied to meetings or events, are understood but stay out of the calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["dated", "months", "cadence", "meeting", "relative", "event"]

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b"
_SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}
_NUMBER = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# (pattern, windows as (first month, number of months), plain-English description)
_CADENCES: list[tuple[re.Pattern[str], tuple[tuple[int, int], ...], str]] = [
    (
        re.compile(r"\bquarterly\b|\b(every|each) quarter\b|\bfour times a year\b"),
        ((1, 3), (4, 3), (7, 3), (10, 3)),
        "every quarter",
    ),
    (
        re.compile(
            r"\b(6|six)[- ]monthly\b|\bhalf[- ]yearly\b|\btwice a year\b|\bevery (6|six) months\b"
            r"|\bbi-?annually\b"
        ),
        ((1, 6), (7, 6)),
        "every six months",
    ),
    (
        re.compile(r"(?<![-\w])monthly\b|\b(every|each) month\b"),
        tuple((m, 1) for m in range(1, 13)),
        "every month",
    ),
    (
        re.compile(r"\bthree (times )?a year\b|\btermly\b|\bevery (4|four) months\b"),
        ((1, 4), (5, 4), (9, 4)),
        "three times a year",
    ),
    (
        re.compile(r"\bannual(ly)?\b|\byearly\b|\bonce a year\b|\b(every|each) year\b"),
        (),
        "once a year, month not set",
    ),
]
_QUARTER = re.compile(r"\bq([1-4])\b|\b(first|second|third|fourth) quarter\b|\bquarter ([1-4])\b")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_DATE = re.compile(r"\b(\d{1,2})(st|nd|rd|th)? " + _MONTH + r",? (\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_RELATIVE = re.compile(
    _NUMBER + r"\s+(working\s+|calendar\s+)?(day|week|month)s?\s+(of|before|after)\b"
)
_MEETING = re.compile(r"\b(each|every|next)\b[^.;]*\bmeeting\b|\bstanding item\b|\bper meeting\b")
_EVENT = re.compile(
    r"^(until|once|when|whenever|after|following|on request|as (and when )?(required|needed)"
    r"|if\b|on (each|every|any)\b)"
)


@dataclass(frozen=True)
class Timing:
    """A parsed timing: what kind it is, its windows in a year, and how to say it."""

    text: str
    kind: Kind
    windows: tuple[tuple[int, int], ...] = ()  # (first month, number of months)
    date: dt.date | None = None
    describe: str = ""

    @property
    def in_calendar(self) -> bool:
        return self.kind in ("dated", "months", "cadence") and bool(self.windows)


@dataclass(frozen=True)
class Occurrence:
    """One due window: from ``start`` to ``end`` (both days included)."""

    start: dt.date
    end: dt.date
    label: str  # "October 2026", "April to June 2026"


def parse(text: str) -> Timing | None:
    """The timing the words mean, or None when they say no time this module can read."""
    words = " ".join((text or "").lower().replace("–", "-").split())
    if not words:
        return None
    if match := _ISO.search(words):
        return _dated(text, int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _DATE.search(words):
        return _dated(text, int(match.group(4)), _MONTHS[match.group(3)], int(match.group(1)))
    windows = _explicit(words)
    if windows:
        return Timing(text, "months", windows, describe=_say(windows))
    for pattern, cadence, description in _CADENCES:
        if pattern.search(words):
            return Timing(text, "cadence", cadence, describe=description)
    if _RELATIVE.search(words):
        return Timing(text, "relative", describe=text.strip())
    if _MEETING.search(words):
        return Timing(text, "meeting", describe="at each meeting")
    if _EVENT.search(words):
        return Timing(text, "event", describe=text.strip())
    return None


def _dated(text: str, year: int, month: int, day: int) -> Timing | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return Timing(
        text, "dated", ((month, 1),), date, f"on {date.day} {calendar.month_name[month]} {year}"
    )


def _explicit(words: str) -> tuple[tuple[int, int], ...]:
    """Months, quarters and seasons named in the words, in the year's order."""
    found: set[tuple[int, int]] = {(_MONTHS[m.group(1)], 1) for m in re.finditer(_MONTH, words)}
    for match in _QUARTER.finditer(words):
        number = int(match.group(1) or match.group(3) or _ORDINAL.get(match.group(2) or "", 0))
        found.add((3 * number - 2, 3))
    for season, window in _SEASONS.items():
        if re.search(rf"\b{season}\b", words):
            found.add(window)
    return tuple(sorted(found))


def _say(windows: tuple[tuple[int, int], ...]) -> str:
    month = calendar.month_name
    names = [
        f"in {month[first]}"
        if length == 1
        else f"between {month[first]} and {month[(first + length - 2) % 12 + 1]}"
        for first, length in windows
    ]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def occurrences(timing: Timing, year: int) -> list[Occurrence]:
    """The windows in which the report is due in ``year`` (a window may run into the next)."""
    if timing.kind == "dated":
        assert timing.date is not None
        return (
            [Occurrence(timing.date, timing.date, timing.describe[3:])]
            if timing.date.year == year
            else []
        )
    if not timing.in_calendar:
        return []
    result = []
    for first, length in timing.windows:
        start = dt.date(year, first, 1)
        last_month = first + length - 1
        end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
        end = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        label = f"{calendar.month_name[first]} {year}"
        if length > 1:
            label += f" to {calendar.month_name[end_month]} {end_year}"
        result.append(Occurrence(start, end, label))
    return result
