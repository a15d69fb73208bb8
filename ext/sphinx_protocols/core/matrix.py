"""Pivot reporting lines into the matrix a board chair reads: reports down, receiving bodies
across."""

from __future__ import annotations

from dataclasses import dataclass, field

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.vocabulary import ACTIONS


@dataclass
class Cell:
    action: str
    timing: str = ""
    note: str = ""
    line_id: str = ""

    @property
    def text(self) -> str:
        """The cell as one line of plain text (CSV, screen readers)."""
        parts = [self.action]
        if self.timing:
            parts.append(f"– {self.timing}")
        if self.note:
            parts.append(self.note)
        return " ".join(parts)


@dataclass
class Row:
    report: Item
    cells: dict[str, list[Cell]] = field(default_factory=dict)


@dataclass
class Group:
    sender: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Matrix:
    protocol: str
    columns: list[str]
    groups: list[Group]
    lines: int = 0

    @property
    def actions_used(self) -> list[str]:
        used = {
            c.action for g in self.groups for r in g.rows for cs in r.cells.values() for c in cs
        }
        return [a for a in ACTIONS if a in used]


def default_columns(p: Partnership, protocol: str) -> list[str]:
    """The parties of the protocol in the order written, else bodies in order of appearance."""
    proto = p.get(protocol)
    if proto is not None and proto.targets("parties"):
        return proto.targets("parties")
    seen: dict[str, None] = {}
    for line in p.of_type("reporting_line", protocol=protocol):
        seen.setdefault(p.sender_of(line), None)
        for r in line.targets("recipient"):
            seen.setdefault(r, None)
    return [s for s in seen if s]


def build_matrix(p: Partnership, protocol: str, columns: list[str] | None = None) -> Matrix:
    """Rows grouped by producing body, columns in the given order; the diagonal stays empty."""
    lines = p.of_type("reporting_line", protocol=protocol)
    columns = list(columns or default_columns(p, protocol))
    for line in lines:  # a recipient missing from the order is added at the end, never dropped
        for r in line.targets("recipient"):
            if r not in columns:
                columns.append(r)
    groups: dict[str, Group] = {}
    order = {c: i for i, c in enumerate(columns)}
    for line in lines:
        sender = p.sender_of(line)
        report = p.report_of(line)
        if not sender or report is None:
            continue  # reported by rule P06
        group = groups.setdefault(sender, Group(sender))
        row = next((r for r in group.rows if r.report.id == report.id), None)
        if row is None:
            row = Row(report)
            group.rows.append(row)
        cell = Cell(line.get("action"), line.get("timing"), line.get("note"), line.id)
        for recipient in line.targets("recipient"):
            row.cells.setdefault(recipient, []).append(cell)
    ordered = sorted(groups.values(), key=lambda g: (order.get(g.sender, len(order)), g.sender))
    return Matrix(protocol, columns, ordered, len(lines))


def split_columns(matrix: Matrix, size: int) -> list[Matrix]:
    """The matrix in parts of at most ``size`` receiving bodies each, for pages too narrow for all.

    The parts are as even as they can be. A part keeps only the reports sent to one of its bodies,
    and its ``protocol`` gets '-part-N' so that each part's caption has an HTML id of its own.
    """
    if size <= 0 or len(matrix.columns) <= size:
        return [matrix]
    count = -(-len(matrix.columns) // size)
    width = -(-len(matrix.columns) // count)
    parts = []
    for number, start in enumerate(range(0, len(matrix.columns), width), 1):
        columns = matrix.columns[start:start + width]
        groups = []
        for group in matrix.groups:
            rows = [
                Row(r.report, {c: r.cells[c] for c in columns if c in r.cells}) for r in group.rows
            ]
            if rows := [r for r in rows if r.cells]:
                groups.append(Group(group.sender, rows))
        lines = {
            c.line_id for g in groups for r in g.rows for cells in r.cells.values() for c in cells
        }
        parts.append(Matrix(f"{matrix.protocol}-part-{number}", columns, groups, len(lines)))
    return parts

