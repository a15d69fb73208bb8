"""Which URLs a PDF may load: only files inside the build folder, and ``data:`` URLs.

WeasyPrint loads every image, stylesheet and font a page names. A protocol page could name one on
the web or anywhere on the disk; the PDF would then depend on, or leak, things outside the build.
:func:`blocked_urls` finds such names in a page before rendering (so the message can point at the
file and line); fetcher.py refuses them while rendering, whatever slipped past. No WeasyPrint here.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

# What WeasyPrint fetches in a page: images and media, stylesheets, objects, CSS url() and @import.
_FETCHED = [
    re.compile(
        r"<(?:img|image|source|video|audio|embed|iframe|input|track)\b[^>]*?\s"
        r"(?:src|href|xlink:href|poster)\s*=\s*[\"']([^\"']+)[\"']",
        re.IGNORECASE,
    ),
    re.compile(r"<link\b[^>]*?\shref\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE),
    re.compile(r"<object\b[^>]*?\sdata\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE),
    re.compile(
        r"<a\b[^>]*?\brel\s*=\s*[\"']?attachment[^>]*?\shref\s*=\s*[\"']([^\"']+)[\"']",
        re.IGNORECASE,
    ),
    re.compile(r"url\(\s*[\"']?([^\"')\s]+)", re.IGNORECASE),
    re.compile(r"@import\s+[\"']([^\"']+)[\"']", re.IGNORECASE),
]


def inside(url: str, root: Path) -> bool:
    """Whether WeasyPrint may load this (absolute) URL: ``data:``, or a file inside ``root``."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(parts.path)).resolve()  # resolves '..' and symbolic links
    return path.is_relative_to(root.resolve())


def fetched_urls(html: str) -> list[str]:
    """Every URL in a piece of HTML that WeasyPrint would load, as written."""
    found: list[str] = []
    for pattern in _FETCHED:
        found.extend(m.group(1).strip() for m in pattern.finditer(html))
    return list(dict.fromkeys(u for u in found if u and not u.startswith("#")))


def blocked_urls(html: str, base_url: str, root: Path) -> list[str]:
    """The URLs in HTML that the fetcher would refuse, as written in the page."""
    return [u for u in fetched_urls(html) if not inside(urljoin(base_url, u), root)]
