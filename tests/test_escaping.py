"""What an author writes reaches the page as text: no script runs and no 'javascript:' link is
made, whatever is put in a title, an option, a signatory's name or the clause text (issue 16).

Proved in real Chromium: every page of a small site built from hostile values is opened, and a
script that ran would have set a flag on the window or opened a dialog.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_protocols.tools import a11y

from hostile import hostile_project

pytestmark = pytest.mark.skipif(
    not Path(a11y.chromium_path()).exists(), reason="Chromium is not installed"
)
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

#: Where each value goes in tests/roots/test-clean/proto/index.md: (the line, the line written).
HOSTILE = [
    (":::{protocol} Two boards protocol",
     ":::{protocol} Two boards <script>window.__ran='title'</script> protocol"),
    (":::{body} Alpha Board", ":::{body} Alpha <img src=x onerror=\"window.__ran='img'\"> Board"),
    (":abbreviation: BB", ":abbreviation: BB\"><svg onload=\"window.__ran='attribute'\">"),
    (":kind: board\n:challenges: BODY_A",
     ":kind: board\n:challenges: BODY_A\n:url: javascript:window.__ran='url'"),
    (":note: Reflect it in the strategy",
     ":note: <script>window.__ran='note'</script> ' onmouseover='window.__ran=1"),
    (":on_behalf_of: BODY_A",
     ":on_behalf_of: BODY_A\n:name: Ann <b onclick=\"window.__ran='name'\">"),
    (":modality: must\n:basis: LAW_CA\n:::",
     ":modality: must\n:basis: LAW_CA\n\nThe board <script>window.__ran=7</script> reports "
     "[here](javascript:window.__ran='markdown').\n:::"),
]


def _build(src: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, str]:
    src = hostile_project(tmp_path_factory.mktemp("hostile") / "p", HOSTILE)
    with (src / "conf.py").open("a") as conf:
        conf.write('html_theme = "furo"\n')  # as the bundled partnership: its inline script
    result = _build(src, src.parent / "out")
    assert "Traceback" not in result.stderr
    return src.parent / "out", result.stderr


def test_raw_html_in_the_text_is_an_error_and_shown_as_text(site) -> None:
    out, warnings = site
    assert "[protocols.P40]" in warnings and "proto/index.md" in warnings
    html = (out / "proto" / "index.html").read_text()
    assert '<span class="pre">&lt;script&gt;</span></code>window.__ran=7' in html


def test_no_hostile_value_runs_or_becomes_a_javascript_link(site) -> None:
    out, _warnings = site
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 5
    ran = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=a11y.chromium_path(), args=a11y.CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (ran.append(f"dialog {d.message}"), d.dismiss()))
        page.on("console", lambda m: "Content Security Policy" in m.text and ran.append(m.text))
        for html in pages:
            page.goto(html.as_uri())
            for element in page.locator("b, img, svg, a").all()[:200]:
                element.dispatch_event("mouseover")
            flag = page.evaluate("window.__ran")
            links = page.evaluate(
                "[...document.querySelectorAll('[href]')].map(a => a.getAttribute('href'))"
                ".filter(h => h.trim().toLowerCase().startsWith('javascript:'))"
            )
            if flag or links:
                ran.append(f"{html.relative_to(out)}: {flag} {links}")
        browser.close()
    assert ran == []  # and the site's own scripts ran under its Content-Security-Policy:


def test_every_page_has_a_content_security_policy_that_lets_the_site_work(site) -> None:
    out, _warnings = site
    index = (out / "index.html").read_text()
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'' in index
    assert "script-src 'self' 'sha256-" in index  # the theme's one inline script, by its hash
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=a11y.chromium_path(), args=a11y.CHROMIUM_ARGS)
        page = browser.new_page()
        blocked = []
        page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
        page.goto((out / "index.html").as_uri())
        assert page.evaluate("document.body.dataset.theme") == "auto"  # the inline script ran
        page.goto((out / "search.html").as_uri() + "?q=annual")
        page.wait_for_selector("#search-results li", timeout=10000)
        browser.close()
    assert blocked == []
