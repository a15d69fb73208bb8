"""The ``pdf`` builder: one tagged PDF per protocol, and the whole partnership in one.

It is Sphinx's single-page HTML builder with its own writing step: for each PDF it inlines the
pages under the protocol's page, adds the views a PDF always has (duty register, matrix,
signature page) where the protocol has not placed them, lays the page out with the packaged
print template, and has WeasyPrint render it inside the build folder only.
"""

from __future__ import annotations

import posixpath
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.osutil import relative_uri

from sphinx_protocols.core.signatures import PARTNERSHIP
from sphinx_protocols.review.site import FLAG as REVIEW_FLAG
from sphinx_protocols.sphinxext.checks import build_date, get_history, get_partnership
from sphinx_protocols.sphinxext.config import get_config
from sphinx_protocols.sphinxext.directives import protocols_view
from sphinx_protocols.sphinxext.signing import get_fingerprint, signature_statuses
from sphinx_protocols.sphinxext.templating import environment
from sphinx_protocols.tools.vcs import describe
from sphinx_protocols.version import __version__

from . import document, making, weasy

logger = logging.getLogger("sphinx_protocols")
LANGUAGE = "en-GB"
#: The views every protocol PDF has, with the title of the section added when a protocol lacks one.
ALWAYS = {
    "duty-register": "Duty register",
    "matrix": "Reporting matrix",
    "signature-page": "Signature page",
}
#: The most receiving bodies one printed matrix has; a wider matrix is printed in parts.
MATRIX_COLUMNS = 8


class ProtocolsPDFBuilder(SingleFileHTMLBuilder):
    name = "pdf"
    epilog = "The PDFs are in %(outdir)s."
    search = False
    copysource = False

    def init(self) -> None:
        super().init()
        self.made: list[dict[str, Any]] = []  # one entry per PDF written, for the summary and tests
        self._pages: list[tuple[document.Target, Path]] = []

    # -- writing the HTML of each PDF ------------------------------------------------------
    def write_documents(self, _docnames: AbstractSet[str]) -> None:
        if reason := weasy.available():
            logger.warning(f"No PDF can be made: {reason}", type="protocols", subtype="D03")
            return
        self.prepare_writing(self.env.all_docs.keys())
        p = get_partnership(self._app)
        config = get_config(self.env)
        for wrong in document.unknown_wanted(p, config.pdf_only):
            logger.warning(f"conf.py: protocols_pdf_only names '{wrong}', which is not a protocol "
                           "ID or "
                           "'partnership'; it is left out.", type="protocols", subtype="config")
        title = config.partnership or self.config.project
        commit = describe(Path(self.srcdir))
        review = next(
            (d for d in sorted(self.env.found_docs) if self.env.metadata[d].get(REVIEW_FLAG)), ""
        )
        for target in document.targets(p, self.config.root_doc, title, config.pdf_only, review):
            suffix = document.SIGNATURES_SUFFIX if target.signatures_only else ""
            html_path = Path(self.outdir, f"{target.docname}{suffix}.html")
            html_path.parent.mkdir(parents=True, exist_ok=True)
            html_path.write_text(self._page(target, commit), encoding="utf-8")
            self._pages.append((target, html_path))

    def _assemble(self, target: document.Target) -> nodes.document:
        tree = self.env.get_doctree(target.docname)
        tree = inline_all_toctrees(self, set(), target.docname, tree, str, [target.docname])
        tree["docname"] = target.docname
        _reparent(tree)
        _lift_chapters(tree)
        if target.protocol is not None:
            _add_missing_views(tree, target)
        if target.signatures_only:
            _keep_signature_page(tree)
        for view in tree.findall(protocols_view):
            if view["view"] == "matrix":
                view["split"] = MATRIX_COLUMNS  # more would make columns too narrow to read
        self.env.resolve_references(tree, target.docname, self)
        _unique_ids(tree, target.docname)
        return tree

    def _body(self, target: document.Target, tree: nodes.document) -> str:
        tree.settings = self.docsettings
        self.secnumbers, self.fignumbers = {}, {}
        self.imgpath = relative_uri(f"{target.docname}.html", self.imagedir)
        self.dlpath = relative_uri(f"{target.docname}.html", "_downloads")
        self.current_docname = target.docname
        self.post_process_images(tree)
        visitor = self.create_translator(tree, self)
        tree.walkabout(visitor)
        return "".join(visitor.fragment)  # type: ignore[attr-defined]

    def _page(self, target: document.Target, commit: Any) -> str:
        tree = self._assemble(target)
        p = get_partnership(self._app)
        fp = get_fingerprint(self._app, target.scope)
        signed = signature_statuses(self._app, target.protocol) if target.protocol else [
            s for proto in p.protocols for s in signature_statuses(self._app, proto)
        ]
        env = environment(self._app)
        css = env.loader.get_source(env, "protocols/pdf/print.css")[0]  # type: ignore[union-attr]
        built = build_date()
        page = env.get_template("protocols/pdf/document.html").render(
            target=target,
            p=p,
            lang=_language(self.config.language),
            css=css,
            cover=document.cover(
                target,
                p,
                fp,
                commit,
                built.isoformat(),
                signed,
                get_history(self._app).stamp(target.scope if target.protocol else ""),
            ),
            contents=[] if target.signatures_only else _contents(tree, target, self.env),
            body=self._body(target, tree),
            metadata=document.metadata(target, fp, commit, signed),
            built=built,
            generator=f"sphinx-protocols {__version__}",
            partnership=get_config(self.env).partnership or self.config.project,
        )
        return document.fix_links(page)

    # -- rendering the PDFs ------------------------------------------------------------------
    def finish(self) -> None:
        self.copy_image_files()
        making.make_all(self, self._pages)


