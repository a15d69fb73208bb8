"""Real Sphinx builds of small projects: located errors, and the generated views in HTML."""

from __future__ import annotations

import csv
import re

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import build_root, warnings_of


def warning_lines(app: SphinxTestApp) -> list[str]:
    return warnings_of(app)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    return warning_lines(build_root("test-broken", tmp_path_factory))


EXPECTED_BROKEN = [
    "proto/index.md:31: WARNING: Two items have the ID 'DUTY_Y'; the first is at proto/index:26. "
    "Give this item a "
    "different ID: every ID must be unique across the site. [protocols.P04]",
    "proto/index.md:36: WARNING: The ID 'duty_x' is not valid: use capital letters, digits and "
    "underscores, "
    "starting with the type's prefix (for example DUTY_ANNUAL_REPORT). This item was left out of "
    "the site. "
    "[protocols.P13]",
    "proto/index.md:23: WARNING: Duty DUTY_X: ':owner:' names 'BODY_NOPE', which is not an item in "
    "this site. Check the "
    "spelling of the ID, or add the item it means. [protocols.P01]",
    "proto/index.md:28: WARNING: Duty DUTY_Y: ':owner:' names 'LAW_CA', which is a statute, but it "
    "must name "
    "a body, role or organisation. [protocols.P02]",
    "proto/index.md:49: WARNING: Reporting line LINE_SELF sends REP_AR to BODY_A, which produces "
    "it. Choose "
    "another recipient, or delete the line. [protocols.P08]",
    "proto/index.md:50: WARNING: Reporting line LINE_SELF: the action 'Tell' is not in the "
    "vocabulary. Use one "
    "of: Inform, Consult, Assure, Approve, Challenge, Escalate, Note, ✓. [protocols.P10]",
]


@pytest.mark.parametrize(
    "expected", EXPECTED_BROKEN, ids=lambda e: e.rsplit("[", 1)[-1].rstrip("]")
)
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
    assert re.search(
        r'<th scope="col"[^>]*><a [^>]*>BB</a></th>\s*'
        r'<th scope="col"[^>]*><a [^>]*>AB</a></th>',
        html,
    )
    assert '<th scope="rowgroup"' in html and '<th scope="row"' in html
    assert "Inform</a> – October" in html and "Reflect it in the strategy" in html
    assert "protocols-diagonal" in html  # Alpha's own column in Alpha's row


def test_matrix_csv_is_written_beside_the_page(clean) -> None:
    path = clean.outdir / "proto" / "prot-t-reporting-matrix.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows == [["From", "Report", "BB", "AB"],
                    ["AB", "Annual Report", "Inform – October Reflect it in the strategy", ""]]


def test_profile_pages_show_links_both_ways(clean) -> None:
    alpha = (clean.outdir / "profiles" / "BODY_A.html").read_text()
    beta = (clean.outdir / "profiles" / "BODY_B.html").read_text()
    assert "<dt>Accountable to</dt>" in alpha and "Beta Board" in alpha
    assert "<dt>Receives accountability from</dt>" in beta and "Alpha Board" in beta
    assert "<h1>Beta Board</h1>" in beta
    assert "<dt>Challenged by</dt>" in alpha and "<dt>Challenges</dt>" in beta
    assert "Publish an annual report" in alpha  # duty it owns
    assert "Reports it sends" in alpha and "October" in alpha
    assert "Reports it receives" in beta and "Annual Report" in beta
    assert "<dt>Chaired by</dt>" in alpha and "Independent Chair" in alpha


def test_duty_register_and_signature_page(clean) -> None:
    html = (clean.outdir / "proto" / "index.html").read_text()
    assert "Duties of Alpha Board" in html and "Children Act 2004, section 14" in html
    # one signatory, as a partnership writes the block: name (left blank), organisation, designation
    assert 'Organisation: <span class="protocols-line">Alpha Board</span>' in html
    assert 'Designation: <span class="protocols-line">Independent Chair</span>' in html
    assert 'Name: <span class="protocols-line"></span>' in html
    assert html.count('class="protocols-line"') == 5


def test_findings_page_lists_draft_findings(clean) -> None:
    html = (clean.outdir / "findings.html").read_text()
    assert "Theme THEME_X has no confirmed lead" in html and "F02" in html


EXPECTED_MORE = [
    "proto/more.md:5: WARNING: Accountability goes round in a circle: BODY_G -> BODY_H -> BODY_G. "
    "Accountability "
    "runs one way; for mutual scrutiny use ':challenges:' or ':seeks_assurance_from:' instead. "
    "[protocols.P09]",
    "proto/more.md:16: WARNING: Report REP_OWNED: a report cannot have the link 'owner'; it "
    "belongs on a duty. "
    "[protocols.P03]",
    "proto/more.md:19: WARNING: Duty DUTY_NOBODY has no owner. Add ':owner:' with the ID of the "
    "body, role or "
    "organisation it names. [protocols.P05]",
    "proto/more.md:22: WARNING: ':ownr:' is not an option of any item type, so it was ignored. Did "
    "you mean "
    "':owner:'? The guide's reference lists every field and link. [protocols.P14]",
    "proto/more.md:25: WARNING: Reporting line LINE_NOWHERE has no recipient. Add ':recipient:' "
    "with the ID of the "
    "body that receives it. [protocols.P06]",
    "proto/more.md:34: WARNING: Reporting line LINE_WRONG is sent by BODY_H, but its report "
    "REP_OWNED is produced "
    "by BODY_G. Make them agree, or leave out ':sender:'. [protocols.P12]",
    "proto/more.md:39: WARNING: Signatory SIGN_NOBODY has no office. Add ':office:' with the ID of "
    "the role it "
    "names. [protocols.P07]",
    "proto/more.md:43: WARNING: Body BSCB: the ID of a body must start with 'BODY_', for example "
    "BODY_BSCB. "
    "[protocols.P11]",
    "proto/more.md:47: WARNING: The text refers to 'BODY_MISSING', which is not an item in this "
    "site. Check the "
    "spelling of the ID, or add the item it means. [protocols.P01]",
]
EXPECTED_BROKEN.extend(EXPECTED_MORE)


