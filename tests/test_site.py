"""The bundled example partnership: builds clean, reproduces the seed's matrix, shows its
defects."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from sphinx_protocols.core.matrix import build_matrix
from sphinx_protocols.sphinxext.checks import get_findings, get_partnership

from conftest import REPO, warnings_of

FIXTURE = json.loads((REPO / "tests" / "fixtures" / "bucks_matrix.json").read_text())
BUCKS_NOTE = "Should be formally reflected within JHWS and commissioning intentions"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path_factory.mktemp("site") / "protocols"
    shutil.copytree(REPO / "protocols", src, ignore=shutil.ignore_patterns("_build"))
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_bundled_site_builds_without_errors(site) -> None:
    assert warnings_of(site) == []
    assert all(f.severity != "error" for f in get_findings(site))


def test_buckinghamshire_matrix_reproduces_the_seed_cell_by_cell(site) -> None:
    p = get_partnership(site)
    matrix = build_matrix(p, "PROT_BUCKS")
    assert [p.short(c) for c in matrix.columns] == FIXTURE["columns"]
    cells = []
    for group in matrix.groups:
        for row in group.rows:
            for col in matrix.columns:
                for cell in row.cells.get(col, []):
                    cells.append(
                        [
                            row.report.label,
                            p.short(group.sender),
                            p.short(col),
                            cell.action,
                            cell.timing,
                        ]
                    )
    assert cells == FIXTURE["cells"]
    notes = [
        c.note
        for g in matrix.groups
        for r in g.rows
        for cs in r.cells.values()
        for c in cs
        if c.note
    ]
    assert notes == [BUCKS_NOTE, BUCKS_NOTE]


def test_buckinghamshire_matrix_page_and_csv(site) -> None:
    path = site.outdir / "buckinghamshire" / "prot-bucks-reporting-matrix.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs
    csv_text = path.read_text(encoding="utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0] == "From,Report,BSCB,BSAB,HWB,SSBPB,JET,CPP"
    assert len(lines) == 1 + 10  # ten (report, producer) rows
    assert "✓ – Autumn" in csv_text


def _finding_ids(site, protocol: str) -> list[tuple[str, str]]:
    return [(f.rule, f.item_id) for f in get_findings(site) if f.protocol == protocol]


def test_buckinghamshire_defects_surface_as_findings(site) -> None:
    found = get_findings(site)
    text = "\n".join(f.message for f in found if f.protocol == "PROT_BUCKS")
    rules = {f.rule for f in found if f.protocol == "PROT_BUCKS"}
    assert {"F01", "F02", "F04", "F05", "F06", "F07", "F15"} <= rules
    assert "'SECTU'" in text
    # V0.6 resolved three of V0.5's findings (see the review pack test below) and set a review date
    # that has passed
    assert "'BCCB'" not in text
    assert "Theme THEME_BUCKS_FGM has no confirmed lead" not in text
    assert "F03" not in rules
    assert "Protocol PROT_BUCKS was due for review on 2016-04-20, and that date has passed." in text


def test_buckinghamshire_review_pack_lists_the_findings_v0_6_resolved(tmp_path, capsys) -> None:
    """V0.5 as first encoded, then V0.6, found in the project's own history by the protocol's
    ':version:'."""
    from sphinx_protocols.cli import main

    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout (a downloaded zip has no history to compare)")
    shallow = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--is-shallow-repository"],
        capture_output=True,
        text=True,
        check=False,
    )
    if shallow.stdout.strip() == "true":
        pytest.skip("a shallow clone: run 'git fetch --unshallow' to compare with V0.5")
    assert main(["diff", "buckinghamshire/V0.5", "--project", str(REPO / "protocols"),
                 "--pack", str(tmp_path / "pack.json")]) == 0
    out = capsys.readouterr().out
    pack = json.loads((tmp_path / "pack.json").read_text())
    (bucks,) = [s for s in pack["protocols"] if s["id"] == "PROT_BUCKS"]
    assert (bucks["old_version"], bucks["new_version"]) == ("V0.5", "V0.6")
    resolved = {(f["rule"], f["item_id"]) for f in bucks["findings"]["resolved"]}
    assert {
        ("F02", "THEME_BUCKS_FGM"),
        ("F03", "PROT_BUCKS"),
        ("F05", "THEME_BUCKS_CSE"),
    } <= resolved
    assert ("F15", "PROT_BUCKS") in {
        (f["rule"], f["item_id"]) for f in bucks["findings"]["appeared"]
    }
    assert ("Lead for Female genital mutilation changed from 'to be confirmed' to Buckinghamshire "
            "Safeguarding "
            "Children Board.") in out
    assert "[-reads BCCB.-] [+names the BSCB.+]" in out
    assert "Next review of the protocol set to '2016-04-20'." in out


def test_bournemouth_poole_record_gaps_surface(site) -> None:
    text = "\n".join(f.message for f in get_findings(site) if f.protocol == "PROT_BP")
    assert "has no version" in text and "has no next review date" in text


def test_every_body_has_a_profile_page(site) -> None:
    p = get_partnership(site)
    bodies = p.of_type("body")
    assert len(bodies) >= 9
    for body in bodies:
        assert (site.outdir / "profiles" / f"{body.id}.html").is_file(), body.id


def test_breaking_a_link_fails_the_build_with_file_line_and_target(tmp_path) -> None:
    src = tmp_path / "protocols"
    shutil.copytree(REPO / "protocols", src, ignore=shutil.ignore_patterns("_build"))
    duties = src / "buckinghamshire" / "duties.md"
    text = duties.read_text()
    assert ":owner: BODY_BUCKS_BSCB" in text
    broken = text.replace(":owner: BODY_BUCKS_BSCB", ":owner: BODY_BUCKS_BSCBX", 1)
    duties.write_text(broken)
    line = broken.splitlines().index(":owner: BODY_BUCKS_BSCBX") + 1
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-q",
            str(src),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert f"buckinghamshire/duties.md:{line}: WARNING:" in result.stderr
    assert "':owner:' names 'BODY_BUCKS_BSCBX', which is not an item in this site" in result.stderr


def _messages(site, protocol: str, rule: str) -> list[str]:
    return [f.message for f in get_findings(site) if f.protocol == protocol and f.rule == rule]


def test_all_five_protocols_are_built(site) -> None:
    p = get_partnership(site)
    assert sorted(x.id for x in p.protocols) == [
        "PROT_BP",
        "PROT_BRIS",
        "PROT_BUCKS",
        "PROT_CROY",
        "PROT_PORTS",
    ]


def test_portsmouth_defects_for_its_legal_date(site) -> None:
    assert any(
        "'Hampshire Probation Trust'" in m or "'Probation Trust'" in m
        for m in _messages(site, "PROT_PORTS", "F08")
    )
    notes = " ".join(_messages(site, "PROT_PORTS", "N01"))
    assert "Community Rehabilitation Compan" in notes or "'CRC'" in notes
    assert "Clinical Commissioning Group" in notes or "'CCG'" in notes
    assert any("75% of 4 meetings a year is 3 meetings, but the minimum is 4" in m
               for m in _messages(site, "PROT_PORTS", "F10"))
    assert _messages(site, "PROT_PORTS", "F12")  # working days beside plain days


def test_buckinghamshire_care_act_2015_citation(site) -> None:
    assert any(
        "'Care Act 2015'" in m and "never right" in m for m in _messages(site, "PROT_BUCKS", "F08")
    )


def test_croydon_lscb_and_cscb_naming(site) -> None:
    assert any("'LSCB'" in m and "calls 'CSCB'" in m for m in _messages(site, "PROT_CROY", "F13"))


def test_bournemouth_poole_duplicate_clause_numbers(site) -> None:
    found = " ".join(_messages(site, "PROT_BP", "F14"))
    assert "clause 4" in found and "clause 6.1" in found


def test_bscb_means_each_area_s_own_board(site) -> None:
    for protocol in ("PROT_BUCKS", "PROT_BRIS"):
        found = _messages(site, protocol, "F06") + _messages(site, protocol, "F05")
        assert not [m for m in found if "writes 'BSCB'" in m], protocol


def test_each_protocol_has_a_diagram_with_a_text_equivalent(site) -> None:
    for folder in ("buckinghamshire", "bournemouth-poole", "bristol", "croydon", "portsmouth"):
        html = (site.outdir / folder / "diagram.html").read_text()
        assert 'class="protocols-diagram-text"' in html and "The same in words" in html, folder
        if shutil.which("dot"):
            assert re.search(r'<img src="../_images/prot-[a-z]+-accountability.svg" alt="Diagram '
                             r'of \d+', html), folder


def test_statutes_link_to_legislation(site) -> None:
    html = (site.outdir / "law" / "index.html").read_text()
    assert 'href="https://www.legislation.gov.uk/ukpga/2004/31/section/14/enacted"' in html


def test_bournemouth_poole_example_signatures_show_each_state(site) -> None:
    from sphinx_protocols.sphinxext.signing import signature_statuses

    protocol = get_partnership(site)["PROT_BP"]
    states = {s.signature.signatory: (s.state, [c.clause for c in s.substantive])
              for s in signature_statuses(site, protocol)}
    assert states == {
        "SIGN_BP_LSCB_CHAIR": ("current", []),
        "SIGN_BP_CSP_CHAIR_POOLE": ("editorial", []),
        "SIGN_BP_CSP_CHAIR_BOURNEMOUTH": ("stale", ["LINE_BP_DA_PROGRESS_BOURNEMOUTH"]),
    }, (
        "a Bournemouth and Poole clause (or a statute it cites) changed: re-record the example "
        "signatures"
    )
    html = (site.outdir / "bournemouth-poole" / "signatures.html").read_text()
    assert (
        "Stale: a new signature is needed." in html
        and "Current, with editorial changes since." in html
    )


# -- a reader's document: names not IDs, the status on every page, one date style ---------------

RAW_ID = re.compile(r"\b[A-Z]+_[A-Z0-9_]+\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _visible_text(html: str) -> str:
    """What a reader sees: the text outside scripts, styles and the head, without attributes."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        hidden = {"script", "style", "head", "title", "template"}
        void = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "use", "path", "col"}

        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.parts: list[str] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag not in self.void:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            while self.stack and self.stack.pop() != tag:
                pass

        def handle_data(self, data: str) -> None:
            if not self.hidden.intersection(self.stack):
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return re.sub(r" ([.,;:)])", r"\1", " ".join(" ".join(parser.parts).split()))


