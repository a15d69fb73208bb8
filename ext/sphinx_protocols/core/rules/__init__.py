"""Numbered validation rules over a :class:`~sphinx_protocols.model.Partnership`.

Errors (``P`` rules) fail the build. Findings (``F`` rules) are what a reviewer must see but
that may stand in a draft; in a protocol whose status is ``agreed`` they count as errors.
Notes (``N`` rules) are for the next review (a term replaced since the protocol was written).
Each rule carries an example of its message, which the user guide prints and the tests check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from sphinx_protocols.core.model import Item, Partnership

Severity = Literal["error", "finding", "note"]


@dataclass(frozen=True)
class Finding:
    """A located problem, in plain English."""

    rule: str
    message: str
    docname: str
    lineno: int
    item_id: str = ""
    field: str = ""  # the option line the problem is on, when there is one
    protocol: str = ""
    severity: Severity = "error"
    needle: str = ""  # text to find inside the item, to point at its exact line


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    fix: str
    example: str
    check: Callable[[Partnership], Iterable[Finding]]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, summary: str, fix: str, example: str):
    """Register a check function as a numbered rule."""

    def register(check: Callable[[Partnership], Iterable[Finding]]):
        RULES[rule_id] = Rule(rule_id, severity, summary, fix, example, check)
        return check

    return register


def reported_while_reading(rule_id: str, summary: str, fix: str, example: str) -> None:
    """Register a rule whose problems are found while pages are read, not by a check here."""
    RULES[rule_id] = Rule(rule_id, "error", summary, fix, example, lambda p: ())


def found(rule_id: str, item: Item, message: str, field: str = "", needle: str = "") -> Finding:
    return Finding(rule_id, message, item.docname, item.lineno, item.id, field, item.protocol, needle=needle)


def run_rules(partnership: Partnership, strict: bool = False) -> list[Finding]:
    """Every problem in the partnership; findings in agreed protocols (or all, when strict) become errors."""
    agreed = {p.id for p in partnership.protocols if p.status == "agreed"}
    results: list[Finding] = []
    for r in RULES.values():
        for f in r.check(partnership):
            severity: Severity = r.severity
            if severity == "finding" and (strict or f.protocol in agreed):
                severity = "error"
            results.append(
                Finding(f.rule, f.message, f.docname, f.lineno, f.item_id, f.field, f.protocol, severity, f.needle)
            )
    results.sort(key=lambda f: (f.docname, f.lineno, f.rule, f.message))
    return results


def describe(item: Item) -> str:
    """'Duty DUTY_X' - how messages name an item."""
    return f"{item.type_title} {item.id}"


from . import lexicon, links, meetings, names, reporting, text, timings, versions  # noqa: F401  (registers the rules in order)
