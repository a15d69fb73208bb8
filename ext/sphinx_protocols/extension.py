"""The one place that registers things with Sphinx: a table of contents of the extension."""

from __future__ import annotations

from sphinx.application import Sphinx

from .branding import setup_branding
from .checks import setup_checks
from .config import setup_config
from .directives import setup_directives
from .needs_config import setup_needs
from .pdf import setup_pdf
from .render import setup_render
from .review.site import setup_review
from .signing import setup_signing
from .stamps import setup_stamps


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_needs")
    setup_config(app)
    setup_needs(app)
    setup_branding(app)
    setup_directives(app)
    setup_checks(app)
    setup_signing(app)
    setup_render(app)
    setup_stamps(app)
    setup_review(app)
    setup_pdf(app)