def _reader_pages(site) -> list:
    """Every page of a protocol (its folder's pages), every profile page, and the home page."""
    p = get_partnership(site)
    folders = {x.docname.rsplit("/", 1)[0] for x in p.protocols}
    pages = [f for folder in folders for f in (site.outdir / folder).rglob("*.html")]
    return [*pages, *(site.outdir / "profiles").glob("*.html"), site.outdir / "index.html"]


def test_reader_pages_show_names_never_raw_ids(site) -> None:
    pages = _reader_pages(site)
    assert len(pages) > 100
    seen = {}
    for page in pages:
        found = RAW_ID.findall(_visible_text(page.read_text()))
        if found:
            seen[str(page.relative_to(site.outdir))] = found[:5]
    assert seen == {}
    duties = (site.outdir / "buckinghamshire" / "duties.html").read_text()
    # the ID stays the anchor and is in the heading link's title, for the people who need it
    assert 'id="DUTY_BUCKS_BSCB_COORDINATE"' in duties
    assert "reference DUTY_BUCKS_BSCB_COORDINATE" in duties


def test_a_duty_reads_as_a_clause_with_its_owner_and_legal_basis_by_name(site) -> None:
    html = (site.outdir / "buckinghamshire" / "duties.html").read_text()
    start = html.rindex("<div", 0, html.index('id="DUTY_BUCKS_BSCB_COORDINATE"'))
    card = _visible_text(html[start:html.index('<div class="protocols-item ', start + 10)])
    assert card.startswith("2 Duty: Coordinate partners' work to safeguard children Bring into")
    assert ("Owner: Buckinghamshire Safeguarding Children Board. "
            "Legal basis: Children Act 2004, section 14.") in card
    assert "needs_meta" not in html and "needs_grid" not in html  # sphinx-needs' grid card is gone


