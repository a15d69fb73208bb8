"""Fill the view placeholders and write the profile pages, through the templates.

What each view computes is here; how a template is found and what it is given is in
templating.py.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from sphinx_protocols.core import branding, status, views
from sphinx_protocols.core import diagram as diagram_mod
from sphinx_protocols.core import matrix as matrix_mod
from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.reporting_calendar import forward_plan
from sphinx_protocols.core.versions import DUE_SOON_DAYS, review_due
from sphinx_protocols.core.vocabulary import FIELDS, ITEM_TYPES
from sphinx_protocols.sphinxext import signing, takeaway
from sphinx_protocols.sphinxext.checks import build_date, get_findings, get_partnership
from sphinx_protocols.sphinxext.config import get_config
from sphinx_protocols.sphinxext.directives import protocols_view
from sphinx_protocols.sphinxext.state import get_state, written_already
from sphinx_protocols.sphinxext.templating import PROFILE_DIR, environment, render
from sphinx_protocols.tools import dot

logger = logging.getLogger("sphinx_protocols")
CONFORMANCE_RESULTS = "conformance-results.json"  # written by `make conformance`


def protocol_for(p: Partnership, node: protocols_view | dict[str, Any]) -> Item | None:
    """The protocol a view draws: the one it names, else the one of its page's folder."""
    wanted = node.get("protocol") or ""
    if wanted:
        return p.get(wanted)
    folder = posixpath.dirname(node["docname"])
    candidates = [x for x in p.protocols if posixpath.dirname(x.docname) == folder]
    return candidates[0] if candidates else None


def view_problem(p: Partnership, node: protocols_view) -> str:
    """Why a view cannot be drawn, or '' when it can."""
    view = node["view"]
    if view == "profile":
        if node["argument"] in p:
            return ""
        return (f"The profile names '{node['argument']}', which is not an item in this site. "
                "Correct the ID, or add the item it means.")
    if view in ("matrix", "duty-register", "signature-page", "diagram", "meeting-rules") and (
            protocol_for(p, node) is None):
        where = f"'{node['protocol']}'" if node.get("protocol") else "in this folder"
        return (f"The {view} cannot be drawn: there is no protocol {where}. Add ':protocol:' with "
                "the ID of a protocol item.")
    return ""


def _check_views(app: Sphinx, env: BuildEnvironment) -> None:
    """Report every view that cannot be drawn once all pages are read, so that `protocols check`
    (which writes no pages) and every builder report it alike."""
    p = get_partnership(app)
    for docname in sorted(env.all_docs):
        if not env.metadata.get(docname, {}).get("protocols_views"):
            continue
        for node in env.get_doctree(docname).findall(protocols_view):
            if problem := view_problem(p, node):
                logger.warning(problem, type="protocols", subtype="P01",
                               location=(docname, node.line))
            if node["view"] == "accessibility-statement":
                for name, command in _results_files(app):
                    if problem := _results(app, name, command)[1]:
                        logger.warning(problem, type="protocols", subtype="P26",
                                       location=f"{Path(app.confdir, name)}:1")


def profile_of(app: Sphinx, body_id: str) -> views.Profile:
    """A body's profile, worked out once per build (its fingerprint and its page both need it)."""
    cache = get_state(app).profiles
    if body_id not in cache:
        cache[body_id] = views.profile(get_partnership(app), body_id)
    return cache[body_id]


