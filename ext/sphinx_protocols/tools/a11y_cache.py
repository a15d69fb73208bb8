"""Results of pages unchanged since the last browser check, kept so they need not be checked again.

What axe-core finds on a page depends only on the page's HTML, the site's own files it loads
(style sheets, scripts, images, fonts), the window's width and axe-core itself. When none of these
changed, checking the page again would find the same, so its last result is used. Anything else
(a new theme file, another axe-core) starts the whole check afresh.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: the kinds of file a page loads; PDFs, spreadsheets and calendars are only linked
LOADED = {".css", ".js", ".png", ".svg", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2"}
SKIP = {"_sources", ".doctrees"}
#: loaded only by the search page, to show results for a query: the check opens it without one
NOT_SHARED = {"searchindex.js"}


@dataclass
class Cache:
    path: Path
    key: str  # of the shared files, the width and axe-core
    pages: dict[str, dict] = field(default_factory=dict)  # page -> {sha, violations, advice}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shared_key(site: Path, axe_script: str, width: int) -> str:
    """A hash of everything every page's result depends on besides its own HTML."""
    digest = hashlib.sha256(f"{width}\n{axe_script}".encode())
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        shared = path.suffix.lower() in LOADED and rel.as_posix() not in NOT_SHARED
        if shared and not SKIP & set(rel.parts) and path.is_file():
            digest.update(f"{rel.as_posix()}\n{_digest(path)}\n".encode())
    return digest.hexdigest()


def load(path: Path, key: str) -> Cache:
    """The cache at ``path`` if it was made with the same shared files, else an empty one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Cache(path, key)
    if not isinstance(data, dict) or data.get("key") != key:
        return Cache(path, key)
    return Cache(path, key, dict(data.get("pages", {})))


def unchanged(cache: Cache, site: Path, page: str) -> dict | None:
    """The page's last result ({violations, advice}) if its HTML is as it was, else None."""
    entry = cache.pages.get(page)
    if entry and entry.get("sha") == _digest(site / page):
        return entry
    return None


def save(cache: Cache, site: Path, results: list) -> None:
    """Keep every page's result with the hash of the HTML it was found on."""
    pages = {
        r.page: {
            "sha": _digest(site / r.page),
            **{k: v for k, v in asdict(r).items() if k != "page"},
        }
        for r in results
    }
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache.path.with_name(cache.path.name + ".part")
    temporary.write_text(json.dumps({"key": cache.key, "pages": pages}), encoding="utf-8")
    temporary.replace(cache.path)
