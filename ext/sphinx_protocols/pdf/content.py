"""The seal of a PDF's pages: a hash of what they draw, kept in the PDF's metadata.

`protocols verify` computes it again, so a PDF whose pages were edited, or a blank PDF given the
metadata of a real one, no longer matches. Like the signature seals it shows that the pages are as
`make pdf` wrote them, not who made them: anyone with this program can compute it.
"""

from __future__ import annotations

import hashlib

import pikepdf

META_CONTENT = "/protocolscontent"


def _streams(contents: object) -> list[pikepdf.Stream]:
    if isinstance(contents, pikepdf.Stream):
        return [contents]
    if isinstance(contents, pikepdf.Array):
        return [c for c in contents if isinstance(c, pikepdf.Stream)]
    return []


def content_seal(pdf: pikepdf.Pdf) -> str:
    """A hash of every page's drawing instructions and of the images and forms they place."""
    digest = hashlib.sha256()
    for page in pdf.pages:
        digest.update(b"\x00page")
        for stream in _streams(page.obj.get("/Contents")):
            digest.update(stream.read_bytes())
        resources = page.obj.get("/Resources")
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        for name in sorted(xobjects.keys()) if isinstance(xobjects, pikepdf.Dictionary) else []:
            digest.update(name.encode("utf-8") + xobjects[name].read_bytes())
    return digest.hexdigest()


def seal_pages(pdf: pikepdf.Pdf) -> None:
    """Write the seal of the pages as they are now (call it last, just before saving)."""
    pdf.docinfo[META_CONTENT] = content_seal(pdf)
