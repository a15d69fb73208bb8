"""The one place that registers things with Sphinx: a table of contents of the extension."""

from __future__ import annotations

from sphinx.application import Sphinx

from sphinx_protocols.pdf import setup_pdf
from sphinx_protocols.review.site import setup_review
from sphinx_protocols.sphinxext.audience import setup_audience
from sphinx_protocols.sphinxext.branding import setup_branding
from sphinx_protocols.sphinxext.checks import setup_checks
from sphinx_protocols.sphinxext.config import setup_config
from sphinx_protocols.sphinxext.confined import setup_confined
from sphinx_protocols.sphinxext.csp import setup_csp
from sphinx_protocols.sphinxext.directives import setup_directives
from sphinx_protocols.sphinxext.editlinks import setup_editlinks
from sphinx_protocols.sphinxext.incremental import setup_incremental
from sphinx_protocols.sphinxext.items import setup_items
from sphinx_protocols.sphinxext.needs_config import setup_needs
from sphinx_protocols.sphinxext.needs_export import setup_needs_export
from sphinx_protocols.sphinxext.rawhtml import setup_rawhtml
from sphinx_protocols.sphinxext.render import setup_render
from sphinx_protocols.sphinxext.signing import setup_signing
from sphinx_protocols.sphinxext.sources import setup_sources
from sphinx_protocols.sphinxext.stamps import setup_stamps
from sphinx_protocols.sphinxext.state import setup_state
from sphinx_protocols.sphinxext.status import setup_status
from sphinx_protocols.sphinxext.structure import setup_structure
from sphinx_protocols.sphinxext.takeaway import setup_takeaway
from sphinx_protocols.sphinxext.theme import setup_theme


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_needs")
    setup_config(app)
    setup_state(app)
    setup_audience(app)
    setup_needs(app)
    setup_needs_export(app)
    setup_branding(app)
    setup_theme(app)
    setup_csp(app)
    setup_directives(app)
    setup_sources(app)
    setup_structure(app)
    setup_rawhtml(app)
    setup_confined(app)
    setup_checks(app)
    setup_signing(app)
    setup_render(app)
    setup_items(app)
    setup_status(app)
    setup_stamps(app)
    setup_takeaway(app)
    setup_editlinks(app)
    setup_incremental(app)
    setup_review(app)
    setup_pdf(app)
