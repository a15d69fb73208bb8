"""Findings on a protocol's own record: blank date cells, and agreed protocols left unsigned.

They never stop the build: an agreed protocol is published as agreed, and these are the gaps its
next review must close (see the guide's page on restating an agreed protocol).
"""

from __future__ import annotations

from collections.abc import Iterator

from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.views import signature_blocks
from sphinx_protocols.core.vocabulary import BLANK_MARKERS

from .base import Finding, describe, found, rule

#: How a date field is called on the cover of a protocol's document.
COVER_NAMES = {
    "date_agreed": "date agreed",
    "in_force": "date in force",
    "last_reviewed": "date reviewed",
    "next_review": "date to be reviewed",
    "date": "date",
}


@rule("F17", "finding", "A date on the protocol's record is blank in the source, or an agreed protocol "
      "does not say when it was agreed.",
      "Write the date (YYYY-MM-DD) once the partnership has confirmed it; until then keep 'blank'.",
      "Protocol PROT_X: the date agreed is blank in the source. Write it (YYYY-MM-DD) once the "
      "partnership has confirmed it.")
def blank_dates(p: Partnership) -> Iterator[Finding]:
    for item in p.of_type("protocol", "version"):
        for name, cover in COVER_NAMES.items():
            if item.get(name) in BLANK_MARKERS:
                yield found("F17", item, f"{describe(item)}: the {cover} is blank in the source. Write it "
                            "(YYYY-MM-DD) once the partnership has confirmed it.", name)
        if item.type == "protocol" and item.status == "agreed" and not item.get("date_agreed"):
            yield found("F17", item, f"{describe(item)} is agreed but does not say when. Add ':date_agreed:' "
                        "with the date, or 'blank' where the source leaves it empty.")


@rule("F18", "finding", "An agreed protocol has a signatory whose signature is not recorded.",
      "Record the signature with `protocols sign` once it is given (or the date the source's "
      "signature table shows, in ':signed_on:').",
      "Signatory SIGN_X has no recorded signature, but the protocol is agreed. Record it with "
      "'protocols sign' once it is given.")
def unsigned(p: Partnership) -> Iterator[Finding]:
    for protocol in p.protocols:
        if protocol.status != "agreed":
            continue
        signed = p.signed.get(protocol.id, set())
        for block in signature_blocks(p, protocol.id):
            signatory = block.signatory
            on_paper = signatory.get("signed_on")
            if signatory.id in signed or (on_paper and on_paper not in BLANK_MARKERS):
                continue
            cell = " (its cell in the source's signature table is blank)" if on_paper else ""
            yield found("F18", signatory, f"{describe(signatory)} has no recorded signature{cell}, but the "
                        "protocol is agreed. Record it with 'protocols sign' once it is given.")
