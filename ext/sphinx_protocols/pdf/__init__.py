"""PDFs of the protocols: a Sphinx builder on WeasyPrint, tagged PDF/UA-1, fetching nothing outside the build."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_pdf(app: Sphinx) -> None:
    from .builder import ProtocolsPDFBuilder

    app.add_builder(ProtocolsPDFBuilder)
