"""One build state, and the dependencies of pages on things outside the sources.

:func:`get_state` is the one accessor for what a build works out once: the model, the findings,
the git history, fingerprints and signature records, the template environment, the problems
shown in the live preview. Like sphinx-needs' ``SphinxNeedsData(env)`` it is one object behind
one function instead of attributes scattered over the application. It lives on the application,
not the environment, because none of it may outlive a build: it is made afresh when the builder
starts, the model part is dropped once all pages are read, and it is never pickled, so parallel
reading (``-j``) never sees it (every value is derived after reading, in the main process).

What a page shows from outside its source is recorded while the page is read, through Sphinx's
own ``env.note_dependency``: a changed or deleted results file or signature file makes Sphinx
read the page again. Sphinx's dependencies cannot name a file that does not exist yet (a missing
one counts as changed on every build) or a program, so those are kept as *awaited* per page in
the environment (purged and merged like any per-page data): a page that drew a diagram without
Graphviz is read again once ``dot`` is installed, the accessibility statement once ``make a11y``
has written its results.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import get_node_location

from sphinx_protocols.core.ledger import Ledger
from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.rules import Finding
from sphinx_protocols.core.signatures import Fingerprint
from sphinx_protocols.tools.history import History


@dataclass
class BuildState:
    """What this build has worked out; ``None`` means not yet."""

    partnership: Partnership | None = None
    findings: list[Finding] | None = None
    history: History | None = None
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)
    ledgers: dict[str, Ledger] = field(default_factory=dict)
    #: per protocol, the line of each record whose key signature checks, and whose key it is
    key_holders: dict[str, dict[int, str]] = field(default_factory=dict)
    templates: jinja2.Environment | None = None
    csp: str | None = None  # the pages' Content-Security-Policy (csp.py)
    #: every warning of the build as (where, message), for the live preview's banner
    problems: list[tuple[str, str]] = field(default_factory=list)
    #: the link lists as the author wrote them, before sphinx-needs sorts them
    link_order: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    dot_warned: bool = False
    #: the rules ran on this build's pages (so the console summary counts their errors)
    checked: bool = False
    #: per page, a counter of the ids its views give their tables and captions
    view_ids: dict[str, Iterator[int]] = field(default_factory=dict)
    #: each page's fingerprint now, and as recorded when the site was last written (incremental.py)
    page_prints: dict[str, str] = field(default_factory=dict)
    written: dict[str, str] | None = None
    #: each body's profile, worked out once for its fingerprint and its page
    profiles: dict[str, Any] = field(default_factory=dict)
    #: the pages this build warned about ('' for a warning about no page we can name)
    warned: set[str] = field(default_factory=set)
    profile_navigation: dict[tuple[Any, ...], str] = field(default_factory=dict)

    def forget_model(self) -> None:
        """Drop what was derived from the pages, before pages are read again."""
        self.partnership = self.findings = self.history = None
        self.checked = False
        self.fingerprints.clear()
        self.ledgers.clear()
        self.key_holders.clear()
        self.profiles.clear()


def get_state(app: Sphinx) -> BuildState:
    """This build's state (made on first use)."""
    state = app.__dict__.get("_protocols_state")
    if state is None:
        state = app.__dict__["_protocols_state"] = BuildState()
    return state


def note_warning(app: Sphinx, location: object) -> None:
    """Remember the page a warning is about: the next build reads it again, so warns again."""
    if isinstance(location, tuple):
        docname = location[0] if location else None
    else:
        where = get_node_location(location) if isinstance(location, nodes.Node) else location
        path = re.sub(r":\d+$", "", where) if isinstance(where, str) else ""
        docname = app.env.path2doc(path) if path else None
        if docname is None and path:  # a file pages depend on (signatures.yaml): those pages
            pages = _depending_on(app.env, Path(path))
            get_state(app).warned.update(pages or {""})
            return
    get_state(app).warned.add(docname or "")


def _depending_on(env: BuildEnvironment, path: Path) -> set[str]:
    target = path.resolve()
    return {doc for doc, deps in env.dependencies.items()
            if any(Path(env.srcdir, dep).resolve() == target for dep in deps)}


def written_already(app: Sphinx, pagename: str) -> bool:
    """Whether a page the extension makes (a profile) is on disk as this build would write it."""
    state = get_state(app)
    now = state.page_prints.get(pagename)
    return (now is not None and state.written is not None and state.written.get(pagename) == now
            and Path(app.builder.get_outfilename(pagename)).is_file())


def _reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Pages are about to be read: what was derived from the last reading is out of date."""
    get_state(app).forget_model()


def _new_build(app: Sphinx) -> None:
    app.__dict__["_protocols_state"] = BuildState()
    # directives cannot reach the application; the results of 'make a11y' sit beside conf.py
    app.env.protocols_confdir = str(app.confdir)  # type: ignore[attr-defined]


def confdir(env: BuildEnvironment) -> Path:
    """The folder of conf.py, for directives (they see the environment, not the application)."""
    return Path(getattr(env, "protocols_confdir", env.srcdir))


# -- dependencies of pages ---------------------------------------------------------------------


def _awaited(env: BuildEnvironment) -> dict[str, set[tuple[str, str]]]:
    if not hasattr(env, "protocols_awaited"):
        env.protocols_awaited = {}  # type: ignore[attr-defined]
    return env.protocols_awaited  # type: ignore[attr-defined]


def depend_on_file(env: BuildEnvironment, path: Path) -> None:
    """The page being read shows what this file says: read it again when the file changes."""
    if path.is_file():
        env.note_dependency(path)
    else:
        _awaited(env).setdefault(env.docname, set()).add(("file", str(path)))


def depend_on_program(env: BuildEnvironment, name: str) -> None:
    """The page being read looks different with this program installed (Graphviz's dot)."""
    found = shutil.which(name)
    if found:
        env.note_dependency(found)  # a new version of the program draws it again too
    else:
        _awaited(env).setdefault(env.docname, set()).add(("program", name))


def _arrived(kind: str, name: str) -> bool:
    return Path(name).is_file() if kind == "file" else shutil.which(name) is not None


def _outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
              removed: set[str]) -> list[str]:
    """Pages waiting for a file or program that is now there."""
    return sorted(doc for doc, wanted in _awaited(env).items()
                  if doc in env.found_docs and any(_arrived(*w) for w in wanted))


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _awaited(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Parallel reading: bring the awaited files of the pages a worker read into the main one."""
    theirs = _awaited(other)
    _awaited(env).update({doc: theirs[doc] for doc in docnames if doc in theirs})


def setup_state(app: Sphinx) -> None:
    app.connect("builder-inited", _new_build, priority=0)
    app.connect("env-before-read-docs", _reading)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
