"""What goes into each PDF: which documents, the cover, the contents, the metadata, tidy links.

No WeasyPrint here. The builder (builder.py) assembles the pages of each target, and this module
says what the targets are and turns the assembled HTML into the page WeasyPrint renders.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.signatures import PARTNERSHIP, Fingerprint, SignatureStatus
from sphinx_protocols.core.status import banner
from sphinx_protocols.core.versions import Stamp, long_date
from sphinx_protocols.core.wording import reader_date
from sphinx_protocols.tools.vcs import Commit

PARTNERSHIP_FILE = "partnership"
#: ``protocols_pdf_only = "review"`` makes the review pack page (``{review-pack}``) a PDF of its
# own.
REVIEW, REVIEW_FILE = "review", "review-pack"
#: A protocol's signature page as a PDF of its own is its PDF's name with this at the end.
SIGNATURES_SUFFIX = "-signatures"
#: Names of the PDF metadata entries `protocols verify` reads (PDF Info dictionary keys). WeasyPrint
#: copies each <meta name> into the Info dictionary in lower case, letters and digits only.
META_SCOPE = "protocolsscope"
META_FINGERPRINT = "protocolsfingerprint"
META_CLAUSES = "protocolsclauses"
META_SIGNATURES = "protocolssignatures"
META_COMMIT = "protocolscommit"
META_VERSION = "protocolsversion"


@dataclass
class Target:
    """One PDF: a protocol from its protocol item's page, or the whole partnership from the root
    page."""

    scope: str  # a protocol ID, or PARTNERSHIP
    docname: str  # the page its contents start from
    filename: str  # the PDF's file name, without '.pdf'
    title: str
    protocol: Item | None = None
    signatures_only: bool = False  # the protocol's signature page alone, for signing on paper

    @property
    def is_protocol(self) -> bool:
        return self.protocol is not None

    @property
    def draft(self) -> bool:
        return self.protocol is not None and self.protocol.status == "draft"


def targets(p: Partnership, root_doc: str, partnership_title: str, only: str = "",
            review_doc: str = "") -> list[Target]:
    """The PDFs to make: one per protocol, then the whole partnership (``only`` narrows them).

    The annual review pack (the page ``review_doc``) is made only when ``only`` names 'review'.
    """
    wanted = {w.strip() for w in only.replace(";", ",").split(",") if w.strip()}
    found: list[Target] = []
    for protocol_id, name in protocol_filenames(p).items():
        if wanted and protocol_id not in wanted:
            continue
        protocol = p[protocol_id]
        found.append(Target(protocol.id, protocol.docname, name, protocol.label, protocol))
        found.append(Target(protocol.id, protocol.docname, f"{name}{SIGNATURES_SUFFIX}",
                            f"Signature page: {protocol.label}", protocol, signatures_only=True))
    if not wanted or PARTNERSHIP in wanted:
        found.append(Target(PARTNERSHIP, root_doc, PARTNERSHIP_FILE, partnership_title))
    if review_doc and REVIEW in wanted:
        found.append(Target(PARTNERSHIP, review_doc, REVIEW_FILE, "Annual review pack: "
                                                                  f"{partnership_title}"))
    return found


def protocol_filenames(p: Partnership) -> dict[str, str]:
    """Each protocol's PDF file name (without '.pdf'): its folder's name, else its ID."""
    names: dict[str, str] = {}
    used: set[str] = {PARTNERSHIP_FILE, REVIEW_FILE}
    for protocol in p.protocols:
        folder = posixpath.basename(posixpath.dirname(protocol.docname))
        name = folder if folder and folder not in used else protocol.id.lower().replace("_", "-")
        used.add(name)
        names[protocol.id] = name
    return names


def unknown_wanted(p: Partnership, only: str) -> list[str]:
    """IDs in ``protocols_pdf_only`` that are neither a protocol nor 'partnership'."""
    known = {x.id for x in p.protocols} | {PARTNERSHIP, REVIEW}
    return [
        w.strip() for w in only.replace(";", ",").split(",") if w.strip() and w.strip() not in known
    ]


@dataclass
class Entry:
    """A line of the contents: a title, the anchor it links to, and its depth (1 = top)."""

    title: str
    anchor: str
    level: int = 1


@dataclass
class Cover:
    """The facts on the cover page, as (label, value) rows, and the running header and footer."""

    rows: list[tuple[str, str]] = field(default_factory=list)
    running_title: str = ""
    running_version: str = ""
    draft: str = ""  # the status banner's words for a protocol not agreed ('Draft: not agreed')


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def version_label(target: Target) -> str:
    """The version on every page: the protocol's own label, else 'not stated'."""
    if target.protocol is None:
        return "all protocols"
    return target.protocol.get("version") or "not stated"


