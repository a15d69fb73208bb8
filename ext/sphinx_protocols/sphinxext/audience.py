"""Public and partner-only builds: partner-only pages and text never reach the public build.

`make html` builds for the public; `make partner` (``-t partners``, or ``protocols_audience =
"partners"``) builds everything. Partner-only pages are left out through ``exclude_patterns``
before Sphinx looks for pages, and partner-only items, views and blocks are blanked from the text
when it is read (``source-read``), so search, needs.json, the views and the PDFs only ever see
what is public. ``protocols audit-public`` proves it on a built site.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.matching import Matcher

from sphinx_protocols.core import audience as aud

logger = logging.getLogger("sphinx_protocols")


def audience_of(app: Sphinx) -> str:
    """'partners' when the build asks for it (a tag or the setting), else 'public'."""
    if app.tags.has(aud.PARTNERS) or app.config.protocols_audience == aud.PARTNERS:
        return aud.PARTNERS
    return aud.PUBLIC


def partner_only_pages(srcdir: Path, exclude: list[str]) -> list[str]:
    """The docnames of pages whose front matter says ``audience: partners``."""
    skip = Matcher(exclude)
    found = []
    for path in sorted(srcdir.rglob("*.md")):
        relative = path.relative_to(srcdir).as_posix()
        if skip(relative) or relative.startswith("_build/"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if aud.page_is_partner_only(text):
            found.append(relative.removesuffix(".md"))
    return found


def _choose(app: Sphinx, config: Config) -> None:
    if config.protocols_audience not in (aud.PUBLIC, aud.PARTNERS):
        logger.warning(
            f"conf.py: protocols_audience should be 'public' or 'partners', not "
            f"{config.protocols_audience!r}; building for the public.",
            type="protocols",
            subtype="config",
        )
        config.protocols_audience = aud.PUBLIC
    who = audience_of(app)
    app.tags.add(who)
    excluded = (
        partner_only_pages(Path(app.srcdir), list(config.exclude_patterns))
        if who == aud.PUBLIC
        else []
    )
    config.exclude_patterns = [*config.exclude_patterns, *(f"{doc}.md" for doc in excluded)]
    app._protocols_excluded = set(excluded)  # type: ignore[attr-defined]


def filtered(app: Sphinx, docname: str, text: str) -> str:
    return aud.filter_page(
        text,
        audience_of(app),
        app.config.protocols_partner_only_views,
        getattr(app, "_protocols_excluded", set()),
        docname,
    )[0]


def _read(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = filtered(app, docname, source[0])


def _copy_filtered_sources(app: Sphinx, exception: Exception | None) -> None:
    """Sphinx copies each page's file as it is on disk into ``_sources``: put the filtered text
    there."""
    sources = Path(app.outdir, "_sources")
    if exception is not None or audience_of(app) != aud.PUBLIC or not sources.is_dir():
        return
    for docname in app.env.found_docs:
        copied = sources / f"{docname}.md.txt"
        if copied.is_file():
            text = Path(app.env.doc2path(docname)).read_text(encoding="utf-8")
            copied.write_text(filtered(app, docname, text), encoding="utf-8")


def setup_audience(app: Sphinx) -> None:
    app.connect("config-inited", _choose, priority=600)
    app.connect("source-read", _read, priority=100)  # before any other reader sees the text
    app.connect("build-finished", _copy_filtered_sources)
