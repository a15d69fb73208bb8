"""axe-core (WCAG 2.2 A and AA) in Chromium at five widths, from a small phone to a wide desktop.

Every page is checked at 1280 px (the width the old single check used). At 320, 390, 768 and
1920 px one page of each kind is checked (a profile, each protocol page name, the site-wide
pages): the pages of one kind come from one template, so they break at the same widths, and this
keeps the check to a few minutes on two cores. ``full=True`` checks every page at every width.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from sphinx_protocols.tools import a11y
from sphinx_protocols.tools.conformance import Check

WIDTHS = (320, 390, 768, 1280, 1920)
FULL_WIDTH = 1280  # the width at which every page is checked


def kind(page: str) -> str:
    """Pages drawn by the same template: every profile is one kind; 'bodies.html' in every protocol
    folder is one kind; a site-wide page is its own kind."""
    path = PurePosixPath(page)
    if path.parts[0] == "profiles":
        return "profile"
    return path.name if len(path.parts) > 1 else f"site: {page}"


def one_of_each_kind(pages: list[str]) -> list[str]:
    chosen: dict[str, str] = {}
    for page in pages:
        chosen.setdefault(kind(page), page)
    return list(chosen.values())


def check_widths(
    site: Path,
    axe_js: Path,
    widths: tuple[int, ...] = WIDTHS,
    full: bool = False,
    tabs: int = 3,
    progress: Callable[[str, int, int], None] | None = None,
    cache: Callable[[int], Path] | None = None,
) -> Check:
    """WCAG 2.2 A/AA violations at each width, counted as 'rule (width px): help';
    ``progress(what, done, total)`` after each page; ``cache(width)`` is where the results of
    unchanged pages are kept between runs."""
    check = Check("axe-core WCAG 2.2 A/AA", "WCAG 2.2 A and AA at five screen widths (axe-core)")
    start = time.perf_counter()
    every = a11y.pages(site)
    sample = one_of_each_kind(every)
    try:
        for width in widths:
            todo = every if full or width == FULL_WIDTH else sample
            each = None if progress is None else functools.partial(progress, f"at {width} px")
            results = a11y.check_site(
                site,
                axe_js,
                only=list(todo),
                tabs=tabs,
                width=width,
                progress=each,
                cache=cache(width) if cache else None,
            )
            for page in results.pages:
                for v in page.violations:
                    check.errors[f"{v['id']} at {width} px: {v['help']}"] += len(v["targets"]) or 1
                    check.details.append(
                        f"{page.page} ({width} px): {v['id']}: {'; '.join(v['targets'])}"
                    )
                for v in page.advice:
                    check.notes[f"{v['id']} at {width} px"] += 1
    except a11y.BrowserUnavailableError as err:
        check.unavailable = str(err)
        return check
    check.looked_at = _looked_at(len(every), len(sample), widths, full)
    check.seconds = time.perf_counter() - start
    return check


def _looked_at(pages: int, kinds: int, widths: tuple[int, ...], full: bool) -> str:
    """What was checked, in the accessibility statement's words."""
    if full or widths == (FULL_WIDTH,):
        return f"all {pages} pages at {_widths(widths)}"
    others = tuple(w for w in widths if w != FULL_WIDTH)
    return (
        f"all {pages} pages at {FULL_WIDTH} pixels, and one page of each of the {kinds} kinds "
        f"of page at {_widths(others)}"
    )


def _widths(widths: tuple[int, ...]) -> str:
    named = [str(w) for w in widths]
    text = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
    return f"each of {len(widths)} widths ({text} pixels)" if len(widths) > 1 else f"{text} pixels"
