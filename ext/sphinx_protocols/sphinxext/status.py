"""A banner on every page of a protocol that is not agreed, on the web and in the PDF.

On the web it goes under the title of each page in the protocol's folder; in a PDF, before each
protocol's own item, where it also sets the running header of the pages that follow.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_protocols.core.status import banner
from sphinx_protocols.sphinxext.checks import get_partnership
from sphinx_protocols.sphinxext.items import protocols_item
from sphinx_protocols.sphinxext.stamps import protocol_of_page
from sphinx_protocols.sphinxext.templating import render


def _banner_node(app: Sphinx, docname: str, protocol_id: str, here: bool) -> nodes.raw | None:
    p = get_partnership(app)
    found = banner(p, p[protocol_id])
    if found is None:
        return None
    return nodes.raw(
        "", render(app, "status-banner", docname, banner=found, here=here), format="html"
    )


def _banners(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    p = get_partnership(app)
    if app.builder.name == "pdf":
        for node in list(doctree.findall(protocols_item)):
            item = p.get(node["ids"][0])
            if item is not None and item.type == "protocol":
                made = _banner_node(app, docname, item.id, True)
                # an agreed protocol clears the running header a draft before it set
                made = made or nodes.raw(
                    "", '<div class="protocols-banner-none" data-running=""></div>', format="html"
                )
                node.parent.insert(node.parent.index(node), made)
        return
    protocol = protocol_of_page(p, docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if protocol is None or section is None or not isinstance(section[0], nodes.title):
        return
    made = _banner_node(app, docname, protocol.id, docname == protocol.docname)
    if made is not None:
        section.insert(1, made)


def setup_status(app: Sphinx) -> None:
    app.connect("doctree-resolved", _banners, priority=450)  # after the items are drawn (400)
