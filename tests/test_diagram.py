"""Accountability diagrams: Graphviz source, the text equivalent, and the build without dot."""

from __future__ import annotations

import re
import shutil

import pytest

from sphinx_protocols.core import diagram
from sphinx_protocols.tools import dot

from conftest import build_root, item, partnership, warnings_of


def _p():
    return partnership(
        item(
            "BODY_A",
            "body",
            "Alpha Board",
            abbreviation="AB",
            accountable_to=["ROLE_C"],
            challenges=["BODY_B"],
        ),
        item("BODY_B", "body", "Beta Board", abbreviation="BB"),
        item("ROLE_C", "role", "Chief Executive"),
        item("REP_A", "report", "Annual Report", produced_by=["BODY_A"]),
        item("LINE_A", "reporting_line", report=["REP_A"], recipient=["BODY_B"], action="Inform"),
    )


def test_relations_of_three_kinds_with_report_details() -> None:
    drawing = diagram.build(_p(), "PROT_T")
    assert [(r.kind, r.source, r.target, r.detail) for r in drawing.relations] == [
        ("accountable", "BODY_A", "ROLE_C", ""),
        ("challenge", "BODY_A", "BODY_B", ""),
        ("reports", "BODY_A", "BODY_B", "Annual Report: Inform"),
    ]
    assert drawing.nodes == ["BODY_A", "ROLE_C", "BODY_B"]


def test_dot_source_uses_line_styles_not_colour_alone() -> None:
    p = _p()
    source = diagram.to_dot(p, diagram.build(p, "PROT_T"))
    assert '"BODY_A" -> "ROLE_C" [style=solid' in source
    assert '"BODY_A" -> "BODY_B" [style=dotted' in source
    assert '"BODY_A" -> "BODY_B" [style=dashed' in source
    assert 'label="AB"' in source and 'shape=ellipse' in source


def test_alt_text_counts_what_is_drawn() -> None:
    p = _p()
    assert diagram.alt_text(p, diagram.build(p, "PROT_T")).startswith(
        "Diagram of 3 bodies, roles and organisations in Test protocol: 1 lines of accountability, "
        "1 reporting routes and 1 challenge or assurance links.")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_dot_draws_svg() -> None:
    p = _p()
    svg = dot.svg(diagram.to_dot(p, diagram.build(p, "PROT_T")))
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_without_dot_the_build_says_how_to_install_and_keeps_the_text(
    tmp_path_factory, monkeypatch
) -> None:
    monkeypatch.setattr(dot.shutil, "which", lambda name: None)
    app = build_root("test-diagram", tmp_path_factory)
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    assert (
        "Graphviz's 'dot' program is not installed" in status
        and "apt-get install graphviz" in status
    )
    html = (app.outdir / "index.html").read_text()
    assert "<img" not in html.split('class="protocols-diagram"')[1].split("</figure>")[0]
    assert "Accountable to:" in html and "Chief Executive" in html
    assert warnings_of(app) == []


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_with_dot_the_page_has_a_figure_with_alt_text(tmp_path_factory) -> None:
    app = build_root("test-diagram", tmp_path_factory)
    html = (app.outdir / "index.html").read_text()
    assert re.search(r'<img src="_images/prot-d-accountability.svg" '
                     r'alt="Diagram of 3 bodies', html)
    assert (app.outdir / "_images" / "prot-d-accountability.svg").is_file()