def cover(target: Target, p: Partnership, fp: Fingerprint, commit: Commit, built: str,
          signed: list[SignatureStatus], changed: Stamp | None = None) -> Cover:
    """The cover's rows and the running strings, for a protocol or for the partnership.

    ``changed`` is the last change of the protocol's folder in git (of the project for the rest).
    """
    label = f"Version {version_label(target)}" if target.protocol is not None else "All protocols"
    footer = f"{label} · content {fp.short}"
    if changed is not None and changed.in_git:
        footer += f" · last changed {long_date(changed.date)}"
    if commit.dirty:
        footer += " · with unsaved changes"
    if target.protocol is None:
        protocols = p.protocols
        rows = [
            (
                "Protocols",
                "; ".join(f"{x.label} ({x.status or 'status not stated'})" for x in protocols),
            )
        ]
        draft = "Not all agreed" if any(banner(p, x) for x in protocols) else ""
    else:
        proto = target.protocol
        parties = [p.label(x) for x in proto.targets("parties")]
        current = sum(1 for s in signed if s.current)
        rows = [
            ("Between", "; ".join(parties) or "not stated"),
            ("Version", proto.get("version") or "not stated"),
            ("Status", proto.status or "not stated"),
            ("Created", proto.get("created") or "not stated"),
            ("Last reviewed", reader_date(proto.get("last_reviewed")) or "not stated"),
            ("Next review", reader_date(proto.get("next_review")) or "not set"),
            ("Approved by", proto.get("approved_by") or "not recorded"),
            (
                "Signatures",
                f"{current} current, {len(signed) - current} stale" if signed else "none recorded",
            ),
        ]
        found = banner(p, proto)
        draft = found.text if found else ""
    if changed is not None:
        rows.append(("Last changed", _last_changed(changed)))
    rows += [
        ("Content fingerprint", fp.total),
        ("Made on", reader_date(built) + (_UNSAVED if commit.dirty else "")),
    ]
    return Cover(rows, shorten(target.title), footer, draft)


_UNSAVED = ", from files with changes not yet saved as a version"


def _last_changed(changed: Stamp) -> str:
    """The cover's 'Last changed' in words: the commit itself is for `protocols verify`, not the
    reader (it stays in the PDF's metadata)."""
    if changed.uncommitted:
        return "not yet saved as a version"
    if not changed.in_git:
        return "not recorded: the files are not in version control"
    return long_date(changed.date) + (", with later changes not yet saved" if changed.dirty else "")


def metadata(
    target: Target, fp: Fingerprint, commit: Commit, signed: list[SignatureStatus]
) -> dict[str, str]:
    """The entries `protocols verify` reads back from the PDF."""
    signatures = [
        {
            "protocol": s.signature.protocol,
            "signatory": s.signature.signatory,
            "name": s.signature.name,
            **({"deputy_for": s.signature.deputy_for} if s.signature.deputy_for else {}),
            "capacity": s.signature.capacity,
            "date": s.signature.date.isoformat(),
            "fingerprint": s.signature.fingerprint,
            "state": s.state,
        }
        for s in signed
    ]
    return {
        META_SCOPE: target.scope,
        META_FINGERPRINT: fp.total,
        META_CLAUSES: json.dumps(fp.clauses, sort_keys=True, separators=(",", ":")),
        META_SIGNATURES: json.dumps(signatures, separators=(",", ":")),
        META_COMMIT: commit.label,
        META_VERSION: version_label(target),
    }


_LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')


def fix_links(html: str) -> str:
    """Make links work inside one PDF: '#document-page#ID' -> '#ID', profile pages -> the item's
    card.

    A link to something that is not in this PDF (another protocol's item, a local file) keeps
    its text but stops being a link; links to the web are kept.
    """
    ids = set(_ID.findall(html))

    def repl(match: re.Match[str]) -> str:
        before, href, after, text = match.groups()
        if re.match(r"^(https?|mailto):", href):
            return match.group(0)
        anchor = href.rsplit("#", 1)[1] if "#" in href else ""
        if not anchor and (profile := re.search(r"(?:^|/)profiles/([A-Z][A-Z0-9_]*)\.html$", href)):
            anchor = profile.group(1)
        if anchor and anchor in ids:
            return f'<a{before}href="#{anchor}"{after}>{text}</a>'
        return f'<span data-pdf-unlinked=""{before.rstrip()}{after}>{text}</span>'

    return _LINK.sub(repl, html)
