"""Findings about names and numbering: one body called two things, one number on two clauses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sphinx_protocols.core.model import Item, Partnership

from .base import Finding, describe, found, rule
from .text import ABBREVIATION, _texts


def _uses(p: Partnership, protocol: str, token: str, skip: str) -> list[tuple[Item, str]]:
    uses = []
    for item in p.items_of(protocol):
        if item.id == skip:
            continue
        for name, text in _texts(item):
            if any(m.group(1) == token for m in ABBREVIATION.finditer(text)):
                uses.append((item, name))
                break
    return uses


@rule("F13", "finding", "One body is called by two abbreviations in the same protocol.",
      "Use one abbreviation throughout, or say in the protocol why both are used.",
      "Role ROLE_X writes 'LSCB' for Croydon Safeguarding Children Board, which this protocol calls 'CSCB' "
      "(1 item in all). Use one name throughout.")
def two_names(p: Partnership) -> Iterator[Finding]:
    for term in p.of_type("term"):
        alias = term.abbreviation
        for target_id in term.targets("refers_to"):
            target = p.get(target_id)
            if target is None or not target.abbreviation or not alias or alias == target.abbreviation:
                continue
            uses = _uses(p, term.protocol, alias, term.id)
            if uses:
                first, name = uses[0]
                yield found("F13", first, f"{describe(first)} writes '{alias}' for {target.label}, which this "
                            f"protocol calls '{target.abbreviation}' ({len(uses)} item{'s' * (len(uses) > 1)} in "
                            "all). Use one name throughout.", name, alias)


@rule("F14", "finding", "One clause number is used for two different clauses of the source.",
      "Renumber one of the clauses (the numbers are the source's: say so when you correct them).",
      "Duty DUTY_X is clause 4 'Independence and challenge', but clause 4 is also 'Role of the LSCB'. "
      "Renumber one of them.")
def duplicate_clause(p: Partnership) -> Iterator[Finding]:
    for protocol in p.protocols:
        titles: dict[str, dict[str, Item]] = defaultdict(dict)
        for item in p.items_of(protocol.id):
            if item.get("clause") and item.get("clause_title"):
                titles[item.get("clause")].setdefault(item.get("clause_title"), item)
        for clause, by_title in titles.items():
            (first_title, _), *others = by_title.items()
            for title, item in others:
                yield found("F14", item, f"{describe(item)} is clause {clause} '{title}', but clause {clause} is "
                            f"also '{first_title}'. Renumber one of them.", "clause")
