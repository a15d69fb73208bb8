"""A build reads only the project's own files, fetches nothing (P41), and runs no template (P42).

A protocol repository takes edits from officers of several agencies, and what a page includes is
published. So ``{include}``, ``{literalinclude}``, ``{raw}`` and ``{csv-table}`` with ``:file:``,
an image, a download link, a graph file, an imported needs file, or a page that is a link to a
file elsewhere, are refused when the file is outside the folder holding ``conf.py``; anything
that would fetch from a web address is refused wherever it points. An item's text is never run
through Jinja (sphinx-needs' ``:jinja_content:`` and ``:template:`` options): a template can
read any file and run programs on the computer that builds the site.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.parsers.rst.directives.misc import Include, Raw
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx_needs.directives.need import NeedDirective

from sphinx_protocols.core.vocabulary import ITEM_TYPES

logger = logging.getLogger("sphinx_protocols")

#: directive -> where it reads from: "" its first argument, else an option; and how that is
#: resolved: "project" as Sphinx does (a leading / is the project folder), "page" from the page's
#: folder (a leading / is the computer's), "network" a web address, always refused
READERS: dict[str, dict[str, str]] = {
    "include": {"": "project"},
    "literalinclude": {"": "project"},
    "graphviz": {"": "project"},
    "needimport": {"": "project"},
    "csv-table": {"file": "project", "url": "network"},
    "raw": {"file": "page", "url": "network"},
    "data-viewer": {"file": "page"},
    "needservice": {"*": "network"},
}
_INCLUDE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\{include\}\s*(\S.*?)\s*$")
_WEB = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # a scheme: http:, https:, file:, data: ...


def outside(env: BuildEnvironment, path: str | os.PathLike[str]) -> bool:
    """Whether a file, once links are followed, is outside the project's folder."""
    root = Path(env.srcdir).resolve()
    return not Path(path).resolve().is_relative_to(root)


_COPY = "Copy the file into the project folder (beside conf.py) and name it from there."
_SAVE = "Save a copy of it in the project folder (beside conf.py) and name that instead."
_WRITE = "Write the items in the page instead."


def _refuse(env: BuildEnvironment, what: str, fix: str, location: Any) -> None:
    logger.warning(
        f"{what} A build reads only the project's own files and fetches nothing from the "
        f"internet, since whatever a page takes in is published. {fix}",
        type="protocols",
        subtype="P41",
        location=location,
    )


def _problem(directive: Directive, name: str) -> tuple[str, str]:
    """What is wrong with what the directive would read and the fix, or '' when it may go on."""
    env = directive.state.document.settings.env
    page = Path(directive.state.document.current_source or env.doc2path(env.docname)).parent
    for where, how in READERS[name].items():
        if where == "*":
            return f"'{{{name}}}' fetches items from a service on the internet.", _WRITE
        if where:
            value = directive.options.get(where) or ""
        else:
            value = directive.arguments[0] if directive.arguments else ""
        value = value.strip()
        if not value or (name == "include" and value.startswith("<") and value.endswith(">")):
            continue
        shown = f"'{{{name}}}'" + (f" with :{where}:" if where else "")
        if how == "network" or _WEB.match(value):
            return f"{shown} names a web address ({value}), which is not fetched.", _SAVE
        path = env.relfn2path(value, env.docname)[1] if how == "project" else page / value
        if outside(env, path):
            return f"{shown} names the file {value}, which is outside the project folder.", _COPY
    return "", ""


def _confined(name: str, base: type[Directive]) -> type[Directive]:
    """The directive as registered, refusing first what it must not read."""

    def run(self: Directive) -> list[nodes.Node]:
        problem, fix = _problem(self, name)
        if not problem:
            return base.run(self)
        env = self.state.document.settings.env
        _refuse(env, problem, fix, (env.docname, self.lineno))
        return []

    return type(base.__name__, (base,), {"run": run, "__doc__": base.__doc__})


