"""Checks on meeting rules: quorum, attendance arithmetic, deadlines and kinds of days."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sphinx_protocols.core.english import join
from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.schema import DURATION as _DURATION
from sphinx_protocols.core.schema import MAX_DIGITS
from sphinx_protocols.core.schema import NUMBER_WORDS as _NUMBERS
from sphinx_protocols.core.vocabulary import FIELDS, ITEM_TYPES

from .base import Finding, describe, found, rule

DEADLINES = ("report_deadline", "agenda_deadline", "papers_deadline")  # earliest first


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str  # day, week or month
    kind: str  # "working", "calendar", "clear" or "" when the text does not say

    @property
    def days(self) -> float:
        """Roughly in calendar days, for ordering (five working days make a week)."""
        per = {"day": 1, "week": 7, "month": 30}[self.unit]
        return self.amount * per * (7 / 5 if self.kind == "working" else 1)


def duration(text: str) -> Duration | None:
    match = _DURATION.search(text or "")
    if not match:
        return None
    amount = match.group(1).lower()
    if len(amount) > MAX_DIGITS:  # reported by P10; too long to compute with
        return None
    number = int(amount) if amount.isdigit() else _NUMBERS[amount]
    return Duration(number, match.group(3).lower(), (match.group(2) or "").strip().lower())


def _number(text: str) -> int | None:
    match = re.search(r"\d+|" + "|".join(_NUMBERS), (text or "").lower())
    if not match or len(match.group(0)) > MAX_DIGITS:
        return None
    return int(match.group(0)) if match.group(0).isdigit() else _NUMBERS[match.group(0)]


def _members(p: Partnership, body_id: str) -> set[str]:
    """Who counts as a member: members, chairs, and the offices of member organisations."""
    members = {i.id for i in p.incoming(body_id, "member_of")} | {
        i.id for i in p.incoming(body_id, "chairs")
    }
    for role in p.of_type("role"):
        if set(role.targets("office_in")) & members or set(role.targets("delegates_to")) & members:
            members.add(role.id)
    for org in list(members):
        item = p.get(org)
        if item is not None and item.type == "role":
            members.update(item.targets("office_in"))
    return members


@rule("F09", "finding", "The quorum names someone who is not a member of the body.",
      "Make them a member (':member_of:'), or take them out of ':quorum:'.",
      "Meeting rules MEET_X: the quorum needs ROLE_X, who is not a member of BODY_X. Add "
      "':member_of: "
      "BODY_X' to ROLE_X, or take it out of ':quorum:'.")
def quorum_members(p: Partnership) -> Iterator[Finding]:
    for meeting in p.of_type("meeting"):
        for body in meeting.targets("rules_for"):
            members = _members(p, body)
            for needed in meeting.targets("quorum"):
                if needed in p and needed not in members:
                    yield found("F09", meeting, f"{describe(meeting)}: the quorum needs {needed}, "
                                f"who is not a member of {body}. Add ':member_of: {body}' to "
                                f"{needed}, or take "
                                "it out of "
                                "':quorum:'.", "quorum")


@rule("F10", "finding", "The attendance rule does not add up at the stated number of meetings.",
      "Make the percentage and the minimum number of meetings agree.",
      "Meeting rules MEET_X: an attendance of 75% of 4 meetings a year is 3 meetings, but the "
      "minimum is "
      "4 meetings. Make the two agree.")
def attendance(p: Partnership) -> Iterator[Finding]:
    for meeting in p.of_type("meeting"):
        per_year = _number(meeting.get("meetings_per_year"))
        share = re.search(r"(?<![\d.])(\d{1,6}(?:\.\d{1,6})?)\s*%", meeting.get("attendance"))
        minimum = _number(meeting.get("attendance_minimum"))
        if per_year is None:
            continue
        if minimum is not None and minimum > per_year:
            yield found("F10", meeting, f"{describe(meeting)}: the minimum attendance of {minimum} "
                        f"meetings cannot be reached with {per_year} meetings a year.",
                        "attendance_minimum")
        if share is None:
            continue
        exact = float(share.group(1)) * per_year / 100
        needed = math.ceil(exact - 1e-9)
        if minimum is not None and minimum != needed:
            yield found("F10", meeting, f"{describe(meeting)}: an attendance of {share.group(0)} "
                        f"of {per_year} meetings a year is {needed} meetings, but the minimum is "
                        f"{minimum} "
                        "meetings. Make the "
                        "two agree.", "attendance")
        elif abs(exact - round(exact)) > 1e-9:
            yield found("F10", meeting, f"{describe(meeting)}: {share.group(0)} of {per_year} "
                        f"meetings is {exact:g}, so a member must in fact attend {needed}. Say so "
                        "in "
                        "':attendance_minimum:'.",
                        "attendance")


@rule("F11", "finding", "Paper deadlines are in the wrong order (reports, then agenda items, then "
                        "papers).",
      "Reports are due first, agenda items next, papers last: correct the deadlines.",
      "Meeting rules MEET_X: agenda items are due 1 week before the meeting but papers 2 weeks "
      "before. "
      "Reports come first, then agenda items, then papers.")
def deadline_order(p: Partnership) -> Iterator[Finding]:
    names = {
        "report_deadline": "reports",
        "agenda_deadline": "agenda items",
        "papers_deadline": "papers",
    }
    for meeting in p.of_type("meeting"):
        given = [(f, duration(meeting.get(f))) for f in DEADLINES if duration(meeting.get(f))]
        for (first, early), (second, late) in itertools.pairwise(given):
            if early is not None and late is not None and early.days < late.days:
                yield found("F11", meeting, f"{describe(meeting)}: {names[first]} are due "
                            f"{meeting.get(first)} before the meeting but {names[second]} "
                            f"{meeting.get(second)} before. "
                            "Reports come "
                            "first, then agenda items, then papers.", second)


def _kinds(meeting: Item) -> Iterator[tuple[str, Duration]]:
    """Day counts in the meeting's lengths of time, and in its free text ('10 days' notice')."""
    for name in ITEM_TYPES["meeting"].fields:
        if FIELDS[name].kind not in ("duration", "text"):
            continue
        if (d := duration(meeting.get(name))) is not None and d.unit == "day":
            yield name, d


@rule("F12", "finding", "Days are not said to be working or calendar days, or the two are mixed.",
      "Say 'working days' or 'calendar days' each time, and use one kind throughout where you can.",
      "Meeting rules MEET_X: the notice is '10 days': say whether these are working or calendar "
      "days.")
def kinds_of_days(p: Partnership) -> Iterator[Finding]:
    for meeting in p.of_type("meeting"):
        kinds = {}
        for name, d in _kinds(meeting):
            if not d.kind:
                yield found("F12", meeting, f"{describe(meeting)}: the {name.replace('_', ' ')} is "
                            f"'{meeting.get(name)}': say whether these are working or calendar "
                            "days.", name)
            else:
                kinds.setdefault(d.kind, name)
        if len(kinds) > 1:
            listed = join(
                [f"{kind} days ({field.replace('_', ' ')})" for kind, field in kinds.items()]
            )
            yield found("F12", meeting, f"{describe(meeting)} mixes {listed}. Use one kind of day, "
                        "or make sure readers see the difference.")