def _context(
    app: Sphinx, node: protocols_view, docname: str, number: int = 1
) -> dict[str, Any] | None:
    """What each view's template needs; None (with a warning) when the view cannot be drawn."""
    p = get_partnership(app)
    view = node["view"]
    if view == "accessibility-statement":
        return _statement(app)
    if view in ("body-index", "findings", "protocol-list", "lexicon"):
        return {"findings": get_findings(app), "profiled": views.profiled(p), "terms": p.lexicon,
                "reviews": {x.id: review_due(x.get("next_review"), p.today) for x in p.protocols},
                "due_soon_days": DUE_SOON_DAYS, "summary": status.summary(p),
                "downloads": takeaway.table_downloads(app, docname, view, None)}
    if view == "profile":
        if view_problem(p, node):  # reported once every page is read (_check_views)
            return None
        body_id = node["argument"]
        return {"profile": profile_of(app, body_id), "as_page": False,
                **_plan(app, docname, p[body_id])}
    protocol = protocol_for(p, node)
    if protocol is None:
        return None
    context: dict[str, Any] = {"protocol": protocol, "caption": node.get("caption", "")}
    if view == "matrix":
        matrix = matrix_mod.build_matrix(p, protocol.id, node.get("columns"))
        context.update(matrix=matrix,
                       downloads=takeaway.matrix_downloads(app, docname, matrix, number))
    elif view == "duty-register":
        context["groups"] = views.duty_register(p, protocol.id)
        context["downloads"] = takeaway.table_downloads(app, docname, view, protocol)
    elif view == "signature-page":
        context.update(signing.signature_context(app, protocol))
    elif view == "diagram":
        context.update(_diagram(app, docname, protocol.id))
    elif view == "meeting-rules":
        context["meetings"] = p.of_type("meeting", protocol=protocol.id)
        context["fields"] = [(name, FIELDS[name].label) for name in ITEM_TYPES["meeting"].fields]
    return context