def _included(app: Sphinx, relative_path: Path, _parent: str, content: list[str]) -> None:
    """MyST reads an ``{include}`` itself and tells of it here, before the text is used."""
    env = app.env
    target = (Path(env.srcdir) / relative_path).resolve()
    if not outside(env, target) or target.is_relative_to(Path(Include.standard_include_path)):
        return  # docutils' own character tables (<isonum.txt>) may be included
    content[0] = ""
    reported = env.temp_data.setdefault("protocols_refused_includes", set())
    line, shown = None, relative_path.name  # an include in an included file: named, not found
    try:
        lines = Path(env.doc2path(env.docname)).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    for number, text in enumerate(lines, start=1):
        written = _INCLUDE.match(text)
        if (written and number not in reported
                and Path(env.relfn2path(written[1], env.docname)[1]).resolve() == target):
            line, shown = number, written[1]
            reported.add(number)
            break
    _refuse(env, f"'{{include}}' names the file {shown}, which is outside the project folder.",
            _COPY, (env.docname, line))


def _files_in(app: Sphinx, doctree: nodes.document) -> None:
    """Images and download links, before Sphinx copies their files into the site."""
    env = app.env
    for node in list(doctree.findall(nodes.image)):
        uri = node.get("uri", "")
        if uri and not _WEB.match(uri) and outside(env, env.relfn2path(uri, env.docname)[1]):
            _refuse(env, f"The picture {uri} is outside the project folder.", _COPY, node)
            alt = node.get("alt", "")
            inline = isinstance(node.parent, nodes.TextElement)
            node.replace_self(nodes.inline(alt, alt) if inline else nodes.paragraph(alt, alt))
    for node in list(doctree.findall(addnodes.download_reference)):
        target = node.get("reftarget", "")
        if target and not _WEB.match(target) and outside(
            env, env.relfn2path(target, env.docname)[1]
        ):
            _refuse(env, f"The link to {target} names a file outside the project folder.", _COPY,
                    node)
            node.replace_self(nodes.inline(node.astext(), node.astext()))


def _pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """A page that is a link to a file elsewhere is left out, as if it were not there."""
    for docname in list(docnames):
        if outside(env, env.doc2path(docname)):
            _refuse(env, "This page is a link to a file outside the project folder, so it was "
                         "left out of the site.", "Put the page itself in the project folder.",
                    (docname, 1))
            docnames.remove(docname)
            env.found_docs.discard(docname)


#: item options that run the item's text, or a template file, through Jinja during the build
TEMPLATED = ("jinja_content", "template", "pre_template", "post_template")


class PlainItem(NeedDirective):
    """An item whose text is published as written: the template options are dropped (P42)."""

    def run(self) -> list[nodes.Node]:
        for key in TEMPLATED:
            if key not in self.options:
                continue
            value = (self.options.pop(key) or "").strip()
            what = "this clause's text" if key == "jinja_content" else f"the template '{value}'"
            logger.warning(
                f"':{key}:' asks the build to run {what} as a template, which could read any "
                "file or run a program on the computer that builds the site, so it is ignored "
                "and the clause is published as written. Delete the line.",
                type="protocols",
                subtype="P42",
                location=(self.env.docname, self._line_of(key)),
            )
        return list(super().run())

    def _line_of(self, key: str) -> int:
        """The line of the option, which docutils does not keep: the first after the item's."""
        try:
            lines = Path(self.env.doc2path(self.env.docname)).read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return self.lineno
        after = lines[self.lineno:]
        return next((self.lineno + 1 + n for n, text in enumerate(after)
                     if text.startswith(f":{key}:")), self.lineno)


def _plain_items(app: Sphinx, _config: object) -> None:
    """After sphinx-needs has registered its directive under each item type's name."""
    for name in ITEM_TYPES:
        if directives._directives.get(name) is NeedDirective:
            app.add_directive(name, PlainItem, override=True)


def setup_confined(app: Sphinx) -> None:
    for name in READERS:
        # as registered by now; docutils' own {raw} is only loaded on first use
        base = directives._directives.get(name, Raw if name == "raw" else None)
        if base is None or not isinstance(base, type):
            continue
        if issubclass(base, Include):
            app.connect("include-read", _included)  # MyST reads includes without run()
        app.add_directive(name, _confined(name, base), override=True)
    app.connect("config-inited", _plain_items, priority=900)
    app.connect("env-before-read-docs", _pages)
    app.connect("doctree-read", _files_in, priority=100)
