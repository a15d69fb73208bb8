"""Numbered validation rules over a :class:`~sphinx_protocols.core.model.Partnership`.

Errors (``P`` rules) fail the build. Findings (``F`` rules) are a reviewer's list and never block
publishing; in an agreed protocol they are to resolve at the next review (``Finding.next_review``).
Notes (``N`` rules) are for the next review. ``base`` says what a rule is; each other module
registers the rules of one subject, in the order the guide lists them.
"""

from __future__ import annotations

from . import (  # noqa: F401  (registers the rules, in the order the guide lists them)
    imported,
    lexicon,
    lifecycle,
    links,
    meetings,
    names,
    reading,
    reporting,
    structure,
    text,
    timings,
    versions,
)
from .base import (
           RULES,
           Finding,
           Rule,
           Severity,
           describe,
           documented,
           found,
           order,
           rule,
           run_rules,
)

__all__ = ["RULES", "Finding", "Rule", "Severity", "describe", "documented", "found", "order",
           "rule",
           "run_rules"]
