"""The year's reports due, as calendar files (.ics) and as a body's forward plan.

A calendar event is all-day, on the last day a report is due ("due by 31 October"), so Outlook
and Google Calendar show it as a deadline. Event IDs are made from the reporting line and the date,
so a calendar imported again updates its events instead of adding copies.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from icalendar import Calendar, Event

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.timing import Occurrence, Timing, occurrences, parse


@dataclass(frozen=True)
class Due:
    """One report, from one body to another, due by ``when.end``."""

    line: Item
    report: str
    sender: str
    recipient: str
    timing: Timing
    when: Occurrence


@dataclass(frozen=True)
class Standing:
    """A reporting line whose timing has no date: at meetings, on an event, or month not set."""

    line: Item
    report: str
    sender: str
    recipient: str
    describe: str


@dataclass
class Month:
    name: str
    sends: list[Due] = field(default_factory=list)
    receives: list[Due] = field(default_factory=list)


@dataclass
class ForwardPlan:
    year: int
    months: list[Month]
    standing_sends: list[Standing]
    standing_receives: list[Standing]


def _lines(
    p: Partnership, protocol: str | None, body: str | None
) -> list[tuple[Item, str, str, str]]:
    found = []
    for line in p.of_type("reporting_line", protocol=protocol):
        report, sender = p.report_of(line), p.sender_of(line)
        if report is None or not sender:
            continue
        for recipient in line.targets("recipient"):
            if body is None or body in (sender, recipient):
                found.append((line, report.id, sender, recipient))
    return found


def dues(
    p: Partnership, year: int, protocol: str | None = None, body: str | None = None
) -> list[Due]:
    """Every report due in ``year``, of one protocol or sent or received by one body, by date."""
    result = []
    for line, report, sender, recipient in _lines(p, protocol, body):
        timing = parse(line.get("timing"))
        if timing is not None:
            result.extend(
                Due(line, report, sender, recipient, timing, when)
                for when in occurrences(timing, year)
            )
    return sorted(result, key=lambda d: (d.when.end, p.label(d.report), d.recipient))


def standing(p: Partnership, body: str) -> list[Standing]:
    """A body's reporting lines that a calendar cannot place, with what their timing says."""
    result = []
    for line, report, sender, recipient in _lines(p, None, body):
        timing = parse(line.get("timing"))
        if timing is None or not timing.in_calendar:
            say = timing.describe if timing else (line.get("timing") or "no timing written")
            result.append(Standing(line, report, sender, recipient, say))
    return result


def forward_plan(p: Partnership, body: str, year: int) -> ForwardPlan:
    """Month by month, what a body sends and receives in ``year``; then what has no month."""
    months = [Month(calendar.month_name[m]) for m in range(1, 13)]
    for due in dues(p, year, body=body):
        if due.when.end.year != year:
            continue
        month = months[due.when.end.month - 1]
        (month.sends if due.sender == body else month.receives).append(due)
    rest = standing(p, body)
    return ForwardPlan(
        year,
        months,
        [s for s in rest if s.sender == body],
        [s for s in rest if s.recipient == body],
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "partnership"


def to_ics(
    p: Partnership, items: list[Due], name: str, partnership: str, stamp: dt.datetime
) -> bytes:
    """A calendar of the given reports due; ``stamp`` is every event's DTSTAMP (reproducible)."""
    cal = Calendar()
    cal.add("prodid", f"-//{partnership or 'Safeguarding partnership'}//Reporting calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    domain = _slug(partnership)
    for due in items:
        event = Event()
        event.add(
            "uid",
            f"{due.line.id.lower()}-{_slug(due.recipient)}-{due.when.end.isoformat()}@{domain}",
        )
        event.add("dtstamp", stamp)
        event.add("dtstart", due.when.end)
        event.add("dtend", due.when.end + dt.timedelta(days=1))
        event.add(
            "summary",
            f"Due: {p.label(due.report)} from {p.short(due.sender)} to {p.short(due.recipient)}",
        )
        details = [
            f"{p.label(due.report)}, from {p.label(due.sender)} to {p.label(due.recipient)}.",
            f"Timing in the protocol: {due.timing.text} ({due.when.label}).",
        ]
        if action := due.line.get("action"):
            details.append(f"Action: {action}.")
        if note := due.line.get("note"):
            details.append(f"Note: {note}")
        if protocol := p.get(due.line.protocol):
            details.append(f"Protocol: {protocol.label}.")
        event.add("description", "\n".join(details))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
