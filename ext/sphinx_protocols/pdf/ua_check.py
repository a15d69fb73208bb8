"""A PDF/UA-1 structure check of our own, against the Matterhorn Protocol checkpoints a program
can test without a person: the ones our PDFs could get wrong.

veraPDF cannot be installed here, so this is no full validator: it checks the document's
language and title, the PDF/UA identifier, that the file is tagged, that every table header cell
has a /Scope, that every figure has alternate text, that all content is either reachable from the
structure tree or an artifact (running heads, page numbers, the DRAFT mark), that every link
annotation sits in a /Link structure element (through an /OBJR) and describes itself, and that
every font is embedded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from .structure import font_embedded, fonts, page_content, structure_tree

#: The checkpoints tested, by Matterhorn Protocol 1.1 number, in words a reader of the report knows.
CHECKPOINTS = {
    "01-005": "content is either tagged (reachable from the structure root) or an artifact",
    "01-006": "the document is marked as tagged and has a structure tree",
    "06-002": "the metadata carry the PDF/UA identifier",
    "06-003": "the metadata carry a title",
    "07-001": "the viewer shows the title, not the file name (DisplayDocTitle)",
    "11-006": "the document states its language",
    "13-004": "every figure has alternate text",
    "15-003": "every table header cell has a /Scope",
    "28-011": "every link annotation is inside a /Link structure element",
    "28-012": "every link annotation describes itself in words (/Contents)",
    "31-009": "every font is embedded",
}


@dataclass
class Finding:
    checkpoint: str
    message: str
    page: int = 0  # 1-based; 0 for the whole document


@dataclass
class Report:
    path: Path
    pages: int = 0
    counts: Counter = field(default_factory=Counter)  # what was looked at: 'TH cells', 'links' ...
    findings: list[Finding] = field(default_factory=list)

    def by_checkpoint(self) -> Counter:
        return Counter(f.checkpoint for f in self.findings)

    def summary(self) -> str:
        looked = ", ".join(f"{n} {what}" for what, n in sorted(self.counts.items()))
        return f"{self.path.name}: {self.pages} pages ({looked}): {len(self.findings)} error(s)"


def check_pdf(path: Path) -> Report:
    """Check one PDF; the report lists each failed checkpoint with its page."""
    report = Report(path)
    with pikepdf.open(path) as pdf:
        report.pages = len(pdf.pages)
        _document(pdf, report)
        tree = structure_tree(pdf)
        _elements(tree, report)
        _content(pdf, tree, report)
        _fonts(pdf, report)
    return report


def _add(report: Report, checkpoint: str, message: str, page: int = 0) -> None:
    report.findings.append(Finding(checkpoint, message, page))


def _document(pdf: pikepdf.Pdf, report: Report) -> None:
    root = pdf.Root
    if not (root.get("/MarkInfo") and root.MarkInfo.get("/Marked") and "/StructTreeRoot" in root):
        _add(report, "01-006", "the file is not marked as tagged, or has no structure tree")
    if not str(root.get("/Lang", "")).strip():
        _add(report, "11-006", "the catalog has no /Lang")
    prefs = root.get("/ViewerPreferences")
    if not (prefs and prefs.get("/DisplayDocTitle")):
        _add(report, "07-001", "ViewerPreferences/DisplayDocTitle is not true")
    meta = pdf.open_metadata()
    if not str(meta.get("dc:title", "")).strip():
        _add(report, "06-003", "the XMP metadata have no dc:title")
    if str(meta.get("pdfuaid:part", "")) != "1":
        _add(report, "06-002", "the XMP metadata have no pdfuaid:part of 1")


def _attribute(element: pikepdf.Dictionary, key: str) -> object:
    for owner in (
        [element.A]
        if isinstance(element.get("/A"), pikepdf.Dictionary)
        else list(element.get("/A", pikepdf.Array()))
    ):
        if isinstance(owner, pikepdf.Dictionary) and key in owner:
            return owner[key]
    return None


def _elements(tree, report: Report) -> None:
    for element in tree.elements:
        kind = element.get("/S")
        if kind == "/TH":
            report.counts["table header cells"] += 1
            if _attribute(element, "/Scope") not in ("/Row", "/Column", "/Both"):
                _add(
                    report,
                    "15-003",
                    "a table header cell (TH) has no /Scope of Row, Column or Both",
                )
        elif kind == "/Figure":
            report.counts["figures"] += 1
            if not (
                str(element.get("/Alt", "")).strip() or str(element.get("/ActualText", "")).strip()
            ):
                _add(report, "13-004", "a Figure has no /Alt text")


def _content(pdf: pikepdf.Pdf, tree, report: Report) -> None:
    for number, page in enumerate(pdf.pages, 1):
        _, content = page_content(page)
        report.counts["marked-content sequences"] += len(content.marked)
        report.counts["artifacts"] += content.artifacts
        lost = [m for m in content.marked if (page.obj.objgen, m.mcid) not in tree.mcids]
        if lost:
            _add(
                report,
                "01-005",
                f"{len(lost)} tagged sequence(s) ({', '.join(sorted({m.tag for m in lost}))}) "
                "are not reachable from the structure root and not artifacts",
                number,
            )
        if content.untagged_text:
            _add(
                report,
                "01-005",
                f"{content.untagged_text} text operation(s) outside any marked content",
                number,
            )
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            if annot.get("/Subtype") != "/Link":
                continue
            report.counts["links"] += 1
            if annot.objgen not in tree.link_annots or "/StructParent" not in annot:
                _add(
                    report,
                    "28-011",
                    "a link annotation is not inside a /Link structure element",
                    number,
                )
            if not _describes(annot):
                _add(
                    report,
                    "28-012",
                    "a link annotation has no /Contents in words "
                    f"({str(annot.get('/Contents', '')) or 'none'})",
                    number,
                )


def _describes(annot: pikepdf.Dictionary) -> bool:
    """True when /Contents is words, not empty and not an internal anchor name like 'pdf-page-x'."""
    text = str(annot.get("/Contents", "")).strip()
    return bool(text) and (" " in text or "://" in text or text.startswith("mailto:"))


def _fonts(pdf: pikepdf.Pdf, report: Report) -> None:
    for number, name, font in fonts(pdf):
        report.counts["fonts"] += 1
        if not font_embedded(font):
            _add(report, "31-009", f"the font {name.lstrip('/')} is not embedded", number)
