"""Shared by the escaping tests: what ran when built pages were opened in real Chromium, and what a
PDF could run or link to.

A hostile value sets ``window.__ran`` (or calls ``alert``) if it ever runs; a page is also
searched for event-handler attributes, and for links, sources and form actions that start with
'javascript:'.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

from sphinx_protocols.pdf.weasy import available
from sphinx_protocols.tools import a11y

from conftest import ROOTS

#: Elements a hostile 'onmouseover' could hide in, hovered on every page ('onclick' and the other
#: handlers are found as attributes, below).
_HOVERED = "b, i, img, svg, a, span, td, th, li, code"
_JAVASCRIPT_LINKS = """
[...document.querySelectorAll('[*|href], [src], [action], [formaction]')]
  .flatMap(e => [...e.attributes].filter(a => /^(href|src|action|formaction)$/i.test(a.localName))
      .map(a => a.value))
  .filter(v => v.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase().startsWith('javascript:'))
"""
#: Event-handler attributes ('onerror', 'onload' ...): our pages have none, so any is a value's.
_HANDLERS = """
[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
  .filter(a => a.name.toLowerCase().startsWith('on')).map(a => a.name + '=' + a.value)
"""


def hostile_project(dest: Path, replacements: Iterable[tuple[str, str]]) -> Path:
    """test-clean copied to ``dest``, each (old, new) replaced once in its protocol's page."""
    shutil.copytree(ROOTS / "test-clean", dest)
    page = dest / "proto" / "index.md"
    text = page.read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    page.write_text(text)
    return dest


def skip_without_pdf_tools() -> None:
    if reason := available():
        pytest.skip(f"PDF tests need WeasyPrint and Pango: {reason}")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed (apt-get install poppler-utils)")


def what_ran(pages: Iterable[Path], root: Path) -> list[str]:
    """Every dialog, flag, event handler and 'javascript:' link the pages made, as 'page: what'."""
    from playwright.sync_api import sync_playwright

    ran: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=a11y.chromium_path(), args=a11y.CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (ran.append(f"dialog {d.message}"), d.dismiss()))
        for html in pages:
            page.goto(html.as_uri())
            for element in page.locator(_HOVERED).all()[:300]:
                element.dispatch_event("mouseover")
            flag, links = page.evaluate("window.__ran"), page.evaluate(_JAVASCRIPT_LINKS)
            handlers = page.evaluate(_HANDLERS)
            if flag or links or handlers:
                ran.append(f"{html.relative_to(root)}: {flag} {links} {handlers}")
        browser.close()
    return ran


def text_in_browser(html: Path) -> str:
    """The page's words as Chromium shows them (so an escaped '<script>' reads as itself)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=a11y.chromium_path(), args=a11y.CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(html.as_uri())
        text = page.inner_text("body")
        browser.close()
    return " ".join(text.split())


def pdf_text(pdf: Path) -> str:
    """The PDF's words as poppler's pdftotext reads them, white space made single spaces."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                            text=True, check=True)
    return " ".join(result.stdout.split())


def pdf_dangers(pdf: Path) -> list[str]:
    """JavaScript, launch and open actions, and 'javascript:' URIs anywhere in the PDF's objects."""
    import pikepdf

    found = []
    with pikepdf.open(pdf) as doc:
        names = doc.Root.get("/Names")
        if names is not None and "/JavaScript" in names:
            found.append("a document-level JavaScript name tree")
        for key in ("/OpenAction", "/AA"):
            if key in doc.Root:
                found.append(f"the catalogue's {key}")
        for obj in _dictionaries(doc.objects):
            if "/JS" in obj or obj.get("/S") in (pikepdf.Name.JavaScript, pikepdf.Name.Launch):
                found.append(f"a {obj.get('/S')} action")
            uri = obj.get("/URI")
            if uri is not None and re.sub(r"[\s\x00-\x1f]", "", str(uri)).lower().startswith(
                "javascript:"
            ):
                found.append(f"a link to {uri}")
    return found


def _dictionaries(objects: Iterable) -> Iterable:
    """Every dictionary in the PDF: its numbered objects, and those written inside them (a link's
    action is usually a dictionary inside its annotation)."""
    import pikepdf

    stack = list(objects)
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Dictionary):
            yield obj
            stack.extend(v for v in obj.values() if _direct(v))
        elif isinstance(obj, pikepdf.Array):
            stack.extend(v for v in obj if _direct(v))


def _direct(value: object) -> bool:
    import pikepdf

    return isinstance(value, pikepdf.Object) and not value.is_indirect
