"""A made-up agreed protocol with the quirks real ones have, built for real.

Blank date cells, co-chairs, one chair of two boards, a board over four areas, a half-filled
signature table and a review date long passed: it must publish (no errors), with every gap listed
as a finding to resolve at the next review.
"""

from __future__ import annotations

import re

import pytest

from sphinx_protocols.sphinxext.checks import get_findings

from conftest import build_root, warnings_of


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_root("test-agreed", tmp_path_factory, tags=["partners"])  # findings: partners


def test_an_agreed_protocol_long_past_review_publishes_without_errors(built) -> None:
    assert warnings_of(built) == []
    assert (built.outdir / "tees" / "index.html").is_file()


def test_its_gaps_are_findings_to_resolve_at_the_next_review(built) -> None:
    findings = get_findings(built)
    assert {f.severity for f in findings} <= {"finding", "note"}
    assert all(f.next_review for f in findings if f.severity == "finding")
    got = sorted((f.rule, f.item_id) for f in findings if f.severity == "finding")
    assert got == [("F15", "PROT_RIV"), ("F17", "PROT_RIV"), ("F17", "PROT_RIV"),
                   ("F17", "VER_RIV_2"),
                   ("F18", "SIGN_RIV_COCHAIR")]


def test_the_console_says_what_the_findings_mean(built) -> None:
    status = re.sub(r"\x1b\[[0-9;]*m", "", built.status.getvalue())
    assert ("Joint working protocol between the Riverside safeguarding boards: 0 errors, "
            "5 findings to resolve at the next review") in status
    assert ("to resolve at the next review: Protocol PROT_RIV was due for review on "
            "2018-03-14") in status


def test_the_findings_page_heads_them_for_the_next_review(built) -> None:
    html = (built.outdir / "findings.html").read_text(encoding="utf-8")
    assert "to resolve at the next review" in html
    assert "Signatory SIGN_RIV_COCHAIR has no recorded signature (its cell in the source" in html