def test_every_page_of_a_draft_protocol_carries_the_status_banner(site) -> None:
    from sphinx_protocols.core.status import reader_meaning

    p = get_partnership(site)
    assert {x.status for x in p.protocols} == {"draft", "agreed"}
    for protocol in p.protocols:
        folder = site.outdir / protocol.docname.rsplit("/", 1)[0]
        for page in folder.rglob("*.html"):
            text = _visible_text(page.read_text())
            if protocol.status == "agreed":
                assert "Warning:" not in text, page  # an agreed protocol has no banner
                continue
            banner = (f"Warning: {protocol.status.capitalize()}: this protocol has not been "
                      f"agreed. {reader_meaning(protocol.status)}")
            assert banner in text, page
    law = _visible_text((site.outdir / "law" / "index.html").read_text())
    assert "Warning:" not in law  # a page outside every protocol has no banner


def test_home_page_words_come_from_the_statuses(site) -> None:
    home = _visible_text((site.outdir / "index.html").read_text())
    assert "have agreed" not in home
    assert "1 of the 5 protocols here has been agreed; the rest: 4 draft." in home


def test_reader_pages_use_one_date_style(site) -> None:
    for page in _reader_pages(site):
        assert not ISO_DATE.findall(_visible_text(page.read_text())), page
    home = _visible_text((site.outdir / "index.html").read_text())
    assert "16 July 2015" in home  # Buckinghamshire's last review, as '20 April 2016' is written


