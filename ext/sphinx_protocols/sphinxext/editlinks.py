"""'Edit this clause' links on every item, for the editor's own preview only.

They appear only when ``protocols_editor_url`` is set, which `protocols edit` does for the preview
it builds; the published site (``make html``) never has them.
"""

from __future__ import annotations

from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_protocols.sphinxext.checks import get_partnership
from sphinx_protocols.sphinxext.config import get_config
from sphinx_protocols.sphinxext.items import protocols_item


def _add_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    base = get_config(app.env).editor_url
    if not base or app.builder.format != "html" or app.builder.name == "pdf":
        return
    p = get_partnership(app)
    for card in list(doctree.findall(protocols_item)):
        item = p.get(card["ids"][0]) if card["ids"] else None
        if item is None or card.parent is None:
            continue
        link = nodes.reference(
            "",
            "Edit this clause",
            refuri=f"{base.rstrip('/')}/item/{quote(item.id)}",
            reftitle=f"Edit {item.label} in the protocol editor",
        )
        card.parent.insert(
            card.parent.index(card) + 1,
            nodes.paragraph("", "", link, classes=["protocols-edit-link"]),
        )


def setup_editlinks(app: Sphinx) -> None:
    # after the cards are drawn (400) and the version history tables take the version items (900)
    app.connect("doctree-resolved", _add_links, priority=900)
