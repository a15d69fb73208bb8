"""Findings about a protocol's version: a review date that has passed, a label that disagrees with its tag."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.versions import is_later

from .base import Finding, describe, found, rule


@rule("F15", "finding", "A protocol's next review date has passed.",
      "Review the protocol with its parties, then set ':last_reviewed:' to the date of the review and "
      "':next_review:' to the next one.",
      "Protocol PROT_X was due for review on 2020-01-01, and that date has passed. Review it with the "
      "parties, then set ':last_reviewed:' and a new ':next_review:'.")
def overdue_review(p: Partnership) -> Iterator[Finding]:
    for protocol in p.protocols:
        due = protocol.get("next_review")
        try:
            date = dt.date.fromisoformat(due)
        except ValueError:
            continue  # no date (F03), or not a date (P-rule on field values)
        if date < p.today:
            yield found("F15", protocol, f"{describe(protocol)} was due for review on {due}, and that date has "
                        "passed. Review it with the parties, then set ':last_reviewed:' and a new "
                        "':next_review:'.", "next_review")


@rule("F16", "finding", "A protocol's version label does not match its nearest git tag.",
      "Make ':version:' say the version the tag names, or raise it when the protocol has changed since "
      "the tag; tag each agreed version as FOLDER/LABEL (for example buckinghamshire/V0.6).",
      "Protocol PROT_X says version V1, but its nearest tag, proto/V2, names version V2. Make ':version:' "
      "match the tag, or correct the tag.")
def tag_mismatch(p: Partnership) -> Iterator[Finding]:
    for protocol in p.protocols:
        check = p.tags.get(protocol.id)
        if check is None:
            continue
        label = protocol.get("version")
        if label.lower() == check.label.lower():
            if check.changed_since:
                yield found("F16", protocol, f"{describe(protocol)} has changed since the tag {check.tag}, but "
                            f"still says version {label}. Raise ':version:' so the changed text is not taken "
                            "for the tagged one.", "version")
        elif not is_later(label, check.label):
            yield found("F16", protocol, f"{describe(protocol)} says version {label or 'nothing'}, but its "
                        f"nearest tag, {check.tag}, names version {check.label}. Make ':version:' match the "
                        "tag, or correct the tag.", "version")
