"""One version of the project's items: built once to needs.json, then kept per commit.

An earlier version is exported from git (vcs.export, the same as ``git archive``) into a temporary
folder and built there with ``python -m sphinx -b needs`` in a process of its own, because
sphinx-needs keeps its configuration in process-wide state. What the review needs from the build
(the items, the lexicon, the signature files, which findings the project silences) is kept under
``.cache/protocols/snapshots/COMMIT-TOOL`` at the root of the checkout, so the same version is never
built twice. TOOL changes when this extension's code or sphinx-needs changes, so a cache never
outlives the code that made it. The working tree is kept under the commit it matches when it has
no uncommitted changes, else under a hash of its files.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from sphinx_protocols.core.ledger import FILENAME, Ledger, LedgerError
from sphinx_protocols.core.ledger import load as load_ledger
from sphinx_protocols.core.lexicon import PACKAGED, LexiconError, Term, load, merge
from sphinx_protocols.core.model import Item, Partnership, item_from_need
from sphinx_protocols.core.versions import IGNORED, Version
from sphinx_protocols.core.vocabulary import FIELDS, LINK_TYPES
from sphinx_protocols.tools import vcs
from sphinx_protocols.tools.history import History
from sphinx_protocols.tools.sphinx_build import SphinxBuildError, build_needs

CACHE = Path(".cache", "protocols", "snapshots")
META = "protocols-meta.json"  # written beside needs.json by the build (review/site.py)
_CORE_KEYS = ("id", "type", "title", "content", "status", "docname", "lineno", "doctype")
#: The most seconds one version may take to build.
TIMEOUT = 900


class SnapshotError(RuntimeError):
    """A version could not be built; the message says which and why, in plain English."""


@dataclass
class Snapshot:
    """The items of one version, with what the checks need to judge them."""

    name: str  # what was asked for: a tag, a version, a commit, or 'the working tree'
    commit: str  # the full commit; for the working tree, the commit it started from
    short: str
    date: str  # the date of that commit (YYYY-MM-DD)
    dirty: bool  # the working tree, with changes not yet committed
    items: list[Item]
    sources: dict[
        str, str
    ]  # docname -> its file, relative to the project ('buckinghamshire/index.md')
    folder: Path  # the cache entry
    suppress: list[str] = field(default_factory=list)
    strict: bool = False
    cached: bool = False
    seconds: float = 0.0

    @property
    def describe(self) -> str:
        """'commit 1e23c88 of 2026-11-22', with '+ uncommitted changes' for a changed working
        tree."""
        text = f"commit {self.short} of {self.date}"
        return f"{text}, with uncommitted changes" if self.dirty else text

    def lexicon(self) -> list[Term]:
        terms = load(PACKAGED)
        own = self.folder / "files" / "lexicon.yaml"
        if own.is_file():
            try:
                return merge(terms, load(own))
            except LexiconError:
                return terms
        return terms

    def partnership(self, today: Any) -> Partnership:
        copies = [replace(i, fields=dict(i.fields), links=dict(i.links)) for i in self.items]
        return Partnership(copies, lexicon=self.lexicon(), today=today)

    def ledger(self, protocol: Item) -> Ledger:
        """The signature records beside the protocol in this version (empty if none or
        unreadable)."""
        path = self.folder / "files" / posixpath.dirname(protocol.docname) / FILENAME
        try:
            return load_ledger(path, protocol.id)
        except LedgerError:
            return Ledger(path)

    def where(self, docname: str, lineno: int) -> str:
        source = self.sources.get(docname, docname)
        return f"{source}:{lineno}" if lineno else source


@cache
def tool_key() -> str:
    """Changes whenever the extension's code or sphinx-needs does."""
    digest = hashlib.sha256(metadata.version("sphinx-needs").encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _tree_key(history: History) -> str:
    digest = hashlib.sha256()
    for name in vcs.files(history.project):
        if name.startswith(IGNORED):
            continue
        path = history.project / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_root(history: History) -> Path:
    assert history.root is not None
    return history.root / CACHE


def take(history: History, version: Version | None, audience: str = "partners") -> Snapshot:
    """The items of a version (None: the working tree), from the cache or built now.

    A review pack is for the partners, so by default it compares their build, partner-only
    clauses included; ``audience="public"`` compares what the public site shows.
    """
    start = time.perf_counter()
    if version is None:
        dirty = bool(history.changed_files())
        commit = history.head
        key = f"tree-{_tree_key(history)}" if dirty else commit
        name = "the working tree"
    else:
        dirty, commit, key, name = False, version.commit, version.commit, version.spec
    entry = cache_root(history) / f"{key}-{tool_key()}-{audience}"
    cached = (entry / "snapshot.json").is_file()
    if not cached:
        _build(history, None if version is None else commit, entry, audience)
    info = vcs.commit_info(history.project, commit)
    data = json.loads((entry / "snapshot.json").read_text(encoding="utf-8"))
    items = [item_from_need(n) for n in data["needs"]]
    meta = data.get("meta", {})
    return Snapshot(
        name,
        info.commit,
        info.short,
        info.date,
        dirty,
        items,
        data.get("sources", {}),
        entry,
        list(meta.get("suppress_warnings", [])),
        bool(meta.get("strict")),
        cached,
        time.perf_counter() - start,
    )


def _build(history: History, commit: str | None, entry: Path, audience: str) -> None:
    """Build one version to needs.json in a temporary folder and keep what the review needs."""
    with tempfile.TemporaryDirectory(prefix="protocols-review-") as tmp:
        work = Path(tmp)
        if commit is None:
            src = history.project
        else:
            vcs.export(history.project, commit, history.path(""), work / "tree")
            src = work / "tree" / ("" if history.prefix == "." else history.prefix)
        where = f"commit {commit[:7]}" if commit else "the working tree"
        if not (src / "conf.py").is_file():
            raise SnapshotError(f"The version at {where} has no {history.prefix}/conf.py, so it is "
                                "not a "
                                "protocols project and cannot be compared.")
        out = work / "needs"
        try:
            build_needs(src, out, work, TIMEOUT, audience)
        except SphinxBuildError as err:
            if err.timed_out:
                raise SnapshotError(f"Building the version at {where} took longer than {TIMEOUT} "
                                    "seconds.") from err
            raise SnapshotError(f"The version at {where} could not be built:\n{err}") from err
        _keep(src, out, entry)


def _keep(src: Path, out: Path, entry: Path) -> None:
    needs = json.loads((out / "needs.json").read_text(encoding="utf-8"))
    version = needs["versions"][needs["current_version"]]["needs"]
    keys = {*_CORE_KEYS, *FIELDS, *LINK_TYPES}  # the vocabulary of this run, not of the import
    kept = [{k: v for k, v in need.items() if k in keys and v not in (None, "", [], {})}
            for need in version.values() if not need.get("is_external")]
    meta = json.loads((out / META).read_text(encoding="utf-8")) if (out / META).is_file() else {}
    partial = entry.with_name(f"{entry.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    files = partial / "files"
    files.mkdir(parents=True)
    lexicon = src / (meta.get("lexicon") or "lexicon.yaml")
    if lexicon.is_file():
        shutil.copyfile(lexicon, files / "lexicon.yaml")
    for need in kept:
        if need["type"] == "protocol":
            folder = posixpath.dirname(need.get("docname", ""))
            ledger = src / folder / FILENAME
            if ledger.is_file():
                (files / folder).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(ledger, files / folder / FILENAME)
    sources = {
        n["docname"]: n["docname"] + n.get("doctype", ".md") for n in kept if n.get("docname")
    }
    (partial / "snapshot.json").write_text(
        json.dumps({"needs": kept, "meta": meta, "sources": sources}, ensure_ascii=False),
        encoding="utf-8",
    )
    try:
        partial.rename(entry)
    except OSError:  # another run kept the same version meanwhile
        shutil.rmtree(partial, ignore_errors=True)
