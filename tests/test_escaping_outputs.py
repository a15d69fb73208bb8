"""Signatures and spreadsheets escape what authors write (issue 16): a signature recorded with a
hostile name and capacity is text on the site, in signatures.yaml and in the PDFs, and a clause
value that starts like a formula is text in every CSV and Excel file (a control character in one,
which no Excel file can hold, a space).

One project (test-clean) is signed through `protocols sign` and built as a site and as PDFs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sphinx_protocols.cli import main
from sphinx_protocols.core import spreadsheet as sheets
from sphinx_protocols.core.ledger import append, load
from sphinx_protocols.core.signatures import Signature
from sphinx_protocols.pdf.weasy import available
from sphinx_protocols.tools import a11y

from hostile import (
    hostile_project,
    pdf_dangers,
    pdf_text,
    skip_without_pdf_tools,
    text_in_browser,
    what_ran,
)

NAME = "Ann \"><svg onload=\"window.__ran='name'\"> O'Brien"
CAPACITY = "Chair <script>window.__ran='capacity'</script>\n- record: editorial"
#: Where a formula goes in tests/roots/test-clean/proto/index.md: (the line, the line written).
FORMULAS = [
    (":::{report} Annual Report", ':::{report} =HYPERLINK("http://x.example","Annual Report")'),
    (":timing: October", ":timing: +1+cmd|' /C calc'!A0"),
    (":note: Reflect it in the strategy", ":note: -2+3"),
    (":::{duty} Publish an annual report", ":::{duty} @SUM(1,2)"),
    (":modality: must\n:basis: LAW_CA\n:::", ":modality: must\n:basis: LAW_CA\n:clause: =1+1\n\n"
     "The board reports [here](javascript:alert(1)).\n:::"),
    (":::{body} Beta Board", ":::{body} =Beta Board"),
    (":::{body} Alpha Board", ":::{body} Alpha\x0bBoard"),  # Word's manual line break, pasted
    (":challenges: BODY_A", ":challenges: BODY_A\n:url: javascript:window.__ran='url'"),
]
WRITTEN = ['=HYPERLINK("http://x.example","Annual Report")', "+1+cmd|' /C calc'!A0", "-2+3",
           "@SUM(1,2)", "=1+1", "=Beta Board"]
STARTS = ("=", "+", "-", "@", "\t", "\r")


def _sphinx(builder: str, src: Path, out: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", builder, "-q", str(src),
                             str(out)], capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """test-clean with formulas in its values, signed with a hostile name and capacity, and a
    second, sealed record (appended as `protocols sign` appends) whose every field is hostile."""
    src = hostile_project(tmp_path_factory.mktemp("hostile-outputs") / "p", FORMULAS)
    sign = ["sign", "PROT_T", "--signatory", "SIGN_A", "--name", NAME, "--capacity", CAPACITY,
            "--date", "2025-03-14", "--project", str(src)]
    assert main(sign) == 0
    ledger = src / "proto" / "signatures.yaml"
    hostile = "<img src=x onerror=\"window.__ran='record'\">"
    append(ledger, [Signature("PROT_T", "SIGN_A", f"Bo {hostile}", f"Deputy {hostile}",
                              dt.date(2025, 1, 2), "0" * 64, {"DUTY_A": "a" * 16 + "." + "b" * 16},
                              hostile, hostile, hostile)])
    _sphinx("html", src, src.parent / "html")
    if not available():
        _sphinx("pdf", src, src.parent / "pdf")
    return src.parent


def test_signatures_yaml_keeps_the_values_exactly_and_sealed(built) -> None:
    records = load(built / "p" / "proto" / "signatures.yaml", "PROT_T").signatures
    assert [(s.name, s.capacity) for s in records[:1]] == [(NAME, CAPACITY)]
    assert len(records) == 2  # the capacity's "- record:" line stayed inside the capacity


def test_the_signature_page_shows_the_values_as_text_and_runs_none(built) -> None:
    words = text_in_browser(built / "html" / "proto" / "index.html")
    assert " ".join(f"Signed by {NAME}, as {CAPACITY}".split()) in words
    assert "Signed by Bo <img src=x onerror=\"window.__ran='record'\">" in words
    pages = sorted((built / "html").rglob("*.html"))
    assert len(pages) > 5
    assert what_ran(pages, built / "html") == []


def test_the_pdfs_show_the_values_as_text_and_hold_no_script_or_javascript_link(built) -> None:
    skip_without_pdf_tools()
    pdfs = sorted((built / "pdf").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["partnership.pdf", "proto-signatures.pdf", "proto.pdf"]
    text = pdf_text(built / "pdf" / "proto-signatures.pdf")
    assert " ".join(f"Signed by {NAME}, as {CAPACITY}".split()) in text
    assert "Bo <img src=x onerror=\"window.__ran='record'\">" in text
    for pdf in pdfs:
        assert pdf_dangers(pdf) == [], pdf.name


def _cells(path: Path) -> list[tuple[str, object, str]]:
    """Every cell of a CSV or Excel file: (where, value, Excel's type of it: 's' text, 'f'
    formula)."""
    if path.suffix == ".csv":
        rows = csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
        return [(f"{path.name}:{n}", v, "s") for n, row in enumerate(rows, 1) for v in row]
    book = load_workbook(path)
    return [(f"{path.name}!{ws.title}!{c.coordinate}", c.value, c.data_type)
            for ws in book for row in ws.iter_rows() for c in row if c.value is not None]


def test_no_csv_or_excel_cell_starts_like_a_formula(built) -> None:
    files = sorted([*(built / "html").rglob("*.csv"), *(built / "html").rglob("*.xlsx")])
    assert {f.name for f in files} == {
        "bodies.csv", "bodies.xlsx", "partnership-workbook.xlsx", "prot-t-duty-register.csv",
        "prot-t-duty-register.xlsx", "prot-t-reporting-matrix.csv",
        "prot-t-reporting-matrix.xlsx"}
    seen: set[str] = set()
    for path in files:
        cells = _cells(path)
        for where, value, kind in cells:
            assert kind != "f" and not str(value).startswith(STARTS), (where, value)
            seen |= {w for w in WRITTEN if str(value).startswith(f"'{w}")}
        if path.stem in ("bodies", "partnership-workbook"):
            assert "Alpha Board" in {v for _w, v, _k in cells}, path.name
    assert seen == set(WRITTEN)  # each formula reached some file, as text behind an apostrophe


def _both(folder: Path, sheet: sheets.Sheet) -> list[Path]:
    """The sheet written as CSV and as Excel, as the site writes them."""
    (folder / "t.csv").write_bytes(sheets.to_csv(sheet))
    (folder / "t.xlsx").write_bytes(sheets.to_xlsx([sheet], dt.datetime(2025, 1, 1, tzinfo=dt.UTC)))
    return [folder / "t.csv", folder / "t.xlsx"]


@pytest.mark.parametrize("start", STARTS)
def test_every_formula_start_is_guarded_in_csv_and_excel(tmp_path, start: str) -> None:
    sheet = sheets.Sheet("S", (f"{start}head",), [[f"{start}SUM(1,2)"]])
    for path in _both(tmp_path, sheet):
        cells = [(v, k) for _w, v, k in _cells(path)]
        assert cells == [(f"'{start}head", "s"), (f"'{start}SUM(1,2)", "s")], path.name


def test_a_control_character_is_a_space_in_csv_and_excel(tmp_path) -> None:
    """Excel files cannot hold one (openpyxl refused the workbook, and the build stopped)."""
    sheet = sheets.Sheet("S", ("Name",), [["Alpha\x0bBoard\x00"], ["=\x1b[2J"]])
    for path in _both(tmp_path, sheet):
        assert [v for _w, v, _k in _cells(path)] == ["Name", "Alpha Board ", "'= [2J"], path.name


def test_the_checks_see_a_script_a_handler_a_javascript_link_and_a_pdf_action(tmp_path) -> None:
    """The checks above can fail: each catches what it looks for."""
    if not Path(a11y.chromium_path()).exists():
        pytest.skip("Chromium is not installed")
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    page = tmp_path / "bad.html"
    page.write_text("<p><img src=x onerror=\"window.__ran='img'\"> <a href=' JavaScript:x'>x</a>"
                    "<svg><a xlink:href='javascript:y'><text>y</text></a></svg></p>")
    [found] = what_ran([page], tmp_path)
    assert "img" in found and "JavaScript:x" in found and "javascript:y" in found
    assert "onerror=" in found
    pikepdf = pytest.importorskip("pikepdf")
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=" javascript:alert(2)"))]))
    pdf.save(tmp_path / "bad.pdf")
    found = pdf_dangers(tmp_path / "bad.pdf")
    assert "the catalogue's /OpenAction" in found and "a link to  javascript:alert(2)" in found
