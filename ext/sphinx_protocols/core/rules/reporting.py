"""Rules on reporting lines: every matrix cell needs a report, a sender and a recipient."""

from __future__ import annotations

from collections.abc import Iterator

from sphinx_protocols.core.model import Partnership

from .base import Finding, describe, found, rule


@rule("P06", "error", "A reporting line has no report, sender or recipient.",
      "Add ':report:' and ':recipient:'; the sender comes from the report's ':produced_by:' "
      "or from ':sender:'.",
      "Reporting line LINE_X has no sender: neither ':sender:' nor the report's ':produced_by:' "
      "names one. Add ':sender:' with the ID of the body that sends it.")
def incomplete_line(p: Partnership) -> Iterator[Finding]:
    """The sender, found from the report's producer; a missing report or recipient is P15's check
    of the vocabulary's required links, reported under this rule's ID."""
    for line in p.of_type("reporting_line"):
        if line.links.get("report") and not line.links.get("sender") and not p.sender_of(line):
            yield found("P06", line, f"{describe(line)} has no sender: neither ':sender:' nor the "
                        "report's ':produced_by:' names one. Add ':sender:' with the ID of the body "
                        "that sends it.")


@rule("P08", "error", "A report is sent to the body that produces it.",
      "Choose another recipient, or delete the line.",
      "Reporting line LINE_X sends REP_AR to BODY_A, which produces it. Choose another recipient, "
      "or delete the line.")
def sent_to_producer(p: Partnership) -> Iterator[Finding]:
    for line in p.of_type("reporting_line"):
        sender = p.sender_of(line)
        report = p.report_of(line)
        producers = set(report.targets("produced_by")) if report else set()
        for recipient in line.targets("recipient"):
            if recipient == sender or recipient in producers:
                what = report.id if report else "its report"
                yield found("P08", line, f"{describe(line)} sends {what} to {recipient}, which produces it. "
                            "Choose another recipient, or delete the line.", "recipient")


@rule("P12", "error", "A reporting line's sender is not the producer of its report.",
      "Make ':sender:' match the report's ':produced_by:', or leave ':sender:' out.",
      "Reporting line LINE_X is sent by BODY_B, but its report REP_AR is produced by BODY_A. "
      "Make them agree, or leave out ':sender:'.")
def sender_not_producer(p: Partnership) -> Iterator[Finding]:
    for line in p.of_type("reporting_line"):
        report = p.report_of(line)
        senders = line.targets("sender")
        producers = report.targets("produced_by") if report else []
        if report and senders and producers and senders[0] not in producers:
            yield found("P12", line, f"{describe(line)} is sent by {senders[0]}, but its report {report.id} "
                        f"is produced by {', '.join(producers)}. Make them agree, or leave out ':sender:'.",
                        "sender")
