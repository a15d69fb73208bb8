"""The reporting matrix before and after: both built with matrix.build_matrix, cell by cell.

Pure logic. Every cell, row and column carries a state in words (same, changed, added, removed),
so the page and the terminal can mark it with text and not with colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sphinx_protocols.core.matrix import Matrix, build_matrix
from sphinx_protocols.core.model import Partnership


@dataclass
class CellChange:
    column: str
    old: str
    new: str

    @property
    def state(self) -> str:
        if self.old == self.new:
            return "same"
        if not self.old:
            return "added"
        return "removed" if not self.new else "changed"


@dataclass
class RowChange:
    sender: str
    sender_name: str
    report: str
    report_name: str
    state: str  # same, changed, added, removed
    cells: list[CellChange] = field(default_factory=list)


@dataclass
class MatrixChange:
    protocol: str
    columns: list[tuple[str, str, str]]  # (ID, short name, state)
    rows: list[RowChange]

    @property
    def changed_cells(self) -> list[tuple[RowChange, CellChange]]:
        return [(r, c) for r in self.rows for c in r.cells if c.state != "same"]


def _cells(m: Matrix) -> dict[tuple[str, str], dict[str, str]]:
    table: dict[tuple[str, str], dict[str, str]] = {}
    for group in m.groups:
        for row in group.rows:
            table[(group.sender, row.report.id)] = {
                column: "; ".join(c.text for c in cells) for column, cells in row.cells.items()
            }
    return table


def compare_matrix(old_p: Partnership, new_p: Partnership, protocol: str) -> MatrixChange:
    """The protocol's matrix in both versions; rows and columns of either, in the new order
    first."""
    old_m = build_matrix(old_p, protocol) if protocol in old_p else Matrix(protocol, [], [])
    new_m = build_matrix(new_p, protocol) if protocol in new_p else Matrix(protocol, [], [])
    columns = list(dict.fromkeys([*new_m.columns, *old_m.columns]))
    old_cells, new_cells = _cells(old_m), _cells(new_m)

    def short(item_id: str) -> str:
        return new_p.short(item_id) if item_id in new_p else old_p.short(item_id)

    def label(item_id: str) -> str:
        return new_p.label(item_id) if item_id in new_p else old_p.label(item_id)

    column_states = [
        (c, short(c), "same" if c in old_m.columns and c in new_m.columns else
         "added" if c in new_m.columns else "removed")
        for c in columns
    ]
    rows = []
    for key in dict.fromkeys([*new_cells, *old_cells]):
        before, after = old_cells.get(key, {}), new_cells.get(key, {})
        cells = [CellChange(c, before.get(c, ""), after.get(c, "")) for c in columns]
        if key not in old_cells:
            state = "added"
        elif key not in new_cells:
            state = "removed"
        else:
            state = "same" if all(c.state == "same" for c in cells) else "changed"
        rows.append(RowChange(key[0], short(key[0]), key[1], label(key[1]), state, cells))
    return MatrixChange(protocol, column_states, rows)
