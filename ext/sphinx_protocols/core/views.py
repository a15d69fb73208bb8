"""Data for the generated views: duty register, signature page and body profiles.

Pure functions over the model; the templates in ``templates/protocols/`` lay them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.signatures import SignatureStatus
from sphinx_protocols.core.vocabulary import LINK_TYPES, profiled_types


@dataclass
class DutyGroup:
    owner: str  # an item ID, or "" for duties with no owner
    duties: list[Item] = field(default_factory=list)


def duty_register(p: Partnership, protocol: str) -> list[DutyGroup]:
    """Duties grouped by owner, owners in order of first appearance."""
    groups: dict[str, DutyGroup] = {}
    for duty in p.of_type("duty", protocol=protocol):
        for owner in duty.targets("owner") or [""]:
            groups.setdefault(owner, DutyGroup(owner)).duties.append(duty)
    return list(groups.values())


@dataclass
class SignatureBlock:
    signatory: Item
    role: str
    body: str
    signatures: list[SignatureStatus] = field(
        default_factory=list
    )  # given by this signatory, oldest first


def signature_blocks(
    p: Partnership, protocol: str, given: Sequence[SignatureStatus] = ()
) -> list[SignatureBlock]:
    """Who must sign: signatories written in the protocol or naming it in ':signs:'.

    ``given`` are the signatures recorded for the protocol; each block gets its signatory's own.
    """
    blocks = []
    for s in p.of_type("signatory"):
        signs = s.targets("signs")
        if (signs and protocol in signs) or (not signs and s.protocol == protocol):
            role = next(iter(s.targets("office")), "")
            body = next(iter(s.targets("on_behalf_of")), "")
            if not body and role in p:
                body = next(iter(p[role].targets("office_in")), "")
            mine = sorted(
                (g for g in given if g.signature.signatory == s.id), key=lambda g: g.signature.date
            )
            blocks.append(SignatureBlock(s, role, body, mine))
    return blocks


@dataclass
class ReportLine:
    report: str
    other: str  # the recipient of a report sent, or the sender of a report received
    action: str
    timing: str
    note: str
    line: str


@dataclass
class Relation:
    label: str
    link: str
    direction: str  # "out" or "in"
    items: list[Item]


@dataclass
class Profile:
    body: Item
    protocols: list[Item]
    duties: list[Item]
    sends: list[ReportLine]
    receives: list[ReportLine]
    relations: list[Relation]


# Links the profile shows in tables of their own, so the generic list leaves them out.
_SHOWN_APART = {("owner", "in"), ("sender", "in"), ("recipient", "in"), ("report", "in")}


def _lines_near(p: Partnership, body_id: str, produced: set[str]) -> list[Item]:
    """The reporting lines that may send from or to a body, in source order: those naming it as
    sender or recipient, and those of the reports it produces (a profile per body would otherwise
    read every line)."""
    near = {i.id: i for i in [*p.incoming(body_id, "sender"), *p.incoming(body_id, "recipient"),
                              *(line for r in produced for line in p.incoming(r, "report"))]
            if i.type == "reporting_line"}
    return sorted(near.values(), key=lambda i: (i.docname, i.lineno, i.id))


def profile(p: Partnership, body_id: str) -> Profile:
    """Everything a body owns, sends, receives and is linked to, in both directions."""
    body = p[body_id]
    sends, receives = [], []
    produced = {r.id for r in p.incoming(body_id, "produced_by")}
    for line in _lines_near(p, body_id, produced):
        report = p.report_of(line)
        if report is None:
            continue
        sender = p.sender_of(line)
        for recipient in line.targets("recipient"):
            if sender == body_id or (not sender and report.id in produced):
                sends.append(
                    ReportLine(
                        report.id,
                        recipient,
                        line.get("action"),
                        line.get("timing"),
                        line.get("note"),
                        line.id,
                    )
                )
            if recipient == body_id:
                receives.append(
                    ReportLine(
                        report.id,
                        sender,
                        line.get("action"),
                        line.get("timing"),
                        line.get("note"),
                        line.id,
                    )
                )
    relations = []
    for name, lt in LINK_TYPES.items():
        if (name, "out") not in _SHOWN_APART and (out := p.outgoing(body_id, name)):
            relations.append(Relation(lt.outgoing, name, "out", out))
        if (name, "in") not in _SHOWN_APART and (inc := p.incoming(body_id, name)):
            relations.append(Relation(lt.incoming, name, "in", inc))
    return Profile(
        body=body,
        protocols=p.protocols_of(body_id),
        duties=[d for d in p.incoming(body_id, "owner") if d.type == "duty"],
        sends=sends,
        receives=receives,
        relations=relations,
    )


def profiled(p: Partnership) -> list[Item]:
    """The items that get a profile page (bodies, roles, organisations): the first type first."""
    types = profiled_types()
    return sorted(p.of_type(*types), key=lambda i: (i.type != types[0], i.label.lower()))
