"""The bundled site in a real browser: axe-core on every page, a keyboard walk, screenshots, live
preview.

Needs Debian's Chromium, Playwright and the pinned axe-core (npm); skipped, with the reason, without
them.
Screenshots are saved in tests/_artifacts/screenshots for people to look at.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sphinx_protocols.tools import a11y

from conftest import REPO, SUMMARY

ARTIFACTS = REPO / "tests" / "_artifacts"
AXE = a11y.axe_path(REPO)

pytestmark = [
    pytest.mark.skipif(not Path(a11y.chromium_path()).exists(), reason="Chromium is not installed "
                                                                       "(scripts/system-packages.sh)"),
    pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed (npm ci)"),
]
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")


def _build(src: Path, out: Path, *extra: str) -> None:
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
            *extra,
            str(src),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("browser") / "protocols"
    shutil.copytree(
        REPO / "protocols",
        src,
        ignore=shutil.ignore_patterns("_build", "accessibility-results.json"),
    )
    return src


@pytest.fixture(scope="module")
def site(project) -> Path:
    out = project.parent / "html"
    _build(project, out)
    return out


def test_every_page_has_no_wcag_a_or_aa_violation(site, project, tmp_path) -> None:
    cache = tmp_path / "a11y-1280.json"
    results = a11y.check_site(site, AXE, cache=cache)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "accessibility-results.json").write_text(results.to_json())
    SUMMARY.append(f"Accessibility: {results.summary()}")
    failing = [f"{p.page}: {v['id']} {v['targets']}" for p in results.pages for v in p.violations]
    assert failing == []
    assert (
        len(results.pages) == len(a11y.pages(site)) - 1
    )  # all but sphinx-needs' redirecting permalink page
    # the statement reports this very check once the results sit beside conf.py
    (project / "accessibility-results.json").write_text(results.to_json())
    _build(project, project.parent / "html-statement")
    statement = (project.parent / "html-statement" / "accessibility.html").read_text()
    assert f"Pages checked: {len(results.pages)}" in statement
    assert "Failures of WCAG 2.2 A or AA found: 0" in statement
    # checked again with nothing changed: every result is kept, none is lost
    again = a11y.check_site(site, AXE, cache=cache)
    assert again.unchanged == len(again.pages) == len(results.pages)
    assert again.advice_count == results.advice_count and again.violation_count == 0


def _browser(p):
    return p.chromium.launch(executable_path=a11y.chromium_path(), args=a11y.CHROMIUM_ARGS)


def test_keyboard_alone_reaches_the_matrix_with_visible_focus(site) -> None:
    with a11y.serve(site) as base, playwright.sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page()
        page.goto(base + "index.html")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert "Skip to content" in focused
        page.keyboard.press("Enter")
        assert page.url.endswith("#furo-main-content")
        for _ in range(60):  # tab on until the first protocol in the list
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('href') || ''").endswith(
                "buckinghamshire/index.html"
            ):
                break
        else:
            pytest.fail("the protocol list cannot be reached by keyboard")
        page.keyboard.press("Enter")
        page.wait_for_url("**/buckinghamshire/index.html")
        page.goto(base + "buckinghamshire/reporting.html")
        for _ in range(400):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('protocols-matrix')"):
                break
        else:
            pytest.fail("the reporting matrix cannot be reached by keyboard")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"  # focus is visible
        label = page.evaluate(
            "document.getElementById(document.activeElement.getAttribute('aria-labelledby')).textContent"
        )
        assert "Buckinghamshire" in label or "boards" in label
        browser.close()


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390), ("zoom-400", 320)])
def test_screenshots_at_desktop_and_phone_widths(site, name, width) -> None:
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with a11y.serve(site) as base, playwright.sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": width, "height": 900})
        for path in (
            "index.html",
            "buckinghamshire/reporting.html",
            "profiles/BODY_BUCKS_HWB.html",
            "findings.html",
        ):
            page.goto(base + path)
            target = shots / f"{name}-{path.replace('/', '-').removesuffix('.html')}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
            # nothing but a labelled scroll region may be wider than the screen
            wide = page.evaluate(_WIDER_THAN_SCREEN)
            assert wide == [], f"{path} is wider than a {width}px screen"
        browser.close()


_WIDER_THAN_SCREEN = """() => {
    const allowed = '.protocols-matrix, .protocols-scroll, .protocols-diagram-scroll, '
        + '.toc-drawer, .sidebar-drawer, pre';
    return [...document.querySelectorAll('article *')]
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                && !el.closest(allowed))
        .slice(0, 5).map(el => el.tagName + ' ' + (el.textContent || '').trim().slice(0, 40));
}"""


def test_search_finds_a_clause(site) -> None:
    with a11y.serve(site) as base, playwright.sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page()
        page.goto(base + "search.html?q=Probation")
        page.wait_for_selector("#search-results li", timeout=15000)
        assert page.locator("#search-results li").count() >= 1
        browser.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_live_preview_shows_a_saved_change_within_seconds(tmp_path) -> None:
    src = tmp_path / "p"
    shutil.copytree(REPO / "tests" / "roots" / "test-clean", src)
    port = _free_port()
    autobuild = Path(sys.executable).with_name("sphinx-autobuild")
    if not autobuild.exists():
        pytest.skip("sphinx-autobuild is not installed")
    server = subprocess.Popen([str(autobuild), str(src), str(tmp_path / "out"), "--port", str(port),
                               "--host", "127.0.0.1", "-D", "protocols_show_problems=1", "-q"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/proto/index.html"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if b"Publish an annual report" in urllib.request.urlopen(url, timeout=2).read():
                    break
            except OSError:
                pass
            time.sleep(0.3)
        else:
            pytest.fail("the preview did not start")
        page = src / "proto" / "index.md"
        page.write_text(page.read_text().replace("Publish an annual report", "Publish a yearly "
                                                                             "report"))
        saved = time.monotonic()
        while time.monotonic() - saved < 30:
            if b"Publish a yearly report" in urllib.request.urlopen(url, timeout=2).read():
                break
            time.sleep(0.2)
        else:
            pytest.fail("the change did not appear within 30 seconds")
        seconds = time.monotonic() - saved
        SUMMARY.append(f"Live preview: a saved change appeared after {seconds:.1f} s")
        assert seconds < 15
        assert b"protocols-problems" in urllib.request.urlopen(url, timeout=2).read()
    finally:
        server.terminate()
        server.wait(timeout=10)
