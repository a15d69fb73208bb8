"""Real-browser accessibility checks of a built site: axe-core in Chromium, page by page.

The site is served on 127.0.0.1 (never the network), every HTML page is opened in Debian's
Chromium through Playwright, a pinned axe-core is injected, and WCAG 2.0/2.1/2.2 A and AA
violations are separated from best-practice advice. The results feed the accessibility statement.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sphinx_protocols.tools import a11y_cache

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SKIP_DIRS = {"_static", "_sources", "_images", "_downloads"}
#: sphinx-needs' permalink page: a script that looks an ID up in needs.json and moves the browser
#: on. It has no content of its own, and on a busy machine its redirect can come at any moment.
REDIRECT_PAGES = {"permalink.html"}


class BrowserUnavailableError(RuntimeError):
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
    width: int = 1280  # the browser window's width in CSS pixels
    unchanged: int = 0  # pages whose result was kept from the last check (a11y_cache.py)

    @property
    def violation_count(self) -> int:
        return sum(len(p.violations) for p in self.pages)

    @property
    def advice_count(self) -> int:
        return sum(len(p.advice) for p in self.pages)

    def summary(self) -> str:
        kept = f" ({self.unchanged} unchanged since the last check)" if self.unchanged else ""
        return (f"Checked {len(self.pages)} pages{kept} in {self.browser} with axe-core "
                f"{self.axe_version}: "
                f"{self.violation_count} WCAG 2.2 A/AA violation(s), {self.advice_count} "
                "best-practice "
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
    def log_message(self, format: str, *args: object) -> None:
        pass


def _brief(rule: dict) -> dict:
    return {"id": rule["id"], "impact": rule.get("impact") or "", "help": rule["help"],
            "targets": [", ".join(map(str, n["target"])) for n in rule["nodes"]][:10]}


def check_site(
    site: Path,
    axe_js: Path,
    only: list[str] | None = None,
    tabs: int = 3,
    width: int = 1280,
    progress: Callable[[int, int], None] | None = None,
    cache: Path | None = None,
) -> Results:
    """Run axe-core on every page of a built site (or the pages named in ``only``).

    Several tabs work at once (axe waits on the page, not on the processor), which makes a
    few hundred pages take a minute or two on two cores. ``progress(done, total)`` is called
    after each page, for the person waiting. With a ``cache`` file, pages unchanged since the
    check that wrote it keep their results (a11y_cache.py) and only the others are opened.
    """
    if not axe_js.is_file():
        raise BrowserUnavailableError("axe-core is not installed: run 'npm ci' in the project "
                                      "folder.")
    try:
        from playwright.async_api import Error, async_playwright
    except ImportError as err:
        raise BrowserUnavailableError("Playwright is not installed: run 'make test' once to "
                                      "install it.") from err
    if not Path(chromium_path()).exists():
        raise BrowserUnavailableError(f"Chromium is not installed at {chromium_path()}: run "
                                 "'sudo bash scripts/system-packages.sh' (or apt-get install "
                                 "chromium).")
    script = axe_js.read_text(encoding="utf-8")
    wanted = [p for p in (only or pages(site)) if p not in REDIRECT_PAGES]
    kept = a11y_cache.load(cache, a11y_cache.shared_key(site, script, width)) if cache else None
    known = {}
    for rel in wanted if kept else []:
        if (entry := a11y_cache.unchanged(kept, site, rel)) is not None:
            known[rel] = PageResult(rel, entry["violations"], entry["advice"])
    todo = [p for p in wanted if p not in known]

    async def run(base: str) -> Results:
        async with async_playwright() as playwright:
            try:
                chrome = await playwright.chromium.launch(
                    executable_path=chromium_path(), args=CHROMIUM_ARGS
                )
            except Error as err:
                raise BrowserUnavailableError(f"Chromium would not start: {err}") from err
            found: dict[str, PageResult] = dict(known)
            version = ""

            async def worker() -> None:
                nonlocal version
                page = await chrome.new_page(  # axe is injected: past the site's CSP
                    viewport={"width": width, "height": 900}, bypass_csp=True
                )
                while todo:
                    rel = todo.pop(0)
                    await page.goto(base + rel, wait_until="load")
                    if await _redirects(page, base + rel):
                        continue  # it only sends the browser on; the target is checked itself
                    try:
                        await page.add_script_tag(content=script)
                        data = await page.evaluate(_AXE, [*WCAG_TAGS, "best-practice"])
                    except Error as err:  # on a busy machine a redirect can come after the wait
                        if await _redirects(page, base + rel, timeout=5000):
                            continue
                        raise BrowserUnavailableError(f"{rel} could not be checked: {err}") from err
                    version = data["version"]
                    wcag = [v for v in data["violations"] if set(v["tags"]) & set(WCAG_TAGS)]
                    advice = [v for v in data["violations"] if not set(v["tags"]) & set(WCAG_TAGS)]
                    found[rel] = PageResult(
                        rel, [_brief(v) for v in wcag], [_brief(v) for v in advice]
                    )
                    if progress is not None:
                        progress(len(found) - len(known), len(order))
                await page.close()

            order = list(todo)
            await asyncio.gather(*(worker() for _ in range(max(1, tabs))))
            name = f"Chromium {chrome.version}"
            await chrome.close()
            return Results(
                dt.date.today().isoformat(), version or _version(script), name,
                [found[r] for r in wanted if r in found], width, len(known),
            )

    with serve(site) as base:
        results = asyncio.run(run(base))
    if kept is not None:
        a11y_cache.save(kept, site, results.pages)
    return results


def _version(script: str) -> str:
    """axe-core's version as its script states it, for a check that opened no page."""
    found = re.search(r"axe v([0-9][0-9.]*)", script)
    return found.group(1) if found else ""


_AXE = """async (tags) => {
    const found = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    return {version: axe.version, violations: found.violations};
}"""


async def _redirects(page: Any, url: str, timeout: int = 300) -> bool:
    """True for a page whose own script moves the browser on (sphinx-needs' permalink page)."""
    with contextlib.suppress(Exception):
        await page.wait_for_url(lambda now: now != url, timeout=timeout)
    return page.url != url
