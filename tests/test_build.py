"""Real Sphinx builds of small projects: located errors, and the generated views in HTML."""

from __future__ import annotations

import csv
import re

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import build_root


def warning_lines(app: SphinxTestApp) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line.replace(str(app.srcdir) + "/", "") for line in text.splitlines() if "WARNING" in line]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    return warning_lines(build_root("test-broken", tmp_path_factory))


EXPECTED_BROKEN = [
    "proto/index.md:31: WARNING: Two items have the ID 'DUTY_Y'; the first is at proto/index:26. Give this item a "
    "different ID: every ID must be unique across the site. [protocols.P04]",
    "proto/index.md:36: WARNING: The ID 'duty_x' is not valid: use capital letters, digits and underscores, "
    "starting with the type's prefix (for example DUTY_ANNUAL_REPORT). This item was left out of the site. "
    "[protocols.P13]",
    "proto/index.md:23: WARNING: Duty DUTY_X: the owner 'BODY_NOPE' is not an item in this site. Check the "
    "spelling of the ID, or add the item it means. [protocols.P01]",
    "proto/index.md:28: WARNING: Duty DUTY_Y: the owner 'LAW_CA' is a statute, but an owner must be a body, "
    "role or organisation. [protocols.P02]",
    "proto/index.md:49: WARNING: Reporting line LINE_SELF sends REP_AR to BODY_A, which produces it. Choose "
    "another recipient, or delete the line. [protocols.P08]",
    "proto/index.md:50: WARNING: Reporting line LINE_SELF: the action 'Tell' is not in the vocabulary. Use one "
    "of: Inform, Consult, Assure, Approve, Challenge, Escalate, Note, ✓. [protocols.P10]",
]


@pytest.mark.parametrize("expected", EXPECTED_BROKEN, ids=lambda e: e.rsplit("[", 1)[-1].rstrip("]"))
def test_error_is_located_in_plain_english(broken, expected) -> None:
    assert expected in broken


def test_nothing_else_is_reported(broken) -> None:
    assert sorted(broken) == sorted(EXPECTED_BROKEN)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return build_root("test-clean", tmp_path_factory)


def test_clean_project_builds_without_warnings(clean) -> None:
    assert warning_lines(clean) == []


def test_matrix_has_table_semantics(clean) -> None:
    html = (clean.outdir / "proto" / "index.html").read_text()
    assert "<caption" in html and "Who sends what to whom" in html
    assert re.search(r'<th scope="col"><a [^>]*>BB</a></th>\s*<th scope="col"><a [^>]*>AB</a></th>', html)
    assert '<th scope="rowgroup"' in html and '<th scope="row">' in html
    assert "Inform</a> – October" in html and "Reflect it in the strategy" in html
    assert "protocols-diagonal" in html  # Alpha's own column in Alpha's row


def test_matrix_csv_is_written_beside_the_page(clean) -> None:
    rows = list(csv.reader((clean.outdir / "proto" / "prot-t-reporting-matrix.csv").open()))
    assert rows == [["From", "Report", "BB", "AB"],
                    ["AB", "Annual Report", "Inform – October Reflect it in the strategy", ""]]


def test_profile_pages_show_links_both_ways(clean) -> None:
    alpha = (clean.outdir / "profiles" / "BODY_A.html").read_text()
    beta = (clean.outdir / "profiles" / "BODY_B.html").read_text()
    assert "accountable to" in alpha and "Beta Board" in alpha
    assert "Has accountable to it" in beta and "Alpha Board" in beta
    assert "Challenged by" in alpha and "challenges" in beta
    assert "Publish an annual report" in alpha  # duty it owns
    assert "Reports it sends" in alpha and "October" in alpha
    assert "Reports it receives" in beta and "Annual Report" in beta
    assert "Chaired by" in alpha and "Independent Chair" in alpha


def test_duty_register_and_signature_page(clean) -> None:
    html = (clean.outdir / "proto" / "index.html").read_text()
    assert "Duties of Alpha Board" in html and "Children Act 2004, section 14" in html
    assert "Independent Chair</strong>, for Alpha Board" in html
    assert html.count('class="protocols-line"') == 3


def test_findings_page_lists_draft_findings(clean) -> None:
    html = (clean.outdir / "findings.html").read_text()
    assert "Theme THEME_X has no confirmed lead" in html and "F02" in html
