"""A matrix too wide for a page is printed in parts: every cell kept, columns as even as they can
be."""

from __future__ import annotations

from sphinx_protocols.core.matrix import build_matrix, split_columns

from conftest import item, partnership


def _wide(bodies: int):
    items = [item(f"BODY_{i}", "body", f"Board {i}") for i in range(bodies)]
    items.append(item("REP_A", "report", "Annual report", produced_by=["BODY_0"]))
    items += [
        item(
            f"LINE_{i}",
            "reporting_line",
            report=["REP_A"],
            recipient=[f"BODY_{i}"],
            action="Inform",
        )
        for i in range(1, bodies)
    ]
    items.append(item("REP_B", "report", "Plan", produced_by=["BODY_1"]))
    items.append(
        item("LINE_B", "reporting_line", report=["REP_B"], recipient=["BODY_2"], action="Consult")
    )
    return build_matrix(partnership(*items), "PROT_T", [f"BODY_{i}" for i in range(bodies)])


def test_a_matrix_that_fits_is_one_part() -> None:
    matrix = _wide(8)
    assert split_columns(matrix, 8) == [matrix]


def test_a_wide_matrix_is_split_evenly_and_keeps_every_cell() -> None:
    matrix = _wide(20)
    parts = split_columns(matrix, 8)
    assert [len(part.columns) for part in parts] == [7, 7, 6]
    assert [c for part in parts for c in part.columns] == matrix.columns
    assert sum(part.lines for part in parts) == matrix.lines == 20
    assert [part.protocol for part in parts] == ["PROT_T-part-1", "PROT_T-part-2", "PROT_T-part-3"]
    reports = [[row.report.id for group in part.groups for row in group.rows] for part in parts]
    assert reports == [
        ["REP_A", "REP_B"],
        ["REP_A"],
        ["REP_A"],
    ]  # the plan goes only to a body of part 1
