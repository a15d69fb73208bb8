"""Every page says which version it shows; each protocol's page gets its version history.

The version history is the one written in the source (version items); git gives only a small
note of when a protocol's files last changed, never commit messages or hashes. Outside a git
checkout the pages say "not in version control"; in a checkout, a folder never committed is
"not yet recorded" (not mistaken for a download).
"""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.versions import long_date, review_due
from sphinx_protocols.sphinxext.checks import get_history, get_partnership
from sphinx_protocols.sphinxext.items import protocols_item
from sphinx_protocols.sphinxext.templating import environment, render


def protocol_of_page(p: Partnership, pagename: str) -> Item | None:
    """The protocol whose folder holds the page (the deepest one), if any."""
    folder = posixpath.dirname(pagename)
    homes = [(posixpath.dirname(x.docname), x) for x in p.protocols]
    inside = [
        (home, x)
        for home, x in homes
        if not home or folder == home or folder.startswith(home + "/")
    ]
    return max(inside, key=lambda pair: len(pair[0]))[1] if inside else None


def _stamp(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the version block at the end of every page's body."""
    if "body" not in context or app.builder.format != "html":
        return
    p = get_partnership(app)
    protocol = protocol_of_page(p, pagename)
    stamp = get_history(app).stamp(protocol.id if protocol else "")
    block = environment(app).get_template("protocols/version-stamp.html").render(
        stamp=stamp, protocol=protocol, date=long_date(stamp.date),
        review=review_due(protocol.get("next_review"), p.today) if protocol else None,
    )
    context["body"] += block


def _version_tables(app: Sphinx, doctree: nodes.document, docname: str, p: Partnership) -> None:
    """A protocol's version items become its version history table, where the first is written."""
    drawn = {node["ids"][0]: node for node in doctree.findall(protocols_item) if node["ids"]}
    for protocol in p.protocols:
        versions = p.history(protocol.id)
        here = [drawn[v.id] for v in versions if v.id in drawn]
        if not here:
            continue
        html = render(app, "version-history", docname, protocol=protocol, versions=versions,
                      here={v.id for v in versions if v.id in drawn})
        here[0].parent.insert(here[0].parent.index(here[0]), nodes.raw("", html, format="html"))
        for node in here:  # their anchors are on the table's rows now
            node.parent.remove(node)


def _history(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Draw the version history tables, and put a note on versions under each protocol's item."""
    if app.builder.format != "html":
        return
    p = get_partnership(app)
    _version_tables(app, doctree, docname, p)
    history = get_history(app)
    for node in list(doctree.findall(protocols_item)):
        protocol = p.get(node["ids"][0]) if node["ids"] else None
        if protocol is None or protocol.type != "protocol" or node.parent is None:
            continue
        place = history.places[protocol.id]
        html = render(app, "version-note", docname, protocol=protocol,
                      versions=p.history(protocol.id),
                      dirty=history.in_git and history.dirty(place.folder),
                      stamp=history.stamp(protocol.id))
        node.parent.insert(node.parent.index(node) + 1, nodes.raw("", html, format="html"))


def setup_stamps(app: Sphinx) -> None:
    app.connect("html-page-context", _stamp)
    app.connect("doctree-resolved", _history, priority=900)
