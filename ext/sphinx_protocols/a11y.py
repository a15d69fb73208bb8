"""Real-browser accessibility checks of a built site: axe-core in Chromium, page by page.

The site is served on 127.0.0.1 (never the network), every HTML page is opened in Debian's
Chromium through Playwright, a pinned axe-core is injected, and WCAG 2.0/2.1/2.2 A and AA
violations are separated from best-practice advice. The results feed the accessibility statement.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SKIP_DIRS = {"_static", "_sources", "_images", "_downloads"}


class BrowserUnavailable(RuntimeError):
    """Chromium, Playwright or axe-core is missing; the message says how to get it."""


@dataclass
class PageResult:
    page: str
    violations: list[dict] = field(default_factory=list)  # WCAG A/AA: {id, impact, help, targets}
    advice: list[dict] = field(default_factory=list)  # best practice, reported apart


@dataclass
class Results:
    checked_on: str
    axe_version: str
    browser: str
    pages: list[PageResult]

    @property
    def violation_count(self) -> int:
        return sum(len(p.violations) for p in self.pages)

    @property
    def advice_count(self) -> int:
        return sum(len(p.advice) for p in self.pages)

    def summary(self) -> str:
        return (f"Checked {len(self.pages)} pages in {self.browser} with axe-core {self.axe_version}: "
                f"{self.violation_count} WCAG 2.2 A/AA violation(s), {self.advice_count} best-practice "
                "finding(s).")

    def to_json(self) -> str:
        data = asdict(self)
        data["violation_count"], data["advice_count"] = self.violation_count, self.advice_count
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


def chromium_path() -> str:
    return os.environ.get("PROTOCOLS_CHROMIUM", "/usr/bin/chromium")


def axe_path(root: Path) -> Path:
    return root / "node_modules" / "axe-core" / "axe.min.js"


def pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it."""
    found = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if not SKIP_DIRS & set(rel.parts):
            found.append(rel.as_posix())
    return found


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a folder on a free loopback port for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  (the stdlib's name)
        pass


@contextlib.contextmanager
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; a plain message when either is missing."""
    try:
        from playwright.sync_api import Error, sync_playwright  # noqa: PLC0415
    except ImportError as err:
        raise BrowserUnavailable("Playwright is not installed: run 'make test' once to install it.") from err
    if not Path(chromium_path()).exists():
        raise BrowserUnavailable(f"Chromium is not installed at {chromium_path()}: run "
                                 "'sudo bash scripts/system-packages.sh' (or apt-get install chromium).")
    with sync_playwright() as playwright:
        try:
            chrome = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        except Error as err:
            raise BrowserUnavailable(f"Chromium would not start: {err}") from err
        try:
            yield chrome
        finally:
            chrome.close()


def _brief(rule: dict) -> dict:
    return {"id": rule["id"], "impact": rule.get("impact") or "", "help": rule["help"],
            "targets": [", ".join(map(str, n["target"])) for n in rule["nodes"]][:10]}


def check_site(site: Path, axe_js: Path, only: list[str] | None = None) -> Results:
    """Run axe-core on every page of a built site (or the pages named in ``only``)."""
    if not axe_js.is_file():
        raise BrowserUnavailable("axe-core is not installed: run 'npm ci' in the project folder.")
    script = axe_js.read_text(encoding="utf-8")
    results: list[PageResult] = []
    with browser() as chrome, serve(site) as base:
        page = chrome.new_page()  # type: ignore[attr-defined]
        version = ""
        for rel in only or pages(site):
            page.goto(base + rel, wait_until="load")
            if _redirects(page, base + rel):
                continue  # a page that only sends the browser elsewhere; the target is checked itself
            page.add_script_tag(content=script)
            found = page.evaluate(_AXE, [*WCAG_TAGS, "best-practice"])
            version = found["version"]
            wcag = [v for v in found["violations"] if set(v["tags"]) & set(WCAG_TAGS)]
            advice = [v for v in found["violations"] if not set(v["tags"]) & set(WCAG_TAGS)]
            results.append(PageResult(rel, [_brief(v) for v in wcag], [_brief(v) for v in advice]))
        name = f"Chromium {chrome.version}"  # type: ignore[attr-defined]
    return Results(dt.date.today().isoformat(), version, name, results)


_AXE = """async (tags) => {
    const found = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    return {version: axe.version, violations: found.violations};
}"""


def _redirects(page: object, url: str) -> bool:
    """True for a page whose own script moves the browser on (sphinx-needs' permalink page)."""
    with contextlib.suppress(Exception):
        page.wait_for_url(lambda now: now != url, timeout=300)  # type: ignore[attr-defined]
    return page.url != url  # type: ignore[attr-defined]
