"""The PDF/UA structure check and the tag fixer, on small PDFs made here and on WeasyPrint's own."""

from __future__ import annotations

from pathlib import Path

import pytest

pikepdf = pytest.importorskip("pikepdf", reason="the PDF/UA check needs pikepdf (the 'pdf' extra)")

from sphinx_protocols.pdf.ua_check import check_pdf
from sphinx_protocols.pdf.ua_fix import fix_tags
from sphinx_protocols.pdf.weasy import available, write_pdf

Name, Dictionary, Array = pikepdf.Name, pikepdf.Dictionary, pikepdf.Array


def _elem(pdf, kind: str, parent, page, kids=(), **extra):
    element = pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name("/" + kind),
            P=parent,
            Pg=page.obj,
            K=Array(list(kids)),
            **extra,
        )
    )
    parent.K.append(element)
    return element


def make_pdf(path: Path, good: bool) -> None:
    """One page: a paragraph, a table header cell, a figure, a link and a page number.

    ``good`` tags it as PDF/UA wants; otherwise each of those is wrong in the way WeasyPrint 70
    gets it wrong, and the document also lacks its language and title settings.
    """
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    number = (
        b"/Artifact <</Type /Pagination>> BDC 0 0 m 5 5 l S EMC"
        if good
        else b"/Span <</MCID 4>> BDC 0 0 m 5 5 l S EMC"
    )
    page.Contents = pdf.make_stream(
        b"/P <</MCID 0>> BDC 10 10 m 50 50 l S EMC "
        b"/TH <</MCID 1>> BDC 10 60 m 50 60 l S EMC "
        b"/Figure <</MCID 2>> BDC 60 60 m 90 90 l S EMC "
        b"/Link <</MCID 3>> BDC 10 100 m 50 100 l S EMC " + number
    )
    annot = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=[10, 95, 50, 105],
            Contents=pikepdf.String("Go to page 1" if good else "pdf-page-x"),
            StructParent=1,
            Dest=[page.obj, Name.Fit],
        )
    )
    page.Annots = Array([annot])
    page.StructParents = 0
    page.Tabs = Name.S
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
    doc = _elem(pdf, "Document", root, page)
    p = _elem(pdf, "P", doc, page, [0])
    table = _elem(pdf, "Table", doc, page)
    row = _elem(pdf, "TR", _elem(pdf, "THead", table, page), page)
    th = _elem(
        pdf,
        "TH",
        row,
        page,
        [1],
        A=Dictionary(O=Name.Table, **({"Scope": Name.Column} if good else {})),
    )
    figure = _elem(
        pdf, "Figure", doc, page, [2], **({"Alt": pikepdf.String("A line")} if good else {})
    )
    link = _elem(pdf, "Link", doc, page, [3])
    holder = link if good else _elem(pdf, "NonStruct", link, page)
    holder.K.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj))
    mcids = [p, th, figure, link] + (
        []
        if good
        else [
            pdf.make_indirect(
                Dictionary(Type=Name.StructElem, S=Name.Span, K=Array([4]), Pg=page.obj)
            )
        ]
    )  # reachable from nothing
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array(mcids), 1, holder])))
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    if good:
        pdf.Root.Lang = pikepdf.String("en-GB")
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = "A test protocol"
            meta["pdfuaid:part"] = "1"
    pdf.save(path)


def test_a_well_tagged_pdf_passes(tmp_path) -> None:
    make_pdf(tmp_path / "good.pdf", good=True)
    report = check_pdf(tmp_path / "good.pdf")
    assert report.findings == []
    assert report.counts["table header cells"] == 1 and report.counts["links"] == 1
    assert report.counts["figures"] == 1 and report.counts["artifacts"] == 1


def test_each_broken_checkpoint_is_reported(tmp_path) -> None:
    make_pdf(tmp_path / "bad.pdf", good=False)
    found = check_pdf(tmp_path / "bad.pdf").by_checkpoint()
    assert found == {
        "11-006": 1,
        "07-001": 1,
        "06-003": 1,
        "06-002": 1,
        "15-003": 1,
        "13-004": 1,
        "01-005": 1,
        "28-011": 1,
        "28-012": 1,
    }


def test_the_fixer_mends_what_weasyprint_gets_wrong(tmp_path) -> None:
    """Scopes, page furniture, link placement and link words; not what only the author can give."""
    make_pdf(tmp_path / "bad.pdf", good=False)
    done = fix_tags(tmp_path / "bad.pdf")
    assert done == {
        "header scopes": 1,
        "links moved into /Link": 1,
        "artifacts": 1,
        "link descriptions": 1,
    }
    left = check_pdf(tmp_path / "bad.pdf").by_checkpoint()
    assert set(left) == {
        "11-006",
        "07-001",
        "06-003",
        "06-002",
        "13-004",
    }  # language, title, alt text
    with pikepdf.open(tmp_path / "bad.pdf") as pdf:
        assert pdf.pages[0].Annots[0].Contents == "Go to page 1"


PAGE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Test protocol</title>
<style>@page { @top-right { content: "DRAFT"; }
               @bottom-right { content: "Page " counter(page); } }</style>
</head><body><h1 id="top">Test protocol</h1>
<table><thead><tr><th scope="col">Report</th><th scope="col">Board</th></tr></thead>
<tbody><tr><th scope="row">Annual report</th><td>Inform</td></tr></tbody></table>
<p style="width: 8em">See <a href="#top"><em>the top of this protocol, in words long enough
to wrap</em></a>.</p>
</body></html>"""


@pytest.mark.skipif(bool(available()), reason=f"needs WeasyPrint and Pango: {available()}")
def test_our_pdfs_pass_where_weasyprint_alone_does_not(tmp_path) -> None:
    from weasyprint import HTML

    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    HTML(filename=str(tmp_path / "page.html")).write_pdf(
        tmp_path / "plain.pdf", pdf_variant="pdf/ua-1"
    )
    plain = check_pdf(tmp_path / "plain.pdf").by_checkpoint()
    assert {"15-003", "01-005", "28-011", "28-012"} <= set(plain)
    write_pdf(tmp_path / "page.html", tmp_path / "ours.pdf", tmp_path)
    report = check_pdf(tmp_path / "ours.pdf")
    assert report.findings == [], report.findings
    assert report.counts["table header cells"] == 3 and report.counts["links"] >= 2  # one per line
