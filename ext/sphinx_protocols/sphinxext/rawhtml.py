"""Raw HTML written in a page is shown as text, unless the partnership turns it on.

A protocol repository takes edits from officers of several agencies, and the site is public:
an HTML block, an inline tag or the ``{raw}`` directive could put a script on it. So by default
(``protocols_raw_html = False``) the author's raw HTML is published as the text it is, with a
located error (P40). HTML comments are dropped quietly, as a browser would hide them.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from sphinx_protocols.sphinxext.config import get_config

logger = logging.getLogger("sphinx_protocols")

_COMMENTS = re.compile(r"\s*(<!--.*?-->\s*)+", re.DOTALL)


def _as_text(app: Sphinx, doctree: nodes.document) -> None:
    """At read time every raw node is the author's: ours are made later, when pages are written."""
    if get_config(app.env).raw_html:
        return
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        source = node.astext()
        if _COMMENTS.fullmatch(source) or not source.strip():
            node.parent.remove(node)
            continue
        logger.warning(
            f"This page has raw HTML ({source.strip()[:60]!r}), which is shown as text: HTML in a "
            "page could run a script on the published site. Write it in Markdown instead; a "
            "partnership that accepts the risk can set protocols_raw_html = True in conf.py.",
            type="protocols",
            subtype="P40",
            location=node,
        )
        inline = isinstance(node.parent, nodes.TextElement)
        node.replace_self(
            nodes.literal(source, source) if inline else nodes.literal_block(source, source)
        )


def setup_rawhtml(app: Sphinx) -> None:
    app.connect("doctree-read", _as_text, priority=100)
