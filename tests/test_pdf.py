"""The PDF builder: tagged PDF/UA-1 structure, version on every page, matrix, signature page,
verify.

One small project (tests/roots/test-pdf: six boards, a wide matrix, two signatories) is signed
twice, with a clause edited in between, and built once for the whole module.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from sphinx_protocols.cli import main
from sphinx_protocols.pdf.weasy import available

from conftest import ROOTS, warnings_of

pytestmark = pytest.mark.skipif(bool(available()), reason="PDF tests need WeasyPrint and Pango: "
                                                          f"{available()}")
pypdf = pytest.importorskip(
    "pypdf", reason="the PDF tests read PDFs with pypdf (pip install pypdf)"
)

TITLE = "Protocol between the six test boards"
HEADER_CELL = "Report, by the body that produces it"
ID = re.compile(r"\b(?:BODY|DUTY|LINE|SIGN|ROLE|REP|LAW|PROT|THEME|ORG|STEP|TERM|MEET)_[A-Z0-9_]+")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Ann signs; then a report's timing changes; then Bo signs the new version."""
    src = tmp_path_factory.mktemp("pdf") / "p"
    shutil.copytree(ROOTS / "test-pdf", src)
    assert (
        main(
            [
                "sign",
                "PROT_W",
                "--signatory",
                "SIGN_A",
                "--date",
                "2025-01-20",
                "--project",
                str(src),
            ]
        )
        == 0
    )
    _edit(src / "proto" / "reporting.md", ":id: LINE_A_B\n:report: REP_A\n:recipient: "
          "BODY_B\n:action: Inform\n:timing: October", ":id: LINE_A_B\n:report: REP_A\n:recipient: "
                              "BODY_B\n:action: Inform\n:timing: November")
    assert (
        main(
            [
                "sign",
                "PROT_W",
                "--signatory",
                "SIGN_B",
                "--name",
                "Bo Example",
                "--date",
                "2025-02-03",
                "--project",
                str(src),
            ]
        )
        == 0
    )
    return src


@pytest.fixture(scope="module")
def built(project):
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("pdf", srcdir=project)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def reader(built):
    return pypdf.PdfReader(built.outdir / "proto.pdf")


