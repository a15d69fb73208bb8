"""What a row of the vocabulary is: an item type, a field, a link type, and field formats.

The rows themselves are in :mod:`sphinx_protocols.core.vocabulary`; this module only says what
each column means, so the table there stays a table.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

#: Written in a link's ``sources`` or ``targets``: every item type that is an actor / any item type.
ACTOR = "actor"
ANY = "any"

FieldKind = Literal["date", "duration", "number", "closed", "text"]
Naming = Literal["the", "plain", "typed"]

#: Number words the protocols write ("three weeks"), for durations and counts.
NUMBER_WORDS: dict[str, int] = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve"])}
#: A length of time as protocols write it: '10 working days', 'two weeks', '1 month'.
DURATION = re.compile(r"(\d+|" + "|".join(NUMBER_WORDS) + r")\s+(working\s+|calendar\s+|clear\s+)?"
                      r"(day|week|month)s?", re.IGNORECASE)

#: A count or a length of time longer than this is a typing mistake (and too long to compute with).
MAX_DIGITS = 6


def _calendar_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


#: Written in a date field, these record a cell the source leaves empty ('date agreed: ____'):
#: kept as written, shown as not stated, and reported as a finding (F17), never an error.
BLANK_MARKERS = frozenset({"blank", "not stated"})

#: Per kind of field: the pattern a value must match (searched), and how to write it instead.
FORMATS: dict[str, tuple[re.Pattern[str], str, str]] = {
    "date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "a date",
             "Write it as YYYY-MM-DD, for example 2015-04-20."),
    "number": (re.compile(r"^\d+$"), "a number", "Write it in figures, for example 4."),
    "duration": (DURATION, "a length of time",
                 "Write a number and a unit, for example '10 working days' or '2 weeks'."),
}


@dataclass(frozen=True)
class FieldSpec:
    """A plain-text field an item may carry: its kind, and its allowed values when closed."""

    name: str
    description: str
    values: tuple[str, ...] = ()
    example: str = ""
    #: date (YYYY-MM-DD), duration ('2 weeks'), number, closed (one of ``values``) or free text
    kind: FieldKind = "text"

    def __post_init__(self) -> None:
        if self.values and self.kind == "text":
            object.__setattr__(self, "kind", "closed")

    @property
    def label(self) -> str:
        """How the field is named on a page: 'next_review' -> 'Next review'."""
        return self.name.replace("_", " ").capitalize()

    def format_problem(self, value: str) -> str:
        """'' when the value has the form its kind needs, else what it is not and how to fix it."""
        if self.kind not in FORMATS:
            return ""
        if self.kind == "date" and value in BLANK_MARKERS:
            return ""
        pattern, what, hint = FORMATS[self.kind]
        if not pattern.search(value):
            return f"is not {what}. {hint}"
        if self.kind in ("number", "duration") and re.search(rf"\d{{{MAX_DIGITS + 1}}}", value):
            return f"is too large to be {what}: write at most {MAX_DIGITS} digits. {hint}"
        if self.kind == "date" and not _calendar_date(value):
            return f"is not a date in the calendar (check the day and the month). {hint}"
        return ""


@dataclass(frozen=True)
class ItemType:
    """One kind of clause a policy officer writes as a MyST directive."""

    name: str
    title: str
    prefix: str
    description: str
    fields: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    color: str = "#E8E8E8"
    #: the fields whose values are closed lists for this type (field name -> allowed values)
    closed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: an actor can own duties, send and receive reports, be accountable and sit in the diagram
    actor: bool = False
    #: whether each item of this type gets a profile page (and a row in the index of bodies)
    profile: bool = False
    #: how a sentence names it: 'the Board' (the), 'Children Act 2004' (plain), "duty 'X'" (typed)
    naming: Naming = "typed"
    #: the Graphviz shape of an actor in the accountability diagram
    shape: str = "box"


@dataclass(frozen=True)
class LinkType:
    """A typed link from one item to others, shown both ways on every page.

    ``sources`` and ``targets`` name item types, or :data:`ACTOR` / :data:`ANY` for every actor /
    every type; ``vocabulary.source_types`` and ``target_types`` give the types they stand for.
    """

    name: str
    outgoing: str
    incoming: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    description: str
    required_on: tuple[str, ...] = ()
    #: how the link reads in a review sentence about its source: 'is accountable to', 'challenges'
    phrase: str = ""
    #: for a link naming one thing: 'Lead' in "Lead for X changed from A to B"
    role_noun: str = ""
    #: the line it draws in the accountability diagram ('accountable', 'challenge'), if any
    diagram: str = ""
    #: what a missing link is called in "Duty X has no owner" (the link's name when empty)
    noun: str = ""
    #: the end of "Add ':report:' ..." when it is missing ("with the ID of the ... it names")
    fix: str = ""

    @property
    def sentence_phrase(self) -> str:
        return self.phrase or f"is linked ('{self.outgoing}') to"

    @property
    def missing_noun(self) -> str:
        return self.noun or self.name.replace("_", " ")
