"""Take the screenshots the user guide shows, from a built site: python scripts/screenshots.py SITE
OUT

Run after `make html`. Uses Debian's Chromium through Playwright, like the browser checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from sphinx_protocols.tools import a11y

SHOTS = {  # file name: (page, CSS selector of the part to show, or "" for the top of the page)
    "home.png": ("index.html", ""),
    "matrix.png": ("buckinghamshire/reporting.html", ".protocols-matrix"),
    "profile.png": ("profiles/BODY_BUCKS_HWB.html", ""),
    "findings.png": ("findings.html", ""),
    "diagram.png": ("bournemouth-poole/diagram.html", ".protocols-diagram"),
}


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with a11y.serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=a11y.chromium_path(), args=a11y.CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 760})
        for name, (path, selector) in SHOTS.items():
            page.goto(base + path)
            target = page.locator(selector).first if selector else page
            target.screenshot(path=str(out / name))
            print(f"{out / name}")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