@pytest.mark.parametrize("expected", EXPECTED_MORE, ids=lambda e: e.rsplit("[", 1)[-1].rstrip("]"))
def test_more_errors_are_located(broken, expected) -> None:
    assert expected in broken


EXPECTED_FINDINGS = [
    "proto/index.md:3: finding: Protocol PROT_D has no next review date. Add ':next_review:' with "
    "the date the "
    "review is due (YYYY-MM-DD). [protocols.F03]",
    "proto/index.md:3: finding: Protocol PROT_D has no version. Add ':version:', for example V1.0. "
    "[protocols.F07]",
    "proto/index.md:16: finding: Body BODY_CB still has placeholder text: 'to be added'. Replace "
    "it with the real "
    "text before the protocol is agreed. [protocols.F01]",
    "proto/index.md:14: finding: Body BODY_CB is listed among the bodies it challenges. Remove "
    "BODY_CB from its own "
    "':challenges:' list. [protocols.F04]",
    "proto/index.md:21: finding: Theme THEME_E has no confirmed lead: it is marked 'to be "
    "confirmed'. Name the body "
    "that leads it once the partnership has agreed. [protocols.F02]",
    "proto/index.md:23: finding: Theme THEME_E writes 'BCCB', which is one letter away from 'BSCB' "
    "(Children "
    "Board). Correct it, or add a term item if it means something else. [protocols.F05]",
    "proto/index.md:23: finding: Theme THEME_E writes 'SECTU', which this protocol does not "
    "define. Add a term "
    "item saying what it stands for. [protocols.F06]",
    "proto/index.md:8: finding: Protocol PROT_D names 'Children's Trust Board', which ended on "
    "2011-03-31, before "
    "this protocol's legal date (2015-04-01). Replace it with: the Eastshire Children and Young "
    "People's "
    "Partnership. [protocols.F08]",
    "proto/index.md:8: note: Protocol PROT_D names 'Working Together 2015', which was right on "
    "this protocol's "
    "legal date (2015-04-01) but ended on 2018-07-04. At the next review, use: Working Together to "
    "Safeguard "
    "Children 2018. [protocols.N01]",
]


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    app = build_root("test-findings", tmp_path_factory)
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return app, [
        line.replace(str(app.srcdir) + "/", "")
        for line in text.splitlines()
        if "finding:" in line or "note:" in line
    ]


@pytest.mark.parametrize(
    "expected", EXPECTED_FINDINGS, ids=lambda e: e.rsplit("[", 1)[-1].rstrip("]")
)
def test_findings_are_located_and_do_not_fail_a_draft(draft, expected) -> None:
    app, lines = draft
    assert expected in lines
    assert warning_lines(app) == []


def test_findings_summary_is_printed(draft) -> None:
    app, _ = draft
    assert (
        "Protocol checks: 0 errors, 9 findings for review, 1 note for the next review."
        in app.status.getvalue()
    )


def test_a_change_on_one_page_updates_names_and_profiles_on_others(tmp_path) -> None:
    """Rebuild after editing one page: the owner's profile lists the new duty, and a renamed owner
    is named afresh on the cards of the other page (cards name the items they link to)."""
    import shutil

    from sphinx.testing.util import SphinxTestApp

    from conftest import ROOTS

    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-clean", src)
    (src / "index.md").write_text(
        (src / "index.md").read_text().replace("proto/index\n", "proto/index\nduties\n")
    )
    duty = ":::{{duty}} {title}\n:id: {id}\n:owner: BODY_B\n:modality: will\n:::\n"
    (src / "duties.md").write_text("# Duties\n\n" + duty.format(title="First", id="DUTY_FIRST"))
    for added in ("", duty.format(title="Added later", id="DUTY_LATER")):
        if added:
            (src / "duties.md").write_text((src / "duties.md").read_text() + "\n" + added)
            proto = src / "proto" / "index.md"
            old, new = ":::{body} Beta Board", ":::{body} Beta Partnership Board"
            proto.write_text(proto.read_text().replace(old, new))
        app = SphinxTestApp("html", srcdir=src)
        try:
            app.build()
        finally:
            app.cleanup()
    assert "Added later" in (app.outdir / "profiles" / "BODY_B.html").read_text()
    duties = (app.outdir / "duties.html").read_text()
    assert duties.count(">Beta Partnership Board</a>") == 2 and ">Beta Board</a>" not in duties


def test_meeting_rules_and_lexicon_views(clean) -> None:
    html = (clean.outdir / "proto" / "index.html").read_text()
    assert "How <a" in html and "Alpha Board</a> meets" in html
    assert '<th scope="row">Notice</th><td>10 working days</td>' in html
    assert '<th scope="row">Quorum</th>' in html
    terms = (clean.outdir / "bodies.html").read_text()
    assert '<th scope="row">Probation Trust</th>' in terms and "1 June 2014" in terms