def _language(language: str | None) -> str:
    """The document language: the project's when it names a region, else British English."""
    return (
        language.replace("_", "-") if language and "-" in language.replace("_", "-") else LANGUAGE
    )


def _add_missing_views(tree: nodes.document, target: document.Target) -> None:
    """Give the protocol PDF a duty register, a matrix and a signature page, wherever they are."""
    assert target.protocol is not None
    folder = posixpath.dirname(target.protocol.docname)
    present = {
        n["view"]
        for n in tree.findall(protocols_view)
        if n.get("protocol") == target.scope
        or (not n.get("protocol") and _within(n["docname"], folder))
    }
    top = next(iter(tree.findall(nodes.section)), tree)
    signature = next(
        (n for n in tree.findall(protocols_view) if n["view"] == "signature-page"), None
    )
    chapter = (
        next(
            (a for a in reversed(_ancestors(signature)) if isinstance(a, addnodes.start_of_file)),
            None,
        )
        if signature is not None
        else None
    )
    for view, title in ALWAYS.items():
        if view in present:
            continue
        section = nodes.section(ids=[f"pdf-{view}"], names=[f"pdf-{view}"], classes=["pdf-added"])
        section += nodes.title(title, title)
        section += protocols_view(
            view=view, docname=target.docname, argument="", protocol=target.scope
        )
        if chapter is not None and chapter.parent is not None:  # the signature page stays last
            chapter.parent.insert(chapter.parent.index(chapter), section)
        else:
            top += section
    for node in tree.findall(protocols_view):
        if node["view"] == "signature-page" and node.parent is not None:
            section = node.parent if isinstance(node.parent, nodes.section) else None
            if (
                section is None or len(section.children) > 2
            ):  # wrap it: the signature page starts a page
                wrapper = nodes.section(
                    ids=[f"pdf-signature-page-{target.scope.lower()}"], names=[]
                )
                wrapper += nodes.title("Signature page", "Signature page")
                node.replace_self(wrapper)
                wrapper += node
                section = wrapper
            section["classes"].append("pdf-signature-section")


def _keep_signature_page(tree: nodes.document) -> None:
    """Leave only the signature page's section: that PDF is printed to sign on paper."""
    section = next(
        (n for n in tree.findall(nodes.section) if "pdf-signature-section" in n["classes"]), None
    )
    if section is None:
        return
    section.parent.remove(section)
    tree.children = [section]
    section.parent = tree


