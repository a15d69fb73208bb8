"""PDFs of the protocols: a Sphinx builder on WeasyPrint, tagged PDF/UA-1, fetching nothing outside
the build."""

from __future__ import annotations

import logging

from sphinx.application import Sphinx

# pikepdf's import announces itself at INFO
logging.getLogger("pikepdf._core").setLevel(logging.WARNING)

#: Message IDs of the PDF builder, for the guide: (what it means, what to do).
MESSAGES = {
    "D01": (
        "A page links an image or stylesheet on the web or elsewhere on the disk; that PDF is "
        "not made.",
        "Save the file inside the protocols folder and link it with a relative path, or remove "
        "the link.",
    ),
    "D02": (
        "WeasyPrint could not make a PDF, or reported a problem while making it.",
        "Read the message: usually an image in the project that is missing or unreadable.",
    ),
    "D03": (
        "WeasyPrint or the Pango library is not installed, so no PDF can be made.",
        "Run `make pdf` (it installs WeasyPrint) and `bash scripts/system-packages.sh` (Pango).",
    ),
}


def setup_pdf(app: Sphinx) -> None:
    from .builder import ProtocolsPDFBuilder

    app.add_builder(ProtocolsPDFBuilder)
