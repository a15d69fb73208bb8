"""Every page says which version it shows; each protocol's page gets its version history.

The facts come from git through versions.py. A page inside a protocol's folder shows that
protocol's version label, the commit and date of the folder's last change, and its tag when
nothing has changed since; other pages show the site's last change. Outside a git checkout (a
downloaded zip) they say "not in version control".
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.versions import long_date, review_due
from sphinx_protocols.sphinxext.checks import get_history, get_partnership
from sphinx_protocols.sphinxext.templating import environment, render
from sphinx_protocols.tools.history import History


def protocol_of_page(p: Partnership, pagename: str) -> Item | None:
    """The protocol whose folder holds the page (the deepest one), if any."""
    folder = posixpath.dirname(pagename)
    homes = [(posixpath.dirname(x.docname), x) for x in p.protocols]
    inside = [(home, x) for home, x in homes if not home or folder == home or folder.startswith(home + "/")]
    return max(inside, key=lambda pair: len(pair[0]))[1] if inside else None


def _stamp(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
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


def _history(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put each protocol's version history right after its protocol item's card."""
    if app.builder.format != "html":
        return
    p = get_partnership(app)
    history = get_history(app)
    wanted = {x.id: x for x in p.protocols}
    cards: dict[str, nodes.Element] = {}
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.target):
            continue
        for node_id in node.get("ids", ()):
            if node_id in wanted:
                cards.setdefault(node_id, node)
    for protocol_id, card in cards.items():
        while card.parent is not None and not isinstance(card.parent, (nodes.section, nodes.document)):
            card = card.parent
        if card.parent is None:
            continue
        protocol = wanted[protocol_id]
        place = history.places[protocol_id]
        html = render(app, "version-history", docname, protocol=protocol, in_git=history.in_git,
                      rows=history.rows(protocol_id), dirty=history.in_git and history.dirty(place.folder),
                      stamp=history.stamp(protocol_id))
        card.parent.insert(card.parent.index(card) + 1, nodes.raw("", html, format="html"))


def _outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
              removed: set[str]) -> list[str]:
    """A new commit, or a file changed since the last one, changes the stamps: write every page again.

    The one tracker of our own: git's state is not a file Sphinx could note as a dependency.
    """
    state = History(Path(app.srcdir), []).state()
    if getattr(env, "protocols_git_state", None) == state:
        return []
    env.protocols_git_state = state  # type: ignore[attr-defined]
    return sorted(env.found_docs)


def setup_stamps(app: Sphinx) -> None:
    app.connect("html-page-context", _stamp)
    app.connect("doctree-resolved", _history, priority=900)
    app.connect("env-get-outdated", _outdated)
