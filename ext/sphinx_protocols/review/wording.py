"""Changes of links and fields as sentences a board chair reads without knowing the IDs.

Pure logic. "The Buckinghamshire Safeguarding Children Board's annual report no longer goes to the
Corporate Parenting Panel." "Lead for Female genital mutilation changed from 'to be confirmed' to
Safer and Stronger Bucks Partnership Board."
"""

from __future__ import annotations

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.vocabulary import FIELDS, LINK_TYPES, TBC_MARKERS

TBC = "'to be confirmed'"

#: Links that name one thing (a lead, an owner ...): a change reads "Lead for X changed from A to B".
ROLE_NOUNS = {
    "owner": "Owner", "lead": "Lead", "produced_by": "Producer", "report": "Report carried",
    "sender": "Sender", "rules_for": "Body", "office": "Signing office", "on_behalf_of": "Signing on behalf of",
    "signs": "Protocol signed", "office_in": "Office of", "appointed_by": "Appointed by",
    "handled_by": "Handled by", "chairs": "Body chaired", "refers_to": "Meaning",
}

#: How each link reads in a sentence about its source: "X is now accountable to Y", "X now challenges Y".
PHRASES = {
    "owner": "is owned by", "basis": "rests on", "accountable_to": "is accountable to",
    "produced_by": "is produced by", "report": "carries", "sender": "is sent by", "recipient": "goes to",
    "lead": "is led by", "contributors": "has contributions from", "member_of": "is a member of",
    "observer_of": "is a participant observer of", "chairs": "chairs", "appointed_by": "is appointed by",
    "office_in": "is an office of", "subgroup_of": "is a subgroup of", "delegates_to": "delegates to",
    "agency_of": "is a relevant agency of", "rules_for": "sets the meeting rules of",
    "quorum": "needs for its quorum", "challenges": "challenges", "seeks_assurance_from": "seeks assurance from",
    "escalates_to": "escalates to", "handled_by": "is handled by", "office": "signs as",
    "on_behalf_of": "signs on behalf of", "signs": "signs", "parties": "is agreed between",
    "replaces": "replaces", "refers_to": "stands for",
}

#: Words a report title may be made of and still be a common noun ("Annual Report" -> "annual report").
_COMMON = frozenset({"annual", "report", "reports", "plan", "plans", "strategy", "strategic", "assessment",
                     "business", "review", "update", "updates", "commissioning", "intentions", "progress",
                     "performance", "minutes", "summary", "work", "yearly", "and", "of", "the"})


def phrase(link: str, now: bool) -> str:
    """'is now accountable to' / 'no longer challenges'."""
    words = PHRASES.get(link) or f"is linked ('{LINK_TYPES[link].outgoing}') to"
    adverb = "now" if now else "no longer"
    if words.startswith("is "):
        return f"is {adverb} {words[3:]}"
    return f"{adverb} {words}"


def name(p: Partnership, item_id: str, article: bool = True) -> str:
    """How a sentence names an item: 'the Health and Wellbeing Board', 'Duty "Publish ..."'."""
    if item_id in TBC_MARKERS:
        return TBC
    item = p.get(item_id)
    if item is None:
        return item_id
    if item.type in ("body", "role"):
        return _the(item.label) if article else item.label
    if item.type in ("organisation", "statute", "protocol"):
        return item.label
    return f"{item.type_title.lower()} '{item.label}'"


def _the(label: str) -> str:
    return label if label.lower().startswith("the ") else f"the {label}"


def sentence(text: str) -> str:
    text = text.strip()
    return (text[0].upper() + text[1:] if text else text).rstrip(".") + "."


def subject(p: Partnership, item: Item) -> str:
    """The start of a sentence about an item."""
    if item.type == "reporting_line":
        return line_subject(p, item)
    if item.type in ("body", "role", "organisation", "statute", "protocol"):
        return name(p, item.id)
    return f"{item.type_title} '{item.label}'"


def report_name(report: Item | None) -> str:
    if report is None:
        return "report"
    words = report.label.split()
    if words and all(w.lower() in _COMMON for w in words):
        return report.label.lower()
    return report.label


