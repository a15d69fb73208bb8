"""Findings a reviewer must see: placeholders, unconfirmed leads, review dates, abbreviations."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.vocabulary import LINK_TYPES

from .base import Finding, describe, found, rule

PLACEHOLDER = re.compile(
    r"\b(to\s+be\s+(?:added|confirmed|updated|agreed|clarified|decided)|tbc|tbd)\b|\bcomment:", re.IGNORECASE
)
ABBREVIATION = re.compile(r"(?<![\w-])([A-Z][A-Z&]{1,7})(?:'?s)?(?![\w-])")
NOT_ABBREVIATIONS = frozenset({"I", "II", "III", "IV", "VI", "DRAFT", "FINAL", "AGREED", "REVISED", "AND", "OR", "THE",
                               "TBC", "TBD", "OK"})  # words in capitals on a version label, not abbreviations
TEXT_FIELDS = ("note", "timing", "cadence", "timescale", "approved_by")


def _texts(item: Item) -> Iterator[tuple[str, str]]:
    """(field, text) pairs a person reads: the title, the body text and free-text fields."""
    yield "", item.title
    yield "", item.content
    for name in TEXT_FIELDS:
        if item.get(name):
            yield name, item.get(name)


@rule("F01", "finding", "Placeholder text is left in a clause ('To be added', 'Tbc', 'Comment:').",
      "Replace the placeholder with the real text, or delete it.",
      "Body BODY_X still has placeholder text: 'To be added'. Replace it with the real text before "
      "the protocol is agreed.")
def placeholder(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        seen: set[str] = set()
        for name, text in _texts(item):
            for match in PLACEHOLDER.finditer(text):
                words = " ".join(match.group(0).split())
                if words.lower() in seen:
                    continue
                seen.add(words.lower())
                yield found("F01", item, f"{describe(item)} still has placeholder text: '{words}'. "
                            "Replace it with the real text before the protocol is agreed.", name,
                            match.group(0).split()[0])


@rule("F02", "finding", "A theme has no lead, or a link is marked 'to be confirmed'.",
      "Name the body that leads the theme, or replace 'tbc' with the ID once it is agreed.",
      "Theme THEME_X has no confirmed lead: it is marked 'to be confirmed'. Name the body that leads it "
      "once the partnership has agreed.")
def unconfirmed(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        for link in LINK_TYPES:
            if item.tbc(link) and not item.targets(link):
                if link == "lead":
                    msg = (f"{describe(item)} has no confirmed lead: it is marked 'to be confirmed'. "
                           "Name the body that leads it once the partnership has agreed.")
                else:
                    msg = (f"{describe(item)}: ':{link}:' is marked 'to be confirmed'. "
                           "Replace 'tbc' with the ID once it is agreed.")
                yield found("F02", item, msg, link)
    for theme in p.of_type("theme"):
        if not theme.links.get("lead"):
            yield found("F02", theme, f"{describe(theme)} has no lead. Add ':lead:' with the ID of the body "
                        "that leads it, or 'tbc' while it is being decided.")


@rule("F03", "finding", "A protocol has no next review date.",
      "Add ':next_review:' with the date the review is due (YYYY-MM-DD).",
      "Protocol PROT_X has no next review date. Add ':next_review:' with the date the review is due "
      "(YYYY-MM-DD).")
def review_date(p: Partnership) -> Iterator[Finding]:
    for protocol in p.protocols:
        if not protocol.get("next_review"):
            yield found("F03", protocol, f"{describe(protocol)} has no next review date. Add ':next_review:' "
                        "with the date the review is due (YYYY-MM-DD).")


@rule("F04", "finding", "A body or role challenges itself.",
      "Remove the item from its own ':challenges:' list.",
      "Body BODY_X is listed among the bodies it challenges. Remove BODY_X from its own ':challenges:' list.")
def self_challenge(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        for link in ("challenges", "seeks_assurance_from"):
            if item.id in item.targets(link):
                yield found("F04", item, f"{describe(item)} is listed among the bodies it "
                            f"{'challenges' if link == 'challenges' else 'seeks assurance from'}. "
                            f"Remove {item.id} from its own ':{link}:' list.", link)


@rule("F07", "finding", "A protocol has no version or does not say who approved it.",
      "Add ':version:' and ':approved_by:' to the protocol item.",
      "Protocol PROT_X does not say who approved it. Add ':approved_by:' with the forum that agreed it.")
def protocol_record(p: Partnership) -> Iterator[Finding]:
    for protocol in p.protocols:
        if not protocol.get("version"):
            yield found("F07", protocol, f"{describe(protocol)} has no version. Add ':version:', for "
                        "example V1.0.")
        if not protocol.get("approved_by"):
            yield found("F07", protocol, f"{describe(protocol)} does not say who approved it. Add "
                        "':approved_by:' with the forum that agreed it.")


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one substitution, insertion, deletion or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def known_abbreviations(p: Partnership, protocol: str) -> dict[str, Item]:
    """Abbreviations visible in a protocol: its own items and the shared ones."""
    known: dict[str, Item] = {}
    for item in p.items.values():
        if item.abbreviation and item.protocol in ("", protocol):
            for abbreviation in re.split(r"\s*[,/]\s*", item.abbreviation):
                known.setdefault(abbreviation, item)
    return known


def _abbreviation_findings(p: Partnership) -> Iterator[tuple[Item, str, str, Item | None]]:
    scopes = {proto: known_abbreviations(p, proto) for proto in {i.protocol for i in p.items.values()}}
    for item in p.items.values():
        known = scopes[item.protocol]
        reported: set[str] = set()
        for name, text in _texts(item):
            for match in ABBREVIATION.finditer(text):
                token = match.group(1)
                if token in known or token in NOT_ABBREVIATIONS or token in reported:
                    continue
                if token.endswith("S") and token[:-1] in known:
                    continue
                reported.add(token)
                # a same-length slip (BCCB for BSCB) is likelier than a dropped letter (BCC)
                close = sorted((k for k in known if len(token) >= 3 and _one_edit(token, k)),
                               key=lambda k: (len(k) != len(token), k))
                near = known[close[0]] if close else None
                yield item, name, token, near


@rule("F05", "finding", "An abbreviation is one letter away from a known one (a likely typo).",
      "Correct the abbreviation, or add a term item if it is a different thing.",
      "Theme THEME_X writes 'BCCB', which is one letter away from 'BSCB' (Buckinghamshire Safeguarding "
      "Children Board). Correct it, or add a term item if it means something else.")
def near_abbreviation(p: Partnership) -> Iterator[Finding]:
    for item, name, token, near in _abbreviation_findings(p):
        if near is not None:
            close = min((a for a in re.split(r"\s*[,/]\s*", near.abbreviation) if _one_edit(token, a)),
                        key=lambda a: (len(a) != len(token), a))
            yield found("F05", item, f"{describe(item)} writes '{token}', which is one letter away from "
                        f"'{close}' ({near.label}). Correct it, or add a term item if it means something else.",
                        name, token)


@rule("F06", "finding", "An abbreviation is not defined in the protocol.",
      "Add a term item (or an ':abbreviation:' on the body it names).",
      "Theme THEME_X writes 'SECTU', which this protocol does not define. Add a term item saying what "
      "it stands for.")
def unknown_abbreviation(p: Partnership) -> Iterator[Finding]:
    for item, name, token, near in _abbreviation_findings(p):
        if near is None:
            yield found("F06", item, f"{describe(item)} writes '{token}', which this protocol does not define. "
                        "Add a term item saying what it stands for.", name, token)
