"""What a rule is, the register of rules, and running them over a partnership.

Errors (``P`` rules) are what makes the site wrong (a broken link, an item nested in another)
and fail the build. Findings (``F`` rules) are a reviewer's list: they never block publishing.
In an agreed protocol they are marked ``next_review`` ("to resolve at the next review"), since
the text stands as agreed until then. Strictness is opt-in: ``protocols_strict`` in conf.py, or
``:strict: yes`` on one protocol, turns its findings into errors.
Each rule carries an example of its message, which the user guide prints and the tests check.
The rule modules import this one, never the package, so the package imports them without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
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
    #: True for a finding in an agreed protocol: the text stands as agreed, and the finding is
    #: shown as "to resolve at the next review" (home page, protocol page, PDF)
    next_review: bool = False

    @property
    def label(self) -> str:
        """How people read its severity: 'to resolve at the next review' in an agreed protocol."""
        return "to resolve at the next review" if self.next_review else self.severity


@dataclass(frozen=True)
class Rule:
    """A numbered rule. ``check`` is None when another check gives its findings (a required link,
    found by the generic check P15) or when it is found while pages are read (P04, P13, P14)."""

    id: str
    severity: Severity
    summary: str
    fix: str
    example: str
    check: Callable[[Partnership], Iterable[Finding]] | None = None


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, summary: str, fix: str, example: str):
    """Register a check function as a numbered rule."""

    def register(check: Callable[[Partnership], Iterable[Finding]]):
        RULES[rule_id] = Rule(rule_id, severity, summary, fix, example, check)
        return check

    return register


def documented(rule_id: str, severity: Severity, summary: str, fix: str, example: str) -> None:
    """Register a rule that has no check of its own: its findings come from elsewhere."""
    RULES[rule_id] = Rule(rule_id, severity, summary, fix, example)


def found(rule_id: str, item: Item, message: str, field: str = "", needle: str = "") -> Finding:
    return Finding(rule_id, message, item.docname, item.lineno, item.id, field, item.protocol, needle=needle)


def run_rules(partnership: Partnership, strict: bool = False) -> list[Finding]:
    """Every problem in the partnership, in order: errors first, then their knock-on problems.

    Findings stay findings (in an agreed protocol, marked for the next review) unless the site
    is strict, or the protocol says ``:strict: yes``: then they are errors.
    """
    agreed = {p.id for p in partnership.protocols if p.status == "agreed"}
    strict_ones = {p.id for p in partnership.protocols if p.get("strict") == "yes"}
    results: list[Finding] = []
    for r in RULES.values():
        for f in r.check(partnership) if r.check else ():
            severity: Severity = RULES.get(f.rule, r).severity
            if severity == "finding" and (strict or f.protocol in strict_ones):
                severity = "error"
            later = severity != "error" and f.protocol in agreed
            results.append(replace(f, severity=severity, next_review=later))
    results.sort(key=order)
    return results


#: Problems that cause others (a clause nested in another, a link to a missing item): reported
#: first, so the author fixes the cause before reading its knock-on messages.
ROOT_CAUSES = ("P17", "P01")


def order(f: Finding) -> tuple[int, str, int, str, str]:
    """Root causes first, then by file, line and rule."""
    rank = ROOT_CAUSES.index(f.rule) if f.rule in ROOT_CAUSES else len(ROOT_CAUSES)
    return (rank, f.docname, f.lineno, f.rule, f.message)


def describe(item: Item) -> str:
    """'Duty DUTY_X' - how messages name an item."""
    return f"{item.type_title} {item.id}"
