"""What an item's card says to a reader: its clause number, its name, and its facts in words.

Pure: built from the model, laid out by ``templates/protocols/item.html`` (HTML and PDF alike).
A card names every linked item by the name a reader knows (its title, or its abbreviation where
the title would repeat itself); IDs stay in anchors and attributes for the people who need them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.schema import BLANK_MARKERS
from sphinx_protocols.core.vocabulary import ACTIONS, FIELDS, ITEM_TYPES, LINK_TYPES, MODALITIES
from sphinx_protocols.core.wording import reader_date

#: A card's label for a link, where the vocabulary's phrase ('owned by') reads badly before a
#: colon. Every other link is labelled with its phrase, capitalised ('Accountable to').
LINK_LABELS = {
    "owner": "Owner",
    "basis": "Legal basis",
    "produced_by": "Produced by",
    "report": "Report",
    "sender": "From",
    "recipient": "To",
    "lead": "Lead",
    "contributors": "Contributors",
    "office": "Signs as",
    "parties": "Parties",
    "replaces": "Replaces",
    "refers_to": "Stands for",
    "rules_for": "Meeting rules of",
    "quorum": "Quorum",
    "handled_by": "Handled by",
}

#: Types whose card starts with its links: a duty's owner and basis, a report line's ends.
LINKS_FIRST = frozenset(
    {"duty", "reporting_line", "theme", "escalation", "signatory", "meeting", "report"}
)
#: Fields the card shows in its head or not at all, rather than among its facts.
#: ('strict' is a setting of the build, not something the protocol says.)
HEAD_FIELDS = frozenset({"clause", "clause_title", "name", "strict"})


@dataclass(frozen=True)
class Named:
    """One linked item as a reader sees it: its name, and its ID for the link (or '' for text)."""

    text: str
    item_id: str = ""
    hint: str = ""  # said after the name, e.g. the item's type when it is not obvious


@dataclass
class Fact:
    label: str
    values: list[Named] = field(default_factory=list)


@dataclass
class Card:
    item: Item
    number: str  # the clause number as the source gives it, or ''
    heading: str  # the clause's own heading in the source, or ''
    facts: list[Fact] = field(default_factory=list)

    @property
    def type_title(self) -> str:
        return self.item.type_title


def _field_fact(item: Item, name: str) -> Fact | None:
    value = item.get(name)
    if not value:
        return None
    label = _FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()
    if name == "modality" and value in MODALITIES:
        return Fact(label, [Named(f"{value} ({MODALITIES[value]})")])
    if name == "action" and value in ACTIONS:
        return Fact(label, [Named(f"{value}: {ACTIONS[value]}")])
    if name == "url":  # a link only to the web or e-mail: never 'javascript:' or a local file
        web = value.strip().lower().startswith(("https://", "http://", "mailto:"))
        return Fact(label, [Named(value, hint="url" if web else "")])
    dated = FIELDS[name].kind == "date" or value in BLANK_MARKERS
    return Fact(label, [Named(reader_date(value) if dated else value)])


#: Short labels for fields whose description is a sentence.
_FIELD_LABELS = {
    "version": "Version",
    "date_agreed": "Date agreed",
    "in_force": "In force from",
    "changes": "What changed",
    "by": "By",
    "signed_on": "Signed on",
    "created": "First drafted",
    "last_reviewed": "Last reviewed",
    "next_review": "Next review due",
    "legal_date": "Law as it stood on",
    "approved_by": "Approved by",
    "area": "Area",
    "kind": "Kind",
    "abbreviation": "Known as",
    "statutory": "Required by law",
    "url": "Read it at",
    "sector": "Sector",
    "holder": "Held by",
    "independent": "Independent",
    "modality": "How binding",
    "cadence": "How often",
    "provision": "Provision",
    "year": "Year",
    "action": "Action asked",
    "as_written": "As the source wrote it",
    "timing": "When",
    "note": "Note",
    "step": "Step",
    "timescale": "Time allowed",
    "expansion": "Stands for",
    "as_at": "Correct as at",
    "meetings_per_year": "Meetings a year",
    "schedule": "Schedule",
    "notice": "Notice",
    "extraordinary_notice": "Notice of an extraordinary meeting",
    "report_deadline": "Reports due",
    "agenda_deadline": "Agenda items due",
    "papers_deadline": "Papers sent",
    "minutes_deadline": "Minutes sent",
    "attendance": "Attendance",
    "attendance_minimum": "Attendance (meetings a year)",
    "deputies": "Deputies",
    "decision_rule": "Decisions",
    "urgent_decisions": "Urgent decisions",
}


def _name(p: Partnership, item_id: str) -> Named:
    """A linked item by the name a reader knows; an ID nobody wrote an item for stays as written."""
    target = p.get(item_id)
    if target is None:
        return Named("an item not in this site", item_id="", hint=item_id)
    return Named(target.label, item_id)


def link_label(link: str) -> str:
    if link in LINK_LABELS:
        return LINK_LABELS[link]
    phrase = LINK_TYPES[link].outgoing
    return phrase[:1].upper() + phrase[1:]


def card(p: Partnership, item: Item) -> Card:
    """The card of one item: its status, then its fields and outgoing links in the vocabulary's
    order (links first where they say what the clause is about: who owns a duty, on what law)."""
    facts: list[Fact] = []
    spec = ITEM_TYPES.get(item.type)
    for name in spec.fields if spec else ():
        if name in HEAD_FIELDS or (name == "abbreviation" and item.type == "term"):
            continue
        fact = _field_fact(item, name)
        if fact is not None:
            facts.append(fact)
    links: list[Fact] = []
    for link in LINK_TYPES:
        names = [_name(p, t) for t in item.targets(link)]
        if item.tbc(link):
            names.append(Named("to be confirmed"))
        if names:
            links.append(Fact(link_label(link), names))
    if (
        item.type == "reporting_line"
        and not item.targets("sender")
        and (sender := p.sender_of(item))
    ):
        links.insert(0, Fact("From", [Named(p.label(sender), sender, "the report's producer")]))
    facts = [*links, *facts] if item.type in LINKS_FIRST else [*facts, *links]
    if item.status:
        facts.insert(0, Fact("Status", [Named(item.status)]))
    return Card(item, item.get("clause"), item.get("clause_title"), facts)
