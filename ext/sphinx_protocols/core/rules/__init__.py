"""Numbered validation rules over a :class:`~sphinx_protocols.core.model.Partnership`.

Errors (``P`` rules) fail the build. Findings (``F`` rules) are what a reviewer must see but
that may stand in a draft; in a protocol whose status is ``agreed`` they count as errors.
Notes (``N`` rules) are for the next review. ``base`` says what a rule is; each other module
registers the rules of one subject, in the order the guide lists them.
"""

from __future__ import annotations

from . import lexicon, links, meetings, names, reporting, text, versions  # noqa: F401  (registers)
from .base import RULES, Finding, Rule, Severity, describe, documented, found, rule, run_rules

__all__ = ["RULES", "Finding", "Rule", "Severity", "describe", "documented", "found", "rule",
           "run_rules"]
