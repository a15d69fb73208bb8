"""Incremental builds: which pages to write again when only some pages were read again.

Sphinx reads again only the pages whose sources changed. A page that was not read can still show
what changed: a card names the items it links to, a profile lists the duties another page gives
its body, a register or matrix draws a whole protocol. So once the model is made, each page gets
a fingerprint of what it draws from it (:mod:`sphinx_protocols.core.fingerprint`): its items'
cards, the views on it, its protocol's banner and version stamp, the items its ``{need}``
references name, and the site's navigation. The pages whose fingerprint differs from the one
recorded when the site was last written are written again; a profile page is written only when
its fingerprint changed or its file is missing.

The record (``.protocols-pages.json`` in the output folder) is removed when writing starts and
written again only when a build finishes without an exception, so after an interrupted build
every page is read and written again. It also names the pages the build warned about: they are
read again next time, so every build reports every problem, as a full build would. Where a
page's inputs cannot be followed (a sphinx-needs table or chart, a duplicate ID, a partnership's
own view templates), its fingerprint holds the whole model with every item's text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_needs.nodes import Need
from sphinx_needs.roles.need_ref import NeedRef

from sphinx_protocols.core import diagram, matrix, views
from sphinx_protocols.core.cards import card
from sphinx_protocols.core.fingerprint import Encoder, digest, model_digest
from sphinx_protocols.core.model import Item
from sphinx_protocols.core.reporting_calendar import forward_plan
from sphinx_protocols.core.status import banner
from sphinx_protocols.core.versions import review_due
from sphinx_protocols.review.site import FLAG as REVIEW_FLAG
from sphinx_protocols.sphinxext import signing
from sphinx_protocols.sphinxext.checks import get_findings, get_history, get_partnership
from sphinx_protocols.sphinxext.config import get_config
from sphinx_protocols.sphinxext.directives import protocols_view
from sphinx_protocols.sphinxext.render import CONFORMANCE_RESULTS, profile_of, protocol_for
from sphinx_protocols.sphinxext.stamps import protocol_of_page
from sphinx_protocols.sphinxext.state import get_state
from sphinx_protocols.sphinxext.templating import PROFILE_DIR, templates_dir
from sphinx_protocols.version import __version__

RECORD = ".protocols-pages.json"
_BASIC = frozenset({*nodes.Element.basic_attributes, "source", "line"})
_GLOBAL_VIEWS = frozenset({"body-index", "protocol-list", "lexicon"})


# -- while reading: what each page draws from outside its source ----------------------------------


def _inputs(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    if not hasattr(env, "protocols_inputs"):
        env.protocols_inputs = {}  # type: ignore[attr-defined]
    return env.protocols_inputs  # type: ignore[attr-defined]


def _followed(node: nodes.Node) -> bool:
    """Whether a sphinx-needs node on a page is one whose inputs we follow (items, references)."""
    return not type(node).__module__.startswith("sphinx_needs") or isinstance(node, Need | NeedRef)


def _note_inputs(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    _inputs(env)[env.docname] = {
        "items": [n["ids"][0] for n in doctree.findall(Need) if n["ids"]],
        "views": [
            {k: v for k, v in n.attributes.items() if k not in _BASIC}
            for n in doctree.findall(protocols_view)
        ],
        "refs": sorted({n["reftarget"].split(".")[0] for n in doctree.findall(NeedRef)}),
        "xref": any(True for _ in doctree.findall(addnodes.pending_xref)),
        "unfollowed": not all(_followed(n) for n in doctree.findall(nodes.Element)),
        "review": bool(env.metadata[env.docname].get(REVIEW_FLAG)),
    }


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _inputs(env).pop(docname, None)


def _forget_first(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Forget every page to be read before reading the first, as parallel reading does.

    Sphinx reading one page at a time forgets each just before reading it: an item moved from
    ``duties`` to ``bodies`` would still be in ``duties`` when ``bodies`` is read, and be dropped as
    a duplicate ID.
    """
    for docname in docnames:
        app.events.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _inputs(other)
    _inputs(env).update({doc: theirs[doc] for doc in docnames if doc in theirs})


