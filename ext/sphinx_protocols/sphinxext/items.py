"""Each item drawn as a reader's clause, through ``templates/protocols/item.html``.

Why our own template rather than sphinx-needs layouts: a layout is a grid table whose cells are
filled by layout functions, so a link can only show the linked item's ID, the markup nests
``div`` inside ``span`` (invalid HTML) and a partnership cannot restyle it like our other views.
Instead, before sphinx-needs formats its nodes (doctree-resolved, priority 400 < its 500), each
item node is replaced by the template's markup around the item's own text, which stays a doctree
(so ``{need}`` references, lists and nested markup inside a clause still work). The card says
names; the ID stays the anchor, and is in the link's title (and small print in the PDF).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx_needs.nodes import Need

from sphinx_protocols.core.cards import card
from sphinx_protocols.sphinxext.checks import get_partnership
from sphinx_protocols.sphinxext.templating import render

logger = logging.getLogger("sphinx_protocols")
#: Stands in the rendered template for the item's own text, which the HTML writer then writes.
_TEXT = "\x00protocols-item-text\x00"


class protocols_item(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """One item's card: raw markup from the template around the item's text."""


def _skip(self: Any, node: nodes.Element) -> None:
    """The card's own element is in the template's markup: the node itself writes nothing."""


def _cards(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    p = get_partnership(app)
    printed = app.builder.name == "pdf"
    warned = False
    for need in list(doctree.findall(Need)):
        item = p.get(need["ids"][0]) if need["ids"] else None
        if item is None or (need.get("docname") and need.get("docname") != item.docname):
            continue  # not this item's own node (a duplicate ID): sphinx-needs handles it
        html = render(app, "item", docname, card=card(p, item), text=Markup(_TEXT), printed=printed)
        before, found, after = html.partition(_TEXT)
        if not found and not warned:
            logger.warning(
                "templates: protocols/item.html has no '{{ text }}', so items are drawn "
                "without their text. Put '{{ text }}' where an item's text goes.",
                type="protocols",
                subtype="config",
            )
            warned = True
        node = protocols_item(ids=list(need["ids"]))
        node += nodes.raw("", before, format="html")
        node.extend(list(need.children) if found else [])
        node += nodes.raw("", after, format="html")
        need.replace_self(node)


def setup_items(app: Sphinx) -> None:
    visitors = (_skip, _skip)
    app.add_node(
        protocols_item, html=visitors, latex=visitors, text=visitors, man=visitors, texinfo=visitors
    )
    app.connect("doctree-resolved", _cards, priority=400)