@pytest.fixture(scope="module")
def pages(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def _structure(reader) -> tuple[Counter, list[str]]:
    """Every structure element type in the tag tree, and the alternative texts of figures."""
    types: Counter = Counter()
    alts = []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                types[str(node["/S"])] += 1
                if node["/S"] == "/Figure" and "/Alt" in node:
                    alts.append(str(node["/Alt"]))
            if "/K" in node:
                stack.append(node["/K"])
    return types, alts


def test_the_build_makes_a_pdf_per_protocol_and_one_of_the_partnership(built) -> None:
    assert warnings_of(built) == []
    assert sorted(p.name for p in built.outdir.glob("*.pdf")) == [
        "partnership.pdf", "proto-signatures.pdf", "proto.pdf"]
    assert {m["scope"] for m in built.builder.made} == {"PROT_W", "partnership"}


def test_the_signature_page_pdf_has_the_cover_and_the_signature_page_only(built) -> None:
    signatures = pypdf.PdfReader(built.outdir / "proto-signatures.pdf")
    text = " ".join(page.extract_text() for page in signatures.pages)
    assert len(signatures.pages) < len(pypdf.PdfReader(built.outdir / "proto.pdf").pages)
    assert "Signature page" in text and "Chair of Alpha Board" in text
    assert "Duty register" not in text and "Reporting matrix" not in text and "Contents" not in text


def test_pdf_is_tagged_pdf_ua_1_in_british_english_with_a_title(reader) -> None:
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == TITLE
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part[^0-9]{0,3}1", xmp)


def test_tags_have_headings_tables_with_header_cells_and_figures_with_alt_text(reader) -> None:
    types, alts = _structure(reader)
    assert types["/H1"] >= 2 and types["/H2"] >= 4
    assert types["/Table"] >= 3 and types["/TH"] >= 10 and types["/TD"] >= 10
    assert any(alt.startswith("Diagram of 6 bodies") for alt in alts)


def test_pdfinfo_sees_the_structure(built) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("poppler's pdfinfo is not installed (apt-get install poppler-utils)")
    info = subprocess.run(
        ["pdfinfo", str(built.outdir / "proto.pdf")], capture_output=True, text=True, check=True
    )
    assert re.search(r"Tagged:\s+yes", info.stdout)
    struct = subprocess.run(
        ["pdfinfo", "-struct", str(built.outdir / "proto.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for tag in ("H1", "Table", "TH", "TD", "Figure"):
        assert re.search(rf"^\s*{tag}\b", struct, re.MULTILINE), tag


def test_every_page_carries_the_version_fingerprint_draft_mark_and_page_x_of_y(
    built, pages
) -> None:
    from sphinx_protocols.sphinxext.signing import get_fingerprint

    short = get_fingerprint(built, "PROT_W").short
    for number, text in enumerate(pages, 1):
        assert "Version V2.1" in text, number
        assert f"content {short}" in text, number
        assert f"Page {number} of {len(pages)}" in text, number
        assert "Draft: not agreed" in text, number


def test_cover_has_title_parties_version_status_dates_and_forum(pages) -> None:
    cover = " ".join(pages[0].split())
    for words in (
        TITLE,
        "Alpha Board; Beta Board; Gamma Partnership",
        "V2.1",
        "draft",
        "March 2024",
        "15 January 2025",
        "15 January 2026",
        "Joint Chairs Group",
        "1 current, 1 stale",
        "not in version control",
    ):
        assert words in cover, words
    assert "Contents" in pages[1] and "Duty register" in pages[1] and "Signature page" in pages[1]


def test_clauses_appear_with_their_ids_in_small_print_only(reader, pages) -> None:
    text = "\n".join(pages)
    for item_id in ("BODY_A", "DUTY_A", "LINE_F_E", "SIGN_B"):
        assert f"Reference {item_id}" in text
    small, large = _id_sizes(reader)
    assert small and not large, large  # every ID printed is in the small reference print


def _id_sizes(reader) -> tuple[list[str], list[tuple[str, float]]]:
    """The item IDs printed in the PDF's body pages, by font size: small print (under 7pt) or
    not."""
    small: list[str] = []
    large: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size) -> None:
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        for found in ID.findall(text):
            (small if size * scale < 7 else large).append((found, round(size * scale, 1)))

    for page in reader.pages[2:]:  # the cover and contents name no clause
        page.extract_text(visitor_text=visit)
    return [s for s, _ in small], large


def test_wide_matrix_is_on_landscape_pages_with_the_header_repeated(reader, pages) -> None:
    landscape = [
        i for i, page in enumerate(reader.pages) if page.mediabox.width > page.mediabox.height
    ]
    assert len(landscape) >= 2
    assert landscape == list(range(landscape[0], landscape[-1] + 1))
    for i in landscape:  # a header cell may wrap onto two lines, but no word is split by a hyphen
        assert HEADER_CELL in " ".join(pages[i].split())
    matrix_text = " ".join(" ".join(pages[i].split()) for i in landscape)
    assert "Zeta Forum annual report" in matrix_text  # the last row is there: nothing cut off


def test_duty_register_is_added_before_the_signature_page(pages) -> None:
    register = next(i for i, t in enumerate(pages) if "Duties of Alpha Board" in t)
    signature = next(i for i, t in enumerate(pages) if "Signature page" in t and "Signature:" in t)
    assert register < signature


def test_signature_page_is_a_page_of_its_own_with_lines_and_statuses(pages) -> None:
    index = next(i for i, t in enumerate(pages) if "Signature page" in t and "Signature:" in t)
    page = " ".join(pages[index].split())
    assert index == len(pages) - 1
    assert (
        "Signatory: Chair of Beta Board" in pages[index - 1]
    )  # the signatory cards stay in the chapter
    assert page.count("Signature:") == 2 and page.count("Date:") == 2
    assert "Name: Ann Example Organisation: Alpha Board Designation: Chair of Alpha Board" in page
    assert "Stale: a new signature is needed. Signed by Ann Example" in page
    assert "A to B: changed" in page and "LINE_A_B" not in page  # the clause by its name
    assert "Current. Signed by Bo Example, as Chair of Beta Board, on 3 February 2025" in page


def test_pdf_records_the_fingerprint_and_signatures_for_verify(built, reader) -> None:
    import json

    from sphinx_protocols.sphinxext.signing import get_fingerprint

    info = reader.metadata
    assert info["/protocolsfingerprint"] == get_fingerprint(built, "PROT_W").total
    assert info["/protocolsscope"] == "PROT_W"
    states = {s["name"]: s["state"] for s in json.loads(info["/protocolssignatures"])}
    assert states == {"Ann Example": "stale", "Bo Example": "current"}


def test_partnership_pdf_has_every_protocol_and_its_own_cover(built) -> None:
    whole = pypdf.PdfReader(built.outdir / "partnership.pdf")
    first = whole.pages[0].extract_text()
    assert "Test partnership" in first and "All protocols · content" in first
    assert whole.metadata["/protocolsscope"] == "partnership"
    assert whole.trailer["/Root"]["/Lang"] == "en-GB"
    assert (
        main(["verify", str(built.outdir / "partnership.pdf"), "--project", str(built.srcdir)]) == 0
    )


def test_html_signature_page_shows_the_same_statuses(built) -> None:
    html = (built.outdir / "proto" / "index.html").read_text()
    assert 'class="protocols-signed-stale"' in html and 'class="protocols-signed-current"' in html


# -- protocols verify --------------------------------------------------------------------------


def _copy(project: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("_build"))
    return target


def test_verify_accepts_the_pdf_against_its_sources(built, project, capsys) -> None:
    assert main(["verify", str(built.outdir / "proto.pdf"), "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert "MATCHES the sources" in out
    assert (
        "Ann Example, Chair of Alpha Board, signed 2025-01-20 (SIGN_A): stale, given for an "
        "earlier version"
        in out
    )
    assert (
        "Bo Example, Chair of Beta Board, signed 2025-02-03 (SIGN_B): current, given for this "
        "exact version"
        in out
    )


def test_verify_still_accepts_it_after_a_whitespace_only_edit(
    built, project, tmp_path, capsys
) -> None:
    copy = _copy(project, tmp_path)
    _edit(copy / "proto" / "bodies.md", "The board publishes its annual report each October.",
          "The board publishes   its annual\nreport each October.\n")
    assert main(["verify", str(built.outdir / "proto.pdf"), "--project", str(copy)]) == 0


def test_verify_rejects_a_pdf_built_from_other_sources(built, project, tmp_path, capsys) -> None:
    copy = _copy(project, tmp_path)
    _edit(copy / "proto" / "bodies.md", ":modality: must", ":modality: may")
    assert main(["verify", str(built.outdir / "proto.pdf"), "--project", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "DOES NOT MATCH" in out and "  DUTY_A: changed" in out
    assert "the PDF was built from other sources" in out


def test_verify_rejects_a_pdf_not_made_by_us(tmp_path, project, capsys) -> None:
    foreign = tmp_path / "foreign.pdf"
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Someone else's protocol"})
    writer.write(foreign)
    assert main(["verify", str(foreign), "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "was not made by sphinx-protocols" in err and "Traceback" not in err
    (tmp_path / "broken.pdf").write_text("not a pdf")
    assert main(["verify", str(tmp_path / "broken.pdf"), "--project", str(project)]) == 1
    assert "is not a PDF that can be read" in capsys.readouterr().err
    assert main(["verify", str(tmp_path / "missing.pdf"), "--project", str(project)]) == 2
    assert "there is no file" in capsys.readouterr().err


def test_verify_rejects_a_blank_pdf_given_the_metadata_of_a_real_one(
    built, project, tmp_path, capsys
) -> None:
    """The metadata alone no longer vouches for a PDF: the seal of its pages must match them."""
    real = pypdf.PdfReader(built.outdir / "proto.pdf")
    blank = tmp_path / "blank.pdf"
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata(dict(real.metadata))
    writer.write(blank)
    assert main(["verify", str(blank), "--project", str(project)]) == 1
    out = capsys.readouterr().out
    assert "The fingerprint MATCHES" in out and "ITS PAGES WERE CHANGED" in out
    assert "Result: the PDF or the signature record was changed after it was made" in out


def test_verify_rejects_a_pdf_whose_page_was_edited(built, project, tmp_path, capsys) -> None:
    import pikepdf

    edited = tmp_path / "edited.pdf"
    with pikepdf.open(built.outdir / "proto.pdf") as pdf:
        page = pdf.pages[2]
        page.contents_add(pikepdf.Stream(pdf, b"BT /F1 12 Tf 72 72 Td (not agreed) Tj ET"))
        pdf.save(edited)
    assert main(["verify", str(edited), "--project", str(project)]) == 1
    assert "ITS PAGES WERE CHANGED" in capsys.readouterr().out


def test_verify_reports_a_signature_since_deleted_or_a_record_changed(
    built, project, tmp_path, capsys
) -> None:
    copy = _copy(project, tmp_path)
    record = copy / "proto" / "signatures.yaml"
    text = record.read_text()
    record.write_text(text[: text.rindex("- record:")])  # the last record (Bo's) deleted
    assert main(["verify", str(built.outdir / "proto.pdf"), "--project", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "REMOVED since the PDF was made: the signature of Bo Example (2025-02-03)" in out
    record.write_text(text.replace("name: Bo Example", "name: Bob Example"))
    assert main(["verify", str(built.outdir / "proto.pdf"), "--project", str(copy)]) == 1
    assert "THE SIGNATURE RECORD IS DAMAGED" in capsys.readouterr().out
