"""The PDF reads only files inside the build folder: nothing from the web, nothing else on disk.

A loopback HTTP server counts every request; each test proves it was never asked for anything.
"""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sphinx_protocols.pdf.urls import blocked_urls, fetched_urls, inside
from sphinx_protocols.pdf.weasy import available

from conftest import ROOTS, warnings_of

needs_weasyprint = pytest.mark.skipif(bool(available()), reason="needs WeasyPrint and Pango: "
                                                                f"{available()}")


class Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        Counter.hits.append(self.path)
        body = b"p { color: red }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A web server on 127.0.0.1 that records every request made to it."""
    Counter.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_urls_inside_the_folder_and_data_urls_are_allowed(tmp_path) -> None:
    (tmp_path / "a.css").write_text("")
    assert inside((tmp_path / "a.css").as_uri(), tmp_path)
    assert inside("data:text/css,p{}", tmp_path)
    assert not inside("http://127.0.0.1/a.css", tmp_path)
    assert not inside("file:///etc/hostname", tmp_path)
    assert not inside((tmp_path / ".." / "x.css").as_uri(), tmp_path)


def test_the_fetched_urls_of_a_page_are_found() -> None:
    html = ('<img src="a.png"><link rel="stylesheet" href="b.css"><a href="https://gov.uk">not '
            'fetched</a>'
            '<style>@import "c.css"; p { background: url(d.png) }</style><object '
            'data="e.svg"></object>')
    assert fetched_urls(html) == ["a.png", "b.css", "e.svg", "d.png", "c.css"]
    assert blocked_urls('<img src="../../etc/x.png"><img src="ok.png">', "file:///out/p/index.html",
                        Path("/out")) == ["../../etc/x.png"]


@needs_weasyprint
@pytest.mark.parametrize("case", ["link", "import", "image", "parent", "symlink", "absolute"])
def test_the_fetcher_refuses_and_nothing_is_fetched(tmp_path, server, case) -> None:
    from sphinx_protocols.pdf.weasy import PdfError, write_pdf

    root = tmp_path / "build"
    root.mkdir()
    (tmp_path / "outside.css").write_text("p { color: red }")
    (root / "link.css").symlink_to(tmp_path / "outside.css")
    page = {
        "link": f'<link rel="stylesheet" href="{server}/evil.css">',
        "import": f'<style>@import url("{server}/evil.css");</style>',
        "image": f'<img src="{server}/logo.png" alt="Logo">',
        "parent": '<link rel="stylesheet" href="../outside.css">',
        "symlink": '<link rel="stylesheet" href="link.css">',
        "absolute": '<img src="file:///etc/hostname" alt="x">',
    }[case]
    (root / "index.html").write_text(
        f'<html lang="en-GB"><head><title>T</title>{page}</head><body><p>x</p></body></html>'
    )
    with pytest.raises(PdfError) as err:
        write_pdf(root / "index.html", root / "out.pdf", root)
    assert "outside the build folder" in str(err.value) and err.value.blocked
    assert not (root / "out.pdf").exists()
    assert Counter.hits == []


@needs_weasyprint
def test_files_inside_the_build_folder_and_data_urls_are_used(tmp_path) -> None:
    from sphinx_protocols.pdf.weasy import write_pdf

    (tmp_path / "style.css").write_text("p { color: #123456 }")
    (tmp_path / "index.html").write_text(
        '<html lang="en-GB"><head><title>T</title><link rel="stylesheet" '
        'href="style.css"></head><body>'
        '<p>x</p><img alt="dot" src="data:image/svg+xml,<svg '
        'xmlns=%22http://www.w3.org/2000/svg%22 width=%221%22 '
        'height=%221%22/>"></body></html>')
    result = write_pdf(tmp_path / "index.html", tmp_path / "out.pdf", tmp_path)
    assert result.pages == 1 and (tmp_path / "out.pdf").stat().st_size > 0


@needs_weasyprint
def test_a_protocol_linking_the_web_or_the_disk_gets_a_located_error_and_no_pdf(
    tmp_path_factory, server
) -> None:
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path_factory.mktemp("fetch") / "p"
    shutil.copytree(ROOTS / "test-clean", src)
    page = src / "proto" / "index.md"
    page.write_text(page.read_text() + f"\n![Partnership logo]({server}/logo.png)\n\n"
                    f'<link rel="stylesheet" href="{server}/evil.css">\n\n'
                    '<img src="/etc/hostname" alt="hostname">\n')
    # raw HTML on: the fetcher is the second line of defence, behind P40
    app = SphinxTestApp("pdf", srcdir=src, confoverrides={"protocols_raw_html": True})
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = [w for w in warnings_of(app) if "[protocols.D01]" in w]
    assert warnings, warnings_of(app)
    assert all(w.startswith("proto/index.md:") for w in warnings)
    text = "\n".join(warnings)
    for url in (f"{server}/logo.png", f"{server}/evil.css", "/etc/hostname"):
        assert f"links '{url}', which is outside the build folder" in text
    assert "save the file inside the protocols folder" in text
    made = sorted(p.name for p in Path(app.outdir).glob("*.pdf"))
    assert made == ["proto-signatures.pdf"]  # only the signature page, which links nothing
    assert Counter.hits == []
