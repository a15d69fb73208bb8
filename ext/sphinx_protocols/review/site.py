"""The review pack on the site: the ``{review-pack}`` view, and what a needs.json build keeps for
it.

``protocols diff`` writes the pack as JSON (``protocols_review_pack``, by default
``_build/review/pack.json`` beside the project folder); the page with ``{review-pack}`` shows it,
and says how to make one when there is none. The page is read again whenever the pack changes.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_protocols.core.versions import long_date
from sphinx_protocols.sphinxext.config import get_config
from sphinx_protocols.sphinxext.state import confdir, depend_on_file
from sphinx_protocols.sphinxext.templating import render

from .pack import PackError, read
from .snapshot import META
from .words import trim

logger = logging.getLogger("sphinx_protocols")
FLAG = (
    "protocols_review_pack"  # in a page's metadata: the page shows the pack (the PDF looks for it)
)


class review_pack(nodes.General, nodes.Element):  # noqa: N801  (docutils node naming)
    """Placeholder for the review pack, filled once every page is read."""


class ReviewPack(SphinxDirective):
    """``review-pack``: what changed between two versions, from the pack `protocols diff` wrote."""

    # partners only, by default (sphinxext/audience.py)
    option_spec = {"audience": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        self.env.metadata[self.env.docname][FLAG] = True
        depend_on_file(self.env, confdir(self.env) / get_config(self.env).review_pack)
        node = review_pack()
        self.set_source_info(node)
        return [node]


def pack_path(app: Sphinx) -> Path:
    return Path(app.confdir, get_config(app.env).review_pack)


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(review_pack)):
        if app.builder.format != "html":
            node.replace_self([])
            continue
        path = pack_path(app)
        pack, problem = None, ""
        if path.is_file():
            try:
                pack = read(path)
            except PackError as err:
                problem = str(err)
                logger.info(f"note: the review page shows no pack: {err}")
        html = render(
            app, "review-pack", docname, pack=pack, problem=problem, trim=trim, long_date=long_date
        )
        node.replace_self(nodes.raw("", html, format="html"))


def _keep_meta(app: Sphinx, exception: Exception | None) -> None:
    """Beside needs.json, what the review needs to judge this version as the site would."""
    if exception is not None or app.builder.name != "needs":
        return
    config = get_config(app.env)
    meta = {"suppress_warnings": list(app.config.suppress_warnings), "strict": config.strict,
            "lexicon": config.lexicon}
    Path(app.outdir, META).write_text(json.dumps(meta), encoding="utf-8")


def setup_review(app: Sphinx) -> None:
    app.add_node(review_pack)
    app.add_directive("review-pack", ReviewPack)
    app.connect("doctree-resolved", _resolve)
    app.connect("build-finished", _keep_meta)
