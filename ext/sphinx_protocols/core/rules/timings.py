"""Rules on timings: a reporting line's timing must be one the reporting calendar can read."""

from __future__ import annotations

from collections.abc import Iterator

from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.timing import parse

from .base import Finding, describe, found, rule

#: What to write instead, the same in the rule's fix, its example and every message.
FORMS = (
    "Write a month ('October'), a quarter ('Q2'), a season ('autumn'), a frequency "
    "('quarterly', 'annually in October') or a time tied to a meeting ('within 2 weeks of "
    "the meeting')."
)


@rule(
    "F21",
    "finding",
    "A reporting line's timing cannot be read as a time of year.",
    FORMS,
    "Reporting line LINE_X has the timing 'regularly', which the reporting calendar cannot "
    f"place. {FORMS}",
)
def unreadable_timing(p: Partnership) -> Iterator[Finding]:
    for line in p.of_type("reporting_line"):
        text = line.get("timing")
        if text and parse(text) is None:
            yield found(
                "F21",
                line,
                f"{describe(line)} has the timing '{text}', which the "
                f"reporting calendar cannot place. {FORMS}",
                "timing",
            )