def line_subject(p: Partnership, line: Item) -> str:
    """'The Buckinghamshire Safeguarding Children Board's annual report'."""
    sender = p.sender_of(line)
    owner = name(p, sender) if sender else "an unnamed sender"
    return f"{owner}'s {report_name(p.report_of(line))}"


def _details(line: Item) -> str:
    parts = [line.get("action"), line.get("timing")]
    shown = ", ".join(x for x in parts if x)
    return f" ({shown})" if shown else ""


def line_added(p: Partnership, line: Item) -> list[str]:
    return [sentence(f"{line_subject(p, line)} now goes to {name(p, r)}{_details(line)}")
            for r in line.targets("recipient")]


def line_removed(p: Partnership, line: Item) -> list[str]:
    return [sentence(f"{line_subject(p, line)} no longer goes to {name(p, r)}") for r in line.targets("recipient")]


def _targets(item: Item, link: str) -> list[str]:
    """Link targets with a 'to be confirmed' marker kept as one entry."""
    found = item.targets(link)
    return [*found, "tbc"] if item.tbc(link) else found


def link_changes(old_p: Partnership, new_p: Partnership, old: Item, new: Item) -> list[str]:
    """Sentences for every link of an item that differs between two versions."""
    sentences = []
    for link in LINK_TYPES:
        before, after = _targets(old, link), _targets(new, link)
        if sorted(before) == sorted(after):
            continue
        gone = [t for t in before if t not in after]
        came = [t for t in after if t not in before]
        if new.type == "reporting_line" and link == "recipient":
            sentences += _recipients(old_p, new_p, old, new, gone, came)
            continue
        if len(gone) == 1 and len(came) == 1:
            old_name, new_name = name(old_p, gone[0], False), name(new_p, came[0], False)
            if link in ROLE_NOUNS:
                sentences.append(sentence(f"{ROLE_NOUNS[link]} for {new.label} changed from {old_name} to "
                                          f"{new_name}"))
            else:
                sentences.append(sentence(f"{subject(new_p, new)} {phrase(link, True)} {name(new_p, came[0])} "
                                          f"instead of {name(old_p, gone[0])}"))
            continue
        if came:
            sentences.append(sentence(f"{subject(new_p, new)} {phrase(link, True)} "
                                      f"{_and([name(new_p, t) for t in came])}"))
        if gone:
            sentences.append(sentence(f"{subject(new_p, new)} {phrase(link, False)} "
                                      f"{_and([name(old_p, t) for t in gone])}"))
    return sentences


def _recipients(old_p: Partnership, new_p: Partnership, old: Item, new: Item, gone: list[str],
                came: list[str]) -> list[str]:
    if len(gone) == 1 and len(came) == 1:
        return [sentence(f"{line_subject(new_p, new)} now goes to {name(new_p, came[0])} instead of "
                         f"{name(old_p, gone[0])}")]
    return ([sentence(f"{line_subject(new_p, new)} now goes to {name(new_p, r)}{_details(new)}") for r in came]
            + [sentence(f"{line_subject(old_p, old)} no longer goes to {name(old_p, r)}") for r in gone])


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def field_label(field: str) -> str:
    return FIELDS[field].label if field in FIELDS else field.replace("_", " ").capitalize()


def field_change(p: Partnership, item: Item, field: str, before: str, after: str) -> str:
    """'Next review of the protocol set to 2016-04-20.' 'Action of ...'s annual report to ... changed ...'"""
    label = field_label(field)
    if item.type == "reporting_line":
        owner = f"{line_subject(p, item)} to " + _and([name(p, r) for r in item.targets("recipient")] or ["no one"])
    else:
        owner = "the protocol" if item.type == "protocol" else item.label
    if not before:
        return sentence(f"{label} of {owner} set to '{after}'")
    if not after:
        return sentence(f"{label} of {owner} removed (it was '{before}')")
    return sentence(f"{label} of {owner} changed from '{before}' to '{after}'")
