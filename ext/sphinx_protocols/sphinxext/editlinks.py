"""'Edit this clause' links on every item, for the editor's own preview only.

They appear only when ``protocols_editor_url`` is set, which `protocols edit` does for the preview
it builds; the published site (``make html``) never has them.
"""

from __future__ import annotations

from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.api import get_needs_view

from sphinx_protocols.sphinxext.config import get_config


def _add_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    base = get_config(app.env).editor_url
    if not base or app.builder.format != "html":
        return
    needs = get_needs_view(app)
    for table in list(doctree.findall(nodes.table)):
        need_id = next((i for i in table["ids"] if i in needs), None)
        if need_id is None or "need" not in table["classes"]:
            continue
        title = needs[need_id].get("title") or need_id
        link = nodes.reference(
            "",
            "Edit this clause",
            refuri=f"{base.rstrip('/')}/item/{quote(need_id)}",
            reftitle=f"Edit {title} in the protocol editor",
        )
        table.parent.insert(
            table.parent.index(table) + 1,
            nodes.paragraph("", "", link, classes=["protocols-edit-link"]),
        )


def setup_editlinks(app: Sphinx) -> None:
    app.connect("doctree-resolved", _add_links, priority=900)  # after sphinx-needs draws the cards