# -- after reading: the fingerprint of every page -------------------------------------------------


class _Prints:
    """The fingerprints of one build, from its model."""

    def __init__(self, app: Sphinx) -> None:
        self.app, self.env = app, app.env
        self.p = get_partnership(app)
        self.history = get_history(app)
        self.enc = Encoder(self.p)
        self.whole = model_digest(self.p, with_text=True)
        self.shape = self.enc.digest(
            model_digest(self.p), self.p.lexicon, self.p.today, self.p.tags, self.p.signed
        )
        self.versions = {x.id: self.p.history(x.id) for x in self.p.protocols}
        self.site = self._site()
        self.xrefs = self._xrefs()

    def _site(self) -> str:
        """What every page shows: the settings, our code and templates, the navigation."""
        app, env = self.app, self.env
        info = getattr(app.builder, "build_info", None)
        dirs = [Path(app.confdir, d) for d in app.config.templates_path]
        restyled = any(True for d in dirs for _ in (d / "protocols").glob("**/*.html"))
        code = [Path(__file__).parent.parent, templates_dir(), *dirs]
        times = sorted(
            (str(f), f.stat().st_mtime_ns)
            for d in code
            for f in d.glob("**/*")
            if f.suffix in (".py", ".html")
        )
        navigation = [
            (
                d,
                env.titles[d].astext() if d in env.titles else "",
                env.tocs[d].pformat() if d in env.tocs else "",
            )
            for d in sorted(env.found_docs)
        ]
        config = get_config(env)
        problems = (get_findings(app), get_state(app).problems) if config.show_problems else ()
        return self.enc.digest(
            (
                __version__,
                getattr(info, "config_hash", ""),
                getattr(info, "tags_hash", ""),
                times,
                navigation,
                sorted((k, tuple(v)) for k, v in env.toctree_includes.items()),
                problems,
                self.whole if restyled else "",
            )
        )

    def _xrefs(self) -> str:
        """Page titles and labels: what a cross-reference to another page shows."""
        data = self.env.domains.standard_domain.data
        return digest(
            repr(
                (
                    sorted((d, t.astext()) for d, t in self.env.titles.items()),
                    sorted(
                        (k, sorted(map(repr, v.items())) if isinstance(v, dict) else repr(v))
                        for k, v in data.items()
                    ),
                )
            )
        )

    def _where(self, pagename: str) -> list[Any]:
        """The page's protocol: its status banner, its stamp and its review date."""
        protocol = protocol_of_page(self.p, pagename)
        parts: list[Any] = [self.history.stamp(protocol.id if protocol else "")]
        if protocol is not None:
            parts += [
                protocol,
                banner(self.p, protocol),
                review_due(protocol.get("next_review"), self.p.today),
            ]
        return parts

    def _history(self, protocol: Item) -> list[Any]:
        place = self.history.places.get(protocol.id)
        dirty = bool(place) and self.history.in_git and self.history.dirty(place.folder)
        return [protocol, self.versions[protocol.id], self.history.stamp(protocol.id), dirty]

    def _view(self, view: dict[str, Any]) -> Any:
        app, p, name = self.app, self.p, view["view"]
        if name == "accessibility-statement":
            files = [
                Path(app.confdir, get_config(app.env).accessibility_results),
                Path(app.confdir, CONFORMANCE_RESULTS),
            ]
            return [f.read_bytes() if f.is_file() else None for f in files] + [self.shape]
        if name == "findings":
            return [self.shape, get_findings(app)]
        if name in _GLOBAL_VIEWS:
            return self.shape
        if name == "profile":
            return profile_of(app, view["argument"]) if view["argument"] in p else None
        protocol = protocol_for(p, view)
        if protocol is None:
            return None
        if name == "matrix":
            return [
                matrix.build_matrix(p, protocol.id, view.get("columns")),
                get_config(app.env).matrix_csv,
            ]
        if name == "duty-register":
            return views.duty_register(p, protocol.id)
        if name == "signature-page":
            return signing.signature_context(app, protocol)
        if name == "diagram":
            drawn = diagram.build(p, protocol.id)
            return [drawn, diagram.to_dot(p, drawn), shutil.which("dot")]
        if name == "meeting-rules":
            return p.of_type("meeting", protocol=protocol.id)
        return self.whole

    def page(self, docname: str) -> str:
        inputs = _inputs(self.env).get(docname, {})
        here = [self.p.get(i) for i in inputs.get("items", ())]
        own = [i for i in here if i is not None and i.docname == docname]
        parts: list[Any] = [self.site, *self._where(docname), *(card(self.p, i) for i in own)]
        parts += [
            self._history(x)
            for x in self.p.protocols
            if x.docname == docname or any(v.docname == docname for v in self.versions[x.id])
        ]
        parts += [(view, self._view(view)) for view in inputs.get("views", ())]
        parts.append(inputs.get("refs", ()))
        if inputs.get("review"):
            parts.append(self.shape)
        if inputs.get("xref"):
            parts.append(self.xrefs)
        if inputs.get("unfollowed", True) or len(own) < len(here):  # or not noted: everything
            parts.append(self.whole)
        return self.enc.digest(*parts)

    def profile(self, item: Item) -> str:
        pagename = f"{PROFILE_DIR}/{item.id}"
        plan = forward_plan(self.p, item.id, self.p.today.year)  # this year's reports due
        return self.enc.digest(
            self.site, *self._where(pagename), profile_of(self.app, item.id), plan
        )


