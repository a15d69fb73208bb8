"""The accountability diagram of a protocol, and its text equivalent, from the same edges.

Pure: Graphviz source and a grouped list. render.py runs ``dot`` (graphviz.py) and lays them out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.vocabulary import ITEM_TYPES, LINK_TYPES, is_actor


@dataclass(frozen=True)
class Relation:
    kind: str  # "accountable", "reports" or "challenge"
    source: str
    target: str
    detail: str = ""  # e.g. the reports sent, with their actions


STYLES = {  # line style carries the meaning, so colour is never the only cue
    "accountable": ('style=solid, color="#0b0c0c", penwidth=1.6', "accountable to"),
    "reports": ('style=dashed, color="#1d70b8"', "sends reports to"),
    "challenge": ('style=dotted, color="#b1480b", penwidth=1.6', "challenges or seeks assurance from"),
}


@dataclass
class Diagram:
    protocol: str
    nodes: list[str]
    relations: list[Relation]
    by_source: dict[str, list[Relation]] = field(default_factory=dict)


def relations(p: Partnership, protocol: str) -> list[Relation]:
    """Accountability, reporting and challenge links that start in the protocol."""
    found: list[Relation] = []
    drawn = [lt for lt in LINK_TYPES.values() if lt.diagram in STYLES]
    for item in p.items_of(protocol):
        if is_actor(item.type):
            for lt in drawn:
                found += [Relation(lt.diagram, item.id, t) for t in item.targets(lt.name) if t in p]
    sent: dict[tuple[str, str], list[str]] = defaultdict(list)
    for line in p.of_type("reporting_line", protocol=protocol):
        sender, report = p.sender_of(line), p.report_of(line)
        for recipient in line.targets("recipient"):
            if sender in p and recipient in p and report is not None:
                sent[(sender, recipient)].append(f"{report.label}: {line.get('action') or 'action not stated'}")
    found += [Relation("reports", s, r, "; ".join(d)) for (s, r), d in sent.items()]
    return found


def build(p: Partnership, protocol: str) -> Diagram:
    rels = relations(p, protocol)
    nodes = list(dict.fromkeys([n for r in rels for n in (r.source, r.target)]))
    by_source: dict[str, list[Relation]] = {}
    for rel in rels:
        by_source.setdefault(rel.source, []).append(rel)
    return Diagram(protocol, nodes, rels, by_source)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(p: Partnership, diagram: Diagram) -> str:
    """Graphviz source: each actor in its type's shape (bodies boxes, roles ellipses ...)."""
    lines = [
        "digraph accountability {",
        '  graph [rankdir=LR, fontname="DejaVu Sans", nodesep=0.35, ranksep=0.6];',
        '  node [fontname="DejaVu Sans", fontsize=11, style=filled, fillcolor="#ffffff", color="#0b0c0c"];',
        '  edge [fontname="DejaVu Sans", fontsize=9, arrowsize=0.7];',
    ]
    for node in diagram.nodes:
        item = p[node]
        lines.append(f"  {_quote(node)} [label={_quote(_wrap(item.short if item.type == 'body' else item.label))}, "
                     f"shape={_shape(item.type)}, tooltip={_quote(item.label)}];")
    for rel in diagram.relations:
        style, words = STYLES[rel.kind]
        lines.append(f"  {_quote(rel.source)} -> {_quote(rel.target)} [{style}, "
                     f"tooltip={_quote(p.label(rel.source) + ' ' + words + ' ' + p.label(rel.target))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _shape(item_type: str) -> str:
    return ITEM_TYPES[item_type].shape if item_type in ITEM_TYPES else "box"


def _wrap(text: str, width: int = 22) -> str:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return "\n".join(lines)


def alt_text(p: Partnership, diagram: Diagram) -> str:
    counts = {kind: sum(1 for r in diagram.relations if r.kind == kind) for kind in STYLES}
    return (f"Diagram of {len(diagram.nodes)} bodies, roles and organisations in {p.label(diagram.protocol)}: "
            f"{counts['accountable']} lines of accountability, {counts['reports']} reporting routes and "
            f"{counts['challenge']} challenge or assurance links. The list after the diagram gives the same "
            "information in words.")