def _diagram(app: Sphinx, docname: str, protocol: str) -> dict[str, Any]:
    """Draw the diagram as SVG beside the site's images; without dot, the text equivalent alone."""
    p = get_partnership(app)
    drawing = diagram_mod.build(p, protocol)
    context: dict[str, Any] = {"diagram": drawing, "styles": diagram_mod.STYLES, "src": "",
                               "alt": diagram_mod.alt_text(p, drawing)}
    if not drawing.relations:
        return context
    try:
        svg = dot.svg(diagram_mod.to_dot(p, drawing))
    except dot.DotError as err:
        if not get_state(app).dot_warned:
            logger.info(f"note: {err}", color="darkred")
            get_state(app).dot_warned = True
        return context
    name = f"{protocol.lower().replace('_', '-')}-accountability.svg"
    target = Path(app.outdir, "_images", name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(svg, encoding="utf-8")
    context["src"] = posixpath.relpath(f"_images/{name}", posixpath.dirname(docname) or ".")
    size = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"', svg)
    context["width"] = round(float(size.group(1))) if size else 0
    return context


def _results(app: Sphinx, name: str, command: str) -> tuple[dict[str, Any] | None, str]:
    """A results file beside conf.py, written by ``command``: (its data or None, the problem)."""
    path = Path(app.confdir, name)
    if not path.is_file():
        return None, ""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        data = None
    if isinstance(data, dict) and all(isinstance(p, dict) for p in data.get("pages", [])):
        return data, ""
    return None, (f"{path.name} is not a results file written by '{command}', so the "
                  f"accessibility statement leaves it out. Run '{command}' again.")


def _results_files(app: Sphinx) -> list[tuple[str, str]]:
    return [(get_config(app.env).accessibility_results, "make a11y"),
            (CONFORMANCE_RESULTS, "make conformance")]


def _statement(app: Sphinx) -> dict[str, Any]:
    """The statement's facts: who runs the site, how to reach them, and the latest browser check.
    A damaged results file is reported once all pages are read (_check_views)."""
    (results, _), (conformance, _) = (_results(app, *f) for f in _results_files(app))
    app.env.note_dependency(str(Path(app.confdir, CONFORMANCE_RESULTS)))
    failing = [p for p in (results or {}).get("pages", []) if p.get("violations")]
    return {"results": results, "failing": failing, "prepared": build_date().isoformat(),
            "conformance": conformance}


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    matrices = 0
    for node in list(doctree.findall(protocols_view)):
        if app.builder.format != "html":
            node.replace_self([])
            continue
        matrices += node["view"] == "matrix"
        context = _context(app, node, docname, matrices)
        if context is None:
            node.replace_self([])
            continue
        if node["view"] == "matrix" and node.get("split"):  # the PDF prints a wide matrix in parts
            parts = matrix_mod.split_columns(context["matrix"], node["split"])
            base = context["caption"] or f"Reporting matrix: {context['protocol'].label}"
            html = "".join(
                render(
                    app,
                    "matrix",
                    docname,
                    **{
                        **context,
                        "matrix": part,
                        "caption": f"{base} (part {i} of {len(parts)})" if len(parts) > 1 else base,
                        "part": i if len(parts) > 1 else 0,
                    },
                )
                for i, part in enumerate(parts, 1)
            )
        else:
            html = render(app, node["view"], docname, **context)
        node.replace_self(nodes.raw("", html, format="html"))


def _plan(app: Sphinx, pagename: str, item: Item) -> dict[str, Any]:
    """A body's forward plan for this year, and the link to its calendar file."""
    p = get_partnership(app)
    href = takeaway.calendar_href(pagename, item) if takeaway.writes(app) else ""
    return {"plan": forward_plan(p, item.id, p.today.year), "calendar_href": href}


def _profile_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if not get_config(app.env).profile_pages or app.builder.format != "html":
        return
    p = get_partnership(app)
    for item in views.profiled(p):
        pagename = f"{PROFILE_DIR}/{item.id}"
        if written_already(app, pagename):
            continue
        body = render(app, "profile", pagename, profile=profile_of(app, item.id), as_page=True,
                      **_plan(app, pagename, item))
        yield pagename, {"title": item.label, "body": body}, "page.html"


_CAPTION = re.compile(r'role="heading"(?! aria-level)')


def _fix_captions(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give Sphinx's toctree captions the aria-level their heading role needs (WCAG 4.1.2).

    Sphinx writes ``<p class="caption" role="heading">`` without a level; the theme copies it into
    the sidebar. Until Sphinx fixes it upstream, every string of the page context is mended here.
    """
    for key, value in list(context.items()):
        if isinstance(value, str) and 'role="heading"' in value:
            context[key] = _CAPTION.sub('role="heading" aria-level="2"', value)


def _problems_banner(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """In the live preview, put this build's errors and findings at the top of every page."""
    if not get_config(app.env).show_problems or "body" not in context:
        return
    findings = [f for f in get_findings(app) if f.severity == "finding"]
    banner = (
        environment(app)
        .get_template("protocols/problems.html")
        .render(
            problems=get_state(app).problems,
            findings=findings,
            findings_href=app.builder.get_relative_uri(pagename, "findings")
            if "findings" in app.env.found_docs
            else "",
        )
    )
    context["body"] = banner + context["body"]


def _share_profile_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Profile pages are not in the table of contents and sit at one depth, so their navigation is
    the same on all of them: work it out once. (The theme builds it afresh per page; for a few
    hundred profile pages that was most of the build.)"""
    if not pagename.startswith(PROFILE_DIR + "/") or "toctree" not in context:
        return
    cache = get_state(app).profile_navigation
    build = context["toctree"]

    def toctree(**kwargs: Any) -> str:
        key = tuple(sorted(kwargs.items()))
        if key not in cache:
            cache[key] = build(**kwargs)
        return cache[key]

    context["toctree"] = toctree


def _static(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(Path(__file__).parent / "static"))
        app.add_css_file("protocols.css", priority=900)  # after the theme's and sphinx-needs' own
        app.add_css_file("protocols-brand.css", priority=901)


def _brand_css(app: Sphinx) -> None:
    """The partnership's colour as a CSS variable, written beside the other static files before
    any page is, so every page links it the same way (with its checksum) in every build."""
    if app.builder.format == "html":
        target = Path(app.outdir, "_static", "protocols-brand.css")
        target.parent.mkdir(parents=True, exist_ok=True)
        css = branding.css_variables(app.config.protocols_brand_colour)
        target.write_text(css, encoding="utf-8")


def setup_render(app: Sphinx) -> None:
    app.connect("builder-inited", _static)
    app.connect("builder-inited", _brand_css)
    app.connect("html-page-context", _fix_captions, priority=900)
    app.connect("html-page-context", _problems_banner)
    app.connect("html-page-context", _share_profile_navigation, priority=400)  # before the theme's
    app.connect("doctree-resolved", _resolve)
    app.connect("env-check-consistency", _check_views)
    app.connect("html-collect-pages", _profile_pages)