def _record(app: Sphinx) -> Path:
    return Path(app.outdir, RECORD)


def _incremental(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.builder.name != "pdf"


def _outdated(app: Sphinx, written: dict[str, str] | None) -> set[str]:
    """Work out every page's fingerprint; the pages whose fingerprint differs from the record."""
    state, env = get_state(app), app.env
    prints = _Prints(app)
    state.page_prints = {doc: prints.page(doc) for doc in sorted(env.found_docs)}
    if get_config(env).profile_pages:
        state.page_prints.update(
            {f"{PROFILE_DIR}/{x.id}": prints.profile(x) for x in views.profiled(prints.p)}
        )
    state.written = written
    if written is None:
        return set(env.found_docs)
    return {d for d in env.found_docs if written.get(d) != state.page_prints[d]}


def _warned_again(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Read the record of the last build; read again the pages it warned about, so that every
    build reports every problem. Without a record (a first build, or one interrupted or failed),
    every page is read."""
    if not _incremental(app):
        return []
    try:
        record = json.loads(_record(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = None
    state = get_state(app)
    state.written = record["pages"] if record else None
    warned = set(record["warned"]) if record else {""}
    return sorted(env.found_docs if "" in warned else warned & env.found_docs)


def _add_outdated(app: Sphinx) -> None:
    """Add the pages whose inputs changed to the pages Sphinx writes.

    Sphinx names the pages to write again (``env-get-updated``) before the sealed sphinx-needs data
    (and so our model) exists, so the builder's ``prepare_writing``, which is given the set of
    pages about to be written, adds them instead.
    """
    if not _incremental(app):
        return
    builder = app.builder
    prepare = builder.prepare_writing

    def prepare_writing(docnames: set[str]) -> None:
        _record(app).unlink(missing_ok=True)  # until this build has written its pages
        docnames.update(_outdated(app, get_state(app).written))
        prepare(docnames)

    builder.prepare_writing = prepare_writing  # type: ignore[method-assign]


def _keep_record(app: Sphinx, exception: Exception | None) -> None:
    state = get_state(app)
    if exception is None and _incremental(app) and state.page_prints:
        record = {"pages": state.page_prints, "warned": sorted(state.warned)}
        _record(app).write_text(json.dumps(record, indent=0), encoding="utf-8")


def setup_incremental(app: Sphinx) -> None:
    app.connect("doctree-read", _note_inputs)
    app.connect("env-purge-doc", _purge)
    app.connect("env-before-read-docs", _forget_first, priority=900)  # after sphinx-needs' own
    app.connect("env-merge-info", _merge)
    app.connect("builder-inited", _add_outdated)
    app.connect("env-get-outdated", _warned_again)
    app.connect("build-finished", _keep_record)
