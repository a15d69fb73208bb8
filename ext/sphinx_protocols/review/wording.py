"""Changes of links and fields as sentences a board chair reads without knowing the IDs.

Pure logic. "The Buckinghamshire Safeguarding Children Board's annual report no longer goes to the
Corporate Parenting Panel." "Lead for Female genital mutilation changed from 'to be confirmed' to
Safer and Stronger Bucks Partnership Board."
"""

from __future__ import annotations

from sphinx_protocols.core.english import join
from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.vocabulary import FIELDS, ITEM_TYPES, LINK_TYPES, TBC_MARKERS

TBC = "'to be confirmed'"

#: Words a report title may be made of and still be a common noun ("Annual Report" -> "annual report").
_COMMON = frozenset({"annual", "report", "reports", "plan", "plans", "strategy", "strategic", "assessment",
                     "business", "review", "update", "updates", "commissioning", "intentions", "progress",
                     "performance", "minutes", "summary", "work", "yearly", "and", "of", "the"})


def phrase(link: str, now: bool) -> str:
    """'is now accountable to' / 'no longer challenges' (the phrase is the link's, in the table)."""
    words = LINK_TYPES[link].sentence_phrase
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
    naming = _naming(item)
    if naming == "the":
        return _the(item.label) if article else item.label
    if naming == "plain":
        return item.label
    return f"{item.type_title.lower()} '{item.label}'"


def _naming(item: Item) -> str:
    """How the vocabulary says an item of this type is named in a sentence."""
    return ITEM_TYPES[item.type].naming if item.type in ITEM_TYPES else "typed"


def _the(label: str) -> str:
    return label if label.lower().startswith("the ") else f"the {label}"


def sentence(text: str) -> str:
    text = text.strip()
    return (text[0].upper() + text[1:] if text else text).rstrip(".") + "."


def subject(p: Partnership, item: Item) -> str:
    """The start of a sentence about an item."""
    if item.type == "reporting_line":
        return line_subject(p, item)
    if _naming(item) != "typed":
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
            if noun := LINK_TYPES[link].role_noun:
                sentences.append(sentence(f"{noun} for {new.label} changed from {old_name} to "
                                          f"{new_name}"))
            else:
                sentences.append(sentence(f"{subject(new_p, new)} {phrase(link, True)} {name(new_p, came[0])} "
                                          f"instead of {name(old_p, gone[0])}"))
            continue
        if came:
            sentences.append(sentence(f"{subject(new_p, new)} {phrase(link, True)} "
                                      f"{join([name(new_p, t) for t in came])}"))
        if gone:
            sentences.append(sentence(f"{subject(new_p, new)} {phrase(link, False)} "
                                      f"{join([name(old_p, t) for t in gone])}"))
    return sentences


def _recipients(old_p: Partnership, new_p: Partnership, old: Item, new: Item, gone: list[str],
                came: list[str]) -> list[str]:
    if len(gone) == 1 and len(came) == 1:
        return [sentence(f"{line_subject(new_p, new)} now goes to {name(new_p, came[0])} instead of "
                         f"{name(old_p, gone[0])}")]
    return ([sentence(f"{line_subject(new_p, new)} now goes to {name(new_p, r)}{_details(new)}") for r in came]
            + [sentence(f"{line_subject(old_p, old)} no longer goes to {name(old_p, r)}") for r in gone])


def field_label(field: str) -> str:
    return FIELDS[field].label if field in FIELDS else field.replace("_", " ").capitalize()


def field_change(p: Partnership, item: Item, field: str, before: str, after: str) -> str:
    """'Next review of the protocol set to 2016-04-20.' 'Action of ...'s annual report to ... changed ...'"""
    label = field_label(field)
    if item.type == "reporting_line":
        owner = f"{line_subject(p, item)} to " + join([name(p, r) for r in item.targets("recipient")] or ["no one"])
    else:
        owner = "the protocol" if item.type == "protocol" else item.label
    if not before:
        return sentence(f"{label} of {owner} set to '{after}'")
    if not after:
        return sentence(f"{label} of {owner} removed (it was '{before}')")
    return sentence(f"{label} of {owner} changed from '{before}' to '{after}'")