def _within(docname: str, folder: str) -> bool:
    here = posixpath.dirname(docname)
    return not folder or here == folder or here.startswith(folder + "/")


def _reparent(node: nodes.Node) -> None:
    """Point every node at its real parent: Sphinx inlines a page's nodes without updating
    theirs."""
    stack = [node]
    while stack:
        parent = stack.pop()
        for child in getattr(parent, "children", ()):
            child.parent = parent
            stack.append(child)


def _scope(node: nodes.Node, default: str) -> str:
    page = next((a for a in _ancestors(node) if isinstance(a, addnodes.start_of_file)), None)
    return page["docname"] if page is not None else default


def _unique_ids(tree: nodes.document, docname: str) -> None:
    """Pages inlined into one document may repeat a heading's ID ('duties'); later ones get '-2' ...

    Only sections are renamed (item IDs are unique already). Links inside the same page follow
    their target's new ID.
    """
    seen: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    for node in tree.findall(nodes.section):
        ids = []
        for old in node["ids"]:
            new, number = old, 1
            while new in seen:
                number += 1
                new = f"{old}-{number}"
            if new != old:
                renamed[(_scope(node, docname), old)] = new
            seen.add(new)
            ids.append(new)
        node["ids"] = ids
    if not renamed:
        return
    for ref in tree.findall(nodes.reference):
        scope = _scope(ref, docname)
        if ref.get("refid") and (scope, ref["refid"]) in renamed:
            ref["refid"] = renamed[(scope, ref["refid"])]
        elif ref.get("refuri", "").startswith("#") and (scope, ref["refuri"][1:]) in renamed:
            ref["refuri"] = "#" + renamed[(scope, ref["refuri"][1:])]


def _lift_chapters(tree: nodes.document) -> None:
    """Make each inlined page a chapter of the page that lists it, not of that page's last section.

    A toctree usually sits under a page's last heading ('Purpose' ...); in one document its pages
    would then be sub-sections of that heading. Each page's first section also gets an ID of its
    own, so that the contents can point at the page where the chapter starts.
    """
    for sof in list(tree.findall(addnodes.start_of_file)):
        first = next((c for c in sof.children if isinstance(c, nodes.section)), None)
        if first is not None:
            first["ids"].insert(0, "pdf-page-" + nodes.make_id(sof["docname"]))
    for wrapper in list(tree.findall(nodes.compound)):
        if "toctree-wrapper" not in wrapper["classes"]:
            continue
        home = next(
            (
                a
                for a in _ancestors(wrapper)
                if isinstance(a, (addnodes.start_of_file, nodes.document))
            ),
            tree,
        )
        top = next((c for c in home.children if isinstance(c, nodes.section)), None)
        while (
            top is not None
            and isinstance(wrapper.parent, nodes.section)
            and wrapper.parent is not top
        ):
            section = wrapper.parent
            section.remove(wrapper)
            section.parent.insert(section.parent.index(section) + 1, wrapper)


def _contents(tree: nodes.document, target: document.Target, env: Any) -> list[document.Entry]:
    """The contents: one line per page inlined (nested as in the toctrees), and the sections
    added."""
    entries = []
    for node in tree.findall(lambda n: isinstance(n, (addnodes.start_of_file, nodes.section))):
        if isinstance(node, addnodes.start_of_file):
            depth = sum(1 for a in _ancestors(node) if isinstance(a, addnodes.start_of_file)) + 1
            title = env.titles.get(node["docname"])
            anchor = "pdf-page-" + nodes.make_id(node["docname"])
            entries.append(
                document.Entry(title.astext() if title else node["docname"], anchor, depth)
            )
        elif "pdf-added" in node["classes"] or (
            node["ids"] and node["ids"][0].startswith("pdf-signature-page")
        ):
            depth = sum(1 for a in _ancestors(node) if isinstance(a, addnodes.start_of_file)) + 1
            entries.append(document.Entry(node[0].astext(), node["ids"][0], depth))
    return entries if target.scope != PARTNERSHIP else [e for e in entries if e.level <= 2]


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found