def test_reporting_pages_put_the_matrix_before_any_item(site) -> None:
    for protocol in get_partnership(site).protocols:
        html = (site.outdir / protocol.docname.rsplit("/", 1)[0] / "reporting.html").read_text()
        first_item = html.index('class="protocols-item ')
        assert html.index('class="protocols-matrix"') < first_item, protocol.id



def test_croydon_is_published_as_agreed_with_its_gaps_for_the_next_review(site) -> None:
    p = get_partnership(site)
    assert p["PROT_CROY"].status == "agreed"
    mine = [f for f in get_findings(site) if f.protocol == "PROT_CROY" and f.severity == "finding"]
    assert mine and all(f.next_review for f in mine)
    assert {"F07", "F17", "F18"} <= {f.rule for f in mine}
    assert [f.item_id for f in mine if f.rule == "F18"] == ["SIGN_CROY_PARTNERS"]
    assert [v.id for v in p.of_type("version", protocol="PROT_CROY")] == ["VER_CROY_2017"]
    assert p.signed["PROT_CROY"] == {"SIGN_CROY_CHAIR"}


def test_croydon_version_history_is_its_own_table_and_its_signatures_as_written(site) -> None:
    html = (site.outdir / "croydon" / "index.html").read_text()
    assert html.count('id="VER_CROY_2017"') == 1  # the row keeps the item's anchor, once
    text = _visible_text(html)
    assert "Version history of Croydon Safeguarding Children Board and its Subgroups" in text
    assert ("First version: the commitments of every partner agency" in text
            and "Croydon Safeguarding Children Board partners" in text)
    assert "Date agreed: not stated." in text  # a blank cell of the cover, said in words
    assert "commit" not in text.split("Version history")[1].split("What the compact is for")[0]
    signatures = _visible_text((site.outdir / "croydon" / "signatures.html").read_text())
    assert "Name:" in signatures and "Organisation:" in signatures and "Designation:" in signatures
