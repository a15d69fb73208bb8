"""Making the PDFs once their pages are written: in parallel, the longest first, with progress.

A PDF whose page, images and WeasyPrint are as they were for the PDF already in the build folder
is kept (``cache.py``). The others are laid out by WeasyPrint, one process per core
(``protocols_pdf_workers``), and a line is printed as each one is finished, so a long run is
never silent.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util import logging

from sphinx_protocols.core.wording import plural
from sphinx_protocols.pdf.document import shorten
from sphinx_protocols.sphinxext import console
from sphinx_protocols.sphinxext.config import get_config

from . import cache, document, weasy
from .urls import blocked_urls

logger = logging.getLogger("sphinx_protocols")
Outcome = weasy.Rendered | weasy.PdfError


def make_all(builder: Builder, pages: list[tuple[document.Target, Path]]) -> None:
    """Render every page to its PDF, and record each one made in ``builder.made`` (the PDF
    builder's list, for its summary and the tests)."""
    root = Path(builder.outdir)
    entries, engine = cache.load(root), cache.engine_version()
    jobs = [
        (t, h)
        for t, h in pages
        if not _blocked(builder, t, h) and not _kept(builder, entries, engine, t, h)
    ]
    jobs.sort(key=lambda job: -job[1].stat().st_size)  # the longest PDF starts first
    workers = min(len(jobs), get_config(builder.env).pdf_workers or os.cpu_count() or 1)
    if jobs:
        how = f" in {workers} processes" if workers > 1 else ""
        console.say(builder._app, f"Making {plural(len(jobs), 'PDF')}{how}:")
    start = time.perf_counter()
    if workers <= 1:
        for number, (target, html_path) in enumerate(jobs, 1):
            _record(builder, entries, number, len(jobs), target, _render(root, target, html_path))
    else:
        with ProcessPoolExecutor(workers) as pool:
            futures = {
                pool.submit(weasy.write_pdf, html, _pdf_path(root, t), root): t for t, html in jobs
            }
            for number, future in enumerate(as_completed(futures), 1):
                try:
                    outcome: Outcome = future.result()
                except weasy.PdfError as err:
                    outcome = err
                _record(builder, entries, number, len(jobs), futures[future], outcome)
    cache.save(root, entries)
    kept = sum(1 for m in builder.made if m.get("cached"))
    also = f", kept {kept} unchanged" if kept else ""
    console.say(
        builder._app,
        f"Made {plural(len(builder.made) - kept, 'PDF')} in "
        f"{time.perf_counter() - start:.0f} s{also}, in {console.where(root)}.",
    )


def _pdf_path(root: Path, target: document.Target) -> Path:
    return root / f"{target.filename}.pdf"


def _kept(
    builder: Builder, entries: dict, engine: str, target: document.Target, html_path: Path
) -> bool:
    """Whether the PDF in the build folder was made from exactly this page (cache.py)."""
    root = Path(builder.outdir)
    digest = cache.key(html_path, root, engine)
    entry = entries.get(target.filename, {})
    entries[target.filename] = {"key": digest, "pages": entry.get("pages", 0)}
    if not engine or entry.get("key") != digest or not _pdf_path(root, target).is_file():
        return False
    builder.made.append(
        {
            "scope": target.scope,
            "path": _pdf_path(root, target),
            "pages": entry.get("pages", 0),
            "seconds": 0.0,
            "cached": True,
        }
    )
    return True


def _blocked(builder: Builder, target: document.Target, html_path: Path) -> bool:
    """Whether the page loads anything from outside the build folder (reported, never made)."""
    root = Path(builder.outdir)
    blocked = blocked_urls(
        html_path.read_text(encoding="utf-8"), html_path.resolve().as_uri(), root
    )
    if blocked:
        _pdf_path(root, target).unlink(missing_ok=True)
        for url in blocked:
            _report_blocked(builder, target, url)
    return bool(blocked)


def _render(root: Path, target: document.Target, html_path: Path) -> Outcome:
    try:
        return weasy.write_pdf(html_path, _pdf_path(root, target), root)
    except weasy.PdfError as err:
        return err


def _record(
    builder: Builder,
    entries: dict,
    number: int,
    total: int,
    target: document.Target,
    outcome: Outcome,
) -> None:
    pdf_path = _pdf_path(Path(builder.outdir), target)
    if isinstance(outcome, weasy.PdfError):
        pdf_path.unlink(missing_ok=True)
        entries.pop(target.filename, None)
        for url in outcome.blocked:
            _report_blocked(builder, target, url)
        if not outcome.blocked:
            logger.warning(
                f"{target.filename}.pdf was not made: {outcome}",
                type="protocols",
                subtype="D02",
                location=target.docname,
            )
        console.step(builder._app, number, total, f"{pdf_path.name} was not made")
        return
    for note in outcome.notes:
        logger.info(f"note: WeasyPrint, {target.filename}.pdf: {note}")
    for error in outcome.errors:
        logger.warning(
            f"{target.filename}.pdf: WeasyPrint reported a problem: {error}",
            type="protocols",
            subtype="D02",
            location=target.docname,
        )
    builder.made.append(
        {
            "scope": target.scope,
            "path": pdf_path,
            "pages": outcome.pages,
            "seconds": outcome.seconds,
        }
    )
    entries[target.filename]["pages"] = outcome.pages
    console.step(
        builder._app,
        number,
        total,
        f"{pdf_path.name}: {shorten(target.title, 60)}, {outcome.pages} pages in "
        f"{outcome.seconds:.1f} s",
    )


def _report_blocked(builder: Builder, target: document.Target, url: str) -> None:
    where = _find_source(builder, target, url)
    logger.warning(
        f"{target.filename}.pdf was not made: the page links '{url}', which is outside the build "
        "folder. A PDF may only use images and stylesheets that are part of the project: save "
        "the file inside the protocols folder and link it with a relative path, or remove the "
        "link.",
        type="protocols",
        subtype="D01",
        location=where or target.docname,
    )


def _find_source(builder: Builder, target: document.Target, url: str) -> tuple[str, int] | None:
    """The file and line of the image or raw HTML that names a URL, when it can be found."""
    needle = url.rsplit("/", 1)[-1] or url
    for docname in [target.docname, *sorted(builder.env.all_docs)]:
        tree = builder.env.get_doctree(docname)
        for node in tree.findall(lambda n: isinstance(n, (nodes.image, nodes.raw))):
            text = node.get("uri", "") if isinstance(node, nodes.image) else node.astext()
            if url in text or needle in text:
                return (docname, node.line or 0)
    return None
