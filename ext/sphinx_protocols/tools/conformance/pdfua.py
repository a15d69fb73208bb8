"""Every PDF of the build through our PDF/UA structure check (sphinx_protocols.pdf.ua_check)."""

from __future__ import annotations

import time
from pathlib import Path

from sphinx_protocols.core.wording import plural
from sphinx_protocols.tools.conformance import Check


def check_pdfs(folder: Path) -> Check:
    """Errors counted as 'checkpoint: what it tests'; one located line per error."""
    check = Check("PDF/UA structure (Matterhorn checkpoints)", "Tags of the PDF documents (PDF/UA)")
    try:
        from sphinx_protocols.pdf.ua_check import CHECKPOINTS, check_pdf
    except ImportError:
        check.unavailable = (
            "pikepdf is not installed: run 'make conformance' (the 'conformance' extra)."
        )
        return check
    files = sorted(folder.rglob("*.pdf")) if folder.is_dir() else []
    if not files:
        check.unavailable = f"there are no PDFs in {folder}: run 'make pdf' first."
        return check
    start = time.perf_counter()
    pages = 0
    for path in files:
        report = check_pdf(path)
        pages += report.pages
        for finding in report.findings:
            check.errors[f"{finding.checkpoint}: {CHECKPOINTS[finding.checkpoint]}"] += 1
            where = f", page {finding.page}" if finding.page else ""
            check.details.append(f"{path.name}{where}: {finding.checkpoint}: {finding.message}")
    check.looked_at = (
        f"{plural(len(files), 'PDF document')} ({plural(pages, 'page')}), against "
        f"{len(CHECKPOINTS)} checkpoints"
    )
    check.seconds = time.perf_counter() - start
    return check
